"""Claim: compare-and-set, exactly one winner, role, shop and skill-group checks."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import requests

from central.testing import LiveServer
from tests.service.conftest import Api
from wsprotocol import ClaimConflict, ConversationRecord


def claim(api: Api, conv_id: int, expected: int = 0) -> requests.Response:
    return api.post(f"/v1/conversations/{conv_id}/claim", json={"expected_assignment_version": expected})


def test_claim_then_conflict(server: LiveServer, ids: dict, api_for: Any) -> None:
    conv = ids["conversations"][ids["shops"][0]][0]
    r = claim(api_for("a1"), conv)
    assert r.status_code == 200, r.text
    rec = ConversationRecord.model_validate(r.json())
    assert rec.status == "assigned" and rec.assignee_id == ids["users"]["a1"] and rec.assignment_version == 1
    lost = claim(api_for("a2"), conv)
    assert lost.status_code == 409
    assert lost.json()["code"] == "conflict"
    detail = ClaimConflict.model_validate(lost.json()["detail"])
    assert detail.assignee is not None and detail.assignee.staff_id == "a1"
    assert detail.conversation.assignment_version == 1
    # the system message tells who took it, and it syncs
    changes, _ = api_for("a2").pull_all()
    texts = [
        c["data"]["text"] for c in changes if c["entity"] == "message" and c["data"]["sender"] == "system"
    ]
    assert texts == ["客服 客服a1(a1) 接入会话"]


def test_stale_assignment_version_loses(server: LiveServer, ids: dict, api_for: Any) -> None:
    conv = ids["conversations"][ids["shops"][0]][1]
    r = claim(api_for("a1"), conv, expected=5)
    assert r.status_code == 409
    assert ClaimConflict.model_validate(r.json()["detail"]).assignee is None


def test_claim_checks_shop_group_and_role(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1, shop2 = ids["shops"]
    in_shop2 = ids["conversations"][shop2][0]
    assert claim(api_for("a1"), in_shop2).status_code == 403  # not a1's shop
    complaint = server.add_conversation(shop1, group="complaint", text="投诉")
    server.create_user("p1", "agent", [shop1], groups=["presale"])
    assert claim(api_for("p1"), complaint).status_code == 403  # not p1's skill group
    server.create_user("adm", "admin", [shop1, shop2])
    assert claim(api_for("adm"), complaint).status_code == 403  # admins do not take conversations
    assert claim(api_for("s1"), complaint).status_code == 200  # supervisors take any group
    assert claim(api_for("a1"), 999999).status_code == 404


def _race(server: LiveServer, ids: dict[str, Any], n: int) -> None:
    shop1 = ids["shops"][0]
    staff = [f"r{i:02d}" for i in range(n)]
    user_ids = {sid: server.create_user(sid, "agent", [shop1], password="pw-race") for sid in staff}
    tokens = [server.token_for(sid) for sid in staff]
    conv = server.add_conversation(shop1, text="谁来接我")
    barrier = threading.Barrier(n)
    results: list[int] = [0] * n

    def go(i: int) -> None:
        api = Api(server.url, tokens[i])
        barrier.wait()
        results[i] = claim(api, conv).status_code

    threads = [threading.Thread(target=go, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(results) == [200] + [409] * (n - 1), results
    winner = staff[results.index(200)]
    changes, _ = Api(server.url, tokens[0]).pull_all()
    conv_rec = next(c["data"] for c in changes if c["entity"] == "conversation" and c["id"] == str(conv))
    assert conv_rec["assignee_id"] == user_ids[winner]
    assert conv_rec["assignment_version"] == 1
    claims = [
        c
        for c in changes
        if c["entity"] == "message"
        and c["data"]["conversation_id"] == conv
        and c["data"]["sender"] == "system"
    ]
    assert len(claims) == 1 and f"({winner})" in claims[0]["data"]["text"]


@pytest.mark.slow
def test_fifty_concurrent_claims_one_winner_sqlite(server: LiveServer, ids: dict) -> None:
    _race(server, ids, 50)


@pytest.mark.postgres
@pytest.mark.slow
def test_fifty_concurrent_claims_one_winner_postgres(pg_url: str) -> None:
    with LiveServer(database_url=pg_url) as srv:
        _race(srv, srv.seed_basic(), 50)
