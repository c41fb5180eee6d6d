#!/usr/bin/env python3
"""Drive the real tcpstep binary in a pseudo-terminal and measure what the terminal receives.

Issue 3's terminal targets:
  bytes  -- bytes written per step versus the cells that changed on screen (ncurses diffs; the
            screen must never be cleared and redrawn per frame), and versus a full repaint;
  startup -- time from spawn to the first frame on screen (target: under 50 ms).

The screen is reconstructed with pyte (`pip install pyte`), a terminal emulator in Python, so
"changed cells" are the cells of the emulated 120x40 screen whose character or attributes differ
between the frame before and after a key press.

    scripts/bench-terminal-bytes.py bytes   --binary .build-release/release/tcpstep [--scenario basic]
    scripts/bench-terminal-bytes.py startup --binary .build-release/release/tcpstep [--runs 20]

Environment of the child: TERM=xterm-256color, LANG=C.UTF-8, LC_ALL unset, NO_COLOR unset.
"""

import argparse
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time

try:
    import pyte
except ImportError:  # pragma: no cover
    sys.exit("bench-terminal-bytes.py needs pyte: pip install pyte")

COLS, ROWS = 120, 40


class Screen(pyte.Screen):
    """pyte's screen plus SU/SD (`CSI n S`, `CSI n T`: scroll the region up/down n lines), which
    ncurses sends for xterm-256color (terminfo indn/rin) and pyte 0.8 lacks."""

    def scroll_up(self, count=None, *args, **kwargs):
        self._scroll(count, self.index)

    def scroll_down(self, count=None, *args, **kwargs):
        self._scroll(count, self.reverse_index)

    def _scroll(self, count, move):
        top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
        x, y = self.cursor.x, self.cursor.y
        self.cursor.y = bottom if move == self.index else top
        for _ in range(max(1, count or 1)):
            move()
        self.cursor.x, self.cursor.y = x, y


class ByteStream(pyte.ByteStream):
    csi = dict(pyte.ByteStream.csi, S="scroll_up", T="scroll_down")
STEP_KEY, BACK_KEY = b" ", b"\x1bOD"  # space; ← as xterm sends it in keypad (application) mode


def child_env():
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_CTYPE", "NO_COLOR", "COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", LANG="C.UTF-8")
    return env


class Session:
    """tcpstep in a pty of COLS x ROWS; every chunk it writes is timed and fed to pyte."""

    def __init__(self, argv, cols=COLS, rows=ROWS):
        self.cols, self.rows = cols, rows
        self.screen = Screen(cols, rows)
        self.stream = ByteStream(self.screen)
        self.chunks = []  # (seconds since spawn, bytes)
        env = child_env()
        self.t0 = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become tcpstep
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execve(argv[0], argv, env)
        self.pid, self.fd = pid, fd

    def read_until_quiet(self, quiet=0.15, limit=10.0, until=None):
        """Reads until nothing arrives for `quiet` seconds (or `until(screen)` holds and then
        `quiet` passes). Returns the bytes read."""
        data = bytearray()
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                if until is None or until(self):
                    break
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            self.chunks.append((time.perf_counter() - self.t0, chunk))
            # Answer "who are you?" (DA1) as every real terminal does: tcpstep asks it after
            # OSC 11 (background colour) so as not to wait for an answer that never comes.
            if b"\x1b[c" in chunk:
                os.write(self.fd, b"\x1b[?62;22c")
            self.stream.feed(chunk)
            data += chunk
        return bytes(data)

    def resize(self, cols, rows):
        """Sets the pty's size (the child gets SIGWINCH) and resizes the emulated screen."""
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.screen.resize(rows, cols)
        self.cols, self.rows = cols, rows

    def send(self, keys):
        os.write(self.fd, keys)

    def cells(self):
        """The screen as a list of (char, fg, bg, bold, italics, underscore, reverse) per cell."""
        buffer = self.screen.buffer
        return [tuple(buffer[y][x]) for y in range(self.rows) for x in range(self.cols)]

    def text(self):
        return "\n".join(self.screen.display)

    def close(self):
        try:
            self.send(b"q")
            deadline = time.perf_counter() + 2
            while time.perf_counter() < deadline:
                ready, _, _ = select.select([self.fd], [], [], 0.1)
                if ready:
                    try:
                        if not os.read(self.fd, 65536):
                            break
                    except OSError:
                        break
                pid, _ = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    break
            else:
                os.kill(self.pid, signal.SIGKILL)
        finally:
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
            os.close(self.fd)


def changed(before, after):
    return sum(1 for a, b in zip(before, after) if a != b)


def payload(before, after):
    """UTF-8 bytes of the new characters of the changed cells: what any terminal update must send
    at the least (before cursor moves and attribute changes)."""
    return sum(len(b[0].encode()) for a, b in zip(before, after) if a != b)


def nonblank(cells):
    return sum(1 for c in cells if c[0] != " " or c[2] != "default" or c[6])


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def header_shown(title):
    return lambda session: title in session.text()


def lifecycle_scenario(count):
    """The benchmarks' long scenario (Benchmarks/ViewBenchmarks): `count` open/data/close
    lifecycles a second apart, with random loss, duplicates and jitter. Returns a file path."""
    import tempfile
    lines = ["title Benchmark: %d lifecycles with random faults" % count, "set profile linux", "set latency 20ms",
             "set seed 42", "set loss 2%", "set duplicate 1%", "set jitter 5% 30ms", "server listen 80"]
    for index in range(count):
        lines += ["at %ds client connect 80" % index, "+100ms client send 1000", "+100ms server send 1000",
                  "+100ms client close", "+100ms server close"]
    handle, path = tempfile.mkstemp(suffix=".tcps")
    with os.fdopen(handle, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def bytes_mode(args):
    global COLS, ROWS
    COLS, ROWS = args.cols, args.rows
    scenario = lifecycle_scenario(args.lifecycles) if args.lifecycles else args.scenario
    argv = [args.binary, scenario]
    session = Session(argv, COLS, ROWS)
    first = session.read_until_quiet(quiet=0.3, limit=10)
    if not first:
        sys.exit("no output from " + " ".join(argv))
    first_frame = {"bytes": len(first), "nonblank_cells": nonblank(session.cells())}
    steps = []

    def press(key, kind):
        before = session.cells()
        data = session.read_until_quiet(quiet=0.05, limit=0.05)  # drain anything pending
        session.send(key)
        data = session.read_until_quiet(quiet=args.quiet, limit=5)
        after = session.cells()
        steps.append({"kind": kind, "bytes": len(data), "changed_cells": changed(before, after),
                      "payload_bytes": payload(before, after),
                      "clears_screen": b"\x1b[2J" in data})

    for _ in range(args.steps):
        press(STEP_KEY, "forward")

    # The reference: the fullest frame (after the last step) cleared and redrawn whole. A resize
    # makes ncurses do exactly that, so shrink by a row and grow back, and count the second.
    session.resize(COLS, ROWS - 1)
    session.read_until_quiet(quiet=0.3, limit=5)
    session.resize(COLS, ROWS)
    redraw = session.read_until_quiet(quiet=0.3, limit=5)
    full = {"bytes": len(redraw), "nonblank_cells": nonblank(session.cells()), "cells": COLS * ROWS,
            "clears_screen": b"\x1b[2J" in redraw}

    for _ in range(args.steps):
        press(BACK_KEY, "back")
    session.close()

    def summary(kind):
        rows = [s for s in steps if s["kind"] == kind and s["changed_cells"] > 0]
        if not rows:
            return {}
        b = [s["bytes"] for s in rows]
        c = [s["changed_cells"] for s in rows]
        return {
            "steps": len(rows),
            "bytes_median": statistics.median(b), "bytes_p90": percentile(b, 90), "bytes_max": max(b),
            "changed_cells_median": statistics.median(c), "changed_cells_p90": percentile(c, 90),
            "bytes_per_changed_cell": round(sum(b) / max(1, sum(c)), 2),
            "bytes_vs_payload": round(sum(b) / max(1, sum(s["payload_bytes"] for s in rows)), 2),
            "bytes_vs_full_repaint": round(statistics.median(b) / full["bytes"], 3),
            "clears": sum(1 for s in rows if s["clears_screen"]),
        }

    result = {"scenario": args.scenario if not args.lifecycles else f"{args.lifecycles} lifecycles",
              "size": f"{COLS}x{ROWS}", "first_frame": first_frame, "full_repaint": full,
              "forward": summary("forward"), "back": summary("back")}
    if args.verbose:
        result["steps"] = steps
    print(json.dumps(result, indent=2))


def startup_mode(args):
    first_byte, on_screen, complete = [], [], []
    for _ in range(args.runs):
        session = Session([args.binary, args.scenario])
        session.read_until_quiet(quiet=0.2, limit=10, until=header_shown(args.marker))
        if not session.chunks:
            sys.exit("no output")
        first_byte.append(session.chunks[0][0] * 1000)
        # The last byte of the first burst (nothing more arrives before the 0.2 s of silence).
        complete.append(session.chunks[-1][0] * 1000)
        # The first frame is on screen when the chunk that completed the header arrived: replay
        # the chunks into a fresh screen to find which one that was.
        screen = Screen(COLS, ROWS)
        stream = ByteStream(screen)
        shown = None
        for t, chunk in session.chunks:
            stream.feed(chunk)
            if args.marker in "\n".join(screen.display):
                shown = t
                break
        on_screen.append((shown if shown is not None else float("nan")) * 1000)
        session.close()
        time.sleep(0.05)

    def stats(values):
        return {"median_ms": round(statistics.median(values), 2), "p90_ms": round(percentile(values, 90), 2),
                "min_ms": round(min(values), 2), "max_ms": round(max(values), 2)}

    print(json.dumps({"scenario": args.scenario, "runs": args.runs, "marker": args.marker,
                      "first_byte": stats(first_byte), "header_on_screen": stats(on_screen),
                      "first_frame_complete": stats(complete)}, indent=2))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    b = sub.add_parser("bytes")
    b.add_argument("--binary", required=True)
    b.add_argument("--scenario", default="basic")
    b.add_argument("--steps", type=int, default=18, help="steps forward, then as many back")
    b.add_argument("--cols", type=int, default=COLS)
    b.add_argument("--rows", type=int, default=ROWS)
    b.add_argument("--lifecycles", type=int, default=0,
                   help="instead of --scenario, the benchmarks' long scenario with this many lifecycles")
    b.add_argument("--quiet", type=float, default=0.12, help="seconds of silence that end a frame")
    b.add_argument("--verbose", action="store_true")
    s = sub.add_parser("startup")
    s.add_argument("--binary", required=True)
    s.add_argument("--scenario", default="basic")
    s.add_argument("--runs", type=int, default=20)
    s.add_argument("--marker", default="A whole connection", help="text that shows the first frame is on screen")
    args = parser.parse_args()
    args.binary = os.path.abspath(args.binary)
    bytes_mode(args) if args.mode == "bytes" else startup_mode(args)


if __name__ == "__main__":
    main()
