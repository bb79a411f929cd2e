# Shared by scripts/*.sh (sourced, not run). Paths and the build of the app.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The build cache lives outside the clone, so that a fresh clone builds in
# seconds instead of minutes (see docs/development.md).
# /var/cache/duban when it can be written (root, CI), else the user's cache.
CACHE_ROOT=/var/cache/duban
if ! mkdir -p "$CACHE_ROOT" 2>/dev/null || [ ! -w "$CACHE_ROOT" ]; then
  CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/duban"
  mkdir -p "$CACHE_ROOT"
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE_ROOT/target}"
TOOLS_ROOT="${DUBAN_TOOLS_ROOT:-$CACHE_ROOT/tools}"
export PATH="$TOOLS_ROOT/bin:$HOME/.cargo/bin:$PATH"
# Every build of the app uses these features (a self-contained binary that
# loads ui/dist). The same set everywhere, or tauri recompiles.
APP_FEATURES="tauri/custom-protocol"
APP_BIN="$CARGO_TARGET_DIR/debug/duban-desktop"
# What users run (scripts/run.sh, the .deb): a release build, no devtools.
RELEASE_BIN="$CARGO_TARGET_DIR/release/duban-desktop"
# The test build (with the e2e hooks) is copied here, apart from the user's binary.
E2E_BIN="${DUBAN_E2E_BIN:-$CARGO_TARGET_DIR/e2e/duban-desktop}"

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

build_ui() {
  (cd "$ROOT/ui" && npm run --silent build)
}

build_app() {
  (cd "$ROOT" && cargo build -p duban-desktop --bin duban-desktop --features "$APP_FEATURES")
}

build_release_app() {
  (cd "$ROOT" && cargo build --release -p duban-desktop --bin duban-desktop --features "$APP_FEATURES")
}

build_e2e_app() {
  (cd "$ROOT" && cargo build -p duban-desktop --bin duban-desktop --features "$APP_FEATURES,duban-desktop/e2e") &&
    mkdir -p "$(dirname "$E2E_BIN")" &&
    cp -f "$APP_BIN" "$E2E_BIN.tmp" && mv -f "$E2E_BIN.tmp" "$E2E_BIN"
}

# write_bindings DIR: the UI's TypeScript bindings, generated into DIR by the
# shell's duban-bindings program — built with the app's features, so it
# reuses the app's build (no separate test build). The app embeds ui/dist,
# so a first run on a clean clone builds the UI first.
write_bindings() {
  if [ ! -f "$ROOT/ui/dist/index.html" ]; then
    build_ui || return 1
  fi
  (cd "$ROOT" && cargo run -q -p duban-desktop --bin duban-bindings --features "$APP_FEATURES" -- "$1")
}
