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
# a desktop looks for them. TAP on stdout.
set -u
build=$1

dest=$(mktemp -d -t signpost-install-XXXXXX)
trap 'rm -rf "$dest"' EXIT
n=0
failed=0
check() {  # check DESCRIPTION COMMAND…
  n=$((n + 1))
  what=$1; shift
  if out=$("$@" 2>&1); then echo "ok $n - $what"; else echo "not ok $n - $what"; echo "$out" | sed 's/^/# /'; failed=1; fi
}

echo "1..12"
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
exit $failed
