"""The demo launcher (Qt-free): a clear error when the service cannot start, stale run
directories cleaned, and a clean stop."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import requests

from workstation.demo import DemoError, DemoService, clean_stale_runs


def test_a_service_that_exits_gives_a_clear_error_with_its_output(tmp_path: Path) -> None:
    with pytest.raises(DemoError) as err:
        DemoService.start(tmp_path, extra_args=["--no-such-option"], timeout=60)
    text = str(err.value)
    assert "exited" in text and "--no-such-option" in text


def test_stale_run_directories_are_removed(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    (root / "run-999999999").mkdir(parents=True)  # no such process
    (root / f"run-{os.getpid()}").mkdir()  # this process: kept
    (root / "notes").mkdir()
    removed = clean_stale_runs(root)
    assert removed == [root / "run-999999999"]
    assert (root / f"run-{os.getpid()}").exists() and (root / "notes").exists()


@pytest.mark.slow
def test_start_and_stop(tmp_path: Path) -> None:
    demo = DemoService.start(tmp_path, traffic_rate=0)
    try:
        assert demo.url.startswith("http://127.0.0.1:")
        assert requests.get(demo.url + "/v1/health", timeout=5).ok
        assert "kf001" in demo.describe() and "demo1234" in demo.describe()
    finally:
        demo.stop()
    assert not demo.running()
    assert not demo.run_dir.exists()
    with pytest.raises(requests.ConnectionError):
        requests.get(demo.url + "/v1/health", timeout=2)
