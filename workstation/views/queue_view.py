"""The queue (接待列表): a flat table model over ``workstation.queue.QueueRows``, its table view and
filter bar, live updates and the claim action.

Filtering and sorting are computed by ``QueueRows`` (milliseconds over 100,000 rows) and the model
only shows the resulting list of positions; a ``QSortFilterProxyModel`` would take seconds per
keystroke at that size. Rows are loaded and reloaded on a worker (``workstation.background``), one
load at a time so that an older read can never overwrite a newer one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from workstation.background import Background
from workstation.gcpolicy import gc_paused
from workstation.queue import (
    Column,
    QueueRows,
    RowData,
    Thresholds,
    fetch_changed,
    fetch_rows,
    now_epoch,
)
from workstation.views import theme
from workstation.views.labels import format_wait, group_label, local_hhmm, status_label

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex

#: wait-level colours (theme names): a soft background with dark text of the same hue stays
#: readable for hours (in the dark theme: a deep background with light text)
LEVEL_BACKGROUND = {"amber": "amber_bg", "red": "red_bg"}
LEVEL_FOREGROUND = {"amber": "amber_fg", "red": "red_fg"}
_NCOLS = len(Column)

CONVERSATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
WAIT_LEVEL_ROLE = Qt.ItemDataRole.UserRole + 2
_SERVED_ROLES = frozenset(int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole,
    CONVERSATION_ID_ROLE, WAIT_LEVEL_ROLE,
))


class QueueModel(QAbstractTableModel):
    """The visible queue rows: a list of positions into ``QueueRows``; cells computed on demand."""

    def __init__(
        self,
        rows: QueueRows,
        thresholds: Mapping[str, Thresholds] | None = None,
        clock: Callable[[], float] = now_epoch,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.rows = rows
        self.thresholds = dict(thresholds or {})
        self.clock = clock
        self.visible: list[int] = []
        self._row_of: dict[int, int] | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    # ------------------------------------------------------------------ content

    def set_visible(self, positions: list[int]) -> None:
        """Show ``positions`` (a reset: the view restores selection and scroll by id)."""
        self.beginResetModel()
        self.visible = positions
        self._row_of = None
        self.endResetModel()

    def rows_changed(self, positions: list[int]) -> None:
        """Repaint the visible rows among ``positions`` (data changed, order did not)."""
        if not positions or not self.visible:
            return
        row_of = self.row_map()
        rows = sorted(row_of[self.rows.ids[p]] for p in positions
                      if self.rows.ids[p] in row_of)
        if not rows:
            return
        last_col = self.columnCount() - 1
        self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], last_col))

    def row_map(self) -> dict[int, int]:
        """conversation id -> row, built when first needed after a reset."""
        if self._row_of is None:
            ids = self.rows.ids
            self._row_of = {ids[p]: r for r, p in enumerate(self.visible)}
        return self._row_of

    def row_of(self, conversation_id: int) -> int | None:
        if self._row_of is not None:
            return self._row_of.get(conversation_id)
        # One lookup after a reset: a C-speed scan is cheaper than building the whole map.
        pos = self.rows.position.get(conversation_id)
        if pos is None:
            return None
        try:
            return self.visible.index(pos)
        except ValueError:
            return None

    def conversation_id(self, row: int) -> int | None:
        if 0 <= row < len(self.visible):
            return self.rows.ids[self.visible[row]]
        return None

    def position(self, row: int) -> int | None:
        if 0 <= row < len(self.visible):
            return self.visible[row]
        return None

    def tick(self, first: int, last: int) -> None:
        """The clock moved: repaint the wait column of rows ``first``..``last`` (the visible ones)."""
        if not self.visible or first < 0:
            return
        last = min(last, len(self.visible) - 1)
        if last < first:
            return
        self.dataChanged.emit(
            self.index(first, Column.WAIT),
            self.index(last, Column.WAIT),
            [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole,
             Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole, WAIT_LEVEL_ROLE],
        )

    # ------------------------------------------------------------------ QAbstractItemModel

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _NCOLS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The delegate asks for about seven roles per cell on every repaint; answer the ones this
        # model never serves (decoration, check state, size hint ...) before any other work.
        if role not in _SERVED_ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not (0 <= row < len(self.visible)) or not (0 <= col < _NCOLS):
            return None
        pos = self.visible[row]
        rows = self.rows
        column = col  # an int: IntEnum members compare equal to it (and Column(col) costs per call)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(pos, column)
        if role == CONVERSATION_ID_ROLE:
            return rows.ids[pos]
        if column == Column.WAIT:
            if role == WAIT_LEVEL_ROLE:
                return rows.level(pos, self.clock(), self.thresholds)
            if role == Qt.ItemDataRole.BackgroundRole:
                level = rows.level(pos, self.clock(), self.thresholds)
                return theme.brush(LEVEL_BACKGROUND[level]) if level in LEVEL_BACKGROUND else None
            if role == Qt.ItemDataRole.ForegroundRole:
                level = rows.level(pos, self.clock(), self.thresholds)
                return theme.brush(LEVEL_FOREGROUND[level]) if level in LEVEL_FOREGROUND else None
            if role == Qt.ItemDataRole.FontRole:
                level = rows.level(pos, self.clock(), self.thresholds)
                return self._bold if level == "red" else None
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.ASSIGNEE and rows.is_mine(pos):
            return theme.brush("mine_fg")
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.PREVIEW:
            return rows.preview[pos]
        return None

    def _display(self, pos: int, column: int) -> str:
        rows = self.rows
        if column == Column.WAIT:
            return format_wait(rows.waiting_seconds(pos, self.clock()))
        if column == Column.BUYER:
            return rows.buyer_nickname[pos]
        if column == Column.SHOP:
            return rows.shop_name[pos]
        if column == Column.GROUP:
            return group_label(rows.group[pos])
        if column == Column.PREVIEW:
            # One line in the table; the buyer's text can hold anything, including line breaks.
            return " ".join(rows.preview[pos].split())
        if column == Column.LAST_MESSAGE:
            from datetime import UTC, datetime

            return local_hhmm(datetime.fromtimestamp(rows.last_message_at[pos], UTC))
        if column == Column.ASSIGNEE:
            if rows.assignee_id[pos] is None:
                return ""
            if rows.is_mine(pos):
                return self.tr("Me")
            name, staff = rows.assignee_name[pos], rows.assignee_staff_id[pos]
            return f"{name}({staff})" if staff else name
        if column == Column.STATUS:
            return status_label(rows.status[pos])
        return ""

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.WAIT: self.tr("Waiting"),
            Column.BUYER: self.tr("Buyer"),
            Column.SHOP: self.tr("Shop"),
            Column.GROUP: self.tr("Group"),
            Column.PREVIEW: self.tr("Last message"),
            Column.LAST_MESSAGE: self.tr("Time"),
            Column.ASSIGNEE: self.tr("Agent"),
            Column.STATUS: self.tr("Status"),
        }
        try:
            return titles[Column(section)]
        except ValueError:
            return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class QueueView(QWidget):
    """Filter bar + table + live updates + claim. Emits intent; the main window decides."""

    #: the agent opened a conversation (Enter, click): its id
    conversation_opened = Signal(int)
    #: a message for the status bar (calm, expected outcomes: a claim won or lost, offline ...)
    message = Signal(str)
    #: rows were (re)loaded or changed; the argument is the set of changed conversation ids
    rows_updated = Signal(object)
    #: a claim finished: (conversation id, won)
    claim_finished = Signal(int, bool)

    #: changed ids above which a live update rebuilds all rows on a worker instead of applying them
    #: one by one on the UI thread (about 50 µs per row at 100,000 rows)
    FULL_RELOAD_AT = 1000

    def __init__(
        self,
        background: Background,
        engine: Engine | None,
        my_user_id: int | None,
        claim: Callable[[int, int], Any] | None = None,
        thresholds: Mapping[str, Thresholds] | None = None,
        clock: Callable[[], float] = now_epoch,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queueView")
        self.background = background
        self.engine = engine
        self._claim = claim
        self.rows = QueueRows(my_user_id)
        self.model = QueueModel(self.rows, thresholds, clock, self)
        self._sort_column: Column | None = None
        self._sort_descending = False
        self._loading = False
        self._full_pending = False
        self._pending_ids: dict[str, set[str]] = {}
        self._claiming: set[int] = set()
        #: a conversation just claimed, to scroll to once its reloaded row has moved
        self._follow: int | None = None
        self._online = True
        self._offline_reason = ""
        self.loaded_once = False

        # --- filter bar
        self.search = QLineEdit(self)
        self.search.setObjectName("queueSearch")
        self.search.setAccessibleName(self.tr("Search the queue"))
        self.search.setPlaceholderText(self.tr("Search buyer, shop, message, agent"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(self.tr("Filter the queue (Ctrl+F)"))
        self.shop_combo = QComboBox(self)
        self.shop_combo.setObjectName("queueShop")
        self.shop_combo.setAccessibleName(self.tr("Filter by shop"))
        self.shop_combo.setToolTip(self.tr("Shop"))
        self.shop_combo.addItem(self.tr("All shops"), None)
        self.group_combo = QComboBox(self)
        self.group_combo.setObjectName("queueGroup")
        self.group_combo.setAccessibleName(self.tr("Filter by group"))
        self.group_combo.setToolTip(self.tr("Skill group"))
        self.group_combo.addItem(self.tr("All groups"), None)
        for group in ("presale", "aftersale", "complaint"):
            self.group_combo.addItem(group_label(group), group)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("queueStatus")
        self.status_combo.setAccessibleName(self.tr("Filter by status"))
        self.status_combo.setToolTip(self.tr("Status"))
        for label, value in (
            (self.tr("Open"), None),
            (self.tr("Waiting"), "waiting"),
            (self.tr("Mine"), "mine"),
            (self.tr("In progress"), "assigned"),
            (self.tr("Closed"), "closed"),
            (self.tr("All"), "all"),
        ):
            self.status_combo.addItem(label, value)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("queueCount")

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(4)
        bar.addWidget(self.search, 3)
        bar.addWidget(self.shop_combo, 1)
        bar.addWidget(self.group_combo)
        bar.addWidget(self.status_combo)

        # --- table
        self.table = QTableView(self)
        self.table.setObjectName("queueTable")
        self.table.setAccessibleName(self.tr("Conversations"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setSortIndicatorShown(False)
        header.setSectionsClickable(True)
        widths = {Column.WAIT: 56, Column.BUYER: 112, Column.SHOP: 104, Column.GROUP: 44,
                  Column.PREVIEW: 220, Column.LAST_MESSAGE: 46, Column.ASSIGNEE: 92, Column.STATUS: 56}
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(Column.PREVIEW, QHeaderView.ResizeMode.Stretch)
        header.sectionClicked.connect(self._on_header_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        # --- actions (the main window puts them in its menus)
        self.claim_action = QAction(self.tr("&Claim conversation"), self)
        self.claim_action.setObjectName("claimAction")
        self.claim_action.setShortcut(QKeySequence("Ctrl+J"))
        self.claim_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.claim_action.triggered.connect(self.claim_current)
        self.claim_next_action = QAction(self.tr("Claim &next waiting"), self)
        self.claim_next_action.setObjectName("claimNextAction")
        self.claim_next_action.setShortcut(QKeySequence("Ctrl+Shift+J"))
        self.claim_next_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.claim_next_action.triggered.connect(self.claim_next)
        self.open_action = QAction(self.tr("&Open conversation"), self)
        self.open_action.setObjectName("openAction")
        self.open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action.triggered.connect(self.open_current)
        # Enter on the table opens through this action (so the menu shows the key that works).
        self.table.addAction(self.open_action)
        self.find_action = QAction(self.tr("&Find in queue"), self)
        self.find_action.setObjectName("findAction")
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.claim_action)

        # --- wiring
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self.refilter)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._search_return)
        self.search.installEventFilter(self)
        self.shop_combo.currentIndexChanged.connect(self.refilter)
        self.group_combo.currentIndexChanged.connect(self.refilter)
        self.status_combo.currentIndexChanged.connect(self.refilter)
        self.table.doubleClicked.connect(self._on_activated)
        self.table.clicked.connect(self._on_activated)
        self.table.selectionModel().currentRowChanged.connect(self._update_claim_action)
        self.model.modelReset.connect(self._update_claim_action)
        self.model.dataChanged.connect(self._update_claim_action)

        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()
        self._update_count()
        self._update_claim_action()

    # ------------------------------------------------------------------ loading

    def load_all(self) -> None:
        """(Re)load every row on a worker (initial load, cache reset)."""
        self._full_pending = True
        self._pending_ids.clear()
        self._pump()

    def apply_changes(self, ids: Mapping[str, set[str]], reset: bool = False) -> None:
        """A sync change summary arrived: reload the changed rows (or all after a reset)."""
        if reset:
            self.load_all()
            return
        for entity, entity_ids in ids.items():
            if entity in ("conversation", "buyer", "shop", "user") and entity_ids:
                self._pending_ids.setdefault(entity, set()).update(entity_ids)
        self._pump()

    def reload_conversations(self, conversation_ids: set[int]) -> None:
        self.apply_changes({"conversation": {str(c) for c in conversation_ids}})

    def _pump(self) -> None:
        # One load at a time: a slower, older read finishing last must not overwrite a newer one.
        if self._loading or self.engine is None:
            return
        engine = self.engine
        if sum(len(ids) for ids in self._pending_ids.values()) > self.FULL_RELOAD_AT:
            # A big batch (a first sync, a reset's pages): rebuilding everything on a worker costs
            # the UI thread less than placing thousands of rows one by one.
            self._pending_ids = {}
            self._full_pending = True
        if self._full_pending:
            self._full_pending = False
            self._loading = True
            my_id = self.rows.my_user_id
            warm = self._filter_args()

            def build() -> tuple[QueueRows, set[int]]:
                # Built off the UI thread (reading, decoding and sorting 100,000 rows takes a few
                # hundred ms); nothing else sees this object until it is handed over.
                # No cyclic GC passes over the growing heap meanwhile (see workstation.gcpolicy).
                with gc_paused():
                    rows = QueueRows(my_id)
                    rows.replace_all(fetch_rows(engine))
                    rows.filter(**warm)  # sort order and masks of the current view, computed here
                    rows.shops()  # likewise the shop filter's entries
                    ids = set(rows.position)
                return rows, ids

            self.background.run(build, self._on_full_loaded, self._on_load_failed, name="queue.load_all",
                                owner=self)
        elif self._pending_ids:
            ids, self._pending_ids = self._pending_ids, {}
            self._loading = True
            self.background.run(lambda: fetch_changed(engine, ids), self._on_changed_loaded,
                                self._on_load_failed, name="queue.load_changed", owner=self)

    def _on_full_loaded(self, loaded: tuple[QueueRows, set[int]]) -> None:
        rows, ids = loaded
        self._loading = False
        old, self.rows = self.rows, rows
        self.model.rows = rows
        self.loaded_once = True
        self._refresh_shops()
        self.refilter()
        self.rows_updated.emit(ids)
        # Freeing 100,000 old rows takes ~40 ms: a worker empties them piece by piece.
        self.background.run(old.release, name="queue.release_old")
        self._pump()

    def _on_changed_loaded(self, result: tuple[list[RowData], set[int]]) -> None:
        self._loading = False
        rows, deleted = result
        self.apply_rows(rows, deleted)
        self._pump()

    def apply_rows(self, rows: list[RowData], deleted: set[int] | None = None) -> None:
        """Apply freshly read rows; keeps selection and scroll position."""
        outcome = self.rows.apply(rows, deleted or ())
        changed_ids = {r.id for r in rows} | set(deleted or ())
        if not outcome.empty:
            if outcome.added:
                self._refresh_shops()
            new_visible = self._compute_visible()
            if new_visible == self.model.visible:
                self.model.rows_changed(outcome.changed)
                self._update_claim_action()
            else:
                self._show(new_visible)
        if self._follow is not None and self._follow in changed_ids:
            # A claimed conversation moves from "waiting" to "mine" (possibly already moved by a
            # sync that arrived before the claim's answer): keep it selected and in sight.
            self.select_conversation(self._follow)
            self._follow = None
        if not outcome.empty:
            self.rows_updated.emit(changed_ids)

    def _on_load_failed(self, exc: BaseException) -> None:
        self._loading = False
        log.error("loading the queue failed", exc_info=exc)
        self.message.emit(self.tr("Could not read the queue from the local cache: {error}").format(error=exc))
        self._pump()

    # ------------------------------------------------------------------ filtering and sorting

    def _filter_args(self) -> dict[str, Any]:
        return {
            "text": self.search.text(),
            "shop_id": self.shop_combo.currentData(),
            "group": self.group_combo.currentData(),
            "status": self.status_combo.currentData(),
            "column": self._sort_column,
            "descending": self._sort_descending,
        }

    def _compute_visible(self) -> list[int]:
        return self.rows.filter(**self._filter_args())

    def refilter(self) -> None:
        self._debounce.stop()
        self._show(self._compute_visible())

    def _show(self, positions: list[int]) -> None:
        """Show ``positions``, keeping the current conversation and the scroll position."""
        if positions == self.model.visible:
            # Same rows (typing on without narrowing, say): no reset, only the cells repaint.
            self.table.viewport().update()
            self._update_count()
            return
        current = self.current_conversation_id()
        scrollbar = self.table.verticalScrollBar()
        scroll = scrollbar.value()
        self.model.set_visible(positions)
        if current is not None:
            row = self.model.row_of(current)
            if row is not None:
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
        # The scroll range is recomputed lazily after a reset; bring it up to date first so that
        # the old value is not clamped to zero.
        self.table.updateGeometries()
        scrollbar.setValue(min(scroll, scrollbar.maximum()))
        self._update_count()

    def _refresh_shops(self) -> None:
        shops = self.rows.shops()
        existing = [self.shop_combo.itemData(i) for i in range(1, self.shop_combo.count())]
        if existing == [sid for sid, _ in shops]:
            return
        current = self.shop_combo.currentData()
        self.shop_combo.blockSignals(True)
        try:
            while self.shop_combo.count() > 1:
                self.shop_combo.removeItem(1)
            for shop_id, name in shops:
                self.shop_combo.addItem(name or str(shop_id), shop_id)
            index = self.shop_combo.findData(current) if current is not None else 0
            self.shop_combo.setCurrentIndex(max(0, index))
        finally:
            self.shop_combo.blockSignals(False)

    def _on_header_clicked(self, section: int) -> None:
        # Ascending, descending, then back to the default queue order.
        column = Column(section)
        if self._sort_column != column:
            self._sort_column, self._sort_descending = column, False
        elif not self._sort_descending:
            self._sort_descending = True
        else:
            self._sort_column, self._sort_descending = None, False
        header = self.table.horizontalHeader()
        if self._sort_column is None:
            header.setSortIndicatorShown(False)
        else:
            header.setSortIndicatorShown(True)
            header.setSortIndicator(
                section,
                Qt.SortOrder.DescendingOrder if self._sort_descending else Qt.SortOrder.AscendingOrder,
            )
        self.refilter()

    def set_sort(self, column: Column | None, descending: bool = False) -> None:
        self._sort_column, self._sort_descending = column, descending
        self.refilter()

    def set_thresholds(self, thresholds: Mapping[str, Thresholds]) -> None:
        self.model.thresholds = dict(thresholds)
        self.tick()

    def _update_count(self) -> None:
        waiting = self.rows.last_waiting  # counted by the filter that produced the rows shown
        self.count_label.setText(
            self.tr("{shown} shown, {waiting} waiting").format(shown=len(self.model.visible), waiting=waiting)
        )

    # ------------------------------------------------------------------ ticking

    def tick(self) -> None:
        """Repaint the wait column of the rows on screen (every second)."""
        if not self.model.visible:
            return
        first = self.table.rowAt(0)
        if first < 0:
            return
        last = self.table.rowAt(self.table.viewport().height() - 1)
        if last < 0:
            last = self.model.rowCount() - 1
        self.model.tick(first, last)

    # ------------------------------------------------------------------ current row, open, claim

    def current_conversation_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.conversation_id(index.row())

    def current_row_data(self) -> RowData | None:
        index = self.table.currentIndex()
        pos = self.model.position(index.row()) if index.isValid() else None
        return self.rows.row(pos) if pos is not None else None

    def row_data(self, conversation_id: int) -> RowData | None:
        pos = self.rows.position.get(conversation_id)
        return self.rows.row(pos) if pos is not None else None

    def select_conversation(self, conversation_id: int) -> bool:
        row = self.model.row_of(conversation_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_return(self) -> None:
        # Enter in the search box applies at once and moves to the first result.
        self.refilter()
        if self.model.rowCount() > 0:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Keyboard-first: Down leaves the search box for the results, Escape clears the search.
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Down:
                self._search_return()
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                self.refilter()
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _on_activated(self, index: QModelIndex) -> None:
        cid = self.model.conversation_id(index.row())
        if cid is not None:
            self.conversation_opened.emit(cid)

    def open_current(self) -> None:
        cid = self.current_conversation_id()
        if cid is not None:
            self.conversation_opened.emit(cid)

    def set_online(self, online: bool, reason: str = "") -> None:
        """Claims need the server: disabled with ``reason`` while offline or logged out."""
        self._online = online
        self._offline_reason = reason
        self._update_claim_action()

    def claim_disabled_reason(self) -> str | None:
        """Why the claim action is disabled now, or None when it is enabled."""
        if not self._online:
            return self._offline_reason or self.tr("Claiming needs a connection to the server")
        if self._claim is None:
            return self.tr("Claiming is not available")
        data = self.current_row_data()
        if data is None:
            return self.tr("Select a waiting conversation to claim it")
        if data.id in self._claiming:
            return self.tr("Claiming…")
        if data.status != "waiting":
            if data.assignee_id is not None and data.assignee_id == self.rows.my_user_id:
                return self.tr("This conversation is already yours")
            if data.status == "closed":
                return self.tr("This conversation is closed")
            return self.tr("This conversation is already taken")
        return None

    def _update_claim_action(self, *_args: object) -> None:
        self.claim_next_action.setEnabled(self._online and self._claim is not None)
        next_tip = self.tr("Claim the longest-waiting conversation shown")
        self.claim_next_action.setToolTip(self._offline_reason if not self._online else next_tip)
        reason = self.claim_disabled_reason()
        self.claim_action.setEnabled(reason is None)
        shortcut = self.claim_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tip = self.tr("Claim the selected waiting conversation ({shortcut})").format(shortcut=shortcut)
        self.claim_action.setToolTip(tip if reason is None else reason)
        self.claim_action.setStatusTip(tip if reason is None else reason)

    def claim_next(self) -> None:
        """Select the longest-waiting conversation shown (not already being claimed), claim it."""
        rows = self.rows
        candidates = [p for p in self.model.visible
                      if rows.status[p] == "waiting" and rows.ids[p] not in self._claiming]
        if not candidates:
            self.message.emit(self.tr("No waiting conversation to claim"))
            return
        far = float("inf")
        pos = min(candidates, key=lambda p: (rows.waiting_since[p] or far, rows.ids[p]))
        self.select_conversation(rows.ids[pos])
        self.claim_current()

    def claim_current(self) -> None:
        """Claim the selected conversation on a worker; the server decides who wins."""
        data = self.current_row_data()
        reason = self.claim_disabled_reason()
        if data is None or reason is not None or self._claim is None:
            if reason:
                self.message.emit(reason)
            return
        claim = self._claim
        cid, version = data.id, data.assignment_version
        self._claiming.add(cid)
        self._update_claim_action()
        self.message.emit(self.tr("Claiming {buyer}…").format(buyer=data.buyer_nickname or cid))
        self.background.run(
            lambda: claim(cid, version),
            lambda outcome: self._on_claim_done(cid, outcome),
            lambda exc: self._on_claim_failed(cid, exc),
            name="queue.claim",
            owner=self,
        )

    def _on_claim_done(self, cid: int, outcome: Any) -> None:
        self._claiming.discard(cid)
        # actions.py has written the server's answer into the cache: show it now, not at the next
        # sync.
        if getattr(outcome, "won", False):
            self._follow = cid
        self.reload_conversations({cid})
        if getattr(outcome, "won", False):
            data = self.row_data(cid)
            buyer = data.buyer_nickname if data else str(cid)
            self.message.emit(self.tr("You are now serving {buyer}").format(buyer=buyer))
            self.claim_finished.emit(cid, True)
            self.conversation_opened.emit(cid)
        else:
            self.message.emit(self._lost_message(getattr(outcome, "assignee", None)))
            self.claim_finished.emit(cid, False)
        self._update_claim_action()

    def _lost_message(self, assignee: Any) -> str:
        if assignee is None:
            return self.tr("This conversation was already taken")
        return self.tr("Already taken by {name}({staff_id})").format(
            name=assignee.display_name, staff_id=assignee.staff_id
        )

    def _on_claim_failed(self, cid: int, exc: BaseException) -> None:
        from workstation import api

        self._claiming.discard(cid)
        if isinstance(exc, api.ClaimLost):
            self.reload_conversations({cid})
            self.message.emit(self._lost_message(getattr(exc, "assignee", None)))
            self.claim_finished.emit(cid, False)
        elif isinstance(exc, api.Offline | api.ServerUnavailable):
            self.message.emit(
                self.tr("Could not claim: the server cannot be reached. Try again when online.")
            )
            self.claim_finished.emit(cid, False)
        elif isinstance(exc, api.Unauthorized):
            self.message.emit(self.tr("Could not claim: please log in again."))
            self.claim_finished.emit(cid, False)
        elif isinstance(exc, api.ApiError):
            self.reload_conversations({cid})
            self.message.emit(self.tr("Could not claim: {reason}").format(reason=exc.message))
            self.claim_finished.emit(cid, False)
        else:
            self.claim_finished.emit(cid, False)
            raise exc
        self._update_claim_action()
