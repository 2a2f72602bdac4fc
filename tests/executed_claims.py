"""What the chapters say must be true of the run that executed them (build/executed/).

Run after `make notebooks` (make test does): numbers quoted in the markdown appear in the run's
outputs or in the chapter's own code, file names the text mentions exist in the output, and the
sentences that describe a result agree with the printed figures.
"""
import glob
import html
import json
import os
import re
import statistics
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXECUTED = os.path.join(ROOT, "build", "executed")

# Numbers worth checking: thousands (61,706), decimals of four digits (0.1307), decimal percentages (99.22 %).
NUMBER = re.compile(r"(?<![\w.\\])(\d{1,3}(?:,\d{3})+|0\.\d{4,}|\d+\.\d+\s?%)")


def chapters():
    paths = sorted(glob.glob(os.path.join(EXECUTED, "[0-9][0-9]-*.ipynb")))
    if len(paths) < 7:
        # Fails rather than skips: under make test the chapters have just been executed.
        raise AssertionError("%d executed chapters in %s, 7 expected: run `make notebooks` first"
                             % (len(paths), os.path.relpath(EXECUTED, ROOT)))
    out = {}
    for p in paths:
        with open(p) as f:
            out[os.path.basename(p)[:2]] = json.load(f)
    return out


def source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def outputs(nb):
    """Every text the chapter's cells showed: streams, plain text and HTML without its tags."""
    parts = []
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            if o.get("output_type") == "stream":
                parts.append("".join(o["text"]))
            for mime in ("text/plain", "text/html"):
                value = "".join(o.get("data", {}).get(mime, []))
                if mime == "text/html" and "lenet5-chart" not in value:
                    value = html.unescape(re.sub(r"<[^>]+>", " ", value))
                parts.append(value)
    return "\n".join(parts)


def html_outputs(nb):
    """The HTML outputs as they were sent, tags included."""
    return ["".join(o.get("data", {}).get("text/html", [])) for c in nb["cells"] for o in c.get("outputs", [])
            if "text/html" in o.get("data", {})]


def prose(nb):
    """Markdown without its formulas ($...$ and $$...$$ are maths, not results)."""
    text = "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    text = re.sub(r"\$\$.*?\$\$", "", text, flags=re.S)
    return re.sub(r"\$[^$\n]*\$", "", text)


def code(nb):
    return "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "code")


def printed(nb, pattern):
    m = re.search(pattern, outputs(nb))
    if not m:
        raise AssertionError("no output matches %r" % pattern)
    return m


def cpu_figures(test):
    """The chapters quote the CPU run's figures. A run on a GPU (chapter 01's device line) computes others:
    there a failed check of such a figure is reported with what the run printed, not failed."""
    def check(self):
        try:
            test(self)
        except AssertionError as e:
            device = re.search(r"Device: (CPU|GPU \d+)", outputs(self.nb["01"]))
            if device and device.group(1) != "CPU":
                self.skipTest("this run was on %s; the text quotes the CPU run's figures: %s" % (device.group(1), e))
            raise
    check.__doc__ = test.__doc__
    return check


class ExecutedClaims(unittest.TestCase):
    longMessage = False

    @classmethod
    def setUpClass(cls):
        cls.nb = chapters()
        cls.all_outputs = "\n".join(outputs(nb) for nb in cls.nb.values())

    def test_numbers_in_the_text_come_from_the_run_or_the_code(self):
        plain = self.all_outputs.replace(",", "")
        # What the benchmarks recorded: bench/README.md, the per-seed results files and their printed runs,
        # and each per-seed line's validation accuracy as a percentage (the solutions quote them).
        bench = ""
        for name in ["README.md"] + sorted(os.listdir(os.path.join(ROOT, "bench"))):
            if name == "README.md" or name.endswith((".csv", ".out")):
                with open(os.path.join(ROOT, "bench", name)) as f:
                    bench += f.read() + "\n"
        for correct, images in re.findall(r"(?m)^[^,\n]+,\d+,\d+,(\d+),(\d+),", bench):
            bench += "%.2f %%\n" % (100 * int(correct) / int(images))
        bench_digits = bench.replace(",", "")
        for ch, nb in self.nb.items():
            own_code = code(nb).replace("_", "")
            # A folded solution that cites bench/README.md may quote the figures measured there.
            cited = set(n for c in nb["cells"] if c["cell_type"] == "markdown" and "bench/" in source(c)
                        for n in NUMBER.findall(source(c)[source(c).find("<details>"):]) if "<details>" in source(c)
                        and (n in bench or n.replace(",", "") in bench_digits))
            for number in NUMBER.findall(prose(nb)):
                digits = number.replace(",", "").replace(" ", "").rstrip("%")
                self.assertTrue(number in self.all_outputs or digits in plain or digits in own_code or number in cited,
                                "chapter %s quotes %s, which no output shows, its code does not contain and "
                                "bench/README.md does not give" % (ch, number))

    def test_no_chart_is_repeated_between_chapters(self):
        seen = {}
        for ch, nb in self.nb.items():
            for title in re.findall(r"title: '([^']*)',\n\s*height", outputs(nb)):
                self.assertNotIn(title, seen, "chart %r is in chapter %s and in chapter %s" % (title, seen.get(title), ch))
                seen[title] = ch
        self.assertGreaterEqual(len(seen), 4, "every chart has a title: %s" % sorted(seen))

    def test_file_names_in_the_text_exist_in_the_output(self):
        for ch, nb in self.nb.items():
            for name in re.findall(r"`([\w.-]+\.(?:params|csv))`", prose(nb)):
                self.assertIn(name, outputs(nb), "chapter %s names %s" % (ch, name))

    def test_chapter_01_pixels_and_normalisation(self):
        nb = self.nb["01"]
        self.assertIn("floats between 0 (background) and 1 (ink)", prose(nb))
        m = printed(nb, r"pixel range ([\d.]+) to ([\d.]+)")
        self.assertEqual((0.0, 1.0), (float(m.group(1)), float(m.group(2))))
        # "The mean is now slightly below 0 and the standard deviation slightly below 1"
        m = printed(nb, r"after padding and normalising: mean (-?[\d.]+), std ([\d.]+)")
        self.assertTrue(-0.2 < float(m.group(1)) < 0, m.group(0))
        self.assertTrue(0.8 < float(m.group(2)) < 1, m.group(0))

    def test_chapter_01_device_line(self):
        # "which device the course's arrays and networks use ... (and if a GPU is present but unused, why)"
        nb = self.nb["01"]
        m = printed(nb, r"Device: (CPU|GPU \d+)(.*)")
        nvidia = os.path.exists("/proc/driver/nvidia/version") or os.path.exists("/dev/nvidia0")
        if not nvidia:
            self.assertEqual(("CPU", " (no NVIDIA GPU found)"), m.groups())
        elif m.group(1) == "CPU":
            self.assertRegex(m.group(2), r"present but unused: .+|LENET5_DEVICE=cpu", "a GPU unused says why")

    def test_chapter_01_managers_and_indexing(self):
        nb = self.nb["01"]
        # "what is made on it is freed when the block ends"; "`attach` moves an array to another manager"
        printed(nb, r"after the try block: b released true; a\.mul\(2f\) released false")
        printed(nb, r"after the try block: kept released false, kept \[40\.0, 50\.0, 60\.0, 70\.0\]")
        # "an operation's result belongs to the manager of the array it was computed from"
        printed(nb, r"b\.get\(0\) is on b's manager: true")
        printed(nb, r'a\.get\(":, 0"\) \[0\.0, 4\.0, 8\.0\], the first column')
        # "such a slice is a view ... a change to the original shows in the slice"; "duplicate() makes a copy"
        printed(nb, r"after a\.set: the slice \[100\.0, 9\.0, 10\.0, 11\.0\], the duplicate \[8\.0, 9\.0, 10\.0, 11\.0\]")

    def test_chapter_02_network_and_receptive_fields(self):
        nb = self.nb["02"]
        # "LeNet-5 has none, so the flag changes nothing here"
        printed(nb, r"training flag true gives the same scores: true")
        printed(nb, r"same layers, shapes and parameters as LeNet5.classic\(\): true")
        total = int(printed(nb, r"total parameters: ([\d,]+)").group(1).replace(",", ""))
        # The per-layer loop printed each layer's parameters; they add up to the total.
        per_layer = re.findall(r"(?m)^(?:C1|C3|C5|F6|output)\s+\d\d\w+\s+\([\d, ]+\)\s+([\d,]+) parameters$", outputs(nb))
        self.assertEqual(5, len(per_layer), "the per-layer loop prints C1, C3, C5, F6 and output")
        self.assertEqual(total, sum(int(p.replace(",", "")) for p in per_layer))
        share = float(printed(nb, r"C5 and F6: [\d,]+ parameters, ([\d.]+) % of the network").group(1))
        self.assertGreater(share, 50, "the text says C5 and F6 hold most of the network")
        # "C1 sees 5×5 pixels, S2 6×6, C3 14×14, S4 16×16, and C5 the whole 32×32": the classic table's last column
        classic = next(h for h in html_outputs(nb) if "(1, 120)" in h and "(1, 256)" not in h)
        classic_fields = dict(re.findall(r"<tr><td>([^<]*)</td><td>[^<]*</td><td[^>]*>[^<]*</td><td[^>]*>(\d+)&times;", classic))
        for layer, side in (("C1", 5), ("S2", 6), ("C3", 14), ("S4", 16), ("C5", 32)):
            self.assertEqual(str(side), classic_fields.get(layer), layer)
        # "the first unit's field covers input pixels 0 to 13, the last one's 18 to 31 ... from pixel 6.5 to 24.5"
        printed(nb, r"C3 unit 0: field 14 x 14, input pixels 0 to 13, centre 6\.5")
        printed(nb, r"C3 unit 9: field 14 x 14, input pixels 18 to 31, centre 24\.5")
        # The 28x28 form: "tanh, average pooling", and "the flatten only rearranges S4's units, so
        # each keeps its 16×16 field; the fully connected layer after it is the first to see the whole".
        compact = next(h for h in html_outputs(nb) if "(1, 256)" in h)
        rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td[^>]*>[^<]*</td><td[^>]*>(\d+)&times;", compact)
        names = [r[0] for r in rows]
        self.assertTrue(any(n.endswith("tanh") for n in names) and not any(n.endswith("relu") for n in names), names)
        self.assertNotIn("max", " ".join(names))
        fields = {r[0]: int(r[2]) for r in rows}
        self.assertEqual(16, fields["S4"])
        self.assertEqual(16, fields["flatten"], "a flatten does not widen the receptive field")
        after = names[names.index("flatten") + 1]
        self.assertEqual(28, fields[after])

    def test_chapter_02_worked_convolution(self):
        nb = self.nb["02"]
        # The loops that read the formula and DJL's conv2d give the same 3x3 output (padding 1, stride 2).
        by_hand = printed(nb, r"output side 3; by hand \[\[(.*)\]\]").group(1)
        djl = printed(nb, r"DJL \(1, 1, 3, 3\) \[(.*)\]").group(1)
        self.assertEqual([float(v) for v in re.findall(r"-?[\d.]+", by_hand)], [float(v) for v in djl.split(",")])
        # "a convolution in the strict sense turns the kernel": DJL's corner is the cross-correlation's.
        m = printed(nb, r"cross-correlation by hand (-?[\d.]+), DJL (-?[\d.]+), true convolution \(kernel turned\) (-?[\d.]+)")
        self.assertEqual(float(m.group(1)), float(m.group(2)))
        self.assertNotEqual(float(m.group(1)), float(m.group(3)))

    def test_chapter_03_the_loop(self):
        # "the cell computes that by hand for C1's weights before step and compares"
        gap = float(printed(self.nb["03"], r"C1 weights after step\(\): largest difference from w - 0\.01 g: ([\d.e+-]+)").group(1))
        self.assertLess(gap, 1e-6)
        nb = self.nb["03"]
        printed(nb, r"\(55000, 1, 32, 32\) training, \(5000, 1, 32, 32\) validation, \(10000, 1, 32, 32\) test")
        # log-sum-exp: written out it overflows, shifted it agrees with DJL.
        m = printed(nb, r"as written: Infinity \| log-sum-exp: ([\d.]+) \| DJL: ([\d.]+)")
        self.assertEqual(m.group(1), m.group(2))
        # The gradient by hand agrees with autograd: six entries, differences at float32 rounding.
        pairs = re.findall(r"dl/dW\[\d\]\[\d\]  by hand ([+-][\d.]+)  autograd ([+-][\d.]+)", outputs(nb))
        self.assertEqual(6, len(pairs))
        for hand, auto in pairs:
            self.assertAlmostEqual(float(hand), float(auto), delta=1e-5)
        # Convolution and pooling backward by hand against autograd.
        self.assertLess(float(printed(nb, r"largest difference from the hand computation, over the 4 \+ 25 entries: ([\d.e+-]+)").group(1)), 1e-5)
        # The finite-difference check in float64: "agree to about 1e-6 or better" is what a correct gradient gives.
        worst = float(printed(nb, r"largest relative error: ([\d.e+-]+)").group(1))
        self.assertLess(worst, 1e-6, "autograd and the finite difference disagree (the text: below about 1e-6)")
        # DJL's default initialiser gives each layer a standard deviation close to sqrt(2/fan-in).
        for std, expected in re.findall(r"std ([\d.]+)   sqrt\(2/fan-in\) ([\d.]+)", outputs(nb)):
            self.assertAlmostEqual(float(std), float(expected), delta=0.15 * float(expected))
        before = float(printed(nb, r"scores \(64, 10\), loss ([\d.]+)").group(1))
        after = float(printed(nb, r"loss on the same batch after one step: ([\d.]+)").group(1))
        self.assertLess(after, before, "the text says the loss on the same batch is then lower")
        self.assertGreater(float(printed(nb, r"validation accuracy after it: ([\d.]+) %").group(1)), 90)
        # The plain DJL route: saved under its epoch, and the shipped seven read as a 7.
        printed(nb, r"mnist-lenet5-0002\.params")
        top = printed(nb, r"images/seven\.png: \[(\d) \(").group(1)
        self.assertEqual("7", top, "the Predictor reads the course's seven as " + top)
        self.assertIn(r"v_{t+1} = \mu\, v_t + \eta_t\, \nabla_\theta", "\n".join(
            source(c) for c in nb["cells"] if c["cell_type"] == "markdown"))

    def test_chapter_04_recipe(self):
        nb = self.nb["04"]
        validation = float(printed(nb, r"final validation accuracy: ([\d.]+) % after (\d+) epochs").group(1))
        epochs = int(printed(nb, r"final test accuracy: [\d.]+ % after (\d+) epochs").group(1))
        self.assertGreater(validation, 98.5)
        self.assertEqual(1, len(re.findall(r"test accuracy", outputs(nb))), "the test set measured more than once")
        printed(nb, r"lenet5-classic-%04d\.params" % epochs)
        printed(nb, r"history\.csv")
        printed(nb, r"the same rates as the tracker built above: true")
        printed(nb, r"identical: true")
        # The choice table is the results file's, recomputed here from the per-seed lines.
        runs = {}
        with open(os.path.join(ROOT, "bench", "recipe-choice.csv")) as f:
            for line in f.read().splitlines()[1:]:
                variant, seed, _, correct, images, _ = line.split(",")
                runs.setdefault(variant, {})[int(seed)] = 100 * int(correct) / int(images)
        table = next(h for h in html_outputs(nb) if "cannot tell" in h)
        text = html.unescape(re.sub(r"<[^>]+>", " ", table))
        base = runs["recipe"]
        for variant, seeds in runs.items():
            values = list(seeds.values())
            mean, sd = statistics.mean(values), statistics.stdev(values)
            row = re.search(re.escape(variant) + r"\s+(\d+)\s+([\d.]+) ± ([\d.]+)", text)
            self.assertIsNotNone(row, variant + " is not in the printed table")
            self.assertEqual(len(values), int(row.group(1)))
            self.assertAlmostEqual(mean, float(row.group(2)), delta=0.006, msg=variant)
            self.assertAlmostEqual(sd, float(row.group(3)), delta=0.006, msg=variant)
            if variant != "recipe":
                diffs = [seeds[k] - base[k] for k in seeds]
                half = 2.776 * statistics.stdev(diffs) / len(diffs) ** 0.5   # t(0.975, 4 degrees of freedom)
                verdict = "cannot tell" if abs(statistics.mean(diffs)) <= half else (
                    "better" if statistics.mean(diffs) > 0 else "worse")
                self.assertIn(verdict, text[row.start():row.start() + 200], variant)
                # The prose's lists agree with the verdicts.
                listed = prose(nb)
                if verdict == "worse":
                    self.assertNotIn("better", text[row.start():row.start() + 200])
        self.assertNotRegex(text, r"\bbetter\b", "the prose says no variant is better")

    def test_chapter_05_reload_and_mistakes(self):
        nb = self.nb["05"]
        printed(nb, r"reloaded model: [\d.]+ % \| measured by chapter 4 after training: [\d.]+ % \| identical: true")
        accuracy = float(printed(nb, r"reloaded model: ([\d.]+) %").group(1))
        wrong, total = map(int, printed(nb, r"(\d+) of (\d+) test digits are misclassified").groups())
        self.assertAlmostEqual(100 * (1 - wrong / total), accuracy, places=2)
        pairs = printed(nb, r"most confused: \[(.*)\]").group(1)
        counts = [int(n) for n in re.findall(r"\d taken for \d \((\d+)\)", pairs)]
        self.assertEqual(3, len(counts), pairs)
        self.assertEqual(sorted(counts, reverse=True), counts)
        ch4 = float(printed(self.nb["04"], r"final test accuracy: ([\d.]+) %").group(1))
        self.assertEqual(ch4, accuracy)

    def test_chapter_05_reliability_table(self):
        nb = self.nb["05"]
        rows = re.findall(r"(?m)^(below 0\.5|[\d.]+ to [\d.]+|0\.999 and above)\s+(\d+)\s+([\d.]+)%\s+([\d.]+)%$", outputs(nb))
        self.assertEqual(5, len(rows), "five probability groups")
        wrong = int(printed(nb, r"(\d+) of \d+ test digits are misclassified").group(1))
        digits = [int(r[1]) for r in rows]
        self.assertEqual(10000, sum(digits), "every test digit falls in one group")
        # The groups' wrong answers are the chapter's mistakes.
        self.assertEqual(wrong, round(sum(n * (1 - float(r[3]) / 100) for n, r in zip(digits, rows))))
        # "close wherever a group holds many digits": within 2 points where a group has 100 digits or more.
        for name, n, mean, right in rows:
            if int(n) >= 100:
                self.assertLess(abs(float(mean) - float(right)), 2.0, name)
        # "the 13 digits given less than 0.5 are over-confident"; "the 7,538 given 0.999 or more are all right"
        self.assertGreater(float(rows[0][2]), float(rows[0][3]))
        self.assertEqual("100.00", rows[4][3])
        # The expected calibration error is the groups' gaps weighted by their share of the digits.
        ece = float(printed(nb, r"expected calibration error over these groups: ([\d.]+) points").group(1))
        self.assertAlmostEqual(sum(int(r[1]) / 10000 * abs(float(r[3]) - float(r[2])) for r in rows), ece, delta=0.01)

    def test_chapter_07_block_of_the_cell_gives_subsamplings_outputs(self):
        # Issue 27: the block the learner writes in the cell (WindowSums, then the squashing) against the course's
        # Subsampling, on the same input and parameters.
        m = printed(self.nb["07"], r"block of the cell: \(2, 6, 14, 14\), 12 parameters; largest difference from Subsampling: ([\d.e+-]+)")
        self.assertLess(float(m.group(1)), 1e-6, "the cell's block and Subsampling differ")

    def test_chapter_07_paper_network(self):
        nb = self.nb["07"]
        published = {"C1": 156, "S2": 12, "C3": 1516, "S4": 32, "C5": 48120, "F6": 10164, "output": 0}
        for layer, count in published.items():
            m = printed(nb, r"(?m)^%s\s+([\d,]+)\s+([\d,]+)$" % layer)
            self.assertEqual((count, count), tuple(int(g.replace(",", "")) for g in m.groups()), layer)
        self.assertEqual(60000, int(printed(nb, r"total\s+([\d,]+)").group(1).replace(",", "")))
        figures = r"\s+([\d.]+) %\s+([\d.]+) %\s+([\d.]+) %\s+([\d,]+)\s+([\d.]+)\s+(\d+)"
        classic = printed(nb, r"course's classic, this configuration" + figures)
        paper = printed(nb, r"1998 network, this configuration" + figures)
        recipe = printed(nb, r"course's classic, recipe \(ch\. 4\)" + figures)
        # The recipe's figures are chapter 4's run.
        ch3 = float(printed(self.nb["04"], r"final test accuracy: ([\d.]+) %").group(1))
        self.assertEqual(ch3, float(recipe.group(2)))
        ch3_validation = float(printed(self.nb["04"], r"final validation accuracy: ([\d.]+) %").group(1))
        self.assertEqual(ch3_validation, float(recipe.group(1)))
        self.assertEqual("61,706", recipe.group(4))
        self.assertEqual("61,706", classic.group(4))
        self.assertEqual("60,000", paper.group(4))
        # "trained with paperConfig itself": the two like-for-like rows ran the same epochs.
        self.assertEqual(classic.group(6), paper.group(6))
        # The printed difference is the two rows' difference.
        diff = printed(nb, r"the 1998 network minus the classic = ([+-][\d.]+) points of validation accuracy \(([+-][\d.]+) on test")
        self.assertAlmostEqual(float(paper.group(1)) - float(classic.group(1)), float(diff.group(1)), delta=0.011)
        self.assertAlmostEqual(float(paper.group(2)) - float(classic.group(2)), float(diff.group(2)), delta=0.011)
        # "cannot be told apart ... a mean difference of −0.17 points with an interval of ±0.52": the printed table's row.
        seeds = html.unescape(re.sub(r"<[^>]+>", " ", next(h for h in html_outputs(nb) if "cannot tell" in h or "better" in h or "worse" in h)))
        m = re.search(r"1998 network\s+3\s+[\d.]+ ± [\d.]+ %\s+[\d.]+\s+([+-][\d.]+) ± ([\d.]+) points\s+(cannot tell|better|worse)", seeds)
        self.assertIsNotNone(m, seeds)
        self.assertIn("−%s points with an interval of ±%s" % (m.group(1).lstrip("-"), m.group(2)), prose(nb))
        self.assertEqual("cannot tell", m.group(3))
        # "Per epoch it is slower than the classic trained alike"
        self.assertGreater(float(paper.group(5)), float(classic.group(5)))
        # "was the slower in every epoch, and the benchmark found it slower too"
        speed = printed(nb, r"the 1998 network slower in (\d+) of (\d+) epochs, ([\d.]+)x over the run; "
                            r"the benchmark, outside Jupyter: ([\d.]+)x")
        self.assertEqual(speed.group(2), speed.group(1))
        self.assertGreater(float(speed.group(4)), 1)
        self.assertIn("was the slower in every epoch", prose(nb))
        # The criterion's pull on y_D: autograd agrees with 1/(1 + e^(j - y_D)); "E = ... 0.31" on the code.
        pulls = re.findall(r"y_D = +([\d.]+): +E = +([\d.]+), +dE/dy_D by autograd ([\d.]+), by the formula [^\n]* ([\d.]+)", outputs(nb))
        self.assertEqual(4, len(pulls))
        for y_d, e, by_autograd, by_formula in pulls:
            self.assertAlmostEqual(float(by_autograd), float(by_formula), delta=0.0015)
        self.assertEqual(("0.0", "0.313"), pulls[0][:2])
        # "The mean matches the table's last validation loss": the 5,000 digits' criterion, printed.
        self.assertIsNotNone(re.search(r"mean criterion [\d.]+ over 5,000 digits", outputs(nb)))
        # "its batches are 4 times smaller" than the recipe's (chapter 3)
        self.assertIn("batch=128", outputs(nb))
        self.assertIn("batch=512", outputs(self.nb["04"]))
        # Input scaling: "the mean is indeed close to 0, but the variance is far below 1",
        # "about 0.03 and a variance of about 0.12" (from chapter 1's statistics)
        stats = printed(nb, r"as the 1998 network sees them: mean ([-\d.]+), variance ([\d.]+)")
        self.assertAlmostEqual(0.03, float(stats.group(1)), delta=0.01)
        self.assertAlmostEqual(0.12, float(stats.group(2)), delta=0.01)
        self.assertIn("the variance is far below 1", prose(nb))


# Every check of a figure the run computed is of the CPU run's (cpu_figures); the device line is not one.
for _name in [n for n in vars(ExecutedClaims) if n.startswith("test_chapter_") or n.startswith("test_numbers_")]:
    if _name != "test_chapter_01_device_line":
        setattr(ExecutedClaims, _name, cpu_figures(getattr(ExecutedClaims, _name)))


if __name__ == "__main__":
    unittest.main()
