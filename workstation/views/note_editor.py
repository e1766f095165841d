"""The order-note editor: an order's seller flag and note, its history, and its conflicts.

Thin over ``workstation.notes``: the note and its history are read from the cache with this
workstation's unsent changes on top (``note_view`` / ``note_history``), and every change (an edit,
a deletion, the resolution of a conflict) is written to the outbox by the core on a worker, so it
works offline; the sync loop sends it. The service decides the order of changes and merges
concurrent edits; when two edits overlap it keeps both sides and the editor shows them side by
side until someone resolves them (the resolution is itself a recorded change).

A reason for an edit or deletion is asked for as the team's policy says (``notes.reason_required``:
the last value read from the service, required until then); without the policy, "no reason" is
the first choice of the reason list. A change the service refused for lack of a reason (the
policy changed meanwhile) is shown rejected, and fixing it asks for a reason.

``OrderNoteMarks`` decorates the customer panel's orders with the flag's colour and the note's
first line.
"""

from __future__ import annotations

import difflib
import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select

from workstation import notes, pending
from workstation.background import Background
from workstation.models.cache import OrderNote
from workstation.models.local import OutboxEntry, OutboxStatus
from workstation.views import theme
from workstation.views.labels import local_time
from workstation.views.pending_view import rejection_text
from wsprotocol import MAX_NOTE_CHARS, NOTE_FLAGS, NOTE_REASONS, PLATFORM_NOTE_BYTES

if TYPE_CHECKING:
    from workstation.client import Client
    from workstation.views.customer_view import CustomerPanel

log = logging.getLogger(__name__)

#: the sellers' flag colours as the platforms paint them (Taobao/Tmall 旗帜; JD and Douyin alike)
FLAG_COLOURS: dict[str, str] = {
    "red": "#e5322d",
    "yellow": "#f2b200",
    "green": "#2fa84f",
    "blue": "#2a7ae2",
    "purple": "#8e44ad",
}
#: from this share of PLATFORM_NOTE_BYTES on, the byte counter warns
WARN_SHARE = 0.9
#: sync reports are gathered for this long before the editor and the marks read again
RELOAD_DELAY_MS = 400
#: history entries rendered at most (the newest; an order's note rarely has more)
MAX_HISTORY_SHOWN = 200


def _time(moment: datetime | None) -> str:
    return local_time(moment, missing="")


def _c(name: str) -> str:
    """A named colour of the active theme as CSS (for the rich-text history and labels)."""
    return theme.color(name).name()


def flag_label(flag: str) -> str:
    """The flag's name: the colour is never the only sign (colour-blind agents, grey screens)."""
    names = {
        "none": QCoreApplication.translate("NoteEditor", "No flag"),
        "red": QCoreApplication.translate("NoteEditor", "Red flag"),
        "yellow": QCoreApplication.translate("NoteEditor", "Yellow flag"),
        "green": QCoreApplication.translate("NoteEditor", "Green flag"),
        "blue": QCoreApplication.translate("NoteEditor", "Blue flag"),
        "purple": QCoreApplication.translate("NoteEditor", "Purple flag"),
    }
    return names.get(flag, flag)


def reason_label(code: str) -> str:
    names = {
        "address_change": QCoreApplication.translate("NoteEditor", "Address change"),
        "quantity_change": QCoreApplication.translate("NoteEditor", "Quantity change"),
        "gift": QCoreApplication.translate("NoteEditor", "Gift"),
        "shipping_instruction": QCoreApplication.translate("NoteEditor", "Shipping instruction"),
        "aftersale": QCoreApplication.translate("NoteEditor", "After-sale"),
        "other": QCoreApplication.translate("NoteEditor", "Other"),
        "none": QCoreApplication.translate("NoteEditor", "No reason"),
    }
    return names.get(code, code)


def outcome_label(outcome: str) -> str:
    names = {
        "applied": QCoreApplication.translate("NoteEditor", "saved"),
        "merged": QCoreApplication.translate("NoteEditor", "merged with a concurrent edit"),
        "conflict": QCoreApplication.translate("NoteEditor", "conflict"),
        "restored": QCoreApplication.translate("NoteEditor", "restored a deleted note"),
        "resolved": QCoreApplication.translate("NoteEditor", "conflict resolved"),
        "deleted": QCoreApplication.translate("NoteEditor", "deleted"),
    }
    return names.get(outcome, outcome)


_ICONS: dict[tuple[str, int], QIcon] = {}


def flag_icon(flag: str, size: int = 14) -> QIcon:
    """A small flag-coloured square (an outlined empty one for no flag); painted once per flag
    and size (the order rows ask for it every time they are laid out)."""
    icon = _ICONS.get((flag, size))
    if icon is None:
        icon = _ICONS[(flag, size)] = _paint_flag(flag, size)
    return icon


def _paint_flag(flag: str, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = FLAG_COLOURS.get(flag)
    if colour is None:
        painter.setPen(theme.color("muted"))
        painter.drawRoundedRect(1, 1, size - 3, size - 3, 3, 3)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(0, 0, size - 1, size - 1, 3, 3)
    painter.end()
    return QIcon(pixmap)


def first_line(text: str, limit: int = 40) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def diff_html(old: str, new: str) -> str:
    """A compact inline diff of two note texts: removed text struck through, added text marked.

    Long unchanged stretches are shortened to their ends, so an edit of one word in a long note
    shows that word with a little context."""
    if old == new:
        return html.escape(_short(new, 80))
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            parts.append(html.escape(_middle(old[a0:a1], 24)))
            continue
        if op in ("delete", "replace"):
            parts.append(
                f'<span style="color:{_c("error")};text-decoration:line-through">'
                f"{html.escape(old[a0:a1])}</span>"
            )
        if op in ("insert", "replace"):
            parts.append(f'<span style="color:{_c("ok")};font-weight:bold">{html.escape(new[b0:b1])}</span>')
    return "".join(parts).replace("\n", "↵")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _middle(text: str, keep: int) -> str:
    """An unchanged stretch shown by its two ends."""
    if len(text) <= keep * 2 + 1:
        return text
    return text[:keep] + "…" + text[-keep:]


def _person_text(person: Any) -> str:
    """``客服a1(a1)`` for a ``notes.Person``; the id when the colleague is not in the cache."""
    if person is None:
        return "—"
    if person.name and person.staff_id:
        return f"{person.name}({person.staff_id})"
    if person.name or person.staff_id:
        return str(person.name or person.staff_id)
    return (
        QCoreApplication.translate("NoteEditor", "User {id}").format(id=person.id)
        if person.id is not None
        else "—"
    )


@dataclass(frozen=True)
class Loaded:
    """What the editor shows, read on a worker in one go."""

    view: Any  # notes.NoteView
    history: list[Any]  # notes.HistoryEntry, newest first
    #: the team requires a reason for each edit and deletion (as last read from the service)
    reason_required: bool = True


def resend_fixed_note(
    engine: Any, seq: int, flag: str, text: str, reason_code: str, reason: str, base_revision: int
) -> Any:
    """Resend a rejected note change (outbox ``seq``) with the agent's corrections, as a new change
    (``workstation.pending.resend``), checked as a new one would be. Runs on a worker."""
    with engine.db.session() as s:
        row = s.get(OutboxEntry, seq)
        if row is None:
            raise ValueError(f"change {seq} does not exist")
        name, args = row.name, dict(row.args)
        notes.check_reason(s, None if name == "note.resolve@1" else reason_code, reason)
    if name != "note.delete@1":
        notes._check_text(flag, text)
        args.update(flag=flag, text=text)
    if name != "note.resolve@1":
        args.update(reason_code=reason_code)
    args.update(reason=reason, base_revision=base_revision)
    return pending.resend(engine, seq, args)


def _refused_for_no_reason(entry: Any) -> bool:
    """The service refused this change because the team requires a reason and it had none."""
    detail = entry.error_detail if isinstance(entry.error_detail, dict) else {}
    return entry.error_code == "reason_required" and detail.get("required_by") == "team"


def _rejection(entry: Any) -> str:
    """Why the service refused a note change, in the screen's language (by its error code)."""
    if _refused_for_no_reason(entry):
        return QCoreApplication.translate(
            "NoteEditor",
            "Your team now requires a reason for every note change: choose one and send it again.",
        )
    return rejection_text("note", entry.error_code, entry.error_detail, entry.error) or "—"


class NoteEditor(QDialog):
    """Edit one order's flag and note; see its history; resolve its conflict. Non-modal."""

    #: a change was written locally (the order id): the marks and the pending count refresh
    written = Signal(int)
    #: a short line for the status bar
    message = Signal(str)
    #: the editor read the note (after opening, a save, or a sync)
    loaded = Signal()

    def __init__(
        self,
        client: Client,
        background: Background,
        order_id: int,
        order_no: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.client = client
        self.background = background
        self.order_id = order_id
        self.order_no = order_no or str(order_id)
        self.view: Any = None
        self.history: list[Any] = []
        #: the revision the text in the editor started from (sent as base_revision)
        self.base_revision = 0
        #: set while the editor holds a rejected entry being fixed (its outbox seq)
        self.fixing_seq: int | None = None
        #: set while the editor holds a merge of a conflict (a save resolves it)
        self.resolving = False
        #: the team's policy as last read (required until the first read)
        self.reason_required = True
        #: the change being fixed was refused for lack of a reason: it needs one, whatever the
        #: cached policy says (the service knew better)
        self._fix_needs_reason = False
        self._dirty = False
        self._loading = False
        self.setWindowTitle(self.tr("Order note — {order}").format(order=self.order_no))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._build()
        self.resize(980, 700)
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self._update_recorded)
        self._clock.start()
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self._update_recorded()
        self._update_bytes()
        self.reload()

    # ------------------------------------------------------------------ construction

    def _build(self) -> None:
        self.state_label = QLabel(self)
        self.state_label.setObjectName("noteState")
        self.state_label.setWordWrap(True)
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)

        # conflict: the sides next to each other, with the resolve actions
        self.conflict_box = QGroupBox(
            self.tr("Conflict: two edits overlapped — both are kept until resolved"), self
        )
        self.conflict_box.setObjectName("noteConflict")
        self.conflict_box.setStyleSheet(
            f"QGroupBox#noteConflict {{ color: {_c('error')}; font-weight: bold; }}"
        )
        self.conflict_layout = QVBoxLayout(self.conflict_box)
        self.sides_widget: QWidget | None = None
        self.conflict_sides: list[QPlainTextEdit] = []
        self.keep_buttons: list[QPushButton] = []
        self.keep_both_button = QPushButton(self.tr("Keep &both"), self.conflict_box)
        self.keep_both_button.setObjectName("keepBothButton")
        self.keep_both_button.setToolTip(self.tr("Resolve with both texts, one after the other"))
        self.keep_both_button.clicked.connect(self.keep_both)
        self.edit_merge_button = QPushButton(self.tr("&Edit a merge…"), self.conflict_box)
        self.edit_merge_button.setObjectName("editMergeButton")
        self.edit_merge_button.setToolTip(
            self.tr("Put both texts into the editor; saving resolves the conflict")
        )
        self.edit_merge_button.clicked.connect(self.edit_merge)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.keep_both_button)
        actions.addWidget(self.edit_merge_button)
        self.conflict_layout.addLayout(actions)
        self.conflict_box.hide()

        # the editor
        edit_box = QGroupBox(self.tr("Change"), self)
        flags_row = QHBoxLayout()
        flags_row.setSpacing(10)
        self.flag_group = QButtonGroup(self)
        self.flag_group.setExclusive(True)
        self.flag_buttons: dict[str, QRadioButton] = {}
        for i, flag in enumerate(NOTE_FLAGS):
            button = QRadioButton(flag_label(flag), edit_box)
            button.setObjectName(f"flag_{flag}")
            button.setIcon(flag_icon(flag))
            button.setIconSize(QSize(14, 14))
            self.flag_group.addButton(button, i)
            self.flag_buttons[flag] = button
            flags_row.addWidget(button)
        flags_row.addStretch(1)
        self.flag_buttons["none"].setChecked(True)
        self.flag_group.idToggled.connect(self._on_edited)

        self.text_edit = QPlainTextEdit(edit_box)
        self.text_edit.setObjectName("noteText")
        self.text_edit.setAccessibleName(self.tr("Note text"))
        self.text_edit.setPlaceholderText(self.tr("The seller note, e.g. 买家要求改地址为… 已通知仓库"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.textChanged.connect(self._on_edited)

        self.reason_combo = QComboBox(edit_box)
        self.reason_combo.setObjectName("noteReason")
        self.reason_combo.setAccessibleName(self.tr("Reason for the change"))
        # the first item: no reason chosen yet (required) or "no reason" (the team allows it)
        self.reason_combo.addItem("", "")
        for code in NOTE_REASONS:
            self.reason_combo.addItem(reason_label(code), code)
        self.reason_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.reason_combo.setMinimumContentsLength(9)
        self.reason_combo.currentIndexChanged.connect(self._on_reason_changed)
        self.reason_text = QLineEdit(edit_box)
        self.reason_text.setObjectName("noteReasonText")
        self.reason_text.setAccessibleName(self.tr("Reason in your words"))
        self.reason_text.setMaxLength(200)
        self.reason_text.setPlaceholderText(self.tr("Details (optional)"))
        self.reason_caption = QLabel(edit_box)
        self.reason_caption.setObjectName("noteReasonCaption")
        self.reason_caption.setBuddy(self.reason_combo)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_caption)
        reason_row.addWidget(self.reason_combo)
        reason_row.addWidget(self.reason_text, 1)

        self.recorded_label = QLabel(edit_box)
        self.recorded_label.setObjectName("noteRecorded")
        self.recorded_label.setStyleSheet("color: palette(mid);")

        self.preview = QLabel(edit_box)
        self.preview.setObjectName("notePreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setMinimumHeight(48)
        self.preview.setMargin(6)
        self.preview_flag = QLabel(edit_box)
        self.bytes_label = QLabel(edit_box)
        self.bytes_label.setObjectName("noteBytes")
        preview_head = QHBoxLayout()
        preview_head.addWidget(QLabel(self.tr("As the platform shows it:"), edit_box))
        preview_head.addWidget(self.preview_flag)
        preview_head.addStretch(1)
        preview_head.addWidget(self.bytes_label)

        self.error_label = QLabel(edit_box)
        self.error_label.setObjectName("noteError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {_c('error')};")
        self.error_label.hide()

        self.save_button = QPushButton(self.tr("&Save (Ctrl+Enter)"), edit_box)
        self.save_button.setObjectName("saveNoteButton")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton(self.tr("&Delete note"), edit_box)
        self.delete_button.setObjectName("deleteNoteButton")
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete)
        self.revert_button = QPushButton(self.tr("&Revert"), edit_box)
        self.revert_button.setObjectName("revertNoteButton")
        self.revert_button.setAutoDefault(False)
        self.revert_button.setToolTip(self.tr("Show the note as it is now and drop what you typed"))
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)

        edit_layout = QVBoxLayout(edit_box)
        edit_layout.addLayout(flags_row)
        edit_layout.addWidget(self.text_edit, 1)
        edit_layout.addLayout(reason_row)
        edit_layout.addWidget(self.recorded_label)
        edit_layout.addLayout(preview_head)
        edit_layout.addWidget(self.preview)
        edit_layout.addWidget(self.error_label)
        edit_layout.addLayout(buttons)

        # the history, newest first
        history_box = QGroupBox(self.tr("History (newest first)"), self)
        self.history_view = QTextBrowser(history_box)
        self.history_view.setObjectName("noteHistory")
        self.history_view.setAccessibleName(self.tr("Note history"))
        self.history_view.setOpenLinks(False)
        self.history_view.setOpenExternalLinks(False)
        self.history_view.anchorClicked.connect(self._on_history_link)
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history_view)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(split)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.conflict_box)
        left_layout.addWidget(edit_box, 1)
        split.addWidget(left)
        split.addWidget(history_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([560, 400])

        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(split, 1)

        save_keys = QShortcut(QKeySequence("Ctrl+Return"), self)
        save_keys.activated.connect(self.save)
        save_keys_enter = QShortcut(QKeySequence("Ctrl+Enter"), self)
        save_keys_enter.activated.connect(self.save)
        self._show_reason_policy()
        self._on_reason_changed()

    # ------------------------------------------------------------------ reading

    def schedule_reload(self) -> None:
        """Reload soon, once: a drain after an outage reports progress many times a second."""
        self._reload_timer.start()

    def reload(self) -> None:
        """Read the note and its history on a worker (after opening, a save, a sync)."""
        order_id = self.order_id
        db = self.client.db

        def work() -> Loaded:
            with db.session() as s:
                return Loaded(
                    notes.note_view(s, order_id),
                    list(notes.note_history(s, order_id)),
                    notes.reason_required(s),
                )

        self.background.run(work, self._on_loaded, self._on_load_failed, name="notes.load", owner=self)

    def _on_loaded(self, loaded: Loaded) -> None:
        self.view = loaded.view
        self.history = loaded.history
        view = loaded.view
        if loaded.reason_required != self.reason_required:
            self.reason_required = loaded.reason_required
            self._show_reason_policy()
        if not self._dirty:
            # Nothing typed: show the note as it now is (a colleague's change arrives live).
            self._show_in_editor(view.flag, view.text)
            self.base_revision = view.revision
        self._render_state()
        self._render_conflict()
        self._render_history()
        self.loaded.emit()

    def _on_load_failed(self, exc: BaseException) -> None:
        log.warning("reading the note of order %s failed: %s", self.order_id, exc)
        self._show_error(self.tr("Could not read the note from the local cache: {error}").format(error=exc))

    def _show_in_editor(self, flag: str, text: str) -> None:
        self._loading = True
        try:
            self.flag_buttons.get(flag, self.flag_buttons["none"]).setChecked(True)
            if self.text_edit.toPlainText() != text:
                self.text_edit.setPlainText(text)
        finally:
            self._loading = False
        self._update_bytes()

    # ------------------------------------------------------------------ rendering

    def _render_state(self) -> None:
        view = self.view
        if view is None:
            return
        parts: list[str] = []
        if view.revision == 0 and not view.text and view.flag == "none" and not view.pending:
            parts.append(self.tr("No note yet"))
        else:
            who = _person_text(view.updated_by)
            parts.append(
                self.tr("{flag} · last changed by {who} at {time}").format(
                    flag=flag_label(view.flag), who=who, time=_time(view.updated_at)
                )
            )
        if view.pending:
            parts.append(self.tr("Pending sync: your change is saved here and will be sent"))
        if view.deleted:
            parts.append(self.tr("Deleted — saving an edit restores it"))
        if view.restored:
            parts.append(self.tr("Restored: an edit was made against a deletion"))
        self.state_label.setText(" · ".join(parts))

    def _render_conflict(self) -> None:
        sides = list(self.view.conflict or []) if self.view is not None else []
        # the sides are rebuilt; the box, its layout and the keep both / edit a merge row stay
        if self.sides_widget is not None:
            self.sides_widget.deleteLater()
            self.sides_widget = None
        self.conflict_sides = []
        self.keep_buttons = []
        if not sides:
            self.conflict_box.hide()
            if self.resolving and not self._dirty:
                self.resolving = False
            return
        holder = QWidget(self.conflict_box)
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        for col, side in enumerate(sides):
            head = QLabel(
                self.tr("{who} wrote ({flag}):").format(
                    who=_person_text(side.author), flag=flag_label(side.flag)
                ),
                holder,
            )
            head.setTextFormat(Qt.TextFormat.PlainText)
            text = QPlainTextEdit(holder)
            text.setObjectName(f"conflictSide{col}")
            text.setReadOnly(True)
            text.setPlainText(side.text)
            text.setMaximumHeight(120)
            keep = QPushButton(self.tr("Keep this one"), holder)
            keep.setObjectName(f"keepSide{col}")
            keep.setAutoDefault(False)
            keep.clicked.connect(lambda _c=False, i=col: self.keep_side(i))
            grid.addWidget(head, 0, col)
            grid.addWidget(text, 1, col)
            grid.addWidget(keep, 2, col)
            self.conflict_sides.append(text)
            self.keep_buttons.append(keep)
        self.conflict_layout.insertWidget(0, holder)
        self.sides_widget = holder
        self.conflict_box.show()

    def _render_history(self) -> None:
        rows: list[str] = []
        entries = self.history[:MAX_HISTORY_SHOWN]
        for i, e in enumerate(entries):
            # what the note was before this entry: the result of the next older entry
            older = entries[i + 1] if i + 1 < len(entries) else None
            rows.append(self._history_row(e, older))
        if not rows:
            rows.append("<p style='color:gray'>" + html.escape(self.tr("No changes yet.")) + "</p>")
        elif len(self.history) > MAX_HISTORY_SHOWN:
            rows.append(
                "<p style='color:gray'>" + html.escape(self.tr("Older changes are not shown.")) + "</p>"
            )
        self.history_view.setHtml("".join(rows))

    def _history_row(self, e: Any, older: Any) -> str:
        esc = html.escape
        old_text = older.result_text if older is not None else ""
        old_flag = older.result_flag if older is not None else "none"
        # what this entry changed; a conflicting edit did not change the note: show what it wanted
        wanted = e.state != "applied" or e.kind == "delete" or e.outcome == "conflict"
        new_text = e.text if wanted else e.result_text
        new_flag = e.flag if wanted else e.result_flag
        who = _person_text(e.author)
        head = [f"<b>{esc(_time(e.authored_at))}</b>", esc(who)]
        reason = reason_label(e.reason_code) + (f":{e.reason}" if e.reason else "")
        head.append(esc(reason))
        if e.state == "pending":
            head.append(
                f"<span style='color:{_c('warn')};font-weight:bold'>"
                + esc(self.tr("Pending sync"))
                + "</span>"
            )
        elif e.state == "rejected":
            head.append(
                f"<span style='color:{_c('error')};font-weight:bold'>" + esc(self.tr("Rejected")) + "</span>"
            )
        elif e.outcome:
            colour = {"conflict": _c("error"), "merged": _c("accent"), "restored": _c("accent")}.get(
                e.outcome, _c("muted")
            )
            head.append(f"<span style='color:{colour}'>{esc(outcome_label(e.outcome))}</span>")
        body: list[str] = []
        if e.kind == "delete":
            body.append(esc(self.tr("Deleted the note")))
        else:
            if e.kind == "resolve":
                body.append(esc(self.tr("Resolved the conflict:")) + " ")
            if new_flag != old_flag:
                body.append(
                    esc(
                        self.tr("Flag {old} → {new}").format(
                            old=flag_label(old_flag), new=flag_label(new_flag)
                        )
                    )
                    + "<br>"
                )
            body.append(diff_html(old_text, new_text) or "<i>" + esc(self.tr("(empty)")) + "</i>")
            if e.state == "applied" and e.outcome == "merged" and e.text != e.result_text:
                body.append(
                    "<br><span style='color:gray'>"
                    + esc(self.tr("Written: {text}").format(text=_short(e.text, 80)))
                    + "</span>"
                )
        if e.state == "rejected":
            body.append(
                f"<br><span style='color:{_c('error')}'>"
                + esc(self.tr("Reason: {error}").format(error=_rejection(e)))
                + "</span> "
            )
            if e.resent_as is not None:
                body.append(esc(self.tr("resent as a new change")))
            elif e.seq is not None:
                body.append(f"<a href='fix:{int(e.seq)}'>" + esc(self.tr("Fix and resend")) + "</a>")
        return "<div style='margin-bottom:8px'>" + " · ".join(head) + "<br>" + "".join(body) + "</div><hr>"

    def _update_recorded(self) -> None:
        user = self.client.user
        self.recorded_label.setText(
            self.tr("Recorded automatically: {name}({staff_id}), at the time you save").format(
                name=user.display_name, staff_id=user.staff_id
            )
        )

    def _update_bytes(self) -> None:
        text = self.text_edit.toPlainText()
        flag = self.current_flag()
        used = notes.platform_bytes(text)
        self.preview.setText(text if text else self.tr("(no note)"))
        self.preview_flag.setPixmap(flag_icon(flag).pixmap(14, 14))
        self.preview_flag.setToolTip(flag_label(flag))
        state = "ok"
        if len(text) > MAX_NOTE_CHARS:
            state = "too_long"
            shown = self.tr("{n} characters: the limit is {max}").format(n=len(text), max=MAX_NOTE_CHARS)
        elif used > PLATFORM_NOTE_BYTES:
            state = "over"
            shown = self.tr("{used} / {max} bytes — over the platform's limit, it will cut the note").format(
                used=used, max=PLATFORM_NOTE_BYTES
            )
        elif used >= PLATFORM_NOTE_BYTES * WARN_SHARE:
            state = "near"
            shown = self.tr("{used} / {max} bytes — close to the platform's limit").format(
                used=used, max=PLATFORM_NOTE_BYTES
            )
        else:
            shown = self.tr("{used} / {max} bytes").format(used=used, max=PLATFORM_NOTE_BYTES)
        self.bytes_label.setText(shown)
        self.bytes_label.setProperty("state", state)
        colour = {"ok": "palette(text)", "near": _c("warn"), "over": _c("error"), "too_long": _c("error")}[
            state
        ]
        self.bytes_label.setStyleSheet(f"color: {colour};" + ("font-weight: bold;" if state != "ok" else ""))

    # ------------------------------------------------------------------ editing

    def current_flag(self) -> str:
        button = self.flag_group.checkedButton()
        for flag, b in self.flag_buttons.items():
            if b is button:
                return flag
        return "none"

    def _on_edited(self, *_args: object) -> None:
        self._update_bytes()
        if not self._loading:
            self._dirty = True
            self.error_label.hide()

    def _needs_reason(self) -> bool:
        return self.reason_required or self._fix_needs_reason

    def _show_reason_policy(self) -> None:
        """The reason's caption and first choice as the team's policy says."""
        if self._needs_reason():
            self.reason_caption.setText(self.tr("Reaso&n (required):"))
            self.reason_combo.setItemText(0, self.tr("Choose the reason…"))
            self.reason_combo.setToolTip(self.tr("Your team requires a reason for every note change"))
        else:
            self.reason_caption.setText(self.tr("Reaso&n (optional):"))
            self.reason_combo.setItemText(0, self.tr("No reason"))
            self.reason_combo.setToolTip(self.tr("Your team does not require a reason for note changes"))
        self._on_reason_changed()

    def _on_reason_changed(self, *_args: object) -> None:
        other = self.reason_combo.currentData() == "other"
        self.reason_text.setPlaceholderText(
            self.tr("Type the reason (required for Other)") if other else self.tr("Details (optional)")
        )

    def _reason(self) -> tuple[str, str] | None:
        """(code, text), or None after telling the agent what is missing. No reason chosen but
        one typed: "other" with that text; neither, where the team allows it: ``none``."""
        code = self.reason_combo.currentData() or ""
        text = self.reason_text.text().strip()
        if not code and text:
            code = "other"
        if not code:
            if self._needs_reason():
                self._show_error(
                    self.tr("Choose the reason for the change: your team requires one for every note change.")
                )
                self.reason_combo.setFocus()
                return None
            return notes.NOTE_NO_REASON, ""
        if code == "other" and not text:
            self._show_error(self.tr("Type the reason for the change (Other needs a reason)."))
            self.reason_text.setFocus()
            return None
        return code, text

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def save(self) -> None:
        """Write the change locally (the sync loop sends it): an edit, a fix of a rejected change,
        or — after "edit a merge" — the resolution of the conflict."""
        text = self.text_edit.toPlainText()
        if len(text) > MAX_NOTE_CHARS:
            self._show_error(
                self.tr(
                    "The note has {n} characters; the limit is {max}. Shorten it — your text stays here."
                ).format(n=len(text), max=MAX_NOTE_CHARS)
            )
            return
        flag = self.current_flag()
        engine = self.client.engine
        order_id = self.order_id
        base = self.base_revision
        if self.resolving:
            reason_text = self.reason_text.text().strip()
            fn: Any = lambda: notes.resolve_conflict(engine, order_id, flag, text, reason_text, base)  # noqa: E731
        else:
            reason = self._reason()
            if reason is None:
                return
            code, reason_text = reason
            if self.fixing_seq is not None:
                seq = self.fixing_seq
                fn = lambda: resend_fixed_note(engine, seq, flag, text, code, reason_text, base)  # noqa: E731
            else:
                fn = lambda: notes.edit_note(engine, order_id, flag, text, code, reason_text, base)  # noqa: E731
        self._write(fn, self.tr("Note saved"))

    def delete(self) -> None:
        reason = self._reason()
        if reason is None:
            return
        code, reason_text = reason
        engine = self.client.engine
        order_id = self.order_id
        base = self.base_revision
        self._write(
            lambda: notes.delete_note(engine, order_id, code, reason_text, base), self.tr("Note deleted")
        )

    def _write(self, fn: Any, done_text: str) -> None:
        self.save_button.setEnabled(False)
        self.delete_button.setEnabled(False)

        def done(_result: object) -> None:
            self.save_button.setEnabled(True)
            self.delete_button.setEnabled(True)
            self._dirty = False
            self._end_fix()
            self.resolving = False
            self.reason_combo.setCurrentIndex(0)
            self.reason_text.clear()
            self.error_label.hide()
            loop = getattr(self.client, "loop", None)
            if loop is not None:
                loop.wake()
            self.message.emit(done_text)
            self.written.emit(self.order_id)
            self.reload()

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.delete_button.setEnabled(True)
            if isinstance(exc, ValueError):
                # bad input the core refused: say why; the text stays in the editor
                self._show_error(self.input_error_text(exc))
                return
            log.error("writing the note of order %s failed", self.order_id, exc_info=exc)
            self._show_error(self.tr("Could not save the change locally: {error}").format(error=exc))

        self.background.run(fn, done, failed, name="notes.write", owner=self)

    def input_error_text(self, exc: ValueError) -> str:
        """The translated sentence for a ``notes.NoteInputError`` (its English text otherwise)."""
        code = getattr(exc, "code", "")
        detail: dict[str, Any] = getattr(exc, "detail", {}) or {}
        texts = {
            "too_long": self.tr(
                "The note has {length} characters; the limit is {limit}. Shorten it — your text stays here."
            ),
            "reason_required": (
                self.tr("Choose the reason for the change: your team requires one for every note change.")
                if detail.get("required_by") == "team"
                else self.tr("Type the reason for the change (Other needs a reason).")
            ),
            "reason_too_long": self.tr(
                "The reason is {length} characters long; at most {limit} are allowed."
            ),
            "bad_flag": self.tr("Unknown flag."),
            "bad_reason": self.tr("Choose the reason for the change."),
            "not_my_shop": self.tr(
                "This order belongs to a shop you do not work in: you cannot change its note."
            ),
            "unknown_order": self.tr("This order is not among the orders of your shops in the local cache."),
            "not_logged_in": self.tr("Nobody is logged in on this cache: log in again."),
        }
        text = texts.get(code)
        if text is None:
            return str(exc)
        return text.format(**{k: v for k, v in detail.items() if isinstance(v, int | str)})

    def _end_fix(self) -> None:
        self.fixing_seq = None
        if self._fix_needs_reason:
            self._fix_needs_reason = False
            self._show_reason_policy()

    def revert(self) -> None:
        self._dirty = False
        self._end_fix()
        self.resolving = False
        self.error_label.hide()
        if self.view is not None:
            self._show_in_editor(self.view.flag, self.view.text)
            self.base_revision = self.view.revision

    # ------------------------------------------------------------------ conflicts

    def _sides(self) -> Sequence[Any]:
        return list(self.view.conflict or []) if self.view is not None else []

    def keep_side(self, index: int) -> None:
        sides = self._sides()
        if 0 <= index < len(sides):
            side = sides[index]
            self._resolve_now(side.flag, side.text)

    def keep_both(self) -> None:
        sides = self._sides()
        if sides:
            self._resolve_now(self._merged_flag(sides), self._both_text(sides))

    def edit_merge(self) -> None:
        """Both texts into the editor; the agent edits, and saving resolves the conflict."""
        sides = self._sides()
        if not sides:
            return
        self._show_in_editor(self._merged_flag(sides), self._both_text(sides))
        self._dirty = True
        self.resolving = True
        self.base_revision = self.view.revision
        self.text_edit.setFocus()
        self.message.emit(self.tr("Edit the merged note, then save (Ctrl+Enter) to resolve the conflict"))

    @staticmethod
    def _both_text(sides: Sequence[Any]) -> str:
        return notes.keep_both(tuple(sides))

    @staticmethod
    def _merged_flag(sides: Sequence[Any]) -> str:
        """The first side's flag unless it has none (a flag set by one side is kept)."""
        for side in sides:
            if side.flag != "none":
                return str(side.flag)
        return "none"

    def _resolve_now(self, flag: str, text: str) -> None:
        if len(text) > MAX_NOTE_CHARS:
            self._show_error(
                self.tr(
                    'Both texts together have {n} characters; the limit is {max}. Use "Edit a merge".'
                ).format(n=len(text), max=MAX_NOTE_CHARS)
            )
            return
        engine = self.client.engine
        order_id = self.order_id
        base = self.view.revision if self.view is not None else self.base_revision
        reason = self.reason_text.text().strip()
        self._dirty = False
        self._write(
            lambda: notes.resolve_conflict(engine, order_id, flag, text, reason, base),
            self.tr("Conflict resolved"),
        )

    # ------------------------------------------------------------------ rejected changes

    def _on_history_link(self, url: QUrl) -> None:
        link = url.toString()
        if link.startswith("fix:"):
            self.fix_rejected(int(link[4:]))

    def fix_rejected(self, seq: int) -> None:
        """Load a rejected change into the editor; saving resends it corrected."""
        entry = next((e for e in self.history if getattr(e, "seq", None) == seq), None)
        if entry is None:
            return
        self._show_in_editor(entry.flag, entry.text)
        index = self.reason_combo.findData(entry.reason_code)
        self.reason_combo.setCurrentIndex(max(index, 0))
        self.reason_text.setText(entry.reason or "")
        self._dirty = True
        self.fixing_seq = seq
        needs = entry.error_code == "reason_required"  # refused for lack of a reason: add one
        if needs != self._fix_needs_reason:
            self._fix_needs_reason = needs
            self._show_reason_policy()
        if self.view is not None:
            self.base_revision = self.view.revision
        self._show_error(
            self.tr("Rejected: {error} Fix it and save to send it again.").format(error=_rejection(entry))
        )
        self.text_edit.setFocus()


class OrderNoteMarks(QObject):
    """Shows each order's flag colour and the note's first line in the customer panel.

    Follows the panel: whenever it shows a buyer (``customer_shown``), the notes of that buyer's
    orders are read on a worker; the panel's model asks ``row_extra`` for an order row's line and
    icon. (Not a delegate: a Python override of a void virtual such as ``initStyleOption`` runs
    for every row at every paint, and under PySide6 6.12 each such call drops a reference to
    ``None`` until the interpreter aborts.)"""

    updated = Signal()

    def __init__(self, panel: CustomerPanel, client: Client, background: Background) -> None:
        super().__init__(panel)
        self.panel = panel
        self.client = client
        self.background = background
        self.summaries: dict[int, tuple[str, str, bool, bool]] = {}
        self._generation = 0
        self._lines: dict[int, tuple[str, QIcon | None] | None] = {}
        panel.orders_model.row_extra = self.row_extra
        panel.customer_shown.connect(self.refresh)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(RELOAD_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)

    def refresh(self, *_args: object) -> None:
        data = self.panel.data
        if data is None:
            return
        order_ids = [o.id for o in data.orders]
        db = self.client.db
        self._generation += 1
        generation = self._generation

        def work() -> dict[int, tuple[str, str, bool, bool]]:
            out: dict[int, tuple[str, str, bool, bool]] = {}
            with db.session() as s:
                # most orders have no note: read the full view only of those that have one
                noted = set(s.scalars(select(OrderNote.id).where(OrderNote.id.in_(order_ids))))
                written = s.scalars(
                    select(func.json_extract(OutboxEntry.args, "$.order_id")).where(
                        OutboxEntry.name.in_(notes.NOTE_MUTATIONS), OutboxEntry.status == OutboxStatus.PENDING
                    )
                )
                noted |= {int(x) for x in written if x is not None}
                for oid in order_ids:
                    if oid not in noted:
                        out[oid] = ("none", "", False, False)
                        continue
                    v = notes.note_view(s, oid)
                    out[oid] = (v.flag, "" if v.deleted else v.text, bool(v.pending), bool(v.conflict))
            return out

        def done(result: dict[int, tuple[str, str, bool, bool]]) -> None:
            if generation != self._generation:
                return
            changed = any(self.summaries.get(k) != v for k, v in result.items())
            self.summaries.update(result)
            if changed:
                for key, summary in result.items():
                    self._lines[key] = self._line(*summary)
                # row heights change with the extra line: let the view lay the rows out again
                model = self.panel.orders_model
                if model.roots:
                    model.dataChanged.emit(model.index(0, 0), model.index(len(model.roots) - 1, 0))
                self.panel.orders.doItemsLayout()
            self.updated.emit()

        self.background.run(
            work,
            done,
            lambda exc: log.warning("reading order notes failed: %s", exc),
            name="notes.marks",
            owner=self,
        )

    def on_changes(self, summary: Any) -> None:
        ids: dict[str, set[str]] = summary.ids
        if summary.reset or ids.get("order_note") or ids.get("note_entry"):
            self._refresh_timer.start()

    def row_extra(self, key: Any) -> tuple[str, QIcon | None] | None:
        """For the panel's model: an order row's note line and flag icon (None: nothing)."""
        return self._lines.get(key) if isinstance(key, int) else None

    @staticmethod
    def _line(flag: str, text: str, pending: bool, conflict: bool) -> tuple[str, QIcon | None] | None:
        words = [flag_label(flag)] if flag != "none" else []
        line = first_line(text)
        if line:
            words.append(QCoreApplication.translate("NoteEditor", "Note: {text}").format(text=line))
        if conflict:
            words.append(QCoreApplication.translate("NoteEditor", "note conflict"))
        elif pending:
            words.append(QCoreApplication.translate("NoteEditor", "pending sync"))
        if not words:
            return None
        return " · ".join(words), (flag_icon(flag) if flag != "none" else None)
