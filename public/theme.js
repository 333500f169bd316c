// Runs in <head>, before the first paint: applies a stored light/dark choice so the page never
// flashes the other theme, and marks the page as scripted so JS-only controls may show.
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var theme = localStorage.getItem("atlas-theme");
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
  } catch (e) {
    // Storage can be blocked (privacy settings): the system theme applies.
  }
})();
