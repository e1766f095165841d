"""A write survives the client process being killed; client clocks order nothing; screens see
pending writes on top of the cache."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from central import models as cm
from central.testing import LiveServer, ServerProcess, TcpProxy
from tests.client.conftest import cached_phrases
from tests.conftest import MemoryKeyring
from workstation import sync as sync_module
from workstation.api import Offline
from workstation.auth import TokenStore
from workstation.client import Client
from workstation.sync import phrases_view

ROOT = Path(__file__).resolve().parents[2]

_CHILD = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, {root!r})
    from workstation.db import LocalDB
    from workstation.sync import SyncEngine
    from workstation.api import ApiClient
    db = LocalDB.open({path!r})
    engine = SyncEngine(db, ApiClient({url!r}))
    engine.enqueue("phrase.save@1", {{"id": "killed-00001", "scope": "personal", "text": "写完就断电"}})
    print("SAVED", flush=True)
    time.sleep(60)  # killed here: the change was committed, never pushed
    """
)


def test_write_survives_kill_between_local_commit_and_push(
    server: LiveServer, data_dir: Path, connect: Callable[..., Client]
) -> None:
    store = TokenStore(MemoryKeyring())
    first = connect(server.url, "a1", token_store=store)
    path = first.db.path
    first.close()
    code = _CHILD.format(root=str(ROOT), path=str(path), url=server.url)
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "SAVED"
        os.kill(child.pid, signal.SIGKILL)  # no shutdown code runs
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
        if child.stdout is not None:
            child.stdout.close()
    again = connect(server.url, "a1", None, token_store=store)  # the lock died with the process
    assert [e.args["text"] for e in again.engine.pending()] == ["写完就断电"]
    assert again.engine.push() == 1
    again.engine.pull()
    assert cached_phrases(again)["killed-00001"][0] == "写完就断电"


def test_client_clock_a_day_off_orders_nothing(
    server: LiveServer, connect: Callable[..., Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = connect(server.url, "a1")
    slow = connect(server.url, "s1")
    shop1 = server.seed["shops"][0]  # type: ignore[attr-defined]
    real_now = sync_module.utcnow_naive
    # s1's clock runs a day ahead, and writes first; a1 (correct clock) writes second.
    monkeypatch.setattr(sync_module, "utcnow_naive", lambda: real_now() + timedelta(days=1))
    slow.enqueue("phrase.save@1", {"id": "team-clock-1", "scope": "team", "shop_id": shop1, "text": "先写的"})
    monkeypatch.setattr(sync_module, "utcnow_naive", real_now)
    slow.engine.push()
    slow.enqueue("phrase.save@1", {"id": "team-clock-1", "scope": "team", "shop_id": shop1, "text": "后写的"})
    slow.engine.push()
    fast.engine.pull()
    # the server's order wins (last applied), not the authored time
    assert cached_phrases(fast)["team-clock-1"][0] == "后写的"
    with server.session() as s:
        row = s.get(cm.Phrase, "team-clock-1")
        assert row is not None
        assert abs((row.updated_at.replace(tzinfo=None) - real_now()).total_seconds()) < 60  # server time


def test_screens_see_pending_writes_on_top_of_the_cache(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    a1 = connect(server.url, "a1")
    a1.enqueue("phrase.save@1", {"id": "view-000001", "scope": "personal", "text": "一", "code": "/a"})
    a1.enqueue("phrase.save@1", {"id": "view-000002", "scope": "personal", "text": "二"})
    a1.engine.sync_once()
    a1.enqueue("phrase.save@1", {"id": "view-000001", "scope": "personal", "text": "一（改）", "code": "/a"})
    a1.enqueue("phrase.delete@1", {"id": "view-000002"})
    a1.enqueue("phrase.save@1", {"id": "view-000003", "scope": "personal", "text": "三"})
    with a1.db.session() as s:
        view = {v.id: (v.text, v.pending) for v in phrases_view(s, a1.user.id)}
    assert view == {"view-000001": ("一（改）", True), "view-000003": ("三", True)}
    a1.engine.sync_once()
    with a1.db.session() as s:
        view = {v.id: (v.text, v.pending) for v in phrases_view(s, a1.user.id)}
    assert view == {"view-000001": ("一（改）", False), "view-000003": ("三", False)}
    with a1.db.session() as s:
        assert s.scalars(select(sync_module.OutboxEntry)).all()  # the journal is kept


def test_server_killed_after_commit_answers_the_retry_from_its_log(
    connect: Callable[..., Client],
) -> None:
    """The service process dies (SIGKILL) right after committing a push whose answer was lost;
    restarted on the same database, it answers the client's retry with the stored results."""
    with ServerProcess() as proc:
        proc.seed_basic()
        with TcpProxy(proc.url) as proxy:
            a1 = connect(proxy.url, "a1", timeout=5)
            a1.enqueue("phrase.save@1", {"id": "crash-00001", "scope": "personal", "text": "一"})
            a1.enqueue("phrase.save@1", {"id": "crash-00002", "scope": "personal", "text": "二"})
            proxy.drop_responses(1)
            with pytest.raises(Offline):
                a1.engine.push()
            proc.kill()
            proc.restart()
            proxy.set_target(proc.url)
            assert a1.engine.push() == 2
            with proc.session() as s:
                logged = s.scalars(
                    select(cm.MutationLog.seq).where(cm.MutationLog.client_id == a1.db.client_id())
                ).all()
            assert sorted(logged) == [1, 2]
            a1.engine.pull()
            assert {"crash-00001", "crash-00002"} <= set(cached_phrases(a1))
