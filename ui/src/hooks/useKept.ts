// A page's data kept between its visits (the store: hooks/kept.ts).
import { useCallback, useState } from "react";

import { reportError } from "../feedback";
import { useLoad } from "./appData";
import { fetchKept, keptNow } from "./kept";

/**
 * A page's answer for `slot`: the kept one in the first paint when it is
 * current, else null until `load` answers; asked again after every change.
 * `load` must be stable (a module function or useCallback).
 */
export function useKept<T>(slot: string, load: () => Promise<T>): T | null {
  const [value, setValue] = useState<T | null>(() => keptNow<T>(slot, "") ?? null);
  const fetch = useCallback(
    () =>
      fetchKept(slot, "", load)
        .then(setValue)
        .catch((e: unknown) => reportError(e)),
    [slot, load],
  );
  useLoad(fetch);
  return value;
}
