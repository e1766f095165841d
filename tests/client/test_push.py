"""Pushing the outbox: offline writes, lost responses, duplicates, rejections, gaps, restores."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import delete, select

from central import models as cm
from central.testing import LiveServer, TcpProxy
from tests.client.conftest import cached_phrases, refuse, server_phrases
from workstation.api import Offline
from workstation.client import Client
from workstation.models import OutboxEntry, OutboxStatus
from workstation.sync import K_LAST_SEQ, mutation_of
from wsprotocol import PushRequest


def _log(server: LiveServer, client_id: str) -> list[tuple[int, str, str]]:
    with server.session() as s:
        return [
            (m.seq, m.mutation_id, m.status)
            for m in s.scalars(
                select(cm.MutationLog)
                .where(cm.MutationLog.client_id == client_id)
                .order_by(cm.MutationLog.seq)
            )
        ]


def _save(client: Client, pid: str, text: str, **kw: object) -> int:
    return client.enqueue("phrase.save@1", {"id": pid, "scope": "personal", "text": text, **kw})


def test_enqueue_validates_and_is_the_local_write(server: LiveServer, connect: Callable[..., Client]) -> None:
    a1 = connect(server.url, "a1")
    with pytest.raises(ValueError, match="Unknown change"):
        a1.enqueue("phrase.explode@1", {})
    with pytest.raises(ValueError, match="text"):
        a1.enqueue("phrase.save@1", {"id": "p-00000001", "scope": "personal", "text": ""})
    seq = _save(a1, "p-00000001", "您好，在的")
    assert seq == 1 and _save(a1, "p-00000002", "稍等") == 2
    # committed: another connection (as after a crash) sees it
    a1.db.close()
    from workstation.db import LocalDB

    again = LocalDB.open(a1.db.path)
    try:
        with again.session() as s:
            rows = s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)).all()
            assert [(r.seq, r.status, r.args["text"]) for r in rows] == [
                (1, OutboxStatus.PENDING, "您好，在的"),
                (2, OutboxStatus.PENDING, "稍等"),
            ]
    finally:
        again.close()


def test_offline_writes_reach_the_server_when_it_is_back(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    with TcpProxy(server.url) as proxy:
        a1 = connect(proxy.url, "a1", timeout=2)
        refuse(proxy)
        _save(a1, "p-00000011", "离线写的一")
        _save(a1, "p-00000012", "离线写的二")
        with pytest.raises(Offline):
            a1.engine.push()
        assert a1.engine.pending_count() == 2
        proxy.restore()
        assert a1.engine.push() == 2
        a1.engine.pull()
        assert cached_phrases(a1) == server_phrases(server, a1.user.id, a1.user.shop_ids)
        assert [s for _, _, s in _log(server, a1.db.client_id())] == ["applied", "applied"]


def test_lost_response_is_applied_exactly_once(server: LiveServer, connect: Callable[..., Client]) -> None:
    with TcpProxy(server.url) as proxy:
        a1 = connect(proxy.url, "a1", timeout=5)
        for i in range(3):
            _save(a1, f"p-0000002{i}", f"短语{i}")
        proxy.drop_responses(1)  # the server commits, the answer never arrives
        with pytest.raises(Offline):
            a1.engine.push()
        assert proxy.dropped == 1
        assert a1.engine.pending_count() == 3  # the client cannot know
        assert len(_log(server, a1.db.client_id())) == 3  # ... but the server applied them
        assert a1.engine.push() == 3  # retry: answered from the stored results
        log = _log(server, a1.db.client_id())
        with a1.db.session() as s:
            local = [
                (e.seq, e.mutation_id, e.status)
                for e in s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))
            ]
        assert log == local  # once each, same ids, same outcome


def test_duplicated_batch_gets_stored_results(server: LiveServer, connect: Callable[..., Client]) -> None:
    a1 = connect(server.url, "a1")
    _save(a1, "p-00000031", "一")
    _save(a1, "p-00000032", "二")
    entries = a1.engine.pending()
    req = PushRequest(client_id=a1.db.client_id(), mutations=[mutation_of(e) for e in entries])
    first = a1.api.push(req)
    second = a1.api.push(req)  # the same request again (a retry by a proxy, a double click)
    assert first.results == second.results
    with server.session() as s:
        versions = {p.id: p.version for p in s.scalars(select(cm.Phrase))}
    assert a1.engine.push() == 2  # the engine's own send is a third copy
    with server.session() as s:
        assert {p.id: p.version for p in s.scalars(select(cm.Phrase))} == versions  # not re-applied
    assert len(_log(server, a1.db.client_id())) == 2


def test_rejected_change_in_the_middle_is_kept_and_later_ones_applied(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    shop1 = server.seed["shops"][0]  # type: ignore[attr-defined]
    a1 = connect(server.url, "a1")
    _save(a1, "p-00000041", "前面的")
    bad = a1.enqueue(
        "phrase.save@1",
        {"id": "team-000042", "scope": "team", "shop_id": shop1, "text": "团队短语：亲，包邮哦"},
    )  # agents may not
    _save(a1, "p-00000043", "后面的")
    assert a1.engine.push() == 3
    rejected = a1.engine.rejected()
    assert [r.seq for r in rejected] == [bad]
    assert rejected[0].args["text"] == "团队短语：亲，包邮哦"  # content kept to show and fix
    assert "supervisor" in (rejected[0].last_error or "")
    assert a1.engine.pending_count() == 0
    a1.engine.pull()
    assert set(cached_phrases(a1)) == {"p-00000041", "p-00000043"}
    # the agent fixes it (makes it personal) and sends it again
    new_seq = a1.engine.resubmit(bad, {**rejected[0].args, "scope": "personal", "shop_id": None}).seq
    assert new_seq == 4 and a1.engine.push() == 1
    a1.engine.pull()
    assert "team-000042" in cached_phrases(a1)


def test_sequence_gap_is_repaired(server: LiveServer, connect: Callable[..., Client]) -> None:
    a1 = connect(server.url, "a1")
    # As if numbers 1-4 were used by changes that never reached the server and are gone.
    a1.db.set_state(K_LAST_SEQ, "4")
    _save(a1, "p-00000051", "gap")
    assert a1.engine.pending()[0].seq == 5
    assert a1.engine.push() == 1
    assert _log(server, a1.db.client_id())[0][:1] == (1,)  # renumbered from what the server expects
    _save(a1, "p-00000052", "after")
    assert a1.engine.push() == 1
    assert [s for s, _, _ in _log(server, a1.db.client_id())] == [1, 2]


def test_server_restored_empty_gets_changes_again_and_cache_rebuilt(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    """The server is replaced by an older/empty copy (new epoch, no record of this client): the
    cache is rebuilt, and the changes the old server had acknowledged are sent again from the
    journal, so nothing the agent wrote is lost."""
    with TcpProxy(server.url) as proxy, LiveServer() as fresh:
        fresh.seed_basic()
        a1 = connect(proxy.url, "a1")
        _save(a1, "p-00000061", "旧服务器上的")
        a1.engine.sync_once()
        _save(a1, "p-00000062", "还没发出去的")
        proxy.set_target(fresh.url)
        proxy.cut()
        a1.login_again("pw-a1")  # the restored server does not know the old login
        summary = a1.engine.sync_once()
        assert summary.reset
        log = _log(fresh, a1.db.client_id())
        assert [(seq, st) for seq, _, st in log] == [(1, "applied"), (2, "applied")]
        assert set(cached_phrases(a1)) == {"p-00000061", "p-00000062"}
        assert cached_phrases(a1) == server_phrases(fresh, a1.user.id, a1.user.shop_ids)


def test_numbers_reused_after_losing_the_journal_are_moved_past_the_servers(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    """The cache kept its client id but lost its journal and counter (restored from an old copy):
    new changes get numbers the server already holds for other changes. They are never taken as
    done; they are renumbered after the server's last number and applied."""
    from workstation.models import SyncState

    a1 = connect(server.url, "a1")
    for i in range(3):
        _save(a1, f"p-0000007{i}", f"旧{i}")
    assert a1.engine.push() == 3
    with a1.db.transaction() as s:
        s.execute(delete(OutboxEntry))
        s.execute(delete(SyncState).where(SyncState.key == K_LAST_SEQ))
    _save(a1, "p-00000080", "新的一")
    _save(a1, "p-00000081", "新的二")
    assert [e.seq for e in a1.engine.pending()] == [1, 2]
    a1.engine.push()
    assert a1.engine.pending_count() == 0
    log = _log(server, a1.db.client_id())
    assert [seq for seq, _, _ in log] == [1, 2, 3, 4, 5]
    a1.engine.pull()
    assert {"p-00000080", "p-00000081"} <= set(cached_phrases(a1))
    assert cached_phrases(a1)["p-00000070"][0] == "旧0"  # the old ones untouched


def test_pipelined_batches_lose_nothing_and_apply_once_when_an_answer_is_lost(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    """The next batch is sent before the previous answer is stored. An answer lost on the way
    (the service applied the batch) leaves that batch pending here; the next push is answered
    from the service's log: every change applied once, in order."""
    from typing import Any

    a1 = connect(server.url, "a1")
    a1.engine.batch_size = a1.engine._push_batch = 10
    for n in range(35):
        _save(a1, f"p-pipe-{n:04d}", f"第{n}条")
    real_push = a1.engine.api.push
    sent: list[list[int]] = []

    def losing_the_second_answer(request: Any) -> Any:
        sent.append([m.seq for m in request.mutations])
        response = real_push(request)  # the service commits the batch ...
        if len(sent) == 2:
            raise Offline("connection reset")  # ... and its answer never arrives
        return response

    a1.engine.api.push = losing_the_second_answer  # type: ignore[method-assign]
    with pytest.raises(Offline):
        a1.engine.push()
    # the second batch was on the wire while the first answer was stored; only the first is done
    assert sent[:2] == [list(range(1, 11)), list(range(11, 21))]
    with a1.db.session() as s:
        states = {e.seq: e.status for e in s.scalars(select(OutboxEntry))}
    assert {q for q, st in states.items() if st == OutboxStatus.APPLIED} == set(range(1, 11))
    assert a1.engine.sending == frozenset()
    a1.engine.api.push = real_push  # type: ignore[method-assign]
    assert a1.engine.push() == 25
    assert a1.engine.pending_count() == 0
    log = _log(server, a1.db.client_id())
    assert [row[0] for row in log] == list(range(1, 36)) and {row[2] for row in log} == {"applied"}
    assert len(server_phrases(server, server.seed["users"]["a1"], [])) == 35  # type: ignore[attr-defined]
