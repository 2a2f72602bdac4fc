// The classic-Notebook test ignores the Notebook's own noise and nothing else.
import test from 'node:test';
import assert from 'node:assert/strict';
import { isNotebookNoise } from './notebook-noise.mjs';

test('the widgets probe and the UI noise are ignored', () => {
  assert.ok(isNotebookNoise('http 404: http://127.0.0.1:41234/nbextensions/widgets/notebook/js/extension.js?v=20260101'));
  assert.ok(isNotebookNoise('http 404: http://127.0.0.1:41234/nbextensions/widgets/notebook/js/extension.js'));
  assert.ok(isNotebookNoise("console: Refused to execute script from 'http://127.0.0.1:40327/nbextensions/widgets/"
    + "notebook/js/extension.js?v=20261124143418' because its MIME type ('text/html') is not executable, and strict "
    + 'MIME type checking is enabled.'));
  assert.ok(isNotebookNoise('request failed: http://127.0.0.1:40327/nbextensions/widgets/notebook/js/extension.js'
    + '?v=20261124143418 net::ERR_ABORTED'));
  assert.ok(isNotebookNoise('http 404: http://127.0.0.1:41234/static/base/images/favicon-busy-1.ico'));
});

test('course errors still count', () => {
  for (const e of [
    'http 404: http://127.0.0.1:41234/files/build/js/plotly.min.js',
    'http 404: http://127.0.0.1:41234/nbextensions/widgets/notebook/js/other.js',
    'http 500: http://127.0.0.1:41234/nbextensions/widgets/notebook/js/extension.js',
    'page error: Plotly is not defined',
    'console: Uncaught ReferenceError: lenet5Chart is not defined',
    'request failed: http://127.0.0.1:41234/api/kernels net::ERR_CONNECTION_REFUSED',
    'request failed: http://127.0.0.1:41234/nbextensions/widgets/notebook/js/extension.js net::ERR_CONNECTION_RESET',
    "console: Refused to execute script from 'http://127.0.0.1:41234/files/build/js/plotly.min.js' because its "
      + "MIME type ('text/html') is not executable, and strict MIME type checking is enabled.",
    'http 404: http://evil.example/nbextensions/widgets/notebook/js/extension.js',
  ]) {
    assert.equal(isNotebookNoise(e), false, e);
  }
});
