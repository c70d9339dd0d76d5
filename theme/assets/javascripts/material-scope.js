/* Plan Portal: Material for MkDocs' page helpers (its partials/javascripts/base.html, 9.8.1),
   loaded as a file so that no inline script is needed (see theme/main.html, Content-Security-Policy).
   The scope Material writes into the inline script is read from this script's data-md-scope. */
/* eslint-disable no-undef */
window.__md_scope = new URL(document.currentScript.getAttribute("data-md-scope"), location);
window.__md_hash = function (e) {
  return [...e].reduce(function (e, _) { return (e << 5) - e + _.charCodeAt(0); }, 0);
};
window.__md_get = function (e, _ = localStorage, t = __md_scope) {
  return JSON.parse(_.getItem(t.pathname + "." + e));
};
window.__md_set = function (e, _, t = localStorage, a = __md_scope) {
  try { t.setItem(a.pathname + "." + e, JSON.stringify(_)); } catch (e) { /* storage full or refused */ }
};
