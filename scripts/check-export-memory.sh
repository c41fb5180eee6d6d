#!/usr/bin/env bash
# Issue 11's memory target, checked where CI runs: `tcpstep export lost-last-ack --format svg`
# (the lightest build, scripts/build-lightest.sh) must use no more memory than `mscgen -T svg`
# drawing the same diagram, measured side by side on this machine. Also checks that the
# lightest build writes the very SVG the debug build writes (its function order and flags
# must change nothing but layout). Memory only: time is left to scripts/bench-export.sh, since a
# shared CI machine's timings are noise.
# usage: scripts/check-export-memory.sh [DEBUG_TCPSTEP]   (default .build/debug/tcpstep)
set -euo pipefail
cd "$(dirname "$0")/.."
debug=${1:-.build/debug/tcpstep}
runs=21
scripts/build-lightest.sh >&2
light=.build-lightest/release/tcpstep
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$debug" export lost-last-ack --format svg -o "$work/debug.svg"
"$light" export lost-last-ack --format svg -o "$work/light.svg"
cmp "$work/debug.svg" "$work/light.svg" || { echo "FAIL: the lightest build draws another SVG than the debug build" >&2; exit 1; }
"$light" export lost-last-ack --format mscgen -o "$work/chart.msc"

# Taking turns, so both see the same load; GNU time's %M is the peak resident set in KiB.
for _ in $(seq "$runs"); do
  /usr/bin/time -f '%M' -a -o "$work/tcpstep.kib" "$light" export lost-last-ack --format svg -o "$work/light.svg"
  /usr/bin/time -f '%M' -a -o "$work/mscgen.kib" mscgen -T svg -o "$work/mscgen.svg" "$work/chart.msc"
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ours=$(median "$work/tcpstep.kib")
theirs=$(median "$work/mscgen.kib")
echo "max RSS, median of $runs runs: tcpstep export --format svg $ours KiB, mscgen -T svg $theirs KiB"
if (( ours > theirs )); then
  echo "FAIL: tcpstep uses more memory than mscgen (issue 11); scripts/lightest/profile-hot-sections.sh may need a run" >&2
  exit 1
fi
