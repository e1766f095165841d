"""Editable shortcuts: the actions are the registry; overrides persist in the settings, apply to
the actions at once and after a restart, conflicts are found, and the F1 sheet shows what is in
force."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from workstation.settings import Options, Settings
from workstation.views.shortcuts import CheatSheet, ShortcutEditor, ShortcutRegistry, action_label


def _actions(parent: QWidget) -> list[tuple[QAction, str]]:
    out = []
    for name, text, keys, group in (
        ("claimAction", "&Claim", "Ctrl+J", "Queue"),
        ("claimNextAction", "Claim &next waiting", "Ctrl+Shift+J", "Queue"),
        ("transferAction", "&Transfer…", "Ctrl+T", "Conversation"),
    ):
        a = QAction(text, parent)
        a.setObjectName(name)
        a.setShortcut(QKeySequence(keys))
        parent.addAction(a)
        out.append((a, group))
    return out


def test_overrides_apply_persist_and_reset(qtbot: QtBot, tmp_path: Path) -> None:
    w = QWidget()
    qtbot.addWidget(w)
    settings = Settings.open(tmp_path / "ws.ini")
    reg = ShortcutRegistry(settings)
    actions = _actions(w)
    reg.register_all(actions)
    reg.save({"claimAction": "F9", "transferAction": ""})
    claim, _next, transfer = (a for a, _ in actions)
    assert claim.shortcut().toString() == "F9" and transfer.shortcut().isEmpty()
    # only differences from the defaults are stored; a new window (a restart) gets them back
    assert '"claimAction": "F9"' in settings.get(Options.SHORTCUTS)
    w2 = QWidget()
    qtbot.addWidget(w2)
    actions2 = _actions(w2)
    ShortcutRegistry(Settings.open(tmp_path / "ws.ini")).register_all(actions2)
    assert actions2[0][0].shortcut().toString() == "F9"
    assert actions2[1][0].shortcut().toString() == "Ctrl+Shift+J"
    # the key really triggers the action
    w2.show()
    w2.activateWindow()
    qtbot.waitUntil(w2.isActiveWindow)
    with qtbot.waitSignal(actions2[0][0].triggered, timeout=2000):
        qtbot.keyClick(w2, Qt.Key.Key_F9)
    # a damaged setting falls back to the defaults
    settings.set(Options.SHORTCUTS, "{not json")
    assert reg.overrides() == {}


def test_editor_records_keys_and_flags_conflicts(qtbot: QtBot, tmp_path: Path) -> None:
    w = QWidget()
    qtbot.addWidget(w)
    reg = ShortcutRegistry(Settings.open(tmp_path / "ws.ini"))
    reg.register_all(_actions(w))
    editor = ShortcutEditor(reg)
    qtbot.addWidget(editor)
    editor.table.setCurrentCell(2, 0)  # transfer
    editor.edit.setKeySequence(QKeySequence("Ctrl+J"))
    editor._on_recorded()
    assert editor.has_conflicts()
    assert "Ctrl+J" in editor.warning.text() and "Claim" in editor.warning.text()
    editor.reset_all()
    assert not editor.has_conflicts() and editor.warning.text() == ""


def test_cheat_sheet_lists_what_is_in_force(qtbot: QtBot, tmp_path: Path) -> None:
    w = QWidget()
    qtbot.addWidget(w)
    reg = ShortcutRegistry(Settings.open(tmp_path / "ws.ini"))
    reg.register_all(_actions(w))
    reg.save({"claimAction": "F9"})
    sheet = CheatSheet(reg, [("Queue", "Enter", "Open the selected conversation")])
    qtbot.addWidget(sheet)
    cells = [
        (sheet.table.item(r, 0).text(), sheet.table.item(r, 1).text() if sheet.table.item(r, 1) else "")
        for r in range(sheet.table.rowCount())
    ]
    assert ("F9", "Claim") in cells
    assert ("Enter", "Open the selected conversation") in cells
    assert ("Queue", "") in cells and ("Conversation", "") in cells
    assert action_label(QAction("&Transfer…")) == "Transfer"
    assert action_label(QAction("退出(&Q)")) == "退出"
