"""The main window against a real central service (LiveServer on 127.0.0.1) and a real client
core: the queue fills, live updates keep the selection, claims are won and lost by keyboard,
and offline disables claiming with the reason."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui.conftest import connect
from workstation.background import Background
from workstation.settings import Settings
from workstation.views.main_window import MainWindow

pytestmark = pytest.mark.gui


def make_window(qtbot: QtBot, client: Any, background: Background, settings: Settings,
                sync: bool = True) -> MainWindow:
    window = MainWindow(client, background, settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.queue_view.rows_updated, timeout=10_000):
        window.start(sync=sync, poll_interval=5)
    return window


def row_ids(window: MainWindow) -> list[int]:
    model = window.queue_view.model
    return [model.conversation_id(r) for r in range(model.rowCount())]  # type: ignore[misc]


def test_queue_fills_from_the_cache(qtbot: QtBot, live: Any, client_a1: Any, background: Background,
                                    settings: Settings, english: None) -> None:
    window = make_window(qtbot, client_a1, background, settings, sync=False)
    shop1 = live.seeded["shops"][0]
    expected = set(live.seeded["conversations"][shop1])
    assert set(row_ids(window)) == expected
    # Every seeded conversation waits: the oldest wait is on top.
    view = window.queue_view
    waits = [view.rows.waiting_since[p] for p in view.model.visible]
    assert waits == sorted(waits)  # type: ignore[type-var]
    assert window.identity_label.text() == "客服a1(a1)"


def test_live_update_keeps_selection_and_scroll(qtbot: QtBot, live: Any, client_a1: Any,
                                                background: Background, settings: Settings,
                                                english: None) -> None:
    window = make_window(qtbot, client_a1, background, settings)
    view = window.queue_view
    shop1 = live.seeded["shops"][0]
    chosen = live.seeded["conversations"][shop1][1]
    assert view.select_conversation(chosen)
    before = len(row_ids(window))

    # A new buyer writes in: the row appears (after the older waiting ones: it has waited the
    # shortest) and the selection stays on the chosen conversation.
    new_id = live.add_conversation(shop1, "presale", "你好，请问有优惠吗")
    qtbot.waitUntil(lambda: new_id in row_ids(window), timeout=10_000)
    assert len(row_ids(window)) == before + 1
    assert view.current_conversation_id() == chosen

    # A new message on the open conversation updates its preview in place and its thread.
    view.open_current()
    qtbot.waitUntil(lambda: window.conversation_panel.detail is not None, timeout=10_000)
    live.add_buyer_message(chosen, "还在吗？急")
    qtbot.waitUntil(lambda: view.row_data(chosen).preview == "还在吗？急", timeout=10_000)  # type: ignore[union-attr]
    assert view.current_conversation_id() == chosen
    thread = window.conversation_panel.thread_view
    qtbot.waitUntil(lambda: "还在吗？急" in thread.toPlainText(), timeout=10_000)


def test_claim_by_keyboard_wins_and_row_shows_me(qtbot: QtBot, live: Any, client_a1: Any,
                                                 background: Background, settings: Settings,
                                                 english: None) -> None:
    shop1 = live.seeded["shops"][0]
    for i in range(60):  # more waiting rows than fit on screen, so that the claimed row moves away
        live.add_conversation(shop1, "presale", f"第{i}位买家：在吗")
    window = make_window(qtbot, client_a1, background, settings)
    view = window.queue_view
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Home)
    first = view.current_conversation_id()
    assert first is not None
    assert view.claim_action.isEnabled()
    with qtbot.waitSignal(view.claim_finished, timeout=10_000) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [first, True]
    qtbot.waitUntil(lambda: view.row_data(first).status == "assigned", timeout=10_000)  # type: ignore[union-attr]
    row = view.model.row_of(first)
    assert row is not None
    assert view.model.index(row, 6).data() == "Me"
    # The row moved from "waiting" to "mine": it stays selected and comes into sight.
    assert view.current_conversation_id() == first

    def claimed_row_in_sight() -> bool:
        at = view.model.row_of(first)
        rect = view.table.visualRect(view.model.index(at, 0)) if at is not None else None
        return rect is not None and view.table.viewport().rect().intersects(rect)

    qtbot.waitUntil(claimed_row_in_sight, timeout=10_000)
    assert view.current_conversation_id() == first
    # The won conversation is opened in the conversation dock.
    qtbot.waitUntil(lambda: window.conversation_panel.detail is not None
                    and window.conversation_panel.detail.id == first, timeout=10_000)
    # ... with the buyer's cached messages as plain text.
    preview = view.row_data(first).preview  # type: ignore[union-attr]
    assert preview and preview in window.conversation_panel.thread_view.toPlainText()


def test_losing_claim_shows_the_winner(qtbot: QtBot, live: Any, client_a1: Any, data_dir: Path,
                                       background: Background, settings: Settings, english: None) -> None:
    window = make_window(qtbot, client_a1, background, settings, sync=False)
    view = window.queue_view
    target = view.model.conversation_id(0)
    assert target is not None
    # a2 claims it first, on the server, while a1's cache still shows it waiting.
    other = connect(live, "a2", data_dir)
    try:
        version = view.row_data(target).assignment_version  # type: ignore[union-attr]
        assert other.claim(target, version).won
    finally:
        other.close()
    view.select_conversation(target)
    with qtbot.waitSignal(view.claim_finished, timeout=10_000) as blocker:
        view.claim_action.trigger()
    assert blocker.args == [target, False]
    assert "客服a2(a2)" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: view.row_data(target).assignee_staff_id == "a2", timeout=10_000)  # type: ignore[union-attr]


def test_offline_disables_claim_with_reason(qtbot: QtBot, live: Any, client_a1: Any,
                                            background: Background, settings: Settings,
                                            english: None) -> None:
    window = make_window(qtbot, client_a1, background, settings)
    view = window.queue_view
    view.select_conversation(view.model.conversation_id(0))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: window.sync_status is not None, timeout=10_000)
    assert view.claim_action.isEnabled()
    live.stop()
    qtbot.waitUntil(lambda: getattr(window.sync_status, "state", "") == "offline", timeout=20_000)
    assert not view.claim_action.isEnabled()
    assert "Offline" in view.claim_action.toolTip()
    assert window.connection_label.text().startswith("Offline")


def test_second_workstation_sees_the_claim_at_once(qtbot: QtBot, live: Any, client_a1: Any, data_dir: Path,
                                                   background: Background, settings: Settings,
                                                   tmp_path: Path, english: None) -> None:
    other_client = connect(live, "a2", data_dir)
    try:
        mine = make_window(qtbot, client_a1, background, settings)
        theirs = make_window(qtbot, other_client, background, Settings.open(tmp_path / "a2.ini"))
        target = mine.queue_view.model.conversation_id(0)
        assert target is not None
        # a2's cache starts empty: its sync loop fills it.
        qtbot.waitUntil(lambda: theirs.queue_view.model.row_of(target) is not None, timeout=10_000)
        theirs.queue_view.select_conversation(target)
        assert theirs.queue_view.claim_action.isEnabled()
        mine.queue_view.select_conversation(target)
        mine.activateWindow()  # the agent works in their own window: its shortcuts apply
        qtbot.waitUntil(mine.isActiveWindow)
        mine.queue_view.table.setFocus()
        started = time.monotonic()
        with qtbot.waitSignal(mine.queue_view.claim_finished, timeout=10_000) as blocker:
            qtbot.keyClick(mine.queue_view.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
        assert blocker.args == [target, True]
        # The live channel tells a2's workstation to pull: the row shows a1 within seconds.
        qtbot.waitUntil(lambda: theirs.queue_view.row_data(target).assignee_staff_id == "a1",  # type: ignore[union-attr]
                        timeout=10_000)
        assert time.monotonic() - started < 5
        assert theirs.queue_view.current_conversation_id() == target
        assert not theirs.queue_view.claim_action.isEnabled()
        row = theirs.queue_view.model.row_of(target)
        assert theirs.queue_view.model.index(row, 6).data() == "客服a1(a1)"  # type: ignore[arg-type]
        mine.close()
        theirs.close()
    finally:
        other_client.close()


def test_start_offline_from_the_cache(qtbot: QtBot, live: Any, data_dir: Path, settings: Settings,
                                      english: None) -> None:
    """The server is down at start: the app opens from the cache (no dialog), says offline and
    disables claiming; the cached queue is there to read."""
    from workstation.app import App, parse_args
    from workstation.client import Client
    from workstation.queue import fetch_rows

    first = Client.connect(live.url, "a1", "pw-a1", data_dir=data_dir, device_name="test")
    first.engine.sync_once()
    cached = len(fetch_rows(first.db.engine))
    assert cached > 0
    first.close()
    url = live.url
    live.stop()

    app = App(parse_args(["--server", url, "--staff-id", "a1"]), settings, data_dir)
    try:
        with qtbot.waitSignal(app.window_shown, timeout=30_000) as shown:
            app.start()
        window = shown.args[0]
        assert window.client.offline
        qtbot.waitUntil(lambda: window.queue_view.model.rowCount() == cached, timeout=10_000)
        window.queue_view.select_conversation(window.queue_view.model.conversation_id(0))
        assert not window.queue_view.claim_action.isEnabled()
        assert "Offline" in window.queue_view.claim_action.toolTip()
        qtbot.waitUntil(lambda: window.connection_label.text().startswith("Offline"), timeout=10_000)
        assert app.login_dialog is None
    finally:
        app.shutdown()
