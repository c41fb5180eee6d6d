#!/usr/bin/env python3
"""Turn a gold link map and a trace of touched addresses into a --section-ordering-file.

usage: hot-sections.py LINK.map TRACE > hot-sections.txt

TRACE holds one address (hex) per line, first touch first, as scripts/lightest/profile-hot-sections.sh
writes it from valgrind's lackey. Each address is looked up in the map's input sections; the file
lists each touched section once, in the order of its first touch, so gold lays the code (and the
constant data) a run needs side by side instead of scattered over the binary.

Only sections named after one function or one object are listed (.text.NAME, .rodata.NAME, ...,
which -function-sections and the runtime's own build give): a plain `.text` names every
module's code at once, and a group name (.text.unlikely) or a mergeable constant pool
(.rodata.cst16, .rodata.str1.1) is not one thing gold can move."""
import bisect
import re
import sys

ORDERABLE = re.compile(r"^\.(text|rodata|data|data\.rel\.ro|bss|tbss|tdata)\.(.+)$")
GROUP_SUFFIXES = {"unlikely", "unlikely.", "hot", "hot.", "startup", "exit", "split"}
SECTION_LINE = re.compile(r"^ (\.\S+|swift5_\S+)(?:\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S+))?$")
PLACEMENT_LINE = re.compile(r"^\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(\S+)$")


def input_sections(map_path):
    """(address, size, name) of every input section gold placed, sorted by address."""
    text = open(map_path, encoding="utf-8", errors="replace").read()
    if "\nMemory map" not in text:
        sys.exit(f"{map_path}: not a gold link map (no 'Memory map' part)")
    sections, name = [], None
    for line in text.split("\nMemory map", 1)[1].splitlines():
        # gold writes a long section name on its own line and its placement on the next.
        match = SECTION_LINE.match(line)
        if match:
            name = match.group(1)
            if match.group(2):
                sections.append((int(match.group(2), 16), int(match.group(3), 16), name))
            continue
        match = PLACEMENT_LINE.match(line)
        if match and name:
            sections.append((int(match.group(1), 16), int(match.group(2), 16), name))
    return sorted(s for s in sections if s[0] and s[1])


def orderable(name):
    match = ORDERABLE.match(name)
    return bool(match) and match.group(2) not in GROUP_SUFFIXES \
        and not re.match(r"(cst\d+|str\d)", match.group(2))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    sections = input_sections(sys.argv[1])
    starts = [s[0] for s in sections]
    listed = set()
    for line in open(sys.argv[2]):
        address = int(line.split()[-1], 16)
        i = bisect.bisect_right(starts, address) - 1
        if i < 0:
            continue
        start, size, name = sections[i]
        if start <= address < start + size and name not in listed and orderable(name):
            listed.add(name)
            print(name)
    if not listed:
        sys.exit("no touched section found: was the trace taken of the binary the map describes?")


main()
