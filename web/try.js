// The "Try it" page: a drawing pad, the network's ten probabilities, its input and C1's maps.
(function () {
  'use strict';
  const Net = window.LeNet5Net;
  const pad = document.getElementById('pad');
  const ctx = pad.getContext('2d', { willReadFrequently: true });
  const bars = document.getElementById('bars');
  const prediction = document.getElementById('prediction');
  let model;
  try {
    model = Net.loadModel(window.LENET5_MODEL);
  } catch (e) {
    document.getElementById('error').textContent = e.message;
    return;
  }
  document.getElementById('source').textContent =
    `Weights: ${model.source}, exported by make course; inputs normalised with mean ${model.mean.toFixed(4)}, std ${model.std.toFixed(4)}.`;

  const rows = [];
  for (let d = 0; d < 10; d++) {
    const row = document.createElement('div');
    row.className = 'bar';
    row.dataset.digit = String(d);
    row.innerHTML = `<span>${d}</span><span class="track"><span class="fill"></span></span><span class="value"></span>`;
    bars.appendChild(row);
    rows.push(row);
  }
  const maps = [];
  const c1 = document.getElementById('c1');
  for (let k = 0; k < 6; k++) {
    const fig = document.createElement('figure');
    const canvas = document.createElement('canvas');
    canvas.width = 28;
    canvas.height = 28;
    fig.appendChild(canvas);
    fig.appendChild(Object.assign(document.createElement('figcaption'), { textContent: `C1 map ${k + 1}` }));
    c1.appendChild(fig);
    maps.push(canvas);
  }

  // Values mapped to grey levels between lo (black) and hi (white).
  function paint(canvas, values, side, lo, hi) {
    const c = canvas.getContext('2d');
    const img = c.createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
      const g = Math.round(255 * Math.min(1, Math.max(0, (values[i] - lo) / (hi - lo))));
      img.data.set([g, g, g, 255], 4 * i);
    }
    c.putImageData(img, 0, 0);
  }

  // Signed values on chapter 6's scale: -1 blue, 0 white, +1 red (tanh's range).
  function paintSigned(canvas, values, side) {
    const c = canvas.getContext('2d');
    const img = c.createImageData(side, side);
    for (let i = 0; i < side * side; i++) {
      const a = Math.max(-1, Math.min(1, values[i]));
      const fade = Math.round(255 * (1 - Math.abs(a)));
      img.data.set(a < 0 ? [fade, fade, 255, 255] : [255, fade, fade, 255], 4 * i);
    }
    c.putImageData(img, 0, 0);
  }

  function show(probabilities) {
    const best = probabilities.indexOf(Math.max(...probabilities));
    rows.forEach((row, d) => {
      const p = probabilities[d];
      row.dataset.p = String(p);
      row.classList.toggle('best', d === best);
      row.querySelector('.fill').style.width = `${(100 * p).toFixed(1)}%`;
      row.querySelector('.value').textContent = `${(100 * p).toFixed(1)} %`;
    });
    prediction.dataset.digit = String(best);
    prediction.textContent = `It looks like a ${best} (${(100 * probabilities[best]).toFixed(1)} %).`;
  }

  function clearOutputs() {
    rows.forEach((row) => {
      delete row.dataset.p;
      row.classList.remove('best');
      row.querySelector('.fill').style.width = '0';
      row.querySelector('.value').textContent = '';
    });
    delete prediction.dataset.digit;
    prediction.textContent = 'Draw a digit.';
  }

  function classify() {
    const { data, width, height } = ctx.getImageData(0, 0, pad.width, pad.height);
    const ink = new Float64Array(width * height);
    for (let i = 0; i < ink.length; i++) ink[i] = data[4 * i + 3] / 255;
    const digit = Net.mnistStyle(ink, width, height);
    if (!digit) {
      clearOutputs();
      return;
    }
    const input = Net.toInput(model, digit);
    const out = Net.forward(model, input);
    show(Net.softmax(out.logits));
    paint(document.getElementById('input-view'), input, Net.INPUT, -model.mean / model.std, (1 - model.mean) / model.std);
    maps.forEach((canvas, k) => paintSigned(canvas, out.c1.slice(k * 784, (k + 1) * 784), 28));
  }

  let pending = false;
  function schedule() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => { pending = false; classify(); });
    }
  }

  let last = null;
  function point(e) {
    const r = pad.getBoundingClientRect();
    return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height];
  }
  // MNIST's strokes are about 3 px in a 20-px-tall digit (its ones: ink 60.8 over height 20.0):
  // 30 px suits a digit drawn 200 px tall, which preprocessing scales by 0.1.
  ctx.lineWidth = 30;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = '#000';
  pad.addEventListener('pointerdown', (e) => {
    pad.setPointerCapture(e.pointerId);
    last = point(e);
    ctx.beginPath();
    ctx.arc(last[0], last[1], ctx.lineWidth / 2, 0, 2 * Math.PI);
    ctx.fill();
    schedule();
  });
  pad.addEventListener('pointermove', (e) => {
    if (!last) return;
    const p = point(e);
    ctx.beginPath();
    ctx.moveTo(last[0], last[1]);
    ctx.lineTo(p[0], p[1]);
    ctx.stroke();
    last = p;
    schedule();
  });
  const end = () => { last = null; };
  pad.addEventListener('pointerup', end);
  pad.addEventListener('pointercancel', end);
  document.getElementById('clear').addEventListener('click', () => {
    ctx.clearRect(0, 0, pad.width, pad.height);
    clearOutputs();
    [document.getElementById('input-view'), ...maps].forEach((c) => c.getContext('2d').clearRect(0, 0, c.width, c.height));
  });
})();
