"""Demo seeding and traffic, bulk inserts and pull speed, and the test helpers themselves."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import timedelta

import pytest
import requests
from sqlalchemy import func, select, update

from central import demo
from central.demo import TrafficSimulator, bulk_conversations, seed_demo
from central.models import Buyer, Conversation, Message, Order, Phrase, Shop, User, utcnow
from central.testing import LiveServer, TcpProxy
from tests.service.conftest import Api
from wsprotocol import Paths


def test_seed_demo_fills_and_is_idempotent() -> None:
    with LiveServer() as srv:
        # how long seeding takes is a benchmark figure (README), not a test: timings flake
        summary = seed_demo(srv.db, seed=7)
        assert "5000 buyers" in summary
        with srv.session() as s:
            assert s.execute(select(func.count()).select_from(Shop)).scalar_one() >= 3
            roles = Counter(s.execute(select(User.role)).scalars())
            assert roles["agent"] == 20 and roles["supervisor"] == 2 and roles["admin"] == 1
            assert s.execute(select(func.count()).select_from(Buyer)).scalar_one() == 5000
            statuses = Counter(s.execute(select(Conversation.status)).scalars())
            assert set(statuses) == {"waiting", "assigned", "closed"}
            assert s.execute(select(func.count()).select_from(Message)).scalar_one() > 400
            assert s.execute(select(func.count()).select_from(Phrase)).scalar_one() > 0
            waiting = s.execute(select(Conversation).where(Conversation.status == "waiting")).scalars().all()
            assert all(c.waiting_since is not None and c.assignee_id is None for c in waiting)
        assert seed_demo(srv.db, only_if_empty=True) == "demo database already seeded"
        # demo accounts log in with the demo password; the seeded data pulls cleanly
        r = requests.post(
            srv.url + "/v1/auth/login",
            json={"staff_id": "zg01", "password": "demo1234", "device_id": "demo-device-9"},
            timeout=30,
        )
        assert r.status_code == 200
        changes, _ = Api(srv.url, r.json()["access_token"]).pull_all(limit=5000)
        assert sum(1 for c in changes if c["entity"] == "buyer") == 5000


def test_traffic_simulator_writes_through_the_versioned_path() -> None:
    with LiveServer() as srv:
        seed_demo(srv.db, seed=3, n_buyers=200, n_conversations=30)
        sim = TrafficSimulator(srv.db, rate_per_minute=600, seed=11)
        assert sim.load()
        with srv.session() as s:
            before_convs = s.execute(select(func.count()).select_from(Conversation)).scalar_one()
        v0 = requests.get(srv.url + "/v1/sync/meta").json()["version"]
        kinds: Counter[str] = Counter()
        for _ in range(40):
            _, event = sim.step()
            conv_id = sim.apply(event)
            kinds[event.kind] += 1
            with srv.session() as s:
                conv = s.get(Conversation, conv_id)
                assert conv is not None
                assert conv.last_message_from == "buyer" and conv.last_message_preview
                assert conv.waiting_since is not None
        assert kinds["new"] > 0 and kinds["follow_up"] > 0
        with srv.session() as s:
            after_convs = s.execute(select(func.count()).select_from(Conversation)).scalar_one()
        assert after_convs - before_convs == kinds["new"]
        assert requests.get(srv.url + "/v1/sync/meta").json()["version"] >= v0 + 2 * 40


@pytest.mark.slow
def test_bulk_conversations_and_initial_pull(server: LiveServer, ids: dict) -> None:
    n = 30_000
    with server.write() as s:
        conv_ids = bulk_conversations(s, ids["shops"][0], n, with_messages=True)
    assert len(conv_ids) == n
    api = Api(server.url, server.token_for("a1"))
    changes, _ = api.pull_all(limit=5000)
    # every conversation arrives (the speed of this is benchmarks/bench_spine.py's figure)
    assert sum(1 for c in changes if c["entity"] == "conversation") == n + 3


def test_proxy_refuse_and_restore(server: LiveServer) -> None:
    with TcpProxy(server.url) as proxy:
        assert requests.get(proxy.url + "/v1/health", timeout=5).status_code == 200
        proxy.refuse()
        with pytest.raises(requests.ConnectionError):
            requests.get(proxy.url + "/v1/health", timeout=5)
        proxy.restore()
        assert requests.get(proxy.url + "/v1/health", timeout=5).status_code == 200
        assert proxy.connections >= 2


def test_proxy_drops_only_the_requested_responses(server: LiveServer) -> None:
    with TcpProxy(server.url) as proxy:
        proxy.drop_responses(2)
        for _ in range(2):
            with pytest.raises(requests.ConnectionError):
                requests.get(proxy.url + "/v1/health", timeout=5)
        assert proxy.dropped == 2
        assert requests.get(proxy.url + "/v1/health", timeout=5).status_code == 200


def test_simulated_colleagues_claim_answer_and_close() -> None:
    with LiveServer() as srv:
        seed_demo(srv.db, seed=5, n_buyers=300, n_conversations=120)
        sim = TrafficSimulator(srv.db, rate_per_minute=60, seed=2)
        assert sim.load()
        actions = Counter(sim.colleague_step() for _ in range(60))
        assert actions["claimed"] > 0 and actions["closed"] > 0, actions
        with srv.session() as s:
            # every claim by a simulated colleague was answered, none went to the humans' accounts
            claimed = (
                s.execute(select(Message).where(Message.sender == "system", Message.text.like("%接入会话%")))
                .scalars()
                .all()
            )
            humans = set(s.execute(select(User.id).where(User.staff_id.in_(("kf001", "kf002")))).scalars())
            recent = [m for m in claimed if m.created_at.timestamp() > time.time() - 60]
            assert len(recent) == actions["claimed"]
            assert not {m.author_id for m in recent} & humans
            for m in recent:
                conv = s.get(Conversation, m.conversation_id)
                assert conv is not None and conv.status in ("assigned", "closed")
                assert conv.waiting_since is None  # answered
            # closes carry a category and say so in the thread, as an agent's close does
            closes = (
                s.execute(
                    select(Message).where(Message.sender == "system", Message.text.like("%结束了会话（%"))
                )
                .scalars()
                .all()
            )
            assert len(closes) == actions["closed"]
            for m in closes:
                conv = s.get(Conversation, m.conversation_id)
                assert conv is not None and conv.status == "closed" and conv.close_category is not None


def _claim_and_reply(srv: LiveServer, staff_id: str, text: str) -> int:
    """``staff_id`` claims the oldest waiting conversation of its groups and replies; returns its id."""
    api = Api(srv.url, srv.token_for(staff_id))
    with srv.session() as s:
        user = s.execute(select(User).where(User.staff_id == staff_id)).scalar_one()
        conv = (
            s.execute(
                select(Conversation)
                .where(
                    Conversation.status == "waiting",
                    Conversation.group.in_(user.groups),
                    Conversation.shop_id.in_(user.shop_ids),
                )
                .order_by(Conversation.id)
            )
            .scalars()
            .first()
        )
        assert conv is not None
    r = api.post(Paths.claim(conv.id), json={"expected_assignment_version": conv.assignment_version})
    assert r.status_code == 200, r.text
    r = api.post(Paths.send(conv.id), json={"client_msg_id": f"reply-{conv.id}-0001", "text": text})
    assert r.status_code == 200, r.text
    return conv.id


def _last_message(srv: LiveServer, conv_id: int) -> Message:
    with srv.session() as s:
        msg = s.execute(
            select(Message).where(Message.conversation_id == conv_id).order_by(Message.id.desc()).limit(1)
        ).scalar_one()
        s.expunge(msg)
        return msg


def test_buyer_answers_an_agents_reply_live(monkeypatch: pytest.MonkeyPatch) -> None:
    with LiveServer() as srv:
        seed_demo(srv.db, seed=9, n_buyers=200, n_conversations=40)
        sim = TrafficSimulator(srv.db, rate_per_minute=60, seed=4)
        assert sim.load()
        conv_id = _claim_and_reply(srv, "kf001", "亲，请提供一下订单号哦，我帮您查一下")
        with srv.session() as s:
            conv = s.get(Conversation, conv_id)
            assert conv is not None
            buyer_id = conv.buyer_id
        srv.add_order(buyer_id, status="shipped")
        latest = srv.add_order(buyer_id, status="paid")
        with srv.session() as s:
            order = s.get(Order, latest)
            assert order is not None
            order_no = order.order_no
        assert sim.answer_step() == 0  # seen, but the buyer takes a few seconds to answer
        assert _last_message(srv, conv_id).sender == "agent"
        due_in = sim.next_answer_in()
        assert due_in is not None and 0 < due_in <= demo.BUYER_ANSWER_DELAY_S[1]
        assert sim.answer_step(now=utcnow() + timedelta(seconds=10)) == 1
        answer = _last_message(srv, conv_id)
        # it fits: asked for the order number, the buyer gives their latest one
        assert answer.sender == "buyer" and order_no in answer.text, answer.text
        with srv.session() as s:
            conv = s.get(Conversation, conv_id)
            assert conv is not None and conv.waiting_since is not None  # the agent owes an answer
        assert sim.answer_step(now=utcnow() + timedelta(seconds=60)) == 0  # once per reply

        # through the demo's own waiting loop: the answer arrives while the loop waits
        monkeypatch.setattr(demo, "BUYER_ANSWER_DELAY_S", (0.2, 0.4))
        second = _claim_and_reply(srv, "kf002", "亲，麻烦拍一下照片发给我")
        asyncio.run(sim.wait(1.5))
        answer = _last_message(srv, second)
        assert answer.sender == "buyer" and ("[图片]" in answer.text or "[视频]" in answer.text)


def test_no_buyer_answer_to_a_closed_conversation_or_to_simulated_colleagues() -> None:
    with LiveServer() as srv:
        seed_demo(srv.db, seed=9, n_buyers=200, n_conversations=40)
        sim = TrafficSimulator(srv.db, rate_per_minute=60, seed=4)
        assert sim.load()
        conv_id = _claim_and_reply(srv, "kf001", "亲，这款有现货的")
        sim.answer_step()
        with srv.session() as s:
            conv = s.get(Conversation, conv_id)
            assert conv is not None
            version = conv.assignment_version
        api = Api(srv.url, srv.token_for("kf001"))
        r = api.post(
            Paths.close(conv_id), json={"expected_assignment_version": version, "category": "presale"}
        )
        assert r.status_code == 200, r.text
        assert sim.answer_step(now=utcnow() + timedelta(seconds=30)) == 0
        with srv.session() as s:
            conv = s.get(Conversation, conv_id)
            assert conv is not None and conv.status == "closed"  # a late "thanks" did not reopen it
        # simulated colleagues' replies are not answered by this mechanism (they talk to buyers
        # through the ordinary traffic)
        with srv.write() as s:
            s.execute(
                update(Conversation)
                .where(Conversation.status == "waiting")
                .values(waiting_since=utcnow() - timedelta(minutes=5))
            )
        assert "claimed" in {sim.colleague_step() for _ in range(10)}
        assert sim.answer_step(now=utcnow() + timedelta(seconds=30)) == 0


def test_simulated_colleagues_answer_buyers_who_write_again() -> None:
    with LiveServer() as srv:
        seed_demo(srv.db, seed=9, n_buyers=200, n_conversations=40)
        sim = TrafficSimulator(srv.db, rate_per_minute=60, seed=8)
        assert sim.load()
        with srv.write() as s:
            s.execute(
                update(Conversation)
                .where(Conversation.status == "waiting")
                .values(waiting_since=utcnow() - timedelta(minutes=5))
            )
        while sim.colleague_step() != "claimed":
            pass
        with srv.session() as s:
            held = (
                s.execute(
                    select(Conversation.id)
                    .join(User, User.id == Conversation.assignee_id)
                    .where(Conversation.status == "assigned", Conversation.last_message_from == "agent")
                    .where(User.staff_id.not_in(demo.HUMAN_STAFF))
                    .order_by(Conversation.id.desc())
                )
                .scalars()
                .first()
            )
        assert held is not None
        srv.add_buyer_message(held, "那什么时候发货")
        with srv.write() as s:
            s.execute(
                update(Conversation)
                .where(Conversation.id == held)
                .values(waiting_since=utcnow() - timedelta(minutes=1))
            )
        actions = Counter(sim.colleague_step() for _ in range(40))
        assert actions["replied"] > 0, actions
        with srv.session() as s:
            conv = s.get(Conversation, held)
            assert conv is not None and conv.waiting_since is None and conv.last_message_from == "agent"
