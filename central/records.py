"""Turning database rows into the protocol's synced records (``wsprotocol.*Record``).

The pull path builds plain dicts straight from result tuples (no ORM objects, no pydantic per
row): it serializes hundreds of thousands of rows and per-row overhead is what limits it. The
functions here produce exactly the fields of the record models; tests validate them against the
models.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from central.models import Buyer, Conversation, Message, Phrase, Shop, User


def iso(dt: datetime | None) -> str | None:
    return None if dt is None else dt.isoformat()


def mask_phone(phone: str) -> str:
    """``13812341234`` -> ``138****1234``; short numbers keep only their last two digits."""
    digits = phone.strip()
    if len(digits) >= 7:
        return digits[:3] + "****" + digits[-4:]
    if len(digits) > 2:
        return "*" * (len(digits) - 2) + digits[-2:]
    return "*" * len(digits)


def address_short(province: str, city: str) -> str:
    """Province and city only; municipalities (北京市 北京市) are not repeated."""
    if not city or city == province:
        return province
    return province + city


# Column lists for the fast pull path; the dict builders below take tuples in this order.
SHOP_COLS = (Shop.id, Shop.version, Shop.name, Shop.platform)


def shop_dict(r: Any) -> dict[str, Any]:
    return {"id": r[0], "name": r[2], "platform": r[3]}


USER_COLS = (User.id, User.version, User.staff_id, User.display_name, User.role, User.groups_csv)


def user_dict(r: Any, shop_ids: list[int]) -> dict[str, Any]:
    return {
        "id": r[0],
        "staff_id": r[2],
        "display_name": r[3],
        "role": r[4],
        "groups": [g for g in r[5].split(",") if g],
        "shop_ids": shop_ids,
    }


BUYER_COLS = (
    Buyer.id,
    Buyer.version,
    Buyer.shop_id,
    Buyer.nickname,
    Buyer.name,
    Buyer.phone,
    Buyer.province,
    Buyer.city,
    Buyer.vip_level,
    Buyer.created_at,
)


def buyer_dict(r: Any) -> dict[str, Any]:
    return {
        "id": r[0],
        "shop_id": r[2],
        "nickname": r[3],
        "name": r[4],
        "phone_masked": mask_phone(r[5]),
        "address_short": address_short(r[6], r[7]),
        "vip_level": r[8],
        "created_at": r[9].isoformat(),
    }


CONVERSATION_COLS = (
    Conversation.id,
    Conversation.version,
    Conversation.shop_id,
    Conversation.buyer_id,
    Conversation.group,
    Conversation.priority,
    Conversation.status,
    Conversation.assignee_id,
    Conversation.assignment_version,
    Conversation.created_at,
    Conversation.waiting_since,
    Conversation.last_message_at,
    Conversation.last_message_preview,
    Conversation.last_message_from,
    Conversation.closed_at,
)


def conversation_dict(r: Any) -> dict[str, Any]:
    return {
        "id": r[0],
        "shop_id": r[2],
        "buyer_id": r[3],
        "group": r[4],
        "priority": r[5],
        "status": r[6],
        "assignee_id": r[7],
        "assignment_version": r[8],
        "created_at": r[9].isoformat(),
        "waiting_since": None if r[10] is None else r[10].isoformat(),
        "last_message_at": r[11].isoformat(),
        "last_message_preview": r[12],
        "last_message_from": r[13],
        "closed_at": None if r[14] is None else r[14].isoformat(),
    }


def conversation_record(c: Conversation) -> dict[str, Any]:
    return conversation_dict(tuple(getattr(c, col.key) for col in CONVERSATION_COLS))


MESSAGE_COLS = (
    Message.id,
    Message.version,
    Message.conversation_id,
    Message.sender,
    Message.author_id,
    Message.text,
    Message.created_at,
)


def message_dict(r: Any) -> dict[str, Any]:
    return {
        "id": r[0],
        "conversation_id": r[2],
        "sender": r[3],
        "author_id": r[4],
        "text": r[5],
        "created_at": r[6].isoformat(),
    }


PHRASE_COLS = (
    Phrase.id,
    Phrase.version,
    Phrase.shop_id,
    Phrase.owner_id,
    Phrase.group_name,
    Phrase.code,
    Phrase.text,
    Phrase.position,
    Phrase.updated_at,
    Phrase.updated_by,
)


def phrase_dict(r: Any) -> dict[str, Any]:
    return {
        "id": r[0],
        "shop_id": r[2],
        "owner_id": r[3],
        "group_name": r[4],
        "code": r[5],
        "text": r[6],
        "position": r[7],
        "updated_at": r[8].isoformat(),
        "updated_by": r[9],
    }


def phrase_record(p: Phrase) -> dict[str, Any]:
    return phrase_dict(tuple(getattr(p, col.key) for col in PHRASE_COLS))


def user_record(u: User) -> dict[str, Any]:
    return {
        "id": u.id,
        "staff_id": u.staff_id,
        "display_name": u.display_name,
        "role": u.role,
        "groups": u.groups,
        "shop_ids": u.shop_ids,
    }
