#!/usr/bin/env bash
# Installs only what is missing: Debian packages (checked with dpkg -s), the
# Rust components, the npm packages of ui/ and tests/e2e/, and tauri-driver.
# Safe to run again; a warm machine skips every step.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# LibreOffice (without its GUI): the core tests render the workbooks and the
# Word 通报 we write to PDF and read the pages, as a clerk opening them would
# see them (tests/core/print.rs, tests/core/bulletins/render.rs); pdftotext
# (poppler-utils) reads the text of a rendered Word 通报 (tests/core/outgoing.rs).
PACKAGES=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev
  libsoup-3.0-dev build-essential pkg-config libxdo-dev libssl-dev file xvfb xauth
  dbus dbus-x11 webkit2gtk-driver dunst fonts-noto-cjk time
  libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  say "Installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

command -v cargo >/dev/null || { echo "未找到 cargo：请先安装 Rust（rustup）。" >&2; exit 1; }
for c in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$c"; then
    say "Adding Rust component $c"
    rustup component add "$c"
  fi
done

command -v node >/dev/null || { echo "未找到 Node.js：请安装 Node.js 20.19 或更新版本。" >&2; exit 1; }
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "Node.js $(node --version) 太旧：需要 20.19 或更新版本。" >&2
  exit 1
fi

# npm ci when node_modules is missing or older than the lock file.
npm_deps() {
  local dir="$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "npm ci in ${dir#"$ROOT"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts)
  fi
}
npm_deps "$ROOT/ui"
npm_deps "$ROOT/tests/e2e"

if ! command -v tauri-driver >/dev/null; then
  say "Installing tauri-driver into $TOOLS_ROOT"
  mkdir -p "$TOOLS_ROOT"
  CARGO_TARGET_DIR="$TOOLS_ROOT/target" cargo install tauri-driver --version '^2' --locked --root "$TOOLS_ROOT"
fi
