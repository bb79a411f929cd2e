// Widgets shown at the right of the header (e.g. the reminder bell).
// A new widget is one component that takes no props, added to this list.
import type { ComponentType } from "react";
import ReminderBell from "./components/ReminderBell";

export const headerWidgets: ComponentType[] = [ReminderBell];
