// A page made of JupyterLab's own output rendering: OutputArea and RenderMimeRegistry with the
// standard renderers, outputs trusted as in a notebook the user ran, and a kernel session through
// @jupyterlab/services. Bundled by lab.test.mjs with esbuild; the test drives it through window.lab.
import { OutputArea, OutputAreaModel } from '@jupyterlab/outputarea';
import { RenderMimeRegistry, standardRendererFactories } from '@jupyterlab/rendermime';
import { ContentsManager, KernelManager, ServerConnection, SessionManager } from '@jupyterlab/services';
import { Widget } from '@lumino/widgets';
import '@jupyterlab/outputarea/style/index.css';
import '@jupyterlab/rendermime/style/index.css';

const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories });

function newArea(title) {
  const section = document.createElement('section');
  section.className = 'lab-cell';
  const heading = document.createElement('h3');
  heading.textContent = title;
  section.appendChild(heading);
  document.getElementById('cells').appendChild(section);
  const area = new OutputArea({ model: new OutputAreaModel({ trusted: true }), rendermime });
  Widget.attach(area, section);
  return area;
}

// The Debian notebook server (Notebook 6) speaks only the legacy kernel wire protocol. JupyterLab
// first offers the v1 subprotocol and, refused, reconnects without it; Chromium logs that refusal
// as a console error. Offering no subprotocol gives the same connection without the noise.
class LegacyProtocolWebSocket extends WebSocket {
  constructor(url) {
    super(url);
  }
}

let serverSettings;

window.lab = {
  /** Talks to the server at `baseUrl` with `token` from now on. */
  connect({ baseUrl, token }) {
    serverSettings = ServerConnection.makeSettings({
      baseUrl, wsUrl: baseUrl.replace(/^http/, 'ws'), token, appendToken: true, WebSocket: LegacyProtocolWebSocket,
    });
  },

  /**
   * Renders a saved notebook's outputs, fetched through the Contents API as JupyterLab does, one
   * OutputArea per code cell. Returns the number of code cells.
   */
  async render(path) {
    const contents = new ContentsManager({ serverSettings });
    const model = await contents.get(path, { content: true });
    const cells = model.content.cells.filter((c) => c.cell_type === 'code');
    cells.forEach((cell, i) => newArea(`cell ${i + 1}`).model.fromJSON(cell.outputs));
    contents.dispose();
    return cells.length;
  },

  /** Renders outputs given as nbformat JSON (multiline strings already joined, as the server sends them). */
  renderOutputs(title, outputs) {
    newArea(title).model.fromJSON(outputs);
  },

  /**
   * Starts a session for `path` with kernel `kernel`, runs `codes` one after another into
   * OutputAreas (as a notebook's Run All does), shuts the session down, and returns each cell's
   * reply status and the kernel's name as the server reported it.
   */
  async run({ path, kernel, codes }) {
    const kernelManager = new KernelManager({ serverSettings });
    const sessions = new SessionManager({ kernelManager, serverSettings });
    const session = await sessions.startNew({ path, name: path, type: 'notebook', kernel: { name: kernel } });
    const replies = [];
    try {
      for (const [i, code] of codes.entries()) {
        const area = newArea(`live cell ${i + 1}`);
        area.future = session.kernel.requestExecute({ code, stop_on_error: true });
        const reply = await area.future.done;
        replies.push(reply.content.status);
        if (reply.content.status !== 'ok') break;
      }
      return { replies, kernel: session.kernel.name };
    } finally {
      await session.shutdown();
      sessions.dispose();
      kernelManager.dispose();
    }
  },
};
