"""Screen readers can name every control: each input, list and icon-only button of the main
window and of the screens its menus open has an accessible name, or a label that is its buddy
(form rows get one from Qt)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from workstation.background import Background
from workstation.settings import Settings
from workstation.views.main_window import MainWindow

pytestmark = pytest.mark.gui

CONTROLS = (
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QKeySequenceEdit,
)


def unnamed(root: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    bad = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root):
            continue
        if isinstance(w.parent(), CONTROLS):
            continue  # parts of a control (a spin box's line edit, a view's viewport)
        needs = isinstance(w, CONTROLS) or (isinstance(w, QAbstractButton) and not w.text().strip())
        if needs and not w.accessibleName().strip() and id(w) not in buddies:
            bad.append(f"{type(w).__name__} {w.objectName() or '(no objectName)'} in {root.objectName()}")
    return bad


def test_every_control_has_a_name(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings
) -> None:
    shop = live.seeded["shops"][0]
    order_id = live.add_order(live.seeded["buyers"][shop][0])
    window = MainWindow(client_a1, background, settings)
    qtbot.addWidget(window)
    window.show()
    client_a1.engine.sync_once()
    bad = unnamed(window)
    for opened in (
        window.edit_settings(),
        window.open_phrase_manager(),
        window.open_note_editor(order_id),
        window.open_handover(),
        window.open_pending_view(),
    ):
        qtbot.addWidget(opened)
        opened.show()
        for tabs in opened.findChildren(QTabWidget):
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                bad += unnamed(opened)
        bad += unnamed(opened)
        opened.close()
    missing = sorted(set(bad))
    assert missing == [], "\n".join(missing)


def test_the_supervisors_screens_have_names(
    qtbot: QtBot, live: Any, data_dir: Any, background: Background, settings: Settings
) -> None:
    """The dashboard, its dialogs and the status control (issue 6)."""
    from tests.gui.conftest import connect
    from workstation.views.dashboard_view import AgentPicker, AuditDialog, ConfigDialog, RoutingDialog

    client = connect(live, "s1", data_dir)
    client.engine.sync_once()
    window = MainWindow(client, background, settings)
    qtbot.addWidget(window)
    window.show()
    window.start(sync=False)
    dash = window.dashboard
    assert dash is not None
    qtbot.waitUntil(lambda: dash.snapshot is not None, timeout=10_000)
    bad = unnamed(window)
    config = client.api.supervisor_config()
    for dialog in (AgentPicker("x", dash.agents.rows, window), RoutingDialog(dash.agents.rows[0], window),
                   ConfigDialog(config, window), AuditDialog([], {}, window)):
        qtbot.addWidget(dialog)
        dialog.show()
        bad += unnamed(dialog)
        dialog.close()
    assert window.status_control.accessibleName()
    window.close()
    client.close()
    missing = sorted(set(bad))
    assert missing == [], "\n".join(missing)
