#!/usr/bin/env bash
# README command 2: install whatever is missing, then run every check and
# test — Rust (fmt, clippy while building, core/cli/doc tests), the generated TypeScript
# types, the UI (tsc strict, eslint, vite build), the app build, and the
# end-to-end tests of the real window under Xvfb. Exits non-zero when any
# step fails; the last line says what happened.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

passed=()
failed=()
started=$SECONDS

# step NAME CMD...: runs a step, records the outcome, keeps going.
step() {
  local name="$1"
  shift
  say "$name"
  local t0=$SECONDS
  if "$@"; then
    passed+=("$name")
    echo "--- $name: ok ($((SECONDS - t0)) s)"
  else
    failed+=("$name")
    echo "--- $name: FAILED ($((SECONDS - t0)) s)" >&2
  fi
}

summary() {
  local total=$((${#passed[@]} + ${#failed[@]}))
  echo
  if ((${#failed[@]})); then
    local list
    list="$(printf '%s; ' "${failed[@]}")"
    echo "test.sh: FAILED — ${#failed[@]} of $total steps failed: ${list%; } ($((SECONDS - started)) s)"
    exit 1
  fi
  echo "test.sh: OK — all $total steps succeeded ($((SECONDS - started)) s)"
}

# The committed TypeScript bindings (ui/src/api/generated) must be what the
# Rust sources give now: generated into a temporary folder and compared,
# files that should no longer exist included. No `#[ts(export)]` either: it
# would make `cargo test` write into ui/ again.
ts_types_fresh() {
  if grep -rn --include='*.rs' 'ts(export' "$ROOT/src" "$ROOT/src-tauri/src"; then
    echo "Remove 'export' from these #[ts(...)] attributes: the bindings are written by scripts/generate-bindings.sh, not by cargo test." >&2
    return 1
  fi
  local tmp
  tmp="$(mktemp -d)"
  if ! write_bindings "$tmp"; then
    rm -rf "$tmp"
    return 1
  fi
  if ! diff -r "$tmp" "$ROOT/ui/src/api/generated" >"$tmp.diff"; then
    cat "$tmp.diff" >&2
    echo "The TypeScript bindings in ui/src/api/generated are stale (diff above: '<' = what the Rust sources give now). Run 'bash scripts/generate-bindings.sh' and commit the result." >&2
    rm -rf "$tmp" "$tmp.diff"
    return 1
  fi
  rm -rf "$tmp" "$tmp.diff"
}

# The e2e tests' calls of Rust commands, type-checked against the generated
# bindings (tests/e2e/tsconfig.json: checkJs on the .mjs files).
e2e_typecheck() { (cd "$ROOT/tests/e2e" && "$ROOT/ui/node_modules/.bin/tsc" --noEmit -p tsconfig.json); }

ui_typecheck() { (cd "$ROOT/ui" && npx --no-install tsc --noEmit -p tsconfig.json); }
ui_lint() { (cd "$ROOT/ui" && npx --no-install eslint --max-warnings 0 .); }

if ! bash "$ROOT/scripts/setup.sh"; then
  failed+=("setup")
  summary
fi

step "cargo fmt --check" cargo fmt --all -- --check
step "tsc --noEmit (strict)" ui_typecheck
step "tsc (e2e tests)" e2e_typecheck
step "eslint" ui_lint
# The app embeds ui/dist, so every Rust step that compiles the shell comes after it.
step "vite build" build_ui
# Clippy lints while the tests and the app are compiled, not in a check build of
# its own: clippy-driver is the rustc of the workspace's crates (exactly what
# `cargo clippy` sets up, with the same clippy.toml and -D warnings), so the
# dependencies are compiled once, for the lints, the tests and the app alike.
# (A separate `cargo clippy` step took 16 of the 60 minutes of a cold run on 2
# cores, most of it checking dependencies that the build compiles anyway.)
# Every cargo step below uses the wrapper, so they share one build of the
# workspace's crates too.
RUSTC_WORKSPACE_WRAPPER="$(rustup which clippy-driver)"
export RUSTC_WORKSPACE_WRAPPER
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
step "cargo clippy (all targets, built for the tests)" cargo test --workspace --all-targets --no-run --features "$APP_FEATURES"
step "cargo clippy (e2e build)" cargo test -p duban-desktop --all-targets --no-run --features "$APP_FEATURES,duban-desktop/e2e"
# A lint error stops those builds; the tests and the app are then built without
# the lints (only the workspace's own crates are compiled again), so they still run.
if [[ " ${failed[*]} " == *" cargo clippy "* ]]; then
  unset RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS
fi
step "TypeScript bindings up to date" ts_types_fresh
step "cargo test" cargo test --workspace --features "$APP_FEATURES"
step "app build" build_app
step "app build (e2e hooks)" build_e2e_app

e2e() {
  if [[ " ${failed[*]} " == *" app build (e2e hooks) "* || " ${failed[*]} " == *" vite build "* ]]; then
    echo "skipped: the app or the UI did not build" >&2
    return 1
  fi
  bash "$ROOT/scripts/e2e.sh" --no-build
}
step "end-to-end tests" e2e

# The .deb an office installs: built in release, installed with apt, launched
# under Xvfb, removed (scripts/test-deb.sh). It installs a package, so only as root.
deb_test() {
  if [ "$(id -u)" != 0 ]; then
    echo "skipped: installing a package needs root" >&2
    return 0
  fi
  bash "$ROOT/scripts/test-deb.sh"
}
step ".deb: build, install, launch, remove" deb_test

summary
