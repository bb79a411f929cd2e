// The shell of the UI: zh_CN antd, the left-hand menu built from ./pages,
// the header (with room for widgets such as the reminder bell), the one
// error/notice host, and the database error screen.
import { Suspense, useEffect, useLayoutEffect, useRef, useState } from "react";
import { App as AntApp, ConfigProvider, Layout, Menu, Result, Spin, Typography } from "antd";
import zhCN from "antd/locale/zh_CN";
import theme from "./theme.json";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { listen } from "@tauri-apps/api/event";
import { pages } from "./pages";
import { headerWidgets } from "./header";
import { FeedbackHost, notifyWarning, reportError } from "./feedback";
import { appStatus } from "./api/settings";
import type { AppStatus } from "./api/generated/AppStatus";
import { SECOND_INSTANCE_EVENT } from "./api/generated/events";
import DbErrorScreen from "./shell/DbErrorScreen";
import { AppDataProvider } from "./hooks/appData";
import { PageShown, shownSource } from "./hooks/pageShown";
import { useShortcuts } from "./shell/shortcuts";
import { markStep } from "./hooks/performanceMark";

function useSecondInstanceNotice() {
  useEffect(() => {
    const off = listen(SECOND_INSTANCE_EVENT, () => {
      notifyWarning("程序已在运行，已切换到当前窗口。");
    });
    return () => {
      void off.then((f) => f());
    };
  }, []);
}

/**
 * How long after the shell is first drawn the kept pages not opened yet are
 * drawn, hidden. By then the first page has painted (the 工作台 with its
 * charts takes about 1.3 s from the process's start at 100,000 items), and
 * the clerk's first visit to 督办台账 only shows it (scripts/bench-window.sh:
 * the first open went from 306–362 ms to that of every later one).
 */
const PREDRAW_AFTER_MS = 2000;

/**
 * The pages marked `kept`: each is mounted when first opened, or drawn hidden
 * a moment after start-up (PREDRAW_AFTER_MS), and then stays mounted, shown
 * only while it is the current page (see PageEntry.kept).
 */
function KeptPages({ current }: { current: string }) {
  const opened = useRef(new Map<string, ReturnType<typeof shownSource>>());
  const [, setPredrawn] = useState(false);
  if (pages.some((p) => p.kept && p.path === current) && !opened.current.has(current)) {
    opened.current.set(current, shownSource());
  }
  useLayoutEffect(() => {
    for (const [path, source] of opened.current) source.set(path === current);
  }, [current]);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      for (const p of pages) {
        if (p.kept && !opened.current.has(p.path)) opened.current.set(p.path, shownSource(false));
      }
      setPredrawn(true);
    }, PREDRAW_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, []);
  return pages.flatMap((p) => {
    const source = opened.current.get(p.path);
    if (!p.kept || !source) return [];
    const shown = p.path === current;
    // A boundary of its own: a page drawn hidden while its code loads must
    // not put the shown page behind the shell's spinner.
    return [
      <div key={p.path} style={shown ? undefined : { display: "none" }} data-kept-page={p.path}>
        <Suspense fallback={shown ? <Spin /> : null}>
          <PageShown.Provider value={source}>{p.element}</PageShown.Provider>
        </Suspense>
      </div>,
    ];
  });
}

function Shell() {
  markStep("shell-render");
  useShortcuts();
  const navigate = useNavigate();
  const location = useLocation();
  const current = pages.find((p) => location.pathname.startsWith(p.path))?.path ?? "";
  const first = pages[0]?.path ?? "/settings";
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider width={200} theme="light" style={{ borderRight: "1px solid #f0f0f0" }}>
        <div style={{ padding: "16px", fontWeight: 600, fontSize: 16 }} data-testid="app-title">
          督查督办台账
        </div>
        <Menu
          mode="inline"
          data-testid="nav"
          selectedKeys={[current]}
          items={pages.map((p) => ({
            key: p.path,
            icon: p.icon,
            label: <span data-testid={`nav-${p.path.slice(1)}`}>{p.label}</span>,
          }))}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: "#fff",
            borderBottom: "1px solid #f0f0f0",
            display: "flex",
            alignItems: "center",
            justifyContent: "space-between",
            padding: "0 24px",
          }}
        >
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
            {pages.find((p) => p.path === current)?.label ?? ""}
          </Typography.Title>
          <div data-testid="header-widgets" style={{ display: "flex", gap: 16, alignItems: "center" }}>
            {headerWidgets.map((W, i) => (
              <W key={i} />
            ))}
          </div>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<Spin />}>
            <KeptPages current={current} />
            <Routes>
              {pages.map((p) => (
                <Route key={p.path} path={`${p.path}/*`} element={p.kept ? null : p.element} />
              ))}
              <Route path="*" element={<Navigate to={first} replace />} />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** The start-up's app_status, asked for before the first render (askStatusEarly). */
let earlyStatus: Promise<AppStatus> | null = null;

/**
 * Asks for app_status now, as the page's script starts: the shell needs it
 * to draw anything, and an effect asks only after the first paint.
 */
export function askStatusEarly(): void {
  earlyStatus = appStatus();
  earlyStatus.catch(() => undefined); // Root reports it
}

/** How long the window stays blank before it says it is opening the database. */
const OPENING_NOTICE_AFTER_MS = 400;

function Root() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // A blank window while app_status is on its way (a few ms): drawing the
  // full-window spinner first cost the 工作台 a whole paint (~120 ms here).
  const [slow, setSlow] = useState(false);
  useSecondInstanceNotice();
  useEffect(() => {
    // Not once app_status has come: setting state then would draw the whole
    // shell again, around the 工作台's first paint.
    if (status) return;
    const timer = window.setTimeout(() => setSlow(true), OPENING_NOTICE_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [status]);
  useEffect(() => {
    markStep("root-mounted");
    const asked = earlyStatus ?? appStatus();
    earlyStatus = null;
    asked
      .then((s) => {
        markStep("status");
        setStatus(s);
      })
      .catch((e: unknown) => {
        setFailed(e instanceof Error ? e.message : String(e));
        reportError(e);
      });
  }, []);
  if (failed) return <Result status="error" title="程序启动失败" subTitle={failed} />;
  if (!status) return slow ? <Spin fullscreen tip="正在打开数据库…" /> : null;
  if (status.open_error) return <DbErrorScreen error={status.open_error} dbPath={status.db_path} />;
  return (
    <AppDataProvider today={status.today}>
      <Shell />
    </AppDataProvider>
  );
}

/** No click ripple: its 2-second fade made the web process paint every frame
 *  after each click (see shell/motion.css). */
const NO_WAVE = { disabled: true } as const;

export default function AppShell() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} wave={NO_WAVE}>
      <AntApp>
        <FeedbackHost />
        <Root />
      </AntApp>
    </ConfigProvider>
  );
}
