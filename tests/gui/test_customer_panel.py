"""The customer and order panel, driven as an agent would: a cache written the way sync writes it,
or a real service on 127.0.0.1 and a real ``MainWindow``. Covers the buyer card and orders (a long
order, a stuck parcel, an unpaid order), search by keyboard, the work lists, following the open
conversation, and the audited reveal (disabled without the permission, refused by the server,
shown in place after a real reveal). Saves screenshots under ``docs/screenshots/``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from tests.client.test_customers import Records, wire, write_cache
from tests.gui.conftest import save_screenshot
from workstation.background import Background
from workstation.db import LocalDB
from workstation.settings import Options, Settings
from workstation.timeutil import utcnow_naive
from workstation.views.customer_view import CustomerPanel, Node
from workstation.views.main_window import MainWindow
from workstation.views.order_lists import WorkLists

pytestmark = pytest.mark.gui



@pytest.fixture
def cache(tmp_path: Path) -> Iterator[LocalDB]:
    db = LocalDB.open(tmp_path / "cache.db")
    yield db
    db.close()


@pytest.fixture
def shop(cache: LocalDB) -> dict[str, int]:
    """A buyer with a 200-item order, a shipped order whose parcel is stuck, an order with an open
    after-sale case, and a second buyer with an unpaid order (a nudge candidate)."""
    now = utcnow_naive()
    r = Records()
    r.shop(1, "小美家居旗舰店")
    wang = r.buyer("爱吃鱼的猫", "王小明", "138****1234", order_count=42, total_spent_fen=1_299_900)
    li = r.buyer("sunny小可爱", "李娜", "139****5678")
    long_order = r.order(wang, "398765432109876543", now - timedelta(hours=3), status="paid", items=200)
    shipped = r.order(
        wang, "312345678901234567", now - timedelta(days=4), status="shipped", buyer_message="请用顺丰，谢谢"
    )
    stuck = r.shipment(shipped, "SF1234567890123", now - timedelta(hours=60))
    done = r.order(wang, "300000000000000042", now - timedelta(days=20), status="completed")
    r.shipment(done, "YT9876543210987", now - timedelta(days=18), state="delivered")
    case = r.aftersale(done, wang)
    unpaid = r.order(li, "412345678901234560", now - timedelta(hours=2, minutes=15), status="unpaid")
    presale = r.order(
        li,
        "412345678901234999",
        now - timedelta(days=10),
        status="paid",
        presale={
            "deposit_fen": 5000,
            "balance_fen": 20000,
            "deposit_paid_at": wire(now - timedelta(days=10)),
            "balance_due_from": wire(now + timedelta(hours=10)),
            "balance_due_until": wire(now + timedelta(days=2)),
            "balance_paid_at": None,
        },
    )
    conv_wang = r.conversation(wang)
    conv_li = r.conversation(li)
    write_cache(cache, r.records)
    return {
        "wang": wang,
        "li": li,
        "long": long_order,
        "shipped": shipped,
        "stuck": stuck,
        "done": done,
        "case": case,
        "unpaid": unpaid,
        "presale": presale,
        "conv_wang": conv_wang,
        "conv_li": conv_li,
    }


def make_panel(qtbot: QtBot, background: Background, cache: LocalDB, **kw: Any) -> CustomerPanel:
    panel = CustomerPanel(background, cache.engine, **kw)
    qtbot.addWidget(panel)
    panel.resize(460, 760)
    panel.show()
    return panel


def show(qtbot: QtBot, panel: CustomerPanel, buyer_id: int, order_id: int | None = None) -> None:
    with qtbot.waitSignal(panel.customer_shown, timeout=5000):
        panel.show_buyer(buyer_id, order_id)


def top_items(panel: CustomerPanel) -> list[Node]:
    return [node.ensure() for node in panel.orders_model.roots]


def children(panel: CustomerPanel, node: Node) -> list[Node]:
    """The rows under ``node`` as the view would ask for them (builds them when lazy)."""
    model = panel.orders_model
    index = index_of(panel, node)
    return [model.node(model.index(r, 0, index)) for r in range(model.rowCount(index))]  # type: ignore[misc]


def index_of(panel: CustomerPanel, node: Node) -> QModelIndex:
    path = []
    while node is not None:
        path.append(node.row)
        node = node.parent  # type: ignore[assignment]
    index = QModelIndex()
    for row in reversed(path):
        index = panel.orders_model.index(row, 0, index)
    return index


def save(widget: Any, name: str) -> None:
    assert save_screenshot(widget, name)


def test_buyer_card_and_orders_newest_first_with_marks(
    qtbot: QtBot, background: Background, cache: LocalDB, shop: dict[str, int], english: None
) -> None:
    panel = make_panel(qtbot, background, cache)
    show(qtbot, panel, shop["wang"])
    assert panel.title.text() == "爱吃鱼的猫"
    assert panel.phone.text() == "138****1234"
    assert panel.lifetime.text() == "42 orders · ¥12,999.00"
    rows = top_items(panel)
    assert [r.text.splitlines()[0] for r in rows] == [
        "398765432109876543",
        "312345678901234567",
        "300000000000000042",
    ]
    assert "Parcel stuck" in rows[1].text  # colour and words
    brush = panel.orders_model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert brush.color().name() == "#fde7e6"
    assert "After-sale open" in rows[2].text
    assert panel.tabs.tabText(3) == "After-sale (1)"
    # the 200-item order's details are built only when expanded
    assert rows[0].children is None
    panel.orders.expand(index_of(panel, rows[0]))
    items = children(panel, rows[0])[0]
    assert items.text == "Items (200)" and len(children(panel, items)) == 200
    assert not panel.orders.isExpanded(index_of(panel, items))  # 200 lines stay folded until asked for
    assert children(panel, items)[0].side == "¥99.00"
    # the stuck parcel, in the order and in the shipping tab
    panel.orders.expand(index_of(panel, rows[1]))
    parcel = [n for n in children(panel, rows[1]) if "SF1234567890123" in n.text]
    first, second = parcel[0].text.splitlines()
    assert first.startswith("顺丰速运") and second.startswith("Stuck: no update for 60 h")
    assert children(panel, parcel[0])[0].text == "上海转运中心 运输中"  # newest event first
    assert panel.orders.isExpanded(index_of(panel, children(panel, rows[1])[0]))  # one item: shown at once
    assert panel.parcels_model.rowCount() == 0  # the shipping tab is built when shown
    panel.tabs.setCurrentIndex(2)
    assert panel.parcels_model.rowCount() == 2


def test_unpaid_order_is_a_nudge_candidate_and_copy_shortcuts(
    qtbot: QtBot, background: Background, cache: LocalDB, shop: dict[str, int], english: None
) -> None:
    panel = make_panel(qtbot, background, cache)
    show(qtbot, panel, shop["li"])
    row, presale = top_items(panel)
    # a presale whose balance window opens in 10 hours: marked, with the window in its details
    assert "Balance due" in presale.text and presale.mark == "nudge"
    texts = [n.text for n in children(panel, presale)]
    assert any(t.startswith("Presale deposit  paid") for t in texts)
    assert any(t.startswith("Balance ") and "Balance window opens soon" in t for t in texts)
    assert row.text.splitlines()[1].endswith("Unpaid for 2 h 15 min · Nudge to pay")
    assert row.side == "¥89.00"  # items - coupon, what the buyer is asked to pay
    panel.orders.setFocus()
    panel.orders.setCurrentIndex(index_of(panel, row))
    qtbot.keyClick(
        panel.orders, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert QGuiApplication.clipboard().text() == "412345678901234560"
    assert "Ctrl+Shift+C" in panel.copy_order_action.toolTip()
    show(qtbot, panel, shop["wang"], shop["shipped"])
    assert panel._current_order_id() == shop["shipped"]  # opened on the order asked for
    qtbot.keyClick(
        panel.orders, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert QGuiApplication.clipboard().text() == "SF1234567890123"
    panel.copy_address()
    assert QGuiApplication.clipboard().text() == "王小明 138****1234 浙江省杭州市"


def test_a_buyer_with_many_orders_shows_the_newest_first_then_all(
    qtbot: QtBot, background: Background, cache: LocalDB, english: None
) -> None:
    now = utcnow_naive()
    r = Records()
    r.shop(1)
    bid = r.buyer("老顾客")
    ids = [r.order(bid, f"5{i:017d}", now - timedelta(hours=i), status="completed") for i in range(300)]
    write_cache(cache, r.records)
    panel = make_panel(qtbot, background, cache)
    show(qtbot, panel, bid, ids[-1])  # the oldest order: not on the first page
    assert panel.orders_model.rowCount() == 60
    qtbot.waitUntil(lambda: panel.data is not None and panel.data.complete, timeout=5000)
    assert panel.orders_model.rowCount() == 300
    assert panel._current_order_id() == ids[-1]  # selected once it arrived


def test_search_by_keyboard_opens_the_order_and_esc_returns(
    qtbot: QtBot, background: Background, cache: LocalDB, shop: dict[str, int], english: None
) -> None:
    panel = make_panel(qtbot, background, cache)
    with qtbot.waitSignal(panel.customer_shown, timeout=5000):
        panel.show_conversation(shop["conv_li"])
    assert panel.buyer_id == shop["li"]
    panel.focus_search()
    with qtbot.waitSignal(panel.searched, timeout=5000):
        qtbot.keyClicks(panel.search_box, "sf123456")
    # typing char by char: the last answer is the one shown
    qtbot.waitUntil(lambda: panel.results_model.rowCount() == 1)
    top = panel.results_model.roots[0]
    assert top.text.startswith("爱吃鱼的猫")
    assert top.children is not None and top.children[0].text == "Tracking number SF1234567890123"
    with qtbot.waitSignal(panel.customer_shown, timeout=5000):
        qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    assert panel.buyer_id == shop["wang"] and panel._current_order_id() == shop["shipped"]
    # a phone shared by nobody else; then the last four digits
    panel.focus_search()
    with qtbot.waitSignal(panel.searched, timeout=5000):
        panel.search_box.setText("13900005678")
    assert "possible match" not in panel.results_model.roots[0].text
    with qtbot.waitSignal(panel.searched, timeout=5000):
        panel.search_box.setText("%%'\"*" * 3000)  # symbols, 15,000 characters
    assert panel.results_model.roots[0].text == "Nothing found in the local cache"
    with qtbot.waitSignal(panel.searched, timeout=5000):
        panel.search_box.setText("小可爱")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Down)
    # Esc: back to the conversation's buyer
    with qtbot.waitSignal(panel.customer_shown, timeout=5000):
        panel.back_to_conversation()
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Escape)
    assert panel.search_box.text() == "" and panel.stack.currentIndex() == 0
    assert panel.buyer_id == shop["li"]


def test_work_lists_open_the_order(
    qtbot: QtBot, background: Background, cache: LocalDB, shop: dict[str, int], english: None
) -> None:
    lists = WorkLists(background, cache.engine, [1])
    qtbot.addWidget(lists)
    lists.show()
    with qtbot.waitSignal(lists.counts_changed, timeout=5000) as blocker:
        lists.refresh()
    assert blocker.args == [1, 1]
    assert lists.tabs.tabText(0) == "Unpaid orders to nudge (1)"
    assert lists.nudge_model.rows[0].order_id == shop["unpaid"]
    assert lists.stuck_model.rows[0].tracking_no == "SF1234567890123"
    lists.show_list("stuck")
    with qtbot.waitSignal(lists.order_opened) as opened:
        qtbot.keyClick(lists.stuck_view, Qt.Key.Key_Return)
    assert opened.args == [shop["wang"], shop["shipped"]]


def test_screenshots_in_chinese(
    qtbot: QtBot, background: Background, cache: LocalDB, shop: dict[str, int], chinese: None
) -> None:
    panel = make_panel(qtbot, background, cache)
    show(qtbot, panel, shop["wang"], shop["long"])
    assert panel.tabs.tabText(1) == "订单"
    panel.orders.expand(index_of(panel, children(panel, top_items(panel)[0])[0]))  # the 200 items
    qtbot.wait(50)
    save(panel, "customer_panel_long_order.png")
    show(qtbot, panel, shop["wang"], shop["shipped"])
    qtbot.wait(50)
    save(panel, "customer_panel_stuck_parcel.png")
    show(qtbot, panel, shop["li"], shop["unpaid"])
    assert "催付" in top_items(panel)[0].text
    qtbot.wait(50)
    save(panel, "customer_panel_unpaid.png")
    panel.focus_search()
    with qtbot.waitSignal(panel.searched, timeout=5000):
        panel.search_box.setText("1234")
    qtbot.wait(50)
    save(panel, "customer_panel_search.png")


# ----------------------------------------------------------------------------- live service


def test_main_window_panel_follows_the_conversation_and_reveal(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, english: None
) -> None:
    shop1 = live.seeded["shops"][0]
    conv = live.seeded["conversations"][shop1][0]
    with client_a1.db.engine.connect() as conn:
        buyer = conn.exec_driver_sql("SELECT buyer_id FROM conversation WHERE id = ?", (conv,)).scalar()
    order = live.add_order(buyer, status="shipped")
    live.add_order(buyer)  # unpaid
    client_a1.engine.sync_once()

    settings.set(Options.STUCK_HOURS, 48)
    window = MainWindow(client_a1, background, settings)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.queue_view.rows_updated, timeout=10_000):
        window.start(sync=False)
    panel = window.customer_panel
    assert window.customer_dock.widget() is panel
    view = window.queue_view
    assert view.select_conversation(conv)
    with qtbot.waitSignal(panel.customer_shown, timeout=10_000):
        view.open_current()
    assert panel.buyer_id == buyer
    assert panel.title.text() == "爱吃鱼的猫"
    assert panel.phone.text() == "138****0000"
    assert len(top_items(panel)) == 2 and order in {r.key for r in top_items(panel)}

    # Without the permission the reveal button is disabled.
    assert not panel.reveal_phone_button.isEnabled()

    # A panel that believes it may reveal (a stale grant): the server refuses, calmly.
    stale = CustomerPanel(
        background,
        client_a1.db.engine,
        user_id=client_a1.user.id,
        permissions=lambda: ["reveal_contact"],
        api=client_a1.api,
    )
    qtbot.addWidget(stale)
    show(qtbot, stale, buyer)
    with qtbot.waitSignal(
        stale.message, timeout=10_000, check_params_cb=lambda text: "refused" in text
    ) as refused:
        stale.reveal(buyer, "phone", "买家要求核对手机号")
    assert "permission" in refused.args[0]
    assert stale.phone.text() == "138****0000"

    # The supervisor grants it; the grant arrives by sync and enables the button.
    live.grant("a1")
    client_a1.engine.sync_once()
    qtbot.waitUntil(lambda: True)
    panel.reload()
    qtbot.waitUntil(panel.reveal_phone_button.isEnabled, timeout=10_000)
    panel.reveal_phone_button.click()
    dialog = panel.findChild(QInputDialog, "revealReasonDialog")
    assert dialog is not None
    dialog.setTextValue("买家要求核对手机号")
    with qtbot.waitSignal(panel.revealed, timeout=10_000):
        dialog.accept()
    assert panel.phone.text() == "13812340000"
    assert not panel.reveal_phone_button.isEnabled()  # shown already
    # Never written to the cache.
    with client_a1.db.engine.connect() as conn:
        hits = conn.exec_driver_sql(
            "SELECT count(*) FROM buyer WHERE phone_masked LIKE '%13812340000%'"
        ).scalar()
    assert hits == 0
    # The full receiver address of an order, from the order list's context menu.
    assert panel.reveal_order_action in panel.orders.actions()
    panel.orders.setCurrentIndex(panel.orders_model.index([n.key for n in top_items(panel)].index(order), 0))
    dialog = panel.ask_reveal_order_address()
    assert dialog is not None
    dialog.setTextValue("买家要求补发，核对地址")
    with qtbot.waitSignal(panel.revealed, timeout=10_000):
        dialog.accept()
    shown = panel.orders_model.node(panel.orders.currentIndex())
    assert shown is not None and shown.key == "ship_to"
    assert "浙江省杭州市西湖区文三路0号" in shown.text
    panel.copy_address()
    assert "浙江省杭州市西湖区文三路0号" in QGuiApplication.clipboard().text()
    # Another buyer on screen: the revealed value is gone.
    other = live.seeded["buyers"][shop1][1]
    show(qtbot, panel, other)
    assert "****" in panel.phone.text()


def test_work_lists_follow_sync_and_open_the_order_in_the_panel(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, chinese: None
) -> None:
    from datetime import UTC, datetime

    shop1 = live.seeded["shops"][0]
    buyer = live.seeded["buyers"][shop1][1]
    window = MainWindow(client_a1, background, settings)
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    lists = window.work_lists
    with qtbot.waitSignal(window.queue_view.rows_updated, timeout=10_000):
        window.start(sync=True, poll_interval=1)
    qtbot.waitUntil(
        lambda: window.sync_status is not None and window.sync_status.state == "online", timeout=10_000
    )
    assert lists.counts[0] == 0
    # An order placed an hour ago and not paid arrives by sync: the nudge list counts it.
    order = live.add_order(buyer, at=datetime.now(UTC) - timedelta(hours=1))
    qtbot.waitUntil(lambda: lists.counts[0] == 1, timeout=15_000)
    assert lists.tabs.tabText(0) == "待催付订单（1）"
    window.nudge_list_action.trigger()
    assert window.work_lists_dock.isVisible()
    with qtbot.waitSignal(window.customer_panel.customer_shown, timeout=10_000):
        qtbot.keyClick(lists.nudge_view, Qt.Key.Key_Return)
    panel = window.customer_panel
    assert panel.buyer_id == buyer and panel._current_order_id() == order
    assert window.customer_dock.isVisible()
    qtbot.wait(100)
    save(window, "customer_panel_main_window.png")
    # A new order of the buyer on screen arrives by sync: the panel shows it, the open order stays.
    live.add_order(buyer, status="shipped")
    qtbot.waitUntil(lambda: panel.orders_model.rowCount() == 2, timeout=15_000)
    assert panel._current_order_id() == order


def test_order_thresholds_are_edited_in_the_settings_dialog(
    qtbot: QtBot, settings: Settings, english: None
) -> None:
    from workstation.views.settings_dialog import SettingsDialog

    assert settings.order_rules().nudge_min == timedelta(minutes=30)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert (dialog.nudge_min.value(), dialog.nudge_max.value(), dialog.stuck_hours.value()) == (30, 12, 48)
    dialog.nudge_min.setValue(10)
    dialog.nudge_max.setValue(6)
    dialog.stuck_hours.setValue(24)
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    rules = settings.order_rules()
    assert rules.nudge_min == timedelta(minutes=10)
    assert rules.nudge_max == timedelta(hours=6)
    assert rules.stuck_after == timedelta(hours=24)


def test_reveal_offline_or_without_reason_is_a_calm_message(
    qtbot: QtBot, background: Background, cache: LocalDB, shop: dict[str, int], english: None
) -> None:
    from workstation.api import ApiClient

    # A real client pointed at a port where nothing listens: the server cannot be reached.
    api = ApiClient("http://127.0.0.1:9", timeout=2.0)
    panel = make_panel(qtbot, background, cache, permissions=lambda: ["reveal_contact"], api=api)
    show(qtbot, panel, shop["wang"])
    assert panel.reveal_phone_button.isEnabled()
    with qtbot.waitSignal(panel.message) as blocker:
        panel.reveal(shop["wang"], "phone", "   ")
    assert blocker.args == ["A reason is needed to show the full value."]
    with qtbot.waitSignal(panel.message, timeout=10_000, check_params_cb=lambda t: t.startswith("Offline")):
        panel.reveal(shop["wang"], "phone", "买家要求核对")
    assert panel.phone.text() == "138****1234"  # nothing shown, nothing stored
    api.close()


def test_search_follows_buyer_changes_from_sync(
    qtbot: QtBot, background: Background, cache: LocalDB, shop: dict[str, int], english: None
) -> None:
    from workstation.sync import SyncEngine

    panel = make_panel(qtbot, background, cache)
    qtbot.waitUntil(lambda: panel.index is not None and panel.index.size == 2 and not panel._index_busy)
    built = panel.index._snapshot  # type: ignore[union-attr]
    r = Records()
    r.buyer("改了名的猫", "王小明", "138****1234", id=shop["wang"], version=5)
    summary = SyncEngine(cache, None).apply_records(r.records)  # type: ignore[arg-type]
    panel.on_changes(summary)
    # the index follows after the burst has settled (INDEX_SETTLE_MS), then on a worker
    qtbot.waitUntil(lambda: not panel._index_settle.isActive() and not panel._index_busy)
    with qtbot.waitSignal(panel.searched, timeout=5000):
        panel.search_box.setText("改了名")
    assert [n.key for n in panel.results_model.roots] == [(shop["wang"], None)]
    assert panel.index._snapshot is built  # type: ignore[union-attr]  # no rebuild for one change
