// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Sign-up: the family's time zone starts as the browser's (the server checks the name).
  var zoneInput = document.querySelector("input[type=hidden][name=time_zone]");
  if (zoneInput && !zoneInput.value && window.Intl && Intl.DateTimeFormat) {
    zoneInput.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.value || source.textContent).then(function () {
      var status = document.getElementById(button.getAttribute("aria-describedby") || "");
      button.textContent = "Copied";
      if (status) status.textContent = button.getAttribute("data-copied") || "The letter text is on your clipboard.";
    });
  });

  // Repeatable groups (a formset): clone the empty row from its <template>.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-row]");
    if (!button) return;
    var template = document.getElementById(button.getAttribute("data-add-row"));
    var rows = document.getElementById(button.getAttribute("data-rows"));
    var prefix = button.getAttribute("data-prefix");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    if (!template || !rows || !total) return;
    var index = parseInt(total.value, 10);
    var html = template.innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__number__/g, String(index + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var added = rows.lastElementChild && rows.lastElementChild.querySelector("input, select");
    if (added) added.focus();
  });

  // Enter in a one-line field does the form's main action (data-enter-submits names its
  // button), or the action a field names for itself (data-enter-for), not whichever
  // submit button happens to come first. Enter on a closed <select> sends its form too,
  // as it does from a text field (browsers do nothing there).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    var field = event.target;
    if (!field.matches) return;
    var isSelect = field.matches("select:not([multiple])");
    if (!isSelect && !field.matches("input:not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button])")) return;
    var form = field.form;
    if (!form) return;
    var own = field.id ? form.querySelector('[data-enter-for="' + field.id + '"]') : null;
    var main = form.hasAttribute("data-enter-submits")
      ? document.getElementById(form.getAttribute("data-enter-submits")) : null;
    var button = own && field.value.trim() ? own : main;
    if (!button && isSelect) button = form.querySelector("button[type=submit], button:not([type]), input[type=submit]");
    if (!button) return;
    event.preventDefault();
    if (form.requestSubmit) form.requestSubmit(button); else button.click();
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-add-row][hidden]").forEach(function (button) {
      button.hidden = false;
    });
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  });
})();
