// The offline course site: every page loads from disk with no errors; charts, maths and images draw.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launch, collectErrors, settle, problems, screenshotPath } from './checks.mjs';

const SITE = path.join(ROOT, 'build', 'site');
const chapters = fs.readdirSync(path.join(ROOT, 'notebooks')).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();

function hasMath(chapter) {
  const nb = JSON.parse(fs.readFileSync(path.join(ROOT, 'build', 'executed', chapter), 'utf8'));
  return nb.cells.some((c) => c.cell_type === 'markdown' && /\$/.test([].concat(c.source).join('')));
}

async function check(browser, file, expectMath) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = collectErrors(page);
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  const state = await settle(page);
  await page.screenshot({ path: screenshotPath('site-' + path.basename(file, '.html')), fullPage: true });
  await page.close();
  return { state, found: problems(state, errors, expectMath) };
}

test('site has one page per chapter plus the front page, the README and the Try it page', () => {
  const pages = fs.readdirSync(SITE).filter((f) => f.endsWith('.html')).sort();
  assert.equal(pages.length, chapters.length + 3, `pages: ${pages.join(', ')}`);
  assert.ok(pages.includes('index.html'));
  assert.ok(pages.includes('readme.html'));
  assert.ok(pages.includes('try.html'));
  // The front page and chapter 5 link to it.
  assert.match(fs.readFileSync(path.join(SITE, 'index.html'), 'utf8'), /href="try.html"/);
  assert.match(fs.readFileSync(path.join(SITE, '06-visualisation.html'), 'utf8'), /href="try.html"/);
  for (const c of chapters) assert.ok(pages.includes(c.replace('.ipynb', '.html')), c);
  assert.ok(fs.existsSync(path.join(SITE, 'assets', 'plotly.min.js')));
  // Every local link leads to a page of the site (no .ipynb or README.md left behind).
  for (const p of pages) {
    const html = fs.readFileSync(path.join(SITE, p), 'utf8');
    for (const [, href] of html.matchAll(/href="([^"#][^"]*)"/g)) {
      if (/^(https?:|mailto:|data:)/.test(href)) continue;
      assert.ok(fs.existsSync(path.join(SITE, href.split('#')[0])), `${p} links to missing ${href}`);
    }
  }
  assert.ok(fs.existsSync(path.join(SITE, 'assets', 'mathjax', 'tex-svg.js')));
});

const executedCells = (c) => JSON.parse(fs.readFileSync(path.join(ROOT, 'build', 'executed', c), 'utf8')).cells;
const tagged = (cell, tag) => ((cell.metadata || {}).tags || []).includes(tag);
const text = (v) => [].concat(v || []).join('');
const unescape = (h) => h.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'")
  .replace(/&amp;/g, '&');

test('the front page gives each chapter its objectives, run time and key result from the run', () => {
  const index = unescape(fs.readFileSync(path.join(SITE, 'index.html'), 'utf8'));
  const seconds = JSON.parse(fs.readFileSync(path.join(ROOT, 'build', 'executed', 'timings.json'), 'utf8')).seconds;
  for (const c of chapters) {
    const cells = executedCells(c);
    const card = index.split('<section class="chapter">').slice(1).find((s) => s.includes(`href="${c.replace('.ipynb', '.html')}"`));
    assert.ok(card, `${c} has no section on the front page`);
    const objectives = text(cells[0].source).split('**What you will learn**')[1].trim().split('\n')
      .map((l) => l.replace(/^- /, '').replace(/`/g, ''));
    assert.ok(objectives.length >= 3, c);
    for (const o of objectives) assert.ok(card.replace(/<\/?code>/g, '').includes(o), `${c}: objective "${o}" missing`);
    assert.ok(card.includes(`${Math.round(seconds[c])} s`), `${c}: run time ${seconds[c]} s missing`);
    const key = cells.filter((x) => tagged(x, 'key-result')).flatMap((x) => x.outputs)
      .find((o) => o.output_type === 'stream');
    assert.ok(key, `${c}: no cell tagged key-result with printed output`);
    assert.ok(card.includes(text(key.text).trim().split('\n')[0]), `${c}: key result missing`);
  }
  // The figure is the PNG the tagged cell produced in this run.
  const figure = chapters.flatMap((c) => executedCells(c)).filter((x) => tagged(x, 'front-page-figure'))
    .flatMap((x) => x.outputs).find((o) => (o.data || {})['image/png']);
  assert.ok(figure, 'no executed cell tagged front-page-figure with a PNG');
  assert.deepEqual(fs.readFileSync(path.join(SITE, 'assets', 'front-figure.png')),
    Buffer.from(text(figure.data['image/png']), 'base64'));
  assert.match(index, /<img src="assets\/front-figure.png"/);
  // Its alt text says what it shows and what this run found, as its caption does.
  const printed = chapters.flatMap((c) => executedCells(c)).filter((x) => tagged(x, 'front-page-figure'))
    .flatMap((x) => x.outputs).find((o) => o.output_type === 'stream' && o.name === 'stdout' && text(o.text).trim());
  const found = text(printed.text).trim().split('\n')[0];
  const alt = index.match(/<img src="assets\/front-figure.png" alt="([^"]*)"/)[1];
  assert.ok(alt.length > 80 && !/^image \d/.test(alt), `front figure's alt text: "${alt}"`);
  assert.ok(alt.includes(found), `alt text lacks the run's "${found}"`);
  assert.ok(index.includes(`(${found})`), `caption lacks the run's "${found}"`);
  assert.match(index, /mybinder\.org/);
  assert.match(index, /href="readme.html"/);
});

test('the README page links chapters to their pages', () => {
  const readme = fs.readFileSync(path.join(SITE, 'readme.html'), 'utf8');
  assert.match(readme, /make course/);
  for (const c of chapters) assert.ok(readme.includes(`href="${c.replace('.ipynb', '.html')}"`), c);
});

test('no page shows where the course was built', () => {
  // A teacher's handout names paths relative to the project, never the build machine's folders.
  for (const p of fs.readdirSync(SITE).filter((f) => f.endsWith('.html'))) {
    const html = fs.readFileSync(path.join(SITE, p), 'utf8');
    assert.equal(html.includes(ROOT + '/'), false, `${p} shows ${ROOT}`);
  }
});

test('every site page loads offline with charts, maths and images drawn', async () => {
  const browser = await launch();
  try {
    for (const extra of ['index.html', 'readme.html']) {
      // The front page quotes chapter objectives with maths in them (chapter 6's f(a) = A tanh(Sa)).
      const { state, found } = await check(browser, path.join(SITE, extra), extra === 'index.html');
      assert.deepEqual(found, [], extra);
      if (extra === 'index.html') assert.equal(state.images.length, 1, 'the front page shows its figure');
    }
    let charts = 0;
    for (const c of chapters) {
      const { state, found } = await check(browser, path.join(SITE, c.replace('.ipynb', '.html')), hasMath(c));
      assert.deepEqual(found, [], c);
      charts += state.charts.length;
      console.log(`  ${c}: ${state.charts.length} charts drawn, ${state.math} maths, ${state.images.length} images`);
    }
    assert.ok(charts >= 5, `only ${charts} charts in the whole course`);
  } finally {
    await browser.close();
  }
});

test('the check reports a broken chart as blank', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lenet5-broken-'));
  fs.copyFileSync(path.join(SITE, 'assets', 'plotly.min.js'), path.join(dir, 'plotly.min.js'));
  const file = path.join(dir, 'broken.html');
  fs.writeFileSync(file, `<!DOCTYPE html><html><head><script src="plotly.min.js"></script></head><body>
    <div id="lenet5_broken" class="lenet5-chart"></div>
    <script>var layout = {}; Plotly.newPlot(lenet5_brokn_target, [{x: [1], y: [2]}], layout);</script>
    </body></html>`);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(pathToFileURL(file).href);
    const state = await settle(page, 2000);
    const found = problems(state, errors, true);
    assert.ok(found.includes('chart lenet5_broken is blank'), found.join('\n'));
    assert.ok(found.some((f) => f.startsWith('page error')), found.join('\n'));
    assert.ok(found.includes('page has maths but no MathJax output'));
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
