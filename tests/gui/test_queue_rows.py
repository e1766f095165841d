"""The queue's Qt-free core: filtering, sorting, incremental updates, wait levels, and loading
from a real local cache filled by a real sync."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.queue import (
    Column,
    QueueRows,
    RowData,
    Thresholds,
    fetch_changed,
    fetch_rows,
    wait_level,
)

NOW = 1_800_000_000.0
ME = 7


def row(cid: int, *, nick: str = "", shop: int = 1, shop_name: str = "店A", group: str = "presale",
        preview: str = "", waited: float | None = None, last_ago: float = 0.0, assignee: int | None = None,
        assignee_name: str = "", staff: str = "", status: str = "waiting", version: int = 1) -> RowData:
    return RowData(
        id=cid, buyer_nickname=nick or f"买家{cid}", shop_id=shop, shop_name=shop_name, group=group,
        preview=preview, waiting_since=None if waited is None else NOW - waited,
        last_message_at=NOW - last_ago, assignee_id=assignee, assignee_name=assignee_name,
        assignee_staff_id=staff, status=status, assignment_version=version, buyer_id=cid * 10,
    )


@pytest.fixture
def rows() -> QueueRows:
    q = QueueRows(my_user_id=ME)
    q.replace_all([
        row(1, nick="爱吃鱼的猫", preview="在吗？这款沙发有现货吗", waited=30, shop=1, shop_name="小美家居"),
        row(2, nick="sunny小可爱", preview="我的快递三天没动了", waited=120, group="aftersale", shop=1,
            shop_name="小美家居"),
        row(3, nick="jd_王先生", preview="能开发票吗", waited=None, status="assigned", assignee=ME,
            assignee_name="小美", staff="kf001", shop=2, shop_name="京东店", last_ago=5),
        row(4, nick="李女士", preview="退款什么时候到", waited=50, status="assigned", assignee=ME,
            assignee_name="小美", staff="kf001", group="aftersale", shop=2, shop_name="京东店"),
        row(5, nick="tb_8812", preview="东西坏了，我要投诉", waited=10, status="assigned", assignee=9,
            assignee_name="阿杰", staff="kf002", group="complaint", shop=1, shop_name="小美家居"),
        row(6, nick="老顾客", preview="谢谢", status="closed", shop=1, shop_name="小美家居", last_ago=500),
    ])
    return q


def ids(q: QueueRows, positions: list[int]) -> list[int]:
    return [q.ids[p] for p in positions]


def test_default_order_waiting_first_then_mine_then_others_closed_hidden(rows: QueueRows) -> None:
    # waiting: longest wait on top (2 waited 120 s, 1 waited 30 s); mine: the one with a buyer
    # waiting for my answer first (4), then 3; then others' (5); closed (6) hidden.
    assert ids(rows, rows.filter()) == [2, 1, 4, 3, 5]
    assert ids(rows, rows.filter(status="all")) == [2, 1, 4, 3, 5, 6]


def test_text_filter_matches_nickname_shop_preview_agent_and_id(rows: QueueRows) -> None:
    assert ids(rows, rows.filter("快递")) == [2]
    assert ids(rows, rows.filter("SUNNY")) == [2]
    assert ids(rows, rows.filter("京东")) == [4, 3]
    assert ids(rows, rows.filter("kf002")) == [5]
    assert ids(rows, rows.filter("阿杰")) == [5]
    assert ids(rows, rows.filter("小美 退款")) == [4]  # every word must match
    assert ids(rows, rows.filter("谢谢")) == []  # closed is hidden by default ...
    assert ids(rows, rows.filter("谢谢", status="all")) == [6]  # ... unless the status filter asks
    assert ids(rows, rows.filter("不存在的词")) == []


def test_shop_group_status_filters(rows: QueueRows) -> None:
    assert ids(rows, rows.filter(shop_id=2)) == [4, 3]
    assert ids(rows, rows.filter(group="aftersale")) == [2, 4]
    assert ids(rows, rows.filter(status="waiting")) == [2, 1]
    assert ids(rows, rows.filter(status="mine")) == [4, 3]
    assert ids(rows, rows.filter(status="assigned")) == [4, 3, 5]
    assert ids(rows, rows.filter(status="closed")) == [6]
    assert ids(rows, rows.filter("小美", shop_id=1, group="complaint")) == [5]


def test_sort_by_columns(rows: QueueRows) -> None:
    assert ids(rows, rows.filter(column=Column.WAIT)) == [2, 4, 1, 5, 3]
    assert ids(rows, rows.filter(column=Column.BUYER)) == sorted(
        [1, 2, 3, 4, 5], key=lambda c: rows.buyer_nickname[rows.position[c]].lower())
    assert ids(rows, rows.filter(column=Column.LAST_MESSAGE, descending=True))[-1] == 3
    assert ids(rows, rows.filter(column=Column.SHOP)) == [3, 4, 1, 2, 5]


def test_incremental_apply_updates_adds_and_removes(rows: QueueRows) -> None:
    before = rows.filter()
    assert ids(rows, before) == [2, 1, 4, 3, 5]
    # 1 is claimed by me, 7 arrives waiting longest, 5 is deleted (left my scope)
    result = rows.apply(
        [row(1, nick="爱吃鱼的猫", status="assigned", assignee=ME, assignee_name="小美", staff="kf001",
             waited=None, version=2),
         row(7, nick="新买家", preview="有优惠吗", waited=300)],
        deleted_ids=[5],
    )
    assert result.changed == [rows.position[1]]
    assert result.added == [rows.position[7]]
    assert len(result.removed) == 1 and 5 not in rows.position
    assert ids(rows, rows.filter()) == [7, 2, 4, 1, 3]
    assert rows.row(rows.position[1]).assignment_version == 2
    assert len(rows) == 6


def test_wait_levels_against_per_group_thresholds(rows: QueueRows) -> None:
    assert wait_level(None, "presale") == "normal"
    assert wait_level(59.9, "presale") == "normal"
    assert wait_level(60, "presale") == "amber"
    assert wait_level(100, "presale") == "red"
    custom = {"complaint": Thresholds(amber=5, red=8)}
    assert wait_level(6, "complaint", custom) == "amber"
    assert wait_level(6, "presale", custom) == "normal"  # other groups keep the defaults
    assert rows.level(rows.position[2], NOW) == "red"
    assert rows.level(rows.position[1], NOW) == "normal"
    assert rows.level(rows.position[1], NOW + 40) == "amber"
    assert rows.level(rows.position[6], NOW + 1000) == "normal"  # closed never waits


def test_fetch_rows_from_a_synced_cache(live: Any, client_a1: Any) -> None:
    engine = client_a1.db.engine
    loaded = fetch_rows(engine)
    shop1 = live.seeded["shops"][0]
    assert {r.id for r in loaded} == set(live.seeded["conversations"][shop1])
    by_id = {r.id: r for r in loaded}
    sample = by_id[live.seeded["conversations"][shop1][0]]
    assert sample.buyer_nickname == "爱吃鱼的猫"
    assert sample.shop_name == "小美家居旗舰店"
    assert sample.status == "waiting" and sample.waiting_since is not None

    # A change on the server: only the changed ids are read back.
    new_id = live.add_conversation(shop1, "complaint", "我要投诉")
    summary = client_a1.engine.sync_once()
    changed, deleted = fetch_changed(engine, summary.ids)
    assert new_id in {r.id for r in changed}
    assert len(changed) < len(loaded) + 1
    assert deleted == set()
    q = QueueRows(client_a1.user.id)
    q.replace_all(loaded)
    q.apply(changed, deleted)
    assert new_id in q.position
    # An id that the cache does not hold is reported as deleted.
    assert fetch_changed(engine, {"conversation": {"999999"}}) == ([], {999999})


statuses = st.sampled_from(["waiting", "assigned", "closed"])
row_strategy = st.builds(
    lambda cid, nick, shop, group, waited, last_ago, assignee, status: row(
        cid, nick=nick, shop=shop, shop_name=f"店{shop}", group=group, waited=waited, last_ago=last_ago,
        assignee=None if status == "waiting" else assignee, status=status, preview=f"{nick}的消息",
    ),
    st.integers(1, 40), st.sampled_from(["甲", "乙", "丙", "Ann", "bob"]), st.integers(1, 3),
    st.sampled_from(["presale", "aftersale", "complaint"]), st.one_of(st.none(), st.integers(0, 500)),
    st.integers(0, 50), st.sampled_from([ME, 8, 9]), statuses,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(row_strategy, max_size=30), st.lists(st.tuples(
    st.lists(row_strategy, max_size=6), st.lists(st.integers(1, 40), max_size=3)), max_size=6))
def test_incremental_orders_and_masks_equal_a_fresh_load(
    initial: list[RowData], batches: list[tuple[list[RowData], list[int]]]
) -> None:
    """Live updates maintain the cached sort orders and filter masks row by row; whatever arrives,
    the result must equal sorting and filtering everything from scratch."""
    q = QueueRows(ME)
    q.replace_all({r.id: r for r in initial}.values())
    queries: list[dict[str, Any]] = [
        {}, {"status": "all"}, {"status": "mine"}, {"shop_id": 2}, {"group": "complaint", "status": "all"},
        {"text": "甲"}, {"column": Column.BUYER}, {"column": Column.WAIT, "descending": True},
        {"column": Column.ASSIGNEE, "status": "all", "shop_id": 1},
    ]
    for query in queries:  # warm every cache so that apply has to maintain it
        q.filter(**query)
    for rows_in, deleted in batches:
        q.apply(list({r.id: r for r in rows_in}.values()), deleted)
        fresh = QueueRows(ME)
        fresh.replace_all(q.row(p) for p in q.position.values())
        for query in queries:
            assert ids(q, q.filter(**query)) == ids(fresh, fresh.filter(**query)), query
            assert q.last_waiting == sum(1 for p in q.filter(**query) if q.status[p] == "waiting")
        # Typing on refines the previous result; it must equal filtering from scratch.
        for typed in ("的", "的消", "的消息", "甲的消息", "甲的消息 店1", "乙"):
            got = ids(q, q.filter(typed, status="all"))
            scratch = QueueRows(ME)
            scratch.replace_all(q.row(p) for p in q.position.values())
            assert got == ids(scratch, scratch.filter(typed, status="all")), typed
            assert q.last_waiting == scratch.last_waiting, typed


def test_a_replaced_store_is_freed_without_the_cyclic_gc() -> None:
    """The queue builds its rows with the cyclic GC paused: the store must hold no cycles."""
    import weakref

    rows = QueueRows(ME)
    rows.replace_all([row(1, nick="小美", shop=1), row(2, status="assigned", assignee=ME)])
    rows.apply([row(3, status="closed")], deleted_ids=[2])
    queries: list[dict[str, Any]] = [
        {"text": "小美", "shop_id": 1, "group": "presale"}, {"status": "mine"}, {"status": "waiting"},
    ]
    for query in queries:
        rows.filter(**query)
    ref = weakref.ref(rows)
    del rows
    assert ref() is None


def test_sorting_in_pieces_equals_one_sort() -> None:
    import random

    from workstation.queue import _sort_in_pieces

    rnd = random.Random(7)
    keys = [(rnd.randint(0, 3), rnd.random(), i) for i in range(45_000)]
    items = list(range(45_000))
    rnd.shuffle(items)
    assert _sort_in_pieces(items, keys.__getitem__) == sorted(items, key=keys.__getitem__)
