#!/usr/bin/env bash
# The lightest tcpstep binary (release): what a lecture-hall laptop or a slide pipeline runs, and
# what the export speed/memory figures against mscgen are measured with (docs/benchmarks.md).
# Each flag is here for a measured reason (max RSS of `export lost-last-ack --format svg`):
#   --static-swift-stdlib         the Swift runtime and FoundationEssentials linked in, not loaded
#                                 and relocated as shared libraries           16.8 → 12.6 MB
#   -Xlinker -no-pie              no relative relocations rewritten at start (included above)
#   -Osize, --gc-sections         less code, so fewer 64 KB fault-around blocks touched 12.6 → 12.2 MB
#   libstdc++ linked statically   its 1 MB of relocation and symbol tables never mapped  → 11.2 MB
#   --no-export-dynamic           the toolchain's static-stdlib link line exports every symbol;
#                                 nothing dlopens tcpstep, so the export table goes   → 10.9 MB
#   -function-sections            each Swift function in a section of its own, so gold can drop
#                                 and move them one by one                           → 10.7 MB
#   --section-ordering-file       the functions an export runs packed together (the kernel maps
#                                 code 64 KB around each touched page; scattered, the 0.6 MB run
#                                 pulled in 6 MB): scripts/lightest/hot-sections.txt, made by
#                                 scripts/lightest/profile-hot-sections.sh               → 7.6 MB
# The cost of -no-pie: no address randomisation of tcpstep's own code.
# usage: scripts/build-lightest.sh [more swift build options]   (binary: .build-lightest/release/tcpstep)
# Needs the toolchain's default linker, gold (the ordering file is gold's option).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-lightest
# The toolchain's static-stdlib link line says `-lstdc++` itself; a linker script of that name
# found first on the search path makes it the static archive.
archive=$(g++ -print-file-name=libstdc++.a 2>/dev/null || true)
[ -f "$archive" ] || archive=$(ls /usr/lib/gcc/x86_64-linux-gnu/*/libstdc++.a 2>/dev/null | sort -V | tail -1)
[ -f "$archive" ] || { echo "libstdc++.a not found (apt-get install -y libstdc++-12-dev)" >&2; exit 1; }
mkdir -p "$scratch/link"
echo "INPUT($archive)" > "$scratch/link/libstdc++.so"
# Without the ordering file (while profile-hot-sections.sh makes the first one) the layout is gold's own.
order=scripts/lightest/hot-sections.txt
ordering=()
[ -f "$order" ] && ordering=(-Xlinker --section-ordering-file="$PWD/$order")
flags=(--static-swift-stdlib -Xlinker -no-pie -Xswiftc -Osize -Xlinker --gc-sections
  -Xlinker -L"$PWD/$scratch/link" -Xlinker --no-export-dynamic
  -Xswiftc -Xfrontend -Xswiftc -function-sections)
# SwiftPM does not recompile what it built before when only a frontend flag changes (objects
# without -function-sections stayed, and their functions could not be ordered): start afresh then.
if [ "$(cat "$scratch/flags" 2>/dev/null)" != "${flags[*]}" ]; then
  rm -rf "$scratch"/*-linux-gnu "$scratch/release"
  echo "${flags[*]}" > "$scratch/flags"
fi
swift build -c release --product tcpstep --scratch-path "$scratch" "${flags[@]}" "${ordering[@]}" "$@"
echo "$scratch/release/tcpstep"
