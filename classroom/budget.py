"""The memory one learner's server may use: the one figure the classroom's limits come from.

jupyterhub_config.py caps each learner's server at it (a cgroup) and z2jh/values.yaml asks Kubernetes
for it; tests/test_classroom_z2jh.py checks the two agree. Provisional: 1.5 GB until the memory issue's
measurements of the chapters land (a training kernel peaked at 1.6 GB then); `classroom/bench.py`
prints what a class really used.
"""
LEARNER_MEMORY_MB = 1536
