#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# install-check.sh: `meson install` into a temporary folder gives a working Signpost.
#
#   install-check.sh BUILD_DIR
#
# Installs the build with --destdir, then checks what a packager ships: the CLI runs and
# imports, searches and slips the installed sample directory; the app starts headless on it
# (with the installed settings schema, compiled as a package's trigger would) and becomes
# searchable; the desktop file, metainfo, icons, settings schema and translations are where
# a desktop looks for them; the hub starts on the installed directory, answers its API, a
# copy syncs from it, and it stops cleanly; its systemd unit and configuration example are
# where an administrator looks for them. TAP on stdout.
set -u
build=$1

dest=$(mktemp -d -t signpost-install-XXXXXX)
hub_pid=
trap '[ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null; rm -rf "$dest"' EXIT
n=0
failed=0
check() {  # check DESCRIPTION COMMAND…
  n=$((n + 1))
  what=$1; shift
  if out=$("$@" 2>&1); then echo "ok $n - $what"; else echo "not ok $n - $what"; echo "$out" | sed 's/^/# /'; failed=1; fi
}

echo "1..18"
check "meson install --destdir" meson install -C "$build" --no-rebuild --quiet --destdir "$dest"
prefix=$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"))')
datadir=$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="datadir"))')
root="$dest$prefix"
share="$root/$datadir"
data="$dest/data"

check "the CLI is installed and runs" "$root/bin/signpost-cli" --version
check "the installed CLI imports the installed sample directory" \
  "$root/bin/signpost-cli" import --quiet --data-dir "$data" "$share/signpost/sample-directory.json"
check "the installed CLI searches it" sh -c "'$root/bin/signpost-cli' search memory cafe --data-dir '$data' | grep -q 'Memory Café'"
check "the installed CLI makes a slip" sh -c "id=\$('$root/bin/signpost-cli' list --data-dir '$data' | head -n 1 | cut -f 1) && '$root/bin/signpost-cli' slip \"\$id\" --output '$dest/slip.pdf' --data-dir '$data' && test -s '$dest/slip.pdf'"
check "the settings schema is installed and compiles" glib-compile-schemas --strict "$share/glib-2.0/schemas"
check "the app starts headless on the installed schema and becomes searchable" \
  sh -c "GSETTINGS_SCHEMA_DIR='$share/glib-2.0/schemas' GSETTINGS_BACKEND=memory SIGNPOST_STARTUP_PROBE=1 G_DEBUG= ASAN_OPTIONS=detect_leaks=0 timeout 120 '$root/bin/signpost' --data-dir '$data' | grep -q interactive"
check "the desktop file is installed and valid" desktop-file-validate "$share/applications/org.signpost.Signpost.desktop"
check "the metainfo is installed and valid" appstreamcli validate --no-net "$share/metainfo/org.signpost.Signpost.metainfo.xml"
check "the app icon and its symbolic form are installed" \
  test -f "$share/icons/hicolor/scalable/apps/org.signpost.Signpost.svg" -a -f "$share/icons/hicolor/symbolic/apps/org.signpost.Signpost-symbolic.svg"
check "the category icons are installed" sh -c "ls '$share/icons/hicolor/scalable/actions/' | grep -c '^sp-category-' | grep -qv '^0$'"
check "a catalogue is installed for every language in po/LINGUAS" sh -c "
  for lang in \$(grep -v '^#' '$(dirname "$0")/../po/LINGUAS'); do
    test -f '$share/locale/'\$lang/LC_MESSAGES/signpost.mo || { echo \"no catalogue for \$lang\"; exit 1; }
  done"
# The hub, on a free port, serving the data folder the installed CLI filled above.
check "the hub's systemd unit and configuration example are installed" \
  test -f "$root/lib/systemd/system/signpost-hub.service" -a -f "$share/signpost/signpost-hub.conf.example" -a -f "$root/lib/sysusers.d/signpost-hub.conf"
ASAN_OPTIONS=detect_leaks=0 "$root/bin/signpost-hub" --data-dir "$data" --listen 127.0.0.1:0 \
  --cache-dir "$dest/hub-cache" >"$dest/hub.out" 2>"$dest/hub.log" &
hub_pid=$!
url=
for _ in $(seq 300); do
  url=$(sed -n 's/^signpost-hub: listening on //p' "$dest/hub.out")
  [ -n "$url" ] && break
  kill -0 "$hub_pid" 2>/dev/null || break
  sleep 0.1
done
check "the installed hub starts on the installed directory" sh -c "test -n '$url' || { cat '$dest/hub.log'; exit 1; }"
check "the installed hub answers the Open Referral API and finds services" python3 - "$url" <<'PY'
import json, sys, urllib.request
url = sys.argv[1]
with urllib.request.urlopen(url + "/") as answer:
    root = json.load(answer)
assert root["version"] == "HSDS-UK-3.0", root
with urllib.request.urlopen(url + "/services?search=memory%20cafe") as answer:
    page = json.load(answer)
assert page["total_items"] > 0 and any("Memory Caf" in s["name"] for s in page["contents"]), page
PY
check "a copy syncs from the installed hub and finds what it serves" \
  sh -c "'$root/bin/signpost-cli' sync '$url' --data-dir '$dest/copy' && '$root/bin/signpost-cli' search memory cafe --data-dir '$dest/copy' | grep -q 'Memory Café'"
kill -TERM "$hub_pid"
wait "$hub_pid"
hub_status=$?
hub_pid=
check "the installed hub stops cleanly on SIGTERM" sh -c "test $hub_status -eq 0 || { cat '$dest/hub.log'; exit 1; }"
check "the hub logged each request" sh -c "grep -c '\"path\":' '$dest/hub.log' | grep -qv '^0$'"
exit $failed
