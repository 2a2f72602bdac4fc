"""The memory one learner's server may use: the one figure the classroom's limits come from.

jupyterhub_config.py caps each learner's server at it (a cgroup) and z2jh/values.yaml asks Kubernetes
for it; tests/test_classroom_z2jh.py checks the two agree. 1.5 GB: a learner's server training chapter
03 peaked at 778 MB (classroom/bench.py, K=4, README "Teach it to a class"), which leaves room for a
second chapter's kernel left open (about 350 MB idle).
"""
LEARNER_MEMORY_MB = 1536
# Tasks (processes and threads: pids.max counts both) of one learner's server: a fork loop stops there, not
# at the machine's limit. A server with one kernel open had 29 tasks (tests/test_classroom_isolation.py),
# so 512 leaves room for several kernels and terminals; the test's fork loop got 481 more before the limit.
LEARNER_PIDS = 512
# A learner's private /tmp, /var/tmp and /dev/shm, each a tmpfs of this size; what is written there counts in their memory.
LEARNER_TMP_MB = 256
