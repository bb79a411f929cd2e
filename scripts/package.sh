#!/usr/bin/env bash
# Builds the release app and packs it for an office's offline machines:
#   bash scripts/package.sh        # → dist/duban_<version>_<arch>.deb
# The .deb holds the desktop app (/usr/bin/duban-desktop), the command line
# (/usr/bin/duban), a menu entry and icons. Its Depends line is read off the
# built binaries (the Debian package of every shared library they load), so
# apt installs exactly what the app needs, offline from a local mirror or the
# installation media. Built with dpkg-deb (every Debian-based system has it);
# no download during the build.
#
# An AppImage is not built: Tauri's AppImage bundler downloads linuxdeploy
# and its plugins from GitHub at build time, which these machines cannot
# reach. The Windows installer is built on Windows: scripts/package-windows.ps1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bash "$ROOT/scripts/setup.sh"
say "Building the UI"
build_ui
say "Building the release app and command line"
# One cargo run for both binaries: the same features, one build of the dependencies.
(cd "$ROOT" && cargo build --release -p duban-desktop --bin duban-desktop -p duban --bin duban --features "$APP_FEATURES")

version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -1)"
arch="$(dpkg --print-architecture)"
release="$CARGO_TARGET_DIR/release"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
pkg="$stage/duban"
install -Dm755 "$release/duban-desktop" "$pkg/usr/bin/duban-desktop"
install -Dm755 "$release/duban" "$pkg/usr/bin/duban"
install -Dm644 "$ROOT/packaging/duban.desktop" "$pkg/usr/share/applications/duban.desktop"
install -Dm644 "$ROOT/src-tauri/icons/128x128.png" "$pkg/usr/share/icons/hicolor/128x128/apps/duban.png"
install -Dm644 "$ROOT/src-tauri/icons/32x32.png" "$pkg/usr/share/icons/hicolor/32x32/apps/duban.png"
strip --strip-unneeded "$pkg/usr/bin/duban-desktop" "$pkg/usr/bin/duban" 2>/dev/null || true

# The package of every shared library the binaries load (libc6, libgtk-3-0,
# libwebkit2gtk-4.1-0 ...), without the architecture suffix.
depends="$(for b in "$pkg/usr/bin/"*; do ldd "$b"; done |
  awk '/=> \// {print $3}' | sort -u |
  xargs -r dpkg -S 2>/dev/null | cut -d: -f1 | sort -u | paste -sd, - | sed 's/,/, /g')"
[ -n "$depends" ] || { echo "package.sh: could not read the libraries' packages" >&2; exit 1; }

mkdir -p "$pkg/DEBIAN"
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: duban
Version: $version
Architecture: $arch
Maintainer: Duban <duban@localhost>
Section: office
Priority: optional
Depends: $depends
Installed-Size: $(du -sk "$pkg/usr" | cut -f1)
Description: 督查督办台账 — supervision ledger for a tax administration office
 An offline desktop application: register documents and leaders'
 instructions, split them into supervised items, chase deadlines with
 red/yellow/green lights, import partners' Excel sheets, and publish
 the monthly circulation sheet. Includes the duban command line.
CONTROL

mkdir -p "$ROOT/dist"
out="$ROOT/dist/duban_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$pkg" "$out" >/dev/null
say "Wrote $out ($(du -h "$out" | cut -f1))"
echo "$out"
