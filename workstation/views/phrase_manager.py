"""The phrase manager: edit, group, reorder, import and export quick phrases.

Thin over the core: phrases are read with ``workstation.sync.phrases_view`` (the cache with this
workstation's unsent changes on top, marked pending) and written through the outbox
(``phrase.save@1`` / ``phrase.delete@1``), on a worker. Team phrases of a shop can be edited by
its supervisors only (the service enforces it too); agents see them read-only. Personal phrases
are always writable, also offline.

Import and export: ``workstation.phrase_io`` (preview first, nothing written until confirmed).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from workstation.background import Background
from workstation.models import Shop
from workstation.phrase_io import (
    FileProblem,
    ImportPreview,
    SkipReason,
    export,
    preview,
)
from workstation.phrase_io import apply as apply_import
from workstation.phrases import VariableContext, context_for, fill
from workstation.sync import PhraseView, phrases_view
from workstation.views import theme
from wsprotocol import MAX_REPLY_CHARS, PHRASE_VARIABLES, unknown_variables

if TYPE_CHECKING:
    from workstation.client import Client

log = logging.getLogger(__name__)

MAX_CODE = 32
MAX_GROUP = 64


def skip_reason_text(reason: SkipReason, detail: str) -> str:
    """The sentence for a skipped import row."""
    texts = {
        SkipReason.DUPLICATE_CODE: QCoreApplication.translate(
            "PhraseManager", "Code already used on line {detail} of the file"
        ),
        SkipReason.EMPTY_TEXT: QCoreApplication.translate("PhraseManager", "No text"),
        SkipReason.UNKNOWN_VARIABLES: QCoreApplication.translate(
            "PhraseManager", "Unknown variables: {detail}"
        ),
        SkipReason.TOO_LONG: QCoreApplication.translate(
            "PhraseManager", "Text too long ({detail} characters)"
        ),
        SkipReason.CODE_TOO_LONG: QCoreApplication.translate("PhraseManager", "Code too long"),
        SkipReason.GROUP_TOO_LONG: QCoreApplication.translate("PhraseManager", "Group name too long"),
        SkipReason.UNCHANGED: QCoreApplication.translate("PhraseManager", "Already there, unchanged"),
    }
    return texts[reason].format(detail=detail)


def file_problem_text(problem: FileProblem, detail: str) -> str:
    """One clear sentence for a file that cannot be imported at all."""
    texts = {
        FileProblem.UNREADABLE: QCoreApplication.translate(
            "PhraseManager", "The file could not be read: {detail}"
        ),
        FileProblem.TOO_LARGE: QCoreApplication.translate(
            "PhraseManager", "The file is too large to be a phrase list."
        ),
        FileProblem.UNSUPPORTED: QCoreApplication.translate(
            "PhraseManager", "Only Excel (.xlsx) and CSV files can be imported."
        ),
        FileProblem.BAD_XLSX: QCoreApplication.translate(
            "PhraseManager", "This is not a readable Excel (.xlsx) file. Save it again from Excel and retry."
        ),
        FileProblem.ENCODING: QCoreApplication.translate(
            "PhraseManager", "The text encoding of this CSV file is not recognised (expected UTF-8 or GBK)."
        ),
        FileProblem.NO_TEXT_COLUMN: QCoreApplication.translate(
            "PhraseManager",
            "No column for the phrase text. The first row must name the columns: 分组, 快捷编码, 内容 (or group, code, text). Found: {detail}",  # noqa: E501
        ),
        FileProblem.EMPTY: QCoreApplication.translate("PhraseManager", "The file holds no phrases."),
        FileProblem.TOO_MANY_ROWS: QCoreApplication.translate(
            "PhraseManager", "The file has more than {detail} rows."
        ),
    }
    return texts[problem].format(detail=detail)


def group_title(name: str) -> str:
    return name or QCoreApplication.translate("PhraseManager", "(No group)")


# ----------------------------------------------------------------------------- models


_ROW_MIME = "application/x-workstation-phrase-row"


class PhraseListModel(QAbstractListModel):
    """The phrases of one group, in their order; pending ones (not yet on the server) marked.

    Rows can be dragged to another place: the model does not move anything itself, it asks
    (``move_requested``) and the dialog writes the new order through the outbox."""

    #: (from row, to row) — to row counted before the move, as a drop indicator shows it
    move_requested = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[PhraseView] = []
        self.movable = False

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.movable else Qt.ItemFlag.NoItemFlags
        return base | Qt.ItemFlag.ItemIsDragEnabled if self.movable else base

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [_ROW_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        if indexes:
            data.setData(_ROW_MIME, QByteArray(str(indexes[0].row()).encode()))
        return data

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if not self.movable or action != Qt.DropAction.MoveAction or not data.hasFormat(_ROW_MIME):
            return False
        source = int(bytes(data.data(_ROW_MIME).data()).decode() or -1)
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self.rows))
        if 0 <= source < len(self.rows):
            self.move_requested.emit(source, target)
        # False: the view must not remove the dragged row itself; the dialog re-reads the order.
        return False

    def set_rows(self, rows: list[PhraseView]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        p = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            code = f"/{p.code}  " if p.code else ""
            flat = " ".join(p.text.split())
            text = code + (flat if len(flat) <= 50 else flat[:49] + "…")
            return text + (
                "  " + QCoreApplication.translate("PhraseManager", "(not synced yet)") if p.pending else ""
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return p.text
        if role == Qt.ItemDataRole.FontRole and p.pending:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return p.id
        return None


@dataclass(frozen=True)
class _PreviewRow:
    result: str
    line: int
    group: str
    code: str
    text: str
    note: str


class ImportPreviewModel(QAbstractTableModel):
    def __init__(self, rows: list[_PreviewRow], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.headers = [
            QCoreApplication.translate("PhraseManager", "Result"),
            QCoreApplication.translate("PhraseManager", "Line"),
            QCoreApplication.translate("PhraseManager", "Group"),
            QCoreApplication.translate("PhraseManager", "Code"),
            QCoreApplication.translate("PhraseManager", "Text"),
            QCoreApplication.translate("PhraseManager", "Why"),
        ]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        values = (r.result, str(r.line), r.group, r.code, " ".join(r.text.split())[:80], r.note)
        if role == Qt.ItemDataRole.DisplayRole:
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return r.text
        return None


class ImportPreviewDialog(QDialog):
    """What an import would do; nothing is written unless the user presses Import."""

    def __init__(self, result: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phraseImportPreview")
        self.setWindowTitle(self.tr("Import phrases: preview"))
        self.result_ = result
        rows = [_PreviewRow(self.tr("Add"), r.line, r.group, r.code, r.text, "") for r in result.added]
        rows += [
            _PreviewRow(
                self.tr("Change"),
                c.row.line,
                c.row.group,
                c.row.code,
                c.row.text,
                self.tr("Was: {text}").format(text=" ".join(c.existing.text.split())[:40]),
            )
            for c in result.changed
        ]
        rows += [
            _PreviewRow(
                self.tr("Skip"),
                s.row.line,
                s.row.group,
                s.row.code,
                s.row.text,
                skip_reason_text(s.reason, s.detail),
            )
            for s in result.skipped
        ]
        rows.sort(key=lambda r: r.line)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        encoding = f" · {result.encoding}" if result.encoding else ""
        self.summary.setText(
            self.tr("{file}{encoding}: {added} to add, {changed} to change, {skipped} skipped").format(
                file=result.path.name,
                encoding=encoding,
                added=len(result.added),
                changed=len(result.changed),
                skipped=len(result.skipped),
            )
        )
        self.model = ImportPreviewModel(rows, self)
        self.table = QTableView(self)
        self.table.setObjectName("importTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            self.tr("Import {n} phrases").format(n=result.writes), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importConfirm")
        self.import_button.setEnabled(result.writes > 0)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(860, 480)


# ----------------------------------------------------------------------------- the dialog


@dataclass(frozen=True)
class _Loaded:
    phrases: list[PhraseView]
    shops: dict[int, str]
    context: VariableContext


Scope = tuple[str, int | None]  # ("personal", None) or ("team", shop_id)


def _scope_key(scope: Scope) -> str:
    """A scope as combo box data (a string: tuples do not survive the trip through QVariant)."""
    kind, shop_id = scope
    return kind if shop_id is None else f"{kind}:{shop_id}"


class PhraseManager(QDialog):
    """Quick phrases: the agent's own and the team's, by group, in order."""

    #: phrases were written here (the composer's popup may refresh)
    phrases_written = Signal()
    #: the phrases were (re)loaded
    loaded = Signal()
    #: a message for the user (also shown in the dialog's status line)
    message = Signal(str)

    def __init__(
        self,
        client: Client,
        background: Background,
        conversation_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("phraseManager")
        self.setWindowTitle(self.tr("Quick phrases"))
        self.client = client
        self.background = background
        self.conversation_id = conversation_id
        self._all: list[PhraseView] = []
        self._shops: dict[int, str] = {}
        self._context = VariableContext()
        self._extra_groups: dict[Scope, set[str]] = {}
        self._editing: PhraseView | None = None
        self._select_after_load: str | None = None
        self._generation = 0
        self.preview_dialog: ImportPreviewDialog | None = None
        self._build()
        self.reload()

    # ------------------------------------------------------------------ construction

    def _build(self) -> None:
        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("phraseScope")
        self.scope_combo.setAccessibleName(self.tr("Phrase library"))
        self.scope_combo.currentIndexChanged.connect(self._on_scope_changed)
        self.read_only_label = QLabel(self.tr("Team phrases are kept by supervisors: read only."), self)
        self.read_only_label.setObjectName("phraseReadOnly")
        self.read_only_label.setVisible(False)

        self.group_list = QListWidget(self)
        self.group_list.setObjectName("phraseGroups")
        self.group_list.setAccessibleName(self.tr("Phrase groups"))
        self.group_list.currentItemChanged.connect(lambda *_: self._show_group())
        self.new_group_button = QPushButton(self.tr("New group…"), self)
        self.new_group_button.setObjectName("newGroup")
        self.new_group_button.clicked.connect(self._ask_new_group)
        self.rename_group_button = QPushButton(self.tr("Rename…"), self)
        self.rename_group_button.setObjectName("renameGroup")
        self.rename_group_button.clicked.connect(self._ask_rename_group)
        groups_box = QWidget(self)
        gl = QVBoxLayout(groups_box)
        gl.setContentsMargins(0, 0, 0, 0)
        gl.addWidget(QLabel(self.tr("Groups"), self))
        gl.addWidget(self.group_list, 1)
        gb = QHBoxLayout()
        gb.addWidget(self.new_group_button)
        gb.addWidget(self.rename_group_button)
        gl.addLayout(gb)

        self.model = PhraseListModel(self)
        self.phrase_list = QListView(self)
        self.phrase_list.setObjectName("phraseList")
        self.phrase_list.setAccessibleName(self.tr("Phrases"))
        self.phrase_list.setModel(self.model)
        self.phrase_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.phrase_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.phrase_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.phrase_list.setDropIndicatorShown(True)
        self.model.move_requested.connect(self.move_row)
        self.phrase_list.selectionModel().currentChanged.connect(lambda *_: self._show_phrase())
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.up_button.setObjectName("moveUp")
        self.up_button.setToolTip("Alt+↑")
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.down_button.setObjectName("moveDown")
        self.down_button.setToolTip("Alt+↓")
        self.down_button.clicked.connect(lambda: self.move_current(1))
        for keys, delta in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self.phrase_list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda d=delta: self.move_current(d))
        phrases_box = QWidget(self)
        pl = QVBoxLayout(phrases_box)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(QLabel(self.tr("Phrases (drag or Alt+↑/↓ to reorder)"), self))
        pl.addWidget(self.phrase_list, 1)
        pb = QHBoxLayout()
        pb.addWidget(self.up_button)
        pb.addWidget(self.down_button)
        pl.addLayout(pb)

        self.group_edit = QComboBox(self)
        self.group_edit.setObjectName("phraseGroupEdit")
        self.group_edit.setEditable(True)
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("phraseCodeEdit")
        self.code_edit.setPlaceholderText(self.tr("e.g. dz (typed as /dz)"))
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("phraseTextEdit")
        self.text_edit.setPlaceholderText(
            self.tr("Text; variables such as {买家昵称} or {订单号} are filled in")
        )
        self.variables_label = QLabel(
            self.tr("Variables: {names}").format(
                names=" ".join("{" + v + "}" for v in PHRASE_VARIABLES.values())
            ),
            self,
        )
        self.variables_label.setWordWrap(True)
        self.variables_label.setEnabled(False)
        self.validation_label = QLabel(self)
        self.validation_label.setObjectName("phraseValidation")
        self.validation_label.setWordWrap(True)
        self.validation_label.setStyleSheet(f"color: {theme.color('error').name()};")
        self.preview_label = QLabel(self)
        self.preview_label.setObjectName("phrasePreview")
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_label.setWordWrap(True)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.preview_label.setMinimumHeight(56)
        self.new_button = QPushButton(self.tr("New phrase"), self)
        self.new_button.setObjectName("newPhrase")
        self.new_button.setShortcut(QKeySequence("Ctrl+N"))
        self.new_button.clicked.connect(self.new_phrase)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("savePhrase")
        self.save_button.setShortcut(QKeySequence("Ctrl+S"))
        self.save_button.clicked.connect(self.save_current)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setObjectName("deletePhrase")
        self.delete_button.clicked.connect(lambda: self.delete_current(ask=True))
        for signal in (
            self.code_edit.textChanged,
            self.text_edit.textChanged,
            self.group_edit.editTextChanged,
        ):
            signal.connect(self._validate)
        editor_box = QWidget(self)
        form = QFormLayout(editor_box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Group"), self.group_edit)
        form.addRow(self.tr("Code"), self.code_edit)
        form.addRow(self.tr("Text"), self.text_edit)
        form.addRow("", self.variables_label)
        form.addRow("", self.validation_label)
        form.addRow(self.tr("Preview"), self.preview_label)
        eb = QHBoxLayout()
        eb.addWidget(self.new_button)
        eb.addStretch(1)
        eb.addWidget(self.delete_button)
        eb.addWidget(self.save_button)
        form.addRow(eb)

        splitter = QSplitter(self)
        splitter.addWidget(groups_box)
        splitter.addWidget(phrases_box)
        splitter.addWidget(editor_box)
        splitter.setSizes([160, 340, 420])

        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setObjectName("importPhrases")
        self.import_button.clicked.connect(self._ask_import)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("exportPhrases")
        self.export_button.clicked.connect(self._ask_export)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("phraseStatus")
        self.status_label.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Phrases of"), self))
        top.addWidget(self.scope_combo, 1)
        top.addWidget(self.read_only_label, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(980, 560)

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Read the phrases (cache + pending changes) on a worker; call it when a sync brought
        phrase changes."""
        self._generation += 1
        generation = self._generation
        db, user, conversation_id = self.client.db, self.client.user, self.conversation_id

        def load() -> _Loaded:
            with db.session() as s:
                phrases = phrases_view(s, user.id)
                shops = {sh.id: sh.name for sh in s.scalars(select(Shop))}
                ctx = context_for(s, conversation_id, user)
            return _Loaded(phrases, shops, ctx)

        def done(loaded: _Loaded) -> None:
            if generation == self._generation:
                self._on_loaded(loaded)

        self.background.run(load, done, self._on_error, name="phrase-manager-load", owner=self)

    def _on_error(self, exc: BaseException) -> None:
        log.warning("phrase manager: %s", exc)
        self._say(self.tr("Could not complete: {error}").format(error=exc))

    def _say(self, text: str) -> None:
        self.status_label.setText(text)
        self.message.emit(text)

    def _on_loaded(self, loaded: _Loaded) -> None:
        self._all = loaded.phrases
        self._shops = loaded.shops
        self._context = loaded.context
        current = self.scope()
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        self.scope_combo.addItem(self.tr("My phrases"), _scope_key(("personal", None)))
        for shop_id in self.client.user.shop_ids:
            name = self._shops.get(shop_id, str(shop_id))
            self.scope_combo.addItem(self.tr("Team: {shop}").format(shop=name), _scope_key(("team", shop_id)))
        index = max(0, self.scope_combo.findData(_scope_key(current))) if current else 0
        self.scope_combo.setCurrentIndex(index)
        self.scope_combo.blockSignals(False)
        self._show_scope()
        self.loaded.emit()

    # ------------------------------------------------------------------ what is shown

    def scope(self) -> Scope | None:
        data = self.scope_combo.currentData()
        if not data:
            return None
        kind, _sep, shop = str(data).partition(":")
        return (kind, int(shop) if shop else None)

    def set_scope(self, kind: str, shop_id: int | None = None) -> None:
        index = self.scope_combo.findData(_scope_key((kind, shop_id)))
        if index >= 0:
            self.scope_combo.setCurrentIndex(index)

    def editable(self) -> bool:
        scope = self.scope()
        if scope is None:
            return False
        kind, shop_id = scope
        if kind == "personal":
            return True
        user = self.client.user
        return user.role in ("supervisor", "admin") and shop_id in user.shop_ids

    def scope_phrases(self) -> list[PhraseView]:
        scope = self.scope()
        if scope is None:
            return []
        kind, shop_id = scope
        uid = self.client.user.id
        if kind == "personal":
            return [p for p in self._all if p.owner_id == uid]
        return [p for p in self._all if p.owner_id is None and p.shop_id == shop_id]

    def groups(self) -> list[str]:
        scope = self.scope()
        names = {p.group_name for p in self.scope_phrases()}
        if scope is not None:
            names |= self._extra_groups.get(scope, set())
        return sorted(names)

    def current_group(self) -> str | None:
        item = self.group_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def group_phrases(self, group: str | None = None) -> list[PhraseView]:
        group = self.current_group() if group is None else group
        rows = [p for p in self.scope_phrases() if p.group_name == group]
        return sorted(rows, key=lambda p: (p.position, p.code, p.id))

    def _on_scope_changed(self) -> None:
        self._show_scope()

    def _show_scope(self) -> None:
        editable = self.editable()
        self.model.movable = editable
        self.read_only_label.setVisible(not editable)
        for w in (
            self.new_group_button,
            self.rename_group_button,
            self.up_button,
            self.down_button,
            self.new_button,
            self.delete_button,
            self.import_button,
        ):
            w.setEnabled(editable)
        self.code_edit.setReadOnly(not editable)
        self.text_edit.setReadOnly(not editable)
        self.group_edit.setEnabled(editable)
        wanted = self.current_group()
        if self._select_after_load is not None:
            target = next((p for p in self._all if p.id == self._select_after_load), None)
            if target is not None:
                wanted = target.group_name
        self.group_list.blockSignals(True)
        self.group_list.clear()
        for name in self.groups():
            item = QListWidgetItem(group_title(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.group_list.addItem(item)
        self.group_list.blockSignals(False)
        names = self.groups()
        row = names.index(wanted) if wanted in names else (0 if names else -1)
        self.group_list.setCurrentRow(row)
        self.group_edit.clear()
        self.group_edit.addItems(names)
        self._show_group()

    def _show_group(self) -> None:
        rows = self.group_phrases()
        self.model.set_rows(rows)
        wanted = self._select_after_load or (self._editing.id if self._editing else None)
        self._select_after_load = None
        row = next((i for i, p in enumerate(rows) if p.id == wanted), 0 if rows else -1)
        if row >= 0:
            self.phrase_list.setCurrentIndex(self.model.index(row, 0))
        else:
            self.new_phrase()
        self._show_phrase()

    def current_phrase(self) -> PhraseView | None:
        index = self.phrase_list.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def _show_phrase(self) -> None:
        p = self.current_phrase()
        if p is None:
            return
        self._editing = p
        self.group_edit.setEditText(p.group_name)
        self.code_edit.setText(p.code)
        self.text_edit.setPlainText(p.text)
        self._validate()

    def new_phrase(self) -> None:
        """Clear the editor for a new phrase in the current group."""
        self._editing = None
        self.phrase_list.selectionModel().clearCurrentIndex()
        self.group_edit.setEditText(self.current_group() or "")
        self.code_edit.clear()
        self.text_edit.clear()
        self._validate()
        if self.editable():
            self.text_edit.setFocus()

    # ------------------------------------------------------------------ validation

    def problems(self) -> list[str]:
        """What keeps the edited phrase from being saved (empty: it can be saved)."""
        text = self.text_edit.toPlainText()
        code = self.code_edit.text().strip().lstrip("/")
        group = self.group_edit.currentText().strip()
        out: list[str] = []
        if not text.strip():
            out.append(self.tr("The text is empty."))
        if len(text) > MAX_REPLY_CHARS:
            out.append(
                self.tr("The text is too long: {n} characters (at most {max}).").format(
                    n=len(text), max=MAX_REPLY_CHARS
                )
            )
        unknown = unknown_variables(text)
        if unknown:
            out.append(
                self.tr("Unknown variables: {names}. Known: {known}").format(
                    names="、".join("{" + u + "}" for u in unknown),
                    known="、".join(PHRASE_VARIABLES.values()),
                )
            )
        if len(code) > MAX_CODE:
            out.append(self.tr("The code is too long (at most {max} characters).").format(max=MAX_CODE))
        if any(ch.isspace() for ch in code):
            out.append(self.tr("The code cannot contain spaces."))
        if code:
            mine = self._editing.id if self._editing else None
            clash = next(
                (p for p in self.scope_phrases() if p.code.lower() == code.lower() and p.id != mine), None
            )
            if clash is not None:
                out.append(
                    self.tr("The code /{code} is already used by: {text}").format(
                        code=code, text=" ".join(clash.text.split())[:30]
                    )
                )
        if len(group) > MAX_GROUP:
            out.append(
                self.tr("The group name is too long (at most {max} characters).").format(max=MAX_GROUP)
            )
        return out

    def _validate(self) -> None:
        problems = self.problems() if self.editable() else []
        self.validation_label.setText("\n".join(problems))
        self.validation_label.setVisible(bool(problems))
        text = self.text_edit.toPlainText()
        filled = fill(text, self._context)
        preview = filled.text
        if filled.missing:
            what = (
                self.tr("Open a conversation to see them filled in.") if self.conversation_id is None else ""
            )
            preview += (
                "\n"
                + self.tr("No value here for: {names}. {what}")
                .format(names="、".join(filled.missing), what=what)
                .rstrip()
            )
        self.preview_label.setText(preview)
        self.save_button.setEnabled(self.editable() and not problems and self._dirty())

    def _dirty(self) -> bool:
        p = self._editing
        text = self.text_edit.toPlainText()
        code = self.code_edit.text().strip().lstrip("/")
        group = self.group_edit.currentText().strip()
        if p is None:
            return bool(text.strip())
        return (text, code, group) != (p.text, p.code, p.group_name)

    # ------------------------------------------------------------------ writing

    def _args(self, p: PhraseView, **changes: Any) -> dict[str, Any]:
        kind, shop_id = self.scope() or ("personal", None)
        args = {
            "id": p.id,
            "scope": kind,
            "shop_id": shop_id if kind == "team" else None,
            "group_name": p.group_name,
            "code": p.code,
            "text": p.text,
            "position": p.position,
        }
        args.update(changes)
        return args

    def _write(
        self,
        saves: Sequence[dict[str, Any]],
        deletes: Sequence[str] = (),
        *,
        select_id: str | None = None,
        done_text: str = "",
    ) -> None:
        """Write changes through the outbox, in one transaction, on a worker; then reload."""
        client = self.client

        def work() -> int:
            with client.db.transaction() as s:
                for args in saves:
                    client.engine.enqueue("phrase.save@1", dict(args), session=s)
                for pid in deletes:
                    client.engine.enqueue("phrase.delete@1", {"id": pid}, session=s)
            if client.loop is not None:
                client.loop.wake()
            return len(saves) + len(deletes)

        def done(_n: int) -> None:
            self._select_after_load = select_id
            if done_text:
                self._say(done_text)
            self.phrases_written.emit()
            self.reload()

        self.background.run(work, done, self._on_error, name="phrase-manager-write", owner=self)

    def save_current(self) -> None:
        if not self.editable() or self.problems():
            return
        text = self.text_edit.toPlainText()
        code = self.code_edit.text().strip().lstrip("/")
        group = self.group_edit.currentText().strip()
        p = self._editing
        if p is None or p.group_name != group:
            # New, or moved to another group: at the end of that group.
            siblings = [
                q for q in self.scope_phrases() if q.group_name == group and (p is None or q.id != p.id)
            ]
            position = max((q.position for q in siblings), default=-1) + 1
        else:
            position = p.position
        base = p or PhraseView(str(uuid.uuid4()), None, None, group, code, text, position)
        self._write(
            [self._args(base, group_name=group, code=code, text=text, position=position)],
            select_id=base.id,
            done_text=self.tr("Saved."),
        )

    def delete_current(self, ask: bool = True) -> None:
        p = self._editing
        if p is None or not self.editable():
            return
        if ask:
            answer = QMessageBox.question(
                self,
                self.tr("Delete phrase"),
                self.tr("Delete this phrase?\n\n{text}").format(text=p.text[:200]),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._editing = None
        self._write([], [p.id], done_text=self.tr("Deleted."))

    def move_current(self, delta: int) -> None:
        """Move the selected phrase up (-1) or down (+1) within its group (Alt+↑ / Alt+↓)."""
        p = self.current_phrase()
        if p is None:
            return
        i = self.model.rows.index(p)
        self.move_row(i, i + delta + (1 if delta > 0 else 0))

    def move_row(self, source: int, target: int) -> None:
        """Move the phrase at row ``source`` to just before row ``target`` (``len`` = the end),
        as a drop between two rows does."""
        if not self.editable():
            return
        rows = list(self.model.rows)
        if not 0 <= source < len(rows):
            return
        target = max(0, min(target, len(rows)))
        p = rows.pop(source)
        rows.insert(target - 1 if target > source else target, p)
        if rows == self.model.rows:
            return
        # Positions may repeat (imported or old phrases): renumber the group, writing only the
        # phrases whose position really changes.
        saves = [self._args(q, position=n) for n, q in enumerate(rows) if q.position != n]
        # Show the new order at once; the reload after the write confirms it.
        moved = {a["id"]: a["position"] for a in saves}
        self._all = [
            PhraseView(q.id, q.shop_id, q.owner_id, q.group_name, q.code, q.text, moved[q.id], True)
            if q.id in moved
            else q
            for q in self._all
        ]
        self._select_after_load = p.id
        self._show_group()
        self._write(saves, select_id=p.id)

    def add_group(self, name: str) -> None:
        """A new (empty) group: it exists on the server once a phrase is saved into it."""
        name = name.strip()[:MAX_GROUP]
        scope = self.scope()
        if not name or scope is None or not self.editable():
            return
        self._extra_groups.setdefault(scope, set()).add(name)
        self._show_scope()
        names = self.groups()
        self.group_list.setCurrentRow(names.index(name))
        self.new_phrase()

    def rename_group(self, old: str, new: str) -> None:
        new = new.strip()[:MAX_GROUP]
        scope = self.scope()
        if scope is None or not self.editable() or new == old:
            return
        extra = self._extra_groups.get(scope, set())
        if old in extra:
            extra.discard(old)
            extra.add(new)
        members = [q for q in self.scope_phrases() if q.group_name == old]
        # Appended after the phrases already in the target group, when renaming onto one.
        start = max((q.position for q in self.scope_phrases() if q.group_name == new), default=-1) + 1
        offset = start if any(q.group_name == new for q in self.scope_phrases()) else 0
        saves = [self._args(q, group_name=new, position=q.position + offset) for q in members]
        if not saves:
            self._show_scope()
            return
        self._write(
            saves,
            select_id=members[0].id,
            done_text=self.tr("Group renamed: {old} → {new}").format(
                old=group_title(old), new=group_title(new)
            ),
        )

    def _ask_new_group(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New group"), self.tr("Name of the new group:"))
        if ok:
            self.add_group(name)

    def _ask_rename_group(self) -> None:
        old = self.current_group()
        if old is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename group"), self.tr("New name:"), text=old)
        if ok:
            self.rename_group(old, name)

    # ------------------------------------------------------------------ import and export

    def _ask_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import phrases"), "", self.tr("Phrase lists (*.xlsx *.csv);;All files (*)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Read ``path`` on a worker and show what importing it would do (nothing is written
        until the user confirms in the preview)."""
        if not self.editable():
            return
        scope = self.scope()
        existing = self.scope_phrases()

        def done(result: ImportPreview) -> None:
            if result.error is not None:
                self._say(file_problem_text(result.error.problem, result.error.detail))
                return
            dialog = ImportPreviewDialog(result, self)
            self.preview_dialog = dialog
            dialog.accepted.connect(lambda: self._apply_import(result, scope, existing))
            dialog.open()

        self._say(self.tr("Reading {file}…").format(file=path.name))
        self.background.run(
            lambda: preview(path, existing), done, self._on_error, name="phrase-import-preview", owner=self
        )

    def _apply_import(self, result: ImportPreview, scope: Scope | None, existing: list[PhraseView]) -> None:
        if scope is None:
            return
        kind, shop_id = scope
        engine, loop = self.client.engine, self.client.loop

        def work() -> int:
            n = apply_import(result, kind, shop_id, engine=engine, existing=existing)
            if loop is not None:
                loop.wake()
            return n

        def done(n: int) -> None:
            self._say(
                self.tr("Imported: {added} added, {changed} changed, {skipped} skipped.").format(
                    added=len(result.added), changed=len(result.changed), skipped=len(result.skipped)
                )
            )
            self.phrases_written.emit()
            self.reload()

        self.background.run(work, done, self._on_error, name="phrase-import-apply", owner=self)

    def _ask_export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export phrases"), "phrases.xlsx", self.tr("Excel (*.xlsx);;CSV (*.csv)")
        )
        if path:
            p = Path(path)
            if p.suffix.lower() not in (".xlsx", ".csv"):
                p = p.with_suffix(".csv" if "csv" in chosen.lower() else ".xlsx")
            self.export_file(p)

    def export_file(self, path: Path) -> None:
        """Write the phrases of the shown list (this scope, every group, in order) to ``path``."""
        rows = sorted(self.scope_phrases(), key=lambda p: (p.group_name, p.position, p.code, p.id))

        def done(n: int) -> None:
            self._say(self.tr("Exported {n} phrases to {file}.").format(n=n, file=str(path)))

        def failed(exc: BaseException) -> None:
            self._say(self.tr("Could not export to {file}: {error}").format(file=str(path), error=exc))

        self.background.run(lambda: export(path, rows), done, failed, name="phrase-export", owner=self)
