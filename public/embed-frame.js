// Runs in every embed (/embed/...). It tells the host page how tall the embed is, keeps the
// "Open in Modal Atlas" link pointing at the same state, and, for a page embed whose URL names a
// section (#anchor), shows that section alone.
//
// The message it posts to the parent window, whenever the height changes:
//   { type: "modal-atlas:height", height: <CSS pixels, an integer> }
// It posts to any origin: the height is not a secret, and the embed cannot know its host.
// It listens to no messages, so nothing a host or another frame sends can change it.
(function () {
  var root = document.querySelector(".embed-root");
  if (!root) return;

  function showSection() {
    var body = document.querySelector(".embed-main .doc-body");
    if (!body) return;
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      id = ""; // A malformed fragment names no section: show the whole page.
    }
    var heading = id ? document.getElementById(id) : null;
    var level = heading && /^H[2-6]$/.test(heading.tagName) ? Number(heading.tagName[1]) : 0;
    var inside = !level;
    Array.prototype.forEach.call(body.children, function (element) {
      var match = /^H([2-6])$/.exec(element.tagName);
      if (level && element === heading) inside = true;
      else if (level && inside && match && Number(match[1]) <= level) inside = false;
      element.hidden = !inside;
    });
  }

  var posted = 0;
  function postHeight() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height !== posted && window.parent !== window) {
      posted = height;
      window.parent.postMessage({ type: "modal-atlas:height", height: height }, "*");
    }
  }

  // The tools keep their state in the query and the fragment; the full page reads the same.
  var open = document.getElementById("embed-open");
  var full = open.getAttribute("href");
  function syncLink() {
    var params = new URLSearchParams(location.search);
    params.delete("theme");
    var query = params.toString();
    open.href = full + (query ? "?" + query : "") + location.hash;
  }
  ["pointerdown", "focus", "click"].forEach(function (name) {
    open.addEventListener(name, syncLink);
  });

  showSection();
  window.addEventListener("hashchange", showSection);
  new ResizeObserver(postHeight).observe(root);
  postHeight();
})();
