// Starts the documentation app (the search slot's `data-app`) only when the reader first uses one
// of its widgets, so a page costs its HTML and styles until then: focus in the search box (by
// pointer, Tab or shortcut), on a documentation page also a copy button, "Copy as Markdown" or the
// theme toggle. A click that loads the app is given to it once it has started, so the first click
// copies or switches; typing carries on in the search box, whose text the app keeps. On a tool
// page the tool's app runs the other widgets and this loads the app for the search alone.
// Also the keyboard shortcuts: `/` and Ctrl/Cmd+K focus the search box, from anywhere on a page.
(function () {
  var slot = document.getElementById("search");
  var app = slot && slot.dataset.app;
  var started = null;
  var onClick = null;

  function start() {
    // Once it runs, the app handles the widgets' clicks itself.
    if (!started) started = import(app).then(function () {
      document.removeEventListener("click", onClick, true);
    });
    return started;
  }

  if (app) {
    slot.addEventListener("focusin", start);
    // Focused before this script ran: no focus event is coming.
    if (slot.contains(document.activeElement)) start();
    // Clicks on the widgets the app runs, on pages where it runs them (not a tool's page).
    var widgets = document.getElementById("tool") ? [] : ["button.copy", "button.copy-markdown", "button.theme-toggle"];
    onClick = function (event) {
      var target = event.target instanceof Element ? event.target : null;
      widgets.forEach(function (selector) {
        var widget = target && target.closest(selector);
        if (!widget) return;
        event.stopImmediatePropagation();
        start().then(function () {
          // The app may have replaced the widget (the theme toggle): click the one there now.
          (widget.isConnected ? widget : document.querySelector(selector)).click();
        });
      });
    };
    if (widgets.length) document.addEventListener("click", onClick, true);
  }

  document.addEventListener("keydown", function (event) {
    var commandK = (event.ctrlKey || event.metaKey) && String(event.key).toLowerCase() === "k";
    var target = event.target;
    var typing = target instanceof HTMLElement &&
      (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable);
    var slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing;
    var input = document.querySelector(".search-input");
    if (!(commandK || slash) || !input) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
})();
