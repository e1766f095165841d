"""The thread of a conversation: a flat list model over the messages and a delegate that shows
them as plain-text blocks (buyer on the left, agent on the right, system lines centred and small).

Buyers paste anything (HTML, ``<script>``, links, emoji, control characters, 20,000 characters):
nothing here ever interprets text as rich text. The delegate only fills in the style option
(``initStyleOption``: the text, its alignment, colours, the block's width) and leaves measuring
and painting to Qt's C++ item painting, which draws ``option.text`` as plain text. Control and
direction-override characters are replaced by U+FFFD for display only (the stored message
is untouched); a message longer than ``SHOWN_CHARS`` is shown cut with a note, and a double-click
(or Enter) opens the whole text in a read-only plain-text window.

Why the painting is not written in Python: with PySide6 6.12 on Python 3.11 every call of a
``void`` Qt method from Python (``painter.setPen`` ...) drops one reference to ``None``; a Python
``paint()`` makes a dozen such calls per row per frame and brings the interpreter down with
"deallocating None" within seconds of scrolling (a signal emit drops one to ``True``/``False``
likewise). Here Python runs once per row (filling the option), painting stays in C++, and the
scroll handler emits only when the view arrives at the newest message.

Speed: the model holds the whole thread but shows its newest ``WINDOW`` messages first; older ones
are put in front in chunks as the agent scrolls up (the way chat clients page history), so that
opening a 5,000-message thread measures about a hundred rows and paints a screenful, not 5,000
(``benchmarks/bench_thread.py``).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QListView,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from workstation.views import theme
from workstation.views.labels import sender_label

#: characters of one message shown in the thread; the rest is behind a double-click
SHOWN_CHARS = 500
#: messages shown when a thread opens (a few screens); older ones come in chunks of ``OLDER`` as
#: the agent scrolls up
WINDOW = 120
OLDER = 300

# C0 and C1 controls except tab and newline, DEL, and the bidirectional overrides/isolates/marks
# that could make a message display in another order than it was written.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def display_text(text: str) -> str:
    """The text as shown: line ends normalised, tabs as spaces, control and direction-override
    characters replaced by U+FFFD (the replacement character: common fonts have it, the control
    pictures block mostly not). For display only; the message itself is unchanged."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.replace("\t", "    ")
    return _CONTROL_RE.sub("\ufffd", text)


_LONG_RUN_RE = re.compile(r"[^\s\u200b]{24,}")


def _breakable(match: re.Match[str]) -> str:
    run = match.group(0)
    return "\u200b".join(run[i : i + 16] for i in range(0, len(run), 16))


@dataclass(slots=True)
class ThreadMessage:
    """One message of the thread. ``text`` is the display text (see ``display_text``)."""

    id: int
    sender: str
    author: str
    text: str
    created_at: datetime  # naive UTC
    #: the agent who wrote or caused it (None for buyers)
    author_id: int | None = None
    #: who and when, as shown above the text (see ``ThreadModel.header``)
    header: str = ""
    #: what is painted (see ``ThreadDelegate.shown_text``), made on first use
    shown: str = ""


def local_stamp(moment: datetime, now: datetime | None = None) -> str:
    """``HH:MM:SS`` today, ``MM-DD HH:MM`` this year, else ``YYYY-MM-DD HH:MM``; local time.

    Converted with the local UTC offset of now (``astimezone`` per message costs ~30 µs, the
    thread formats hundreds at once): exact in zones without daylight saving (China), and at most
    an hour off for messages from the other half of the year elsewhere."""
    current = now or datetime.now().astimezone()
    offset = current.utcoffset() or timedelta(0)
    local = (moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo is not None else moment) + offset
    if local.date() == current.date():
        return local.strftime("%H:%M:%S")
    if local.year == current.year:
        return local.strftime("%m-%d %H:%M")
    return local.strftime("%Y-%m-%d %H:%M")


_NOW: tuple[float, datetime] = (0.0, datetime.now().astimezone())


def _now() -> datetime:
    """The local time, refreshed at most once a second (hundreds of headers are made at once)."""
    global _NOW
    tick = time.monotonic()
    if tick - _NOW[0] > 1.0:
        _NOW = (tick, datetime.now().astimezone())
    return _NOW[1]


class ThreadModel(QAbstractListModel):
    """The messages of one thread, oldest first; rows are the shown tail ``messages[offset:]``.

    ``first_unread`` is the index (into ``messages``) of the first message that arrived since the
    agent last viewed the thread, or -1; that row carries the "new messages below" marker.
    """

    MessageRole = Qt.ItemDataRole.UserRole + 1
    FirstUnreadRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.messages: list[ThreadMessage] = []
        self.offset = 0
        self.first_unread = -1

    # -- Qt

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.messages) - self.offset

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        i = index.row() + self.offset
        if not 0 <= i < len(self.messages):
            return None
        msg = self.messages[i]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{self.header(msg)}\n{msg.text}"
        if role == self.MessageRole:
            return msg
        if role == self.FirstUnreadRole:
            return i == self.first_unread
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @staticmethod
    def header(msg: ThreadMessage) -> str:
        if not msg.header:  # made once per message: formatting a time costs more than the rest
            stamp = local_stamp(msg.created_at, _now())
            if msg.sender == "system":
                msg.header = stamp  # the text says who did what
            else:
                msg.header = f"{sender_label(msg.sender)} {msg.author}".strip() + "  " + stamp
        return msg.header

    def message_at(self, row: int) -> ThreadMessage:
        return self.messages[row + self.offset]

    # -- changes

    def set_messages(
        self, messages: list[ThreadMessage], first_unread: int = -1, window: int = WINDOW
    ) -> None:
        """A new thread: show its newest ``window`` messages (and the first unread one)."""
        self.beginResetModel()
        self.messages = messages
        self.first_unread = first_unread if 0 <= first_unread < len(messages) else -1
        start = max(0, len(messages) - window)
        if self.first_unread >= 0:
            start = min(start, max(0, self.first_unread - 20))
        self.offset = start
        self.endResetModel()

    def show_older(self, count: int = OLDER) -> int:
        """Put up to ``count`` older messages in front of the shown ones; returns how many."""
        n = min(count, self.offset)
        if n <= 0:
            return 0
        self.beginInsertRows(QModelIndex(), 0, n - 1)
        self.offset -= n
        self.endInsertRows()
        return n

    def append(self, messages: list[ThreadMessage]) -> None:
        if not messages:
            return
        start = self.rowCount()
        self.beginInsertRows(QModelIndex(), start, start + len(messages) - 1)
        self.messages.extend(messages)
        self.endInsertRows()

    def set_first_unread(self, index: int) -> None:
        old, self.first_unread = self.first_unread, (index if 0 <= index < len(self.messages) else -1)
        for i in {old, self.first_unread} - {-1}:
            row = i - self.offset
            if 0 <= row < self.rowCount():
                idx = self.index(row)
                self.dataChanged.emit(idx, idx, [self.FirstUnreadRole, Qt.ItemDataRole.DisplayRole])

    @property
    def last_id(self) -> int | None:
        return self.messages[-1].id if self.messages else None


class ThreadDelegate(QStyledItemDelegate):
    """Fills in how a message looks; Qt's C++ item painting measures and draws it (plain text).

    Buyer messages are blocks on the left, agent messages blocks on the right (three quarters of
    the width each), system messages centred in a smaller font; the first unread message starts
    with the marker line."""

    def __init__(self, model: ThreadModel, view: QListView) -> None:
        super().__init__(view)
        self.model = model
        self.view = view
        self.marker_text = ""
        self.cut_text = ""
        self.set_font(view.font())
        # the text margin Qt's item painting keeps on each side of the text
        self._margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        self._wrap_flags = int(Qt.TextFlag.TextWordWrap)
        self._heights: dict[tuple[int, bool], int] = {}
        self._heights_width = -1
        wrap = QStyleOptionViewItem.ViewItemFeature.WrapText | QStyleOptionViewItem.ViewItemFeature.HasDisplay
        self._features = wrap
        self._left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        self._centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        # block colours come from the active theme at paint time (light or dark)
        self._system_brush = QBrush(Qt.BrushStyle.NoBrush)

    def set_font(self, font: QFont) -> None:
        self._font = QFont(font)
        self._small = QFont(font)
        if font.pixelSize() > 0:
            self._small.setPixelSize(max(8, round(font.pixelSize() * 0.85)))
        else:
            self._small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        self._fm = QFontMetrics(self._font)
        self._small_fm = QFontMetrics(self._small)
        self._heights_width = -1  # measured heights are for the old font: measure again

    def shown_text(self, msg: ThreadMessage, first_unread: bool) -> str:
        """What is painted for ``msg``: header, text (cut, long runs breakable), maybe the marker.
        Made once per message; item painting breaks lines only at U+2028 (the base delegate
        converts "\\n" the same way)."""
        if not msg.shown:
            text = msg.text
            if len(text) > SHOWN_CHARS:
                text = text[:SHOWN_CHARS] + "…\n" + self.cut_text.format(n=len(msg.text))
            # Item painting wraps at word boundaries only: a long link would run out of the block.
            # Zero-width spaces in the painted text (never in the message, nor in what is copied)
            # let it break.
            text = _LONG_RUN_RE.sub(_breakable, text)
            head = self.model.header(msg)
            body = f"{head}\n{text}" if msg.sender != "system" else f"{head}  {text}"
            msg.shown = body.replace("\n", "\u2028")
        if first_unread:
            return f"—— {self.marker_text} ——\u2028{msg.shown}"
        return msg.shown

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        # Measured here rather than by the base class: its measurement (in Qt 6.12) can come out a
        # line short for mixed Chinese/Latin text, and the painting then elides the last line.
        # QFontMetrics.boundingRect is one C++ call (~20 µs for a short message); heights are
        # kept per message and width, so a relayout (older messages put in front, a live append)
        # measures only the new rows.
        i = index.row() + self.model.offset
        msg = self.model.messages[i]
        width = self.view.viewport().width()
        if width != self._heights_width:
            self._heights.clear()
            self._heights_width = width
        first_unread = i == self.model.first_unread
        key = (msg.id, first_unread)
        height = self._heights.get(key)
        if height is None:
            text = self.shown_text(msg, first_unread).replace("\u2028", "\n")
            if msg.sender == "system":
                fm, inner = self._small_fm, max(80, width - 16) - 2 * self._margin
            else:
                fm, inner = self._fm, max(160, int(width * 0.75)) - 2 * self._margin
            rect = fm.boundingRect(QRect(0, 0, inner, 1_000_000), self._wrap_flags, text)
            height = rect.height() + 2 * self._margin + 2
            self._heights[key] = height
        return QSize(width, height)

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        # Deliberately not calling the base: it would ask the model for a dozen roles per row.
        i = index.row() + self.model.offset
        msg = self.model.messages[i]
        first_unread = i == self.model.first_unread
        option.text = self.shown_text(msg, first_unread)
        option.features = self._features
        option.textElideMode = Qt.TextElideMode.ElideNone
        width = self.view.viewport().width()
        rect: QRect = option.rect
        if msg.sender == "system":
            option.font = self._small
            option.displayAlignment = self._centre
            option.backgroundBrush = theme.brush("unread_bg") if first_unread else self._system_brush
            option.rect = QRect(rect.left() + 8, rect.top(), max(80, width - 16), rect.height())
            return
        option.font = self._font
        block = max(160, int(width * 0.75))
        mine = msg.sender == "agent"
        option.displayAlignment = self._left
        option.backgroundBrush = theme.brush(
            "bubble_agent" if mine else ("unread_bg" if first_unread else "bubble_buyer")
        )
        left = rect.left() + (width - block - 8 if mine else 8)
        option.rect = QRect(left, rect.top(), block, rect.height())


class ThreadView(QListView):
    """The thread: a list view over ``ThreadModel`` drawn by ``ThreadDelegate``."""

    #: the view shows the newest message (the agent has read the thread)
    reached_bottom = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationThread")
        self.thread_model = ThreadModel(self)
        self.setModel(self.thread_model)
        self.thread_delegate = ThreadDelegate(self.thread_model, self)
        self.thread_delegate.marker_text = self.tr("New messages below")
        self.thread_delegate.cut_text = self.tr("({n} characters in all: double-click to read everything)")
        self.setItemDelegate(self.thread_delegate)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWordWrap(True)
        self.setSpacing(3)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setAccessibleName(self.tr("Conversation thread"))
        self.doubleClicked.connect(self.show_full_text)
        #: the view stays with the newest message until the agent scrolls away from it
        self.following = True
        self._programmatic = False
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.verticalScrollBar().rangeChanged.connect(self._on_range_changed)
        # Older messages are put in front after the scroll event, not inside it.
        self._older_timer = QTimer(self)
        self._older_timer.setSingleShot(True)
        self._older_timer.setInterval(0)
        self._older_timer.timeout.connect(self.show_older)

    def at_bottom(self) -> bool:
        """Whether the view stays with the newest message (a relayout or a resize keeps it there)."""
        return self.following

    def _at_end(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _on_range_changed(self, _minimum: int, maximum: int) -> None:
        # The rows were measured again or the view was resized: stay with the newest message.
        if self.following:
            self.verticalScrollBar().setValue(maximum)

    def _on_scrolled(self, value: int) -> None:
        if self._programmatic:
            return
        was_following, self.following = self.following, self._at_end()
        if self.following and not was_following:
            # Once per arrival at the end, not per scroll step (see the module note on emits).
            self.reached_bottom.emit()
        if value <= self.verticalScrollBar().singleStep() * 4 and self.thread_model.offset > 0:
            self._older_timer.start()

    def show_older(self, count: int = OLDER) -> int:
        """Show older messages above, keeping the ones in sight where they are."""
        bar = self.verticalScrollBar()
        before_max, before_value = bar.maximum(), bar.value()
        n = self.thread_model.show_older(count)
        if n:
            self.doItemsLayout()
            bar.setValue(before_value + bar.maximum() - before_max)
        return n

    def show_all(self) -> None:
        """Show the whole thread (benchmarks, Ctrl+Home)."""
        while self.show_older(10**9):
            pass

    def set_messages(self, messages: list[ThreadMessage], first_unread: int = -1) -> None:
        """Show a thread from scratch, at the first unread message or else at the newest one."""
        self.thread_model.set_messages(messages, first_unread)
        model = self.thread_model
        if model.first_unread >= 0:
            self.following = False
            self.scrollTo(
                model.index(model.first_unread - model.offset), QAbstractItemView.ScrollHint.PositionAtTop
            )
            self.following = self._at_end()
        else:
            self.following = True
            self.scrollToBottom()

    def append_messages(self, messages: list[ThreadMessage]) -> None:
        """New messages arrived live: append them; follow them only if the agent was at the end."""
        if not messages:
            return
        follow = self.following
        bar = self.verticalScrollBar()
        previous = bar.value()
        self._programmatic = True
        try:
            self.thread_model.append(messages)
        finally:
            self._programmatic = False
        if follow:
            self.scrollToBottom()
        else:
            bar.setValue(previous)

    def set_first_unread(self, index: int) -> None:
        self.thread_model.set_first_unread(index)

    def top_message_id(self) -> int | None:
        """The message at the top of the viewport, or None."""
        index = self.indexAt(self.viewport().rect().topLeft() + QPoint(4, 4))
        return self.thread_model.message_at(index.row()).id if index.isValid() else None

    def scroll_to_message(self, message_id: int) -> bool:
        """Bring ``message_id`` to the top of the viewport (showing older rows if needed)."""
        model = self.thread_model
        at = next((i for i, m in enumerate(model.messages) if m.id == message_id), None)
        if at is None:
            return False
        if at < model.offset:
            self.show_older(model.offset - at)
        self.scrollTo(model.index(at - model.offset), QAbstractItemView.ScrollHint.PositionAtTop)
        return True

    def toPlainText(self) -> str:
        """The whole thread (shown or not yet shown rows) as plain text, a header line per message
        (named like the QPlainTextEdit method this view replaced)."""
        model = self.thread_model
        return "\n".join(f"[{model.header(m)}]\n{m.text}" for m in model.messages)

    def selected_text(self) -> str:
        rows = sorted(i.row() for i in self.selectionModel().selectedIndexes())
        out = []
        for r in rows:
            m = self.thread_model.message_at(r)
            out.append(f"[{self.thread_model.header(m)}]\n{m.text}")
        return "\n\n".join(out)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            text = self.selected_text()
            if text:
                QGuiApplication.clipboard().setText(text)
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.show_full_text(self.currentIndex())
            event.accept()
            return
        if event.key() == Qt.Key.Key_Home and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.show_all()
        super().keyPressEvent(event)

    def show_full_text(self, index: QModelIndex | QPersistentModelIndex) -> QDialog | None:
        """The whole message in a read-only plain-text window (for long or cut messages)."""
        if not index.isValid():
            return None
        msg = self.thread_model.message_at(index.row())
        dialog = QDialog(self)
        dialog.setObjectName("fullMessageDialog")
        dialog.setWindowTitle(self.thread_model.header(msg))
        editor = QPlainTextEdit(dialog)
        editor.setObjectName("fullMessageText")
        editor.setReadOnly(True)
        editor.setPlainText(msg.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(editor)
        layout.addWidget(buttons)
        dialog.resize(640, 480)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


__all__ = [
    "OLDER",
    "SHOWN_CHARS",
    "WINDOW",
    "ThreadDelegate",
    "ThreadMessage",
    "ThreadModel",
    "ThreadView",
    "display_text",
    "local_stamp",
]
