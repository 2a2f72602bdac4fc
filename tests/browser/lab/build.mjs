// Bundles lab/page.mjs (JupyterLab's output rendering) into one script and one stylesheet.
import esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

// JupyterLab's stylesheets import each other webpack-style ("~package/file.css").
const tildeImports = {
  name: 'tilde-imports',
  setup(build) {
    build.onResolve({ filter: /^~/ }, (args) => build.resolve(args.path.slice(1),
      { kind: args.kind, resolveDir: args.resolveDir }));
  },
};

/** Writes page.js and page.css into `outdir`. */
export async function bundle(outdir) {
  await esbuild.build({
    entryPoints: [path.join(HERE, 'page.mjs')],
    bundle: true,
    format: 'iife',
    outfile: path.join(outdir, 'page.js'),
    loader: { '.svg': 'dataurl', '.png': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl' },
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [tildeImports],
    logLevel: 'error',
  });
}
