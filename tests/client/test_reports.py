"""The client's report core (issue 6) against the real service: fetch, grouping with exact
weighted averages, and exports that read back (openpyxl, csv) equal to the table."""

from __future__ import annotations

import csv
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from central import demo_activity
from central.activity import day_bounds, load_config
from central.testing import LiveServer
from workstation import reports
from workstation.api import Forbidden
from workstation.client import Client
from wsprotocol import Report, ReportRow

HEADERS = ["日期", "接待量", "首响时间(秒)", "平均响应时间(秒)", "满意度", "询单转化率(%)", "投诉率(%)"]


def seed_days(server: LiveServer, days: list[str], per_day: int = 60) -> None:
    """Closed conversations with answers, ratings and orders on each day (the demo's generator)."""
    rng = random.Random(7)
    with server.write() as s:
        floor = demo_activity.load_floor(s)
        config = load_config(s)
        for day in days:
            start, _ = day_bounds(config, day)
            batch = demo_activity.generate_day(
                rng, floor, start, per_day, not_after=datetime.now(UTC) + timedelta(days=5)
            )
            demo_activity.insert_batch(s, batch)


def row(day: str, agent: int | None, **figures: Any) -> ReportRow:
    return ReportRow(day=day, shop_id=1, group="presale", agent_id=agent, **figures)


def test_grouping_weights_averages_by_their_counts() -> None:
    report = Report(
        date_from="2026-11-01",
        date_to="2026-11-03",
        timezone="Asia/Shanghai",
        generated_at=datetime.now(UTC),
        rows=[
            row("2026-11-01", 7, handled=1, first_response_sum_s=10, first_response_count=1, inquiries=1),
            row(
                "2026-11-03",
                7,
                handled=3,
                first_response_sum_s=90,
                first_response_count=3,
                converted=1,
                inquiries=3,
                complaints=1,
                satisfaction_sum=9,
                satisfaction_count=2,
            ),
            row("2026-11-03", None, inquiries=2, converted=1),
        ],
        agents=[],
        shops=[],
    )
    by_agent = reports.aggregate(report, "agent", nobody="无人接待")
    assert [(r.key, r.label) for r in by_agent] == [(7, "#7"), (None, "无人接待")]
    seven = by_agent[0].figures
    assert seven.first_response_s == 25.0  # (10 + 90) / 4, not the mean of 10 and 30
    assert seven.conversion_pct == 25.0  # 1 of 4
    assert seven.complaint_pct == 25.0
    assert seven.satisfaction == 4.5
    assert seven.response_s is None
    by_day = reports.aggregate(report, "day")
    assert [r.key for r in by_day] == ["2026-11-01", "2026-11-02", "2026-11-03"]  # the empty day too
    assert by_day[1].figures.cells() == [0, None, None, None, None, None]
    assert reports.total(report).conversion_pct == pytest.approx(200 / 6)


def test_presets_are_the_team_days() -> None:
    today = date(2026, 11, 23)
    assert reports.preset_range("today", today) == ("2026-11-23", "2026-11-23")
    assert reports.preset_range("yesterday", today) == ("2026-11-22", "2026-11-22")
    assert reports.preset_range("last7", today) == ("2026-11-17", "2026-11-23")
    assert reports.preset_range("last30", today) == ("2026-10-25", "2026-11-23")
    # 23:30 UTC is already the next day in Shanghai
    assert reports.team_today("Asia/Shanghai", datetime(2026, 11, 22, 23, 30, tzinfo=UTC)) == today
    assert reports.team_today("No/Such_Zone", datetime(2026, 11, 22, 23, 30, tzinfo=UTC)) == today


def test_fetch_group_and_export(server: LiveServer, connect: Callable[..., Client], tmp_path: Path) -> None:
    days = ["2026-11-18", "2026-11-19", "2026-11-20"]
    seed_days(server, days)
    client = connect(server.url, "s1")
    query = reports.ReportQuery(days[0], days[-1])
    report = reports.fetch(client.api, query)
    assert report.rows and {r.day for r in report.rows} == set(days)

    # per agent: each line is the sum of its rows; averages from the sums
    for line in reports.aggregate(report, "agent"):
        mine = [r for r in report.rows if r.agent_id == line.key]
        assert line.figures.handled == sum(r.handled for r in mine)
        count = sum(r.response_count for r in mine)
        if count:
            assert line.figures.response_s == pytest.approx(sum(r.response_sum_s for r in mine) / count)
        rated = sum(r.satisfaction_count for r in mine)
        if rated:
            assert line.figures.satisfaction == pytest.approx(sum(r.satisfaction_sum for r in mine) / rated)
    totals = reports.total(report)
    assert totals.handled == sum(line.figures.handled for line in reports.aggregate(report, "shop")) > 0
    assert totals.inquiries > totals.converted > 0

    # a filter narrows what the service sends
    shop = report.shops[0].id
    narrowed = reports.fetch(client.api, reports.ReportQuery(days[0], days[-1], shop_id=shop))
    assert {r.shop_id for r in narrowed.rows} == {shop}

    table = reports.build_table(report, "day", HEADERS, "合计")
    assert [r[0] for r in table.rows] == days
    assert table.totals[0] == "合计" and table.totals[1] == totals.handled

    xlsx, csv_path = tmp_path / "报表.xlsx", tmp_path / "报表.csv"
    reports.export(xlsx, table, "客服日报")
    reports.export(csv_path, table)
    book = load_workbook(xlsx)
    sheet = book.active
    assert sheet is not None and sheet.title == "客服日报"
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert cells == [table.headers, *table.all_rows()]
    assert all(isinstance(c, int | float) or c is None for r in cells[1:] for c in r[1:])
    assert sheet["B2"].number_format == "0" and sheet["C2"].number_format == "0.0"
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads UTF-8
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    as_text = [[reports.cell_text(i, c) for i, c in enumerate(r)] for r in table.all_rows()]
    assert lines == [table.headers, *as_text]
    # numbers as plain numbers with the table's decimals, nothing else in a figure cell
    for written in lines[1:]:
        for text, digits in zip(written[1:], reports.DECIMALS, strict=True):
            assert text == "" or (float(text) >= 0 and len(text.partition(".")[2]) == digits)


def test_agents_are_refused(server: LiveServer, connect: Callable[..., Client]) -> None:
    client = connect(server.url, "a1")
    with pytest.raises(Forbidden):
        reports.fetch(client.api, reports.ReportQuery("2026-11-01", "2026-11-02"))
