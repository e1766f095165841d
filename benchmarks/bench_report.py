"""A day's report for 500 agents and 20,000 conversations (issue 6; target: at most 2 s).

Builds one day of a big floor (10 shops, 500 agents, 20,000 closed conversations with their
claims, two answers each, closes, about a third rated, pre-sale orders paid inside and outside
the conversion window: about 100,000 activity events) with ``central.demo_activity``, then prints

* the report's compute time (``central.reports.daily_report``, median and max of several runs),
* the HTTP answer time of ``GET /v1/reports/daily`` on loopback and its payload size,
* the floor: a bare ``SELECT kind, shop_id, "group", agent_id, count(*) ... GROUP BY`` over the
  same day's activity rows in the same run (what reading those rows costs at all),

on SQLite, and on PostgreSQL too when ``WORKSTATION_TEST_PG_URL`` is set (a scratch database is
created and dropped).

    .venv/bin/python benchmarks/bench_report.py [--agents 500] [--conversations 20000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import requests
from sqlalchemy import func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from central import demo_activity, ops, reports
from central.activity import day_bounds, load_config, team_zone
from central.models import Activity, Buyer, Shop, User, utcnow
from central.testing import LiveServer, cached_password_hash

GROUPS = ("presale", "aftersale", "complaint")


def build_floor(srv: LiveServer, n_shops: int, n_agents: int, n_conversations: int, seed: int) -> str:
    """Shops, agents, buyers, and the conversations of the day five days ago; returns that day."""
    rng = random.Random(seed)
    now = utcnow()
    with srv.write() as s:
        shop_ids = ops.bulk_insert(
            s, Shop, [{"name": f"店铺{i}", "platform": "taobao"} for i in range(n_shops)], returning=True
        )
        pw = cached_password_hash("pw-bench")
        users = [
            {
                "staff_id": f"kf{i:04d}",
                "display_name": f"客服{i}",
                "role": "agent",
                "password_hash": pw,
                "groups_csv": ",".join(GROUPS[: 1 + i % 3]) if i % 4 else "presale,aftersale,complaint",
                "active": True,
                "created_at": now,
            }
            for i in range(n_agents)
        ]
        users.append(
            {
                "staff_id": "admin",
                "display_name": "管理员",
                "role": "admin",
                "password_hash": pw,
                "groups_csv": "",
                "active": True,
                "created_at": now,
            }
        )
        user_ids = ops.bulk_insert(s, User, users, returning=True)
        ops.bulk_user_shops(s, [(uid, shop_ids[i % n_shops]) for i, uid in enumerate(user_ids[:-1])])
        buyers = [
            {
                "shop_id": shop_ids[i % n_shops],
                "nickname": f"买家{i}",
                "name": "",
                "phone": f"139{i:08d}",
                "province": "浙江省",
                "city": "杭州市",
                "address": "",
                "vip_level": i % 5,
                "created_at": now,
            }
            for i in range(n_conversations)
        ]
        ops.bulk_insert(s, Buyer, buyers)
    with srv.write() as s:
        floor = demo_activity.load_floor(s)
        config = load_config(s)
        # five days ago: past its conversion window, so that the settled-day cache can be shown
        day = (now.astimezone(team_zone(config)).date() - timedelta(days=5)).isoformat()
        start, _ = day_bounds(config, day)
        batch = demo_activity.generate_day(
            rng, floor, start, n_conversations, not_after=now + timedelta(days=9)
        )
        demo_activity.insert_batch(s, batch)
    return day


def measure(srv: LiveServer, day: str, runs: int, label: str) -> None:
    with srv.session() as s:
        admin = s.execute(select(User).where(User.staff_id == "admin")).scalar_one()
        _ = admin.shops
        config = load_config(s)
        start, end = day_bounds(config, day)
        events = s.execute(
            select(func.count()).select_from(Activity).where(Activity.at >= start, Activity.at < end)
        ).scalar_one()
        computes: list[float] = []
        report = None
        for _ in range(runs):
            reports.SETTLED.clear()  # computed from the events every time
            t = time.perf_counter()
            report = reports.daily_report(s, admin, day, day)
            computes.append(time.perf_counter() - t)
        assert report is not None
        warm: list[float] = []
        for _ in range(runs):
            t = time.perf_counter()
            reports.daily_report(s, admin, day, day)
            warm.append(time.perf_counter() - t)
        first = (date.fromisoformat(day) - timedelta(days=29)).isoformat()
        reports.SETTLED.clear()
        t = time.perf_counter()
        reports.daily_report(s, admin, first, day)
        month_cold = time.perf_counter() - t
        t = time.perf_counter()
        reports.daily_report(s, admin, first, day)
        month_warm = time.perf_counter() - t
        floors: list[float] = []
        raw = text(
            'SELECT kind, shop_id, "group", agent_id, count(*) FROM activity '
            'WHERE at >= :s AND at < :e GROUP BY kind, shop_id, "group", agent_id'
        )
        bind = {"s": start.replace(tzinfo=None), "e": end.replace(tzinfo=None)}
        for _ in range(runs):
            t = time.perf_counter()
            s.execute(raw, bind).all()
            floors.append(time.perf_counter() - t)
    token = srv.token_for("admin")
    http = requests.Session()
    headers = {"Authorization": f"Bearer {token}", "X-Workstation-Api": "1"}
    answers: list[float] = []
    size = 0
    for _ in range(runs):
        reports.SETTLED.clear()
        t = time.perf_counter()
        r = http.get(
            srv.url + "/v1/reports/daily", params={"date_from": day, "date_to": day}, headers=headers
        )
        answers.append(time.perf_counter() - t)
        r.raise_for_status()
        size = len(r.content)
    handled = sum(row.handled for row in report.rows)
    print(
        f"[{label}] {day}: {events:,} activity events, {len(report.rows):,} report rows, {handled:,} handled"
    )
    print(
        f"[{label}] report compute: median {statistics.median(computes) * 1000:.0f} ms, "
        f"max {max(computes) * 1000:.0f} ms over {runs} runs (target <= 2000 ms)"
    )
    print(
        f"[{label}] the same day again (settled, kept): median {statistics.median(warm) * 1000:.0f} ms; "
        f"30 days ending with it: {month_cold * 1000:.0f} ms first, {month_warm * 1000:.0f} ms again"
    )
    print(
        f"[{label}] HTTP answer: median {statistics.median(answers) * 1000:.0f} ms, "
        f"max {max(answers) * 1000:.0f} ms; payload {size / 1024:.0f} KiB"
    )
    print(
        f"[{label}] floor (bare GROUP BY count over the same rows): median "
        f"{statistics.median(floors) * 1000:.0f} ms; report / floor = "
        f"{statistics.median(computes) / max(statistics.median(floors), 1e-6):.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shops", type=int, default=10)
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument("--conversations", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()

    with (
        tempfile.TemporaryDirectory(prefix="bench-report-") as tmp,
        LiveServer(database_url=f"sqlite:///{Path(tmp) / 'central.db'}") as srv,
    ):
        t = time.perf_counter()
        day = build_floor(srv, args.shops, args.agents, args.conversations, args.seed)
        print(f"[sqlite] built the day in {time.perf_counter() - t:.1f} s")
        measure(srv, day, args.runs, "sqlite")

    pg = os.environ.get("WORKSTATION_TEST_PG_URL")
    if not pg:
        print("[postgresql] skipped: set WORKSTATION_TEST_PG_URL to measure it too")
        return
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    url = make_url(pg)
    name = f"bench_report_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        with LiveServer(database_url=url.set(database=name).render_as_string(hide_password=False)) as srv:
            t = time.perf_counter()
            day = build_floor(srv, args.shops, args.agents, args.conversations, args.seed)
            print(f"[postgresql] built the day in {time.perf_counter() - t:.1f} s")
            measure(srv, day, args.runs, "postgresql, statistics as left by the bulk load")
            with srv.db.engine.connect() as conn:
                conn.execute(text("ANALYZE"))
                conn.commit()
            measure(srv, day, args.runs, "postgresql, after ANALYZE (as autovacuum would)")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
