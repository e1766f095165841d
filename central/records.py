"""Turning database rows into the protocol's synced records (``wsprotocol.*Record``).

The pull path builds plain dicts straight from result tuples (no ORM objects, no pydantic per
row): it serializes hundreds of thousands of rows and per-row overhead is what limits it. Times
are formatted as ISO 8601 by the database itself (``iso_sql``): parsing them into datetimes only
to format them again was a third of the cost of a pull. The functions here produce exactly the
fields of the record models; tests validate them against the models.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, String, func, literal, type_coerce

from central.models import (
    AfterSale,
    Buyer,
    Conversation,
    Handover,
    HandoverAck,
    HandoverItem,
    Message,
    NoteEntry,
    Order,
    OrderNote,
    Phrase,
    Shift,
    Shipment,
    Shop,
    User,
    UTCDateTime,
)

DateTimeType = UTCDateTime


def iso(dt: datetime | None) -> str | None:
    return None if dt is None else dt.isoformat()


def iso_sql(col: Any, dialect: str) -> ColumnElement[str]:
    """``col`` (naive UTC) as the same ISO string ``iso()`` makes: ``2026-11-22T08:00:00.000000+00:00``."""
    if dialect == "sqlite":
        # SQLAlchemy stores SQLite datetimes as 'YYYY-MM-DD HH:MM:SS.ffffff'; NULL stays NULL
        raw = type_coerce(col, String)
        return func.substr(raw, 1, 10) + literal("T") + func.substr(raw, 12) + literal("+00:00")
    if dialect == "postgresql":
        return func.to_char(col, 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')
    raise ValueError(f"no ISO formatting for {dialect}")


def sql_columns(cols: tuple[Any, ...], dialect: str) -> list[Any]:
    """The columns for a pull query: times formatted by the database."""
    out = []
    for c in cols:
        if isinstance(c.type, DateTimeType):
            out.append(iso_sql(c, dialect).label(c.key))
        else:
            out.append(c)
    return out


def _isos(values: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(v.isoformat() if isinstance(v, datetime) else v for v in values)


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


USER_COLS = (
    User.id,
    User.version,
    User.staff_id,
    User.display_name,
    User.role,
    User.groups_csv,
    User.permissions_csv,
)


def user_dict(r: Any, shop_ids: list[int]) -> dict[str, Any]:
    return {
        "id": r[0],
        "staff_id": r[2],
        "display_name": r[3],
        "role": r[4],
        "groups": [g for g in r[5].split(",") if g],
        "shop_ids": shop_ids,
        "permissions": [p for p in r[6].split(",") if p],
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
    Buyer.addresses,
    Buyer.tags,
    Buyer.first_contact_at,
    Buyer.last_contact_at,
    Buyer.order_count,
    Buyer.total_spent_fen,
    Buyer.notes_count,
)


def addresses_short(addresses: list[dict[str, Any]] | None) -> list[str]:
    out: list[str] = []
    for a in addresses or []:
        short = address_short(str(a.get("province", "")), str(a.get("city", "")))
        if short and short not in out:
            out.append(short)
    return out


def buyer_dict(r: Any) -> dict[str, Any]:
    return {
        "id": r[0],
        "shop_id": r[2],
        "nickname": r[3],
        "name": r[4],
        "phone_masked": mask_phone(r[5]),
        "address_short": address_short(r[6], r[7]),
        "vip_level": r[8],
        "created_at": r[9],
        "addresses_short": addresses_short(r[10]),
        "tags": list(r[11] or []),
        "first_contact_at": r[12],
        "last_contact_at": r[13],
        "order_count": r[14],
        "total_spent_fen": r[15],
        "notes_count": r[16],
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
    Conversation.close_category,
    Conversation.escalated_at,
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
        "created_at": r[9],
        "waiting_since": r[10],
        "last_message_at": r[11],
        "last_message_preview": r[12],
        "last_message_from": r[13],
        "closed_at": r[14],
        "close_category": r[15],
        "escalated_at": r[16],
    }


def conversation_record(c: Conversation) -> dict[str, Any]:
    return conversation_dict(_isos(tuple(getattr(c, col.key) for col in CONVERSATION_COLS)))


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
        "created_at": r[6],
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
        "updated_at": r[8],
        "updated_by": r[9],
    }


def phrase_record(p: Phrase) -> dict[str, Any]:
    return phrase_dict(_isos(tuple(getattr(p, col.key) for col in PHRASE_COLS)))


def buyer_record(b: Buyer) -> dict[str, Any]:
    return buyer_dict(_isos(tuple(getattr(b, col.key) for col in BUYER_COLS)))


def message_record(m: Message) -> dict[str, Any]:
    return message_dict(_isos(tuple(getattr(m, col.key) for col in MESSAGE_COLS)))


def user_record(u: User) -> dict[str, Any]:
    return {
        "id": u.id,
        "staff_id": u.staff_id,
        "display_name": u.display_name,
        "role": u.role,
        "groups": u.groups,
        "shop_ids": u.shop_ids,
        "permissions": u.permissions,
    }


ORDER_COLS = (
    Order.id,
    Order.version,
    Order.order_no,
    Order.shop_id,
    Order.buyer_id,
    Order.status,
    Order.created_at,
    Order.paid_at,
    Order.shipped_at,
    Order.delivered_at,
    Order.completed_at,
    Order.closed_at,
    Order.items,
    Order.discounts,
    Order.item_total_fen,
    Order.shipping_fee_fen,
    Order.paid_fen,
    Order.receiver_name,
    Order.receiver_phone,
    Order.province,
    Order.city,
    Order.buyer_message,
    Order.presale,
    Order.promised_ship_at,
    Order.updated_at,
)


def order_dict(r: Any) -> dict[str, Any]:
    return {
        "id": r[0],
        "order_no": r[2],
        "shop_id": r[3],
        "buyer_id": r[4],
        "status": r[5],
        "created_at": r[6],
        "paid_at": r[7],
        "shipped_at": r[8],
        "delivered_at": r[9],
        "completed_at": r[10],
        "closed_at": r[11],
        "items": r[12],
        "discounts": r[13],
        "item_total_fen": r[14],
        "shipping_fee_fen": r[15],
        "paid_fen": r[16],
        "receiver_name": r[17],
        "receiver_phone_masked": mask_phone(r[18]) if r[18] else "",
        "address_short": address_short(r[19], r[20]),
        "buyer_message": r[21],
        "presale": r[22],
        "promised_ship_at": r[23],
        "updated_at": r[24],
    }


def order_record(o: Order) -> dict[str, Any]:
    return order_dict(_isos(tuple(getattr(o, col.key) for col in ORDER_COLS)))


SHIPMENT_COLS = (
    Shipment.id,
    Shipment.version,
    Shipment.order_id,
    Shipment.shop_id,
    Shipment.carrier,
    Shipment.tracking_no,
    Shipment.state,
    Shipment.events,
    Shipment.last_event_at,
    Shipment.created_at,
)


def shipment_dict(r: Any) -> dict[str, Any]:
    return {
        "id": r[0],
        "order_id": r[2],
        "shop_id": r[3],
        "carrier": r[4],
        "tracking_no": r[5],
        "state": r[6],
        "events": r[7],
        "last_event_at": r[8],
        "created_at": r[9],
    }


def shipment_record(s: Shipment) -> dict[str, Any]:
    return shipment_dict(_isos(tuple(getattr(s, col.key) for col in SHIPMENT_COLS)))


AFTERSALE_COLS = (
    AfterSale.id,
    AfterSale.version,
    AfterSale.order_id,
    AfterSale.shop_id,
    AfterSale.buyer_id,
    AfterSale.kind,
    AfterSale.reason,
    AfterSale.amount_fen,
    AfterSale.state,
    AfterSale.timeline,
    AfterSale.created_at,
    AfterSale.updated_at,
)


def aftersale_dict(r: Any) -> dict[str, Any]:
    return {
        "id": r[0],
        "order_id": r[2],
        "shop_id": r[3],
        "buyer_id": r[4],
        "kind": r[5],
        "reason": r[6],
        "amount_fen": r[7],
        "state": r[8],
        "timeline": r[9],
        "created_at": r[10],
        "updated_at": r[11],
    }


def aftersale_record(a: AfterSale) -> dict[str, Any]:
    return aftersale_dict(_isos(tuple(getattr(a, col.key) for col in AFTERSALE_COLS)))


# ----------------------------------------------------------------------------- notes and handovers
# (issue 5; written by central/notes.py and central/handovers.py)

ORDER_NOTE_COLS = (
    OrderNote.id,
    OrderNote.version,
    OrderNote.shop_id,
    OrderNote.flag,
    OrderNote.text,
    OrderNote.revision,
    OrderNote.updated_at,
    OrderNote.updated_by,
    OrderNote.deleted_at,
    OrderNote.restored,
    OrderNote.conflict,
)


def order_note_dict(r: Any) -> dict[str, Any]:
    return {
        "id": r[0],
        "shop_id": r[2],
        "flag": r[3],
        "text": r[4],
        "revision": r[5],
        "updated_at": r[6],
        "updated_by": r[7],
        "deleted_at": r[8],
        "restored": bool(r[9]),
        "conflict": r[10],
    }


def order_note_record(n: Any) -> dict[str, Any]:
    """``n``: an ``OrderNote`` or any object with its column attributes (``central.notes`` reads
    rows with Core)."""
    return order_note_dict(_isos(tuple(getattr(n, col.key) for col in ORDER_NOTE_COLS)))


NOTE_ENTRY_COLS = (
    NoteEntry.id,
    NoteEntry.version,
    NoteEntry.order_id,
    NoteEntry.shop_id,
    NoteEntry.kind,
    NoteEntry.flag,
    NoteEntry.text,
    NoteEntry.reason_code,
    NoteEntry.reason,
    NoteEntry.author_id,
    NoteEntry.authored_at,
    NoteEntry.applied_at,
    NoteEntry.base_revision,
    NoteEntry.revision,
    NoteEntry.outcome,
    NoteEntry.result_flag,
    NoteEntry.result_text,
)
_NOTE_ENTRY_KEYS = tuple(c.key for c in NOTE_ENTRY_COLS)


def note_entry_dict(r: Any) -> dict[str, Any]:
    d = dict(zip(_NOTE_ENTRY_KEYS, r, strict=True))
    del d["version"]
    return d


def note_entry_record(e: NoteEntry) -> dict[str, Any]:
    return note_entry_dict(_isos(tuple(getattr(e, col.key) for col in NOTE_ENTRY_COLS)))


SHIFT_COLS = (
    Shift.id,
    Shift.version,
    Shift.shop_id,
    Shift.code,
    Shift.name,
    Shift.start,
    Shift.end,
    Shift.position,
)


def shift_dict(r: Any) -> dict[str, Any]:
    return {
        "id": r[0],
        "shop_id": r[2],
        "code": r[3],
        "name": r[4],
        "start": r[5],
        "end": r[6],
        "position": r[7],
    }


def shift_record(s: Shift) -> dict[str, Any]:
    return shift_dict(tuple(getattr(s, col.key) for col in SHIFT_COLS))


HANDOVER_COLS = (
    Handover.id,
    Handover.version,
    Handover.shop_id,
    Handover.author_id,
    Handover.shift_date,
    Handover.from_shift,
    Handover.to_shift,
    Handover.summary,
    Handover.status,
    Handover.published_at,
    Handover.updated_at,
)
_HANDOVER_KEYS = tuple(c.key for c in HANDOVER_COLS)


def handover_dict(r: Any) -> dict[str, Any]:
    d = dict(zip(_HANDOVER_KEYS, r, strict=True))
    del d["version"]
    return d


def handover_record(h: Handover) -> dict[str, Any]:
    return handover_dict(_isos(tuple(getattr(h, col.key) for col in HANDOVER_COLS)))


HANDOVER_ITEM_COLS = (
    HandoverItem.id,
    HandoverItem.version,
    HandoverItem.handover_id,
    HandoverItem.shop_id,
    HandoverItem.kind,
    HandoverItem.text,
    HandoverItem.order_id,
    HandoverItem.conversation_id,
    HandoverItem.due_at,
    HandoverItem.state,
    HandoverItem.done_by,
    HandoverItem.done_at,
    HandoverItem.carried_from,
    HandoverItem.position,
    HandoverItem.target_missing,
)
_HANDOVER_ITEM_KEYS = tuple(c.key for c in HANDOVER_ITEM_COLS)


def handover_item_dict(r: Any) -> dict[str, Any]:
    d = dict(zip(_HANDOVER_ITEM_KEYS, r, strict=True))
    del d["version"]
    d["target_missing"] = bool(d["target_missing"])
    return d


def handover_item_record(i: HandoverItem) -> dict[str, Any]:
    return handover_item_dict(_isos(tuple(getattr(i, col.key) for col in HANDOVER_ITEM_COLS)))


HANDOVER_ACK_COLS = (
    HandoverAck.id,
    HandoverAck.version,
    HandoverAck.handover_id,
    HandoverAck.shop_id,
    HandoverAck.user_id,
    HandoverAck.acked_at,
)


def handover_ack_dict(r: Any) -> dict[str, Any]:
    return {"id": r[0], "handover_id": r[2], "shop_id": r[3], "user_id": r[4], "acked_at": r[5]}


def handover_ack_record(a: HandoverAck) -> dict[str, Any]:
    return handover_ack_dict(_isos(tuple(getattr(a, col.key) for col in HANDOVER_ACK_COLS)))
