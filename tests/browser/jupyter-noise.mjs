// What JupyterLab 4 and Notebook 7 log on their own, whatever the course does; everything else
// counts as an error of the course.
const NOISE = [
  /favicon/i,
  // Notebook 7.6.5 throws this while loading its settings, on its file browser (/tree) before any
  // notebook is open, so with no course code in the page.
  /^page error: Cannot read properties of undefined \(reading 'schema'\)$/,
];

/** True when an error entry (from checks.mjs' collectErrors) is Jupyter's own, not the course's. */
export function isJupyterNoise(entry) {
  return NOISE.some((re) => re.test(entry));
}
