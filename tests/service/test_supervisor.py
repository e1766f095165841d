"""Agent status, routing and the supervisor's actions over real HTTP (issue 6).

Accounts from ``seed_basic``: a1-a3 agents of shop 1 (all groups), s1 supervisor of shops 1 and
2, b1 agent of shop 2; three waiting conversations in shop 1 (presale, aftersale, complaint) and
one in shop 2 (presale).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from sqlalchemy import select

from central import ops
from central.housekeeping import expire_presence
from central.models import Activity, AgentState, Conversation, User
from central.testing import LiveServer
from tests.service.conftest import Api
from wsprotocol import Paths


def put(api: Api, path: str, body: dict[str, Any]) -> requests.Response:
    return api.http.put(api.base + path, headers=api.headers(), json=body, timeout=30)


def set_status(api: Api, status: str) -> dict[str, Any]:
    r = put(api, Paths.MY_STATUS, {"status": status})
    assert r.status_code == 200, r.text
    return r.json()


def routing(api: Api, user_id: int, **body: Any) -> dict[str, Any]:
    r = put(api, Paths.user_routing(user_id), body)
    assert r.status_code == 200, r.text
    return r.json()


def conv(server: LiveServer, cid: int) -> Conversation:
    with server.session() as s:
        c = s.get(Conversation, cid)
        assert c is not None
        return c


def opened_at(server: LiveServer, shop_id: int, group: str, seconds_ago: float, text: str = "在吗") -> int:
    """A waiting conversation whose buyer wrote ``seconds_ago`` (a new buyer)."""
    buyer = server.add_buyer(shop_id)
    with server.write() as s:
        at = datetime.now(UTC) - timedelta(seconds=seconds_ago)
        return ops.open_conversation(s, buyer, group, text, at=at).id


def test_agents_without_a_status_are_offered_nothing(server: LiveServer, ids: dict, api_for: Any) -> None:
    cid = server.add_conversation(ids["shops"][0], "presale")
    assert conv(server, cid).status == "waiting"
    me = api_for("a1").get(Paths.ME)
    assert me.status_code == 200


def test_coming_online_routes_waiting_conversations_oldest_first_up_to_capacity(
    server: LiveServer, ids: dict, api_for: Any
) -> None:
    shop1 = ids["shops"][0]
    users = ids["users"]
    s1 = api_for("s1")
    older = opened_at(server, shop1, "aftersale", 300)
    oldest = opened_at(server, shop1, "presale", 600)
    assert routing(s1, users["a1"], capacity=2)["capacity"] == 2
    presence = set_status(api_for("a1"), "online")
    assert presence["status"] == "online" and presence["load"] == 2
    assert (conv(server, oldest).status, conv(server, oldest).assignee_id) == ("assigned", users["a1"])
    assert (conv(server, older).status, conv(server, older).assignee_id) == ("assigned", users["a1"])
    # the seeded conversations (newer) wait: a1 is full
    for cid in ids["conversations"][shop1]:
        assert conv(server, cid).status == "waiting"
    # the routing is a claim's effect: a system message, an assignment version, an event
    a1 = api_for("a1")
    changes, _ = a1.pull_all()
    texts = [
        c["data"]["text"] for c in changes if c["entity"] == "message" and c["data"]["sender"] == "system"
    ]
    assert texts.count("系统分配给客服 客服a1(a1)") == 2
    assert conv(server, oldest).assignment_version == 1
    with server.session() as s:
        hows = [
            (a.conversation_id, (a.detail or {}).get("how"), a.agent_id)
            for a in s.execute(select(Activity).where(Activity.kind == "assigned")).scalars()
        ]
    assert sorted(hows) == sorted([(oldest, "route", users["a1"]), (older, "route", users["a1"])])


def test_routing_respects_status_group_shop_and_capacity(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1, shop2 = ids["shops"]
    users = ids["users"]
    s1 = api_for("s1")
    set_status(api_for("a1"), "busy")
    # a2 only does after-sales; a3 is away; b1 works in shop 2
    routing(s1, users["a2"], groups=["aftersale"], capacity=5)
    set_status(api_for("a2"), "online")
    set_status(api_for("a3"), "away")
    set_status(api_for("b1"), "online")
    # b1 took shop 2's waiting conversation at once; a2 the seeded after-sale one
    assert conv(server, ids["conversations"][shop2][0]).assignee_id == users["b1"]
    seeded_after = ids["conversations"][shop1][1]
    assert conv(server, seeded_after).assignee_id == users["a2"]

    presale = server.add_conversation(shop1, "presale")
    assert conv(server, presale).status == "waiting"  # a1 busy, a2 not pre-sale, a3 away, b1 shop 2
    after = server.add_conversation(shop1, "aftersale")
    assert conv(server, after).assignee_id == users["a2"]
    # capacity: a2 holds two; with capacity 2 the next after-sale conversation waits
    routing(s1, users["a2"], capacity=2)
    after2 = server.add_conversation(shop1, "aftersale")
    assert conv(server, after2).status == "waiting"
    # a2 frees a slot by closing: the waiting one is routed to them
    a2 = api_for("a2")
    c = conv(server, after)
    r = a2.post(
        Paths.close(after), json={"expected_assignment_version": c.assignment_version, "category": "shipping"}
    )
    assert r.status_code == 200, r.text
    assert conv(server, after2).assignee_id == users["a2"]
    # more capacity for a2 routes nothing of pre-sale (not their group) ...
    routing(s1, users["a2"], capacity=5)
    assert conv(server, presale).status == "waiting"
    # ... until they get the group
    p = routing(s1, users["a2"], groups=["aftersale", "presale"])
    assert p["groups"] == ["presale", "aftersale"]
    assert conv(server, presale).assignee_id == users["a2"]
    # manual claims beyond capacity stay allowed
    routing(s1, users["a1"], capacity=0)
    extra = server.add_conversation(shop1, "complaint")
    c = conv(server, extra)
    r = api_for("a1").post(Paths.claim(extra), json={"expected_assignment_version": c.assignment_version})
    assert r.status_code == 200, r.text


def test_longest_idle_agent_first(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1 = ids["shops"][0]
    users = ids["users"]
    # take the seeded queue out of the way first
    with server.write() as s:
        for cid in ids["conversations"][shop1]:
            ops.close_conversation(s, cid, category="other")
    for sid in ("a1", "a2", "a3"):
        set_status(api_for(sid), "online")
    got = [conv(server, server.add_conversation(shop1, "presale")).assignee_id for _ in range(6)]
    # nobody was ever assigned: by id, then each goes to the back of the line
    assert got == [users["a1"], users["a2"], users["a3"], users["a1"], users["a2"], users["a3"]]
    # a1 busy: the longest idle of the others (a2)
    set_status(api_for("a1"), "busy")
    assert conv(server, server.add_conversation(shop1, "presale")).assignee_id == users["a2"]
    set_status(api_for("a1"), "online")
    assert conv(server, server.add_conversation(shop1, "presale")).assignee_id == users["a1"]
    # a claim by hand counts too: a3 claims while everyone is busy
    for sid in ("a1", "a2", "a3"):
        set_status(api_for(sid), "busy")
    waiting = server.add_conversation(shop1, "presale")
    assert conv(server, waiting).status == "waiting"
    r = api_for("a3").post(Paths.claim(waiting), json={"expected_assignment_version": 0})
    assert r.status_code == 200, r.text
    for sid in ("a1", "a2", "a3"):
        set_status(api_for(sid), "online")
    assert conv(server, server.add_conversation(shop1, "presale")).assignee_id == users["a2"]
    with server.session() as s:
        last = {
            st.user_id: st.last_assigned_at
            for st in s.execute(
                select(AgentState).where(AgentState.user_id.in_(list(users.values())))
            ).scalars()
        }
    a1_at, a2_at, a3_at = (last[users[sid]] for sid in ("a1", "a2", "a3"))
    assert a1_at is not None and a2_at is not None and a3_at is not None
    assert a2_at > a3_at > a1_at


def test_status_changes_are_recorded_heartbeats_are_not_and_silence_goes_offline(
    server: LiveServer, ids: dict, api_for: Any
) -> None:
    a1 = api_for("a1")
    v0 = a1.get(Paths.SYNC_META).json()["version"]
    set_status(a1, "online")
    v1 = a1.get(Paths.SYNC_META).json()["version"]
    assert v1 > v0  # a change wakes the live channel
    for _ in range(3):
        set_status(a1, "online")  # heartbeats
    assert a1.get(Paths.SYNC_META).json()["version"] == v1
    set_status(a1, "away")
    with server.session() as s:
        events = [
            (a.detail or {}).get("status")
            for a in s.execute(
                select(Activity).where(Activity.kind == "status").order_by(Activity.id)
            ).scalars()
        ]
    assert events == ["online", "away"]
    # the heartbeat stopped long ago: housekeeping sets the agent offline (auto)
    with server.write() as s:
        st = s.get(AgentState, ids["users"]["a1"])
        assert st is not None
        st.last_seen_at = datetime.now(UTC) - timedelta(seconds=91)
    set_status(api_for("a2"), "online")  # a2 is fresh: stays
    assert expire_presence(server.db) == [ids["users"]["a1"]]
    with server.session() as s:
        st = s.get(AgentState, ids["users"]["a1"])
        assert st is not None and st.status == "offline"
        last = s.execute(
            select(Activity).where(Activity.kind == "status").order_by(Activity.id.desc())
        ).scalar()
        assert last is not None and last.detail == {
            "status": "offline",
            "from": "away",
            "auto": True,
            "reason": "timeout",
        }
        st2 = s.get(AgentState, ids["users"]["a2"])
        assert st2 is not None and st2.status == "online"
    # just inside the timeout: nothing happens
    with server.write() as s:
        st2 = s.get(AgentState, ids["users"]["a2"])
        assert st2 is not None
        st2.last_seen_at = datetime.now(UTC) - timedelta(seconds=85)
    assert expire_presence(server.db) == []


def test_logout_sets_offline(server: LiveServer, ids: dict) -> None:
    r = requests.post(
        server.url + Paths.LOGIN,
        json={"staff_id": "a1", "password": "pw-a1", "device_id": "dev-logout-01"},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    api = Api(server.url, r.json()["access_token"])
    assert set_status(api, "online")["status"] == "online"
    r2 = api.post(Paths.LOGOUT, json={"refresh_token": r.json()["refresh_token"]})
    assert r2.status_code == 204
    with server.session() as s:
        st = s.get(AgentState, ids["users"]["a1"])
        assert st is not None and st.status == "offline"


def test_assign_takeover_move_and_audit(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1 = ids["shops"][0]
    users = ids["users"]
    s1 = api_for("s1")
    presale, aftersale, complaint = ids["conversations"][shop1]
    # reassign a waiting conversation to a2
    r = s1.post(
        Paths.assign(presale),
        json={"expected_assignment_version": 0, "to_user_id": users["a2"], "note": "VIP"},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["conversation"]["assignee_id"] == users["a2"]
    assert body["messages"][0]["text"] == "主管 s1(主管s1) 将会话分配给 a2(客服a2)：VIP"
    # stale version: 409 with the truth
    r = s1.post(Paths.assign(presale), json={"expected_assignment_version": 0, "to_user_id": users["a3"]})
    assert r.status_code == 409
    assert r.json()["detail"]["assignee"]["staff_id"] == "a2"
    # take-over
    r = s1.post(Paths.assign(presale), json={"expected_assignment_version": 1, "to_user_id": users["s1"]})
    assert r.status_code == 200, r.text
    assert r.json()["messages"][0]["text"] == "主管 s1(主管s1) 接管了会话"
    # a2 holds two conversations; move them to a3
    server.claim_as("a2", aftersale)
    server.claim_as("a2", complaint)
    r = s1.post(Paths.move_conversations(users["a2"]), json={"to_user_id": users["a3"]})
    assert r.status_code == 200, r.text
    assert sorted(r.json()["moved"]) == sorted([aftersale, complaint]) and r.json()["skipped"] == []
    assert {conv(server, c).assignee_id for c in (aftersale, complaint)} == {users["a3"]}
    # and a3's back to the queue: nobody online, so they wait, clock kept or restarted
    r = s1.post(Paths.move_conversations(users["a3"]), json={"to_queue": True})
    assert r.status_code == 200, r.text
    assert {conv(server, c).status for c in (aftersale, complaint)} == {"waiting"}
    assert s1.post(Paths.move_conversations(users["a3"]), json={}).status_code == 400
    # routing and settings
    routing(s1, users["a1"], capacity=7, groups=["complaint"])
    r = s1.get(Paths.SUPERVISOR_CONFIG)
    cfg = r.json()
    cfg["sla_seconds"]["presale"] = 30
    assert put(s1, Paths.SUPERVISOR_CONFIG, cfg).status_code == 200
    assert s1.get(Paths.SUPERVISOR_CONFIG).json()["sla_seconds"]["presale"] == 30
    # the audit: who did what, newest first
    audit = s1.get(Paths.SUPERVISOR_AUDIT).json()["entries"]
    assert [e["action"] for e in audit] == [
        "config",
        "groups",
        "capacity",
        "move",
        "move",
        "takeover",
        "assign",
    ]
    assert {e["actor_staff_id"] for e in audit} == {"s1"}
    assert audit[-1]["conversation_id"] == presale and audit[-1]["target_user_id"] == users["a2"]
    assert audit[0]["detail"]["changed"]["sla_seconds"]["to"]["presale"] == 30
    assert audit[2]["detail"] == {"from": 5, "to": 7}


def test_config_validation(server: LiveServer, ids: dict, api_for: Any) -> None:
    s1 = api_for("s1")
    cfg = s1.get(Paths.SUPERVISOR_CONFIG).json()
    assert cfg["timezone"] == "Asia/Shanghai"
    for bad in (
        {**cfg, "timezone": "Mars/Olympus"},
        {**cfg, "sla_seconds": {**cfg["sla_seconds"], "vip": 10}},
        {**cfg, "sla_seconds": {**cfg["sla_seconds"], "presale": 0}},
        {**cfg, "heartbeat_s": 60, "presence_timeout_s": 60},
    ):
        r = put(s1, Paths.SUPERVISOR_CONFIG, bad)
        assert r.status_code == 400, (bad, r.text)
    assert put(s1, Paths.SUPERVISOR_CONFIG, {**cfg, "complaint_spike_multiple": 0.5}).status_code == 422
    # agents read the settings (their heartbeat, away time) but cannot change them
    a1 = api_for("a1")
    assert a1.get(Paths.SUPERVISOR_CONFIG).json() == cfg
    assert put(a1, Paths.SUPERVISOR_CONFIG, cfg).status_code == 403


def test_rating_latest_wins_admin_only(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1 = ids["shops"][0]
    server.create_user("adm", "admin", [shop1])
    cid = ids["conversations"][shop1][0]
    server.claim_as("a1", cid)
    adm = api_for("adm")
    assert adm.post(Paths.rating(cid), json={"score": 2}).status_code == 204
    assert adm.post(Paths.rating(cid), json={"score": 5}).status_code == 204
    assert adm.post(Paths.rating(cid), json={"score": 6}).status_code == 422
    assert api_for("s1").post(Paths.rating(cid), json={"score": 1}).status_code == 403
    with server.session() as s:
        rated = list(s.execute(select(Activity).where(Activity.kind == "rated")).scalars())
        assert [(a.value, a.agent_id) for a in rated] == [(5.0, ids["users"]["a1"])]
        assert conv(server, cid).satisfaction == 5
        assert s.execute(select(User.id).where(User.staff_id == "adm")).scalar() is not None
