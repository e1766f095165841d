"""Benchmark of the customer and order panel: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_orders.py [--orders 1000000] [--buyers 300000] [--fresh]

Builds (once; kept in ``$TMPDIR/ws_bench_orders`` between runs) a local cache created by
``workstation.db.LocalDB`` holding ``--orders`` orders, ``--buyers`` buyers, a parcel for 70 % of
the orders and an after-sale case for 5 %, with three buyers of 500 orders each. Then, in this
process:

1. lookups through ``workstation.customers.search`` by order number, tracking number, full phone
   number and last four digits (median and p95 over 200 random keys each), beside the floor: the
   same order-number lookup as one raw ``sqlite3`` query on the same file;
2. search as you type: a nickname and a phone number typed character by character, one search per
   keystroke (what the search box does), with the time of each keystroke;
3. opening a buyer with 500 orders in the customer panel (offscreen): from ``show_buyer`` to the
   first paint of the order list (the newest 60 orders), and to all 500 listed and painted; beside
   the floor: a bare ``QTreeWidget`` of 500 rows from
   ``show`` to its first paint; and ``floors.bare_window_start`` (process start to a bare window);
4. the memory (RSS) of this process with that cache open, the search index built and the panel
   showing.

The machine is shared and noisy: compare the ratios to the floors measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import floors

BIG_BUYERS = 3  # buyers 1..3 have 500 orders each
BIG_ORDERS = 500
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"
NICK_PARTS = [
    "爱吃鱼的猫",
    "sunny",
    "小可爱",
    "tb_",
    "jd_",
    "快乐星球",
    "momo",
    "阿狸",
    "大白",
    "木子",
    "Lucky",
    "糖果",
    "旺仔",
    "喵星人",
    "风中追风",
    "ice",
    "草莓",
    "橙子",
    "星星",
    "kiki",
]
TITLES = [
    "纯棉T恤",
    "加厚羽绒服",
    "北欧风落地灯",
    "不锈钢保温杯",
    "蓝牙耳机",
    "儿童书包",
    "瑜伽垫",
    "四件套床品",
]


def log(text: str) -> None:
    print(text, flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def db_time(moment: datetime) -> str:
    return moment.isoformat(" ", "microseconds")


def wire(moment: datetime) -> str:
    return moment.isoformat() + "+00:00"


def order_no(i: int) -> str:
    # 18 digits, unique (7919 is coprime with 10**17), spread like real order numbers
    return str(3 * 10**17 + (i * 7919) % 10**17)


def tracking_no(i: int) -> str:
    return f"SF{(i * 104729) % 10**13:013d}"


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10)}****{rng.randrange(10000):04d}"


def build_cache(path: Path, n_orders: int, n_buyers: int) -> None:
    """Create the cache through LocalDB (schema by the app's migrations), then fill it with plain
    sqlite3 in one transaction (the generator is not what is being measured)."""
    from workstation.db import LocalDB

    LocalDB.open(path).close()
    rng = random.Random(7)
    now = datetime(2026, 11, 22, 12, 0, 0)
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    t0 = time.perf_counter()
    with con:
        con.executemany(
            "INSERT INTO shop (id, version, name, platform) VALUES (?, 1, ?, ?)",
            [(s, f"店铺{s}", "taobao") for s in range(1, 5)],
        )
        buyers = []
        for b in range(1, n_buyers + 1):
            nick = rng.choice(NICK_PARTS) + str(rng.randrange(100000))
            name = (
                rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
            )
            since = db_time(now - timedelta(days=rng.randrange(1, 2000)))
            buyers.append(
                (
                    b,
                    1,
                    1 + b % 4,
                    nick,
                    name,
                    phone(rng),
                    "浙江省杭州市",
                    rng.randrange(6),
                    since,
                    '["浙江省杭州市"]',
                    '["老客户"]',
                    since,
                    since,
                    3,
                    29900,
                    0,
                )
            )
        con.executemany(
            "INSERT INTO buyer (id, version, shop_id, nickname, name, phone_masked, address_short, "
            "vip_level, created_at, addresses_short, tags, first_contact_at, last_contact_at, order_count, "
            "total_spent_fen, notes_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            buyers,
        )
        del buyers
        item_pool: list[tuple[str, int]] = []
        for k in range(60):
            lines: list[dict[str, Any]] = [
                {
                    "sku": f"SKU-{k}-{j}",
                    "title": TITLES[(k + j) % len(TITLES)],
                    "specs": "颜色:黑色;尺码:XL",
                    "quantity": 1 + j,
                    "unit_price_fen": 1990 + 1000 * ((k + j) % 40),
                }
                for j in range(1 + k % 3)
            ]
            item_pool.append(
                (
                    json.dumps(lines, ensure_ascii=False),
                    sum(int(i["quantity"]) * int(i["unit_price_fen"]) for i in lines),
                )
            )
        discounts = json.dumps([{"label": "店铺优惠券", "amount_fen": 1000}], ensure_ascii=False)
        statuses = (
            ["completed"] * 50
            + ["delivered"] * 15
            + ["shipped"] * 15
            + ["paid"] * 10
            + ["unpaid"] * 5
            + ["closed"] * 3
            + ["refunding"] * 2
        )
        orders = []
        ships = []
        cases = []
        event_pool = []
        for k in range(20):
            t = now - timedelta(hours=k * 7)
            event_pool.append(
                json.dumps(
                    [
                        {
                            "at": wire(t - timedelta(hours=30)),
                            "place": "杭州市",
                            "text": "【杭州市】快件已揽收",
                            "state": "picked_up",
                        },
                        {
                            "at": wire(t - timedelta(hours=12)),
                            "place": "上海转运中心",
                            "text": "快件已到达上海转运中心",
                            "state": "in_transit",
                        },
                        {
                            "at": wire(t),
                            "place": "深圳市",
                            "text": "【深圳市】快件派送中",
                            "state": "out_for_delivery",
                        },
                    ],
                    ensure_ascii=False,
                )
            )
        timeline = json.dumps(
            [{"at": wire(now), "text": "买家申请退款", "actor": "buyer"}], ensure_ascii=False
        )
        for i in range(1, n_orders + 1):
            if i <= BIG_BUYERS * BIG_ORDERS:
                buyer = 1 + (i - 1) // BIG_ORDERS
            else:
                buyer = rng.randrange(BIG_BUYERS + 1, n_buyers + 1)
            status = rng.choice(statuses)
            created = now - timedelta(minutes=rng.randrange(1, 60 * 24 * 400))
            items_json, total = item_pool[i % len(item_pool)]
            paid = None if status in ("unpaid", "closed") else db_time(created + timedelta(minutes=3))
            orders.append(
                (
                    i,
                    1,
                    order_no(i),
                    1 + buyer % 4,
                    buyer,
                    status,
                    db_time(created),
                    paid,
                    items_json,
                    discounts,
                    total,
                    0,
                    0 if paid is None else total - 1000,
                    "收件人",
                    "138****0000",
                    "浙江省杭州市",
                    "",
                    db_time(created),
                )
            )
            if status in ("shipped", "delivered", "completed", "refunding") and rng.random() < 0.9:
                last = created + timedelta(hours=rng.randrange(1, 96))
                state = "delivered" if status in ("delivered", "completed") else "in_transit"
                ships.append(
                    (
                        i,
                        1,
                        i,
                        1 + buyer % 4,
                        rng.choice(["sf", "zto", "yto", "jd"]),
                        tracking_no(i),
                        state,
                        event_pool[i % len(event_pool)],
                        db_time(last),
                        db_time(created),
                    )
                )
            if rng.random() < 0.05:
                cases.append(
                    (
                        i,
                        1,
                        i,
                        1 + buyer % 4,
                        buyer,
                        "refund_only",
                        "不想要了",
                        1000,
                        rng.choice(["requested", "refunded", "closed"]),
                        timeline,
                        db_time(now),
                        db_time(now),
                    )
                )
            if len(orders) >= 50_000:
                _flush(con, orders, ships, cases)
        _flush(con, orders, ships, cases)
    con.execute("ANALYZE")
    con.close()
    log(f"  built in {time.perf_counter() - t0:.1f} s")


def _flush(con: sqlite3.Connection, orders: list, ships: list, cases: list) -> None:
    con.executemany(
        "INSERT INTO shop_order (id, version, order_no, shop_id, buyer_id, status, created_at, paid_at, "
        "items, discounts, item_total_fen, shipping_fee_fen, paid_fen, receiver_name, receiver_phone_masked, "
        f"address_short, buyer_message, updated_at) VALUES ({', '.join('?' * 18)})",
        orders,
    )
    con.executemany(
        "INSERT INTO shipment (id, version, order_id, shop_id, carrier, tracking_no, state, events, "
        "last_event_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ships,
    )
    con.executemany(
        "INSERT INTO aftersale (id, version, order_id, shop_id, buyer_id, kind, reason, amount_fen, state, "
        "timeline, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        cases,
    )
    orders.clear()
    ships.clear()
    cases.clear()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--buyers", type=int, default=300_000)
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached database")
    args = parser.parse_args()

    folder = Path(tempfile.gettempdir()) / "ws_bench_orders"
    path = folder / f"cache-{args.orders}-{args.buyers}.db"
    folder.mkdir(parents=True, exist_ok=True)
    if args.fresh:
        for suffix in ("", "-wal", "-shm", ".lock"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    log(f"cache: {path}")
    if not path.exists():
        log(f"building {args.orders:,} orders, {args.buyers:,} buyers …")
        build_cache(path, args.orders, args.buyers)
    log(f"  file size {path.stat().st_size / 2**20:.0f} MB")

    from workstation.customers import BuyerIndex, search
    from workstation.db import LocalDB

    rss_before = rss_mb()
    db = LocalDB.open(path)
    engine = db.engine
    rng = random.Random(11)
    with engine.connect() as conn:
        raw = conn.exec_driver_sql
        order_keys = [order_no(rng.randrange(1, args.orders + 1)) for _ in range(200)]
        track_ids = [r[0] for r in raw("SELECT tracking_no FROM shipment WHERE id % 997 = 1 LIMIT 200")]
        phones = [r[0] for r in raw("SELECT phone_masked FROM buyer WHERE id % 1499 = 7 LIMIT 200")]
        nickname = raw("SELECT nickname FROM buyer WHERE id = ?", (args.buyers // 2,)).scalar() or ""
        full_phone = raw("SELECT phone_masked FROM buyer WHERE id = ?", (args.buyers // 3,)).scalar() or ""

    # ---- floor: raw sqlite3 indexed lookup on the same file
    con = sqlite3.connect(path)
    times = []
    for key in order_keys:
        t0 = time.perf_counter()
        con.execute("SELECT id, buyer_id FROM shop_order WHERE order_no = ?", (key,)).fetchall()
        times.append(time.perf_counter() - t0)
    con.close()
    floor_lookup = statistics.median(times)
    log("\n1. lookups (median / p95 over 200 keys)")
    log(f"  floor: raw sqlite3 order-number lookup        {ms(floor_lookup)}")

    index = BuyerIndex(engine)
    t0 = time.perf_counter()
    index.refresh()
    log(f"  buyer search index built in {time.perf_counter() - t0:.2f} s ({index.size:,} buyers)")

    def measure(label: str, queries: list[str], expect: bool = True) -> float:
        times = []
        misses = 0
        for q in queries:
            t0 = time.perf_counter()
            res = search(engine, index, q)
            times.append(time.perf_counter() - t0)
            misses += 0 if res.buyers else 1
        med = statistics.median(times)
        note = f" ({misses} found nothing)" if misses and expect else ""
        log(
            f"  {label:<45}{ms(med)} / {ms(percentile(times, 0.95))}   x{med / floor_lookup:,.0f} floor{note}"
        )
        return med

    measure("order number (18 digits)", order_keys)
    measure("order number prefix (first 8 digits)", [k[:8] for k in order_keys])
    measure("tracking number", track_ids)
    measure("full phone (11 digits vs masked)", [p[:3] + "0000" + p[-4:] for p in phones])
    measure("last four digits of a phone", [p[-4:] for p in phones])
    measure("order number that does not exist", ["999999999999999999"] * 50, expect=False)

    from workstation.customers import nudge_list, stuck_list

    when = datetime(2026, 11, 22, 12, 0, 0)  # the generator's "now"
    for label, fn in (("unpaid orders to nudge", nudge_list), ("stuck parcels", stuck_list)):
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            result = fn(engine, [1, 2, 3, 4], when)
            times.append(time.perf_counter() - t0)
        log(f"  work list: {label:<32}{ms(statistics.median(times))} ({result.total:,} rows, 500 read)")

    log("\n2. search as you type (one search per keystroke)")
    for label, text in (("nickname", nickname), ("phone", full_phone.replace("****", "5678"))):
        per_key = []
        for n in range(1, len(text) + 1):
            t0 = time.perf_counter()
            res = search(engine, index, text[:n])
            per_key.append((text[:n], time.perf_counter() - t0, len(res.buyers)))
        worst = max(t for _q, t, _n in per_key)
        log(
            f"  {label} {text!r}: median {ms(statistics.median(t for _q, t, _n in per_key))}, "
            f"worst {ms(worst)}"
        )
        log("    " + ", ".join(f"{q}:{t * 1000:.1f}ms/{n}" for q, t, n in per_key))

    # ---- 3. the panel
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QTreeWidget, QTreeWidgetItem

    from workstation.background import Background
    from workstation.views.customer_view import CustomerPanel

    _app = QApplication.instance() or QApplication(sys.argv[:1])  # kept alive for the run

    waiting: list[Callable[[], None]] = []

    def poke(*_args: object) -> None:
        for check in list(waiting):
            check()

    class PaintWatch(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.painted = False
            self.at = 0.0

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted = True
                self.at = time.perf_counter()
                QTimer.singleShot(0, poke)
            return False

    def wait_until(cond: Callable[[], bool], timeout: float = 10.0) -> None:
        # Driven by the events waited for (paint, buyer shown, worker done), never by polling: a
        # polling loop on the UI thread competes with the worker for the GIL and slows what is
        # measured, and with PySide6 6.12 each processEvents() call drops a reference to None
        # (thousands of calls abort the interpreter with "deallocating None").
        if cond():
            return
        loop = QEventLoop()

        def check() -> None:
            if cond():
                waiting.remove(check)
                loop.quit()

        waiting.append(check)
        QTimer.singleShot(int(timeout * 1000), loop.quit)
        loop.exec()
        if check in waiting:
            waiting.remove(check)
        if not cond():
            raise TimeoutError("the panel did not paint in time")

    # floor: a bare QTreeWidget of 500 rows, show to first paint
    floor_paints = []
    for _ in range(5):
        tree = QTreeWidget()
        tree.resize(420, 600)
        watch = PaintWatch()
        tree.viewport().installEventFilter(watch)
        t0 = time.perf_counter()
        tree.addTopLevelItems([QTreeWidgetItem([f"{i:018d}", "¥99.00"]) for i in range(500)])
        tree.show()
        wait_until(lambda: watch.painted)  # noqa: B023 - waited for within this iteration
        floor_paints.append(time.perf_counter() - t0)
        tree.close()
        tree.deleteLater()
    floor_paint = statistics.median(floor_paints)

    background = Background()
    background.busy_changed.connect(poke)
    panel = CustomerPanel(background, engine)
    #: (time, "shown" | "paint", complete) in order, for the round under way
    events: list[tuple[float, str, bool]] = []

    def on_shown(_buyer: int) -> None:
        events.append((time.perf_counter(), "shown", bool(panel.data and panel.data.complete)))
        poke()

    panel.customer_shown.connect(on_shown)
    answered: list[str] = []

    def on_searched(query: str) -> None:
        answered.append(query)
        poke()

    panel.searched.connect(on_searched)
    panel.resize(460, 800)
    panel.show()
    wait_until(lambda: not background.running)

    class PanelPaints(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                events.append((time.perf_counter(), "paint", False))
                QTimer.singleShot(0, poke)
            return False

    paints = PanelPaints()
    panel.orders.viewport().installEventFilter(paints)

    def painted_after(kind_complete: bool | None) -> float | None:
        """The first paint after the first "shown" (of a partial list when ``kind_complete`` is
        False, of the complete one when True, of either when None)."""
        shown = None
        for at, kind, complete in events:
            if kind == "shown" and shown is None and (kind_complete is None or complete == kind_complete):
                shown = at
            elif kind == "paint" and shown is not None:
                return at
        return None

    def shown_time(complete: bool | None) -> float | None:
        for at, kind, done in events:
            if kind == "shown" and (complete is None or done == complete):
                return at
        return None

    opens = []
    phases = []
    completes = []
    for round_ in range(6):
        buyer = 1 + round_ % BIG_BUYERS
        other = BIG_BUYERS + 1 + round_
        events.clear()
        panel.show_buyer(other)  # something else on screen first
        wait_until(lambda: panel.buyer_id == other and painted_after(None) is not None)  # noqa: B023
        wait_until(lambda: not background.running)
        events.clear()
        t0 = time.perf_counter()
        panel.show_buyer(buyer)
        # the newest 60 orders are shown and painted, then the rest arrive and are shown in place
        wait_until(lambda: painted_after(True) is not None)
        first_shown = shown_time(None) or t0
        first_paint = painted_after(None) or t0
        opens.append(first_paint - t0)
        phases.append((first_shown - t0, first_paint - first_shown))
        completes.append((painted_after(True) or t0) - t0)
    shown = panel.orders_model.rowCount()
    assert shown == BIG_ORDERS, shown
    log(
        f"\n3. opening a buyer with {shown} orders in the panel (show_buyer → first paint of the order list, "
        "which shows the newest 60)"
    )
    log(
        f"  median {ms(statistics.median(opens))}, worst {ms(max(opens))} (6 opens: "
        + ", ".join(f"{t * 1000:.0f}" for t in opens)
        + " ms)"
    )
    log(
        f"  all {shown} listed and painted: median {ms(statistics.median(completes))}, "
        f"worst {ms(max(completes))}"
    )
    read = statistics.median(a for a, _b in phases)
    paint = statistics.median(b for _a, b in phases)
    log(f"  first paint: read on a worker + model filled (median) {ms(read)}, layout + paint {ms(paint)}")
    log(
        f"  floor: bare QTreeWidget of 500 rows, show → paint: {ms(floor_paint)}"
        f"   ratio x{statistics.median(opens) / floor_paint:.1f}"
    )
    starts = floors.bare_window_start(repeat=3)
    log(f"  floor: process start → bare window shown: median {statistics.median(starts):.2f} s")

    # ---- the search box itself: a keystroke → the worker's search → the results list filled
    log("\n2b. the search box in the panel (keystroke → results shown), same texts")
    for label, text in (("nickname", nickname), ("phone", full_phone.replace("****", "5678"))):
        box_times: list[float] = []
        panel.search_box.clear()
        for n in range(1, len(text) + 1):
            answered.clear()
            t0 = time.perf_counter()
            panel.search_box.setText(text[:n])
            typed = text[:n]
            wait_until(lambda: typed in answered)  # noqa: B023 - waited for within this iteration
            box_times.append(time.perf_counter() - t0)
        log(f"  {label}: median {ms(statistics.median(box_times))}, worst {ms(max(box_times))}")
    panel.search_box.clear()

    log("\n4. memory")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    log(f"  RSS before opening the cache {rss_before:.0f} MB; with the cache open, the search index built")
    log(f"  and the panel showing {rss_mb():.0f} MB (peak {peak:.0f} MB)")
    panel.close()
    background.close()
    db.close()


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    # Skip the interpreter's teardown: with PySide6 6.12 on Python 3.11 void Qt calls drop
    # references to None (see workstation.views.thread_view), and tearing down a process that made
    # thousands of them can abort with "deallocating None/True" after every figure was printed.
    os._exit(0)
