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
# The cost of -no-pie: no address randomisation of tcpstep's own code.
# usage: scripts/build-lightest.sh   (binary: .build-lightest/release/tcpstep)
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
swift build -c release --product tcpstep --scratch-path "$scratch" \
  --static-swift-stdlib -Xlinker -no-pie -Xswiftc -Osize -Xlinker --gc-sections \
  -Xlinker -L"$PWD/$scratch/link" -Xlinker --no-export-dynamic
echo "$scratch/release/tcpstep"
