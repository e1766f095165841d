"""End to end: the real demo service as a child process (``python -m central.cli demo``) and the
real app flow (``workstation --demo``) up to the main window, logged in, in Simplified Chinese.

Also saves a screenshot to ``artifacts/screenshots/main_window_zh.png``; with
``WORKSTATION_UPDATE_SCREENSHOTS=1`` it also refreshes the README's copy in ``docs/screenshots/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui.conftest import save_screenshot
from workstation.app import App, load_style, parse_args
from workstation.settings import Settings

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def test_demo_window_fills_and_updates_live(qtbot: QtBot, qapp: QApplication, data_dir: Path,
                                            settings: Settings, chinese: None) -> None:
    # Many buyer events per minute so that live traffic shows within seconds.
    app = App(parse_args(["--demo", "--traffic-rate", "240"]), settings, data_dir)
    load_style(qapp)  # as main() does: the screenshot shows the real look
    try:
        with qtbot.waitSignal(app.window_shown, timeout=120_000) as shown:
            app.start()
        window: Any = shown.args[0]
        assert app.demo is not None and app.demo.running()
        assert window.client.user.staff_id == "kf001"
        view = window.queue_view
        qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=60_000)
        shops = {view.rows.shop_id[p] for p in view.model.visible}
        assert len(shops) > 1, "the demo queue shows conversations from several shops"

        # Live: the service keeps simulating buyers; new or changed rows arrive without a reload.
        before = {cid: view.rows.last_message_at[pos] for cid, pos in view.rows.position.items()}
        def changed() -> bool:
            for cid, pos in view.rows.position.items():
                if before.get(cid) != view.rows.last_message_at[pos]:
                    return True
            return False
        qtbot.waitUntil(changed, timeout=60_000)

        # Chinese on screen: the status bar says online, the headers are translated.
        qtbot.waitUntil(lambda: window.connection_label.text() in ("已连接", "同步中"), timeout=30_000)
        assert view.model.headerData(0, Qt.Orientation.Horizontal) == "等待"

        # The agent claims a waiting conversation with the keyboard; it opens, as theirs. The
        # simulated colleagues claim too (the oldest first, after 45 s), so a claim can be lost
        # to them: that is an outcome the queue reports, and the agent tries the next one.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        view.table.setFocus()
        won = False
        for _attempt in range(5):
            groups = set(window.client.user.groups)  # an agent claims in their own skill groups
            waiting = [r for r, pos in enumerate(view.model.visible)
                       if view.rows.status[pos] == "waiting" and view.rows.group[pos] in groups]
            assert waiting
            view.table.selectRow(waiting[-1])  # the newest waiting one
            target = view.current_conversation_id()
            with qtbot.waitSignal(view.claim_finished, timeout=20_000) as claimed:
                qtbot.keyClick(view.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
            assert claimed.args[0] == target
            if claimed.args[1]:
                won = True
                break
            assert "已被" in window.statusBar().currentMessage()  # lost: told who has it
        assert won, "five claims in a row were lost to simulated colleagues"
        qtbot.waitUntil(lambda: window.conversation_panel.detail is not None
                        and window.conversation_panel.detail.id == target
                        and window.conversation_panel.detail.assignee_name == "小美", timeout=20_000)
        assert "已接入" in window.statusBar().currentMessage()
        # The customer panel (which replaced the buyer card) shows that buyer.
        nickname = window.conversation_panel.detail.buyer_nickname
        assert nickname
        qtbot.waitUntil(lambda: window.customer_panel.title.text() == nickname, timeout=10_000)
        qtbot.wait(300)  # let the layout settle before the picture is taken
        assert save_screenshot(window, "main_window_zh.png")
        demo = app.demo
    finally:
        app.shutdown()
        qapp.setStyleSheet("")
    # The child service is stopped with the app.
    assert demo is not None and not demo.running()
