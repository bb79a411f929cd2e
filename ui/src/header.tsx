// Widgets shown at the right of the header (e.g. the reminder bell).
// ADD YOUR HEADER WIDGET HERE, as a component that takes no props.
import type { ComponentType } from "react";
import ReminderBell from "./components/ReminderBell";

export const headerWidgets: ComponentType[] = [ReminderBell];
