// Strength meter for new-password fields: asks the server (zxcvbn + the portal's rules) as you type.
(function () {
  "use strict";
  function attach(input) {
    var form = input.form;
    var meter = document.createElement("meter");
    meter.min = 0; meter.max = 4; meter.low = 2; meter.high = 3; meter.optimum = 4; meter.value = 0;
    meter.id = input.id + "-meter";
    meter.setAttribute("aria-label", "Password strength");
    var note = document.createElement("p");
    note.className = "help password-feedback";
    note.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", note);
    input.insertAdjacentElement("afterend", meter);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { check(input, form, meter, note); }, 250);
    });
  }
  function check(input, form, meter, note) {
    if (!input.value) { meter.value = 0; note.textContent = ""; return; }
    var body = new FormData();
    body.append("password", input.value);
    ["name", "email"].forEach(function (key) {
      var field = form && form.querySelector("[name$='" + key + "']");
      if (field && field.type !== "password") { body.append(key, field.value); }
    });
    var token = form && form.querySelector("input[name='csrf_token']");
    fetch(input.dataset.strengthUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: token ? { "X-CSRFToken": token.value } : {}
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (verdict) {
      if (!verdict) { return; }
      meter.value = verdict.score;
      var words = ["Very weak", "Weak", "Fair", "Strong", "Very strong"][verdict.score];
      note.textContent = verdict.acceptable ? words + "." :
        words + ": " + verdict.problems.concat(verdict.suggestions).join(" ");
    }).catch(function () { /* the form's own check still applies on submit */ });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-strength-url]").forEach(attach);
  });
})();
