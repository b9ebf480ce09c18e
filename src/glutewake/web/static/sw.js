/* glutewake's service worker: the app keeps working with the server out of reach.
   Pages are fetched from the network first and kept; when the network fails, the kept copy
   is shown (Today falls back to the last Today, so a session runs offline). Static files and
   drawings come from the cache first and are refreshed behind the scenes. Logs are not
   handled here: the player keeps unsent sets in localStorage and posts each with its key
   until the server has it, so a set is stored exactly once. It must be served from /sw.js
   to control every page. Written for glutewake. */
"use strict";

var CACHE = "glutewake-1";
var START = ["/", "/today", "/program", "/static/manifest.webmanifest", "/static/icon.svg"];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(START).catch(function () {
        /* a page that fails now is kept the next time it loads */
      });
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name !== CACHE;
      }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

// Answers once the copy is stored: a page that has loaded has every file it used kept, so
// going offline right after loses nothing.
function keep(request, response) {
  if (!response || !response.ok || response.type !== "basic") return Promise.resolve(response);
  var copy = response.clone();
  return caches.open(CACHE).then(function (cache) {
    return cache.put(request, copy);
  }).then(function () {
    return response;
  }, function () {
    return response; /* storage full or refused: the answer still goes through */
  });
}

function fromNetworkFirst(request) {
  return fetch(request).then(function (response) {
    return keep(request, response);
  }, function () {
    return caches.match(request, { ignoreSearch: request.mode !== "navigate" }).then(function (kept) {
      return kept || caches.match(new URL(request.url).pathname.indexOf("/today") === 0 ? "/today" : "/");
    });
  });
}

function fromCacheFirst(request) {
  return caches.match(request).then(function (kept) {
    var fresh = fetch(request).then(function (response) {
      return keep(request, response);
    });
    if (!kept) return fresh;
    fresh.catch(function () {
      /* offline: the kept copy was answered; it is refreshed next time */
    });
    return kept;
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/api/") === 0 || url.pathname === "/desk/timer") return;
  var lasting = url.pathname.indexOf("/static/") === 0 || /\/(illustration|still)\.svg$/.test(url.pathname);
  event.respondWith(lasting ? fromCacheFirst(request) : fromNetworkFirst(request));
});
