"""Floors measured in the same run as the app's figures, so that ratios survive a noisy machine.

* ``bare_window_start()``: process start to a shown, bare PySide6 window (the cold-start floor).
* ``raw_sqlite_insert(rows)``: the same rows inserted with plain ``sqlite3`` executemany in WAL
  mode (the floor for applying a sync).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

_BARE_WINDOW = r"""
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1280, 800); w.show()
def shown():
    print(f"{time.time() - t0:.4f}", flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def bare_window_start(repeat: int = 3) -> list[float]:
    """Seconds from spawning a Python process to a bare QMainWindow being shown, ``repeat`` times."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = []
    for _ in range(repeat):
        t0 = time.time()
        res = subprocess.run(
            [sys.executable, "-c", _BARE_WINDOW, repr(t0)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        out.append(float(res.stdout.strip().splitlines()[-1]))
    return out


def raw_sqlite_insert(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> float:
    """Seconds to insert ``rows`` into a fresh WAL SQLite table with plain executemany."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "floor.db"
        con = sqlite3.connect(path)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        cols = ", ".join(f'"{c}"' for c in columns)
        con.execute(f"CREATE TABLE t ({cols})")
        marks = ", ".join("?" for _ in columns)
        t0 = time.perf_counter()
        with con:
            con.executemany(f"INSERT INTO t VALUES ({marks})", rows)
        elapsed = time.perf_counter() - t0
        con.close()
        return elapsed
