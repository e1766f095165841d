"""The customer and order panel's core: a buyer and their orders from the cache, the order rules,
the two work lists and search. Qt-free: the panel (``workstation.views.customer_view``) and the
work lists (``workstation.views.order_lists``) show what this module computes.

Everything that reads the cache takes an ``Engine`` and returns plain frozen dataclasses, so it can
run on a worker (``workstation.background``) and its results can be compared for equality (a live
update that changed nothing for the shown buyer rebuilds nothing).

Times: the cache stores naive UTC; nested JSON (presale, parcel events, after-sale timeline) holds
ISO 8601 from the wire. Both become naive UTC datetimes here. ``now`` is always a parameter.

Search (``search``) takes one string and answers from the cache, grouped by buyer:

* an order number, whole or a prefix of at least 6 digits (the ``order_no`` index, a range scan);
* a tracking number, whole or a prefix of at least 6 characters (the ``tracking_no`` index);
* a full 11-digit phone number, matched against the masked phone's first three and last four digits
  (the client never has the full number, so more than one buyer can fit: ``possible`` says so);
* the last four digits of a phone;
* a substring of the nickname or real name, case-insensitive.

Names and phones are matched in memory (``BuyerIndex``): every buyer's lower-cased nickname and
name in one UTF-8 byte string searched with ``bytes.find`` in C, and the masked phones in a
dictionary by their last four digits. Measured on 300,000 buyers here, a SQL ``LIKE`` or ``instr``
scan took 45-80 ms for a query with few hits; the in-memory scan takes a few milliseconds and the
phone look-up well under one. An FTS5 trigram table would need schema objects that the cache's
models (and the test that compares them with the migrations) do not declare, and trigrams find
nothing for the one- and two-character words that Chinese names are made of. Four digits are read
as the end of a phone number and eleven or more as a phone or order number: those skip the name
scan.
"""

from __future__ import annotations

import json
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any, Literal

from sqlalchemy import Engine

from workstation.timeutil import parse_iso_naive_utc
from wsprotocol import AFTERSALE_OPEN_STATES

# ----------------------------------------------------------------------------- money and time


def format_yuan(fen: int | None) -> str:
    """Fen (0.01 yuan) as yuan: ``129900`` → ``¥1,299.00``; negative amounts ``-¥30.00``."""
    if fen is None:
        return "—"
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(int(fen)), 100)
    return f"{sign}¥{yuan:,}.{cents:02d}"


def hours_minutes(delta: timedelta) -> tuple[int, int]:
    """Whole hours and remaining minutes of a (non-negative) duration."""
    minutes = max(0, int(delta.total_seconds() // 60))
    return divmod(minutes, 60)


def _db_time(moment: datetime) -> str:
    """A naive UTC datetime as the cache stores it, for comparisons in SQL."""
    return moment.isoformat(" ", "microseconds")


def _parse_db_time(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _parse_wire_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_iso_naive_utc(value)
    except ValueError:
        return None


# ----------------------------------------------------------------------------- rules


DEFAULT_NUDGE_MIN = timedelta(minutes=30)
DEFAULT_NUDGE_MAX = timedelta(hours=12)
DEFAULT_STUCK_AFTER = timedelta(hours=48)
DEFAULT_PRESALE_SOON = timedelta(hours=24)


@dataclass(frozen=True)
class OrderRules:
    """The thresholds of the rules (the settings hold the agent's choice)."""

    nudge_min: timedelta = DEFAULT_NUDGE_MIN
    nudge_max: timedelta = DEFAULT_NUDGE_MAX
    stuck_after: timedelta = DEFAULT_STUCK_AFTER
    presale_soon: timedelta = DEFAULT_PRESALE_SOON


DEFAULT_RULES = OrderRules()


def is_nudge_candidate(
    status: str,
    created_at: datetime,
    now: datetime,
    min_age: timedelta = DEFAULT_NUDGE_MIN,
    max_age: timedelta = DEFAULT_NUDGE_MAX,
) -> bool:
    """An unpaid order that has waited at least ``min_age`` and at most ``max_age`` (both ends
    included): worth a payment nudge (催付). Younger, the buyer may still be paying; older, the
    platform is about to close it."""
    if status != "unpaid":
        return False
    age = now - created_at
    return min_age <= age <= max_age


def is_stuck(
    state: str,
    last_event_at: datetime | None,
    created_at: datetime | None,
    now: datetime,
    after: timedelta = DEFAULT_STUCK_AFTER,
) -> bool:
    """A parcel not delivered with no new event for ``after`` or longer. A parcel without any
    event counts from its creation (a label printed and never picked up is stuck too)."""
    if state == "delivered":
        return False
    since = last_event_at or created_at
    if since is None:
        return False
    return now - since >= after


PresaleState = Literal["paid", "upcoming", "due_soon", "open", "overdue"]


def presale_state(
    balance_due_from: datetime,
    balance_due_until: datetime,
    balance_paid_at: datetime | None,
    now: datetime,
    soon: timedelta = DEFAULT_PRESALE_SOON,
) -> PresaleState:
    """Where a presale's balance (尾款) stands: paid; window not yet near; opens within ``soon``;
    window open now; window passed unpaid."""
    if balance_paid_at is not None:
        return "paid"
    if now > balance_due_until:
        return "overdue"
    if now >= balance_due_from:
        return "open"
    if balance_due_from - now <= soon:
        return "due_soon"
    return "upcoming"


def balance_due_soon(state: PresaleState) -> bool:
    """The balance needs the agent's attention: its window opens soon or is open."""
    return state in ("due_soon", "open")


def is_aftersale_open(state: str) -> bool:
    return state in AFTERSALE_OPEN_STATES


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Item:
    sku: str
    title: str
    specs: str
    quantity: int
    unit_price_fen: int


@dataclass(frozen=True)
class Discount:
    label: str
    amount_fen: int


@dataclass(frozen=True)
class PresaleInfo:
    deposit_fen: int
    balance_fen: int
    deposit_paid_at: datetime | None
    balance_due_from: datetime
    balance_due_until: datetime
    balance_paid_at: datetime | None


@dataclass(frozen=True)
class ParcelEvent:
    at: datetime | None
    place: str
    text: str
    state: str | None


@dataclass(frozen=True)
class ShipmentInfo:
    id: int
    order_id: int
    carrier: str
    tracking_no: str
    state: str
    #: the events as the cache holds them (JSON); ``events`` parses them when first asked for
    events_raw: str | None
    last_event_at: datetime | None
    created_at: datetime | None

    @cached_property
    def events(self) -> tuple[ParcelEvent, ...]:
        """Newest first."""
        return _parcel_events(self.events_raw)


@dataclass(frozen=True)
class CaseEvent:
    at: datetime | None
    text: str
    actor: str


@dataclass(frozen=True)
class AfterSaleInfo:
    id: int
    order_id: int
    kind: str
    reason: str
    amount_fen: int
    state: str
    #: the timeline as the cache holds it (JSON); ``timeline`` parses it when first asked for
    timeline_raw: str | None
    created_at: datetime | None
    updated_at: datetime | None

    @cached_property
    def timeline(self) -> tuple[CaseEvent, ...]:
        """Newest first."""
        return _case_events(self.timeline_raw)


@dataclass(frozen=True)
class OrderInfo:
    id: int
    order_no: str
    shop_id: int
    buyer_id: int
    status: str
    created_at: datetime
    paid_at: datetime | None
    shipped_at: datetime | None
    delivered_at: datetime | None
    completed_at: datetime | None
    closed_at: datetime | None
    #: items and discounts as the cache holds them (JSON): a buyer's 500 orders are shown before
    #: any of them is opened, so they are parsed when first asked for (``items``, ``discounts``)
    items_raw: str | None
    discounts_raw: str | None
    item_total_fen: int
    shipping_fee_fen: int
    paid_fen: int
    receiver_name: str
    receiver_phone_masked: str
    address_short: str
    buyer_message: str
    presale: PresaleInfo | None
    promised_ship_at: datetime | None
    shipments: tuple[ShipmentInfo, ...] = ()
    aftersales: tuple[AfterSaleInfo, ...] = ()

    @cached_property
    def items(self) -> tuple[Item, ...]:
        return _items(self.items_raw)

    @cached_property
    def discounts(self) -> tuple[Discount, ...]:
        return _discounts(self.discounts_raw)

    @property
    def discount_fen(self) -> int:
        return sum(d.amount_fen for d in self.discounts)

    @property
    def amount_due_fen(self) -> int:
        """What the buyer pays: items - discounts + shipping (``paid_fen`` once paid)."""
        return self.item_total_fen - self.discount_fen + self.shipping_fee_fen


@dataclass(frozen=True)
class BuyerProfile:
    id: int
    shop_id: int
    shop_name: str
    platform: str
    nickname: str
    name: str
    phone_masked: str
    address_short: str
    vip_level: int
    addresses_short: tuple[str, ...]
    tags: tuple[str, ...]
    first_contact_at: datetime | None
    last_contact_at: datetime | None
    order_count: int
    total_spent_fen: int
    notes_count: int


@dataclass(frozen=True)
class CustomerData:
    """A buyer and every cached order of theirs, newest first. ``profile`` is None when the buyer
    is not (yet) in the cache; their orders are still shown."""

    buyer_id: int
    profile: BuyerProfile | None
    orders: tuple[OrderInfo, ...] = ()
    #: False when only the newest orders were read (``load_customer(..., limit=n)``)
    complete: bool = True

    def order(self, order_id: int) -> OrderInfo | None:
        for order in self.orders:
            if order.id == order_id:
                return order
        return None

    @property
    def shipments(self) -> list[ShipmentInfo]:
        return [s for o in self.orders for s in o.shipments]

    @property
    def aftersales(self) -> list[AfterSaleInfo]:
        return [a for o in self.orders for a in o.aftersales]


def _json_list(raw: Any) -> list[Any]:
    if isinstance(raw, list):
        return raw
    if not raw:
        return []
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return []
    return value if isinstance(value, list) else []


def _json_obj(raw: Any) -> dict[str, Any] | None:
    if isinstance(raw, dict):
        return raw
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _items(raw: Any) -> tuple[Item, ...]:
    out = []
    for it in _json_list(raw):
        if isinstance(it, dict):
            out.append(
                Item(
                    sku=_str(it.get("sku")),
                    title=_str(it.get("title")),
                    specs=_str(it.get("specs")),
                    quantity=_int(it.get("quantity")),
                    unit_price_fen=_int(it.get("unit_price_fen")),
                )
            )
    return tuple(out)


def _discounts(raw: Any) -> tuple[Discount, ...]:
    return tuple(
        Discount(label=_str(d.get("label")), amount_fen=_int(d.get("amount_fen")))
        for d in _json_list(raw)
        if isinstance(d, dict)
    )


def _presale(raw: Any) -> PresaleInfo | None:
    p = _json_obj(raw)
    if p is None:
        return None
    due_from = _parse_wire_time(p.get("balance_due_from"))
    due_until = _parse_wire_time(p.get("balance_due_until"))
    if due_from is None or due_until is None:
        return None
    return PresaleInfo(
        deposit_fen=_int(p.get("deposit_fen")),
        balance_fen=_int(p.get("balance_fen")),
        deposit_paid_at=_parse_wire_time(p.get("deposit_paid_at")),
        balance_due_from=due_from,
        balance_due_until=due_until,
        balance_paid_at=_parse_wire_time(p.get("balance_paid_at")),
    )


def _by_time_desc(events: list[Any]) -> list[Any]:
    # Events arrive oldest first; a missing time sorts last.
    return sorted(events, key=lambda e: e.at or datetime.min, reverse=True)


def _parcel_events(raw: Any) -> tuple[ParcelEvent, ...]:
    events = [
        ParcelEvent(
            at=_parse_wire_time(e.get("at")),
            place=_str(e.get("place")),
            text=_str(e.get("text")),
            state=e.get("state") if isinstance(e.get("state"), str) else None,
        )
        for e in _json_list(raw)
        if isinstance(e, dict)
    ]
    return tuple(_by_time_desc(events))


def _case_events(raw: Any) -> tuple[CaseEvent, ...]:
    events = [
        CaseEvent(at=_parse_wire_time(e.get("at")), text=_str(e.get("text")), actor=_str(e.get("actor")))
        for e in _json_list(raw)
        if isinstance(e, dict)
    ]
    return tuple(_by_time_desc(events))


_ORDER_COLS = (
    "id, order_no, shop_id, buyer_id, status, created_at, paid_at, shipped_at, delivered_at, "
    "completed_at, closed_at, items, discounts, item_total_fen, shipping_fee_fen, paid_fen, "
    "receiver_name, receiver_phone_masked, address_short, buyer_message, presale, promised_ship_at"
)
_SHIPMENT_COLS = "id, order_id, carrier, tracking_no, state, events, last_event_at, created_at"
_AFTERSALE_COLS = "id, order_id, kind, reason, amount_fen, state, timeline, created_at, updated_at"
_BUYER_COLS = (
    "b.id, b.shop_id, coalesce(s.name, ''), coalesce(s.platform, ''), b.nickname, b.name, "
    "b.phone_masked, b.address_short, b.vip_level, b.addresses_short, b.tags, b.first_contact_at, "
    "b.last_contact_at, b.order_count, b.total_spent_fen, b.notes_count"
)
# SQLite limits bound parameters per statement; stay well below it.
_CHUNK = 900


def _chunks(values: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i : i + _CHUNK]


def _marks(n: int) -> str:
    return ", ".join("?" for _ in range(n))


def _profile(r: Sequence[Any]) -> BuyerProfile:
    return BuyerProfile(
        id=r[0],
        shop_id=r[1],
        shop_name=_str(r[2]),
        platform=_str(r[3]),
        nickname=_str(r[4]),
        name=_str(r[5]),
        phone_masked=_str(r[6]),
        address_short=_str(r[7]),
        vip_level=_int(r[8]),
        addresses_short=tuple(_str(a) for a in _json_list(r[9])),
        tags=tuple(_str(t) for t in _json_list(r[10])),
        first_contact_at=_parse_db_time(r[11]),
        last_contact_at=_parse_db_time(r[12]),
        order_count=_int(r[13]),
        total_spent_fen=_int(r[14]),
        notes_count=_int(r[15]),
    )


def load_customer(engine: Engine, buyer_id: int, limit: int | None = None) -> CustomerData:
    """A buyer's profile and orders (newest first) with parcels and after-sale cases. Worker-safe.

    ``limit``: read only the newest ``limit`` orders (``complete`` then says whether that was all),
    so that a screen can show the first page of a buyer with hundreds of orders at once."""
    with engine.connect() as conn:
        raw = conn.exec_driver_sql
        brow = raw(
            f"SELECT {_BUYER_COLS} FROM buyer b LEFT JOIN shop s ON s.id = b.shop_id WHERE b.id = ?",
            (buyer_id,),
        ).first()
        order_rows = raw(
            f"SELECT {_ORDER_COLS} FROM shop_order WHERE buyer_id = ? "
            "ORDER BY created_at DESC, id DESC LIMIT ?",
            (buyer_id, -1 if limit is None else limit + 1),
        ).all()
        complete = limit is None or len(order_rows) <= limit
        if limit is not None and not complete:
            order_rows = order_rows[:limit]
        order_ids = [r[0] for r in order_rows]
        shipments: dict[int, list[ShipmentInfo]] = {}
        aftersales: dict[int, list[AfterSaleInfo]] = {}
        for chunk in _chunks(order_ids):
            for s in raw(
                f"SELECT {_SHIPMENT_COLS} FROM shipment WHERE order_id IN ({_marks(len(chunk))}) "
                "ORDER BY created_at, id",
                tuple(chunk),
            ):
                shipments.setdefault(s[1], []).append(
                    ShipmentInfo(
                        id=s[0],
                        order_id=s[1],
                        carrier=_str(s[2]),
                        tracking_no=_str(s[3]),
                        state=_str(s[4]),
                        events_raw=s[5],
                        last_event_at=_parse_db_time(s[6]),
                        created_at=_parse_db_time(s[7]),
                    )
                )
        # After-sale cases by buyer (indexed) rather than by order: one query for any order count.
        for a in raw(
            f"SELECT {_AFTERSALE_COLS} FROM aftersale WHERE buyer_id = ? ORDER BY created_at DESC, id DESC",
            (buyer_id,),
        ):
            aftersales.setdefault(a[1], []).append(
                AfterSaleInfo(
                    id=a[0],
                    order_id=a[1],
                    kind=_str(a[2]),
                    reason=_str(a[3]),
                    amount_fen=_int(a[4]),
                    state=_str(a[5]),
                    timeline_raw=a[6],
                    created_at=_parse_db_time(a[7]),
                    updated_at=_parse_db_time(a[8]),
                )
            )
    orders = tuple(
        OrderInfo(
            id=r[0],
            order_no=_str(r[1]),
            shop_id=r[2],
            buyer_id=r[3],
            status=_str(r[4]),
            created_at=_parse_db_time(r[5]) or datetime.min,
            paid_at=_parse_db_time(r[6]),
            shipped_at=_parse_db_time(r[7]),
            delivered_at=_parse_db_time(r[8]),
            completed_at=_parse_db_time(r[9]),
            closed_at=_parse_db_time(r[10]),
            items_raw=r[11],
            discounts_raw=r[12],
            item_total_fen=_int(r[13]),
            shipping_fee_fen=_int(r[14]),
            paid_fen=_int(r[15]),
            receiver_name=_str(r[16]),
            receiver_phone_masked=_str(r[17]),
            address_short=_str(r[18]),
            buyer_message=_str(r[19]),
            presale=_presale(r[20]),
            promised_ship_at=_parse_db_time(r[21]),
            shipments=tuple(shipments.get(r[0], ())),
            aftersales=tuple(aftersales.get(r[0], ())),
        )
        for r in order_rows
    )
    return CustomerData(
        buyer_id=buyer_id,
        profile=_profile(brow) if brow is not None else None,
        orders=orders,
        complete=complete,
    )


def buyer_of_conversation(engine: Engine, conversation_id: int) -> int | None:
    """The buyer of a cached conversation, or None when the conversation is not cached."""
    with engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT buyer_id FROM conversation WHERE id = ?", (conversation_id,)
        ).scalar()


# ----------------------------------------------------------------------------- work lists


@dataclass(frozen=True)
class WorkRow:
    """One row of a work list: an order (and for stuck parcels, the parcel)."""

    order_id: int
    order_no: str
    buyer_id: int
    buyer_nickname: str
    shop_id: int
    shop_name: str
    status: str
    created_at: datetime
    amount_fen: int
    shipment_id: int | None = None
    carrier: str = ""
    tracking_no: str = ""
    parcel_state: str = ""
    #: the parcel's last event (or its creation when it has none)
    quiet_since: datetime | None = None


@dataclass(frozen=True)
class WorkList:
    rows: tuple[WorkRow, ...]
    #: how many match in all (``rows`` holds at most the limit)
    total: int


_DUE_SQL = (
    "o.item_total_fen + o.shipping_fee_fen - coalesce((SELECT sum(json_extract(d.value, '$.amount_fen')) "
    "FROM json_each(CASE WHEN json_valid(o.discounts) THEN o.discounts ELSE '[]' END) d), 0)"
)


def _shop_filter(shop_ids: Sequence[int]) -> tuple[str, tuple[int, ...]]:
    ids = tuple(int(s) for s in shop_ids)
    if not ids:
        return " AND 0", ()
    return f" AND o.shop_id IN ({_marks(len(ids))})", ids


def nudge_list(
    engine: Engine,
    shop_ids: Sequence[int],
    now: datetime,
    rules: OrderRules = DEFAULT_RULES,
    limit: int = 500,
) -> WorkList:
    """Unpaid orders of these shops between ``rules.nudge_min`` and ``nudge_max`` old, oldest
    first (the one closest to being closed by the platform on top)."""
    shop_sql, shop_args = _shop_filter(shop_ids)
    where = "o.status = 'unpaid' AND o.created_at >= ? AND o.created_at <= ?" + shop_sql
    args = (_db_time(now - rules.nudge_max), _db_time(now - rules.nudge_min), *shop_args)
    with engine.connect() as conn:
        raw = conn.exec_driver_sql
        total = raw(f"SELECT count(*) FROM shop_order o WHERE {where}", args).scalar() or 0
        rows = raw(
            "SELECT o.id, o.order_no, o.buyer_id, coalesce(b.nickname, ''), o.shop_id, coalesce(s.name, ''), "
            f"o.status, o.created_at, {_DUE_SQL} FROM shop_order o "
            "LEFT JOIN buyer b ON b.id = o.buyer_id LEFT JOIN shop s ON s.id = o.shop_id "
            f"WHERE {where} ORDER BY o.created_at, o.id LIMIT ?",
            (*args, limit),
        ).all()
    return WorkList(
        rows=tuple(
            WorkRow(
                order_id=r[0],
                order_no=_str(r[1]),
                buyer_id=r[2],
                buyer_nickname=_str(r[3]),
                shop_id=r[4],
                shop_name=_str(r[5]),
                status=_str(r[6]),
                created_at=_parse_db_time(r[7]) or datetime.min,
                amount_fen=_int(r[8]),
            )
            for r in rows
        ),
        total=int(total),
    )


#: every parcel state but delivered (listed so that the state index can be used)
_UNDELIVERED = ("picked_up", "in_transit", "out_for_delivery", "exception")


def _parcel_shop_filter(raw: Any, shop_ids: Sequence[int]) -> tuple[str, tuple[int, ...]]:
    """The shop condition on parcels, or none when ``shop_ids`` covers every cached shop (the cache
    holds only the user's shops, so that is the usual case, and without the condition the counts
    are answered from the index alone)."""
    ids = tuple(int(s) for s in shop_ids)
    cached = {r[0] for r in raw("SELECT id FROM shop")}
    if cached and cached <= set(ids):
        return "", ()
    if not ids:
        return " AND 0", ()
    return f" AND sh.shop_id IN ({_marks(len(ids))})", ids


def stuck_list(
    engine: Engine,
    shop_ids: Sequence[int],
    now: datetime,
    rules: OrderRules = DEFAULT_RULES,
    limit: int = 500,
) -> WorkList:
    """Parcels of these shops not delivered and quiet for ``rules.stuck_after`` or longer, the
    longest-quiet first.

    Read one state at a time through the ``(state, last_event_at)`` index, in order and with a
    limit, then the details of the chosen parcels only: one query ordering by
    ``coalesce(last_event_at, created_at)`` over a million orders' parcels took 10 s (150,000 stuck
    parcels joined, sorted, then cut to 500)."""
    cutoff = _db_time(now - rules.stuck_after)
    with engine.connect() as conn:
        raw = conn.exec_driver_sql
        shop_sql, shop_args = _parcel_shop_filter(raw, shop_ids)
        total = 0
        picked: list[tuple[str, int]] = []
        for state in _UNDELIVERED:
            with_event = f"sh.state = ? AND sh.last_event_at <= ?{shop_sql}"
            # A parcel without any event counts from its creation (a label printed, never scanned).
            without = f"sh.state = ? AND sh.last_event_at IS NULL AND sh.created_at <= ?{shop_sql}"
            for where, column in ((with_event, "sh.last_event_at"), (without, "sh.created_at")):
                args = (state, cutoff, *shop_args)
                total += raw(f"SELECT count(*) FROM shipment sh WHERE {where}", args).scalar() or 0
                picked.extend(
                    (r[0], r[1])
                    for r in raw(
                        f"SELECT {column}, sh.id FROM shipment sh WHERE {where} "
                        f"ORDER BY {column}, sh.id LIMIT ?",
                        (*args, limit),
                    )
                )
        picked.sort()
        chosen = [pid for _quiet, pid in picked[:limit]]
        rows: list[Sequence[Any]] = []
        for chunk in _chunks(chosen):
            rows.extend(
                raw(
                    "SELECT sh.order_id, coalesce(o.order_no, ''), coalesce(o.buyer_id, 0), "
                    "coalesce(b.nickname, ''), sh.shop_id, coalesce(s.name, ''), coalesce(o.status, ''), "
                    "coalesce(o.created_at, sh.created_at), coalesce(o.paid_fen, 0), sh.id, sh.carrier, "
                    "sh.tracking_no, sh.state, coalesce(sh.last_event_at, sh.created_at) "
                    "FROM shipment sh LEFT JOIN shop_order o ON o.id = sh.order_id "
                    "LEFT JOIN buyer b ON b.id = o.buyer_id LEFT JOIN shop s ON s.id = sh.shop_id "
                    f"WHERE sh.id IN ({_marks(len(chunk))})",
                    tuple(chunk),
                ).all()
            )
    rows.sort(key=lambda r: (r[13], r[9]))
    return WorkList(
        rows=tuple(
            WorkRow(
                order_id=r[0],
                order_no=_str(r[1]),
                buyer_id=r[2],
                buyer_nickname=_str(r[3]),
                shop_id=r[4],
                shop_name=_str(r[5]),
                status=_str(r[6]),
                created_at=_parse_db_time(r[7]) or datetime.min,
                amount_fen=_int(r[8]),
                shipment_id=r[9],
                carrier=_str(r[10]),
                tracking_no=_str(r[11]),
                parcel_state=_str(r[12]),
                quiet_since=_parse_db_time(r[13]),
            )
            for r in rows
        ),
        total=int(total),
    )


# ----------------------------------------------------------------------------- search

#: the longest query looked at; longer input (a pasted page) is cut, never an error
MAX_QUERY_CHARS = 64
#: at most this many buyers in one answer
MAX_RESULT_BUYERS = 50
MIN_PREFIX = 6

HitKind = Literal["order", "tracking", "phone", "phone_last4", "name"]


@dataclass(frozen=True)
class SearchHit:
    kind: HitKind
    #: the order a hit points at (order number, tracking number), else None
    order_id: int | None = None
    #: what matched: the order or tracking number, the masked phone, the name
    text: str = ""


@dataclass
class BuyerResult:
    buyer_id: int
    nickname: str = ""
    name: str = ""
    phone_masked: str = ""
    shop_id: int | None = None
    hits: list[SearchHit] = field(default_factory=list)
    #: matched only through a masked phone that other buyers share as well ("可能匹配")
    possible: bool = False


@dataclass
class SearchResults:
    query: str
    buyers: list[BuyerResult] = field(default_factory=list)
    #: more buyers matched than are listed
    truncated: bool = False


class BuyerIndex:
    """Every cached buyer's nickname, name and masked phone in memory, for search.

    * names: one UTF-8 ``bytes`` of every buyer's lower-cased ``nickname<TAB>name``, one line per
      buyer, searched with ``bytes.find`` (UTF-8 is self-synchronising, so a byte match of a whole
      UTF-8 needle is a character match; bytes search about twice as fast as a ``str`` holding
      Chinese); a bisect over the line starts gives the buyer;
    * phones: the masked phones by their last four digits (``"1234"`` → buyers), with the first
      three digits beside them, so that both phone keys are a dictionary look-up.

    Thread-safe: ``refresh`` builds a new snapshot and swaps it in; a search reads one snapshot.
    Buyers that change afterwards (sync brings contact times, new buyers, renames all day) are
    brought in by ``apply_changes`` into a small overlay searched beside the snapshot, instead of
    a rebuild of seconds; past ``OVERLAY_LIMIT`` changed buyers the index is rebuilt. Hits are
    checked again against the database row (``search`` does that), so an entry that is out of date
    can miss a buyer but never show a wrong one.
    """

    #: changed buyers kept beside the snapshot before a rebuild is cheaper
    OVERLAY_LIMIT = 20_000

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        #: one build at a time: a search that finds no index waits for the build under way
        self._build_lock = threading.Lock()
        self._snapshot: _IndexSnapshot | None = None
        #: buyers changed since the snapshot: id -> (lower-cased name line, masked phone), or None
        #: when the buyer is gone; the snapshot's entries for these ids are ignored
        self._overlay: dict[int, tuple[bytes, str] | None] = {}
        self._stale = True
        self.size = 0

    @property
    def stale(self) -> bool:
        return self._stale

    def mark_stale(self) -> None:
        """Buyers changed in the cache: the next ``ensure_fresh`` rebuilds."""
        self._stale = True

    def refresh(self) -> int:
        """Rebuild from the cache (a few seconds per 300,000 buyers); returns the buyer count."""
        with self._build_lock:
            return self._build()

    def _build(self) -> int:
        self._stale = False  # changes that arrive while building mark it stale again
        # SQLite joins and cleans the text and cuts the phones; Python lower-cases and encodes the
        # whole text at once: a loop over 300,000 rows in Python took 3-8 s here, this about 1 s.
        clean = "replace(replace(replace(coalesce({0}, ''), char(9), ' '), char(10), ' '), char(13), ' ')"
        with self.engine.connect() as conn:
            # The driver's own cursor: 300,000 plain tuples, not SQLAlchemy rows.
            cursor = conn.connection.cursor()
            try:
                cursor.execute(
                    f"SELECT id, {clean.format('nickname')} || char(9) || {clean.format('name')}, "
                    "substr(phone_masked, -4), substr(phone_masked, 1, 3), instr(phone_masked, '*') > 0 "
                    "FROM buyer ORDER BY id"
                )
                rows = cursor.fetchall()
            finally:
                cursor.close()
        ids = array("q", [r[0] for r in rows])
        names = ("\n".join([r[1] for r in rows]) + "\n").lower().encode()
        starts = array("q", [0])
        find = names.find
        pos = find(b"\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find(b"\n", pos + 1)
        starts.pop()  # the position after the last newline starts no entry
        by_last4: dict[str, array[int]] = {}
        prefixes = array("h", [int(r[3]) if r[3] and r[3].isdigit() else -1 for r in rows])
        for entry, r in enumerate(rows):
            last4 = r[2]
            if r[4] and last4 and last4.isdigit():
                bucket = by_last4.get(last4)
                if bucket is None:
                    bucket = by_last4[last4] = array("i")
                bucket.append(entry)
        del rows
        with self._lock:
            self._snapshot = _IndexSnapshot(names, starts, ids, by_last4, prefixes)
            self._overlay = {}  # changes applied before this build are in it (apply waits for builds)
            self.size = len(ids)
        return len(ids)

    def apply_changes(self, buyer_ids: Iterable[int | str]) -> int:
        """Bring these (changed, new or deleted) buyers up to date without a rebuild. Worker-safe;
        waits for a build under way. Returns the size of the overlay."""
        wanted = sorted({int(i) for i in buyer_ids})
        with self._build_lock:
            snap = self._snapshot
            if snap is None or not wanted:
                return len(self._overlay)  # the first build reads every buyer anyway
            rows: dict[int, Sequence[Any]] = {}
            with self.engine.connect() as conn:
                for chunk in _chunks(wanted):
                    for found in conn.exec_driver_sql(
                        "SELECT id, nickname, name, phone_masked FROM buyer "
                        f"WHERE id IN ({_marks(len(chunk))})",
                        tuple(chunk),
                    ):
                        rows[found[0]] = found
            overlay = dict(self._overlay)
            for bid in wanted:
                r = rows.get(bid)
                if r is None:
                    overlay[bid] = None
                    continue
                line = f"{_clean(r[1])}\t{_clean(r[2])}".lower().encode()
                phone = _str(r[3])
                if snap.has(bid, line, phone):
                    overlay.pop(bid, None)  # back to what the snapshot says (a contact time changed)
                else:
                    overlay[bid] = (line, phone)
            if len(overlay) > self.OVERLAY_LIMIT:
                self._build()
                return 0
            with self._lock:
                self._overlay = overlay
            return len(overlay)

    def ensure_fresh(self) -> None:
        if not (self._stale or self._snapshot is None):
            return
        with self._build_lock:
            # Another thread may have built it while this one waited.
            if self._stale or self._snapshot is None:
                self._build()

    def find_names(self, needle: str, limit: int) -> list[int]:
        """Buyer ids whose nickname or name contains ``needle`` (any case), in id order."""
        snap = self._snapshot
        key = _clean(needle).lower().encode()
        if snap is None or not key:
            return []
        names, starts, ids = snap.names, snap.starts, snap.ids
        overlay = self._overlay
        out = [bid for bid, v in overlay.items() if v is not None and key in v[0]][:limit]
        pos = names.find(key)
        while pos >= 0 and len(out) < limit:
            entry = bisect_right(starts, pos) - 1
            if ids[entry] not in overlay:
                out.append(ids[entry])
            nxt = starts[entry + 1] if entry + 1 < len(starts) else len(names)
            pos = names.find(key, nxt)
        return out

    def find_phones(self, last4: str, prefix: str | None, limit: int) -> list[int]:
        """Buyer ids whose masked phone ends with ``last4`` (and starts with ``prefix``, the first
        three digits, when given)."""
        snap = self._snapshot
        if snap is None:
            return []
        overlay = self._overlay
        out = [
            bid
            for bid, v in overlay.items()
            if v is not None
            and "*" in v[1]
            and v[1].endswith(last4)
            and (prefix is None or v[1].startswith(prefix))
        ][:limit]
        want = int(prefix) if prefix is not None and prefix.isdigit() else None
        for entry in snap.by_last4.get(last4, ()):
            if len(out) >= limit:
                break
            if (want is None or snap.prefixes[entry] == want) and snap.ids[entry] not in overlay:
                out.append(snap.ids[entry])
        return out


@dataclass(frozen=True)
class _IndexSnapshot:
    names: bytes
    starts: array[int]
    ids: array[int]
    by_last4: dict[str, array[int]]
    #: the first three digits of each buyer's masked phone (-1 when it has none)
    prefixes: array[int]

    def has(self, buyer_id: int, line: bytes, phone: str) -> bool:
        """Whether this snapshot holds ``buyer_id`` with exactly this name line and phone."""
        entry = bisect_left(self.ids, buyer_id)
        if entry >= len(self.ids) or self.ids[entry] != buyer_id:
            return False
        end = self.starts[entry + 1] - 1 if entry + 1 < len(self.starts) else len(self.names) - 1
        if self.names[self.starts[entry] : end] != line:
            return False
        prefix = int(phone[:3]) if phone[:3].isdigit() else -1
        if self.prefixes[entry] != prefix:
            return False
        last4 = phone[-4:]
        if "*" in phone and last4.isdigit():
            return entry in self.by_last4.get(last4, ())
        return True  # a phone without four final digits is not searched by phone: nothing to compare


def _clean(value: Any) -> str:
    return _str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _prefix_range(prefix: str) -> tuple[str, str]:
    """``[low, high)`` of every string starting with ``prefix`` (binary collation)."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def normalize_query(query: str) -> str:
    """Cut to ``MAX_QUERY_CHARS``, drop control characters, trim."""
    cut = query[: MAX_QUERY_CHARS * 4]
    cleaned = "".join(ch if ch.isprintable() else " " for ch in cut).strip()
    return cleaned[:MAX_QUERY_CHARS]


def search(engine: Engine, index: BuyerIndex, query: str, limit: int = MAX_RESULT_BUYERS) -> SearchResults:
    """One query string → buyers with what matched, from the cache. Never raises on odd input."""
    q = normalize_query(query)
    results = SearchResults(query=q)
    if not q:
        return results
    compact = q.replace(" ", "").replace("-", "")
    digits = compact if compact.isascii() and compact.isdigit() else ""
    alnum = compact.upper() if compact.isascii() and compact.isalnum() else ""
    found: dict[int, BuyerResult] = {}
    possible_phone = False

    def add(buyer_id: int, hit: SearchHit) -> None:
        entry = found.get(buyer_id)
        if entry is None:
            entry = found[buyer_id] = BuyerResult(buyer_id=buyer_id)
        if hit not in entry.hits:
            entry.hits.append(hit)

    with engine.connect() as conn:
        raw = conn.exec_driver_sql
        if len(digits) >= MIN_PREFIX:
            low, high = _prefix_range(digits)
            for oid, order_no, buyer_id in raw(
                "SELECT id, order_no, buyer_id FROM shop_order WHERE order_no >= ? AND order_no < ? "
                "ORDER BY order_no LIMIT ?",
                (low, high, limit),
            ):
                add(buyer_id, SearchHit("order", oid, order_no))
        if len(alnum) >= MIN_PREFIX:
            low, high = _prefix_range(alnum)
            for tracking_no, order_id, buyer_id in raw(
                "SELECT sh.tracking_no, sh.order_id, o.buyer_id FROM shipment sh "
                "JOIN shop_order o ON o.id = sh.order_id "
                "WHERE sh.tracking_no >= ? AND sh.tracking_no < ? ORDER BY sh.tracking_no LIMIT ?",
                (low, high, limit),
            ):
                add(buyer_id, SearchHit("tracking", order_id, tracking_no))
        index.ensure_fresh()
        if len(digits) == 11 and digits.startswith("1"):
            masked = f"{digits[:3]}****{digits[-4:]}"
            ids = index.find_phones(digits[-4:], digits[:3], limit + 1)
            possible_phone = len(ids) > 1
            for bid in ids[:limit]:
                add(bid, SearchHit("phone", None, masked))
        elif len(digits) == 4:
            for bid in index.find_phones(digits, None, limit):
                add(bid, SearchHit("phone_last4", None, digits))
        # Four digits are read as the end of a phone, eleven or more as a phone or an order number:
        # scanning every name for them costs more than the look-up and finds nothing useful.
        # A code that already matched orders or parcels is not looked for in names as well.
        whole_code = len(compact) >= MIN_PREFIX and bool(found)
        if not (len(digits) == 4 or len(digits) >= 11 or whole_code):
            for bid in index.find_names(q, limit + 1):
                add(bid, SearchHit("name", None, q))

        ids = list(found)
        rows: dict[int, Sequence[Any]] = {}
        for chunk in _chunks(ids):
            for r in raw(
                "SELECT id, nickname, name, phone_masked, shop_id FROM buyer "
                f"WHERE id IN ({_marks(len(chunk))})",
                tuple(chunk),
            ):
                rows[r[0]] = r
    needle = _clean(q).lower()
    for bid in ids:
        entry = found[bid]
        row = rows.get(bid)
        if row is not None:
            entry.nickname, entry.name, entry.phone_masked, entry.shop_id = (
                _str(row[1]),
                _str(row[2]),
                _str(row[3]),
                row[4],
            )
        # Hits from the in-memory index are confirmed against the current row (it may be stale).
        entry.hits = [h for h in entry.hits if _confirmed(h, entry, row, needle)]
        if entry.hits:
            entry.possible = possible_phone and all(h.kind == "phone" for h in entry.hits)
            results.buyers.append(entry)
    results.truncated = len(results.buyers) > limit
    del results.buyers[limit:]
    return results


def _confirmed(hit: SearchHit, entry: BuyerResult, row: Sequence[Any] | None, needle: str) -> bool:
    if hit.kind in ("order", "tracking"):
        return True
    if row is None:
        return False
    if hit.kind == "phone":
        return entry.phone_masked == hit.text
    if hit.kind == "phone_last4":
        return entry.phone_masked.endswith(hit.text) and "*" in entry.phone_masked
    return needle in _clean(entry.nickname).lower() or needle in _clean(entry.name).lower()


__all__ = [
    "DEFAULT_RULES",
    "AfterSaleInfo",
    "BuyerIndex",
    "BuyerProfile",
    "BuyerResult",
    "CustomerData",
    "OrderInfo",
    "OrderRules",
    "SearchHit",
    "SearchResults",
    "ShipmentInfo",
    "WorkList",
    "WorkRow",
    "balance_due_soon",
    "buyer_of_conversation",
    "format_yuan",
    "hours_minutes",
    "is_aftersale_open",
    "is_nudge_candidate",
    "is_stuck",
    "load_customer",
    "nudge_list",
    "presale_state",
    "search",
    "stuck_list",
]
