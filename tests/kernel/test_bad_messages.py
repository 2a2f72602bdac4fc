"""No bad message stops the kernel (issue 30): unsigned, wrongly signed and unparsable messages sent
straight to the shell, control and stdin ports are dropped, and signed requests on each channel are
still answered. Any local account can send such messages to a kernel's 127.0.0.1 ports.
"""
import json
import time
import unittest
import uuid

import zmq

from tests.kernel.client import Kernel


def frames(signature, msg_type="execute_request", content=None):
    header = {"msg_id": uuid.uuid4().hex, "username": "intruder", "session": uuid.uuid4().hex,
              "date": "2026-12-06T10:00:00.000Z", "msg_type": msg_type, "version": "5.3"}
    body = content if content is not None else {"code": "System.out.println(\"intruder ran\")", "silent": False,
                                                 "store_history": True, "user_expressions": {},
                                                 "allow_stdin": False, "stop_on_error": True}
    return [b"<IDS|MSG>", signature, json.dumps(header).encode(), b"{}", b"{}",
            body if isinstance(body, bytes) else json.dumps(body).encode()]


class BadMessages(unittest.TestCase):
    def setUp(self):
        self.k = Kernel()
        self.ctx = zmq.Context()

    def tearDown(self):
        self.ctx.destroy(linger=0)
        self.k.close()

    def send_raw(self, port, parts):
        s = self.ctx.socket(zmq.DEALER)
        s.setsockopt(zmq.LINGER, 0)
        info = self.k.km.get_connection_info()
        s.connect("%s://%s:%d" % (info["transport"], info["ip"], port))
        s.send_multipart(parts)
        return s

    def signed(self, parts):
        parts[1] = self.k.kc.session.sign(parts[2:6])
        return parts

    def test_bad_messages_on_every_channel_are_dropped_and_signed_ones_answered(self):
        info = self.k.km.get_connection_info()
        sockets = [
            self.send_raw(info["shell_port"], frames(b"")),                            # unsigned
            self.send_raw(info["shell_port"], frames(b"0" * 64)),                      # wrongly signed
            self.send_raw(info["shell_port"], self.signed(frames(b"", content=b"{not json"))),  # signed garbage
            self.send_raw(info["shell_port"], [b"no delimiter at all"]),
            self.send_raw(info["control_port"], frames(b"", msg_type="interrupt_request", content={})),
            self.send_raw(info["control_port"], frames(b"0" * 64, msg_type="shutdown_request",
                                                       content={"restart": False})),
            self.send_raw(info["stdin_port"], frames(b"", msg_type="input_reply", content={"value": "x"})),
        ]
        # The raw sockets connect in the background: give their messages time to arrive first, so that
        # the signed request below comes after them, as it would in an attack.
        time.sleep(2)
        r = self.k.execute("1 + 1", timeout=20)
        self.assertEqual(r.status, "ok", r.error())
        self.assertEqual(r.of_type("execute_result")[0]["data"]["text/plain"], "2")
        self.assertNotIn("intruder ran", r.text())
        self.k.kc.control_channel.send(self.k.kc.session.msg("kernel_info_request"))
        reply = self.k.kc.control_channel.get_msg(timeout=20)
        self.assertEqual(reply["msg_type"], "kernel_info_reply")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertTrue(self.k.km.is_alive(), "a wrongly signed shutdown_request must not end the kernel")
        for s in sockets:
            s.close()


if __name__ == "__main__":
    unittest.main()
