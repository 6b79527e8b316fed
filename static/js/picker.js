/* Pickers (core/pickers.py): a search box above a short <select>. A search (htmx) replaces
 * the select's options with the matches; this keeps the blank choice and the current one,
 * opens the matches as a list to pick from, and closes it once a row is picked. */
(function () {
  "use strict";

  var LIST_ROWS = 8;
  var kept = new WeakMap();

  function pickerSelect(element) {
    return element && element.matches && element.matches("[data-picker] select") ? element : null;
  }
  function searchFor(select) {
    return select.closest("[data-picker]").querySelector("[data-picker-search]");
  }
  function close(select) {
    select.removeAttribute("size");
    select.classList.remove("picker-open");
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var select = pickerSelect(event.detail.target);
    if (!select) { return; }
    var blank = select.querySelector('option[value=""]:not([data-picker-empty])');
    var chosen = select.value ? select.options[select.selectedIndex] : null;
    kept.set(select, {
      blank: blank ? blank.cloneNode(true) : null,
      chosen: chosen ? chosen.cloneNode(true) : null
    });
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var select = pickerSelect(event.detail.target);
    if (!select) { return; }
    var state = kept.get(select) || {};
    var value = state.chosen ? state.chosen.value : "";
    var found = false;
    Array.prototype.forEach.call(select.options, function (option) {
      if (value && option.value === value) { found = true; }
    });
    if (state.chosen && !found) { select.insertBefore(state.chosen, select.firstChild); }
    if (state.blank) { select.insertBefore(state.blank, select.firstChild); }
    select.value = value;
    var note = select.closest("[data-picker]").querySelector("[data-picker-note]");
    if (note && !("shortlist" in note.dataset)) { note.dataset.shortlist = note.textContent; }
    var more = event.detail.xhr && event.detail.xhr.getResponseHeader("X-Picker-More") === "true";
    var none = select.querySelector("[data-picker-empty]");
    if (note) { note.textContent = none ? "" : (more ? note.dataset.more : note.dataset.some); }
    if (searchFor(select).value.trim()) {
      select.size = Math.max(2, Math.min(select.options.length, LIST_ROWS));
      select.classList.add("picker-open");
    } else {
      close(select);
      if (note) { note.textContent = note.dataset.shortlist || ""; }
    }
  });

  // A row picked with the mouse or Enter closes the list; arrow keys only move through it.
  document.addEventListener("click", function (event) {
    var select = pickerSelect(event.target.closest && event.target.closest("select"));
    if (select && select.classList.contains("picker-open") && event.target.tagName === "OPTION") {
      close(select);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== "ArrowDown") { return; }
    var select = pickerSelect(event.target);
    if (select && select.classList.contains("picker-open") && event.key === "Enter") {
      event.preventDefault();
      close(select);
      return;
    }
    if (event.target.matches && event.target.matches("[data-picker-search]")) {
      var list = event.target.closest("[data-picker]").querySelector("select");
      if (event.key === "Enter") { event.preventDefault(); }
      if (event.key === "ArrowDown" && list.classList.contains("picker-open")) {
        event.preventDefault();
        list.focus();
      }
    }
  });
  document.addEventListener("focusout", function (event) {
    var select = pickerSelect(event.target);
    if (select && select.classList.contains("picker-open") && select.value) { close(select); }
  });
})();
