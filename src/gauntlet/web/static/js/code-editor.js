// The coding-drill editor: Tab indents by four spaces (Shift+Tab removes up to four), Esc then Tab leaves
// the editor (so keyboard users are never trapped), and a failed request says so in the verdict box.
(function () {
  "use strict";

  var INDENT = "    ";

  function lineStart(text, position) {
    return text.lastIndexOf("\n", position - 1) + 1;
  }

  function indent(area) {
    area.setRangeText(INDENT, area.selectionStart, area.selectionEnd, "end");
  }

  function dedent(area) {
    var text = area.value;
    var start = lineStart(text, area.selectionStart);
    var spaces = 0;
    while (spaces < INDENT.length && text.charAt(start + spaces) === " ") spaces++;
    if (spaces === 0) return;
    var caret = Math.max(start, area.selectionStart - spaces);
    area.setRangeText("", start, start + spaces, "preserve");
    area.setSelectionRange(caret, Math.max(caret, area.selectionEnd));
  }

  function setUpEditor(area) {
    var leaving = false;  // Esc was pressed: the next Tab moves focus as usual
    area.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        leaving = true;
        return;
      }
      if (event.key !== "Tab" || event.ctrlKey || event.altKey || event.metaKey || leaving) {
        leaving = false;
        return;
      }
      event.preventDefault();
      if (event.shiftKey) dedent(area); else indent(area);
      area.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  function showProblem(text) {
    var box = document.getElementById("verdict");
    var message = document.createElement("p");
    message.className = "error-message";
    message.setAttribute("role", "alert");
    message.textContent = text;
    box.replaceChildren(message);
  }

  function showRefusals() {
    // A run the server refuses for its content comes back as a normal fragment; these are the rest
    // (expired form, lost login, server error, server gone), which htmx would otherwise swallow.
    document.body.addEventListener("htmx:responseError", function (event) {
      if (event.detail.target.id !== "verdict") return;
      showProblem("The server refused this run (status " + event.detail.xhr.status + "). Reload the page and try again.");
    });
    document.body.addEventListener("htmx:sendError", function (event) {
      if (event.detail.target.id !== "verdict") return;
      showProblem("The server did not answer: is Gauntlet still running?");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var area = document.getElementById("code-editor");
    if (!area) return;
    setUpEditor(area);
    showRefusals();
  });
})();
