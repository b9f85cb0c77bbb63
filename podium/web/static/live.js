// Live pages: follow the meeting's feed, refresh the live regions, count the timer here.
(function () {
  "use strict";
  var body = document.body, id = body.dataset.meeting;
  if (!id) return;
  var seq = +body.dataset.seq || 0, offset = 0, timer = null, busy = false, again = false, source;
  // A page shown after a refused form sits at the form's address: put the page's own back.
  var page = body.dataset.page || location.pathname;
  if (page !== location.pathname && history.replaceState) history.replaceState(null, "", page + location.search);

  function clockOffset(el) {
    var t = Date.parse(el.dataset.serverTime || "");
    if (t) offset = t - Date.now();
  }

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(page + location.search, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var s = +doc.body.dataset.seq || 0;
        if (s > seq) seq = s;
        clockOffset(doc.body);
        document.querySelectorAll("[data-live]").forEach(function (old) {
          var fresh = old.id && doc.getElementById(old.id);
          var focus = document.activeElement;
          if (!fresh || old.innerHTML === fresh.innerHTML) return;
          if (focus && old.contains(focus) && /INPUT|SELECT|TEXTAREA/.test(focus.tagName)) return;
          old.replaceWith(document.importNode(fresh, true));
        });
        // Every form now acts on the page as shown: the seq it was made from goes with it.
        document.querySelectorAll("input[data-seq]").forEach(function (input) { input.value = s; });
        tick();
      })
      .then(null, function () { again = "failed"; })
      .then(function () {
        busy = false;
        if (again) { clearTimeout(timer); timer = setTimeout(refresh, again === "failed" ? 2000 : 150); }
        again = false;
      });
  }

  function later() { clearTimeout(timer); timer = setTimeout(refresh, 150); }

  function onEvent(e) {
    var s = +e.lastEventId;
    if (s && s <= seq) return;  // already seen: a resent or doubled event
    if (s) seq = s;
    later();
  }

  function follow() {
    source = new EventSource("/api/meetings/" + id + "/feed?after=" + seq);
    (body.dataset.events || "message").split(" ").forEach(function (name) {
      source.addEventListener(name, onEvent);
    });
    source.addEventListener("message", onEvent);
    source.addEventListener("snapshot", later);
    source.onerror = function () {
      // The browser retries by itself with Last-Event-ID; a closed stream is reopened here.
      if (source.readyState === 2) setTimeout(follow, 2000);
    };
  }

  function show(seconds) {
    var sign = seconds < 0 ? "-" : "", a = Math.abs(seconds);
    var whole = seconds > 0 ? Math.ceil(a - 0.001) : Math.floor(a);
    return sign + Math.floor(whole / 60) + ":" + ("0" + (whole % 60)).slice(-2);
  }

  function tick() {
    var light = "none";
    document.querySelectorAll("[data-timer]").forEach(function (el) {
      var d = el.dataset, now = Date.now() + offset;
      var end = d.pausedAt ? Date.parse(d.pausedAt) : now;
      var spoken = Math.max(0, (end - Date.parse(d.started)) / 1000 - (+d.paused || 0));
      var digits = el.querySelector("[data-digits]");
      if (d.limit === "") { digits.textContent = show(Math.max(0, spoken)); return; }
      var left = +d.limit - spoken, warn = d.warn === "" ? +d.limit : +d.warn;
      light = left <= 0 ? "red" : spoken >= warn ? "amber" : "green";
      digits.textContent = show(left);
    });
    body.className = body.className.replace(/\blight-\w+/, "light-" + light);
  }

  function key(e) {
    if (e.ctrlKey || e.metaKey || e.altKey || /INPUT|SELECT|TEXTAREA|BUTTON/.test(e.target.tagName)) return;
    var k = e.key === " " ? "p" : e.key.toLowerCase();
    var button = document.querySelector('[data-key="' + k + '"]');
    if (button) { e.preventDefault(); button.click(); }
  }

  var full = document.querySelector("[data-fullscreen]");
  if (full && document.documentElement.requestFullscreen) {
    full.hidden = false;
    full.onclick = function () { document.documentElement.requestFullscreen(); };
  }
  if (body.classList.contains("chair")) document.addEventListener("keydown", key);
  clockOffset(body);
  tick();
  setInterval(tick, 250);
  follow();
})();
