"""Benchmark of the supervisor's live dashboard: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_dashboard.py [--agents 500] [--conversations 20000]
        [--rate 10] [--seconds 30] [--database-url postgresql+psycopg://...]

A service process on 127.0.0.1 (SQLite unless ``--database-url``) seeded with ``--agents`` agents
(online, capacity 8) in 10 shops, one supervisor of all of them, and a day of
``--conversations`` conversations with their activity events (opened, assigned, three answers,
closed, some rated), plus 7 days of earlier ``opened`` events (the complaint baseline).

A supervisor client holds the live channel (``/v1/sync/events``) open and fetches the dashboard
whenever it is woken (one fetch at a time; a wake during a fetch leads to one more fetch, as the
workstation does). Another client makes changes at ``--rate`` per second: claims, replies and
status changes of agents. Printed:

* change -> supervisor has a dashboard including it (``Dashboard.version`` >= the change's
  version), median and p95, measured from the moment the change's request was sent (so the
  change's own request is included: an upper bound of commit -> screen). Target p95 <= 500 ms.
* the dashboard's compute time alone (in this process, on the same database), median and p95;
* the payload size;
* the floor: a bare ``GET /v1/health`` round trip in the same run, and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests
from sqlalchemy import insert

from central import activity, ops
from central.models import Activity, AgentState, Buyer, Conversation, Shop, User
from central.testing import ServerProcess, cached_password_hash
from wsprotocol import SKILL_GROUPS, Paths

N_SHOPS = 10
HEADERS = {"X-Workstation-Api": "1", "X-Workstation-App": "bench"}


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def seed(server: ServerProcess, n_agents: int, n_convs: int, rng: random.Random) -> dict[str, Any]:
    now = datetime.now(UTC)
    with server.write() as s:
        shop_ids = ops.bulk_insert(
            s,
            Shop,
            [{"name": f"店铺{i}", "platform": "taobao"} for i in range(N_SHOPS)],
            returning=True,
        )
        pw = cached_password_hash("pw")
        users = [
            {
                "staff_id": f"kf{i:04d}",
                "display_name": f"客服{i}",
                "role": "agent",
                "password_hash": pw,
                "groups_csv": ",".join(rng.sample(SKILL_GROUPS, rng.randint(1, 3))),
                "active": True,
                "created_at": now - timedelta(days=30),
            }
            for i in range(n_agents)
        ]
        users.append(
            {
                "staff_id": "sup",
                "display_name": "主管",
                "role": "supervisor",
                "password_hash": pw,
                "groups_csv": ",".join(SKILL_GROUPS),
                "active": True,
                "created_at": now - timedelta(days=30),
            }
        )
        user_ids = ops.bulk_insert(s, User, users, returning=True)
        agent_ids = user_ids[:-1]
        shop_of = {uid: shop_ids[i % N_SHOPS] for i, uid in enumerate(agent_ids)}
        groups_of = {uid: str(users[i]["groups_csv"]).split(",") for i, uid in enumerate(agent_ids)}
        ops.bulk_user_shops(
            s, [(uid, shop_of[uid]) for uid in agent_ids] + [(user_ids[-1], sid) for sid in shop_ids]
        )
        s.execute(
            insert(AgentState),
            [
                {
                    "user_id": uid,
                    "status": "online",
                    "status_since": now - timedelta(hours=2),
                    "capacity": 8,
                    "last_seen_at": now,
                    "last_assigned_at": now - timedelta(minutes=rng.uniform(1, 60)),
                }
                for uid in agent_ids
            ],
        )
        by_queue: dict[tuple[int, str], list[int]] = {}
        for uid in agent_ids:
            for g in groups_of[uid]:
                by_queue.setdefault((shop_of[uid], g), []).append(uid)

        buyer_ids = ops.bulk_insert(
            s,
            Buyer,
            [
                {
                    "shop_id": shop_ids[i % N_SHOPS],
                    "nickname": f"买家{i}",
                    "name": "",
                    "phone": "13800000000",
                    "province": "浙江省",
                    "city": "杭州市",
                    "address": "",
                    "vip_level": 0,
                    "created_at": now,
                }
                for i in range(n_convs)
            ],
            returning=True,
        )
        config = activity.load_config(s)
        start = max(activity.day_start(config, now), now - timedelta(hours=24))
        span = (now - start).total_seconds() - 900
        convs: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        n_waiting, n_assigned = 300, min(n_agents * 4, n_convs // 4)
        for i, buyer_id in enumerate(buyer_ids):
            shop = shop_ids[i % N_SHOPS]
            group = SKILL_GROUPS[i % 3]
            agents = by_queue.get((shop, group)) or agent_ids
            status = "waiting" if i < n_waiting else ("assigned" if i < n_waiting + n_assigned else "closed")
            if status == "waiting":
                t0 = now - timedelta(seconds=rng.uniform(5, 600))
            elif status == "assigned":
                t0 = now - timedelta(seconds=rng.uniform(300, 3600))
            else:
                t0 = start + timedelta(seconds=rng.uniform(0, span))
            agent = rng.choice(agents)
            base = {"shop_id": shop, "group": group, "buyer_id": buyer_id}
            events.append({**base, "kind": "opened", "at": t0})
            t = t0
            if status != "waiting":
                wait = rng.expovariate(1 / 40)
                t += timedelta(seconds=wait)
                events.append(
                    {
                        **base,
                        "kind": "assigned",
                        "at": t,
                        "agent_id": agent,
                        "actor_id": agent,
                        "value": wait,
                        "detail": {"how": "claim"},
                    }
                )
                for k in range(3):
                    answer = rng.expovariate(1 / 30)
                    t += timedelta(seconds=answer)
                    events.append(
                        {
                            **base,
                            "kind": "response",
                            "at": t,
                            "agent_id": agent,
                            "value": answer,
                            "first": k == 0,
                        }
                    )
                    t += timedelta(seconds=rng.uniform(10, 60))
                if status == "closed":
                    events.append(
                        {
                            **base,
                            "kind": "closed",
                            "at": t,
                            "agent_id": agent,
                            "actor_id": agent,
                            "category": "other",
                        }
                    )
                    if rng.random() < 0.3:
                        events.append(
                            {
                                **base,
                                "kind": "rated",
                                "at": t + timedelta(minutes=2),
                                "agent_id": agent,
                                "value": float(rng.randint(1, 5)),
                            }
                        )
            convs.append(
                {
                    **base,
                    "priority": 0,
                    "status": status,
                    "assignee_id": None if status == "waiting" else agent,
                    "assignment_version": {"waiting": 0, "assigned": 1, "closed": 2}[status],
                    "created_at": t0,
                    "waiting_since": t0 if status == "waiting" else None,
                    "last_message_at": min(t, now),
                    "last_message_preview": "在吗",
                    "last_message_from": "buyer",
                    "closed_at": t if status == "closed" else None,
                    "first_response_at": None if status == "waiting" else t0,
                }
            )
        conv_ids = ops.bulk_insert(s, Conversation, convs, returning=True)
        # conversation ids on today's events (events were made in conversation order)
        idx = -1
        for e in events:
            if e["kind"] == "opened":
                idx += 1
            e["conversation_id"] = conv_ids[idx]
        # 7 earlier days of opened events: the complaint baseline
        for day in range(1, 8):
            for i in range(n_convs):
                events.append(
                    {
                        "kind": "opened",
                        "at": start - timedelta(days=day) + timedelta(seconds=rng.uniform(0, 86400)),
                        "shop_id": shop_ids[i % N_SHOPS],
                        "group": SKILL_GROUPS[i % 3],
                    }
                )
        cols = (
            "at",
            "kind",
            "shop_id",
            "group",
            "conversation_id",
            "buyer_id",
            "agent_id",
            "actor_id",
            "value",
            "first",
            "category",
            "detail",
        )
        s.execute(
            insert(Activity), [{c: e.get(c, False if c == "first" else None) for c in cols} for e in events]
        )
    waiting = [
        (cid, c["shop_id"], c["group"])
        for cid, c in zip(conv_ids, convs, strict=True)
        if c["status"] == "waiting"
    ]
    held: dict[int, list[int]] = {}
    for cid, c in zip(conv_ids, convs, strict=True):
        if c["status"] == "assigned":
            held.setdefault(c["assignee_id"], []).append(cid)
    return {
        "shops": shop_ids,
        "agents": agent_ids,
        "supervisor": user_ids[-1],
        "by_queue": by_queue,
        "waiting": waiting,
        "held": held,
        "events": len(events),
        "staff": {uid: f"kf{i:04d}" for i, uid in enumerate(agent_ids)},
    }


class Supervisor(threading.Thread):
    """Holds the live channel; fetches the dashboard when woken (coalescing wakes)."""

    def __init__(self, url: str, token: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.headers = {**HEADERS, "Authorization": f"Bearer {token}"}
        self.http = requests.Session()
        self.woken = threading.Event()
        self.stop = threading.Event()
        #: (monotonic time the dashboard arrived, its version)
        self.seen: list[tuple[float, int]] = []
        self.sizes: list[int] = []
        self.fetch_s: list[float] = []
        self.listener = threading.Thread(target=self.listen, daemon=True)

    def listen(self) -> None:
        with requests.get(
            self.url + Paths.SYNC_EVENTS, headers=self.headers, stream=True, timeout=(5, 60)
        ) as r:
            for line in r.iter_lines():
                if self.stop.is_set():
                    return
                if line.startswith(b"data:"):
                    self.woken.set()

    def run(self) -> None:
        self.listener.start()
        while not self.stop.is_set():
            if not self.woken.wait(0.5):
                continue
            self.woken.clear()
            t0 = time.perf_counter()
            r = self.http.get(self.url + Paths.DASHBOARD, headers=self.headers, timeout=30)
            t1 = time.perf_counter()
            body = r.content
            version = json.loads(body)["version"]
            self.seen.append((time.monotonic(), version))
            self.sizes.append(len(body))
            self.fetch_s.append(t1 - t0)


class Changer:
    """Claims, replies and status changes at a steady rate, each with its change's version."""

    def __init__(self, server: ServerProcess, data: dict[str, Any], rng: random.Random) -> None:
        self.url = server.url
        self.rng = rng
        self.http = requests.Session()
        self.data = data
        self.tokens: dict[int, str] = {}
        self.server = server
        self.waiting = list(data["waiting"])
        rng.shuffle(self.waiting)
        self.away: set[int] = set()
        #: (monotonic time the request was sent, the change's version, kind)
        self.changes: list[tuple[float, int, str]] = []

    def token(self, uid: int) -> str:
        if uid not in self.tokens:
            self.tokens[uid] = self.server.token_for(self.data["staff"][uid], device_id=f"bench-{uid:06d}")
        return self.tokens[uid]

    def call(self, method: str, path: str, uid: int, body: dict[str, Any]) -> requests.Response:
        headers = {**HEADERS, "Authorization": f"Bearer {self.token(uid)}"}
        return self.http.request(method, self.url + path, headers=headers, json=body, timeout=30)

    def version(self) -> int:
        return int(self.http.get(self.url + Paths.SYNC_META, headers=HEADERS, timeout=30).json()["version"])

    def one(self, n: int) -> None:
        kind = ("claim", "reply", "status", "reply")[n % 4]
        if kind == "claim" and self.waiting:
            cid, shop, group = self.waiting.pop()
            uid = self.rng.choice(self.data["by_queue"].get((shop, group)) or self.data["agents"])
            self.token(uid)
            # the claim's answer carries no version: this client is the only writer, so the
            # claim's versions are the ones after the counter read just before it
            before = self.version()
            t = time.monotonic()
            r = self.call("POST", Paths.claim(cid), uid, {"expected_assignment_version": 0})
            if r.status_code == 200:
                self.changes.append((t, before + 1, kind))
                self.data["held"].setdefault(uid, []).append(cid)
            return
        if kind == "reply":
            uid = self.rng.choice([u for u, held in self.data["held"].items() if held])
            cid = self.rng.choice(self.data["held"][uid])
            t = time.monotonic()
            r = self.call(
                "POST",
                Paths.send(cid),
                uid,
                {"text": "好的，马上为您处理", "client_msg_id": str(uuid.uuid4())},
            )
            if r.status_code == 200:
                self.changes.append((t, r.json()["version"], kind))
            return
        # status: away <-> busy (online would route waiting conversations: the claims' pool)
        uid = self.rng.choice(self.data["agents"])
        status = "busy" if uid in self.away else "away"
        (self.away.discard if status == "busy" else self.away.add)(uid)
        self.token(uid)
        before = self.version()
        t = time.monotonic()
        r = self.call("PUT", Paths.MY_STATUS, uid, {"status": status})
        if r.status_code == 200:
            self.changes.append((t, before + 1, kind))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument("--conversations", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=10.0, help="changes per second")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    rng = random.Random(6)

    with tempfile.TemporaryDirectory(prefix="ws-bench-dash-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'central.db'}"
        server = ServerProcess(database_url=url)
        t = time.perf_counter()
        data = seed(server, args.agents, args.conversations, rng)
        print(
            f"seeded {args.agents} agents (online), {args.conversations:,} conversations today and "
            f"{data['events']:,} activity events in {time.perf_counter() - t:.1f} s "
            f"({url.split(':')[0]})"
        )
        if not server.db.is_sqlite:
            # what autovacuum does shortly after a bulk load: without statistics PostgreSQL scans
            with server.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("ANALYZE")
        server.start()
        try:
            run(server, data, args, rng)
        finally:
            server.stop()


def run(server: ServerProcess, data: dict[str, Any], args: argparse.Namespace, rng: random.Random) -> None:
    from central.supervisor import DashboardCache, compute_dashboard

    changer = Changer(server, data, rng)
    for uid in data["agents"][:200]:
        changer.token(uid)
    sup = Supervisor(server.url, server.token_for("sup", device_id="bench-supervisor"))
    sup.start()
    # a warm service: the day's first dashboard reads all of today's events (printed below as
    # "the day's first"); the measurement starts once the supervisor has had one
    deadline = time.monotonic() + 120
    while not sup.seen and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)

    # the floor: bare health round trips on a warm connection, in the same run
    http = requests.Session()
    health = []
    for _ in range(200):
        t0 = time.perf_counter()
        http.get(server.url + Paths.HEALTH, headers=HEADERS, timeout=30)
        health.append(time.perf_counter() - t0)

    period = 1.0 / args.rate
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < args.seconds:
        changer.one(n)
        n += 1
        sleep = start + n * period - time.monotonic()
        if sleep > 0:
            time.sleep(sleep)
    time.sleep(2.0)
    sup.stop.set()

    latencies = []
    missed = 0
    for t_sent, version, _kind in changer.changes:
        arrival = next((ta for ta, v in sup.seen if v >= version and ta >= t_sent), None)
        if arrival is None:
            missed += 1
        else:
            latencies.append(arrival - t_sent)

    # compute time alone, in this process on the same database
    # (with the running totals of today, as the service keeps them: the first read is the day's)
    scope = data["shops"]
    compute = []
    cache = DashboardCache()
    with server.db.read() as session:
        t0 = time.perf_counter()
        compute_dashboard(session, scope, today=cache.today)
        first = time.perf_counter() - t0
    for _ in range(20):
        with server.db.read() as session:
            t0 = time.perf_counter()
            board = compute_dashboard(session, scope, today=cache.today)
            compute.append(time.perf_counter() - t0)
    payload = len(board.__pydantic_serializer__.to_json(board))

    h_med, h_p95 = statistics.median(health) * 1000, pct(health, 95) * 1000
    l_med, l_p95 = statistics.median(latencies) * 1000, pct(latencies, 95) * 1000
    c_med, c_p95 = statistics.median(compute) * 1000, pct(compute, 95) * 1000
    f_med = statistics.median(sup.fetch_s) * 1000
    f_p95 = pct(sup.fetch_s, 95) * 1000
    kinds = Counter(c[2] for c in changer.changes)
    print()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(
        f"{len(changer.changes)} changes at {args.rate:g}/s for {args.seconds:g} s "
        f"({', '.join(f'{k} {kinds[k]}' for k in ('claim', 'reply', 'status'))}); "
        f"{len(sup.seen)} dashboards fetched; {missed} changes never seen"
    )
    print(
        f"change -> supervisor has a dashboard including it: median {l_med:.0f} ms, p95 {l_p95:.0f} ms "
        f"(target p95 <= 500 ms), max {max(latencies) * 1000:.0f} ms"
    )
    print(f"  dashboard fetch as the supervisor saw it: median {f_med:.0f} ms, p95 {f_p95:.0f} ms")
    print(
        f"dashboard compute alone ({len(board.agents)} agents, {len(board.queues)} queues, "
        f"{len(board.alerts)} alerts): median {c_med:.0f} ms, p95 {c_p95:.0f} ms "
        f"(the day's first, reading all of today's events: {first * 1000:.0f} ms)"
    )
    print(
        f"payload: {payload / 1024:.0f} KiB (median {statistics.median(sup.sizes) / 1024:.0f} KiB as served)"
    )
    print(
        f"floor, GET /v1/health round trip: median {h_med:.1f} ms, p95 {h_p95:.1f} ms "
        f"-> change->screen is {l_med / h_med:.0f}x (median) / {l_p95 / h_p95:.0f}x (p95) the floor"
    )


if __name__ == "__main__":
    main()
