// What the classic Notebook logs on its own, whatever the course does; everything else is an error.

// Notebook 6 always asks for ipywidgets' extension (a fallback hard-coded in its main.js). Where
// ipywidgets is not installed, as on Debian, that is a 404, logged three ways: the response, the
// script refused for its text/html error page, and the aborted request.
const WIDGETS_URL = String.raw`http://127\.0\.0\.1:\d+/nbextensions/widgets/notebook/js/extension\.js(\?v=\d+)?`;
const WIDGETS_PROBE = new RegExp([
  String.raw`^http 404: ${WIDGETS_URL}$`,
  String.raw`^console: Refused to execute script from '${WIDGETS_URL}' because its MIME type \('text/html'\) is not executable`,
  String.raw`^request failed: ${WIDGETS_URL} net::ERR_ABORTED$`,
].join('|'));
// Its favicon, a font it asks for at about:blank, websocket closes when a session is deleted; and
// the console's URL-less "Failed to load resource" lines, which the http entries (with URLs) cover.
const UI = /favicon|about:blank|websocket|^console: Failed to load resource/i;

/** True when an error entry (from checks.mjs' collectErrors) is the Notebook's own, not the course's. */
export function isNotebookNoise(entry) {
  return WIDGETS_PROBE.test(entry) || UI.test(entry);
}
