#!/usr/bin/env bash
# The end-to-end tests of the real window, on a display, bus and notification
# server of their own, with fresh XDG folders. Every process started here is
# stopped by its PID from the trap.
#
#   bash scripts/e2e.sh                      # build the UI and the e2e app, run every test file
#   bash scripts/e2e.sh smoke.test.mjs       # only some files (names relative to tests/e2e/)
#   bash scripts/e2e.sh --no-build ...       # use the binary already built (scripts/test.sh does)
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

build=1
if [ "${1:-}" = "--no-build" ]; then
  build=0
  shift
fi
if ((build)); then
  build_ui || exit 1
  build_e2e_app || exit 1
fi
[ -x "$E2E_BIN" ] || { echo "no e2e build at $E2E_BIN" >&2; exit 1; }

RUN_DIR="$ROOT/tests/e2e/.run"
pids=()
cleanup() {
  local i f
  # the process groups of tauri-driver (and WebKitWebDriver and the app under
  # it) that the harness started, should a test process have died without closing
  for f in "$RUN_DIR"/*/driver.pgid; do
    [ -f "$f" ] || continue
    kill -9 -- "-$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
  done
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    for _ in $(seq 1 15); do
      kill -0 "${pids[i]}" 2>/dev/null || break
      sleep 0.2
    done
    kill -9 "${pids[i]}" 2>/dev/null || true
  done
  pids=()
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR/xdg"/{data,config,cache,runtime}
chmod 700 "$RUN_DIR/xdg/runtime"
export XDG_DATA_HOME="$RUN_DIR/xdg/data" XDG_CONFIG_HOME="$RUN_DIR/xdg/config"
export XDG_CACHE_HOME="$RUN_DIR/xdg/cache" XDG_RUNTIME_DIR="$RUN_DIR/xdg/runtime"
export NO_AT_BRIDGE=1 GTK_A11Y=none
unset DUBAN_DB DUBAN_E2E_NOW DUBAN_E2E_PICK

# A display of our own: Xvfb picks a free number and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$RUN_DIR/display" >"$RUN_DIR/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  [ -s "$RUN_DIR/display" ] && break
  sleep 0.1
done
if [ ! -s "$RUN_DIR/display" ]; then
  echo "Xvfb did not start:" >&2
  cat "$RUN_DIR/xvfb.log" >&2
  exit 1
fi
export DISPLAY=":$(tr -d '[:space:]' <"$RUN_DIR/display")"

# A private session bus: single instance and notifications talk over it.
bus="$(dbus-daemon --session --fork --print-address=1 --print-pid=1)" || exit 1
pids+=("$(sed -n 2p <<<"$bus")")
export DBUS_SESSION_BUS_ADDRESS="$(sed -n 1p <<<"$bus")"

# A notification server (each test file's harness logs what its app asks it
# to show with a dbus-monitor of its own: tests/e2e/.run/<name>/notifications.log).
dunst >"$RUN_DIR/dunst.log" 2>&1 &
pids+=($!)
export DUBAN_APP="$E2E_BIN"
export TAURI_DRIVER="${TAURI_DRIVER:-$(command -v tauri-driver)}"

cd "$ROOT/tests/e2e"
if (($#)); then
  node --test --test-concurrency=1 --test-reporter=spec "$@"
else
  node --test --test-concurrency=1 --test-reporter=spec .
fi
rc=$?
cleanup
exit $rc
