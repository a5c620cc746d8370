// chibo's service worker (docs/decisions/0010-offline-meetings.md): the app shell from the cache when the network is
// gone, the meeting pages' last answers likewise, and Background Sync waking the page's outbox. Hand-written: it is
// this small, and a build plugin would be one more thing between us and the browser's rules.
const SHELL = 'chibo-shell-v1';
const DATA = 'chibo-data-v1';
const SYNC_TAG = 'chibo-meetings-outbox';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(['/', '/manifest.webmanifest', '/icon.svg'])));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== DATA).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, cacheName, fallbackUrl) {
  const cache = await caches.open(cacheName);
  try {
    const fresh = await fetch(request);
    if (fresh.ok) cache.put(fallbackUrl ?? request, fresh.clone());
    return fresh;
  } catch (err) {
    const hit = await cache.match(fallbackUrl ?? request);
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  if (hit) return hit;
  const fresh = await fetch(request);
  if (fresh.ok) cache.put(request, fresh.clone());
  return fresh;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // Signing out forgets what was kept of the meetings (a shared phone); the request itself goes on as it is.
  if (request.method === 'POST' && (url.pathname === '/api/auth/logout' || url.pathname === '/api/auth/logout-all')) {
    event.waitUntil(caches.delete(DATA));
    return;
  }
  if (request.method !== 'GET') return;
  if (url.origin !== self.location.origin) return;
  // The public pages are another document (public.html, src/domain/public-pages.ts): straight from the network, never
  // kept as the app's shell.
  if (request.mode === 'navigate' && /^\/(gop-y|tham-van|results\/contest|xac-minh)(\/|$)/.test(url.pathname)) return;
  // Every page of the app is the same index.html: the last one fetched answers offline.
  if (request.mode === 'navigate') return event.respondWith(networkFirst(request, SHELL, '/'));
  // Built files carry their hash in their name: never stale.
  if (url.pathname.startsWith('/assets/')) return event.respondWith(cacheFirst(request));
  // What a secretary needs to open a meeting again offline: who they are, and the meetings they last saw.
  if (url.pathname === '/api/auth/me' || url.pathname.startsWith('/api/meetings/')) {
    if (url.pathname.endsWith('.pdf') || url.pathname.includes('/materials/')) return;
    return event.respondWith(networkFirst(request, DATA));
  }
});

// Background Sync (Chromium): wake the open pages so their outbox sends what is pending. The page holds the session
// and its CSRF token, so the page sends; without one open, the browser retries the sync later.
self.addEventListener('sync', (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((clients) => {
      if (clients.length === 0) return Promise.reject(new Error('no page open to send the outbox'));
      clients.forEach((c) => c.postMessage({ type: SYNC_TAG }));
    }),
  );
});

// The page may ask for the same.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'chibo-clear-data') event.waitUntil(caches.delete(DATA));
});
