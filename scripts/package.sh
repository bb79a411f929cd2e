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
# libwebkit2gtk-4.1-0 ...), without the architecture suffix. With merged /usr
# a library is found under /lib or /usr/lib, whichever dpkg recorded.
package_of() {
  local lib="$1" real cand
  real="$(readlink -f "$lib")"
  for cand in "$lib" "$real" "/usr$lib" "/usr$real" "${lib#/usr}" "${real#/usr}"; do
    if dpkg -S "$cand" >/dev/null 2>&1; then
      dpkg -S "$cand" 2>/dev/null | head -1 | cut -d: -f1
      return 0
    fi
  done
  echo "package.sh: no package ships $lib (left out of Depends)" >&2
}
# Only the libraries the binaries name themselves (NEEDED); apt brings the rest.
libs="$(for b in "$pkg/usr/bin/"*; do
  needed="$(objdump -p "$b" | awk '/NEEDED/ {print $2}')"
  ldd "$b" | awk -v want="$needed" 'BEGIN {split(want, w, "\n"); for (i in w) keep[w[i]] = 1}
    /=> \// && ($1 in keep) {print $3}'
done | sort -u)"
depends="$(for l in $libs; do package_of "$l"; done | sort -u | paste -sd, - | sed 's/,/, /g')"
# No library names a font, but every word of the window is Chinese: without a
# CJK font WebKit draws boxes. The theme's first choice (ui/src/theme.json),
# or one of the two fonts it falls back to.
depends="$depends, fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei"
for needed in libc6 libgtk-3-0 libwebkit2gtk-4.1-0; do
  case ", $depends," in
    *", $needed,"*) ;;
    *) echo "package.sh: $needed missing from Depends ($depends)" >&2; exit 1 ;;
  esac
done

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
