// The phone's outbox (docs/decisions/0010-offline-meetings.md): every write to a meeting is a command kept in
// IndexedDB first, then sent; sent again when the connection returns (the `online` event), when the page loads or
// comes back to the front, and through Background Sync where the browser has it. The server deduplicates by the
// command's id, so sending twice is harmless; a 409 is kept here, shown, and never silently dropped.
import { useSyncExternalStore } from 'react';
import { api, ApiError, call, hasCsrfToken, send as sendRequest } from '../../api/client';
import type { CommandAnswer } from './api';

export type OutboxState = 'pending' | 'sent' | 'conflict' | 'refused';

export interface OutboxEntry {
  commandId: string;
  /** Who made it: on a shared phone, only their own session sends it. */
  userId: string;
  clientId: string;
  meetingId: string;
  baseVersion: number;
  /** The order commands were made in: replayed in that order. */
  seq: number;
  queuedAt: string;
  state: OutboxState;
  /** A command (JSON body) or a material (a file kept as a Blob until it is sent). */
  command?: { type: string; [k: string]: unknown };
  file?: { blob: Blob; name: string };
  answer?: CommandAnswer;
  error?: { status: number; code: string; message: string; fields: { path: string; message: string; code?: string }[] };
}

const DB = 'chibo-outbox';
const STORE = 'commands';
const SYNC_TAG = 'chibo-meetings-outbox';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'commandId' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
let dbp: Promise<IDBDatabase> | null = null;
const db = () => (dbp ??= openDb());

async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const d = await db();
  return new Promise((resolve, reject) => {
    const t = d.transaction(STORE, mode);
    const r = fn(t.objectStore(STORE));
    t.oncomplete = () => resolve(r ? r.result : undefined);
    t.onerror = () => reject(t.error);
  });
}
const all = async () => ((await tx<OutboxEntry[]>('readonly', (s) => s.getAll())) ?? []).sort((a, b) => a.seq - b.seq);
const put = (e: OutboxEntry) => tx('readwrite', (s) => s.put(e));
const remove = (id: string) => tx('readwrite', (s) => s.delete(id));

/** This browser's id: its own queued commands never conflict with each other on the server. */
export function clientId(): string {
  const key = 'chibo.outbox.clientId';
  let id = localStorage.getItem(key);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(key, id);
  }
  return id;
}

// The UI reads a snapshot kept in memory, refreshed after every change.
let snapshot: OutboxEntry[] = [];
const listeners = new Set<() => void>();
const afterChange: ((e: OutboxEntry) => void)[] = [];
async function refresh() {
  snapshot = await all();
  listeners.forEach((l) => l());
}

/** Called with each entry the server accepted (the page refreshes its meeting). */
export function onSent(fn: (e: OutboxEntry) => void): () => void {
  afterChange.push(fn);
  return () => afterChange.splice(afterChange.indexOf(fn), 1);
}

export function useOutbox(meetingId?: string, userId?: string): OutboxEntry[] {
  const list = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => snapshot,
  );
  return list.filter((e) => (!meetingId || e.meetingId === meetingId) && (!userId || e.userId === userId));
}

/** Queues a command for a meeting (seen at `baseVersion`) and tries to send it at once. */
export async function enqueue(userId: string, meetingId: string, baseVersion: number, body: { command?: OutboxEntry['command']; file?: OutboxEntry['file'] }): Promise<OutboxEntry> {
  const entry: OutboxEntry = { commandId: crypto.randomUUID(), userId, clientId: clientId(), meetingId, baseVersion, seq: Date.now() * 1000 + (counter++ % 1000), queuedAt: new Date().toISOString(), state: 'pending', ...body };
  await put(entry);
  await refresh();
  void flush();
  void requestBackgroundSync();
  return entry;
}
let counter = 0;

/** Sends one entry through the app's one client (its CSRF header, its errors as ApiError). */
function send(e: OutboxEntry): Promise<CommandAnswer> {
  if (e.file) {
    const form = new FormData();
    form.set('commandId', e.commandId);
    form.set('clientId', e.clientId);
    form.set('baseVersion', String(e.baseVersion));
    form.set('file', e.file.blob, e.file.name);
    return sendRequest<CommandAnswer>('POST', `/api/meetings/${e.meetingId}/materials`, form);
  }
  return sendRequest<CommandAnswer>('POST', `/api/meetings/${e.meetingId}/commands`, { commandId: e.commandId, clientId: e.clientId, baseVersion: e.baseVersion, command: e.command });
}

/** The signed-in user (null when signed out or unreachable): only their entries are sent. */
async function currentUserId(): Promise<string | null> {
  try {
    return (await call(api.GET('/api/auth/me'))).user?.id ?? null;
  } catch {
    return null;
  }
}

let flushing: Promise<void> | null = null;

/** Sends every pending command in the order it was made; stops at the first network failure (still offline). */
export function flush(): Promise<void> {
  if (flushing) return flushing;
  flushing = (async () => {
    try {
      if (!hasCsrfToken()) return; // not signed in yet: the page calls again once it is
      const me = await currentUserId();
      if (!me) return;
      for (const e of await all()) {
        if (e.state !== 'pending' || e.userId !== me) continue;
        try {
          const answer = await send(e);
          const sent = { ...e, state: 'sent' as const, answer, file: undefined };
          await put(sent);
          afterChange.forEach((f) => f(sent));
        } catch (err) {
          const api = err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
          // Offline, a server restarting, a session to renew, or a race lost to another write (nothing saved): keep it
          // pending and try later.
          if (api.status === 0 || api.status >= 500 || api.status === 401 || api.code === 'csrf' || api.status === 429 || api.code === 'try_again') break;
          await put({ ...e, state: api.status === 409 || api.status === 404 ? 'conflict' : 'refused', error: { status: api.status, code: api.code, message: api.message, fields: api.fields } });
        }
        await refresh();
      }
      // Sent entries are kept a day to show "sent", then forgotten.
      const old = Date.now() - 24 * 3600_000;
      for (const e of await all()) if (e.state === 'sent' && Date.parse(e.queuedAt) < old) await remove(e.commandId);
    } finally {
      await refresh();
      flushing = null;
    }
  })();
  return flushing;
}

/** A conflict the person has looked at: send it again over the meeting as it is now. */
export async function retryOver(e: OutboxEntry, currentVersion: number) {
  await put({ ...e, state: 'pending', baseVersion: currentVersion, error: undefined });
  await refresh();
  await flush();
}

/** Drops an entry the person decided not to send (a conflict they resolved another way). */
export async function discard(e: OutboxEntry) {
  await remove(e.commandId);
  await refresh();
}

interface SyncRegistration extends ServiceWorkerRegistration {
  sync?: { register: (tag: string) => Promise<void> };
}
/** Background Sync (Chromium): the service worker wakes an open page to flush even when the tab was in the background. */
async function requestBackgroundSync() {
  try {
    const reg = (await navigator.serviceWorker?.ready) as SyncRegistration | undefined;
    await reg?.sync?.register(SYNC_TAG);
  } catch {
    // Not offered (Safari, Firefox): the online event and the page load do the same.
  }
}

let started = false;
/** Starts the triggers once per page: load, online, back to the front, a message from the service worker. */
export function startOutbox() {
  if (started || typeof window === 'undefined' || !('indexedDB' in window)) return;
  started = true;
  void refresh().then(flush);
  window.addEventListener('online', () => void flush());
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void flush());
  navigator.serviceWorker?.addEventListener('message', (ev) => (ev.data as { type?: string } | null)?.type === SYNC_TAG && void flush());
}
