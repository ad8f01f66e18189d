// certscope: the portal's small page behaviours. Everything works without it; this adds comfort.
//  - the header's menu folds behind a "Menu" button on narrow screens;
//  - each table cell learns its column's header (data-label), shown when tables stack as cards;
//  - "Copy" buttons copy the text of the field they name, and say so.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setUpMenu() {
    var header = document.querySelector(".site-header");
    var toggle = header && header.querySelector(".menu-toggle");
    if (!toggle) { return; }
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = header.classList.toggle("menu-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("menu-open")) {
        header.classList.remove("menu-open");
        toggle.setAttribute("aria-expanded", "false");
        toggle.focus();
      }
    });
  }

  function headerTexts(table) {
    var row = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!row) { return null; }
    var texts = [];
    Array.prototype.forEach.call(row.cells, function (cell) {
      var text = cell.textContent.replace(/[\u25b2\u25bc]/g, "").replace(/\s+/g, " ").trim();
      for (var i = 0; i < (cell.colSpan || 1); i++) { texts.push(text); }
    });
    return texts;
  }

  function labelCells(table) {
    var texts = headerTexts(table);
    if (!texts) { return; }
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (cell.tagName === "TD" && !cell.hasAttribute("data-label") && (cell.colSpan || 1) === 1) {
            cell.setAttribute("data-label", texts[column] || "");
          }
          column += cell.colSpan || 1;
        });
      });
    });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) { return navigator.clipboard.writeText(text); }
    return new Promise(function (resolve, reject) {  // plain http on another host: the older way
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      document.body.removeChild(area);
      if (done) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  function setUpCopyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      var status = document.getElementById(button.getAttribute("data-copy") + "-status");
      if (!field) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        copyText(field.value || field.textContent).then(function () {
          if (status) { status.textContent = "Link copied."; }
        }, function () {
          field.select && field.select();
          if (status) { status.textContent = "Press Ctrl+C (or \u2318C) to copy the selected link."; }
        });
      });
    });
  }

  // The error summary takes focus on load (read out first); its links move focus to their field.
  function setUpErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-focus]");
      var target = link && document.getElementById(link.getAttribute("data-focus"));
      if (!target) { return; }
      var input = target.matches("input, select, textarea, button") ? target
        : target.querySelector("input, select, textarea, button");
      if (!input) { return; }
      event.preventDefault();
      var details = input.closest("details");
      if (details) { details.open = true; }
      input.focus();
      target.scrollIntoView({block: "center"});
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpMenu();
    setUpErrorSummary();
    document.querySelectorAll("main table").forEach(labelCells);
    setUpCopyButtons();
  });
})();
