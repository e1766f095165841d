"""The supervisor's dashboard on the UI thread, at the issue's size: prints what showing a new
snapshot and the one-second tick of the waits cost, and what the app-wide input filter (away after
inactivity) adds per event.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_dashboard_view.py [--agents 500]

The snapshot is built here (500 agents, 33 shops × 3 groups, 200 waiting, 50 alerts); the feed is
not started: this measures the view only. The service side (change → dashboard) is
``bench_dashboard.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget


def snapshot(agents: int, shops: int, waiting: int, alerts: int) -> object:
    from workstation.dashboard import Snapshot
    from workstation.timeutil import utcnow
    from wsprotocol import AgentStats, Alert, Dashboard, QueueStats, SupervisorConfig, WaitingConversation

    now = utcnow()
    groups = ("presale", "aftersale", "complaint")
    dashboard = Dashboard(
        generated_at=now,
        version=1,
        day_start=now - timedelta(hours=10),
        queues=[
            QueueStats(
                shop_id=s,
                group=g,
                waiting=5,
                oldest_waiting_since=now - timedelta(seconds=30 * s),
                sla_seconds=60,
            )
            for s in range(1, shops + 1)
            for g in groups
        ],
        agents=[
            AgentStats(
                user_id=i,
                staff_id=f"kf{i:03d}",
                display_name=f"客服{i}",
                shop_ids=[1],
                groups=["presale"],
                status="online",
                status_since=now,
                load=i % 7,
                capacity=5,
                first_response_avg_s=40,
                response_avg_s=60,
                handled_today=10,
            )
            for i in range(1, agents + 1)
        ],
        waiting=[
            WaitingConversation(
                id=i,
                shop_id=1 + i % shops,
                group=groups[i % 3],
                buyer_id=i,
                buyer_nickname=f"买家{i}",
                waiting_since=now - timedelta(seconds=i),
                last_message_preview="在吗",
                assignment_version=0,
            )
            for i in range(waiting)
        ],
        alerts=[
            Alert(
                key=f"sla_breach:{i}",
                kind="sla_breach",
                since=now,
                shop_id=1,
                group="presale",
                conversation_id=i,
                value=100,
                threshold=60,
            )
            for i in range(alerts)
        ],
        config=SupervisorConfig(),
    )
    return Snapshot(dashboard, utcnow())


def ms(values: list[float]) -> str:
    values = sorted(values)
    return f"median {statistics.median(values) * 1000:.1f} ms, max {values[-1] * 1000:.1f} ms"


def dashboard_view(app: QApplication) -> Any:
    """A dashboard shown at 1500×850 in the light theme, fed by hand (no service: the figures are
    the view's own cost)."""
    from workstation.background import Background
    from workstation.views.dashboard_view import DashboardView
    from workstation.views.theme import apply_theme

    apply_theme(app, "light")
    client = SimpleNamespace(user=SimpleNamespace(id=1, role="supervisor"), api=None, db=None)
    view = DashboardView(client, Background(app))  # type: ignore[arg-type]
    view.resize(1500, 850)
    view.show()
    return view


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument("--shops", type=int, default=33)
    parser.add_argument("--waiting", type=int, default=200)
    parser.add_argument("--alerts", type=int, default=50)
    args = parser.parse_args()
    app = QApplication([])
    from workstation.views.status_control import ActivityFilter

    view = dashboard_view(app)
    snap = snapshot(args.agents, args.shops, args.waiting, args.alerts)
    started = time.perf_counter()
    view.show_snapshot(snap)
    app.processEvents()
    first = time.perf_counter() - started
    shown = []
    for _ in range(10):
        fresh = snapshot(args.agents, args.shops, args.waiting, args.alerts)
        started = time.perf_counter()
        view.show_snapshot(fresh)
        app.processEvents()
        shown.append(time.perf_counter() - started)
    ticks = []
    for _ in range(30):
        started = time.perf_counter()
        view.tick()
        app.processEvents()
        ticks.append(time.perf_counter() - started)
    print(
        f"dashboard view, {args.agents} agents, {args.shops * 3} queues, {args.waiting} waiting, "
        f"{args.alerts} alerts"
    )
    print(f"  first snapshot shown: {first * 1000:.0f} ms")
    print(f"  a new snapshot shown: {ms(shown)}")
    print(f"  the 1 s tick of the waits (with the repaint it asks for): {ms(ticks)}")

    # the app-wide input filter: what it adds to every event the application dispatches
    target = QWidget()
    presence = SimpleNamespace(input_seen=lambda: None)

    def dispatch(n: int = 100_000) -> float:
        for _ in range(n):
            QCoreApplication.postEvent(target, QEvent(QEvent.Type.User))
        t = time.perf_counter()
        app.processEvents()
        return time.perf_counter() - t

    without = min(dispatch() for _ in range(3))
    flt = ActivityFilter(presence)  # type: ignore[arg-type]
    app.installEventFilter(flt)
    with_filter = min(dispatch() for _ in range(3))
    app.removeEventFilter(flt)
    print(
        f"  input filter: {(with_filter - without) / 100_000 * 1e6:.2f} µs per dispatched event "
        f"(100,000 events: {without * 1000:.0f} ms without, {with_filter * 1000:.0f} ms with)"
    )
    view.close()
    view.background.close()


if __name__ == "__main__":
    main()
