#!/usr/bin/env python3
"""Build the offline HTML course in build/site/ from the executed notebooks in build/executed/.

Each chapter becomes one page (nbconvert's lab template) with previous/next navigation; index.html
lists the chapters. plotly.js and MathJax are copied into site/assets/, so the folder can be
zipped and opened from disk with no network. Charts find window.Plotly, which the page loads
before anything else; MathJax 3 renders the maths as SVG (no web fonts to load from file://).
"""
import argparse
import glob
import html
import json
import os
import re
import shutil
import sys

import nbformat
from nbconvert import HTMLExporter

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


def build(executed, site):
    paths = sorted(glob.glob(os.path.join(executed, "[0-9][0-9]-*.ipynb")))
    if not paths:
        sys.exit("no executed notebooks in %s: run `make notebooks` first." % executed)
    if os.path.isdir(site):
        shutil.rmtree(site)
    os.makedirs(site)
    copy_assets(site)
    notebooks = [nbformat.read(p, as_version=4) for p in paths]
    pages = [(os.path.basename(p).replace(".ipynb", ".html"), chapter_title(nb, os.path.basename(p)))
             for p, nb in zip(paths, notebooks)]
    exporter = HTMLExporter(template_name="lab")
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    for i, nb in enumerate(notebooks):
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": pages[i][1]}})
        body = localise(body)
        # Links between notebooks become links between pages.
        body = re.sub(r'href="(\d\d-[^"/]+)\.ipynb"', r'href="\1.html"', body)
        body = body.replace('href="README.md"', 'href="index.html"')
        body = re.sub(r"(<body[^>]*>)", r"\1\n" + nav(pages, i, "top").replace("\\", "\\\\"), body, count=1)
        body = body.replace("</body>", nav(pages, i, "bottom") + "\n</body>", 1)
        with open(os.path.join(site, pages[i][0]), "w", encoding="utf-8") as f:
            f.write(body)
    items = "\n".join('<li><a href="%s">%s</a></li>' % (f, html.escape(t)) for f, t in pages)
    index = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body {{font: 16px/1.5 sans-serif; max-width: 760px; margin: 3em auto; padding: 0 1em;}}
li {{margin: 0.4em 0;}} a {{color: #1565c0; text-decoration: none;}}</style></head>
<body><h1>{title}</h1>
<p>A course in {n} chapters: build, train, evaluate and visualise LeNet-5 on MNIST in Java with DJL.
These pages are the executed notebooks; every number and chart in them comes from that run.</p>
<ol>
{items}
</ol></body></html>
""".format(title=html.escape(COURSE_TITLE), n=len(pages), items=items)
    with open(os.path.join(site, "index.html"), "w", encoding="utf-8") as f:
        f.write(index)
    with open(os.path.join(site, "pages.json"), "w") as f:
        json.dump([{"file": f_, "title": t} for f_, t in pages], f, indent=1)
    print("site: %d chapter pages + index in %s" % (len(pages), os.path.relpath(site, ROOT)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--executed", default=os.path.join(ROOT, "build", "executed"))
    ap.add_argument("--site", default=os.path.join(ROOT, "build", "site"))
    a = ap.parse_args()
    build(a.executed, a.site)


if __name__ == "__main__":
    main()
