// Characters left in a written activity's text. Without JavaScript the help text gives the
// limit and the server explains an overlong text; with it, the count follows the typing and
// is told to screen readers once the pupil pauses.
(function () {
  "use strict";
  var PAUSE_MS = 1000;

  function length(text) {
    // As the server counts: a line break is one character, an emoji is one character.
    return Array.from(text.replace(/\r\n?/g, "\n")).length;
  }

  function format(template, count) {
    return template.replace("%(count)s", count.toLocaleString("fr-FR"));
  }

  document.querySelectorAll("[data-counter-for]").forEach(function (counter) {
    var field = document.getElementById(counter.getAttribute("data-counter-for"));
    var live = document.querySelector(
      "[data-counter-live-for='" + counter.getAttribute("data-counter-for") + "']"
    );
    var max = field ? parseInt(field.getAttribute("data-max-characters"), 10) : NaN;
    if (!field || isNaN(max)) {
      return;
    }
    var timer = null;

    function message() {
      var left = max - length(field.value);
      return left >= 0
        ? format(counter.getAttribute("data-remaining"), left)
        : format(counter.getAttribute("data-over"), -left);
    }

    function update() {
      var text = message();
      counter.textContent = text;
      counter.classList.toggle("written-counter--over", length(field.value) > max);
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (live) {
          live.textContent = text;
        }
      }, PAUSE_MS);
    }

    counter.hidden = false;
    counter.textContent = message();
    counter.classList.toggle("written-counter--over", length(field.value) > max);
    field.addEventListener("input", update);
  });
})();
