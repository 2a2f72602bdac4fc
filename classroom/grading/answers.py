"""What a learner hands in, made from an assignment's source notebook: its model answers put in place of the
stubs of nbgrader's learners' version, some of them replaced. Used by the tests and by the class run
(classroom/bench.py --assignment), which need submissions whose scores are known."""
import json
import re

# nbgrader's stub for a Java answer (nbgrader_config.py), as generate_assignment writes it.
STUB = re.compile(r"// YOUR CODE HERE\nthrow new UnsupportedOperationException\([^\n]*\);")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def source(cell):
    return "".join(cell["source"])


def grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def regions(text, begin, end):
    """The lines between nbgrader's markers (the markers left out)."""
    out, inside = [], False
    for line in text.split("\n"):
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside:
            out.append(line)
    return out


def model_answers(source_nb):
    """grade_id -> the model answer that takes the stub's place: a code solution's lines, or a written answer."""
    right = {}
    for cell in source_nb["cells"]:
        meta, text = cell["metadata"].get("nbgrader", {}), source(cell)
        if "BEGIN SOLUTION" in text:
            right[grade_id(cell)] = "\n".join(regions(text, "BEGIN SOLUTION", "END SOLUTION"))
        elif meta.get("solution"):
            right[grade_id(cell)] = text
    return right


def answered(released_nb, answers):
    """The learners' version with `answers` (grade_id -> text) in place of its stubs; changes released_nb."""
    for cell in released_nb["cells"]:
        gid = grade_id(cell)
        if gid in answers:
            cell["source"] = STUB.sub(lambda m: answers[gid], source(cell)) if cell["cell_type"] == "code" else answers[gid]
    return released_nb
