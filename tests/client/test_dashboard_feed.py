"""The supervisor's dashboard feed against the real service over HTTP: a change made by another
client reaches the supervisor within a bounded time through the live channel, bursts coalesce,
an outage keeps the last snapshot (marked stale, with its age) also across a restart, alerts are
new once per key, and an agent is refused."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

import pytest

from central import models as cm
from central.testing import TcpProxy
from tests.client.conftest import refuse, wait_for
from workstation.api import Forbidden
from workstation.dashboard import (
    AlertTracker,
    DashboardFeed,
    Snapshot,
    buyer_names,
    held_conversations,
    wait_seconds,
)
from workstation.timeutil import utcnow

#: a change made by a colleague is on the supervisor's dashboard within this many seconds
BOUND_S = 2.0


class Collector:
    def __init__(self) -> None:
        self.snaps: list[Snapshot] = []
        self.lock = threading.Lock()

    def __call__(self, snap: Snapshot) -> None:
        with self.lock:
            self.snaps.append(snap)

    @property
    def last(self) -> Snapshot | None:
        with self.lock:
            return self.snaps[-1] if self.snaps else None


def agent_load(snap: Snapshot | None, user_id: int) -> int | None:
    if snap is None:
        return None
    return next((a.load for a in snap.dashboard.agents if a.user_id == user_id), None)


def test_a_colleagues_claim_reaches_the_dashboard_within_a_bound(server: Any, connect: Any) -> None:
    sup = connect(server.url, "s1")
    agent = connect(server.url, "a2")
    agent.engine.sync_once()
    got = Collector()
    feed = DashboardFeed(sup.api, sup.db, on_snapshot=got, poll_interval=60.0)
    feed.start()
    try:
        wait_for(lambda: got.last is not None, timeout=10)
        wait_for(lambda: feed.stats.events >= 1, timeout=10)  # the live channel is connected
        a2 = server.seed["users"]["a2"]
        assert agent_load(got.last, a2) == 0
        shop1 = server.seed["shops"][0]
        conv = server.seed["conversations"][shop1][0]
        shown = got.last
        assert shown is not None
        waiting_before = sum(q.waiting for q in shown.dashboard.queues)
        started = time.monotonic()
        outcome = agent.claim(conv, 0)
        assert outcome.won
        wait_for(lambda: agent_load(got.last, a2) == 1, timeout=BOUND_S)
        elapsed = time.monotonic() - started
        snap = got.last
        assert snap is not None and not snap.stale
        assert sum(q.waiting for q in snap.dashboard.queues) == waiting_before - 1
        assert conv not in {w.id for w in snap.dashboard.waiting}
        assert elapsed < BOUND_S
        # the poll (60 s) did not do it: the live channel did
        assert feed.stats.events >= 2
    finally:
        feed.stop()


def test_bursts_coalesce_one_fetch_in_flight_one_queued(server: Any, connect: Any) -> None:
    sup = connect(server.url, "s1")
    got = Collector()
    feed = DashboardFeed(sup.api, sup.db, on_snapshot=got, poll_interval=60.0, live=False)
    feed.start()
    try:
        wait_for(lambda: feed.stats.fetches >= 1, timeout=10)
        before = feed.stats.fetches
        for _ in range(200):
            feed.refresh()
        time.sleep(1.5)
        assert 1 <= feed.stats.fetches - before <= 2
    finally:
        feed.stop()


def test_an_outage_keeps_the_last_snapshot_with_its_age_also_after_a_restart(
    server: Any, connect: Any, data_dir: Any
) -> None:
    with TcpProxy(server.url) as proxy:
        sup = connect(proxy.url, "s1")
        sup.api.timeout = 2.0
        got = Collector()
        feed = DashboardFeed(sup.api, sup.db, on_snapshot=got, poll_interval=60.0, live=False)
        first = feed.fetch_once()
        assert first is not None and not first.stale
        refuse(proxy)
        kept = feed.fetch_once()
        assert kept is not None and kept.stale and kept.error
        assert kept.dashboard == first.dashboard  # the same figures, not blanks
        assert kept.fetched_at == first.fetched_at  # the age counts from the last good fetch
        later = kept.fetched_at + timedelta(minutes=3)
        assert kept.age(later) == timedelta(minutes=3)
        # stale: waits are as of the snapshot, not of a made-up now
        feed.stop()  # stores the last good snapshot
        sup.close()
        # a restart without the service: the cache shows the last known floor, marked stale
        again = connect(proxy.url, "s1", password=None, offline_ok=True)
        assert again.offline
        feed2 = DashboardFeed(again.api, again.db, on_snapshot=got, live=False)
        cached = feed2.load_cached()
        assert cached is not None and cached.stale
        assert cached.dashboard.version == first.dashboard.version
        assert cached.dashboard.queues == first.dashboard.queues
        assert abs((cached.fetched_at - first.fetched_at).total_seconds()) < 0.001
        assert cached.age() >= timedelta(0)
        proxy.restore()


def test_alerts_are_new_once_per_key(server: Any, connect: Any) -> None:
    sup = connect(server.url, "s1")
    config = sup.api.supervisor_config()
    sup.api.set_supervisor_config(
        config.model_copy(update={"sla_seconds": {**config.sla_seconds, "presale": 1}})
    )
    time.sleep(1.3)
    feed = DashboardFeed(sup.api, sup.db, on_snapshot=lambda s: None, live=False)
    snap = feed.fetch_once()
    assert snap is not None
    breaches = [a for a in snap.dashboard.alerts if a.kind == "sla_breach" and a.group == "presale"]
    assert breaches, snap.dashboard.alerts
    tracker = AlertTracker()
    assert {a.key for a in tracker.new_alerts(snap.dashboard.alerts)} == {
        a.key for a in snap.dashboard.alerts
    }
    again = feed.fetch_once()
    assert again is not None
    assert tracker.new_alerts(again.dashboard.alerts) == []  # the same alerts: nothing new
    # the wait shown ticks from the service's clock
    waiting = snap.dashboard.waiting[0]
    now = snap.server_now()
    wait = wait_seconds(waiting.waiting_since, now)
    assert wait is not None and wait >= 1.0
    assert wait_seconds(None, utcnow()) is None


def test_an_agent_gets_no_dashboard(server: Any, connect: Any) -> None:
    agent = connect(server.url, "a1")
    feed = DashboardFeed(agent.api, agent.db, on_snapshot=lambda s: None, live=False)
    with pytest.raises(Forbidden):
        feed.fetch_once()
    assert not feed.allowed


def test_a_wait_passing_the_sla_is_fetched_without_any_change(server: Any, connect: Any) -> None:
    """Nothing changes on the service when a buyer's wait passes the SLA: the feed fetches just
    after the next wait crosses its threshold (not only at the slow poll)."""
    sup = connect(server.url, "s1")
    config = sup.api.supervisor_config()
    sup.api.set_supervisor_config(
        config.model_copy(update={"sla_seconds": {**config.sla_seconds, "presale": 3}})
    )
    started = time.monotonic()
    conv = server.add_conversation(server.seed["shops"][0], "presale", "还在吗")
    got = Collector()
    feed = DashboardFeed(sup.api, sup.db, on_snapshot=got, poll_interval=60.0, live=False)
    feed.start()
    try:

        def alerted() -> bool:
            snap = got.last
            return snap is not None and any(a.conversation_id == conv for a in snap.dashboard.alerts)

        wait_for(alerted, timeout=8)
        assert 3.0 <= time.monotonic() - started < 8
        assert feed.stats.events == 0  # no live channel here: the feed's own timing did it
    finally:
        feed.stop()


def test_an_agents_conversations_and_an_alerts_buyer_come_from_the_supervisors_cache(
    server: Any, connect: Any
) -> None:
    """What an agent holds (to reassign or take over one) is read from the supervisor's cache;
    the buyer an SLA alert is about is named from the cache too (the snapshot carries it)."""
    sup = connect(server.url, "s1")
    shop1, shop2 = server.seed["shops"]
    users = server.seed["users"]
    c1, c2, c3 = server.seed["conversations"][shop1]
    server.claim_as("a2", c1)
    server.claim_as("a2", c3)
    server.claim_as("b1", server.seed["conversations"][shop2][0])
    sup.engine.sync_once()
    held = held_conversations(sup.db, users["a2"])
    assert {r.id for r in held} == {c1, c3}
    assert all(r.assignee_id == users["a2"] and r.status != "closed" for r in held)
    assert {r.buyer_nickname for r in held} == {"爱吃鱼的猫", "tb_8812"}
    assert held_conversations(sup.db, users["a1"]) == []
    # what the service holds agrees with the cache: the versions are the ones to assign with
    with server.session() as s:
        on_service = {c: s.get(cm.Conversation, c).assignment_version for c in (c1, c3)}
    assert {r.id: r.assignment_version for r in held} == on_service
    assert buyer_names(sup.db, [c2, 999_999]) == {c2: "sunny小可爱"}
    assert buyer_names(sup.db, []) == {}

    # an SLA alert on the waiting after-sale conversation: the snapshot names its buyer
    config = sup.api.supervisor_config()
    sup.api.set_supervisor_config(
        config.model_copy(update={"sla_seconds": {**config.sla_seconds, "aftersale": 1}})
    )
    time.sleep(1.3)
    feed = DashboardFeed(sup.api, sup.db, on_snapshot=lambda s: None, live=False)
    snap = feed.fetch_once()
    assert snap is not None
    assert any(a.conversation_id == c2 for a in snap.dashboard.alerts)
    assert snap.buyers == {c2: "sunny小可爱"}
