"""The settings dialog: every tab stores what it shows, OK is refused (with the reason, on the
right tab) for a bad server address or a shortcut used twice, and the main window applies the
result at once (theme, thresholds, shortcuts) and lists the shortcuts in force under F1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from workstation.background import Background
from workstation.settings import Options, Settings
from workstation.views import theme
from workstation.views.main_window import MainWindow
from workstation.views.settings_dialog import SettingsDialog
from workstation.views.shortcuts import ShortcutRegistry


def _registry(settings: Settings, parent: QWidget) -> ShortcutRegistry:
    reg = ShortcutRegistry(settings)
    actions = []
    for name, keys in (("claimAction", "Ctrl+J"), ("transferAction", "Ctrl+T")):
        a = QAction(name, parent)
        a.setObjectName(name)
        a.setShortcut(QKeySequence(keys))
        actions.append((a, "Conversation"))
    reg.register_all(actions)
    return reg


def test_every_tab_is_stored(qtbot: QtBot, tmp_path: Path) -> None:
    settings = Settings.open(tmp_path / "ws.ini")
    holder = QWidget()
    qtbot.addWidget(holder)
    dialog = SettingsDialog(settings, shortcuts=_registry(settings, holder))
    qtbot.addWidget(dialog)
    dialog.server.setText("http://10.0.0.5:8470")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.font_size.setCurrentIndex(dialog.font_size.findData(16))
    dialog.notify["sound"].setChecked(False)
    dialog.notify["dnd"].setChecked(True)
    dialog.send_key.setCurrentIndex(dialog.send_key.findData("ctrl_enter"))
    dialog.spins["presale"][0].setValue(30)
    dialog.spins["presale"][1].setValue(20)  # red before amber: stored as amber
    dialog.stuck_hours.setValue(72)
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    again = Settings.open(tmp_path / "ws.ini")
    assert again.get(Options.LAST_SERVER) == "http://10.0.0.5:8470"
    assert again.get(Options.LANGUAGE) == "en"
    assert (again.get(Options.THEME), again.get(Options.FONT_SIZE)) == ("dark", 16)
    assert (again.get(Options.NOTIFY_SOUND), again.get(Options.DO_NOT_DISTURB)) == (False, True)
    assert again.get(Options.SEND_KEY) == "ctrl_enter"
    t = again.thresholds()["presale"]
    assert (t.amber, t.red) == (30, 30)
    assert again.get(Options.STUCK_HOURS) == 72


def test_bad_server_address_and_shortcut_clash_are_refused_where_they_are(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = Settings.open(tmp_path / "ws.ini")
    holder = QWidget()
    qtbot.addWidget(holder)
    dialog = SettingsDialog(settings, shortcuts=_registry(settings, holder))
    qtbot.addWidget(dialog)
    dialog.server.setText("10.0.0.5:8470")  # no scheme
    dialog.tabs.setCurrentIndex(3)
    dialog.accept()
    assert dialog.tabs.currentIndex() == 0 and "http://" in dialog.error.text()
    assert settings.get(Options.LAST_SERVER) == ""  # nothing stored
    dialog.server.setText("")
    editor = dialog.shortcut_editor
    assert editor is not None
    editor.table.setCurrentCell(1, 0)
    editor.edit.setKeySequence(QKeySequence("Ctrl+J"))
    editor._on_recorded()
    dialog.accept()
    assert dialog.tabs.currentIndex() == 2 and dialog.error.text()
    assert settings.get(Options.SHORTCUTS) == ""


def test_main_window_applies_settings_and_lists_shortcuts(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved_sheet, saved_palette = app.styleSheet(), app.palette()
    window = MainWindow(client_a1, background, settings)
    qtbot.addWidget(window)
    try:
        claim = window.queue_view.claim_action
        assert claim in [e.action for e in window.shortcut_registry.entries()]
        dialog = window.edit_settings()
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        editor = dialog.shortcut_editor
        assert editor is not None
        row = [e.action for e in window.shortcut_registry.entries()].index(claim)
        editor.table.setCurrentCell(row, 0)
        editor.edit.setKeySequence(QKeySequence("F9"))
        editor._on_recorded()
        with qtbot.waitSignal(dialog.saved):
            dialog.accept()
        assert theme.active().dark
        assert app.palette().color(QPalette.ColorRole.Window).name().upper() == theme.DARK["window"]
        assert claim.shortcut().toString() == "F9"
        sheet = window.show_shortcuts()
        cells = [sheet.table.item(r, 0).text() for r in range(sheet.table.rowCount())]
        assert "F9" in cells and "Enter" in cells
        sheet.close()
    finally:
        theme.apply_theme(app, "light")
        app.setPalette(saved_palette)
        app.setStyleSheet(saved_sheet)


def test_the_open_conversation_is_reopened_at_the_next_start(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings
) -> None:
    client_a1.engine.sync_once()
    first = MainWindow(client_a1, background, settings)
    qtbot.addWidget(first)
    cid = live.seeded["conversations"][live.seeded["shops"][0]][1]
    first.open_conversation(cid)
    qtbot.waitUntil(lambda: client_a1.db.get_state("open_conversation") == str(cid), timeout=5000)
    first.close()
    again = MainWindow(client_a1, background, settings)
    qtbot.addWidget(again)
    again.start(sync=False)
    qtbot.waitUntil(lambda: again.current_conversation_id == cid, timeout=5000)
    qtbot.waitUntil(lambda: again.conversation_panel.detail is not None, timeout=5000)
