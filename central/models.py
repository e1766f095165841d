"""The service's database records (SQLAlchemy 2, typed).

Every synced row carries ``version``: the value of the global counter (``Meta.version``) that the
transaction which last changed the row allocated for it (see ``central.versions``). Each changed
row gets its own version, so a version identifies one change and a pull cursor is exact.

Times are stored as naive UTC and come back as aware UTC (``UTCDateTime``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints so that Alembic's batch mode (SQLite) can alter them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Naive UTC in the database (same on SQLite and PostgreSQL), aware UTC in Python."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: dict[Any, Any] = {datetime: UTCDateTime()}


class Meta(Base):
    """The single row (id 1): the epoch and the version counter that every write locks."""

    __tablename__ = "meta"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    epoch: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(BigInteger)
    #: tombstones with a version at or below this were purged; older cursors are ``expired``
    purge_version: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime]


user_shop = Table(
    "user_shop",
    Base.metadata,
    Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
    Column("shop_id", ForeignKey("shop.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Shop(Base):
    __tablename__ = "shop"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    name: Mapped[str] = mapped_column(String(128))
    platform: Mapped[str] = mapped_column(String(16))


class User(Base):
    __tablename__ = "user"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    staff_id: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256))
    #: skill groups as a comma-separated list (presale,aftersale,complaint)
    groups_csv: Mapped[str] = mapped_column(String(128), default="")
    #: granted permissions (``wsprotocol.PERMISSIONS``) as a comma-separated list
    permissions_csv: Mapped[str] = mapped_column(String(256), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]

    shops: Mapped[list[Shop]] = relationship(secondary=user_shop, lazy="selectin", order_by=Shop.id)

    @property
    def groups(self) -> list[str]:
        return [g for g in self.groups_csv.split(",") if g]

    @property
    def permissions(self) -> list[str]:
        return [p for p in self.permissions_csv.split(",") if p]

    @property
    def shop_ids(self) -> list[int]:
        return [s.id for s in self.shops]


class Buyer(Base):
    __tablename__ = "buyer"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id"))
    nickname: Mapped[str] = mapped_column(String(128))
    name: Mapped[str] = mapped_column(String(128))
    #: the full number: only ever sent masked
    phone: Mapped[str] = mapped_column(String(32))
    province: Mapped[str] = mapped_column(String(32))
    city: Mapped[str] = mapped_column(String(32))
    #: the full address: never synced
    address: Mapped[str] = mapped_column(Text)
    vip_level: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    #: every address used, full: ``[{"name", "phone", "province", "city", "detail"}]``; synced
    #: shortened only
    addresses: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    first_contact_at: Mapped[datetime | None]
    last_contact_at: Mapped[datetime | None]
    #: kept up to date by whoever writes the buyer's orders (paid orders only)
    order_count: Mapped[int] = mapped_column(Integer, default=0)
    total_spent_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    notes_count: Mapped[int] = mapped_column(Integer, default=0)

    # (shop, version): the pull of a user with one shop reads exactly its rows in version order
    __table_args__ = (Index("ix_buyer_shop_version", "shop_id", "version"),)


class Conversation(Base):
    __tablename__ = "conversation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id"))
    buyer_id: Mapped[int] = mapped_column(ForeignKey("buyer.id"), index=True)
    group: Mapped[str] = mapped_column(String(16))
    priority: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True)
    assignment_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    waiting_since: Mapped[datetime | None]
    last_message_at: Mapped[datetime]
    last_message_preview: Mapped[str] = mapped_column(Text, default="")
    last_message_from: Mapped[str] = mapped_column(String(8), default="buyer")
    closed_at: Mapped[datetime | None]
    close_category: Mapped[str | None] = mapped_column(String(16), nullable=True)
    escalated_at: Mapped[datetime | None]
    #: when an agent first answered the buyer (service-side only: tells a first response apart)
    first_response_at: Mapped[datetime | None]
    #: the buyer's latest satisfaction score, 1-5 (service-side only; reports read ``activity``)
    satisfaction: Mapped[int | None] = mapped_column(Integer, nullable=True)

    __table_args__ = (
        Index("ix_conversation_shop_status", "shop_id", "status"),
        Index("ix_conversation_shop_version", "shop_id", "version"),
        # an agent's load (issue 6: routing, the dashboard)
        Index("ix_conversation_assignee_status", "assignee_id", "status"),
    )


class Message(Base):
    __tablename__ = "message"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversation.id"), index=True)
    #: copied from the conversation so that a pull filters messages by shop without a join
    shop_id: Mapped[int] = mapped_column(Integer)
    sender: Mapped[str] = mapped_column(String(8))
    author_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    #: the sender's idempotency key of an agent reply (``SendRequest.client_msg_id``)
    client_msg_id: Mapped[str | None] = mapped_column(String(64), nullable=True)

    __table_args__ = (
        Index("ix_message_shop_version", "shop_id", "version"),
        UniqueConstraint("conversation_id", "client_msg_id"),
    )


class Phrase(Base):
    """Team phrase: ``shop_id`` set, ``owner_id`` None. Personal: ``owner_id`` set, no shop."""

    __tablename__ = "phrase"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shop.id"), nullable=True, index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), nullable=True, index=True)
    group_name: Mapped[str] = mapped_column(String(64), default="")
    code: Mapped[str] = mapped_column(String(32), default="")
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Order(Base):
    """An order (``wsprotocol.OrderRecord``); the receiver's phone and address are kept in full
    and synced masked and shortened."""

    __tablename__ = "shop_order"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id"))
    buyer_id: Mapped[int] = mapped_column(ForeignKey("buyer.id"), index=True)
    order_no: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    paid_at: Mapped[datetime | None]
    shipped_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    discounts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    item_total_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    shipping_fee_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    paid_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    receiver_name: Mapped[str] = mapped_column(String(128), default="")
    receiver_phone: Mapped[str] = mapped_column(String(32), default="")
    province: Mapped[str] = mapped_column(String(32), default="")
    city: Mapped[str] = mapped_column(String(32), default="")
    #: the full shipping address: never synced
    address: Mapped[str] = mapped_column(Text, default="")
    buyer_message: Mapped[str] = mapped_column(Text, default="")
    presale: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    promised_ship_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]

    __table_args__ = (Index("ix_shop_order_shop_version", "shop_id", "version"),)


class Shipment(Base):
    __tablename__ = "shipment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"), index=True)
    carrier: Mapped[str] = mapped_column(String(16))
    tracking_no: Mapped[str] = mapped_column(String(40), index=True)
    state: Mapped[str] = mapped_column(String(20))
    #: oldest first: ``[{"at": iso, "place", "text", "state"}]``
    events: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    last_event_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    __table_args__ = (Index("ix_shipment_shop_version", "shop_id", "version"),)


class AfterSale(Base):
    __tablename__ = "aftersale"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"), index=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("buyer.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    amount_fen: Mapped[int] = mapped_column(BigInteger, default=0)
    state: Mapped[str] = mapped_column(String(20))
    #: oldest first: ``[{"at": iso, "text", "actor"}]``
    timeline: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (Index("ix_aftersale_shop_version", "shop_id", "version"),)


class RevealLog(Base):
    """One reveal of a buyer's full phone or address: who, what, when (an audit trail)."""

    __tablename__ = "reveal_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    shop_id: Mapped[int] = mapped_column(Integer, index=True)
    buyer_id: Mapped[int] = mapped_column(Integer, index=True)
    order_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    field: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(index=True)


class OrderNote(Base):
    """The current seller note and flag of an order (``wsprotocol.OrderNoteRecord``); its history
    is ``NoteEntry``. ``id`` is the order's id."""

    __tablename__ = "order_note"
    id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"), primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    shop_id: Mapped[int] = mapped_column(Integer)
    flag: Mapped[str] = mapped_column(String(8), default="none")
    text: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    deleted_at: Mapped[datetime | None]
    restored: Mapped[bool] = mapped_column(Boolean, default=False)
    #: the sides of an unresolved conflict (``NoteConflictSide``), or None
    conflict: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)

    __table_args__ = (Index("ix_order_note_shop_version", "shop_id", "version"),)


class NoteEntry(Base):
    """One change of an order note, as written by its author and as applied (``NoteEntryRecord``)."""

    __tablename__ = "note_entry"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
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

    __table_args__ = (
        Index("ix_note_entry_shop_version", "shop_id", "version"),
        Index("ix_note_entry_order_revision", "order_id", "revision"),
    )


class Shift(Base):
    __tablename__ = "shift"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id"))
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(32))
    start: Mapped[str] = mapped_column(String(5))
    end: Mapped[str] = mapped_column(String(5))
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_shift_shop_version", "shop_id", "version"),)


class Handover(Base):
    """A handover note. ``visible_to`` is the author's id while it is a draft (only the author
    pulls it) and None once published (the whole shop does)."""

    __tablename__ = "handover"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shop.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    visible_to: Mapped[int | None] = mapped_column(Integer, nullable=True)
    shift_date: Mapped[str] = mapped_column(String(10))
    from_shift: Mapped[str] = mapped_column(String(16))
    to_shift: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12))
    published_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]

    __table_args__ = (Index("ix_handover_shop_version", "shop_id", "version"),)


class HandoverItem(Base):
    __tablename__ = "handover_item"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    handover_id: Mapped[str] = mapped_column(ForeignKey("handover.id"), index=True)
    shop_id: Mapped[int] = mapped_column(Integer)
    #: as on its handover: the author while a draft, None when published
    visible_to: Mapped[int | None] = mapped_column(Integer, nullable=True)
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

    __table_args__ = (Index("ix_handover_item_shop_version", "shop_id", "version"),)


class HandoverAck(Base):
    __tablename__ = "handover_ack"
    id: Mapped[str] = mapped_column(String(140), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    handover_id: Mapped[str] = mapped_column(ForeignKey("handover.id"), index=True)
    shop_id: Mapped[int] = mapped_column(Integer)
    user_id: Mapped[int] = mapped_column(Integer)
    acked_at: Mapped[datetime]

    __table_args__ = (Index("ix_handover_ack_shop_version", "shop_id", "version"),)


class Tombstone(Base):
    """A deleted synced row. ``shop_id``/``owner_id`` scope it like the row it replaces."""

    __tablename__ = "tombstone"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, index=True)
    entity: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[str] = mapped_column(String(64))
    shop_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    owner_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    deleted_at: Mapped[datetime]


class AuthSession(Base):
    """One login on one device: the family of its rotating refresh tokens and access tokens."""

    __tablename__ = "auth_session"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    device_id: Mapped[str] = mapped_column(String(64))
    device_name: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class RefreshToken(Base):
    __tablename__ = "refresh_token"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: sha256 hex of the token: a leaked database does not leak usable tokens
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("auth_session.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime]
    #: set when rotated; presenting a used token again revokes the whole session (token theft)
    used_at: Mapped[datetime | None]


class AccessToken(Base):
    __tablename__ = "access_token"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("auth_session.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class PushClient(Base):
    """The push state of one client cache: whose it is and the last sequence number applied."""

    __tablename__ = "push_client"
    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime]


class MutationLog(Base):
    """The stored outcome of each pushed mutation, answered again to a retry."""

    __tablename__ = "mutation_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("push_client.client_id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(BigInteger)
    #: the client's idempotency key; not unique in the table so that a client bug reusing one can
    #: still be recorded (as rejected) instead of blocking that client's queue for ever
    mutation_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    error: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    version: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    applied_at: Mapped[datetime]

    __table_args__ = (
        UniqueConstraint("client_id", "seq"),
        Index("ix_mutation_log_client_mutation", "client_id", "mutation_id"),
    )


class AgentState(Base):
    """An agent's status, capacity and routing bookkeeping (issue 6). Not synced: status changes
    are frequent and only supervisors' dashboards show them; a change still allocates a version so
    that the live channel wakes the dashboards."""

    __tablename__ = "agent_state"
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True,
                                         autoincrement=False)
    status: Mapped[str] = mapped_column(String(8), default="offline")
    status_since: Mapped[datetime]
    capacity: Mapped[int] = mapped_column(Integer, default=5)
    #: the last heartbeat (``PUT /v1/me/status``); an agent silent past the presence timeout is
    #: set offline by housekeeping
    last_seen_at: Mapped[datetime | None]
    #: when routing or a claim last gave this agent a conversation: routing offers to the agent
    #: idle longest (None first)
    last_assigned_at: Mapped[datetime | None]


class Activity(Base):
    """What happened, as it happened: the raw events that dashboards, alerts and reports are
    computed from. Append-only (a re-rating deletes the conversation's previous ``rated`` row).

    kinds: ``opened`` (a buyer starts waiting in a new or closed conversation), ``assigned``
    (``detail.how``: claim, route, transfer, reassign, takeover, move; ``value``: seconds the
    buyer had waited, when waiting), ``requeued`` (back to a group's queue), ``response`` (an agent
    answered a waiting buyer; ``value``: seconds since the buyer started waiting; ``first``: the
    conversation's first answer), ``closed`` (``category``), ``escalated``, ``rated``
    (``value``: 1-5), ``status`` (``detail.status``, ``detail.auto``), ``supervisor`` (an action
    on an agent or the settings: ``detail.action``).
    """

    __tablename__ = "activity"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(12))
    shop_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    group: Mapped[str | None] = mapped_column(String(16), nullable=True)
    conversation_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    buyer_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: the agent the event is about (who was assigned, who answered, who closed)
    agent_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: who caused it (a supervisor reassigning; the agent themself for a claim)
    actor_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    value: Mapped[float | None] = mapped_column(nullable=True)
    first: Mapped[bool] = mapped_column(Boolean, default=False)
    category: Mapped[str | None] = mapped_column(String(16), nullable=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)

    __table_args__ = (
        Index("ix_activity_shop_at", "shop_id", "at"),
        Index("ix_activity_agent_at", "agent_id", "at"),
        Index("ix_activity_kind_at", "kind", "at"),
        # the complaint-spike alert counts opened complaints per shop over days
        Index("ix_activity_kind_group_shop_at", "kind", "group", "shop_id", "at"),
    )


class ServiceConfig(Base):
    """Settings changed at run time by supervisors (key ``supervisor``: ``SupervisorConfig``)."""

    __tablename__ = "service_config"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
