"""Local tables: what only this workstation knows. A cache rebuild never touches them."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workstation.models.base import Base


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"  # written locally, not yet acknowledged by the server
    APPLIED = "applied"  # the server applied it (kept for a while as a journal)
    REJECTED = "rejected"  # the server refused it for good; content kept to fix and resend


class OutboxEntry(Base):
    """One local change, in the order it was made. ``seq`` is this client's sequence number."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    mutation_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    args: Mapped[dict[str, Any]] = mapped_column(JSON)
    base_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    authored_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default=OutboxStatus.PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    server_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    acked_at: Mapped[datetime | None]


class Draft(Base):
    """A reply being written, per conversation; survives crashes and restarts."""

    __tablename__ = "draft"
    conversation_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]


class PhraseUsage(Base):
    """How often this agent inserted each quick phrase (ranks search and suggestions)."""

    __tablename__ = "phrase_usage"
    phrase_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    last_used_at: Mapped[datetime]


class SyncState(Base):
    """Key-value facts about this cache: ``client_id``, ``cursor``, ``epoch``, ``schema_id``,
    ``server_url``, ``staff_id``. The cursor is written in the same transaction as the page it
    follows."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SnapshotSeen(Base):
    """Ids received during a cache rebuild (reset) that has not finished yet.

    A reset pulls a fresh snapshot over the old cache and only when the snapshot is complete
    deletes the cache rows it did not contain; this table remembers what it contained, in the
    same transactions as the pages, so that a rebuild interrupted by a crash resumes instead of
    starting over or deleting too much.
    """

    __tablename__ = "snapshot_seen"
    entity: Mapped[str] = mapped_column(String(16), primary_key=True)
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
