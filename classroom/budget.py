"""The memory one learner's server may use: the one figure the classroom's limits come from.

jupyterhub_config.py caps each learner's server at it (a cgroup) and z2jh/values.yaml asks Kubernetes
for it; tests/test_classroom_z2jh.py checks the two agree. 1.5 GB: a learner's server training chapter
03 peaked at 778 MB (classroom/bench.py, K=4, README "Teach it to a class"), which leaves room for a
second chapter's kernel left open (about 350 MB idle).
"""
LEARNER_MEMORY_MB = 1536
