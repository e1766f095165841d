"""The customer panel's core (``workstation.customers``) against a real cache: records written the
way the sync engine writes them (``SyncEngine.apply_records``), then read back as a buyer with
orders, searched by every key (and by bad input), and judged by the order rules at their edges."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from workstation.customers import (
    MAX_QUERY_CHARS,
    BuyerIndex,
    OrderRules,
    balance_due_soon,
    buyer_of_conversation,
    format_yuan,
    hours_minutes,
    is_aftersale_open,
    is_nudge_candidate,
    is_stuck,
    load_customer,
    nudge_list,
    presale_state,
    search,
    stuck_list,
)
from workstation.db import LocalDB
from workstation.sync import SyncEngine

NOW = datetime(2026, 11, 22, 12, 0, 0)


def wire(moment: datetime) -> str:
    return moment.replace(tzinfo=UTC).isoformat()


class Records:
    """Builds protocol records (as the service sends them) for a test cache."""

    def __init__(self) -> None:
        self.records: list[tuple[str, dict[str, Any]]] = []
        self._next = 1000

    def _id(self) -> int:
        self._next += 1
        return self._next

    def shop(self, shop_id: int = 1, name: str = "旗舰店") -> int:
        self.records.append(("shop", {"id": shop_id, "name": name, "platform": "tmall", "version": 1}))
        return shop_id

    def buyer(
        self, nickname: str, name: str = "王小明", phone: str = "138****1234", shop_id: int = 1, **extra: Any
    ) -> int:
        bid = extra.pop("id", None) or self._id()
        data = {
            "id": bid,
            "shop_id": shop_id,
            "nickname": nickname,
            "name": name,
            "phone_masked": phone,
            "address_short": "浙江省杭州市",
            "vip_level": 2,
            "created_at": wire(NOW - timedelta(days=400)),
            "addresses_short": ["浙江省杭州市", "上海市"],
            "tags": ["老客户"],
            "order_count": 3,
            "total_spent_fen": 129900,
            "version": 1,
        }
        data.update(extra)
        self.records.append(("buyer", data))
        return bid

    def order(
        self,
        buyer_id: int,
        order_no: str,
        created: datetime,
        status: str = "paid",
        shop_id: int = 1,
        items: int = 1,
        **extra: Any,
    ) -> int:
        oid = self._id()
        data: dict[str, Any] = {
            "id": oid,
            "order_no": order_no,
            "shop_id": shop_id,
            "buyer_id": buyer_id,
            "status": status,
            "created_at": wire(created),
            "paid_at": None if status == "unpaid" else wire(created + timedelta(minutes=2)),
            "items": [
                {
                    "sku": f"SKU-{i}",
                    "title": f"纯棉T恤 {i}",
                    "specs": "颜色:黑色;尺码:XL",
                    "quantity": 1,
                    "unit_price_fen": 9900,
                }
                for i in range(items)
            ],
            "discounts": [{"label": "店铺优惠券", "amount_fen": 1000}],
            "item_total_fen": 9900 * items,
            "shipping_fee_fen": 0,
            "paid_fen": 0 if status == "unpaid" else 9900 * items - 1000,
            "receiver_name": "王小明",
            "receiver_phone_masked": "138****1234",
            "address_short": "浙江省杭州市",
            "buyer_message": "请尽快发货",
            "updated_at": wire(created),
            "version": 1,
        }
        data.update(extra)
        self.records.append(("order", data))
        return oid

    def shipment(
        self, order_id: int, tracking: str, last_event: datetime, state: str = "in_transit", shop_id: int = 1
    ) -> int:
        sid = self._id()
        self.records.append(
            (
                "shipment",
                {
                    "id": sid,
                    "order_id": order_id,
                    "shop_id": shop_id,
                    "carrier": "sf",
                    "tracking_no": tracking,
                    "state": state,
                    "events": [
                        {
                            "at": wire(last_event - timedelta(hours=20)),
                            "place": "杭州",
                            "text": "已揽收",
                            "state": "picked_up",
                        },
                        {
                            "at": wire(last_event),
                            "place": "上海转运中心",
                            "text": "运输中",
                            "state": "in_transit",
                        },
                    ],
                    "last_event_at": wire(last_event),
                    "created_at": wire(last_event - timedelta(hours=21)),
                    "version": 1,
                },
            )
        )
        return sid

    def aftersale(self, order_id: int, buyer_id: int, state: str = "requested") -> int:
        aid = self._id()
        self.records.append(
            (
                "aftersale",
                {
                    "id": aid,
                    "order_id": order_id,
                    "shop_id": 1,
                    "buyer_id": buyer_id,
                    "kind": "return_refund",
                    "reason": "尺码不合适",
                    "amount_fen": 8900,
                    "state": state,
                    "timeline": [
                        {"at": wire(NOW - timedelta(hours=5)), "text": "买家申请退货退款", "actor": "buyer"},
                        {"at": wire(NOW - timedelta(hours=1)), "text": "卖家同意", "actor": "a1"},
                    ],
                    "created_at": wire(NOW - timedelta(hours=5)),
                    "updated_at": wire(NOW - timedelta(hours=1)),
                    "version": 1,
                },
            )
        )
        return aid

    def conversation(self, buyer_id: int, shop_id: int = 1) -> int:
        cid = self._id()
        self.records.append(
            (
                "conversation",
                {
                    "id": cid,
                    "shop_id": shop_id,
                    "buyer_id": buyer_id,
                    "group": "presale",
                    "status": "waiting",
                    "assignment_version": 1,
                    "created_at": wire(NOW),
                    "waiting_since": wire(NOW),
                    "last_message_at": wire(NOW),
                    "last_message_preview": "在吗",
                    "version": 1,
                },
            )
        )
        return cid


def write_cache(db: LocalDB, records: list[tuple[str, dict[str, Any]]]) -> None:
    SyncEngine(db, None).apply_records(records)  # type: ignore[arg-type]


@pytest.fixture
def db(tmp_path: Path) -> Iterator[LocalDB]:
    d = LocalDB.open(tmp_path / "cache.db")
    yield d
    d.close()


@pytest.fixture
def shop_data(db: LocalDB) -> dict[str, int]:
    r = Records()
    r.shop(1)
    r.shop(2, "二店")
    wang = r.buyer("快乐的小王", "王小明", "138****1234")
    li = r.buyer("TaoBaoLi", "李四", "138****1234")  # the same masked phone as 小王
    zhao = r.buyer("赵钱孙", "赵六", "139****5678", shop_id=2)
    old = r.order(wang, "312345678901234567", NOW - timedelta(days=30), status="completed")
    new = r.order(wang, "398765432109876543", NOW - timedelta(days=1), status="shipped", items=3)
    unpaid = r.order(li, "412345678901234560", NOW - timedelta(hours=2), status="unpaid")
    stuck_ship = r.shipment(new, "SF1234567890123", NOW - timedelta(hours=50))
    r.shipment(old, "YT9876543210987", NOW - timedelta(days=28), state="delivered")
    case = r.aftersale(old, wang)
    conv = r.conversation(wang)
    write_cache(db, r.records)
    return {
        "wang": wang,
        "li": li,
        "zhao": zhao,
        "old": old,
        "new": new,
        "unpaid": unpaid,
        "stuck_ship": stuck_ship,
        "case": case,
        "conv": conv,
    }


# ----------------------------------------------------------------------------- money and rules


def test_format_yuan() -> None:
    assert format_yuan(129900) == "¥1,299.00"
    assert format_yuan(0) == "¥0.00"
    assert format_yuan(5) == "¥0.05"
    assert format_yuan(123456789) == "¥1,234,567.89"
    assert format_yuan(-3000) == "-¥30.00"
    assert format_yuan(None) == "—"


def test_hours_minutes() -> None:
    assert hours_minutes(timedelta(hours=2, minutes=15, seconds=59)) == (2, 15)
    assert hours_minutes(timedelta(seconds=-5)) == (0, 0)


def test_nudge_rule_at_its_boundaries() -> None:
    created = NOW - timedelta(minutes=30)
    assert is_nudge_candidate("unpaid", created, NOW)  # exactly 30 min: a candidate
    assert not is_nudge_candidate("unpaid", created + timedelta(seconds=1), NOW)  # 29:59
    assert is_nudge_candidate("unpaid", NOW - timedelta(hours=12), NOW)  # exactly 12 h: still
    assert not is_nudge_candidate("unpaid", NOW - timedelta(hours=12, seconds=1), NOW)
    assert not is_nudge_candidate("paid", NOW - timedelta(hours=1), NOW)
    # thresholds are parameters
    assert is_nudge_candidate("unpaid", NOW - timedelta(minutes=10), NOW, min_age=timedelta(minutes=10))


def test_stuck_rule_at_its_boundary() -> None:
    assert is_stuck("in_transit", NOW - timedelta(hours=48), None, NOW)  # exactly 48 h: stuck
    assert not is_stuck("in_transit", NOW - timedelta(hours=48) + timedelta(seconds=1), None, NOW)
    assert not is_stuck("delivered", NOW - timedelta(days=10), None, NOW)
    assert is_stuck("exception", NOW - timedelta(hours=3), None, NOW, after=timedelta(hours=3))
    # no event at all: counts from the parcel's creation
    assert is_stuck("picked_up", None, NOW - timedelta(hours=49), NOW)
    assert not is_stuck("picked_up", None, None, NOW)


def test_presale_states_and_open_aftersale() -> None:
    start, end = NOW + timedelta(hours=10), NOW + timedelta(days=2)
    assert presale_state(start, end, None, NOW) == "due_soon"
    assert presale_state(NOW + timedelta(days=3), NOW + timedelta(days=4), None, NOW) == "upcoming"
    assert presale_state(NOW - timedelta(hours=1), end, None, NOW) == "open"
    assert presale_state(NOW - timedelta(days=3), NOW - timedelta(seconds=1), None, NOW) == "overdue"
    assert presale_state(start, end, NOW, NOW) == "paid"
    assert balance_due_soon("due_soon") and balance_due_soon("open") and not balance_due_soon("paid")
    assert is_aftersale_open("requested") and is_aftersale_open("returned")
    assert not is_aftersale_open("refunded") and not is_aftersale_open("closed")


# ----------------------------------------------------------------------------- loading


def test_load_customer_orders_newest_first_with_parcels_and_cases(
    db: LocalDB, shop_data: dict[str, int]
) -> None:
    data = load_customer(db.engine, shop_data["wang"])
    assert data.profile is not None
    assert data.profile.nickname == "快乐的小王"
    assert data.profile.shop_name == "旗舰店"
    assert data.profile.tags == ("老客户",)
    assert data.profile.total_spent_fen == 129900
    assert [o.id for o in data.orders] == [shop_data["new"], shop_data["old"]]
    new = data.orders[0]
    assert len(new.items) == 3 and new.items[0].unit_price_fen == 9900
    assert new.discount_fen == 1000 and new.amount_due_fen == 3 * 9900 - 1000
    assert [s.id for s in new.shipments] == [shop_data["stuck_ship"]]
    events = new.shipments[0].events
    assert [e.text for e in events] == ["运输中", "已揽收"]  # newest first
    old = data.orders[1]
    assert [a.id for a in old.aftersales] == [shop_data["case"]]
    assert old.aftersales[0].timeline[0].text == "卖家同意"
    assert buyer_of_conversation(db.engine, shop_data["conv"]) == shop_data["wang"]
    assert buyer_of_conversation(db.engine, 999_999) is None
    # a buyer not in the cache: no profile, no orders, no error
    missing = load_customer(db.engine, 424242)
    assert missing.profile is None and missing.orders == ()
    # loading twice gives equal data (the panel compares to skip needless rebuilds)
    assert load_customer(db.engine, shop_data["wang"]) == data


def test_order_with_missing_nested_fields_loads(db: LocalDB) -> None:
    r = Records()
    bid = r.buyer("缺字段")
    oid = r.order(bid, "500000000000000001", NOW, items=0, discounts=[], buyer_message="")
    write_cache(db, r.records)
    # a damaged JSON column (not something the codec would write) is read as empty
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE shop_order SET items = 'not json', presale = '{}' WHERE id = ?", (oid,))
    data = load_customer(db.engine, bid)
    assert data.orders[0].items == () and data.orders[0].presale is None


# ----------------------------------------------------------------------------- work lists


def test_work_lists(db: LocalDB, shop_data: dict[str, int]) -> None:
    nudge = nudge_list(db.engine, [1, 2], NOW)
    assert [r.order_id for r in nudge.rows] == [shop_data["unpaid"]] and nudge.total == 1
    assert nudge.rows[0].buyer_nickname == "TaoBaoLi"
    assert nudge.rows[0].amount_fen == 9900 - 1000
    # 2 h unpaid leaves the list when the window ends at 1 h, and other shops are not listed
    assert nudge_list(db.engine, [1], NOW, OrderRules(nudge_max=timedelta(hours=1))).total == 0
    assert nudge_list(db.engine, [2], NOW).total == 0
    stuck = stuck_list(db.engine, [1], NOW)
    assert [r.shipment_id for r in stuck.rows] == [shop_data["stuck_ship"]]
    assert stuck.rows[0].tracking_no == "SF1234567890123" and stuck.rows[0].buyer_id == shop_data["wang"]
    assert stuck_list(db.engine, [1], NOW, OrderRules(stuck_after=timedelta(hours=51))).total == 0
    assert stuck_list(db.engine, [], NOW).total == 0


# ----------------------------------------------------------------------------- search


def found(db: LocalDB, query: str) -> dict[int, list[str]]:
    index = BuyerIndex(db.engine)
    res = search(db.engine, index, query)
    return {b.buyer_id: [h.kind for h in b.hits] for b in res.buyers}


def test_search_by_order_number_full_and_prefix(db: LocalDB, shop_data: dict[str, int]) -> None:
    assert found(db, "398765432109876543") == {shop_data["wang"]: ["order"]}
    assert found(db, " 398765 ") == {shop_data["wang"]: ["order"]}
    # both of 小王's orders start with 3 and share nothing more than that: a 5-digit prefix is too short
    assert found(db, "39876") == {}
    res = search(db.engine, BuyerIndex(db.engine), "412345678901234560")
    assert res.buyers[0].hits[0].order_id == shop_data["unpaid"]
    assert found(db, "777777777777777777") == {}  # an order number that does not exist


def test_search_by_tracking_number(db: LocalDB, shop_data: dict[str, int]) -> None:
    assert found(db, "SF1234567890123") == {shop_data["wang"]: ["tracking"]}
    assert found(db, "sf123456") == {shop_data["wang"]: ["tracking"]}  # prefix, any case


def test_search_by_full_phone_is_a_possible_match(db: LocalDB, shop_data: dict[str, int]) -> None:
    res = search(db.engine, BuyerIndex(db.engine), "138-0000-1234")
    assert {b.buyer_id for b in res.buyers} == {shop_data["wang"], shop_data["li"]}
    assert all(b.possible for b in res.buyers)  # two buyers share 138****1234
    res = search(db.engine, BuyerIndex(db.engine), "13955555678")
    assert [b.buyer_id for b in res.buyers] == [shop_data["zhao"]] and not res.buyers[0].possible


def test_search_by_last_four_digits(db: LocalDB, shop_data: dict[str, int]) -> None:
    assert found(db, "5678") == {shop_data["zhao"]: ["phone_last4"]}
    assert set(found(db, "1234")) == {shop_data["wang"], shop_data["li"]}


def test_search_by_nickname_and_name(db: LocalDB, shop_data: dict[str, int]) -> None:
    assert found(db, "小王") == {shop_data["wang"]: ["name"]}
    assert found(db, "快") == {shop_data["wang"]: ["name"]}
    assert found(db, "taobao") == {shop_data["li"]: ["name"]}  # case-insensitive
    assert found(db, "赵六") == {shop_data["zhao"]: ["name"]}  # real name


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "%",
        "_",
        "'; DROP TABLE buyer; --",
        '"*"',
        "\t\n",
        "\x00abc",
        "1",
        "13",
        "138",
        "1380000",
        "1380000123",
        "138000012345",
        "SF",
        "¥¥¥",
        "😀",
        "小王" * 5000,
        "9" * 10_000,
    ],
)
def test_search_bad_input_never_raises(db: LocalDB, shop_data: dict[str, int], query: str) -> None:
    res = search(db.engine, BuyerIndex(db.engine), query)
    assert len(res.query) <= MAX_QUERY_CHARS
    for b in res.buyers:
        assert b.hits


def test_search_sees_renames_after_refresh_and_never_shows_stale_hits(db: LocalDB) -> None:
    r = Records()
    bid = r.buyer("旧名字", "张三", id=5)
    write_cache(db, r.records)
    index = BuyerIndex(db.engine)
    assert [b.buyer_id for b in search(db.engine, index, "旧名字").buyers] == [bid]
    r2 = Records()
    r2.buyer("新名字", "张三", id=5, version=2)
    write_cache(db, r2.records)
    # the index is stale: the old name is not shown any more (checked against the row)
    assert search(db.engine, index, "旧名字").buyers == []
    index.mark_stale()
    assert [b.buyer_id for b in search(db.engine, index, "新名字").buyers] == [bid]


def test_load_customer_first_page(db: LocalDB) -> None:
    r = Records()
    bid = r.buyer("老顾客")
    ids = [r.order(bid, f"5{i:017d}", NOW - timedelta(hours=i)) for i in range(70)]
    write_cache(db, r.records)
    first = load_customer(db.engine, bid, limit=60)
    assert not first.complete and [o.id for o in first.orders] == ids[:60]  # the newest 60
    full = load_customer(db.engine, bid)
    assert full.complete and len(full.orders) == 70
    assert load_customer(db.engine, bid, limit=70).complete


def test_stuck_list_counts_parcels_without_events_and_filters_shops(db: LocalDB) -> None:
    r = Records()
    r.shop(1)
    r.shop(2, "二店")
    b1 = r.buyer("一店买家")
    b2 = r.buyer("二店买家", shop_id=2)
    o1 = r.order(b1, "600000000000000001", NOW - timedelta(days=5), status="shipped")
    o2 = r.order(b2, "600000000000000002", NOW - timedelta(days=5), status="shipped", shop_id=2)
    quiet = r.shipment(o1, "YT0000000000001", NOW - timedelta(hours=72))
    r.shipment(o2, "YT0000000000002", NOW - timedelta(hours=60), shop_id=2)
    r.records.append(
        (
            "shipment",
            {
                "id": 7777,
                "order_id": o1,
                "shop_id": 1,
                "carrier": "zto",
                "tracking_no": "7500000000001",
                "state": "picked_up",
                "events": [],
                "last_event_at": None,
                "created_at": wire(NOW - timedelta(hours=49)),
                "version": 1,
            },
        )
    )
    write_cache(db, r.records)
    both = stuck_list(db.engine, [1, 2], NOW)
    assert both.total == 3
    assert both.rows[0].shipment_id == quiet  # the longest quiet first
    assert [row.tracking_no for row in both.rows] == ["YT0000000000001", "YT0000000000002", "7500000000001"]
    one = stuck_list(db.engine, [1], NOW)
    assert one.total == 2 and {row.shop_id for row in one.rows} == {1}
    assert one.rows[-1].quiet_since == NOW - timedelta(hours=49)  # counted from its creation


def test_index_takes_changed_buyers_without_a_rebuild(db: LocalDB) -> None:
    r = Records()
    old = r.buyer("旧名字", "张三", "138****1111", id=5)
    same = r.buyer("不变的", "李四", "139****2222", id=6)
    write_cache(db, r.records)
    index = BuyerIndex(db.engine)
    index.refresh()
    assert index._snapshot is not None and index._snapshot.has(same, "不变的\t李四".encode(), "139****2222")
    r2 = Records()
    r2.buyer("新名字", "张三", "138****9999", id=old, version=2)
    new = r2.buyer("NewBuyer", "王五", "137****3333", id=7)
    r2.buyer("不变的", "李四", "139****2222", id=same, version=2, last_contact_at=wire(NOW))
    write_cache(db, r2.records)
    assert index.apply_changes([old, new, same]) == 2  # the contact time alone changes nothing
    snapshot = index._snapshot
    assert [b.buyer_id for b in search(db.engine, index, "新名字").buyers] == [old]
    assert search(db.engine, index, "旧名字").buyers == []
    assert [b.buyer_id for b in search(db.engine, index, "newbuyer").buyers] == [new]
    assert [b.buyer_id for b in search(db.engine, index, "9999").buyers] == [old]
    assert search(db.engine, index, "1111").buyers == []
    assert [b.buyer_id for b in search(db.engine, index, "13700003333").buyers] == [new]
    assert index._snapshot is snapshot  # no rebuild
    # a deleted buyer is not found any more
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM buyer WHERE id = ?", (same,))
    index.apply_changes([same])
    assert search(db.engine, index, "不变").buyers == []
