"""Claim: server-only, compare-and-set, the answer written into the cache at once."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from central.testing import LiveServer, TcpProxy
from tests.client.conftest import refuse
from workstation.actions import ClaimOutcome
from workstation.api import Offline
from workstation.client import Client
from workstation.models import Colleague, Conversation
from workstation.sync import ChangeSummary


def test_claim_won_then_lost(server: LiveServer, connect: Callable[..., Client]) -> None:
    conv_id = server.seed["conversations"][server.seed["shops"][0]][0]  # type: ignore[attr-defined]
    a1, a2 = connect(server.url, "a1"), connect(server.url, "a2")
    a1.engine.pull()
    a2.engine.pull()
    with a1.db.session() as s:
        version = s.get(Conversation, conv_id).assignment_version  # type: ignore[union-attr]

    won = a1.claim(conv_id, version)
    assert won.won and won.conversation.assignee_id == a1.user.id
    with a1.db.session() as s:  # in a1's cache at once, before any pull
        row = s.get(Conversation, conv_id)
        assert row is not None and row.status == "assigned" and row.assignee_id == a1.user.id

    lost = a2.claim(conv_id, version)  # a2 still sees it waiting
    assert not lost.won
    assert lost.assignee is not None and lost.assignee.staff_id == "a1"
    with a2.db.session() as s:  # a2's queue shows the truth at once, with the holder's name
        row = s.get(Conversation, conv_id)
        assert row is not None and row.assignee_id == a1.user.id
        assert s.get(Colleague, a1.user.id).staff_id == "a1"  # type: ignore[union-attr]

    # a page read before the claim (same change version, older assignment) arriving late cannot
    # undo it in the cache ...
    with a2.db.session() as s:
        row = s.get(Conversation, conv_id)
        assert row is not None
        stale = {c.name: getattr(row, c.key) for c in Conversation.__table__.c if c.name != "version"}
        stored_version = row.version
    stale.update(status="waiting", assignee_id=None, assignment_version=version)
    for key in ("created_at", "waiting_since", "last_message_at"):
        stale[key] = stale[key].isoformat()
    cursor = a2.db.get_state("cursor")
    a2.engine._apply_page(
        {
            "epoch": a2.db.get_state("epoch"),
            "cursor": cursor,
            "has_more": False,
            "changes": [
                {
                    "entity": "conversation",
                    "id": str(conv_id),
                    "version": stored_version,
                    "op": "upsert",
                    "data": stale,
                }
            ],
        },
        ChangeSummary(),
    )
    with a2.db.session() as s:
        assert s.get(Conversation, conv_id).assignee_id == a1.user.id  # type: ignore[union-attr]
    # ... and the next pull agrees
    a2.engine.pull()
    with a2.db.session() as s:
        assert s.get(Conversation, conv_id).assignee_id == a1.user.id  # type: ignore[union-attr]


def test_concurrent_claims_have_exactly_one_winner(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    shop1 = server.seed["shops"][0]  # type: ignore[attr-defined]
    conv_id = server.add_conversation(shop1, "presale", "抢单")
    agents = []
    for i in range(8):
        sid = f"x{i}"
        server.create_user(sid, "agent", [shop1])
        agents.append(connect(server.url, sid))
    results: list[ClaimOutcome] = []
    barrier = threading.Barrier(len(agents))
    lock = threading.Lock()

    def go(c: Client) -> None:
        barrier.wait()
        out = c.claim(conv_id, 0)
        with lock:
            results.append(out)

    threads = [threading.Thread(target=go, args=(c,)) for c in agents]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(results) == len(agents)
    winners = [r for r in results if r.won]
    assert len(winners) == 1
    holder = winners[0].conversation.assignee_id
    assert all(r.conversation.assignee_id == holder for r in results)


def test_claim_offline_raises(server: LiveServer, connect: Callable[..., Client]) -> None:
    with TcpProxy(server.url) as proxy:
        a1 = connect(proxy.url, "a1", timeout=1)
        refuse(proxy)
        with pytest.raises(Offline):
            a1.claim(1, 0)
        assert a1.engine.pending_count() == 0  # never queued: claim needs the server
