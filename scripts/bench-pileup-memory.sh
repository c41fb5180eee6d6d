#!/bin/sh
# Resident memory of `tcpstep pileup --headless --json --duration 3600s` over its run, sampled
# every 0.5 s from /proc: flat memory means the last samples are no higher than the early ones.
#   scripts/bench-pileup-memory.sh [BINARY]     (default: .build-release/release/tcpstep)
set -eu
bin=${1:-$(cd "$(dirname "$0")/.." && pwd)/.build-release/release/tcpstep}
"$bin" pileup --headless --json --duration 3600s > /dev/null &
pid=$!
start=$(date +%s.%N)
echo "seconds  VmRSS_kB  VmHWM_kB"
while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$rss" ] && printf '%7.1f  %8s  %8s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$rss" "$hwm"
    sleep 0.5
done
wait "$pid"
