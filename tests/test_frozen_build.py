"""The PyInstaller spec builds, and the built application starts (offscreen): it prints its
version, and ``--demo`` starts the demo service from the same executable, logs in and opens the
window, then quits cleanly on SIGTERM. Building takes about a minute; this keeps ``build.spec``
from rotting between releases."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from importlib.metadata import version
from pathlib import Path

import pytest
import requests

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "work"),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=540,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    exe = out / "dist" / "Workstation" / ("Workstation.exe" if os.name == "nt" else "Workstation")
    assert exe.exists()
    # the data files the app looks for at run time
    internal = exe.parent / "_internal"
    for rel in (
        "resources/workstation_zh_CN.qm",
        "resources/style.qss",
        "resources/icons/workstation.svg",
        "central/migrations/env.py",
        "workstation/migrations/env.py",
    ):
        assert (internal / rel).exists(), rel
    return exe


def test_frozen_app_reports_the_package_version(frozen_app: Path) -> None:
    out = subprocess.run([str(frozen_app), "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"Workstation {version('workstation')}"


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM semantics differ on Windows")
def test_frozen_demo_starts_its_service_logs_in_and_quits(frozen_app: Path, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORKSTATION_DATA_DIR=str(tmp_path / "data"))
    env.pop("PYTHONPATH", None)  # nothing from the checkout: the bundle must be self-contained
    proc = subprocess.Popen(
        [str(frozen_app), "--demo", "--lang", "zh_CN"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stdout or []), daemon=True).start()
    try:
        deadline = time.monotonic() + 120
        while not any("Demo service listening on" in line for line in lines):
            assert proc.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(0.1)
        url = next(line for line in lines if "Demo service listening on" in line).split()[-1]
        assert requests.get(url + "/v1/health", timeout=5).ok
        # logged in: the workstation's cache appears under the demo's run directory
        run_dir = tmp_path / "data" / "demo" / f"run-{proc.pid}"
        deadline = time.monotonic() + 90
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
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/v1/health", timeout=2)
    assert "Traceback" not in "".join(lines), "".join(lines)
