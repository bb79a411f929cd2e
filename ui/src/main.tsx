import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { HashRouter } from "react-router-dom";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import AppShell from "./App";

dayjs.locale("zh-cn");

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <HashRouter>
        <AppShell />
      </HashRouter>
    </StrictMode>,
  );
}
