// Answers kept between the visits of a page, until the data changes.
//
// A page that opens again shows what it showed when it closed, in its first
// paint, if the data has not changed since: the 工作台 and 督办台账 drew
// themselves twice on every visit (empty, then with the answer), which on
// the office's 2-core machine cost more than the query. "Changed" is the
// app's one notion of it (hooks/appData.tsx): every change event, scheduled
// check and new day calls `dataChanged()` before the pages reload, so an
// answer kept from before a change is never shown as current.
//
// A slot holds one answer (the newest key asked): `fetchKept("ledger",
// filterKey, load)` keeps the ledger's current page, not every filter typed.
// The hook for a page is `useKept` (hooks/useKept.ts).
interface Entry {
  key: string;
  /** `generation` when the answer was asked for. */
  generation: number;
  answer: Promise<unknown>;
  /** Set once the answer has arrived. */
  arrived?: { value: unknown };
}

let generation = 0;
const slots = new Map<string, Entry>();

/** The data changed (or the day did): every kept answer is out of date. */
export function dataChanged(): void {
  generation += 1;
}

/**
 * The answer for `slot`/`key`: the kept one (arrived or under way) if it was
 * asked for since the last change, else `load()`'s, which is kept.
 */
export function fetchKept<T>(slot: string, key: string, load: () => Promise<T>): Promise<T> {
  const kept = slots.get(slot);
  if (kept && kept.key === key && kept.generation === generation) return kept.answer as Promise<T>;
  const entry: Entry = { key, generation, answer: load() };
  slots.set(slot, entry);
  entry.answer.then(
    (value) => {
      entry.arrived = { value };
    },
    () => {
      // A failure is not kept: the next visit asks again.
      if (slots.get(slot) === entry) slots.delete(slot);
    },
  );
  return entry.answer as Promise<T>;
}

/** The kept answer for `slot`/`key` if it has arrived and is current. */
export function keptNow<T>(slot: string, key: string): T | undefined {
  const kept = slots.get(slot);
  if (!kept || kept.key !== key || kept.generation !== generation || !kept.arrived) return undefined;
  return kept.arrived.value as T;
}
