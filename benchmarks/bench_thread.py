"""Benchmark of the conversation thread: prints figures, asserts nothing (see README "Benchmarks").

    .venv/bin/python benchmarks/bench_thread.py [--messages 5000] [--runs 7]

A local cache holds one conversation with ``--messages`` messages (buyer and agent lines drawn from
the real Taobao conversations in ``../shared/data/ecd/``, a system line now and then, a few long
pastes) and one small conversation. Measured in one process, offscreen:

1. **open**: from ``ConversationPanel.show_conversation`` to the first paint of the thread's
   viewport with the thread in it (read on a worker, model filled, rows measured, painted); median
   of ``--runs`` opens (each after showing the small conversation, so every open reads it all);
2. **scroll**: the whole thread shown, then scrolled from top to bottom a wheel step at a time,
   each step painted: frame times (median, p95, max);
3. **floors** in the same run: a bare widget's show-to-first-paint, and a raw ``sqlite3`` read of
   the same messages (connect, select, fetch all).

The panel gets a minimal stand-in for the logged-in client (the database and the user): nothing
here talks to a server.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

ECD = ROOT.parent / "shared" / "data" / "ecd" / "valid.tsv"
_SPACE_RE = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")


def ecd_lines() -> tuple[list[str], list[str]]:
    """Buyer and agent utterances of the ECD sample, spaces between CJK characters removed."""
    buyer: list[str] = []
    agent: list[str] = []
    if ECD.exists():
        for line in ECD.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")[1:]
            for i, utterance in enumerate(parts[:-1]):
                text = _SPACE_RE.sub("", utterance).strip()
                if text:
                    (buyer if i % 2 == 0 else agent).append(text)
    if not buyer:  # the sample is not beside the checkout: typical lines instead
        buyer = ["在吗？这款有现货吗", "我的快递三天没动了", "能便宜点吗", "什么时候发货"]
        agent = ["亲，在的哦", "亲，今天下单明天发货", "亲，已经为您催促快递了", "好的亲"]
    return buyer, agent


def build_cache(path: Path, n: int) -> tuple[int, int]:
    """A cache with a shop, a buyer, the agent, a conversation of ``n`` messages and a small one."""
    from workstation.db import LocalDB

    buyer_lines, agent_lines = ecd_lines()
    rng = random.Random(4)
    db = LocalDB.open(path)
    db.close()
    con = sqlite3.connect(path)
    now = datetime(2026, 11, 20, 9, 0)
    with con:
        con.execute(
            "INSERT INTO shop (id, version, name, platform) VALUES (1, 1, '小美家居旗舰店', 'taobao')"
        )
        con.execute(
            "INSERT INTO colleague (id, version, staff_id, display_name, role, groups, shop_ids,"
            " permissions) VALUES (1, 1, 'kf001', '小美', 'agent', '[\"presale\"]', '[1]', '[]')"
        )
        con.execute(
            "INSERT INTO buyer (id, version, shop_id, nickname, name, phone_masked, address_short, vip_level,"
            " created_at, addresses_short, tags, order_count, total_spent_fen, notes_count)"
            " VALUES (1, 1, 1, '爱吃鱼的猫', '王女士', '138****0000', '浙江省杭州市', 2, ?,"
            " '[]', '[]', 0, 0, 0)",
            (now.isoformat(" "),),
        )
        for cid in (1, 2):
            con.execute(
                'INSERT INTO conversation (id, version, shop_id, buyer_id, "group", priority, status,'
                " assignee_id, assignment_version, created_at, last_message_at, last_message_preview,"
                " last_message_from) VALUES (?, 1, 1, 1, 'presale', 0, 'assigned', 1, 1, ?, ?, '', 'buyer')",
                (cid, now.isoformat(" "), now.isoformat(" ")),
            )
        rows: list[tuple[object, ...]] = []
        for i in range(n):
            at = (now + timedelta(seconds=20 * i)).isoformat(" ")
            if i % 97 == 50:
                rows.append((i + 1, 1, 1, "system", 1, "kf001(小美) 转交给 kf002(李娜)：买家要退款", at))
            elif i % 2 == 0:
                text = rng.choice(buyer_lines)
                if i % 701 == 3:  # a long paste now and then
                    text = (text + " ") * 80
                rows.append((i + 1, 1, 1, "buyer", None, text, at))
            else:
                rows.append((i + 1, 1, 1, "agent", 1, rng.choice(agent_lines), at))
        rows += [(n + 1 + i, 1, 2, "buyer", None, "在吗", now.isoformat(" ")) for i in range(3)]
        con.executemany(
            "INSERT INTO message (id, version, conversation_id, sender, author_id, text, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    con.close()
    return 1, 2


@dataclass
class BenchClient:
    """What the panel reads from the logged-in client: the database and the user."""

    db: object
    user: object
    offline: bool = False


class FirstPaint(QObject):
    """Records the time of the next paint event of a widget once armed."""

    def __init__(self) -> None:
        super().__init__()
        self.armed = False
        self.at: float | None = None

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if self.armed and event.type() == QEvent.Type.Paint and self.at is None:
            self.at = time.perf_counter()
        return False


def wait(app: QApplication, predicate: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("benchmark step did not finish")
        time.sleep(0.0005)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    # PySide6 6.12 on Python 3.11 drops a reference to None for every call of a void Qt method
    # from Python, and to True/False for every signal emit (3.12+ makes them immortal). The
    # scroll loop below makes thousands of such calls; these references keep the interpreter
    # alive until it has printed the figures. (The app itself is affected too: see the README.)
    keep_alive = [None, True, False] * 200_000
    app = QApplication(sys.argv[:1])
    from workstation.background import Background
    from workstation.db import LocalDB
    from workstation.views.conversation_view import ConversationPanel
    from wsprotocol import UserOut

    tmp = Path(tempfile.mkdtemp(prefix="bench-thread-"))
    path = tmp / "cache.db"
    t0 = time.perf_counter()
    big, small = build_cache(path, args.messages)
    print(f"cache with a {args.messages}-message conversation built in {time.perf_counter() - t0:.2f} s")

    db = LocalDB.open(path)
    user = UserOut(
        id=1, staff_id="kf001", display_name="小美", role="agent", shop_ids=[1], groups=["presale"]
    )
    background = Background()
    panel = ConversationPanel(BenchClient(db, user), background)  # type: ignore[arg-type]
    panel.resize(640, 900)
    panel.show()
    app.processEvents()
    viewport = panel.thread_view.viewport()
    probe = FirstPaint()
    viewport.installEventFilter(probe)

    def on_loaded(cid: int) -> None:
        # The thread is in the model: the next paint of the viewport is the first that shows it.
        if cid == big and probe.at is None:
            probe.armed = True

    panel.loaded.connect(on_loaded)

    # 1. open
    opens: list[float] = []
    for _ in range(args.runs + 1):
        panel.show_conversation(small)
        wait(app, lambda: panel.detail is not None and panel.detail.id == small)
        app.processEvents()
        background.wait()
        app.processEvents()
        probe.armed, probe.at = False, None
        start = time.perf_counter()
        panel.show_conversation(big)
        wait(app, lambda: panel.detail is not None and panel.detail.id == big and probe.at is not None)
        assert probe.at is not None
        opens.append(probe.at - start)
        probe.armed = False
    opens = opens[1:]  # the first open warms caches (fonts, imports)
    rows = panel.thread_view.thread_model.rowCount()
    total = len(panel.thread_view.thread_model.messages)

    # 2. scroll, the whole thread shown
    thread = panel.thread_view
    t0 = time.perf_counter()
    thread.show_all()
    app.processEvents()
    show_all = time.perf_counter() - t0
    bar = thread.verticalScrollBar()
    bar.setValue(0)
    app.processEvents()
    step = bar.singleStep() * 3  # one wheel notch
    frames: list[float] = []
    value = 0
    while value < bar.maximum():
        value = min(bar.maximum(), value + step)
        t0 = time.perf_counter()
        bar.setValue(value)
        viewport.repaint()
        frames.append(time.perf_counter() - t0)
    frames.sort()

    # 3. floors
    bare: list[float] = []
    for _ in range(args.runs):
        widget = QWidget()
        widget.resize(640, 900)
        bare_probe = FirstPaint()
        widget.installEventFilter(bare_probe)
        bare_probe.armed = True
        t0 = time.perf_counter()
        widget.show()
        wait(app, lambda p=bare_probe: p.at is not None)
        assert bare_probe.at is not None
        bare.append(bare_probe.at - t0)
        widget.close()
        widget.deleteLater()
        app.processEvents()
    raw: list[float] = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        con = sqlite3.connect(path)
        con.execute(
            "SELECT id, sender, author_id, text, created_at FROM message WHERE conversation_id = ?"
            " ORDER BY created_at, id",
            (big,),
        ).fetchall()
        con.close()
        raw.append(time.perf_counter() - t0)

    med_open = statistics.median(opens)
    med_bare = statistics.median(bare)
    med_raw = statistics.median(raw)
    ms = 1000.0
    print(f"open a {total}-message thread (show_conversation -> first paint, {rows} rows shown first):")
    print(
        f"  median {med_open * ms:.1f} ms  (min {min(opens) * ms:.1f}, max {max(opens) * ms:.1f}; "
        f"target <= 200 ms)"
    )
    print(f"floor: bare widget show -> first paint  median {med_bare * ms:.1f} ms")
    print(f"floor: raw sqlite3 read of the {total} messages  median {med_raw * ms:.1f} ms")
    print(f"ratio open / (bare paint + raw read): {med_open / (med_bare + med_raw):.1f}x")
    print(f"show the whole thread (all {total} rows measured): {show_all * ms:.0f} ms")
    p95 = frames[int(len(frames) * 0.95) - 1] if frames else 0.0
    print(
        f"scroll top -> bottom, {len(frames)} wheel steps, each painted: median "
        f"{statistics.median(frames) * ms:.1f} ms, p95 {p95 * ms:.1f} ms, max {frames[-1] * ms:.1f} ms "
        f"(60 fps budget 16.7 ms)"
    )
    background.close()
    db.close()
    sys.stdout.flush()
    # Skip the interpreter's final collection: with the PySide6 6.12 reference leak above it
    # would free None or a bool for good and abort, after the figures are out.
    os._exit(0 if keep_alive else 1)


if __name__ == "__main__":
    main()
