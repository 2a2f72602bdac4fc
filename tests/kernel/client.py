"""A small driver for the course's kernel through jupyter_client, shared by the kernel tests."""
import os
import time
from queue import Empty

from jupyter_client.manager import KernelManager

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KERNEL = os.environ.get("LENET5_KERNEL", "lenet5-java")


class Reply:
    """What one execute_request produced: the reply's status and every iopub message it caused."""

    def __init__(self, status, outputs, seconds, foreign):
        self.status = status
        self.outputs = outputs
        self.seconds = seconds
        self.foreign = foreign  # iopub messages whose parent was not this request (must stay empty)

    def text(self, name="stdout"):
        return "".join(o["content"]["text"] for o in self.outputs
                       if o["msg_type"] == "stream" and o["content"]["name"] == name)

    def error(self):
        errs = [o["content"] for o in self.outputs if o["msg_type"] == "error"]
        return errs[0] if errs else None

    def of_type(self, msg_type):
        return [o["content"] for o in self.outputs if o["msg_type"] == msg_type]


class Kernel:
    """One running kernel, started in `cwd` (the notebooks' folder by default)."""

    def __init__(self, cwd=None, startup_timeout=30, env=None):
        self.km = KernelManager(kernel_name=KERNEL)
        self.km.start_kernel(cwd=cwd or os.path.join(ROOT, "notebooks"), env=dict(os.environ, **(env or {})))
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=startup_timeout)

    def execute(self, code, timeout=120, on_output=None):
        """Runs `code`; `on_output(msg)` sees each output message as it arrives."""
        started = time.time()
        msg_id = self.kc.execute(code)
        outputs, foreign = [], []
        idle = False
        while not idle:
            remaining = timeout - (time.time() - started)
            if remaining <= 0:
                raise TimeoutError("no idle status within %d s for: %s" % (timeout, code[:80]))
            try:
                msg = self.kc.get_iopub_msg(timeout=remaining)
            except Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                if msg["msg_type"] != "status":
                    foreign.append(msg)
                continue
            if msg["msg_type"] == "status":
                idle = msg["content"]["execution_state"] == "idle"
            elif msg["msg_type"] != "execute_input":
                outputs.append(msg)
                if on_output:
                    on_output(msg)
        reply = self.reply_to(msg_id, timeout)
        return Reply(reply["content"]["status"], outputs, time.time() - started, foreign)

    def reply_to(self, msg_id, timeout=30):
        """The shell reply to `msg_id`, past any kernel_info replies that wait_for_ready left queued."""
        while True:
            reply = self.kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply
            assert reply["msg_type"] == "kernel_info_reply", "an unexpected reply: %s" % reply["msg_type"]

    def execute_async(self, code):
        return self.kc.execute(code)

    def interrupt(self):
        self.km.interrupt_kernel()

    def pid(self):
        return self.km.provisioner.process.pid

    def close(self):
        try:
            self.kc.stop_channels()
        finally:
            self.km.shutdown_kernel(now=False)
