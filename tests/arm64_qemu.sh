#!/usr/bin/env bash
# Linux ARM for real, without an ARM machine: an arm64 Debian root's JDK run through qemu's user-mode
# emulator (called directly: binfmt_misc is not mounted here), training a few batches with the
# linux-aarch64 libtorch that the project's own build resolves, offline. A benchmark-style check, not in
# `make test` (emulation is slow). As root, after `make setup` (utils built, MNIST present):
#   tests/arm64_qemu.sh [ROOT]        ROOT: the arm64 root (made with mmdebstrap when missing; /tmp/arm64root)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARMROOT="${1:-/tmp/arm64root}"
JAVA="$ARMROOT/usr/lib/jvm/java-17-openjdk-arm64/bin/java"
say() { printf '[arm64] %s\n' "$*"; }

command -v qemu-aarch64-static >/dev/null || { say "needs qemu-user-static: 'apt-get install qemu-user-static'"; exit 1; }
if [ ! -x "$JAVA" ]; then
  command -v mmdebstrap >/dev/null || { say "needs mmdebstrap: 'apt-get install mmdebstrap'"; exit 1; }
  # extract: the packages are unpacked, not configured (configuring would run arm64 programs through binfmt_misc).
  say "making an arm64 Debian root with its JDK: $ARMROOT"
  mmdebstrap --arch=arm64 --variant=extract --include=openjdk-17-jdk-headless,libc6,libstdc++6,libgomp1,zlib1g \
    bookworm "$ARMROOT"
fi
[ -d "$HERE/utils/target/classes/lenet5" ] && [ -f "$HERE/build/data/mnist/.verified" ] || { say "run 'make setup' first"; exit 1; }

# The linux-aarch64 CPU libtorch, through utils/pom.xml's own copy (as setup does on an ARM machine).
natives="$HERE/build/lib-linux-aarch64"
(cd "$HERE" && mvn -q -B -f utils/pom.xml dependency:copy@cpu-natives -Dtorch.classifier=linux-aarch64 "-Dcourse.natives=$natives" </dev/null)
ls "$natives"/pytorch-native-cpu-2.7.1-linux-aarch64.jar >/dev/null

say "$(qemu-aarch64-static -L "$ARMROOT" "$JAVA" -version 2>&1 | head -1) under $(qemu-aarch64-static --version | head -1)"
start=$(date +%s)
# A few batches: one epoch of LENET5_TRAIN_LIMIT images, the course's recipe otherwise (bench/TrainBench.java).
cd "$HERE"
LENET5_EPOCHS=1 LENET5_TRAIN_LIMIT="${ARM_TRAIN_IMAGES:-1024}" DJL_CACHE_DIR="$HERE/build/djl-cache-aarch64" \
ENGINE_CACHE_DIR="$HERE/build/djl-cache-aarch64" LENET5_HOME="$HERE" \
  qemu-aarch64-static -L "$ARMROOT" "$JAVA" -Dai.djl.offline=true -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$HERE/utils/target/classes:$HERE/build/lib/*:$natives/*" bench/TrainBench.java
say "done in $(( $(date +%s) - start )) s (emulated)"
