#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# check-hub-unit.py: data/signpost-hub.service is a unit systemd accepts, and as locked down as
# the hub allows; run by meson test (hub-unit).
#
#   check-hub-unit.py UNIT HUB_BINARY
#
# systemd-analyze verify wants the unit's program to exist, so a copy of the unit running the
# built hub is verified. systemd-analyze security --offline then rates its exposure.
import os
import re
import shutil
import subprocess
import sys
import tempfile

unit_path, hub = sys.argv[1], sys.argv[2]
problems = []
with open(unit_path, encoding="utf-8") as f:
    unit = f.read()

required = {
    "User": "signpost-hub", "StateDirectory": "signpost", "StateDirectoryMode": "0750",
    "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
    "NoNewPrivileges": "yes", "CapabilityBoundingSet": "", "SystemCallFilter": "@system-service",
    "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX", "KillSignal": "SIGTERM",
}
settings = {}
for line in unit.splitlines():
    match = re.match(r"^([A-Za-z]+)=(.*)$", line)
    if match:
        settings.setdefault(match.group(1), []).append(match.group(2))
for key, value in required.items():
    if value not in settings.get(key, []):
        problems.append(f"{key}={value} is missing")
# The hub writes its data folder (accounts, sessions, pending and approved listing edits), and
# nothing else but its cache: the configuration stays read-only.
if not any("/etc/signpost" in v for v in settings.get("ReadOnlyPaths", [])):
    problems.append("the configuration is not read-only (ReadOnlyPaths)")
if any("/var/lib/signpost" in v for v in settings.get("ReadOnlyPaths", [])):
    problems.append("the data folder is read-only: /manage/ could not save anything")

systemd_analyze = shutil.which("systemd-analyze")
if systemd_analyze is None:
    print("systemd-analyze is not installed (package systemd)")
    sys.exit(1)
with tempfile.TemporaryDirectory() as folder:
    copy = os.path.join(folder, "signpost-hub.service")
    with open(copy, "w", encoding="utf-8") as f:
        f.write(unit.replace("ExecStart=/usr/bin/signpost-hub", f"ExecStart={hub}"))
    verify = subprocess.run([systemd_analyze, "verify", copy], capture_output=True, text=True)
    output = (verify.stdout + verify.stderr).strip()
    if verify.returncode != 0 or output:
        problems.append(f"systemd-analyze verify: {output or verify.returncode}")
    security = subprocess.run([systemd_analyze, "security", "--offline=true", "--no-pager", copy],
                              capture_output=True, text=True)
    match = re.search(r"Overall exposure level for \S+: ([0-9.]+)", security.stdout)
    if match is None:
        problems.append(f"systemd-analyze security gave no rating: {security.stdout[-400:]}{security.stderr[-400:]}")
    else:
        print(f"exposure {match.group(1)} (0 safest, 10 most exposed)")
        if float(match.group(1)) > 2.5:
            problems.append(f"exposure {match.group(1)}, more than 2.5")

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
