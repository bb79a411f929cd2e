// A performance mark (`performance.mark(name)`) at the first paint after
// `ready` turns true: what the window benchmark (scripts/bench-window.sh)
// reads to time the start-up and the 工作台 from inside the page.
import { useEffect, useRef } from "react";

export function usePaintedMark(name: string, ready: boolean) {
  const marked = useRef(false);
  useEffect(() => {
    if (!ready || marked.current) return;
    marked.current = true;
    requestAnimationFrame(() => performance.mark(name));
  }, [name, ready]);
}
