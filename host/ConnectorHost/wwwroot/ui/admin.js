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
