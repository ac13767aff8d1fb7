// The playground's service worker: after one visit the page opens and renders with the network off.
//
// This file is a template. The post-build step (web/js/precache.mjs) writes dist/sw.js from it with PRECACHE
// filled in: the build id and every file of the build with its SRI hash. A new deploy therefore always ships a
// byte-different sw.js, which is how the browser notices it.
//
// Strategy — one build, one cache, nothing mixed:
// - install: every file of the app shell (index.html, boot.js, the wasm-bindgen glue, the .wasm, editor.js, the
//   stylesheet, the manifest and icons) is fetched with its `integrity` and stored in a cache named after the
//   scope and the build id. A file the server has from another build fails its hash, so the install fails (and
//   is tried again on a later visit): a cache only ever holds the files of its own build.
// - fetch: cache-first, from this worker's cache only. A navigation to the scope (any query or fragment,
//   `?embed=1` included) gets this build's index.html, so a page and everything it loads come from one build.
//   The Kubernetes schemas (kube-schemas/v1.NN.json) are cached on first use, checked against this build's
//   hashes too: a page of an old build never gets a newer build's schema. Other requests are the browser's.
// - update: the browser fetches sw.js on navigations (and boot.js's register()); a new build's worker installs
//   in the background and then waits. It takes over on the next visit once no page of the old build is open
//   (reloading the only open page is not enough: the old page is still there when the new one is requested),
//   or when a page asks: boot.js offers the new build (a Reload button), which sends "skipWaiting", and every
//   page of the old build reloads as the new worker takes over. There is no clients.claim() and no
//   skipWaiting() unasked: a page never runs on another build's worker without reloading.
// - activate: the caches of this scope's other builds are deleted.
// - The first visit's page came from the network before the worker existed, so it stays uncontrolled; boot.js
//   tells the worker which schemas that page fetched, and the worker caches them (its own build's bytes).

/** Filled in at build time: `{ build, shell: { path: integrity }, lazy: { path: integrity } }`. */
const PRECACHE = null; // replaced by web/js/precache.mjs

const { build, shell, lazy } = PRECACHE;
/** The scope's URL (the folder of this file), so a playground under a sub-path works and keeps to itself. */
const scope = new URL("./", self.location.href).href;
const cachePrefix = `chartplay ${scope} `;
const cacheName = cachePrefix + build;

/** The absolute URL of a build file. */
const urlOf = (path) => new URL(path, scope).href;

/** A build file from the network, refused unless it is this build's. */
async function fetchVerified(path, integrity) {
  const response = await fetch(new Request(urlOf(path), { integrity, cache: "no-cache", credentials: "same-origin" }));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response;
}

/** A build file from this build's cache; fetched, checked and stored when it is not there yet. */
async function fromCache(path, integrity) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(urlOf(path), { ignoreVary: true });
  if (cached) return cached;
  const response = await fetchVerified(path, integrity);
  await cache.put(urlOf(path), response.clone());
  return response;
}

/** The build file a request asks for (index.html for a navigation to the scope), or null. */
function buildFile(request) {
  if (request.method !== "GET" || !request.url.startsWith(scope)) return null;
  let path = new URL(request.url).pathname.slice(new URL(scope).pathname.length);
  if (path === "" && request.mode === "navigate") path = "index.html";
  if (Object.hasOwn(shell, path)) return { path, integrity: shell[path] };
  if (Object.hasOwn(lazy, path)) return { path, integrity: lazy[path] };
  return null;
}

self.addEventListener("install", (event) => {
  event.waitUntil(Promise.all(Object.entries(shell).map(([path, integrity]) => fromCache(path, integrity))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(names.filter((name) => name.startsWith(cachePrefix) && name !== cacheName).map((name) => caches.delete(name))),
    ),
  );
});

self.addEventListener("fetch", (event) => {
  const file = buildFile(event.request);
  if (file) event.respondWith(fromCache(file.path, file.integrity));
});

self.addEventListener("message", (event) => {
  const message = event.data || {};
  // A page took the offer of this build: it reloads, with every other page of the old build, once this activates.
  if (message.type === "skipWaiting") {
    event.waitUntil(self.skipWaiting());
    return;
  }
  // The schemas an uncontrolled page fetched: cached as this build's files (another build's file is refused).
  if (message.type !== "cache" || !Array.isArray(message.paths)) return;
  const paths = message.paths.filter((path) => typeof path === "string" && Object.hasOwn(lazy, path));
  event.waitUntil(Promise.all(paths.map((path) => fromCache(path, lazy[path]).catch(() => undefined))));
});
