// Gauntlet's only script: countdowns for mock interviews, keys 1-4 for drill ratings, Ctrl+Enter to submit,
// keyboard access to code blocks that scroll.
(function () {
  "use strict";

  function formatClock(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    var m = Math.floor(s / 60);
    return (m < 10 ? "0" : "") + m + ":" + (s % 60 < 10 ? "0" : "") + (s % 60);
  }

  function startCountdown() {
    var clock = document.getElementById("clock");
    if (!clock) return;
    var form = document.getElementById("mock-answer");
    var started = Date.now();
    var questionLeft = parseFloat(clock.dataset.questionLeft);
    var overallLeft = parseFloat(clock.dataset.overallLeft);
    var submitted = false;
    function tick() {
      var elapsed = (Date.now() - started) / 1000;
      var q = questionLeft - elapsed, o = overallLeft - elapsed;
      document.getElementById("question-clock").textContent = formatClock(Math.min(q, o));
      document.getElementById("overall-clock").textContent = formatClock(o);
      clock.classList.toggle("urgent", Math.min(q, o) <= 30);
      if (!submitted && (q <= 0 || o <= 0)) {
        // Time is up: the answer goes in as typed and the next question appears.
        submitted = true;
        document.getElementById("timed-out").value = "1";
        form.submit();
      }
    }
    tick();
    setInterval(tick, 250);
  }

  function ratingKeys() {
    var form = document.getElementById("rating-form");
    if (!form) return;
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT")) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var button = form.querySelector('button[data-key="' + event.key + '"]');
      if (button) {
        event.preventDefault();
        button.click();
      }
    });
  }

  function ctrlEnterSubmits() {
    document.querySelectorAll("textarea").forEach(function (area) {
      area.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && area.form) {
          event.preventDefault();
          area.form.requestSubmit ? area.form.requestSubmit() : area.form.submit();
        }
      });
    });
  }

  function focusableCodeBlocks() {
    // Code blocks rendered from Markdown scroll sideways when wider than a phone: a keyboard user can
    // only scroll what can take focus (the templates' own blocks carry tabindex already).
    document.querySelectorAll(".prose pre, .statement pre").forEach(function (pre) {
      if (!pre.hasAttribute("tabindex")) pre.tabIndex = 0;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusableCodeBlocks();
    startCountdown();
    ratingKeys();
    ctrlEnterSubmits();
  });
})();
