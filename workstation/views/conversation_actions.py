"""Dialogs of the conversation actions: transfer (to a colleague or a group, with a note), close
(with a category) and escalate (with a note). Each is usable from the keyboard alone: the list has
the focus, arrows choose, Tab reaches the note, Ctrl+Enter (or Enter in the list) confirms.

The dialogs only collect the choice; ``ConversationPanel`` calls the client on a worker.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine, select

from workstation.actions import MAX_NOTE_CHARS
from workstation.models import Colleague
from workstation.views.labels import group_label
from wsprotocol import CLOSE_CATEGORIES, SKILL_GROUPS


def close_category_label(category: str) -> str:
    names = {
        "presale": QCoreApplication.translate("Labels", "Pre-sale question"),
        "order_change": QCoreApplication.translate("Labels", "Order change"),
        "shipping": QCoreApplication.translate("Labels", "Shipping"),
        "aftersale": QCoreApplication.translate("Labels", "After-sale"),
        "complaint": QCoreApplication.translate("Labels", "Complaint"),
        "other": QCoreApplication.translate("Labels", "Other"),
    }
    return names.get(category, category)


@dataclass(frozen=True)
class ColleagueChoice:
    id: int
    display_name: str
    staff_id: str
    groups: tuple[str, ...]


def load_colleagues(engine: Engine, shop_id: int, exclude_user_id: int) -> list[ColleagueChoice]:
    """Colleagues who work in ``shop_id`` (from the cache), without ``exclude_user_id``. Worker-safe."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Colleague.id,
                Colleague.display_name,
                Colleague.staff_id,
                Colleague.groups,
                Colleague.shop_ids,
                Colleague.role,
            ).order_by(Colleague.staff_id)
        ).all()
    return [
        ColleagueChoice(r.id, r.display_name, r.staff_id, tuple(r.groups or ()))
        for r in rows
        if r.id != exclude_user_id and shop_id in (r.shop_ids or []) and r.role in ("agent", "supervisor")
    ]


class _NoteDialog(QDialog):
    """Common parts: a note (limited to what the protocol accepts) and OK/Cancel; Ctrl+Enter
    confirms from anywhere in the dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("actionNote")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.note.textChanged.connect(self._check)
        self.note_hint = QLabel(self)
        self.note_hint.setObjectName("actionNoteHint")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._confirm)
        self.layout_ = QVBoxLayout(self)

    def _finish_layout(self, note_label: str) -> None:
        label = QLabel(note_label, self)
        label.setBuddy(self.note)
        self.layout_.addWidget(label)
        self.layout_.addWidget(self.note)
        self.layout_.addWidget(self.note_hint)
        self.layout_.addWidget(self.buttons)
        self._check()

    def _confirm(self) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            self.accept()

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def problem(self) -> str | None:
        n = len(self.note_text())
        if n > MAX_NOTE_CHARS:
            return self.tr("The note has {n} characters; at most {max} are allowed.").format(
                n=n, max=MAX_NOTE_CHARS
            )
        return None

    def _check(self) -> None:
        problem = self.problem()
        self.note_hint.setText(
            problem or self.tr("{n} / {max} characters").format(n=len(self.note_text()), max=MAX_NOTE_CHARS)
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def accept(self) -> None:
        if self.problem() is None:
            super().accept()


class TransferDialog(_NoteDialog):
    """Choose a colleague of the same shop, or a group's queue, and write why."""

    def __init__(
        self, colleagues: list[ColleagueChoice], current_group: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transferDialog")
        self.setWindowTitle(self.tr("Transfer conversation"))
        self.to_colleague = QRadioButton(self.tr("To a &colleague"), self)
        self.to_group = QRadioButton(self.tr("Back to a &group's queue"), self)
        kinds = QButtonGroup(self)
        kinds.addButton(self.to_colleague)
        kinds.addButton(self.to_group)
        self.colleague_list = QListWidget(self)
        self.colleague_list.setObjectName("transferColleagues")
        for c in colleagues:
            groups = "、".join(group_label(g) for g in c.groups)
            item = QListWidgetItem(f"{c.display_name}({c.staff_id})  {groups}".rstrip())
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.colleague_list.addItem(item)
        self.group_list = QListWidget(self)
        self.group_list.setObjectName("transferGroups")
        for g in SKILL_GROUPS:
            item = QListWidgetItem(group_label(g))
            item.setData(Qt.ItemDataRole.UserRole, g)
            self.group_list.addItem(item)
            if g == current_group:
                self.group_list.setCurrentItem(item)
        self.group_list.setMaximumHeight(80)
        self.empty_hint = QLabel(self.tr("No colleague of this shop in the local cache."), self)
        self.empty_hint.setVisible(not colleagues)
        self.to_colleague.toggled.connect(self._sync_kind)
        self.colleague_list.itemActivated.connect(lambda _i: self._confirm())
        self.group_list.itemActivated.connect(lambda _i: self._confirm())
        self.colleague_list.currentItemChanged.connect(lambda *_: self.to_colleague.setChecked(True))
        self.group_list.currentItemChanged.connect(lambda *_: self._check())
        self.layout_.addWidget(self.to_colleague)
        self.layout_.addWidget(self.colleague_list)
        self.layout_.addWidget(self.empty_hint)
        self.layout_.addWidget(self.to_group)
        self.layout_.addWidget(self.group_list)
        self._finish_layout(self.tr("&Note for the receiver (why):"))
        if colleagues:
            self.to_colleague.setChecked(True)
            self.colleague_list.setCurrentRow(0)
            self.colleague_list.setFocus()
        else:
            self.to_colleague.setEnabled(False)
            self.to_group.setChecked(True)
            self.group_list.setFocus()
        self._sync_kind()

    def _sync_kind(self, *_args: object) -> None:
        self.colleague_list.setEnabled(self.to_colleague.isChecked())
        self.group_list.setEnabled(self.to_group.isChecked())
        self._check()

    def choice(self) -> tuple[int | None, str | None]:
        """(to_user_id, to_group): exactly one is set when the dialog can be accepted."""
        if self.to_colleague.isChecked():
            item = self.colleague_list.currentItem()
            return (int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None), None
        item = self.group_list.currentItem()
        return None, (str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None)

    def problem(self) -> str | None:
        if not hasattr(self, "group_list"):
            return super().problem()
        user_id, group = self.choice()
        if user_id is None and group is None:
            return self.tr("Choose a colleague or a group.")
        return super().problem()


class CloseDialog(_NoteDialog):
    """Choose what the conversation was about (the close category), optionally a note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closeDialog")
        self.setWindowTitle(self.tr("Close conversation"))
        label = QLabel(self.tr("What was this conversation about?"), self)
        self.category_list = QListWidget(self)
        self.category_list.setObjectName("closeCategories")
        for i, category in enumerate(CLOSE_CATEGORIES, start=1):
            item = QListWidgetItem(f"{i}  {close_category_label(category)}")
            item.setData(Qt.ItemDataRole.UserRole, category)
            self.category_list.addItem(item)
        for i in range(len(CLOSE_CATEGORIES)):
            # Digits pick a category at once (the list has the focus).
            QShortcut(
                QKeySequence(str(i + 1)), self.category_list, lambda r=i: self.category_list.setCurrentRow(r)
            )
        self.category_list.itemActivated.connect(lambda _i: self._confirm())
        self.category_list.currentItemChanged.connect(lambda *_: self._check())
        label.setBuddy(self.category_list)
        self.layout_.addWidget(label)
        self.layout_.addWidget(self.category_list)
        self._finish_layout(self.tr("&Note (optional):"))
        self.category_list.setFocus()

    def category(self) -> str | None:
        item = self.category_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def problem(self) -> str | None:
        if hasattr(self, "category_list") and self.category() is None:
            return self.tr("Choose a category.")
        return super().problem()


class EscalateDialog(_NoteDialog):
    """Ask a supervisor to step in, saying why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("escalateDialog")
        self.setWindowTitle(self.tr("Escalate to a supervisor"))
        self._finish_layout(self.tr("&Why does this need a supervisor?"))
        self.note.setFocus()


__all__ = [
    "CloseDialog",
    "ColleagueChoice",
    "EscalateDialog",
    "TransferDialog",
    "close_category_label",
    "load_colleagues",
]
