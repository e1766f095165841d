"""The queue's Qt model and view without a server: model consistency (qtmodeltester), wait
colours at the thresholds with an injected clock, the ticking repaint, the filter bar and sort."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from tests.gui.test_queue_rows import ME, NOW, row
from workstation.background import Background
from workstation.queue import Column, QueueRows, Thresholds
from workstation.views import theme
from workstation.views.queue_view import WAIT_LEVEL_ROLE, QueueModel, QueueView

pytestmark = pytest.mark.gui


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def sample_rows() -> list[Any]:
    return [
        row(1, nick="爱吃鱼的猫", preview="在吗？这款沙发有现货吗", waited=0.5, shop=1, shop_name="小美家居"),
        row(2, nick="sunny小可爱", preview="我的快递三天没动了", waited=30, group="aftersale",
            shop=1, shop_name="小美家居"),
        row(3, nick="jd_王先生", preview="能开发票吗\n第二行", status="assigned", assignee=ME,
            assignee_name="小美", staff="kf001", shop=2, shop_name="京东店"),
        row(4, nick="tb_8812", preview="东西坏了", waited=10, status="assigned", assignee=9,
            assignee_name="阿杰", staff="kf002", group="complaint", shop=1, shop_name="小美家居"),
    ]


def test_model_passes_qtmodeltester(qtmodeltester: Any, english: None) -> None:
    rows = QueueRows(ME)
    rows.replace_all(sample_rows())
    model = QueueModel(rows, clock=Clock(NOW))
    model.set_visible(rows.filter())
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)  # Qt's own QAbstractItemModelTester too
    assert model.rowCount() == 4 and model.columnCount() == len(Column)
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    assert model.index(0, Column.PREVIEW).data() and "\n" not in model.index(2, Column.PREVIEW).data()
    assert model.data(QModelIndex()) is None


def test_wait_colour_changes_at_thresholds(qtbot: QtBot, english: None) -> None:
    rows = QueueRows(ME)
    rows.replace_all(sample_rows())
    clock = Clock(NOW)
    model = QueueModel(rows, {"presale": Thresholds(amber=1, red=2)}, clock=clock)
    model.set_visible(rows.filter())
    r = model.row_of(1)
    assert r is not None
    cell = model.index(r, Column.WAIT)
    assert cell.data(WAIT_LEVEL_ROLE) == "normal"
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is None
    assert cell.data() == "0:00"
    clock.now = NOW + 0.6  # waited 1.1 s: amber
    assert cell.data(WAIT_LEVEL_ROLE) == "amber"
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == theme.color("amber_bg")
    clock.now = NOW + 1.6  # waited 2.1 s: red
    assert cell.data(WAIT_LEVEL_ROLE) == "red"
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == theme.color("red_bg")
    assert cell.data(Qt.ItemDataRole.FontRole).bold()
    # An assigned conversation that nobody waits on never colours.
    mine = model.index(model.row_of(3), Column.WAIT)  # type: ignore[arg-type]
    assert mine.data() == "" and mine.data(WAIT_LEVEL_ROLE) == "normal"
    assert model.index(model.row_of(3), Column.ASSIGNEE).data() == "Me"  # type: ignore[arg-type]
    assert model.index(model.row_of(4), Column.ASSIGNEE).data() == "阿杰(kf002)"  # type: ignore[arg-type]


def test_real_clock_ticks_the_wait_column_only(qtbot: QtBot, background: Background, english: None) -> None:
    view = QueueView(background, None, ME, thresholds={"presale": Thresholds(amber=1, red=2)})
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    now = __import__("time").time()
    view.rows.replace_all([row(1, waited=None)._replace(waiting_since=now - 0.2)])
    view.refilter()
    cell = view.model.index(0, Column.WAIT)
    assert cell.data(WAIT_LEVEL_ROLE) == "normal"
    seen: list[tuple[int, int, int, int]] = []
    view.model.dataChanged.connect(
        lambda a, b, _roles=None: seen.append((a.row(), a.column(), b.row(), b.column())))
    # The ticking timer repaints every second; after the red threshold the cell is red.
    qtbot.waitUntil(lambda: cell.data(WAIT_LEVEL_ROLE) == "red" and len(seen) >= 2, timeout=5000)
    assert all(c0 == c1 == Column.WAIT for _, c0, _, c1 in seen)


def test_filter_bar_debounces_and_filters(qtbot: QtBot, background: Background, english: None) -> None:
    view = QueueView(background, None, ME)
    qtbot.addWidget(view)
    view.rows.replace_all(sample_rows())
    view._refresh_shops()
    view.refilter()
    assert view.model.rowCount() == 4
    with qtbot.waitSignal(view.model.modelReset, timeout=2000):
        qtbot.keyClicks(view.search, "sunny")  # QTest types ASCII only
        assert view.model.rowCount() == 4  # not yet: typing is debounced
    assert [view.model.conversation_id(r) for r in range(view.model.rowCount())] == [2]
    view.search.setText("快递 三天")  # Chinese arrives by input method or paste
    view.refilter()
    assert [view.model.conversation_id(r) for r in range(view.model.rowCount())] == [2]
    view.search.clear()
    view.refilter()
    view.shop_combo.setCurrentIndex(view.shop_combo.findData(2))
    assert [view.model.conversation_id(r) for r in range(view.model.rowCount())] == [3]
    view.shop_combo.setCurrentIndex(0)
    view.group_combo.setCurrentIndex(view.group_combo.findData("complaint"))
    assert [view.model.conversation_id(r) for r in range(view.model.rowCount())] == [4]
    view.group_combo.setCurrentIndex(0)
    view.status_combo.setCurrentIndex(view.status_combo.findData("mine"))
    assert [view.model.conversation_id(r) for r in range(view.model.rowCount())] == [3]
    view.status_combo.setCurrentIndex(view.status_combo.findData("waiting"))
    assert [view.model.conversation_id(r) for r in range(view.model.rowCount())] == [2, 1]
    assert "2 shown" in view.count_label.text()


def test_header_click_sorts_then_restores_default(qtbot: QtBot, background: Background,
                                                  english: None) -> None:
    view = QueueView(background, None, ME)
    qtbot.addWidget(view)
    view.rows.replace_all(sample_rows())
    view.refilter()
    order = lambda: [view.model.conversation_id(r) for r in range(view.model.rowCount())]  # noqa: E731
    default = order()
    assert default == [2, 1, 3, 4]
    view.select_conversation(3)
    view._on_header_clicked(Column.BUYER)
    asc = order()
    assert asc == sorted(default, key=lambda c: view.rows.buyer_nickname[view.rows.position[c or 0]].lower())
    assert view.current_conversation_id() == 3  # selection follows the conversation
    view._on_header_clicked(Column.BUYER)
    assert order() == list(reversed(asc))
    view._on_header_clicked(Column.BUYER)
    assert order() == default


def test_claim_is_disabled_without_selection_or_when_taken(qtbot: QtBot, background: Background,
                                                          english: None) -> None:
    view = QueueView(background, None, ME, claim=lambda cid, version: None)
    qtbot.addWidget(view)
    view.rows.replace_all(sample_rows())
    view.refilter()
    assert not view.claim_action.isEnabled()
    view.select_conversation(2)
    assert view.claim_action.isEnabled()
    view.select_conversation(4)
    assert not view.claim_action.isEnabled()
    assert view.claim_action.toolTip() == "This conversation is already taken"
    view.select_conversation(3)
    assert view.claim_action.toolTip() == "This conversation is already yours"
    view.select_conversation(2)
    view.set_online(False, "Offline: claiming needs a connection to the server")
    assert not view.claim_action.isEnabled()
    assert "Offline" in view.claim_action.toolTip()


def test_keyboard_moves_and_enter_opens(qtbot: QtBot, background: Background, english: None) -> None:
    view = QueueView(background, None, ME)
    qtbot.addWidget(view)
    view.show()
    view.rows.replace_all(sample_rows())
    view.refilter()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_Home)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    expected = view.model.conversation_id(1)
    with qtbot.waitSignal(view.conversation_opened, timeout=2000) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [expected]
    # Ctrl+F goes to the search box; Enter there shows the first result in the table.
    view.focus_search()
    view.search.setText("tb_8812")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.table.hasFocus() and view.current_conversation_id() == 4
    # Escape in the search box clears it; Down moves to the results.
    view.focus_search()
    qtbot.keyClick(view.search, Qt.Key.Key_Escape)
    assert view.search.text() == "" and view.model.rowCount() == 4 and view.table.hasFocus()
    view.focus_search()
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus()


def test_live_rows_keep_selection_and_scroll_position(qtbot: QtBot, background: Background,
                                                      english: None) -> None:
    view = QueueView(background, None, ME)
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    view.rows.replace_all([row(i, waited=1000 - i) for i in range(1, 301)])
    view.refilter()
    view.select_conversation(150)
    bar = view.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    scroll = bar.value()
    assert scroll > 0
    # New arrivals (one waiting longer than all: it sorts on top), a change and a removal.
    view.apply_rows([row(1000, waited=5000), row(150, waited=850, preview="新消息")], deleted={3})
    assert view.current_conversation_id() == 150
    assert bar.value() == scroll
    assert view.model.conversation_id(0) == 1000
    assert view.row_data(150).preview == "新消息"  # type: ignore[union-attr]
    assert view.model.row_of(3) is None


def test_claim_next_picks_the_longest_wait_shown(qtbot: QtBot, background: Background, english: None) -> None:
    claimed: list[tuple[int, int]] = []

    def claim(cid: int, version: int) -> Any:
        claimed.append((cid, version))
        return type("Outcome", (), {"won": True, "assignee": None})()

    view = QueueView(background, None, ME, claim=claim)
    qtbot.addWidget(view)
    view.rows.replace_all(sample_rows())
    view.set_sort(Column.BUYER)  # the order shown does not matter: the longest wait does
    with qtbot.waitSignal(view.claim_finished, timeout=5000) as done:
        view.claim_next_action.trigger()
    assert claimed == [(2, 1)] and done.args == [2, True]
    view.set_online(False, "offline")
    assert not view.claim_next_action.isEnabled()


def test_thresholds_dialog_saves_and_applies(qtbot: QtBot, background: Background, settings: Any,
                                            english: None) -> None:
    from workstation.views.settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    amber, red = dialog.spins["complaint"]
    amber.setValue(20)
    red.setValue(10)  # below amber: stored as amber
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    assert settings.thresholds()["complaint"] == Thresholds(20, 20)
    assert settings.thresholds()["presale"] == Thresholds(60, 100)
