"""One workstation per user and data directory: a second launch hands its arguments to the first
and exits; a socket left by a crashed instance does not block the next start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer
from pytestqt.qtbot import QtBot

from workstation.instance import SingleInstance, server_name

ROOT = Path(__file__).resolve().parents[2]


def test_second_instance_hands_over_to_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    name = server_name(tmp_path)
    first = SingleInstance(name)
    assert first.acquire(["--demo"])
    try:
        # a real second launch: another process with the same data directory
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORKSTATION_DATA_DIR=str(tmp_path))
        with qtbot.waitSignal(first.activation_requested, timeout=20000) as blocker:
            proc = subprocess.Popen([sys.executable, "-m", "workstation.app", "--staff-id", "kf009"],
                                    cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    text=True)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == 0, out
        assert "already running" in out
        assert blocker.args == [["--staff-id", "kf009"]]
    finally:
        first.release()


def test_other_data_directories_are_other_instances(qtbot: QtBot, tmp_path: Path) -> None:
    a = SingleInstance(server_name(tmp_path / "a"))
    b = SingleInstance(server_name(tmp_path / "b"))
    try:
        assert a.acquire() and b.acquire()
    finally:
        a.release()
        b.release()


@pytest.mark.skipif(os.name == "nt", reason="named pipes leave nothing behind on Windows")
def test_a_stale_socket_from_a_crash_is_replaced(qtbot: QtBot, tmp_path: Path) -> None:
    name = server_name(tmp_path)
    # what a killed instance leaves: a socket file nobody listens on
    probe = QLocalServer()
    assert probe.listen(name)
    path = probe.fullServerName()
    probe.close()  # a clean close removes the file; a crash does not — recreate it dead
    import socket

    dead = socket.socket(socket.AF_UNIX)
    dead.bind(path)
    dead.close()
    assert os.path.exists(path)
    inst = SingleInstance(name)
    try:
        assert inst.acquire()
    finally:
        inst.release()
