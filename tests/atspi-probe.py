#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# atspi-probe.py: what a screen reader sees of the running app, through the real AT-SPI
# bus (pyatspi). Driven by tests/test-kiosk-display.c and tests/test-accessibility.c.
#
#   atspi-probe.py window                 the main window's extents, as "x y width height"
#   atspi-probe.py search WORDS           types WORDS into the search box (EditableText)
#                                         and prints how many results the list then holds
#   atspi-probe.py check [--kiosk] PAGE   walks the tree; prints every actionable object
#                                         without a name (and, for a kiosk, every target
#                                         smaller than 48x48 px); exits 1 if there is one
#   atspi-probe.py open-first             opens the first result, as a screen reader would
#   atspi-probe.py preferences            opens Preferences with Ctrl+comma
#   atspi-probe.py press NAME             does the first action of the object named NAME
#   atspi-probe.py watch NAME SECONDS     prints the name/description changes AT-SPI reports
#                                         for objects whose name starts with NAME
#   atspi-probe.py label TEXT SECONDS     waits up to SECONDS for a label whose name starts
#                                         with TEXT and prints its name; exits 1 if none came
import re
import sys
import time

import pyatspi

APP = "signpost"
# Roles a person acts on: each needs a name a screen reader can say.
ACTIONABLE = {
    "push button", "toggle button", "check box", "radio button", "combo box", "entry",
    "password text", "link", "menu item", "check menu item", "radio menu item", "spin button",
    "slider", "switch", "page tab", "list item", "toggle",
}
# GTK 4.8 gives an object with no name its widget type's name instead (GtkToggleButton).
TYPE_NAME = re.compile(r"^(Gtk|Adw|Sp)[A-Z][A-Za-z]+$")
KIOSK_MIN = 48


def find_app(timeout=20.0):
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            if child is not None and child.name == APP and child.childCount > 0:
                return child
        time.sleep(0.2)
    sys.exit(f"atspi-probe: no application called {APP} on the accessibility bus")


def walk(obj, depth=0):
    yield obj, depth
    if depth > 60:
        return
    for child in obj:
        if child is not None:
            yield from walk(child, depth + 1)


def extents(obj):
    try:
        e = obj.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return e.x, e.y, e.width, e.height
    except NotImplementedError:
        return None


def has_name(obj):
    name = (obj.name or "").strip()
    return name != "" and not TYPE_NAME.match(name)


def named_descendant(obj):
    return any(has_name(o) for o, _ in walk(obj) if o is not obj)


def main_window(app):
    for child in app:
        if child is not None and child.getRoleName() == "frame" and child.name.startswith("Signpost"):
            return child
    return app.getChildAtIndex(0)


def cmd_window(app):
    x, y, w, h = extents(main_window(app))
    print(x, y, w, h)


def results_list(app):
    for obj, _ in walk(main_window(app)):
        if obj.getRoleName() == "list" and obj.name == "Results":
            return obj
    return None


def cmd_search(app, words):
    entry = next((o for o, _ in walk(main_window(app))
                  if o.getRoleName() == "entry" and o.name == "Search the directory"), None)
    if entry is None:
        sys.exit("atspi-probe: no search box")
    entry.queryEditableText().setTextContents(words)
    count = 0
    until = time.monotonic() + 15
    while time.monotonic() < until:
        results = results_list(app)
        if results is not None:
            count = sum(1 for c in results if c is not None and c.getRoleName() == "list item")
            if count > 0:
                break
        time.sleep(0.2)
    print(count)


def cmd_check(app, kiosk, page):
    problems = []
    root = main_window(app)
    if page == "preferences":
        root = next((c for c in app if c is not None and c.name == "Preferences"), None)
        if root is None:
            print("preferences: no Preferences window")
            return 1
    for obj, _ in walk(root):
        role = obj.getRoleName()
        if role not in ACTIONABLE:
            continue
        box = extents(obj)
        # Only what is on the screen: a stack's other pages are in the tree too.
        if box is None or box[2] <= 0 or box[3] <= 0:
            continue
        # A list row is read from what it holds.
        if not has_name(obj) and not (role == "list item" and named_descendant(obj)):
            problems.append(f"{page}: {role} with no name ({obj.name!r}) at {box}")
        if kiosk and (box[2] < KIOSK_MIN or box[3] < KIOSK_MIN):
            problems.append(f"{page}: {role} {obj.name!r} is {box[2]}x{box[3]} px, under {KIOSK_MIN}x{KIOSK_MIN}")
    for line in problems:
        print(line)
    return 1 if problems else 0


def cmd_open_first(app):
    results = results_list(app)
    item = next((c for c in results if c is not None and c.getRoleName() == "list item"), None) if results else None
    if item is None:
        sys.exit("atspi-probe: no result to open")
    # GTK 4.8 gives a list row no action and cannot move the focus for AT-SPI: as a
    # keyboard user would, Down from the search box to the first result, then Enter
    # (the key events go through the X server: an X display only).
    for keysym in (0xff54, 0xff0d):
        pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
        time.sleep(0.7)
    time.sleep(1.0)
    return 0


def cmd_preferences(app):
    # Ctrl+comma (keycode 37 is Control_L on an X server's default keymap).
    pyatspi.Registry.generateKeyboardEvent(37, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(0x2c, None, pyatspi.KEY_SYM)
    pyatspi.Registry.generateKeyboardEvent(37, None, pyatspi.KEY_RELEASE)
    until = time.monotonic() + 10
    while time.monotonic() < until:
        if any(c is not None and c.name == "Preferences" for c in app):
            return 0
        time.sleep(0.2)
    sys.exit("atspi-probe: Preferences did not open")


def cmd_press(app, name):
    for obj, _ in walk(app):
        if obj.name == name and obj.getRoleName() in ACTIONABLE:
            obj.queryAction().doAction(0)
            return 0
    sys.exit(f"atspi-probe: nothing called {name!r} to press")


def cmd_watch(app, prefix, seconds):
    seen = []

    def changed(event):
        src = event.source
        value = event.any_data if isinstance(event.any_data, str) else ""
        name = src.name if src is not None else ""
        if value.startswith(prefix) or (name or "").startswith(prefix):
            try:
                role = src.getRoleName()
            except Exception:
                role = "?"
            seen.append(f"{event.type}\t{role}\t{value or name}")

    pyatspi.Registry.registerEventListener(changed, "object:property-change:accessible-name",
                                           "object:property-change:accessible-description")
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        pyatspi.Registry.pumpQueuedEvents()
        from gi.repository import GLib
        GLib.MainContext.default().iteration(False)
        time.sleep(0.02)
    for line in seen:
        print(line)
    sys.stdout.flush()
    return 0


def cmd_label(app, prefix, seconds):
    until = time.monotonic() + seconds
    while True:
        for obj, _ in walk(main_window(app)):
            if obj.getRoleName() == "label" and (obj.name or "").startswith(prefix):
                print(obj.name)
                return 0
        if time.monotonic() > until:
            return 1
        time.sleep(0.3)


def main(argv):
    # The session asks for the window until the app is up: a short wait each time.
    app = find_app(2.0 if argv[1] == "window" else 20.0)
    cmd = argv[1]
    if cmd == "window":
        cmd_window(app)
        return 0
    if cmd == "search":
        cmd_search(app, " ".join(argv[2:]))
        return 0
    if cmd == "check":
        kiosk = "--kiosk" in argv
        page = [a for a in argv[2:] if a != "--kiosk"]
        return cmd_check(app, kiosk, page[0] if page else "window")
    if cmd == "preferences":
        return cmd_preferences(app)
    if cmd == "open-first":
        return cmd_open_first(app)
    if cmd == "press":
        return cmd_press(app, argv[2])
    if cmd == "watch":
        return cmd_watch(app, argv[2], float(argv[3]))
    if cmd == "label":
        return cmd_label(app, argv[2], float(argv[3]))
    sys.exit(f"atspi-probe: unknown command {cmd}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
