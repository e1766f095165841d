"""The reply composer under the thread: a multi-line editor, a character counter, the send button
and the reason when sending is not possible; drafts per conversation (``workstation.drafts``).

What the agent types is never lost: it is saved as a draft 300 ms after the last change (on a
worker, one save at a time) and at once when another conversation opens or the window closes. A
reply leaves the draft only when the server has acknowledged it; offline, or when a send fails,
the text stays in the editor (and in the draft) with the reason. A retry of the same text uses the
same ``client_msg_id``, so the buyer never gets it twice.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workstation import drafts
from workstation.background import Background
from workstation.views import theme
from wsprotocol import MAX_REPLY_CHARS

if TYPE_CHECKING:
    from workstation.client import Client

log = logging.getLogger(__name__)

#: Enter sends, Ctrl+Enter or Shift+Enter makes a new line
SEND_ENTER = "enter"
#: Ctrl+Enter sends, Enter makes a new line
SEND_CTRL_ENTER = "ctrl_enter"
SEND_KEYS = (SEND_ENTER, SEND_CTRL_ENTER)
#: milliseconds after the last keystroke before the draft is saved
DRAFT_DELAY_MS = 300


class ReplyEdit(QPlainTextEdit):
    """Plain-text reply editor: the send key (setting "send key") emits ``send_requested``."""

    send_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replyEditor")
        self.send_key = SEND_ENTER
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(True)

    def insertFromMimeData(self, source: Any) -> None:
        # Pasted HTML stays text: only the plain-text part of the clipboard is inserted.
        if source.hasText():
            self.insertPlainText(source.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
            sends = (not ctrl and not shift) if self.send_key == SEND_ENTER else ctrl
            if sends:
                event.accept()
                self.send_requested.emit()
                return
            if ctrl or shift or self.send_key == SEND_CTRL_ENTER:
                self.insertPlainText("\n")
                event.accept()
                return
        super().keyPressEvent(event)


class Composer(QWidget):
    """Editor + counter + send button + status line; knows one conversation at a time."""

    #: a reply was acknowledged by the server: (conversation id)
    sent = Signal(int)
    #: a calm message for the status bar
    message = Signal(str)

    def __init__(self, client: Client, background: Background, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.client = client
        self.background = background
        self.conversation_id: int | None = None
        self._can_send = False
        self._cannot_reason = ""
        self._online = True
        self._offline_reason = ""
        self._sending: int | None = None  # conversation id of a send in flight
        self._loading = False  # text set by the program, not typed
        # One draft write at a time, and none after a send took over the draft (see _save_async).
        self._db_lock = threading.Lock()
        self._edit_gen = 0
        #: the newest edit known to be in the database (nothing to write when it is the current)
        self._stored_gen = 0
        self._sent_upto: dict[int, int] = {}
        self._saving = False
        self._save_again = False
        self._note = ""

        self.editor = ReplyEdit(self)
        self.editor.setPlaceholderText(self.tr("Type a reply…  (/ for quick phrases)"))
        self.editor.setAccessibleName(self.tr("Reply"))
        self.editor.setMinimumHeight(70)
        self.counter = QLabel(self)
        self.counter.setObjectName("replyCounter")
        self.status = QLabel(self)
        self.status.setObjectName("composerStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setObjectName("sendButton")
        self.send_button.clicked.connect(self.send)
        self.editor.send_requested.connect(self.send)
        self.editor.textChanged.connect(self._on_text_changed)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(DRAFT_DELAY_MS)
        self._save_timer.timeout.connect(self._save_async)

        self.assist: Any = None
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.counter)
        bottom.addWidget(self.send_button)
        left_widget = QWidget(self)
        left = QVBoxLayout(left_widget)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.editor, 1)
        left.addLayout(bottom)
        # Editor and suggestions side by side; the agent can move the divider.
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("composerSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left_widget)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.splitter)
        self._attach_phrase_assist()
        self._update()

    def _attach_phrase_assist(self) -> None:
        """Quick phrases: the '/' popup on the editor and the suggestions beside it."""
        try:
            from workstation.views.phrase_assist import PhraseAssist
        except ImportError:  # pragma: no cover - the quick-phrase module is part of the app
            log.warning("quick phrases are not available")
            return
        self.assist = PhraseAssist(self.editor, self.client, self, background=self.background)
        panel = self.assist.suggestions_widget()
        panel.setParent(self)
        # The suggestions give way first when the dock is narrow (the editor matters more).
        panel.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.splitter.addWidget(panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([1000, 1000])  # half and half at first (scaled to the real width)

    # ------------------------------------------------------------------ state

    def set_send_key(self, key: str) -> None:
        self.editor.send_key = key if key in SEND_KEYS else SEND_ENTER
        self._update()

    def set_online(self, online: bool, reason: str = "") -> None:
        if online and not self._online and self._note == self.tr("Offline, saved as a draft"):
            self._note = ""  # back online: the draft can be sent now
        self._online = online
        self._offline_reason = reason
        self._update()

    def set_conversation(self, conversation_id: int | None, draft: drafts.DraftState | None = None) -> None:
        """Show ``conversation_id``'s draft. The draft of the one shown before is saved first."""
        if conversation_id == self.conversation_id:
            return
        self.flush()
        self.conversation_id = conversation_id
        self._loading = True
        try:
            self.editor.setPlainText(draft.text if draft is not None else "")
        finally:
            self._loading = False
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self._stored_gen = self._edit_gen  # what is shown is what is stored
        self._note = ""
        if self.assist is not None:
            self.assist.set_conversation(conversation_id)
        self._update()

    def set_permission(self, can_send: bool, reason: str = "") -> None:
        """Whether this agent may answer the shown conversation (only its assignee can)."""
        self._can_send = can_send
        self._cannot_reason = reason
        self._update()

    def refresh_suggestions(self) -> None:
        """A new buyer message arrived: suggestions follow the latest one."""
        if self.assist is not None:
            self.assist.set_conversation(self.conversation_id)

    def blocked_reason(self) -> str | None:
        """Why a send cannot happen now, or None."""
        text = self.editor.toPlainText()
        if self.conversation_id is None:
            return self.tr("Open a conversation to reply")
        if self._sending is not None:
            return self.tr("Sending…")
        if not self._can_send:
            return self._cannot_reason or self.tr("Claim this conversation first to reply")
        if not text.strip():
            return self.tr("Type a reply first")
        if len(text) > MAX_REPLY_CHARS:
            return self.tr(
                "The reply has {n} characters; at most {max} can be sent at once. "
                "Shorten it or send it in parts."
            ).format(n=len(text), max=MAX_REPLY_CHARS)
        if self.assist is not None:
            missing = self.assist.missing_variables()
            if missing:
                return self.tr("Fill in {names} before sending").format(names="、".join(missing))
        if not self._online:
            return self.tr("Offline, saved as a draft")
        return None

    def _update(self) -> None:
        n = len(self.editor.toPlainText())
        self.counter.setText(f"{n} / {MAX_REPLY_CHARS}")
        self.counter.setProperty("over", n > MAX_REPLY_CHARS)
        level = "error" if n > MAX_REPLY_CHARS else ("warn" if n > MAX_REPLY_CHARS * 0.9 else "")
        self.counter.setStyleSheet(f"color: {theme.color(level).name()};" if level else "")
        reason = self.blocked_reason()
        self.send_button.setEnabled(reason is None)
        tip = self.tr("Send the reply ({key})").format(
            key=self.tr("Enter") if self.editor.send_key == SEND_ENTER else self.tr("Ctrl+Enter")
        )
        self.send_button.setToolTip(tip if reason is None else reason)
        editable = self.conversation_id is not None and self._sending is None
        self.editor.setReadOnly(not editable)
        # A standing reason (who may answer, offline) is visible before typing; otherwise the
        # outcome of the last attempt (sent, why not), which the next edit clears.
        standing = ""
        if self.conversation_id is not None and self._sending is None:
            if not self._can_send:
                standing = self._cannot_reason or self.tr("Claim this conversation first to reply")
            elif not self._online:
                standing = (
                    self.tr("Offline, saved as a draft")
                    if self.editor.toPlainText().strip()
                    else self._offline_reason or self.tr("Offline: replies are kept as drafts")
                )
        self.status.setText(standing or self._note)

    def _say(self, note: str) -> None:
        self._note = note
        self._update()

    # ------------------------------------------------------------------ drafts

    def _on_text_changed(self) -> None:
        if self._loading or self.conversation_id is None:
            return
        self._edit_gen += 1
        self._save_timer.start()
        if self._sending is None:
            self._note = ""  # a failure note belongs to the text it was about
        self._update()

    def _save_async(self) -> None:
        """Save the shown draft on a worker; one save at a time, the newest text wins."""
        cid = self.conversation_id
        if cid is None or cid == self._sending:
            return
        if self._saving:
            self._save_again = True
            return
        self._saving = True
        text, gen, db = self.editor.toPlainText(), self._edit_gen, self.client.db
        sent_upto, lock = self._sent_upto, self._db_lock

        def work() -> None:
            with lock:
                # A send started after this edit owns the draft now (it may already be gone).
                if sent_upto.get(cid, -1) >= gen:
                    return
                drafts.save(db, cid, text)

        self.background.run(
            work, lambda _r: self._on_saved(cid, gen), self._on_save_failed, name="draft.save", owner=self
        )

    def _on_saved(self, cid: int, gen: int) -> None:
        self._saving = False
        if cid == self.conversation_id:
            self._stored_gen = max(self._stored_gen, gen)
        if self._save_again:
            self._save_again = False
            self._save_async()

    def _on_save_failed(self, exc: BaseException) -> None:
        self._saving = False
        log.error("draft could not be saved", exc_info=exc)
        self._say(self.tr("The draft could not be saved: {reason}").format(reason=exc))

    def flush(self) -> None:
        """Save the shown draft now, on this thread (switching conversation, closing)."""
        self._save_timer.stop()
        cid = self.conversation_id
        if cid is None or cid == self._sending:
            return
        if self._stored_gen >= self._edit_gen:
            return  # nothing typed since the draft was last written (or loaded)
        text = self.editor.toPlainText()
        try:
            with self._db_lock:
                if self._sent_upto.get(cid, -1) >= self._edit_gen:
                    return
                drafts.save(self.client.db, cid, text)
            self._stored_gen = self._edit_gen
        except Exception as exc:  # the database is closing or damaged: say so, keep the text
            log.error("draft could not be saved", exc_info=exc)

    # ------------------------------------------------------------------ sending

    def send(self) -> None:
        """Send the reply on a worker; the draft is cleared only after the server's answer."""
        reason = self.blocked_reason()
        cid = self.conversation_id
        if reason is not None or cid is None:
            if reason is not None and cid is not None:
                if not self._online:
                    self.flush()
                self._say(reason)
            return
        text = self.editor.toPlainText()
        self._save_timer.stop()
        self._sending = cid
        self._sent_upto[cid] = self._edit_gen
        self._note = self.tr("Sending…")
        self._update()
        client, lock = self.client, self._db_lock

        def work() -> Any:
            with lock:
                msg_id = drafts.prepare_send(client.db, cid, text)
            response = client.send_reply(cid, text, msg_id)
            with lock:
                drafts.acknowledge(client.db, cid, msg_id)
            return response

        self.background.run(
            work,
            lambda r: self._on_sent(cid, r),
            lambda e: self._on_send_failed(cid, e),
            name="composer.send",
            owner=self,
        )

    def _on_sent(self, cid: int, _response: Any) -> None:
        self._sending = None
        if cid == self.conversation_id:
            self._loading = True
            try:
                self.editor.clear()
            finally:
                self._loading = False
            self._note = self.tr("Sent")
        self._update()
        self.sent.emit(cid)

    def _on_send_failed(self, cid: int, exc: BaseException) -> None:
        from workstation import api

        self._sending = None
        # The text stays: in the editor (if still shown) and in the draft (prepare_send wrote it).
        self._sent_upto.pop(cid, None)
        if isinstance(exc, api.Offline | api.ServerUnavailable):
            reason = self.tr("Offline, saved as a draft")
        elif isinstance(exc, api.ClaimLost | api.NotAssignee):
            assignee = getattr(exc, "assignee", None)
            reason = (
                self.tr("Not sent: already taken by {name}({staff_id})").format(
                    name=assignee.display_name, staff_id=assignee.staff_id
                )
                if assignee is not None
                else self.tr("Not sent: this conversation is closed or no longer yours")
            )
        elif isinstance(exc, api.Unauthorized):
            reason = self.tr("Not sent: please log in again (File → Log in again); the reply is kept")
        elif isinstance(exc, api.ApiError):
            reason = self.tr("Not sent: {reason}").format(reason=exc.message)
        elif isinstance(exc, ValueError):
            reason = self.tr("Not sent: {reason}").format(reason=str(exc))
        else:
            self._update()
            raise exc
        if cid == self.conversation_id:
            self._note = reason
        self.message.emit(reason)
        self._update()


__all__ = ["DRAFT_DELAY_MS", "SEND_CTRL_ENTER", "SEND_ENTER", "SEND_KEYS", "Composer", "ReplyEdit"]
