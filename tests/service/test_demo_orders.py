"""The demo's orders: consistent (money, timelines, statuses), with every case the panel must show,
written into the service by ``seed_demo`` and moved by the live order traffic."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from central import demodata
from central import models as cm
from central.demo import seed_demo
from central.demo_orders import OrderTraffic
from central.demodata_orders import (
    DAY,
    HOUR,
    STUCK_S,
    TRACKING_RE,
    PlannedOrder,
    catalogue,
    plan_orders,
    route,
)
from central.testing import LiveServer
from tests.service.conftest import Api
from wsprotocol import AFTERSALE_OPEN_STATES, CARRIERS, RECORD_MODELS, Paths

N_BUYERS = 800
KNOWN_TAGS = {"老客户", "新客", "退货较多", "曾投诉", "爱砍价", "大促敏感", "宝妈", "批发客户", "囤货达人"}


@pytest.fixture(scope="module")
def plan() -> dict[str, Any]:
    shops = demodata.demo_shops()
    buyers = demodata.demo_buyers(random.Random(5), N_BUYERS, shops)
    ages = [random.Random(i).uniform(30, 900) * DAY for i in range(N_BUYERS)]
    # buyers of open conversations in every shop and every group (buyer i is of shop i % 4)
    focus = {i: demodata.GROUPS[(i // 4) % 3] for i in range(240)}
    orders, profiles = plan_orders(random.Random(11), shops, buyers, ages, focus, {"baby": ["kf003"]})
    return {
        "shops": shops,
        "buyers": buyers,
        "ages": ages,
        "focus": focus,
        "orders": orders,
        "profiles": profiles,
    }


def _money_adds_up(o: PlannedOrder) -> None:
    assert o.items, o.order_no
    for it in o.items:
        assert int(it["quantity"]) >= 1 and int(it["unit_price_fen"]) > 0  # type: ignore[call-overload]
    assert o.item_total_fen == sum(int(i["quantity"]) * int(i["unit_price_fen"]) for i in o.items)  # type: ignore[call-overload]
    cut = sum(int(d["amount_fen"]) for d in o.discounts)  # type: ignore[call-overload]
    assert all(int(d["amount_fen"]) > 0 for d in o.discounts)  # type: ignore[call-overload]
    assert 0 <= cut < o.item_total_fen
    assert o.due_fen == o.item_total_fen - cut + o.shipping_fee_fen
    if o.paid_s_ago is not None:
        assert o.paid_fen == o.due_fen  # items - discounts + shipping = paid
    else:
        assert o.paid_fen == 0
    if o.presale is not None:
        assert int(o.presale["deposit_fen"]) + int(o.presale["balance_fen"]) == o.due_fen  # type: ignore[arg-type]


def test_every_order_adds_up_and_lives_a_possible_life(plan: dict[str, Any]) -> None:
    orders: list[PlannedOrder] = plan["orders"]
    assert len({o.order_no for o in orders}) == len(orders)
    tracking = [sh.tracking_no for o in orders for sh in o.shipments]
    assert len(set(tracking)) == len(tracking)
    for o in orders:
        _money_adds_up(o)
        # the times follow each other: created, paid, shipped, delivered, completed (seconds ago)
        times = [o.created_s_ago, o.paid_s_ago, o.shipped_s_ago, o.delivered_s_ago, o.completed_s_ago]
        present = [t for t in times if t is not None]
        assert present == sorted(present, reverse=True), o
        assert all(t > 0 for t in present)
        open_refund = [
            c
            for c in o.cases
            if c.kind in ("refund_only", "return_refund") and c.state in AFTERSALE_OPEN_STATES
        ]
        if o.status == "unpaid":
            assert o.paid_s_ago is None and not o.shipments
            assert o.presale is not None or o.created_s_ago < 24 * HOUR
        elif o.status == "closed":
            refunded = sum(c.amount_fen for c in o.cases if c.state == "refunded")
            assert o.paid_s_ago is None or refunded >= o.paid_fen, o  # timed out, or refunded in full
        elif o.status == "refunding":
            assert open_refund, o
        else:
            assert not open_refund, o
            assert o.paid_s_ago is not None
        if o.status in ("delivered", "completed") or o.delivered_s_ago is not None:
            # a delivered order has its complete tracking timeline
            (sh,) = o.shipments
            states = [e.state for e in sh.events]
            assert states[0] == "picked_up" and states[-1] == "delivered" and "out_for_delivery" in states
            assert "in_transit" in states and sh.state == "delivered"
            assert sh.events[-1].s_ago == o.delivered_s_ago
        for sh in o.shipments:
            assert sh.carrier in CARRIERS and TRACKING_RE[sh.carrier].fullmatch(sh.tracking_no), (
                sh.tracking_no
            )
            ats = [e.s_ago for e in sh.events]
            assert ats == sorted(ats, reverse=True) and all(a > 0 for a in ats)  # oldest first, all past
            assert o.shipped_s_ago is not None and ats[0] <= o.shipped_s_ago
            assert all(e.text.startswith(f"【{e.place}】") for e in sh.events)
        for c in o.cases:
            ats = [t for t, _text, _actor in c.timeline]
            assert ats == sorted(ats, reverse=True) and ats[0] == c.created_s_ago and ats[-1] > 0
            assert c.reason and (c.amount_fen > 0) == (c.kind in ("refund_only", "return_refund"))
            assert c.amount_fen <= o.paid_fen
            assert o.paid_s_ago is not None and c.created_s_ago < o.paid_s_ago


def test_the_cases_the_panel_must_show_exist_in_every_shop(plan: dict[str, Any]) -> None:
    orders: list[PlannedOrder] = plan["orders"]
    for shop in plan["shops"]:
        mine = [o for o in orders if o.shop_key == shop.key]
        unpaid_ages = [o.created_s_ago for o in mine if o.status == "unpaid" and o.presale is None]
        assert any(30 * 60 <= a <= 12 * HOUR for a in unpaid_ages), shop.key  # payment nudge window
        assert any(a < 30 * 60 for a in unpaid_ages) and any(a > 12 * HOUR for a in unpaid_ages)
        stuck = [
            sh
            for o in mine
            for sh in o.shipments
            if sh.state != "delivered" and sh.events and sh.events[-1].s_ago > STUCK_S
        ]
        assert len(stuck) >= 4, shop.key
        moving = [
            sh
            for o in mine
            for sh in o.shipments
            if sh.state != "delivered" and sh.events[-1].s_ago < STUCK_S
        ]
        assert moving, shop.key  # and parcels on their way that are not stuck
        open_states = Counter(c.state for o in mine for c in o.cases if c.state in AFTERSALE_OPEN_STATES)
        assert set(open_states) == set(AFTERSALE_OPEN_STATES), (shop.key, open_states)
        if shop.key in ("baby", "appliance", "fashion"):
            due_soon = [
                o
                for o in mine
                if o.status == "unpaid"
                and o.presale is not None
                and o.presale["balance_due_from_s_ago"]
                >= 0
                > o.presale["balance_due_until_s_ago"]
                > -48 * HOUR  # type: ignore[operator]
            ]
            assert len(due_soon) >= 3, shop.key
            assert any(o.presale["deposit_paid_s_ago"] for o in due_soon)  # type: ignore[index]
    statuses = Counter(o.status for o in orders)
    assert set(statuses) == {"unpaid", "paid", "shipped", "delivered", "completed", "closed", "refunding"}


def test_heavy_buyers_the_long_order_and_profiles(plan: dict[str, Any]) -> None:
    orders: list[PlannedOrder] = plan["orders"]
    per_buyer = Counter(o.buyer_index for o in orders)
    counts = sorted(per_buyer.values(), reverse=True)
    assert counts[0] >= 500 and counts[2] >= 30
    # the long lists belong to buyers of open conversations: the queue leads to them
    heavy = max(per_buyer, key=lambda i: per_buyer[i])
    assert heavy in plan["focus"]
    assert max(len(o.items) for o in orders) == 200
    big = max(orders, key=lambda o: len(o.items))
    assert big.buyer_index in plan["focus"]
    assert len({i["sku"] for i in big.items}) == 200  # 200 different lines, not one line repeated
    # buyers in an open conversation have something in the panel
    assert all(per_buyer[i] >= 1 for i in plan["focus"])
    # most buyers have a few orders, some none
    typical = [per_buyer.get(i, 0) for i in range(N_BUYERS)]
    assert N_BUYERS * 0.1 < typical.count(0) < N_BUYERS * 0.75
    assert sum(1 for n in typical if n >= 2) > N_BUYERS * 0.2 and sum(1 for n in typical if 8 <= n <= 14) >= 5
    for i, (b, p) in enumerate(zip(plan["buyers"], plan["profiles"], strict=True)):
        assert 1 <= len(p.addresses) <= 3
        assert (p.addresses[0]["name"], p.addresses[0]["phone"], p.addresses[0]["city"]) == (
            b.name,
            b.phone,
            b.city,
        )
        assert set(p.tags) <= KNOWN_TAGS
        paid = [o for o in orders if o.buyer_index == i and o.paid_s_ago is not None]
        assert (p.order_count, p.total_spent_fen) == (len(paid), sum(o.paid_fen for o in paid))
        if p.first_contact_s_ago is not None:
            assert p.last_contact_s_ago is not None and p.first_contact_s_ago >= p.last_contact_s_ago >= 0
            assert p.first_contact_s_ago <= plan["ages"][i]
        if per_buyer.get(i):
            assert p.first_contact_s_ago is not None


def test_plan_is_reproducible_and_catalogues_look_real() -> None:
    shops = demodata.demo_shops()
    buyers = demodata.demo_buyers(random.Random(1), 60, shops)
    ages = [200 * DAY] * 60
    one, _ = plan_orders(random.Random(3), shops, buyers, ages, big=False)
    two, _ = plan_orders(random.Random(3), shops, buyers, ages, big=False)
    assert [(o.order_no, o.status, o.paid_fen) for o in one] == [
        (o.order_no, o.status, o.paid_fen) for o in two
    ]
    for shop in shops:
        skus = catalogue(shop.key)
        assert len({s.sku for s in skus}) == len(skus) >= 20
        assert all(re.fullmatch(r"[A-Z]+-[A-Z]+\d+(-\d+)+", s.sku) for s in skus)
        assert all(s.unit_price_fen % 10 == 0 and s.unit_price_fen > 0 for s in skus)
        assert all(":" in s.specs and re.search(r"[\u4e00-\u9fff]{6,}", s.title) for s in skus)
    assert len(catalogue("fashion")) >= 200
    # a parcel's route is made from its tracking number: the same every time
    a = route("zto", "73000000000001", ("浙江省", "杭州市", "余杭区"), "成都市", "武侯区")
    assert a == route("zto", "73000000000001", ("浙江省", "杭州市", "余杭区"), "成都市", "武侯区")
    assert a[0].state == "picked_up" and a[-1].state == "delivered"
    assert a[0].text.startswith("【杭州市】中通快递") and "成都转运中心" in "".join(s.text for s in a)


# ----------------------------------------------------------------------------- on the service


@pytest.fixture(scope="module")
def demo() -> Any:
    with LiveServer() as srv:
        srv.summary = seed_demo(srv.db, seed=9, n_buyers=1200, n_conversations=150)  # type: ignore[attr-defined]
        yield srv


def test_seeded_demo_is_consistent_on_the_service(demo: LiveServer) -> None:
    assert "orders" in demo.summary and "after-sale cases" in demo.summary  # type: ignore[attr-defined]
    with demo.session() as s:
        figures = dict(
            (bid, (n, total))
            for bid, n, total in s.execute(
                select(cm.Order.buyer_id, func.count(), func.sum(cm.Order.paid_fen))
                .where(cm.Order.paid_at.is_not(None))
                .group_by(cm.Order.buyer_id)
            )
        )
        for b in s.execute(select(cm.Buyer)).scalars():
            assert (b.order_count, b.total_spent_fen) == figures.get(b.id, (0, 0))
            assert b.addresses and b.addresses[0]["phone"] == b.phone
            assert b.order_count == 0 or b.first_contact_at is not None
            if b.first_contact_at is not None:
                assert b.last_contact_at is not None and b.first_contact_at <= b.last_contact_at
        # buyers with a conversation count it as a contact
        for bid, last in s.execute(
            select(cm.Conversation.buyer_id, func.max(cm.Conversation.last_message_at)).group_by(
                cm.Conversation.buyer_id
            )
        ):
            buyer = s.get(cm.Buyer, bid)
            assert buyer is not None and buyer.last_contact_at is not None and buyer.last_contact_at >= last
        perms = dict(s.execute(select(cm.User.staff_id, cm.User.permissions_csv)).all())
        assert (
            perms["kf001"] == "reveal_contact" and perms["zg01"] == "reveal_contact" and perms["kf002"] == ""
        )
        assert s.execute(select(func.max(func.length(cm.Order.order_no)))).scalar_one() <= 32
        # every order's money adds up, as stored
        for o in s.execute(select(cm.Order)).scalars():
            due = o.item_total_fen - sum(d["amount_fen"] for d in o.discounts) + o.shipping_fee_fen
            assert o.item_total_fen == sum(i["quantity"] * i["unit_price_fen"] for i in o.items)
            assert o.paid_fen == (due if o.paid_at is not None else 0)


def test_demo_pulls_valid_masked_records_and_reveals_for_kf001_only(demo: LiveServer) -> None:
    kf001 = Api(demo.url, demo.token_for("kf001"))
    pages: list[str] = []
    cursor = ""
    while True:
        r = kf001.get("/v1/sync/pull", params={"cursor": cursor, "limit": 5000})
        assert r.status_code == 200
        pages.append(r.text)
        body = r.json()
        cursor = body["cursor"]
        if not body["has_more"]:
            break
    seen: Counter[str] = Counter()
    for page in pages:
        for change in json.loads(page)["changes"]:
            seen[change["entity"]] += 1
            RECORD_MODELS[change["entity"]].model_validate(change["data"])
    with demo.session() as s:
        assert seen["order"] == s.execute(select(func.count()).select_from(cm.Order)).scalar_one()
        assert seen["aftersale"] == s.execute(select(func.count()).select_from(cm.AfterSale)).scalar_one()
        phones = set(s.execute(select(cm.Buyer.phone)).scalars()) | set(
            s.execute(select(cm.Order.receiver_phone)).scalars()
        )
        buyer = s.execute(select(cm.Buyer).where(cm.Buyer.order_count > 0).limit(1)).scalar_one()
        addresses = {buyer.address} | {a["detail"] for a in buyer.addresses}
    text = "".join(pages)
    leaked = [p for p in phones if p in text]
    assert leaked == []  # no full phone number anywhere in what a workstation receives
    assert not [a for a in addresses if a in text]

    r = kf001.post(Paths.reveal(buyer.id), json={"field": "phone", "reason": "核对地址"})
    assert r.status_code == 200 and r.json()["value"] == buyer.phone
    kf002 = Api(demo.url, demo.token_for("kf002"))
    assert kf002.post(Paths.reveal(buyer.id), json={"field": "phone"}).status_code == 403


def test_live_order_traffic_moves_orders_consistently(demo: LiveServer) -> None:
    traffic = OrderTraffic(demo.db, seed=4)
    with demo.session() as s:
        before = dict(s.execute(select(cm.Order.status, func.count()).group_by(cm.Order.status)).all())
        head = s.execute(select(cm.Meta.version)).scalar_one()
    done = Counter(traffic.step() for _ in range(60))
    assert done["paid"] and done["shipped"] and done["ordered"]
    assert sum(done[s] for s in ("in_transit", "out_for_delivery", "delivered")) > 0
    with demo.session() as s:
        after = dict(s.execute(select(cm.Order.status, func.count()).group_by(cm.Order.status)).all())
        assert sum(after.values()) == sum(before.values()) + done["ordered"]
        changed = s.execute(select(cm.Shipment).where(cm.Shipment.version > head)).scalars().all()
        assert changed
        for sh in changed:
            order = s.get(cm.Order, sh.order_id)
            assert order is not None
            texts = [e["text"] for e in sh.events]
            assert len(set(texts)) == len(texts)  # every scan once, in route order
            assert sh.state == sh.events[-1]["state"]
            if sh.state == "delivered":
                assert order.status in ("delivered", "refunding", "completed", "closed")
            elif order.status == "shipped":
                assert sh.state in ("picked_up", "in_transit", "out_for_delivery")
    # the workstation's login still works against a demo database (nothing broke the accounts)
    r = requests.post(
        demo.url + Paths.LOGIN,
        json={"staff_id": "kf001", "password": demodata.DEMO_PASSWORD, "device_id": "demo-orders-01"},
        timeout=30,
    )
    assert r.status_code == 200 and r.json()["user"]["permissions"] == ["reveal_contact"]
