// Writes antd's styles for every component to src/antd-styles.css, at build
// time, so that the window does not compute them at run time.
//
// antd 5 computes each component's CSS in the page the first time the
// component shows (CSS-in-JS); on the office's 2-core machine that was most of
// the 工作台's first paint. The file written here holds the same CSS, and a
// map of what it holds (the `.data-ant-cssinjs-cache-path` rule), which
// @ant-design/cssinjs reads in the page: a component whose style is in the
// map skips computing it. The theme must be the app's (src/theme.json, read
// by both), or the hashes would not match and the page would compute every
// style as before.
//
// Run by `npm run build` and `npm run dev`; the output is not committed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// antd's production class names (the page's), not its development ones:
// set before antd and React are loaded.
process.env.NODE_ENV = "production";
const { createElement: h, Fragment } = await import("react");
const antd = await import("antd");
const { extractStyle } = await import("@ant-design/static-style-extract");

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "src");
const out = path.join(src, "antd-styles.css");
const theme = JSON.parse(fs.readFileSync(path.join(src, "theme.json"), "utf8"));

// The pop-ups static-style-extract leaves out (they need a page to portal
// into) have panels that render in place; their styles go in too.
const panels = ["Drawer", "Modal", "Popconfirm", "Popover", "Tooltip"]
  .map((name) => antd[name]?._InternalPanelDoNotUseOrYouWillBeFired)
  .filter(Boolean);

// And what the default render leaves out that the shell draws at start-up:
// the menu's Sider (a style of its own) and a closed Modal (its style is
// registered while closed, outside the panel's).
const shell = [h(antd.Layout.Sider, { key: "sider" }), h(antd.Modal, { key: "modal", open: false })];

const css = extractStyle((node) =>
  h(
    antd.ConfigProvider,
    { theme },
    h(Fragment, null, node, ...shell, ...panels.map((Panel, i) => h(Panel, { key: `panel-${i}`, title: "-" }))),
  ),
);
fs.writeFileSync(out, css);
console.log(`antd styles: ${(css.length / 1024).toFixed(0)} KB → ${path.relative(process.cwd(), out)}`);
