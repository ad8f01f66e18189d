// Keep a document page current while its read runs: ask for the state, show it, and once the read
// is over swap in the page's body (fields, problems) without a full reload. Served by the portal;
// without JavaScript a refresh shows the same.
(function () {
  "use strict";
  var panel = document.getElementById("reading-state");
  if (!panel || panel.getAttribute("data-final") === "true" || !window.fetch) { return; }
  var url = panel.getAttribute("data-state-url");

  function refreshBody() {
    fetch(window.location.href, {credentials: "same-origin"}).then(function (r) { return r.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("document-body");
        var mine = document.getElementById("document-body");
        if (fresh && mine) { mine.replaceWith(fresh); }
      });
  }

  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (state) {
        if (state.final) { refreshBody(); return; }
        var label = panel.querySelector("[data-label]");
        if (label) { label.textContent = state.label; }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 4000); });
  }

  window.setTimeout(poll, 500);
})();
