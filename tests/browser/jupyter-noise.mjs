// What JupyterLab 4 and Notebook 7 log on their own, whatever the course does; everything else
// counts as an error of the course.
const NOISE = [
  /favicon/i,
];

/** True when an error entry (from checks.mjs' collectErrors) is Jupyter's own, not the course's. */
export function isJupyterNoise(entry) {
  return NOISE.some((re) => re.test(entry));
}
