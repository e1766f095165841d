"""Running the workstation's demo as a real process (offscreen) and stopping it: shared by the
test of ``python -m workstation.app --demo`` and the one of the frozen (PyInstaller) build."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import requests


def _synced(client_dir: Path) -> bool:
    for db in client_dir.rglob("*.db"):
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
                row = con.execute("SELECT value FROM sync_state WHERE key = 'cursor'").fetchone()
        except sqlite3.Error:
            continue  # not migrated yet, or busy: look again
        if row and row[0]:
            return True
    return False


def run_demo_until_logged_in(
    cmd: list[str], env: dict[str, str], cwd: Path, data_dir: Path
) -> tuple[str, str]:
    """Start ``cmd`` (a demo launch), wait until it prints where its service listens and its
    window has logged in (the cache file appears), then SIGTERM it and require a clean exit.

    Returns ``(service url, everything it printed)``; the service must be gone afterwards.
    """
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stdout or []), daemon=True).start()
    url = ""
    try:
        deadline = time.monotonic() + 120
        while not any("Demo service listening on" in line for line in lines):
            assert proc.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(0.1)
        url = next(line for line in lines if "Demo service listening on" in line).split()[-1]
        assert requests.get(url + "/v1/health", timeout=5).ok
        # logged in: the workstation's cache appears under the demo's run directory
        run_dir = data_dir / "demo" / f"run-{proc.pid}"
        deadline = time.monotonic() + 90
        # the cache file appears while logging in; wait until a first page is stored (the window
        # is up and syncing), so that SIGTERM exercises a normal shutdown, not one mid-login
        while not _synced(run_dir / "client"):
            assert proc.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(0.2)
        time.sleep(1.0)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0, "".join(lines)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    try:
        requests.get(url + "/v1/health", timeout=2)
    except requests.ConnectionError:
        pass
    else:
        raise AssertionError("the demo service outlived its app")
    assert not run_dir.exists(), "the demo's run directory was left behind"
    text = "".join(lines)
    assert "Traceback" not in text, text
    return url, text
