#!/usr/bin/env bash
# Writes the UI's TypeScript bindings (ui/src/api/generated: the Rust types,
# the command functions, the event names, the error codes, the vocabulary)
# from the Rust sources, replacing the folder (types that no longer exist
# disappear). Run it after changing a type that crosses, a command, an event
# or a label; scripts/test.sh fails while the committed files are stale.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
write_bindings "$out"
rm -rf "$ROOT/ui/src/api/generated"
cp -r "$out" "$ROOT/ui/src/api/generated"
echo "generate-bindings: wrote $(find "$ROOT/ui/src/api/generated" -name '*.ts' | wc -l) files into ui/src/api/generated"
