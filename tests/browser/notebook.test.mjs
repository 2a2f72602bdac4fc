// The classic Notebook on 127.0.0.1 with the course kernel: open each chapter, Run All, wait until
// idle; no error output, charts drawn, images shown. The server started here is stopped at the end.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, launch, collectErrors, settle, problems, screenshotPath } from './checks.mjs';
import { isNotebookNoise } from './notebook-noise.mjs';
import { startServer, stopServer, serverLogTail } from './notebook-server.mjs';

const chapters = fs.readdirSync(path.join(ROOT, 'notebooks')).filter((f) => /^\d\d-.*\.ipynb$/.test(f))
  .filter((f) => f.startsWith(process.env.ONLY || '')).sort();
const KERNEL_START_MS = 20000;       // the course kernel answers in about a second
const STALL_MS = 10 * 60 * 1000;     // no cell finished for this long: the kernel is stuck
const IDLE_LOST_MS = 60 * 1000;      // kernel idle this long with cells waiting: replies were lost

// Waits up to KERNEL_START_MS for the kernel's kernel_info reply.
async function kernelAnswers(page) {
  const started = Date.now();
  while (Date.now() - started < KERNEL_START_MS) {
    const ok = await page.evaluate(() => !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel
      && Jupyter.notebook.kernel.info_reply && Jupyter.notebook.kernel.info_reply.language_info));
    if (ok) return Date.now() - started;
    await page.waitForTimeout(100);
  }
  return -1;
}

// Shuts the page's kernel down and forgets its session, and waits until that is done.
async function deleteSession(page) {
  await page.evaluate(() => new Promise((resolve) => {
    Jupyter.notebook.session.delete(() => resolve(), () => resolve());
  }));
}

// Opens a chapter and waits for its kernel. A kernel that does not answer fails the test: the
// course kernel starts every time, so a silent one is a bug to see, not to work around.
async function openChapter(page, server, chapter) {
  await page.goto(`${server.base}/notebooks/notebooks/${chapter}?token=${server.token}`);
  await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded, null,
    { timeout: 60000 });
  // Never write outputs back into notebooks/: they are committed clean.
  await page.evaluate(() => Jupyter.notebook.set_autosave_interval(0));
  const ms = await kernelAnswers(page);
  if (ms < 0) {
    throw new Error(`${chapter}: the kernel did not answer kernel_info within ${KERNEL_START_MS / 1000} s; `
      + `server log:\n${serverLogTail(server, 25)}`);
  }
  return ms;
}

const cellState = () => {
  const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code');
  return {
    done: cells.filter((c) => typeof c.input_prompt_number === 'number').length,
    total: cells.length,
    busy: document.querySelector('#kernel_indicator_icon.kernel_idle_icon') === null,
  };
};

// Runs every cell and waits until all have finished. Returns 'done', or 'lost' when the kernel has
// been idle for IDLE_LOST_MS with cells still waiting (their replies never came), or 'stalled' when
// nothing finished for STALL_MS.
async function runAll(page) {
  await page.evaluate(() => Jupyter.notebook.execute_all_cells());
  let last = await page.evaluate(cellState);
  let progressAt = Date.now();
  let busyAt = Date.now();
  for (;;) {
    await page.waitForTimeout(1000);
    const now = await page.evaluate(cellState);
    if (now.done !== last.done) progressAt = Date.now();
    if (now.busy || now.done !== last.done) busyAt = Date.now();
    last = now;
    if (now.done === now.total && !now.busy) return 'done';
    if (Date.now() - busyAt > IDLE_LOST_MS) return 'lost';
    if (Date.now() - progressAt > STALL_MS) return 'stalled';
  }
}

async function runChapter(browser, server, chapter) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('dialog', (d) => d.accept());
  const errors = collectErrors(page);
  const startMs = await openChapter(page, server, chapter);
  const outcome = await runAll(page);
  const cells = await page.evaluate(() => Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code')
    .map((c, i) => ({ i: i + 1, n: c.input_prompt_number,
      errors: [...c.element[0].querySelectorAll('.output_error, .output_stderr')].map((e) => e.innerText.slice(0, 300)) })));
  const state = await settle(page);
  await page.screenshot({ path: screenshotPath('notebook-' + chapter.replace('.ipynb', '')), fullPage: true });
  // The Notebook scrolls inside its own panel: photograph the first chart itself as well.
  if (outcome === 'done' && state.charts.length > 0) {
    const chart = page.locator('.lenet5-chart').first();
    await chart.scrollIntoViewIfNeeded();
    await chart.screenshot({ path: screenshotPath('notebook-' + chapter.replace('.ipynb', '') + '-chart') });
  }
  // Wait for the deletion: a server stopped halfway through it logs a 500.
  await deleteSession(page);
  await page.close();
  const found = problems(state, errors.filter((e) => !isNotebookNoise(e)), false);
  for (const c of cells) {
    if (typeof c.n !== 'number') found.push(`code cell ${c.i} did not finish (${outcome})`);
    for (const e of c.errors) found.push(`code cell ${c.i} error output: ${e}`);
  }
  return { state, found, startMs, outcome };
}

test('each chapter runs in the classic Notebook with charts drawn and no errors', async () => {
  const before = Object.fromEntries(chapters.map((c) => [c, fs.readFileSync(path.join(ROOT, 'notebooks', c), 'utf8')]));
  const server = await startServer();
  const browser = await launch();
  try {
    for (const c of chapters) {
      const started = Date.now();
      const r = await runChapter(browser, server, c);
      if (r.outcome !== 'done') {
        r.found.push(`${c}: ${r.outcome} after ${((Date.now() - started) / 1000).toFixed(1)} s; server log:\n`
          + serverLogTail(server, 25));
      }
      console.log(`  ${c}: ${((Date.now() - started) / 1000).toFixed(1)} s, kernel answered in ${r.startMs} ms, `
        + `${r.state.charts.length} charts, ${r.state.images.length} images`);
      assert.deepEqual(r.found, [], c);
    }
  } finally {
    await browser.close();
    const left = await stopServer(server);
    console.log(`  kernels left running after the server stopped: ${left}`);
  }
  for (const c of chapters) {
    assert.equal(fs.readFileSync(path.join(ROOT, 'notebooks', c), 'utf8'), before[c], `${c} was modified`);
  }
});
