# nbgrader's system-wide configuration on the class's hub: classroom/setup.sh installs it as
# build/hub-venv/etc/jupyter/nbgrader_config.py, where every server of the hub (whose learners' ~/.jupyter is
# not read: jupyterhub_config.py) and the teacher's nbgrader commands find it. It names the course and the
# exchange on this machine, through which the teacher releases assignments and collects what learners submit
# (README "Grade the exercises").
import os

c = get_config()  # noqa: F821 (nbgrader's config loader defines it)

c.CourseDirectory.course_id = "lenet5-java"
# Made by classroom/run.sh, root's, mode 1777 (nbgrader's own layout below it); the hub passes the setting on.
c.Exchange.root = os.environ.get("LENET5_CLASSROOM_EXCHANGE", "/srv/nbgrader/exchange")
