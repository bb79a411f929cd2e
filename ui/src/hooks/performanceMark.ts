// A mark at the first paint after `ready` turns true: the moment (epoch ms)
// is kept in `window.__dubanMarks[name]` (and as `performance.mark(name)`),
// which the window benchmark (scripts/bench-window.sh) reads to time the
// start-up and the 工作台 from inside the page.
import { useEffect, useRef } from "react";

type Marked = Window & { __dubanMarks?: Record<string, number>; __dubanSteps?: Record<string, number> };

/** How long work that can wait waits for the first page at most. */
const FIRST_PAGE_WAIT_MS = 1500;
let firstPainted: () => void = () => undefined;
const firstPage = new Promise<void>((resolve) => {
  firstPainted = resolve;
});

/**
 * Resolves once the first page has painted its data (its first painted mark),
 * or after FIRST_PAGE_WAIT_MS on a page without marks: what can wait (the
 * header's bell scans every reminder too) leaves the 2 cores to the first page.
 */
export function afterFirstPage(): Promise<void> {
  return Promise.race([firstPage, new Promise<void>((resolve) => window.setTimeout(resolve, FIRST_PAGE_WAIT_MS))]);
}

/**
 * A step of the start-up, marked the first time it happens (not when painted):
 * the window benchmark prints the steps as the start-up's breakdown. They are
 * kept in `window.__dubanSteps`, apart from the painted marks, whose number
 * the benchmark waits for.
 */
export function markStep(name: string): void {
  const w = window as Marked;
  if (w.__dubanSteps?.[name] !== undefined) return; // the first time only
  w.__dubanSteps = { ...w.__dubanSteps, [name]: performance.timeOrigin + performance.now() };
}

export function usePaintedMark(name: string, ready: boolean) {
  const marked = useRef(false);
  useEffect(() => {
    if (!ready || marked.current) return;
    marked.current = true;
    markStep(`${name}:committed`);
    requestAnimationFrame(() => {
      const w = window as Marked;
      w.__dubanMarks = { ...w.__dubanMarks, [name]: performance.timeOrigin + performance.now() };
      performance.mark(name);
      firstPainted();
    });
  }, [name, ready]);
}
