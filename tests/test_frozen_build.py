"""The PyInstaller spec builds, and the built application starts (offscreen): it prints its
version, and ``--demo`` starts the demo service from the same executable, logs in and opens the
window, then quits cleanly on SIGTERM. Building takes about a minute; this keeps ``build.spec``
from rotting between releases."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.demo_process import run_demo_until_logged_in

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
    _url, text = run_demo_until_logged_in(
        [str(frozen_app), "--demo", "--lang", "zh_CN"], env, tmp_path, tmp_path / "data"
    )
    assert "kf001" in text and "demo1234" in text
