"""The report window (issue 6) against a real service: the table and chart show the service's
figures, grouping regroups them, exports read back equal to the screen, offline keeps what is
shown, the keyboard reaches every control and Esc closes; screenshots of the report."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from central import demo_activity, ops
from central.activity import day_bounds, load_config
from central.models import Buyer
from tests.gui.conftest import connect, save_screenshot
from workstation import reports
from workstation.background import Background
from workstation.settings import Options, Settings
from workstation.views.report_view import ReportWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def supervisor(live: Any, data_dir: Path) -> Iterator[Any]:
    """s1 (both shops) logged in, after a week of history in the service."""
    rng = random.Random(11)
    with live.write() as s:
        ops.bulk_insert(
            s,
            Buyer,
            [
                {
                    "shop_id": shop,
                    "nickname": f"买家{i}",
                    "name": "",
                    "phone": "",
                    "province": "",
                    "city": "",
                    "address": "",
                    "vip_level": 0,
                    "created_at": datetime.now(UTC),
                }
                for shop in live.seeded["shops"]
                for i in range(150)
            ],
        )
        floor = demo_activity.load_floor(s)
        config = load_config(s)
        today = reports.team_today(config.timezone)
        for back in range(6, -1, -1):
            day = (today - timedelta(days=back)).isoformat()
            start, _ = day_bounds(config, day)
            batch = demo_activity.generate_day(rng, floor, start, 30 + 6 * back, not_after=datetime.now(UTC))
            demo_activity.insert_batch(s, batch)
    client = connect(live, "s1", data_dir)
    try:
        yield client
    finally:
        client.close()


def open_window(qtbot: QtBot, client: Any, background: Background) -> ReportWindow:
    window = ReportWindow(client, background)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=15000):
        window.show()
    return window


def screen_cells(window: ReportWindow) -> list[list[Any]]:
    model = window.model
    return [
        [model.index(r, c).data(Qt.ItemDataRole.UserRole) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def screen_text(window: ReportWindow) -> list[list[str]]:
    model = window.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_report_shows_the_service_figures_and_exports_them(
    qtbot: QtBot, supervisor: Any, background: Background, tmp_path: Path, chinese: None
) -> None:
    window = open_window(qtbot, supervisor, background)
    report = window.report
    assert report is not None
    # last 7 days by default: 7 day rows and the totals row; totals equal the service's sums
    days = [row[0] for row in screen_cells(window)[:-1]]
    assert len(days) == 7 and days == sorted(days)
    handled = sum(r.handled for r in report.rows)
    assert handled > 0
    totals = screen_cells(window)[-1]
    assert totals[0] == "合计" and totals[1] == handled
    assert window.model.headerData(1, Qt.Orientation.Horizontal) == "接待量"
    # each day's line is its rows' sums, averages weighted by their counts
    for line in screen_cells(window)[:-1]:
        mine = [r for r in report.rows if r.day == line[0]]
        assert line[1] == sum(r.handled for r in mine)
        count = sum(r.first_response_count for r in mine)
        expected = round(sum(r.first_response_sum_s for r in mine) / count, 1) if count else None
        assert line[2] == expected
    # the chart shows the same days and handled counts
    assert window.chart.labels() == [d[5:] for d in days]
    bars = window.chart.series()[0]
    assert bars.values == [float(line[1]) for line in screen_cells(window)[:-1]]

    # by agent: regrouped without asking the service again
    window.grouping_combo.setCurrentIndex(window.grouping_combo.findData("agent"))
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "客服"
    by_agent = screen_cells(window)
    assert sum(line[1] for line in by_agent[:-1]) == handled == by_agent[-1][1]
    save_screenshot(window, "report-by-agent.png")

    # exports read back equal to what is on screen
    window.grouping_combo.setCurrentIndex(window.grouping_combo.findData("day"))
    xlsx = tmp_path / "日报.xlsx"
    with qtbot.waitSignal(window.exported, timeout=10000):
        window.export_to(xlsx)
    headers = [
        window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(window.model.columnCount())
    ]
    book = load_workbook(xlsx)
    sheet = book.active
    assert sheet is not None
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [headers, *screen_cells(window)]
    csv_path = tmp_path / "日报.csv"
    with qtbot.waitSignal(window.exported, timeout=10000):
        window.export_to(csv_path)
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        written = list(csv.reader(f))
    on_screen = [[("" if t == "—" else t) for t in line] for line in screen_text(window)]
    assert written == [headers, *on_screen]
    assert "导出" in window.status_label.text()
    save_screenshot(window, "report-chart.png")


def test_filters_ask_the_service(
    qtbot: QtBot, supervisor: Any, background: Background, chinese: None
) -> None:
    window = open_window(qtbot, supervisor, background)
    assert window.report is not None
    shops = [window.shop_combo.itemData(i) for i in range(window.shop_combo.count())]
    assert shops[0] is None and len(shops) == 3
    with qtbot.waitSignal(window.loaded, timeout=15000):
        window.shop_combo.setCurrentIndex(2)
    assert {r.shop_id for r in window.report.rows} == {shops[2]}
    with qtbot.waitSignal(window.loaded, timeout=15000):
        window.range_combo.setCurrentIndex(window.range_combo.findData("yesterday"))
    assert window.from_edit.date() == window.to_edit.date()
    assert len(screen_cells(window)) == 2  # the day and the totals


def test_offline_keeps_the_table_and_says_why(
    qtbot: QtBot, live: Any, supervisor: Any, background: Background, tmp_path: Path, chinese: None
) -> None:
    window = open_window(qtbot, supervisor, background)
    before = screen_cells(window)
    live.stop()
    with qtbot.waitSignal(window.failed, timeout=20000):
        window.refresh()
    assert screen_cells(window) == before
    assert "报表需要连接服务" in window.status_label.text()
    out = tmp_path / "offline.csv"
    with qtbot.waitSignal(window.exported, timeout=10000):
        window.export_to(out)
    assert out.exists()


def test_keyboard_reaches_every_control_and_esc_closes(
    qtbot: QtBot, supervisor: Any, background: Background, chinese: None
) -> None:
    window = open_window(qtbot, supervisor, background)
    window.activateWindow()
    window.range_combo.setFocus()
    seen: list[QWidget] = []
    for _ in range(30):
        widget = QApplication.focusWidget()
        if widget is not None and widget not in seen:
            seen.append(widget)
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    names = {w.objectName() for w in seen}
    expected = [
        "reportRange", "reportRefresh", "reportExportXlsx", "reportExportCsv", "reportShop", "reportGroup",
        "reportAgent", "reportGrouping", "reportChart", "reportTable", "reportClose",
    ]  # fmt: skip
    for name in expected:
        assert name in names, name
    for w in seen:
        assert w.accessibleName() or w.objectName() == "reportClose", w.objectName()
    # the chart: arrow keys walk the categories and say their values
    window.chart.setFocus()
    qtbot.keyClick(window.chart, Qt.Key.Key_Right)
    assert window.chart.current() == 0
    qtbot.keyClick(window.chart, Qt.Key.Key_End)
    assert window.chart.current() == len(window.chart.labels()) - 1
    assert "接待量" in window.chart.describe(window.chart.current())
    # hovering a bar highlights its category
    plot_x = window.chart.width() // 2
    qtbot.mouseMove(window.chart, QPoint(plot_x, window.chart.height() // 2))
    assert window.chart.current() >= 0
    qtbot.keyClick(window.table, Qt.Key.Key_Escape)
    assert not window.isVisible()


def test_dark_theme_chart(qtbot: QtBot, supervisor: Any, background: Background, chinese: None) -> None:
    from workstation.views import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = theme.active().name
    theme.apply_theme(app, "dark")
    try:
        window = open_window(qtbot, supervisor, background)
        window.resize(900, 600)
        save_screenshot(window.chart, "report-chart-dark.png")
        image = window.chart.grab().toImage()
        assert image.pixelColor(2, 2) == theme.color("base")
    finally:
        theme.apply_theme(app, previous)


def test_the_supervisor_menu_opens_the_reports(
    qtbot: QtBot, supervisor: Any, background: Background, settings: Any, chinese: None
) -> None:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QMenu

    from workstation.views.main_window import MainWindow

    window = MainWindow(supervisor, background, settings)
    qtbot.addWidget(window)
    window.show()
    window.start(sync=False)
    menu = window.menuBar().findChild(QMenu, "supervisorMenu")
    assert menu is not None
    action = next(a for a in menu.actions() if a.objectName() == "reportsAction")
    assert action.text() == "报表(&R)…"
    assert action.shortcut() == QKeySequence("Ctrl+Shift+R")
    # F1 and Settings → Keyboard list it (the registry is the menus' own actions)
    assert any(e.action is action for e in window.shortcut_registry.entries())
    action.trigger()
    report = window.report_window
    assert report is not None and report.isVisible()
    qtbot.waitUntil(lambda: report.report is not None, timeout=15000)
    assert report.model.rowCount() == 8  # seven days and the totals
    window.close()


def test_chart_ticks_are_round_and_cover_the_data(qtbot: QtBot) -> None:
    from workstation.views.charts import ChartWidget, Series, nice_ticks

    assert nice_ticks(66) == [0, 20, 40, 60, 80]
    assert nice_ticks(167) == [0, 50, 100, 150, 200]
    assert nice_ticks(0.7) == [0, 0.2, 0.4, 0.6, 0.8]
    assert nice_ticks(0) == [0.0, 1.0]
    chart = ChartWidget()
    qtbot.addWidget(chart)
    chart.set_data(["a", "b"], [Series("接待量", [3.0, None])], [Series("首响", [12.5, 30.0], " s", 1)])
    assert chart.accessibleDescription() == "接待量: a 3, b —; 首响: a 12.5 s, b 30.0 s"
    chart.resize(300, 200)
    chart.show()
    assert not chart.grab().isNull()


def test_export_buttons_ask_where_and_write_there(
    qtbot: QtBot, supervisor: Any, background: Background, tmp_path: Path, monkeypatch: Any, chinese: None
) -> None:
    from workstation.views import report_view

    window = open_window(qtbot, supervisor, background)
    asked: list[tuple[str, str]] = []

    def save_as(parent: Any, caption: str, start: str, filters: str) -> tuple[str, str]:
        asked.append((start, filters))
        return str(tmp_path / "本周报表"), filters  # no suffix typed: the kind's is added

    monkeypatch.setattr(report_view.QFileDialog, "getSaveFileName", staticmethod(save_as))
    with qtbot.waitSignal(window.exported, timeout=10000) as sig:
        qtbot.mouseClick(window.xlsx_button, Qt.MouseButton.LeftButton)
    assert sig.args == [str(tmp_path / "本周报表.xlsx")]
    assert asked[0][0].endswith(".xlsx") and "xlsx" in asked[0][1]
    with qtbot.waitSignal(window.exported, timeout=10000) as sig:
        qtbot.mouseClick(window.csv_button, Qt.MouseButton.LeftButton)
    assert sig.args == [str(tmp_path / "本周报表.csv")]
    assert (tmp_path / "本周报表.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_window_remembers_range_filters_and_grouping(
    qtbot: QtBot, supervisor: Any, background: Background, settings: Settings, english: None
) -> None:
    """The last range preset (or custom days), filters and grouping come back in a new window
    (the settings file read again, as after a restart), and its first report is asked with them."""
    window = ReportWindow(supervisor, background, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=15000):
        window.show()
    assert window.range_combo.currentData() == "last7"  # the default at first
    shop = window.shop_combo.itemData(2)
    shop_name = window.shop_combo.itemText(2)
    with qtbot.waitSignal(window.loaded, timeout=15000):
        window.shop_combo.setCurrentIndex(2)
    agent = next(a for a in window.report.agents)  # type: ignore[union-attr]
    with qtbot.waitSignal(window.loaded, timeout=15000):
        window.agent_combo.setCurrentIndex(window.agent_combo.findData(agent.id))
    with qtbot.waitSignal(window.loaded, timeout=15000):
        window.group_combo.setCurrentIndex(window.group_combo.findData("aftersale"))
    window.grouping_combo.setCurrentIndex(window.grouping_combo.findData("agent"))
    with qtbot.waitSignal(window.loaded, timeout=15000):
        window.range_combo.setCurrentIndex(window.range_combo.findData("last30"))
    window.close()

    settings.store.sync()
    again = ReportWindow(supervisor, background, settings=Settings.open(Path(settings.store.fileName())))
    qtbot.addWidget(again)
    assert again.range_combo.currentData() == "last30"
    assert again.grouping_combo.currentData() == "agent"
    assert again.group_combo.currentData() == "aftersale"
    assert again.shop_combo.currentData() == shop and again.shop_combo.currentText() == shop_name
    assert again.agent_combo.currentData() == agent.id
    with qtbot.waitSignal(again.loaded, timeout=15000):
        again.show()
    q = again.query()
    assert q is not None and (q.shop_id, q.group, q.agent_id) == (shop, "aftersale", agent.id)
    assert again.report is not None and {r.shop_id for r in again.report.rows} <= {shop}
    assert again.model.rowCount() >= 1

    # a custom range comes back with its days; back to "all shops" is remembered too
    again.shop_combo.setCurrentIndex(0)
    again.range_combo.setCurrentIndex(again.range_combo.findData("custom"))
    again.from_edit.setDate(again.to_edit.date().addDays(-3))
    days = (again.from_edit.date(), again.to_edit.date())
    again.close()
    again.settings.store.sync()  # type: ignore[union-attr]
    third = ReportWindow(supervisor, background, settings=Settings.open(Path(settings.store.fileName())))
    qtbot.addWidget(third)
    assert third.range_combo.currentData() == "custom" and third.from_edit.isEnabled()
    assert (third.from_edit.date(), third.to_edit.date()) == days
    assert third.shop_combo.currentData() is None
    # without settings (or with a damaged value) the defaults
    settings.set(Options.REPORT_STATE, "{not json")
    fresh = ReportWindow(supervisor, background, settings=settings)
    qtbot.addWidget(fresh)
    assert fresh.range_combo.currentData() == "last7" and fresh.grouping_combo.currentData() == "day"
