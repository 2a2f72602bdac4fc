#!/usr/bin/env python3
"""Build the offline HTML course in build/site/ from the executed notebooks in build/executed/.

Each chapter becomes one page (nbconvert's lab template) with previous/next navigation. index.html
is the front page: the course in a paragraph, a figure from the run (the cell tagged
front-page-figure), and each chapter with its objectives, its run time (timings.json) and its key
result (the first printed line of the cell tagged key-result); readme.html is README.md. plotly.js and MathJax are copied into site/assets/, so the folder can be
zipped and opened from disk with no network. Charts find window.Plotly, which the page loads
before anything else; MathJax 3 renders the maths as SVG (no web fonts to load from file://).
"""
import argparse
import base64
import glob
import html
import json
import os
import re
import shutil
import subprocess
import urllib.parse
import sys

import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters.markdown import markdown2html

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COURSE_TITLE = "LeNet-5 in Java"

MATHJAX_CONFIG = """<script>
window.MathJax = {
  tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']], processEscapes: true},
  options: {ignoreHtmlClass: 'jp-OutputArea|output_area'},
  svg: {fontCache: 'global'}
};
</script>
<script src="assets/mathjax/tex-svg.js" defer></script>"""

STYLE = """<style>
.lenet5-nav {display: flex; justify-content: space-between; align-items: center; gap: 1em;
  max-width: 1100px; margin: 0 auto; padding: 0.6em 1em; font: 14px sans-serif;
  border-bottom: 1px solid #ddd; background: #fafafa;}
.lenet5-nav.bottom {border-top: 1px solid #ddd; border-bottom: none; margin-top: 2em;}
.lenet5-nav a {text-decoration: none; color: #1565c0;}
.lenet5-nav .title {font-weight: bold;}
</style>"""


def chapter_title(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return fallback


def nav(pages, i, position):
    prev = ('<a href="%s">&larr; %s</a>' % (pages[i - 1][0], html.escape(pages[i - 1][1]))) if i > 0 else "<span></span>"
    nxt = ('<a href="%s">%s &rarr;</a>' % (pages[i + 1][0], html.escape(pages[i + 1][1]))) if i + 1 < len(pages) else "<span></span>"
    return ('<nav class="lenet5-nav %s">%s<a class="title" href="index.html">%s</a>%s</nav>'
            % (position, prev, html.escape(COURSE_TITLE), nxt))


def localise(page):
    """Drop every script the template loads from elsewhere; load our offline assets instead."""
    page = re.sub(r'<script[^>]*src="[^"]*require[^"]*\.js"[^>]*>\s*</script>', "", page)
    page = re.sub(r'<script[^>]*src="[^"]*(MathJax|mathjax)[^"]*"[^>]*>\s*</script>', "", page)
    page = re.sub(r'<script type="text/x-mathjax-config">.*?</script>', "", page, flags=re.S)
    head = '<script src="assets/plotly.min.js"></script>\n' + MATHJAX_CONFIG + "\n" + STYLE
    return page.replace("<head>", "<head>\n" + head, 1)


def copy_assets(site):
    js = os.path.join(ROOT, "build", "js")
    plotly = os.path.join(js, "plotly.min.js")
    mathjax = os.path.join(js, "mathjax")
    if not (os.path.isfile(plotly) and os.path.isfile(os.path.join(mathjax, "tex-svg.js"))):
        sys.exit("plotly.js or MathJax missing in build/js: run `make setup` first.")
    assets = os.path.join(site, "assets")
    os.makedirs(os.path.join(assets, "mathjax"), exist_ok=True)
    shutil.copy2(plotly, assets)
    shutil.copy2(os.path.join(mathjax, "tex-svg.js"), os.path.join(assets, "mathjax"))
    # Components MathJax may load on demand (TeX extensions, menu, accessibility).
    for sub in ("input", "output", "ui", "a11y"):
        dst = os.path.join(assets, "mathjax", sub)
        if os.path.isdir(dst):
            shutil.rmtree(dst)
        shutil.copytree(os.path.join(mathjax, sub), dst)


FRONT_STYLE = """<style>
body {font: 16px/1.55 sans-serif; max-width: 900px; margin: 2.5em auto; padding: 0 1em; color: #222;}
a {color: #1565c0; text-decoration: none;} a:hover {text-decoration: underline;}
.lead {font-size: 1.1em;}
figure {margin: 1.5em 0; text-align: center;} figure img {max-width: 100%; border: 1px solid #ddd;}
figcaption {font-size: 0.9em; color: #555;}
.chapter {border: 1px solid #ddd; border-radius: 6px; padding: 0.8em 1.2em; margin: 1em 0;}
.chapter h3 {margin: 0.2em 0;} .chapter ul {margin: 0.4em 0;}
.facts {font-size: 0.9em; color: #444;} .facts code {background: #f3f3f3; padding: 0 0.3em;}
.run li {margin: 0.3em 0;}
</style>"""


def read_timings(executed, paths):
    """Seconds each chapter took in the run that made these pages (scripts/run_notebooks.py)."""
    try:
        with open(os.path.join(executed, "timings.json")) as f:
            seconds = json.load(f)["seconds"]
    except (OSError, ValueError, KeyError):
        sys.exit("build/executed/timings.json is missing or unreadable: run `make notebooks` first.")
    missing = [os.path.basename(p) for p in paths if os.path.basename(p) not in seconds]
    if missing:
        sys.exit("no run time for %s in timings.json: run `make notebooks` again." % ", ".join(missing))
    return {os.path.basename(p): seconds[os.path.basename(p)] for p in paths}


def tagged(nb, tag):
    return [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]


def first_printed_line(cell):
    """The first line a cell printed to stdout, or None."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stdout" and out.text.strip():
            return out.text.strip().splitlines()[0]
    return None


def key_result(nb, name):
    """The first printed line of the chapter's cell tagged key-result."""
    for cell in tagged(nb, "key-result"):
        line = first_printed_line(cell)
        if line:
            if not re.search(r"\d", line):
                sys.exit("%s: the key-result cell's first line has no figure in it: %r" % (name, line.strip()))
            return line
    sys.exit("%s: no printed output in a cell tagged key-result (was it executed?)" % name)


def objectives(nb):
    """The bullet list under 'What you will learn' in the chapter's first cell, as HTML."""
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    _, _, rest = first.partition("**What you will learn**")
    return markdown2html(rest.strip()) if rest.strip() else ""


def chapter_card(nb, page, title, timings):
    name = page.replace(".html", ".ipynb")
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    intro = first.split("\n\n")[1] if first.count("\n\n") >= 1 else ""
    return {"page": page, "title": title, "intro": markdown2html(intro), "objectives": objectives(nb),
            "seconds": timings[name], "result": key_result(nb, name)}


def front_figure(notebooks, pages, site):
    """The PNG output of the cell tagged front-page-figure, copied into the site's assets."""
    for nb, (page, title) in zip(notebooks, pages):
        for cell in tagged(nb, "front-page-figure"):
            for out in cell.get("outputs", []):
                png = out.get("data", {}).get("image/png")
                if png:
                    with open(os.path.join(site, "assets", "front-figure.png"), "wb") as f:
                        f.write(base64.b64decode(png))
                    # What the figure shows is the cell's to say (metadata "alt"); what it found, its printed line.
                    result = first_printed_line(cell)
                    alt = cell.get("metadata", {}).get("alt")
                    if not alt:
                        sys.exit("the cell tagged front-page-figure in %s needs an \"alt\" in its metadata" % title)
                    return {"src": "assets/front-figure.png", "page": page, "title": title,
                            "alt": "%s: %s." % (alt, result) if result else alt, "result": result}
    sys.exit("no executed cell tagged front-page-figure with a PNG output: run `make notebooks` first.")


def repository_url():
    """The course's repository on the web: LENET5_REPOSITORY, else the git remote 'origin'."""
    url = os.environ.get("LENET5_REPOSITORY", "")
    if not url:
        try:
            url = subprocess.run(["git", "-C", ROOT, "remote", "get-url", "origin"], capture_output=True,
                                 text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            url = ""
    m = re.match(r"^(?:https://github\.com/|git@github\.com:)([^/]+)/([^/]+?)(?:\.git)?/?$", url)
    return "https://github.com/%s/%s" % m.groups() if m else None


def binder_link(repository):
    if repository:
        owner_repo = repository[len("https://github.com/"):]
        return ('<a href="https://mybinder.org/v2/gh/%s/HEAD?urlpath=lab/tree/notebooks">Launch on Binder</a>'
                ": JupyterLab in your browser, nothing to install (the first start builds the image, a few minutes)"
                % html.escape(owner_repo))
    return ('Binder: enter the course repository\'s URL at <a href="https://mybinder.org">mybinder.org</a> '
            "with the path <code>lab/tree/notebooks</code>")


def nbgitpuller_link(hub, repository, branch=None, notebook="notebooks/01-data-loading.ipynb"):
    """The link that makes a hub pull the course into the signed-in learner's server (nbgitpuller, which the
    course's environment carries) and open `notebook` in JupyterLab. nbgitpuller clones into a folder named
    after the repository; a pulled tree has no built utils, kernel or data, so the hub's single-user image must
    be the course's (Zero to JupyterHub with the course's image, or the classroom)."""
    if not re.match(r"^https?://[^/\s]+(/[^\s]*)?$", hub or ""):
        sys.exit("HUB must be the hub's address, e.g. HUB=https://hub.example.org (got %r)." % (hub or ""))
    if not repository:
        sys.exit("no GitHub repository known: set LENET5_REPOSITORY=https://github.com/<owner>/<repo> "
                 "or a git remote 'origin' on GitHub, then run this again.")
    folder = repository.rstrip("/").rsplit("/", 1)[-1]
    query = [("repo", repository)] + ([("branch", branch)] if branch else []) + [("urlpath", "lab/tree/%s/%s" % (folder, notebook))]
    return hub.rstrip("/") + "/hub/user-redirect/git-pull?" + urllib.parse.urlencode(query)


def front_page(chapters, figure, repository, total_seconds):
    cards = []
    for i, c in enumerate(chapters, 1):
        cards.append("""<section class="chapter">
<h3><a href="{page}">{title}</a></h3>
{intro}
<p><strong>You will learn</strong></p>
{objectives}
<p class="facts">Run time on the machine that built these pages: {seconds:.0f} s &middot;
Key result of that run: <code>{result}</code></p>
</section>""".format(page=c["page"], title=html.escape(c["title"]), intro=c["intro"], objectives=c["objectives"],
                     seconds=c["seconds"], result=html.escape(c["result"])))
    source = ('<a href="%s">the course repository</a>' % html.escape(repository)) if repository else "the course repository"
    return """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{style}
{mathjax}</head>
<body>
<h1>{title}</h1>
<p class="lead">Build LeNet-5, the convolutional network LeCun, Bottou, Bengio and Haffner published in
1998 for reading handwritten digits (the last of a line that began with LeNet-1), and
train it on MNIST &mdash; in Java, with DJL (Deep Java Library) on its PyTorch engine. In {n} chapters
you load the 70,000 digits, assemble the network layer by layer and check every shape, train it
on an ordinary CPU, find out which digits it still gets wrong, and open it up to see what its
layers learned; the last chapter rebuilds the network's architecture as the paper describes it
(scaled tanh, trainable subsampling, C3's connection table, RBF outputs with target codes of the
course's own) and trains it with a shortened form of the paper's recipe (the shape of its
learning-rate schedule, but Adam in batches of 128, for 5 of the paper's 20 epochs), beside the
course's network trained the same way.
Each chapter explains the maths, runs short code cells, and ends with
a summary and exercises with solutions. You need to know Java; no machine learning is assumed.</p>
<p><a href="{first}">Start with chapter 1</a> &middot; <a href="try.html">Try it: draw a digit</a> &middot;
<a href="#run">Run it yourself</a> &middot; <a href="readme.html">README</a></p>
<figure>
<img src="{fig_src}" alt="{fig_alt}">
<figcaption>What the trained network does: test digits with its prediction and confidence{fig_result},
from <a href="{fig_page}">{fig_title}</a> of this run.</figcaption>
</figure>
<p class="try"><a href="try.html"><strong>Try it:</strong> draw a digit</a> and watch the network
trained in chapter 4 read it, in this page, with no server and no download.</p>
<h2>Chapters</h2>
<p>These pages are the executed notebooks: every number and chart in them comes from one run of
all {n} chapters ({total:.0f} s in all on the machine that built them).</p>
{cards}
<h2 id="run">Run it yourself</h2>
<ul class="run">
<li>{binder}.</li>
<li>On your machine: clone {source}, then <code>make course</code> (sets up what is missing and
runs every chapter) and <code>make lab</code> or <code>make notebook</code>; pick the kernel
<em>Java (LeNet-5 course)</em>.</li>
<li><a href="readme.html">The README</a>: setup with conda or Docker, the Java kernel, GPUs,
troubleshooting.</li>
</ul>
</body></html>
""".format(title=html.escape(COURSE_TITLE), style=FRONT_STYLE, mathjax=MATHJAX_CONFIG, n=len(chapters), fig_src=figure["src"],
           fig_alt=html.escape(figure["alt"]), fig_result=" (%s)" % html.escape(figure["result"]) if figure["result"] else "", fig_page=figure["page"], fig_title=html.escape(figure["title"]),
           total=total_seconds, cards="\n".join(cards), binder=binder_link(repository), source=source,
           first=chapters[0]["page"])


def repository_link(path, text, repository):
    """A link to a file of the repository, or, with no repository known, its text alone."""
    if repository:
        return '<a href="%s/blob/HEAD/%s">%s</a>' % (html.escape(repository), path, text)
    return text


def readme_page(pages, repository):
    """README.md as a page of the site: links to chapters lead to their pages, other links to the
    repository (or, with none known, are shown as text)."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        body = markdown2html(f.read())
    chapter_pages = {"notebooks/" + p.replace(".html", ".ipynb"): p for p, _ in pages}

    def relink(m):
        href, text = m.group(1), m.group(2)
        if re.match(r"^(https?:|mailto:|#)", href):
            return m.group(0)
        if href in chapter_pages:
            return '<a href="%s">%s</a>' % (chapter_pages[href], text)
        return repository_link(href, text, repository)
    body = re.sub(r'<a href="([^"]*)">(.*?)</a>', relink, body, flags=re.S)
    return """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>README &middot; {title}</title>
{style}<style>pre {{background: #f6f6f6; padding: 0.6em; overflow-x: auto;}} table {{border-collapse: collapse;}}
td, th {{border: 1px solid #ddd; padding: 0.2em 0.5em;}}</style></head>
<body><p><a href="index.html">&larr; {title}</a></p>
{body}
</body></html>
""".format(title=html.escape(COURSE_TITLE), style=FRONT_STYLE, body=body)


def try_page(site):
    """The "Try it" page: web/ copied in, and chapter 4's model exported for it by the course's Java code.

    The export also writes build/web-check.js, the first 200 test digits with the logits DJL's
    Predictor gives them, which the page's browser test compares with the JavaScript forward pass.
    """
    web = os.path.join(ROOT, "web")
    shutil.copy2(os.path.join(web, "try.html"), site)
    for name in ("lenet5-net.js", "try.js"):
        shutil.copy2(os.path.join(web, name), os.path.join(site, "assets"))
    classpath = os.pathsep.join([os.path.join(ROOT, "utils", "target", "classes"), os.path.join(ROOT, "build", "lib", "*"),
                                 os.path.join(ROOT, "build", "lib-cpu", "*")])
    env = dict(os.environ, DJL_CACHE_DIR=os.path.join(ROOT, "build", "djl-cache"))
    r = subprocess.run(["java", "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath,
                        "lenet5.web.BrowserExport", os.path.join(ROOT, "models"),
                        os.path.join(site, "assets", "lenet5-model.js"), os.path.join(ROOT, "build", "web-check.js"), "200"],
                       env=env, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("exporting the model for the Try it page failed:\n" + (r.stderr.strip() or r.stdout.strip()))


PLOTLY_MARKER = "<!-- lenet5: plotly.js -->"  # lenet5.viz.Charts.PLOTLY_MARKER


def without_plotly_copy(nb):
    """Drops the output that carries plotly.js for exports: every site page loads assets/ instead."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs
                            if not "".join(o.get("data", {}).get("text/html", "")).startswith(PLOTLY_MARKER)]
    return nb


def build(executed, site):
    paths = sorted(glob.glob(os.path.join(executed, "[0-9][0-9]-*.ipynb")))
    if not paths:
        sys.exit("no executed notebooks in %s: run `make notebooks` first." % executed)
    if os.path.isdir(site):
        shutil.rmtree(site)
    os.makedirs(site)
    copy_assets(site)
    notebooks = [without_plotly_copy(nbformat.read(p, as_version=4)) for p in paths]
    timings = read_timings(executed, paths)
    pages = [(os.path.basename(p).replace(".ipynb", ".html"), chapter_title(nb, os.path.basename(p)))
             for p, nb in zip(paths, notebooks)]
    repository = repository_url()
    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    for i, nb in enumerate(notebooks):
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": pages[i][1]}})
        body = localise(body)
        # Links between notebooks become links between pages.
        body = re.sub(r'href="(\d\d-[^"/]+)\.ipynb"', r'href="\1.html"', body)
        # The chapters' "Course overview" is the README, a page of the site too.
        body = body.replace('href="../README.md"', 'href="readme.html"')
        body = body.replace('href="../build/site/try.html"', 'href="try.html"')
        # Links to the course's own files (e.g. ../utils/.../Training.java) lead to the repository.
        body = re.sub(r'<a href="\.\./([^"]+)">(.*?)</a>', lambda m: repository_link(m.group(1), m.group(2), repository),
                      body, flags=re.S)
        body = re.sub(r"(<body[^>]*>)", r"\1\n" + nav(pages, i, "top").replace("\\", "\\\\"), body, count=1)
        body = body.replace("</body>", nav(pages, i, "bottom") + "\n</body>", 1)
        with open(os.path.join(site, pages[i][0]), "w", encoding="utf-8") as f:
            f.write(body)
    chapters = [chapter_card(nb, f, t, timings) for nb, (f, t) in zip(notebooks, pages)]
    figure = front_figure(notebooks, pages, site)
    with open(os.path.join(site, "index.html"), "w", encoding="utf-8") as f:
        f.write(front_page(chapters, figure, repository, sum(timings.values())))
    with open(os.path.join(site, "readme.html"), "w", encoding="utf-8") as f:
        f.write(readme_page(pages, repository))
    try_page(site)
    with open(os.path.join(site, "pages.json"), "w") as f:
        json.dump([{"file": f_, "title": t} for f_, t in pages], f, indent=1)
    print("site: %d chapter pages, index and readme in %s" % (len(pages), os.path.relpath(site, ROOT)))


BADGE_BLOCK = re.compile(r"(<!-- binder-badge:[^\n]*-->\n).*?(<!-- /binder-badge -->)", re.S)


def write_binder_badge(readme, repository):
    """Puts the repository's "Launch on Binder" badge between the README's binder-badge markers."""
    if not repository:
        sys.exit("no GitHub repository known: set LENET5_REPOSITORY=https://github.com/<owner>/<repo> "
                 "or a git remote 'origin' on GitHub, then run this again.")
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    if not BADGE_BLOCK.search(text):
        sys.exit("%s has no <!-- binder-badge: ... --> block to write the badge into." % readme)
    badge = ("[![Launch on Binder](https://mybinder.org/badge_logo.svg)]"
             "(https://mybinder.org/v2/gh/%s/HEAD?urlpath=lab/tree/notebooks)\n" % repository[len("https://github.com/"):])
    with open(readme, "w", encoding="utf-8") as f:
        f.write(BADGE_BLOCK.sub(lambda m: m.group(1) + badge + m.group(2), text))
    print("README.md: Binder badge for %s" % repository)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--executed", default=os.path.join(ROOT, "build", "executed"))
    ap.add_argument("--site", default=os.path.join(ROOT, "build", "site"))
    ap.add_argument("--binder-badge", action="store_true", help="write README.md's Binder badge from the git remote and stop")
    ap.add_argument("--nbgitpuller-link", metavar="HUB", help="print the link that pulls the course into a learner's server on HUB, and stop")
    ap.add_argument("--branch", default=os.environ.get("LENET5_BRANCH"), help="the branch the link pulls (default: the repository's default)")
    a = ap.parse_args()
    if a.binder_badge:
        write_binder_badge(os.path.join(ROOT, "README.md"), repository_url())
        return
    if a.nbgitpuller_link is not None:
        print(nbgitpuller_link(a.nbgitpuller_link, repository_url(), a.branch))
        return
    build(a.executed, a.site)


if __name__ == "__main__":
    main()
