// JupyterLab 4 or Notebook 7 from the course's environment, on 127.0.0.1, serving a copy of the
// chapters: the UI tests save nothing into notebooks/, which is committed without outputs.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './checks.mjs';

const JUPYTER = path.join(path.dirname(process.env.JUPYTER_PYTHON || path.join(ROOT, 'build', 'venv', 'bin', 'python')),
  'jupyter');

export const chapters = fs.readdirSync(path.join(ROOT, 'notebooks')).filter((f) => /^\d\d-.*\.ipynb$/.test(f))
  .filter((f) => f.startsWith(process.env.ONLY || '')).sort();

export function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

// A folder outside the project with copies of the chapters, `utils` and the README linked back as a learner's
// copy has them (each chapter's first cell, `%classpath $LENET5_HOME/utils/target/classes`, needs no link).
function workspace(app) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lenet5-${app}-`));
  fs.mkdirSync(path.join(dir, 'notebooks'));
  for (const c of chapters) fs.copyFileSync(path.join(ROOT, 'notebooks', c), path.join(dir, 'notebooks', c));
  fs.symlinkSync(path.join(ROOT, 'utils'), path.join(dir, 'utils'));
  return dir;
}

/**
 * Starts `jupyter lab` or `jupyter notebook` (app 'lab' or 'notebook') with a token, its own
 * runtime, config and settings folders, logging to build/<app>-server.log.
 */
export async function startJupyter(app) {
  const port = await freePort();
  const token = crypto.randomBytes(16).toString('hex');
  const dir = workspace(app);
  const logFile = path.join(ROOT, 'build', `${app}-server.log`);
  const log = fs.openSync(logFile, 'w');
  const appClass = app === 'lab' ? 'LabApp' : 'JupyterNotebookApp';
  const env = { ...process.env, JUPYTER_RUNTIME_DIR: path.join(dir, '.runtime'), JUPYTER_CONFIG_DIR: path.join(dir, '.config') };
  const proc = spawn(JUPYTER, [app, '--no-browser', '--ip=127.0.0.1', `--port=${port}`,
    `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${dir}`,
    `--${appClass}.user_settings_dir=${path.join(dir, '.settings')}`,
    `--${appClass}.workspaces_dir=${path.join(dir, '.workspaces')}`,
    // The tests read cell state from the application object rather than from the DOM, which
    // JupyterLab renders lazily.
    `--${appClass}.expose_app_in_browser=True`,
    ...(process.getuid && process.getuid() === 0 ? ['--allow-root'] : [])],
  { stdio: ['ignore', log, log], env });
  const base = `http://127.0.0.1:${port}`;
  let exited = false;
  proc.once('exit', () => { exited = true; });
  for (let i = 0; i < 240 && !exited; i++) {
    try {
      const r = await fetch(`${base}/api/status?token=${token}`);
      if (r.ok) return { app, proc, base, token, dir, logFile };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  proc.kill();
  throw new Error(`jupyter ${app} did not start; see ${logFile}`);
}

// Kernels whose connection file lies in the server's runtime folder (a kernel being restarted
// when the server stops can outlive it).
function killKernelsOf(runtime) {
  let n = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd = '';
    try { cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (cmd.includes(runtime + path.sep)) {
      try { process.kill(Number(pid), 'SIGKILL'); n++; } catch { /* already gone */ }
    }
  }
  return n;
}

/** Stops the server; returns how many kernels it left behind (they are killed). */
export async function stopJupyter(server) {
  if (server.proc.exitCode === null) {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
  }
  const left = killKernelsOf(path.join(server.dir, '.runtime'));
  fs.rmSync(server.dir, { recursive: true, force: true });
  return left;
}

export function serverLogTail(server, lines) {
  return fs.readFileSync(server.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
