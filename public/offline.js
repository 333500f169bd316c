// Registers the service worker (sw.js, next to this file at the base path), which keeps the
// pages and tools the reader opens working offline; offers the whole site for offline use
// ("Save for offline", with its size and progress), and saves it unasked when the site is
// installed as an app or opened as one, unless the browser asks to save data; and offers
// "Reload to update" when a newer build's worker is waiting.
// Embeds do not register it: they live in other sites' pages, which are online by definition.
(function () {
  if (!("serviceWorker" in navigator) || document.documentElement.classList.contains("embed")) return;
  var base = new URL(".", document.currentScript.src);
  var container = navigator.serviceWorker;
  var saveData = Boolean(navigator.connection && navigator.connection.saveData);
  // Opened as an installed app, or installed now (below): the reader wants all of the site.
  var asApp = window.matchMedia("(display-mode: standalone)").matches;
  window.addEventListener("appinstalled", function () {
    container.ready.then(function (registration) {
      if (!saveData) save(registration.active);
    });
  });
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

  // The control at the foot of the page, once the worker has said the size and whether it is saved.
  var control = null;
  function showControl(worker, message) {
    var footer = document.querySelector(".site-footer");
    if (!footer) return;
    if (!control) {
      control = document.createElement("p");
      control.className = "offline-save";
      control.innerHTML = '<button type="button"></button> <progress hidden></progress> <span role="status"></span>';
      control.querySelector("button").addEventListener("click", function () {
        save(worker);
      });
      footer.append(control);
    }
    var button = control.querySelector("button");
    var progress = control.querySelector("progress");
    var note = control.querySelector("span");
    var megabytes = function (bytes) {
      return (bytes / 1e6).toFixed(1) + " MB";
    };
    if (message.type === "offline-status") {
      button.textContent = "Save for offline (" + megabytes(message.bytes) + ")";
      button.hidden = message.saved;
      note.textContent = message.saved ? "Saved for offline use: every page and tool works without a network." : "";
    } else if (message.type === "offline-progress") {
      button.disabled = true;
      progress.hidden = false;
      progress.max = message.total;
      progress.value = message.done;
      note.textContent = "Saving for offline use: " + Math.floor((100 * message.done) / message.total) + "%";
    } else if (message.type === "offline-saved") {
      button.hidden = true;
      progress.hidden = true;
      note.textContent = "Saved for offline use: every page and tool works without a network.";
    } else if (message.type === "offline-failed") {
      button.disabled = false;
      progress.hidden = true;
      note.textContent = "Saving stopped (" + message.reason + "); what is saved stays. Try again when online.";
    }
  }

  function save(worker) {
    if (worker) worker.postMessage({ type: "save" });
  }

  // After the page has loaded: the worker's work must not compete with this page's files.
  window.addEventListener("load", function () {
    container.register(new URL("sw.js", base), { scope: base.pathname }).then(watch, function (error) {
      // Without the worker the site still works online; say why offline use is not available.
      console.warn("Modal Atlas: offline use is unavailable:", error && error.message);
    });
    container.ready.then(function (registration) {
      var worker = registration.active;
      container.addEventListener("message", function (event) {
        if (/^offline-/.test(event.data && event.data.type)) showControl(worker, event.data);
      });
      worker.postMessage({ type: "status" });
      // This page and its files arrived before the worker was there to keep them; once it
      // controls the page, it sees every later request itself.
      var keep = function () {
        var loaded = performance.getEntriesByType("resource").map(function (entry) {
          return entry.name;
        });
        worker.postMessage({ type: "keep", urls: [location.href].concat(loaded) });
      };
      if (container.controller) keep();
      else container.addEventListener("controllerchange", keep, { once: true });
      if (asApp && !saveData) save(worker);
    });
  });
})();
