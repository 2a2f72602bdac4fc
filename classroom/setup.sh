#!/usr/bin/env bash
# The classroom's own environment, beside the course's (which scripts/setup.sh makes first):
#   build/hub-venv   JupyterHub, the idle culler and the course's Jupyter stack (classroom/requirements.txt),
#                    with the course's kernelspec installed into it (absolute paths to this checkout)
#   build/chp        configurable-http-proxy from npm, pinned by classroom/proxy/package-lock.json
# Idempotent: each part is remade only when its pinned list changed.
#   classroom/setup.sh             everything `make classroom` needs
#   classroom/setup.sh singleuser  the environment only (a single-user image for Zero to JupyterHub, whose proxy is its own)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
HUB="$BUILD/hub-venv"
say()  { printf '[classroom] %s\n' "$*"; }
fail() { printf '[classroom] ERROR: %s\n' "$*" >&2; exit 1; }

[ -f "$BUILD/kernelspec/lenet5-java/kernel.json" ] || fail "the course is not set up: run 'make setup' first."

# The learners' servers run this venv's Python under their own accounts: its interpreter must be one every
# account can reach. The course's Python (requirements.txt needs 3.11.5 or newer) is used as it is when it
# is; when it lives where others cannot go (pyenv's under /root), its interpreter and standard library are
# copied into build/hub-python (about 130 MB; its libpython found through LD_LIBRARY_PATH, set by the config).
reachable() {
  local d; d=$(dirname "$(readlink -f "$1")")
  while [ "$d" != / ]; do [ "$(stat -c %A "$d" | cut -c10)" = x ] || return 1; d=$(dirname "$d"); done
}
reachable "$ROOT/classroom/setup.sh" || fail "other accounts cannot reach $ROOT (a folder on the way lacks o+x): the learners' servers run from this checkout; move it, or 'chmod o+x' the folders on the way."
PY="${LENET5_HUB_PYTHON:-$(command -v python3)}"
"$PY" -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 10))' 2>/dev/null \
  || fail "$PY must be Python 3.10 or newer with venv ('sudo apt-get install python3 python3-venv'), or set LENET5_HUB_PYTHON."
if ! reachable "$PY"; then
  base=$("$PY" -c 'import sys; print(sys.base_prefix)'); ver=$("$PY" -c 'import sys; print("python%d.%d" % sys.version_info[:2])')
  if [ ! -x "$BUILD/hub-python/bin/$ver" ] || [ "$base/bin/$ver" -nt "$BUILD/hub-python/bin/$ver" ]; then
    say "copying $ver from $base into $BUILD/hub-python (other accounts cannot reach $base)"
    rm -rf "$BUILD/hub-python" "$BUILD/hub-venv" && mkdir -p "$BUILD/hub-python/bin"
    cp -a "$base/bin/$ver" "$BUILD/hub-python/bin/"
    tar -C "$base" -cf - --exclude="lib/$ver/site-packages/*" --exclude="lib/$ver/test" lib | tar -C "$BUILD/hub-python" -xf -
  fi
  PY="$BUILD/hub-python/bin/$ver"
fi
real=$(readlink -f "$PY")

# The stamp holds both lists: classroom/requirements.txt includes requirements.txt.
stamp="$HUB/.classroom-requirements.txt"
if [ -x "$HUB/bin/jupyterhub" ] && { echo "$real"; cat "$ROOT/requirements.txt" "$ROOT/classroom/requirements.txt"; } | cmp -s - "$stamp"; then
  say "hub environment up to date ($HUB)"
else
  say "making the hub environment: $HUB (pip install -r classroom/requirements.txt)"
  rm -rf "$HUB"
  "$PY" -m venv "$HUB"
  "$HUB/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/classroom/requirements.txt" \
    || fail "pip could not install classroom/requirements.txt into $HUB (pip's own message is above)."
  { echo "$real"; cat "$ROOT/requirements.txt" "$ROOT/classroom/requirements.txt"; } > "$stamp"
fi

# The same kernelspec the course's environment has: the learners' servers find it in their own prefix.
if ! cmp -s "$HUB/share/jupyter/kernels/lenet5-java/kernel.json" "$BUILD/kernelspec/lenet5-java/kernel.json"; then
  "$HUB/bin/jupyter" kernelspec install --sys-prefix --replace --name lenet5-java "$BUILD/kernelspec/lenet5-java" >/dev/null 2>&1
  say "kernel 'lenet5-java' installed into the hub environment"
fi

# nbgrader on the hub: the exchange and course named system-wide (learners' own config is not read); learners get
# the assignment list, not the teacher's tools (formgrader, the course list, the assignment editor).
mkdir -p "$HUB/etc/jupyter"
cp "$ROOT/classroom/nbgrader_system_config.py" "$HUB/etc/jupyter/nbgrader_config.py"
for ext in formgrader course_list; do
  "$HUB/bin/jupyter" server extension disable --sys-prefix "nbgrader.server_extensions.$ext" >/dev/null 2>&1
done
"$HUB/bin/jupyter" labextension disable --level=sys_prefix @jupyter/nbgrader:formgrader @jupyter/nbgrader:course-list \
  @jupyter/nbgrader:create-assignment >/dev/null 2>&1

# The formgrader's grading kernel (grading/formgrader.sh): the course's kernel started through sudo by run_as.py,
# as lenet5-grader in a memory cgroup. Debian's python3 runs it, isolated (-I): the rule names this exact command.
mkdir -p "$BUILD/grading-kernel/kernels/lenet5-java-grading"
cat > "$BUILD/grading-kernel/kernels/lenet5-java-grading/kernel.json" <<JSON
{"argv": ["/usr/bin/sudo", "-n", "/usr/bin/python3", "-I", "$ROOT/classroom/grading/run_as.py", "--sudo", "{connection_file}"],
 "display_name": "Java (LeNet-5 course), graded as lenet5-grader", "language": "java", "interrupt_mode": "message"}
JSON

# Closing a chapter shuts its kernel down: a learner's limit holds one training kernel, not one per chapter opened.
mkdir -p "$HUB/share/jupyter/lab/settings"
cp "$ROOT/classroom/lab/overrides.json" "$HUB/share/jupyter/lab/settings/overrides.json"

# The learners' kernels read the course's build products under their own accounts; DJL extracts libtorch
# into a folder only its creator can read (a temporary folder, renamed), so open it up, read-only.
find "$BUILD/djl-cache" "$BUILD/data" "$BUILD/lib" "$BUILD/lib-cpu" "$BUILD/kernel" "$ROOT/utils/target" \
  -type d ! -perm -o+rx -exec chmod o+rx {} + 2>/dev/null || true

[ "${1:-}" = singleuser ] && exit 0
# Each learner's server gets a network namespace of its own (classroom/learner_network.py): iproute2's `ip`.
if ! command -v ip >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "installing iproute2 (the learners' network namespaces)"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q iproute2; } >/dev/null \
    || fail "apt-get could not install iproute2; install it, or run the classroom with LENET5_CLASSROOM_NETNS=0."
fi
# The formgrader service starts grading kernels through sudo (run.sh writes the one rule it needs).
if { ! command -v sudo >/dev/null || [ ! -x /usr/bin/python3 ]; } && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "installing sudo and python3 (the formgrader's grading kernels run through them)"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q sudo python3; } >/dev/null \
    || fail "apt-get could not install sudo and python3; install them (the formgrader's autograde needs them)."
fi
if [ -x "$BUILD/chp/node_modules/.bin/configurable-http-proxy" ] && cmp -s "$ROOT/classroom/proxy/package-lock.json" "$BUILD/chp/package-lock.json"; then
  say "proxy up to date ($BUILD/chp)"
else
  say "installing configurable-http-proxy (npm ci, classroom/proxy/package-lock.json)"
  rm -rf "$BUILD/chp" && mkdir -p "$BUILD/chp"
  cp "$ROOT/classroom/proxy/package.json" "$ROOT/classroom/proxy/package-lock.json" "$BUILD/chp/"
  (cd "$BUILD/chp" && npm ci --silent --no-audit --no-fund) || fail "npm could not install configurable-http-proxy."
  # npm run as root keeps the tarballs' owners (uids of no account here); the hub refuses files not root's alone.
  [ "$(id -u)" = 0 ] && chown -R root:root "$BUILD/chp"
fi
