// JupyterLab's own renderer: every chapter's executed outputs, and one chapter run live through a
// @jupyterlab/services session, rendered by OutputArea + RenderMimeRegistry (lab/page.mjs) in
// Chromium, with no RequireJS, as in JupyterLab. Charts must draw, images have a size, and the
// console stay free of errors. Screenshots: build/screenshots/lab-*.png.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ROOT, launch, collectErrors, settle, problems, screenshotPath } from './checks.mjs';
import { bundle } from './lab/build.mjs';
import { freePort, startServer, stopServer, serverLogTail } from './notebook-server.mjs';

const ASSETS = path.join(ROOT, 'build', 'lab-page');
const EXECUTED = path.join(ROOT, 'build', 'executed');
const LIVE_CHAPTER = '04-evaluation.ipynb';
const chapters = fs.readdirSync(path.join(ROOT, 'notebooks')).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();

const source = (cell) => [].concat(cell.source).join('');
const readNotebook = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

function codeCells(file) {
  return readNotebook(file).cells.filter((c) => c.cell_type === 'code');
}

// What a chapter's saved outputs should show: its charts and its PNG images.
function expected(cells) {
  let charts = 0;
  let images = 0;
  for (const c of cells) {
    for (const o of c.outputs) {
      const data = o.data || {};
      if ([].concat(data['text/html'] || []).join('').includes('lenet5-chart')) charts++;
      else if (data['image/png']) images++;
    }
  }
  return { charts, images };
}

// Serves the page under a JupyterLab URL (/lab/tree/<notebook>), its bundle, and the project's
// files under /files/ as Jupyter does, so that a chart finds plotly.js the way it does in JupyterLab.
async function servePage() {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url.split('?')[0]);
    if (url.startsWith('/lab/tree/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${path.basename(url)}</title>
        <link rel="stylesheet" href="/lab-assets/page.css"><link rel="icon" href="data:,">
        <style>body {font: 13px sans-serif; margin: 1em;} .lab-cell h3 {font-size: 11px; color: #888;}</style>
        </head><body><div id="cells"></div><script src="/lab-assets/page.js"></script></body></html>`);
      return;
    }
    const [prefix, dir] = url.startsWith('/lab-assets/') ? ['/lab-assets/', ASSETS] : ['/files/', ROOT];
    const file = path.normalize(path.join(dir, url.slice(prefix.length)));
    if (url.startsWith(prefix) && file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const type = file.endsWith('.css') ? 'text/css' : 'application/javascript';
      res.writeHead(200, { 'content-type': type + '; charset=utf-8' });
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

// A page at the JupyterLab URL of notebooks/<chapter>, connected to the notebook server.
async function openPage(chapter) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = collectErrors(page);
  await page.goto(`${web.origin}/lab/tree/notebooks/${chapter}`);
  await page.waitForFunction(() => window.lab !== undefined);
  await page.evaluate((s) => window.lab.connect(s), { baseUrl: server.base + '/', token: server.token });
  return { page, errors };
}

// Text of every error and stderr output the OutputAreas show.
const errorOutputs = (page) => page.evaluate(() => [...document.querySelectorAll(
  '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')].map((e) => e.innerText.slice(0, 300)));

let web;
let server;
let browser;
before(async () => {
  await bundle(ASSETS);
  web = await servePage();
  // The page comes from another origin than the server's API, as JupyterLab's would behind a proxy.
  server = await startServer('lab-server', [`--NotebookApp.allow_origin=${web.origin}`]);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  web?.server.close();
  if (server) console.log(`  kernels left running after the server stopped: ${await stopServer(server)}`);
});

test('every chapter\'s executed outputs render in JupyterLab\'s OutputArea', async () => {
  let total = 0;
  for (const chapter of chapters) {
    const cells = codeCells(path.join(EXECUTED, chapter));
    const want = expected(cells);
    const { page, errors } = await openPage(chapter);
    assert.equal(await page.evaluate((p) => window.lab.render(p), 'build/executed/' + chapter), cells.length);
    const state = await settle(page);
    await page.screenshot({ path: screenshotPath('lab-' + chapter.replace('.ipynb', '')), fullPage: true });
    assert.equal(await page.evaluate(() => typeof window.requirejs), 'undefined', 'JupyterLab has no RequireJS');
    const found = problems(state, errors, false);
    for (const e of await errorOutputs(page)) found.push(`error output: ${e}`);
    await page.close();
    assert.deepEqual(found, [], chapter);
    assert.equal(state.charts.length, want.charts, `${chapter}: charts`);
    assert.equal(state.images.length, want.images, `${chapter}: images`);
    total += state.charts.length;
    console.log(`  ${chapter}: ${state.charts.length} charts drawn (${state.charts.map((c) => c.traces).join(', ')} traces), `
      + `${state.images.length} images`);
  }
  assert.ok(total >= 5, `only ${total} charts in the whole course`);
});

test('a broken chart script fails the JupyterLab check', async () => {
  // A real chart output of the course, with its drawing call misspelt.
  const chart = chapters.flatMap((c) => codeCells(path.join(EXECUTED, c))).flatMap((c) => c.outputs)
    .find((o) => [].concat((o.data || {})['text/html'] || []).join('').includes('lenet5-chart'));
  const html = [].concat(chart.data['text/html']).join('');
  assert.ok(html.includes('Plotly.newPlot('));
  const broken = { ...chart, data: { 'text/html': html.replace('Plotly.newPlot(', 'Plotly.newPlott(') } };
  const { page, errors } = await openPage('broken.ipynb');
  await page.evaluate((o) => window.lab.renderOutputs('broken', [o]), broken);
  // A request nobody answers still counts (only unread bodies of answered requests are forgiven).
  const closed = `http://127.0.0.1:${await freePort()}/`;
  await page.evaluate((url) => fetch(url).catch(() => null), closed);
  const found = problems(await settle(page, 3000), errors, false);
  await page.close();
  assert.ok(found.some((f) => /^chart lenet5_\w+ is blank$/.test(f)), found.join('\n'));
  assert.ok(found.some((f) => f.includes('newPlott')), found.join('\n'));
  assert.ok(found.includes(`request failed: GET ${closed} net::ERR_CONNECTION_REFUSED`), found.join('\n'));
});

test(`${LIVE_CHAPTER} runs live through a @jupyterlab/services session`, async () => {
  const codes = codeCells(path.join(ROOT, 'notebooks', LIVE_CHAPTER)).map(source);
  const { page, errors } = await openPage(LIVE_CHAPTER);
  try {
    const started = Date.now();
    const run = await page.evaluate((args) => window.lab.run(args),
      { path: 'notebooks/' + LIVE_CHAPTER, kernel: 'java', codes });
    const state = await settle(page);
    await page.screenshot({ path: screenshotPath('lab-live-' + LIVE_CHAPTER.replace('.ipynb', '')), fullPage: true });
    const found = problems(state, errors, false);
    for (const e of await errorOutputs(page)) found.push(`error output: ${e}`);
    console.log(`  ${LIVE_CHAPTER}: ${run.replies.length} cells in ${((Date.now() - started) / 1000).toFixed(1)} s, `
      + `${state.charts.length} charts, ${state.images.length} images`);
    assert.equal(run.kernel, 'java');
    assert.deepEqual(run.replies, codes.map(() => 'ok'), serverLogTail(server, 25));
    assert.deepEqual(found, []);
    const want = expected(codeCells(path.join(EXECUTED, LIVE_CHAPTER)));
    assert.equal(state.charts.length, want.charts, 'charts');
    assert.equal(state.images.length, want.images, 'images');
  } finally {
    await page.close();
  }
});
