#!/usr/bin/env bash
# README command 1: install whatever is missing, build the UI and the app,
# and launch 督查督办台账. Data lives in ~/.local/share/duban/ (or $DUBAN_DB).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bash "$ROOT/scripts/setup.sh"
say "Building the UI"
build_ui
say "Building the app (release)"
build_release_app
say "Starting 督查督办台账 ($RELEASE_BIN)"
exec "$RELEASE_BIN" "$@"
