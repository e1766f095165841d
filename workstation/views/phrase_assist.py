"""Quick phrases in a composer: a '/' completion popup and a suggestions panel.

Thin over ``workstation.phrases`` (search, variables) and ``workstation.suggest`` (suggestions):
the index is built on a worker (``workstation.background``), searched on the UI thread (a few
milliseconds per keystroke with 15,000 phrases, see ``benchmarks/bench_phrases.py``).

The composer owns the editor; this object only watches it (an event filter for the popup's keys,
``textChanged`` for the trigger and for highlighting unresolved variables) and inserts text at the
cursor. A phrase variable without a value in the open conversation is inserted as ``{标签}`` and
highlighted; ``missing_variables()`` names them so that the composer can block sending.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from workstation.background import Background
from workstation.gcpolicy import gc_paused
from workstation.models import Message
from workstation.phrases import (
    PhraseHit,
    PhraseIndex,
    VariableContext,
    answered_examples,
    context_for,
    fill,
    missing_labels,
    record_use,
    today_text,
    unresolved,
)
from workstation.suggest import Suggester, Suggestion
from workstation.sync import PhraseView
from workstation.views import theme

if TYPE_CHECKING:
    from workstation.client import Client

log = logging.getLogger(__name__)

#: phrases listed in the popup
POPUP_ROWS = 8
#: suggestions shown beside the composer (Alt+1 .. Alt+N)
SUGGESTIONS = 3
#: characters of a phrase shown on one line of the popup or of the panel
LINE_CHARS = 60
#: '/' then up to this many non-space characters, right before the cursor, opens the popup
_TRIGGER_RE = re.compile(r"/([^\s/]{0,24})$")
#: what the character before '/' may not be: a URL (http://, a/b) is no trigger
_NO_TRIGGER_BEFORE = re.compile(r"[0-9A-Za-z:/.]")


def one_line(text: str, limit: int = LINE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(frozen=True)
class _Loaded:
    index: PhraseIndex
    suggester: Suggester


@dataclass(frozen=True)
class _ConversationFacts:
    conversation_id: int | None
    context: VariableContext
    buyer_message: str


class PhraseHitModel(QAbstractListModel):
    """The popup's rows: code and the phrase's first line."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[PhraseHit] = []

    def set_hits(self, hits: list[PhraseHit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        p = self.hits[index.row()].phrase
        if role == Qt.ItemDataRole.DisplayRole:
            code = f"/{p.code}  " if p.code else ""
            return code + one_line(p.text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return p.text
        if role == Qt.ItemDataRole.UserRole:
            return p.id
        return None


class PhrasePopup(QFrame):
    """The completion list with a preview of the selected phrase filled for this conversation.

    A tool-tip window: it shows above everything without taking the keyboard from the editor,
    which keeps receiving the typed letters (the popup's keys reach it through the editor's event
    filter)."""

    activated = Signal(str)  # phrase id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("phrasePopup")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.Box)
        self.model = PhraseHitModel(self)
        self.list = QListView(self)
        self.list.setObjectName("phrasePopupList")
        self.list.setAccessibleName(self.tr("Matching quick phrases"))
        self.list.setModel(self.model)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.clicked.connect(
            lambda index: self.activated.emit(str(index.data(Qt.ItemDataRole.UserRole)))
        )
        self.preview = QLabel(self)
        self.preview.setObjectName("phrasePopupPreview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setMinimumHeight(48)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hint = QLabel(self.tr("↑↓ choose · Enter/Tab insert · Esc close"), self)
        self.hint.setObjectName("phrasePopupHint")
        self.hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.list)
        layout.addWidget(self.preview)
        layout.addWidget(self.hint)
        self.setFixedWidth(460)

    def set_hits(self, hits: list[PhraseHit]) -> None:
        """Show ``hits``, the first one selected; the list is as tall as its rows."""
        self.model.set_hits(hits)
        if hits:
            self.list.setCurrentIndex(self.model.index(0, 0))
        row_height = self.list.sizeHintForRow(0) if hits else self.fontMetrics().height() + 4
        self.list.setFixedHeight(max(1, len(hits)) * row_height + 2 * self.list.frameWidth())
        self.adjustSize()

    def current_id(self) -> str | None:
        index = self.list.currentIndex()
        return str(index.data(Qt.ItemDataRole.UserRole)) if index.isValid() else None

    def move_selection(self, delta: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        row = self.list.currentIndex().row()
        row = (row + delta) % rows if row >= 0 else 0
        self.list.setCurrentIndex(self.model.index(row, 0))


class SuggestionPanel(QWidget):
    """Up to three phrases fitting the buyer's latest message, Alt+1/2/3 to insert one."""

    chosen = Signal(str)  # phrase id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phraseSuggestions")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.title = QLabel(self.tr("Suggested phrases"), self)
        self.title.setObjectName("phraseSuggestionsTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.empty = QLabel(self.tr("No phrase fits the buyer's latest message"), self)
        self.empty.setObjectName("phraseSuggestionsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        self.buttons: list[QPushButton] = []
        self._ids: list[str] = []
        for n in range(SUGGESTIONS):
            button = QPushButton(self)
            button.setObjectName(f"phraseSuggestion{n + 1}")
            button.setFlat(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet("text-align: left; padding: 4px;")
            policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            # The panel keeps its size whatever the number of suggestions: a composer that grew
            # or shrank with each buyer message would move the thread above it.
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)
            button.clicked.connect(lambda _checked=False, i=n: self._choose(i))
            button.setVisible(False)
            layout.addWidget(button)
            self.buttons.append(button)
        layout.addStretch(1)

    def _choose(self, n: int) -> None:
        if n < len(self._ids):
            self.chosen.emit(self._ids[n])

    def set_suggestions(self, items: list[tuple[str, str]]) -> None:
        """``items``: (phrase id, text as it would be inserted), best first."""
        self._ids = [pid for pid, _t in items[:SUGGESTIONS]]
        for n, button in enumerate(self.buttons):
            if n < len(items):
                _pid, text = items[n]
                button.setText(f"Alt+{n + 1}  {one_line(text, 40)}")
                button.setToolTip(text)
                button.setVisible(True)
            else:
                button.setVisible(False)
        self.empty.setVisible(not items)

    def ids(self) -> list[str]:
        return list(self._ids)


class PhraseAssist(QObject):
    """Quick phrases for one composer: '/'-completion popup + suggestions panel."""

    phrase_inserted = Signal(str)  # phrase id
    #: the phrases were (re)loaded; for tests and for screens that show a count
    phrases_loaded = Signal(int)
    #: the suggestions for the current conversation changed (phrase ids, best first)
    suggestions_changed = Signal(list)

    def __init__(
        self,
        editor: QPlainTextEdit,
        client: Client,
        parent: QObject | None = None,
        *,
        background: Background | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.client = client
        # The app's runner when given; otherwise one of our own (a pool of one thread is enough
        # for an index build now and then).
        self.background = background if background is not None else Background(self, max_threads=1)
        self._index: PhraseIndex | None = None
        self._suggester: Suggester | None = None
        self._conversation_id: int | None = None
        user = client.user
        self._context = VariableContext(
            staff_id=user.staff_id, agent_name=user.display_name, today=today_text()
        )
        self._buyer_message = ""
        self._generation = 0
        self._facts_generation = 0
        self._suggestions: list[Suggestion] = []
        #: where the '/' of a popup the agent closed with Esc sits (it stays closed for that '/')
        self._dismissed_at: int | None = None
        self._trigger_start: int | None = None
        #: what the popup shows: (trigger position, query, index searched)
        self._shown: tuple[int, str, PhraseIndex | None] | None = None

        self.popup = PhrasePopup(editor)
        # Create the native window and polish it now rather than on the agent's first '/'
        # (that first show took ~0.2 s here).
        self.popup.create()
        self.popup.ensurePolished()
        self.popup.adjustSize()
        self.popup.activated.connect(self.insert_phrase)
        self.popup.list.selectionModel().currentChanged.connect(lambda *_: self._update_preview())
        self.panel = SuggestionPanel()
        self.panel.chosen.connect(self.insert_phrase)

        editor.installEventFilter(self)
        editor.textChanged.connect(self._on_text_changed)
        editor.cursorPositionChanged.connect(self._update_popup)
        self._shortcuts = []
        for n in range(SUGGESTIONS):
            shortcut = QShortcut(QKeySequence(f"Alt+{n + 1}"), editor)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda i=n: self.insert_suggestion(i))
            self._shortcuts.append(shortcut)
        self.refresh()

    # ------------------------------------------------------------------ interface

    def set_conversation(self, conversation_id: int | None) -> None:
        """The conversation the composer answers: its variable values and its latest buyer
        message (for suggestions) are read on a worker. Call it again when a new buyer message
        arrived, to update the suggestions."""
        self._conversation_id = conversation_id
        self._facts_generation += 1
        generation = self._facts_generation
        db, user = self.client.db, self.client.user

        def load() -> _ConversationFacts:
            with db.session() as s:
                ctx = context_for(s, conversation_id, user)
                text = ""
                if conversation_id is not None:
                    text = (
                        s.scalar(
                            select(Message.text)
                            .where(Message.conversation_id == conversation_id, Message.sender == "buyer")
                            .order_by(Message.created_at.desc(), Message.id.desc())
                            .limit(1)
                        )
                        or ""
                    )
            return _ConversationFacts(conversation_id, ctx, text)

        def done(facts: _ConversationFacts) -> None:
            if generation != self._facts_generation:
                return  # another conversation was opened meanwhile
            self._context = facts.context
            self._buyer_message = facts.buyer_message
            self._update_suggestions()
            self._update_preview()

        self.background.run(load, done, self._on_load_error, name="phrase-context", owner=self)

    def suggestions_widget(self) -> QWidget:
        return self.panel

    def missing_variables(self) -> list[str]:
        """Chinese labels of the variables still written as ``{标签}`` in the editor."""
        return missing_labels(self.editor.toPlainText())

    def refresh(self) -> None:
        """Reload the phrases and usage counts (after a sync brought phrase changes, or after a
        local edit) on a worker; the popup and the suggestions update when it is done."""
        self._generation += 1
        generation = self._generation
        db, user_id = self.client.db, self.client.user.id

        def build() -> _Loaded:
            # Hundreds of thousands of small objects: without the pause, the collector's full
            # passes (which hold the GIL) stalled the UI thread for up to 0.4 s per build.
            with gc_paused():
                index = PhraseIndex.load(db, user_id)
                with db.session() as s:
                    examples = answered_examples(s, user_id, index.phrases)
                return _Loaded(index, Suggester(index.phrases, index.usage_counts(), examples=examples))

        def done(loaded: _Loaded) -> None:
            if generation != self._generation:
                self.background.run(loaded.suggester.release, name="phrase-release")
                return
            old = self._suggester
            self._index = loaded.index
            self._suggester = loaded.suggester
            if old is not None:
                # Freed on a worker, piece by piece: dropped here, freeing the old suggester's
                # index would hold the UI thread for as long as that takes.
                self.background.run(old.release, name="phrase-release")
            self.phrases_loaded.emit(len(loaded.index))
            self._update_suggestions()
            if self.popup.isVisible():
                self._update_popup()

        self.background.run(build, done, self._on_load_error, name="phrase-index", owner=self)

    # ------------------------------------------------------------------ more public API

    @property
    def index(self) -> PhraseIndex | None:
        return self._index

    @property
    def context(self) -> VariableContext:
        return self._context

    def suggestion_ids(self) -> list[str]:
        return self.panel.ids()

    def insert_suggestion(self, n: int) -> None:
        ids = self.panel.ids()
        if 0 <= n < len(ids):
            self.insert_phrase(ids[n])

    def insert_phrase(self, phrase_id: str) -> None:
        """Insert a phrase, filled for the open conversation, at the cursor (replacing the '/…'
        the agent typed, if the popup is open), and count the use."""
        if self._index is None:
            return
        phrase = self._index.get(phrase_id)
        if phrase is None:
            return
        filled = fill(phrase.text, self._context)
        cursor = self.editor.textCursor()
        trigger = self._trigger()
        if trigger is not None:
            start, _query = trigger
            cursor.setPosition(start)
            cursor.setPosition(self.editor.textCursor().position(), QTextCursor.MoveMode.KeepAnchor)
        self.popup.hide()
        self._trigger_start = None
        cursor.insertText(filled.text)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()
        self._count_use(phrase_id)
        self.phrase_inserted.emit(phrase_id)

    # ------------------------------------------------------------------ internals

    def _on_load_error(self, exc: BaseException) -> None:
        # Reading the local cache failed (a damaged file is handled when the app opens it): the
        # composer keeps working without phrases; the log says why.
        log.warning("quick phrases could not be loaded: %s", exc)

    def _count_use(self, phrase_id: str) -> None:
        index = self._index
        if index is None:
            return
        db = self.client.db
        generation = self._generation

        def work() -> PhraseIndex:
            count = record_use(db, phrase_id)
            with gc_paused():
                return index.with_use(phrase_id, count)

        def done(updated: PhraseIndex) -> None:
            # A refresh in between read the new count from the database already.
            if generation == self._generation and self._index is index:
                self._index = updated

        self.background.run(work, done, self._on_load_error, name="phrase-usage", owner=self)

    def _trigger(self) -> tuple[int, str] | None:
        """(document position of the '/', query) when the text before the cursor ends with a
        '/…' trigger, else None."""
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            return None
        block = cursor.block()
        before = block.text()[: cursor.positionInBlock()]
        m = _TRIGGER_RE.search(before)
        if m is None:
            return None
        if m.start() > 0 and _NO_TRIGGER_BEFORE.match(before[m.start() - 1]):
            return None
        return block.position() + m.start(), m.group(1)

    def _on_text_changed(self) -> None:
        self._highlight_missing()
        self._update_popup()

    def _highlight_missing(self) -> None:
        selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(theme.color("missing_bg"))
        fmt.setToolTip(self.tr("No value for this variable in this conversation: replace it before sending"))
        doc = self.editor.document()
        for start, end, _label in unresolved(self.editor.toPlainText()):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(doc)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        self.editor.setExtraSelections(selections)

    def _update_popup(self) -> None:
        trigger = self._trigger()
        if trigger is None:
            self._trigger_start = None
            self._dismissed_at = None
            self.popup.hide()
            return
        start, query = trigger
        if self._trigger_start != start:
            self._dismissed_at = None
        self._trigger_start = start
        if self._dismissed_at == start:
            return
        shown = (start, query, self._index)
        if self.popup.isVisible() and shown == self._shown:
            # A keystroke emits textChanged and cursorPositionChanged: search once.
            return
        self._shown = shown
        if self._index is None:
            self.popup.set_hits([])
            self.popup.preview.setText(self.tr("Loading phrases…"))
        else:
            self.popup.set_hits(self._index.search(query, POPUP_ROWS))
            self._update_preview()
        self._place_popup()
        self.popup.show()

    def _place_popup(self) -> None:
        """Below the cursor; above it when the screen ends first; never past the right edge."""
        rect = self.editor.cursorRect()
        viewport = self.editor.viewport()
        pos = viewport.mapToGlobal(QPoint(rect.left(), rect.bottom() + 4))
        screen = self.editor.screen().availableGeometry()
        size = self.popup.size()
        if pos.y() + size.height() > screen.bottom():
            pos.setY(viewport.mapToGlobal(QPoint(0, rect.top() - 4)).y() - size.height())
        pos.setX(max(screen.left(), min(pos.x(), screen.right() - size.width())))
        self.popup.move(pos)

    def _update_preview(self) -> None:
        if not self.popup.isVisible() and not self.popup.model.hits:
            return
        pid = self.popup.current_id()
        phrase = self._index.get(pid) if (self._index is not None and pid) else None
        if phrase is None:
            self.popup.preview.setText(
                self.tr("No phrase matches") if self._index is not None else self.tr("Loading phrases…")
            )
            return
        filled = fill(phrase.text, self._context)
        text = filled.text
        if filled.missing:
            text += "\n" + self.tr("No value here for: {names}").format(names="、".join(filled.missing))
        self.popup.preview.setText(text)

    def _update_suggestions(self) -> None:
        suggester = self._suggester
        if suggester is None or not self._buyer_message:
            self._suggestions = []
        else:
            self._suggestions = suggester.suggest(self._buyer_message, SUGGESTIONS)
        self.panel.set_suggestions(
            [(s.phrase.id, fill(s.phrase.text, self._context).text) for s in self._suggestions]
        )
        self.suggestions_changed.emit([s.phrase.id for s in self._suggestions])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor:
            if event.type() == QEvent.Type.KeyPress and self.popup.isVisible():
                assert isinstance(event, QKeyEvent)
                key = event.key()
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                    self.popup.move_selection(1 if key == Qt.Key.Key_Down else -1)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
                    pid = self.popup.current_id()
                    if pid is not None:
                        self.insert_phrase(pid)
                        return True
                    self.popup.hide()
                    return key == Qt.Key.Key_Tab
                if key == Qt.Key.Key_Escape:
                    self._dismissed_at = self._trigger_start
                    self.popup.hide()
                    return True
            elif event.type() == QEvent.Type.FocusOut or event.type() == QEvent.Type.Hide:
                self.popup.hide()
        return super().eventFilter(watched, event)


__all__ = ["PhraseAssist", "PhrasePopup", "PhraseView", "SuggestionPanel"]
