"""Chapter 04 live: its training cell is interrupted three times while two CPU-bound processes run
beside the kernel, as a learner pressing the stop button on a busy machine would. Each time the cell
must end within 2 s with one "Interrupted" error; the cut epoch is not validated; the cells after
the training cell still print their output; and running the training cell again finishes the cut
epoch and the rest: every epoch once, whole. The 20-trial benchmark: tests/kernel/interrupt_trials.py.
"""
import unittest

from tests.kernel.interrupt_trials import LIMIT, Busy, open_chapter, run_trials


class InterruptTraining(unittest.TestCase):
    def test_stop_button_during_training_under_load(self):
        k, cells, train = open_chapter()
        try:
            busy = Busy(2)
            try:
                results = run_trials(k, cells, train, 3)
            finally:
                busy.close()
            for seconds, errors in results:
                self.assertLess(seconds, LIMIT, "the cell ended %.2f s after the interrupt" % seconds)
                self.assertEqual(errors, ["Interrupted"])

            rows = k.execute('System.out.println(training.history().epochs().stream()'
                             '.map(e -> e.epoch() + ":" + e.batches() + ":" + e.validationAccuracy()).toList())').text()
            print("history after the interrupts: " + rows.strip())
            last = rows.strip("[]\n").split(", ")[-1].split(":")
            if int(last[1]) < int(k.execute("System.out.println(training.batchesPerEpoch())").text()):
                self.assertEqual("NaN", last[2], "a cut epoch has no validation figures")

            # The cells after the training cell that read what it trained (a class definition prints nothing).
            readers = [c for c in cells[train + 1:train + 8] if "history." in c][:2]
            self.assertTrue(readers, "no cell after the training cell reads its history")
            for code in readers:
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
