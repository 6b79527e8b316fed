/* Schmooze meetings: the run-sheet timer and the debrief's "add another person".
 * Loaded with `defer`; reads everything from data-attributes (no inline script, CSP-safe)
 * and talks to no server, so the run sheet keeps working offline once loaded. */
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
      var t = elapsed();
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

  // The booking form: once the live check says the new time fits, the errors the last submit
  // gave the time and the length are out of date; they go, so that nothing says the time is
  // both wrong (under the field) and fine (beside it).
  function setupLiveCheck(hint) {
    hint.addEventListener("htmx:afterSwap", function () {
      if (!hint.querySelector("[data-hint-ok]")) { return; }
      ["id_starts_at", "id_duration_minutes"].forEach(function (id) {
        var field = document.getElementById(id);
        if (!field || !field.classList.contains("is-invalid")) { return; }
        field.classList.remove("is-invalid");
        field.removeAttribute("aria-invalid");
        var wrapper = field.closest(".mb-3") || field.parentElement;
        wrapper.querySelectorAll(".invalid-feedback").forEach(function (error) { error.remove(); });
      });
    });
  }

  function init() {
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
