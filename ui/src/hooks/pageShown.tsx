// Whether the page a component is in is the one shown. The shell keeps some
// pages mounted while the clerk is on another one (PageEntry.kept in
// pages.tsx). Hiding or showing such a page must not draw it again (that is
// the cost keeping it saves), so the context holds a source that does not
// change, and only what subscribes to it hears of it: WhileShown, a page's
// own handler (useWhenShown), and the page's reloads (useChanged in
// appData.tsx: a change while the page is hidden waits until it is shown).
import { createContext, useContext, useEffect, useSyncExternalStore, type ReactNode } from "react";

/** Shown or hidden, as it changes. */
export interface ShownSource {
  now(): boolean;
  subscribe(listener: () => void): () => void;
}

/**
 * A kept page's source: the shell sets it when the current page changes.
 * `initially` false for a page drawn hidden before its first visit.
 */
export function shownSource(initially = true): ShownSource & { set(shown: boolean): void } {
  let shown = initially;
  const listeners = new Set<() => void>();
  return {
    now: () => shown,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      if (next === shown) return;
      shown = next;
      for (const l of [...listeners]) l();
    },
  };
}

/** Every page that is not kept: always shown. */
const ALWAYS: ShownSource = { now: () => true, subscribe: () => () => undefined };

export const PageShown = createContext<ShownSource>(ALWAYS);

/** Its children only while the page is shown: a kept page's drawers and dialogs. */
export function WhileShown({ children }: { children: ReactNode }) {
  const source = useContext(PageShown);
  const shown = useSyncExternalStore(source.subscribe, source.now);
  return shown ? children : null;
}

/**
 * Calls `onChange(shown)` when the page is hidden or shown again (from the
 * shell's layout effect: a state set in it is drawn before the next paint).
 */
export function useWhenShown(onChange: (shown: boolean) => void): void {
  const source = useContext(PageShown);
  useEffect(() => source.subscribe(() => onChange(source.now())), [source, onChange]);
}
