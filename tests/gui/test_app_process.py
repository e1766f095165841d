"""``python -m workstation.app --demo`` as a real process (offscreen): it starts the demo service as
its child, prints where it listens and the demo accounts, opens the window, and on SIGTERM quits
cleanly and stops its child service."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM semantics differ on Windows")
def test_demo_process_starts_logs_in_and_stops_its_service(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1",
               WORKSTATION_DATA_DIR=str(tmp_path / "data"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "workstation.app", "--demo", "--lang", "zh_CN"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout or []), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 90
        while not any("Demo service listening on" in line for line in lines):
            assert proc.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(0.1)
        url = next(line for line in lines if "Demo service listening on" in line).split()[-1]
        assert requests.get(url + "/v1/health", timeout=5).ok
        text = "".join(lines)
        assert "kf001" in text and "demo1234" in text
        # The window logs in: the demo's cache appears under the run directory.
        run_dir = tmp_path / "data" / "demo" / f"run-{proc.pid}"
        deadline = time.monotonic() + 60
        while not list((run_dir / "client").rglob("*.db")):
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
    # The child service is gone with the app, and so is its run directory.
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/v1/health", timeout=2)
    assert not run_dir.exists()
    assert "Traceback" not in "".join(lines), "".join(lines)
