"""The supervisor's dashboard: queues, agents, waiting conversations and alerts, live.

Thin: ``workstation.dashboard.DashboardFeed`` fetches the floor when the live channel says
something changed and keeps the last snapshot in the cache; this module shows it and forwards
the supervisor's actions to the service (through ``Background.run``):

* assign a waiting conversation: drag it onto an agent's row, or select it and press
  Ctrl+Shift+G (or Enter) to pick an agent from a filterable list; take it over (Ctrl+Shift+Y);
* move all of an agent's conversations to a colleague or back to the queue (Ctrl+Shift+M, or the
  agent row's context menu); change an agent's capacity and skill groups;
* the team's monitoring settings (SLA per group, alerts, away time) and the audit of supervisor
  actions.

Waits tick every second between fetches. When the service cannot be reached, the last snapshot
stays on screen, greyed, under "数据截至 HH:MM:SS（x 分钟前）".

No Python delegates (see ``customer_view``: overriding a void virtual per paint is unsafe with
this PySide6): the load bar is a cached pixmap returned by the model.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation import api as api_errors
from workstation.dashboard import AlertTracker, DashboardFeed, Snapshot, held_conversations, wait_seconds
from workstation.presence import remember_team_config
from workstation.queue import RowData
from workstation.timeutil import to_aware_utc, utcnow
from workstation.views import theme
from workstation.views.labels import format_wait, group_label, local_time
from workstation.views.status_control import agent_status_label, status_dot
from wsprotocol import MAX_CAPACITY, SKILL_GROUPS, AgentStats, Alert, SupervisorAction, SupervisorConfig

if TYPE_CHECKING:
    from workstation.background import Background
    from workstation.client import Client

log = logging.getLogger(__name__)

#: what a dragged waiting conversation carries: {"id": ..., "assignment_version": ...}
MIME_CONVERSATION = "application/x-workstation-conversation"
_USER_ROLE = int(Qt.ItemDataRole.UserRole)


def _local_hms(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M:%S")


def _since(moment: datetime) -> str:
    """HH:MM today, MM-DD HH:MM before (local time)."""
    local = to_aware_utc(moment).astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local_time(moment)


_OK, _SAVE, _CANCEL = (
    QDialogButtonBox.StandardButton.Ok,
    QDialogButtonBox.StandardButton.Save,
    QDialogButtonBox.StandardButton.Cancel,
)


def _button_box(dialog: QDialog, buttons: QDialogButtonBox.StandardButton) -> QDialogButtonBox:
    """The dialog's standard buttons, wired to accept and reject."""
    box = QDialogButtonBox(buttons, dialog)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _seconds(value: float | None) -> str:
    return "—" if value is None else format_wait(value)


# ----------------------------------------------------------------------------- models


class _Model(QAbstractTableModel):
    """A small table over a list of protocol records (the dashboard has hundreds of rows).

    Sorting and filtering happen here, in Python over the records (a sort of 500 agents is about
    a millisecond; a ``QSortFilterProxyModel`` would call ``data`` thousands of times): ``rows``
    is what the view shows, in the order it shows it; ``all_rows`` what the snapshot listed. The
    sort column and the filter stay across snapshots; a snapshot that only reorders the rows is a
    layout change, so that the view keeps its selection and scroll position.
    """

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: the rows shown (filtered, sorted)
        self.rows: list[Any] = []
        #: every row of the snapshot, in the service's order
        self.all_rows: list[Any] = []
        #: -1: the service's order
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder
        #: lowercase text a row must contain (empty: every row)
        self.needle = ""
        self.stale = False
        self.server_now = utcnow()
        self.shop_names: dict[int, str] = {}
        self._heads: list[str] | None = None

    def headers(self) -> list[str]:
        raise NotImplementedError

    def heads(self) -> list[str]:
        """The column titles, translated once (the language changes at a restart)."""
        if self._heads is None:
            self._heads = self.headers()
        return self._heads

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.heads())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            heads = self.heads()
            return heads[section] if 0 <= section < len(heads) else None
        return None

    def key(self, row: Any) -> object:
        """What identifies a row across snapshots."""
        return row.id

    def sort_key(self, row: Any, column: int) -> Any:
        """What a column sorts by (None: sorted last, whatever the order)."""
        return self.display(row, column)

    def search_text(self, row: Any) -> str:
        """The lowercase text the filter looks in."""
        return " ".join(self.display(row, c) for c in range(self.columnCount())).lower()

    def arranged(self, rows: Sequence[Any]) -> list[Any]:
        """``rows`` filtered and sorted as the view shows them now."""
        out = [r for r in rows if self.needle in self.search_text(r)] if self.needle else list(rows)
        column = self.sort_column
        if column < 0 or column >= self.columnCount():
            return out
        keyed = [(self.sort_key(r, column), r) for r in out]
        present = [kr for kr in keyed if kr[0] is not None]
        present.sort(key=lambda kr: kr[0], reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        return [r for _k, r in present] + [r for k, r in keyed if k is None]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Qt's entry (a header click, ``QTableView.sortByColumn``); -1 is the service's order."""
        self.sort_column, self.sort_order = column, order
        self._show(self.arranged(self.all_rows))

    def set_filter(self, text: str) -> None:
        needle = " ".join(text.split()).lower()
        if needle != self.needle:
            self.needle = needle
            self._show(self.arranged(self.all_rows))

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.all_rows = list(rows)
        self._show(self.arranged(self.all_rows))

    def _show(self, new: list[Any]) -> None:
        key = self.key
        if self.rows and len(new) == len(self.rows):
            old_keys = [key(r) for r in self.rows]
            new_keys = [key(r) for r in new]
            if old_keys == new_keys:
                # the same rows in the same order (most snapshots): update in place, no relayout,
                # and the view keeps its selection and scroll position
                self.rows = new
                self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, self.columnCount() - 1))
                return
            if set(old_keys) == set(new_keys) and len(set(new_keys)) == len(new_keys):
                # the same rows in another order (a sort, a load that changed): a layout change
                self._relayout(new, old_keys, new_keys)
                return
        self.beginResetModel()
        self.rows = new
        self.endResetModel()

    def _relayout(self, new: list[Any], old_keys: list[object], new_keys: list[object]) -> None:
        self.layoutAboutToBeChanged.emit()
        where = {k: i for i, k in enumerate(new_keys)}
        before = self.persistentIndexList()
        after = []
        for index in before:
            row = where.get(old_keys[index.row()]) if 0 <= index.row() < len(old_keys) else None
            after.append(self.index(row, index.column()) if row is not None else QModelIndex())
        self.rows = new
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def shop(self, shop_id: int) -> str:
        return self.shop_names.get(shop_id) or QCoreApplication.translate(
            "DashboardView", "Shop {id}"
        ).format(id=shop_id)

    def tick(self, columns: Sequence[int]) -> None:
        if self.rows:
            for col in columns:
                self.dataChanged.emit(
                    self.index(0, col), self.index(len(self.rows) - 1, col), [Qt.ItemDataRole.DisplayRole]
                )

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == _USER_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            alarm = self.alarm(row)
            if self.stale:
                return theme.brush("muted")
            return theme.brush("red_fg") if alarm else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return theme.brush("red_bg") if self.alarm(row) and not self.stale else None
        if role == Qt.ItemDataRole.DecorationRole:
            return self.decoration(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        return None

    def display(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def alarm(self, row: Any) -> bool:
        return False

    def decoration(self, row: Any, column: int) -> Any:
        return None

    def tooltip(self, row: Any, column: int) -> str | None:
        return None


class QueuesModel(_Model):
    WAIT_COLUMN = 3

    def key(self, row: Any) -> object:
        return (row.shop_id, row.group)

    def headers(self) -> list[str]:
        return [
            self.tr("Shop"),
            self.tr("Group"),
            self.tr("Waiting"),
            self.tr("Longest wait"),
            self.tr("Avg wait (1 h)"),
            self.tr("SLA breaches (1 h)"),
            self.tr("Handled today"),
            self.tr("State"),
        ]

    def longest(self, row: Any) -> float | None:
        return wait_seconds(row.oldest_waiting_since, self.server_now)

    def sort_key(self, row: Any, column: int) -> Any:
        if column == 2:
            return row.waiting
        if column == 3:
            return self.longest(row) if row.waiting else None
        if column == 4:
            return row.avg_wait_last_hour_s
        if column == 5:
            return row.sla_breaches_last_hour
        if column == 6:
            return row.handled_today
        if column == 7:
            return (self.alarm(row), self.longest(row) or 0.0)
        return self.display(row, column)

    def alarm(self, row: Any) -> bool:
        wait = self.longest(row)
        return wait is not None and wait > row.sla_seconds

    def display(self, row: Any, column: int) -> str:
        if column == 0:
            return self.shop(row.shop_id)
        if column == 1:
            return group_label(row.group)
        if column == 2:
            return str(row.waiting)
        if column == 3:
            return _seconds(self.longest(row)) if row.waiting else "—"
        if column == 4:
            return _seconds(row.avg_wait_last_hour_s)
        if column == 5:
            return str(row.sla_breaches_last_hour)
        if column == 6:
            return str(row.handled_today)
        if self.alarm(row):
            return self.tr("⚠ Over SLA ({limit})").format(limit=format_wait(row.sla_seconds))
        return self.tr("Within SLA ({limit})").format(limit=format_wait(row.sla_seconds))


_bars: dict[tuple[str, int, int], QIcon] = {}


def load_bar(load: int, capacity: int) -> QIcon:
    """A small bar: load against capacity (red past capacity), in the theme's colours."""
    key = (theme.active().name, load, capacity)
    icon = _bars.get(key)
    if icon is None:
        w, h = 60, 10
        pixmap = QPixmap(w, h)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setPen(theme.color("border"))
        painter.setBrush(theme.color("alt_base"))
        painter.drawRect(QRectF(0.5, 0.5, w - 1, h - 1))
        share = 1.0 if capacity <= 0 and load else (min(1.0, load / capacity) if capacity else 0.0)
        fill = theme.color("error" if load > capacity else ("warn" if load == capacity and load else "ok"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRect(QRectF(1, 1, (w - 2) * share, h - 2))
        painter.end()
        icon = _bars[key] = QIcon(pixmap)
    return icon


class AgentsModel(_Model):
    def headers(self) -> list[str]:
        return [
            self.tr("Agent"),
            self.tr("Status"),
            self.tr("Load"),
            self.tr("First response"),
            self.tr("Avg response"),
            self.tr("Handled today"),
            self.tr("Satisfaction"),
            self.tr("Groups"),
        ]

    def alarm(self, row: Any) -> bool:
        return bool(row.load > row.capacity)

    #: the status column sorts from the most available to the least
    STATUS_ORDER = {"online": 0, "busy": 1, "away": 2, "offline": 3}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._search: dict[tuple[object, ...], str] = {}

    def sort_key(self, row: Any, column: int) -> Any:
        if column == 0:
            return (row.display_name, row.staff_id)
        if column == 1:
            return (self.STATUS_ORDER.get(row.status, 9), to_aware_utc(row.status_since))
        if column == 2:
            return (row.load, row.capacity)
        if column == 3:
            return row.first_response_avg_s
        if column == 4:
            return row.response_avg_s
        if column == 5:
            return row.handled_today
        if column == 6:
            return None if row.satisfaction_avg is None else (row.satisfaction_avg, row.satisfaction_count)
        return self.display(row, column)

    def search_text(self, row: Any) -> str:
        """Staff id, name, groups and status (the words shown and the codes), lowercase."""
        key = (row.user_id, row.staff_id, row.display_name, row.status, tuple(row.groups))
        text = self._search.get(key)
        if text is None:
            if len(self._search) > 20_000:
                self._search.clear()
            words = [row.staff_id, row.display_name, row.status, agent_status_label(row.status)]
            for group in row.groups:
                words += [group, group_label(group)]
            text = self._search[key] = " ".join(words).lower()
        return text

    def display(self, row: Any, column: int) -> str:
        if column == 0:
            return f"{row.display_name}({row.staff_id})"
        if column == 1:
            return self.tr("{status} since {time}").format(
                status=agent_status_label(row.status), time=_since(row.status_since)
            )
        if column == 2:
            text = f"{row.load}/{row.capacity}"
            return self.tr("{load} ⚠ over capacity").format(load=text) if self.alarm(row) else text
        if column == 3:
            return _seconds(row.first_response_avg_s)
        if column == 4:
            return _seconds(row.response_avg_s)
        if column == 5:
            return str(row.handled_today)
        if column == 6:
            if row.satisfaction_avg is None:
                return "—"
            return f"{row.satisfaction_avg:.1f} ({row.satisfaction_count})"
        return " ".join(group_label(g) for g in row.groups)

    def decoration(self, row: Any, column: int) -> Any:
        if column == 1:
            return status_dot(row.status)
        if column == 2:
            return load_bar(row.load, row.capacity)
        return None

    def key(self, row: Any) -> object:
        return row.user_id

    def agent_for(self, user_id: int) -> AgentStats | None:
        """The agent, shown or filtered out."""
        return next((a for a in self.all_rows if a.user_id == user_id), None)


class WaitingModel(_Model):
    WAIT_COLUMN = 3

    def headers(self) -> list[str]:
        return [
            self.tr("Buyer"),
            self.tr("Shop"),
            self.tr("Group"),
            self.tr("Waited"),
            self.tr("Last message"),
        ]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sla: dict[str, int] = {}

    def wait(self, row: Any) -> float | None:
        return wait_seconds(row.waiting_since, self.server_now)

    def sort_key(self, row: Any, column: int) -> Any:
        return self.wait(row) if column == 3 else self.display(row, column)

    def alarm(self, row: Any) -> bool:
        wait = self.wait(row)
        limit = self.sla.get(row.group)
        return wait is not None and limit is not None and wait > limit

    def display(self, row: Any, column: int) -> str:
        if column == 0:
            return row.buyer_nickname or self.tr("Buyer {id}").format(id=row.buyer_id)
        if column == 1:
            return self.shop(row.shop_id)
        if column == 2:
            return group_label(row.group)
        if column == 3:
            text = _seconds(self.wait(row))
            return self.tr("{wait} ⚠ over SLA").format(wait=text) if self.alarm(row) else text
        return " ".join(row.last_message_preview.split())[:60]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [MIME_CONVERSATION]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            conv = self.rows[rows[0]]
            mime.setData(MIME_CONVERSATION, conversation_mime(conv.id, conv.assignment_version))
            mime.setText(self.display(conv, 0))
        return mime


def conversation_mime(conversation_id: int, assignment_version: int) -> bytes:
    return json.dumps({"id": conversation_id, "assignment_version": assignment_version}).encode()


def parse_conversation_mime(mime: QMimeData) -> tuple[int, int] | None:
    if not mime.hasFormat(MIME_CONVERSATION):
        return None
    try:
        data = json.loads(bytes(mime.data(MIME_CONVERSATION).data()))
        return int(data["id"]), int(data["assignment_version"])
    except (ValueError, KeyError, TypeError):
        return None


# ----------------------------------------------------------------------------- tables


class AgentTable(QTableView):
    """The agents table: a waiting conversation dropped on a row is assigned to that agent."""

    #: (conversation id, assignment version, user id)
    conversation_dropped = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_CONVERSATION):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if (
            event.mimeData().hasFormat(MIME_CONVERSATION)
            and self.indexAt(event.position().toPoint()).isValid()
        ):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if self.drop_on_row(event.mimeData(), index.row()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def drop_on_row(self, mime: QMimeData, row: int) -> bool:
        """The drop itself (a test calls it with a real ``QMimeData``): True when it was taken."""
        conv = parse_conversation_mime(mime)
        model = self.model()
        if conv is None or not isinstance(model, AgentsModel) or not 0 <= row < len(model.rows):
            return False
        self.conversation_dropped.emit(conv[0], conv[1], model.rows[row].user_id)
        return True


def _table(
    name: str,
    accessible: str,
    model: QAbstractTableModel,
    parent: QWidget,
    cls: type[QTableView] = QTableView,
) -> QTableView:
    view = cls(parent)
    view.setObjectName(name)
    view.setAccessibleName(accessible)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    # Columns are fitted once, to the first rows shown (not ResizeToContents: that measures every
    # cell of 500 agents at each update and each tick of the waits).
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setResizeContentsPrecision(50)
    header.setStretchLastSection(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setIconSize(QSize(60, 10))
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    # a header click sorts: ascending, descending, then the service's order again (the model sorts)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    header.setSortIndicatorClearable(True)
    view.setSortingEnabled(True)
    return view


# ----------------------------------------------------------------------------- dialogs


class AgentPicker(QDialog):
    """Pick an agent (or "back to the queue") from a list that filters as you type."""

    QUEUE = -1

    def __init__(
        self,
        title: str,
        agents: Sequence[AgentStats],
        parent: QWidget | None = None,
        *,
        with_queue: bool = False,
        exclude: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agentPicker")
        self.setWindowTitle(title)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("agentFilter")
        self.filter_edit.setPlaceholderText(self.tr("Type a name or staff id"))
        self.filter_edit.setAccessibleName(self.tr("Filter agents"))
        self.list = QListWidget(self)
        self.list.setObjectName("agentList")
        self.list.setAccessibleName(self.tr("Agents"))
        if with_queue:
            item = QListWidgetItem(self.tr("Back to the queue (each to its group)"))
            item.setData(_USER_ROLE, self.QUEUE)
            self.list.addItem(item)
        for agent in agents:
            if agent.user_id == exclude:
                continue
            text = self.tr("{name}({staff_id}) · {status} · {load}/{capacity}").format(
                name=agent.display_name,
                staff_id=agent.staff_id,
                status=agent_status_label(agent.status),
                load=agent.load,
                capacity=agent.capacity,
            )
            item = QListWidgetItem(status_dot(agent.status), text)
            item.setData(_USER_ROLE, agent.user_id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        buttons = _button_box(self, _OK | _CANCEL)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.filter_edit.textChanged.connect(self.apply_filter)
        self.filter_edit.returnPressed.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(420, 360)

    def apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = bool(needle) and needle not in item.text().lower()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return int(item.data(_USER_ROLE))


class RoutingDialog(QDialog):
    """An agent's capacity and skill groups."""

    def __init__(self, agent: AgentStats, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routingDialog")
        self.setWindowTitle(self.tr("Capacity and groups: {name}").format(name=agent.display_name))
        self.capacity = QSpinBox(self)
        self.capacity.setObjectName("capacitySpin")
        self.capacity.setRange(0, MAX_CAPACITY)
        self.capacity.setValue(agent.capacity)
        self.capacity.setAccessibleName(self.tr("Capacity"))
        self.groups: dict[str, QCheckBox] = {}
        form = QFormLayout()
        form.addRow(self.tr("Capacity (conversations at once)"), self.capacity)
        row = QHBoxLayout()
        for group in SKILL_GROUPS:
            check = QCheckBox(group_label(group), self)
            check.setObjectName(f"group_{group}")
            check.setChecked(group in agent.groups)
            self.groups[group] = check
            row.addWidget(check)
        form.addRow(self.tr("Skill groups"), row)
        buttons = _button_box(self, _OK | _CANCEL)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen_groups(self) -> list[str]:
        return [g for g, check in self.groups.items() if check.isChecked()]


class ConfigDialog(QDialog):
    """The team's monitoring settings (SLA per group, alerts, presence)."""

    def __init__(self, config: SupervisorConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monitoringSettingsDialog")
        self.setWindowTitle(self.tr("Monitoring settings"))
        self.config = config
        form = QFormLayout()
        self.sla: dict[str, QSpinBox] = {}
        for group in SKILL_GROUPS:
            spin = self._spin(f"sla_{group}", 5, 24 * 3600, config.sla_seconds.get(group, 120), self.tr(" s"))
            spin.setAccessibleName(self.tr("SLA for {group}").format(group=group_label(group)))
            form.addRow(self.tr("SLA: {group}").format(group=group_label(group)), spin)
            self.sla[group] = spin
        self.multiple = QDoubleSpinBox(self)
        self.multiple.setObjectName("spikeMultiple")
        self.multiple.setRange(1.1, 100.0)
        self.multiple.setSingleStep(0.5)
        self.multiple.setValue(config.complaint_spike_multiple)
        self.multiple.setSuffix(" ×")
        form.addRow(self.tr("Complaint spike: times the usual rate"), self.multiple)
        self.window_spin = self._spin(
            "spikeWindow", 5, 24 * 60, config.complaint_window_minutes, self.tr(" min")
        )
        form.addRow(self.tr("Complaint spike: window"), self.window_spin)
        self.baseline = self._spin("spikeBaseline", 1, 90, config.complaint_baseline_days, self.tr(" days"))
        form.addRow(self.tr("Complaint spike: usual rate over"), self.baseline)
        self.min_count = self._spin("spikeMinimum", 1, 1000, config.complaint_min_count, "")
        form.addRow(self.tr("Complaint spike: at least this many"), self.min_count)
        self.away = self._spin("awayAfter", 1, 240, config.away_after_minutes, self.tr(" min"))
        form.addRow(self.tr("Away after no input for"), self.away)
        self.presence_timeout = self._spin(
            "presenceTimeout", 15, 3600, config.presence_timeout_s, self.tr(" s")
        )
        form.addRow(self.tr("Offline after no heartbeat for"), self.presence_timeout)
        self.note_reason = QCheckBox(self.tr("Order-note changes need a &reason"), self)
        self.note_reason.setObjectName("noteReasonRequired")
        self.note_reason.setToolTip(
            self.tr("Agents must give a reason for every edit or deletion of an order note")
        )
        self.note_reason.setChecked(config.note_reason_required)
        form.addRow("", self.note_reason)
        buttons = _button_box(self, _SAVE | _CANCEL)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _spin(self, name: str, low: int, high: int, value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def result_config(self) -> SupervisorConfig:
        return self.config.model_copy(
            update={
                "sla_seconds": {g: spin.value() for g, spin in self.sla.items()},
                "complaint_spike_multiple": round(self.multiple.value(), 2),
                "complaint_window_minutes": self.window_spin.value(),
                "complaint_baseline_days": self.baseline.value(),
                "complaint_min_count": self.min_count.value(),
                "away_after_minutes": self.away.value(),
                "presence_timeout_s": self.presence_timeout.value(),
                "note_reason_required": self.note_reason.isChecked(),
            }
        )


class AuditModel(_Model):
    def headers(self) -> list[str]:
        return [
            self.tr("Time"),
            self.tr("Supervisor"),
            self.tr("Action"),
            self.tr("Agent"),
            self.tr("Conversation"),
            self.tr("Details"),
        ]

    def __init__(self, names: dict[int, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.names = names

    def display(self, row: Any, column: int) -> str:
        entry: SupervisorAction = row
        if column == 0:
            return local_time(entry.at)
        if column == 1:
            return entry.actor_staff_id
        if column == 2:
            return self.action_label(entry.action)
        if column == 3:
            if entry.target_user_id is None:
                return ""
            return self.names.get(entry.target_user_id, f"#{entry.target_user_id}")
        if column == 4:
            return "" if entry.conversation_id is None else str(entry.conversation_id)
        return ", ".join(f"{k}={v}" for k, v in sorted(entry.detail.items()))

    def action_label(self, action: str) -> str:
        names = {
            "assign": self.tr("Assigned"),
            "takeover": self.tr("Took over"),
            "move": self.tr("Moved conversations"),
            "capacity": self.tr("Changed capacity"),
            "groups": self.tr("Changed groups"),
            "config": self.tr("Changed settings"),
        }
        return names.get(action, action)


class AuditDialog(QDialog):
    """Who did what, when: the recorded supervisor actions, newest first."""

    def __init__(
        self, entries: Sequence[SupervisorAction], names: dict[int, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorAuditDialog")
        self.setWindowTitle(self.tr("Supervisor actions"))
        self.model = AuditModel(names, self)
        self.model.set_rows(entries)
        self.table = _table("auditTable", self.tr("Supervisor actions"), self.model, self)
        buttons = _button_box(self, QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 420)


class HeldModel(_Model):
    """The conversations an agent holds (``workstation.queue.RowData`` from the cache)."""

    def headers(self) -> list[str]:
        return [
            self.tr("Buyer"),
            self.tr("Shop"),
            self.tr("Group"),
            self.tr("Waited"),
            self.tr("Last message"),
        ]

    def wait(self, row: RowData) -> float | None:
        if row.waiting_since is None:
            return None
        return max(0.0, self.server_now.timestamp() - row.waiting_since)

    def sort_key(self, row: Any, column: int) -> Any:
        return self.wait(row) if column == 3 else self.display(row, column)

    def display(self, row: Any, column: int) -> str:
        if column == 0:
            return row.buyer_nickname or self.tr("Buyer {id}").format(id=row.buyer_id)
        if column == 1:
            return row.shop_name or self.shop(row.shop_id)
        if column == 2:
            return group_label(row.group)
        if column == 3:
            return _seconds(self.wait(row))
        return " ".join(row.preview.split())[:60]


class HeldDialog(QDialog):
    """An agent's conversations: reassign one to a colleague (Enter, Ctrl+Shift+G) or take it over
    (Ctrl+Shift+Y). The dialog says what was chosen; the dashboard acts on it."""

    #: the conversation (``RowData``) to give to another agent
    reassign_requested = Signal(object)
    #: the conversation (``RowData``) to take over
    take_over_requested = Signal(object)

    def __init__(
        self, agent: AgentStats, rows: Sequence[RowData], server_now: datetime, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("heldConversationsDialog")
        self.agent = agent
        self.setWindowTitle(
            self.tr("Conversations of {name}({staff_id})").format(
                name=agent.display_name, staff_id=agent.staff_id
            )
        )
        self.model = HeldModel(self)
        self.model.server_now = server_now
        self.model.set_rows(rows)
        self.table = _table("heldTable", self.tr("Conversations this agent holds"), self.model, self)
        self.table.resizeColumnsToContents()
        self.summary = QLabel(self)
        self.summary.setObjectName("heldSummary")
        if rows:
            self.summary.setText(
                self.tr(
                    "{name} holds {n} conversation(s) (load on the dashboard: {load}/{capacity})."
                ).format(name=agent.display_name, n=len(rows), load=agent.load, capacity=agent.capacity)
            )
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.summary.setText(self.tr("{name} holds no conversations.").format(name=agent.display_name))
        self.reassign_action = QAction(self.tr("&Reassign to an agent…"), self)
        self.reassign_action.setObjectName("heldReassignAction")
        self.reassign_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.reassign_action.triggered.connect(lambda _c=False: self._choose(self.reassign_requested))
        self.takeover_action = QAction(self.tr("&Take over"), self)
        self.takeover_action.setObjectName("heldTakeOverAction")
        self.takeover_action.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        self.takeover_action.triggered.connect(lambda _c=False: self._choose(self.take_over_requested))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for action in (self.reassign_action, self.takeover_action):
            self.addAction(action)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            # "改派给客服(&R)…" → "改派给客服…"; "&Reassign…" keeps its mnemonic
            text = re.sub(r"\(&\w\)", "", action.text())
            button = QPushButton(f"{text} ({keys})", self)
            button.setObjectName(f"{action.objectName()}Button")
            button.setEnabled(bool(rows))
            button.setAutoDefault(False)
            button.clicked.connect(action.trigger)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.table.activated.connect(lambda _i: self.reassign_action.trigger())
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 380)

    def current(self) -> RowData | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        row: RowData = self.model.rows[index.row()]
        return row

    def _choose(self, signal: Any) -> None:
        row = self.current()
        if row is None:
            return
        self.accept()
        signal.emit(row)


# ----------------------------------------------------------------------------- the view


class _FeedBridge(QObject):
    snapshot = Signal(object)

    def on_snapshot(self, snap: Snapshot) -> None:
        self.snapshot.emit(snap)


class DashboardView(QWidget):
    """The supervisor's first screen."""

    #: a result for the status bar
    message = Signal(str)
    #: alerts not notified before (list of ``wsprotocol.Alert``): the window shows them in the tray
    alerts_raised = Signal(list)
    #: a snapshot was shown (tests wait on it)
    updated = Signal()

    def __init__(
        self,
        client: Client,
        background: Background,
        parent: QWidget | None = None,
        *,
        live: bool = True,
        poll_interval: float = 30.0,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardView")
        self.client = client
        self.background = background
        self.user_id = client.user.id
        self.snapshot: Snapshot | None = None
        self.alert_tracker = AlertTracker()
        self._bridge = _FeedBridge(self)
        self._bridge.snapshot.connect(self.show_snapshot)
        self.feed = DashboardFeed(
            client.api,
            client.db,
            on_snapshot=self._bridge.on_snapshot,
            live=live,
            poll_interval=poll_interval,
        )
        self._started = False
        #: the last agent's-conversations dialog and its agent picker (tests look at them)
        self.held_dialog: HeldDialog | None = None
        self.held_picker: AgentPicker | None = None
        #: monotonic time of the last read of shop names (a first sync brings them after the
        #: first snapshot: names missing then are read again, at most every few seconds)
        self._names_read_at = -1e9

        self.as_of_label = QLabel(self)
        self.as_of_label.setObjectName("dashboardAsOf")
        self.result_label = QLabel(self)
        self.result_label.setObjectName("dashboardResult")
        self.result_label.setWordWrap(True)
        self.result_label.hide()

        self.queues = QueuesModel(self)
        self.agents = AgentsModel(self)
        self.waiting = WaitingModel(self)
        self.queues_table = _table("queuesTable", self.tr("Queues"), self.queues, self)
        self.agents_table = _table("agentsTable", self.tr("Agents"), self.agents, self, AgentTable)
        self.waiting_table = _table("waitingTable", self.tr("Waiting conversations"), self.waiting, self)
        self.waiting_table.setDragEnabled(True)
        self.waiting_table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.alerts_list = QListWidget(self)
        self.alerts_list.setObjectName("alertsList")
        self.alerts_list.setAccessibleName(self.tr("Alerts"))
        self.alerts_list.setWordWrap(True)
        self.alerts_list.setToolTip(self.tr("Enter or double-click: show the conversation, agent or queue"))
        self.alerts_list.itemActivated.connect(lambda item: self.show_alert(str(item.data(_USER_ROLE) or "")))
        assert isinstance(self.agents_table, AgentTable)
        self.agents_table.conversation_dropped.connect(self.assign)
        self.agents_table.setToolTip(
            self.tr("Enter or double-click: the agent's conversations, to reassign or take over one")
        )
        self.agents_filter = QLineEdit(self)
        self.agents_filter.setObjectName("agentsFilter")
        self.agents_filter.setClearButtonEnabled(True)
        self.agents_filter.setPlaceholderText(self.tr("Filter agents: staff id, name, group or status"))
        self.agents_filter.setAccessibleName(self.tr("Filter agents"))
        self.agents_filter.textChanged.connect(self.filter_agents)
        self.agents_filter.returnPressed.connect(
            lambda: self.agents_table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        )

        self._build_actions()
        self.waiting_table.customContextMenuRequested.connect(self._waiting_menu)
        self.agents_table.customContextMenuRequested.connect(self._agent_menu)
        self.waiting_table.activated.connect(lambda _i: self.assign_current())
        self.agents_table.activated.connect(lambda _i: self.show_held())

        def titled(title: str, widget: QWidget, name: str) -> QWidget:
            box = QWidget(self)
            box.setObjectName(name)
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            label = QLabel(title, box)
            label.setObjectName(f"{name}Title")
            label.setBuddy(widget)
            lay.addWidget(label)
            lay.addWidget(widget)
            return box

        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(titled(self.tr("Queues"), self.queues_table, "queuesBox"))
        top.addWidget(titled(self.tr("Alerts"), self.alerts_list, "alertsBox"))
        top.setStretchFactor(0, 4)
        top.setStretchFactor(1, 1)
        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.addWidget(
            titled(self.tr("Waiting conversations (drag onto an agent)"), self.waiting_table, "waitingBox")
        )
        agents_box = titled(self.tr("Agents"), self.agents_table, "agentsBox")
        box_layout = agents_box.layout()
        assert isinstance(box_layout, QVBoxLayout)
        box_layout.insertWidget(1, self.agents_filter)
        bottom.addWidget(agents_box)
        bottom.setStretchFactor(0, 2)
        bottom.setStretchFactor(1, 3)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)

        bar = QHBoxLayout()
        bar.addWidget(self.as_of_label, 1)
        for action in (
            self.assign_action,
            self.takeover_action,
            self.move_action,
            self.routing_action,
            self.config_action,
            self.audit_action,
            self.refresh_action,
        ):
            button = QPushButton(action.text().replace("&", ""), self)
            button.setObjectName(f"{action.objectName()}Button")
            button.setToolTip(action.toolTip() or action.text().replace("&", ""))
            button.clicked.connect(action.trigger)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.result_label)
        layout.addWidget(split, 1)

        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self._show_empty()

    def _build_actions(self) -> None:
        def action(name: str, text: str, slot: Callable[[], object], keys: str = "") -> QAction:
            a = QAction(text, self)
            a.setObjectName(name)
            if keys:
                a.setShortcut(QKeySequence(keys))
            a.triggered.connect(lambda _checked=False: slot())
            return a

        self.assign_action = action(
            "assignAction", self.tr("&Assign to an agent…"), self.assign_current, "Ctrl+Shift+G"
        )
        self.takeover_action = action(
            "takeOverAction", self.tr("&Take over"), self.take_over_current, "Ctrl+Shift+Y"
        )
        self.move_action = action(
            "moveConversationsAction",
            self.tr("&Move an agent's conversations…"),
            self.move_current,
            "Ctrl+Shift+M",
        )
        self.routing_action = action("routingAction", self.tr("&Capacity and groups…"), self.edit_routing)
        self.held_action = action(
            "agentConversationsAction", self.tr("An agent's &conversations…"), self.show_held
        )
        self.sort_action = action(
            "sortByColumnAction", self.tr("S&ort by the current column"), self.sort_current, "Ctrl+Alt+S"
        )
        self.config_action = action(
            "monitoringSettingsAction", self.tr("Monitoring &settings…"), self.edit_config
        )
        self.audit_action = action("supervisorAuditAction", self.tr("Supervisor &actions…"), self.show_audit)
        self.refresh_action = action("refreshDashboardAction", self.tr("&Refresh"), self.feed.refresh, "F5")
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.refresh_action)

    def menu_actions(self) -> list[QAction]:
        return [
            self.assign_action,
            self.takeover_action,
            self.held_action,
            self.move_action,
            self.routing_action,
            self.config_action,
            self.audit_action,
            self.sort_action,
        ]

    # -- start and stop

    def start(self) -> None:
        """Show the cached snapshot at once (on a worker), then follow the service."""
        if self._started:
            return
        self._started = True
        feed, db = self.feed, self.client.db

        def load() -> tuple[Snapshot | None, dict[int, str]]:
            return feed.load_cached(), _shop_names(db)

        def loaded(result: tuple[Snapshot | None, dict[int, str]]) -> None:
            snap, names = result
            self._set_shop_names(names)
            if snap is not None and self.snapshot is None:
                self.show_snapshot(snap)
            feed.start()

        def failed(exc: BaseException) -> None:
            log.warning("the cached dashboard was not read: %s", exc)
            feed.start()

        self.background.run(load, loaded, failed, name="dashboard.load", owner=self)
        self.ticker.start()

    def _set_shop_names(self, names: dict[int, str]) -> None:
        self._names_read_at = time.monotonic()
        for model in (self.queues, self.agents, self.waiting):
            model.shop_names = names
            model.tick(range(model.columnCount()))
        # the shop columns were fitted to "Shop 3" before the names came: fit them again
        self.queues_table.resizeColumnToContents(0)
        self.waiting_table.resizeColumnToContents(1)
        if self.snapshot is not None:
            self._show_alerts(self.snapshot.dashboard.alerts)

    def _check_shop_names(self) -> None:
        """Shops the snapshot names but the cache did not have when read: read them again."""
        if self.snapshot is None or time.monotonic() - self._names_read_at < 5.0:
            return
        known = self.queues.shop_names
        if all(q.shop_id in known for q in self.snapshot.dashboard.queues):
            return
        self._names_read_at = time.monotonic()
        db = self.client.db
        self.background.run(
            lambda: _shop_names(db),
            self._set_shop_names,
            lambda exc: log.info("shop names not read: %s", exc),
            name="dashboard.shops",
            owner=self,
        )

    def stop(self) -> None:
        self.ticker.stop()
        if self._started:
            self.feed.stop()
            self._started = False

    # -- showing

    def _show_empty(self) -> None:
        self.as_of_label.setText(self.tr("Loading the dashboard…"))

    def show_snapshot(self, snap: Snapshot) -> None:
        self.snapshot = snap
        d = snap.dashboard
        self.waiting.sla = dict(d.config.sla_seconds)
        for model in (self.queues, self.agents, self.waiting):
            model.stale = snap.stale
            model.server_now = self._server_now()
        self._keep_selection(self.queues_table, self.queues, d.queues, lambda r: (r.shop_id, r.group))
        self._keep_selection(self.agents_table, self.agents, d.agents, lambda r: r.user_id)
        self._keep_selection(self.waiting_table, self.waiting, d.waiting, lambda r: r.id)
        self._show_alerts(d.alerts)
        self._show_age()
        self._check_shop_names()
        if not snap.stale:
            fresh = self.alert_tracker.new_alerts(d.alerts)
            if fresh:
                self.alerts_raised.emit(fresh)
        self.updated.emit()

    def _keep_selection(
        self, view: QTableView, model: _Model, rows: Sequence[Any], key: Callable[[Any], object]
    ) -> None:
        current = view.currentIndex()
        selected = (
            key(model.rows[current.row()]) if current.isValid() and current.row() < len(model.rows) else None
        )
        column = current.column() if current.isValid() else 0
        fit = not model.rows and bool(rows)
        model.set_rows(rows)
        if fit:
            view.resizeColumnsToContents()
        if selected is not None:
            for i, row in enumerate(model.rows):
                if key(row) == selected:
                    view.setCurrentIndex(model.index(i, column))
                    break

    def _server_now(self) -> datetime:
        snap = self.snapshot
        if snap is None:
            return utcnow()
        if snap.stale:
            # An outage: the figures are as of the snapshot; waits do not tick on made-up time.
            return snap.server_now(snap.fetched_at)
        return snap.server_now()

    def _show_age(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        local = _local_hms(snap.fetched_at)
        if snap.stale:
            minutes = int(snap.age().total_seconds() // 60)
            self.as_of_label.setText(
                self.tr("Data as of {time} ({minutes} min ago) — the service cannot be reached").format(
                    time=local, minutes=minutes
                )
            )
            self.as_of_label.setToolTip(snap.error or "")
        else:
            self.as_of_label.setText(self.tr("Live · updated {time}").format(time=local))
            self.as_of_label.setToolTip("")
        # a style sheet is set only when the state changes (setting one re-polishes the widget)
        style = f"color: {theme.color('warn' if snap.stale else 'muted').name()};" + (
            " font-weight: bold;" if snap.stale else ""
        )
        if self.as_of_label.styleSheet() != style:
            self.as_of_label.setProperty("stale", snap.stale)
            self.as_of_label.setStyleSheet(style)

    def show_alert(self, key: str) -> None:
        """Select what an alert is about: the waiting conversation, the agent, or the shop's queue."""
        if self.snapshot is None:
            return
        alert = next((a for a in self.snapshot.dashboard.alerts if a.key == key), None)
        if alert is None:
            return
        targets: list[tuple[QTableView, _Model, Callable[[Any], bool]]] = []
        if alert.conversation_id is not None:
            targets.append((self.waiting_table, self.waiting, lambda r: r.id == alert.conversation_id))
        if alert.user_id is not None:
            if self.agents_filter.text() and self.agents.agent_for(alert.user_id) not in self.agents.rows:
                self.agents_filter.clear()  # the agent is filtered out: show everyone again
            targets.append((self.agents_table, self.agents, lambda r: r.user_id == alert.user_id))
        if alert.shop_id is not None:
            targets.append(
                (
                    self.queues_table,
                    self.queues,
                    lambda r: r.shop_id == alert.shop_id and (alert.group is None or r.group == alert.group),
                )
            )
        for view, model, match in targets:
            for i, row in enumerate(model.rows):
                if match(row):
                    view.setCurrentIndex(model.index(i, 0))
                    view.scrollTo(model.index(i, 0))
                    view.setFocus(Qt.FocusReason.OtherFocusReason)
                    return

    def _show_alerts(self, alerts: Sequence[Alert]) -> None:
        self.alerts_list.clear()
        if not alerts:
            item = QListWidgetItem(self.tr("No alerts"))
            item.setForeground(theme.brush("muted"))
            self.alerts_list.addItem(item)
            return
        for alert in alerts:
            item = QListWidgetItem("⚠ " + self.alert_text(alert))
            item.setData(_USER_ROLE, alert.key)
            item.setForeground(theme.brush("muted" if self.snapshot and self.snapshot.stale else "error"))
            self.alerts_list.addItem(item)

    def alert_text(self, alert: Alert) -> str:
        """The alert in words, made from its fields (Chinese or English)."""
        shop = self.queues.shop(alert.shop_id) if alert.shop_id is not None else ""
        if alert.kind == "sla_breach":
            buyer = ""
            for conv in self.waiting.all_rows:
                if conv.id == alert.conversation_id:
                    buyer = conv.buyer_nickname
            if not buyer and self.snapshot is not None and alert.conversation_id is not None:
                # not among the waiting ones listed: the feed read the buyer from the cache
                buyer = self.snapshot.buyers.get(alert.conversation_id, "")
            return self.tr(
                "SLA breach: {buyer} in {shop} · {group} has waited {wait} (limit {limit})"
            ).format(
                buyer=buyer or self.tr("conversation {id}").format(id=alert.conversation_id),
                shop=shop,
                group=group_label(alert.group or ""),
                wait=format_wait(alert.value),
                limit=format_wait(alert.threshold),
            )
        if alert.kind == "complaint_spike":
            return self.tr(
                "Complaint spike in {shop}: {count} complaints since {time} (usual level {level})"
            ).format(
                shop=shop,
                count=int(alert.value),
                time=local_time(alert.since),
                level=f"{alert.threshold:.1f}",
            )
        agent = self.agents.agent_for(alert.user_id) if alert.user_id is not None else None
        name = f"{agent.display_name}({agent.staff_id})" if agent else f"#{alert.user_id}"
        return self.tr("Over capacity: {agent} holds {load} conversations (capacity {capacity})").format(
            agent=name, load=int(alert.value), capacity=int(alert.threshold)
        )

    def tick(self) -> None:
        """Every second: the waits move on between fetches; the age of a stale snapshot grows."""
        if self.snapshot is None:
            if self.feed.stats.failures:
                self.as_of_label.setText(
                    self.tr("The service cannot be reached: the dashboard appears when it answers.")
                )
            return
        self._check_shop_names()
        now = self._server_now()
        for model in (self.queues, self.waiting):
            model.server_now = now
        self.queues.tick([QueuesModel.WAIT_COLUMN, len(self.queues.heads()) - 1])
        self.waiting.tick([WaitingModel.WAIT_COLUMN])
        if self.queues.rows:
            # a row that just passed its SLA turns red: repaint whole rows (colour, not only text)
            self.queues_table.viewport().update()
            self.waiting_table.viewport().update()
        if self.snapshot.stale:
            self._show_age()

    # -- acting

    def _current(self, view: QTableView, model: _Model) -> Any:
        index = view.currentIndex()
        if not index.isValid() or index.row() >= len(model.rows):
            return None
        return model.rows[index.row()]

    def _report(self, text: str, error: bool = False) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet(f"color: {theme.color('error' if error else 'ok').name()};")
        self.result_label.show()
        self.message.emit(text)

    def _failure_text(self, exc: BaseException) -> str:
        if isinstance(exc, api_errors.ClaimLost):
            holder = exc.assignee
            if holder is not None:
                return self.tr("Not changed: {name}({staff_id}) has this conversation now.").format(
                    name=holder.display_name, staff_id=holder.staff_id
                )
            return self.tr("Not changed: the conversation changed meanwhile (status: {status}).").format(
                status=exc.conversation.status
            )
        if isinstance(exc, api_errors.Offline):
            return self.tr("Offline: this needs a connection to the service.")
        if isinstance(exc, api_errors.Forbidden):
            return self.tr("Not allowed: {message}").format(message=exc.message)
        if isinstance(exc, api_errors.ApiError):
            return self.tr("The service refused: {message}").format(message=exc.message)
        return self.tr("Failed: {error}").format(error=exc)

    def _run(self, fn: Callable[[], Any], done: Callable[[Any], str], name: str) -> None:
        def on_done(result: Any) -> None:
            self._report(done(result))
            self.feed.refresh()

        def on_error(exc: BaseException) -> None:
            if not isinstance(exc, api_errors.ApiError):
                log.error("dashboard action %s failed", name, exc_info=exc)
            self._report(self._failure_text(exc), error=True)
            self.feed.refresh()

        self.background.run(fn, on_done, on_error, name=name, owner=self)

    def _agent_name(self, user_id: int) -> str:
        agent = self.agents.agent_for(user_id)
        return f"{agent.display_name}({agent.staff_id})" if agent else f"#{user_id}"

    def assign(self, conversation_id: int, assignment_version: int, user_id: int) -> None:
        """Give a conversation to an agent (a drop, the picker, a take-over)."""
        api = self.client.api
        name = self._agent_name(user_id) if user_id != self.user_id else self.tr("you")
        self._run(
            lambda: api.assign(conversation_id, assignment_version, user_id),
            lambda _r: self.tr("Conversation {id} assigned to {name}.").format(id=conversation_id, name=name),
            "dashboard.assign",
        )

    def assign_current(self) -> AgentPicker | None:
        conv = self._current(self.waiting_table, self.waiting)
        if conv is None:
            self._report(self.tr("Select a waiting conversation first."), error=True)
            return None
        picker = AgentPicker(self.tr("Assign to an agent"), self.agents.all_rows, self)
        picker.accepted.connect(lambda: self._picked_for(conv, picker.chosen()))
        picker.open()
        return picker

    def _picked_for(self, conv: Any, user_id: int | None) -> None:
        if user_id is not None and user_id >= 0:
            self.assign(conv.id, conv.assignment_version, user_id)

    def take_over_current(self) -> None:
        conv = self._current(self.waiting_table, self.waiting)
        if conv is None:
            self._report(self.tr("Select a waiting conversation first."), error=True)
            return
        self.assign(conv.id, conv.assignment_version, self.user_id)

    def show_held(self) -> None:
        """The selected agent's conversations (read from the cache on a worker), to reassign one
        or take it over."""
        agent = self._current(self.agents_table, self.agents)
        if agent is None:
            self._report(self.tr("Select an agent first."), error=True)
            return
        db, user_id = self.client.db, agent.user_id

        def show(rows: list[RowData]) -> None:
            dialog = HeldDialog(agent, rows, self._server_now(), self)
            dialog.reassign_requested.connect(lambda row: self.reassign_held(agent, row))
            dialog.take_over_requested.connect(
                lambda row: self.assign(row.id, row.assignment_version, self.user_id)
            )
            self.held_dialog = dialog
            dialog.open()

        self.background.run(
            lambda: held_conversations(db, user_id),
            show,
            lambda exc: self._report(self._failure_text(exc), error=True),
            name="dashboard.held",
            owner=self,
        )

    def reassign_held(self, holder: AgentStats, row: RowData) -> AgentPicker:
        """Pick the colleague who gets a conversation ``holder`` has now."""
        buyer = row.buyer_nickname or self.tr("Buyer {id}").format(id=row.buyer_id)
        picker = AgentPicker(
            self.tr("Give {buyer} (held by {name}) to").format(buyer=buyer, name=holder.display_name),
            self.agents.all_rows,
            self,
            exclude=holder.user_id,
        )
        picker.accepted.connect(lambda: self._picked_for(row, picker.chosen()))
        self.held_picker = picker
        picker.open()
        return picker

    def filter_agents(self, text: str) -> None:
        """Show only the agents whose staff id, name, group or status contains ``text``."""
        current = self._current(self.agents_table, self.agents)
        self.agents.set_filter(text)
        if current is not None:
            for i, row in enumerate(self.agents.rows):
                if row.user_id == current.user_id:
                    self.agents_table.setCurrentIndex(self.agents.index(i, 0))
                    break

    def sort_current(self) -> None:
        """The keyboard's header click: sort the focused table by its current column (again:
        descending; a third time: the service's order)."""
        tables = (self.queues_table, self.agents_table, self.waiting_table)
        focused = self.focusWidget()
        view = next((t for t in tables if t is focused), self.agents_table)
        column = max(0, view.currentIndex().column())
        header = view.horizontalHeader()
        if header.sortIndicatorSection() != column:
            header.setSortIndicator(column, Qt.SortOrder.AscendingOrder)
        elif header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder:
            header.setSortIndicator(column, Qt.SortOrder.DescendingOrder)
        else:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        model = view.model()
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        if header.sortIndicatorSection() < 0:
            self.message.emit(self.tr("{table}: in the service's order").format(table=view.accessibleName()))
        elif header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder:
            self.message.emit(
                self.tr("{table}: sorted by {column}, ascending").format(
                    table=view.accessibleName(), column=title
                )
            )
        else:
            self.message.emit(
                self.tr("{table}: sorted by {column}, descending").format(
                    table=view.accessibleName(), column=title
                )
            )

    def move_current(self, to_queue: bool | None = None) -> AgentPicker | None:
        agent = self._current(self.agents_table, self.agents)
        if agent is None:
            self._report(self.tr("Select an agent first."), error=True)
            return None
        if to_queue:
            self.move_conversations(agent.user_id, None)
            return None
        picker = AgentPicker(
            self.tr("Move {name}'s conversations to").format(name=agent.display_name),
            self.agents.all_rows,
            self,
            with_queue=True,
            exclude=agent.user_id,
        )
        picker.accepted.connect(lambda: self._picked_move(agent.user_id, picker.chosen()))
        picker.open()
        return picker

    def _picked_move(self, from_user: int, to: int | None) -> None:
        if to is None:
            return
        self.move_conversations(from_user, None if to == AgentPicker.QUEUE else to)

    def move_conversations(self, from_user: int, to_user: int | None) -> None:
        api = self.client.api
        target = self.tr("the queue") if to_user is None else self._agent_name(to_user)

        def done(result: Any) -> str:
            text = self.tr("{moved} conversation(s) of {name} moved to {target}.").format(
                moved=len(result.moved), name=self._agent_name(from_user), target=target
            )
            if result.skipped:
                text += " " + self.tr("{n} changed hands meanwhile and were left as they are.").format(
                    n=len(result.skipped)
                )
            return text

        self._run(
            lambda: api.move_conversations(from_user, to_user_id=to_user, to_queue=to_user is None),
            done,
            "dashboard.move",
        )

    def edit_routing(self) -> RoutingDialog | None:
        agent = self._current(self.agents_table, self.agents)
        if agent is None:
            self._report(self.tr("Select an agent first."), error=True)
            return None
        dialog = RoutingDialog(agent, self)
        dialog.accepted.connect(
            lambda: self.set_routing(agent, dialog.capacity.value(), dialog.chosen_groups())
        )
        dialog.open()
        return dialog

    def set_routing(self, agent: AgentStats, capacity: int, groups: list[str]) -> None:
        api = self.client.api
        self._run(
            lambda: api.set_routing(agent.user_id, capacity=capacity, groups=groups),  # type: ignore[arg-type]
            lambda p: self.tr("{name}: capacity {capacity}, groups {groups}.").format(
                name=agent.display_name,
                capacity=p.capacity,
                groups=" ".join(group_label(g) for g in p.groups) or "—",
            ),
            "dashboard.routing",
        )

    def edit_config(self) -> None:
        api, db = self.client.api, getattr(self.client, "db", None)

        def save(config: SupervisorConfig) -> SupervisorConfig:
            saved = api.set_supervisor_config(config)
            if db is not None:  # this workstation's note editor follows the new rule at once
                remember_team_config(db, saved)
            return saved

        def show(config: SupervisorConfig) -> None:
            dialog = ConfigDialog(config, self)
            dialog.accepted.connect(
                lambda: self._run(
                    lambda: save(dialog.result_config()),
                    lambda _c: self.tr("Monitoring settings saved."),
                    "dashboard.config.save",
                )
            )
            dialog.open()
            self.config_dialog = dialog

        self.background.run(
            api.supervisor_config,
            show,
            lambda exc: self._report(self._failure_text(exc), error=True),
            name="dashboard.config",
            owner=self,
        )

    def show_audit(self) -> None:
        api = self.client.api
        names = {a.user_id: f"{a.display_name}({a.staff_id})" for a in self.agents.rows}

        def show(audit: Any) -> None:
            dialog = AuditDialog(audit.entries, names, self)
            dialog.open()
            self.audit_dialog = dialog

        self.background.run(
            lambda: api.supervisor_audit(),
            show,
            lambda exc: self._report(self._failure_text(exc), error=True),
            name="dashboard.audit",
            owner=self,
        )

    # -- context menus

    def _waiting_menu(self, pos: QPoint) -> None:
        if not self.waiting_table.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.assign_action)
        menu.addAction(self.takeover_action)
        menu.popup(self.waiting_table.viewport().mapToGlobal(pos))

    def _agent_menu(self, pos: QPoint) -> None:
        if not self.agents_table.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.held_action)
        menu.addAction(self.move_action)
        to_queue = menu.addAction(self.tr("Move all back to the &queue"))
        to_queue.triggered.connect(lambda: self.move_current(to_queue=True))
        menu.addAction(self.routing_action)
        menu.popup(self.agents_table.viewport().mapToGlobal(pos))


def _shop_names(db: Any) -> dict[int, str]:
    from sqlalchemy import select

    from workstation.models import Shop

    with db.session() as s:
        return {int(i): str(n) for i, n in s.execute(select(Shop.id, Shop.name))}


__all__ = [
    "MIME_CONVERSATION",
    "AgentPicker",
    "AgentTable",
    "AuditDialog",
    "ConfigDialog",
    "DashboardView",
    "RoutingDialog",
    "conversation_mime",
    "parse_conversation_mime",
]
