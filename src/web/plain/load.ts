// Loading and sending for the public pages, without TanStack Query (≈ 12 KB gzipped for a handful of requests):
// `useLoad` fetches when its key changes (and cancels the previous), `useSend` sends once at a time.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
}

/** Fetches `load` for `key` (again when the key changes); nothing while `enabled` is false. */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>, enabled = true): Loaded<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown }>({ key: '' });
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    setState({ key });
    latest.current(abort.signal).then(
      (data) => !abort.signal.aborted && setState({ key, data }),
      (error: unknown) => !abort.signal.aborted && setState({ key, error }),
    );
    return () => abort.abort();
  }, [key, enabled]);
  const mine = state.key === key ? state : { key };
  return { data: mine.data, error: mine.error, isPending: enabled && mine.data === undefined && mine.error === undefined };
}

export interface Sending<A extends unknown[], T> {
  mutate: (...args: A) => void;
  isPending: boolean;
  isSuccess: boolean;
  error: unknown;
  data: T | undefined;
}

/** Sends with `send`; a second call while one is under way is ignored (a double tap sends once). */
export function useSend<A extends unknown[], T>(send: (...args: A) => Promise<T>, on: { onSuccess?: (data: T) => void; onError?: (err: unknown) => void } = {}): Sending<A, T> {
  const [state, setState] = useState<{ pending: boolean; done: boolean; error: unknown; data: T | undefined }>({ pending: false, done: false, error: null, data: undefined });
  const busy = useRef(false);
  const latest = useRef({ send, on });
  latest.current = { send, on };
  const mutate = useCallback((...args: A) => {
    if (busy.current) return;
    busy.current = true;
    setState({ pending: true, done: false, error: null, data: undefined });
    latest.current.send(...args).then(
      (data) => {
        busy.current = false;
        setState({ pending: false, done: true, error: null, data });
        latest.current.on.onSuccess?.(data);
      },
      (error: unknown) => {
        busy.current = false;
        setState({ pending: false, done: false, error, data: undefined });
        latest.current.on.onError?.(error);
      },
    );
  }, []);
  return { mutate, isPending: state.pending, isSuccess: state.done, error: state.error, data: state.data };
}
