"""Chapter 03 live: its training cell is interrupted during the second epoch, as a learner
pressing the stop button would. The cell must end within 2 s with an "Interrupted" error,
training.history() must hold the finished epochs, and the next two cells must print their output.
Running the training cell again must finish the cut epoch and the rest: every epoch once, whole.
"""
import json
import os
import tempfile
import time
import unittest

from tests.kernel.client import ROOT, Kernel

NOTEBOOK = os.path.join(ROOT, "notebooks", "03-training.ipynb")


def code_cells():
    with open(NOTEBOOK) as f:
        nb = json.load(f)
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


class InterruptTraining(unittest.TestCase):
    def test_stop_button_during_training(self):
        cells = code_cells()
        train = next(i for i, c in enumerate(cells) if ".fit(" in c and "TrainingHistory trained" in c)
        models = tempfile.mkdtemp(prefix="lenet5-models-")
        k = Kernel(env={"LENET5_MODELS": models})
        try:
            for code in cells[:train]:
                r = k.execute(code, timeout=300)
                self.assertEqual(r.status, "ok", r.error())

            msg_id = k.execute_async(cells[train])
            # The live view shows three outputs (progress, chart, epoch table); the table's first
            # update means epoch 1 is done.
            shown, started = [], time.time()
            while True:
                msg = k.kc.get_iopub_msg(timeout=120)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "display_data":
                    shown.append(msg["content"]["transient"]["display_id"])
                if (msg["msg_type"] == "update_display_data" and len(shown) == 3
                        and msg["content"]["transient"]["display_id"] == shown[2]):
                    break
            time.sleep(1.5)  # into the second epoch
            sent = time.time()
            k.interrupt()
            errors = []
            while True:
                msg = k.kc.get_iopub_msg(timeout=30)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                if msg["msg_type"] == "error":
                    errors.append(msg["content"])
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    break
            ended = time.time() - sent
            reply = k.reply_to(msg_id, 10)
            print("\ntraining cell ended %.2f s after the interrupt (training ran %.1f s)" % (ended, sent - started))
            self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
            self.assertLess(ended, 2.0)
            self.assertEqual([e["ename"] for e in errors], ["Interrupted"])

            size = k.execute("System.out.println(training.history().size())")
            self.assertEqual(size.foreign, [])
            self.assertIn(int(size.text()), (1, 2), "epoch 1, and the interrupted second one, are kept")

            for code in cells[train + 1:train + 3]:
                r = k.execute(code, timeout=120)
                self.assertEqual(r.status, "ok", r.error())
                self.assertTrue(r.text().strip(), "the cell after an interrupt printed nothing: " + code[:60])
                self.assertEqual(r.foreign, [])

            # Run the training cell again: it finishes the cut epoch, then the rest, and ends whole.
            r = k.execute(cells[train], timeout=600)
            self.assertEqual(r.status, "ok", r.error())
            seen = k.execute('System.out.println(config.epochs() + " " + training.history().epochs().stream()'
                             '.map(e -> e.epoch() + ":" + e.batches()).toList())').text().split(" ", 1)
            print("after running the cell again: %s epochs planned, history %s" % tuple(seen))
            epochs = [tuple(map(int, e.split(":"))) for e in seen[1].strip("[]\n").split(", ")]
            self.assertEqual([e for e, _ in epochs], list(range(1, int(seen[0]) + 1)), "every epoch once, in order")
            self.assertEqual(len({b for _, b in epochs}), 1, "every epoch whole: %s" % epochs)
        finally:
            k.close()


if __name__ == "__main__":
    unittest.main()
