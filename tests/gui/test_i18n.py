"""Every visible text of the main window and the login dialog is translated in zh_CN: the test
walks the widgets (texts, window titles, menus and their actions, column headers, tool tips,
placeholders, combo items) and fails when an English source string shows untranslated."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from workstation.background import Background
from workstation.i18n import install_translators, normalize_language, resources_dir
from workstation.settings import Options, Settings
from workstation.views.login_dialog import LoginDialog
from workstation.views.main_window import MainWindow

pytestmark = pytest.mark.gui


def english_sources() -> list[re.Pattern[str]]:
    """A pattern per source string whose Chinese translation differs from it ({x} = anything)."""
    tree = ET.parse(resources_dir() / "workstation_zh_CN.ts")
    patterns = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        if not source or translation == source:
            continue
        plain = source.replace("&", "")
        parts = re.split(r"\{[a-z_]+\}", plain)
        patterns.append(re.compile("^" + ".*".join(re.escape(p) for p in parts) + "$", re.S))
    return patterns


def menu_texts(menu: QMenu) -> Iterator[str]:
    yield menu.title()
    for action in menu.actions():
        yield action.text()
        yield action.toolTip()
        if action.menu() is not None:
            yield from menu_texts(action.menu())  # type: ignore[arg-type]


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    yield "title", root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        name = widget.objectName() or type(widget).__name__
        yield f"{name}.toolTip", widget.toolTip()
        if isinstance(widget, QLabel | QAbstractButton):
            yield f"{name}.text", widget.text()
        elif isinstance(widget, QLineEdit):
            yield f"{name}.placeholder", widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{name}.item{i}", widget.itemText(i)
        elif isinstance(widget, QDockWidget):
            yield f"{name}.title", widget.windowTitle()
        elif isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            for col in range(model.columnCount()):
                yield f"{name}.header{col}", str(model.headerData(col, Qt.Orientation.Horizontal))
    for action in root.actions():
        yield "action", action.text()
        yield "action.toolTip", action.toolTip()


def untranslated(texts: Iterator[tuple[str, str]]) -> list[str]:
    patterns = english_sources()
    bad = []
    for where, text in texts:
        text = re.sub(r"\(&\w\)", "", text or "").replace("&", "").strip()
        if text and any(p.match(text) for p in patterns):
            bad.append(f"{where}: {text!r}")
    return bad


def test_main_window_is_fully_chinese(qtbot: QtBot, live: Any, client_a1: Any, background: Background,
                                      settings: Settings, chinese: None) -> None:
    window = MainWindow(client_a1, background, settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.queue_view.rows_updated, timeout=10_000):
        window.start(sync=False)
    window.queue_view.select_conversation(window.queue_view.model.conversation_id(0))  # type: ignore[arg-type]
    window.queue_view.open_current()
    qtbot.waitUntil(lambda: window.conversation_panel.detail is not None, timeout=10_000)
    texts = list(visible_texts(window))
    for menu_action in window.menuBar().actions():
        texts += [("menu", t) for t in menu_texts(menu_action.menu())]  # type: ignore[arg-type]
    for row in range(window.queue_view.model.rowCount()):
        for col in range(window.queue_view.model.columnCount()):
            texts.append(("cell", str(window.queue_view.model.index(row, col).data() or "")))
    # the connection states and the status bar's pending count
    from workstation.sync import SyncStatus

    for state in ("online", "syncing", "offline", "needs_login", "app_too_old"):
        window.on_sync_status(SyncStatus(state=state, pending=3, rejected=1))
        texts += [("connection", window.connection_label.text()), ("pending", window.pending_label.text()),
                  ("claim", window.queue_view.claim_action.toolTip())]
    assert untranslated(iter(texts)) == []
    # and the checker is not blind: the English catalogue shows the sources, which it catches
    install_translators(__import__("PySide6.QtWidgets").QtWidgets.QApplication.instance(), "en")
    assert untranslated(iter([("x", window.queue_view.model.headerData(1, Qt.Orientation.Horizontal))]))


def test_dialogs_are_fully_chinese(qtbot: QtBot, background: Background, settings: Settings,
                                   chinese: None) -> None:
    from workstation.views.settings_dialog import SettingsDialog

    dialog = LoginDialog(background, server_url="http://127.0.0.1:1", staff_id="kf001")
    qtbot.addWidget(dialog)
    dialog.show()
    assert untranslated(visible_texts(dialog)) == []
    assert dialog.windowTitle() == "登录客服工作台"
    thresholds = SettingsDialog(settings)
    qtbot.addWidget(thresholds)
    thresholds.show()
    assert untranslated(visible_texts(thresholds)) == []
    assert thresholds.spins["presale"][0].suffix() == " 秒"


def test_language_choice_is_stored_and_applies_at_restart(qtbot: QtBot, live: Any, client_a1: Any,
                                                          background: Background, settings: Settings,
                                                          chinese: None) -> None:
    assert settings.get(Options.LANGUAGE) == "system"
    window = MainWindow(client_a1, background, settings)
    qtbot.addWidget(window)
    window.language_actions["en"].trigger()
    assert settings.get(Options.LANGUAGE) == "en"
    assert "重启" in window.statusBar().currentMessage()
    assert normalize_language("zh-CN") == "zh_CN" and normalize_language("en_US") == "en"
    assert normalize_language(None) == "zh_CN"
    # "system" follows the desktop: English as English, Chinese and anything else as Chinese
    from workstation.i18n import resolve_language

    for system, expected in (("en_US", "en"), ("en_GB", "en"), ("zh_TW", "zh_CN"), ("de_DE", "zh_CN")):
        assert resolve_language("system", system=system) == expected
    assert resolve_language("en", system="zh_CN") == "en"  # an explicit choice wins


def test_every_screen_opened_from_the_window_is_fully_chinese(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, chinese: None
) -> None:
    """The dialogs and windows the menus open: settings (every tab), the F1 sheet, the quick-phrase
    manager, the order-note editor, the handover window and the pending-changes view."""
    from PySide6.QtWidgets import QTabWidget

    shop = live.seeded["shops"][0]
    order_id = live.add_order(live.seeded["buyers"][shop][0])
    window = MainWindow(client_a1, background, settings)
    qtbot.addWidget(window)
    window.show()
    client_a1.engine.sync_once()
    texts: list[tuple[str, str]] = []

    def walk(widget: QWidget) -> None:
        widget.show()
        qtbot.wait(50)
        tabs = widget.findChildren(QTabWidget)
        for tab_widget in tabs:
            for i in range(tab_widget.count()):
                tab_widget.setCurrentIndex(i)
                texts.append((f"{widget.objectName()}.tab{i}", tab_widget.tabText(i)))
                texts.extend(visible_texts(widget))
        if not tabs:
            texts.extend(visible_texts(widget))

    for opened in (
        window.edit_settings(),
        window.show_shortcuts(),
        window.open_phrase_manager(),
        window.open_note_editor(order_id),
        window.open_handover(),
        window.open_pending_view(),
    ):
        qtbot.addWidget(opened)
        walk(opened)
        opened.close()
    assert len(texts) > 100
    assert untranslated(iter(texts)) == []


def test_the_supervisors_screens_are_fully_chinese(qtbot: QtBot, live: Any, data_dir: Any,
                                                  background: Background, settings: Settings,
                                                  chinese: None) -> None:
    """The dashboard (tables, cells, alerts, as-of line, the outage line), its dialogs and the
    status control (issue 6)."""
    from tests.gui.conftest import connect
    from workstation.dashboard import Snapshot
    from workstation.presence import PresenceState
    from workstation.views.dashboard_view import AgentPicker, AuditDialog, ConfigDialog, RoutingDialog

    live.claim_as("a2", live.seeded["conversations"][live.seeded["shops"][0]][0])
    client = connect(live, "s1", data_dir)
    client.engine.sync_once()
    config = client.api.supervisor_config()
    client.api.set_supervisor_config(config.model_copy(update={"sla_seconds": {**config.sla_seconds,
                                                                                "presale": 1}}))
    window = MainWindow(client, background, settings)
    qtbot.addWidget(window)
    window.show()
    window.start(sync=False)
    dash = window.dashboard
    assert dash is not None
    qtbot.waitUntil(lambda: bool(dash.snapshot and dash.snapshot.dashboard.alerts), timeout=10_000)
    texts = list(visible_texts(window))
    for menu_action in window.menuBar().actions():
        texts += [("menu", t) for t in menu_texts(menu_action.menu())]  # type: ignore[arg-type]
    for model in (dash.queues, dash.agents, dash.waiting):
        for row in range(model.rowCount()):
            for col in range(model.columnCount()):
                texts.append((f"{type(model).__name__}.cell", str(model.index(row, col).data() or "")))
    texts += [("alert", dash.alerts_list.item(i).text()) for i in range(dash.alerts_list.count())]
    snap = dash.snapshot
    assert snap is not None
    dash.show_snapshot(Snapshot(snap.dashboard, snap.fetched_at, stale=True, error="x"))
    texts.append(("asOf", dash.as_of_label.text()))
    assert "数据截至" in dash.as_of_label.text()
    for sent, auto in ((False, False), (True, True)):
        window.status_control.show_state(PresenceState("busy", "away" if auto else "busy", auto, sent))
        texts += [("status", window.status_control.text()), ("status.tip", window.status_control.toolTip())]
    agent = dash.agents.rows[0]
    for dialog in (AgentPicker("x", dash.agents.rows, window, with_queue=True), RoutingDialog(agent, window),
                   ConfigDialog(config, window), AuditDialog([], {}, window)):
        qtbot.addWidget(dialog)
        dialog.show()
        texts.extend(visible_texts(dialog))
        dialog.close()
    assert len(texts) > 100
    assert untranslated(iter(texts)) == []
    window.close()
    client.close()
