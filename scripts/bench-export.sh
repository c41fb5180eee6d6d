#!/usr/bin/env bash
# Export speed, release build, whole process (figures in docs/benchmarks.md):
#  1. `tcpstep export lost-last-ack --format svg` against `mscgen -T svg` drawing the same
#     diagram (tcpstep's own mscgen export of it), side by side in one hyperfine run; then each
#     run RUNS times under `/usr/bin/time -f '%e s %M KB'`, tcpstep and mscgen taking turns (so
#     both see the same load), the median and largest wall time and max RSS of each;
#  2. the HTML export of a 10,000-event trace (scripts/long-scenario.sh 420: 10,197 events);
#  3. that page stepped in headless Chromium (scripts/bench-html-browser.py: each step's script,
#     layout and frame time, measured in the page with performance.now).
# usage: scripts/bench-export.sh [path/to/release/tcpstep ...]   (several builds: each is compared)
# The lightest build (see README, "Speed"): scripts/build-lightest.sh → .build-lightest/release/tcpstep
set -euo pipefail
cd "$(dirname "$0")/.."
(( $# )) || set -- .build/release/tcpstep
bin=$1
out=/tmp/tcpstep-bench-export
runs=${RUNS:-50}
mkdir -p "$out"
echo "load before: $(uptime)"

"$bin" export lost-last-ack --format mscgen -o "$out/lost-last-ack.msc"
commands=()
for b in "$@"; do commands+=("$b export lost-last-ack --format svg -o $out/tcpstep.svg"); done
hyperfine -N --warmup 20 --runs 300 --export-json "$out/svg-vs-mscgen.json" \
  "${commands[@]}" "mscgen -T svg -o $out/mscgen.svg $out/lost-last-ack.msc"

# /usr/bin/time, the commands taking turns; one "seconds KB" line per run in $out/time-N.txt.
rm -f "$out"/time-*.txt
for _ in $(seq "$runs"); do
  i=0
  for command in "${commands[@]}" "mscgen -T svg -o $out/mscgen.svg $out/lost-last-ack.msc"; do
    /usr/bin/time -f '%e %M' -a -o "$out/time-$i.txt" $command >/dev/null
    i=$((i + 1))
  done
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
largest() { sort -n | tail -1; }
i=0
for command in "${commands[@]}" "mscgen -T svg -o $out/mscgen.svg $out/lost-last-ack.msc"; do
  t=$out/time-$i.txt
  echo "$command"
  echo "  $(wc -l < "$t") runs: wall median $(cut -d' ' -f1 "$t" | median) s (max $(cut -d' ' -f1 "$t" | largest) s)," \
       "max RSS median $(cut -d' ' -f2 "$t" | median) KB (max $(cut -d' ' -f2 "$t" | largest) KB)"
  i=$((i + 1))
done
echo "load after: $(uptime)"

rss() {  # the largest max-RSS (KiB) over 20 runs
  local peak=0 value
  for _ in $(seq 20); do
    value=$( { /usr/bin/time -v "$@" >/dev/null; } 2>&1 | awk -F': ' '/Maximum resident/ {print $2}')
    (( value > peak )) && peak=$value
  done
  echo "$peak"
}

scripts/long-scenario.sh 420 > "$out/long.tcps"
echo "trace events: $("$bin" trace "$out/long.tcps" --json | wc -l)"
hyperfine -N --warmup 2 --runs 20 "$bin export $out/long.tcps --format html -o $out/long.html"
echo "max RSS, html export of the long trace: $(rss "$bin" export "$out/long.tcps" --format html -o "$out/long.html") KiB"
ls -l "$out/long.html"

/usr/bin/python3 scripts/bench-html-browser.py "$out/long.html" 200
