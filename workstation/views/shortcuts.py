"""Keyboard shortcuts: every action of the main window that has a shortcut, editable by the agent.

There is no second list of shortcuts to keep in step with the code: the actions themselves are
the registry. Each action that should be editable has an ``objectName`` and its default shortcut
set where it is created; ``ShortcutRegistry`` records those defaults, applies the agent's
overrides (stored in settings as JSON, ``{objectName: "Ctrl+Shift+K"}``, an empty string
meaning "no shortcut"), finds conflicts, and feeds the F1 cheat sheet and the editor in the
settings dialog.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.settings import Options, Settings

_NATIVE = QKeySequence.SequenceFormat.NativeText
_PORTABLE = QKeySequence.SequenceFormat.PortableText


def action_label(action: QAction) -> str:
    """The action's text without mnemonics (``&Quit``, and ``退出(&Q)`` as Chinese menus write them)
    and the trailing ellipsis."""
    text = re.sub(r"\(&\w\)", "", action.text())
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip("…").rstrip(".").strip()


@dataclass
class Entry:
    name: str
    action: QAction
    group: str
    default: str  # portable text
    current: str  # portable text


class ShortcutRegistry(QObject):
    """The editable shortcuts of one window."""

    changed = Signal()

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._entries: dict[str, Entry] = {}

    def register(self, action: QAction, group: str) -> None:
        """Make ``action`` editable (it needs an objectName); its current shortcut is the default."""
        name = action.objectName()
        if not name:
            raise ValueError(f"action {action.text()!r} needs an objectName to be editable")
        default = action.shortcut().toString(_PORTABLE)
        self._entries[name] = Entry(name, action, group, default, default)

    def register_all(self, actions: list[tuple[QAction, str]]) -> None:
        for action, group in actions:
            self.register(action, group)
        self.apply(self.overrides())

    def entries(self) -> list[Entry]:
        return list(self._entries.values())

    def overrides(self) -> dict[str, str]:
        raw = self.settings.get(Options.SHORTCUTS)
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            return {}  # a damaged value: defaults, rather than failing to start
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def apply(self, overrides: dict[str, str]) -> None:
        for entry in self._entries.values():
            seq = overrides.get(entry.name, entry.default)
            entry.current = seq
            entry.action.setShortcut(QKeySequence.fromString(seq, _PORTABLE))
        self.changed.emit()

    def save(self, shortcuts: dict[str, str]) -> None:
        """Store ``{name: portable sequence}``; only the ones that differ from the default."""
        overrides = {
            name: seq
            for name, seq in shortcuts.items()
            if name in self._entries and seq != self._entries[name].default
        }
        self.settings.set(Options.SHORTCUTS, json.dumps(overrides, ensure_ascii=False))
        self.settings.sync()
        self.apply(overrides)

    @staticmethod
    def conflicts(shortcuts: dict[str, str]) -> dict[str, list[str]]:
        """Sequences used by more than one action: sequence → action names."""
        by_seq: dict[str, list[str]] = {}
        for name, seq in shortcuts.items():
            if seq:
                by_seq.setdefault(seq, []).append(name)
        return {seq: names for seq, names in by_seq.items() if len(names) > 1}

    def cheat_sheet(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """``[(group, [(native key text, what), ...]), ...]`` in registration order."""
        groups: dict[str, list[tuple[str, str]]] = {}
        for e in self._entries.values():
            keys = QKeySequence.fromString(e.current, _PORTABLE).toString(_NATIVE)
            if keys:
                groups.setdefault(e.group, []).append((keys, action_label(e.action)))
        return list(groups.items())


class ShortcutEditor(QWidget):
    """A table of actions with their shortcuts; record a new one, clear it, or reset all."""

    def __init__(self, registry: ShortcutRegistry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels([self.tr("Group"), self.tr("Action"), self.tr("Shortcut")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.edit = QKeySequenceEdit(self)
        self.edit.setObjectName("shortcutEdit")
        self.edit.setMaximumSequenceLength(1)
        self.edit.setAccessibleName(self.tr("New shortcut for the selected action"))
        self.edit.editingFinished.connect(self._on_recorded)
        clear = QPushButton(self.tr("No shortcut"), self)
        clear.clicked.connect(lambda: self._set_current(""))
        reset = QPushButton(self.tr("Reset all to defaults"), self)
        reset.clicked.connect(self.reset_all)
        self.warning = QLabel(self)
        self.warning.setObjectName("shortcutWarning")
        self.warning.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Press the new keys:"), self))
        row.addWidget(self.edit, 1)
        row.addWidget(clear)
        row.addWidget(reset)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.warning)
        self._values: dict[str, str] = {}
        self._names: list[str] = []
        self.load()
        self.table.currentCellChanged.connect(lambda *_: self._show_selected())

    def load(self) -> None:
        entries = self.registry.entries()
        self._values = {e.name: e.current for e in entries}
        self._names = [e.name for e in entries]
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            for col, text in enumerate((e.group, action_label(e.action), "")):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)
        self._refresh()

    def values(self) -> dict[str, str]:
        return dict(self._values)

    def _refresh(self) -> None:
        conflicts = ShortcutRegistry.conflicts(self._values)
        clashing = {n for names in conflicts.values() for n in names}
        for row, name in enumerate(self._names):
            seq = QKeySequence.fromString(self._values[name], _PORTABLE).toString(_NATIVE)
            item = self.table.item(row, 2)
            if item is None:
                continue
            item.setText(seq + ("  ⚠" if name in clashing else ""))
        if conflicts:
            labels = {e.name: action_label(e.action) for e in self.registry.entries()}
            parts = [
                f"{QKeySequence.fromString(seq, _PORTABLE).toString(_NATIVE)}: "
                + " / ".join(labels[n] for n in names)
                for seq, names in conflicts.items()
            ]
            self.warning.setText(self.tr("Used twice: {list}").format(list="; ".join(parts)))
        else:
            self.warning.clear()

    def _show_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._names):
            self.edit.setKeySequence(QKeySequence.fromString(self._values[self._names[row]], _PORTABLE))

    def _set_current(self, seq: str) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._names):
            self._values[self._names[row]] = seq
            self._refresh()

    def _on_recorded(self) -> None:
        self._set_current(self.edit.keySequence().toString(_PORTABLE))

    def reset_all(self) -> None:
        self._values = {e.name: e.default for e in self.registry.entries()}
        self._refresh()

    def has_conflicts(self) -> bool:
        return bool(ShortcutRegistry.conflicts(self._values))


class CheatSheet(QDialog):
    """F1: every shortcut, grouped as in the menus, always current (edited ones included)."""

    def __init__(
        self, registry: ShortcutRegistry, extra: list[tuple[str, str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        groups = registry.cheat_sheet()
        # keys that are not actions (Enter in the queue, Esc in a search box)
        for group, keys, what in extra:
            for g, rows in groups:
                if g == group:
                    rows.append((keys, what))
                    break
            else:
                groups.append((group, [(keys, what)]))
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("cheatSheetTable")
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for group, rows in groups:
            r = self.table.rowCount()
            self.table.insertRow(r)
            head = QTableWidgetItem(group)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            self.table.setItem(r, 0, head)
            self.table.setSpan(r, 0, 1, 2)
            for keys, what in rows:
                r = self.table.rowCount()
                self.table.insertRow(r)
                self.table.setItem(r, 0, QTableWidgetItem(keys))
                self.table.setItem(r, 1, QTableWidgetItem(what))
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("Change them in Settings → Keyboard."), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(560, 620)


__all__ = ["CheatSheet", "Entry", "ShortcutEditor", "ShortcutRegistry", "action_label"]
