"""Send, transfer, close, escalate from the client core: checked locally first, never queued, the
server's answer (or its refusal) in the cache at once, nothing half-done when offline."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from central import models as cm
from central.testing import LiveServer, TcpProxy
from tests.client.conftest import refuse
from workstation.api import ClaimLost, NotAssignee, Offline
from workstation.client import Client
from workstation.demo import DemoService
from workstation.models import Colleague, Conversation, Message, Order
from wsprotocol import MAX_REPLY_CHARS


def _claimed(server: LiveServer, client: Client, group_index: int = 0) -> int:
    """A conversation of shop 1 claimed by ``client`` (cache pulled before)."""
    conv_id: int = server.seed["conversations"][server.seed["shops"][0]][group_index]  # type: ignore[attr-defined]
    client.engine.pull()
    with client.db.session() as s:
        row = s.get(Conversation, conv_id)
        assert row is not None
        version = row.assignment_version
    assert client.claim(conv_id, version).won
    return conv_id


def _cached(client: Client, conv_id: int) -> Conversation:
    with client.db.session() as s:
        row = s.get(Conversation, conv_id)
        assert row is not None
        s.expunge(row)
        return row


def _cached_texts(client: Client, conv_id: int) -> list[tuple[str, str]]:
    with client.db.session() as s:
        rows = s.scalars(select(Message).where(Message.conversation_id == conv_id).order_by(Message.id))
        return [(m.sender, m.text) for m in rows]


def _server_agent_messages(server: LiveServer, conv_id: int) -> list[str]:
    with server.session() as s:
        return list(
            s.scalars(
                select(cm.Message.text)
                .where(cm.Message.conversation_id == conv_id, cm.Message.sender == "agent")
                .order_by(cm.Message.id)
            )
        )


def test_send_reply_lands_in_the_cache_at_once_and_a_retry_is_the_same_message(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    a1 = connect(server.url, "a1")
    conv_id = _claimed(server, a1)
    assert _cached(a1, conv_id).waiting_since is not None
    msg_id = str(uuid.uuid4())
    text = "亲，有现货的哦 <b>今天</b>下单今天发 😊"

    answer = a1.send_reply(conv_id, text, msg_id)
    assert answer.messages[0].text == text and answer.messages[0].sender == "agent"
    # before any pull: a send does not bump assignment_version, yet the cached conversation moves
    row = _cached(a1, conv_id)
    assert row.waiting_since is None
    assert row.last_message_from == "agent" and row.last_message_preview == text
    assert ("agent", text) in _cached_texts(a1, conv_id)

    again = a1.send_reply(conv_id, text, msg_id)  # e.g. after a lost answer
    assert again.messages[0].id == answer.messages[0].id
    assert _server_agent_messages(server, conv_id) == [text]

    # the next pull agrees with what the action wrote (same data, the version moves forward only)
    a1.engine.pull()
    row = _cached(a1, conv_id)
    assert row.waiting_since is None and row.last_message_preview == text


def test_a_newer_pulled_state_is_not_undone_by_an_older_answer(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    a1 = connect(server.url, "a1")
    conv_id = _claimed(server, a1)
    answer = a1.api.send_message(conv_id, "第一条回复", str(uuid.uuid4()))  # answer not yet stored
    server.add_buyer_message(conv_id, "好的，那我现在拍")
    a1.engine.pull()  # the buyer's newer message is in the cache
    from workstation.actions import _store

    _store(a1.engine, answer)  # the older answer arrives late
    row = _cached(a1, conv_id)
    assert row.last_message_from == "buyer" and row.last_message_preview == "好的，那我现在拍"
    assert row.waiting_since is not None


def test_bad_replies_are_refused_locally_without_the_network(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    with TcpProxy(server.url) as proxy:
        a1 = connect(proxy.url, "a1", timeout=1)
        conv_id = _claimed(server, a1)
        refuse(proxy)  # would raise Offline if the network were touched
        with pytest.raises(ValueError, match="empty"):
            a1.send_reply(conv_id, "  \n ", str(uuid.uuid4()))
        with pytest.raises(ValueError, match=f"20,000 characters; at most {MAX_REPLY_CHARS:,}"):
            a1.send_reply(conv_id, "长" * 20_000, str(uuid.uuid4()))
        with pytest.raises(ValueError, match="either a colleague or a group"):
            a1.transfer(conv_id, 1)
        with pytest.raises(ValueError, match="note has 501"):
            a1.escalate(conv_id, "x" * 501)
    assert _server_agent_messages(server, conv_id) == []


def test_offline_send_and_actions_leave_nothing_half_done(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    with TcpProxy(server.url) as proxy:
        a1 = connect(proxy.url, "a1", timeout=1)
        conv_id = _claimed(server, a1)
        before = _cached(a1, conv_id)
        texts_before = _cached_texts(a1, conv_id)
        refuse(proxy)
        with pytest.raises(Offline):
            a1.send_reply(conv_id, "离线时写的回复", str(uuid.uuid4()))
        with pytest.raises(Offline):
            a1.close_conversation(conv_id, before.assignment_version, "presale")
        with pytest.raises(Offline):
            a1.transfer(conv_id, before.assignment_version, to_group="aftersale", note="请售后看看")
        with pytest.raises(Offline):
            a1.escalate(conv_id, "买家情绪激动")
        assert a1.engine.pending_count() == 0  # never queued
        after = _cached(a1, conv_id)
        assert (after.status, after.assignment_version, after.last_message_preview) == (
            before.status,
            before.assignment_version,
            before.last_message_preview,
        )
        assert _cached_texts(a1, conv_id) == texts_before
    with server.session() as s:
        conv = s.get(cm.Conversation, conv_id)
        assert conv is not None and conv.status == "assigned" and conv.escalated_at is None
    assert _server_agent_messages(server, conv_id) == []


def test_a_lost_answer_is_retried_with_the_same_id_and_stored_once(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    with TcpProxy(server.url) as proxy:
        a1 = connect(proxy.url, "a1", timeout=2)
        conv_id = _claimed(server, a1)
        msg_id = str(uuid.uuid4())
        proxy.drop_responses(1)
        with pytest.raises(Offline):
            a1.send_reply(conv_id, "稍等，我帮您查一下", msg_id)
        assert _server_agent_messages(server, conv_id) == ["稍等，我帮您查一下"]  # it did arrive
        answer = a1.send_reply(conv_id, "稍等，我帮您查一下", msg_id)
        assert answer.messages[0].text == "稍等，我帮您查一下"
    assert _server_agent_messages(server, conv_id) == ["稍等，我帮您查一下"]
    assert _cached(a1, conv_id).last_message_preview == "稍等，我帮您查一下"


def test_transfer_to_a_colleague_reaches_them_with_the_note(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    a1, a2 = connect(server.url, "a1"), connect(server.url, "a2")
    conv_id = _claimed(server, a1)
    version = _cached(a1, conv_id).assignment_version
    a2_id = a2.user.id

    answer = a1.transfer(conv_id, version, to_user_id=a2_id, note="买家要退款，请售后处理")
    assert answer.conversation.assignee_id == a2_id
    assert answer.messages[0].text == "a1(客服a1) 转交给 a2(客服a2)：买家要退款，请售后处理"
    row = _cached(a1, conv_id)  # a1's queue shows it gone to a2 at once
    assert row.assignee_id == a2_id and row.assignment_version == version + 1

    a2.engine.pull()  # the receiver sees the conversation and why
    row = _cached(a2, conv_id)
    assert row.status == "assigned" and row.assignee_id == a2_id
    assert ("system", "a1(客服a1) 转交给 a2(客服a2)：买家要退款，请售后处理") in _cached_texts(a2, conv_id)

    # a1 no longer holds it: a reply is refused, and a1's cache shows who has it
    with pytest.raises(NotAssignee) as refused:
        a1.send_reply(conv_id, "还在吗", str(uuid.uuid4()))
    assert refused.value.assignee is not None and refused.value.assignee.staff_id == "a2"


def test_transfer_to_a_group_then_close_with_category(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    a1, a3 = connect(server.url, "a1"), connect(server.url, "a3")
    conv_id = _claimed(server, a1)
    version = _cached(a1, conv_id).assignment_version
    answer = a1.transfer(conv_id, version, to_group="aftersale", note="物流问题")
    row = _cached(a1, conv_id)
    assert (row.status, row.assignee_id, row.group) == ("waiting", None, "aftersale")
    assert row.waiting_since is not None
    assert answer.messages[0].text == "a1(客服a1) 转交给 售后组：物流问题"

    a3.engine.pull()
    won = a3.claim(conv_id, _cached(a3, conv_id).assignment_version)
    assert won.won
    closed = a3.close_conversation(conv_id, won.conversation.assignment_version, "shipping")
    assert closed.messages[0].text == "a3 结束了会话（物流）"
    row = _cached(a3, conv_id)
    assert (row.status, row.close_category) == ("closed", "shipping") and row.closed_at is not None

    # a1 (with a stale view) tries to reply: refused, and a1's cache learns it is closed
    with pytest.raises(ClaimLost, match="closed"):
        a1.send_reply(conv_id, "您好", str(uuid.uuid4()))
    assert _cached(a1, conv_id).status == "closed"


def test_stale_close_loses_and_shows_the_holder(server: LiveServer, connect: Callable[..., Client]) -> None:
    a1, s1 = connect(server.url, "a1"), connect(server.url, "s1")
    conv_id = _claimed(server, a1)
    s1.engine.pull()
    version = _cached(s1, conv_id).assignment_version
    a2_id = server.seed["users"]["a2"]  # type: ignore[attr-defined]
    s1.transfer(conv_id, version, to_user_id=a2_id, note="我来分配")  # a supervisor moves it

    with pytest.raises(ClaimLost) as lost:  # a1 still believes it holds it
        a1.close_conversation(conv_id, version, "presale")
    assert lost.value.conversation.assignee_id == a2_id
    row = _cached(a1, conv_id)
    assert row.assignee_id == a2_id  # shown at once, with the holder's name
    with a1.db.session() as s:
        colleague = s.get(Colleague, a2_id)
        assert colleague is not None and colleague.staff_id == "a2"


def test_escalate_marks_and_raises_priority(server: LiveServer, connect: Callable[..., Client]) -> None:
    a1 = connect(server.url, "a1")
    conv_id = _claimed(server, a1)
    before = _cached(a1, conv_id)
    answer = a1.escalate(conv_id, "买家要求赔偿三倍")
    assert answer.messages[0].text == "a1(客服a1) 将会话升级给主管：买家要求赔偿三倍"
    row = _cached(a1, conv_id)  # escalation does not bump assignment_version, yet it shows
    assert row.escalated_at is not None and row.priority == before.priority + 1
    assert row.assignment_version == before.assignment_version
    with server.session() as s:
        assert s.scalar(select(func.count()).select_from(cm.Message).where(cm.Message.sender == "agent")) == 0


@pytest.mark.slow
def test_demo_buyer_answers_kf001_live(tmp_path: Path, data_dir: Path) -> None:
    """The demo as the user tries it: the real demo service process, kf001's client with its
    live sync loop. kf001 claims, asks for the order number and sends; the buyer's answer (one
    of the buyer's own orders) arrives in the cache by itself, with no pull by the test."""
    demo = DemoService.start(tmp_path, traffic_rate=2)
    try:
        client = Client.connect(demo.url, demo.staff_id, demo.password, data_dir=data_dir)
        try:
            client.engine.pull()
            changed = threading.Event()
            client.start_sync(on_status=lambda _s: None, on_changes=lambda _c: changed.set())
            conv_id: int | None = None
            buyer_id: int | None = None
            with client.db.session() as s:
                waiting = s.scalars(
                    select(Conversation)
                    .where(
                        Conversation.status == "waiting",
                        Conversation.group.in_(client.user.groups),
                        Conversation.shop_id.in_(client.user.shop_ids),
                    )
                    .order_by(Conversation.waiting_since.desc())
                ).all()
                candidates = [(c.id, c.assignment_version, c.buyer_id) for c in waiting]
            for cid, version, buyer in candidates:  # a simulated colleague may be quicker
                if client.claim(cid, version).won:
                    conv_id, buyer_id = cid, buyer
                    break
            assert conv_id is not None and buyer_id is not None
            with client.db.session() as s:
                own_orders = set(s.scalars(select(Order.order_no).where(Order.buyer_id == buyer_id)))
            assert own_orders, "every demo buyer has orders"
            sent = client.send_reply(conv_id, "亲，请提供一下订单号哦，我帮您查一下", str(uuid.uuid4()))
            deadline = time.monotonic() + 30
            answer = None
            while answer is None and time.monotonic() < deadline:
                changed.wait(1.0)
                changed.clear()
                with client.db.session() as s:
                    answer = s.scalars(
                        select(Message).where(
                            Message.conversation_id == conv_id,
                            Message.sender == "buyer",
                            Message.id > sent.messages[0].id,
                        )
                    ).first()
                    answer_text = answer.text if answer is not None else ""
            assert answer is not None, "the buyer's answer did not arrive live within 30 s"
            assert any(no in answer_text for no in own_orders), answer_text
            row = _cached(client, conv_id)
            assert row.last_message_from == "buyer" and row.waiting_since is not None
        finally:
            client.close()
    finally:
        demo.stop()
