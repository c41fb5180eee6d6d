#!/usr/bin/env bash
# Issue 13's speed target: listing the connections of a 1,000,000-packet capture and opening one
# of them, against `tshark -r FILE -q -z conv,tcp` on the same file, side by side in one run.
# Needs tshark (apt-get install -y tshark) and python3. Raw output in /tmp/tcpstep-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
out=/tmp/tcpstep-bench
mkdir -p "$out"
capture="$out/million.pcap"
[ -f "$capture" ] || python3 scripts/make-capture.py "$capture" 1000000 10000
swift build -c release --product tcpstep >/dev/null
bin=.build/release/tcpstep
measure() {  # label, command…: wall seconds and peak RSS, three runs
  local label=$1; shift
  for run in 1 2 3; do
    /usr/bin/time -f "$label run $run: %e s wall, %M KB peak RSS" "$@" >"$out/$label.out" 2>>"$out/times.txt" || true
    tail -1 "$out/times.txt"
  done
}
: >"$out/times.txt"
echo "capture: $(du -h "$capture" | cut -f1), $($bin connections "$capture" | head -1)"
measure tcpstep-connections "$bin" connections "$capture"
# Opening one: the last connection (its packets end at the file's end, the worst case), traced.
measure tcpstep-open-last "$bin" trace "$capture" --conn 10000 --json
measure tshark-conv-tcp tshark -r "$capture" -q -z conv,tcp
