// What every page shares about the app's data: a change counter and today.
//
// The Rust side emits CHANGED_EVENT after every successful write (whichever
// page, drawer or test made it) and REMINDERS_EVENT after a scheduled
// reminder check; either bumps the counter, and `useChanged(reload)` reloads
// whatever a page shows (`useLoad(load)` also loads it first). "Today" is the app's clock (`app_status`): the
// Beijing date the core works with, and the test clock in e2e runs. The UI
// never reads the computer's clock (the ESLint no-restricted-syntax rule);
// it asks again after a change, when the window gets the focus and every
// minute, and a new day counts as a change (lights and reminders move).
import { listen } from "@tauri-apps/api/event";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";

import { CHANGED_EVENT } from "../api/generated/events";
import { REMINDERS_EVENT } from "../api/reminders";
import { appStatus } from "../api/settings";
import { dataChanged } from "./kept";

interface AppData {
  /** Bumped after each change of the data (coalesced). */
  version: number;
  /** The app's today, "YYYY-MM-DD". */
  today: string;
}

const Context = createContext<AppData>({ version: 0, today: "" });

/** Changes arriving within this many milliseconds cause one reload. */
const COALESCE_MS = 80;
/** How often today is asked for while nothing happens. */
const TODAY_POLL_MS = 60_000;

/** Mount once, inside the shell, with the `today` of the app_status that opened it. */
export function AppDataProvider({ today: first, children }: { today: string; children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const [today, setToday] = useState(first);
  const todayRef = useRef(first);
  const timer = useRef<number | null>(null);

  const bump = useCallback(() => {
    // At once, not coalesced: an answer kept from before is out of date now.
    dataChanged();
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = null;
      setVersion((v) => v + 1);
    }, COALESCE_MS);
  }, []);

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

  return <Context.Provider value={{ version, today }}>{children}</Context.Provider>;
}

/** The app's today, "YYYY-MM-DD" (never the computer's clock). */
export function useToday(): string {
  return useContext(Context).today;
}

/**
 * Runs `load` now, again when `load` changes (new inputs, e.g. a filter), and
 * after every change of the data: what a page or a panel shows stays current.
 * `load` must be stable (useCallback), or it would run at every render.
 */
export function useLoad(load: () => unknown): void {
  useEffect(() => {
    void load();
  }, [load]);
  useChanged(load);
}

/**
 * Runs `reload` after every change of the data (not on mount: a page loads
 * itself). One reload at a time: changes during a reload cause one more.
 */
export function useChanged(reload: () => unknown): void {
  const { version } = useContext(Context);
  const latest = useRef(reload);
  const seen = useRef(version);
  const running = useRef(false);
  const again = useRef(false);
  useEffect(() => {
    latest.current = reload;
  });
  useEffect(() => {
    if (version === seen.current) return;
    seen.current = version;
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    void (async () => {
      try {
        do {
          again.current = false;
          await latest.current();
        } while (again.current);
      } finally {
        running.current = false;
      }
    })();
  }, [version]);
}
