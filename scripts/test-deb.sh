#!/usr/bin/env bash
# The .deb on this machine, as an office's IT person would use it (root only):
# build it, install it with apt (its dependencies come from the archive),
# start the installed app under Xvfb with a fresh data folder and check that
# it opened its database and stays up, run the installed command line, then
# remove the package and check that nothing of it is left in /usr.
#   bash scripts/test-deb.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ "$(id -u)" = 0 ] || { echo "test-deb.sh: needs root (it installs a package)" >&2; exit 1; }

deb="$(bash "$ROOT/scripts/package.sh" | tail -1)"
[ -f "$deb" ] || { echo "test-deb.sh: no package built" >&2; exit 1; }
dpkg-deb --info "$deb" | sed -n '/Package:/,/Description:/p'
case "$(dpkg-deb --field "$deb" Depends)" in
  *fonts-noto-cjk*) ;;
  *) echo "test-deb.sh: the package does not bring a Chinese font" >&2; exit 1 ;;
esac

work="$(mktemp -d)"
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  dpkg -s duban >/dev/null 2>&1 && apt-get remove -y -q duban >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q "$deb" >/dev/null
[ -x /usr/bin/duban-desktop ] && [ -x /usr/bin/duban ] || { echo "test-deb.sh: binaries not installed" >&2; exit 1; }
say "Installed: $(dpkg -s duban | grep '^Version')"

db="$work/data/duban.sqlite3"
/usr/bin/duban --db "$db" init >/dev/null
/usr/bin/duban --db "$db" verify >/dev/null
rm -rf "$work/data"

# Start the installed app on a display and a session bus of its own.
mkdir -p "$work/xdg" "$work/data"
env -i PATH=/usr/bin:/bin HOME="$work" XDG_DATA_HOME="$work/xdg" XDG_CONFIG_HOME="$work/xdg" \
  XDG_CACHE_HOME="$work/xdg" DUBAN_DB="$db" NO_AT_BRIDGE=1 \
  dbus-run-session -- xvfb-run -a /usr/bin/duban-desktop >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 60); do
  [ -f "$db" ] && break
  sleep 0.5
done
sleep 3
if ! kill -0 "$app_pid" 2>/dev/null || [ ! -f "$db" ]; then
  echo "test-deb.sh: the installed app did not start (log below)" >&2
  cat "$work/app.log" >&2
  exit 1
fi
pgrep -f /usr/bin/duban-desktop >/dev/null || { echo "test-deb.sh: no duban-desktop process" >&2; exit 1; }
say "The installed app started and opened its database"
pkill -f /usr/bin/duban-desktop || true
wait "$app_pid" 2>/dev/null || true
app_pid=""

apt-get remove -y -q duban >/dev/null
if [ -e /usr/bin/duban-desktop ] || [ -e /usr/bin/duban ] || [ -e /usr/share/applications/duban.desktop ]; then
  echo "test-deb.sh: files left after removal" >&2
  exit 1
fi
say "Removed; nothing left in /usr"
echo "test-deb.sh: OK"
