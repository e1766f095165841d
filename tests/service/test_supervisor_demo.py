"""The demo's living floor (issue 6): simulated colleagues with statuses and capacities that
change now and then and keep their heartbeats, routing for them, and complaint bursts that raise
the supervisor's complaint-spike alert."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import requests
from sqlalchemy import select

from central.demo import HUMAN_STAFF, TrafficSimulator, seed_demo
from central.housekeeping import expire_presence
from central.models import Activity, AgentState, User, utcnow
from central.testing import LiveServer
from wsprotocol import Dashboard, Paths


@pytest.fixture(scope="module")
def demo() -> Iterator[LiveServer]:
    with LiveServer() as srv:
        seed_demo(srv.db, seed=5, n_buyers=600, n_conversations=120)
        yield srv


def test_colleagues_have_statuses_and_capacities_people_do_not(demo: LiveServer) -> None:
    with demo.session() as s:
        rows = s.execute(
            select(User.staff_id, User.role, AgentState.status, AgentState.capacity).outerjoin(
                AgentState, AgentState.user_id == User.id
            )
        ).all()
    colleagues = [r for r in rows if r.role == "agent" and r.staff_id not in HUMAN_STAFF]
    assert colleagues and all(r.status is not None for r in colleagues)
    assert {r.status for r in colleagues} >= {"online", "busy"}
    assert all(3 <= r.capacity <= 6 for r in colleagues)
    # the people trying the demo set their own status from the workstation
    assert all(r.status is None for r in rows if r.staff_id in HUMAN_STAFF)


def test_colleagues_change_status_and_keep_their_heartbeat(demo: LiveServer) -> None:
    sim = TrafficSimulator(demo.db, rate_per_minute=60, seed=3)
    assert sim.load()
    changes = [sim.presence_step() for _ in range(60)]
    assert sum(1 for c in changes if c is not None) >= 3
    with demo.session() as s:
        events = list(s.execute(select(Activity).where(Activity.kind == "status")).scalars())
    assert events and {(e.detail or {}).get("auto") for e in events} == {False}
    # heartbeats: nobody who is not offline is silent, so housekeeping leaves them be
    with demo.write() as s:
        for st in s.execute(select(AgentState)).scalars():
            st.last_seen_at = utcnow() - timedelta(minutes=10)
    sim.presence_step()
    assert expire_presence(demo.db) == []


def test_a_complaint_burst_raises_the_spike_alert(demo: LiveServer) -> None:
    sim = TrafficSimulator(demo.db, rate_per_minute=60, seed=4)
    assert sim.load()
    token = demo.token_for("admin")

    def spikes() -> dict[int, float]:
        r = requests.get(demo.url + Paths.DASHBOARD, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert r.status_code == 200, r.text
        board = Dashboard.model_validate(r.json())
        return {al.shop_id or 0: al.value for al in board.alerts if al.kind == "complaint_spike"}

    shop_id, n = sim.complaint_burst()
    assert 1 <= n <= 30
    got = spikes()
    assert shop_id in got
    # a second burst elsewhere (or the same shop, already at its level) adds at least one
    shop2, n2 = sim.complaint_burst()
    assert n2 >= 1 and shop2 in spikes()


def test_buyers_rate_recently_closed_conversations(demo: LiveServer) -> None:
    """The demo's dashboard and today's report show satisfaction: buyers rate conversations
    closed in the last minutes, through the integration's rating rule."""
    from central import ops
    from central.models import Conversation

    sim = TrafficSimulator(demo.db, rate_per_minute=60, seed=6)
    assert sim.load()
    with demo.write() as s:
        agent = s.execute(select(User).where(User.staff_id == "kf003")).scalar_one()
        waiting = select(Conversation).where(
            Conversation.status == "waiting",
            Conversation.shop_id.in_(agent.shop_ids),
            Conversation.group.in_(agent.groups),
        )
        conv = s.execute(waiting).scalars().first()
        assert conv is not None
        conv = ops.claim(s, agent, conv.id, conv.assignment_version)
        ops.close(s, agent, conv.id, conv.assignment_version, "presale", "")
        closed_id = conv.id
    scores = [sim.rating_step() for _ in range(40)]
    given = [x for x in scores if x is not None]
    assert given and all(1 <= x <= 5 for x in given)
    with demo.session() as s:
        rated = s.execute(select(Conversation.satisfaction).where(Conversation.id == closed_id)).scalar_one()
        events = (
            s.execute(select(Activity).where(Activity.kind == "rated", Activity.conversation_id == closed_id))
            .scalars()
            .all()
        )
    assert rated is not None and len(events) == 1 and events[0].value == rated
    assert events[0].agent_id is not None  # credited to the agent who held it
