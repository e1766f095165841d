"""Benchmark of the spine: prints figures, asserts nothing (see README "Benchmarks").

    .venv/bin/python benchmarks/bench_spine.py [--rows 100000]

With ``--rows`` conversations (and as many buyers) on a real service process (SQLite):

1. initial sync into an empty cache while the main window is up: rows per second, and the
   largest gap between 10 ms timer ticks on the UI thread (how long the UI could not respond);
   beside a raw ``sqlite3`` executemany of the same rows (the floor);
2. filter time per keystroke on the loaded queue (typing a buyer nickname, letter by letter);
3. cold start: process start to an interactive queue holding all rows (the cache is warm, the
   server reachable), beside a bare PySide6 window started the same way (the floor).

The machine is shared and noisy: compare the ratios to the floors measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import floors

STAFF, PASSWORD = "a1", "pw-a1"

# The cold-start driver: the same steps as the app after login (connect, main window, start),
# timed from the moment the parent spawned the process to the queue holding every row.
_COLD_START = r"""
import os, sys, time
t0 = float(sys.argv[1]); url = sys.argv[2]; data_dir = sys.argv[3]; expect = int(sys.argv[4])
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
import keyring
from keyring.backends.null import Keyring as _Null
app = QApplication(sys.argv[:1])
from workstation.background import Background
from workstation.client import Client
from workstation.settings import Settings
from workstation.views.main_window import MainWindow
bg = Background()
settings = Settings(QSettings(str(Path(data_dir) / "bench.ini"), QSettings.Format.IniFormat))
client = Client.connect(url, "a1", "pw-a1", data_dir=Path(data_dir))
win = MainWindow(client, bg, settings)
win.show()
shown = time.time() - t0
def done(_ids):
    if len(win.queue_view.rows) >= expect:
        print(f"{shown:.4f} {time.time() - t0:.4f}", flush=True)
        app.quit()
win.queue_view.rows_updated.connect(done)
win.start(sync=True)
app.exec()
win.close(); client.close()
"""


def seed_server(rows: int, data: Path):
    from central.demo import bulk_conversations
    from central.testing import ServerProcess

    server = ServerProcess(database_url=f"sqlite:///{data / 'central.db'}").start()
    ids = server.seed_basic()
    shop_id = ids["shops"][0]
    t = time.perf_counter()
    with server.write() as session:
        bulk_conversations(session, shop_id, rows)
    print(f"seeded {rows:,} conversations + buyers on the service in {time.perf_counter() - t:.1f} s")
    return server


def bench_initial_sync(url: str, data_dir: Path, rows: int) -> dict[str, float]:
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from workstation.background import Background
    from workstation.client import Client
    from workstation.settings import Settings
    from workstation.views.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    bg = Background()
    settings = Settings(QSettings(str(data_dir / "bench.ini"), QSettings.Format.IniFormat))
    client = Client.connect(url, STAFF, PASSWORD, data_dir=data_dir)
    win = MainWindow(client, bg, settings)
    win.show()
    app.processEvents()

    gaps: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(10)

    def tick() -> None:
        gaps.append(clock.restart())

    ticker.timeout.connect(tick)
    state: dict[str, float] = {}
    started = time.perf_counter()

    def on_status(status: object) -> None:
        if getattr(status, "state", "") == "online" and getattr(status, "last_synced_at", None):
            state.setdefault("synced", time.perf_counter() - started)

    def on_rows(_ids: object) -> None:
        if len(win.queue_view.rows) >= rows:
            state.setdefault("queue_full", time.perf_counter() - started)

    win.bridge.status_changed.connect(on_status)
    win.queue_view.rows_updated.connect(on_rows)
    clock.start()
    ticker.start()
    win.start(sync=True)
    deadline = time.perf_counter() + 600
    while ("synced" not in state or "queue_full" not in state) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    ticker.stop()
    sync_gaps = gaps[1:]

    with sqlite3.connect(client.db.path) as con:
        n_conv = con.execute("SELECT count(*) FROM conversation").fetchone()[0]
        n_buyer = con.execute("SELECT count(*) FROM buyer").fetchone()[0]
        conv_cols = [r[1] for r in con.execute("PRAGMA table_info(conversation)")]
        conv_rows = con.execute("SELECT * FROM conversation").fetchall()
        buyer_cols = [r[1] for r in con.execute("PRAGMA table_info(buyer)")]
        buyer_rows = con.execute("SELECT * FROM buyer").fetchall()
    floor = floors.raw_sqlite_insert(conv_cols, conv_rows) + floors.raw_sqlite_insert(buyer_cols, buyer_rows)
    pulled = n_conv + n_buyer

    # Filter per keystroke on the loaded queue: all statuses, so every row is a candidate.
    view = win.queue_view
    view.status_combo.setCurrentIndex(view.status_combo.findData("all"))
    app.processEvents()
    word = "买家0_04242"
    per_key: list[float] = []
    for n in range(1, len(word) + 1):
        view.search.setText(word[:n])
        t = time.perf_counter()
        view.refilter()  # what the debounce timer calls: filter + model update + selection kept
        app.processEvents()
        per_key.append((time.perf_counter() - t) * 1000)
    view.search.setText("")
    t = time.perf_counter()
    view.refilter()
    app.processEvents()
    clear_ms = (time.perf_counter() - t) * 1000

    win.close()
    client.close()
    app.processEvents()
    return {
        "rows": float(pulled),
        "sync_s": state.get("synced", float("nan")),
        "queue_full_s": state.get("queue_full", float("nan")),
        "floor_s": floor,
        "gap_max_ms": max(sync_gaps) if sync_gaps else float("nan"),
        "gap_p99_ms": statistics.quantiles(sync_gaps, n=100)[98] if len(sync_gaps) > 100 else float("nan"),
        "ticks": float(len(sync_gaps)),
        "key_median_ms": statistics.median(per_key),
        "key_max_ms": max(per_key),
        "clear_ms": clear_ms,
    }


def bench_cold_start(url: str, data_dir: Path, rows: int, repeat: int) -> list[tuple[float, float]]:
    out = []
    env = dict(os.environ)
    for _ in range(repeat):
        t0 = time.time()
        res = subprocess.run(
            [sys.executable, "-c", _COLD_START, repr(t0), url, str(data_dir), str(rows)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        lines = [ln for ln in res.stdout.splitlines() if ln.strip()]
        if res.returncode != 0 or not lines:
            raise RuntimeError(f"cold start run failed:\n{res.stdout}\n{res.stderr[-3000:]}")
        shown, ready = (float(x) for x in lines[-1].split())
        out.append((shown, ready))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ws-bench-") as tmp:
        root = Path(tmp)
        (root / "client").mkdir()
        os.environ["WORKSTATION_DATA_DIR"] = str(root / "client")
        server = seed_server(args.rows, root)
        try:
            bare = floors.bare_window_start(args.repeat)
            r = bench_initial_sync(server.url, root / "client", args.rows)
            cold = bench_cold_start(server.url, root / "client", args.rows, args.repeat)
        finally:
            server.stop()

    bare_med = statistics.median(bare)
    cold_ready = statistics.median(c[1] for c in cold)
    cold_shown = statistics.median(c[0] for c in cold)
    rate = r["rows"] / r["sync_s"]
    floor_rate = r["rows"] / r["floor_s"]
    print()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(
        f"initial sync: {int(r['rows']):,} rows ({args.rows:,} conversations + buyers) in {r['sync_s']:.2f} s"
        f" = {rate:,.0f} rows/s (target >= 20,000)"
    )
    print(
        f"  floor, raw sqlite3 executemany of the same rows: {floor_rate:,.0f} rows/s"
        f" (sync is {floor_rate / rate:.1f}x slower than the floor)"
    )
    print(f"  queue showing all {args.rows:,} conversations after {r['queue_full_s']:.2f} s")
    print(
        f"  UI event loop during the sync: largest gap between 10 ms ticks {r['gap_max_ms']:.0f} ms"
        f" (target <= 50 ms), p99 {r['gap_p99_ms']:.0f} ms over {int(r['ticks'])} ticks"
    )
    print(
        f"filter per keystroke over {args.rows:,} rows: median {r['key_median_ms']:.1f} ms,"
        f" max {r['key_max_ms']:.1f} ms (target <= 30 ms); clearing the filter {r['clear_ms']:.1f} ms"
    )
    print(
        f"cold start to an interactive queue of {args.rows:,}: median {cold_ready:.2f} s"
        f" (window shown at {cold_shown:.2f} s) over {args.repeat} runs: {[round(c[1], 2) for c in cold]}"
    )
    print(
        f"  floor, bare PySide6 window: median {bare_med:.2f} s {[round(b, 2) for b in bare]}"
        f" -> {cold_ready / bare_med:.1f}x the floor"
    )


if __name__ == "__main__":
    main()
