// The pages of the app, in menu order. The left-hand menu and the routes are
// built from this list only, so the menu shows exactly the pages that exist.
// ADD YOUR PAGE HERE (keep 设置 last): { path, label, icon, element }.
import type { ReactNode } from "react";
import { SettingOutlined } from "@ant-design/icons";
import SettingsPage from "./pages/settings/SettingsPage";

export interface PageEntry {
  /** Route path, e.g. "/ledger"; also the menu key. */
  path: string;
  /** Menu label (Chinese). */
  label: string;
  icon: ReactNode;
  element: ReactNode;
}

export const pages: PageEntry[] = [
  { path: "/settings", label: "设置", icon: <SettingOutlined />, element: <SettingsPage /> },
];
