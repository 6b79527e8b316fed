// Contacts: copy the drafted message, and keep the mailto: link in step with the draft.
(function () {
  "use strict";

  function mailtoHref(email, subject, body) {
    return "mailto:" + encodeURIComponent(email).replace(/%40/g, "@") +
      "?subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(body);
  }

  function init() {
    var message = document.getElementById("id_message");
    var subject = document.getElementById("draft-subject");
    var mailto = document.getElementById("draft-mailto");
    var status = document.getElementById("copy-status");
    if (!message) {
      return;
    }

    function refreshMailto() {
      if (mailto) {
        mailto.href = mailtoHref(mailto.dataset.email || "", subject ? subject.value : "", message.value);
      }
    }
    message.addEventListener("input", refreshMailto);
    if (subject) {
      subject.addEventListener("input", refreshMailto);
    }

    document.querySelectorAll("[data-copy-message]").forEach(function (button) {
      button.addEventListener("click", function () {
        var done = function () { if (status) { status.textContent = "Copied."; } };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(message.value).then(done, function () {
            message.select();
            if (status) { status.textContent = "Press Ctrl+C (⌘C) to copy."; }
          });
        } else {
          message.select();
          document.execCommand("copy");
          done();
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
