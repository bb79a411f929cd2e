// The pages of the app, in menu order. The left-hand menu and the routes are
// built from this list only, so the menu shows exactly the pages that exist.
// A new page is one entry { path, label, icon, element } in menu order, 设置 last;
// its component is imported lazily unless it is the first page or the ledger.
import { lazy, type ReactNode } from "react";
import {
  ApartmentOutlined,
  AlertOutlined,
  AuditOutlined,
  SolutionOutlined,
  FileDoneOutlined,
  NotificationOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  FileTextOutlined,
  ImportOutlined,
  InboxOutlined,
  SettingOutlined,
  TableOutlined,
  TrophyOutlined,
} from "@ant-design/icons";
import DashboardPage from "./pages/dashboard/DashboardPage";
import LedgerPage from "./pages/ledger/LedgerPage";

// Every other page is its own chunk, loaded when first opened: the first
// page paints without parsing them (and ECharts) at start-up.
const AssessmentPage = lazy(() => import("./pages/assessment/AssessmentPage"));
const BulletinsPage = lazy(() => import("./pages/bulletins/BulletinsPage"));
const CalendarPage = lazy(() => import("./pages/calendar/CalendarPage"));
const CirculationPage = lazy(() => import("./pages/circulation/CirculationPage"));
const CountersignsPage = lazy(() => import("./pages/countersigns/CountersignsPage"));
const DocumentsPage = lazy(() => import("./pages/documents/DocumentsPage"));
const ImportsPage = lazy(() => import("./pages/imports/ImportsPage"));
const InspectionsPage = lazy(() => import("./pages/inspections/InspectionsPage"));
const OpinionPage = lazy(() => import("./pages/opinion/OpinionPage"));
const OrgPage = lazy(() => import("./pages/org/OrgPage"));
const OutgoingPage = lazy(() => import("./pages/outgoing/OutgoingPage"));
const RectificationsPage = lazy(() => import("./pages/rectifications/RectificationsPage"));
const RoundsPage = lazy(() => import("./pages/rounds/RoundsPage"));
const SettingsPage = lazy(() => import("./pages/settings/SettingsPage"));

export interface PageEntry {
  /** Route path, e.g. "/ledger"; also the menu key. */
  path: string;
  /** Menu label (Chinese). */
  label: string;
  icon: ReactNode;
  element: ReactNode;
  /**
   * Kept mounted, hidden, when the clerk opens another page: opening it again
   * shows it as it was left (its filter, its page, its scroll) without drawing
   * it again. For the pages opened again and again that cost most to draw.
   * Its reloads (useLoad, useChanged) wait while it is hidden; it puts its
   * drawers and dialogs in WhileShown and closes them with useWhenShown
   * (hooks/pageShown.tsx).
   */
  kept?: boolean;
}

export const pages: PageEntry[] = [
  { path: "/dashboard", label: "工作台", icon: <DashboardOutlined />, element: <DashboardPage /> },
  { path: "/ledger", label: "督办台账", icon: <TableOutlined />, element: <LedgerPage />, kept: true },
  { path: "/documents", label: "收文登记", icon: <FileTextOutlined />, element: <DocumentsPage /> },
  { path: "/countersigns", label: "会签", icon: <SolutionOutlined />, element: <CountersignsPage /> },
  { path: "/imports", label: "导入", icon: <ImportOutlined />, element: <ImportsPage /> },
  { path: "/rounds", label: "报送任务", icon: <InboxOutlined />, element: <RoundsPage /> },
  { path: "/circulation", label: "月度通报", icon: <BarChartOutlined />, element: <CirculationPage /> },
  { path: "/bulletins", label: "通报", icon: <NotificationOutlined />, element: <BulletinsPage /> },
  { path: "/outgoing", label: "发文登记", icon: <FileDoneOutlined />, element: <OutgoingPage /> },
  { path: "/inspections", label: "督查", icon: <AuditOutlined />, element: <InspectionsPage /> },
  { path: "/rectifications", label: "整改台账", icon: <CheckSquareOutlined />, element: <RectificationsPage /> },
  { path: "/assessment", label: "绩效考核", icon: <TrophyOutlined />, element: <AssessmentPage /> },
  { path: "/opinion", label: "舆情", icon: <AlertOutlined />, element: <OpinionPage /> },
  { path: "/org", label: "组织与人员", icon: <ApartmentOutlined />, element: <OrgPage /> },
  { path: "/calendar", label: "日历", icon: <CalendarOutlined />, element: <CalendarPage /> },
  { path: "/settings", label: "设置", icon: <SettingOutlined />, element: <SettingsPage /> },
];
