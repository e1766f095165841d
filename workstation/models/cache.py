"""Cache tables: a copy of server state, one table per synced entity (see ``wsprotocol``).

Every row carries the server ``version`` at which it last changed. Foreign keys are deliberately
not declared: pages arrive in version order, so a conversation can arrive before its buyer.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, Integer, String, Text
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


#: wire entity name -> cache table class, in the order a reset clears them
CACHE_TABLES: dict[str, type[Base]] = {
    "shop": Shop,
    "user": Colleague,
    "buyer": Buyer,
    "conversation": Conversation,
    "message": Message,
    "phrase": Phrase,
}
