"""Orders, shipments and after-sale cases on the service, and who may see a buyer's contact.

The versioned write path for issue 3 (like ``central.ops``): every function runs inside a writing
transaction the caller opened (``Database.write()``) and gives each row it changes a fresh version
from ``central.versions.allocate``, so a pull never misses a change.

A buyer's lifetime figures (``order_count``, ``total_spent_fen``) count the buyer's *paid* orders
(``paid_at`` set) with their ``paid_fen``; a later refund does not take a payment back out of the
lifetime spend (the platforms' 累计消费 counts payments too). They are recomputed from the orders
table after each write that can change them, and the buyer gets a new version only when they moved.

The second half: the contact reveal (``reveal``), the permissions a supervisor grants
(``set_permissions``) and the reveal audit (``reveal_audit``). The full phone and address leave the
service through ``reveal`` only, and each reveal writes a ``RevealLog`` row in the same transaction.

Invalid input (an unknown status, a transition that cannot happen, money that does not add up)
raises ``ValueError``; refusals that a request can cause raise ``central.errors.ApiError``.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, func, select, update
from sqlalchemy.orm import Session

from central.errors import ApiError, forbidden, not_found
from central.models import AfterSale, Buyer, Order, RevealLog, Shipment, User, UTCDateTime, utcnow
from central.ops import bulk_insert
from central.versions import allocate
from wsprotocol import AFTERSALE_OPEN_STATES, ORDER_STATUSES, PERMISSIONS

# ----------------------------------------------------------------------------- rules

#: order status -> the statuses it may move to (``refunding`` returns to where it came from)
ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    "unpaid": frozenset({"paid", "closed"}),
    "paid": frozenset({"shipped", "refunding", "closed"}),
    "shipped": frozenset({"delivered", "refunding"}),
    "delivered": frozenset({"completed", "refunding"}),
    "completed": frozenset({"refunding"}),
    "refunding": frozenset({"paid", "shipped", "delivered", "completed", "closed"}),
    "closed": frozenset(),
}
SHIPMENT_STATES = ("picked_up", "in_transit", "out_for_delivery", "delivered", "exception")
AFTERSALE_KINDS = ("refund_only", "return_refund", "exchange", "reissue")
#: kinds that put money back: while one is open the order shows ``refunding``
REFUND_KINDS = frozenset({"refund_only", "return_refund"})
#: after-sale state -> the states it may move to
AFTERSALE_TRANSITIONS: dict[str, frozenset[str]] = {
    "requested": frozenset({"approved", "rejected", "closed"}),
    "approved": frozenset({"awaiting_return", "refunded", "reshipped", "closed"}),
    "awaiting_return": frozenset({"returned", "closed"}),
    "returned": frozenset({"refunded", "reshipped", "rejected"}),
    "refunded": frozenset(),
    "reshipped": frozenset(),
    "rejected": frozenset(),
    "closed": frozenset(),
}
#: the timeline text written when a case reaches a state and the caller gives none
AFTERSALE_TEXTS: dict[str, str] = {
    "requested": "买家发起售后申请",
    "approved": "商家已同意售后申请",
    "awaiting_return": "等待买家退回商品",
    "returned": "商家已收到退回的商品",
    "refunded": "退款成功，款项已原路退回",
    "reshipped": "商家已重新发货",
    "rejected": "商家拒绝了售后申请",
    "closed": "售后已关闭",
}
#: order timestamp column set when an order reaches a status
_STATUS_TIME = {
    "paid": "paid_at",
    "shipped": "shipped_at",
    "delivered": "delivered_at",
    "completed": "completed_at",
    "closed": "closed_at",
}


def money_fen(yuan: float) -> int:
    """Yuan to fen, rounded (``19.9`` -> ``1990``)."""
    return round(yuan * 100)


def due_fen(item_total_fen: int, discounts: Iterable[dict[str, Any]], shipping_fee_fen: int) -> int:
    """What the buyer pays: items minus discounts plus shipping."""
    return item_total_fen - sum(int(d["amount_fen"]) for d in discounts) + shipping_fee_fen


def _check_items(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    if not items:
        raise ValueError("an order needs at least one item")
    out = []
    for it in items:
        quantity, price = int(it["quantity"]), int(it["unit_price_fen"])
        if quantity < 1 or price < 0:
            raise ValueError(f"bad item {it!r}: quantity >= 1 and unit price >= 0")
        out.append(
            {
                "sku": str(it.get("sku", "")),
                "title": str(it["title"]),
                "specs": str(it.get("specs", "")),
                "quantity": quantity,
                "unit_price_fen": price,
            }
        )
    return out


def _check_discounts(discounts: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for d in discounts:
        amount = int(d["amount_fen"])
        if amount < 0:
            raise ValueError(f"negative discount {d!r}")
        out.append({"label": str(d["label"]), "amount_fen": amount})
    return out


# ----------------------------------------------------------------------------- buyer figures


def refresh_buyer_figures(session: Session, buyer_ids: Iterable[int]) -> int:
    """Recompute ``order_count`` and ``total_spent_fen`` of these buyers from their paid orders;
    a buyer whose figures moved gets a new version. Returns how many changed."""
    ids = sorted(set(buyer_ids))
    if not ids:
        return 0
    session.flush()
    figures = {
        bid: (int(n), int(total or 0))
        for bid, n, total in session.execute(
            select(Order.buyer_id, func.count(), func.sum(Order.paid_fen))
            .where(Order.buyer_id.in_(ids), Order.paid_at.is_not(None))
            .group_by(Order.buyer_id)
        )
    }
    changed = 0
    for buyer in session.execute(select(Buyer).where(Buyer.id.in_(ids))).scalars():
        count, total = figures.get(buyer.id, (0, 0))
        if (buyer.order_count, buyer.total_spent_fen) != (count, total):
            buyer.order_count, buyer.total_spent_fen = count, total
            buyer.version = allocate(session)
            changed += 1
    session.flush()
    return changed


# ----------------------------------------------------------------------------- orders


def new_order_no(session: Session, rng: random.Random | None = None) -> str:
    """An unused 18-digit order number (the length of Taobao's)."""
    r = rng or random.SystemRandom()
    while True:
        no = str(r.randrange(10**17, 10**18))
        if session.execute(select(Order.id).where(Order.order_no == no)).first() is None:
            return no


def _get_order(session: Session, order_id: int) -> Order:
    order = session.get(Order, order_id, with_for_update=True, populate_existing=True)
    if order is None:
        raise ValueError(f"no order {order_id}")
    return order


def add_order(
    session: Session,
    buyer_id: int,
    items: Sequence[dict[str, Any]],
    *,
    discounts: Sequence[dict[str, Any]] = (),
    shipping_fee_fen: int = 0,
    order_no: str | None = None,
    at: datetime | None = None,
    paid: bool = False,
    receiver_name: str | None = None,
    receiver_phone: str | None = None,
    province: str | None = None,
    city: str | None = None,
    address: str | None = None,
    buyer_message: str = "",
    presale: dict[str, Any] | None = None,
    promised_ship_at: datetime | None = None,
) -> Order:
    """A new order of ``buyer_id`` in the buyer's shop: unpaid, or paid at once with ``paid``.

    Items are ``{"sku", "title", "specs", "quantity", "unit_price_fen"}``, discounts
    ``{"label", "amount_fen"}``. The receiver defaults to the buyer's own name, phone and address.
    A presale (``wsprotocol.Presale`` fields, times as datetimes) must split the amount due into
    deposit and balance.
    """
    buyer = session.get(Buyer, buyer_id)
    if buyer is None:
        raise ValueError(f"no buyer {buyer_id}")
    now = at or utcnow()
    lines = _check_items(items)
    cuts = _check_discounts(discounts)
    if shipping_fee_fen < 0:
        raise ValueError("negative shipping fee")
    item_total = sum(it["quantity"] * it["unit_price_fen"] for it in lines)
    due = due_fen(item_total, cuts, shipping_fee_fen)
    if due < 0:
        raise ValueError("discounts larger than the order")
    presale_json: dict[str, Any] | None = None
    if presale is not None:
        deposit, balance = int(presale["deposit_fen"]), int(presale["balance_fen"])
        if deposit < 0 or balance < 0 or deposit + balance != due:
            raise ValueError(f"presale deposit {deposit} + balance {balance} must equal {due}")
        if paid:
            raise ValueError("a presale order is paid by its deposit and balance, not at once")
        presale_json = {
            k: (v.isoformat() if isinstance(v, datetime) else v)
            for k, v in presale.items()
            if k
            in (
                "deposit_fen",
                "balance_fen",
                "deposit_paid_at",
                "balance_due_from",
                "balance_due_until",
                "balance_paid_at",
            )
        }
        presale_json.setdefault("deposit_paid_at", None)
        presale_json.setdefault("balance_paid_at", None)
    order = Order(
        shop_id=buyer.shop_id,
        buyer_id=buyer.id,
        order_no=order_no or new_order_no(session),
        status="paid" if paid else "unpaid",
        created_at=now,
        paid_at=now if paid else None,
        items=lines,
        discounts=cuts,
        item_total_fen=item_total,
        shipping_fee_fen=shipping_fee_fen,
        paid_fen=due if paid else 0,
        receiver_name=buyer.name if receiver_name is None else receiver_name,
        receiver_phone=buyer.phone if receiver_phone is None else receiver_phone,
        province=buyer.province if province is None else province,
        city=buyer.city if city is None else city,
        address=buyer.address if address is None else address,
        buyer_message=buyer_message,
        presale=presale_json,
        promised_ship_at=promised_ship_at,
        updated_at=now,
        version=allocate(session),
    )
    session.add(order)
    session.flush()
    if paid:
        refresh_buyer_figures(session, [buyer.id])
    return order


def set_order_status(session: Session, order_id: int, status: str, at: datetime | None = None) -> Order:
    """Move an order along ``ORDER_TRANSITIONS``, stamping the time of the new status.

    Paying fixes ``paid_fen`` (items - discounts + shipping) and counts the order in the buyer's
    lifetime figures. Going back from ``refunding`` keeps the times already stamped.
    """
    if status not in ORDER_STATUSES:
        raise ValueError(f"unknown order status {status!r}")
    order = _get_order(session, order_id)
    if status not in ORDER_TRANSITIONS.get(order.status, frozenset()):
        raise ValueError(f"order {order.order_no} cannot go from {order.status} to {status}")
    now = at or utcnow()
    was_refunding = order.status == "refunding"
    order.status = status
    column = _STATUS_TIME.get(status)
    if column is not None and not (was_refunding and getattr(order, column) is not None):
        setattr(order, column, now)
    if status == "paid" and not was_refunding:
        order.paid_fen = due_fen(order.item_total_fen, order.discounts, order.shipping_fee_fen)
        if order.presale is not None:
            order.presale = {**order.presale, "balance_paid_at": now.isoformat()}
    order.updated_at = now
    order.version = allocate(session)
    session.flush()
    if status == "paid":
        refresh_buyer_figures(session, [order.buyer_id])
    return order


def pay_deposit(session: Session, order_id: int, at: datetime | None = None) -> Order:
    """The presale deposit (定金) is paid; the order stays unpaid until its balance is."""
    order = _get_order(session, order_id)
    if order.presale is None or order.status != "unpaid":
        raise ValueError(f"order {order.order_no} is not an unpaid presale")
    if order.presale.get("deposit_paid_at"):
        raise ValueError(f"the deposit of order {order.order_no} is paid already")
    now = at or utcnow()
    order.presale = {**order.presale, "deposit_paid_at": now.isoformat()}
    order.updated_at = now
    order.version = allocate(session)
    session.flush()
    return order


def pay_order(session: Session, order_id: int, at: datetime | None = None) -> Order:
    """The buyer pays (for a presale: the balance, after the deposit)."""
    order = _get_order(session, order_id)
    if order.presale is not None and not order.presale.get("deposit_paid_at"):
        raise ValueError(f"order {order.order_no}: the presale deposit is not paid")
    return set_order_status(session, order_id, "paid", at)


def deliver_order(session: Session, order_id: int, at: datetime | None = None) -> Order:
    return set_order_status(session, order_id, "delivered", at)


def complete_order(session: Session, order_id: int, at: datetime | None = None) -> Order:
    """The buyer confirmed receipt (确认收货), or the platform did after its waiting time."""
    return set_order_status(session, order_id, "completed", at)


def close_order(session: Session, order_id: int, at: datetime | None = None) -> Order:
    """Unpaid and timed out or cancelled, or fully refunded."""
    return set_order_status(session, order_id, "closed", at)


# ----------------------------------------------------------------------------- shipments


def _event(at: datetime, text: str, place: str = "", state: str | None = None) -> dict[str, Any]:
    if state is not None and state not in SHIPMENT_STATES:
        raise ValueError(f"unknown shipment state {state!r}")
    if not text.strip():
        raise ValueError("a shipment event needs a text")
    return {"at": at.isoformat(), "place": place, "text": text, "state": state}


def add_shipment(
    session: Session,
    order_id: int,
    carrier: str,
    tracking_no: str,
    *,
    at: datetime | None = None,
    first_event: tuple[str, str] | None = None,
) -> Shipment:
    """A parcel of a paid order: the order becomes ``shipped``. ``first_event`` is ``(place,
    text)`` of the pick-up (揽收) when the carrier already scanned it.

    A second parcel of an order already shipped (split shipment) leaves the order as it is.
    """
    if not carrier or not tracking_no.strip():
        raise ValueError("a shipment needs a carrier and a tracking number")
    order = _get_order(session, order_id)
    if order.status not in ("paid", "shipped", "delivered", "refunding"):
        raise ValueError(f"order {order.order_no} is {order.status}: nothing to ship")
    now = at or utcnow()
    events = [_event(now, first_event[1], first_event[0], "picked_up")] if first_event else []
    shipment = Shipment(
        shop_id=order.shop_id,
        order_id=order.id,
        carrier=carrier,
        tracking_no=tracking_no.strip(),
        state="picked_up",
        events=events,
        last_event_at=now,
        created_at=now,
        version=allocate(session),
    )
    session.add(shipment)
    session.flush()
    if order.status == "paid":
        set_order_status(session, order.id, "shipped", now)
    return shipment


def add_shipment_event(
    session: Session,
    shipment_id: int,
    text: str,
    *,
    place: str = "",
    state: str | None = None,
    at: datetime | None = None,
) -> Shipment:
    """A tracking event: kept oldest first (a late scan that arrives out of order finds its
    place), ``state`` and ``last_event_at`` follow the newest event. A ``delivered`` event
    delivers a shipped order."""
    shipment = session.get(Shipment, shipment_id, with_for_update=True, populate_existing=True)
    if shipment is None:
        raise ValueError(f"no shipment {shipment_id}")
    now = at or utcnow()
    events = [*shipment.events, _event(now, text, place, state)]
    events.sort(key=lambda e: str(e["at"]))
    # a new list object: the JSON column only notices assignment, not in-place change
    shipment.events = events
    newest = datetime.fromisoformat(str(events[-1]["at"]))
    shipment.last_event_at = newest
    newest_state = next((e["state"] for e in reversed(events) if e.get("state")), None)
    if newest_state is not None:
        shipment.state = str(newest_state)
    shipment.version = allocate(session)
    session.flush()
    if state == "delivered":
        order = session.get(Order, shipment.order_id)
        if order is not None and order.status == "shipped":
            set_order_status(session, order.id, "delivered", now)
    return shipment


# ----------------------------------------------------------------------------- after-sale


def _status_without_case(order: Order) -> str:
    """Where an order stands by its own times (what ``refunding`` returns to)."""
    if order.completed_at is not None:
        return "completed"
    if order.delivered_at is not None:
        return "delivered"
    if order.shipped_at is not None:
        return "shipped"
    return "paid"


def open_aftersale(
    session: Session,
    order_id: int,
    kind: str,
    reason: str,
    amount_fen: int = 0,
    *,
    at: datetime | None = None,
    actor: str = "buyer",
    text: str | None = None,
) -> AfterSale:
    """The buyer asks for a refund, a return, an exchange or a reissue on a paid order.

    A refund kind needs an amount between 1 fen and what was paid, and puts the order in
    ``refunding`` while the case is open; exchange and reissue move no money.
    """
    if kind not in AFTERSALE_KINDS:
        raise ValueError(f"unknown after-sale kind {kind!r}")
    if not reason.strip():
        raise ValueError("an after-sale case needs a reason")
    order = _get_order(session, order_id)
    if order.paid_at is None or order.status in ("unpaid", "closed"):
        raise ValueError(f"order {order.order_no} is {order.status}: no after-sale")
    if kind in REFUND_KINDS:
        if not 0 < amount_fen <= order.paid_fen:
            raise ValueError(f"refund amount {amount_fen} outside 1..{order.paid_fen}")
    elif amount_fen:
        raise ValueError(f"{kind} moves no money")
    now = at or utcnow()
    case = AfterSale(
        shop_id=order.shop_id,
        order_id=order.id,
        buyer_id=order.buyer_id,
        kind=kind,
        reason=reason.strip(),
        amount_fen=amount_fen,
        state="requested",
        timeline=[{"at": now.isoformat(), "text": text or AFTERSALE_TEXTS["requested"], "actor": actor}],
        created_at=now,
        updated_at=now,
        version=allocate(session),
    )
    session.add(case)
    session.flush()
    if kind in REFUND_KINDS and order.status != "refunding":
        set_order_status(session, order.id, "refunding", now)
    return case


def advance_aftersale(
    session: Session,
    aftersale_id: int,
    state: str,
    *,
    text: str | None = None,
    actor: str = "",
    at: datetime | None = None,
) -> AfterSale:
    """Move a case along ``AFTERSALE_TRANSITIONS`` with a timeline entry.

    When the last open refund case of an order ends, the order leaves ``refunding``: ``closed``
    when the refunds paid back everything, else back to where its own times put it.
    """
    case = session.get(AfterSale, aftersale_id, with_for_update=True, populate_existing=True)
    if case is None:
        raise ValueError(f"no after-sale case {aftersale_id}")
    if state not in AFTERSALE_TRANSITIONS:
        raise ValueError(f"unknown after-sale state {state!r}")
    if state not in AFTERSALE_TRANSITIONS.get(case.state, frozenset()):
        raise ValueError(f"after-sale case {case.id} cannot go from {case.state} to {state}")
    if state == "refunded" and case.kind not in REFUND_KINDS:
        raise ValueError(f"a {case.kind} case is not refunded")
    if state == "reshipped" and case.kind in REFUND_KINDS:
        raise ValueError(f"a {case.kind} case is not reshipped")
    if state == "awaiting_return" and case.kind not in ("return_refund", "exchange"):
        raise ValueError(f"nothing comes back in a {case.kind} case")
    now = at or utcnow()
    case.state = state
    case.timeline = [
        *case.timeline,
        {"at": now.isoformat(), "text": text or AFTERSALE_TEXTS[state], "actor": actor},
    ]
    case.updated_at = now
    case.version = allocate(session)
    session.flush()
    if state not in AFTERSALE_OPEN_STATES and case.kind in REFUND_KINDS:
        order = session.get(Order, case.order_id)
        still_open = session.execute(
            select(AfterSale.id).where(
                AfterSale.order_id == case.order_id,
                AfterSale.kind.in_(REFUND_KINDS),
                AfterSale.state.in_(AFTERSALE_OPEN_STATES),
            )
        ).first()
        if order is not None and order.status == "refunding" and still_open is None:
            refunded = session.execute(
                select(func.coalesce(func.sum(AfterSale.amount_fen), 0)).where(
                    AfterSale.order_id == order.id, AfterSale.state == "refunded"
                )
            ).scalar_one()
            target = "closed" if int(refunded) >= order.paid_fen else _status_without_case(order)
            set_order_status(session, order.id, target, now)
    return case


# ----------------------------------------------------------------------------- bulk (demo, tests)


def bulk_orders(
    session: Session,
    orders: list[dict[str, Any]],
    shipments: list[dict[str, Any]],
    aftersales: list[dict[str, Any]],
) -> list[int]:
    """Insert many orders with their parcels and cases in a few statements, then put the buyers'
    lifetime figures right.

    Order rows are ``shop_order`` columns; shipment and after-sale rows name their order by
    position in ``orders`` (``"order_index"``) instead of ``order_id``. Rows are inserted as given
    (the caller made them consistent); versions come from one allocation per table. Returns the
    order ids in the order of ``orders``.
    """
    for o in orders:
        o.setdefault("updated_at", o["created_at"])
    order_ids = _insert_many(session, Order, orders)
    for rows in (shipments, aftersales):
        for row in rows:
            row["order_id"] = order_ids[row.pop("order_index")]
    _insert_many(session, Shipment, shipments)
    _insert_many(session, AfterSale, aftersales)
    refresh_buyer_figures_bulk(session, {o["buyer_id"] for o in orders})
    return order_ids


def _insert_many(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """``ops.bulk_insert`` (returning ids), with a faster road on SQLite for rows that name every
    column: values converted once per column kind and handed to the driver's ``executemany``.

    Measured on the demo seed (about 12,000 orders, 10,000 parcels with their scans): SQLAlchemy's
    per-value bind processing (UTC datetimes, JSON) was about a third of the whole seed. The values
    are stored exactly as SQLAlchemy stores them on SQLite (``YYYY-MM-DD HH:MM:SS.ffffff`` naive
    UTC, JSON text), which the tests check by reading them back through the ORM and the pull.
    """
    if not rows:
        return []
    table = model.__table__
    cols = [c for c in table.columns if c.name not in ("id", "version")]
    names = {c.name for c in cols}
    if session.get_bind().dialect.name != "sqlite" or any(names - row.keys() for row in rows):
        return bulk_insert(session, model, rows, returning=True)
    first = allocate(session, len(rows))
    start = int(session.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1

    def as_datetime(v: Any) -> Any:
        if v is None:
            return None
        if v.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return v.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")

    def as_json(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False)

    def same(v: Any) -> Any:
        return v

    convert = [
        as_datetime if isinstance(c.type, UTCDateTime) else as_json if isinstance(c.type, JSON) else same
        for c in cols
    ]
    sql = (
        f'INSERT INTO "{table.name}" (id, version, {", ".join(f"{chr(34)}{c.name}{chr(34)}" for c in cols)}) '
        f"VALUES ({', '.join('?' for _ in range(len(cols) + 2))})"
    )
    params = [
        (start + i, first + i, *(f(row[c.name]) for f, c in zip(convert, cols, strict=True)))
        for i, row in enumerate(rows)
    ]
    session.connection().exec_driver_sql(sql, params)
    return list(range(start, start + len(rows)))


def refresh_buyer_figures_bulk(session: Session, buyer_ids: Iterable[int]) -> int:
    """``refresh_buyer_figures`` for many buyers: a few aggregate queries and one executemany."""
    ids = sorted(set(buyer_ids))
    moved: list[tuple[int, int, int]] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        figures = {
            bid: (int(n), int(total or 0))
            for bid, n, total in session.execute(
                select(Order.buyer_id, func.count(), func.sum(Order.paid_fen))
                .where(Order.buyer_id.in_(chunk), Order.paid_at.is_not(None))
                .group_by(Order.buyer_id)
            )
        }
        for bid, count, total in session.execute(
            select(Buyer.id, Buyer.order_count, Buyer.total_spent_fen).where(Buyer.id.in_(chunk))
        ):
            want = figures.get(bid, (0, 0))
            if (count, total) != want:
                moved.append((bid, *want))
    if not moved:
        return 0
    first = allocate(session, len(moved))
    session.execute(
        update(Buyer),
        [
            {"id": bid, "order_count": count, "total_spent_fen": total, "version": first + i}
            for i, (bid, count, total) in enumerate(moved)
        ],
    )
    return len(moved)


# ----------------------------------------------------------------------------- privacy


def has_permission(user: User, permission: str) -> bool:
    return permission in user.permissions


def set_permissions(session: Session, actor: User, target_id: int, permissions: Sequence[str]) -> User:
    """Set ``target_id``'s permissions. An admin may set anyone's; a supervisor those of a user
    who works in one of the supervisor's shops, but not their own (a permission nobody can grant
    themselves means something). The target gets a new version when anything changed, so that
    colleagues' caches follow."""
    bad = [p for p in permissions if p not in PERMISSIONS]
    if bad:
        raise ApiError(422, "bad_request", f"unknown permissions {bad}")
    target = session.get(User, target_id, with_for_update=True, populate_existing=True)
    if target is None:
        raise not_found(f"no user {target_id}")
    if actor.role != "admin":
        if actor.role != "supervisor":
            raise forbidden("only a supervisor or an admin grants permissions")
        if actor.id == target.id:
            raise forbidden("a supervisor cannot change their own permissions")
        if not set(actor.shop_ids) & set(target.shop_ids):
            raise forbidden("the user works in none of your shops")
    _write_permissions(session, target, permissions)
    return target


def _write_permissions(session: Session, target: User, permissions: Iterable[str]) -> bool:
    wanted = ",".join(p for p in PERMISSIONS if p in set(permissions))
    if wanted == target.permissions_csv:
        return False
    target.permissions_csv = wanted
    target.version = allocate(session)  # colleagues' caches pick the change up
    session.flush()
    return True


def grant_permission(session: Session, staff_id: str, permission: str, revoke: bool = False) -> User:
    """An administrator's grant (or revoke) by staff id: the CLI's ``grant-permission``."""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}; known: {', '.join(PERMISSIONS)}")
    user = session.execute(select(User).where(User.staff_id == staff_id)).scalar_one_or_none()
    if user is None:
        raise ValueError(f"no user with staff id {staff_id!r}")
    have = set(user.permissions)
    _write_permissions(session, user, have - {permission} if revoke else have | {permission})
    return user


def reveal(
    session: Session,
    user_id: int,
    buyer_id: int,
    field: str,
    order_id: int | None = None,
    reason: str = "",
    at: datetime | None = None,
) -> tuple[str, datetime]:
    """The full phone or address of a buyer (or of an order's receiver), recorded in
    ``RevealLog`` in the caller's transaction. Returns ``(value, when)``.

    The user is read again here, inside the writing transaction, so a permission revoked a moment
    ago is honoured. No permission: 403 and nothing recorded. A buyer outside the user's shops is
    answered like a buyer that does not exist (404), so the answer does not tell which ids exist.
    """
    if field not in ("phone", "address"):
        raise ApiError(422, "bad_request", f"unknown field {field!r}")
    user = session.get(User, user_id, populate_existing=True)
    if user is None or not user.active:
        raise forbidden("no such active user")
    if not has_permission(user, "reveal_contact"):
        raise forbidden("revealing a buyer's contact needs the reveal_contact permission")
    buyer = session.get(Buyer, buyer_id)
    if buyer is None or buyer.shop_id not in user.shop_ids:
        raise not_found(f"no buyer {buyer_id}")
    if order_id is not None:
        order = session.get(Order, order_id)
        if order is None or order.buyer_id != buyer.id:
            raise not_found(f"no order {order_id} of buyer {buyer_id}")
        value = order.receiver_phone if field == "phone" else order.address
    else:
        value = buyer.phone if field == "phone" else buyer.address
    now = at or utcnow()
    session.add(
        RevealLog(
            user_id=user.id,
            shop_id=buyer.shop_id,
            buyer_id=buyer.id,
            order_id=order_id,
            field=field,
            reason=reason.strip()[:200],
            at=now,
        )
    )
    session.flush()
    return value, now


def reveal_audit(
    session: Session, user: User, since: datetime | None = None, limit: int = 200
) -> list[dict[str, Any]]:
    """Reveals in the supervisor's shops (an admin: all), newest first, at or after ``since``.

    Rows are ``wsprotocol.RevealAuditEntry`` fields."""
    if user.role not in ("supervisor", "admin"):
        raise forbidden("only supervisors read the reveal audit")
    stmt = (
        select(
            RevealLog.id,
            RevealLog.user_id,
            User.staff_id,
            RevealLog.buyer_id,
            RevealLog.order_id,
            RevealLog.field,
            RevealLog.reason,
            RevealLog.at,
        )
        .join(User, User.id == RevealLog.user_id)
        .order_by(RevealLog.at.desc(), RevealLog.id.desc())
        .limit(max(1, min(limit, 1000)))
    )
    if user.role != "admin":
        stmt = stmt.where(RevealLog.shop_id.in_(user.shop_ids or [-1]))
    if since is not None:
        stmt = stmt.where(RevealLog.at >= since)
    keys = ("id", "user_id", "staff_id", "buyer_id", "order_id", "field", "reason", "at")
    return [dict(zip(keys, row, strict=True)) for row in session.execute(stmt)]
