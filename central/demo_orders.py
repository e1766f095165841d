"""Demo orders on the service: seeding them (from ``central.demodata_orders``) and moving a few
while the demo runs.

``seed_orders`` runs inside ``central.demo.seed_demo``'s transaction, after the buyers and
conversations exist: it plans every buyer's orders, writes them with ``orders.bulk_orders`` (a few
``executemany`` statements), fills in the buyers' addresses, tags, first and last contact and
lifetime figures, and grants ``reveal_contact`` to kf001 and the supervisors (kf002 has it not, so
both sides of the privacy rule can be tried).

``run_order_traffic`` is the demo service's second background task (next to the buyer traffic):
now and then a buyer pays, a parcel goes out, a parcel gets its next scan, or a buyer places a new
order, all through ``central.orders`` so workstations see them arrive like any change.
"""

from __future__ import annotations

import asyncio
import logging
import random
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from central import demodata, demodata_orders, orders
from central.db import Database
from central.models import Buyer, Conversation, Order, Shipment, Shop, utcnow
from central.settings import Settings
from central.versions import allocate

log = logging.getLogger(__name__)

#: who may reveal contacts in the demo (kf002 may not: try both)
DEMO_REVEALERS = ("kf001", "zg01", "zg02")


def _at(now: datetime, s_ago: float | None) -> datetime | None:
    return None if s_ago is None else now - timedelta(seconds=s_ago)


def _iso(now: datetime, s_ago: float | None) -> str | None:
    return None if s_ago is None else (now - timedelta(seconds=s_ago)).isoformat()


def seed_orders(
    session: Session,
    seed: int,
    now: datetime,
    shops: list[demodata.DemoShop],
    shop_id_of: dict[str, int],
    buyers: list[demodata.DemoBuyer],
    buyer_ids: list[int],
) -> str:
    """Orders, parcels and after-sale cases for the demo buyers; returns a summary line."""
    # its own random stream: adding orders leaves the rest of the demo exactly as it was
    rng = random.Random(f"orders-{seed}")
    index_of = {bid: i for i, bid in enumerate(buyer_ids)}
    created = dict(session.execute(select(Buyer.id, Buyer.created_at).where(Buyer.id.in_(buyer_ids))).all())
    ages = [max(86400.0, (now - created[bid]).total_seconds()) for bid in buyer_ids]
    focus: dict[int, str] = {}
    contact: dict[int, tuple[datetime, datetime]] = {}
    for bid, group, status, opened, last in session.execute(
        select(
            Conversation.buyer_id,
            Conversation.group,
            Conversation.status,
            Conversation.created_at,
            Conversation.last_message_at,
        )
    ):
        i = index_of.get(bid)
        if i is None:
            continue
        if status != "closed":
            focus[i] = group
        first, latest = contact.get(i, (opened, last))
        contact[i] = (min(first, opened), max(latest, last))
    staff: dict[str, list[str]] = {}
    for u in demodata.demo_users():
        if u.role == "agent" and "aftersale" in u.groups:
            for key in u.shop_keys:
                staff.setdefault(key, []).append(u.staff_id)

    planned, profiles = demodata_orders.plan_orders(rng, shops, buyers, ages, focus, staff)
    planned.sort(key=lambda o: -o.created_s_ago)  # versions follow time: oldest orders first
    order_rows: list[dict[str, Any]] = []
    ship_rows: list[dict[str, Any]] = []
    case_rows: list[dict[str, Any]] = []
    for k, o in enumerate(planned):
        shop_id = shop_id_of[o.shop_key]
        buyer_id = buyer_ids[o.buyer_index]
        name, phone, province, city, address = o.receiver
        presale = None
        if o.presale is not None:
            ps = o.presale
            presale = {
                "deposit_fen": ps["deposit_fen"],
                "balance_fen": ps["balance_fen"],
                "deposit_paid_at": _iso(now, ps["deposit_paid_s_ago"]),
                "balance_due_from": _iso(now, ps["balance_due_from_s_ago"]),
                "balance_due_until": _iso(now, ps["balance_due_until_s_ago"]),
                "balance_paid_at": _iso(now, ps["balance_paid_s_ago"]),
            }
        order_rows.append(
            {
                "shop_id": shop_id,
                "buyer_id": buyer_id,
                "order_no": o.order_no,
                "status": o.status,
                "created_at": _at(now, o.created_s_ago),
                "paid_at": _at(now, o.paid_s_ago),
                "shipped_at": _at(now, o.shipped_s_ago),
                "delivered_at": _at(now, o.delivered_s_ago),
                "completed_at": _at(now, o.completed_s_ago),
                "closed_at": _at(now, o.closed_s_ago),
                "items": o.items,
                "discounts": o.discounts,
                "item_total_fen": o.item_total_fen,
                "shipping_fee_fen": o.shipping_fee_fen,
                "paid_fen": o.paid_fen,
                "receiver_name": name,
                "receiver_phone": phone,
                "province": province,
                "city": city,
                "address": address,
                "buyer_message": o.buyer_message,
                "presale": presale,
                "promised_ship_at": _at(now, o.promised_ship_s_ago),
                "updated_at": _at(now, o.updated_s_ago),
            }
        )
        for sh in o.shipments:
            ship_rows.append(
                {
                    "shop_id": shop_id,
                    "order_index": k,
                    "carrier": sh.carrier,
                    "tracking_no": sh.tracking_no,
                    "state": sh.state,
                    "events": [
                        {"at": _iso(now, e.s_ago), "place": e.place, "text": e.text, "state": e.state}
                        for e in sh.events
                    ],
                    "last_event_at": _at(now, sh.events[-1].s_ago if sh.events else sh.created_s_ago),
                    "created_at": _at(now, sh.created_s_ago),
                }
            )
        for c in o.cases:
            case_rows.append(
                {
                    "shop_id": shop_id,
                    "order_index": k,
                    "buyer_id": buyer_id,
                    "kind": c.kind,
                    "reason": c.reason,
                    "amount_fen": c.amount_fen,
                    "state": c.state,
                    "timeline": [
                        {"at": _iso(now, t), "text": text, "actor": actor} for t, text, actor in c.timeline
                    ],
                    "created_at": _at(now, c.created_s_ago),
                    "updated_at": _at(now, c.timeline[-1][0]),
                }
            )

    # the buyers' profiles first, lifetime figures included: bulk_orders then finds them right
    first_version = allocate(session, len(buyer_ids))
    buyer_updates = []
    for i, (bid, p) in enumerate(zip(buyer_ids, profiles, strict=True)):
        first_at = _at(now, p.first_contact_s_ago)
        last_at = _at(now, p.last_contact_s_ago)
        if i in contact:
            # a conversation is a contact too
            seen_first, seen_last = contact[i]
            first_at = seen_first if first_at is None else min(first_at, seen_first)
            last_at = seen_last if last_at is None else max(last_at, seen_last)
        buyer_updates.append(
            {
                "id": bid,
                "addresses": p.addresses,
                "tags": p.tags,
                "first_contact_at": first_at,
                "last_contact_at": last_at,
                "order_count": p.order_count,
                "total_spent_fen": p.total_spent_fen,
                "version": first_version + i,
            }
        )
    session.execute(update(Buyer), buyer_updates)
    orders.bulk_orders(session, order_rows, ship_rows, case_rows)
    for staff_id in DEMO_REVEALERS:
        try:
            orders.grant_permission(session, staff_id, "reveal_contact")
        except ValueError:
            log.info("demo account %s not found: no reveal permission granted", staff_id)
    return f"{len(order_rows)} orders, {len(ship_rows)} parcels, {len(case_rows)} after-sale cases"


# ----------------------------------------------------------------------------- live traffic


class OrderTraffic:
    """One small change to the demo's orders per ``step``."""

    def __init__(self, db: Database, seed: int | None = None) -> None:
        self.db = db
        self.rng = random.Random(seed)
        known = {s.name: s.key for s in demodata.demo_shops()}
        with db.read() as s:
            self.shop_key = {
                sid: known.get(name, f"shop{sid}") for sid, name in s.execute(select(Shop.id, Shop.name))
            }

    def step(self) -> str | None:
        """Pay, ship, scan or place an order; returns what happened (None: nothing to do)."""
        action = self.rng.choices(("pay", "ship", "scan", "order"), weights=(3, 2, 4, 1))[0]
        with self.db.write() as s:
            return getattr(self, "_" + action)(s)

    def _pay(self, s: Session) -> str | None:
        now = utcnow()
        # a JSON column stores None as JSON null, not SQL NULL: presales are told apart here
        candidates = s.execute(
            select(Order.id, Order.presale)
            .where(Order.status == "unpaid", Order.created_at < now - timedelta(minutes=2))
            .order_by(func.random())
            .limit(20)
        ).all()
        oid = next((i for i, presale in candidates if presale is None), None)
        if oid is None:
            return None
        orders.pay_order(s, oid)
        return "paid"

    def _ship(self, s: Session) -> str | None:
        order = s.execute(
            select(Order)
            .outerjoin(Shipment, Shipment.order_id == Order.id)
            .where(Order.status == "paid", Shipment.id.is_(None))
            .order_by(func.random())
            .limit(1)
        ).scalar_one_or_none()
        if order is None:
            return None
        key = self.shop_key.get(order.shop_id, "")
        carrier = demodata_orders.pick_carrier(self.rng, key, False, order.paid_fen)
        number = demodata_orders.tracking_no(self.rng, carrier)
        step = self._route(key, carrier, number, order)[0]
        orders.add_shipment(s, order.id, carrier, number, first_event=(step.place, step.text))
        return "shipped"

    def _scan(self, s: Session) -> str | None:
        # parcels still moving (a stuck one stays stuck: that is what the demo shows)
        row = s.execute(
            select(Shipment, Order)
            .join(Order, Order.id == Shipment.order_id)
            .where(
                Shipment.state.in_(("picked_up", "in_transit", "out_for_delivery")),
                Shipment.last_event_at > utcnow() - timedelta(hours=40),
            )
            .order_by(func.random())
            .limit(1)
        ).first()
        if row is None:
            return None
        shipment, order = row
        steps = self._route(
            self.shop_key.get(order.shop_id, ""), shipment.carrier, shipment.tracking_no, order
        )
        done = len(shipment.events)
        if done >= len(steps) or [e["text"] for e in shipment.events] != [st.text for st in steps[:done]]:
            return None  # not a route this module made: leave it alone
        nxt = steps[done]
        orders.add_shipment_event(s, shipment.id, nxt.text, place=nxt.place, state=nxt.state)
        return nxt.state

    def _order(self, s: Session) -> str | None:
        bid = s.execute(
            select(Conversation.buyer_id)
            .where(Conversation.status != "closed")
            .order_by(func.random())
            .limit(1)
        ).scalar_one_or_none()
        buyer = s.get(Buyer, bid) if bid is not None else None
        if buyer is None:
            return None
        skus = demodata_orders.catalogue(self.shop_key.get(buyer.shop_id, ""))
        items = [
            {
                "sku": sku.sku,
                "title": sku.title,
                "specs": sku.specs,
                "quantity": self.rng.choice((1, 1, 1, 2)),
                "unit_price_fen": sku.unit_price_fen,
            }
            for sku in self.rng.sample(skus, self.rng.choice((1, 1, 2)))
        ]
        orders.add_order(s, buyer.id, items)
        return "ordered"

    @staticmethod
    def _route(shop_key: str, carrier: str, number: str, order: Order) -> list[demodata_orders.RouteStep]:
        prefix = order.province if order.province == order.city else order.province + order.city
        district = demodata_orders.district_of(order.address.removeprefix(prefix))
        origin = demodata_orders.WAREHOUSES.get(shop_key, demodata_orders.WAREHOUSES["baby"])
        return demodata_orders.route(carrier, number, origin, order.city, district)


async def run_order_traffic(db: Database, settings: Settings) -> None:
    """The demo's order traffic: a change now and then (at the default buyer traffic of 20 events
    a minute, about one every 12 s; never more than one every 8 s on average, so that a fast
    buyer traffic for tests does not turn into a stream of order writes)."""
    traffic: OrderTraffic | None = None
    rng = random.Random(settings.traffic_seed)
    mean_delay = max(8.0, 240.0 / max(settings.traffic_rate, 0.1))
    while True:
        try:
            await asyncio.sleep(rng.expovariate(1.0 / mean_delay))
            if traffic is None:
                traffic = await asyncio.to_thread(OrderTraffic, db, settings.traffic_seed)
            await asyncio.to_thread(traffic.step)
        except asyncio.CancelledError:
            raise
        except Exception:  # a busy database must not end the demo; try again later
            log.warning("demo order traffic failed", exc_info=True)
            await asyncio.sleep(1)
