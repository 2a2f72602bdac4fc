# nbgrader's configuration for the course's assignments. classroom/grading is nbgrader's course directory:
# source/<assignment>/ holds each assignment as written, with its solutions and hidden tests; nbgrader makes
# release/, submitted/, autograded/, feedback/ and gradebook.db beside it (classroom/grading/autograde.py runs
# the grading with a time and memory limit per notebook).
c = get_config()  # noqa: F821 (nbgrader's config loader defines it)

c.CourseDirectory.course_id = "lenet5-java"
# An empty answer must fail its tests: nbgrader's Java stub, a comment alone, would let the cell run on.
c.ClearSolutions.code_stub = {
    "java": '// YOUR CODE HERE\nthrow new UnsupportedOperationException("Your answer goes here, in place of this line.");'
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# No limit per cell: a cell may train for minutes. The limit is per notebook, set by autograde.py, which
# records a zero with the reason when a notebook does not finish in time or runs out of memory.
c.Execute.timeout = None
