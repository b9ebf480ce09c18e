/* glutewake's service worker: the app keeps working with the server out of reach.
   Pages are fetched from the network first and kept; when the network fails, the kept copy
   is shown (Today falls back to the last Today, so a session runs offline). Static files and
   drawings come from the cache first and are refreshed behind the scenes. Logs are not
   handled here: the player keeps unsent sets in localStorage and posts each with its key
   until the server has it, so a set is stored exactly once. Opening the login page (after a
   logout, or when a session has ended) forgets the kept pages. It must be served from /sw.js
   to control every page. Written for glutewake. */
"use strict";

var CACHE = "glutewake-2";
var START = ["/", "/today", "/program", "/static/manifest.webmanifest", "/static/icon.svg"];

self.addEventListener("install", function (event) {
  event.waitUntil(
    Promise.all(START.map(function (path) {
      return fetch(path).then(function (response) {
        return keep(path, response);
      }, function () {
        /* a page that fails now is kept the next time it loads */
      });
    })).then(function () {
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
  // A redirected answer is another page (the login page, with accounts on): never kept as this one.
  if (!response || !response.ok || response.type !== "basic" || response.redirected) {
    return Promise.resolve(response);
  }
  var copy = response.clone();
  return caches.open(CACHE).then(function (cache) {
    return cache.put(request, copy);
  }).then(function () {
    return response;
  }, function () {
    return response; /* storage full or refused: the answer still goes through */
  });
}

function lasting(path) {
  return path.indexOf("/static/") === 0 || /\/(illustration|still)\.svg$/.test(path);
}

// The login page shows after a logout and whenever the session has ended: the pages kept for
// the account before must not be shown to whoever uses the device next (static files and
// drawings hold nobody's data and stay; the player's unsent sets live in localStorage, not here).
function forgetPages() {
  return caches.open(CACHE).then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.filter(function (kept) {
        return !lasting(new URL(kept.url).pathname);
      }).map(function (kept) {
        return cache.delete(kept);
      }));
    });
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
  if (lasting(url.pathname)) {
    event.respondWith(fromCacheFirst(request));
  } else if (url.pathname === "/login") {
    event.respondWith(forgetPages().then(function () {
      return fromNetworkFirst(request);
    }));
  } else {
    event.respondWith(fromNetworkFirst(request));
  }
});
