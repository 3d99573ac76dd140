// sitegen serve: live reload and build-error overlay. Served only by the dev server, never deployed.
// An external file (not inline) so a Content-Security-Policy of script-src 'self' allows it.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.EventSource) { return; }
  var pageGeneration = Number(script.dataset.generation);
  var overlayId = "sitegen-error-overlay";

  function ensureStylesheet() {
    if (document.getElementById("sitegen-overlay-css")) { return; }
    var link = document.createElement("link");
    link.id = "sitegen-overlay-css";
    link.rel = "stylesheet";
    link.href = script.dataset.css;
    document.head.appendChild(link);
  }

  function showError(info) {
    ensureStylesheet();
    var overlay = document.getElementById(overlayId);
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = overlayId;
      overlay.setAttribute("role", "alert");
      var title = document.createElement("h2");
      title.textContent = "Build failed: showing the last good build";
      var text = document.createElement("pre");
      var hint = document.createElement("p");
      hint.textContent = "Fix the file and save: this page updates by itself.";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Hide";
      close.addEventListener("click", function () { overlay.hidden = true; });
      overlay.append(title, text, hint, close);
      document.body.appendChild(overlay);
    }
    overlay.querySelector("pre").textContent = info.error;
    overlay.hidden = false;
  }

  function hideError() {
    var overlay = document.getElementById(overlayId);
    if (overlay) { overlay.remove(); }
  }

  function reloadIfStale(generation) {
    if (generation !== pageGeneration) { window.location.reload(); }
  }

  var events = new EventSource(script.dataset.events);
  events.addEventListener("hello", function (event) {
    var info = JSON.parse(event.data);
    if (info.error) { showError(info); } else { hideError(); reloadIfStale(info.generation); }
  });
  events.addEventListener("reload", function (event) {
    reloadIfStale(JSON.parse(event.data).generation);
  });
  events.addEventListener("error", function (event) {
    // EventSource also fires a plain "error" (no data) when the connection drops; it reconnects itself.
    if (event.data) { showError(JSON.parse(event.data)); }
  });
})();
