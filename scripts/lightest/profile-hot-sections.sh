#!/usr/bin/env bash
# Regenerates scripts/lightest/hot-sections.txt, the order in which scripts/build-lightest.sh has
# gold lay out tcpstep's functions: those the commands below run, in the order they first run,
# side by side at one end of the code.
#
# Why: the kernel maps a binary's code 64 KB at a time around each page a process touches
# (fault-around), and in the usual layout the ~600 KB of code an export runs is spread over
# 6 MB, so 6 MB count in its memory. Packed, it is under 1 MB (max RSS of `export lost-last-ack
# --format svg`: 10.66 → 7.56 MB; docs/benchmarks.md).
#
# When: after changes to what an export or a render runs. A stale file is harmless — functions
# it does not name are laid out after the ones it does, as without it — but memory creeps back.
# Takes ~3 minutes (valgrind runs each command ~40 times slower).
# usage: scripts/lightest/profile-hot-sections.sh   (needs valgrind: apt-get install -y valgrind)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v valgrind >/dev/null || { echo "needs valgrind: apt-get install -y valgrind" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

scripts/build-lightest.sh -Xlinker -Map="$work/tcpstep.map" >&2
# valgrind cannot read the toolchain's debug info; stripping it moves no address.
strip --strip-debug -o "$work/tcpstep" .build-lightest/release/tcpstep

# What a lecturer's slide pipeline runs; the measured export first, so its code comes first.
runs=(
  "export lost-last-ack --format svg -o OUT"
  "export lost-last-ack --format html -o OUT"
  "export lost-last-ack --format mscgen -o OUT"
  "render lost-last-ack"
  "trace lost-last-ack --json"
)
for run in "${runs[@]}"; do
  echo "tracing: tcpstep $run" >&2
  # lackey prints every instruction (I) and data access (L S M) as `I  0040197b,4`; keep each
  # address of the binary's own range (non-PIE: 0x400000 up) once, first touch first.
  # shellcheck disable=SC2086
  valgrind --tool=lackey --trace-mem=yes --log-fd=9 "$work/tcpstep" ${run/OUT/$work/out} 9>&1 >/dev/null \
    | awk '$1 ~ /^[ILSM]$/ { split($2, a, ","); x = a[1]
           if (length(x) == 8 && x >= "00400000" && x < "04000000" && !(x in seen)) { seen[x] = 1; print x } }' \
    >> "$work/trace"
done
python3 scripts/lightest/hot-sections.py "$work/tcpstep.map" "$work/trace" > scripts/lightest/hot-sections.txt
echo "scripts/lightest/hot-sections.txt: $(wc -l < scripts/lightest/hot-sections.txt) sections" >&2
