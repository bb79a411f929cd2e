// Speed of hand (issue 13): Ctrl+K jumps to the current page's search box,
// Ctrl+N opens its 新建 form; Esc closes a drawer or dialog (antd does that
// itself). A page marks its search input data-shortcut="search" and its
// 新建 button data-shortcut="new"; the first one shown wins.
import { useEffect } from "react";

/** The first element matching `selector` that is shown on screen. */
function shown(selector: string): HTMLElement | null {
  for (const el of document.querySelectorAll<HTMLElement>(selector)) {
    if (el.offsetParent !== null) return el;
  }
  return null;
}

export function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const key = e.key.toLowerCase();
      if (key === "k") {
        const input = shown('input[data-shortcut="search"]');
        if (!input) return;
        e.preventDefault();
        input.focus();
        if (input instanceof HTMLInputElement) input.select();
      } else if (key === "n") {
        const button = shown('[data-shortcut="new"]');
        if (!button) return;
        e.preventDefault();
        button.click();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
