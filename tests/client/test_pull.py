"""Pulling the cache: initial, incremental, tombstones, crash between page and cursor, resets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from central import models as cm
from central.testing import LiveServer
from tests.client.conftest import cached_phrases, server_phrases
from workstation.client import Client
from workstation.models import Buyer, Conversation, Message, OutboxEntry, Shop, SnapshotSeen
from workstation.sync import K_CURSOR, K_REBUILD, ChangeSummary, SyncEngine


def _count(client: Client, model: type) -> int:
    with client.db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_initial_and_incremental_pull_with_tombstones(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    seed = server.seed  # type: ignore[attr-defined]
    shop1 = seed["shops"][0]
    a1 = connect(server.url, "a1")
    a1.engine.page_limit = 2  # several pages even for the small seed
    first = a1.engine.pull()
    assert first.ids["conversation"] == {str(c) for c in seed["conversations"][shop1]}
    assert _count(a1, Shop) == 1  # only a1's shop: scope is the server's job, the cache follows it
    assert _count(a1, Buyer) == len(seed["buyers"][shop1])
    with a1.db.session() as s:
        conv = s.get(Conversation, seed["conversations"][shop1][0])
        assert conv is not None and conv.status == "waiting" and conv.created_at.tzinfo is None

    # incremental: a buyer writes, a new conversation arrives
    cid = seed["conversations"][shop1][1]
    mid = server.add_buyer_message(cid, "快递到哪了？")
    new_conv = server.add_conversation(shop1, "aftersale", "退款什么时候到")
    second = a1.engine.pull()
    assert str(mid) in second.ids["message"] and str(new_conv) in second.ids["conversation"]
    assert "shop" not in second.ids  # only what changed
    with a1.db.session() as s:
        assert s.get(Message, mid).text == "快递到哪了？"  # type: ignore[union-attr]
        assert s.get(Conversation, cid).last_message_preview == "快递到哪了？"  # type: ignore[union-attr]

    # tombstones: a phrase saved and then deleted by someone else disappears from the cache
    s1 = connect(server.url, "s1")
    s1.enqueue("phrase.save@1", {"id": "team-0000001", "scope": "team", "shop_id": shop1, "text": "亲，在的"})
    s1.engine.push()
    a1.engine.pull()
    assert "team-0000001" in cached_phrases(a1)
    s1.enqueue("phrase.delete@1", {"id": "team-0000001"})
    s1.engine.push()
    third = a1.engine.pull()
    assert "team-0000001" in third.ids["phrase"]
    assert "team-0000001" not in cached_phrases(a1)
    assert a1.engine.pull().ids == {}  # caught up


def test_crash_between_page_and_cursor_skips_and_duplicates_nothing(
    server: LiveServer, connect: Callable[..., Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    shop1 = server.seed["shops"][0]  # type: ignore[attr-defined]
    for i in range(9):
        server.add_conversation(shop1, "presale", f"第{i}个问题")
    a1 = connect(server.url, "a1")
    a1.engine.page_limit = 4
    a1.engine.pull()
    cursor_before = a1.db.get_state(K_CURSOR)
    n_before = _count(a1, Conversation)
    new_ids = {server.add_conversation(shop1, "presale", f"新问题{i}") for i in range(6)}

    calls = {"n": 0}
    real = SyncEngine._store_cursor

    def crash_on_second_page(self: SyncEngine, s: Session, cursor: str, epoch: str) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("power cut between storing the page and its cursor")
        real(self, s, cursor, epoch)

    monkeypatch.setattr(SyncEngine, "_store_cursor", crash_on_second_page)
    with pytest.raises(RuntimeError):
        a1.engine.pull()
    # the first page is stored with its cursor; the second was rolled back together with its cursor
    cursor_mid = a1.db.get_state(K_CURSOR)
    assert cursor_mid != cursor_before
    n_mid = _count(a1, Conversation)
    assert n_before < n_mid < n_before + len(new_ids)

    monkeypatch.setattr(SyncEngine, "_store_cursor", real)
    a1.engine.pull()
    with a1.db.session() as s:
        ids = set(s.scalars(select(Conversation.id)))
    with server.session() as s:
        server_ids = set(s.scalars(select(cm.Conversation.id).where(cm.Conversation.shop_id == shop1)))
    assert ids == server_ids  # nothing skipped, nothing extra (primary keys make duplicates impossible)


def test_reset_on_new_epoch_keeps_outbox_and_deletes_only_after_snapshot(
    server: LiveServer, connect: Callable[..., Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    shop1 = server.seed["shops"][0]  # type: ignore[attr-defined]
    a1 = connect(server.url, "a1")
    a1.engine.page_limit = 3
    # a deleted phrase: the snapshot will carry its tombstone
    a1.enqueue("phrase.save@1", {"id": "gone-000001", "scope": "personal", "text": "删掉的"})
    a1.enqueue("phrase.delete@1", {"id": "gone-000001"})
    a1.engine.push()
    a1.engine.pull()
    # A row the server does not have (as if deleted while its tombstone was lost in a restore).
    with a1.db.transaction() as s:
        s.add(
            Buyer(
                id=99999,
                version=1,
                shop_id=shop1,
                nickname="ghost",
                name="",
                phone_masked="",
                address_short="",
                vip_level=0,
                created_at=Conversation.created_at.type.python_type.now(),
            )
        )
    # Local work waiting while the server is "restored".
    a1.enqueue("phrase.save@1", {"id": "mine-000001", "scope": "personal", "text": "我的短语"})
    with server.write() as s:
        s.execute(update(cm.Meta).where(cm.Meta.id == 1).values(epoch="restored-epoch"))

    # Interrupt the rebuild after its first page: nothing may have been deleted yet.
    real = SyncEngine._apply_page
    calls = {"n": 0}

    def stop_after_first_page(self: SyncEngine, data: dict[str, Any], summary: ChangeSummary) -> bool:
        calls["n"] += 1
        if calls["n"] == 2:
            raise ConnectionError("network cut during the rebuild")
        return real(self, data, summary)

    monkeypatch.setattr(SyncEngine, "_apply_page", stop_after_first_page)
    with pytest.raises(ConnectionError):
        a1.engine.pull()
    assert a1.db.get_state(K_REBUILD) == "epoch"
    assert _count(a1, SnapshotSeen) > 0
    with a1.db.session() as s:
        assert s.get(Buyer, 99999) is not None  # no delete before the snapshot completes
    monkeypatch.setattr(SyncEngine, "_apply_page", real)

    summary = a1.engine.pull()  # resumes the rebuild where it stopped
    assert summary.reset
    assert a1.db.get_state(K_REBUILD) is None and _count(a1, SnapshotSeen) == 0
    with a1.db.session() as s:
        assert s.get(Buyer, 99999) is None
        journal = [e.args["id"] for e in s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]
        assert journal == ["gone-000001", "gone-000001", "mine-000001"]  # the outbox is kept whole
    assert [e.args["id"] for e in a1.engine.pending()] == ["mine-000001"]
    with server.session() as s:
        n_server = s.scalar(
            select(func.count()).select_from(cm.Conversation).where(cm.Conversation.shop_id == shop1)
        )
    assert _count(a1, Conversation) == n_server
    # and the kept change still goes through
    a1.engine.sync_once()
    user_id = a1.user.id
    assert cached_phrases(a1) == server_phrases(server, user_id, [shop1])
    assert "mine-000001" in cached_phrases(a1)


def test_schema_change_rebuilds_cache_and_keeps_outbox(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    a1 = connect(server.url, "a1")
    a1.engine.pull()
    a1.enqueue("phrase.save@1", {"id": "mine-000002", "scope": "personal", "text": "离线写的"})
    # schema change of the app: the cache is rebuilt, the outbox is not
    a1.db.set_state("schema_id", "an-older-schema")
    summary = a1.engine.pull()
    assert summary.reset
    assert len(a1.engine.pending()) == 1


def test_connection_cut_mid_pull_resumes_without_loss(
    server: LiveServer, connect: Callable[..., Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    from central.testing import TcpProxy
    from workstation.api import Offline

    shop1 = server.seed["shops"][0]  # type: ignore[attr-defined]
    for i in range(10):
        server.add_conversation(shop1, "aftersale", f"物流问题{i}")
    with TcpProxy(server.url) as proxy:
        a1 = connect(proxy.url, "a1", timeout=3)
        a1.engine.page_limit = 5
        real = SyncEngine._apply_page
        pages = {"n": 0}

        def cut_after_first(self: SyncEngine, data: dict[str, Any], summary: ChangeSummary) -> bool:
            more = real(self, data, summary)
            pages["n"] += 1
            if pages["n"] == 1:
                proxy.refuse()  # the network drops between two pages
            return more

        monkeypatch.setattr(SyncEngine, "_apply_page", cut_after_first)
        with pytest.raises(Offline):
            a1.engine.pull()
        assert a1.db.get_state(K_CURSOR)  # the first page is stored with its cursor
        proxy.restore()
        a1.engine.pull()
    with a1.db.session() as s:
        ids = set(s.scalars(select(Conversation.id)))
    with server.session() as s:
        assert ids == set(s.scalars(select(cm.Conversation.id).where(cm.Conversation.shop_id == shop1)))


@pytest.mark.parametrize("delete_first", [True, False], ids=["delete-then-edit", "edit-then-delete"])
def test_edit_against_delete_converges(
    server: LiveServer, connect: Callable[..., Client], delete_first: bool
) -> None:
    shop1 = server.seed["shops"][0]  # type: ignore[attr-defined]
    server.create_user("s2", "supervisor", [shop1])
    s1, s2, a1 = connect(server.url, "s1"), connect(server.url, "s2"), connect(server.url, "a1")
    team = {"id": "team-race-01", "scope": "team", "shop_id": shop1}
    s1.enqueue("phrase.save@1", {**team, "text": "原文"})
    s1.engine.sync_once()
    s2.engine.pull()
    # both supervisors act on what they saw, offline from each other
    s1.enqueue("phrase.delete@1", {"id": "team-race-01"})
    s2.enqueue("phrase.save@1", {**team, "text": "修改后"})
    first, second = (s1, s2) if delete_first else (s2, s1)
    first.engine.push()
    second.engine.push()
    for c in (s1, s2, a1):
        c.engine.pull()
    expected = {"team-race-01": ("修改后", "", shop1)} if delete_first else {}
    for c in (s1, s2, a1):
        got = {k: v for k, v in cached_phrases(c).items() if k == "team-race-01"}
        assert got == expected
        assert cached_phrases(c) == server_phrases(server, c.user.id, [shop1])
