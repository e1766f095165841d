"""A colleague's change → the supervisor's dashboard feed holds it, through the real service's live
channel: prints median, p95 and max over ``--n`` status changes made ``--spacing`` seconds apart,
with the floor (one dashboard fetch) from the same run.

    .venv/bin/python benchmarks/bench_dashboard_feed.py [--n 20] [--spacing 1.0]

The service runs in this process (``central.testing.LiveServer``, seeded small); the workstation
side is ``workstation.dashboard.DashboardFeed`` as the dashboard view uses it. With changes closer
together than ``MIN_FETCH_INTERVAL`` (0.5 s) the feed waits that long between fetches: try
``--spacing 0.05`` to see the bound.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--spacing", type=float, default=1.0)
    args = parser.parse_args()

    from central.testing import LiveServer
    from workstation.client import Client
    from workstation.dashboard import DashboardFeed, Snapshot

    tmp = Path(tempfile.mkdtemp())
    server = LiveServer()
    server.start()
    seed = server.seed_basic()
    supervisor = Client.connect(server.url, "s1", "pw-s1", data_dir=tmp)
    agent = Client.connect(server.url, "a2", "pw-a2", data_dir=tmp)
    uid = seed["users"]["a2"]
    changed = threading.Condition()
    last: dict[str, Snapshot] = {}

    def on_snapshot(snap: Snapshot) -> None:
        with changed:
            last["snap"] = snap
            changed.notify_all()

    def status_shown() -> Any:
        snap = last.get("snap")
        if snap is None:
            return None
        return next((a.status for a in snap.dashboard.agents if a.user_id == uid), None)

    feed = DashboardFeed(supervisor.api, supervisor.db, on_snapshot=on_snapshot, poll_interval=60)
    feed.start()
    try:
        time.sleep(1.5)  # connected, first snapshot in
        latencies = []
        for i in range(args.n):
            want = "busy" if i % 2 == 0 else "online"
            started = time.perf_counter()
            agent.api.set_status(want)  # type: ignore[arg-type]
            with changed:
                while status_shown() != want:
                    if not changed.wait(5):
                        raise SystemExit("no snapshot with the change within 5 s")
            latencies.append(time.perf_counter() - started)
            time.sleep(args.spacing)
        floor = []
        for _ in range(10):
            started = time.perf_counter()
            supervisor.api.dashboard()
            floor.append(time.perf_counter() - started)
    finally:
        feed.stop()
    latencies.sort()
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    print(f"status change -> the supervisor's feed holds it, {args.n} changes {args.spacing} s apart:")
    print(
        f"  median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms ({feed.stats.fetches} fetches, {feed.stats.events} live events)"
    )
    print(f"  floor: one dashboard fetch, median {statistics.median(floor) * 1000:.0f} ms")
    supervisor.close()
    agent.close()
    server.stop()


if __name__ == "__main__":
    main()
