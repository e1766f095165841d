"""Send, transfer, close, escalate over HTTP: who may act, compare-and-set, system messages, and
phrases with variables."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import requests
from sqlalchemy import func, select

from central import models as cm
from central.testing import LiveServer
from tests.service.conftest import Api
from wsprotocol import ClaimConflict, ConversationActionResponse, Paths


def claim(api: Api, conv_id: int, expected: int = 0) -> requests.Response:
    return api.post(Paths.claim(conv_id), json={"expected_assignment_version": expected})


def send(api: Api, conv_id: int, text: str, msg_id: str | None = None) -> requests.Response:
    return api.post(Paths.send(conv_id), json={"client_msg_id": msg_id or str(uuid.uuid4()), "text": text})


def transfer(api: Api, conv_id: int, expected: int, **kw: Any) -> requests.Response:
    return api.post(Paths.transfer(conv_id), json={"expected_assignment_version": expected, **kw})


def close(
    api: Api, conv_id: int, expected: int, category: str = "presale", note: str = ""
) -> requests.Response:
    return api.post(
        Paths.close(conv_id),
        json={"expected_assignment_version": expected, "category": category, "note": note},
    )


def escalate(api: Api, conv_id: int, note: str = "") -> requests.Response:
    return api.post(Paths.escalate(conv_id), json={"note": note})


def ok(r: requests.Response) -> ConversationActionResponse:
    assert r.status_code == 200, r.text
    return ConversationActionResponse.model_validate(r.json())


def agent_texts(server: LiveServer, conv_id: int) -> list[str]:
    with server.session() as s:
        return list(
            s.scalars(
                select(cm.Message.text)
                .where(cm.Message.conversation_id == conv_id, cm.Message.sender == "agent")
                .order_by(cm.Message.id)
            )
        )


def claimed_by(api: Api, conv_id: int) -> int:
    """Claim ``conv_id`` (waiting, version 0); returns the new assignment version."""
    r = claim(api, conv_id)
    assert r.status_code == 200, r.text
    return int(r.json()["assignment_version"])


def test_send_is_idempotent_and_clears_the_wait(server: LiveServer, ids: dict, api_for: Any) -> None:
    conv = ids["conversations"][ids["shops"][0]][0]
    a1 = api_for("a1")
    claimed_by(a1, conv)
    msg_id = str(uuid.uuid4())
    hostile = "<script>alert(1)</script>\u0007 亲 &amp; 😊\n第二行"
    first = ok(send(a1, conv, hostile, msg_id))
    assert first.messages[0].text == hostile  # verbatim: the client renders plain text
    assert first.messages[0].sender == "agent" and first.messages[0].author_id == ids["users"]["a1"]
    assert first.conversation.waiting_since is None
    assert first.conversation.last_message_from == "agent"
    assert first.conversation.last_message_preview == hostile[:80]
    assert first.version is not None
    again = ok(send(a1, conv, hostile, msg_id))
    assert again.messages[0].id == first.messages[0].id
    assert agent_texts(server, conv) == [hostile]
    # the same id for another text is a clear refusal, not a silent answer
    r = send(a1, conv, "别的内容", msg_id)
    assert r.status_code == 409 and "already used" in r.json()["message"]
    # a pull carries the reply and the conversation at the version the answer named
    changes, _ = a1.pull_all()
    conv_change = next(c for c in changes if c["entity"] == "conversation" and c["id"] == str(conv))
    assert conv_change["version"] == first.version
    assert conv_change["data"]["waiting_since"] is None
    # the buyer's next message starts the wait again and updates the buyer's last contact
    server.add_buyer_message(conv, "好的谢谢")
    with server.session() as s:
        c = s.get(cm.Conversation, conv)
        assert c is not None and c.waiting_since is not None
        buyer = s.get(cm.Buyer, c.buyer_id)
        assert buyer is not None and buyer.first_contact_at is not None
        assert buyer.last_contact_at is not None and buyer.last_contact_at >= c.waiting_since


def test_send_refusals(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1, _shop2 = ids["shops"]
    conv = ids["conversations"][shop1][0]
    a1, a2, b1 = api_for("a1"), api_for("a2"), api_for("b1")
    r = send(a1, conv, "在的亲")  # waiting: claim first
    assert r.status_code == 409 and "claim" in r.json()["message"]
    version = claimed_by(a1, conv)
    r = send(a2, conv, "我来回答")  # not a2's conversation
    assert r.status_code == 403 and "a1" in r.json()["message"]
    assert ClaimConflict.model_validate(r.json()["detail"]).assignee.staff_id == "a1"  # type: ignore[union-attr]
    assert send(b1, conv, "别的店的").status_code == 403  # not b1's shop
    assert send(a1, 999999, "没有这个会话").status_code == 404
    ok(send(api_for("s1"), conv, "主管来回复"))  # a supervisor of the shop may reply
    r = send(a1, conv, "长" * 20_000)
    assert r.status_code == 422 and r.json()["code"] == "bad_request"
    assert any("5000" in e["msg"] and e["loc"][-1] == "text" for e in r.json()["detail"]["errors"])
    r = send(a1, conv, "   ")
    assert r.status_code == 400 and "empty" in r.json()["message"]
    ok(close(a1, conv, version, "presale"))
    r = send(a1, conv, "还有别的问题吗")
    assert r.status_code == 409 and "closed" in r.json()["message"]
    assert ClaimConflict.model_validate(r.json()["detail"]).conversation.status == "closed"
    assert agent_texts(server, conv) == ["主管来回复"]


def test_transfer_to_a_colleague_with_a_note_the_receiver_sees(
    server: LiveServer, ids: dict, api_for: Any
) -> None:
    shop1 = ids["shops"][0]
    conv = ids["conversations"][shop1][0]  # presale
    # a colleague in another skill group still may receive it
    target = server.create_user("kf009", "agent", [shop1], groups=["aftersale"], display_name="李娜")
    a1 = api_for("a1")
    version = claimed_by(a1, conv)
    answer = ok(transfer(a1, conv, version, to_user_id=target, note="买家要退款，请售后处理"))
    assert answer.conversation.assignee_id == target and answer.conversation.status == "assigned"
    assert answer.conversation.assignment_version == version + 1
    text = "a1(客服a1) 转交给 kf009(李娜)：买家要退款，请售后处理"
    assert answer.messages[0].sender == "system" and answer.messages[0].text == text
    changes, _ = api_for("kf009").pull_all()
    assert text in [c["data"]["text"] for c in changes if c["entity"] == "message"]
    # the former holder's stale view loses, and learns who holds it now
    r = transfer(a1, conv, version, to_group="aftersale")
    assert r.status_code == 409 and r.json()["code"] == "conflict"
    assert ClaimConflict.model_validate(r.json()["detail"]).assignee.staff_id == "kf009"  # type: ignore[union-attr]


def test_transfer_to_a_group_and_its_checks(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1, _shop2 = ids["shops"]
    conv = ids["conversations"][shop1][0]
    a1 = api_for("a1")
    version = claimed_by(a1, conv)
    assert transfer(a1, conv, version).status_code == 400  # neither
    assert transfer(a1, conv, version, to_user_id=ids["users"]["a2"], to_group="aftersale").status_code == 400
    r = transfer(a1, conv, version, to_user_id=ids["users"]["b1"])  # b1 is not in shop 1
    assert r.status_code == 400 and "b1" in r.json()["message"]
    assert transfer(a1, conv, version, to_user_id=987654).status_code == 400
    assert transfer(a1, conv, version, to_user_id=ids["users"]["a1"]).status_code == 400  # already theirs
    assert transfer(api_for("a2"), conv, version, to_group="aftersale").status_code == 403  # not a2's
    answer = ok(transfer(a1, conv, version, to_group="aftersale", note="物流问题"))
    c = answer.conversation
    assert (c.status, c.assignee_id, c.group) == ("waiting", None, "aftersale")
    assert c.waiting_since is not None and c.waiting_since >= answer.messages[0].created_at
    assert answer.messages[0].text == "a1(客服a1) 转交给 售后组：物流问题"


def _race_once(server: LiveServer, ids: dict, api_for: Any) -> None:
    conv = server.add_conversation(ids["shops"][0], "presale", "有人吗")
    s1, a1, a2 = api_for("s1"), api_for("a1"), api_for("a2")
    results: dict[str, requests.Response] = {}
    barrier = threading.Barrier(3)
    calls: dict[str, Any] = {
        "t": lambda: transfer(s1, conv, 0, to_user_id=ids["users"]["a3"]),
        "c1": lambda: claim(a1, conv),
        "c2": lambda: claim(a2, conv),
    }

    def run(name: str) -> None:
        barrier.wait()
        results[name] = calls[name]()

    threads = [threading.Thread(target=run, args=(name,)) for name in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    winners = [k for k, r in results.items() if r.status_code == 200]
    assert len(winners) == 1, {k: r.text for k, r in results.items()}
    assert all(r.status_code == 409 for k, r in results.items() if k not in winners)
    with server.session() as s:
        c = s.get(cm.Conversation, conv)
        assert c is not None and c.status == "assigned" and c.assignment_version == 1
        expected = {"t": ids["users"]["a3"], "c1": ids["users"]["a1"], "c2": ids["users"]["a2"]}
        assert c.assignee_id == expected[winners[0]]
        system = s.scalar(
            select(func.count())
            .select_from(cm.Message)
            .where(cm.Message.conversation_id == conv, cm.Message.sender == "system")
        )
        assert system == 1  # one outcome, one record of it


def test_transfer_races_a_claim_with_one_outcome(server: LiveServer, ids: dict, api_for: Any) -> None:
    """A supervisor moves a waiting conversation to a colleague while agents claim it: exactly one
    compare-and-set wins; the losers get 409 with the winner's state."""
    for _round in range(5):
        _race_once(server, ids, api_for)


def test_close_with_category(server: LiveServer, ids: dict, api_for: Any) -> None:
    conv = ids["conversations"][ids["shops"][0]][1]
    a1 = api_for("a1")
    version = claimed_by(a1, conv)
    assert close(a1, conv, version, "bogus").status_code == 422
    assert close(api_for("a2"), conv, version, "aftersale").status_code == 403
    assert close(a1, conv, version + 3, "aftersale").status_code == 409
    answer = ok(close(a1, conv, version, "aftersale"))
    c = answer.conversation
    assert (c.status, c.close_category, c.waiting_since) == ("closed", "aftersale", None)
    assert c.closed_at is not None and c.assignment_version == version + 1
    assert answer.messages[0].text == "a1 结束了会话（售后）"
    r = close(a1, conv, version + 1, "other")
    assert r.status_code == 409 and "closed" in r.json()["message"]
    # the buyer writing again reopens it into the queue, without the old category
    server.add_buyer_message(conv, "还有个问题")
    with server.session() as s:
        row = s.get(cm.Conversation, conv)
        assert row is not None and (row.status, row.close_category) == ("waiting", None)


def test_close_with_a_note_by_a_supervisor(server: LiveServer, ids: dict, api_for: Any) -> None:
    conv = ids["conversations"][ids["shops"][0]][2]
    version = claimed_by(api_for("a1"), conv)
    answer = ok(close(api_for("s1"), conv, version, "complaint", note="已电话安抚"))
    assert answer.messages[0].text == "s1 结束了会话（投诉）：已电话安抚"


def test_escalate(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1, _shop2 = ids["shops"]
    conv = ids["conversations"][shop1][2]
    a1 = api_for("a1")
    assert escalate(a1, conv).status_code == 403  # waiting: not a1's
    version = claimed_by(a1, conv)
    assert escalate(api_for("a2"), conv).status_code == 403
    assert escalate(api_for("b1"), conv).status_code == 403
    answer = ok(escalate(a1, conv, "买家要求三倍赔偿"))
    c = answer.conversation
    assert c.escalated_at is not None and c.priority == 1
    assert c.assignment_version == version  # not an assignment change: a pending transfer still works
    assert answer.messages[0].text == "a1(客服a1) 将会话升级给主管：买家要求三倍赔偿"
    r = escalate(api_for("s1"), conv)
    assert r.status_code == 409 and "already escalated" in r.json()["message"]
    ok(transfer(a1, conv, version, to_user_id=ids["users"]["s1"], note="请主管处理"))


def test_admin_acts_but_is_not_a_transfer_target(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1 = ids["shops"][0]
    admin_id = server.create_user("adm", "admin", [shop1])
    conv = ids["conversations"][shop1][0]
    version = claimed_by(api_for("a1"), conv)
    r = transfer(api_for("a1"), conv, version, to_user_id=admin_id)
    assert r.status_code == 400 and "admin" in r.json()["message"]
    ok(send(api_for("adm"), conv, "管理员回复"))
    ok(close(api_for("adm"), conv, version, "other"))


def test_inactive_colleague_is_not_a_transfer_target(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1 = ids["shops"][0]
    gone = server.create_user("gone", "agent", [shop1])
    with server.write() as s:
        user = s.get(cm.User, gone)
        assert user is not None
        user.active = False
    conv = ids["conversations"][shop1][0]
    version = claimed_by(api_for("a1"), conv)
    r = transfer(api_for("a1"), conv, version, to_user_id=gone)
    assert r.status_code == 400 and "no active colleague" in r.json()["message"]


def test_open_conversation_sets_buyer_contact_times(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1 = ids["shops"][0]
    buyer = server.add_buyer(shop1, "新来的")
    with server.session() as s:
        b = s.get(cm.Buyer, buyer)
        assert b is not None and b.first_contact_at is None
    conv = server.add_conversation(shop1, buyer_id=buyer, text="你好")
    changes, _ = api_for("a1").pull_all()
    rec = [c for c in changes if c["entity"] == "buyer" and c["id"] == str(buyer)][-1]["data"]
    assert rec["first_contact_at"] is not None and rec["first_contact_at"] == rec["last_contact_at"]
    server.add_buyer_message(conv, "在吗")
    with server.session() as s:
        b = s.get(cm.Buyer, buyer)
        assert b is not None and b.first_contact_at is not None and b.last_contact_at is not None
        assert b.last_contact_at > b.first_contact_at


def _push_phrase(api: Api, text: str, seq: int) -> dict[str, Any]:
    r = api.post(
        Paths.SYNC_PUSH,
        json={
            "client_id": "client-s1-phrases",
            "mutations": [
                {
                    "seq": seq,
                    "mutation_id": str(uuid.uuid4()),
                    "name": "phrase.save@1",
                    "args": {"id": str(uuid.uuid4()), "scope": "team", "shop_id": 1, "text": text},
                    "authored_at": "2026-11-22T10:00:00+00:00",
                }
            ],
        },
    )
    assert r.status_code == 200, r.text
    result: dict[str, Any] = r.json()["results"][0]
    return result


def test_phrase_with_unknown_variable_is_rejected(server: LiveServer, ids: dict, api_for: Any) -> None:
    s1 = api_for("s1")
    bad = _push_phrase(s1, "亲爱的{买家昵称}，您的{优惠码}和{coupon}已发放", 1)
    assert bad["status"] == "rejected" and bad["error"]["code"] == "bad_request"
    assert "{优惠码}" in bad["error"]["message"] and "{coupon}" in bad["error"]["message"]
    assert bad["error"]["detail"]["unknown_variables"] == ["优惠码", "coupon"]
    good = _push_phrase(
        s1, "亲爱的{买家昵称}，订单{订单号}已由{carrier}发出，单号{tracking_no}，客服{工号}", 2
    )
    assert good["status"] == "applied"
    plain = _push_phrase(s1, "没有变量，也可以有{ 空格 }和{}", 3)  # not variables at all: accepted as text
    assert plain["status"] == "applied"


def test_live_server_helpers_claim_and_reply(server: LiveServer, ids: dict, api_for: Any) -> None:
    conv = ids["conversations"][ids["shops"][0]][0]
    version = server.claim_as("a2", conv)
    msg = server.add_agent_message(conv, "亲，在的", staff_id="a2")
    with server.session() as s:
        c = s.get(cm.Conversation, conv)
        m = s.get(cm.Message, msg)
        assert c is not None and c.assignee_id == ids["users"]["a2"] and c.assignment_version == version
        assert c.waiting_since is None and m is not None and m.author_id == ids["users"]["a2"]
    # and the endpoints agree with what the helpers wrote
    assert send(api_for("a1"), conv, "我也想回").status_code == 403
    ok(close(api_for("a2"), conv, version, "presale"))
