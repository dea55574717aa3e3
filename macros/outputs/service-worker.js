/* The guide, offline: precache every file of this build, serve from the cache.
 *
 * macros/offline.py writes this file to the site root as sw.js, with FILES (each
 * URL of the build, relative to the site root, and the hash of its content) and
 * VERSION (the hash of FILES) and BYTES (their total size). A new deploy changes
 * VERSION: the new worker fills a new cache, copying files whose hash did not
 * change from the old one and fetching the rest, then deletes the old cache.
 * Only this site's own URLs are touched; nothing is requested from any other host.
 *
 * Once every file is cached the worker records it (READY_KEY: files and bytes) and
 * tells the open pages, which say "Available offline" (offline.js); a page it
 * takes over from an older worker offers to reload. A page the guide does not
 * have, asked for offline, gets the guide's 404 page with the status 404.
 */
const VERSION = "__VERSION__";
const FILES = __FILES__;
const BYTES = __BYTES__;
const PREFIX = "qa-offline-";
const CACHE = PREFIX + VERSION;
const MANIFEST_KEY = "__qa-manifest__";
const READY_KEY = "__qa-ready__";
const scope = new URL(self.registration.scope);
const absolute = (path) => new URL(path, scope).href;

const previousCache = async () => {
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE);
  return names.length ? caches.open(names[names.length - 1]) : null;
};

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const old = await previousCache();
      const oldFiles = old ? await (await old.match(MANIFEST_KEY))?.json().catch(() => ({})) : {};
      const fetchAgain = [];
      for (const [path, hash] of Object.entries(FILES)) {
        const kept = oldFiles?.[path] === hash ? await old.match(absolute(path)) : undefined;
        if (kept) await cache.put(absolute(path), kept);
        else fetchAgain.push(new Request(absolute(path), { cache: "reload" }));
      }
      for (let i = 0; i < fetchAgain.length; i += 8) await cache.addAll(fetchAgain.slice(i, i + 8));
      const json = { headers: { "Content-Type": "application/json" } };
      await cache.put(MANIFEST_KEY, new Response(JSON.stringify(FILES), json));
      const ready = { version: VERSION, files: Object.keys(FILES).length, bytes: BYTES };
      await cache.put(READY_KEY, new Response(JSON.stringify(ready), json));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
      const ready = { type: "qa-offline-ready", version: VERSION, files: Object.keys(FILES).length, bytes: BYTES };
      for (const client of await self.clients.matchAll({ includeUncontrolled: true })) client.postMessage(ready);
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(scope.href)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const url = new URL(request.url);
      /* Pages are cached by directory URL; a query (?h=, ?ids=) or a hash does not change the file. */
      const hit = (await cache.match(url.href, { ignoreSearch: true })) || (url.pathname.endsWith("/index.html") && (await cache.match(url.href.replace(/index\.html$/, ""), { ignoreSearch: true })));
      if (hit) return hit;
      try {
        return await fetch(request);
      } catch (err) {
        if (request.mode === "navigate") {
          /* A page this build does not have: the guide's own 404 page, and its status. */
          const missing = await cache.match(absolute("404.html"));
          if (missing) return new Response(missing.body, { status: 404, statusText: "Not Found", headers: missing.headers });
        }
        throw err;
      }
    })(),
  );
});
