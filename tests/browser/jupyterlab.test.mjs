// JupyterLab 4 from the course's environment, driven through its UI in Chromium: each chapter is
// opened, run with Run → Run All Cells, and must end with no error output, every chart drawn,
// every image loaded and no console error. In chapter 03 the toolbar's stop button interrupts
// training (the cell must end within 2 s and the next cell run), then Kernel → Restart Kernel…
// and a cell runs again. Screenshots: build/screenshots/jupyterlab-*.png.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, launch, collectErrors, settle, problems, screenshotPath } from './checks.mjs';
import { chapters, startJupyter, stopJupyter, serverLogTail } from './jupyter-server.mjs';
import { isJupyterNoise } from './jupyter-noise.mjs';
import {
  acceptDialog, allFinished, cellErrors, kernelIdle, menu, openChapter, runAll, scrollThrough, selectCell,
  showFirstChart, state,
  toolbar,
} from './jupyter-ui.mjs';

const INTERRUPT_CHAPTER = '04-training-recipe.ipynb';
const isTraining = (c) => c.source.includes('training.fit(LiveTrainingView');

/** Charts a chapter's outputs hold, as saved in the notebook model. */
const chartsIn = (s) => s.cells.flatMap((c) => c.outputs)
  .filter((o) => [].concat((o.data || {})['text/html'] || []).join('').includes('lenet5-chart')).length;

// The learner's path through chapter 04 in a fresh kernel: run the cells above the training cell,
// start training, press the toolbar's stop button; the cell must end and the next cell run.
async function interruptTraining(page) {
  const train = (await state(page)).cells.find(isTraining);
  assert.ok(train, 'chapter 04 has its training cell');
  await selectCell(page, train.index);
  await menu(page, 'Run', 'notebook:run-all-above');
  assert.equal(await allFinished(page, train.index), 'done');
  await selectCell(page, train.index);
  await toolbar(page, 'run');
  // The live view's three outputs (progress, chart, table) are there: training has begun.
  await page.waitForFunction((i) => {
    const c = window.jupyterapp.shell.currentWidget.content.model.cells.get(i);
    return c.executionState === 'running' && c.outputs.length >= 3;
  }, train.index, { timeout: 60000 });
  await page.waitForTimeout(1500);
  const pressed = Date.now();
  await toolbar(page, 'interrupt');
  await page.waitForFunction((i) => typeof window.jupyterapp.shell.currentWidget.content.model.cells.get(i)
    .executionCount === 'number', train.index, { timeout: 10000 }).catch(() => null);
  const stopMs = Date.now() - pressed;
  const cut = (await state(page)).cells.find((c) => c.index === train.index);
  // Run moved the selection to the next cell: run it, as a learner would.
  const next = (await state(page)).cells.find((c) => c.index > train.index);
  await selectCell(page, next.index);
  await toolbar(page, 'run');
  await page.waitForFunction((i) => typeof window.jupyterapp.shell.currentWidget.content.model.cells.get(i)
    .executionCount === 'number', next.index, { timeout: 120000 });
  const nextCell = (await state(page)).cells.find((c) => c.index === next.index);
  return { stopMs, cut, nextCell };
}

// Kernel → Restart Kernel…, confirmed in its dialog; the new kernel must answer.
async function restart(page) {
  await menu(page, 'Kernel', 'kernelmenu:restart');
  await acceptDialog(page, 10000);
  await page.waitForTimeout(500);
  return kernelIdle(page);
}

// One chapter: Run → Run All Cells, then every check. Chapter 03 first goes through the stop
// button and a restart, and its Run All is then the proof that cells run after the restart.
async function runChapter(browser, server, chapter) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = collectErrors(page);
  const opened = await openChapter(page, server, chapter);
  const name = chapter.replace('.ipynb', '');
  if (chapter === INTERRUPT_CHAPTER) {
    const r = await interruptTraining(page);
    console.log(`  ${chapter}: stop button → the training cell ended in ${r.stopMs} ms; the next cell `
      + `${cellErrors(r.nextCell).length ? 'failed: ' + cellErrors(r.nextCell) : 'ran'}`);
    assert.ok(r.stopMs <= 2000, `the training cell ended ${r.stopMs} ms after the stop button`);
    assert.match(cellErrors(r.cut).join('\n'), /Interrupted/);
    assert.deepEqual(cellErrors(r.nextCell), [], 'the cell after the interrupted one runs normally');
    const ms = await restart(page);
    assert.ok(ms >= 0, 'the kernel answers after Kernel → Restart Kernel…');
    console.log(`  ${chapter}: Kernel → Restart Kernel…: idle again after ${ms} ms; Run All follows`);
  }
  const started = Date.now();
  const outcome = await runAll(page);
  const seconds = (Date.now() - started) / 1000;
  const s = await state(page);
  await scrollThrough(page);
  const shown = await settle(page);
  await showFirstChart(page, s);
  await page.screenshot({ path: screenshotPath('jupyterlab-' + name) });
  const found = problems(shown, errors.filter((e) => !isJupyterNoise(e)), false);
  if (outcome !== 'done') found.push(`${outcome}; server log:\n${serverLogTail(server, 25)}`);
  for (const c of s.cells) {
    if (typeof c.n !== 'number') found.push(`code cell at ${c.index} did not finish`);
    for (const e of cellErrors(c)) found.push(`cell ${c.index}: ${e}`);
  }
  if (shown.charts.length !== chartsIn(s)) found.push(`${chartsIn(s)} charts in the outputs, ${shown.charts.length} on the page`);
  console.log(`  ${chapter}: Run All ${seconds.toFixed(1)} s, kernel "${opened.kernel}" idle after ${opened.ms} ms`
    + `${opened.asked ? ` (dialog: ${opened.asked})` : ''}, ${shown.charts.filter((c) => c.drawn).length}/`
    + `${shown.charts.length} charts drawn, ${shown.images.length} images`);
  // Leave no kernel behind for the next chapter (Kernel → Shut Down Kernel, without its dialog).
  await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown());
  await page.close();
  return { found, kernel: opened.kernel };
}

test('each chapter runs in JupyterLab 4 with charts drawn and no errors; stop and restart work', async () => {
  const before = Object.fromEntries(chapters.map((c) => [c, fs.readFileSync(path.join(ROOT, 'notebooks', c), 'utf8')]));
  const server = await startJupyter('lab');
  const browser = await launch();
  try {
    for (const chapter of chapters) {
      const r = await runChapter(browser, server, chapter);
      assert.deepEqual(r.found, [], chapter);
      assert.equal(r.kernel, 'Java (LeNet-5 course)');
    }
  } finally {
    await browser.close();
    const left = await stopJupyter(server);
    console.log(`  kernels left running after the server stopped: ${left}`);
  }
  for (const c of chapters) {
    assert.equal(fs.readFileSync(path.join(ROOT, 'notebooks', c), 'utf8'), before[c], `${c} was modified`);
  }
});
