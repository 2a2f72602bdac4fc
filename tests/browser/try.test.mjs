// The site's "Try it" page: the JavaScript network against DJL, and drawing with mouse and finger.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launch, collectErrors, screenshotPath } from './checks.mjs';

const PAGE = path.join(ROOT, 'build', 'site', 'try.html');
const CHECK = path.join(ROOT, 'build', 'web-check.js');

// Opens the page in a fresh Chromium, runs `body(page, errors)`, and always closes the browser.
async function withPage(body, options = { viewport: { width: 1100, height: 900 } }) {
  const browser = await launch();
  try {
    const page = await (await browser.newContext(options)).newPage();
    const errors = collectErrors(page);
    await page.goto(pathToFileURL(PAGE).href, { waitUntil: 'load' });
    await body(page, errors);
  } finally {
    await browser.close();
  }
}

// Runs the page's network on the first `count` exported test digits, optionally with one C1
// weight changed by `c1Change`, and compares its logits with the Predictor's.
async function compareWithDjl(page, count, c1Change = 0) {
  await page.addScriptTag({ path: CHECK });
  return page.evaluate(([n, change]) => {
    const Net = window.LeNet5Net;
    const model = Net.loadModel(window.LENET5_MODEL);
    model.c1[0][12] += change;
    const check = window.LENET5_CHECK;
    const bytes = Uint8Array.from(atob(check.images), (c) => c.charCodeAt(0));
    const argmax = (v) => v.indexOf(Math.max(...v));
    let maxDiff = 0;
    let sameClass = 0;
    for (let i = 0; i < n; i++) {
      const digit = Array.from(bytes.subarray(i * 784, (i + 1) * 784), (b) => b / 255);
      const logits = Net.forward(model, Net.toInput(model, digit)).logits;
      logits.forEach((v, k) => { maxDiff = Math.max(maxDiff, Math.abs(v - check.logits[i][k])); });
      if (argmax(logits) === argmax(check.logits[i])) sameClass++;
    }
    return { available: check.count, maxDiff, sameClass };
  }, [count, c1Change]);
}

// Pointer strokes in the pad's own 280x280 coordinates.
async function draw(page, strokes) {
  const box = await page.locator('#pad').boundingBox();
  const at = ([x, y]) => [box.x + (x * box.width) / 280, box.y + (y * box.height) / 280];
  for (const stroke of strokes) {
    await page.mouse.move(...at(stroke[0]));
    await page.mouse.down();
    for (const p of stroke.slice(1)) await page.mouse.move(...at(p), { steps: 8 });
    await page.mouse.up();
  }
}

async function shown(page) {
  await page.waitForFunction(() => document.querySelector('#prediction').dataset.digit !== undefined, null, { timeout: 5000 });
  return page.evaluate(() => ({
    digit: Number(document.querySelector('#prediction').dataset.digit),
    text: document.querySelector('#prediction').textContent,
    probabilities: [...document.querySelectorAll('#bars .bar')].map((b) => Number(b.dataset.p)),
    // Drawn bar lengths, relative to their track.
    lengths: [...document.querySelectorAll('#bars .bar')].map((b) =>
      b.querySelector('.fill').getBoundingClientRect().width / b.querySelector('.track').getBoundingClientRect().width),
  }));
}

test('the JavaScript network gives the logits of the DJL Predictor for 200 test digits', async () => {
  assert.ok(fs.existsSync(PAGE) && fs.existsSync(CHECK), 'run `make course` (or make notebooks site) first');
  await withPage(async (page, errors) => {
    const result = await compareWithDjl(page, 200);
    console.log(`# 200 test digits: largest |JS - DJL| logit difference ${result.maxDiff.toExponential(2)}, same class for ${result.sameClass}`);
    assert.equal(result.available, 200);
    assert.ok(result.maxDiff < 1e-4, `largest logit difference ${result.maxDiff}`);
    assert.equal(result.sameClass, 200);
    assert.deepEqual(errors, []);
  });
});

test('a wrong weight would be caught: the comparison fails when one C1 weight changes', async () => {
  await withPage(async (page) => {
    const result = await compareWithDjl(page, 20, 0.05);
    assert.ok(result.maxDiff > 1e-4, `a changed weight moved the logits by only ${result.maxDiff}`);
  });
});

test('drawing with the mouse shows a prediction whose bars sum to 1, and Clear empties it', async () => {
  await withPage(async (page, errors) => {
    assert.equal(await page.locator('#prediction').textContent(), 'Draw a digit.');
    await draw(page, [[[140, 40], [140, 240]]]);
    const line = await shown(page);
    const sum = line.probabilities.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-6, `bars sum to ${sum}`);
    assert.match(line.text, /^It looks like a \d \(\d+\.\d %\)\.$/);
    line.lengths.forEach((l, d) => assert.ok(Math.abs(l - line.probabilities[d]) < 0.01, `bar ${d} drawn at ${l}, p = ${line.probabilities[d]}`));
    console.log(`# vertical line read as ${line.digit} (${line.text})`);
    await page.screenshot({ path: screenshotPath('try-desktop-line'), fullPage: true });

    await page.click('#clear');
    assert.equal(await page.locator('#prediction').textContent(), 'Draw a digit.');
    await draw(page, [[[70, 50], [210, 50], [120, 240]]]);
    const seven = await shown(page);
    const sum7 = seven.probabilities.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum7 - 1) < 1e-6, `bars sum to ${sum7}`);
    console.log(`# drawn 7 read as ${seven.digit} (${seven.text})`);
    // The input and the six C1 maps were drawn.
    const inked = await page.evaluate(() => [document.getElementById('input-view'), ...document.querySelectorAll('#c1 canvas')]
      .map((c) => c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 !== 3 && v > 0)));
    assert.deepEqual(inked, [true, true, true, true, true, true, true]);
    // The maps are signed, drawn blue to red as chapter 6 draws them: some pixel is not grey.
    const coloured = await page.evaluate(() => [...document.querySelectorAll('#c1 canvas')].map((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) if (d[i] !== d[i + 2]) return true;
      return false;
    }));
    assert.deepEqual(coloured, [true, true, true, true, true, true], 'C1 maps in blue and red');
    await page.screenshot({ path: screenshotPath('try-desktop'), fullPage: true });
    assert.deepEqual(errors, []);
  });
});

test('on a phone-sized touch screen the page fits and a finger stroke is read', async () => {
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
  await withPage(async (page, errors) => {
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(fits, 'no horizontal scrolling on a 390 px wide screen');
    const box = await page.locator('#pad').boundingBox();
    assert.ok(box.width > 250 && box.x >= 0 && box.x + box.width <= 390, `pad at ${JSON.stringify(box)}`);
    // A finger stroke: touch pointer events through the DevTools protocol.
    const cdp = await page.context().newCDPSession(page);
    const points = Array.from({ length: 12 }, (_, i) => ({ x: box.x + box.width / 2, y: box.y + box.height * (0.15 + 0.06 * i) }));
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [points[0]] });
    for (const p of points.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const result = await shown(page);
    const sum = result.probabilities.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-6, `bars sum to ${sum}`);
    await page.screenshot({ path: screenshotPath('try-phone'), fullPage: true });
    assert.deepEqual(errors, []);
  }, phone);
});
