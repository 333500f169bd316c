// The service worker of one build, written by `atlas-build prerender` (app/build/src/offline.rs),
// which replaces BUILD below with the build's version, its files and their size in brotli.
//
// It keeps what the reader uses in a cache named after the build and answers from that cache
// first, so a page and the files it loads come from the same build, and every page and tool the
// reader has opened works offline. The whole build (BUILD.files) is downloaded only when the
// reader asks: the page's "Save for offline" control, installing the app, or opening it as one
// (public/offline.js sends "save"). A newer build's worker installs next to it and waits,
// having fetched its own versions of what the reader had (the whole build, if it was saved):
// the page offers "Reload to update", and its answer (a "skip-waiting" message) lets the new
// worker take over, which deletes the older caches.
const BUILD = "__BUILD__";
const CACHE = `modal-atlas-${BUILD.version}`;
const scope = self.registration.scope;
/** A cache entry that says the reader saved the whole site: a new build then saves itself too. */
const SAVED = new URL("offline-saved.marker", scope).href;
/** Files downloaded at once while saving: enough to keep the connection busy, few enough to stay polite. */
const PARALLEL = 6;

// `reload` skips the HTTP cache: unhashed files (worker loaders, this build's routes) must be
// this build's, not whatever the browser kept from an older one.
const fresh = (url) => new Request(url, { cache: "reload" });
const keyOf = (url) => {
  const parsed = new URL(url, scope);
  return parsed.origin + parsed.pathname;
};
// A file's name without its content hash (`atlas-site-0123456789abcdef.js` is `atlas-site-.js`):
// how a new build recognises its version of a file the reader used in the old one.
const stem = (url) => url.replace(/-[0-9a-f]{12,16}(?=[._-])/g, "-");

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const older = (await caches.keys()).filter((name) => name.startsWith("modal-atlas-") && name !== CACHE);
      const used = new Set();
      let saved = false;
      for (const name of older) {
        for (const request of await (await caches.open(name)).keys()) {
          if (request.url === SAVED) saved = true;
          else used.add(stem(request.url));
        }
      }
      const urls = BUILD.files.map((file) => new URL(file, scope).href);
      if (saved) {
        await cache.addAll(urls.map(fresh));
        await cache.put(SAVED, new Response("saved"));
      } else {
        // This build's versions of what the reader used, so it keeps working offline after the update.
        await cache.addAll(urls.filter((url) => used.has(stem(url))).map(fresh));
      }
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("modal-atlas-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.origin !== self.location.origin) return;
  const reply = (message) => event.source?.postMessage(message);
  switch (event.data?.type) {
    case "skip-waiting":
      self.skipWaiting();
      break;
    case "status":
      event.waitUntil(status().then(reply));
      break;
    case "keep":
      // What the page loaded before this worker controlled it.
      event.waitUntil(keep(event.data.urls));
      break;
    case "save":
      event.waitUntil(save(reply));
      break;
  }
});

/** Whether the whole build is saved, and its size, for the page's "Save for offline" control. */
async function status() {
  const cache = await caches.open(CACHE);
  return { type: "offline-status", saved: Boolean(await cache.match(SAVED)), bytes: BUILD.bytes };
}

async function keep(urls) {
  const cache = await caches.open(CACHE);
  for (const url of urls) {
    const key = keyOf(url);
    if (!key.startsWith(scope) || key === new URL("sw.js", scope).href || (await cache.match(key))) continue;
    try {
      const response = await fetch(key);
      if (response.ok) await cache.put(key, response);
    } catch {
      // Offline already: the next visit keeps it.
    }
  }
}

/** Downloads every file of the build not yet kept, saying how far it has got. */
async function save(reply) {
  const cache = await caches.open(CACHE);
  const urls = BUILD.files.map((file) => new URL(file, scope).href);
  const missing = [];
  for (const url of urls) if (!(await cache.match(url))) missing.push(url);
  let done = urls.length - missing.length;
  reply({ type: "offline-progress", done, total: urls.length });
  const next = () => missing.shift();
  try {
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        for (let url = next(); url; url = next()) {
          const response = await fetch(fresh(url));
          if (!response.ok) throw new Error(`${new URL(url).pathname} answered ${response.status}`);
          await cache.put(url, response);
          done += 1;
          reply({ type: "offline-progress", done, total: urls.length });
        }
      }),
    );
    await cache.put(SAVED, new Response("saved"));
    reply({ type: "offline-saved", bytes: BUILD.bytes });
  } catch (error) {
    reply({ type: "offline-failed", reason: error.message });
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !url.href.startsWith(scope)) return;
  event.respondWith(answer(request, url));
});

async function answer(request, url) {
  const cache = await caches.open(CACHE);
  const path = url.origin + url.pathname;
  if (request.mode === "navigate") {
    // Routes are kept as `gpus/`; a link may say `gpus` or `gpus/index.html`. The query and
    // the fragment are the tools' state, read by the page itself.
    for (const key of [path, `${path}/`, path.replace(/index\.html$/, "")]) {
      const page = await cache.match(key);
      if (page) return page;
    }
    try {
      return await fetchAndKeep(cache, request, path);
    } catch {
      const missing = await cache.match(new URL("404.html", scope));
      if (missing) return new Response(missing.body, { status: 404, headers: missing.headers });
      throw new Error(`offline, and ${url.pathname} is not cached`);
    }
  }
  return (await cache.match(path)) ?? fetchAndKeep(cache, request, path);
}

async function fetchAndKeep(cache, request, path) {
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(path, response.clone());
  return response;
}
