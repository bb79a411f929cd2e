// The names of the events the Rust side emits to the window.

/** Emitted once after every successful write command: pages reload what they show. */
export const CHANGED_EVENT = "duban://changed";
