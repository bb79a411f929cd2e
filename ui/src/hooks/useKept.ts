// A page's data kept between its visits (the store: hooks/kept.ts).
import { useCallback, useState } from "react";

import { reportError } from "../feedback";
import { useLoad } from "./appData";
import { fetchKept, keptNow } from "./kept";

/** A kept answer and whether it is still being asked for the first time. */
export interface KeptState<T> {
  value: T | null;
  /** True until the first answer or failure (a failure is shown by reportError). */
  loading: boolean;
}

/**
 * A page's answer for `slot`: the kept one in the first paint when it is
 * current, else null until `load` answers; asked again after every change.
 * `load` must be stable (a module function or useCallback).
 */
export function useKeptState<T>(slot: string, load: () => Promise<T>): KeptState<T> {
  const [state, setState] = useState<KeptState<T>>(() => {
    const value = keptNow<T>(slot, "") ?? null;
    return { value, loading: value === null };
  });
  const fetch = useCallback(
    () =>
      fetchKept(slot, "", load)
        .then((value) => setState((s) => (s.value === value && !s.loading ? s : { value, loading: false })))
        .catch((e: unknown) => {
          setState((s) => (s.loading ? { ...s, loading: false } : s));
          reportError(e);
        }),
    [slot, load],
  );
  useLoad(fetch);
  return state;
}

/** useKeptState's answer alone. */
export function useKept<T>(slot: string, load: () => Promise<T>): T | null {
  return useKeptState(slot, load).value;
}
