"""The supervisor's dashboard over real HTTP: every figure equals a recomputation from the raw
conversations and messages (not from the activity table); alerts fire past their thresholds and
not at or below them (issue 6)."""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from central import ops, supervisor
from central.models import Conversation, Message
from central.testing import LiveServer
from tests.service.test_supervisor import opened_at, put, routing
from wsprotocol import SKILL_GROUPS, Dashboard, Paths


def t(value: str) -> datetime:
    return datetime.fromisoformat(value)


def claim(api: Any, cid: int, server: LiveServer) -> None:
    with server.session() as s:
        c = s.get(Conversation, cid)
        assert c is not None
        version = c.assignment_version
    r = api.post(Paths.claim(cid), json={"expected_assignment_version": version})
    assert r.status_code == 200, r.text


def reply(api: Any, cid: int, text: str) -> None:
    r = api.post(Paths.send(cid), json={"text": text, "client_msg_id": f"m-{cid}-{time.monotonic_ns()}"})
    assert r.status_code == 200, r.text


def close(api: Any, cid: int, server: LiveServer, category: str = "presale") -> None:
    with server.session() as s:
        c = s.get(Conversation, cid)
        assert c is not None
        version = c.assignment_version
    r = api.post(Paths.close(cid), json={"expected_assignment_version": version, "category": category})
    assert r.status_code == 200, r.text


def recompute(server: LiveServer, shops: list[int], board: Dashboard) -> dict[str, Any]:
    """The dashboard's figures from conversations and messages only."""
    now = board.generated_at
    hour_ago = now - timedelta(hours=1)
    day_start = board.day_start
    sla = board.config.sla_seconds
    queue: dict[tuple[int, str], dict[str, Any]] = defaultdict(
        lambda: {"waiting": 0, "oldest": None, "waits": [], "breaches": 0, "handled": 0}
    )
    agent: dict[int, dict[str, Any]] = defaultdict(
        lambda: {"load": 0, "first": [], "resp": [], "handled": 0, "ratings": []}
    )
    with server.session() as s:
        convs = list(s.execute(select(Conversation).where(Conversation.shop_id.in_(shops))).scalars())
        msgs = defaultdict(list)
        for m in s.execute(select(Message).order_by(Message.created_at, Message.id)).scalars():
            msgs[m.conversation_id].append(m)
    for c in convs:
        q = queue[(c.shop_id, c.group)]
        if c.status == "waiting":
            q["waiting"] += 1
            q["oldest"] = min(filter(None, [q["oldest"], c.waiting_since]))
        waiting_past = c.waiting_since is not None and (now - c.waiting_since).total_seconds() > sla[c.group]
        if c.status in ("waiting", "assigned") and waiting_past:
            q["breaches"] += 1
        if c.status == "assigned" and c.assignee_id is not None:
            agent[c.assignee_id]["load"] += 1
        if c.status == "closed" and c.closed_at is not None and c.closed_at >= day_start:
            q["handled"] += 1
            if c.assignee_id is not None:
                agent[c.assignee_id]["handled"] += 1
        if c.satisfaction is not None and c.assignee_id is not None:
            agent[c.assignee_id]["ratings"].append(c.satisfaction)
        wait_start: datetime | None = None
        answered = False
        for m in msgs[c.id]:
            if m.sender == "buyer":
                wait_start = wait_start or m.created_at
            elif m.sender == "agent":
                if wait_start is not None:
                    value = (m.created_at - wait_start).total_seconds()
                    if m.created_at >= day_start and m.author_id is not None:
                        a = agent[m.author_id]
                        a["resp"].append(value)
                        if not answered:
                            a["first"].append(value)
                    if m.created_at >= hour_ago and value > sla[c.group]:
                        q["breaches"] += 1
                wait_start = None
                answered = True
            elif m.text.endswith("接入会话") and wait_start is not None and m.created_at >= hour_ago:
                q["waits"].append((m.created_at - wait_start).total_seconds())
            elif "结束了会话" in m.text:
                wait_start = None
    return {"queue": queue, "agent": agent}


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def test_dashboard_figures_equal_a_recomputation_from_raw_data(
    server: LiveServer, ids: dict, api_for: Any
) -> None:
    shop1, shop2 = ids["shops"]
    users = ids["users"]
    server.create_user("adm", "admin", [shop1, shop2])
    a1, a2, b1, adm = api_for("a1"), api_for("a2"), api_for("b1"), api_for("adm")
    x = opened_at(server, shop1, "presale", 400)
    y = opened_at(server, shop1, "aftersale", 100)
    opened_at(server, shop1, "complaint", 200)  # waits past its SLA
    w = opened_at(server, shop1, "presale", 30)
    claim(a1, x, server)
    reply(a1, x, "您好，有现货")
    server.add_buyer_message(x, "那发什么快递")
    time.sleep(0.2)
    reply(a1, x, "默认中通")
    close(a1, x, server)
    assert adm.post(Paths.rating(x), json={"score": 4}).status_code == 204
    claim(a2, y, server)
    reply(a2, y, "我查一下")
    claim(a2, w, server)  # the buyer waits for a2's answer
    seeded = ids["conversations"][shop1][0]
    claim(a1, seeded, server)
    reply(a1, seeded, "在的")
    shop2_conv = ids["conversations"][shop2][0]
    claim(b1, shop2_conv, server)
    reply(b1, shop2_conv, "可以开发票")
    close(b1, shop2_conv, server, "other")
    assert adm.post(Paths.rating(shop2_conv), json={"score": 2}).status_code == 204
    assert adm.post(Paths.rating(shop2_conv), json={"score": 5}).status_code == 204  # latest wins

    r = api_for("s1").get(Paths.DASHBOARD)
    assert r.status_code == 200, r.text
    board = Dashboard.model_validate(r.json())
    raw = recompute(server, [shop1, shop2], board)
    assert len(board.queues) == 2 * len(SKILL_GROUPS)
    for q in board.queues:
        want = raw["queue"][(q.shop_id, q.group)]
        assert q.waiting == want["waiting"], q
        assert q.oldest_waiting_since == want["oldest"], q
        assert q.avg_wait_last_hour_s == pytest.approx(mean(want["waits"])), q
        assert q.sla_breaches_last_hour == want["breaches"], q
        assert q.handled_today == want["handled"], q
    assert {a.staff_id for a in board.agents} == {"a1", "a2", "a3", "b1"}
    for a in board.agents:
        want = raw["agent"][a.user_id]
        assert a.load == want["load"], a
        assert a.first_response_avg_s == pytest.approx(mean(want["first"])), a
        assert a.response_avg_s == pytest.approx(mean(want["resp"])), a
        assert a.handled_today == want["handled"], a
        assert a.satisfaction_avg == pytest.approx(mean(want["ratings"])), a
        assert a.satisfaction_count == len(want["ratings"]), a
        assert a.status == "offline" and a.capacity == 5
    # the service's running totals and a computation in the database agree
    with server.session() as s:
        direct = supervisor.compute_dashboard(s, [shop1, shop2], now=board.generated_at)
    assert direct.model_dump(exclude={"generated_at"}) == board.model_dump(exclude={"generated_at"})
    # the scenario really exercised the figures
    q1 = {(q.shop_id, q.group): q for q in board.queues}
    presale_wait = q1[(shop1, "presale")].avg_wait_last_hour_s
    assert presale_wait is not None and presale_wait > 140  # (400 + 30 + ~0) / 3
    assert q1[(shop1, "complaint")].sla_breaches_last_hour == 1
    assert q1[(shop1, "presale")].sla_breaches_last_hour == 1  # x answered after 400 s
    by_staff = {a.staff_id: a for a in board.agents}
    assert by_staff["a1"].handled_today == 1 and by_staff["a1"].satisfaction_avg == 4
    assert by_staff["b1"].satisfaction_avg == 5 and by_staff["b1"].satisfaction_count == 1
    assert by_staff["a2"].load == 2
    assert by_staff["a1"].first_response_avg_s is not None and by_staff["a1"].first_response_avg_s > 200
    # the oldest waiting conversations, for reassigning
    since = [wc.waiting_since for wc in board.waiting]
    assert all(x is not None for x in since) and since == sorted(x for x in since if x is not None)
    assert {wc.shop_id for wc in board.waiting} == {shop1}
    assert all(wc.buyer_nickname for wc in board.waiting)
    # alerts: one SLA breach (the complaint waiting 200 s > 120 s); no spike; nobody over capacity
    assert [(al.kind, al.group) for al in board.alerts] == [("sla_breach", "complaint")]
    assert users["a1"] in {a.user_id for a in board.agents}


def test_dashboard_follows_changes_live(server: LiveServer, ids: dict, api_for: Any) -> None:
    s1 = api_for("s1")
    first = Dashboard.model_validate(s1.get(Paths.DASHBOARD).json())
    shop1 = ids["shops"][0]
    assert sum(q.waiting for q in first.queues if q.shop_id == shop1) == 3
    claim(api_for("a1"), ids["conversations"][shop1][0], server)
    with server.session() as s:
        from central.versions import current_version

        changed = current_version(s)
    again = Dashboard.model_validate(s1.get(Paths.DASHBOARD).json())
    assert again.version >= changed > first.version
    assert sum(q.waiting for q in again.queues if q.shop_id == shop1) == 2
    assert {a.staff_id: a.load for a in again.agents}["a1"] == 1
    # a status change wakes it too
    put(api_for("a2"), Paths.MY_STATUS, {"status": "busy"})
    third = Dashboard.model_validate(s1.get(Paths.DASHBOARD).json())
    assert third.version > again.version
    assert {a.staff_id: a.status for a in third.agents}["a2"] == "busy"
    # the running totals follow a re-rating: the latest score replaces the earlier one
    server.create_user("adm", "admin", ids["shops"])
    adm = api_for("adm")
    conv = ids["conversations"][shop1][0]
    reply(api_for("a1"), conv, "您好")
    for score, want in ((2, 2.0), (5, 5.0)):
        assert adm.post(Paths.rating(conv), json={"score": score}).status_code == 204
        board = Dashboard.model_validate(s1.get(Paths.DASHBOARD).json())
        a1 = {a.staff_id: a for a in board.agents}["a1"]
        assert (a1.satisfaction_avg, a1.satisfaction_count, a1.response_avg_s is not None) == (want, 1, True)


def test_sla_alert_strictly_past_the_threshold(server: LiveServer, ids: dict) -> None:
    shop1 = ids["shops"][0]
    cid = opened_at(server, shop1, "presale", 1000)
    with server.session() as s:
        c = s.get(Conversation, cid)
        assert c is not None and c.waiting_since is not None
        since = c.waiting_since
        at = supervisor.compute_dashboard(s, [shop1], now=since + timedelta(seconds=60))
        past = supervisor.compute_dashboard(s, [shop1], now=since + timedelta(seconds=60, milliseconds=1))
    assert [al for al in at.alerts if al.conversation_id == cid] == []
    alerts = [al for al in past.alerts if al.conversation_id == cid]
    assert len(alerts) == 1
    assert alerts[0].key == f"sla_breach:{cid}"
    assert alerts[0].value == pytest.approx(60.001) and alerts[0].threshold == 60
    assert alerts[0].since == since + timedelta(seconds=60)
    queue = {(q.shop_id, q.group): q for q in past.queues}[(shop1, "presale")]
    assert queue.sla_breaches_last_hour == 1


def test_over_capacity_alert_above_capacity_only(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1 = ids["shops"][0]
    s1, a1 = api_for("s1"), api_for("a1")
    routing(s1, ids["users"]["a1"], capacity=2)
    presale, aftersale, complaint = ids["conversations"][shop1]
    claim(a1, presale, server)
    claim(a1, aftersale, server)
    board = Dashboard.model_validate(s1.get(Paths.DASHBOARD).json())
    assert [al for al in board.alerts if al.kind == "over_capacity"] == []
    claim(a1, complaint, server)  # allowed by hand, beyond capacity
    board = Dashboard.model_validate(s1.get(Paths.DASHBOARD).json())
    over = [al for al in board.alerts if al.kind == "over_capacity"]
    assert len(over) == 1
    assert (over[0].user_id, over[0].value, over[0].threshold) == (ids["users"]["a1"], 3, 2)
    with server.session() as s:
        claimed_at = s.execute(
            select(Message.created_at).where(Message.conversation_id == complaint, Message.sender == "system")
        ).scalar_one()
    assert over[0].since == claimed_at


def test_complaint_spike_at_its_level_and_not_below(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1, shop2 = ids["shops"]
    s1 = api_for("s1")
    cfg = s1.get(Paths.SUPERVISOR_CONFIG).json()
    cfg.update(
        complaint_window_minutes=60,
        complaint_baseline_days=1,
        complaint_spike_multiple=2.0,
        complaint_min_count=3,
    )
    assert put(s1, Paths.SUPERVISOR_CONFIG, cfg).status_code == 200
    # shop 1's usual rate: 48 complaints in the day before the window = 2 per hour -> level 4
    buyer = server.add_buyer(shop1)
    now = datetime.now(UTC)
    with server.write() as s:
        for i in range(1, 49):
            at = now - timedelta(hours=1) - timedelta(minutes=29.5 * i)
            c = ops.open_conversation(s, buyer, "complaint", "投诉", at=at)
            ops.close_conversation(s, c.id, at=at + timedelta(minutes=5), category="complaint")
    # in the window: the seeded complaint (now) + two more = 3 < 4
    first = opened_at(server, shop1, "complaint", 30 * 60)
    opened_at(server, shop1, "complaint", 20 * 60)
    # shop 2 has no history: its level is the minimum count, 3; two complaints stay quiet
    opened_at(server, shop2, "complaint", 15 * 60)
    opened_at(server, shop2, "complaint", 5 * 60)

    def spikes() -> dict[int, Any]:
        board = Dashboard.model_validate(s1.get(Paths.DASHBOARD).json())
        return {al.shop_id or 0: al for al in board.alerts if al.kind == "complaint_spike"}

    assert spikes() == {}
    opened_at(server, shop1, "complaint", 10 * 60)  # 4 = the level
    opened_at(server, shop2, "complaint", 60)  # 3 = the minimum
    got = spikes()
    assert set(got) == {shop1, shop2}
    assert (got[shop1].value, got[shop1].threshold) == (4, 4)
    assert (got[shop2].value, got[shop2].threshold) == (3, 3)
    with server.session() as s:
        first_conv = s.get(Conversation, first)
        assert first_conv is not None
        assert got[shop1].since == first_conv.created_at
    assert got[shop1].key == f"complaint_spike:{shop1}"
