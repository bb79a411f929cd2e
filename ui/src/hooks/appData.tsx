// What every page shares about the app's data: a change counter and today.
//
// The Rust side emits CHANGED_EVENT after every successful write (whichever
// page, drawer or test made it) and REMINDERS_EVENT after a scheduled
// reminder check; either counts as a change, and `useChanged(reload)` reloads
// whatever a page shows (`useLoad(load)` also loads it first). A change is
// announced to the reloads that listen, without drawing anything again; a
// kept page hidden behind another (hooks/pageShown.tsx) notes it and reloads
// when it is shown again. "Today" is the app's clock (`app_status`): the
// Beijing date the core works with, and the test clock in e2e runs. The UI
// never reads the computer's clock (the ESLint no-restricted-syntax rule);
// it asks again after a change, when the window gets the focus and every
// minute, and a new day counts as a change (lights and reminders move).
import { listen } from "@tauri-apps/api/event";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";

import { CHANGED_EVENT } from "../api/generated/events";
import { REMINDERS_EVENT } from "../api/reminders";
import { appStatus } from "../api/settings";
import { dataChanged } from "./kept";
import { PageShown } from "./pageShown";

/** Tells its listeners of each change of the data (coalesced). */
interface Changes {
  subscribe(listener: () => void): () => void;
}

interface AppData {
  changes: Changes;
  /** The app's today, "YYYY-MM-DD". */
  today: string;
}

const NO_CHANGES: Changes = { subscribe: () => () => undefined };
const Context = createContext<AppData>({ changes: NO_CHANGES, today: "" });

/** Changes arriving within this many milliseconds cause one reload. */
const COALESCE_MS = 80;
/** How often today is asked for while nothing happens. */
const TODAY_POLL_MS = 60_000;

/** Mount once, inside the shell, with the `today` of the app_status that opened it. */
export function AppDataProvider({ today: first, children }: { today: string; children: ReactNode }) {
  const [listeners] = useState(() => new Set<() => void>());
  const [changes] = useState<Changes>(() => ({
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  }));
  const [today, setToday] = useState(first);
  const todayRef = useRef(first);
  const timer = useRef<number | null>(null);

  const bump = useCallback(() => {
    // At once, not coalesced: an answer kept from before is out of date now.
    dataChanged();
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = null;
      for (const l of [...listeners]) l();
    }, COALESCE_MS);
  }, [listeners]);

  const refreshToday = useCallback(() => {
    appStatus()
      .then((s) => {
        if (s.today && s.today !== todayRef.current) {
          todayRef.current = s.today;
          setToday(s.today);
          bump();
        }
      })
      .catch(() => {
        /* the next event, focus or poll asks again */
      });
  }, [bump]);

  useEffect(() => {
    const changed = () => {
      bump();
      refreshToday();
    };
    const offs = [listen(CHANGED_EVENT, changed), listen(REMINDERS_EVENT, changed)];
    window.addEventListener("focus", refreshToday);
    const poll = window.setInterval(refreshToday, TODAY_POLL_MS);
    return () => {
      for (const off of offs) void off.then((f) => f());
      window.removeEventListener("focus", refreshToday);
      window.clearInterval(poll);
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, [bump, refreshToday]);

  const value = useMemo(() => ({ changes, today }), [changes, today]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The app's today, "YYYY-MM-DD" (never the computer's clock). */
export function useToday(): string {
  return useContext(Context).today;
}

/**
 * Runs `load` now, again when `load` changes (new inputs, e.g. a filter), and
 * after every change of the data: what a page or a panel shows stays current.
 * `load` must be stable (useCallback), or it would run at every render.
 * `onReturn`: see useChanged.
 */
export function useLoad(load: () => unknown, onReturn?: () => void): void {
  useEffect(() => {
    void load();
  }, [load]);
  useChanged(load, onReturn);
}

/**
 * Runs `reload` after every change of the data (not on mount: a page loads
 * itself). One reload at a time: changes during a reload cause one more.
 * Nothing is drawn again by the change itself, only by what `reload` sets.
 *
 * In a kept page hidden behind another (hooks/pageShown.tsx), a change is
 * only noted: `reload` runs when the page is shown again, with `onReturn`
 * called just before it, before the first paint (a page puts its spinner on
 * there, so what it showed before the change does not pass for current).
 */
export function useChanged(reload: () => unknown, onReturn?: () => void): void {
  const { changes } = useContext(Context);
  const shown = useContext(PageShown);
  const latest = useRef({ reload, onReturn });
  useEffect(() => {
    latest.current = { reload, onReturn };
  });
  useEffect(() => {
    let running = false;
    let again = false;
    let missed = false;
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          await latest.current.reload();
        } while (again);
      } finally {
        running = false;
      }
    };
    const offChanges = changes.subscribe(() => {
      if (shown.now()) void run();
      else missed = true;
    });
    const offShown = shown.subscribe(() => {
      if (!shown.now() || !missed) return;
      missed = false;
      latest.current.onReturn?.();
      void run();
    });
    return () => {
      offChanges();
      offShown();
    };
  }, [changes, shown]);
}
