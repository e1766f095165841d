"""The order-note editor, driven as an agent would against a real service on 127.0.0.1: a note
written while the server cannot be reached is shown pending and arrives when it is back; two
agents' overlapping edits are shown side by side and resolved (a recorded change); the history is
newest first with an inline diff; the byte counter warns before the platform's limit; a 100 KB
paste is refused with a clear message and kept; the order row in the customer panel shows the
flag and the note's first line. Saves ``docs/screenshots/note_editor_history.png`` and
``note_editor_conflict.png``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from central.testing import TcpProxy
from tests.client.conftest import refuse
from tests.gui.conftest import connect, save_screenshot
from workstation.background import Background
from workstation.i18n import install_translators
from workstation.views.note_editor import NoteEditor, diff_html
from wsprotocol import PLATFORM_NOTE_BYTES

pytestmark = pytest.mark.gui


@pytest.fixture
def order(live: Any) -> int:
    shop1 = live.seeded["shops"][0]
    return int(live.add_order(live.seeded["buyers"][shop1][0], status="paid"))


@pytest.fixture
def proxy(live: Any) -> Iterator[TcpProxy]:
    p = TcpProxy(live.url)
    yield p
    p.close()


def connect_via(url: str, staff_id: str, data_dir: Path) -> Any:
    from workstation.client import Client

    return Client.connect(url, staff_id, f"pw-{staff_id}", data_dir=data_dir / staff_id, device_name="test")


def open_editor(qtbot: QtBot, client: Any, background: Background, order_id: int) -> NoteEditor:
    editor = NoteEditor(client, background, order_id, "TEST-ORDER")
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show()
    return editor


def write(qtbot: QtBot, editor: NoteEditor, flag: str, text: str, reason_index: int = 1) -> None:
    editor.flag_buttons[flag].click()
    editor.text_edit.setPlainText(text)
    editor.reason_combo.setCurrentIndex(reason_index)
    # Ctrl+Enter is a shortcut of the editor's window: it works in the active window
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=5_000)
    with qtbot.waitSignal(editor.written, timeout=10_000), qtbot.waitSignal(editor.loaded, timeout=10_000):
        qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def screenshot_in_chinese(
    qtbot: QtBot, client: Any, background: Background, order_id: int, name: str, size: tuple[int, int]
) -> NoteEditor:
    """The editor as an agent sees it (Chinese is the default language), saved as a PNG."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, "zh_CN")
    try:
        editor = open_editor(qtbot, client, background, order_id)
        editor.resize(*size)
        save_screenshot(editor, name)
        return editor
    finally:
        install_translators(app, "en")


def reload(qtbot: QtBot, editor: NoteEditor) -> None:
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.reload()


def test_note_written_offline_is_pending_then_synced(
    qtbot: QtBot,
    live: Any,
    proxy: TcpProxy,
    order: int,
    data_dir: Path,
    background: Background,
    english: None,
) -> None:
    client = connect_via(proxy.url, "a1", data_dir)
    try:
        client.engine.sync_once()
        editor = open_editor(qtbot, client, background, order)
        assert "No note yet" in editor.state_label.text()
        assert "a1" in editor.recorded_label.text()  # who is recorded: shown, not typed

        proxy.refuse()  # the network goes down
        write(qtbot, editor, "red", "买家要求改地址为杭州市西湖区文三路1号 已通知仓库")
        assert "Pending sync" in editor.state_label.text()
        assert editor.history[0].state == "pending"
        assert "Pending sync" in editor.history_view.toPlainText()
        assert editor.history[0].author.staff_id == "a1"
        # nothing was lost and nothing reached the server
        with pytest.raises(Exception):  # noqa: B017 - Offline, whatever its exact type
            client.engine.sync_once()

        proxy.restore()
        client.engine.sync_once()
        reload(qtbot, editor)
        assert "Pending sync" not in editor.state_label.text()
        top = editor.history[0]
        assert (top.state, top.flag, top.result_text) == (
            "applied",
            "red",
            "买家要求改地址为杭州市西湖区文三路1号 已通知仓库",
        )
        assert "Red flag" in editor.state_label.text()
        assert editor.current_flag() == "red"
    finally:
        client.close()


def test_history_newest_first_with_diff_and_flag_change(
    qtbot: QtBot, live: Any, order: int, client_a1: Any, background: Background, english: None
) -> None:
    client_a1.engine.sync_once()
    editor = open_editor(qtbot, client_a1, background, order)
    write(qtbot, editor, "yellow", "买家要求周五前发货", reason_index=4)
    client_a1.engine.sync_once()
    reload(qtbot, editor)
    write(qtbot, editor, "red", "买家要求周六前发货，顺丰", reason_index=4)
    client_a1.engine.sync_once()
    reload(qtbot, editor)
    texts = [h.result_text for h in editor.history]
    assert texts == ["买家要求周六前发货，顺丰", "买家要求周五前发货"]  # newest first
    html = editor.history_view.toHtml()
    plain = editor.history_view.toPlainText()
    assert "Flag Yellow flag → Red flag" in plain
    assert "Shipping instruction" in plain
    assert "line-through" in html  # the removed 五 is struck through, 六 and 顺丰 marked as added
    assert "五" in diff_html("买家要求周五前发货", "买家要求周六前发货，顺丰")
    # a long note with one changed word shows that word with a little context, not the whole text
    long_old = "甲" * 300 + "旧" + "乙" * 300
    assert len(diff_html(long_old, long_old.replace("旧", "新"))) < 400
    shot = screenshot_in_chinese(qtbot, client_a1, background, order, "note_editor_history.png", (1000, 640))
    assert "修改记录" in shot.history_view.parentWidget().title()  # type: ignore[union-attr]


def test_byte_counter_warns_and_a_huge_paste_is_refused_and_kept(
    qtbot: QtBot, live: Any, order: int, client_a1: Any, background: Background, english: None
) -> None:
    editor = open_editor(qtbot, client_a1, background, order)
    near = "好" * (PLATFORM_NOTE_BYTES * 92 // 100 // 3)  # 3 bytes each in UTF-8: about 92 %
    editor.text_edit.setPlainText(near)
    assert editor.bytes_label.property("state") == "near"
    assert "close to the platform's limit" in editor.bytes_label.text()
    editor.text_edit.setPlainText("好" * (PLATFORM_NOTE_BYTES // 3 + 1))
    assert editor.bytes_label.property("state") == "over"
    assert editor.preview.text().startswith("好")
    editor.text_edit.setPlainText("short")
    assert editor.bytes_label.property("state") == "ok"

    huge = "买家留言" * 25_600  # 100 KB of text
    editor.text_edit.setPlainText(huge)
    editor.reason_combo.setCurrentIndex(1)
    editor.save()
    assert editor.error_label.isVisible()
    assert "the limit is 5000" in editor.error_label.text()
    assert editor.text_edit.toPlainText() == huge  # nothing lost
    assert client_a1.engine.pending_count() == 0  # nothing written

    # a reason is required; "Other" needs it typed
    editor.text_edit.setPlainText("赠品：抱枕一个")
    editor.reason_combo.setCurrentIndex(0)
    editor.save()
    assert "Choose the reason" in editor.error_label.text()
    editor.reason_combo.setCurrentIndex(editor.reason_combo.findData("other"))
    editor.save()
    assert "Other needs a reason" in editor.error_label.text()
    assert client_a1.engine.pending_count() == 0


def test_conflicting_edits_shown_side_by_side_and_resolved(
    qtbot: QtBot, live: Any, order: int, data_dir: Path, background: Background, english: None
) -> None:
    a1 = connect(live, "a1", data_dir)
    a2 = connect(live, "a2", data_dir)
    try:
        a1.engine.sync_once()
        ed1 = open_editor(qtbot, a1, background, order)
        write(qtbot, ed1, "none", "买家要求改地址")
        a1.engine.sync_once()
        a2.engine.sync_once()
        reload(qtbot, ed1)
        ed2 = open_editor(qtbot, a2, background, order)
        assert ed2.text_edit.toPlainText() == "买家要求改地址"
        # both change the same line from the same revision, before either is sent
        write(qtbot, ed1, "red", "买家要求改地址为北京市朝阳区", reason_index=1)
        write(qtbot, ed2, "yellow", "买家要求改地址为上海市浦东新区", reason_index=1)
        a1.engine.sync_once()
        a2.engine.sync_once()
        a1.engine.sync_once()
        reload(qtbot, ed1)
        assert ed1.conflict_box.isVisible()
        sides = sorted(w.toPlainText() for w in ed1.conflict_sides if hasattr(w, "toPlainText"))
        assert sides == ["买家要求改地址为上海市浦东新区", "买家要求改地址为北京市朝阳区"]
        heads = ed1.conflict_box.findChildren(type(ed1.state_label))
        assert any("a2" in h.text() for h in heads) and any("a1" in h.text() for h in heads)
        assert any(h.outcome == "conflict" for h in ed1.history)
        reload(qtbot, ed1)  # shown again (a sync): the sides are rebuilt, the actions stay
        assert ed1.conflict_box.isVisible() and len(ed1.keep_buttons) == 2
        screenshot_in_chinese(qtbot, a1, background, order, "note_editor_conflict.png", (1100, 720))

        # keep both: a recorded change that ends the conflict for everyone
        with qtbot.waitSignal(ed1.written, timeout=10_000), qtbot.waitSignal(ed1.loaded, timeout=10_000):
            ed1.keep_both_button.click()
        a1.engine.sync_once()
        a2.engine.sync_once()
        reload(qtbot, ed1)
        reload(qtbot, ed2)
        for ed in (ed1, ed2):
            assert not ed.conflict_box.isVisible()
            assert "北京市朝阳区" in ed.view.text and "上海市浦东新区" in ed.view.text
            assert ed.history[0].kind == "resolve"
            assert ed.history[0].author.staff_id == "a1"
    finally:
        a1.close()
        a2.close()


def test_edit_a_merge_resolves_with_the_edited_text(
    qtbot: QtBot, live: Any, order: int, data_dir: Path, background: Background, english: None
) -> None:
    a1 = connect(live, "a1", data_dir)
    a2 = connect(live, "a2", data_dir)
    try:
        a1.engine.sync_once()
        ed1 = open_editor(qtbot, a1, background, order)
        write(qtbot, ed1, "none", "发顺丰")
        a1.engine.sync_once()
        a2.engine.sync_once()
        reload(qtbot, ed1)
        ed2 = open_editor(qtbot, a2, background, order)
        write(qtbot, ed1, "none", "发中通", reason_index=4)
        write(qtbot, ed2, "none", "发圆通", reason_index=4)
        a1.engine.sync_once()
        a2.engine.sync_once()
        a1.engine.sync_once()
        reload(qtbot, ed1)
        assert ed1.conflict_box.isVisible()
        ed1.edit_merge_button.click()
        assert "发中通" in ed1.text_edit.toPlainText() and "发圆通" in ed1.text_edit.toPlainText()
        ed1.text_edit.setPlainText("发中通（买家确认）")
        ed1.activateWindow()
        qtbot.waitUntil(ed1.isActiveWindow, timeout=5_000)
        with qtbot.waitSignal(ed1.written, timeout=10_000), qtbot.waitSignal(ed1.loaded, timeout=10_000):
            qtbot.keyClick(ed1.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        a1.engine.sync_once()
        reload(qtbot, ed1)
        assert not ed1.conflict_box.isVisible()
        assert ed1.view.text == "发中通（买家确认）"
        assert ed1.history[0].kind == "resolve"
    finally:
        a1.close()
        a2.close()


def test_order_row_shows_flag_and_first_line_and_ctrl_shift_n_opens_the_editor(
    qtbot: QtBot,
    live: Any,
    order: int,
    client_a1: Any,
    background: Background,
    settings: Any,
    english: None,
) -> None:
    from workstation.views.main_window import MainWindow

    client_a1.engine.sync_once()
    window = MainWindow(client_a1, background, settings)
    qtbot.addWidget(window)
    window.show()
    buyer = live.seeded["buyers"][live.seeded["shops"][0]][0]
    with qtbot.waitSignal(window.customer_panel.customer_shown, timeout=10_000):
        window.open_order(buyer, order)
    window.customer_panel.orders.setFocus()
    qtbot.keyClick(
        window.customer_panel.orders,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    editor = window.note_editors[order]
    qtbot.waitUntil(lambda: editor.view is not None, timeout=10_000)
    with qtbot.waitSignal(window.note_marks.updated, timeout=10_000):
        write(qtbot, editor, "green", "赠品：抱枕一个\n第二行不显示", reason_index=3)
    model = window.customer_panel.orders_model
    index = model.index(0, 0)
    text = index.data(Qt.ItemDataRole.DisplayRole)
    assert text.endswith("\nGreen flag · Note: 赠品：抱枕一个 · pending sync")
    assert "第二行" not in text
    assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    # the panel re-renders (a sync, the clock): the line stays
    window.customer_panel._rerender()
    assert "Note: 赠品" in model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)


def test_edit_against_a_deletion_restores_the_note_flagged(
    qtbot: QtBot, live: Any, order: int, data_dir: Path, background: Background, english: None
) -> None:
    a1 = connect(live, "a1", data_dir)
    a2 = connect(live, "a2", data_dir)
    try:
        a1.engine.sync_once()
        ed1 = open_editor(qtbot, a1, background, order)
        write(qtbot, ed1, "blue", "赠品：抱枕一个", reason_index=3)
        a1.engine.sync_once()
        a2.engine.sync_once()
        reload(qtbot, ed1)
        ed2 = open_editor(qtbot, a2, background, order)
        # a1 deletes the note (a reason is needed for that too) ...
        ed1.reason_combo.setCurrentIndex(ed1.reason_combo.findData("gift"))
        ed1.reason_text.setText("买家不要赠品了")
        with qtbot.waitSignal(ed1.written, timeout=10_000), qtbot.waitSignal(ed1.loaded, timeout=10_000):
            ed1.delete_button.click()
        assert "Deleted" in ed1.state_label.text() and "Pending sync" in ed1.state_label.text()
        a1.engine.sync_once()
        # ... while a2, who has not seen the deletion, edits it
        write(qtbot, ed2, "blue", "赠品：抱枕两个", reason_index=2)
        a2.engine.sync_once()
        a1.engine.sync_once()
        reload(qtbot, ed1)
        assert "Restored" in ed1.state_label.text()
        assert ed1.view.text == "赠品：抱枕两个"
        assert ed1.history[0].outcome == "restored"
        plain = ed1.history_view.toPlainText()
        assert "restored a deleted note" in plain and "Deleted the note" in plain
        assert "买家不要赠品了" in plain
    finally:
        a1.close()
        a2.close()


def _team_reason_policy(s1: Any, required: bool, reader: Any = None) -> None:
    """A supervisor sets the team's policy; ``reader``'s workstation reads it as after a login
    (``Presence``)."""
    from workstation.presence import Presence

    config = s1.api.supervisor_config().model_copy(update={"note_reason_required": required})
    s1.api.set_supervisor_config(config)
    if reader is None:
        return
    presence = Presence(reader.api, reader.db, heartbeat_s=30, away_after_s=600)
    presence.start()
    try:
        deadline = time.monotonic() + 10
        while presence.sends == 0 and time.monotonic() < deadline:  # read before the first send
            time.sleep(0.02)
    finally:
        presence.stop(send_offline=False)


def test_team_reason_policy_and_a_change_refused_after_it_changed(
    qtbot: QtBot,
    live: Any,
    proxy: TcpProxy,
    order: int,
    data_dir: Path,
    background: Background,
    english: None,
) -> None:
    """Required (the default, and before the policy was ever read): saving without a reason says
    so and writes nothing. Not required: the agent saves without a reason, offline too. A change
    written so while a supervisor turned the policy on is shown rejected with the reason, its
    content kept; fixing it asks for a reason, and it then arrives."""
    a1 = connect_via(proxy.url, "a1", data_dir)
    s1 = connect_via(live.url, "s1", data_dir)
    try:
        a1.engine.sync_once()
        editor = open_editor(qtbot, a1, background, order)
        assert editor.reason_caption.text() == "Reaso&n (required):"
        assert editor.reason_combo.itemText(0) == "Choose the reason…"
        editor.text_edit.setPlainText("买家要求周五前发货")
        editor.save()
        assert editor.error_label.isVisible()
        assert "your team requires one for every note change" in editor.error_label.text()
        assert a1.engine.pending_count() == 0 and editor.text_edit.toPlainText() == "买家要求周五前发货"

        _team_reason_policy(s1, required=False, reader=a1)
        reload(qtbot, editor)
        assert editor.reason_caption.text() == "Reaso&n (optional):"
        assert editor.reason_combo.itemText(0) == "No reason"

        refuse(proxy)  # offline: the last known policy applies
        write(qtbot, editor, "red", "买家要求周五前发货", reason_index=0)
        assert not editor.error_label.isVisible()
        assert editor.history[0].state == "pending" and editor.history[0].reason_code == "none"
        assert "No reason" in editor.history_view.toPlainText()

        # meanwhile the supervisor requires a reason; the network comes back
        _team_reason_policy(s1, required=True)
        proxy.restore()
        a1.engine.sync_once()
        reload(qtbot, editor)
        (entry,) = editor.history
        assert entry.state == "rejected" and entry.text == "买家要求周五前发货"
        shown = editor.history_view.toPlainText()
        assert "Rejected" in shown and "Your team now requires a reason for every note change" in shown
        assert "Fix and resend" in shown
        # the agent's workstation has not read the new policy yet: the editor still allows none ...
        assert editor.reason_caption.text() == "Reaso&n (optional):"
        # in Chinese, as the agent sees it
        shot = screenshot_in_chinese(
            qtbot, a1, background, order, "note_editor_reason_rejected.png", (1000, 560)
        )
        assert "团队现已要求每次修改备注都填写事由" in shot.history_view.toPlainText()
        assert "被拒绝" in shot.history_view.toPlainText()
        shot.close()

        # ... but fixing the refused change asks for a reason
        editor.fix_rejected(entry.seq)
        assert editor.text_edit.toPlainText() == "买家要求周五前发货"  # content kept
        assert "Your team now requires a reason" in editor.error_label.text()
        assert editor.reason_caption.text() == "Reaso&n (required):"
        editor.save()
        assert "your team requires one for every note change" in editor.error_label.text()
        assert a1.engine.pending_count() == 0
        write(qtbot, editor, "red", "买家要求周五前发货", reason_index=4)
        assert editor.reason_caption.text() == "Reaso&n (optional):"  # the fix is done
        a1.engine.sync_once()
        reload(qtbot, editor)
        assert [(h.state, h.reason_code) for h in editor.history] == [
            ("applied", "shipping_instruction"),
            ("rejected", "none"),
        ]
        assert editor.view.text == "买家要求周五前发货" and editor.view.revision == 1
        assert "resent as a new change" in editor.history_view.toPlainText()
    finally:
        a1.close()
        s1.close()


def test_monitoring_settings_dialog_has_the_note_reason_checkbox(qtbot: QtBot, english: None) -> None:
    """The supervisors' switch: one checkbox in the monitoring settings, by keyboard too."""
    from workstation.views.dashboard_view import ConfigDialog
    from wsprotocol import SupervisorConfig

    dialog = ConfigDialog(SupervisorConfig())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.note_reason
    assert box.text() == "Order-note changes need a &reason" and box.isChecked()
    assert dialog.result_config().note_reason_required is True
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert not box.isChecked() and dialog.result_config().note_reason_required is False
    off = ConfigDialog(SupervisorConfig(note_reason_required=False))
    qtbot.addWidget(off)
    assert not off.note_reason.isChecked()
