/* Plan Portal: a table wider than the screen scrolls sideways in Material's wrapper. Such a
   wrapper is made reachable by keyboard and named, so that it can be scrolled without a mouse
   (WCAG 2.1.1; axe: scrollable-region-focusable). Pages work without this script. */
(function () {
  "use strict";
  // The region's name in the page's language (the site's labels are in its message catalogue;
  // this one is made in the browser, so it is kept here).
  var SCROLLS = { cy: "tabl, yn sgrolio i'r ochr" };
  var scrollsWords = SCROLLS[document.documentElement.lang.split("-")[0]] || "table, scrolls sideways";
  function label(wraps) {
    wraps.forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", (caption ? caption.textContent + ": " : "") + scrollsWords);
      } else if (!scrolls && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  function update() {
    label(Array.prototype.slice.call(document.querySelectorAll(".md-typeset__scrollwrap")));
  }
  new MutationObserver(update).observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("resize", update);
  window.addEventListener("load", update);
})();
