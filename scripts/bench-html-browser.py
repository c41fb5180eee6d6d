#!/usr/bin/env python3
"""How long one step of an exported HTML player takes in a real browser (headless Chromium,
selenium + chromium-driver), measured by the browser itself (figures in docs/benchmarks.md).

usage: scripts/bench-html-browser.py PAGE.html [STEPS]      (STEPS presses of each kind, default 200)

Presses keys as a person does (trusted key events through the DevTools protocol, one at a time,
each after the previous step's frame was drawn): → STEPS times from the start, End, ← STEPS
times from the end, → STEPS times from the middle. For every press the page is timed with
performance.now() by listeners this script adds around the page's own (the page is unchanged):

  script  the keydown handlers (the page's step: DOM changes only)
  layout  style and layout of the changed page, forced right after the handlers
  frame   the next animation frame: requestAnimationFrame callbacks, then paint and commit,
          up to a task posted from inside the frame (which runs once the frame is done)
  work    script + layout + frame: the main thread's busy time for the step. A step shows
          without visible lag when this fits in one 60 Hz frame (16.7 ms); the target is 16 ms.
  latency from the key's own timestamp to the end of that frame: work plus any wait for the
          frame's slot (up to one frame interval, even on an empty page).

Also printed: the page's own step times (window.tcpstepStepTimes, its handler alone) and the
browser's Event Timing entries (input to next paint) of 16 ms or more, counted by event type
(they include the wait for the frame's slot, so even a ten-message page has some). Prints one
JSON object with percentiles in milliseconds; exits 1 when the p95 of `work` is 16 ms or more."""
import collections
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "EndToEndTests", "Scripts"))
from html_player import browser  # noqa: E402  (the tests' Chromium, same flags)

# Listeners around the page's own: a capturing one on window runs before the page's handler
# (on document), a bubbling one on window after it.
PROBE = r"""
(function () {
  var probe = window.tcpstepProbe = { records: [], pending: 0 };
  window.addEventListener("keydown", function (e) {
    probe.current = { key: e.key, stamp: e.timeStamp, start: performance.now() };
    probe.pending += 1;
  }, true);
  window.addEventListener("keydown", function () {
    var record = probe.current;
    record.handled = performance.now();
    record.step = +document.body.getAttribute("data-step");
    record.scroll = document.getElementById("figure").scrollTop;
    document.body.offsetHeight;                       // style and layout, now
    document.getElementById("figure").getBoundingClientRect();
    record.laidOut = performance.now();
    requestAnimationFrame(function () {
      record.frameStart = performance.now();
      var channel = new MessageChannel();
      channel.port1.onmessage = function () {
        record.frameEnd = performance.now();
        probe.records.push(record);
        probe.pending -= 1;
      };
      channel.port2.postMessage(0);
    });
  }, false);
})();
"""

KEYS = {
    "ArrowRight": {"key": "ArrowRight", "code": "ArrowRight", "windowsVirtualKeyCode": 39},
    "ArrowLeft": {"key": "ArrowLeft", "code": "ArrowLeft", "windowsVirtualKeyCode": 37},
    "End": {"key": "End", "code": "End", "windowsVirtualKeyCode": 35},
    "Home": {"key": "Home", "code": "Home", "windowsVirtualKeyCode": 36},
}


def press(driver, name):
    """One trusted key press, then wait until its frame was drawn."""
    for kind in ("keyDown", "keyUp"):
        driver.execute_cdp_cmd("Input.dispatchKeyEvent", dict(KEYS[name], type=kind))
    deadline = time.time() + 10
    while driver.execute_script("return window.tcpstepProbe.pending;") > 0:
        if time.time() > deadline:
            raise SystemExit("no frame after " + name)


def percentiles(values):
    ordered = sorted(values)
    if not ordered:
        return {}
    pick = lambda share: ordered[min(len(ordered) - 1, int(len(ordered) * share))]
    return {"n": len(ordered), "p50": round(pick(0.5), 2), "p95": round(pick(0.95), 2), "max": round(ordered[-1], 2)}


def main():
    page = os.path.abspath(sys.argv[1])
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    driver = browser()
    try:
        started = time.time()
        driver.get("file://" + page)
        loaded = time.time() - started
        driver.execute_script(PROBE)
        last = driver.execute_script("return JSON.parse(document.getElementById('data').textContent).steps.length - 1;")
        plan = ["ArrowRight"] * steps + ["End"] + ["ArrowLeft"] * steps
        for key in plan:
            press(driver, key)
        driver.execute_script("window.tcpstepGo(Math.floor(arguments[0] / 2));", last)
        for _ in range(steps):
            press(driver, "ArrowRight")
        records = driver.execute_script("return window.tcpstepProbe.records;")
        single = [r for r in records if r["key"] in ("ArrowRight", "ArrowLeft")]
        jumps = [r for r in records if r["key"] not in ("ArrowRight", "ArrowLeft")]
        work = lambda r: (r["laidOut"] - r["start"]) + (r["frameEnd"] - r["frameStart"])
        report = {
            "page": page, "bytes": os.path.getsize(page), "lastStep": last, "loadSeconds": round(loaded, 2),
            "browser": driver.capabilities.get("browserVersion"),
            "step": {
                "work": percentiles([work(r) for r in single]),
                "script": percentiles([r["handled"] - r["start"] for r in single]),
                "layout": percentiles([r["laidOut"] - r["handled"] for r in single]),
                "frame": percentiles([r["frameEnd"] - r["frameStart"] for r in single]),
                "latency": percentiles([r["frameEnd"] - r["stamp"] for r in single]),
            },
            "jump (End)": {"work": percentiles([work(r) for r in jumps])},
            "pageStepTimes": percentiles(driver.execute_script("return window.tcpstepStepTimes;")),
            "eventTiming16msOrMore": collections.Counter(
                event["name"] for event in driver.execute_script("return window.tcpstepSlowEvents;")),
            "finalStep": int(driver.find_element("tag name", "body").get_attribute("data-step")),
        }
        if os.environ.get("BENCH_DUMP"):
            with open(os.environ["BENCH_DUMP"], "w") as dump:
                json.dump(records, dump)
        print(json.dumps(report, indent=1))
        sys.exit(0 if report["step"]["work"]["p95"] < 16 else 1)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
