#!/usr/bin/env bash
# `make classroom`: JupyterHub serving the course to a class (settings: classroom/jupyterhub_config.py).
# As root: the hub starts each learner's server under the learner's own account, cgroup and namespaces.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '[classroom] %s\n' "$*" >&2; }
[ "$(id -u)" = 0 ] || { say "the hub must run as root: it starts each learner's server as that learner (sudo make classroom)."; exit 1; }
STATE="${LENET5_CLASSROOM_STATE:-$ROOT/build/classroom}"
HOWTO="install the classroom from root's own clone, e.g. 'sudo git clone REPOSITORY /opt/lenet5 && cd /opt/lenet5 && sudo make classroom' (README \"Teach it to a class\")"

# Root imports this checkout's Python, runs its build/hub-venv and hands its build/ to every learner's kernel:
# whoever can change any of it, or a folder above it, would be root at the next start. So all of it must be
# root's and writable by no one else; links are followed (find -L), so what they point to counts too.
unsafe_above() {  # the first of the folders holding $@ (themselves included) not root's alone; nothing if none
  local p d
  for p in "$@"; do
    d=$(readlink -f "$p")
    while :; do
      [ "$(stat -c %u "$d")" = 0 ] && [ $(( 0$(stat -c %a "$d") & 022 )) = 0 ] || { echo "$d"; return; }
      [ "$d" = / ] && break
      d=$(dirname "$d")
    done
  done
}
unsafe() {  # the same, and then anything inside $@
  local above; above=$(unsafe_above "$@")
  [ -n "$above" ] && echo "$above" || find -L "$@" \( ! -uid 0 -o -perm /022 \) -print -quit 2>/dev/null
}
checked=()  # everything in the checkout that set-up or the hub reads (build/ below, part by part; not .git,
for e in "$ROOT"/* "$ROOT"/.[!.]*; do  # which neither reads, and git itself refuses as root when not root's)
  [ -e "$e" ] && [ "$e" != "$ROOT/build" ] && [ "$e" != "$ROOT/.git" ] && checked+=("$e")
done
for d in hub-venv hub-python chp kernel kernelspec grading-kernel lib lib-cpu djl-cache; do  # code root or the kernels run
  [ -e "$ROOT/build/$d" ] && checked+=("$ROOT/build/$d")
done
bad=$(unsafe "${checked[@]}")
[ -z "$bad" ] || { say "refusing to start: $bad is not root's alone (owner $(stat -c %U "$bad"), mode $(stat -c %a "$bad")); $HOWTO."; exit 1; }
# `make classroom` asks this first, so that root runs no set-up (Maven, npm, pip) in a checkout it would refuse.
[ "${1:-}" = --check-install ] && exit 0

# The state folder holds the database and cookie secret: root's alone, never a folder or link someone else made.
if [ -L "$STATE" ] || { [ -e "$STATE" ] && [ ! -d "$STATE" ]; }; then
  say "refusing to start: the state folder $STATE is a link or not a folder; remove it or set LENET5_CLASSROOM_STATE."; exit 1
fi
bad=$(unsafe_above "$(dirname "$STATE")")
[ -z "$bad" ] || { say "refusing to start: $bad, above the state folder $STATE, is not root's alone; set LENET5_CLASSROOM_STATE to a folder under one that is."; exit 1; }
if [ -e "$STATE" ]; then
  [ "$(stat -c %u "$STATE")" = 0 ] || { say "refusing to start: the state folder $STATE belongs to $(stat -c %U "$STATE"), not root; remove it or set LENET5_CLASSROOM_STATE."; exit 1; }
  # Others who could write in it could have planted a cookie secret or a token the hub would use.
  bad=$(find "$STATE" \( ! -uid 0 -o -perm /022 \) -print -quit)
  [ -z "$bad" ] || { say "refusing to start: $bad, in the state folder, is not root's alone (owner $(stat -c %U "$bad"), mode $(stat -c %a "$bad")); remove the state folder (the hub makes a new one) or set LENET5_CLASSROOM_STATE."; exit 1; }
  chmod 700 "$STATE"
else
  mkdir -m 700 "$STATE"
fi
# remove-learner's token: it deletes a learner's hub user (tokens, cookies) before the account.
[ -s "$STATE/accounts-token" ] || (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' > "$STATE/accounts-token")

# nbgrader's exchange (README "Grade the exercises"): everyone may write in it and the sticky bit keeps one's files
# from the others, so it must be root's, mode 1777, under folders root's alone (no one can swap it for a link).
EXCHANGE="${LENET5_CLASSROOM_EXCHANGE:-/srv/nbgrader/exchange}"
above=$(dirname "$EXCHANGE"); while [ ! -e "$above" ]; do above=$(dirname "$above"); done   # the folders made below are root's
bad=$(unsafe_above "$above")
[ -z "$bad" ] || { say "refusing to start: $bad, above nbgrader's exchange $EXCHANGE, is not root's alone; set LENET5_CLASSROOM_EXCHANGE to a folder under one that is."; exit 1; }
[ -L "$EXCHANGE" ] && { say "refusing to start: nbgrader's exchange $EXCHANGE is a link; remove it or set LENET5_CLASSROOM_EXCHANGE."; exit 1; }
[ -d "$EXCHANGE" ] || { (umask 022 && mkdir -p "$(dirname "$EXCHANGE")") && mkdir -m 1777 "$EXCHANGE"; }
[ "$(stat -c %u:%a "$EXCHANGE")" = 0:1777 ] || { say "refusing to start: nbgrader's exchange $EXCHANGE is $(stat -c %U "$EXCHANGE")'s, mode $(stat -c %a "$EXCHANGE"), not root's with mode 1777 (everyone writes, the sticky bit keeps them apart); 'sudo chown root: $EXCHANGE && sudo chmod 1777 $EXCHANGE', or set LENET5_CLASSROOM_EXCHANGE."; exit 1; }

# What the learners' limits need: systemd (SystemdSpawner) or cgroups the course's spawner can use; iproute2
# for the network namespaces. One line naming what is missing, rather than a learner's server failing later.
spawner="${LENET5_CLASSROOM_SPAWNER:-$([ -d /run/systemd/system ] && echo systemd || echo cgroup)}"
if [ "$spawner" = cgroup ]; then
  why=$(cd "$ROOT/classroom" && "$ROOT/build/hub-venv/bin/python" -I -c '
import sys
sys.path.insert(0, ".")
import cgroups
try:
    tree = cgroups.find()
    missing = tree.missing()
    if missing:
        sys.exit("cgroup v%d here lacks the %s controller (needed for the learners'"'"' limits)" % (tree.version, ", ".join(missing)))
    # What each learner'"'"'s start will do, tried once now: a controller listed is not yet one that can be used.
    tree.make("lenet5-classroom/lenet5-probe", memory=64 << 20, pids=64, cpu_weight=100).remove()
except (cgroups.CgroupsMissing, OSError) as e:
    sys.exit(str(e))' 2>&1) || { say "refusing to start: ${why##*$'\n'}; neither systemd nor usable cgroups (see README \"Teach it to a class\")."; exit 1; }
fi
if [ "${LENET5_CLASSROOM_NETNS:-1}" = 1 ] && ! command -v ip >/dev/null; then
  say "refusing to start: the learners' network namespaces need iproute2's 'ip' (apt-get install iproute2), or set LENET5_CLASSROOM_NETNS=0 (then other local accounts can reach learners' kernels)."; exit 1
fi

teacher="${LENET5_CLASSROOM_TEACHER:-teacher}"
echo "[classroom] JupyterHub on http://${LENET5_CLASSROOM_IP:-127.0.0.1}:${LENET5_CLASSROOM_PORT:-8000}/ (Ctrl-C stops it)"
# The teacher's formgrader (grading/formgrader.sh) starts grading kernels with this one command as root, which
# drops to lenet5-grader (run_as.py takes nothing from its caller but the connection file, if it is the caller's).
if ! id "$teacher" >/dev/null 2>&1; then
  say "no account '$teacher' yet: make one with 'classroom/add-learner --teacher $teacher'."   # and no formgrader
elif ! command -v sudo >/dev/null || [ ! -d /etc/sudoers.d ]; then
  say "no sudo: the formgrader cannot start grading kernels; 'make classroom-setup' installs it, or grade with 'sudo classroom/grading/autograde.py' (README)."
elif [[ ! "$ROOT" =~ ^[A-Za-z0-9/._-]+$ ]]; then
  say "the checkout's path $ROOT has characters a sudoers rule would need escaped: the formgrader cannot start grading kernels; move the checkout, or grade with autograde.py (README)."
else
  rule="/etc/sudoers.d/lenet5-formgrader-$teacher"
  alias="LENET5_GRADING_$(printf '%s' "$teacher" | tr -c 'A-Za-z0-9' _ | tr a-z A-Z)"   # one per teacher's file
  printf 'Cmnd_Alias %s = /usr/bin/python3 -I %s/classroom/grading/run_as.py --sudo *\nDefaults!%s !use_pty\n%s ALL=(root) NOPASSWD: %s\n' \
    "$alias" "$ROOT" "$alias" "$teacher" "$alias" > "$rule.new"
  chmod 440 "$rule.new"
  mv "$rule.new" "$rule"
  # A sudoers file that does not parse would break sudo for everyone: the whole configuration is checked.
  visudo -cq >/dev/null 2>&1 || { rm -f "$rule"; say "the formgrader's sudo rule did not pass visudo: removed; the formgrader cannot start grading kernels."; }
fi
cd "$STATE"
exec "$ROOT/build/hub-venv/bin/jupyterhub" -f "$ROOT/classroom/jupyterhub_config.py" "$@"
