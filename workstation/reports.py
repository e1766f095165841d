"""Reports on the workstation (issue 6), without Qt: fetch the service's daily report, group its
rows by day, agent or shop with exact weighted averages, and export the table as shown to
``.xlsx`` or CSV.

The service computes every figure from its own events (``central/reports.py`` has the
definitions) and answers sums and counts per day × shop × group × agent (``ReportRow``). Here
rows are only added up: an average of a group is ``report_average(sum, count)`` over the group's
sums, never an average of averages.

The table (``ReportTable``) is what the report view shows and what an export writes: the same
headers, the same columns in the same order, the same rounded numbers; a figure with nothing to
average (no response, no rating) is ``None`` (shown as a dash, written as an empty cell).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from workstation.api import ApiClient
from wsprotocol import Report, ReportRow, SkillGroup, report_average

Grouping = Literal["day", "agent", "shop"]
GROUPINGS: tuple[Grouping, ...] = ("day", "agent", "shop")
Preset = Literal["today", "yesterday", "last7", "last30"]
PRESETS: tuple[Preset, ...] = ("today", "yesterday", "last7", "last30")
#: the team's time zone until a report says otherwise
DEFAULT_TIMEZONE = "Asia/Shanghai"
#: the figure columns, in the order the table shows them (after the grouping's label column)
FIGURES = ("handled", "first_response_s", "response_s", "satisfaction", "conversion_pct", "complaint_pct")
#: decimals each figure column is shown and exported with (the label column is text)
DECIMALS = (0, 1, 1, 2, 1, 1)
MAX_DAYS = 92

Cell = str | int | float | None


@dataclass(frozen=True)
class ReportQuery:
    """What to ask the service for: a range of the team's days and optional filters."""

    date_from: str
    date_to: str
    shop_id: int | None = None
    group: SkillGroup | None = None
    agent_id: int | None = None

    def days(self) -> int:
        return (date.fromisoformat(self.date_to) - date.fromisoformat(self.date_from)).days + 1


def fetch(api: ApiClient, query: ReportQuery) -> Report:
    """The service's report for ``query`` (run it on the background runner: it is network)."""
    return api.report(query.date_from, query.date_to, query.shop_id, query.group, query.agent_id)


def team_today(timezone: str = DEFAULT_TIMEZONE, now: datetime | None = None) -> date:
    """Today in the team's time zone (the service's report days are calendar days there)."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(DEFAULT_TIMEZONE)
    return (now or datetime.now(zone)).astimezone(zone).date()


def preset_range(preset: Preset, today: date) -> tuple[str, str]:
    """The first and last day (both included) of a preset range ending today."""
    if preset == "today":
        first = last = today
    elif preset == "yesterday":
        first = last = today - timedelta(days=1)
    elif preset == "last7":
        first, last = today - timedelta(days=6), today
    elif preset == "last30":
        first, last = today - timedelta(days=29), today
    else:
        raise ValueError(f"unknown preset {preset!r}")
    return first.isoformat(), last.isoformat()


@dataclass
class Figures:
    """The sums and counts of some report rows, and the figures the table shows from them."""

    handled: int = 0
    first_response_sum_s: float = 0.0
    first_response_count: int = 0
    response_sum_s: float = 0.0
    response_count: int = 0
    satisfaction_sum: int = 0
    satisfaction_count: int = 0
    inquiries: int = 0
    converted: int = 0
    complaints: int = 0

    def add(self, row: ReportRow) -> None:
        self.handled += row.handled
        self.first_response_sum_s += row.first_response_sum_s
        self.first_response_count += row.first_response_count
        self.response_sum_s += row.response_sum_s
        self.response_count += row.response_count
        self.satisfaction_sum += row.satisfaction_sum
        self.satisfaction_count += row.satisfaction_count
        self.inquiries += row.inquiries
        self.converted += row.converted
        self.complaints += row.complaints

    @property
    def first_response_s(self) -> float | None:
        """首响时间: the average seconds to a conversation's first answer."""
        return report_average(self.first_response_sum_s, self.first_response_count)

    @property
    def response_s(self) -> float | None:
        """平均响应时间: the average seconds to any answer."""
        return report_average(self.response_sum_s, self.response_count)

    @property
    def satisfaction(self) -> float | None:
        """满意度: the average score, 1-5."""
        return report_average(self.satisfaction_sum, self.satisfaction_count)

    @property
    def conversion_pct(self) -> float | None:
        """询单转化率: converted inquiries per inquiry, in percent."""
        rate = report_average(self.converted, self.inquiries)
        return None if rate is None else rate * 100.0

    @property
    def complaint_pct(self) -> float | None:
        """投诉率: conversations closed as complaints per conversation handled, in percent."""
        rate = report_average(self.complaints, self.handled)
        return None if rate is None else rate * 100.0

    def cells(self) -> list[Cell]:
        """The figure columns (``FIGURES``), rounded as the table shows them."""
        return [
            self.handled,
            _round(self.first_response_s, 1),
            _round(self.response_s, 1),
            _round(self.satisfaction, 2),
            _round(self.conversion_pct, 1),
            _round(self.complaint_pct, 1),
        ]


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def cell_text(column: int, value: Cell, missing: str = "") -> str:
    """A cell as the table shows it and the CSV writes it: column 0 is the label, the figure
    columns with their :data:`DECIMALS`; ``missing`` for a figure with nothing to average."""
    if value is None:
        return missing
    if column == 0 or isinstance(value, str):
        return str(value)
    digits = DECIMALS[column - 1]
    return str(int(value)) if digits == 0 else f"{float(value):.{digits}f}"


@dataclass
class TableRow:
    """One line of the table: a day (``YYYY-MM-DD``), an agent (id; None: not taken by anyone)
    or a shop (id), its label, and its figures."""

    key: str | int | None
    label: str
    figures: Figures = field(default_factory=Figures)


def agent_label(report: Report, agent_id: int | None, nobody: str = "") -> str:
    if agent_id is None:
        return nobody
    for agent in report.agents:
        if agent.id == agent_id:
            return f"{agent.display_name} ({agent.staff_id})"
    return f"#{agent_id}"


def shop_label(report: Report, shop_id: int) -> str:
    for shop in report.shops:
        if shop.id == shop_id:
            return shop.name
    return f"#{shop_id}"


def aggregate(report: Report, grouping: Grouping, nobody: str = "") -> list[TableRow]:
    """The report's rows added up per day (every day of the range, empty ones too, in order),
    per agent (most handled first; ``nobody`` labels the inquiries no agent took) or per shop."""
    groups: dict[str | int | None, TableRow] = {}
    if grouping == "day":
        first, last = date.fromisoformat(report.date_from), date.fromisoformat(report.date_to)
        for n in range((last - first).days + 1):
            day = (first + timedelta(days=n)).isoformat()
            groups[day] = TableRow(day, day)
    for row in report.rows:
        key: str | int | None
        if grouping == "day":
            key = row.day
        elif grouping == "agent":
            key = row.agent_id
        elif grouping == "shop":
            key = row.shop_id
        else:
            raise ValueError(f"unknown grouping {grouping!r}")
        target = groups.get(key)
        if target is None:
            if grouping == "agent":
                label = agent_label(report, row.agent_id, nobody)
            elif grouping == "shop":
                label = shop_label(report, row.shop_id)
            else:
                label = row.day
            target = groups[key] = TableRow(key, label)
        target.figures.add(row)
    result = list(groups.values())
    if grouping == "agent":
        result.sort(key=lambda r: (r.key is None, -r.figures.handled, r.label))
    elif grouping == "shop":
        result.sort(key=lambda r: r.label)
    return result


def total(report: Report) -> Figures:
    figures = Figures()
    for row in report.rows:
        figures.add(row)
    return figures


@dataclass
class ReportTable:
    """The table as shown: headers, rows of cells, and the totals row (also a list of cells)."""

    headers: list[str]
    rows: list[list[Cell]]
    totals: list[Cell]

    def all_rows(self) -> list[list[Cell]]:
        return [*self.rows, self.totals]


def build_table(
    report: Report,
    grouping: Grouping,
    headers: Sequence[str],
    total_label: str,
    nobody: str = "",
) -> ReportTable:
    """The table for ``grouping``: ``headers`` are the label column's and the ``FIGURES``'
    (translated by the caller), ``total_label`` heads the totals row."""
    if len(headers) != 1 + len(FIGURES):
        raise ValueError("one header for the label column and one per figure")
    lines = aggregate(report, grouping, nobody)
    rows: list[list[Cell]] = [[line.label, *line.figures.cells()] for line in lines]
    return ReportTable(list(headers), rows, [total_label, *total(report).cells()])


# ----------------------------------------------------------------------------- export


def export_csv(path: Path, table: ReportTable) -> None:
    """The table as CSV, UTF-8 with a BOM (so that Excel opens the Chinese right); numbers as
    plain numbers, empty cells for missing figures; the totals row last."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(table.headers)
        for row in table.all_rows():
            writer.writerow([cell_text(col, cell) for col, cell in enumerate(row)])


def export_xlsx(path: Path, table: ReportTable, title: str = "Report") -> None:
    """The table as an ``.xlsx`` workbook: a bold header row, numbers stored as numbers (with the
    table's decimals as their format), the totals row last and bold, the header frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _sheet_title(title)
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    formats = ["@", *("0" if d == 0 else "0." + "0" * d for d in DECIMALS)]
    for row in table.all_rows():
        sheet.append(list(row))
    last = sheet.max_row
    for cell in sheet[last]:
        cell.font = Font(bold=True)
    for col, fmt in enumerate(formats[: len(table.headers)], start=1):
        letter = get_column_letter(col)
        width = max(len(str(table.headers[col - 1])) * 2, 10)
        sheet.column_dimensions[letter].width = min(40, width + 2)
        if col > 1:
            for r in range(2, last + 1):
                sheet.cell(row=r, column=col).number_format = fmt
    sheet.column_dimensions["A"].width = max(
        14, min(40, max((len(str(r[0])) for r in table.all_rows()), default=10) * 2)
    )
    sheet.freeze_panes = "B2"
    book.save(path)


def _sheet_title(title: str) -> str:
    for bad in "[]:*?/\\":
        title = title.replace(bad, " ")
    return title[:31] or "Report"


def export(path: Path, table: ReportTable, title: str = "Report") -> None:
    """By the file's suffix: ``.xlsx`` or CSV (anything else)."""
    if path.suffix.lower() == ".xlsx":
        export_xlsx(path, table, title)
    else:
        export_csv(path, table)
