"""``python -m workstation.app --demo`` as a real process (offscreen): it starts the demo service as
its child, prints where it listens and the demo accounts, opens the window, and on SIGTERM quits
cleanly and stops its child service."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.demo_process import run_demo_until_logged_in

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM semantics differ on Windows")
def test_demo_process_starts_logs_in_and_stops_its_service(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1",
               WORKSTATION_DATA_DIR=str(tmp_path / "data"))
    _url, text = run_demo_until_logged_in(
        [sys.executable, "-m", "workstation.app", "--demo", "--lang", "zh_CN"], env, ROOT, tmp_path / "data"
    )
    assert "kf001" in text and "demo1234" in text
