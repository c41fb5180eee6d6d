#!/usr/bin/env python3
"""Opens an exported HTML player in headless Chromium (selenium + chromium-driver), presses keys
and clicks buttons like a student would, reads the DOM after each, and takes a screenshot.

usage: html_player.py PAGE.html SCREENSHOT.png [STEPS [GO_TO_STEP]]
Prints one JSON object: the states, narration and in-flight text after each action, whether the
figure fits (no chunk's drawing cut by its box, no sideways overflow), and any console errors.
(How long a step takes is measured by scripts/bench-html-browser.py, not here.)
Exits non-zero when the page cannot be driven. WINDOW=390,844 sets the window size (a phone)."""
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=" + os.environ.get("WINDOW", "1000,1100"), "--allow-file-access-from-files"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main():
    page, screenshot = sys.argv[1], sys.argv[2]
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 6
    driver = browser()
    try:
        driver.get("file://" + page)
        body = driver.find_element(By.TAG_NAME, "body")

        def snapshot(action):
            return {
                "action": action,
                "step": int(body.get_attribute("data-step")),
                "client": driver.find_element(By.ID, "state-client").text,
                "server": driver.find_element(By.ID, "state-server").text,
                "narration": driver.find_element(By.ID, "narration").text,
                "inflight": driver.find_element(By.ID, "inflight").text,
                "position": driver.find_element(By.ID, "position").text,
                "visibleGroups": driver.execute_script(
                    "return Array.prototype.filter.call(document.querySelectorAll('[data-s]'),"
                    " function (g) { return g.style.display !== 'none'; }).length;"),
                # Groups of a later step that are showing: the figure must never tell the future.
                "futureVisible": driver.execute_script(
                    "var k = +document.body.getAttribute('data-step');"
                    "return Array.prototype.filter.call(document.querySelectorAll('[data-s]'),"
                    " function (g) { return g.style.display !== 'none' && +g.getAttribute('data-s') > k; }).length;"),
                "liveShapes": driver.execute_script(
                    "return document.getElementById('live-layer').childNodes.length;"),
            }

        log = [snapshot("load")]
        for _ in range(steps):
            body.send_keys(Keys.SPACE)
            log.append(snapshot("space"))
        body.send_keys(Keys.ARROW_LEFT)
        log.append(snapshot("left"))
        body.send_keys(Keys.ARROW_RIGHT)
        log.append(snapshot("right"))
        driver.find_element(By.ID, "next").click()
        log.append(snapshot("click next"))
        driver.find_element(By.ID, "back").click()
        log.append(snapshot("click back"))
        driver.find_element(By.ID, "first").click()
        log.append(snapshot("click first"))
        body.send_keys(Keys.END)
        log.append(snapshot("end"))
        body.send_keys("p")
        log.append(snapshot("p"))
        playing = driver.find_element(By.ID, "play").text
        body.send_keys("p")
        # With everything shown: a chunk's painting is contained in its box, so the box must
        # hold all the chunk draws (in the figure's units, 1 of slack for antialiasing).
        driver.execute_script("window.tcpstepGo(1e9);")
        cut = driver.execute_script(
            "return Array.prototype.filter.call(document.querySelectorAll('#figure svg.chunk'), function (c) {"
            "  var v = c.viewBox.baseVal, b = c.getBBox();"
            "  return b.y < v.y - 1 || b.y + b.height > v.y + v.height + 1; }).length;")
        driver.execute_async_script("var done = arguments[0]; requestAnimationFrame(function () { requestAnimationFrame(done); });")
        overflow = driver.execute_script("var f = document.getElementById('figure'); return f.scrollWidth - f.clientWidth;")
        if len(sys.argv) > 4:
            driver.execute_script("window.tcpstepGo(Number(arguments[0]));", sys.argv[4])
        driver.save_screenshot(screenshot)
        errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        print(json.dumps({"log": log, "playLabel": playing, "cutChunks": cut, "overflowX": overflow, "errors": errors,
                          "lastStep": driver.execute_script("return JSON.parse(document.getElementById('data').textContent).steps.length - 1;")},
                         ensure_ascii=False))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
