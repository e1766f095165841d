"""The pending-changes view against a real service on 127.0.0.1: changes written offline are
listed as waiting; a change the server rejects is shown with its reason, its content kept, and
is fixed and resent (a quick phrase in the fix form; an order note in the note editor, opened
from the view); rejected changes do not stall the others; the status bar's count opens it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from central.testing import TcpProxy
from tests.gui.conftest import save_screenshot
from workstation import notes
from workstation.background import Background
from workstation.i18n import install_translators
from workstation.views.note_editor import NoteEditor
from workstation.views.pending_view import PendingView

pytestmark = pytest.mark.gui


@pytest.fixture
def proxy(live: Any) -> Iterator[TcpProxy]:
    p = TcpProxy(live.url)
    yield p
    p.close()


def connect_via(url: str, staff_id: str, data_dir: Path) -> Any:
    from workstation.client import Client

    return Client.connect(url, staff_id, f"pw-{staff_id}", data_dir=data_dir / staff_id, device_name="test")


def open_view(qtbot: QtBot, client: Any, background: Background) -> PendingView:
    view = PendingView(client, background)
    qtbot.addWidget(view)
    view.show()
    reload(qtbot, view)
    return view


def reload(qtbot: QtBot, view: PendingView) -> None:
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.reload()


def phrase(text: str) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "scope": "personal", "text": text, "code": "kd"}


def test_waiting_then_a_rejected_phrase_fixed_and_resent(
    qtbot: QtBot, live: Any, proxy: TcpProxy, data_dir: Path, background: Background, english: None
) -> None:
    client = connect_via(proxy.url, "a1", data_dir)
    try:
        client.engine.sync_once()
        proxy.refuse()
        client.enqueue("phrase.save@1", phrase("亲，快递单号是{不存在的变量}"))  # the server refuses it
        client.enqueue("phrase.save@1", phrase("亲，已为您备注"))
        view = open_view(qtbot, client, background)
        assert [r.state for r in view.model.rows] == ["waiting", "waiting"]
        assert "2 changes wait to be sent" in view.summary.text()
        assert not view.fix_button.isEnabled()

        proxy.restore()
        client.engine.sync_once()
        reload(qtbot, view)
        # the rejection did not stall the other change: only the rejected one is left
        rows = view.model.rows
        assert [r.state for r in rows] == ["rejected"]
        # what the agent sees (Chinese is the default language)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        install_translators(app, "zh_CN")
        try:
            shot = open_view(qtbot, client, background)
            shot.table.selectRow(0)
            shot.resize(900, 300)
            save_screenshot(shot, "pending_changes.png")
            # the service's reason is English; the view words it in Chinese by its error code,
            # naming the variable, and keeps the service's own words in the tooltip (and the log)
            zh_reason = shot.model.index(0, 3).data()
            assert zh_reason == "短语中使用了不存在的变量：{不存在的变量}。"
            tip = shot.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
            assert zh_reason in tip and "unknown variable" in tip
        finally:
            install_translators(app, "en")
        reason = view.model.index(0, 3).data()
        assert "不存在的变量" in reason  # the server's reason, naming the unknown variable
        assert view.model.index(0, 2).data() == "Rejected"
        view.table.selectRow(0)
        assert view.fix_button.isEnabled()
        dialog = view.fix_selected()
        assert dialog is not None
        text_box = dialog.editors["text"]
        assert isinstance(text_box, QPlainTextEdit)
        assert text_box.toPlainText() == "亲，快递单号是{不存在的变量}"  # content kept
        text_box.setPlainText("亲，快递单号是{tracking_no}")
        with qtbot.waitSignal(view.loaded, timeout=10_000):
            dialog.accept()
        client.engine.sync_once()
        reload(qtbot, view)
        # the corrected copy arrived; the rejected original stays in the journal, marked resent
        assert [r.state for r in view.model.rows] == ["rejected"]
        assert "resent as a new change" in view.model.index(0, 2).data()
        view.table.selectRow(0)
        assert not view.fix_button.isEnabled() and view.fix_selected() is None
        assert "Everything you wrote is on the server." in view.summary.text()
        from workstation.sync import phrases_view

        with client.db.session() as s:
            texts = [p.text for p in phrases_view(s, client.user.id)]
        assert "亲，快递单号是{tracking_no}" in texts and "亲，已为您备注" in texts
    finally:
        client.close()


def test_rejected_note_fixed_in_the_note_editor(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, english: None
) -> None:
    from central import ops
    from central.models import User

    shop1 = live.seeded["shops"][0]
    order = live.add_order(live.seeded["buyers"][shop1][0], status="paid")
    client_a1.engine.sync_once()
    notes.edit_note(client_a1.engine, order, "red", "买家要求改地址", "address_change", "", 0)
    a1_id = live.seeded["users"]["a1"]
    # meanwhile the agent was moved out of the shop: the service refuses the note
    with live.write() as s:
        ops.set_user_shops(s, s.get(User, a1_id), [])
    client_a1.engine.push()
    with live.write() as s:
        ops.set_user_shops(s, s.get(User, a1_id), [shop1])
    view = open_view(qtbot, client_a1, background)
    assert [r.state for r in view.model.rows] == ["rejected"]
    assert "shop you do not work in" in (view.model.rows[0].error or "")
    view.table.selectRow(0)
    requested: list[tuple[int, int]] = []
    view.fix_note_requested.connect(lambda oid, seq: requested.append((oid, seq)))
    view.fix_selected()
    assert requested == [(order, view.model.rows[0].seq)]

    editor = NoteEditor(client_a1, background, order, "TEST")
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.show()
    rejected = editor.history[0]
    assert rejected.state == "rejected"
    assert "Fix and resend" in editor.history_view.toPlainText()
    editor.fix_rejected(requested[0][1])
    assert editor.text_edit.toPlainText() == "买家要求改地址"  # the content was kept
    assert "shop you do not work in" in editor.error_label.text()
    editor.text_edit.setPlainText("买家要求改地址为杭州市")
    with qtbot.waitSignal(editor.written, timeout=10_000), qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.save()
    client_a1.engine.sync_once()
    with qtbot.waitSignal(editor.loaded, timeout=10_000):
        editor.reload()
    assert editor.view.text == "买家要求改地址为杭州市"
    assert editor.history[0].state == "applied"
    assert "resent as a new change" in editor.history_view.toPlainText()
    reload(qtbot, view)
    assert "resent as a new change" in view.model.index(0, 2).data()
    assert not view.fix_button.isEnabled()


def test_status_bar_count_opens_the_view(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Any, english: None
) -> None:
    from workstation.sync import SyncStatus
    from workstation.views.main_window import MainWindow

    window = MainWindow(client_a1, background, settings)
    qtbot.addWidget(window)
    window.show()
    status = SyncStatus(state="online", pending=3, rejected=1, message="", since=None, last_synced_at=None)
    window.on_sync_status(status)
    assert window.pending_label.isVisible()
    qtbot.mouseClick(window.pending_label, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert window.pending_view is not None and window.pending_view.isVisible()


def test_reason_rejections_say_which_rule(chinese: None) -> None:
    """A change refused for want of a reason says whether the team's rule or an empty "Other"
    refused it, in the screen's language."""
    from workstation.views.pending_view import rejection_text

    team = rejection_text("note.edit", "reason_required", {"reason_code": "none", "required_by": "team"}, "x")
    other = rejection_text("note.edit", "reason_required", {"reason_code": "other"}, "x")
    assert team == "团队现已要求每次修改备注都填写事由：请选择事由后重新发送。"
    assert other != team and "其他" in other
