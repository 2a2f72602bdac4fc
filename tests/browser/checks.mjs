// Shared browser checks: launch Debian's Chromium, and inspect a page's charts, maths and images.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = path.join(ROOT, 'build', 'screenshots');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Debian's Chromium, headless, never a downloaded browser. */
export async function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium ('apt-get install chromium') or set CHROMIUM`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--allow-file-access-from-files'],
  });
}

/** Records console errors, page errors and failed requests of a page. */
export function collectErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
  page.on('pageerror', (e) => errors.push('page error: ' + e.message));
  // A response whose status arrived (and is checked below) but whose body nobody read, such as the
  // 204 of a DELETE through fetch, is reported by Chromium as aborted: that is not a failure.
  const answered = new Set();
  page.on('response', (r) => {
    answered.add(r.request());
    if (r.status() >= 400) errors.push(`http ${r.status()}: ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText || '';
    if (answered.has(r) && why === 'net::ERR_ABORTED') return;
    errors.push(`request failed: ${r.method()} ${r.url()} ${why}`);
  });
  return errors;
}

/** State of every chart, image and maths element on the page, right now. */
export async function inspect(page) {
  return page.evaluate(() => {
    const charts = [...document.querySelectorAll('.lenet5-chart')].map((el) => ({
      id: el.id,
      drawn: !!el.querySelector('svg.main-svg') && Array.isArray(el.data) && el.data.length >= 1,
      traces: Array.isArray(el.data) ? el.data.length : 0,
    }));
    const images = [...document.querySelectorAll('img')].map((img) => ({
      src: (img.getAttribute('src') || '').slice(0, 40), ok: img.complete && img.naturalWidth > 0 && img.naturalHeight > 0,
    }));
    return { charts, images, math: document.querySelectorAll('mjx-container').length };
  });
}

/** Waits until every chart is drawn (or the time is up) and MathJax has typeset, then inspects. */
export async function settle(page, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  await page.evaluate(() => (window.MathJax && window.MathJax.startup && window.MathJax.startup.promise) || null)
    .catch(() => null);
  let state = await inspect(page);
  while (Date.now() < end && state.charts.some((c) => !c.drawn)) {
    await page.waitForTimeout(250);
    state = await inspect(page);
  }
  return state;
}

/** Problems of a settled page, one string each (empty when the page is right). */
export function problems(state, errors, expectMath) {
  const out = [...errors];
  for (const c of state.charts) if (!c.drawn) out.push(`chart ${c.id} is blank`);
  for (const i of state.images) if (!i.ok) out.push(`image ${i.src}... has no size`);
  if (expectMath && state.math === 0) out.push('page has maths but no MathJax output');
  return out;
}

export function screenshotPath(name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, name + '.png');
}
