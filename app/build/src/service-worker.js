// The service worker of one build, written by `atlas-build prerender` (app/build/src/offline.rs),
// which replaces BUILD below with the build's version and files.
//
// It keeps every file of its build in a cache named after the build and answers from that cache
// first, so after one visit the whole site works offline, and a page and the files it loads always
// come from the same build. Files left out of the precache (the full text for assistants, the
// link cards) are kept in the same cache the first time they are fetched, so they too answer
// offline from then on. A newer build's worker installs next to it and waits: the page offers
// "Reload to update", and its answer (a "skip-waiting" message) lets the new worker take over,
// which deletes the older caches.
const BUILD = "__BUILD__";
const CACHE = `modal-atlas-${BUILD.version}`;
const scope = self.registration.scope;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // `reload` skips the HTTP cache: unhashed files (worker loaders, this build's routes) must
      // be this build's, not whatever the browser kept from an older one.
      cache.addAll(BUILD.files.map((file) => new Request(new URL(file, scope), { cache: "reload" }))),
    ),
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
  if (event.origin === self.location.origin && event.data?.type === "skip-waiting") self.skipWaiting();
});

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
    // Routes are cached as `gpus/`; a link may say `gpus` or `gpus/index.html`. The query and
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
