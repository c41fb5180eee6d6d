/// The player's stylesheet and script, inline in every exported page.
enum PlayerPage {
    static func style(_ theme: FigureTheme) -> String {
        """
        :root { color-scheme: \(theme.name); }
        body { margin: 0; padding: 0 12px 24px; background: \(theme.background); color: \(theme.foreground);
               font-family: sans-serif; font-size: 16px; line-height: 1.45; }
        header h1 { font-size: 1.35em; margin: 12px 0 2px; }
        header .sub { margin: 0; color: \(theme.muted); font-size: 0.9em; }
        .banner { display: inline-block; margin: 8px 0 0; padding: 4px 10px; border-radius: 4px; font-weight: bold;
                  background: \(theme.bannerFill); color: \(theme.bannerText); border: 1px solid \(theme.bannerText); }
        #live { position: sticky; top: 0; z-index: 1; background: \(theme.background); padding: 8px 0 4px;
                border-bottom: 1px solid \(theme.muted); }
        #states { font-size: 1.05em; }
        #states .host { color: \(theme.muted); }
        #states .state { font-family: monospace; color: \(theme.state); margin-right: 1.2em; }
        #states .state.changed { outline: 2px solid \(theme.state); outline-offset: 2px; border-radius: 2px; }
        #controls { margin: 6px 0; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
        button { font: inherit; min-height: 40px; min-width: 44px; padding: 4px 12px; border-radius: 6px; cursor: pointer;
                 background: \(theme.background); color: \(theme.foreground); border: 1px solid \(theme.muted); }
        button:focus-visible { outline: 3px solid \(theme.state); }
        #position { color: \(theme.muted); font-family: monospace; }
        #narration { margin: 4px 0; min-height: 2.9em; }
        #inflight { font-family: monospace; font-size: 0.9em; color: \(theme.muted); }
        #inflight span { margin-right: 1.2em; white-space: nowrap; }
        .keys { font-size: 0.8em; color: \(theme.muted); margin: 4px 0 0; }
        #figure { overflow: auto; max-height: 70vh; margin-top: 8px; -webkit-overflow-scrolling: touch; }
        #figure svg { display: block; width: 100%; min-width: 600px; max-width: 1100px; height: auto; }
        #figure { position: relative; display: flex; flex-direction: column; align-items: flex-start; }
        /* Room for the scroll bars kept whether they show or not: a page scroll bar that comes
           and goes with the narration's length would change the figure's width, and a new width
           lays out all of the figure's text again (seconds on a 10,000-event trace). */
        html, #figure { scrollbar-gutter: stable; }
        #figure svg { flex: none; }
        #figure svg.contained { contain: paint; min-width: 0; max-width: none; }
        #figure svg.overlay { position: absolute; left: 0; top: 0; min-width: 0; max-width: none; overflow: visible; pointer-events: none; }
        @media (max-width: 600px) { body { font-size: 15px; } #figure { max-height: 60vh; } }

        """
    }

    /// Steps by showing and hiding the groups tagged with `data-s` (each bucket once), moving the
    /// reveal clip of the current chunk, and redrawing only the few segments in flight and timers
    /// running.
    static let script = #"""
    (function () {
      "use strict";
      var D = JSON.parse(document.getElementById("data").textContent);
      var figure = document.getElementById("figure");
      var svg = figure.querySelector("svg");
      var NS = "http://www.w3.org/2000/svg";
      var last = D.steps.length - 1;
      // Each chunk's lifelines are clipped to what the current step has reached. Each chunk's
      // painting is contained (CSS `contain: paint`), so that a step makes Chromium walk the
      // chunk it changed, not all ten thousand elements of the figure (10-100 ms per step
      // without). Containment clips, and a chunk draws beyond its rows (an arrow into the next
      // chunk, a 2MSL bracket sixty chunks long): its box is grown to what it draws, measured
      // here while everything still shows, and negative margins keep the chunks where they were.
      var chunkSvgs = [], clips = [], tops = [], extents = [], shownChunk = 0;
      Array.prototype.forEach.call(figure.querySelectorAll("svg.chunk"), function (chunk) {
        var index = +chunk.getAttribute("data-c"), rect = chunk.querySelector("clipPath rect");
        var box = chunk.viewBox.baseVal, drawn = chunk.getBBox();
        chunkSvgs[index] = chunk;
        clips[index] = rect;
        tops[index] = +rect.getAttribute("y");
        extents[index] = { x: box.x, y: box.y, width: box.width, height: box.height,
                           above: Math.max(0, box.y - drawn.y + 2),
                           below: Math.max(0, drawn.y + drawn.height - box.y - box.height + 2),
                           right: Math.max(0, drawn.x + drawn.width - box.x - box.width + 2) };
      });
      // Only once every chunk is measured: a change between two getBBox calls would make the
      // browser lay the figure out again for each.
      chunkSvgs.forEach(function (chunk) { chunk.classList.add("contained"); });
      var buckets = [];
      Array.prototype.forEach.call(figure.querySelectorAll("[data-s]"), function (g) {
        var s = +g.getAttribute("data-s");
        (buckets[s] = buckets[s] || []).push(g);
        if (s > 0) g.style.display = "none";
      });
      // The segments in flight and the timers running reach back over several chunks: they are
      // drawn on one SVG laid over the whole figure, in the figure's own coordinates.
      var overlay = document.createElementNS(NS, "svg");
      overlay.setAttribute("class", "overlay");
      overlay.setAttribute("font-family", "sans-serif");
      overlay.setAttribute("font-size", "12");
      var live = document.createElementNS(NS, "g");
      live.setAttribute("id", "live-layer");
      overlay.appendChild(live);
      figure.appendChild(overlay);

      function reveal(step) {
        var chunk = Math.min(Math.floor(step.r / D.chunkRows), chunkSvgs.length - 1);
        var low = Math.min(chunk, shownChunk), high = Math.max(chunk, shownChunk);
        for (var j = low; j <= high; j++) {
          var height = j < chunk ? 1e6 : j > chunk ? 0 : step.y + D.rowHeight / 2 + 2 - tops[j];
          clips[j].setAttribute("height", Math.max(0, height));
        }
        shownChunk = chunk;
      }
      var el = function (id) { return document.getElementById(id); };
      var current = 0, timer = null;
      // The page's own timing, for tests and benchmarks: the script's time per single step,
      // per jump (Home, End), and the browser's Event Timing entries (input to next paint) of
      // any key or click that took 16 ms or more.
      window.tcpstepStepTimes = [];
      window.tcpstepJumpTimes = [];
      window.tcpstepSlowEvents = [];
      if (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes &&
          PerformanceObserver.supportedEntryTypes.indexOf("event") >= 0) {
        new PerformanceObserver(function (list) {
          list.getEntries().forEach(function (entry) {
            window.tcpstepSlowEvents.push({ name: entry.name, duration: entry.duration });
          });
        }).observe({ type: "event", durationThreshold: 16, buffered: true });
      }

      function setBucket(s, visible) {
        var list = buckets[s];
        if (!list) return;
        for (var i = 0; i < list.length; i++) list[i].style.display = visible ? "" : "none";
      }

      function shape(name, attrs) {
        var node = document.createElementNS(NS, name);
        for (var key in attrs) node.setAttribute(key, attrs[key]);
        live.appendChild(node);
        return node;
      }

      function drawLive(k) {
        while (live.firstChild) live.removeChild(live.firstChild);
        var step = D.steps[k], now = step.m, y = step.y, list = [];
        for (var i = 0; i < D.arrows.length; i++) {
          var a = D.arrows[i];
          if (a[0] > k) break;
          if (a[1] !== -1 && a[1] <= k) continue;
          var share = Math.max(0, Math.min(1, (now - a[5]) / Math.max(1, a[6] - a[5])));
          var x = a[2] + (a[4] - a[2]) * share;
          shape("line", { x1: a[2], y1: a[3], x2: x, y2: Math.max(y, a[3]), stroke: a[8], "stroke-width": 1.6, "stroke-dasharray": "6 4" });
          shape("circle", { cx: x, cy: Math.max(y, a[3]), r: 3.5, fill: a[8] });
          list.push(a[7]);
        }
        for (var j = 0; j < D.timers.length; j++) {
          var t = D.timers[j];
          if (t[0] > k || (t[1] !== -1 && t[1] <= k)) continue;
          shape("path", { d: "M" + (t[2] + t[4]) + " " + t[3] + "H" + t[2] + "V" + Math.max(y, t[3] + 6),
                          fill: "none", stroke: D.timerColor, "stroke-width": 1.5, "stroke-dasharray": "3 2", opacity: 0.8 });
          var label = shape("text", { x: t[2] - (t[4] > 0 ? 4 : -4), y: t[3] + 4, "font-size": 10, fill: D.timerColor,
                                      "text-anchor": t[4] > 0 ? "end" : "start" });
          label.textContent = t[5] + " …";
        }
        el("inflight").textContent = "";
        if (list.length === 0) { el("inflight").textContent = D.words.nothing; return; }
        el("inflight").appendChild(document.createTextNode(D.words.inFlight + ": "));
        list.forEach(function (text) {
          var span = document.createElement("span");
          span.textContent = "→ " + text;
          el("inflight").appendChild(span);
        });
      }

      // The figure's scale changes only with the window: measured then, never inside a step
      // (reading layout after changing the DOM would force the browser to lay out twice).
      // The SVGs get the width in pixels: sized in percent, Chromium lays every chunk out again
      // (all its text) whenever anything above the figure changes height, such as a narration
      // one line longer: 100-500 ms per step on a 10,000-event trace instead of about 1 ms.
      var scale = 1, viewHeight = 0, sizedWidth = 0;
      function measure() {
        var width = figure.clientWidth;
        if (width !== sizedWidth) {
          sizedWidth = width;
          svg.style.width = width + "px";
          var unit = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width || 1;
          // Labels past the right edge show as far as the figure has room, as before.
          var room = Math.max(0, width / unit - svg.viewBox.baseVal.width);
          extents.forEach(function (e, i) {
            var right = Math.min(e.right, room), height = e.height + e.above + e.below;
            chunkSvgs[i].setAttribute("viewBox", e.x + " " + (e.y - e.above) + " " + (e.width + right) + " " + height);
            chunkSvgs[i].style.width = (e.width + right) * unit + "px";
            chunkSvgs[i].style.height = height * unit + "px";
            chunkSvgs[i].style.margin = (-e.above * unit) + "px 0 " + (-e.below * unit) + "px";
          });
          var bottom = extents.length ? extents[extents.length - 1].y + extents[extents.length - 1].height : 0;
          overlay.setAttribute("viewBox", "0 0 " + svg.viewBox.baseVal.width + " " + bottom);
          overlay.style.width = svg.viewBox.baseVal.width * unit + "px";
          overlay.style.height = bottom * unit + "px";
        }
        scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width || 1;
        viewHeight = figure.clientHeight;
      }
      // The figure's width changes with the window, and when a scroll bar comes or goes.
      if (window.ResizeObserver) new ResizeObserver(function () { measure(); }).observe(figure);
      else window.addEventListener("resize", measure);

      function go(k) {
        k = Math.max(0, Math.min(last, k));
        var started = performance.now();
        var scrolled = figure.scrollTop, previous = current;
        if (k > current) { for (var s = current + 1; s <= k; s++) setBucket(s, true); }
        else { for (var s2 = current; s2 > k; s2--) setBucket(s2, false); }
        var before = D.steps[current].s, step = D.steps[k];
        current = k;
        reveal(step);
        ["client", "server"].forEach(function (host, i) {
          var node = el("state-" + host);
          node.textContent = step.s[i];
          node.classList.toggle("changed", before[i] !== step.s[i]);
        });
        el("position").textContent = D.words.step + " " + k + " / " + last + " · " + step.t;
        el("narration").textContent = step.n;
        drawLive(k);
        var target = step.y * scale - viewHeight * 0.6;
        if (Math.abs(scrolled - target) > viewHeight * 0.25) {
          requestAnimationFrame(function () { figure.scrollTop = Math.max(0, target); });
        }
        (Math.abs(k - previous) === 1 ? window.tcpstepStepTimes : window.tcpstepJumpTimes).push(performance.now() - started);
        document.body.setAttribute("data-step", k);
      }

      function play(on) {
        if (on === (timer !== null)) return;
        if (on) {
          if (current === last) go(0);
          timer = setInterval(function () { if (current >= last) play(false); else go(current + 1); }, 800);
        } else { clearInterval(timer); timer = null; }
        el("play").textContent = on ? D.words.pause : D.words.play;
      }

      el("next").addEventListener("click", function () { play(false); go(current + 1); });
      el("back").addEventListener("click", function () { play(false); go(current - 1); });
      el("first").addEventListener("click", function () { play(false); go(0); });
      el("last").addEventListener("click", function () { play(false); go(last); });
      el("play").addEventListener("click", function () { play(timer === null); });
      document.addEventListener("keydown", function (e) {
        if (e.altKey || e.ctrlKey || e.metaKey) return;
        var key = e.key;
        if (key === " " || key === "ArrowRight" || key === "n") { play(false); go(current + 1); }
        else if (key === "ArrowLeft" || key === "b") { play(false); go(current - 1); }
        else if (key === "p") { play(timer === null); }
        else if (key === "Home") { play(false); go(0); }
        else if (key === "End") { play(false); go(last); }
        else return;
        e.preventDefault();
      });
      window.tcpstepGo = go;
      measure();
      go(0);
    })();

    """#
}
