#!/usr/bin/env bash
# Export speed, release build, whole process (figures in docs/benchmarks.md):
#  1. `tcpstep export lost-last-ack --format svg` against `mscgen -T svg` drawing the same
#     diagram (tcpstep's own mscgen export of it), side by side in one hyperfine run, and the
#     peak memory (max RSS) of each from /usr/bin/time -v;
#  2. the HTML export of a 10,000-event trace (scripts/long-scenario.sh 420: 10,197 events);
#  3. that page stepped in headless Chromium (scripts/bench-html-browser.py: each step's script,
#     layout and frame time, measured in the page with performance.now).
# usage: scripts/bench-export.sh [path/to/release/tcpstep]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/tcpstep}
out=/tmp/tcpstep-bench-export
mkdir -p "$out"

"$bin" export lost-last-ack --format mscgen -o "$out/lost-last-ack.msc"
hyperfine -N --warmup 20 --runs 300 --export-json "$out/svg-vs-mscgen.json" \
  "$bin export lost-last-ack --format svg -o $out/tcpstep.svg" \
  "mscgen -T svg -o $out/mscgen.svg $out/lost-last-ack.msc"

rss() {  # the largest max-RSS (KiB) over 20 runs
  local peak=0 value
  for _ in $(seq 20); do
    value=$( { /usr/bin/time -v "$@" >/dev/null; } 2>&1 | awk -F': ' '/Maximum resident/ {print $2}')
    (( value > peak )) && peak=$value
  done
  echo "$peak"
}
echo "max RSS, tcpstep export svg: $(rss "$bin" export lost-last-ack --format svg -o "$out/tcpstep.svg") KiB"
echo "max RSS, mscgen -T svg:      $(rss mscgen -T svg -o "$out/mscgen.svg" "$out/lost-last-ack.msc") KiB"

scripts/long-scenario.sh 420 > "$out/long.tcps"
echo "trace events: $("$bin" trace "$out/long.tcps" --json | wc -l)"
hyperfine -N --warmup 2 --runs 20 "$bin export $out/long.tcps --format html -o $out/long.html"
echo "max RSS, html export of the long trace: $(rss "$bin" export "$out/long.tcps" --format html -o "$out/long.html") KiB"
ls -l "$out/long.html"

/usr/bin/python3 scripts/bench-html-browser.py "$out/long.html" 200
