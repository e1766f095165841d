"""The conversation dock: header (buyer, shop, group, status, who serves it) with the action
buttons (transfer, close, escalate), the thread (``thread_view``) and the reply composer
(``composer``).

Everything is read from the local cache on a worker (``Background.run``) and shown when read. A
live change (a sync brought new messages) appends the new messages only; the agent's scroll
position is kept unless they were at the newest message. Actions need the server: they run on a
worker through the client core, and their outcome is said calmly in the status bar.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine, select

from workstation import drafts
from workstation.background import Background
from workstation.db import LocalDB
from workstation.models import Buyer, Colleague, Conversation, Shop
from workstation.views.composer import Composer
from workstation.views.conversation_actions import (
    CloseDialog,
    EscalateDialog,
    TransferDialog,
    close_category_label,
    load_colleagues,
)
from workstation.views.labels import group_label, status_label
from workstation.views.thread_view import ThreadMessage, ThreadView, display_text

if TYPE_CHECKING:
    from workstation.client import Client

log = logging.getLogger(__name__)


@dataclass
class ConversationDetail:
    """What the conversation and buyer docks show for one conversation, read in one go."""

    id: int
    found: bool
    buyer_id: int | None = None
    buyer_nickname: str = ""
    buyer_name: str = ""
    phone_masked: str = ""
    address_short: str = ""
    vip_level: int | None = None
    shop_id: int | None = None
    shop_name: str = ""
    platform: str = ""
    group: str = ""
    status: str = ""
    assignee_id: int | None = None
    assignment_version: int = 0
    assignee_name: str = ""
    assignee_staff_id: str = ""
    close_category: str | None = None
    escalated_at: datetime | None = None
    #: the whole thread (``incremental``: only the messages after ``after_id``), oldest first
    messages: list[ThreadMessage] = field(default_factory=list)
    incremental: bool = False
    #: the newest message the agent had seen before this load (None: never opened)
    last_seen: int | None = None
    draft: drafts.DraftState | None = None


def load_detail(db: LocalDB, conversation_id: int, after_id: int | None = None) -> ConversationDetail:
    """Read a conversation, its buyer, shop and messages (all, or those after ``after_id``), and
    the local facts (draft, last seen). Worker-safe."""
    engine: Engine = db.engine
    with engine.connect() as conn:
        conv = conn.execute(select(Conversation).where(Conversation.id == conversation_id)).first()
        if conv is None:
            return ConversationDetail(id=conversation_id, found=False)
        detail = ConversationDetail(
            id=conversation_id,
            found=True,
            buyer_id=conv.buyer_id,
            shop_id=conv.shop_id,
            group=conv.group,
            status=conv.status,
            assignee_id=conv.assignee_id,
            assignment_version=conv.assignment_version,
            close_category=conv.close_category,
            escalated_at=conv.escalated_at,
        )
        buyer = conn.execute(select(Buyer).where(Buyer.id == conv.buyer_id)).first()
        if buyer is not None:
            detail.buyer_nickname = buyer.nickname
            detail.buyer_name = buyer.name
            detail.phone_masked = buyer.phone_masked
            detail.address_short = buyer.address_short
            detail.vip_level = buyer.vip_level
        shop = conn.execute(select(Shop.name, Shop.platform).where(Shop.id == conv.shop_id)).first()
        if shop is not None:
            detail.shop_name, detail.platform = shop.name, shop.platform
        names: dict[int, tuple[str, str]] = {
            row.id: (row.display_name, row.staff_id)
            for row in conn.execute(select(Colleague.id, Colleague.display_name, Colleague.staff_id))
        }
        if conv.assignee_id is not None and conv.assignee_id in names:
            detail.assignee_name, detail.assignee_staff_id = names[conv.assignee_id]
        detail.messages = read_messages(engine, conversation_id, detail.buyer_nickname, names, after_id)
        detail.incremental = after_id is not None
    if after_id is None:
        detail.last_seen = drafts.last_seen(db, conversation_id)
        detail.draft = drafts.load(db, conversation_id)
    return detail


def read_messages(
    engine: Engine,
    conversation_id: int,
    buyer_nickname: str,
    names: dict[int, tuple[str, str]],
    after_id: int | None = None,
) -> list[ThreadMessage]:
    """The thread's messages (after ``after_id``), oldest first, as display rows. One raw query:
    a 5,000-message thread is read in a few milliseconds."""
    sql = (
        "SELECT id, sender, author_id, text, created_at FROM message WHERE conversation_id = ?"
        + (" AND id > ?" if after_id is not None else "")
        + " ORDER BY created_at, id"
    )
    params: tuple[Any, ...] = (conversation_id, after_id) if after_id is not None else (conversation_id,)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(sql, params).all()
    out: list[ThreadMessage] = []
    fromiso = datetime.fromisoformat
    for mid, sender, author_id, text, created in rows:
        if sender == "buyer":
            author = buyer_nickname
        elif author_id is not None and author_id in names:
            name, staff_id = names[author_id]
            author = f"{name}({staff_id})" if sender == "agent" else name
        else:
            author = ""
        out.append(
            ThreadMessage(
                mid,
                sender,
                author,
                display_text(text or ""),
                created if isinstance(created, datetime) else fromiso(created),
                author_id,
            )
        )
    return out


class ConversationPanel(QWidget):
    """Header with actions, thread and composer of the open conversation."""

    #: the shown conversation was (re)loaded: its id
    loaded = Signal(int)
    #: a calm message for the status bar (an action's outcome, why it cannot be done)
    message = Signal(str)

    def __init__(self, client: Client, background: Background, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationPanel")
        self.client = client
        self.background = background
        self.conversation_id: int | None = None
        self.detail: ConversationDetail | None = None
        self._generation = 0
        self._online = not getattr(client, "offline", False)
        self._offline_reason = ""
        self._busy_action = False
        self._seen_marked: tuple[int, int] | None = None

        self.header = QLabel(self)
        self.header.setObjectName("conversationHeader")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.subheader = QLabel(self)
        self.subheader.setObjectName("conversationSubheader")
        self.subheader.setTextFormat(Qt.TextFormat.PlainText)
        self.subheader.setWordWrap(True)
        self.thread_view = ThreadView(self)
        self.composer = Composer(client, background, self)
        self.composer.message.connect(self.message)
        self.composer.sent.connect(self._on_reply_sent)
        self.thread_view.reached_bottom.connect(self._mark_seen)

        self.transfer_action = self._action("transferAction", self.tr("&Transfer…"), "Ctrl+T", self.transfer)
        self.close_action = self._action(
            "closeConversationAction", self.tr("C&lose conversation…"), "Ctrl+W", self.close_conversation
        )
        self.escalate_action = self._action(
            "escalateAction", self.tr("&Escalate to supervisor…"), "Ctrl+E", self.escalate
        )
        self.focus_composer_action = self._action(
            "focusComposerAction", self.tr("&Reply"), "Ctrl+R", self.focus_composer
        )

        # Titles above, short buttons below them on the right: the dock stays narrow enough to
        # sit between the queue and the customer panel on a 1366-pixel screen.
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.header)
        titles.addWidget(self.subheader)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(4)
        buttons.addStretch(1)
        self.action_buttons: dict[str, QToolButton] = {}
        for action, short in (
            (self.transfer_action, self.tr("Transfer")),
            (self.escalate_action, self.tr("Escalate")),
            (self.close_action, self.tr("Close")),
        ):
            action.setIconText(short)  # what the button says; the menu keeps the full text
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setObjectName(action.objectName().replace("Action", "Button"))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
            self.action_buttons[action.objectName()] = button
        titles.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("conversationSplitter")
        self.splitter.addWidget(self.thread_view)
        self.splitter.addWidget(self.composer)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(titles)
        layout.addWidget(self.splitter, 1)
        self._show_empty()

    def _action(self, name: str, text: str, keys: str, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # ------------------------------------------------------------------ state

    def _show_empty(self) -> None:
        self.header.setText(self.tr("No conversation open"))
        self.subheader.setText(self.tr("Select a conversation in the queue and press Enter."))
        self.thread_view.set_messages([])
        self.composer.set_conversation(None)
        self._update_actions()

    def set_online(self, online: bool, state: str = "") -> None:
        """Whether the server can decide actions and sends now; ``state`` is the sync state that
        says why not (``offline``, ``needs_login``, ``app_too_old``)."""
        reasons = {
            "needs_login": self.tr("Your login expired: log in again (File → Log in again)"),
            "app_too_old": self.tr("This version is too old for the server: please update Workstation"),
        }
        offline = self.tr("Offline: this needs a connection to the server")
        reason = "" if online else reasons.get(state, offline)
        self._online = online
        self._offline_reason = reason
        self.composer.set_online(online, reason)
        self._update_actions()

    def set_send_key(self, key: str) -> None:
        self.composer.set_send_key(key)

    def _is_mine(self) -> bool:
        d = self.detail
        return d is not None and d.found and d.status == "assigned" and d.assignee_id == self.client.user.id

    def action_disabled_reason(self) -> str | None:
        """Why transfer/close/escalate cannot be done now, or None."""
        d = self.detail
        if d is None or not d.found or self.conversation_id is None:
            return self.tr("Open a conversation first")
        if self._busy_action:
            return self.tr("Waiting for the server's answer…")
        if d.status == "closed":
            return self.tr("This conversation is closed")
        supervisor = self.client.user.role in ("supervisor", "admin")
        if not self._is_mine() and not supervisor:
            if d.status == "waiting":
                return self.tr("Claim this conversation first (Ctrl+J)")
            return self.tr("Served by {name}: only they or a supervisor can do this").format(
                name=d.assignee_name or "?"
            )
        if not self._online:
            return self._offline_reason or self.tr("Offline: this needs a connection to the server")
        return None

    def _update_actions(self) -> None:
        reason = self.action_disabled_reason()
        for action in (self.transfer_action, self.close_action, self.escalate_action):
            action.setEnabled(reason is None)
            tip = (
                action.text().replace("&", "").rstrip("…")
                + " ("
                + action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                + ")"
            )
            action.setToolTip(tip if reason is None else reason)
            action.setStatusTip(tip if reason is None else reason)
        self.focus_composer_action.setEnabled(self.conversation_id is not None)
        d = self.detail
        if d is None or not d.found:
            self.composer.set_permission(False)
            return
        if self._is_mine():
            self.composer.set_permission(True)
        elif d.status == "closed":
            self.composer.set_permission(False, self.tr("This conversation is closed"))
        elif d.status == "waiting":
            self.composer.set_permission(False, self.tr("Claim this conversation first to reply (Ctrl+J)"))
        else:
            self.composer.set_permission(
                False,
                self.tr("Served by {name}: only the agent serving it can reply").format(
                    name=d.assignee_name or "?"
                ),
            )

    # ------------------------------------------------------------------ loading

    def show_conversation(self, conversation_id: int | None) -> None:
        if conversation_id == self.conversation_id and self.detail is not None:
            self.refresh()
            return
        self.composer.flush()
        self.conversation_id = conversation_id
        self.detail = None
        if conversation_id is None:
            self._show_empty()
            return
        self.header.setText(self.tr("Loading…"))
        self.subheader.setText("")
        self.reload()

    def reload(self) -> None:
        """Read the whole conversation again (opening it, or after a cache rebuild)."""
        if self.conversation_id is None:
            return
        self._generation += 1
        generation, cid, db = self._generation, self.conversation_id, self.client.db
        self.background.run(
            lambda: load_detail(db, cid),
            lambda detail: self._on_loaded(generation, detail),
            lambda exc: self._on_failed(generation, exc),
            name="conversation.load",
            owner=self,
        )

    def refresh(self) -> None:
        """Something changed in the cache: read the conversation and only the new messages."""
        if self.conversation_id is None:
            return
        if self.detail is None or not self.detail.found:
            self.reload()
            return
        self._generation += 1
        generation, cid, db = self._generation, self.conversation_id, self.client.db
        after = self.thread_view.thread_model.last_id or 0
        self.background.run(
            lambda: load_detail(db, cid, after_id=after),
            lambda detail: self._on_loaded(generation, detail),
            lambda exc: self._on_failed(generation, exc),
            name="conversation.refresh",
            owner=self,
        )

    def _on_loaded(self, generation: int, detail: ConversationDetail) -> None:
        if generation != self._generation or detail.id != self.conversation_id:
            return
        if not detail.found:
            self.detail = detail
            self.header.setText(self.tr("Conversation {id} is not in the local cache").format(id=detail.id))
            self.subheader.setText("")
            self.thread_view.set_messages([])
            self.composer.set_conversation(detail.id, drafts.DraftState(detail.id, "", None, None))
            self._update_actions()
            self.loaded.emit(detail.id)
            return
        model = self.thread_view.thread_model
        if detail.incremental and self.detail is not None and self.detail.found:
            last = model.last_id or 0
            new = [m for m in detail.messages if m.id > last]
            detail.messages = []
            detail.last_seen, detail.draft = self.detail.last_seen, self.detail.draft
            self.detail = detail
            if new:
                was_at_bottom = self.thread_view.at_bottom()
                me = self.client.user.id
                first_new = len(model.messages) + next(
                    (i for i, m in enumerate(new) if m.author_id != me), len(new)
                )
                self.thread_view.append_messages(new)
                if not was_at_bottom and model.first_unread < 0 and first_new < len(model.messages):
                    # Arrived while the agent reads older messages: mark where the new ones start.
                    self.thread_view.set_first_unread(first_new)
                if any(m.sender == "buyer" for m in new):
                    self.composer.refresh_suggestions()
                if was_at_bottom and self.isVisible():
                    self._mark_seen()
        else:
            messages, detail.messages = detail.messages, []
            # The same thread read again (a cache rebuild): the agent keeps reading where they were.
            anchor = (
                self.thread_view.top_message_id()
                if self.detail is not None and self.detail.found and not self.thread_view.at_bottom()
                else None
            )
            self.detail = detail
            first_unread = -1
            if detail.last_seen is not None:
                # What this agent wrote or caused (replies, a claim) is not news to them.
                me, seen = self.client.user.id, detail.last_seen
                first_unread = next(
                    (i for i, m in enumerate(messages) if m.id > seen and m.author_id != me), -1
                )
            self.thread_view.set_messages(messages, first_unread)
            if anchor is not None:
                self.thread_view.scroll_to_message(anchor)
            self.composer.set_conversation(detail.id, detail.draft)
            if messages and self.isVisible() and self.thread_view.at_bottom():
                self._mark_seen()
        self._show_header(detail)
        self._update_actions()
        self.loaded.emit(detail.id)

    def _show_header(self, d: ConversationDetail) -> None:
        self.header.setText(
            self.tr("{buyer} · {shop}").format(buyer=d.buyer_nickname or d.buyer_id, shop=d.shop_name)
        )
        parts = [group_label(d.group), status_label(d.status)]
        if d.status == "closed" and d.close_category:
            parts[-1] = f"{parts[-1]}({close_category_label(d.close_category)})"
        if d.assignee_name:
            parts.append(
                self.tr("Agent: {name}({staff_id})").format(
                    name=d.assignee_name, staff_id=d.assignee_staff_id
                )
            )
        if d.escalated_at is not None and d.status != "closed":
            parts.append(self.tr("Escalated to a supervisor"))
        self.subheader.setText(" · ".join(parts))

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        log.error("conversation could not be read", exc_info=exc)
        self.header.setText(self.tr("Could not read the conversation from the local cache"))
        self.subheader.setText(str(exc))

    def _mark_seen(self) -> None:
        cid, last = self.conversation_id, self.thread_view.thread_model.last_id
        if cid is None or last is None or self._seen_marked == (cid, last):
            return
        self._seen_marked = (cid, last)
        db = self.client.db
        self.background.run(
            lambda: drafts.mark_seen(db, cid, last),
            None,
            lambda exc: log.warning("could not remember the read position: %s", exc),
            name="thread.seen",
            owner=self,
        )

    def _on_reply_sent(self, cid: int) -> None:
        if cid == self.conversation_id:
            self.refresh()

    def flush_draft(self) -> None:
        """Save the draft now (the window closes)."""
        self.composer.flush()

    def focus_composer(self) -> None:
        dock = self.parentWidget()
        if dock is not None and hasattr(dock, "raise_"):
            dock.show()
            dock.raise_()
        self.composer.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ------------------------------------------------------------------ actions

    def _check_action(self) -> ConversationDetail | None:
        reason = self.action_disabled_reason()
        if reason is not None:
            self.message.emit(reason)
            return None
        return self.detail

    def transfer(self) -> None:
        d = self._check_action()
        if d is None or d.shop_id is None:
            return
        db, shop_id, me, group = self.client.db, d.shop_id, self.client.user.id, d.group
        self.background.run(
            lambda: load_colleagues(db.engine, shop_id, me),
            lambda colleagues: self._open_transfer(d, colleagues, group),
            lambda exc: self.message.emit(str(exc)),
            name="conversation.colleagues",
            owner=self,
        )

    def _open_transfer(self, d: ConversationDetail, colleagues: list[Any], group: str) -> None:
        if d.id != self.conversation_id:
            return  # another conversation was opened meanwhile
        dialog = TransferDialog(colleagues, group, self)
        self.transfer_dialog: TransferDialog | None = dialog

        def accepted() -> None:
            user_id, to_group = dialog.choice()
            note, cid, version = dialog.note_text(), d.id, d.assignment_version
            target = next(
                (f"{c.display_name}({c.staff_id})" for c in colleagues if c.id == user_id),
                group_label(to_group or ""),
            )
            client = self.client
            self._run_action(
                lambda: client.transfer(
                    cid,
                    version,
                    to_user_id=user_id,
                    to_group=to_group,  # type: ignore[arg-type]
                    note=note,
                ),
                self.tr("Transferred to {target}").format(target=target),
                self.tr("Could not transfer"),
            )

        dialog.accepted.connect(accepted)
        dialog.open()

    def close_conversation(self) -> CloseDialog | None:
        d = self._check_action()
        if d is None:
            return None
        dialog = CloseDialog(self)
        self.close_dialog = dialog

        def accepted() -> None:
            category, note, cid, version = dialog.category(), dialog.note_text(), d.id, d.assignment_version
            client = self.client
            self._run_action(
                lambda: client.close_conversation(cid, version, category, note),  # type: ignore[arg-type]
                self.tr("Conversation closed ({category})").format(
                    category=close_category_label(category or "")
                ),
                self.tr("Could not close"),
            )

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def escalate(self) -> EscalateDialog | None:
        d = self._check_action()
        if d is None:
            return None
        dialog = EscalateDialog(self)
        self.escalate_dialog = dialog

        def accepted() -> None:
            note, cid = dialog.note_text(), d.id
            client = self.client
            self._run_action(
                lambda: client.escalate(cid, note),
                self.tr("Escalated to a supervisor"),
                self.tr("Could not escalate"),
            )

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def _run_action(self, fn: Any, done_text: str, failed_text: str) -> None:
        self._busy_action = True
        self._update_actions()
        self.message.emit(self.tr("Waiting for the server's answer…"))
        self.background.run(
            fn,
            lambda _r: self._on_action_done(done_text),
            lambda exc: self._on_action_failed(failed_text, exc),
            name="conversation.action",
            owner=self,
        )

    def _on_action_done(self, text: str) -> None:
        self._busy_action = False
        # actions.py wrote the server's answer (conversation and system message) into the cache.
        self.refresh()
        self.message.emit(text)

    def _on_action_failed(self, failed_text: str, exc: BaseException) -> None:
        from workstation import api

        self._busy_action = False
        if isinstance(exc, api.ClaimLost | api.NotAssignee):
            assignee = getattr(exc, "assignee", None)
            reason = (
                self.tr("Already taken by {name}({staff_id})").format(
                    name=assignee.display_name, staff_id=assignee.staff_id
                )
                if assignee is not None
                else self.tr("The conversation changed meanwhile (closed or moved)")
            )
            self.refresh()
        elif isinstance(exc, api.Offline | api.ServerUnavailable):
            reason = self.tr("the server cannot be reached; try again when online")
        elif isinstance(exc, api.Unauthorized):
            reason = self.tr("please log in again")
        elif isinstance(exc, api.ApiError):
            reason = exc.message
        elif isinstance(exc, ValueError):
            reason = str(exc)
        else:
            self._update_actions()
            raise exc
        self._update_actions()
        self.message.emit(f"{failed_text}: {reason}")
