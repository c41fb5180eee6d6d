#!/usr/bin/env bash
# Fuzzes tcpstep's readers of untrusted input with libFuzzer (Linux; Swift's -sanitize=fuzzer).
#
#   scripts/fuzz.sh                      both targets, 60 s each
#   scripts/fuzz.sh scenario-parser      one target
#   FUZZ_SECONDS=600 scripts/fuzz.sh     longer
#   scripts/fuzz.sh trace-reader -- -runs=1 crash-file   extra libFuzzer arguments after --
#
# Targets (Fuzz/*.swift):
#   scenario-parser  bytes → ScenarioText.decode → ScenarioParser.parse → a bounded run → JSON
#   trace-reader     bytes → TraceReader.read → JSON lines → read again (must round-trip)
#
# How it builds without touching `swift build`: the library targets are compiled by SwiftPM into
# their own build folder (.build/fuzz) with -sanitize=fuzzer,address, which instruments them for
# coverage; then swiftc links each Fuzz/*.swift (which defines LLVMFuzzerTestOneInput) against
# their object files, and libFuzzer supplies main.
#
# Seeds: the built-in scenarios, their traces (from the debug tcpstep), and Fuzz/Regressions/*.
# A crash is saved as .build/fuzz/crashes/TARGET-crash-…; keep it: copy it into
# Fuzz/Regressions/TARGET/ (FuzzRegressionTests replays that folder in `swift test`), then fix.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
targets=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do targets+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#targets[@]} -eq 0 ] && targets=(scenario-parser trace-reader)

build=.build/fuzz
release=$build/release
sanitizers=fuzzer,address
echo "fuzz: building the libraries with -sanitize=$sanitizers"
swift build -c release --build-path "$build" -Xswiftc -sanitize=$sanitizers --target TCPStepScenario

# ld.gold warns about every ASan helper symbol it cannot export; the warnings are harmless.
link() {
  local output=$1; shift
  swiftc -O -sanitize=$sanitizers -parse-as-library -I "$release/Modules" "$@" -o "$output" 2> "$build/link.log" \
    || { cat "$build/link.log"; exit 1; }
}

seeds=$build/seeds
mkdir -p "$build/crashes" "$seeds/trace-reader"
for target in "${targets[@]}"; do
  case $target in
    scenario-parser)
      link "$build/fuzz-$target" Fuzz/ScenarioParserFuzz.swift "$release"/TCPStepCore.build/*.o "$release"/TCPStepScenario.build/*.o
      dict=Fuzz/scenario.dict
      seedDirs=(Sources/TCPStepScenario/Builtin Fuzz/Regressions/scenario-parser)
      ;;
    trace-reader)
      link "$build/fuzz-$target" Fuzz/TraceReaderFuzz.swift "$release"/TCPStepCore.build/*.o
      dict=Fuzz/trace.dict
      [ -x .build/debug/tcpstep ] || swift build --product tcpstep
      for file in Sources/TCPStepScenario/Builtin/*.tcps; do
        name=$(basename "$file" .tcps)
        .build/debug/tcpstep trace "$name" --json --max-events 400 > "$seeds/trace-reader/$name.jsonl" 2>/dev/null || true
      done
      seedDirs=("$seeds/trace-reader" Fuzz/Regressions/trace-reader)
      ;;
    *) echo "fuzz: unknown target '$target' (scenario-parser, trace-reader)" >&2; exit 2 ;;
  esac
  corpus=$build/corpus/$target
  mkdir -p "$corpus"
  echo "fuzz: $target for ${seconds}s"
  "$build/fuzz-$target" "$corpus" "${seedDirs[@]}" -dict="$dict" -max_total_time="$seconds" \
    -max_len=16384 -timeout=20 -rss_limit_mb=3072 -print_final_stats=1 \
    -artifact_prefix="$build/crashes/$target-" "$@" 2>&1 | grep -v -e ' NEW ' -e ' REDUCE ' -e ' pulse ' -e '# Uses:'
done
