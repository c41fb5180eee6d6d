#!/bin/sh
# Every measurement behind docs/benchmarks.md, in release builds. Run from anywhere:
#   scripts/bench-all.sh [OUTPUT_DIR]        (default: /tmp/tcpstep-bench)
# Needs: the Swift toolchain, libncurses-dev, python3 with pyte (pip install pyte), /usr/bin/time.
# Takes ~10 minutes the first time (two release builds), ~5 after.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/tcpstep-bench}
mkdir -p "$out"
cd "$root"

{
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
    echo "cpus: $(nproc)"
    echo "model: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "swift: $(swift --version 2>&1 | head -1)"
    echo "kernel: $(uname -sr)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"

# 1. The release binary (for the terminal and the pile-up measurements).
swift build -c release --product tcpstep --scratch-path "$root/.build-release" > "$out/build.log" 2>&1
bin="$root/.build-release/release/tcpstep"

# 2. In-process benchmarks (ordo-one/benchmark): core, live view, pile-up.
swift package --package-path "$root/Benchmarks" --allow-writing-to-package-directory benchmark --no-progress \
    > "$out/benchmarks.txt" 2>&1

# 3. The real binary in a pseudo-terminal: bytes per step, and start to first frame.
python3 scripts/bench-terminal-bytes.py bytes --binary "$bin" > "$out/bytes-basic-120x40.json"
python3 scripts/bench-terminal-bytes.py bytes --binary "$bin" --cols 250 --rows 70 --lifecycles 50 --steps 200 \
    --quiet 0.08 > "$out/bytes-lifecycles-250x70.json"
python3 scripts/bench-terminal-bytes.py startup --binary "$bin" --runs 20 > "$out/startup.json"

# 4. The pile-up without a terminal: wall time and peak memory for 1 min, 10 min and 1 h.
for duration in 60s 600s 3600s; do
    /usr/bin/time -v "$bin" pileup --headless --json --duration "$duration" > /dev/null 2> "$out/pileup-$duration.time"
done
scripts/bench-pileup-memory.sh "$bin" > "$out/pileup-rss-over-time.txt"

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
echo "results in $out"
