// planportal serve only (never in a built site): load the page again when the preview changes, so that an
// edit, or the data's problems, show without a reload. The server writes the preview's version on this
// script's tag, and answers /.planportal/version with the version now.
(function () {
  "use strict";
  var script = document.currentScript;
  var shown = script && script.getAttribute("data-version");
  if (!shown) return;
  function check() {
    fetch("/.planportal/version", { cache: "no-store" })
      .then(function (answer) { return answer.ok ? answer.text() : shown; })
      .then(function (now) {
        if (now.trim() !== shown) window.location.reload();
        else window.setTimeout(check, 700);
      })
      .catch(function () { window.setTimeout(check, 2000); }); // serve stopped, or restarting: try again
  }
  window.setTimeout(check, 700);
})();
