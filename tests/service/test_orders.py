"""Orders, shipments and after-sale cases on the service: the versioned writes and their rules,
the buyers' lifetime figures, and the sync of all of it into a real client cache (masked)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from central import models as cm
from central import orders
from central.testing import LiveServer
from tests.service.conftest import Api
from workstation.client import Client
from workstation.models import AfterSale, Buyer, Order, Shipment
from wsprotocol import RECORD_MODELS, OrderRecord, ShipmentRecord

ITEMS = [
    {
        "sku": "CZM-NR02-1-2",
        "title": "风干手撕牛肉干",
        "specs": "口味:香辣味;规格:500g",
        "quantity": 2,
        "unit_price_fen": 8900,
    },
    {"sku": "CZM-MG03-1", "title": "芒果干", "specs": "规格:100g*3袋", "quantity": 1, "unit_price_fen": 1990},
]
COUPON = [{"label": "店铺优惠券 满199减20", "amount_fen": 2000}]


def _buyer(server: LiveServer, buyer_id: int) -> cm.Buyer:
    with server.session() as s:
        b = s.get(cm.Buyer, buyer_id)
        assert b is not None
        return b


def test_order_lifecycle_keeps_money_times_and_buyer_figures(server: LiveServer, ids: dict[str, Any]) -> None:
    buyer_id = ids["buyers"][ids["shops"][0]][0]
    v0 = _buyer(server, buyer_id).version
    with server.write() as s:
        o = orders.add_order(
            s, buyer_id, ITEMS, discounts=COUPON, shipping_fee_fen=600, buyer_message="请尽快发货"
        )
        oid, no = o.id, o.order_no
        assert (o.status, o.item_total_fen, o.paid_fen) == ("unpaid", 19790, 0)
        assert len(no) == 18 and no.isdigit()
        # the receiver defaults to the buyer
        assert (o.receiver_phone, o.city, o.address) == ("13812340000", "杭州市", "西湖区文三路0号")
    b = _buyer(server, buyer_id)
    assert (b.order_count, b.total_spent_fen, b.version) == (0, 0, v0)  # unpaid: figures unmoved

    with server.write() as s:
        paid = orders.pay_order(s, oid)
        assert paid.status == "paid" and paid.paid_fen == 19790 - 2000 + 600 and paid.paid_at is not None
    b = _buyer(server, buyer_id)
    assert (b.order_count, b.total_spent_fen) == (1, 18390) and b.version > v0

    with server.write() as s:
        ship = orders.add_shipment(
            s, oid, "sf", "SF1234567890123", first_event=("杭州市", "【杭州市】顺丰速运 已揽收")
        )
        sid = ship.id
        assert s.get(cm.Order, oid).status == "shipped"  # type: ignore[union-attr]
        t1 = datetime.now(UTC) + timedelta(minutes=5)
        orders.add_shipment_event(
            s, sid, "【杭州市】快件已到达 杭州转运中心", place="杭州市", state="in_transit", at=t1
        )
        # a late scan arriving out of order finds its place; state follows the newest event
        orders.add_shipment_event(
            s, sid, "【杭州市】快件已装车", place="杭州市", at=t1 - timedelta(minutes=1)
        )
        got = s.get(cm.Shipment, sid)
        assert got is not None
        assert [e["text"] for e in got.events] == [
            "【杭州市】顺丰速运 已揽收",
            "【杭州市】快件已装车",
            "【杭州市】快件已到达 杭州转运中心",
        ]
        assert got.state == "in_transit" and got.last_event_at == t1
        t2 = t1 + timedelta(hours=20)
        orders.add_shipment_event(
            s, sid, "【深圳市】已签收，签收人：本人", place="深圳市", state="delivered", at=t2
        )
        order = s.get(cm.Order, oid)
        assert order is not None and order.status == "delivered" and order.delivered_at == t2
        orders.complete_order(s, oid)
        with pytest.raises(ValueError, match="cannot go from completed to shipped"):
            orders.set_order_status(s, oid, "shipped")
    b = _buyer(server, buyer_id)
    assert (b.order_count, b.total_spent_fen) == (1, 18390)

    # a second paid order adds up; an unpaid one that closes does not count
    server.add_order(buyer_id, status="paid")
    server.add_order(buyer_id, status="closed")
    b = _buyer(server, buyer_id)
    assert (b.order_count, b.total_spent_fen) == (2, 18390 + 9900)


def test_bad_input_is_refused(server: LiveServer, ids: dict[str, Any]) -> None:
    buyer_id = ids["buyers"][ids["shops"][0]][0]
    with server.write() as s:
        with pytest.raises(ValueError, match="at least one item"):
            orders.add_order(s, buyer_id, [])
        with pytest.raises(ValueError, match="quantity"):
            orders.add_order(s, buyer_id, [{**ITEMS[0], "quantity": 0}])
        with pytest.raises(ValueError, match="discounts larger"):
            orders.add_order(s, buyer_id, ITEMS[1:], discounts=[{"label": "券", "amount_fen": 5000}])
        with pytest.raises(ValueError, match="no buyer"):
            orders.add_order(s, 99999, ITEMS)
        o = orders.add_order(s, buyer_id, ITEMS)
        with pytest.raises(ValueError, match="nothing to ship"):
            orders.add_shipment(s, o.id, "zto", "7312345678901")
        with pytest.raises(ValueError, match="no after-sale"):
            orders.open_aftersale(s, o.id, "refund_only", "不想要了", 100)
        with pytest.raises(ValueError, match="unknown order status"):
            orders.set_order_status(s, o.id, "lost")
        orders.pay_order(s, o.id)
        with pytest.raises(ValueError, match="refund amount"):
            orders.open_aftersale(s, o.id, "refund_only", "不想要了", o.paid_fen + 1)
        with pytest.raises(ValueError, match="moves no money"):
            orders.open_aftersale(s, o.id, "exchange", "换大一码", 100)
        with pytest.raises(ValueError, match="needs a reason"):
            orders.open_aftersale(s, o.id, "refund_only", "  ", 100)
        ship = orders.add_shipment(s, o.id, "zto", "7312345678901")
        with pytest.raises(ValueError, match="unknown shipment state"):
            orders.add_shipment_event(s, ship.id, "x", state="teleported")
        with pytest.raises(ValueError, match="needs a text"):
            orders.add_shipment_event(s, ship.id, "   ")


def test_presale_deposit_then_balance(server: LiveServer, ids: dict[str, Any]) -> None:
    buyer_id = ids["buyers"][ids["shops"][0]][1]
    now = datetime.now(UTC)
    presale = {
        "deposit_fen": 5000,
        "balance_fen": 19790 - 5000,
        "balance_due_from": now + timedelta(days=1),
        "balance_due_until": now + timedelta(days=3),
    }
    with server.write() as s:
        with pytest.raises(ValueError, match="must equal"):
            orders.add_order(s, buyer_id, ITEMS, presale={**presale, "deposit_fen": 1})
        o = orders.add_order(s, buyer_id, ITEMS, presale=presale, promised_ship_at=now + timedelta(days=7))
        oid = o.id
        with pytest.raises(ValueError, match="deposit is not paid"):
            orders.pay_order(s, oid)
        orders.pay_deposit(s, oid)
    with server.session() as s:
        o2 = s.get(cm.Order, oid)
        assert o2 is not None and o2.status == "unpaid" and o2.presale is not None
        assert o2.presale["deposit_paid_at"] and o2.presale["balance_paid_at"] is None
        rec = OrderRecord.model_validate(json.loads(json.dumps(orders_record(o2))))
        assert rec.presale is not None and rec.presale.balance_due_until > rec.presale.balance_due_from
    assert _buyer(server, buyer_id).order_count == 0  # a deposit alone is not a paid order
    with server.write() as s:
        paid = orders.pay_order(s, oid)
        assert paid.status == "paid" and paid.paid_fen == 19790 and paid.presale["balance_paid_at"]  # type: ignore[index]
    assert (_buyer(server, buyer_id).order_count, _buyer(server, buyer_id).total_spent_fen) == (1, 19790)


def orders_record(o: cm.Order) -> dict[str, Any]:
    from central.records import order_record

    return order_record(o)


def test_aftersale_moves_the_order_and_back(server: LiveServer, ids: dict[str, Any]) -> None:
    buyer_id = ids["buyers"][ids["shops"][0]][2]
    full = server.add_order(buyer_id, ITEMS, status="delivered")
    partial = server.add_order(buyer_id, ITEMS, status="delivered")
    swap = server.add_order(buyer_id, ITEMS, status="completed")

    def status(oid: int) -> str:
        with server.session() as s:
            return s.get(cm.Order, oid).status  # type: ignore[union-attr]

    # a full refund: refunding while open, closed when the money went back
    case = server.add_aftersale(full, "return_refund", "七天无理由退货")
    assert status(full) == "refunding"
    with server.write() as s:
        with pytest.raises(ValueError, match="cannot go from requested to refunded"):
            orders.advance_aftersale(s, case, "refunded")
        for state in ("approved", "awaiting_return", "returned", "refunded"):
            orders.advance_aftersale(s, case, state, actor="a1")
        c = s.get(cm.AfterSale, case)
        assert c is not None and [e["text"] for e in c.timeline][-1] == orders.AFTERSALE_TEXTS["refunded"]
        assert [e["actor"] for e in c.timeline] == ["buyer", "a1", "a1", "a1", "a1"]
    assert status(full) == "closed"

    # two refunds on one order: refunding until both ended; partial money back: delivered again
    c1 = server.add_aftersale(partial, "refund_only", "少发了一袋", amount_fen=1990)
    c2 = server.add_aftersale(partial, "refund_only", "包装破损", amount_fen=500)
    with server.write() as s:
        orders.advance_aftersale(s, c1, "approved")
        orders.advance_aftersale(s, c1, "refunded")
    assert status(partial) == "refunding"
    with server.write() as s:
        orders.advance_aftersale(s, c2, "rejected", text="商家拒绝：已补偿优惠券")
    assert status(partial) == "delivered"

    # an exchange moves no money and leaves the order as it is
    ex = server.add_aftersale(swap, "exchange", "尺码不合适，换大一码")
    assert status(swap) == "completed"
    with server.write() as s:
        orders.advance_aftersale(s, ex, "approved")
        with pytest.raises(ValueError, match="not refunded"):
            orders.advance_aftersale(s, ex, "refunded")
        for state in ("awaiting_return", "returned", "reshipped"):
            orders.advance_aftersale(s, ex, state)
    assert status(swap) == "completed"
    # lifetime figures count payments, refunds do not take them back
    b = _buyer(server, buyer_id)
    assert (b.order_count, b.total_spent_fen) == (3, 3 * 19790)


def test_bulk_orders_keep_buyer_figures(server: LiveServer, ids: dict[str, Any]) -> None:
    shop1 = ids["shops"][0]
    b1, b2 = ids["buyers"][shop1][:2]
    now = datetime.now(UTC)

    def row(buyer: int, no: str, paid: int | None) -> dict[str, Any]:
        return {
            "shop_id": shop1,
            "buyer_id": buyer,
            "order_no": no,
            "status": "paid" if paid else "unpaid",
            "created_at": now,
            "paid_at": now if paid else None,
            "items": ITEMS[1:],
            "discounts": [],
            "item_total_fen": 1990,
            "paid_fen": paid or 0,
        }

    with server.write() as s:
        ids_ = orders.bulk_orders(
            s,
            [row(b1, "B-1", 1990), row(b1, "B-2", None), row(b2, "B-3", 1990)],
            [
                {
                    "shop_id": shop1,
                    "order_index": 2,
                    "carrier": "yto",
                    "tracking_no": "YT1",
                    "state": "picked_up",
                    "events": [],
                    "last_event_at": now,
                    "created_at": now,
                }
            ],
            [
                {
                    "shop_id": shop1,
                    "order_index": 0,
                    "buyer_id": b1,
                    "kind": "reissue",
                    "reason": "少件",
                    "state": "requested",
                    "timeline": [],
                    "created_at": now,
                    "updated_at": now,
                }
            ],
        )
    with server.session() as s:
        assert s.execute(select(cm.Shipment.order_id)).scalar_one() == ids_[2]
        assert s.execute(select(cm.AfterSale.order_id)).scalar_one() == ids_[0]
        versions = [s.get(cm.Order, i).version for i in ids_]  # type: ignore[union-attr]
        assert versions == sorted(set(versions))
    assert (_buyer(server, b1).order_count, _buyer(server, b1).total_spent_fen) == (1, 1990)
    assert (_buyer(server, b2).order_count, _buyer(server, b2).total_spent_fen) == (1, 1990)


def _connect(server: LiveServer, staff_id: str, tmp_path: Path) -> Client:
    data = tmp_path / staff_id
    data.mkdir()
    return Client.connect(server.url, staff_id, f"pw-{staff_id}", data_dir=data)


def test_sync_into_a_client_cache_masked_and_scoped(
    server: LiveServer, ids: dict[str, Any], tmp_path: Path
) -> None:
    shop1, shop2 = ids["shops"]
    buyer = ids["buyers"][shop1][0]
    secret_phone = "13955558888"
    secret_address = "浙江省杭州市西湖区文三路478号华星时代广场A座1201室"
    o1 = server.add_order(buyer, ITEMS, status="shipped", receiver_phone=secret_phone, address=secret_address)
    o2 = server.add_order(buyer, ITEMS, status="delivered", discounts=COUPON)
    case = server.add_aftersale(o2, "return_refund", "尺码不合适", amount_fen=8900)
    foreign = server.add_order(ids["buyers"][shop2][0], ITEMS, status="shipped")

    a1 = _connect(server, "a1", tmp_path)
    try:
        a1.engine.page_limit = 3  # several pages
        summary = a1.engine.pull()
        assert summary.ids["order"] == {str(o1), str(o2)}  # the shop-2 order never reaches a1
        assert str(foreign) not in summary.ids["order"]
        with a1.db.session() as s:
            cached = s.get(Order, o1)
            assert cached is not None
            assert cached.receiver_phone_masked == "139****8888" and cached.address_short == "浙江省杭州市"
            assert cached.items == [{**i} for i in ITEMS] and cached.status == "shipped"
            ships = list(s.scalars(select(Shipment).where(Shipment.order_id == o1)))
            assert (
                len(ships) == 1 and ships[0].carrier == "zto" and ships[0].events[0]["state"] == "picked_up"
            )
            cached_case = s.get(AfterSale, case)
            assert (
                cached_case is not None
                and cached_case.state == "requested"
                and cached_case.amount_fen == 8900
            )
            assert s.get(Order, o2).status == "refunding"  # type: ignore[union-attr]
            b = s.get(Buyer, buyer)
            assert b is not None and (b.order_count, b.total_spent_fen) == (2, 2 * 19790 - 2000)
            assert b.phone_masked == "138****0000"
            assert s.scalar(select(func.count()).select_from(Shipment)) == 2  # not the shop-2 parcel

        # incremental: a new scan and the case moving on arrive with the next pull
        with server.write() as s:
            orders.add_shipment_event(
                s, ships[0].id, "【杭州市】快件已到达 杭州转运中心", place="杭州市", state="in_transit"
            )
            orders.advance_aftersale(s, case, "approved", actor="a1")
        second = a1.engine.pull()
        assert second.ids["shipment"] == {str(ships[0].id)} and second.ids["aftersale"] == {str(case)}
        with a1.db.session() as s:
            again = s.get(Shipment, ships[0].id)
            assert again is not None and again.state == "in_transit" and len(again.events) == 2
            assert s.get(AfterSale, case).state == "approved"  # type: ignore[union-attr]
    finally:
        a1.close()

    # the raw pages: every record validates against the protocol, and no full phone or address
    # is anywhere in them
    api = Api(server.url, server.token_for("s1"))
    raw_pages = []
    cursor = ""
    while True:
        r = api.get("/v1/sync/pull", params={"cursor": cursor, "limit": 4})
        raw_pages.append(r.text)
        body = r.json()
        for change in body["changes"]:
            if change["op"] == "upsert":
                RECORD_MODELS[change["entity"]].model_validate(change["data"])
        cursor = body["cursor"]
        if not body["has_more"]:
            break
    text = "".join(raw_pages)
    assert '"entity":"order"' in text and '"entity":"shipment"' in text and '"entity":"aftersale"' in text
    with server.session() as s:
        phones = {p for p in s.execute(select(cm.Buyer.phone)).scalars()}
        phones |= {p for p in s.execute(select(cm.Order.receiver_phone)).scalars()}
        addresses = {a for a in s.execute(select(cm.Order.address)).scalars()}
    assert secret_phone in phones and secret_address in addresses
    for secret in phones | addresses:
        assert secret not in text, secret
    assert "139****8888" in text
    ShipmentRecord.model_validate(
        next(
            c["data"] for page in raw_pages for c in json.loads(page)["changes"] if c["entity"] == "shipment"
        )
    )


def test_fast_bulk_path_stores_what_the_orm_stores(server: LiveServer, ids: dict[str, Any]) -> None:
    """The SQLite fast road of ``bulk_orders`` writes times and JSON exactly as SQLAlchemy does,
    so the ORM, the pull (which formats times in SQL) and the records see no difference."""
    buyer = ids["buyers"][ids["shops"][0]][0]
    at = datetime(2026, 11, 22, 8, 30, 15, 123456, tzinfo=UTC)
    with server.write() as s:
        orm = orders.add_order(s, buyer, ITEMS, discounts=COUPON, at=at, order_no="ORM-1")
        full = {
            c.name: getattr(orm, c.key) for c in cm.Order.__table__.columns if c.name not in ("id", "version")
        }
        (fast_id,) = orders.bulk_orders(s, [{**full, "order_no": "FAST-1"}], [], [])
    with server.session() as s:
        raw = s.execute(
            text(
                "SELECT created_at, paid_at, items, discounts, presale, updated_at FROM shop_order"
                " WHERE id IN (:a, :b) ORDER BY id"
            ),
            {"a": orm.id, "b": fast_id},
        ).all()
        assert raw[0][:2] == raw[1][:2] and raw[0][0] == "2026-11-22 08:30:15.123456"
        assert [json.loads(v) for v in raw[0][2:5]] == [json.loads(v) for v in raw[1][2:5]]
        fast = s.get(cm.Order, fast_id)
        assert fast is not None and fast.created_at == at and fast.items == orm.items and fast.presale is None
    api = Api(server.url, server.token_for("a1"))
    changes, _ = api.pull_all()
    recs = {c["data"]["order_no"]: c["data"] for c in changes if c["entity"] == "order"}
    assert {k: v for k, v in recs["FAST-1"].items() if k not in ("id", "order_no")} == {
        k: v for k, v in recs["ORM-1"].items() if k not in ("id", "order_no")
    }
