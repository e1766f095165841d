"""The conversation dock against a real central service (LiveServer on 127.0.0.1) and a real client
core: the thread shows hostile text as plain text, grows live without moving the agent's reading
position, marks what is new; the composer keeps drafts (also across a killed process), keeps an
offline reply as a draft, never sends a retried reply twice, refuses a reply with an unfilled
variable; transfer and close work end to end, by keyboard."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from central import models as cm
from central.testing import TcpProxy
from tests.gui.conftest import connect, save_screenshot
from workstation import drafts
from workstation.background import Background
from workstation.models import Conversation, Message
from workstation.settings import Settings
from workstation.views.conversation_view import load_detail
from workstation.views.main_window import MainWindow
from workstation.views.thread_view import SHOWN_CHARS, WINDOW, ThreadMessage, ThreadView, display_text

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]

HOSTILE = [
    "<b>加粗</b><script>alert('x')</script><img src=x onerror=alert(1)>",
    "链接 https://example.com/a?b=1&c=<i>2</i> 😀👍🏻",
    "控制\x00字符\x07和\x1b[31m颜色\x7f以及\u202e反向文字",
    "长" * 20_000,
    "line1\r\nline2\rline3\ttab",
]


# ----------------------------------------------------------------------------- helpers


def claim(client: Any, conversation_id: int) -> None:
    with client.db.session() as s:
        version = s.scalar(select(Conversation.assignment_version).where(Conversation.id == conversation_id))
    outcome = client.claim(conversation_id, version)
    assert outcome.won


def make_window(
    qtbot: QtBot, client: Any, background: Background, settings: Settings, sync: bool = True
) -> MainWindow:
    window = MainWindow(client, background, settings)
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    with qtbot.waitSignal(window.queue_view.rows_updated, timeout=10_000):
        window.start(sync=sync, poll_interval=5)
    return window


def open_conversation(qtbot: QtBot, window: MainWindow, cid: int) -> None:
    window.open_conversation(cid)
    panel = window.conversation_panel
    qtbot.waitUntil(
        lambda: panel.detail is not None and panel.detail.id == cid and panel.detail.found, timeout=10_000
    )


def server_messages(live: Any, cid: int, text: str) -> int:
    with live.session() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(cm.Message)
                .where(cm.Message.conversation_id == cid, cm.Message.text == text)
            )
            or 0
        )


def style_text(view: ThreadView, row: int, raw: bool = False) -> str:
    """The text the delegate hands to Qt's item painting for ``row`` (without the zero-width spaces
    that let long runs wrap, unless ``raw``)."""
    option = QStyleOptionViewItem()
    option.initFrom(view)
    view.thread_delegate.initStyleOption(option, view.thread_model.index(row))
    text = str(option.text)
    return text if raw else text.replace("\u200b", "")


# ----------------------------------------------------------------------------- thread, no server


def test_hostile_text_is_shown_as_plain_text(qtbot: QtBot, english: None) -> None:
    view = ThreadView()
    qtbot.addWidget(view)
    view.resize(700, 600)
    base = __import__("datetime").datetime(2026, 11, 1, 8, 0)
    messages = [
        ThreadMessage(i + 1, ("buyer", "agent", "system")[i % 3], "买家", display_text(t), base)
        for i, t in enumerate(HOSTILE)
    ]
    view.set_messages(messages)
    view.show()
    qtbot.waitExposed(view)

    html = style_text(view, 0)
    # Shown literally: the tags are text, not markup.
    assert "<b>加粗</b><script>alert('x')</script><img src=x onerror=alert(1)>" in html
    assert "😀👍🏻" in style_text(view, 1)
    # A long link can wrap (zero-width spaces in what is painted), the message keeps it intact.
    assert "\u200b" in style_text(view, 1, raw=True)
    assert "\u200b" not in view.thread_model.message_at(1).text
    controls = style_text(view, 2)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in controls)
    assert "\u202e" not in controls
    assert controls.count("\ufffd") == 5  # NUL, BEL, ESC, DEL, RLO: each visible, none acting
    long_text = style_text(view, 3)
    assert len(long_text) < SHOWN_CHARS + 200
    assert "20000" in long_text and "double-click" in long_text
    assert "line1\u2028line2\u2028line3    tab" in style_text(view, 4)
    # A 20,000-character message is a bounded row, not a 20,000-character wall.
    option = QStyleOptionViewItem()
    option.initFrom(view)
    height = view.thread_delegate.sizeHint(option, view.thread_model.index(3)).height()
    assert 40 < height < 1500
    # Painting every row works (grab paints them) and the whole text is one double-click away.
    assert not view.grab().isNull()
    dialog = view.show_full_text(view.thread_model.index(3))
    assert dialog is not None
    editor = dialog.findChild(__import__("PySide6.QtWidgets", fromlist=["QPlainTextEdit"]).QPlainTextEdit)
    assert editor is not None and len(editor.toPlainText()) == 20_000
    dialog.close()


def test_long_thread_opens_at_the_newest_and_pages_older_in(qtbot: QtBot) -> None:
    view = ThreadView()
    qtbot.addWidget(view)
    view.resize(600, 500)
    base = __import__("datetime").datetime(2026, 11, 1, 8, 0)
    messages = [
        ThreadMessage(i, "buyer" if i % 2 else "agent", "", f"第{i}条消息", base) for i in range(2000)
    ]
    view.show()
    view.set_messages(messages)
    qtbot.waitExposed(view)
    assert view.thread_model.rowCount() == WINDOW
    qtbot.waitUntil(view.at_bottom)
    # Scrolling to the top puts older messages in front without moving what the agent reads.
    view.verticalScrollBar().setValue(0)
    top = view.thread_model.message_at(view.indexAt(QPoint(10, 10)).row()).id
    qtbot.waitUntil(lambda: view.thread_model.rowCount() > WINDOW)
    assert view.thread_model.message_at(view.indexAt(QPoint(10, 10)).row()).id == top
    view.show_all()
    assert view.thread_model.rowCount() == 2000


# ----------------------------------------------------------------------------- live thread


def test_live_messages_append_keep_the_position_and_mark_what_is_new(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, english: None
) -> None:
    shop1 = live.seeded["shops"][0]
    cid = live.seeded["conversations"][shop1][0]
    claim(client_a1, cid)
    for i in range(60):
        live.add_buyer_message(cid, f"第{i}个问题：这款有货吗？" + "详细说明" * (i % 5))
    client_a1.engine.sync_once()
    window = make_window(qtbot, client_a1, background, settings)
    open_conversation(qtbot, window, cid)
    panel = window.conversation_panel
    thread = panel.thread_view
    model = thread.thread_model
    qtbot.waitUntil(lambda: len(model.messages) >= 61, timeout=10_000)
    qtbot.waitUntil(thread.at_bottom)

    # Reading older messages: a new one is appended below, the view stays where it was.
    thread.verticalScrollBar().setValue(thread.verticalScrollBar().maximum() // 3)
    top_before = model.message_at(thread.indexAt(QPoint(10, 10)).row()).id
    count = len(model.messages)
    live.add_buyer_message(cid, "还在吗？急")
    qtbot.waitUntil(lambda: model.messages[-1].text == "还在吗？急", timeout=10_000)
    assert len(model.messages) == count + 1
    assert model.message_at(thread.indexAt(QPoint(10, 10)).row()).id == top_before
    assert not thread.at_bottom()
    # ... and the marker says where the new messages start.
    assert model.first_unread == count
    assert style_text(thread, count - model.offset).startswith("—— New messages below ——")
    assert "还在吗？急" in thread.toPlainText()

    # At the newest message, the view follows new ones.
    thread.scrollToBottom()
    qtbot.waitUntil(thread.at_bottom)
    live.add_buyer_message(cid, "在吗在吗")
    qtbot.waitUntil(lambda: model.messages[-1].text == "在吗在吗", timeout=10_000)
    qtbot.waitUntil(thread.at_bottom)


def test_unread_marker_at_the_first_message_since_last_viewed(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, english: None
) -> None:
    shop1 = live.seeded["shops"][0]
    cid, other = live.seeded["conversations"][shop1][:2]
    claim(client_a1, cid)
    window = make_window(qtbot, client_a1, background, settings, sync=False)
    open_conversation(qtbot, window, cid)
    panel = window.conversation_panel
    last = panel.thread_view.thread_model.last_id
    # Seen to the end: remembered in the local database.
    qtbot.waitUntil(lambda: drafts.last_seen(client_a1.db, cid) == last, timeout=10_000)
    open_conversation(qtbot, window, other)

    first_new = live.add_buyer_message(cid, "我又来了")
    live.add_buyer_message(cid, "第二条新消息")
    client_a1.engine.sync_once()
    open_conversation(qtbot, window, cid)
    model = panel.thread_view.thread_model
    assert model.first_unread >= 0
    assert model.messages[model.first_unread].id == first_new
    assert style_text(panel.thread_view, model.first_unread - model.offset).startswith(
        "—— New messages below"
    )


# ----------------------------------------------------------------------------- composer


def test_offline_reply_stays_a_draft_and_a_lost_answer_is_not_sent_twice(
    qtbot: QtBot, live: Any, data_dir: Path, background: Background, settings: Settings, english: None
) -> None:
    from tests.client.conftest import refuse
    from workstation.client import Client

    proxy = TcpProxy(live.url)
    client = Client.connect(proxy.url, "a1", "pw-a1", data_dir=data_dir / "a1", device_name="test")
    try:
        client.engine.sync_once()
        shop1 = live.seeded["shops"][0]
        cid = live.seeded["conversations"][shop1][0]
        claim(client, cid)
        window = make_window(qtbot, client, background, settings, sync=False)
        open_conversation(qtbot, window, cid)
        composer = window.conversation_panel.composer
        editor = composer.editor
        qtbot.waitUntil(lambda: composer.send_button.isEnabled() or editor.toPlainText() == "", timeout=5000)
        editor.setFocus()
        editor.insertPlainText("亲，已经为您备注加急")
        qtbot.keyClicks(editor, " OK")
        text = "亲，已经为您备注加急 OK"

        # Offline: Enter keeps the reply, in the editor and as a draft, and says so.
        refuse(proxy)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: composer.status.text() == "Offline, saved as a draft", timeout=10_000)
        assert editor.toPlainText() == text
        state = drafts.load(client.db, cid)
        assert state.text == text and state.pending_msg_id is not None
        assert server_messages(live, cid, text) == 0

        # Back online, but the answer to the send is lost: the server has it, the agent does not
        # know; the reply stays a draft with the same id ...
        proxy.restore()
        proxy.drop_responses(1)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: composer.status.text() == "Offline, saved as a draft", timeout=10_000)
        assert server_messages(live, cid, text) == 1
        assert drafts.load(client.db, cid).pending_msg_id == state.pending_msg_id

        # ... and the retry is answered with the same message: the buyer gets it once.
        with qtbot.waitSignal(composer.sent, timeout=10_000):
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        assert server_messages(live, cid, text) == 1
        assert editor.toPlainText() == ""
        assert composer.status.text() == "Sent"
        assert drafts.load(client.db, cid).text == ""
        thread = window.conversation_panel.thread_view
        qtbot.waitUntil(lambda: thread.thread_model.messages[-1].text == text, timeout=10_000)
        assert thread.thread_model.messages[-1].sender == "agent"
    finally:
        client.close()
        proxy.close()


def test_enter_modes_and_new_lines(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, english: None
) -> None:
    shop1 = live.seeded["shops"][0]
    cid = live.seeded["conversations"][shop1][0]
    claim(client_a1, cid)
    window = make_window(qtbot, client_a1, background, settings, sync=False)
    open_conversation(qtbot, window, cid)
    composer = window.conversation_panel.composer
    editor = composer.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "line one")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor, "line three")
    assert editor.toPlainText() == "line one\n\nline three"
    # The other mode: Enter is a new line, Ctrl+Enter sends.
    window.conversation_panel.set_send_key("ctrl_enter")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "line one\n\nline three\n"
    with qtbot.waitSignal(composer.sent, timeout=10_000):
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert server_messages(live, cid, "line one\n\nline three\n") == 1


def test_send_blocked_while_a_variable_is_unfilled(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, english: None
) -> None:
    shop1 = live.seeded["shops"][0]
    cid = live.seeded["conversations"][shop1][0]
    claim(client_a1, cid)
    window = make_window(qtbot, client_a1, background, settings, sync=False)
    open_conversation(qtbot, window, cid)
    composer = window.conversation_panel.composer
    assert composer.assist is not None
    composer.editor.setFocus()
    composer.editor.insertPlainText("亲，您的订单{订单号}已发货")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    assert composer.status.text() == "Fill in 订单号 before sending"
    assert not composer.send_button.isEnabled()
    assert composer.editor.toPlainText() == "亲，您的订单{订单号}已发货"
    time.sleep(0.3)
    assert server_messages(live, cid, "亲，您的订单{订单号}已发货") == 0


def test_only_the_assignee_can_reply_and_offline_disables_actions(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, english: None
) -> None:
    from workstation.sync import SyncStatus

    shop1 = live.seeded["shops"][0]
    cid = live.seeded["conversations"][shop1][0]
    window = make_window(qtbot, client_a1, background, settings, sync=False)
    open_conversation(qtbot, window, cid)
    panel = window.conversation_panel
    assert panel.composer.status.text() == "Claim this conversation first to reply (Ctrl+J)"
    assert not panel.transfer_action.isEnabled()
    claim(client_a1, cid)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.transfer_action.isEnabled(), timeout=10_000)
    window.on_sync_status(SyncStatus(state="offline"))
    for action in (panel.transfer_action, panel.close_action, panel.escalate_action):
        assert not action.isEnabled()
        assert action.toolTip() == "Offline: this needs a connection to the server"
    panel.composer.editor.insertPlainText("稍等")
    assert not panel.composer.send_button.isEnabled()
    assert panel.composer.send_button.toolTip() == "Offline, saved as a draft"
    qtbot.keyClick(panel.composer.editor, Qt.Key.Key_Return)
    assert panel.composer.status.text() == "Offline, saved as a draft"
    assert drafts.load(client_a1.db, cid).text == "稍等"
    # Back online: sending is possible again, actions too.
    window.on_sync_status(SyncStatus(state="online"))
    assert panel.composer.send_button.isEnabled()
    assert panel.composer.status.text() == ""
    assert panel.transfer_action.isEnabled()


# ----------------------------------------------------------------------------- drafts and a crash


CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from PySide6.QtTest import QTest
    from workstation.background import Background
    from workstation.client import Client
    from workstation.settings import Settings
    from workstation.views.main_window import MainWindow

    url, data_dir, cid = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    app = QApplication([])
    client = Client.connect(url, "a1", "pw-a1", data_dir=data_dir, device_name="child")
    client.engine.sync_once()
    background = Background()
    window = MainWindow(client, background, Settings.open(data_dir / "settings.ini"))
    window.show()
    window.start(sync=False)
    window.open_conversation(cid)
    panel = window.conversation_panel
    deadline = time.monotonic() + 20
    while (panel.detail is None or not panel.detail.found) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    editor = panel.composer.editor
    editor.setFocus()
    editor.insertPlainText("亲，这条回复还没发出")
    QTest.keyClicks(editor, " draft")
    # The draft is written 300 ms after the last keystroke; nothing else saves it.
    end = time.monotonic() + 1.5
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    print("TYPED", flush=True)
    while True:
        app.processEvents()
        time.sleep(0.01)
""")


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_draft_survives_killing_the_app_and_comes_back(
    qtbot: QtBot, live: Any, data_dir: Path, background: Background, settings: Settings, english: None
) -> None:
    shop1 = live.seeded["shops"][0]
    cid = live.seeded["conversations"][shop1][0]
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONUNBUFFERED="1",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, live.url, str(data_dir / "a1"), str(cid)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout or []), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while not any("TYPED" in line for line in lines):
            assert proc.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(0.05)
        proc.kill()  # no closeEvent, no flush: only what was already committed survives
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    assert "Traceback" not in "".join(lines), "".join(lines)

    # The app starts again: the conversation opens with the draft in the composer.
    client = connect(live, "a1", data_dir)
    try:
        assert drafts.load(client.db, cid).text == "亲，这条回复还没发出 draft"
        window = make_window(qtbot, client, background, settings, sync=False)
        open_conversation(qtbot, window, cid)
        assert window.conversation_panel.composer.editor.toPlainText() == "亲，这条回复还没发出 draft"
    finally:
        client.close()


def test_draft_follows_the_conversation(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, english: None
) -> None:
    shop1 = live.seeded["shops"][0]
    first, second = live.seeded["conversations"][shop1][:2]
    window = make_window(qtbot, client_a1, background, settings, sync=False)
    open_conversation(qtbot, window, first)
    composer = window.conversation_panel.composer
    composer.editor.insertPlainText("给第一个买家的草稿")
    open_conversation(qtbot, window, second)  # switching saves at once
    assert drafts.load(client_a1.db, first).text == "给第一个买家的草稿"
    assert composer.editor.toPlainText() == ""
    open_conversation(qtbot, window, first)
    assert composer.editor.toPlainText() == "给第一个买家的草稿"


# ----------------------------------------------------------------------------- actions


def test_transfer_with_a_note_reaches_the_colleague(
    qtbot: QtBot,
    live: Any,
    client_a1: Any,
    data_dir: Path,
    background: Background,
    settings: Settings,
    english: None,
) -> None:
    shop1 = live.seeded["shops"][0]
    cid = live.seeded["conversations"][shop1][0]
    claim(client_a1, cid)
    window = make_window(qtbot, client_a1, background, settings, sync=False)
    open_conversation(qtbot, window, cid)
    panel = window.conversation_panel
    qtbot.waitUntil(lambda: panel.transfer_action.isEnabled(), timeout=5000)
    panel.transfer_dialog = None
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: panel.transfer_dialog is not None and panel.transfer_dialog.isVisible(), timeout=5000
    )
    dialog = panel.transfer_dialog
    assert dialog is not None
    names = [dialog.colleague_list.item(i).text() for i in range(dialog.colleague_list.count())]
    assert any("a2" in n for n in names) and not any("(a1)" in n for n in names)
    assert not any("b1" in n for n in names)  # another shop's agent
    dialog.colleague_list.setCurrentRow(next(i for i, n in enumerate(names) if "(a2)" in n))
    dialog.note.setFocus()
    dialog.note.insertPlainText("买家要退款，请售后处理")
    with qtbot.waitSignal(
        panel.message, timeout=10_000, check_params_cb=lambda text: text.startswith("Transferred to")
    ):
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: panel.detail is not None and panel.detail.assignee_staff_id == "a2", timeout=10_000
    )
    assert "买家要退款，请售后处理" in panel.thread_view.toPlainText()
    assert not panel.composer.send_button.isEnabled()

    # The receiver sees the conversation and why, after a sync.
    a2 = connect(live, "a2", data_dir)
    try:
        a2.engine.sync_once()
        detail = load_detail(a2.db, cid)
        assert detail.assignee_id == live.seeded["users"]["a2"]
        assert any(m.sender == "system" and "买家要退款，请售后处理" in m.text for m in detail.messages)
    finally:
        a2.close()


def test_close_with_a_category_by_keyboard(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, english: None
) -> None:
    shop1 = live.seeded["shops"][0]
    cid = live.seeded["conversations"][shop1][1]
    claim(client_a1, cid)
    window = make_window(qtbot, client_a1, background, settings, sync=False)
    open_conversation(qtbot, window, cid)
    panel = window.conversation_panel
    qtbot.waitUntil(lambda: panel.close_action.isEnabled(), timeout=5000)
    panel.close_dialog = None  # type: ignore[assignment]
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(panel, "close_dialog", None) is not None, timeout=5000)
    dialog = panel.close_dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.category_list, Qt.Key.Key_3)  # 3 = shipping
    assert dialog.category() == "shipping"
    with qtbot.waitSignal(
        panel.message, timeout=10_000, check_params_cb=lambda text: text.startswith("Conversation closed")
    ):
        qtbot.keyClick(dialog.category_list, Qt.Key.Key_Return)
    with live.session() as s:
        conv = s.get(cm.Conversation, cid)
        assert conv is not None and conv.status == "closed" and conv.close_category == "shipping"
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.status == "closed", timeout=10_000)
    assert "结束了会话（物流）" in panel.thread_view.toPlainText()
    assert not panel.close_action.isEnabled()
    assert panel.composer.status.text() == "This conversation is closed"


def test_escalate_records_a_system_message(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, english: None
) -> None:
    shop1 = live.seeded["shops"][0]
    cid = live.seeded["conversations"][shop1][2]
    claim(client_a1, cid)
    window = make_window(qtbot, client_a1, background, settings, sync=False)
    open_conversation(qtbot, window, cid)
    panel = window.conversation_panel
    qtbot.waitUntil(lambda: panel.escalate_action.isEnabled(), timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(panel, "escalate_dialog", None) is not None, timeout=5000)
    dialog = panel.escalate_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    assert dialog.note.hasFocus()
    qtbot.keyClicks(dialog.note, "VIP ")
    dialog.note.insertPlainText("买家情绪激动，要求赔偿")
    with qtbot.waitSignal(
        panel.message, timeout=10_000, check_params_cb=lambda text: text == "Escalated to a supervisor"
    ):
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "买家情绪激动，要求赔偿" in panel.thread_view.toPlainText(), timeout=10_000)
    assert panel.detail is not None and panel.detail.escalated_at is not None
    assert "Escalated to a supervisor" in panel.subheader.text()


# ----------------------------------------------------------------------------- screenshots


def add_personal(client: Any, code: str, text: str, position: int) -> str:
    pid = str(uuid.uuid4())
    client.enqueue(
        "phrase.save@1",
        {
            "id": pid,
            "scope": "personal",
            "group_name": "常用",
            "code": code,
            "text": text,
            "position": position,
        },
    )
    return pid


def test_screenshots(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, chinese: None
) -> None:
    from workstation.app import load_style

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    load_style(app)
    try:
        take_screenshots(qtbot, live, client_a1, background, settings)
    finally:
        app.setStyleSheet("")  # the style sheet must not change the sizes other tests see


def take_screenshots(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings
) -> None:
    shop1 = live.seeded["shops"][0]
    cid = live.seeded["conversations"][shop1][1]
    for i, (code, text) in enumerate(
        [
            ("kd", "亲，快递正在路上，物流一般三天左右到哦"),
            ("cx", "亲，我这边帮您查一下物流，请稍等"),
            ("fh", "亲，我们48小时内发货，请耐心等待"),
            ("xxgz", "谢谢关注本店，{买家昵称}，有需要随时找我哦"),
        ]
    ):
        add_personal(client_a1, code, text, i)
    client_a1.engine.sync_once()
    claim(client_a1, cid)
    client_a1.send_reply(cid, "亲，您好，我是客服a1，很高兴为您服务。请问是哪个订单呢？", uuid.uuid4().hex)
    live.add_buyer_message(cid, "就是上周买的那个沙发，<b>订单号</b> 请看截图 https://example.com/x?a=1&b=2")
    live.add_buyer_message(cid, "控制字符\x07也照原样显示 😀")
    live.add_buyer_message(cid, "我的快递到哪了？物流好几天没更新了")
    client_a1.engine.sync_once()
    with client_a1.db.session() as s:
        ids = sorted(s.scalars(select(Message.id).where(Message.conversation_id == cid)))
    drafts.mark_seen(client_a1.db, cid, ids[-4])  # the agent read up to their own reply
    window = make_window(qtbot, client_a1, background, settings, sync=False)
    open_conversation(qtbot, window, cid)
    panel = window.conversation_panel
    qtbot.waitUntil(lambda: panel.thread_view.thread_model.first_unread >= 0, timeout=10_000)
    window.conversation_dock.setFloating(True)
    window.conversation_dock.resize(720, 760)
    qtbot.wait(200)
    assert save_screenshot(panel, "conversation_thread.png")

    composer = panel.composer
    assert composer.assist is not None
    qtbot.waitUntil(lambda: len(composer.assist.suggestion_ids()) > 0, timeout=10_000)
    composer.editor.setFocus()
    composer.editor.insertPlainText("亲，")
    qtbot.wait(400)
    assert save_screenshot(composer, "conversation_composer_suggestions.png")


def test_send_key_setting_applies_to_the_composer(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, english: None
) -> None:
    from workstation.settings import Options

    window = make_window(qtbot, client_a1, background, settings, sync=False)
    editor = window.conversation_panel.composer.editor
    assert editor.send_key == "enter"
    dialog = window.edit_settings()
    combo = dialog.send_key
    combo.setCurrentIndex(combo.findData("ctrl_enter"))
    dialog.accept()
    assert settings.get(Options.SEND_KEY) == "ctrl_enter"
    assert editor.send_key == "ctrl_enter"
    # A new window (the next start) reads it from the settings.
    window.close()
    again = make_window(qtbot, client_a1, background, settings, sync=False)
    assert again.conversation_panel.composer.editor.send_key == "ctrl_enter"
