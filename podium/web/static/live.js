// Live pages: follow the meeting's feed, refresh the live regions, count the timer here.
(function () {
  "use strict";
  var body = document.body, id = body.dataset.meeting;
  if (!id) return;
  var seq = +body.dataset.seq || 0, offset = 0, timer = null, busy = false, again = false, source;
  var sending = false, waiting = null;
  // A page of the hall gets its live regions with each event (``view``): no refetch.
  var view = body.dataset.view, want = 0, drawn = 0;
  // A page shown after a refused form sits at the form's address: put the page's own back.
  var page = body.dataset.page || location.pathname;
  if (page !== location.pathname && history.replaceState) history.replaceState(null, "", page + location.search);

  function clockOffset(el) {
    var t = Date.parse(el.dataset.serverTime || "");
    if (t) offset = t - Date.now();
  }

  // The links of a registration are shown once: a reload must not ask for them again.
  if (/[?&]created=/.test(location.search) && history.replaceState) history.replaceState(null, "", page);

  function apply(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var s = +doc.body.dataset.seq || 0;
    if (s > seq) seq = s;
    clockOffset(doc.body);
    if (s < drawn) return doc;  // a page older than the regions already drawn from the feed
    drawn = s;
    document.querySelectorAll("[data-live]").forEach(function (old) {
      swap(old, old.id && doc.getElementById(old.id));
    });
    shown(s);
    return doc;
  }

  function swap(old, fresh) {
    var focus = document.activeElement;
    if (!fresh || old.outerHTML === fresh.outerHTML) return;
    if (focus && old.contains(focus) && /INPUT|SELECT|TEXTAREA/.test(focus.tagName)) return;
    // A form the person has started to fill in stays theirs until they send it.
    if (old.hasAttribute("data-touched")) return;
    old.replaceWith(document.importNode(fresh, true));
  }

  function shown(s) {
    // Every form now acts on the page as shown: the seq it was made from goes with it.
    document.querySelectorAll("input[data-seq]").forEach(function (input) { input.value = s; });
    tick();
  }

  // The regions as of one event, drawn by the server as a reload would draw them.
  function onLive(e) {
    var p;
    try { p = JSON.parse(e.data); } catch (x) { return; }
    if (!p || p.seq < want || p.seq < drawn) return;
    drawn = p.seq;
    clearTimeout(timer);
    Object.keys(p.regions || {}).forEach(function (name) {
      var old = document.getElementById(name), box = document.createElement("template");
      if (!old) return;
      box.innerHTML = p.regions[name];
      swap(old, box.content.firstElementChild);
    });
    shown(p.seq);
    // A phone's own places in the list: its page is fetched only when they changed.
    var mine = document.getElementById("mine");
    if (mine && mine.hasAttribute("data-self")) {
      var key = (p.self || {})[mine.dataset.participant];
      key = key === undefined ? p.self_else : key;
      if (key !== mine.dataset.self && !moved(mine, key)) refresh();
    }
  }

  // Only the places of the same requests changed: the phone writes the new numbers itself.
  function moved(mine, key) {
    var was = mine.dataset.self.split("|"), now = key.split("|");
    if (was.slice(0, 3).join() !== now.slice(0, 3).join()) return false;
    var a = was[3] ? was[3].split(",") : [], b = now[3] ? now[3].split(",") : [], found = [];
    if (a.length !== b.length) return false;
    for (var i = 0; i < b.length; i++) {
      var pair = b[i].split(":"), el = mine.querySelector('[data-place="' + pair[0] + '"]');
      if (a[i].split(":")[0] !== pair[0] || !el) return false;
      found.push([el, pair[1]]);
    }
    found.forEach(function (f) { f[0].textContent = f[0].dataset.placeText.replace("{n}", f[1]); });
    mine.setAttribute("data-self", key);
    return true;
  }

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(page + location.search, { credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(apply)
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
    if (!view) { later(); return; }
    // Its regions follow at once; should they not (an event from long ago), the page is fetched.
    want = s;
    clearTimeout(timer);
    timer = setTimeout(refresh, 500);
  }

  function follow() {
    var lang = document.documentElement.lang;
    var also = view ? "&view=" + view + (lang ? "&lang=" + encodeURIComponent(lang) : "") : "";
    source = new EventSource("/api/meetings/" + id + "/feed?after=" + seq + also);
    source.addEventListener("live", onLive);
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
    var light = "none", remaining = null;
    document.querySelectorAll("[data-timer]").forEach(function (el) {
      var d = el.dataset, now = Date.now() + offset;
      var end = d.pausedAt ? Date.parse(d.pausedAt) : now;
      var spoken = Math.max(0, (end - Date.parse(d.started)) / 1000 - (+d.paused || 0));
      var digits = el.querySelector("[data-digits]");
      if (d.limit === "") { digits.textContent = show(Math.max(0, spoken)); return; }
      var left = +d.limit - spoken, warn = d.warn === "" ? +d.limit : +d.warn;
      light = left <= 0 ? "red" : spoken >= warn ? "amber" : "green";
      digits.textContent = show(left);
      remaining = left;
    });
    body.className = body.className.replace(/\blight-\w+/, "light-" + light);
    announce(light, remaining);
    // An undo is offered for 10 seconds only: its button goes when the core would refuse it.
    document.querySelectorAll("[data-until]").forEach(function (el) {
      var until = Date.parse(el.dataset.until);
      if (until && until <= Date.now() + offset) el.hidden = true;
    });
  }

  // A screen reader hears what matters in the page's one status node, never the ticking
  // seconds: a new speaker (or "you have the floor"), the light changing, one minute left.
  var heard = null;
  function announce(light, left) {
    var node = document.getElementById("announce");
    if (!node) return;
    var who = document.querySelector("[data-speaker]"), me = document.getElementById("mine");
    // A phone knows its own delegate from "now" at once, before its "mine" region is fetched.
    var known = !!(me && me.dataset.participant);
    var own = known ? !!who && who.dataset.person === me.dataset.participant
      : !!document.querySelector("[data-my-floor]");
    var now = {
      speech: who ? who.dataset.speaker : "", light: light,
      minute: left !== null && left > 0 && left <= 60, mine: own
    };
    var was = heard, say = [], d = node.dataset;
    heard = now;
    if (!was) return;  // what the page showed when it opened is not news
    if (now.mine && (!was.mine || now.speech !== was.speech)) say.push(d.floor);
    else if (now.speech && now.speech !== was.speech) {
      var name = who.querySelector(".name") || who;
      say.push(d.speaking + ": " + name.textContent.trim());
    } else if (now.speech) {
      if (now.minute && !was.minute) say.push(d.minute);
      if (now.light !== was.light && now.light !== "none" && was.light !== "none") say.push(d[now.light]);
    }
    if (say.length) node.textContent = say.join(" ");
  }

  function key(e) {
    if (e.ctrlKey || e.metaKey || e.altKey || /INPUT|SELECT|TEXTAREA/.test(e.target.tagName)) return;
    // Space and Enter on a focused button press that button; letters stay shortcuts.
    if (e.target.tagName === "BUTTON" && (e.key === " " || e.key === "Enter")) return;
    var k = e.key === " " ? "p" : e.key.toLowerCase();
    // A key pressed while the last press is on its way acts on the page that press makes:
    // "E" then "N" ends the speech, then gives the floor, each on the state it was meant for.
    if (sending && /^[a-z0-9]$/.test(k)) { e.preventDefault(); waiting = k; return; }
    var field = document.querySelector('[data-focus-key="' + k + '"]');
    if (field) { e.preventDefault(); field.focus(); return; }
    var button = document.querySelector('[data-key="' + k + '"]:not([disabled])');
    if (button) { e.preventDefault(); button.click(); }
  }

  // A form sent from a console changes the meeting in place: no reload, the focus kept,
  // the refusal's sentence shown. Without this script the same form posts and redirects.
  function message(text) {
    var old = document.getElementById("message");
    if (!text) { if (old) old.remove(); return; }
    if (!old) {
      old = document.createElement("p");
      old.id = "message"; old.className = "message"; old.setAttribute("role", "alert");
      var main = document.querySelector("main") || body;
      main.insertBefore(old, main.firstChild);
    }
    old.textContent = text;
  }

  function send(e) {
    var form = e.target;
    if (!form.matches || !form.matches('form[method="post"][action$="/act"]')) return;
    if (form.dataset.confirm) {
      if (!window.confirm(form.dataset.confirm)) { e.preventDefault(); return; }
      var yes = document.createElement("input");
      yes.type = "hidden"; yes.name = "confirmed"; yes.value = "yes";
      form.appendChild(yes);
    }
    // Only a form whose result shows in a live region is sent in place; others post and reload.
    if (!window.fetch || !window.FormData || !form.closest("[data-live]")) return;
    e.preventDefault();
    var region = form.closest("[data-live]");
    if (region) region.removeAttribute("data-touched");
    var data = new URLSearchParams(new FormData(form));
    sending = true;
    var place = form.closest("[data-request]");
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = apply(html), said = doc.getElementById("message");
        message(said ? said.textContent : "");
        // As after a reload, the shortcuts act on the page, not on the button just pressed;
        // an entry moved in the list keeps the keyboard on its row.
        var name = form.querySelector("button").getAttribute("aria-label");
        var again = place && name && document.querySelector('[data-request="' + place.dataset.request + '"] button[aria-label="' + name + '"]');
        if (again) again.focus();
        else if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
      })
      .then(null, function () { message(body.dataset.offline); })
      .then(function () {
        sending = false;
        var k = waiting;
        waiting = null;
        var next = k && document.querySelector('[data-key="' + k + '"]:not([disabled])');
        if (next) next.click();
      });
  }

  function touched(e) {
    var region = e.target.form && e.target.closest("[data-live]");
    if (region) region.setAttribute("data-touched", "");
  }
  document.addEventListener("input", touched, true);
  document.addEventListener("change", touched, true);

  var full = document.querySelector("[data-fullscreen]");
  if (full && document.documentElement.requestFullscreen) {
    full.hidden = false;
    full.onclick = function () { document.documentElement.requestFullscreen(); };
  }
  if (body.classList.contains("chair")) document.addEventListener("keydown", key);
  if (document.querySelector("form[data-confirm], .chair, .secretariat")) document.addEventListener("submit", send);
  clockOffset(body);
  tick();
  setInterval(tick, 250);
  follow();
})();
