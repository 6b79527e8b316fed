/* Schmooze meetings: the run-sheet timer, agenda ticks and notes, the debrief's "add another
 * person" and names from the notes, and the booking form's live check.
 * Loaded with `defer`; reads everything from data-attributes (no inline script, CSP-safe).
 * The run sheet keeps working offline once loaded: only its notes talk to the server, and
 * they wait on the phone until they can. */
(function () {
  "use strict";

  function pad(n) { return String(n).padStart(2, "0"); }
  // Only touch the DOM when the text changes, so live regions announce a change once.
  function setText(el, text) { if (el.textContent !== text) { el.textContent = text; } }
  function clock(seconds) {
    var s = Math.floor(Math.abs(seconds));
    return pad(Math.floor(s / 60)) + ":" + pad(s % 60);
  }

  var HINTS = {
    0: "Small talk: thank them, say why you came, listen.",
    1: "Your questions: ask, listen, take notes.",
    2: "Last quarter: your value, the key question, and offer to stop on time.",
    over: "Over time: thank them and offer to stop — unless they choose to go on."
  };

  function setupTimer(root) {
    var length = parseInt(root.dataset.lengthSeconds, 10);
    if (!length) { return; }
    var key = root.dataset.storageKey;
    var elapsedOut = root.querySelector("[data-timer-elapsed]");
    var remainingOut = root.querySelector("[data-timer-remaining]");
    var bar = root.querySelector("[data-timer-bar]");
    var phaseOut = root.querySelector("[data-timer-phase]");
    var hintOut = root.querySelector("[data-timer-hint]");
    var toggle = root.querySelector("[data-timer-toggle]");
    var reset = root.querySelector("[data-timer-reset]");
    var phases = Array.prototype.slice.call(root.querySelectorAll("[data-phase-start]"));
    var state = { accumulated: 0, startedAt: null };
    var ticker = null;

    try {
      var saved = JSON.parse(window.localStorage.getItem(key) || "null");
      if (saved && typeof saved.accumulated === "number") { state = saved; }
    } catch (e) { /* storage unavailable: the timer still runs, it just forgets on reload */ }

    function save() {
      try { window.localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* ignore */ }
    }
    function elapsed() {
      var running = state.startedAt ? (Date.now() - state.startedAt) : 0;
      return (state.accumulated + running) / 1000;
    }

    function render() {
      // Whole seconds once, so that elapsed and remaining always add up to the agreed length.
      var t = Math.floor(elapsed());
      var left = length - t;
      setText(elapsedOut, clock(t));
      setText(remainingOut, left >= 0 ? clock(left) + " left" : "+" + clock(left) + " over");
      bar.value = Math.min(t, length);
      var level = t > length ? "over" : (t >= length * 0.75 ? "amber" : "normal");
      root.dataset.timerLevel = level;
      root.classList.toggle("is-amber", level === "amber");
      root.classList.toggle("is-over", level === "over");
      var current = -1;
      phases.forEach(function (li, i) {
        var start = parseInt(li.dataset.phaseStart, 10);
        var end = parseInt(li.dataset.phaseEnd, 10);
        var isCurrent = t >= start && t < end;
        if (isCurrent) { current = i; }
        li.classList.toggle("current", isCurrent);
        li.classList.toggle("past", t >= end);
      });
      if (level === "over") {
        setText(phaseOut, "Over time");
        setText(hintOut, HINTS.over);
      } else if (current >= 0) {
        setText(phaseOut, phases[current].dataset.phaseName);
        if (state.startedAt || state.accumulated) { setText(hintOut, HINTS[current] || ""); }
      }
      root.dataset.timerState = state.startedAt ? "running" : (state.accumulated ? "paused" : "idle");
      setText(toggle, state.startedAt ? "Pause" : (state.accumulated ? "Resume" : "Start"));
      toggle.setAttribute("aria-pressed", state.startedAt ? "true" : "false");
    }

    function run() {
      if (ticker === null) { ticker = window.setInterval(render, 250); }
    }
    function stop() {
      if (ticker !== null) { window.clearInterval(ticker); ticker = null; }
    }

    toggle.addEventListener("click", function () {
      if (state.startedAt) {
        state.accumulated += Date.now() - state.startedAt;
        state.startedAt = null;
        stop();
      } else {
        state.startedAt = Date.now();
        run();
      }
      save();
      render();
    });
    reset.addEventListener("click", function () {
      state = { accumulated: 0, startedAt: null };
      stop();
      save();
      hintOut.textContent = "Press start when you sit down.";
      render();
    });

    render();
    if (state.startedAt) { run(); }
  }

  function setupReferrals(button) {
    var container = document.getElementById("referral-forms");
    var template = document.getElementById("referral-empty-form");
    var prefix = container.dataset.formsetPrefix;
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (max && index >= parseInt(max.value, 10)) { return; }
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var fieldset = holder.querySelector("fieldset");
      fieldset.querySelector("[data-referral-number]").textContent = String(index + 1);
      container.appendChild(fieldset);
      if (window.htmx) { window.htmx.process(fieldset); }  // its employer picker searches too
      total.value = String(index + 1);
      var first = fieldset.querySelector("input");
      if (first) { first.focus(); }
    });
  }

  // The booking form: once the live check says a new time fits, the errors the last submit
  // gave the time and the length it had then are out of date; they go, so that nothing says
  // the time is both wrong (under the field) and fine (beside it). While the time and the
  // length are still those submitted, their errors stay: the live check does not judge
  // everything the submit did (a time gone by, another meeting then).
  function changedSinceSubmit(field) {
    if (field.tagName === "SELECT") {
      return Array.prototype.some.call(field.options, function (option) {
        return option.selected !== option.defaultSelected;
      });
    }
    return field.value !== field.defaultValue;
  }

  function setupLiveCheck(hint) {
    hint.addEventListener("htmx:afterSwap", function () {
      if (!hint.querySelector("[data-hint-ok]")) { return; }
      var fields = ["id_starts_at", "id_duration_minutes"].map(function (id) {
        return document.getElementById(id);
      }).filter(Boolean);
      if (!fields.some(changedSinceSubmit)) { return; }  // the time judged is the one refused
      fields.forEach(function (field) {
        if (!field.classList.contains("is-invalid")) { return; }
        field.classList.remove("is-invalid");
        field.removeAttribute("aria-invalid");
        var wrapper = field.closest(".mb-3") || field.parentElement;
        wrapper.querySelectorAll(".invalid-feedback").forEach(function (error) { error.remove(); });
      });
    });
  }

  // The run sheet's agenda: each question ticked as it is asked, kept on the phone so that a
  // reload (or a locked screen) does not lose where the meeting is.
  function setupTicks(list) {
    var key = list.dataset.ticksKey;
    var ticked = [];
    try { ticked = JSON.parse(window.localStorage.getItem(key) || "[]"); } catch (e) { ticked = []; }
    var boxes = Array.prototype.slice.call(list.querySelectorAll("input[data-tick]"));
    boxes.forEach(function (box) {
      box.checked = ticked.indexOf(box.dataset.tick) >= 0;
      box.addEventListener("change", function () {
        var now = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.dataset.tick; });
        try { window.localStorage.setItem(key, JSON.stringify(now)); } catch (e) { /* ignore */ }
      });
    });
  }

  // The run sheet's notes: saved on the phone at every keystroke, and sent to the server a
  // moment after typing stops. What could not be sent (offline, a dropped connection) stays
  // marked unsent on the phone and goes as soon as the browser is back online, or at the next
  // visit. The server's copy feeds the debrief.
  function setupNotes(form) {
    var key = form.dataset.storageKey;
    var box = form.querySelector("textarea");
    var status = form.querySelector("[data-notes-status]");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var timer = null;
    var sending = false;

    function keep(text, unsent) {
      try { window.localStorage.setItem(key, JSON.stringify({ text: text, unsent: unsent })); } catch (e) { /* ignore */ }
    }
    function kept() {
      try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
    }
    function say(text) { setText(status, text); }

    function send() {
      timer = null;
      if (sending) { timer = window.setTimeout(send, 500); return; }
      var text = box.value;
      if (navigator.onLine === false) { say("Offline: kept on this phone, sent when you are back online."); return; }
      sending = true;
      var body = new URLSearchParams();
      body.set("run_notes", text);
      window.fetch(form.action, {
        method: "POST",
        headers: { "X-CSRFToken": token },
        body: body,
        credentials: "same-origin"
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        var latest = kept();
        if (latest && latest.text === text) { keep(text, false); }
        say("Saved.");
      }).catch(function () {
        say("Not sent yet: kept on this phone, sent when the connection is back.");
      }).then(function () { sending = false; });
    }

    var saved = kept();
    var typedEarly = box.value !== box.defaultValue;  // typed before this script ran
    if (typedEarly) {
      keep(box.value, true);
      send();
    } else if (saved && saved.unsent && saved.text !== box.value) {
      box.value = saved.text;  // typed here while offline: the phone's copy is the newer one
      send();
    }
    box.addEventListener("input", function () {
      keep(box.value, true);
      say("Saving…");
      if (timer !== null) { window.clearTimeout(timer); }
      timer = window.setTimeout(send, 600);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      keep(box.value, true);
      send();
    });
    window.addEventListener("online", function () {
      var latest = kept();
      if (latest && latest.unsent) { send(); }
    });
  }

  // The debrief: a name from the run sheet's notes fills the next empty person.
  function setupSuggestions(list) {
    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-suggest-first]");
      if (!button) { return; }
      var container = document.getElementById("referral-forms");
      var empty = Array.prototype.slice.call(container.querySelectorAll("input[id$='-first_name']"))
        .filter(function (input) { return !input.value; })[0];
      if (!empty) {
        document.querySelector("[data-add-referral]").click();
        empty = Array.prototype.slice.call(container.querySelectorAll("input[id$='-first_name']")).pop();
      }
      empty.value = button.dataset.suggestFirst;
      var last = document.getElementById(empty.id.replace("first_name", "last_name"));
      if (last) { last.value = button.dataset.suggestLast; }
      button.disabled = true;
      empty.focus();
    });
  }

  function init() {
    var ticks = document.querySelector("[data-ticks-key]");
    if (ticks) { setupTicks(ticks); }
    var notes = document.querySelector("form[data-run-notes]");
    if (notes) { setupNotes(notes); }
    var suggestions = document.querySelector("[data-suggestions]");
    if (suggestions) { setupSuggestions(suggestions); }
    var hint = document.getElementById("local-time");
    if (hint) { setupLiveCheck(hint); }
    var timer = document.getElementById("timer");
    if (timer) { setupTimer(timer); }
    var add = document.querySelector("[data-add-referral]");
    if (add) { setupReferrals(add); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
