// The installable app: the manifest and the service worker (public/sw.js), and the outbox's triggers. Done from the
// module so that no shared file changes; the lead may move the manifest link into index.html at the merge.
import { startOutbox } from './outbox';

export function installApp() {
  if (typeof document === 'undefined') return;
  if (!document.querySelector('link[rel="manifest"]')) {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = '/manifest.webmanifest';
    document.head.appendChild(link);
  }
  // Only the built app registers it: Vite's dev server would have its modules cached under it.
  if ('serviceWorker' in navigator && import.meta.env.PROD) {
    window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
  }
  startOutbox();
}
