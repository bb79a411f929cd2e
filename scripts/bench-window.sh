#!/usr/bin/env bash
# The window's figures at the office's scale (issue 15), beside the command
# line's, on the realistic fixtures of benches/peers (100,000 ledger rows saved
# by openpyxl, 36 returned feedback sheets of 300 rows):
#   1. builds the release command line and the release app with the e2e hooks
#      (file dialogs answered from a file; never a user build);
#   2. imports the ledger into a fresh database with `duban` (not timed), then
#      times `duban import feedback --dry-run` and the real import of the 36
#      sheets on a copy (median of 3);
#   3. drives the app through tests/e2e/bench/window.bench.mjs: start-up,
#      督办台账 open / typed search / filter, 工作台, and the 36 sheets on the
#      导入 page; prints every figure beside its target and the command line's.
#
#   bash scripts/bench-window.sh            # figures in $CARGO_TARGET_DIR/bench-window/figures.json
#   BENCH_NO_BUILD=1 bash scripts/bench-window.sh   # again, with the binaries already built
#
# Needs Python with openpyxl (the fixtures; `pip install openpyxl`) and what
# the e2e tests need (scripts/setup.sh installs it). Takes several minutes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

WORK="$CARGO_TARGET_DIR/bench-window"
mkdir -p "$WORK"
CACHE="$(python3 "$ROOT/benches/peers/fixtures.py")"
LEDGER="$CACHE/ledger-openpyxl.xlsx"
FEEDBACK="$CACHE/feedback"

if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
  say "building the release command line and the release app (with the e2e hooks)"
  build_ui
  (cd "$ROOT" && cargo build --release -p duban --bin duban)
  (cd "$ROOT" && cargo build --release -p duban-desktop --bin duban-desktop --features "$APP_FEATURES,duban-desktop/e2e")
  cp -f "$CARGO_TARGET_DIR/release/duban-desktop" "$WORK/duban-desktop"
fi
# The release app is built again without the hooks by scripts/package.sh.
DUBAN="$CARGO_TARGET_DIR/release/duban"

say "the database: 100,000 items from $LEDGER"
rm -f "$WORK"/base.sqlite3*
"$DUBAN" --db "$WORK/base.sqlite3" init >/dev/null
"$DUBAN" --db "$WORK/base.sqlite3" --operator bench import ledger "$LEDGER" >/dev/null
# The text search's index, as after an import in the window (the command
# line exits before its background indexing ends; a search builds it).
"$DUBAN" --db "$WORK/base.sqlite3" item list --text 纳税服务 >/dev/null

say "the command line: duban import feedback of the 36 sheets (preview, then apply; median of 3)"
ms_of() { # runs "$@", prints its wall time in ms
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
previews=() applies=()
for _ in 1 2 3; do
  rm -f "$WORK"/cli.sqlite3*
  cp "$WORK/base.sqlite3" "$WORK/cli.sqlite3"
  previews+=("$(ms_of "$DUBAN" --db "$WORK/cli.sqlite3" --operator bench import feedback --dry-run "$FEEDBACK"/*.xlsx)")
  applies+=("$(ms_of "$DUBAN" --db "$WORK/cli.sqlite3" --operator bench import feedback "$FEEDBACK"/*.xlsx)")
done
cli_preview=$(median3 "${previews[@]}")
cli_apply=$(median3 "${applies[@]}")
echo "command line: preview ${cli_preview} ms, apply ${cli_apply} ms"

say "the window (release build)"
export BENCH_DB="$WORK/base.sqlite3" BENCH_FEEDBACK="$FEEDBACK" BENCH_OUT="$WORK/figures.json"
export BENCH_CLI="{\"preview_ms\": $cli_preview, \"apply_ms\": $cli_apply}"
DUBAN_E2E_BIN="$WORK/duban-desktop" bash "$ROOT/scripts/e2e.sh" --no-build bench/window.bench.mjs
echo
cat "$WORK/figures.json"
