#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# kiosk-unit-check.sh BUILDDIR: the library-kiosk set-up in data/kiosk/ (TAP).
#   1 systemd-analyze verify accepts the unit (with the build's app standing in for
#     /usr/bin/signpost);
#   2 the settings override names only keys the schema has (glib-compile-schemas);
#   3 the unit's own ExecStart line starts a kiosk under cage (headless, as an unprivileged
#     user): the app opens its directory and draws its first frame, then quits
#     (SIGNPOST_STARTUP_PROBE).
set -u
build=$1
src=${SIGNPOST_SOURCE_ROOT}
unit="$src/data/kiosk/signpost-kiosk.service"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
echo "1..3"

sed "s#/usr/bin/signpost #$build/app/gui/signpost #" "$unit" >"$tmp/signpost-kiosk.service"
if out=$(systemd-analyze verify --man=no "$tmp/signpost-kiosk.service" 2>&1) && [ -z "$out" ]; then
  echo "ok 1 systemd-analyze verify"
else
  echo "$out" | sed 's/^/# /'
  echo "not ok 1 systemd-analyze verify"
fi

mkdir "$tmp/schemas"
cp "$src/data/org.signpost.Signpost.gschema.xml" "$src/data/kiosk/90-signpost-kiosk.gschema.override" "$tmp/schemas/"
if out=$(glib-compile-schemas --strict "$tmp/schemas" 2>&1); then
  echo "ok 2 the settings override fits the schema"
else
  echo "$out" | sed 's/^/# /'
  echo "not ok 2 the settings override fits the schema"
fi

# ExecStart as written, with the build's app and a data folder here.
exec_start=$(sed -n 's/^ExecStart=//p' "$tmp/signpost-kiosk.service" |
             sed "s#/var/lib/signpost-kiosk/signpost#$tmp/data#")
"$SIGNPOST_CLI" import --data-dir "$tmp/data" "$src/data/sample-directory.json" >/dev/null
mkdir -m 700 "$tmp/run"
run_as=""
if [ "$(id -u)" = 0 ]; then
  chown -R 65534:65534 "$tmp"
  run_as="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
# A headless output in software; see README for WLR_NO_HARDWARE_CURSORS.
out=$($run_as env -u DISPLAY -u WAYLAND_DISPLAY -u GTK_A11Y -u GDK_BACKEND -u G_DEBUG HOME="$tmp" XDG_RUNTIME_DIR="$tmp/run" \
      WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 WLR_NO_HARDWARE_CURSORS=1 \
      SIGNPOST_STARTUP_PROBE=1 timeout 60 $exec_start 2>"$tmp/err")
status=$?
if [ $status -eq 0 ] && echo "$out" | grep -q "interactive"; then
  echo "# $out"
  echo "ok 3 the unit's ExecStart starts the kiosk under cage"
else
  sed 's/^/# /' "$tmp/err" | grep -v "Basic output test" | head -20
  echo "not ok 3 the unit's ExecStart starts the kiosk under cage (exit $status)"
fi
