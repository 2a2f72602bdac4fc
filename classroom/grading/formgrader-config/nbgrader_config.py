# The formgrader service's own nbgrader settings (formgrader.sh puts this folder on JUPYTER_CONFIG_PATH, before
# the hub environment's system-wide nbgrader_config.py, which names the course and the exchange).
c = get_config()  # noqa: F821 (nbgrader's config loader defines it)

# Learners' code never runs as the teacher: every notebook is graded on this kernelspec (classroom/setup.sh
# writes it), which starts the course's kernel through sudo and run_as.py as lenet5-grader, in a memory cgroup.
c.Execute.kernel_name = "lenet5-java-grading"
# A cell that runs longer is stopped (the command line's autograde.py limits a whole notebook instead).
c.Execute.timeout = 600
# Learners' answers are shown to the teacher on the hub's origin: their HTML cleaned (outputs through nbconvert's
# own option, Markdown cells through lenet5_safe_html.py, which formgrader.sh puts on the Python path).
c.HTMLExporter.sanitize_html = True
c.HTMLExporter.filters = {"markdown2html": "lenet5_safe_html.markdown2html"}
