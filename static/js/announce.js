/* After an htmx change made by a click or a submit, focus moves to the region that changed and
 * the polite live region (#live-region in base.html) says what happened: the region's
 * data-announce, else its first heading, else "Updated". Changes made while typing (live checks,
 * previews, picker searches) leave focus where it is: htmx keeps it on the field; and so does
 * a click's change that settles after the seeker has moved on to type in another field.
 * Loaded with `defer`; no inline script (CSP). */
(function () {
  "use strict";

  var MOVES_FOCUS = { click: true, submit: true };
  var pending = new WeakMap();  // xhr -> the region to focus once the swap has settled

  // The element that will hold the new content: the target itself, or, when the swap deletes
  // the target (a row leaving a list), the nearest region around it with an id.
  function regionOf(target, swapStyle) {
    if (!target) { return null; }
    if (swapStyle === "delete") {
      var around = target.parentElement && target.parentElement.closest("[id]");
      return around ? { id: around.id } : null;
    }
    return target.id ? { id: target.id } : { element: target };
  }

  function focusable(region) {
    if (region.tabIndex < 0 && !region.hasAttribute("tabindex")) {
      region.setAttribute("tabindex", "-1");
    }
    return region;
  }

  function typingElsewhere(region) {
    var active = document.activeElement;
    if (!active || region.contains(active)) { return false; }
    return active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
  }

  function message(region) {
    if (region.dataset.announce) { return region.dataset.announce; }
    var heading = region.querySelector("h1, h2, h3, h4, h5, h6");
    var text = heading ? heading.textContent.replace(/\s+/g, " ").trim() : "";
    return text || "Updated";
  }

  function announce(text) {
    var live = document.getElementById("live-region");
    if (!live) { return; }
    // Emptied first, so that the same words said twice are announced twice.
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var trigger = detail.requestConfig && detail.requestConfig.triggeringEvent;
    if (!trigger || !MOVES_FOCUS[trigger.type] || !detail.shouldSwap) { return; }
    var source = detail.requestConfig.elt.closest("[hx-swap]");  // hx-swap is inherited
    var swapStyle = source ? source.getAttribute("hx-swap") : "";
    var region = regionOf(detail.target, swapStyle.split(" ")[0]);
    if (region) { pending.set(detail.xhr, region); }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var found = pending.get(event.detail.xhr);
    if (!found) { return; }
    pending.delete(event.detail.xhr);  // once per request, not once per settled element
    var region = found.id ? document.getElementById(found.id) : found.element;
    if (!region || !region.isConnected) { return; }
    // Someone who has moved on to type elsewhere while the answer came keeps their place: the
    // change is still said, focus stays in their field.
    if (!typingElsewhere(region)) {
      focusable(region).focus({ preventScroll: true });
      var box = region.getBoundingClientRect();
      if (box.top < 0 || box.top > window.innerHeight) {
        region.scrollIntoView({ block: "nearest" });
      }
    }
    announce(message(region));
  });
})();
