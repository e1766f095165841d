"""The supervisor's dashboard with its tables sorted and the agents filtered, at the issue's size:
what a new snapshot costs when the agents are sorted by load and the loads change every snapshot
(the rows reorder: a layout change, not a reset), the 1 s tick, a keystroke in the agents filter,
and a snapshot while filtered. The unsorted figures are ``bench_dashboard_view.py``'s.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_dashboard_sorting.py [--agents 500]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_dashboard_view import dashboard_view, ms, snapshot
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agents", type=int, default=500)
    args = parser.parse_args()
    app = QApplication([])
    view = dashboard_view(app)
    view.show_snapshot(snapshot(args.agents, 33, 200, 50))
    app.processEvents()
    view.agents_table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    view.waiting_table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    view.queues_table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    view.agents_table.setCurrentIndex(view.agents.index(40, 0))
    rng = random.Random(1)
    shown = []
    for _ in range(10):
        snap = snapshot(args.agents, 33, 200, 50)
        for agent in snap.dashboard.agents:  # type: ignore[attr-defined]
            object.__setattr__(agent, "load", rng.randint(0, 6))
        started = time.perf_counter()
        view.show_snapshot(snap)
        app.processEvents()
        shown.append(time.perf_counter() - started)
    ticks = []
    for _ in range(30):
        started = time.perf_counter()
        view.tick()
        app.processEvents()
        ticks.append(time.perf_counter() - started)
    typed = []
    for text in ("k", "kf", "kf1", "kf12", "kf1", "kf", "k", ""):
        started = time.perf_counter()
        view.agents_filter.setText(text)
        app.processEvents()
        typed.append(time.perf_counter() - started)
    view.agents_filter.setText("kf1")
    filtered = []
    for _ in range(10):
        started = time.perf_counter()
        view.show_snapshot(snapshot(args.agents, 33, 200, 50))
        app.processEvents()
        filtered.append(time.perf_counter() - started)
    print(f"dashboard view sorted and filtered, {args.agents} agents, 99 queues, 200 waiting, 50 alerts")
    print(f"  a new snapshot, agents sorted by load (loads changing), waits sorted: {ms(shown)}")
    print(f"  the 1 s tick of the waits: {ms(ticks)}")
    print(f"  a keystroke in the agents filter: {ms(typed)}")
    print(f"  a new snapshot while the agents are filtered ({len(view.agents.rows)} shown): {ms(filtered)}")
    view.close()
    view.background.close()


if __name__ == "__main__":
    main()
