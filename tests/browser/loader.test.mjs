// The chart loader without RequireJS and without a preloaded Plotly, as in JupyterLab: it must
// derive /files/<notebook folder>/../build/js/plotly.min.js from a /lab/tree/... URL and draw.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ROOT, launch, collectErrors, settle, problems, screenshotPath } from './checks.mjs';

// Chart outputs (text/html with a lenet5-chart) of the executed notebooks.
function chartOutputs() {
  const dir = path.join(ROOT, 'build', 'executed');
  const out = [];
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.ipynb')).sort()) {
    for (const cell of JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).cells) {
      for (const o of cell.outputs || []) {
        const h = [].concat((o.data || {})['text/html'] || []).join('');
        if (h.includes('lenet5-chart')) out.push(h);
      }
    }
  }
  return out;
}

test('charts load plotly.js themselves under a JupyterLab-style URL', async () => {
  const charts = chartOutputs();
  assert.ok(charts.length >= 3, `only ${charts.length} chart outputs found`);
  // Like Jupyter: /files/<path> serves the project's files; the notebook page lives under /lab/tree/.
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url.split('?')[0]);
    if (url === '/favicon.ico') { res.writeHead(204); res.end(); return; }
    if (url.startsWith('/lab/tree/notebooks/')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      // Chart outputs are inserted the way JupyterLab does it: HTML, then each script run.
      res.end(`<!DOCTYPE html><html><head></head><body><div id="out"></div><script>
        const outputs = ${JSON.stringify(charts).replace(/<\//g, "<\\/")};
        for (const h of outputs) {
          const div = document.createElement('div'); div.innerHTML = h; document.getElementById('out').appendChild(div);
          for (const old of div.querySelectorAll('script')) {
            const s = document.createElement('script'); s.textContent = old.textContent; old.replaceWith(s);
          }
        }</script></body></html>`);
      return;
    }
    const file = path.normalize(path.join(ROOT, url.replace(/^\/files\//, '')));
    if (url.startsWith('/files/') && file.startsWith(ROOT) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' });
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    await page.goto(`http://127.0.0.1:${server.address().port}/lab/tree/notebooks/04-training-recipe.ipynb`);
    const state = await settle(page);
    await page.screenshot({ path: screenshotPath('loader-jupyterlab-style'), fullPage: true });
    assert.equal(await page.evaluate(() => typeof window.requirejs), 'undefined');
    assert.equal(state.charts.length, charts.length);
    assert.deepEqual(problems(state, errors, false), []);
    assert.equal(await page.evaluate(() => document.querySelectorAll('script#lenet5-plotly-js').length), 1,
      'plotly.js is injected once for all charts');
  } finally {
    await browser.close();
    server.close();
  }
});
