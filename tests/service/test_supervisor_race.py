"""A supervisor reassigning while the agent claims at the same moment: exactly one wins, and the
service, the winner and the loser agree on who holds the conversation (SQLite and PostgreSQL).
Also routing racing claims and a supervisor moving conversations on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from central.models import Activity, Conversation
from central.testing import LiveServer
from tests.service.conftest import Api
from wsprotocol import Paths


def _at_once(
    assign: Callable[[], requests.Response], claim: Callable[[], requests.Response]
) -> dict[str, requests.Response]:
    """Both requests released by one barrier, each from its own thread and HTTP session."""
    barrier = threading.Barrier(2)
    got: dict[str, requests.Response] = {}

    def run(name: str, call: Callable[[], requests.Response]) -> None:
        barrier.wait()
        got[name] = call()

    threads = [
        threading.Thread(target=run, args=("assign", assign)),
        threading.Thread(target=run, args=("claim", claim)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return got


def _race(srv: LiveServer, ids: dict[str, Any], rounds: int) -> dict[str, int]:
    shop1 = ids["shops"][0]
    users = ids["users"]
    wins = {"assign": 0, "claim": 0}
    for _ in range(rounds):
        cid = srv.add_conversation(shop1, "presale")
        # fresh clients per round: one requests.Session must not be shared by threads
        s1 = Api(srv.url, srv.token_for("s1"))
        a1 = Api(srv.url, srv.token_for("a1"))
        got = _at_once(
            partial(
                s1.post, Paths.assign(cid), json={"expected_assignment_version": 0, "to_user_id": users["a2"]}
            ),
            partial(a1.post, Paths.claim(cid), json={"expected_assignment_version": 0}),
        )
        codes = {k: r.status_code for k, r in got.items()}
        assert sorted(codes.values()) == [200, 409], {k: r.text for k, r in got.items()}
        winner = "assign" if codes["assign"] == 200 else "claim"
        loser = "claim" if winner == "assign" else "assign"
        wins[winner] += 1
        holder = users["a2"] if winner == "assign" else users["a1"]
        with srv.session() as s:
            conv = s.get(Conversation, cid)
            assert conv is not None
            assert (conv.status, conv.assignee_id, conv.assignment_version) == ("assigned", holder, 1)
            assigned = s.execute(
                select(func.count())
                .select_from(Activity)
                .where(Activity.kind == "assigned", Activity.conversation_id == cid)
            ).scalar_one()
            assert assigned == 1
        body = got[winner].json()
        record = body["conversation"] if winner == "assign" else body
        assert (record["assignee_id"], record["assignment_version"]) == (holder, 1)
        detail = got[loser].json()["detail"]
        assert detail["assignee"]["id"] == holder
        assert detail["conversation"]["assignment_version"] == 1
    return wins


def test_reassign_races_the_agents_claim_sqlite(server: LiveServer, ids: dict[str, Any]) -> None:
    wins = _race(server, ids, 12)
    assert sum(wins.values()) == 12


def _route_race(srv: LiveServer, ids: dict[str, Any]) -> None:
    """a3 online with capacity 3 while a flood of new conversations is routed and a2 claims them
    by hand: a3 never holds more than 3 through routing, nothing is assigned twice."""
    shop1 = ids["shops"][0]
    users = ids["users"]
    s1 = Api(srv.url, srv.token_for("s1"))
    r = s1.http.put(
        s1.base + Paths.user_routing(users["a3"]), headers=s1.headers(), json={"capacity": 3}, timeout=30
    )
    assert r.status_code == 200, r.text
    a3 = Api(srv.url, srv.token_for("a3"))
    r = a3.http.put(a3.base + Paths.MY_STATUS, headers=a3.headers(), json={"status": "online"}, timeout=30)
    assert r.status_code == 200, r.text
    created: list[int] = []
    lock = threading.Lock()

    def open_many() -> None:
        for _ in range(10):
            cid = srv.add_conversation(shop1, "presale")
            with lock:
                created.append(cid)

    def claim_many() -> None:
        a2 = Api(srv.url, srv.token_for("a2"))
        for _ in range(40):
            with lock:
                pending = list(created)
            for cid in pending:
                a2.post(Paths.claim(cid), json={"expected_assignment_version": 0})

    threads = [threading.Thread(target=open_many) for _ in range(3)] + [threading.Thread(target=claim_many)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    with srv.session() as s:
        held = s.execute(
            select(func.count())
            .select_from(Conversation)
            .where(Conversation.assignee_id == users["a3"], Conversation.status == "assigned")
        ).scalar_one()
        assert held <= 3
        per_conv = s.execute(
            select(Activity.conversation_id, func.count())
            .where(Activity.kind == "assigned")
            .group_by(Activity.conversation_id)
        ).all()
        assert all(n == 1 for _, n in per_conv)


def test_routing_never_fills_an_agent_past_capacity_under_concurrency_sqlite(
    server: LiveServer, ids: dict[str, Any]
) -> None:
    _route_race(server, ids)


@pytest.mark.postgres
def test_reassign_races_the_agents_claim_postgres(pg_url: str) -> None:
    with LiveServer(database_url=pg_url) as srv:
        ids = srv.seed_basic()
        wins = _race(srv, ids, 12)
        assert sum(wins.values()) == 12
        _route_race(srv, ids)
