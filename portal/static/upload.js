// certscope: the upload page's comforts. Without it the form is a plain multi-file input.
//  - files dropped on the drop zone are added to the file input (several at once);
//  - the chosen files are listed by name;
//  - the upload's progress is shown while it is sent, then the server's answer page is shown.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-upload]");
    if (!form) { return; }
    var input = form.querySelector("input[type=file]");
    var zone = form.querySelector("[data-dropzone]");
    var chosen = form.querySelector("[data-chosen]");
    var bar = form.querySelector("[data-progress]");
    var text = form.querySelector("[data-progress-text]");
    var hint = form.querySelector("[data-drop-hint]");
    if (hint) { hint.hidden = false; }

    function listChosen() {
      chosen.textContent = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var item = document.createElement("li");
        item.textContent = file.name + " (" + Math.ceil(file.size / 1024) + " KB)";
        chosen.appendChild(item);
      });
    }
    input.addEventListener("change", listChosen);

    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("dragover");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("dragover"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      var all = new DataTransfer();
      Array.prototype.forEach.call(input.files, function (file) { all.items.add(file); });
      Array.prototype.forEach.call(event.dataTransfer.files, function (file) { all.items.add(file); });
      input.files = all.files;
      listChosen();
    });

    form.addEventListener("submit", function (event) {
      if (!window.XMLHttpRequest || !input.files.length) { return; }
      event.preventDefault();
      var request = new XMLHttpRequest();
      request.open("POST", form.getAttribute("action") || window.location.href);
      bar.hidden = false;
      request.upload.addEventListener("progress", function (progress) {
        if (!progress.lengthComputable) { return; }
        var percent = Math.round(100 * progress.loaded / progress.total);
        bar.value = percent;
        text.textContent = "Sending: " + percent + " %";
      });
      request.addEventListener("load", function () {
        text.textContent = "Sent; opening the result.";
        // Show the server's answer (the document page after a redirect, or the per-file results)
        // as if the form had been sent without script, its messages included.
        if (request.responseURL) { window.history.replaceState(null, "", request.responseURL); }
        document.open();
        document.write(request.responseText);
        document.close();
      });
      request.addEventListener("error", function () {
        text.textContent = "The upload failed (the connection broke); try again.";
      });
      request.send(new FormData(form));
    });
  });
})();
