"""Cache tables: a copy of server state, one table per synced entity (see ``wsprotocol``).

Every row carries the server ``version`` at which it last changed. Foreign keys are deliberately
not declared: pages arrive in version order, so a conversation can arrive before its buyer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base


class Shop(Base):
    __tablename__ = "shop"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int]
    name: Mapped[str] = mapped_column(String(128))
    platform: Mapped[str] = mapped_column(String(16))


class Colleague(Base):
    """A user who shares a shop with the logged-in user (entity ``user`` on the wire)."""

    __tablename__ = "colleague"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int]
    staff_id: Mapped[str] = mapped_column(String(64), index=True)
    display_name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    shop_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    permissions: Mapped[list[str]] = mapped_column(JSON, default=list)


class Buyer(Base):
    __tablename__ = "buyer"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int]
    shop_id: Mapped[int] = mapped_column(Integer, index=True)
    nickname: Mapped[str] = mapped_column(String(128), index=True)
    name: Mapped[str] = mapped_column(String(128))
    phone_masked: Mapped[str] = mapped_column(String(32))
    address_short: Mapped[str] = mapped_column(String(128))
    vip_level: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    addresses_short: Mapped[list[str]] = mapped_column(JSON, default=list)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    first_contact_at: Mapped[datetime | None]
    last_contact_at: Mapped[datetime | None]
    order_count: Mapped[int] = mapped_column(Integer, default=0)
    total_spent_fen: Mapped[int] = mapped_column(Integer, default=0)
    notes_count: Mapped[int] = mapped_column(Integer, default=0)


class Conversation(Base):
    __tablename__ = "conversation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int]
    shop_id: Mapped[int] = mapped_column(Integer)
    buyer_id: Mapped[int] = mapped_column(Integer, index=True)
    group: Mapped[str] = mapped_column(String(16))
    priority: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16))
    assignee_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    assignment_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    waiting_since: Mapped[datetime | None]
    last_message_at: Mapped[datetime]
    last_message_preview: Mapped[str] = mapped_column(Text, default="")
    last_message_from: Mapped[str] = mapped_column(String(8), default="buyer")
    closed_at: Mapped[datetime | None]
    close_category: Mapped[str | None] = mapped_column(String(16), nullable=True)
    escalated_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_conversation_status_shop", "status", "shop_id"),)


class Message(Base):
    __tablename__ = "message"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int]
    conversation_id: Mapped[int] = mapped_column(Integer, index=True)
    sender: Mapped[str] = mapped_column(String(8))
    author_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class Phrase(Base):
    __tablename__ = "phrase"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int]
    shop_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    owner_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    group_name: Mapped[str] = mapped_column(String(64), default="")
    code: Mapped[str] = mapped_column(String(32), default="")
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Order(Base):
    """An order (entity ``order``). Items, discounts and presale are JSON as on the wire."""

    __tablename__ = "shop_order"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int]
    order_no: Mapped[str] = mapped_column(String(32), index=True)
    shop_id: Mapped[int] = mapped_column(Integer)
    buyer_id: Mapped[int] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    paid_at: Mapped[datetime | None]
    shipped_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    discounts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    item_total_fen: Mapped[int] = mapped_column(Integer, default=0)
    shipping_fee_fen: Mapped[int] = mapped_column(Integer, default=0)
    paid_fen: Mapped[int] = mapped_column(Integer, default=0)
    receiver_name: Mapped[str] = mapped_column(String(128), default="")
    receiver_phone_masked: Mapped[str] = mapped_column(String(32), default="")
    address_short: Mapped[str] = mapped_column(String(128), default="")
    buyer_message: Mapped[str] = mapped_column(Text, default="")
    presale: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    promised_ship_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]

    # the unpaid-nudge list reads unpaid orders by creation time
    __table_args__ = (Index("ix_shop_order_status_created", "status", "created_at"),)


class Shipment(Base):
    __tablename__ = "shipment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int]
    order_id: Mapped[int] = mapped_column(Integer, index=True)
    shop_id: Mapped[int] = mapped_column(Integer)
    carrier: Mapped[str] = mapped_column(String(16))
    tracking_no: Mapped[str] = mapped_column(String(40), index=True)
    state: Mapped[str] = mapped_column(String(20))
    events: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    last_event_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    # the stuck-parcel list reads undelivered parcels by their last event
    __table_args__ = (Index("ix_shipment_state_last_event", "state", "last_event_at"),)


class AfterSale(Base):
    __tablename__ = "aftersale"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int]
    order_id: Mapped[int] = mapped_column(Integer, index=True)
    shop_id: Mapped[int] = mapped_column(Integer)
    buyer_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(20))
    timeline: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class OrderNote(Base):
    """The seller note and flag of an order as the server has it (entity ``order_note``); the
    screens show pending local edits on top (see ``workstation.sync``)."""

    __tablename__ = "order_note"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int]
    shop_id: Mapped[int] = mapped_column(Integer)
    flag: Mapped[str] = mapped_column(String(8), default="none")
    text: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    deleted_at: Mapped[datetime | None]
    restored: Mapped[bool] = mapped_column(Boolean, default=False)
    conflict: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)


class NoteEntry(Base):
    __tablename__ = "note_entry"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int]
    order_id: Mapped[int] = mapped_column(Integer)
    shop_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))
    flag: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    reason_code: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(String(200), default="")
    author_id: Mapped[int] = mapped_column(Integer)
    authored_at: Mapped[datetime]
    applied_at: Mapped[datetime]
    base_revision: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(12))
    result_flag: Mapped[str] = mapped_column(String(8))
    result_text: Mapped[str] = mapped_column(Text)

    # an order's history, newest first
    __table_args__ = (Index("ix_note_entry_order_revision", "order_id", "revision"),)


class Shift(Base):
    __tablename__ = "shift"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int]
    shop_id: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(32))
    start: Mapped[str] = mapped_column(String(5))
    end: Mapped[str] = mapped_column(String(5))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Handover(Base):
    __tablename__ = "handover"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int]
    shop_id: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(Integer)
    shift_date: Mapped[str] = mapped_column(String(10))
    from_shift: Mapped[str] = mapped_column(String(16))
    to_shift: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12))
    published_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]


class HandoverItem(Base):
    __tablename__ = "handover_item"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int]
    handover_id: Mapped[str] = mapped_column(String(64), index=True)
    shop_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    order_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    conversation_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    due_at: Mapped[datetime | None]
    state: Mapped[str] = mapped_column(String(8), default="open")
    done_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    done_at: Mapped[datetime | None]
    carried_from: Mapped[str | None] = mapped_column(String(64), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    target_missing: Mapped[bool] = mapped_column(Boolean, default=False)


class HandoverAck(Base):
    __tablename__ = "handover_ack"
    id: Mapped[str] = mapped_column(String(140), primary_key=True)
    version: Mapped[int]
    handover_id: Mapped[str] = mapped_column(String(64), index=True)
    shop_id: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(Integer)
    acked_at: Mapped[datetime]


#: wire entity name -> cache table class, in the order a reset clears them
CACHE_TABLES: dict[str, type[Base]] = {
    "shop": Shop,
    "user": Colleague,
    "buyer": Buyer,
    "conversation": Conversation,
    "message": Message,
    "phrase": Phrase,
    "order": Order,
    "shipment": Shipment,
    "aftersale": AfterSale,
    "order_note": OrderNote,
    "note_entry": NoteEntry,
    "shift": Shift,
    "handover": Handover,
    "handover_item": HandoverItem,
    "handover_ack": HandoverAck,
}
