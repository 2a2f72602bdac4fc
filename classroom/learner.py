"""A learner, as the hub's REST API and their own server see them: sign in with a password, start the
server, read and write their files, run a chapter's code cells in a kernel of their server.

Own code rather than nbclient: nbclient starts kernels on its own machine, while a learner's kernels must
run inside their server (its account and cgroup), reached through the hub's proxy as a browser reaches them.
"""
import json
import time
import uuid

import requests
import websocket


class KernelDied(Exception):
    """The kernel stopped while running a cell (killed, e.g. by the memory limit)."""


class Learner:
    def __init__(self, hub_url, name):
        self.hub, self.name = hub_url.rstrip("/"), name
        self.token = None

    # the hub's REST API

    def sign_in(self, password):
        """A token from the hub's REST API for this name and password; the response, whatever it was."""
        r = requests.post("%s/hub/api/users/%s/tokens" % (self.hub, self.name),
                          json={"auth": {"username": self.name, "password": password}, "note": "classroom"}, timeout=30)
        if r.status_code == 201:
            self.token = r.json()["token"]
        return r

    @property
    def headers(self):
        return {"Authorization": "token %s" % self.token}

    def start_server(self, timeout=120):
        r = requests.post("%s/hub/api/users/%s/server" % (self.hub, self.name), headers=self.headers, timeout=30)
        if r.status_code not in (201, 202, 400):  # 400: already running
            raise RuntimeError("starting %s's server: %s %s" % (self.name, r.status_code, r.text[:300]))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            user = requests.get("%s/hub/api/users/%s" % (self.hub, self.name), headers=self.headers, timeout=30).json()
            server = user.get("servers", {}).get("", {})
            if server.get("ready"):
                return
            time.sleep(1)
        raise TimeoutError("%s's server did not start in %d s" % (self.name, timeout))

    def stop_server(self):
        requests.delete("%s/hub/api/users/%s/server" % (self.hub, self.name), headers=self.headers, timeout=60)

    # their own server, through the proxy

    def server_url(self, owner=None):
        return "%s/user/%s" % (self.hub, owner or self.name)

    def get(self, path, owner=None, **kw):
        return requests.get(self.server_url(owner) + path, headers=self.headers, timeout=60, allow_redirects=False, **kw)

    def notebook(self, path):
        r = self.get("/api/contents/" + path)
        r.raise_for_status()
        return r.json()["content"]

    def save_notebook(self, path, nb):
        r = requests.put(self.server_url() + "/api/contents/" + path, headers=self.headers, timeout=60,
                         json={"type": "notebook", "format": "json", "content": nb})
        r.raise_for_status()

    # nbgrader's assignment list in their server (the hub's nbgrader_system_config.py names the exchange)

    def assignment_action(self, action, course_id, assignment_id):
        """fetch or submit an assignment, as the Assignments tab does; nbgrader's reply ({"success": ..., "value": ...})."""
        r = requests.post("%s/assignments/%s" % (self.server_url(), action), headers=self.headers, timeout=300,
                          data={"course_id": course_id, "assignment_id": assignment_id})
        r.raise_for_status()
        return r.json()

    def start_kernel(self, folder="notebooks", name="lenet5-java"):
        r = requests.post(self.server_url() + "/api/kernels", headers=self.headers, timeout=60,
                          json={"name": name, "path": folder})
        r.raise_for_status()
        return Kernel(self, r.json()["id"])

    def run_notebook(self, path, timeout=1800):
        """Runs a chapter's code cells from the top in a new kernel, left running as JupyterLab leaves it.
        Returns (kernel, first error or None)."""
        kernel = self.start_kernel(folder=path.rsplit("/", 1)[0])
        return kernel, self.run_cells(kernel, path, timeout)

    def run_cells(self, kernel, path, timeout=1800):
        """Runs a chapter's code cells from the top in a kernel already running; returns the first error
        as 'cell N: ename: evalue', or None."""
        for i, cell in enumerate(c for c in self.notebook(path)["cells"] if c["cell_type"] == "code"):
            error = kernel.execute(cell["source"], timeout=timeout)
            if error:
                return "cell %d: %s" % (i + 1, error)
        return None


class Kernel:
    def __init__(self, learner, kernel_id):
        self.learner, self.id = learner, kernel_id
        ws_url = learner.server_url().replace("http", "ws", 1) + "/api/kernels/%s/channels" % kernel_id
        self.session = uuid.uuid4().hex
        self.ws = websocket.create_connection(ws_url + "?session_id=" + self.session,
                                              header=["Authorization: token %s" % learner.token], timeout=60)

    def execute(self, code, timeout=600):
        """Runs code; returns None, or 'ename: evalue' of its error (what it printed: self.output). Raises
        KernelDied if the kernel stops."""
        msg_id = uuid.uuid4().hex
        self.output = ""  # what the cell printed, kept for the caller
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": self.session,
                       "username": self.learner.name, "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        deadline, reply, idle = time.monotonic() + timeout, None, False
        while reply is None or not idle:  # shell's reply and iopub's "idle" come in either order
            self.ws.settimeout(max(1, deadline - time.monotonic()))
            try:
                msg = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                raise TimeoutError("cell still running after %d s" % timeout)
            except websocket.WebSocketConnectionClosedException:
                raise KernelDied("the kernel's connection closed")
            kind = msg["header"]["msg_type"]
            if kind == "status" and msg["content"]["execution_state"] in ("restarting", "autorestarting", "dead"):
                raise KernelDied("kernel %s" % msg["content"]["execution_state"])
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if kind == "stream":
                self.output += msg["content"].get("text", "")
            if kind == "execute_reply":
                reply = msg["content"]
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
        return None if reply["status"] == "ok" else "%s: %s" % (reply.get("ename"), reply.get("evalue"))

    def shutdown(self):
        try:
            self.ws.close()
        finally:
            requests.delete(self.learner.server_url() + "/api/kernels/" + self.id, headers=self.learner.headers, timeout=60)
