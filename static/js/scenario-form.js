// "Ajouter une étape" without a round trip: clone the formset's empty form.
// Without JavaScript the button posts the form and the server adds the step.
(function () {
  "use strict";
  document.querySelectorAll("[data-add-step]").forEach(function (button) {
    var form = button.form;
    var template = form.querySelector("[data-step-template]");
    var list = form.querySelector("[data-steps]");
    var total = form.querySelector("input[name='steps-TOTAL_FORMS']");
    if (!template || !list || !total) {
      return;
    }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10) || 0;
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var step = holder.firstElementChild;
      list.appendChild(step);
      total.value = String(index + 1);
      var first = step.querySelector("input, textarea");
      if (first) {
        first.focus();
      }
    });
  });
})();
