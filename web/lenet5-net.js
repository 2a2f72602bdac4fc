// LeNet-5 (the course's classic network) in plain JavaScript: MNIST-style preprocessing of a
// drawing and the forward pass, with the weights `make course` exports from chapter 4's model.
// Everything is computed in float64; the network is small enough to run on every pointer move.
(function (global) {
  'use strict';

  const MNIST = 28;   // MNIST's side
  const BOX = 20;     // MNIST fitted each digit into 20x20 ...
  const BORDER = 2;   // ... and the course pads 28x28 to 32x32
  const INPUT = MNIST + 2 * BORDER;

  function decodeFloats(base64) {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return Array.from(new Float32Array(bytes.buffer));
  }

  // The ten parameter arrays, in the network's order, checked against the shapes the code expects.
  const SHAPES = [[6, 1, 5, 5], [6], [16, 6, 5, 5], [16], [120, 16, 5, 5], [120], [84, 120], [84], [10, 84], [10]];

  function loadModel(exported) {
    if (!exported || !Array.isArray(exported.parameters)) {
      throw new Error('No exported model: run `make course` to train it and export it to the site.');
    }
    if (exported.parameters.length !== SHAPES.length) {
      throw new Error(`expected ${SHAPES.length} parameter arrays, found ${exported.parameters.length}`);
    }
    const p = exported.parameters.map((param, i) => {
      if (param.shape.join('x') !== SHAPES[i].join('x')) {
        throw new Error(`parameter ${param.name} has shape ${param.shape.join('x')}, expected ${SHAPES[i].join('x')}`);
      }
      return decodeFloats(param.data);
    });
    return { mean: exported.mean, std: exported.std, source: exported.source,
      c1: [p[0], p[1]], c3: [p[2], p[3]], c5: [p[4], p[5]], f6: [p[6], p[7]], out: [p[8], p[9]] };
  }

  // Valid 5x5 convolution of maps (inC, side, side) into (outC, side-4, side-4).
  function conv(x, inC, side, [w, b]) {
    const outC = b.length;
    const o = side - 4;
    const y = new Float64Array(outC * o * o);
    for (let k = 0; k < outC; k++) {
      for (let r = 0; r < o; r++) {
        for (let c = 0; c < o; c++) {
          let s = b[k];
          for (let ch = 0; ch < inC; ch++) {
            const wBase = ((k * inC + ch) * 5) * 5;
            const xBase = ch * side * side;
            for (let i = 0; i < 5; i++) {
              const row = xBase + (r + i) * side + c;
              const wRow = wBase + i * 5;
              for (let j = 0; j < 5; j++) s += w[wRow + j] * x[row + j];
            }
          }
          y[(k * o + r) * o + c] = s;
        }
      }
    }
    return y;
  }

  function tanh(x) {
    return x.map(Math.tanh);
  }

  // 2x2 average pooling with stride 2.
  function pool(x, channels, side) {
    const o = side / 2;
    const y = new Float64Array(channels * o * o);
    for (let k = 0; k < channels; k++) {
      for (let r = 0; r < o; r++) {
        for (let c = 0; c < o; c++) {
          const i = (k * side + 2 * r) * side + 2 * c;
          y[(k * o + r) * o + c] = (x[i] + x[i + 1] + x[i + side] + x[i + side + 1]) / 4;
        }
      }
    }
    return y;
  }

  // Fully connected layer with DJL's weight layout (outputs, inputs).
  function linear(x, [w, b]) {
    const n = x.length;
    const y = new Float64Array(b.length);
    for (let k = 0; k < b.length; k++) {
      let s = b[k];
      for (let i = 0; i < n; i++) s += w[k * n + i] * x[i];
      y[k] = s;
    }
    return y;
  }

  /** The ten scores (logits) of a 32x32 input, and C1's six maps after tanh. */
  function forward(model, input) {
    const c1 = tanh(conv(input, 1, INPUT, model.c1));   // 6 x 28 x 28
    const s2 = pool(c1, 6, 28);                          // 6 x 14 x 14
    const c3 = tanh(conv(s2, 6, 14, model.c3));          // 16 x 10 x 10
    const s4 = pool(c3, 16, 10);                         // 16 x 5 x 5
    const c5 = tanh(conv(s4, 16, 5, model.c5));          // 120 (x 1 x 1)
    const f6 = tanh(linear(c5, model.f6));               // 84
    return { logits: Array.from(linear(f6, model.out)), c1 };
  }

  function softmax(logits) {
    const m = Math.max(...logits);
    const e = logits.map((v) => Math.exp(v - m));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  }

  /** The course's preprocessing of a 28x28 digit (values 0..1): pad to 32x32, normalise. */
  function toInput(model, digit28) {
    const x = new Float64Array(INPUT * INPUT);
    for (let r = 0; r < INPUT; r++) {
      for (let c = 0; c < INPUT; c++) {
        const rr = r - BORDER;
        const cc = c - BORDER;
        const v = rr >= 0 && rr < MNIST && cc >= 0 && cc < MNIST ? digit28[rr * MNIST + cc] : 0;
        x[r * INPUT + c] = (v - model.mean) / model.std;
      }
    }
    return x;
  }

  // Overlap of output pixel t (of scale s source pixels each) with every source pixel, as weights.
  function coverage(sourceLength, targetLength, scale) {
    const weights = [];
    for (let t = 0; t < targetLength; t++) {
      const from = t * scale;
      const to = Math.min(sourceLength, (t + 1) * scale);
      const row = [];
      for (let s = Math.floor(from); s < Math.ceil(to); s++) {
        const w = Math.min(to, s + 1) - Math.max(from, s);
        if (w > 0) row.push([s, w / scale]);
      }
      weights.push(row);
    }
    return weights;
  }

  /**
   * A drawing as MNIST made its digits: the ink's bounding box scaled (area-averaged, aspect ratio
   * kept) so that its longer side is 20 pixels, then placed in 28x28 with its centre of mass at
   * the centre. `ink` holds width*height values between 0 and 1. Returns null for an empty drawing.
   */
  function mnistStyle(ink, width, height) {
    let top = height, bottom = -1, left = width, right = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (ink[y * width + x] > 0) {
          top = Math.min(top, y); bottom = Math.max(bottom, y);
          left = Math.min(left, x); right = Math.max(right, x);
        }
      }
    }
    if (bottom < 0) return null;
    const bw = right - left + 1;
    const bh = bottom - top + 1;
    const scale = Math.max(bw, bh) / BOX;
    const tw = Math.max(1, Math.round(bw / scale));
    const th = Math.max(1, Math.round(bh / scale));
    const wx = coverage(bw, tw, scale);
    const wy = coverage(bh, th, scale);
    const small = new Float64Array(tw * th);
    for (let ty = 0; ty < th; ty++) {
      for (let tx = 0; tx < tw; tx++) {
        let s = 0;
        for (const [sy, vy] of wy[ty]) {
          const row = (top + sy) * width + left;
          for (const [sx, vx] of wx[tx]) s += vy * vx * ink[row + sx];
        }
        small[ty * tw + tx] = Math.min(1, s);
      }
    }
    let mass = 0, mx = 0, my = 0;
    for (let y = 0; y < th; y++) {
      for (let x = 0; x < tw; x++) {
        const v = small[y * tw + x];
        mass += v; mx += (x + 0.5) * v; my += (y + 0.5) * v;
      }
    }
    const ox = Math.round(MNIST / 2 - mx / mass);
    const oy = Math.round(MNIST / 2 - my / mass);
    const digit = new Float64Array(MNIST * MNIST);
    for (let y = 0; y < th; y++) {
      for (let x = 0; x < tw; x++) {
        const r = y + oy;
        const c = x + ox;
        if (r >= 0 && r < MNIST && c >= 0 && c < MNIST) digit[r * MNIST + c] = small[y * tw + x];
      }
    }
    return digit;
  }

  global.LeNet5Net = { loadModel, forward, softmax, toInput, mnistStyle, INPUT, MNIST };
})(typeof window !== 'undefined' ? window : globalThis);
