// Runs in <head>, before the first paint: applies the light/dark choice so the page never
// flashes the other theme, and marks the page as scripted so JS-only controls may show.
// On the site the choice is the reader's, stored by the theme toggle; in an embed it is the host
// page's `theme` parameter (light, dark, or auto for the system's), never stored.
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  var theme = null;
  if (root.classList.contains("embed")) {
    theme = new URLSearchParams(location.search).get("theme");
  } else {
    try {
      theme = localStorage.getItem("atlas-theme");
    } catch (e) {
      // Storage can be blocked (privacy settings): the system theme applies.
    }
  }
  if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
})();
