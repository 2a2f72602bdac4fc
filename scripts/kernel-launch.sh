#!/bin/sh
# Starts the course's Java kernel for the checkout that holds the notebook being opened.
# Installed beside kernel.json by scripts/setup.sh; Jupyter runs it in the notebook's folder as
#   sh <kernelspec dir>/kernel-launch.sh <connection file>
# Each clone of the course thus uses its own kernel jars, libraries, data and models. Outside any
# checkout (a notebook elsewhere) it uses the checkout that last ran setup.
set -eu
connection="$1"
fallback="@ROOT@"
root=""
dir=$(pwd)
while [ -n "$dir" ]; do
  if [ -f "$dir/kernel/pom.xml" ] && [ -f "$dir/utils/pom.xml" ]; then root="$dir"; break; fi
  [ "$dir" = / ] && break
  dir=$(dirname "$dir")
done
[ -n "$root" ] || root="$fallback"
if [ ! -f "$root/build/kernel/lenet5-kernel.jar" ]; then
  echo "LeNet-5 course kernel: $root/build/kernel/lenet5-kernel.jar is missing: run 'make setup' in $root" >&2
  exit 1
fi
build="$root/build"
classpath="$build/lib/*"
offline=false
# The bundled CPU libtorch, unless setup found a GPU (DJL then downloads its CUDA build).
if [ -f "$build/.use-cpu-libtorch" ]; then classpath="$classpath:$build/lib-cpu/*"; offline=true; fi
export LENET5_KERNEL_CLASSPATH="$classpath"
export DJL_CACHE_DIR="$build/djl-cache" ENGINE_CACHE_DIR="$build/djl-cache" LENET5_HOME="$root"
exec "@JAVA@" -Xss8m -Dai.djl.offline=$offline -Djava.awt.headless=true \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
  -cp "$build/kernel/*" lenet5.kernel.JavaKernel "$connection"
