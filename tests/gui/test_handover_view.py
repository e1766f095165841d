"""Shift handover, driven as the agents would against a real service on 127.0.0.1: a supervisor
sets up the shop's shifts in the Shifts tab; at the end of the early shift an agent gets the
proposed items (their unclosed conversation), edits them, adds one and publishes; a colleague of
the next shift sees it, marks an item done and acknowledges; the author sees who read it and
when; the open item is proposed again (carried over) in the reader's own handover; the banner
offers the handover during the first hours of the shift it is addressed to. Saves
``docs/screenshots/handover_read.png``."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTime
from pytestqt.qtbot import QtBot

from tests.gui.conftest import connect, save_screenshot
from workstation.background import Background
from workstation.i18n import install_translators
from workstation.timeutil import utcnow
from workstation.views.handover_view import HandoverBanner, HandoverWindow

pytestmark = pytest.mark.gui



def open_window(qtbot: QtBot, client: Any, background: Background) -> HandoverWindow:
    window = HandoverWindow(client, background)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignals([window.loaded] * 3, timeout=10_000):
        window.load_all()
    return window


def add_shift(qtbot: QtBot, window: HandoverWindow, name: str, code: str, start: int, end: int) -> None:
    window.new_shift_button.click()
    window.shift_name.setText(name)
    window.shift_code.setText(code)
    window.shift_start.setTime(QTime(start % 24, 0))
    window.shift_end.setTime(QTime(end % 24, 0))
    with qtbot.waitSignal(window.written, timeout=10_000):
        window.save_shift_button.click()


def test_propose_edit_publish_read_acknowledge_and_carry_over(
    qtbot: QtBot, live: Any, data_dir: Path, background: Background, settings: Any, english: None
) -> None:
    shop1 = live.seeded["shops"][0]
    conv = live.seeded["conversations"][shop1][0]
    live.claim_as("a1", conv)  # a1 has an unclosed conversation at the end of the shift
    now_local = datetime.now().astimezone()
    early = now_local.hour - 1  # the shift running now started an hour ago
    clients = {sid: connect(live, sid, data_dir) for sid in ("s1", "a1", "a2", "a3")}
    try:
        for c in clients.values():
            c.engine.sync_once()
        # --- the supervisor sets up the shifts
        sup = open_window(qtbot, clients["s1"], background)
        assert sup.tabs.count() == 4  # the Shifts tab is the supervisors'
        sup.tabs.setCurrentWidget(sup.shifts_tab)
        sup.shift_shop.setCurrentIndex(sup.shift_shop.findData(shop1))
        add_shift(qtbot, sup, "早班", "early", early, early + 8)
        add_shift(qtbot, sup, "中班", "late", early + 8, early + 16)
        add_shift(qtbot, sup, "夜班", "night", early + 16, early + 24)
        assert sup.shift_list.count() == 3
        # a duplicate code is refused before anything is written
        sup.new_shift_button.click()
        sup.shift_name.setText("早班2")
        sup.shift_code.setText("early")
        sup.save_shift_button.click()  # checked by the core, on a worker
        qtbot.waitUntil(lambda: "already has a shift with the code early" in sup.shift_error.text())
        clients["s1"].engine.sync_once()
        assert clients["s1"].engine.pending_count() == 0 and clients["s1"].engine.rejected_count() == 0

        # --- a1 hands over at the end of the early shift
        for sid in ("a1", "a2", "a3"):
            clients[sid].engine.sync_once()
        author = open_window(qtbot, clients["a1"], background)
        assert author.tabs.count() == 3  # no Shifts tab for an agent
        assert author.from_combo.currentData() == "early"
        assert author.to_combo.currentData() == "late"
        proposed = [(i.kind, i.conversation_id) for i in author.items]
        assert ("callback", conv) in proposed
        row = next(n for n, i in enumerate(author.items) if i.conversation_id == conv)
        author.item_table.setCurrentCell(row, 1)
        author.item_text.setPlainText("答应买家明早回电确认沙发颜色")
        assert author.items[row].text == "答应买家明早回电确认沙发颜色"
        assert "Conversation" in author.link_label.text()
        author.add_item()
        author.kind_combo.setCurrentIndex(author.kind_combo.findData("other"))
        author.item_text.setPlainText("仓库说明天补发赠品")
        author.due_check.setChecked(True)
        # reopening the window keeps what is being written (only incoming and sent are re-read)
        with qtbot.waitSignals([author.loaded] * 2, timeout=10_000):
            author.load_all()
        assert [i.text for i in author.items][-1] == "仓库说明天补发赠品"
        assert author.items[row].text == "答应买家明早回电确认沙发颜色"
        # an empty item is refused with a clear message, nothing written
        author.add_item()
        author.publish()
        assert "has no text" in author.compose_error.text()
        author.remove_item()
        author.summary_edit.setPlainText("今天大促，售后较多")
        with qtbot.waitSignal(author.written, timeout=10_000):
            author.publish()
        clients["a1"].engine.sync_once()
        assert clients["a1"].engine.pending_count() == 0 and clients["a1"].engine.rejected_count() == 0

        # --- a2 (next shift) reads it, marks the call-back done and acknowledges
        clients["a2"].engine.sync_once()
        reader = open_window(qtbot, clients["a2"], background)
        reader.tabs.setCurrentIndex(1)
        assert reader.incoming_list.count() == 1
        assert "客服a1(a1)" in reader.incoming_list.item(0).text()
        assert "unread" in reader.incoming_list.item(0).text()
        view = reader.incoming[0]
        assert view.summary == "今天大促，售后较多"
        texts = [i.text for i in view.items]
        assert "答应买家明早回电确认沙发颜色" in texts and "仓库说明天补发赠品" in texts
        callback_row = texts.index("答应买家明早回电确认沙发颜色")
        reader.incoming_items.setCurrentCell(callback_row, 1)
        opened: list[int] = []
        reader.conversation_opened.connect(opened.append)
        reader.open_incoming_button.click()
        assert opened == [conv]  # the link opens the conversation
        with qtbot.waitSignal(reader.loaded, timeout=10_000):
            reader.done_button.click()
        with qtbot.waitSignal(reader.loaded, timeout=10_000):
            reader.ack_button.click()
        assert "pending sync" in reader.incoming_readers.text()
        clients["a2"].engine.sync_once()
        with qtbot.waitSignal(reader.loaded, timeout=10_000):
            reader.load_incoming()
        assert not reader.ack_button.isEnabled()
        assert "Read by: 客服a2(a2)" in reader.incoming_readers.text()
        cell = reader.incoming_items.item(callback_row, 0)
        assert cell is not None and "done 客服a2(a2)" in cell.text()

        # the open item carries over into a2's own handover
        with qtbot.waitSignal(reader.loaded, timeout=10_000):
            reader.load_compose()
        carried = [i for i in reader.items if i.carried_from]
        assert [i.text for i in carried] == ["仓库说明天补发赠品"]

        # --- the author sees who read it and when
        clients["a1"].engine.sync_once()
        with qtbot.waitSignal(author.loaded, timeout=10_000):
            author.load_sent()
        assert "Read by: 客服a2(a2)" in author.sent_detail.text()
        assert "read by 1" in author.sent_list.item(0).text()
        # supervisors see it too
        clients["s1"].engine.sync_once()
        with qtbot.waitSignal(sup.loaded, timeout=10_000):
            sup.load_sent()
        assert "Read by: 客服a2(a2)" in sup.sent_detail.text()

        # --- the banner: offered to a3 in the first hours of the late shift, not during early
        clients["a3"].engine.sync_once()
        banner = HandoverBanner(clients["a3"], background)
        qtbot.addWidget(banner)
        with qtbot.waitSignal(background.busy_changed, timeout=10_000):
            banner.check()
        qtbot.waitUntil(lambda: background.running == 0, timeout=10_000)
        assert banner.handover_id is None
        late_start = now_local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=7, minutes=30)
        banner.check(now=utcnow() + (late_start - now_local))
        qtbot.waitUntil(lambda: banner.handover_id is not None, timeout=10_000)
        assert "客服a1(a1) left a handover for your shift" in banner.label.text()

        # --- screenshot of the handover being read, in Chinese
        install_translators(
            __import__("PySide6.QtWidgets", fromlist=["QApplication"]).QApplication.instance(), "zh_CN"
        )
        try:
            shot = open_window(qtbot, clients["a2"], background)
            shot.tabs.setCurrentIndex(1)
            shot.resize(1000, 560)
            save_screenshot(shot, "handover_read.png")
            # the main window's calm banner for a3 in the first hours of the late shift
            from workstation.views.main_window import MainWindow

            window = MainWindow(clients["a3"], background, settings)
            qtbot.addWidget(window)
            window.resize(1360, 500)
            window.show()
            window.handover_banner.check(now=utcnow() + (late_start - now_local))
            qtbot.waitUntil(window.handover_banner.isVisible, timeout=10_000)
            save_screenshot(window, "handover_banner.png")
            window.handover_banner.open_button.click()
            assert window.handover_window is not None and window.handover_window.isVisible()
            assert window.handover_window.tabs.currentIndex() == 1  # the incoming handovers
            assert not window.handover_banner.isVisible()
        finally:
            install_translators(
                __import__("PySide6.QtWidgets", fromlist=["QApplication"]).QApplication.instance(), "en"
            )
    finally:
        for c in clients.values():
            c.close()
