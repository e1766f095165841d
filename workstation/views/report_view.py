"""The report window (报表, issue 6): a range of the team's days, filters, a grouping, a chart and
the table, exported to Excel or CSV exactly as shown.

Thin over ``workstation.reports``: the service computes the figures (``GET Paths.REPORT``, fetched
on the background runner), the core adds rows up per day / agent / shop, the chart and the table
show the same lines. Filters (shop, group, agent) and the range ask the service again; the
grouping only regroups what is on screen. Offline, what is shown stays (and can be exported) with a
calm line saying that reports need the service.
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation import reports
from workstation.api import ApiError, BadRequest, Forbidden, Offline
from workstation.background import Background
from workstation.reports import Cell, Grouping, ReportQuery, ReportTable
from workstation.settings import Options, Settings
from workstation.views import theme
from workstation.views.charts import ChartWidget, Series
from wsprotocol import Report

if TYPE_CHECKING:
    from workstation.client import Client

log = logging.getLogger(__name__)
_Index = QModelIndex | QPersistentModelIndex

#: how many agents or shops the chart shows at most (the table shows all)
CHART_MAX_CATEGORIES = 30


class ReportModel(QAbstractTableModel):
    """The table: ``ReportTable`` rows, then the totals row (bold)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = ReportTable([], [], [])

    def set_table(self, table: ReportTable) -> None:
        self.beginResetModel()
        self.table = table
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or not self.table.headers:
            return 0
        return len(self.table.rows) + 1

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < len(self.table.headers):
            return self.table.headers[section]
        return None

    def cell(self, row: int, column: int) -> Cell:
        line = self.table.totals if row == len(self.table.rows) else self.table.rows[row]
        return line[column]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return reports.cell_text(index.column(), value, missing="—")
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if index.column() == 0:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and index.row() == len(self.table.rows):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and index.row() == len(self.table.rows):
            return theme.brush("header")
        return None


class ReportWindow(QDialog):
    """The report window (non-modal; Esc closes it)."""

    #: a report arrived and is shown (tests wait on it)
    loaded = Signal()
    #: a fetch failed; the text is shown in the window
    failed = Signal(str)
    #: an export was written (its path)
    exported = Signal(str)

    def __init__(
        self,
        client: Client,
        background: Background,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportWindow")
        #: where the last range, filters and grouping are kept (``Options.REPORT_STATE``)
        self.settings = settings
        self.setWindowTitle(self.tr("Reports"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.client = client
        self.background = background
        self.report: Report | None = None
        self.timezone = reports.DEFAULT_TIMEZONE
        self._fetching = False
        self._pending: ReportQuery | None = None
        self._known_shops: dict[int, str] = {}
        self._known_agents: dict[int, str] = {}

        # --- range
        self.range_combo = QComboBox(self)
        self.range_combo.setObjectName("reportRange")
        self.range_combo.setAccessibleName(self.tr("Date range"))
        for key, text in (
            ("today", self.tr("Today")),
            ("yesterday", self.tr("Yesterday")),
            ("last7", self.tr("Last 7 days")),
            ("last30", self.tr("Last 30 days")),
            ("custom", self.tr("Custom range")),
        ):
            self.range_combo.addItem(text, key)
        self.range_combo.setCurrentIndex(2)
        self.from_edit = self._date_edit("reportFrom", self.tr("From"))
        self.to_edit = self._date_edit("reportTo", self.tr("To"))
        range_label = QLabel(self.tr("&Range:"), self)
        range_label.setBuddy(self.range_combo)
        to_label = QLabel("–", self)

        # --- filters and grouping
        self.shop_combo = self._combo("reportShop", self.tr("Shop"), [(self.tr("All shops"), None)])
        self.group_combo = self._combo(
            "reportGroup",
            self.tr("Skill group"),
            [
                (self.tr("All groups"), None),
                (self.tr("Pre-sale"), "presale"),
                (self.tr("After-sale"), "aftersale"),
                (self.tr("Complaints"), "complaint"),
            ],
        )
        self.agent_combo = self._combo("reportAgent", self.tr("Agent"), [(self.tr("All agents"), None)])
        self.grouping_combo = self._combo(
            "reportGrouping",
            self.tr("Group rows by"),
            [(self.tr("By day"), "day"), (self.tr("By agent"), "agent"), (self.tr("By shop"), "shop")],
        )
        self.refresh_button = QPushButton(self.tr("&Refresh"), self)
        self.refresh_button.setObjectName("reportRefresh")
        self.refresh_button.setAccessibleName(self.tr("Refresh the report"))
        self.refresh_button.setToolTip(self.tr("Ask the service again (F5)"))
        self.xlsx_button = QPushButton(self.tr("Export &Excel…"), self)
        self.xlsx_button.setObjectName("reportExportXlsx")
        self.xlsx_button.setAccessibleName(self.tr("Export the table to Excel"))
        self.csv_button = QPushButton(self.tr("Export &CSV…"), self)
        self.csv_button.setObjectName("reportExportCsv")
        self.csv_button.setAccessibleName(self.tr("Export the table to CSV"))

        top = QHBoxLayout()
        top.addWidget(range_label)
        top.addWidget(self.range_combo)
        top.addWidget(self.from_edit)
        top.addWidget(to_label)
        top.addWidget(self.to_edit)
        top.addSpacing(12)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.csv_button)
        filters = QHBoxLayout()
        for text, combo in (
            (self.tr("S&hop:"), self.shop_combo),
            (self.tr("&Group:"), self.group_combo),
            (self.tr("A&gent:"), self.agent_combo),
            (self.tr("Rows &by:"), self.grouping_combo),
        ):
            label = QLabel(text, self)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo)
            filters.addSpacing(8)
        filters.addStretch(1)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("reportStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setAccessibleName(self.tr("Report status"))

        self.chart = ChartWidget(self)
        self.chart.setAccessibleName(self.tr("Report chart"))
        self.chart.set_empty_text(self.tr("Nothing to show for this range yet."))
        self.model = ReportModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("reportTable")
        self.table.setAccessibleName(self.tr("Report table"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(90)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("reportSplitter")
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([290, 330])

        close_button = QPushButton(self.tr("Close"), self)
        close_button.setObjectName("reportClose")
        close_button.setAutoDefault(False)
        close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        for button in (self.refresh_button, self.xlsx_button, self.csv_button):
            button.setAutoDefault(False)

        self.range_combo.currentIndexChanged.connect(self._on_range_changed)
        self.from_edit.dateChanged.connect(self._on_dates_edited)
        self.to_edit.dateChanged.connect(self._on_dates_edited)
        for combo in (self.shop_combo, self.group_combo, self.agent_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.grouping_combo.currentIndexChanged.connect(self._show)
        self.refresh_button.clicked.connect(self.refresh)
        self.xlsx_button.clicked.connect(lambda: self.export_dialog("xlsx"))
        self.csv_button.clicked.connect(lambda: self.export_dialog("csv"))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        self.setTabOrder(self.range_combo, self.from_edit)
        for a, b in (
            (self.from_edit, self.to_edit),
            (self.to_edit, self.refresh_button),
            (self.refresh_button, self.xlsx_button),
            (self.xlsx_button, self.csv_button),
            (self.csv_button, self.shop_combo),
            (self.shop_combo, self.group_combo),
            (self.group_combo, self.agent_combo),
            (self.agent_combo, self.grouping_combo),
            (self.grouping_combo, self.chart),
            (self.chart, self.table),
            (self.table, close_button),
        ):
            self.setTabOrder(a, b)
        self._restore()
        self._set_range_dates()
        self._update_buttons()
        self.resize(1040, 720)
        self.range_combo.currentIndexChanged.connect(self._remember)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self._remember)
        for combo in (self.shop_combo, self.group_combo, self.agent_combo, self.grouping_combo):
            combo.currentIndexChanged.connect(self._remember)

    # ------------------------------------------------------------------ building blocks

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _combo(self, name: str, accessible: str, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for text, data in items:
            combo.addItem(text, data)
        return combo

    # ------------------------------------------------------------------ remembered choices

    def _remember(self) -> None:
        """Keep the range preset (and custom days), the filters and the grouping for next time."""
        if self.settings is None:
            return

        def picked(combo: QComboBox) -> list[Any] | None:
            data = combo.currentData()
            return None if data is None else [data, combo.currentText()]

        state: dict[str, Any] = {
            "range": self.range_combo.currentData(),
            "grouping": self.grouping_combo.currentData(),
            "group": self.group_combo.currentData(),
            "shop": picked(self.shop_combo),
            "agent": picked(self.agent_combo),
        }
        if state["range"] == "custom":
            state["from"] = self.from_edit.date().toString("yyyy-MM-dd")
            state["to"] = self.to_edit.date().toString("yyyy-MM-dd")
        self.settings.set(Options.REPORT_STATE, json.dumps(state, ensure_ascii=False))

    def _restore(self) -> None:
        """The choices of the last time (before the first fetch; anything unreadable is skipped)."""
        if self.settings is None:
            return
        try:
            state = json.loads(self.settings.get(Options.REPORT_STATE) or "{}")
        except ValueError:
            log.warning("the report window's last choices are unreadable: ignored")
            return
        if not isinstance(state, dict):
            return

        def choose(combo: QComboBox, value: Any) -> None:
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)

        def known(combo: QComboBox, pick: Any, names: dict[int, str], everything: str) -> None:
            # a shop or agent named by an earlier report: offered (and chosen) before this one comes
            if isinstance(pick, list) and len(pick) == 2 and isinstance(pick[0], int):
                names[pick[0]] = str(pick[1])
                self._fill(combo, names, everything)
                choose(combo, pick[0])

        for widget in (self.range_combo, self.group_combo, self.grouping_combo, self.shop_combo,
                       self.agent_combo, self.from_edit, self.to_edit):  # fmt: skip
            widget.blockSignals(True)
        try:
            choose(self.range_combo, state.get("range"))
            choose(self.grouping_combo, state.get("grouping"))
            if state.get("group") is not None:
                choose(self.group_combo, state.get("group"))
            known(self.shop_combo, state.get("shop"), self._known_shops, self.tr("All shops"))
            known(self.agent_combo, state.get("agent"), self._known_agents, self.tr("All agents"))
            if state.get("range") == "custom":
                for edit, key in ((self.from_edit, "from"), (self.to_edit, "to")):
                    day = QDate.fromString(str(state.get(key, "")), "yyyy-MM-dd")
                    if day.isValid():
                        edit.setDate(day)
        finally:
            for widget in (self.range_combo, self.group_combo, self.grouping_combo, self.shop_combo,
                           self.agent_combo, self.from_edit, self.to_edit):  # fmt: skip
                widget.blockSignals(False)

    # ------------------------------------------------------------------ range

    def _today(self) -> date:
        return reports.team_today(self.timezone)

    def _set_range_dates(self) -> None:
        key = self.range_combo.currentData()
        custom = key == "custom"
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)
        if custom:
            return
        first, last = reports.preset_range(key, self._today())
        for edit, day in ((self.from_edit, first), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(QDate.fromString(day, "yyyy-MM-dd"))
            edit.blockSignals(False)

    def _on_range_changed(self) -> None:
        self._set_range_dates()
        if self.range_combo.currentData() != "custom":
            self.refresh()
        else:
            self.from_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_dates_edited(self) -> None:
        if self.range_combo.currentData() == "custom":
            self.refresh()

    def query(self) -> ReportQuery | None:
        """What the controls ask for; None (with a line saying why) when the range is not valid."""
        first = self.from_edit.date().toString("yyyy-MM-dd")
        last = self.to_edit.date().toString("yyyy-MM-dd")
        if last < first:
            self._say(self.tr("The last day is before the first one."), "warn")
            return None
        q = ReportQuery(first, last, self.shop_combo.currentData(), self.group_combo.currentData(),
                        self.agent_combo.currentData())  # fmt: skip
        if q.days() > reports.MAX_DAYS:
            self._say(self.tr("A report covers at most {n} days.").format(n=reports.MAX_DAYS), "warn")
            return None
        return q

    # ------------------------------------------------------------------ fetching

    def refresh(self) -> None:
        """Ask the service for the report of the controls (one request at a time: the latest wins)."""
        q = self.query()
        if q is None:
            return
        if self._fetching:
            self._pending = q
            return
        self._fetching = True
        self._say(self.tr("Loading the report…"), "muted")
        api = self.client.api
        self.background.run(
            lambda: reports.fetch(api, q),
            lambda report: self._on_report(q, report),
            self._on_error,
            name="reports.fetch",
            owner=self,
        )

    def _next(self) -> bool:
        self._fetching = False
        if self._pending is not None:
            self._pending = None
            self.refresh()
            return True
        return False

    def _on_report(self, q: ReportQuery, report: Report) -> None:
        if self._next():
            return
        self.report = report
        if report.timezone != self.timezone:
            self.timezone = report.timezone
        self._learn(report)
        self._show()
        when = datetime.now().strftime("%H:%M")
        self._say(
            self.tr("{first} – {last}, days in {zone}; computed by the service at {time}.").format(
                first=q.date_from, last=q.date_to, zone=report.timezone, time=when
            ),
            "muted",
        )
        self.loaded.emit()

    def _on_error(self, exc: BaseException) -> None:
        if self._next():
            return
        if isinstance(exc, Offline):
            text = self.tr(
                "Reports need the service, which cannot be reached now. What is shown stays here "
                "and can still be exported; try again when the connection is back."
            )
        elif isinstance(exc, Forbidden):
            text = self.tr("Only supervisors and admins can read reports for these shops.")
        elif isinstance(exc, BadRequest):
            text = self.tr("The service refused this range: {error}").format(error=str(exc))
        elif isinstance(exc, ApiError):
            text = self.tr("The report could not be loaded: {error}").format(error=str(exc))
        else:
            log.exception("report failed", exc_info=exc)
            text = self.tr("The report could not be loaded: {error}").format(error=str(exc))
        self._say(text, "warn")
        self.failed.emit(text)

    def _learn(self, report: Report) -> None:
        """Shops and agents the filters offer: everything a report has named so far."""
        for shop in report.shops:
            self._known_shops[shop.id] = shop.name
        for agent in report.agents:
            self._known_agents[agent.id] = f"{agent.display_name} ({agent.staff_id})"
        self._fill(self.shop_combo, self._known_shops, self.tr("All shops"))
        self._fill(self.agent_combo, self._known_agents, self.tr("All agents"))

    @staticmethod
    def _fill(combo: QComboBox, known: dict[int, str], everything: str) -> None:
        if combo.count() == len(known) + 1:
            return
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for key, text in sorted(known.items(), key=lambda kv: kv[1]):
            combo.addItem(text, key)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    # ------------------------------------------------------------------ showing

    def grouping(self) -> Grouping:
        value = self.grouping_combo.currentData()
        return value if value in reports.GROUPINGS else "day"

    def headers(self, grouping: Grouping) -> list[str]:
        label = {"day": self.tr("Date"), "agent": self.tr("Agent"), "shop": self.tr("Shop")}[grouping]
        return [
            label,
            self.tr("Handled"),
            self.tr("First response (s)"),
            self.tr("Avg response (s)"),
            self.tr("Satisfaction"),
            self.tr("Inquiry conversion (%)"),
            self.tr("Complaint rate (%)"),
        ]

    def current_table(self) -> ReportTable:
        """The table on screen (what an export writes)."""
        return self.model.table

    def _show(self) -> None:
        report = self.report
        if report is None:
            return
        grouping = self.grouping()
        nobody = self.tr("(not taken)")
        table = reports.build_table(report, grouping, self.headers(grouping), self.tr("Total"), nobody)
        self.model.set_table(table)
        lines = reports.aggregate(report, grouping, nobody)
        if grouping != "day":
            lines = lines[:CHART_MAX_CATEGORIES]
        labels = [line.label[5:] if grouping == "day" else line.label for line in lines]
        handled = Series(self.tr("Handled"), [float(line.figures.handled) for line in lines])
        first = Series(self.tr("First response"), [line.figures.first_response_s for line in lines], " s", 1)
        avg = Series(self.tr("Avg response"), [line.figures.response_s for line in lines], " s", 1)
        self.chart.set_data(
            labels,
            [handled],
            [first, avg],
            left_title=self.tr("Conversations"),
            right_title=self.tr("Seconds"),
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = bool(self.model.table.headers)
        self.xlsx_button.setEnabled(has)
        self.csv_button.setEnabled(has)

    def _say(self, text: str, tone: str) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {theme.color(tone).name()};")

    # ------------------------------------------------------------------ export

    def suggested_name(self, kind: str) -> str:
        table_from = self.from_edit.date().toString("yyyyMMdd")
        table_to = self.to_edit.date().toString("yyyyMMdd")
        return self.tr("report_{first}_{last}").format(first=table_from, last=table_to) + f".{kind}"

    def export_dialog(self, kind: str) -> None:
        if not self.model.table.headers:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(folder or ".") / self.suggested_name(kind))
        filters = self.tr("Excel workbook (*.xlsx)") if kind == "xlsx" else self.tr("CSV, UTF-8 (*.csv)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the report"), start, filters)
        if path:
            if not path.lower().endswith(f".{kind}"):
                path += f".{kind}"
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write the table on screen to ``path`` (.xlsx or .csv) on a worker."""
        table = self.current_table()
        title = self.tr("Report")

        def write() -> str:
            reports.export(path, table, title)
            return str(path)

        def done(written: str) -> None:
            self._say(self.tr("Exported to {path}.").format(path=written), "ok")
            self.exported.emit(written)

        def failed(exc: BaseException) -> None:
            self._say(
                self.tr("Could not write {path}: {error}").format(path=str(path), error=str(exc)), "error"
            )

        self.background.run(write, done, failed, name="reports.export", owner=self)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.report is None and not self._fetching:
            self.refresh()
