// Driving a chapter through JupyterLab 4's or Notebook 7's own UI (menus, toolbar, dialogs), and
// reading what it shows. Both are built from the same JupyterLab components.
import { serverLogTail } from './jupyter-server.mjs';

const KERNEL_START_MS = 30000;       // the course kernel answers in about a second
const STALL_MS = 10 * 60 * 1000;     // no cell finished for this long: the kernel is stuck
const IDLE_LOST_MS = 60 * 1000;      // kernel idle this long with cells waiting: replies were lost

/**
 * The URL that opens a chapter: JupyterLab's /lab/tree/, Notebook 7's /notebooks/. In JupyterLab,
 * `reset` starts from an empty workspace: otherwise the chapters opened before come back as tabs
 * (each with its kernel), and one of them may be the current panel when Run All is pressed.
 */
export function chapterUrl(server, chapter) {
  const route = server.app === 'lab' ? 'lab/tree' : 'notebooks';
  const reset = server.app === 'lab' ? '&reset' : '';
  return `${server.base}/${route}/notebooks/${chapter}?token=${server.token}${reset}`;
}

// State of the current notebook, from the application object (the DOM holds only what is in view).
const notebookState = () => {
  const panel = window.jupyterapp.shell.currentWidget;
  const ctx = panel && panel.sessionContext;
  if (!ctx || !panel.content || !panel.content.model) return null;
  const cells = [];
  const list = panel.content.model.cells;
  for (let i = 0; i < list.length; i++) {
    const c = list.get(i);
    if (c.type !== 'code') continue;
    const outputs = [];
    for (let j = 0; j < c.outputs.length; j++) outputs.push(c.outputs.get(j).toJSON());
    cells.push({ index: i, n: c.executionCount, source: c.sharedModel.getSource(), outputs });
  }
  const kernel = ctx.session && ctx.session.kernel;
  return { status: kernel ? kernel.status : 'none', kernel: ctx.kernelDisplayName, cells };
};

export const state = (page) => page.evaluate(notebookState);

/** Error and stderr outputs of a cell, one string each. */
export function cellErrors(cell) {
  const found = [];
  for (const o of cell.outputs) {
    if (o.output_type === 'error') found.push(`${o.ename}: ${o.evalue}`.slice(0, 300));
    if (o.output_type === 'stream' && o.name === 'stderr' && [].concat(o.text).join('').trim()) {
      found.push('stderr: ' + [].concat(o.text).join('').slice(0, 300));
    }
  }
  return found;
}

/** Clicks a top-level menu, then one of its items (by command id). */
export async function menu(page, title, command) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: new RegExp(`^${title}$`) }).first().click();
  await page.locator(`.lm-Menu-item[data-command="${command}"]`).first().click();
}

/** Clicks a button of the notebook's toolbar (by its item name: run, interrupt, restart...). */
export async function toolbar(page, name) {
  await page.locator(`.jp-NotebookPanel-toolbar [data-jp-item-name="${name}"] button, `
    + `.jp-NotebookPanel-toolbar button[data-jp-item-name="${name}"]`).first().click();
}

/** Accepts a dialog if one is open (kernel selection, restart confirmation). Returns its title. */
export async function acceptDialog(page, timeoutMs = 0) {
  const dialog = page.locator('.jp-Dialog');
  try {
    await dialog.first().waitFor({ timeout: timeoutMs || 1 });
  } catch {
    return null;
  }
  const title = await dialog.locator('.jp-Dialog-header').first().innerText().catch(() => '');
  await dialog.locator('.jp-Dialog-button.jp-mod-accept').first().click();
  await dialog.first().waitFor({ state: 'detached', timeout: 10000 });
  return title;
}

/** Waits until the kernel is idle; returns the milliseconds it took, or -1 past `timeoutMs`. */
export async function kernelIdle(page, timeoutMs = KERNEL_START_MS) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const s = await state(page).catch(() => null);
    if (s && s.status === 'idle') return Date.now() - started;
    await page.waitForTimeout(50);
  }
  return -1;
}

/**
 * Opens a chapter; picks the course kernel if JupyterLab asks for one; waits for the kernel.
 * Returns the milliseconds until the kernel was idle and the kernel's display name.
 */
export async function openChapter(page, server, chapter) {
  await page.goto(chapterUrl(server, chapter));
  await page.waitForFunction(() => window.jupyterapp && window.jupyterapp.shell.currentWidget
    && window.jupyterapp.shell.currentWidget.sessionContext, null, { timeout: 60000 });
  const asked = await acceptDialog(page, 1500);
  const ms = await kernelIdle(page);
  if (ms < 0) {
    throw new Error(`${chapter}: the kernel was not idle within ${KERNEL_START_MS / 1000} s; `
      + `server log:\n${serverLogTail(server, 25)}`);
  }
  return { ms, asked, kernel: (await state(page)).kernel };
}

/**
 * Waits until every code cell (before cell `upTo`, if given) has finished. Returns 'done', or
 * 'lost' when the kernel has been idle for a minute with cells still waiting, or 'stalled' when
 * nothing finished for 10 minutes.
 */
export async function allFinished(page, upTo = Infinity) {
  const cellsOf = (s) => s.cells.filter((c) => c.index < upTo);
  const finished = (s) => cellsOf(s).filter((c) => typeof c.n === 'number').length;
  let last = await state(page);
  let progressAt = Date.now();
  let busyAt = Date.now();
  for (;;) {
    await page.waitForTimeout(500);
    const now = await state(page);
    if (finished(now) !== finished(last)) progressAt = Date.now();
    if (now.status !== 'idle' || finished(now) !== finished(last)) busyAt = Date.now();
    last = now;
    if (finished(now) === cellsOf(now).length && now.status === 'idle') return 'done';
    if (Date.now() - busyAt > IDLE_LOST_MS) return 'lost';
    if (Date.now() - progressAt > STALL_MS) return 'stalled';
  }
}

/** Run → Run All Cells, then waits until all have finished. */
export async function runAll(page) {
  await menu(page, 'Run', 'runmenu:run-all');
  return allFinished(page);
}

/**
 * Brings every output into view once, top to bottom, so that the lazily rendered cells are
 * drawn before the page is inspected.
 */
export async function scrollThrough(page) {
  const count = await page.evaluate(() => document.querySelectorAll('.jp-Notebook .jp-Cell').length);
  for (let i = 0; i < count; i++) {
    await page.evaluate((k) => {
      const cell = document.querySelectorAll('.jp-Notebook .jp-Cell')[k];
      if (cell) cell.scrollIntoView({ block: 'start' });
    }, i);
    await page.waitForTimeout(30);
  }
}

/** Makes cell `index` (of all cells) the active one, as a click on it would. */
export async function selectCell(page, index) {
  await page.evaluate(async (i) => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    notebook.activeCellIndex = i;
    // The notebook renders only the cells near the view: scroll with its own windowing API.
    await notebook.scrollToItem(i, 'start');
  }, index);
}

/** Scrolls to the first cell that holds a chart (else the first cell), for the screenshot. */
export async function showFirstChart(page, s) {
  const html = (o) => [].concat((o.data || {})['text/html'] || []).join('');
  const withChart = s.cells.find((c) => c.outputs.some((o) => html(o).includes('lenet5-chart')));
  await selectCell(page, withChart ? withChart.index : 0);
  await page.waitForTimeout(500);
}
