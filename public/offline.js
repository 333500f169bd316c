// Registers the service worker that keeps the site working offline (sw.js, next to this file
// at the base path) and offers "Reload to update" when a newer build's worker is waiting.
// Embeds do not register it: they live in other sites' pages, which are online by definition.
(function () {
  if (!("serviceWorker" in navigator) || document.documentElement.classList.contains("embed")) return;
  var base = new URL(".", document.currentScript.src);
  var container = navigator.serviceWorker;
  // Controlled before means a newer build took over: reload so this page and the files it loads
  // later come from the same build. The first install taking control changes nothing visible.
  var wasControlled = Boolean(container.controller);
  container.addEventListener("controllerchange", function () {
    if (wasControlled) location.reload();
    wasControlled = true;
  });

  function offer(waiting) {
    if (document.getElementById("update-prompt")) return;
    var prompt = document.createElement("div");
    prompt.id = "update-prompt";
    prompt.className = "update-prompt";
    prompt.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = "A new version of this site is ready.";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Reload to update";
    button.addEventListener("click", function () {
      button.disabled = true;
      waiting.postMessage({ type: "skip-waiting" });
    });
    prompt.append(text, button);
    document.body.append(prompt);
  }

  function watch(registration) {
    // Some browsers and test harnesses block workers and resolve with nothing.
    if (!registration) return;
    if (registration.waiting && container.controller) offer(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var installing = registration.installing;
      installing.addEventListener("statechange", function () {
        if (installing.state === "installed" && container.controller) offer(installing);
      });
    });
  }

  // After the page has loaded: caching the whole build must not compete with this page's files.
  window.addEventListener("load", function () {
    container.register(new URL("sw.js", base), { scope: base.pathname }).then(watch, function (error) {
      // Without the worker the site still works online; say why offline use is not available.
      console.warn("Modal Atlas: offline use is unavailable:", error && error.message);
    });
  });
})();
