// ConnectorHost admin UI: small progressive touches; every page works without this file.
(function () {
  "use strict";

  // Shows a field only while its VisibleWhen condition holds, and marks RequiredWhen fields, as the form changes.
  function valueOf(form, key) {
    var inputs = form.querySelectorAll("[data-key='" + key + "']");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.type === "checkbox") { return input.checked ? "true" : "false"; }
      return input.value;
    }
    return "";
  }

  function refresh(form) {
    form.querySelectorAll("[data-visible-field]").forEach(function (field) {
      field.hidden = valueOf(form, field.getAttribute("data-visible-field")) !== field.getAttribute("data-visible-is");
    });
    form.querySelectorAll("[data-required-field]").forEach(function (marker) {
      marker.hidden = valueOf(form, marker.getAttribute("data-required-field")) !== marker.getAttribute("data-required-is");
    });
  }

  document.querySelectorAll("form[data-schema]").forEach(function (form) {
    form.addEventListener("change", function () { refresh(form); });
    refresh(form);
  });

  // Asks before a destructive post.
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (e) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { e.preventDefault(); }
    });
  });

  // Copies a shown-once value.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var target = document.getElementById(button.getAttribute("data-copy"));
      if (!target) { return; }
      target.select();
      var done = function () { button.textContent = button.getAttribute("data-copied") || "Copied"; };
      if (navigator.clipboard) { navigator.clipboard.writeText(target.value).then(done, function () { document.execCommand("copy"); done(); }); }
      else { document.execCommand("copy"); done(); }
    });
  });
})();

// Live progress of an import job: polls the API (same session) until the job finishes, then reloads for the report.
(function () {
  "use strict";
  var card = document.getElementById("import-job");
  if (!card || card.getAttribute("data-running") !== "true") { return; }
  var progress = card.querySelector("progress");
  function poll() {
    fetch("/api/imports/" + card.getAttribute("data-job"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (job) {
        if (!job) { return; }
        ["state", "rowsDone", "created", "updated", "unchanged", "skipped"].forEach(function (key) {
          var el = card.querySelector("[data-field='" + key + "']");
          if (el) { el.textContent = job[key]; }
        });
        var total = card.querySelector("[data-field='rowsTotal']");
        if (total && job.rowsTotal != null) { total.textContent = job.rowsTotal; progress.max = job.rowsTotal; }
        progress.value = job.rowsDone;
        if (job.finishedAt) { window.location.reload(); } else { window.setTimeout(poll, 700); }
      });
  }
  window.setTimeout(poll, 300);
})();
