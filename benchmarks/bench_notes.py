"""Benchmark of order notes written during an outage: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_notes.py [--notes 5000]

On a real service process (SQLite) behind a ``TcpProxy``:

1. the agent's workstation syncs, then the network goes down (the proxy refuses connections);
   ``--notes`` note edits are written through ``workstation.notes.edit_note`` (each one a local
   commit with ``synchronous=FULL``), ten per order, every one from the revision the editor showed
   (the server's, as offline);
2. the network comes back: the real ``SyncLoop`` (as the GUI runs it) is told at once (what the
   live channel or the status bar's retry does) and drains the outbox; we time until every note
   is acknowledged and pulled back, while a 10 ms ``QTimer`` in an offscreen ``QApplication``
   measures the largest gap of the UI thread;
3. bytes on the wire, counted at the proxy, per change (push and the pull that brings the notes
   back).

Floors, same run: the service's own share (edits pushed by a bare ``requests`` loop in batches of
100 on other orders, no client work; at most 1,000, scaled linearly), and the UI gap of the same probe with an
idle sync loop (the machine's own jitter).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

STAFF = "a1"
PER_ORDER = 10


def _orders(server: Any, shop: int, buyer: int, n: int) -> list[int]:
    from central import orders

    lines = [{"sku": "T-001", "title": "测试商品", "specs": "", "quantity": 1, "unit_price_fen": 9900}]
    out = []
    with server.write() as s:
        for _ in range(n):
            order = orders.add_order(s, buyer, lines)
            orders.pay_order(s, order.id)
            out.append(order.id)
    return out


def _probe(app: Any, until: Any, timeout: float) -> tuple[list[float], bool]:
    """Run the Qt event loop with a 10 ms timer until ``until()``; the gaps between ticks (ms)."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    gaps: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    clock.start()
    ticker.start()
    deadline = time.perf_counter() + timeout
    done = False
    next_check = 0.0
    while time.perf_counter() < deadline:
        app.processEvents()
        # the condition is a database read: asked every 50 ms, as a screen refresh would be, so
        # that the probe measures the sync's effect on the UI thread, not its own queries
        if time.perf_counter() >= next_check:
            if until():
                done = True
                break
            next_check = time.perf_counter() + 0.05
        time.sleep(0.001)
    ticker.stop()
    return gaps[1:], done


def _text(i: int) -> str:
    # realistic, growing notes: what agents write on an order over a day
    parts = ["买家要求改地址为上海市浦东新区张江路88号", "已通知仓库", "赠品：抱枕一个", "顺丰发货", "已补发"]
    return "；".join(parts[: 1 + i % len(parts)]) + f"（第{i + 1}次）"


def bare_push_floor(url: str, token: str, orders: list[int], n: int) -> float:
    """Seconds for a bare HTTP client to push ``n`` edits (batches of 100) on ``orders``."""
    import requests

    http = requests.Session()
    http.trust_env = False
    headers = {"X-Workstation-Api": "1", "X-Workstation-App": "bench", "Authorization": f"Bearer {token}"}
    muts = []
    for i in range(n):
        muts.append(
            {
                "seq": i + 1,
                "mutation_id": str(uuid.uuid4()),
                "name": "note.edit@1",
                "args": {
                    "entry_id": str(uuid.uuid4()),
                    "order_id": orders[i // PER_ORDER],
                    "flag": "red",
                    "text": _text(i % PER_ORDER),
                    "reason_code": "address_change",
                    "reason": "",
                    "base_revision": 0,
                    "authored_at": datetime.now(UTC).isoformat(),
                },
                "authored_at": datetime.now(UTC).isoformat(),
            }
        )
    client_id = f"bench-floor-{uuid.uuid4().hex[:8]}"
    t = time.perf_counter()
    for start in range(0, n, 100):
        r = http.post(
            url + "/v1/sync/push",
            json={"client_id": client_id, "mutations": muts[start : start + 100]},
            headers=headers,
            timeout=120,
        )
        r.raise_for_status()
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notes", type=int, default=5000)
    args = parser.parse_args()
    n_notes = args.notes
    n_orders = (n_notes + PER_ORDER - 1) // PER_ORDER

    from PySide6.QtWidgets import QApplication

    from central.testing import ServerProcess, TcpProxy
    from workstation.client import Client
    from workstation.models.cache import OrderNote as CacheNote
    from workstation.notes import edit_note, note_view

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="ws-bench-notes-") as tmp:
        root = Path(tmp)
        (root / "client").mkdir()
        server = ServerProcess(database_url=f"sqlite:///{root / 'central.db'}").start()
        try:
            seed = server.seed_basic()
            shop = seed["shops"][0]
            buyer = seed["buyers"][shop][0]
            t = time.perf_counter()
            mine = _orders(server, shop, buyer, n_orders)
            floor_orders = _orders(server, shop, buyer, (min(n_notes, 1000) + PER_ORDER - 1) // PER_ORDER)
            print(f"seeded {2 * n_orders:,} paid orders in {time.perf_counter() - t:.1f} s")
            with TcpProxy(server.url) as proxy:
                client = Client.connect(proxy.url, STAFF, f"pw-{STAFF}", data_dir=root / "client")
                client.engine.sync_once()
                statuses: list[Any] = []
                loop = client.start_sync(statuses.append, lambda _c: None, poll_interval=30.0, live=True)
                time.sleep(0.5)

                # 1. the outage
                proxy.refuse()
                proxy.cut()
                time.sleep(0.2)
                t = time.perf_counter()
                per_write: list[float] = []
                for i in range(n_notes):
                    order = mine[i // PER_ORDER]
                    w0 = time.perf_counter()
                    edit_note(client.engine, order, "red", _text(i % PER_ORDER), "address_change", "", 0)
                    loop.wake()  # what the editor does after a write
                    per_write.append((time.perf_counter() - w0) * 1000)
                write_s = time.perf_counter() - t
                assert client.engine.pending_count() == n_notes

                # idle floor of the UI probe (the loop is offline and backing off)
                idle_gaps, _ = _probe(app, lambda: False, 5.0)

                # 2. the network is back
                up0, down0 = proxy.bytes_up, proxy.bytes_down
                proxy.restore()
                t = time.perf_counter()
                loop.retry_now()

                def drained() -> bool:
                    return client.engine.pending_count() == 0

                gaps, ok = _probe(app, drained, 120.0)
                pushed_s = time.perf_counter() - t
                # ... and the notes pulled back (the cache shows the server's revision)
                last = mine[(n_notes - 1) // PER_ORDER]

                def pulled() -> bool:
                    with client.db.session() as s:
                        note = s.get(CacheNote, last)
                        return note is not None and note.revision == PER_ORDER

                more, ok2 = _probe(app, pulled, 120.0)
                drain_s = time.perf_counter() - t
                gaps += more
                up, down = proxy.bytes_up - up0, proxy.bytes_down - down0
                loop.stop()
                with client.db.session() as s:
                    view = note_view(s, mine[0])
                client.close()
                token = server.token_for("a2")
            # at most 1,000 edits (scaled): the floor is linear and the machine is shared
            n_floor = min(n_notes, 1000)
            floor_s = bare_push_floor(server.url, token, floor_orders, n_floor) * n_notes / n_floor
        finally:
            server.stop()

    print()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(
        f"written offline: {n_notes:,} notes on {n_orders:,} orders in {write_s:.1f} s"
        f" (median {statistics.median(per_write):.1f} ms, max {max(per_write):.1f} ms per note,"
        " each a commit with synchronous=FULL)"
    )
    print(
        f"drain after the network returned: all acknowledged after {pushed_s:.2f} s,"
        f" pulled back after {drain_s:.2f} s (target <= 10 s){'' if ok and ok2 else '  [TIMED OUT]'}"
    )
    print(
        f"  floor, the service's share (bare HTTP push of {n_floor:,} edits in batches of 100, scaled to"
        f" {n_notes:,}): {floor_s:.2f} s (the drain is {drain_s / floor_s:.1f}x the floor)"
    )
    print(
        f"bytes on the wire: {up / n_notes:,.0f} B up + {down / n_notes:,.0f} B down per change"
        f" ({(up + down) / 1e6:.1f} MB in all, push and pull, headers included)"
    )
    print(
        f"UI thread while draining: largest gap between 10 ms ticks {max(gaps):.0f} ms (target <= 50 ms),"
        f" p99 {statistics.quantiles(gaps, n=100)[98]:.0f} ms over {len(gaps)} ticks"
    )
    print(
        f"  floor, the same probe for 5 s with the loop idle: largest gap {max(idle_gaps):.0f} ms,"
        f" p99 {statistics.quantiles(idle_gaps, n=100)[98]:.0f} ms"
    )
    print(f"  (load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())})")
    print(f"check: first order's note is revision {view.revision}, text {view.text!r}")


if __name__ == "__main__":
    main()
