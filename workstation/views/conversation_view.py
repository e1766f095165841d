"""The conversation dock (header + the cached thread as plain text) and the buyer card of the
customer/order dock. Both read the local cache on a worker and show what they read.

Buyers paste anything, so the thread is shown as plain text (``QPlainTextEdit``), never as rich
text or HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine, select

from workstation.background import Background
from workstation.models import Buyer, Colleague, Conversation, Message, Shop
from workstation.views.labels import group_label, platform_label, sender_label, status_label


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
    shop_name: str = ""
    platform: str = ""
    group: str = ""
    status: str = ""
    assignee_name: str = ""
    assignee_staff_id: str = ""
    #: (sender, author display name, text, created_at naive UTC)
    messages: list[tuple[str, str, str, datetime]] = field(default_factory=list)


def load_detail(engine: Engine, conversation_id: int, message_limit: int = 500) -> ConversationDetail:
    """Read a conversation, its buyer, shop and last ``message_limit`` messages. Worker-safe."""
    with engine.connect() as conn:
        conv = conn.execute(select(Conversation).where(Conversation.id == conversation_id)).first()
        if conv is None:
            return ConversationDetail(id=conversation_id, found=False)
        detail = ConversationDetail(
            id=conversation_id,
            found=True,
            buyer_id=conv.buyer_id,
            group=conv.group,
            status=conv.status,
        )
        buyer = conn.execute(select(Buyer).where(Buyer.id == conv.buyer_id)).first()
        if buyer is not None:
            detail.buyer_nickname = buyer.nickname
            detail.buyer_name = buyer.name
            detail.phone_masked = buyer.phone_masked
            detail.address_short = buyer.address_short
            detail.vip_level = buyer.vip_level
        shop = conn.execute(select(Shop).where(Shop.id == conv.shop_id)).first()
        if shop is not None:
            detail.shop_name = shop.name
            detail.platform = shop.platform
        names: dict[int, tuple[str, str]] = {
            row.id: (row.display_name, row.staff_id)
            for row in conn.execute(select(Colleague.id, Colleague.display_name, Colleague.staff_id))
        }
        if conv.assignee_id is not None and conv.assignee_id in names:
            detail.assignee_name, detail.assignee_staff_id = names[conv.assignee_id]
        rows = conn.execute(
            select(Message.sender, Message.author_id, Message.text, Message.created_at)
            .where(Message.conversation_id == conversation_id)
            .order_by(Message.created_at.desc(), Message.id.desc())
            .limit(message_limit)
        ).all()
        for sender, author_id, text, created_at in reversed(rows):
            author = ""
            if sender == "buyer":
                author = detail.buyer_nickname
            elif author_id is not None and author_id in names:
                author = names[author_id][0]
            detail.messages.append((sender, author, text, created_at))
        return detail


def _local_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%m-%d %H:%M:%S")


class ConversationPanel(QWidget):
    """Header and thread of the open conversation."""

    #: the shown conversation was (re)loaded: its id
    loaded = Signal(int)

    def __init__(self, background: Background, engine: Engine | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationPanel")
        self.background = background
        self.engine = engine
        self.conversation_id: int | None = None
        self.detail: ConversationDetail | None = None
        self._generation = 0
        self._shown_id: int | None = None

        self.header = QLabel(self)
        self.header.setObjectName("conversationHeader")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.subheader = QLabel(self)
        self.subheader.setObjectName("conversationSubheader")
        self.subheader.setTextFormat(Qt.TextFormat.PlainText)
        self.thread_view = QPlainTextEdit(self)
        self.thread_view.setObjectName("conversationThread")
        self.thread_view.setReadOnly(True)
        self.thread_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.thread_view.setUndoRedoEnabled(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.subheader)
        layout.addWidget(self.thread_view, 1)
        self._show_empty()

    def _show_empty(self) -> None:
        self.header.setText(self.tr("No conversation open"))
        self.subheader.setText(self.tr("Select a conversation in the queue and press Enter."))
        self.thread_view.setPlainText("")

    def show_conversation(self, conversation_id: int | None) -> None:
        self.conversation_id = conversation_id
        if conversation_id is None:
            self.detail = None
            self._show_empty()
            return
        self.reload()

    def reload(self) -> None:
        if self.conversation_id is None or self.engine is None:
            return
        # A later request supersedes an earlier one still running: only the newest is shown.
        self._generation += 1
        generation, cid, engine = self._generation, self.conversation_id, self.engine
        self.background.run(
            lambda: load_detail(engine, cid),
            lambda detail: self._on_loaded(generation, detail),
            lambda exc: self._on_failed(generation, exc),
            name="conversation.load",
            owner=self,
        )

    def _on_loaded(self, generation: int, detail: ConversationDetail) -> None:
        if generation != self._generation:
            return
        self.detail = detail
        if not detail.found:
            self.header.setText(self.tr("Conversation {id} is not in the local cache").format(id=detail.id))
            self.subheader.setText("")
            self.thread_view.setPlainText("")
            self.loaded.emit(detail.id)
            return
        self.header.setText(
            self.tr("{buyer} · {shop}").format(buyer=detail.buyer_nickname or detail.buyer_id,
                                               shop=detail.shop_name)
        )
        parts = [group_label(detail.group), status_label(detail.status)]
        if detail.assignee_name:
            parts.append(self.tr("Agent: {name}({staff_id})").format(
                name=detail.assignee_name, staff_id=detail.assignee_staff_id))
        self.subheader.setText(" · ".join(parts))
        lines = []
        for sender, author, text, created_at in detail.messages:
            who = f"{sender_label(sender)} {author}".strip()
            lines.append(f"[{_local_time(created_at)}] {who}:")
            lines.extend("    " + line for line in text.splitlines() or [""])
        scroll = self.thread_view.verticalScrollBar()
        same = self._shown_id == detail.id
        at_bottom = scroll.value() >= scroll.maximum() - 4
        previous = scroll.value()
        empty = self.tr("No messages in the local cache yet.")
        self.thread_view.setPlainText("\n".join(lines) if lines else empty)
        # A thread opens at its newest message; a live update keeps an agent who scrolled up to
        # read history where they were.
        scroll.setValue(scroll.maximum() if (not same or at_bottom) else previous)
        self._shown_id = detail.id
        self.loaded.emit(detail.id)

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.header.setText(self.tr("Could not read the conversation from the local cache"))
        self.subheader.setText(str(exc))


class BuyerCard(QFrame):
    """The buyer card of the customer/order dock (the full panel comes later)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("buyerCard")
        self.title = QLabel(self)
        self.title.setObjectName("buyerCardTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.nickname = QLabel(self)
        self.name = QLabel(self)
        self.phone = QLabel(self)
        self.address = QLabel(self)
        self.vip = QLabel(self)
        self.shop = QLabel(self)
        for label in (self.nickname, self.name, self.phone, self.address, self.vip, self.shop):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("Nickname"), self.nickname)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Region"), self.address)
        form.addRow(self.tr("VIP level"), self.vip)
        form.addRow(self.tr("Shop"), self.shop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addStretch(1)
        self.show_detail(None)

    def show_detail(self, detail: ConversationDetail | None) -> None:
        if detail is None or not detail.found or detail.buyer_id is None:
            self.title.setText(self.tr("No buyer selected"))
            for label in (self.nickname, self.name, self.phone, self.address, self.vip, self.shop):
                label.setText("—")
            return
        self.title.setText(self.tr("Buyer"))
        self.nickname.setText(detail.buyer_nickname or "—")
        self.name.setText(detail.buyer_name or "—")
        self.phone.setText(detail.phone_masked or "—")
        self.address.setText(detail.address_short or "—")
        self.vip.setText(str(detail.vip_level) if detail.vip_level is not None else "—")
        shop = detail.shop_name
        if detail.platform:
            shop = f"{shop}({platform_label(detail.platform)})"
        self.shop.setText(shop or "—")
