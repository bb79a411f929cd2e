// A mark at the first paint after `ready` turns true: the moment (epoch ms)
// is kept in `window.__dubanMarks[name]` (and as `performance.mark(name)`),
// which the window benchmark (scripts/bench-window.sh) reads to time the
// start-up and the 工作台 from inside the page.
import { useEffect, useRef } from "react";

type Marked = Window & { __dubanMarks?: Record<string, number> };

export function usePaintedMark(name: string, ready: boolean) {
  const marked = useRef(false);
  useEffect(() => {
    if (!ready || marked.current) return;
    marked.current = true;
    requestAnimationFrame(() => {
      const w = window as Marked;
      w.__dubanMarks = { ...w.__dubanMarks, [name]: performance.timeOrigin + performance.now() };
      performance.mark(name);
    });
  }, [name, ready]);
}
