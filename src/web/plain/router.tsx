// The public entry's router: the few public pages (src/domain/public-pages.ts) without react-router (≈ 20 KB
// gzipped for seven paths). A link to a public page moves within this entry (history.pushState, with a state that
// never goes into the address: the report's receipt code); any other link loads the page from the server.
import { type AnchorHTMLAttributes, createContext, type MouseEvent, useContext, useSyncExternalStore } from 'react';
import { publicPageOf } from '../../domain/public-pages';

let version = 0;
let moved = false;
const listeners = new Set<() => void>();
const changed = () => {
  version += 1;
  moved = true;
  for (const l of listeners) l();
};
if (typeof window !== 'undefined') window.addEventListener('popstate', changed);
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Goes to `to`: within the public entry when it is a public page, otherwise a full page load (the signed-in app). */
export function navigate(to: string, state: unknown = null): void {
  const url = new URL(to, window.location.href);
  if (url.origin !== window.location.origin || !publicPageOf(url.pathname)) {
    window.location.assign(url.href);
    return;
  }
  window.history.pushState(state, '', `${url.pathname}${url.search}${url.hash}`);
  window.scrollTo(0, 0);
  changed();
}

/** The address now (re-rendered on every move): its path, its query and the state the move carried. */
export function useAddress(): { pathname: string; search: URLSearchParams; state: unknown } {
  useSyncExternalStore(subscribe, () => version);
  return { pathname: window.location.pathname, search: new URLSearchParams(window.location.search), state: window.history.state as unknown };
}

/** Whether this document has moved from the page it was loaded with (a page shown after a move takes the focus). */
export const hasMoved = (): boolean => moved;

export const ParamsContext = createContext<Record<string, string>>({});
/** The current page's path parameters (`:id`, `:code`, `:year`). */
export const useParams = (): Record<string, string | undefined> => useContext(ParamsContext);

/** An `<a>` that moves within the public entry on a plain click (a new tab, a modified click: the browser's own). */
export function Link({ to, state, onClick, ...rest }: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; state?: unknown }) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || rest.target) return;
    e.preventDefault();
    navigate(to, state ?? null);
  };
  return <a href={to} onClick={click} {...rest} />;
}
