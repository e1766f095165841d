"""Order notes on the workstation: written offline and never lost, shown with pending changes on
top, merged or kept as a conflict, and a rejected one kept with its content while the others go
through. Real service processes where it matters (a stopped ``ServerProcess``, a killed client)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select

from central import models as cm
from central.testing import LiveServer, ServerProcess, TcpProxy
from tests.client.conftest import refuse, wait_for
from tests.conftest import MemoryKeyring
from workstation.auth import TokenStore
from workstation.client import Client
from workstation.models.cache import Order as CacheOrder
from workstation.notes import (
    MAX_NOTE_CHARS,
    NOTE_NO_REASON,
    PLATFORM_NOTE_BYTES,
    NoteInputError,
    delete_note,
    edit_note,
    keep_both,
    note_history,
    note_view,
    platform_bytes,
    reason_required,
    resolve_conflict,
)
from workstation.pending import pending_changes, resend
from workstation.presence import K_TEAM_CONFIG, Presence

ROOT = Path(__file__).resolve().parents[2]


def _orders(srv: Any, n: int = 2, shop_index: int = 0) -> list[int]:
    shop = srv.seed["shops"][shop_index] if hasattr(srv, "seed") else srv.ids["shops"][shop_index]
    buyers = srv.seed["buyers"] if hasattr(srv, "seed") else srv.ids["buyers"]
    return [srv.add_order(buyers[shop][0], status="paid") for _ in range(n)]


def _view(c: Client, order_id: int) -> Any:
    with c.db.session() as s:
        return note_view(s, order_id)


def _history(c: Client, order_id: int) -> Any:
    with c.db.session() as s:
        return note_history(s, order_id)


def test_pending_edit_shows_at_once_and_history_is_newest_first(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    (order,) = _orders(server, 1)
    a1 = connect(server.url, "a1")
    a1.engine.sync_once()
    assert _view(a1, order).revision == 0 and not _view(a1, order).exists
    edit_note(a1.engine, order, "red", "买家要求改地址为上海市浦东新区", "address_change", "", 0)
    view = _view(a1, order)
    assert (view.text, view.flag, view.pending, view.revision) == (
        "买家要求改地址为上海市浦东新区",
        "red",
        True,
        0,
    )
    assert view.updated_by is not None and view.updated_by.staff_id == "a1"
    a1.engine.sync_once()
    view = _view(a1, order)
    assert (view.text, view.pending, view.revision) == ("买家要求改地址为上海市浦东新区", False, 1)
    assert view.updated_by is not None and view.updated_by.name == "客服a1"
    edit_note(
        a1.engine, order, "red", "买家要求改地址为上海市浦东新区。已通知仓库", "other", "补充", view.revision
    )
    history = _history(a1, order)
    assert [(h.state, h.text) for h in history] == [
        ("pending", "买家要求改地址为上海市浦东新区。已通知仓库"),
        ("applied", "买家要求改地址为上海市浦东新区"),
    ]
    assert history[1].author.staff_id == "a1" and history[1].reason_code == "address_change"
    a1.engine.sync_once()
    assert [h.state for h in _history(a1, order)] == ["applied", "applied"]
    assert [h.revision for h in _history(a1, order)] == [2, 1]


def test_bad_input_is_refused_before_anything_is_written(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    (order,) = _orders(server, 1)
    (other,) = _orders(server, 1, shop_index=1)
    a1 = connect(server.url, "a1")
    a1.engine.sync_once()
    with pytest.raises(NoteInputError) as too_long:
        edit_note(a1.engine, order, "none", "长" * 100_000, "gift", "", 0)  # a 100 KB paste
    assert too_long.value.code == "too_long" and too_long.value.detail["limit"] == MAX_NOTE_CHARS
    with pytest.raises(NoteInputError) as no_reason:
        edit_note(a1.engine, order, "none", "改数量为2", "other", "   ", 0)
    assert no_reason.value.code == "reason_required"
    with pytest.raises(NoteInputError) as unknown:
        edit_note(a1.engine, other, "none", "改地址", "address_change", "", 0)  # not in my cache
    assert unknown.value.code == "unknown_order"
    # an order of another shop still in the cache (say, left from before a shop change)
    with a1.db.transaction() as s:
        src = s.get(CacheOrder, order)
        assert src is not None
        copy = {c.name: getattr(src, c.name) for c in CacheOrder.__table__.columns}
        s.add(CacheOrder(**dict(copy, id=other, shop_id=9999)))
    with pytest.raises(NoteInputError) as not_mine:
        edit_note(a1.engine, other, "none", "改地址", "address_change", "", 0)
    assert not_mine.value.code == "not_my_shop"
    assert a1.engine.pending_count() == 0  # nothing was written
    assert platform_bytes("买家要求") == 12 and PLATFORM_NOTE_BYTES == 1000


def test_two_clients_edit_one_note_offline_and_both_texts_survive(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    merged_order, clash_order = _orders(server, 2)
    a1, a2 = connect(server.url, "a1"), connect(server.url, "a2")
    for c in (a1, a2):
        c.engine.sync_once()
    edit_note(a1.engine, merged_order, "none", "买家要求改地址为上海", "address_change", "", 0)
    edit_note(a1.engine, clash_order, "none", "赠品：", "gift", "", 0)
    a1.engine.sync_once()
    a2.engine.sync_once()
    base_m, base_c = _view(a2, merged_order).revision, _view(a2, clash_order).revision
    # both write while "offline" (nothing pushed until both have written)
    edit_note(a1.engine, merged_order, "none", "买家要求改地址为上海浦东", "address_change", "", base_m)
    edit_note(a2.engine, merged_order, "yellow", "已通知仓库。买家要求改地址为上海", "other", "通知", base_m)
    edit_note(a1.engine, clash_order, "none", "赠品：抱枕", "gift", "", base_c)
    edit_note(a2.engine, clash_order, "none", "赠品：靠垫", "gift", "", base_c)
    a1.engine.sync_once()
    a2.engine.sync_once()
    a1.engine.sync_once()
    for c in (a1, a2):
        merged = _view(c, merged_order)
        assert merged.text == "已通知仓库。买家要求改地址为上海浦东" and merged.flag == "yellow"
        assert not merged.in_conflict
        clash = _view(c, clash_order)
        assert clash.text == "赠品：抱枕"
        assert [(s.author.staff_id, s.text) for s in clash.conflict] == [
            ("a1", "赠品：抱枕"),
            ("a2", "赠品：靠垫"),
        ]
    # resolving with "keep both" is a recorded change that everyone sees
    clash = _view(a1, clash_order)
    resolve_conflict(a1.engine, clash_order, "none", keep_both(clash.conflict), "两个都要", clash.revision)
    assert not _view(a1, clash_order).in_conflict  # at once, pending
    a1.engine.sync_once()
    a2.engine.sync_once()
    assert _view(a2, clash_order).text == "赠品：抱枕\n赠品：靠垫"
    assert [h.outcome for h in _history(a2, clash_order)][:3] == ["resolved", "conflict", "applied"]


def test_edit_against_delete_in_both_orders(server: LiveServer, connect: Callable[..., Client]) -> None:
    first_delete, first_edit = _orders(server, 2)
    a1, a2 = connect(server.url, "a1"), connect(server.url, "a2")
    a1.engine.sync_once()
    for order in (first_delete, first_edit):
        edit_note(a1.engine, order, "green", "已补发", "shipping_instruction", "", 0)
    a1.engine.sync_once()
    a2.engine.sync_once()
    # delete reaches the server first, then an edit made without seeing it: restored, flagged
    delete_note(a1.engine, first_delete, "other", "误填", 1)
    assert _view(a1, first_delete).deleted
    edit_note(a2.engine, first_delete, "green", "已补发，单号SF1234", "shipping_instruction", "", 1)
    a1.engine.sync_once()
    a2.engine.sync_once()
    a1.engine.sync_once()
    # the edit first, then a delete that had not seen it: kept, as a conflict to resolve
    edit_note(a2.engine, first_edit, "green", "已补发，单号SF1234", "shipping_instruction", "", 1)
    delete_note(a1.engine, first_edit, "other", "误填", 1)
    a2.engine.sync_once()
    a1.engine.sync_once()
    a2.engine.sync_once()
    for c in (a1, a2):
        restored = _view(c, first_delete)
        assert (restored.text, restored.restored, restored.deleted) == ("已补发，单号SF1234", True, False)
        kept = _view(c, first_edit)
        assert kept.text == "已补发，单号SF1234" and not kept.deleted
        assert [s.text for s in kept.conflict] == ["已补发，单号SF1234", ""]


def test_rejection_in_the_middle_keeps_its_content_and_the_others_go_through(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    first, gone, last = _orders(server, 3)
    a1 = connect(server.url, "a1")
    a1.engine.sync_once()
    edit_note(a1.engine, first, "none", "第一条", "gift", "", 0)
    edit_note(a1.engine, gone, "red", "买家要求改地址为北京", "address_change", "", 0)
    edit_note(a1.engine, last, "none", "第三条", "gift", "", 0)
    # the middle order disappears from the service while the agent is writing
    with server.write() as s:
        s.execute(delete(cm.Order).where(cm.Order.id == gone))
    seen: list[list[str]] = []
    real_push = a1.engine.api.push

    def watching_push(request: Any) -> Any:
        seen.append([c.state for c in pending_changes(a1.engine)])
        return real_push(request)

    a1.engine.api.push = watching_push  # type: ignore[method-assign]
    assert [c.state for c in pending_changes(a1.engine)] == ["waiting"] * 3
    a1.engine.sync_once()
    assert seen == [["sending"] * 3]
    assert _view(a1, first).text == "第一条" and _view(a1, last).text == "第三条"
    (rejected,) = pending_changes(a1.engine)
    assert rejected.state == "rejected" and rejected.error_code == "not_found"
    assert str(gone) in (rejected.error or "")
    assert rejected.args["text"] == "买家要求改地址为北京"  # content kept to fix and resend
    assert rejected.what == "note_edit" and "买家要求改地址为北京" in rejected.description
    assert [h.state for h in _history(a1, gone)] == ["rejected"]
    # fixed (moved to the right order) and resent: a new change, the rejected one stays in the journal
    fixed = dict(rejected.args, order_id=last, base_revision=_view(a1, last).revision)
    new_seq = resend(a1.engine, rejected.seq, fixed).seq
    a1.engine.sync_once()
    assert _view(a1, last).text == "买家要求改地址为北京"
    (kept,) = pending_changes(a1.engine)
    assert kept.state == "rejected" and kept.resent_as == new_seq
    assert a1.engine.rejected_count() == 0 and a1.engine.rejected() == []
    # a second resend of the same rejected change is refused (it would send it twice)
    with pytest.raises(ValueError, match="already sent again"):
        resend(a1.engine, rejected.seq, fixed)

    # restart: the mark was stored with the resend, so nothing shows as still to fix
    a1.close()
    a1 = connect(server.url, "a1")
    (kept,) = pending_changes(a1.engine)
    assert kept.state == "rejected" and kept.resent_as == new_seq
    assert a1.engine.rejected_count() == 0
    (entry,) = _history(a1, gone)
    assert entry.state == "rejected" and entry.resent_as == new_seq


_CHILD = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {root!r})
    from workstation.api import ApiClient
    from workstation.db import LocalDB
    from workstation.notes import edit_note
    from workstation.sync import SyncEngine
    db = LocalDB.open({path!r})
    engine = SyncEngine(db, ApiClient({url!r}))
    for i, order in enumerate({orders!r}):
        edit_note(engine, order, "red", f"停服时写的备注{{i}}：买家要求改地址", "address_change", "", 0)
    print("SAVED", flush=True)
    time.sleep(60)  # killed here: written, never pushed
    """
)


def test_notes_written_while_the_server_is_stopped_survive_a_kill_and_arrive_once(
    connect: Callable[..., Client],
) -> None:
    with ServerProcess() as proc:
        seed = proc.seed_basic()
        shop = seed["shops"][0]
        orders = [proc.add_order(seed["buyers"][shop][0], status="paid") for _ in range(5)]
        store = TokenStore(MemoryKeyring())
        first = connect(proc.url, "a1", token_store=store, timeout=3)
        first.engine.sync_once()
        path = first.db.path
        first.close()
        proc.terminate()  # the service is down
        code = _CHILD.format(root=str(ROOT), path=str(path), url=proc.url, orders=orders)
        child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "SAVED"
            os.kill(child.pid, signal.SIGKILL)
            child.wait(10)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(10)
            if child.stdout is not None:
                child.stdout.close()
        # the app starts again while the service is still down: offline, the notes are there
        again = connect(proc.url, "a1", None, token_store=store, offline_ok=True, timeout=3)
        assert again.offline
        assert [_view(again, o).pending for o in orders] == [True] * 5
        proc.restart()
        assert again.engine.push() == 5
        again.engine.push()  # nothing left: no second copy
        again.engine.pull()
        with proc.session() as s:
            texts = sorted(s.scalars(select(cm.NoteEntry.text)))
            logged = s.scalar(select(func.count()).select_from(cm.MutationLog))
        assert texts == sorted(f"停服时写的备注{i}：买家要求改地址" for i in range(5))
        assert logged == 5
        assert [(_view(again, o).pending, _view(again, o).revision) for o in orders] == [(False, 1)] * 5


def test_a_note_written_while_the_loop_runs_is_pushed_without_waiting_for_the_poll(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    from tests.client.conftest import wait_for

    (order,) = _orders(server, 1)
    a1 = connect(server.url, "a1")
    a1.engine.sync_once()
    statuses: list[Any] = []
    a1.start_sync(statuses.append, lambda _c: None, poll_interval=300.0, live=False)
    wait_for(lambda: any(s.state == "online" for s in statuses))
    edit_note(a1.engine, order, "red", "顺丰发货", "shipping_instruction", "", 0)  # no explicit wake
    wait_for(lambda: _view(a1, order).revision == 1, timeout=10)
    assert any(s.pending == 1 for s in statuses)  # the status bar counted it at once


def test_a_push_that_times_out_is_retried_in_smaller_batches(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    """A slow service that cannot finish 100 note edits within the read timeout: the batch is
    halved after each timeout, so the queue drains instead of timing out whole again and again."""
    from workstation.api import Offline

    orders = _orders(server, 6)
    a1 = connect(server.url, "a1")
    a1.engine.sync_once()
    for i in range(120):
        edit_note(a1.engine, orders[i % 6], "none", f"第{i}条", "gift", "", 0)
    real_push = a1.engine.api.push
    sizes: list[int] = []

    def slow_push(request: Any) -> Any:
        sizes.append(len(request.mutations))
        if len(request.mutations) > 25:
            raise Offline("read timed out", code="offline")  # as requests' ReadTimeout becomes
        return real_push(request)

    a1.engine.api.push = slow_push  # type: ignore[method-assign]
    attempts = 0
    while a1.engine.pending_count() and attempts < 20:
        attempts += 1
        with contextlib.suppress(Offline):
            a1.engine.push()
    assert a1.engine.pending_count() == 0
    assert sizes[:3] == [100, 50, 25]
    assert attempts < 20
    with server.session() as s:
        assert s.scalar(select(func.count()).select_from(cm.NoteEntry)) == 120  # each once


def test_acknowledged_before_the_pull_shows_the_servers_result(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    (order,) = _orders(server, 1)
    a1, a2 = connect(server.url, "a1"), connect(server.url, "a2")
    a1.engine.sync_once()
    a2.engine.sync_once()
    edit_note(a2.engine, order, "none", "买家要求改地址为上海", "address_change", "", 0)
    a2.engine.sync_once()
    a1.engine.sync_once()
    edit_note(a2.engine, order, "none", "买家要求改地址为上海浦东", "address_change", "", 1)
    edit_note(a1.engine, order, "none", "已通知仓库。买家要求改地址为上海", "other", "通知", 1)
    a2.engine.push()
    assert a1.engine.push() == 1  # acknowledged (merged); not pulled yet
    view = _view(a1, order)
    assert (view.text, view.revision, view.pending) == ("已通知仓库。买家要求改地址为上海浦东", 3, False)
    newest = _history(a1, order)[0]
    assert (newest.state, newest.outcome, newest.revision) == ("applied", "merged", 3)
    assert newest.text == "已通知仓库。买家要求改地址为上海"  # as written
    assert newest.result_text == "已通知仓库。买家要求改地址为上海浦东"  # what the note became


def _read_team_config(c: Client) -> None:
    """What the workstation does after login: ``Presence`` reads the team's settings and keeps
    them in the cache (stopped again before it would send anything more)."""
    presence = Presence(c.api, c.db, heartbeat_s=30, away_after_s=600)
    presence.start()
    try:
        wait_for(lambda: presence.sends > 0, timeout=10)  # the settings are read before the first send
    finally:
        presence.stop(send_offline=False)
    assert c.db.get_state(K_TEAM_CONFIG) is not None


def _team_policy(s1: Client, required: bool) -> None:
    """A supervisor changes the team's policy (the monitoring settings dialog does this)."""
    config = s1.api.supervisor_config().model_copy(update={"note_reason_required": required})
    assert s1.api.set_supervisor_config(config).note_reason_required is required


def test_team_reason_policy_followed_offline_and_a_change_refused_after_it_changed_is_kept(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    """The workstation follows the team's "reason required" policy as last read (required until
    read; kept in the cache, so offline too). A note written offline without a reason while the
    policy was off, and refused because a supervisor turned it on meanwhile, is kept as a rejected
    change with its content, and goes through once a reason is added."""
    (order,) = _orders(server, 1)
    s1 = connect(server.url, "s1")
    with TcpProxy(server.url) as proxy:
        a1 = connect(proxy.url, "a1")
        a1.engine.sync_once()
        with a1.db.session() as s:
            assert reason_required(s) is True  # never read: required
        with pytest.raises(NoteInputError) as refused:
            edit_note(a1.engine, order, "none", "没有事由", NOTE_NO_REASON, "", 0)
        assert refused.value.code == "reason_required" and refused.value.detail["required_by"] == "team"
        with pytest.raises(NoteInputError):
            delete_note(a1.engine, order, NOTE_NO_REASON, "  ", 0)
        assert pending_changes(a1.engine) == []  # nothing written

        _team_policy(s1, required=False)
        _read_team_config(a1)
        with a1.db.session() as s:
            assert reason_required(s) is False

        # offline: the last known policy applies (a login without the service keeps it too)
        refuse(proxy)
        a1.api.timeout = 2.0
        _read_team_config(a1)
        with a1.db.session() as s:
            assert reason_required(s) is False
        edit_note(a1.engine, order, "red", "买家要求周五前发货", NOTE_NO_REASON, "", 0)
        assert _view(a1, order).text == "买家要求周五前发货" and _view(a1, order).pending
        # "other" with nothing typed stays refused, whatever the policy
        with pytest.raises(NoteInputError) as other:
            edit_note(a1.engine, order, "red", "其他", "other", " ", 0)
        assert other.value.detail == {"reason_code": "other"}

        # meanwhile a supervisor requires a reason again; the network comes back
        _team_policy(s1, required=True)
        proxy.restore()
        a1.engine.sync_once()
        (rejected,) = pending_changes(a1.engine)
        assert rejected.state == "rejected" and rejected.error_code == "reason_required"
        assert rejected.error_detail == {"reason_code": "none", "required_by": "team"}
        assert rejected.args["text"] == "买家要求周五前发货"  # content kept to fix and resend
        (entry,) = _history(a1, order)
        assert (entry.state, entry.text, entry.reason_code) == ("rejected", "买家要求周五前发货", "none")
        assert _view(a1, order).revision == 0 and not _view(a1, order).pending

        # the workstation learns the new policy at its next read; then no reason is refused here
        _read_team_config(a1)
        with a1.db.session() as s:
            assert reason_required(s) is True
        with pytest.raises(NoteInputError):
            edit_note(a1.engine, order, "red", "买家要求周五前发货", NOTE_NO_REASON, "", 0)
        # fixed with a reason and resent: it arrives; the refused one stays in the journal
        fixed = dict(rejected.args, reason_code="shipping_instruction")
        new_seq = resend(a1.engine, rejected.seq, fixed).seq
        a1.engine.sync_once()
        view = _view(a1, order)
        assert (view.text, view.flag, view.revision) == ("买家要求周五前发货", "red", 1)
        states = [(h.state, h.reason_code) for h in _history(a1, order)]
        assert states == [("applied", "shipping_instruction"), ("rejected", "none")]
        assert _history(a1, order)[1].resent_as == new_seq
