// Notebook 7 from the course's environment, driven through its UI in Chromium: one chapter opened,
// Run → Run All Cells, then the same checks as in JupyterLab. Screenshot: build/screenshots/notebook7-*.png.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launch, collectErrors, settle, problems, screenshotPath } from './checks.mjs';
import { startJupyter, stopJupyter, serverLogTail } from './jupyter-server.mjs';
import { isJupyterNoise } from './jupyter-noise.mjs';
import { cellErrors, openChapter, runAll, scrollThrough, showFirstChart, state } from './jupyter-ui.mjs';

const CHAPTER = process.env.NOTEBOOK7_CHAPTER || '05-evaluation.ipynb';

test(`${CHAPTER} runs in Notebook 7 with charts drawn and no errors`, async () => {
  const server = await startJupyter('notebook');
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(page);
    const started = Date.now();
    const opened = await openChapter(page, server, CHAPTER);
    const outcome = await runAll(page);
    const s = await state(page);
    await scrollThrough(page);
    const shown = await settle(page);
    await showFirstChart(page, s);
    await page.screenshot({ path: screenshotPath('notebook7-' + CHAPTER.replace('.ipynb', '')) });
    const found = problems(shown, errors.filter((e) => !isJupyterNoise(e)), false);
    if (outcome !== 'done') found.push(`${outcome}; server log:\n${serverLogTail(server, 25)}`);
    for (const c of s.cells) {
      if (typeof c.n !== 'number') found.push(`code cell at ${c.index} did not finish`);
      for (const e of cellErrors(c)) found.push(`cell ${c.index}: ${e}`);
    }
    console.log(`  ${CHAPTER}: Run All ${((Date.now() - started) / 1000).toFixed(1)} s in Notebook 7, kernel `
      + `"${opened.kernel}", ${shown.charts.filter((c) => c.drawn).length}/${shown.charts.length} charts drawn, `
      + `${shown.images.length} images`);
    assert.ok(shown.charts.length > 0, 'the chapter shows a chart');
    assert.deepEqual(found, []);
    assert.equal(opened.kernel, 'Java (LeNet-5 course)');
  } finally {
    await browser.close();
    await stopJupyter(server);
  }
});
