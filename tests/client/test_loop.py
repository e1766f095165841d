"""The background loop: live updates, backoff and retry without a new write, needs_login, too old."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from central import models as cm
from central.testing import LiveServer, TcpProxy
from tests.client.conftest import cached_phrases, refuse, wait_for
from workstation import sync as sync_module
from workstation.client import Client
from workstation.sync import ChangeSummary, SyncLoop, SyncStatus


class Recorder:
    def __init__(self) -> None:
        self.statuses: list[SyncStatus] = []
        self.changes: list[ChangeSummary] = []
        self.lock = threading.Lock()

    def status(self, st: SyncStatus) -> None:
        with self.lock:
            self.statuses.append(st)

    def change(self, ch: ChangeSummary) -> None:
        with self.lock:
            self.changes.append(ch)

    @property
    def last(self) -> SyncStatus | None:
        with self.lock:
            return self.statuses[-1] if self.statuses else None

    def changed_ids(self, entity: str) -> set[str]:
        with self.lock:
            return set().union(*(c.ids.get(entity, set()) for c in self.changes))


def test_live_event_brings_changes_without_waiting_for_the_poll(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    conv = server.seed["conversations"][server.seed["shops"][0]][0]  # type: ignore[attr-defined]
    a1 = connect(server.url, "a1")
    rec = Recorder()
    a1.start_sync(rec.status, rec.change, poll_interval=60)
    wait_for(lambda: rec.last and rec.last.state == "online")
    mid = server.add_buyer_message(conv, "亲，在吗？")
    wait_for(lambda: str(mid) in rec.changed_ids("message"), timeout=5)
    # and a local write is pushed at once (wake), not at the next poll
    a1.enqueue("phrase.save@1", {"id": "p-live-0001", "scope": "personal", "text": "马上处理"})
    wait_for(lambda: a1.engine.pending_count() == 0, timeout=5)
    wait_for(lambda: "p-live-0001" in rec.changed_ids("phrase"), timeout=5)
    a1.close()


def test_stop_does_not_wait_for_the_live_streams_heartbeat(connect: Callable[..., Client]) -> None:
    with LiveServer(heartbeat_seconds=30) as srv:
        srv.seed_basic()
        a1 = connect(srv.url, "a1")
        rec = Recorder()
        a1.start_sync(rec.status, rec.change, poll_interval=60)
        wait_for(lambda: rec.last and rec.last.state == "online")
        time.sleep(0.3)  # the live thread is now blocked reading the stream
        started = time.monotonic()
        a1.close()
        assert time.monotonic() - started < 2.0
        assert not any(t.name == "workstation-live" and t.is_alive() for t in threading.enumerate())


def test_offline_backoff_retries_without_a_new_write(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    with TcpProxy(server.url) as proxy:
        a1 = connect(proxy.url, "a1", timeout=1)
        refuse(proxy)
        a1.enqueue("phrase.save@1", {"id": "p-back-0001", "scope": "personal", "text": "断网时写的"})
        rec = Recorder()
        loop = a1.start_sync(rec.status, rec.change, poll_interval=60, live=False)
        loop.backoff_base, loop.backoff_max = 0.05, 0.2
        wait_for(lambda: rec.last and rec.last.state == "offline" and rec.last.pending == 1)
        since = rec.last.since  # type: ignore[union-attr]
        assert since is not None and since.tzinfo is not None
        wait_for(lambda: loop.attempts >= 4)  # it keeps trying by itself
        assert rec.last.since == since  # type: ignore[union-attr]  # offline since the first failure
        proxy.restore()
        # no new local write, no wake(): the backoff retry delivers it
        wait_for(lambda: rec.last and rec.last.state == "online" and rec.last.pending == 0, timeout=5)
        assert "p-back-0001" in cached_phrases(a1)
        a1.close()


def test_503_busy_server_is_retried_after_retry_after(tmp_path: Path, connect: Callable[..., Client]) -> None:
    db_file = tmp_path / "central.db"
    with LiveServer(
        database_url=f"sqlite:///{db_file}", sqlite_busy_timeout=0.2, retry_after_seconds=1
    ) as srv:
        srv.seed_basic()
        a1 = connect(srv.url, "a1")
        a1.engine.sync_once()
        blocker = sqlite3.connect(db_file, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another process holds the server's write lock
        try:
            a1.enqueue("phrase.save@1", {"id": "p-busy-0001", "scope": "personal", "text": "忙"})
            rec = Recorder()
            loop = a1.start_sync(rec.status, rec.change, poll_interval=60, live=False)
            wait_for(lambda: rec.last and rec.last.state == "offline" and rec.last.pending == 1)
            assert loop.failures >= 1
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        wait_for(lambda: rec.last and rec.last.state == "online" and rec.last.pending == 0, timeout=8)
        a1.close()


def test_refused_refresh_means_needs_login_and_local_work_waits(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    a1 = connect(server.url, "a1")
    rec = Recorder()
    a1.start_sync(rec.status, rec.change, poll_interval=60, live=False)
    wait_for(lambda: rec.last and rec.last.state == "online")
    # The login expires server-side (e.g. after a three-day outage): every token is revoked.
    with server.write() as s:
        s.execute(update(cm.RefreshToken).values(expires_at=cm.utcnow() - timedelta(days=1)))
        s.execute(delete(cm.AccessToken))
    a1.enqueue("phrase.save@1", {"id": "p-login-001", "scope": "personal", "text": "过期后写的"})
    wait_for(lambda: rec.last and rec.last.state == "needs_login" and rec.last.pending == 1)
    a1.login_again("pw-a1")
    wait_for(lambda: rec.last and rec.last.state == "online" and rec.last.pending == 0)
    a1.close()


def test_app_too_old(server: LiveServer, connect: Callable[..., Client]) -> None:
    a1 = connect(server.url, "a1")
    a1.api.api_version = 0  # as an old build would send
    rec = Recorder()
    loop = a1.start_sync(rec.status, rec.change, poll_interval=60)
    wait_for(lambda: rec.last and rec.last.state == "app_too_old")
    loop.stop(timeout=2)
    a1.close()


def test_long_first_sync_is_delivered_progressively(
    server: LiveServer, connect: Callable[..., Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    shop1 = server.seed["shops"][0]  # type: ignore[attr-defined]
    for i in range(12):
        server.add_conversation(shop1, "presale", f"问题{i}")
    monkeypatch.setattr(sync_module, "PROGRESS_INTERVAL", 0.0)
    a1 = connect(server.url, "a1")
    a1.engine.page_limit = 5
    rec = Recorder()
    a1.start_sync(rec.status, rec.change, poll_interval=60, live=False)
    wait_for(lambda: rec.last and rec.last.state == "online")
    assert len(rec.changes) >= 5  # one delivery per page, not one at the end
    assert all(c.reset for c in rec.changes)  # a first fill: screens reload rather than merge
    # Derived work over the whole cache waits for the end of the fill: every delivery but the
    # last says the fill goes on, the last says it ended.
    assert all(c.filling for c in rec.changes[:-1])
    assert not rec.changes[-1].filling
    with server.session() as s:
        n = s.scalar(
            select(func.count()).select_from(cm.Conversation).where(cm.Conversation.shop_id == shop1)
        )
    assert len(rec.changed_ids("conversation")) == n
    before = len(rec.changes)
    conv = server.add_conversation(shop1, "presale", "后来的")
    a1.loop.wake()  # type: ignore[union-attr]
    wait_for(lambda: str(conv) in rec.changed_ids("conversation"))
    assert not any(c.reset for c in rec.changes[before:])  # incremental: merge these ids
    a1.close()


def test_live_channel_coming_back_ends_a_long_backoff(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    with TcpProxy(server.url) as proxy:
        a1 = connect(proxy.url, "a1", timeout=1)
        refuse(proxy)
        a1.enqueue("phrase.save@1", {"id": "p-live-back1", "scope": "personal", "text": "恢复后马上发"})
        rec = Recorder()
        # the main loop alone would wait a minute before its next attempt
        loop = SyncLoop(
            a1.engine,
            on_status=rec.status,
            on_changes=rec.change,
            poll_interval=120,
            backoff_base=60.0,
            backoff_max=60.0,
        )
        loop.start()
        try:
            wait_for(lambda: rec.last and rec.last.state == "offline")
            proxy.restore()
            # the live thread reconnects within seconds; its first event ends the backoff
            wait_for(lambda: rec.last and rec.last.state == "online" and rec.last.pending == 0, timeout=8)
        finally:
            loop.stop()
