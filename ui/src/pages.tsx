// The pages of the app, in menu order. The left-hand menu and the routes are
// built from this list only, so the menu shows exactly the pages that exist.
// A new page is one entry { path, label, icon, element } in menu order, 设置 last.
import type { ReactNode } from "react";
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
import AssessmentPage from "./pages/assessment/AssessmentPage";
import BulletinsPage from "./pages/bulletins/BulletinsPage";
import CalendarPage from "./pages/calendar/CalendarPage";
import CirculationPage from "./pages/circulation/CirculationPage";
import CountersignsPage from "./pages/countersigns/CountersignsPage";
import DashboardPage from "./pages/dashboard/DashboardPage";
import DocumentsPage from "./pages/documents/DocumentsPage";
import ImportsPage from "./pages/imports/ImportsPage";
import InspectionsPage from "./pages/inspections/InspectionsPage";
import LedgerPage from "./pages/ledger/LedgerPage";
import OpinionPage from "./pages/opinion/OpinionPage";
import OrgPage from "./pages/org/OrgPage";
import OutgoingPage from "./pages/outgoing/OutgoingPage";
import RectificationsPage from "./pages/rectifications/RectificationsPage";
import RoundsPage from "./pages/rounds/RoundsPage";
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
  { path: "/dashboard", label: "工作台", icon: <DashboardOutlined />, element: <DashboardPage /> },
  { path: "/ledger", label: "督办台账", icon: <TableOutlined />, element: <LedgerPage /> },
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
