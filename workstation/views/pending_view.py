"""Pending changes (待同步): every change written here that the server has not taken yet.

Thin over ``workstation.pending``: a table of the outbox (waiting, sending, rejected with the
server's reason), read on a worker. A rejected change keeps its content: the agent opens it, fixes
it and resends it (a new change; the rejected one stays in the journal). Order-note changes open
in the note editor (``fix_note_requested``); other changes get a small form with their text
fields. Opened from the status bar's pending count and from the menu.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation import pending
from workstation.background import Background
from workstation.pending import PendingChange
from workstation.timeutil import to_aware_utc
from workstation.views import theme

if TYPE_CHECKING:
    from workstation.client import Client

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex
#: the text fields a rejected change can be corrected in (the form shows those it has)
FIXABLE_FIELDS = ("text", "summary", "reason", "name", "code", "start", "end")
#: fields shown as a multi-line box
LONG_FIELDS = ("text", "summary")


def what_label(what: str) -> str:
    names = {
        "note_edit": QCoreApplication.translate("PendingView", "Order note"),
        "note_delete": QCoreApplication.translate("PendingView", "Order note deleted"),
        "note_resolve": QCoreApplication.translate("PendingView", "Note conflict resolved"),
        "shift_save": QCoreApplication.translate("PendingView", "Shift"),
        "handover_save": QCoreApplication.translate("PendingView", "Handover draft"),
        "handover_publish": QCoreApplication.translate("PendingView", "Handover published"),
        "handover_ack": QCoreApplication.translate("PendingView", "Handover read"),
        "item_state": QCoreApplication.translate("PendingView", "Handover item"),
        "phrase_save": QCoreApplication.translate("PendingView", "Quick phrase"),
        "phrase_delete": QCoreApplication.translate("PendingView", "Quick phrase deleted"),
    }
    return names.get(what, what)


def state_label(state: str) -> str:
    names = {
        "waiting": QCoreApplication.translate("PendingView", "Waiting"),
        "sending": QCoreApplication.translate("PendingView", "Sending"),
        "rejected": QCoreApplication.translate("PendingView", "Rejected"),
    }
    return names.get(state, state)


def rejection_text(name: str, code: str | None, detail: dict[str, Any] | None, message: str | None) -> str:
    """Why the service refused a change, in the screen's language, chosen by the error ``code``
    and the kind of change (``name``, the mutation). The service's own sentence is English, for
    the log (``workstation.sync`` logs it) and for the tooltip; an unknown code shows it as is."""
    kind = name.split(".", 1)[0]

    if code == "reason_required":
        if (detail or {}).get("required_by") == "team":  # the team's rule, not "Other" left empty
            return QCoreApplication.translate(
                "Rejection",
                "Your team now requires a reason for every note change: choose one and send it again.",
            )
        return QCoreApplication.translate(
            "Rejection", "The reason “Other” needs a typed reason: add one and send it again."
        )
    if code == "published":
        return QCoreApplication.translate("Rejection", "A published handover cannot be changed any more.")
    if code == "conflict":
        return QCoreApplication.translate("Rejection", "Someone changed it meanwhile.")
    if kind == "note":
        texts = {
            "not_found": QCoreApplication.translate(
                "Rejection",
                "The order no longer exists, so the note was not applied. Its content is kept here:"
                " move it to the right order and send it again.",
            ),
            "forbidden": QCoreApplication.translate(
                "Rejection", "The order belongs to a shop you do not work in."
            ),
            "bad_request": QCoreApplication.translate(
                "Rejection", "The service did not accept this note as written."
            ),
        }
    elif kind == "phrase":
        unknown = (detail or {}).get("unknown_variables")
        if code == "bad_request" and isinstance(unknown, list) and unknown:
            names = "、".join("{" + str(v) + "}" for v in unknown)
            return QCoreApplication.translate(
                "Rejection", "The phrase uses variables that do not exist: {names}."
            ).format(names=names)
        texts = {
            "forbidden": QCoreApplication.translate(
                "Rejection",
                "You may not change this quick phrase: team phrases are kept by the shop's supervisors,"
                " personal ones by their owner.",
            ),
            "bad_request": QCoreApplication.translate(
                "Rejection", "The service did not accept this quick phrase as written."
            ),
        }
    elif kind == "shift":
        texts = {
            "forbidden": QCoreApplication.translate("Rejection", "Shifts are set by the shop's supervisors."),
            "bad_request": QCoreApplication.translate(
                "Rejection", "The shift was not accepted (its code may already be used in the shop)."
            ),
        }
    elif kind in ("handover", "handover_item"):
        texts = {
            "forbidden": QCoreApplication.translate(
                "Rejection",
                "You may not change this handover (it is someone else's, or for a shop you do not work in).",
            ),
            "not_found": QCoreApplication.translate(
                "Rejection", "The handover or its item no longer exists."
            ),
            "bad_request": QCoreApplication.translate(
                "Rejection", "The service did not accept this handover as written."
            ),
        }
    else:
        texts = {}
    generic = {
        "forbidden": QCoreApplication.translate("Rejection", "You are not allowed to make this change."),
        "not_found": QCoreApplication.translate("Rejection", "What this change is about no longer exists."),
        "bad_request": QCoreApplication.translate(
            "Rejection", "The service did not accept this change as written."
        ),
    }
    text = texts.get(code or "") or generic.get(code or "")
    return text or message or QCoreApplication.translate("Rejection", "Rejected by the service.")


def field_label(name: str) -> str:
    names = {
        "text": QCoreApplication.translate("PendingView", "Text"),
        "summary": QCoreApplication.translate("PendingView", "Summary"),
        "reason": QCoreApplication.translate("PendingView", "Reason"),
        "name": QCoreApplication.translate("PendingView", "Name"),
        "code": QCoreApplication.translate("PendingView", "Code"),
        "start": QCoreApplication.translate("PendingView", "Starts"),
        "end": QCoreApplication.translate("PendingView", "Ends"),
    }
    return names.get(name, name)


class PendingModel(QAbstractTableModel):
    """The pending changes, oldest first (the order they reach the server)."""

    COLUMNS = ("time", "change", "state", "reason")

    def __init__(self, engine: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.rows: list[PendingChange] = []
        self._rejected_brush = theme.brush("stuck_bg")
        self._rejected_text = theme.brush("stuck_fg")

    def set_rows(self, rows: list[PendingChange]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = [self.tr("Written"), self.tr("Change"), self.tr("State"), self.tr("Reason")]
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return to_aware_utc(row.authored_at).astimezone().strftime("%m-%d %H:%M:%S")
            if col == 1:
                parts = [what_label(row.what), row.subject, row.excerpt]
                return " · ".join(p for p in parts if p)
            if col == 2:
                text = state_label(row.state)
                if row.resent_as is not None:
                    text += " · " + self.tr("resent as a new change")
                if row.state == "waiting" and row.attempts:
                    text += " " + self.tr("(tried {n}×)").format(n=row.attempts)
                return text
            if col == 3:
                if row.state != "rejected":
                    return None
                reason = rejection_text(row.name, row.error_code, row.error_detail, row.error)
                if role == Qt.ItemDataRole.ToolTipRole and row.error:
                    # the service's own words, as in the log
                    return self.tr("{reason}\n(service: {message})").format(reason=reason, message=row.error)
                return reason
        if role == Qt.ItemDataRole.BackgroundRole and row.state == "rejected":
            return self._rejected_brush
        if role == Qt.ItemDataRole.ForegroundRole and row.state == "rejected":
            return self._rejected_text
        return None


class FixDialog(QDialog):
    """Correct the text fields of a rejected change before resending it."""

    def __init__(self, change: PendingChange, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fixChangeDialog")
        self.setWindowTitle(self.tr("Fix and resend"))
        self.change = change
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        layout = QVBoxLayout(self)
        head = QLabel(
            self.tr("{what} · {subject}\nRejected: {error}").format(
                what=what_label(change.what),
                subject=change.subject,
                error=rejection_text(change.name, change.error_code, change.error_detail, change.error),
            ),
            self,
        )
        head.setWordWrap(True)
        head.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(head)
        form = QFormLayout()
        for name in FIXABLE_FIELDS:
            value = change.args.get(name)
            if not isinstance(value, str):
                continue
            editor: QLineEdit | QPlainTextEdit
            if name in LONG_FIELDS:
                editor = QPlainTextEdit(value, self)
                editor.setTabChangesFocus(True)
            else:
                editor = QLineEdit(value, self)
            editor.setObjectName(f"fix_{name}")
            self.editors[name] = editor
            form.addRow(field_label(name) + ":", editor)
        layout.addLayout(form)
        if not self.editors:
            layout.addWidget(
                QLabel(self.tr("This change has nothing to correct: it can be sent again as it is."), self)
            )
        buttons = QDialogButtonBox(self)
        self.resend_button = buttons.addButton(self.tr("Resend"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.resend_button.setObjectName("fixResendButton")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 320)

    def fixed_args(self) -> dict[str, Any]:
        args = dict(self.change.args)
        for name, editor in self.editors.items():
            args[name] = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
        return args


class PendingView(QDialog):
    """The pending-changes window (non-modal)."""

    #: a rejected note change should be fixed in the note editor: (order id, outbox seq)
    fix_note_requested = Signal(int, int)
    #: a short line for the status bar
    message = Signal(str)
    #: the table was read (tests wait on it)
    loaded = Signal()

    def __init__(self, client: Client, background: Background, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pendingView")
        self.setWindowTitle(self.tr("Changes waiting to sync"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.client = client
        self.background = background
        self.model = PendingModel(client.engine, self)
        self.table = QTableView(self)
        self.table.setObjectName("pendingTable")
        self.table.setAccessibleName(self.tr("Changes waiting to sync"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        # Thousands of rows after an outage: no column or row sized from its contents (that asks
        # every row for its text on each reset); fixed widths that fit the texts.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        self.table.setColumnWidth(0, metrics.horizontalAdvance("00-00 00:00:00") + 16)
        self.table.setColumnWidth(2, metrics.horizontalAdvance(self.tr("Rejected") + " · 0000000000") + 16)
        self.table.doubleClicked.connect(lambda _i: self.fix_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.summary = QLabel(self)
        self.summary.setObjectName("pendingSummary")
        self.summary.setWordWrap(True)
        self.fix_button = QPushButton(self.tr("&Fix and resend…"), self)
        self.fix_button.setObjectName("fixButton")
        self.fix_button.clicked.connect(self.fix_selected)
        self.resend_button = QPushButton(self.tr("&Resend as it is"), self)
        self.resend_button.setObjectName("resendButton")
        self.resend_button.setToolTip(self.tr("For a change refused for a reason that no longer holds"))
        self.resend_button.clicked.connect(self.resend_selected)
        self.retry_button = QPushButton(self.tr("Try to &sync now"), self)
        self.retry_button.setObjectName("retryButton")
        self.retry_button.clicked.connect(self.retry_now)
        buttons = QHBoxLayout()
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.resend_button)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(860, 460)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(1000)
        self._reload_timer.timeout.connect(self.reload)
        self._update_buttons()

    def reload(self) -> None:
        engine = self.client.engine
        self.background.run(
            lambda: pending.pending_changes(engine),
            self._on_loaded,
            self._on_failed,
            name="pending.load",
            owner=self,
        )

    def _on_loaded(self, rows: list[PendingChange]) -> None:
        current = self.selected()
        self.model.set_rows(rows)
        if current is not None:
            for n, row in enumerate(rows):
                if row.seq == current.seq:
                    self.table.selectRow(n)
                    break
        rejected = sum(1 for r in rows if r.state == "rejected" and r.resent_as is None)
        waiting = sum(1 for r in rows if r.state != "rejected")
        if not waiting and not rejected:
            self.summary.setText(self.tr("Everything you wrote is on the server."))
        else:
            parts = []
            if waiting:
                parts.append(
                    self.tr("{n} changes wait to be sent; they are saved on this computer.").format(n=waiting)
                )
            if rejected:
                parts.append(
                    self.tr("{n} were rejected by the server: open one to fix and resend it.").format(
                        n=rejected
                    )
                )
            self.summary.setText(" ".join(parts))
        self._update_buttons()
        self.loaded.emit()

    def _on_failed(self, exc: BaseException) -> None:
        log.warning("reading the pending changes failed: %s", exc)
        self.summary.setText(self.tr("Could not read the pending changes: {error}").format(error=exc))

    def selected(self) -> PendingChange | None:
        index = self.table.currentIndex()
        rows = self.model.rows
        return rows[index.row()] if index.isValid() and 0 <= index.row() < len(rows) else None

    def select_seq(self, seq: int) -> bool:
        for n, row in enumerate(self.model.rows):
            if row.seq == seq:
                self.table.selectRow(n)
                return True
        return False

    def _update_buttons(self) -> None:
        change = self.selected()
        rejected = change is not None and change.state == "rejected" and change.resent_as is None
        self.fix_button.setEnabled(rejected)
        self.resend_button.setEnabled(rejected)

    def fix_selected(self) -> FixDialog | None:
        change = self.selected()
        if change is None or change.state != "rejected" or change.resent_as is not None:
            return None
        if change.name.startswith("note.") and isinstance(change.args.get("order_id"), int):
            self.fix_note_requested.emit(int(change.args["order_id"]), change.seq)
            return None
        dialog = FixDialog(change, self)
        dialog.accepted.connect(lambda: self._resend(change.seq, dialog.fixed_args()))
        dialog.open()
        return dialog

    def resend_selected(self) -> None:
        change = self.selected()
        if change is not None and change.state == "rejected" and change.resent_as is None:
            self._resend(change.seq, None)

    def _resend(self, seq: int, args: dict[str, Any] | None) -> None:
        engine = self.client.engine

        def done(_entry: object) -> None:
            loop = getattr(self.client, "loop", None)
            if loop is not None:
                loop.wake()
            self.message.emit(self.tr("Sent again as a new change"))
            self.reload()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValueError):
                self.summary.setText(self.tr("Cannot resend: {error}").format(error=exc))
                return
            log.error("resending change %s failed", seq, exc_info=exc)
            self.summary.setText(self.tr("Could not save locally: {error}").format(error=exc))

        self.background.run(
            lambda: pending.resend(engine, seq, args), done, failed, name="pending.resend", owner=self
        )

    def retry_now(self) -> None:
        loop = getattr(self.client, "loop", None)
        if loop is not None:
            loop.retry_now()
            self.message.emit(self.tr("Trying to reach the server…"))

    def on_status(self, _status: object) -> None:
        """The sync loop reported (counts or state changed): re-read while shown, at most about
        once a second (a drain after an outage reports many times a second)."""
        if self.isVisible() and not self._reload_timer.isActive():
            self._reload_timer.start()


class ClickFilter(QObject):
    """Makes a label (the status bar's pending count) clickable without changing its text."""

    clicked = Signal()

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        target.installEventFilter(self)
        target.setCursor(Qt.CursorShape.PointingHandCursor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            self.clicked.emit()
            return True
        return False
