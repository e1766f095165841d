"""The versioned write path: every change to a synced row goes through these functions.

Each function runs inside a writing transaction the caller opened (``Database.write()``) and
gives every row it changes a fresh version from ``central.versions.allocate``. Nothing else
writes synced tables, so a pull never misses a change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from central.errors import ApiError, forbidden, not_found
from central.models import Buyer, Conversation, Message, Shop, User, user_shop, utcnow
from central.records import conversation_record, user_record
from central.security import hash_password
from central.versions import allocate
from wsprotocol import SKILL_GROUPS, ClaimConflict, ConversationRecord, UserRecord

ROLES = ("agent", "supervisor", "admin")
PLATFORMS = ("taobao", "tmall", "jd", "pdd", "douyin", "web")
PREVIEW_CHARS = 80


def create_shop(session: Session, name: str, platform: str = "taobao") -> Shop:
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}")
    shop = Shop(name=name, platform=platform, version=allocate(session))
    session.add(shop)
    session.flush()
    return shop


def create_user(
    session: Session,
    staff_id: str,
    display_name: str,
    role: str,
    password: str,
    shop_ids: Iterable[int],
    groups: Iterable[str] = SKILL_GROUPS,
    password_hash: str | None = None,
) -> User:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    groups = list(groups)
    bad = [g for g in groups if g not in SKILL_GROUPS]
    if bad:
        raise ValueError(f"unknown skill groups {bad}")
    shops = list(session.execute(select(Shop).where(Shop.id.in_(list(shop_ids)))).scalars())
    user = User(
        staff_id=staff_id,
        display_name=display_name,
        role=role,
        password_hash=password_hash or hash_password(password),
        groups_csv=",".join(groups),
        active=True,
        created_at=utcnow(),
        version=allocate(session),
    )
    user.shops = shops
    session.add(user)
    session.flush()
    return user


def set_user_shops(session: Session, user: User, shop_ids: Sequence[int]) -> None:
    """Change a user's shops (their pull scope changes; their record gets a new version)."""
    user.shops = list(session.execute(select(Shop).where(Shop.id.in_(list(shop_ids)))).scalars())
    user.version = allocate(session)
    session.flush()


def add_buyer(
    session: Session,
    shop_id: int,
    nickname: str,
    name: str = "",
    phone: str = "",
    province: str = "",
    city: str = "",
    address: str = "",
    vip_level: int = 0,
) -> Buyer:
    buyer = Buyer(
        shop_id=shop_id,
        nickname=nickname,
        name=name,
        phone=phone,
        province=province,
        city=city,
        address=address,
        vip_level=vip_level,
        created_at=utcnow(),
        version=allocate(session),
    )
    session.add(buyer)
    session.flush()
    return buyer


def open_conversation(
    session: Session,
    buyer_id: int,
    group: str,
    text: str,
    priority: int = 0,
    at: datetime | None = None,
) -> Conversation:
    """A buyer starts a conversation: it waits in the queue of its shop and skill group."""
    if group not in SKILL_GROUPS:
        raise ValueError(f"unknown skill group {group!r}")
    buyer = session.get(Buyer, buyer_id)
    if buyer is None:
        raise ValueError(f"no buyer {buyer_id}")
    now = at or utcnow()
    first = allocate(session, 2)
    conv = Conversation(
        shop_id=buyer.shop_id,
        buyer_id=buyer.id,
        group=group,
        priority=priority,
        status="waiting",
        assignee_id=None,
        assignment_version=0,
        created_at=now,
        waiting_since=now,
        last_message_at=now,
        last_message_preview=text[:PREVIEW_CHARS],
        last_message_from="buyer",
        closed_at=None,
        version=first,
    )
    session.add(conv)
    session.flush()
    session.add(
        Message(
            conversation_id=conv.id,
            shop_id=conv.shop_id,
            sender="buyer",
            author_id=None,
            text=text,
            created_at=now,
            version=first + 1,
        )
    )
    session.flush()
    return conv


def add_message(
    session: Session,
    conversation_id: int,
    sender: str,
    text: str,
    author_id: int | None = None,
    at: datetime | None = None,
) -> Message:
    """A message in a conversation; a buyer message starts the wait clock if it was stopped, an
    agent message stops it."""
    conv = session.get(Conversation, conversation_id, with_for_update=True)
    if conv is None:
        raise ValueError(f"no conversation {conversation_id}")
    now = at or utcnow()
    first = allocate(session, 2)
    msg = Message(
        conversation_id=conv.id,
        shop_id=conv.shop_id,
        sender=sender,
        author_id=author_id,
        text=text,
        created_at=now,
        version=first,
    )
    session.add(msg)
    if sender == "buyer":
        if conv.waiting_since is None:
            conv.waiting_since = now
        if conv.status == "closed":
            # a buyer writing to a closed conversation reopens it into the queue
            conv.status = "waiting"
            conv.assignee_id = None
            conv.closed_at = None
            conv.assignment_version += 1
    elif sender == "agent":
        conv.waiting_since = None
    conv.last_message_at = now
    conv.last_message_preview = text[:PREVIEW_CHARS]
    conv.last_message_from = sender
    conv.version = first + 1
    session.flush()
    return msg


def close_conversation(session: Session, conversation_id: int, at: datetime | None = None) -> Conversation:
    conv = session.get(Conversation, conversation_id, with_for_update=True)
    if conv is None:
        raise ValueError(f"no conversation {conversation_id}")
    now = at or utcnow()
    conv.status = "closed"
    conv.closed_at = now
    conv.waiting_since = None
    conv.assignment_version += 1
    conv.version = allocate(session)
    session.flush()
    return conv


def claim_text_for(display_name: str, staff_id: str) -> str:
    return f"客服 {display_name}({staff_id}) 接入会话"


def claim_text(user: User) -> str:
    return claim_text_for(user.display_name, user.staff_id)


def claim(
    session: Session, user: User, conversation_id: int, expected_assignment_version: int
) -> Conversation:
    """Compare-and-set: exactly one of any number of concurrent callers wins a waiting conversation.

    The conversation row is locked (``FOR UPDATE`` on PostgreSQL; SQLite's write transaction holds
    the database lock) before it is read, so the check and the change are one atomic step.
    """
    conv = session.get(Conversation, conversation_id, with_for_update=True, populate_existing=True)
    if conv is None:
        raise not_found(f"no conversation {conversation_id}")
    if conv.shop_id not in user.shop_ids:
        raise forbidden("not a member of this conversation's shop")
    if user.role not in ("agent", "supervisor"):
        raise forbidden("only agents and supervisors claim conversations")
    if user.role == "agent" and conv.group not in user.groups:
        raise forbidden(f"not in skill group {conv.group}")
    if conv.status != "waiting" or conv.assignment_version != expected_assignment_version:
        assignee = session.get(User, conv.assignee_id) if conv.assignee_id is not None else None
        detail = ClaimConflict(
            conversation=ConversationRecord.model_validate(conversation_record(conv)),
            assignee=UserRecord.model_validate(user_record(assignee)) if assignee else None,
        )
        raise ApiError(
            409, "conflict", "conversation already claimed or changed", detail=detail.model_dump(mode="json")
        )
    now = utcnow()
    first = allocate(session, 2)
    conv.status = "assigned"
    conv.assignee_id = user.id
    conv.assignment_version += 1
    conv.version = first
    session.add(
        Message(
            conversation_id=conv.id,
            shop_id=conv.shop_id,
            sender="system",
            author_id=user.id,
            text=claim_text(user),
            created_at=now,
            version=first + 1,
        )
    )
    session.flush()
    return conv


def bulk_insert(
    session: Session, model: Any, rows: list[dict[str, Any]], returning: bool = False
) -> list[int]:
    """Insert many rows of one table in a few statements, versions assigned from one allocation.

    With ``returning`` the new ids come back in the order of ``rows``.
    """
    if not rows:
        return []
    first = allocate(session, len(rows))
    for i, row in enumerate(rows):
        row["version"] = first + i
    table = model.__table__
    if returning and session.get_bind().dialect.name == "sqlite":
        # SQLite: this transaction holds the database write lock (BEGIN IMMEDIATE), so the next ids
        # are max + 1 ...; a plain executemany is several times faster than INSERT ... RETURNING
        start = int(session.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1
        for i, row in enumerate(rows):
            row["id"] = start + i
        session.execute(insert(table), rows)
        return list(range(start, start + len(rows)))
    if returning:
        stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return [r[0] for r in session.execute(stmt, rows)]
    session.execute(insert(table), rows)
    return []


def bulk_user_shops(session: Session, pairs: list[tuple[int, int]]) -> None:
    if pairs:
        session.execute(insert(user_shop), [{"user_id": u, "shop_id": s} for u, s in pairs])
