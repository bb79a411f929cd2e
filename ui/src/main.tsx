import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { HashRouter } from "react-router-dom";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
// antd's styles, computed at build time (scripts/antd-styles.mjs).
import "./antd-styles.css";
// Spinners and progress bars that move in steps (see the file).
import "./shell/motion.css";
import AppShell, { askStatusEarly } from "./App";
import { pages } from "./pages";
import { prefetchFirstPages } from "./hooks/firstPages";
import { markStep } from "./hooks/performanceMark";

markStep("script");
dayjs.locale("zh-cn");

// Open on the first page itself: the route "/" redirects there, but only
// after the shell's first paint, which put the 工作台's loading one paint
// later (1.3 s at 100,000 items on the 2-core test machine).
if (window.location.hash === "" || window.location.hash === "#/") {
  window.history.replaceState(null, "", `#${pages[0]?.path ?? "/settings"}`);
}

askStatusEarly();
// The 工作台's answers are asked for now, beside app_status (the core has
// them ready: it computed them while the window started).
if (window.location.hash.startsWith("#/dashboard")) prefetchFirstPages();

const root = document.getElementById("root");
if (root) {
  markStep("render");
  createRoot(root).render(
    <StrictMode>
      <HashRouter useTransitions={false}>
        <AppShell />
      </HashRouter>
    </StrictMode>,
  );
}
