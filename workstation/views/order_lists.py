"""The work lists agents work from: 待催付订单 (unpaid orders to nudge) and 物流异常/停滞包裹 (stuck
parcels) for the agent's shops. Each row opens the buyer and the order in the customer panel.

The lists are computed by ``workstation.customers`` (``nudge_list``, ``stuck_list``) on a worker and
refreshed when sync brings order or parcel changes, and once a minute (time alone moves an order
into or out of the nudge window).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from workstation.background import Background
from workstation.customers import DEFAULT_RULES, OrderRules, WorkList, WorkRow, format_yuan, hours_minutes
from workstation.customers import nudge_list as compute_nudge_list
from workstation.customers import stuck_list as compute_stuck_list
from workstation.timeutil import utcnow_naive
from workstation.views.customer_view import carrier_name, duration_text, parcel_state_label

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


#: how long the lists wait after a sync change before recomputing (a burst of pages: once)
SETTLE_MS = 1500


class WorkListModel(QAbstractTableModel):
    """The rows of one work list (at most a few hundred: the lists are capped in the core)."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.rows: tuple[WorkRow, ...] = ()
        self.now = utcnow_naive()
        if kind == "nudge":
            self.headers = [
                self.tr("Order"),
                self.tr("Buyer"),
                self.tr("Shop"),
                self.tr("Amount"),
                self.tr("Unpaid for"),
            ]
        else:
            self.headers = [
                self.tr("Parcel"),
                self.tr("Order"),
                self.tr("Buyer"),
                self.tr("Status"),
                self.tr("No update for"),
            ]

    def set_rows(self, rows: Sequence[WorkRow], now: datetime) -> None:
        self.beginResetModel()
        self.rows = tuple(rows)
        self.now = now
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, index.column())
        return None

    def _text(self, row: WorkRow, column: int) -> str:
        if self.kind == "nudge":
            if column == 0:
                return row.order_no
            if column == 1:
                return row.buyer_nickname
            if column == 2:
                return row.shop_name
            if column == 3:
                return format_yuan(row.amount_fen)
            return duration_text(*hours_minutes(self.now - row.created_at))
        if column == 0:
            return f"{carrier_name(row.carrier)} {row.tracking_no}"
        if column == 1:
            return row.order_no
        if column == 2:
            return row.buyer_nickname
        if column == 3:
            return parcel_state_label(row.parcel_state)
        since = row.quiet_since
        return duration_text(*hours_minutes(self.now - since)) if since is not None else "—"


class WorkLists(QWidget):
    """Two tabs, each a list; Enter or double-click opens the row's buyer and order."""

    #: (buyer_id, order_id) to open in the customer panel
    order_opened = Signal(int, int)
    #: (nudge count, stuck count) after each refresh
    counts_changed = Signal(int, int)

    def __init__(
        self,
        background: Background,
        engine: Engine | None,
        shop_ids: Sequence[int],
        rules: OrderRules = DEFAULT_RULES,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workLists")
        self.background = background
        self.engine = engine
        self.shop_ids = list(shop_ids)
        self.rules = rules
        self.counts = (0, 0)
        self._running = False
        self._again = False
        # Sync reports changes page by page (every second or so during a first sync): recompute
        # once things quiet down instead of after every page.
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.refresh)

        self.nudge_model = WorkListModel("nudge", self)
        self.stuck_model = WorkListModel("stuck", self)
        self.nudge_view = self._table("nudgeTable", self.nudge_model)
        self.stuck_view = self._table("stuckTable", self.stuck_model)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("workListTabs")
        self.tabs.addTab(self.nudge_view, "")
        self.tabs.addTab(self.stuck_view, "")
        self.note = QLabel(self)
        self.note.setObjectName("workListNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.note)
        self._update_titles()

        self.clock = QTimer(self)
        self.clock.setInterval(60_000)
        self.clock.timeout.connect(self.refresh)
        self.clock.start()

    def _table(self, name: str, model: WorkListModel) -> QTableView:
        view = QTableView(self)
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.activated.connect(lambda index, m=model: self._open(m, index))
        return view

    def _update_titles(self) -> None:
        nudge, stuck = self.counts
        self.tabs.setTabText(0, self.tr("Unpaid orders to nudge ({n})").format(n=nudge))
        self.tabs.setTabText(1, self.tr("Stuck parcels ({n})").format(n=stuck))
        self.note.setText(
            self.tr(
                "Unpaid between {min} and {max}; parcels without an update for {stuck} or longer. "
                "Enter opens the buyer and the order."
            ).format(
                min=duration_text(*hours_minutes(self.rules.nudge_min)),
                max=duration_text(*hours_minutes(self.rules.nudge_max)),
                stuck=duration_text(*hours_minutes(self.rules.stuck_after)),
            )
        )

    def show_list(self, kind: str) -> None:
        """Bring one list to the front (``nudge`` or ``stuck``) and focus it."""
        view = self.nudge_view if kind == "nudge" else self.stuck_view
        self.tabs.setCurrentWidget(view)
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if view.model().rowCount() and not view.currentIndex().isValid():
            view.setCurrentIndex(view.model().index(0, 0))

    def set_rules(self, rules: OrderRules) -> None:
        self.rules = rules
        self.refresh()

    def on_changes(self, summary: Any) -> None:
        ids: dict[str, set[str]] = summary.ids
        if getattr(summary, "filling", False):
            return  # a first sync still filling the cache: one refresh when it ends
        if summary.reset or ids.get("order") or ids.get("shipment") or ids.get("buyer") or ids.get("shop"):
            self._settle.start()  # (re)started: one refresh after the last of a burst

    def refresh(self) -> None:
        """Recompute both lists on a worker; a refresh asked for while one runs follows it."""
        if self.engine is None:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        engine, shops, rules = self.engine, list(self.shop_ids), self.rules

        def work() -> tuple[WorkList, WorkList, datetime]:
            now = utcnow_naive()
            return (
                compute_nudge_list(engine, shops, now, rules),
                compute_stuck_list(engine, shops, now, rules),
                now,
            )

        self.background.run(work, self._on_loaded, self._on_failed, name="orders.worklists", owner=self)

    def _on_loaded(self, result: tuple[WorkList, WorkList, datetime]) -> None:
        nudge, stuck, now = result
        self._finish()
        self.nudge_model.set_rows(nudge.rows, now)
        self.stuck_model.set_rows(stuck.rows, now)
        self.counts = (nudge.total, stuck.total)
        self._update_titles()
        self.counts_changed.emit(nudge.total, stuck.total)

    def _on_failed(self, exc: BaseException) -> None:
        self._finish()
        log.warning("work lists could not be read: %s", exc)
        self.note.setText(self.tr("Could not read the lists from the local cache: {error}").format(error=exc))

    def _finish(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            QTimer.singleShot(0, self.refresh)

    def _open(self, model: WorkListModel, index: QModelIndex) -> None:
        if not index.isValid() or index.row() >= len(model.rows):
            return
        row = model.rows[index.row()]
        self.order_opened.emit(row.buyer_id, row.order_id)
