#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# kiosk-session.sh OUT: the session tests/test-real-app.c runs inside a display server
# (cage, or a bare X server) and a private D-Bus session: it starts the real app, then
# looks at it as a person and a screen reader would, writing what it found into OUT/.
#
#   SIGNPOST_GUI, SIGNPOST_DATA      the app and its data folder
#   SIGNPOST_ARGS                    --kiosk, or nothing for the desktop
#   PROBE                            python3 with pyatspi, then atspi-probe.py
#   SCREENSHOT                       grim (Wayland) or nothing
#   WAIT_FOR_PROMPT                  seconds to wait for "Are you still there?" (X only)
set -u
out=$1
"$SIGNPOST_GUI" $SIGNPOST_ARGS --data-dir "$SIGNPOST_DATA" >"$out/app.log" 2>&1 &
app=$!

# The window is there once a screen reader can see it.
i=0
until $PROBE window >"$out/window" 2>>"$out/probe.log"; do
  i=$((i + 1))
  [ $i -lt 30 ] && kill -0 "$app" 2>/dev/null || break
  sleep 0.5
done
# Give the first search a moment (the directory is opened in a thread).
sleep 2
[ -z "${SCREENSHOT:-}" ] || $SCREENSHOT "$out/start.png" 2>>"$out/probe.log"
$PROBE check ${SIGNPOST_ARGS:+--kiosk} start >"$out/a11y-start" 2>>"$out/probe.log"
echo $? >"$out/a11y-start.status"
# What a screen reader hears while a search changes: the count and the correction.
$PROBE watch "" 16 >"$out/events" 2>>"$out/probe.log" &
watcher=$!
sleep 2
$PROBE search memroy >"$out/misspelt" 2>>"$out/probe.log"
$PROBE search carers >"$out/carers" 2>>"$out/probe.log"
$PROBE search memory >"$out/results" 2>>"$out/probe.log"
wait "$watcher"
sleep 1
[ -z "${SCREENSHOT:-}" ] || $SCREENSHOT "$out/results.png" 2>>"$out/probe.log"
$PROBE check ${SIGNPOST_ARGS:+--kiosk} results >"$out/a11y-results" 2>>"$out/probe.log"
echo $? >"$out/a11y-results.status"
if [ -n "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  # Key presses reach the app through the X server: a service, and on the desktop
  # Preferences, walked too.
  $PROBE open-first 2>>"$out/probe.log"
  $PROBE check ${SIGNPOST_ARGS:+--kiosk} service >"$out/a11y-service" 2>>"$out/probe.log"
  echo $? >"$out/a11y-service.status"
  if [ -z "$SIGNPOST_ARGS" ]; then
    $PROBE preferences 2>>"$out/probe.log"
    $PROBE check preferences >"$out/a11y-preferences" 2>>"$out/probe.log"
    echo $? >"$out/a11y-preferences.status"
  fi
  xdotool search --onlyvisible --name '^Signpost$' getwindowgeometry --shell >"$out/x-window" 2>>"$out/probe.log"
  if [ -n "${WAIT_FOR_PROMPT:-}" ]; then
    sleep "$WAIT_FOR_PROMPT"
    # Every window shown: the kiosk, and over it the prompt.
    for w in $(xdotool search --onlyvisible --classname signpost 2>/dev/null); do
      xdotool getwindowgeometry --shell "$w"
    done >"$out/x-windows" 2>>"$out/probe.log"
  fi
fi
kill "$app" 2>/dev/null
wait "$app" 2>/dev/null
exit 0
