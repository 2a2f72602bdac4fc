// The Debian notebook server on 127.0.0.1 for browser tests, with a kernel folder of its own.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './checks.mjs';

const PYTHON = process.env.JUPYTER_PYTHON || '/usr/bin/python3';
export function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

/** Starts the server, logging to build/<name>.log; `args` are extra command-line options. */
export async function startServer(name = 'notebook-server', args = []) {
  const port = await freePort();
  const token = crypto.randomBytes(16).toString('hex');
  const logFile = path.join(ROOT, 'build', name + '.log');
  const log = fs.openSync(logFile, 'w');
  // Connection files in a folder of this run's own, so that kernels left behind can be found.
  const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'lenet5-nb-runtime-'));
  const proc = spawn(PYTHON, ['-m', 'notebook', '--no-browser', '--ip=127.0.0.1', `--port=${port}`,
    `--NotebookApp.token=${token}`, `--notebook-dir=${ROOT}`, '--NotebookApp.open_browser=False',
    // CI runs as root; the server then refuses to start without this.
    ...(process.getuid && process.getuid() === 0 ? ['--allow-root'] : []), ...args],
  { stdio: ['ignore', log, log], detached: false, env: { ...process.env, JUPYTER_RUNTIME_DIR: runtime } });
  const base = `http://127.0.0.1:${port}`;
  let exited = false;
  proc.once('exit', () => { exited = true; });
  for (let i = 0; i < 120 && !exited; i++) {
    try {
      const r = await fetch(`${base}/api/status?token=${token}`);
      if (r.ok) return { proc, base, token, runtime, logFile };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  proc.kill();
  throw new Error(`the notebook server did not start; see build/${name}.log`);
}

// Stops kernel processes whose connection file lies in `runtime` (a kernel being restarted when
// the server stops can outlive it). Returns how many there were.
function killKernelsOf(runtime) {
  let n = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd = '';
    try { cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (cmd.includes(runtime + path.sep)) {
      try { process.kill(Number(pid), 'SIGKILL'); n++; } catch { /* already gone */ }
    }
  }
  fs.rmSync(runtime, { recursive: true, force: true });
  return n;
}

/** Stops the server and any kernel it left behind; returns how many kernels were left. */
export async function stopServer(server) {
  server.proc.kill('SIGTERM');
  await new Promise((r) => server.proc.once('exit', r));
  return killKernelsOf(server.runtime);
}

export function serverLogTail(server, lines) {
  const log = fs.readFileSync(server.logFile, 'utf8').trimEnd().split('\n');
  return log.slice(-lines).join('\n');
}

