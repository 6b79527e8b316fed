// Sign-up: the seeker's time zone, as their browser knows it, goes in the form's hidden field.
// The server checks it against its list of zones and keeps UTC when it is not one of them.
(function () {
  "use strict";
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    zone = "";
  }
  document.querySelectorAll("input[data-browser-zone]").forEach(function (field) {
    if (!field.value) {
      field.value = zone;
    }
  });
})();
