// A teacher's export: every executed chapter through `jupyter nbconvert --to html` (the lab
// template, as JupyterLab's File → Save and Export Notebook As → HTML), into a folder outside the
// project, opened from disk with every network request refused. Every chart must draw.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, launch, settle } from './checks.mjs';

const EXECUTED = path.join(ROOT, 'build', 'executed');
const JUPYTER = path.join(path.dirname(process.env.JUPYTER_PYTHON || path.join(ROOT, 'build', 'venv', 'bin', 'python')),
  'jupyter');
const PLOTLY_MARKER = '<!-- lenet5: plotly.js -->';  // lenet5.viz.Charts.PLOTLY_MARKER
const executed = fs.existsSync(EXECUTED)
  ? fs.readdirSync(EXECUTED).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort() : [];

const htmlOf = (o) => [].concat((o.data || {})['text/html'] || []).join('');

function chartsIn(file) {
  const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
  return nb.cells.flatMap((c) => c.outputs || []).filter((o) => htmlOf(o).includes('lenet5-chart')).length;
}

function exportTo(dir, file) {
  execFileSync(JUPYTER, ['nbconvert', '--to', 'html', '--output-dir', dir, file], { stdio: 'pipe' });
  return path.join(dir, path.basename(file).replace('.ipynb', '.html'));
}

// Opens an exported page from disk with the network refused; returns the charts found and drawn.
async function openOffline(browser, html) {
  const context = await browser.newContext();
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.goto('file://' + html);
  const s = await settle(page, 15000);
  await context.close();
  return { total: s.charts.length, drawn: s.charts.filter((c) => c.drawn).length };
}

test('every chart of every chapter draws in its HTML export, opened offline outside the project', async () => {
  assert.ok(executed.length >= 6, `executed chapters in ${EXECUTED}: run 'make notebooks' first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lenet5-export-'));
  const browser = await launch();
  try {
    for (const f of executed) {
      const expected = chartsIn(path.join(EXECUTED, f));
      const r = await openOffline(browser, exportTo(dir, path.join(EXECUTED, f)));
      console.log(`  ${f}: ${r.drawn}/${expected} charts drawn in the export`);
      assert.equal(r.total, expected, `${f}: charts on the page`);
      assert.equal(r.drawn, expected, `${f}: charts drawn`);
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('without the plotly.js output the same export draws no chart (the check above can fail)', async () => {
  const f = executed.find((n) => chartsIn(path.join(EXECUTED, n)) > 0);
  assert.ok(f, 'an executed chapter with charts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lenet5-export-'));
  const nb = JSON.parse(fs.readFileSync(path.join(EXECUTED, f), 'utf8'));
  for (const c of nb.cells) if (c.outputs) c.outputs = c.outputs.filter((o) => !htmlOf(o).startsWith(PLOTLY_MARKER));
  fs.writeFileSync(path.join(dir, f), JSON.stringify(nb));
  const browser = await launch();
  try {
    const r = await openOffline(browser, exportTo(dir, path.join(dir, f)));
    assert.ok(r.total > 0);
    assert.equal(r.drawn, 0, `${f} without plotly.js drew ${r.drawn} charts`);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
