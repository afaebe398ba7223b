#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# check-flatpak.py: flatpak/org.signpost.Signpost.yml is a manifest flatpak-builder reads, that
# starts the app, builds what the GNOME runtime lacks, and asks for no more than the app needs.
#
#   check-flatpak.py MANIFEST
#
# Prints TAP. Building it needs the GNOME runtime and SDK from Flathub, which a test machine
# has no network to fetch: this checks the manifest as flatpak-builder parses it.
import json
import shutil
import subprocess
import sys

manifest_path = sys.argv[1]
results = []
builder = shutil.which("flatpak-builder")
if builder is None:
    print("1..1\nnot ok 1 - flatpak-builder is not installed (package flatpak-builder)")
    sys.exit(1)
shown = subprocess.run([builder, "--show-manifest", manifest_path], capture_output=True, text=True)
results.append((shown.returncode == 0, f"flatpak-builder --show-manifest reads it {shown.stderr.strip()[:200]}"))
manifest = json.loads(shown.stdout) if shown.returncode == 0 else {}

results.append((manifest.get("command") == "signpost", f"its command is the app (signpost), not {manifest.get('command')}"))
results.append((manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk",
                "it builds on the GNOME runtime and SDK"))

modules = [m.get("name") for m in manifest.get("modules", [])]
for needed in ("xapian-core", "libqrencode", "libsodium", "libical"):
    results.append((needed in modules, f"it builds {needed}, which the GNOME runtime lacks"))
results.append((bool(modules) and modules[-1] == "signpost", f"Signpost is built last, on them ({modules})"))
unchecked = [s.get("url") for m in manifest.get("modules", []) for s in m.get("sources", [])
             if s.get("type") == "archive" and not s.get("sha256")]
results.append((not unchecked, f"every archive's checksum is checked {unchecked}"))
signpost = next((m for m in manifest.get("modules", []) if m.get("name") == "signpost"), {})
results.append(("-Dtests=false" in signpost.get("config-opts", []), "the app is built without its tests"))

# What the app needs: a window (Wayland, X11 only where there is no Wayland), GPU rendering,
# the network for syncing from its hub. Files and printing go through portals.
allowed = {"--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri", "--share=network"}
extra = [a for a in manifest.get("finish-args", []) if a not in allowed]
results.append((not extra, f"its sandbox asks for nothing more than a window and the network {extra}"))

print(f"1..{len(results)}")
for i, (ok, what) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {what}")
sys.exit(0 if all(ok for ok, _ in results) else 1)
