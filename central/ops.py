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

from central import activity
from central.errors import ApiError, forbidden, not_found
from central.models import Buyer, Conversation, Message, Shop, User, user_shop, utcnow
from central.records import conversation_record, user_record
from central.security import hash_password
from central.versions import allocate
from wsprotocol import CLOSE_CATEGORIES, SKILL_GROUPS, ClaimConflict, ConversationRecord, UserRecord

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
    first = allocate(session, 3)
    _touch_buyer_contact(buyer, now, first + 2)
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
    _routing().record_opened(session, conv, now)
    _routing().route_conversation(session, conv, now)
    return conv


def _routing() -> Any:
    """``central.supervisor`` (activity and routing, issue 6), imported late: it builds on this
    module."""
    from central import supervisor

    return supervisor


def _touch_buyer_contact(buyer: Buyer, at: datetime, version: int) -> None:
    """The buyer's first and last contact times follow their messages (shown in the buyer panel)."""
    if buyer.first_contact_at is None or buyer.first_contact_at > at:
        buyer.first_contact_at = at
    if buyer.last_contact_at is None or buyer.last_contact_at < at:
        buyer.last_contact_at = at
    buyer.version = version


def add_message(
    session: Session,
    conversation_id: int,
    sender: str,
    text: str,
    author_id: int | None = None,
    at: datetime | None = None,
    client_msg_id: str | None = None,
) -> Message:
    """A message in a conversation; a buyer message starts the wait clock if it was stopped (and
    updates the buyer's last contact), an agent message stops it."""
    conv = session.get(Conversation, conversation_id, with_for_update=True)
    if conv is None:
        raise ValueError(f"no conversation {conversation_id}")
    now = at or utcnow()
    reopened = False
    first = allocate(session, 3 if sender == "buyer" else 2)
    msg = Message(
        conversation_id=conv.id,
        shop_id=conv.shop_id,
        sender=sender,
        author_id=author_id,
        text=text,
        created_at=now,
        version=first,
        client_msg_id=client_msg_id,
    )
    session.add(msg)
    if sender == "buyer":
        buyer = session.get(Buyer, conv.buyer_id, with_for_update=True)
        if buyer is not None:
            _touch_buyer_contact(buyer, now, first + 2)
        if conv.waiting_since is None:
            conv.waiting_since = now
        if conv.status == "closed":
            # a buyer writing to a closed conversation reopens it into the queue
            conv.status = "waiting"
            conv.assignee_id = None
            conv.closed_at = None
            conv.close_category = None
            conv.assignment_version += 1
            reopened = True
    elif sender == "agent":
        if conv.waiting_since is not None:
            # an answer to a waiting buyer: the figures of response times (issue 6)
            activity.record_about(
                session,
                "response",
                conv,
                at=now,
                agent_id=author_id,
                value=max(0.0, (now - activity.utc(conv.waiting_since)).total_seconds()),
                first=conv.first_response_at is None,
            )
        if conv.first_response_at is None:
            conv.first_response_at = now
        conv.waiting_since = None
    conv.last_message_at = now
    conv.last_message_preview = text[:PREVIEW_CHARS]
    conv.last_message_from = sender
    conv.version = first + 1
    session.flush()
    if reopened:
        _routing().record_opened(session, conv, now)
        _routing().route_conversation(session, conv, now)
    return msg


def close_conversation(
    session: Session, conversation_id: int, at: datetime | None = None, category: str | None = None
) -> Conversation:
    """Close without checks or a system message (seeding, housekeeping); agents use ``close``."""
    conv = session.get(Conversation, conversation_id, with_for_update=True)
    if conv is None:
        raise ValueError(f"no conversation {conversation_id}")
    if category is not None and category not in CLOSE_CATEGORIES:
        raise ValueError(f"unknown close category {category!r}")
    now = at or utcnow()
    conv.version = allocate(session)
    _record_closed(session, conv, None, category, now)
    holder = conv.assignee_id if conv.status == "assigned" else None
    conv.status = "closed"
    conv.closed_at = now
    conv.close_category = category
    conv.waiting_since = None
    conv.assignment_version += 1
    session.flush()
    _routing().after_freed(session, holder, now)
    return conv


def _record_closed(
    session: Session, conv: Conversation, actor_id: int | None, category: str | None, at: datetime
) -> None:
    activity.record_about(
        session,
        "closed",
        conv,
        at=at,
        agent_id=conv.assignee_id,
        actor_id=actor_id,
        category=category,
    )


# ----------------------------------------------------------------------------- system message texts
# Every text the service writes into a conversation, in one place. Chinese: the service speaks the
# shops' language (these are records, shown as they are to everyone who reads the thread).

CLOSE_CATEGORY_LABELS: dict[str, str] = {
    "presale": "售前咨询",
    "order_change": "订单修改",
    "shipping": "物流",
    "aftersale": "售后",
    "complaint": "投诉",
    "other": "其他",
}
GROUP_LABELS: dict[str, str] = {"presale": "售前组", "aftersale": "售后组", "complaint": "投诉组"}


def _who(user: User) -> str:
    return f"{user.staff_id}({user.display_name})"


def _with_note(text: str, note: str) -> str:
    note = note.strip()
    return f"{text}：{note}" if note else text


def claim_text_for(display_name: str, staff_id: str) -> str:
    return f"客服 {display_name}({staff_id}) 接入会话"


def claim_text(user: User) -> str:
    return claim_text_for(user.display_name, user.staff_id)


def transfer_text(actor: User, to_user: User | None, to_group: str | None, note: str) -> str:
    """``kf001(王小明) 转交给 kf002(李娜)：买家要退款，请售后处理``"""
    target = _who(to_user) if to_user is not None else GROUP_LABELS.get(to_group or "", to_group or "")
    return _with_note(f"{_who(actor)} 转交给 {target}", note)


def close_text(actor: User, category: str, note: str) -> str:
    """``kf001 结束了会话（售后）``"""
    return _with_note(f"{actor.staff_id} 结束了会话（{CLOSE_CATEGORY_LABELS.get(category, category)}）", note)


def escalate_text(actor: User, note: str) -> str:
    return _with_note(f"{_who(actor)} 将会话升级给主管", note)


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
    _routing().record_assigned(session, conv, user.id, user.id, "claim", now)
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


# ----------------------------------------------------------------------------- conversation actions
# Server-only (never queued): send, transfer, close, escalate. Each locks the conversation row
# first, like ``claim``, so that its checks and its change are one atomic step.


def _conflict(session: Session, conv: Conversation, message: str, status: int = 409) -> ApiError:
    """A refusal that carries the conversation as it is now (and its holder), so that the client
    can show the truth at once instead of what it believed."""
    assignee = session.get(User, conv.assignee_id) if conv.assignee_id is not None else None
    detail = ClaimConflict(
        conversation=ConversationRecord.model_validate(conversation_record(conv)),
        assignee=UserRecord.model_validate(user_record(assignee)) if assignee else None,
    )
    return ApiError(
        status, "conflict" if status == 409 else "forbidden", message, detail=detail.model_dump(mode="json")
    )


def _holder_name(session: Session, conv: Conversation) -> str:
    holder = session.get(User, conv.assignee_id) if conv.assignee_id is not None else None
    return f"{holder.staff_id} ({holder.display_name})" if holder is not None else "nobody"


def _locked_conversation(session: Session, user: User, conversation_id: int) -> Conversation:
    conv = session.get(Conversation, conversation_id, with_for_update=True, populate_existing=True)
    if conv is None:
        raise not_found(f"no conversation {conversation_id}")
    if conv.shop_id not in user.shop_ids:
        raise forbidden("not a member of this conversation's shop")
    return conv


def _is_lead(user: User) -> bool:
    """Supervisors and admins act on any conversation of their shops."""
    return user.role in ("supervisor", "admin")


def _check_holder(session: Session, user: User, conv: Conversation, action: str) -> None:
    """An agent acts only on the conversation they hold; supervisors and admins on any."""
    if not _is_lead(user) and conv.assignee_id != user.id:
        raise _conflict(
            session,
            conv,
            f"only the assignee or a supervisor may {action} this conversation; "
            f"it is assigned to {_holder_name(session, conv)}",
            status=403,
        )


def _check_cas(session: Session, conv: Conversation, expected_assignment_version: int) -> None:
    if conv.status == "closed":
        raise _conflict(session, conv, "the conversation is closed")
    if conv.assignment_version != expected_assignment_version:
        raise _conflict(
            session,
            conv,
            f"the conversation changed since it was read (now {conv.status}, "
            f"assigned to {_holder_name(session, conv)})",
        )


def _system_message(conv: Conversation, author: User, text: str, at: datetime, version: int) -> Message:
    return Message(
        conversation_id=conv.id,
        shop_id=conv.shop_id,
        sender="system",
        author_id=author.id,
        text=text,
        created_at=at,
        version=version,
    )


def send_message(
    session: Session, user: User, conversation_id: int, text: str, client_msg_id: str
) -> tuple[Conversation, Message]:
    """An agent's reply, stored verbatim. A retry with the same ``client_msg_id`` answers the
    message stored the first time (even if the conversation has changed since), never a second."""
    conv = _locked_conversation(session, user, conversation_id)
    existing = session.execute(
        select(Message).where(Message.conversation_id == conv.id, Message.client_msg_id == client_msg_id)
    ).scalar_one_or_none()
    if existing is not None:
        if existing.author_id != user.id or existing.text != text:
            raise ApiError(
                409, "conflict", f"client_msg_id {client_msg_id!r} was already used for another message"
            )
        return conv, existing
    if not text.strip():
        raise ApiError(400, "bad_request", "the reply is empty")
    if conv.status == "closed":
        raise _conflict(session, conv, "the conversation is closed; the buyer's next message reopens it")
    if conv.status != "assigned":
        raise _conflict(session, conv, "claim the conversation before replying")
    _check_holder(session, user, conv, "reply to")
    msg = add_message(session, conv.id, "agent", text, author_id=user.id, client_msg_id=client_msg_id)
    return conv, msg


def transfer(
    session: Session,
    user: User,
    conversation_id: int,
    expected_assignment_version: int,
    to_user_id: int | None = None,
    to_group: str | None = None,
    note: str = "",
) -> tuple[Conversation, Message]:
    """Compare-and-set like ``claim``: to a colleague of the shop (assigned to them, whatever their
    skill groups), or to a group's queue (waiting again, the wait clock restarted)."""
    if (to_user_id is None) == (to_group is None):
        raise ApiError(400, "bad_request", "transfer to exactly one of a colleague (to_user_id) or a group")
    if to_group is not None and to_group not in SKILL_GROUPS:
        raise ApiError(400, "bad_request", f"unknown skill group {to_group!r}")
    conv = _locked_conversation(session, user, conversation_id)
    _check_cas(session, conv, expected_assignment_version)
    _check_holder(session, user, conv, "transfer")
    target: User | None = None
    if to_user_id is not None:
        target = session.get(User, to_user_id)
        if target is None or not target.active:
            raise ApiError(400, "bad_request", f"no active colleague with id {to_user_id}")
        if conv.shop_id not in target.shop_ids:
            raise ApiError(400, "bad_request", f"{target.staff_id} does not work in this conversation's shop")
        if target.role == "admin":
            raise ApiError(
                400, "bad_request", f"{target.staff_id} is an admin; admins do not take conversations"
            )
        if conv.status == "assigned" and conv.assignee_id == target.id:
            raise ApiError(400, "bad_request", f"the conversation is already assigned to {target.staff_id}")
    now = utcnow()
    first = allocate(session, 2)
    holder = conv.assignee_id if conv.status == "assigned" else None
    routing = _routing()
    if target is not None:
        routing.record_assigned(session, conv, target.id, user.id, "transfer", now)
        conv.status = "assigned"
        conv.assignee_id = target.id
    else:
        assert to_group is not None
        conv.status = "waiting"
        conv.assignee_id = None
        conv.group = to_group
        conv.waiting_since = now
        activity.record_about(
            session,
            "requeued",
            conv,
            at=now,
            group=to_group,
            agent_id=holder,
            actor_id=user.id,
            detail={"how": "transfer"},
        )
    conv.assignment_version += 1
    conv.version = first
    msg = _system_message(conv, user, transfer_text(user, target, to_group, note), now, first + 1)
    session.add(msg)
    session.flush()
    if target is None:
        # back in a queue: offered to someone else than who just gave it away
        routing.route_conversation(session, conv, now, exclude=(user.id,) + ((holder,) if holder else ()))
    if holder is not None and holder != (target.id if target is not None else None):
        routing.after_freed(session, holder, now, skip=(conv.id,))
    return conv, msg


def close(
    session: Session,
    user: User,
    conversation_id: int,
    expected_assignment_version: int,
    category: str,
    note: str = "",
) -> tuple[Conversation, Message]:
    """Compare-and-set like ``claim``; the category says what the conversation was about."""
    if category not in CLOSE_CATEGORIES:
        raise ApiError(400, "bad_request", f"unknown close category {category!r}")
    conv = _locked_conversation(session, user, conversation_id)
    _check_cas(session, conv, expected_assignment_version)
    _check_holder(session, user, conv, "close")
    now = utcnow()
    first = allocate(session, 2)
    holder = conv.assignee_id if conv.status == "assigned" else None
    _record_closed(session, conv, user.id, category, now)
    conv.status = "closed"
    conv.closed_at = now
    conv.close_category = category
    conv.waiting_since = None
    conv.assignment_version += 1
    conv.version = first
    msg = _system_message(conv, user, close_text(user, category, note), now, first + 1)
    session.add(msg)
    session.flush()
    _routing().after_freed(session, holder, now)
    return conv, msg


#: how much an escalation raises a conversation's priority
ESCALATION_PRIORITY_STEP = 1


def escalate(
    session: Session, user: User, conversation_id: int, note: str = ""
) -> tuple[Conversation, Message]:
    """Ask a supervisor to look: marks the conversation (``escalated_at``) and raises its priority.
    Not an assignment change, so ``assignment_version`` stays (a pending transfer is not spoiled)."""
    conv = _locked_conversation(session, user, conversation_id)
    if conv.status == "closed":
        raise _conflict(session, conv, "the conversation is closed")
    _check_holder(session, user, conv, "escalate")
    if conv.escalated_at is not None:
        raise _conflict(session, conv, "the conversation is already escalated")
    now = utcnow()
    first = allocate(session, 2)
    activity.record_about(
        session,
        "escalated",
        conv,
        at=now,
        agent_id=conv.assignee_id,
        actor_id=user.id,
    )
    conv.escalated_at = now
    conv.priority += ESCALATION_PRIORITY_STEP
    conv.version = first
    msg = _system_message(conv, user, escalate_text(user, note), now, first + 1)
    session.add(msg)
    session.flush()
    return conv, msg


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
