"""The customer and order dock: search box, buyer card, and tabs 客户 / 订单 / 物流 / 售后.

Thin: ``workstation.customers`` reads the cache (on a worker, through ``Background.run``), applies
the order rules and searches; this module shows the result. An order's details (items, payment,
presale, parcels, after-sale) are built only when the agent expands it, so a buyer with 500 orders
paints quickly and an order with 200 items costs nothing until it is opened.

The trees are item models (``NodeModel``) read by ``QTreeView``, not ``QTreeWidget`` items: with
PySide6 6.12 on Python 3.11 every call of a ``void`` Qt method from Python drops one reference to
``None`` (see ``workstation.views.thread_view``), and filling a ``QTreeWidget`` of 500 orders made
thousands of such calls (``setData``, ``setToolTip``, ``setBackground`` ...) per buyer shown. A
model answers ``data()`` with return values instead, and was also about four times faster to paint.

Privacy: phones and addresses are shown masked and shortened as the cache holds them. With the
``reveal_contact`` permission the agent can ask the server for the full value (with a reason; the
server records every reveal): it is shown in place for the buyer on screen only, and is never
written to the cache, the settings or a log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QFont, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from workstation.background import Background
from workstation.customers import (
    DEFAULT_RULES,
    AfterSaleInfo,
    BuyerIndex,
    CustomerData,
    OrderInfo,
    OrderRules,
    SearchResults,
    ShipmentInfo,
    balance_due_soon,
    buyer_of_conversation,
    format_yuan,
    hours_minutes,
    is_aftersale_open,
    is_nudge_candidate,
    is_stuck,
    load_customer,
    presale_state,
    search,
)
from workstation.timeutil import utcnow_naive
from workstation.views import theme
from workstation.views.labels import local_time, platform_label
from wsprotocol import CARRIERS

log = logging.getLogger(__name__)

#: item data role holding (buyer_id, order_id) on search results and the order id on order rows
ROLE_KEY = Qt.ItemDataRole.UserRole
#: the permission that allows a reveal
REVEAL_PERMISSION = "reveal_contact"
#: orders read (and shown) before the rest of a buyer's orders: more than a screenful
FIRST_PAGE = 60

# Calm marks: a soft background and a dark text colour, always with words (never colour alone).


def duration_text(hours: int, minutes: int) -> str:
    if hours:
        return QCoreApplication.translate("CustomerPanel", "{h} h {m} min").format(h=hours, m=minutes)
    return QCoreApplication.translate("CustomerPanel", "{m} min").format(m=minutes)


def order_status_label(status: str) -> str:
    names = {
        "unpaid": QCoreApplication.translate("CustomerPanel", "Unpaid"),
        "paid": QCoreApplication.translate("CustomerPanel", "Paid, awaiting shipment"),
        "shipped": QCoreApplication.translate("CustomerPanel", "Shipped"),
        "delivered": QCoreApplication.translate("CustomerPanel", "Delivered"),
        "completed": QCoreApplication.translate("CustomerPanel", "Completed"),
        "closed": QCoreApplication.translate("CustomerPanel", "Closed"),
        "refunding": QCoreApplication.translate("CustomerPanel", "Refunding"),
    }
    return names.get(status, status)


def parcel_state_label(state: str) -> str:
    names = {
        "picked_up": QCoreApplication.translate("CustomerPanel", "Picked up"),
        "in_transit": QCoreApplication.translate("CustomerPanel", "In transit"),
        "out_for_delivery": QCoreApplication.translate("CustomerPanel", "Out for delivery"),
        "delivered": QCoreApplication.translate("CustomerPanel", "Delivered"),
        "exception": QCoreApplication.translate("CustomerPanel", "Exception"),
    }
    return names.get(state, state)


def aftersale_kind_label(kind: str) -> str:
    names = {
        "refund_only": QCoreApplication.translate("CustomerPanel", "Refund only"),
        "return_refund": QCoreApplication.translate("CustomerPanel", "Return and refund"),
        "exchange": QCoreApplication.translate("CustomerPanel", "Exchange"),
        "reissue": QCoreApplication.translate("CustomerPanel", "Reissue"),
    }
    return names.get(kind, kind)


def aftersale_state_label(state: str) -> str:
    names = {
        "requested": QCoreApplication.translate("CustomerPanel", "Requested"),
        "approved": QCoreApplication.translate("CustomerPanel", "Approved"),
        "awaiting_return": QCoreApplication.translate("CustomerPanel", "Awaiting return"),
        "returned": QCoreApplication.translate("CustomerPanel", "Returned"),
        "refunded": QCoreApplication.translate("CustomerPanel", "Refunded"),
        "reshipped": QCoreApplication.translate("CustomerPanel", "Reshipped"),
        "rejected": QCoreApplication.translate("CustomerPanel", "Rejected"),
        "closed": QCoreApplication.translate("CustomerPanel", "Closed"),
    }
    return names.get(state, state)


def carrier_name(code: str) -> str:
    return CARRIERS.get(code, code)


#: the search index is brought up to date this long after the last sync change of a burst
INDEX_SETTLE_MS = 1000
#: more changed buyers than this since the last update: rebuild the index instead of patching it
INDEX_REBUILD_AT = 5000


@dataclass(frozen=True)
class OrderMarks:
    """What makes an order stand out now, with the words that say so."""

    nudge: bool
    unpaid_text: str
    stuck: bool
    case_open: bool
    presale_due: bool


def order_marks(order: OrderInfo, now: datetime, rules: OrderRules) -> OrderMarks:
    unpaid_text = ""
    if order.status == "unpaid":
        h, m = hours_minutes(now - order.created_at)
        unpaid_text = QCoreApplication.translate("CustomerPanel", "Unpaid for {duration}").format(
            duration=duration_text(h, m)
        )
    stuck = any(
        is_stuck(s.state, s.last_event_at, s.created_at, now, rules.stuck_after) for s in order.shipments
    )
    presale_due = False
    if order.presale is not None:
        p = order.presale
        state = presale_state(
            p.balance_due_from, p.balance_due_until, p.balance_paid_at, now, rules.presale_soon
        )
        presale_due = balance_due_soon(state)
    return OrderMarks(
        nudge=is_nudge_candidate(order.status, order.created_at, now, rules.nudge_min, rules.nudge_max),
        unpaid_text=unpaid_text,
        stuck=stuck,
        case_open=any(is_aftersale_open(a.state) for a in order.aftersales),
        presale_due=presale_due,
    )


class _Labels:
    """Translated words looked up once per rendering, not once per row."""

    def __init__(self) -> None:
        self.nudge = QCoreApplication.translate("CustomerPanel", "Nudge to pay")
        self.balance_due = QCoreApplication.translate("CustomerPanel", "Balance due")
        self.stuck = QCoreApplication.translate("CustomerPanel", "Parcel stuck")
        self.case_open = QCoreApplication.translate("CustomerPanel", "After-sale open")
        self.open = QCoreApplication.translate("CustomerPanel", "Open")
        self.expand_hint = QCoreApplication.translate(
            "CustomerPanel", "Expand for items, payment, shipping and after-sale"
        )
        self._cache: dict[tuple[str, str], str] = {}

    def _get(self, kind: str, value: str, fn: Callable[[str], str]) -> str:
        key = (kind, value)
        text = self._cache.get(key)
        if text is None:
            text = self._cache[key] = fn(value)
        return text

    def order(self, status: str) -> str:
        return self._get("order", status, order_status_label)

    def parcel(self, state: str) -> str:
        return self._get("parcel", state, parcel_state_label)

    def case_kind(self, kind: str) -> str:
        return self._get("kind", kind, aftersale_kind_label)

    def case_state(self, state: str) -> str:
        return self._get("state", state, aftersale_state_label)


Mark = str  # "nudge", "stuck", "case" or "" (no mark)
#: mark -> (background, text) colour names of the active theme (``workstation.views.theme``)
_MARKS: dict[str, tuple[str, str]] = {
    "nudge": ("nudge_bg", "nudge_fg"),
    "stuck": ("stuck_bg", "stuck_fg"),
    "case": ("case_bg", "case_fg"),
}


def _brush(mark: str, which: int) -> QBrush:
    return theme.brush(_MARKS[mark][which])


class Node:
    """One row of a ``NodeModel``: the text (column 0), the amount or time (column 1), a mark, a
    key (an order id, or ``(buyer_id, order_id)`` in search results) and children, built on first
    use when ``build`` is given (an order's details are built when it is expanded)."""

    __slots__ = (
        "build",
        "children",
        "enabled",
        "fill",
        "key",
        "mark",
        "parent",
        "row",
        "side",
        "text",
        "tip",
    )

    def __init__(
        self,
        text: str,
        side: str = "",
        *,
        mark: Mark = "",
        key: Any = None,
        tip: str = "",
        children: list[Node] | None = None,
        build: Callable[[], list[Node]] | None = None,
        enabled: bool = True,
        fill: Callable[[Node], None] | None = None,
    ) -> None:
        self.text = text
        self.side = side
        self.mark = mark
        self.key = key
        self.tip = tip
        self.children = children
        self.build = build
        self.enabled = enabled
        #: sets text, side, mark and tip when the row is first shown (a buyer's 500 orders are
        #: listed at once, but only the rows on screen are ever formatted)
        self.fill = fill
        self.parent: Node | None = None
        self.row = 0

    def ensure(self) -> Node:
        fill = self.fill
        if fill is not None:
            self.fill = None
            fill(self)
        return self


def _adopt(parent: Node | None, nodes: list[Node]) -> list[Node]:
    for row, node in enumerate(nodes):
        node.parent = parent
        node.row = row
    return nodes


_Index = QModelIndex | QPersistentModelIndex


class NodeModel(QAbstractItemModel):
    """A tree of ``Node`` objects, two columns; children built lazily (see ``Node.build``)."""

    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.roots: list[Node] = []
        #: a line under a top row's text and an icon, by the row's key, or None (the order-note
        #: marks of ``note_editor.OrderNoteMarks``: flag colour and the note's first line)
        self.row_extra: Callable[[Any], tuple[str, Any] | None] | None = None

    def set_roots(self, nodes: list[Node]) -> None:
        self.beginResetModel()
        self.roots = _adopt(None, nodes)
        self.endResetModel()

    def node(self, index: _Index) -> Node | None:
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, Node) else None

    def _children(self, node: Node | None) -> list[Node]:
        if node is None:
            return self.roots
        if node.children is None:
            node.children = _adopt(node, node.build() if node.build is not None else [])
        return node.children

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(self.headers) or row < 0:
            return QModelIndex()
        siblings = self._children(self.node(parent))
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(self.node(parent)))

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        node = self.node(parent)
        if node is None:
            return not parent.isValid() and bool(self.roots)
        if parent.column() != 0:
            return False
        return bool(node.children) if node.children is not None else node.build is not None

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None or not node.enabled:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        if role == ROLE_KEY:
            return node.key
        node.ensure()
        column = index.column()
        if column == 0 and node.parent is None and self.row_extra is not None:
            extra = self.row_extra(node.key)
            if extra is not None:
                if role == Qt.ItemDataRole.DisplayRole:
                    return f"{node.text}\n{extra[0]}" if extra[0] else node.text
                if role == Qt.ItemDataRole.DecorationRole:
                    return extra[1]
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text if column == 0 else node.side
        if role == Qt.ItemDataRole.ToolTipRole:
            return (node.tip or node.text) if column == 0 else (node.side or None)
        if role == Qt.ItemDataRole.BackgroundRole and node.mark:
            return _brush(node.mark, 0)
        if role == Qt.ItemDataRole.ForegroundRole and node.mark:
            return _brush(node.mark, 1)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return None


def full_address(short: str, revealed: str) -> str:
    """The revealed address with its province and city (the server answers the street part; the
    cache has province and city as ``address_short``)."""
    revealed = revealed.strip()
    if not short or revealed.startswith(short):
        return revealed
    return short + revealed


def _plain(text: str) -> str:
    """One line of buyer-supplied text for a tree cell (items show plain text; newlines folded)."""
    return " ".join(text.split())


class CustomerPanel(QWidget):
    """The customer dock's widget. Follows the open conversation; search opens any buyer/order."""

    #: a short note for the status bar (copied, revealed, refused)
    message = Signal(str)
    #: a buyer was loaded and shown (their id)
    customer_shown = Signal(int)
    #: a search answered (the query as searched)
    searched = Signal(str)
    #: a reveal finished (field) — shown in place
    revealed = Signal(str)
    #: the agent asked for the selected order's note editor (order id, order number)
    note_requested = Signal(int, str)

    def __init__(
        self,
        background: Background,
        engine: Engine | None,
        *,
        user_id: int | None = None,
        permissions: Callable[[], Sequence[str]] | None = None,
        api: Any = None,
        rules: OrderRules = DEFAULT_RULES,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("customerPanel")
        self.background = background
        self.engine = engine
        self.user_id = user_id
        self._permissions = permissions or (lambda: ())
        self._cached_permissions: tuple[str, ...] = ()
        self.api = api
        self.rules = rules
        self.index = BuyerIndex(engine) if engine is not None else None
        self.data: CustomerData | None = None
        #: the buyer of the open conversation (Esc in search returns to them)
        self.conversation_buyer_id: int | None = None
        self.buyer_id: int | None = None
        self._focus_order: int | None = None
        self._generation = 0
        self._search_generation = 0
        self._revealed: dict[str, str] = {}
        self._index_busy = False
        self._index_full = False
        self._index_changed: set[str] = set()
        #: order id -> revealed receiver address (this view only, like ``_revealed``)
        self._revealed_orders: dict[int, str] = {}

        self._build_search()
        self._build_card()
        self._build_tabs()
        self._build_actions()

        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(4)
        content_layout.addWidget(self.card)
        content_layout.addWidget(self.tabs, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(content)
        self.stack.addWidget(self.results)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.search_box)
        layout.addWidget(self.stack, 1)

        # "unpaid for 2 h 15 min" and the stuck marks move with the clock.
        self.clock = QTimer(self)
        self.clock.setInterval(60_000)
        self.clock.timeout.connect(self._rerender)
        self.clock.start()
        # The search index follows sync after a burst of pages has passed, not after each page
        # (a first sync brings a page every second; each update is Python work on a worker that
        # competes with the UI thread for the GIL).
        self._index_settle = QTimer(self)
        self._index_settle.setSingleShot(True)
        self._index_settle.setInterval(INDEX_SETTLE_MS)
        self._index_settle.timeout.connect(self._update_index)
        self._show_empty()
        # The search index is built before the first keystroke (a search before it is ready waits).
        self._index_full = True
        self._update_index()

    # ------------------------------------------------------------------ construction

    def _build_search(self) -> None:
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("customerSearch")
        self.search_box.setAccessibleName(self.tr("Search orders and buyers"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(self.tr("Order no., tracking no., phone or nickname (Ctrl+K)"))
        self.search_box.setToolTip(
            self.tr(
                "Searches the local cache, also offline: order number (or its first 6 digits), tracking "
                "number, full phone number or its last 4 digits, nickname or name.\n"
                "↑/↓ choose, Enter opens, Esc returns to the conversation's buyer."
            )
        )
        self.search_box.textChanged.connect(self._on_query_changed)
        self.search_box.installEventFilter(self)
        self.results = QTreeView(self)
        self.results.setObjectName("searchResults")
        self.results_model = NodeModel(["", ""], self.results)
        self.results.setModel(self.results_model)
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(True)
        self.results.setUniformRowHeights(True)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # One column: a second one sized to its contents made every expandAll() measure every row
        # (60 ms for 50 buyers).
        self.results.setColumnHidden(1, True)
        self.results.header().setStretchLastSection(True)
        self.results.activated.connect(self._open_result)
        self.results.installEventFilter(self)

    def _build_card(self) -> None:
        self.card = QFrame(self)
        self.card.setObjectName("buyerCard")
        self.card.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self.card)
        self.title.setObjectName("buyerTitle")
        font = QFont(self.title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.name = QLabel(self.card)
        self.phone = QLabel(self.card)
        self.phone.setObjectName("buyerPhone")
        self.address = QLabel(self.card)
        self.address.setObjectName("buyerAddress")
        self.address.setWordWrap(True)
        self.vip = QLabel(self.card)
        self.tags = QLabel(self.card)
        self.tags.setWordWrap(True)
        self.lifetime = QLabel(self.card)
        self.lifetime.setObjectName("buyerLifetime")
        for label in (self.title, self.name, self.phone, self.address, self.vip, self.tags, self.lifetime):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reveal_phone_button = QPushButton(self.tr("Show"), self.card)
        self.reveal_phone_button.setObjectName("revealPhoneButton")
        self.reveal_address_button = QPushButton(self.tr("Show"), self.card)
        self.reveal_address_button.setObjectName("revealAddressButton")
        for reveal_button, fld in (
            (self.reveal_phone_button, "phone"),
            (self.reveal_address_button, "address"),
        ):
            reveal_button.setAutoDefault(False)
            reveal_button.clicked.connect(lambda _checked=False, f=fld: self.ask_reveal(f))
        grid = QGridLayout(self.card)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.title, 0, 0, 1, 3)
        rows: list[tuple[str, QLabel, QPushButton | None]] = [
            (self.tr("Name"), self.name, None),
            (self.tr("Phone"), self.phone, self.reveal_phone_button),
            (self.tr("Address"), self.address, self.reveal_address_button),
            (self.tr("VIP level"), self.vip, None),
            (self.tr("Tags"), self.tags, None),
            (self.tr("Lifetime"), self.lifetime, None),
        ]
        for row, (caption, label, button) in enumerate(rows, start=1):
            cap = QLabel(caption, self.card)
            cap.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(cap, row, 0)
            grid.addWidget(label, row, 1)
            if button is not None:
                grid.addWidget(button, row, 2)
        grid.setColumnStretch(1, 1)

    def _tree(self, name: str, headers: list[str], label: str) -> tuple[QTreeView, NodeModel]:
        """Two columns fit a narrow dock: what (top rows on two lines), and amount or time.
        ``label`` names the list for screen readers."""
        view = QTreeView(self)
        view.setObjectName(name)
        view.setAccessibleName(label)
        model = NodeModel(headers, view)
        view.setModel(model)
        # Rows differ in height (top rows have two lines). Scrolling per item lets the view lay out
        # only the rows on screen; per pixel, and a column sized to its contents, made it measure
        # (and format) all 500 orders of a big buyer before the first paint (~350 ms).
        view.setUniformRowHeights(False)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        metrics = view.fontMetrics()
        header.resizeSection(
            1, max(metrics.horizontalAdvance("¥888,888.00"), metrics.horizontalAdvance("11-22 18:44")) + 20
        )
        return view, model

    def _build_tabs(self) -> None:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("customerTabs")
        # 客户
        self.profile = QLabel(self)
        self.profile.setObjectName("buyerProfile")
        self.profile.setTextFormat(Qt.TextFormat.PlainText)
        self.profile.setWordWrap(True)
        self.profile.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.profile.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.profile.setMargin(6)
        # 订单
        orders_page = QWidget(self)
        self.orders, self.orders_model = self._tree(
            "ordersTree", [self.tr("Order"), self.tr("Amount")], self.tr("Orders")
        )
        self.orders.expanded.connect(self._on_order_expanded)
        self._paint_hook: Callable[[], None] | None = None
        self.orders.viewport().installEventFilter(self)
        self.copy_bar = QHBoxLayout()
        self.copy_bar.setContentsMargins(0, 0, 0, 0)
        orders_layout = QVBoxLayout(orders_page)
        orders_layout.setContentsMargins(0, 4, 0, 0)
        orders_layout.addLayout(self.copy_bar)
        orders_layout.addWidget(self.orders, 1)
        # 物流
        self.parcels, self.parcels_model = self._tree(
            "parcelsTree", [self.tr("Parcel"), self.tr("Last update")], self.tr("Parcels")
        )
        # 售后
        self.cases, self.cases_model = self._tree(
            "casesTree", [self.tr("Case"), self.tr("Amount")], self.tr("After-sale cases")
        )
        self.tabs.addTab(self.profile, self.tr("Customer"))
        self.tabs.addTab(orders_page, self.tr("Orders"))
        self.tabs.addTab(self.parcels, self.tr("Shipping"))
        self.tabs.addTab(self.cases, self.tr("After-sale"))
        self.tabs.setCurrentIndex(1)
        # The shipping and after-sale tabs are built when first looked at (not for the first paint).
        self.tabs.currentChanged.connect(self._render_side_tabs)
        self._side_tabs_stale = True

    def _action(self, name: str, text: str, shortcut: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({keys})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.focus_search_action = self._action(
            "focusCustomerSearchAction", self.tr("Search orders and buyers"), "Ctrl+K", self.focus_search
        )
        self.copy_order_action = self._action(
            "copyOrderNoAction", self.tr("Copy order number"), "Ctrl+Shift+C", self.copy_order_no
        )
        self.copy_tracking_action = self._action(
            "copyTrackingAction", self.tr("Copy tracking number"), "Ctrl+Shift+T", self.copy_tracking_no
        )
        self.copy_address_action = self._action(
            "copyAddressAction", self.tr("Copy address"), "Ctrl+Shift+A", self.copy_address
        )
        self.note_action = self._action(
            "orderNoteAction", self.tr("Order note"), "Ctrl+Shift+N", self.request_note
        )
        for action in (
            self.copy_order_action,
            self.copy_tracking_action,
            self.copy_address_action,
            self.note_action,
        ):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.copy_bar.addWidget(button)
        self.copy_bar.addStretch(1)
        # The receiver's full address of an order: in the order list's context menu (the bar above
        # it is full in a narrow dock), beside the copy actions.
        self.reveal_order_action = QAction(self.tr("Show the full receiver address…"), self)
        self.reveal_order_action.setObjectName("revealOrderAddressAction")
        self.reveal_order_action.setToolTip(
            self.tr(
                "Ask the server for the selected order's full receiver address (recorded with your reason)"
            )
        )
        self.reveal_order_action.triggered.connect(self.ask_reveal_order_address)
        self.orders.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.orders.addActions(
            [
                self.copy_order_action,
                self.copy_tracking_action,
                self.copy_address_action,
                self.reveal_order_action,
            ]
        )

    # ------------------------------------------------------------------ what to show

    def show_conversation(self, conversation_id: int | None) -> None:
        """Follow the open conversation: show its buyer (looked up in the cache on a worker)."""
        if conversation_id is None or self.engine is None:
            return
        engine = self.engine

        def found(buyer_id: int | None) -> None:
            self.conversation_buyer_id = buyer_id

        # A conversation not cached yet keeps what is shown.
        self._open(lambda: buyer_of_conversation(engine, conversation_id), None, found)

    def show_buyer(self, buyer_id: int, order_id: int | None = None) -> None:
        """Show a buyer (from search or a work list), with ``order_id`` expanded and selected."""
        self._open(lambda: buyer_id, order_id, None)

    def _open(
        self,
        resolve: Callable[[], int | None],
        order_id: int | None,
        found: Callable[[int | None], None] | None,
    ) -> None:
        """Read the buyer's newest ``FIRST_PAGE`` orders and show them, then the rest: the first
        paint of a buyer with 500 orders waits for 60 of them, not all."""
        if self.engine is None:
            return
        engine = self.engine
        self._generation += 1
        generation = self._generation

        def work() -> tuple[CustomerData, tuple[str, ...]] | None:
            buyer_id = resolve()
            if buyer_id is None:
                return None
            return load_customer(engine, buyer_id, limit=FIRST_PAGE), self._read_permissions(engine)

        def done(result: tuple[CustomerData, tuple[str, ...]] | None) -> None:
            if generation != self._generation:
                return
            if found is not None:
                found(result[0].buyer_id if result is not None else None)
            if result is None:
                return
            data, perms = result
            self._cached_permissions = perms
            focus = order_id if order_id is None or data.order(order_id) is not None else None
            self._show_data(data, focus)
            if not data.complete:
                rest = order_id if focus is None else None
                self._after_paint(lambda: self._load_rest(data.buyer_id, rest, generation))

        self.background.run(
            work, done, lambda exc: self._on_failed(generation, exc), name="customers.load", owner=self
        )

    def _after_paint(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once the order list has painted (or after 200 ms if it does not paint, e.g.
        while the dock is hidden). Reading the rest of the orders on a worker while Qt paints the
        first page made the paint wait for the GIL at every ``data()`` call (3-6x slower)."""
        done = [False]

        def once() -> None:
            if not done[0]:
                done[0] = True
                fn()

        self._paint_hook = once
        QTimer.singleShot(200, once)

    def _load_rest(self, buyer_id: int, order_id: int | None, generation: int) -> None:
        engine = self.engine
        if engine is None:
            return

        def done(data: CustomerData) -> None:
            if generation != self._generation or buyer_id != self.buyer_id:
                return
            self._show_data(data, order_id, keep_state=True)

        self.background.run(
            lambda: load_customer(engine, buyer_id),
            done,
            lambda exc: self._on_failed(generation, exc),
            name="customers.load_rest",
            owner=self,
        )

    def reload(self) -> None:
        """Read the shown buyer again; the screen is rebuilt only when something changed."""
        if self.buyer_id is None or self.engine is None:
            return
        engine, buyer_id = self.engine, self.buyer_id
        self._generation += 1
        generation = self._generation

        def work() -> tuple[CustomerData, tuple[str, ...]]:
            return load_customer(engine, buyer_id), self._read_permissions(engine)

        def done(result: tuple[CustomerData, tuple[str, ...]]) -> None:
            if generation != self._generation or buyer_id != self.buyer_id:
                return
            data, perms = result
            perms_changed = perms != self._cached_permissions
            self._cached_permissions = perms
            if data != self.data:
                self._show_data(data, None, keep_state=True)
            elif perms_changed:
                self._update_reveal_buttons()

        self.background.run(
            work, done, lambda exc: self._on_failed(generation, exc), name="customers.reload", owner=self
        )

    def _read_permissions(self, engine: Engine) -> tuple[str, ...]:
        """My permissions as the last sync brought them (a grant arrives without a new login)."""
        if self.user_id is None:
            return ()
        import json

        with engine.connect() as conn:
            raw = conn.exec_driver_sql(
                "SELECT permissions FROM colleague WHERE id = ?", (self.user_id,)
            ).scalar()
        try:
            value = json.loads(raw) if isinstance(raw, str) else raw
        except ValueError:
            return ()
        return tuple(str(p) for p in value) if isinstance(value, list) else ()

    def on_changes(self, summary: Any) -> None:
        """Sync brought changes (``workstation.sync.ChangeSummary``): refresh what they touch."""
        ids: dict[str, set[str]] = summary.ids
        if summary.reset:
            self._index_full = True  # the cache was filled or rebuilt: read every buyer again
        elif ids.get("buyer"):
            self._index_changed.update(ids["buyer"])
            if len(self._index_changed) > INDEX_REBUILD_AT:
                self._index_full, self._index_changed = True, set()  # one rebuild beats an overlay
        if (self._index_full or self._index_changed) and not getattr(summary, "filling", False):
            self._index_settle.start()
        if self.buyer_id is None:
            return
        data = self.data
        relevant = summary.reset or str(self.buyer_id) in ids.get("buyer", set()) or bool(ids.get("user"))
        if not relevant and (ids.get("order") or ids.get("shipment") or ids.get("aftersale")):
            # A new order of this buyer has an id we do not know yet: any order change reloads
            # (one indexed query and a comparison; nothing is rebuilt when nothing changed).
            relevant = True
        if relevant or data is None:
            self.reload()

    def _update_index(self) -> None:
        """Bring the search index up to date on a worker, one update at a time: changes that
        arrive meanwhile are gathered for the next (a first sync reports every few seconds)."""
        index = self.index
        if index is None or self._index_busy or not (self._index_full or self._index_changed):
            return
        full, changed = self._index_full, list(self._index_changed)
        self._index_full, self._index_changed = False, set()
        self._index_busy = True
        if full:
            index.mark_stale()  # a search meanwhile waits for this build

        def work() -> None:
            if full:
                index.refresh()
            else:
                index.apply_changes(changed)

        def finished(_result: object = None) -> None:
            self._index_busy = False
            self._update_index()

        def failed(exc: BaseException) -> None:
            self._on_index_failed(exc)
            finished()

        self.background.run(work, finished, failed, name="customers.index", owner=self)

    def set_rules(self, rules: OrderRules) -> None:
        self.rules = rules
        self._rerender()

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        log.warning("reading the customer from the cache failed: %s", exc)
        self.message.emit(
            self.tr("Could not read the customer from the local cache: {error}").format(error=exc)
        )

    def _on_index_failed(self, exc: BaseException) -> None:
        log.warning("building the buyer search index failed: %s", exc)

    # ------------------------------------------------------------------ rendering

    def _show_empty(self) -> None:
        self.title.setText(self.tr("No buyer selected"))
        for label in (self.name, self.phone, self.address, self.vip, self.tags, self.lifetime):
            label.setText("—")
        self.profile.setText(
            self.tr("Open a conversation, or search for an order, phone number or nickname.")
        )
        for model in (self.orders_model, self.parcels_model, self.cases_model):
            model.set_roots([])
        self._update_reveal_buttons()

    def _show_data(self, data: CustomerData, order_id: int | None, keep_state: bool = False) -> None:
        expanded: set[int] = set()
        current: int | None = None
        scroll = 0
        if keep_state and self.data is not None and data.buyer_id == self.buyer_id:
            model = self.orders_model
            for row, node in enumerate(model.roots):
                if node.children is not None and self.orders.isExpanded(model.index(row, 0)):
                    expanded.add(node.key)
            current = self._current_order_id()
            scroll = self.orders.verticalScrollBar().value()
        if data.buyer_id != self.buyer_id:
            self._revealed.clear()  # a reveal is for the buyer on screen only
            self._revealed_orders.clear()
        self.data = data
        self.buyer_id = data.buyer_id
        self._render(expanded, current if order_id is None else order_id)
        if order_id is not None:
            self.tabs.setCurrentIndex(1)
        elif keep_state:
            self.orders.verticalScrollBar().setValue(scroll)
        self.customer_shown.emit(data.buyer_id)

    def _rerender(self) -> None:
        if self.data is not None:
            self._show_data(self.data, None, keep_state=True)

    def _render(self, expanded: set[int], current: int | None) -> None:
        data = self.data
        if data is None:
            self._show_empty()
            return
        now = utcnow_naive()
        self._render_card(data)
        labels = _Labels()
        nodes = [self._order_node(order, now, labels) for order in data.orders]
        if not data.orders:
            nodes = [Node(self.tr("No orders in the local cache"), enabled=False)]
        model = self.orders_model
        model.set_roots(nodes)
        for row, node in enumerate(nodes):
            if node.key is not None and (node.key in expanded or node.key == current):
                index = model.index(row, 0)
                self.orders.expand(index)
                if node.key == current:
                    self.orders.setCurrentIndex(index)
                    self.orders.scrollTo(index)
        self._side_tabs_stale = True
        self._render_side_tabs()
        self._update_reveal_buttons()

    def _render_side_tabs(self, *_args: object) -> None:
        """Shipping and after-sale: built when one of them is shown, or for the case count."""
        data = self.data
        if data is None:
            return
        open_count = sum(1 for a in data.aftersales if is_aftersale_open(a.state))
        label = self.tr("After-sale")
        self.tabs.setTabText(3, f"{label} ({open_count})" if open_count else label)
        if not self._side_tabs_stale or self.tabs.currentIndex() not in (2, 3):
            return
        self._side_tabs_stale = False
        now = utcnow_naive()
        labels = _Labels()
        by_order = {o.id: o.order_no for o in data.orders}
        parcels = []
        for sh in sorted(data.shipments, key=lambda x: x.created_at or datetime.min, reverse=True):
            node = self._parcel_node(sh, now, labels)
            node.tip = (
                node.text + "\n" + self.tr("Order {no}").format(no=by_order.get(sh.order_id, sh.order_id))
            )
            parcels.append(node)
        self.parcels_model.set_roots(parcels or [Node(self.tr("No parcels"), enabled=False)])
        cases = [self._case_node(a, labels) for a in data.aftersales]
        self.cases_model.set_roots(cases or [Node(self.tr("No after-sale cases"), enabled=False)])

    def _render_card(self, data: CustomerData) -> None:
        p = data.profile
        if p is None:
            self.title.setText(self.tr("Buyer {id} (not in the local cache yet)").format(id=data.buyer_id))
            for label in (self.name, self.phone, self.address, self.vip, self.tags, self.lifetime):
                label.setText("—")
            self.profile.setText("")
            return
        self.title.setText(p.nickname or self.tr("Buyer {id}").format(id=p.id))
        self.name.setText(p.name or "—")
        self.phone.setText(self._revealed.get("phone") or p.phone_masked or "—")
        revealed_address = self._revealed.get("address")
        self.address.setText(
            full_address(p.address_short, revealed_address) if revealed_address else p.address_short or "—"
        )
        self.vip.setText(self.tr("VIP {level}").format(level=p.vip_level) if p.vip_level else self.tr("None"))
        self.tags.setText(" · ".join(p.tags) if p.tags else "—")
        self.lifetime.setText(
            self.tr("{count} orders · {spent}").format(
                count=p.order_count, spent=format_yuan(p.total_spent_fen)
            )
        )
        shop = p.shop_name + (f"({platform_label(p.platform)})" if p.platform else "")
        lines = [
            self.tr("Shop: {shop}").format(shop=shop or "—"),
            self.tr("First contact: {time}").format(time=local_time(p.first_contact_at, with_year=True)),
            self.tr("Last contact: {time}").format(time=local_time(p.last_contact_at, with_year=True)),
            self.tr("Order notes: {n}").format(n=p.notes_count),
            self.tr("Addresses used:"),
            *(f"  · {a}" for a in (p.addresses_short or (p.address_short,))),
        ]
        self.profile.setText("\n".join(lines))

    def _order_node(self, order: OrderInfo, now: datetime, labels: _Labels) -> Node:
        rules = self.rules

        def fill(node: Node) -> None:
            marks = order_marks(order, now, rules)
            words = [labels.order(order.status)]
            if marks.unpaid_text:
                words = [marks.unpaid_text]
            if marks.nudge:
                words.append(labels.nudge)
            if marks.presale_due:
                words.append(labels.balance_due)
            if marks.stuck:
                words.append(labels.stuck)
            if marks.case_open:
                words.append(labels.case_open)
            amount = order.paid_fen if order.paid_at is not None else order.amount_due_fen
            second = f"{local_time(order.created_at)} · " + " · ".join(words)
            node.text = f"{order.order_no}\n{second}"
            node.side = format_yuan(amount)
            node.tip = f"{node.text}\n{labels.expand_hint}"
            if marks.stuck:
                node.mark = "stuck"
            elif marks.nudge or marks.presale_due:
                node.mark = "nudge"
            elif marks.case_open:
                node.mark = "case"

        return Node(
            order.order_no, key=order.id, fill=fill, build=lambda: self._order_details(order, utcnow_naive())
        )

    def _on_order_expanded(self, index: QModelIndex) -> None:
        node = self.orders_model.node(index)
        if node is None or node.parent is not None or self.data is None:
            return
        order = self.data.order(node.key)
        # A short list of items is what the agent expands an order for: open it at once.
        if order is not None and 0 < len(order.items) <= 10:
            self.orders.expand(self.orders_model.index(0, 0, index))

    def _row(self, label: str, detail: str = "", side: str = "", mark: Mark = "", key: Any = None) -> Node:
        """A detail row on one line: label and detail, then the amount or time on the right."""
        return Node(f"{label}  {detail}" if detail else label, side, mark=mark, key=key)

    def _receiver_text(self, order: OrderInfo) -> str:
        address = order.address_short
        revealed = self._revealed_orders.get(order.id)
        if revealed is not None:
            address = full_address(order.address_short, revealed)
        return " ".join(x for x in (order.receiver_name, order.receiver_phone_masked, address) if x)

    def _order_details(self, order: OrderInfo, now: datetime) -> list[Node]:
        labels = _Labels()
        rows: list[Node] = []
        item_rows = []
        for it in order.items:
            title = _plain(it.title)
            if it.specs:
                title += f" [{_plain(it.specs)}]"
            item_rows.append(self._row(title, f"{it.sku} × {it.quantity}", format_yuan(it.unit_price_fen)))
        items = self._row(
            self.tr("Items ({n})").format(n=len(order.items)), "", format_yuan(order.item_total_fen)
        )
        items.children = _adopt(items, item_rows)
        rows.append(items)
        for d in order.discounts:
            rows.append(
                self._row(
                    self.tr("Discount: {label}").format(label=_plain(d.label)), "", format_yuan(-d.amount_fen)
                )
            )
        if order.shipping_fee_fen:
            rows.append(self._row(self.tr("Shipping fee"), "", format_yuan(order.shipping_fee_fen)))
        if order.paid_at is not None:
            rows.append(self._row(self.tr("Paid"), local_time(order.paid_at), format_yuan(order.paid_fen)))
        elif order.status == "unpaid":
            marks = order_marks(order, now, self.rules)
            status = marks.unpaid_text + (" · " + labels.nudge if marks.nudge else "")
            rows.append(
                self._row(self.tr("Payment"), status, format_yuan(order.amount_due_fen), mark="nudge")
            )
        if order.presale is not None:
            p = order.presale
            state = presale_state(
                p.balance_due_from, p.balance_due_until, p.balance_paid_at, now, self.rules.presale_soon
            )
            deposit = (
                self.tr("paid {time}").format(time=local_time(p.deposit_paid_at))
                if p.deposit_paid_at
                else self.tr("not paid")
            )
            rows.append(self._row(self.tr("Presale deposit"), deposit, format_yuan(p.deposit_fen)))
            states = {
                "paid": self.tr("Balance paid {time}").format(time=local_time(p.balance_paid_at)),
                "upcoming": self.tr("Balance window not open yet"),
                "due_soon": self.tr("Balance window opens soon"),
                "open": self.tr("Balance due now"),
                "overdue": self.tr("Balance window passed unpaid"),
            }
            window = self.tr("Balance {start} – {end}").format(
                start=local_time(p.balance_due_from), end=local_time(p.balance_due_until)
            )
            urgent = balance_due_soon(state) or state == "overdue"
            rows.append(
                self._row(window, states[state], format_yuan(p.balance_fen), mark="nudge" if urgent else "")
            )
        if order.promised_ship_at is not None:
            rows.append(self._row(self.tr("Promised shipping by"), local_time(order.promised_ship_at)))
        rows.append(self._row(self.tr("Ship to"), _plain(self._receiver_text(order)) or "—", key="ship_to"))
        if order.buyer_message:
            rows.append(self._row(self.tr("Buyer's message"), _plain(order.buyer_message)))
        for sh in order.shipments:
            rows.append(self._parcel_node(sh, now, labels))
        for a in order.aftersales:
            rows.append(self._case_node(a, labels))
        return rows

    def _parcel_node(self, sh: ShipmentInfo, now: datetime, labels: _Labels) -> Node:
        stuck = is_stuck(sh.state, sh.last_event_at, sh.created_at, now, self.rules.stuck_after)
        status = labels.parcel(sh.state)
        if stuck:
            h, m = hours_minutes(now - (sh.last_event_at or sh.created_at or now))
            status = (
                self.tr("Stuck: no update for {duration}").format(duration=duration_text(h, m))
                + " · "
                + status
            )
        events = []
        for e in sh.events:
            where = f"{_plain(e.place)} " if e.place else ""
            events.append(self._row(where + _plain(e.text), "", local_time(e.at)))
        node = Node(
            f"{carrier_name(sh.carrier)} {sh.tracking_no}\n{status}",
            local_time(sh.last_event_at),
            mark="stuck" if stuck else "",
        )
        node.children = _adopt(node, events)
        return node

    def _case_node(self, a: AfterSaleInfo, labels: _Labels) -> Node:
        kind = labels.case_kind(a.kind)
        text = f"{kind}: {_plain(a.reason)}" if a.reason else kind
        open_ = is_aftersale_open(a.state)
        status = labels.case_state(a.state)
        if open_:
            status = labels.open + " · " + status
        timeline = []
        for e in a.timeline:
            actor = f" ({e.actor})" if e.actor else ""
            timeline.append(self._row(_plain(e.text) + actor, "", local_time(e.at)))
        node = Node(
            f"{text}\n{local_time(a.updated_at)} · {status}",
            format_yuan(a.amount_fen),
            mark="case" if open_ else "",
        )
        node.children = _adopt(node, timeline)
        return node

    # ------------------------------------------------------------------ copy

    def _current_order_id(self) -> int | None:
        node = self.orders_model.node(self.orders.currentIndex())
        while node is not None and node.parent is not None:
            node = node.parent
        if node is None:
            return None
        return node.key if isinstance(node.key, int) else None

    def request_note(self) -> None:
        """Open the note editor of the selected order (else the newest; see ``note_editor``)."""
        order = self.current_order()
        if order is None:
            self.message.emit(self.tr("No order selected"))
            return
        self.note_requested.emit(order.id, order.order_no)

    def current_order(self) -> OrderInfo | None:
        """The selected order, else the newest one."""
        if self.data is None or not self.data.orders:
            return None
        oid = self._current_order_id()
        return (self.data.order(oid) if oid is not None else None) or self.data.orders[0]

    def _copy(self, text: str, what: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.message.emit(self.tr("Copied {what}: {text}").format(what=what, text=text))

    def copy_order_no(self) -> None:
        order = self.current_order()
        if order is None:
            self.message.emit(self.tr("No order to copy"))
            return
        self._copy(order.order_no, self.tr("order number"))

    def copy_tracking_no(self) -> None:
        order = self.current_order()
        parcels = list(order.shipments) if order is not None else []
        if not parcels and self.data is not None:
            parcels = self.data.shipments
        if not parcels:
            self.message.emit(self.tr("No tracking number to copy"))
            return
        newest = max(parcels, key=lambda s: s.created_at or datetime.min)
        self._copy(newest.tracking_no, self.tr("tracking number"))

    def copy_address(self) -> None:
        order = self.current_order()
        if order is not None:
            text = self._receiver_text(order)
        elif self.data is not None and self.data.profile is not None:
            p = self.data.profile
            text = " ".join(
                x
                for x in (
                    p.name,
                    self._revealed.get("phone") or p.phone_masked,
                    full_address(p.address_short, self._revealed["address"])
                    if "address" in self._revealed
                    else p.address_short,
                )
                if x
            )
        else:
            text = ""
        if not text:
            self.message.emit(self.tr("No address to copy"))
            return
        self._copy(text, self.tr("address"))

    # ------------------------------------------------------------------ reveal

    def can_reveal(self) -> bool:
        perms = set(self._permissions()) | set(self._cached_permissions)
        return REVEAL_PERMISSION in perms and self.api is not None

    def _update_reveal_buttons(self) -> None:
        has_buyer = self.data is not None and self.data.profile is not None
        allowed = self.can_reveal()
        self.reveal_order_action.setEnabled(allowed and self.data is not None and bool(self.data.orders))
        for button, fld in ((self.reveal_phone_button, "phone"), (self.reveal_address_button, "address")):
            button.setEnabled(has_buyer and allowed and fld not in self._revealed)
            if not allowed:
                button.setToolTip(self.tr("Needs the “reveal contact” permission, granted by a supervisor"))
            else:
                button.setToolTip(self.tr("Ask the server for the full value (recorded with your reason)"))

    def ask_reveal_order_address(self) -> QInputDialog | None:
        """The full receiver address of the selected (or newest) order."""
        order = self.current_order()
        if order is None:
            self.message.emit(self.tr("No order selected"))
            return None
        return self.ask_reveal("address", order.id)

    def ask_reveal(self, fld: str, order_id: int | None = None) -> QInputDialog | None:
        """Ask for a reason, then reveal ``fld`` (``phone`` or ``address``) of the shown buyer, or
        of one of their orders' receiver."""
        if not self.can_reveal() or self.buyer_id is None:
            return None
        dialog = QInputDialog(self)
        dialog.setObjectName("revealReasonDialog")
        dialog.setWindowTitle(self.tr("Show full contact"))
        dialog.setLabelText(self.tr("Why do you need the full value? (recorded on the server)"))
        dialog.setTextValue("")
        buyer_id = self.buyer_id
        dialog.textValueSelected.connect(lambda reason: self.reveal(buyer_id, fld, reason, order_id))
        dialog.open()
        return dialog

    def reveal(self, buyer_id: int, fld: str, reason: str, order_id: int | None = None) -> None:
        reason = reason.strip()
        if not reason:
            self.message.emit(self.tr("A reason is needed to show the full value."))
            return
        api = self.api
        self.message.emit(self.tr("Asking the server…"))

        def done(resp: Any) -> None:
            if buyer_id != self.buyer_id:
                return  # another buyer is on screen now: the value is not shown (nor kept)
            if order_id is not None:
                self._revealed_orders[order_id] = str(resp.value)
                self._show_receiver(order_id)
                self.message.emit(self.tr("Shown for this buyer only; the reveal was recorded."))
                self.revealed.emit(fld)
                return
            self._revealed[fld] = str(resp.value)
            if fld == "phone":
                self.phone.setText(self._revealed[fld])
            else:
                short = self.data.profile.address_short if self.data and self.data.profile else ""
                self.address.setText(full_address(short, self._revealed[fld]))
            self._update_reveal_buttons()
            self.message.emit(self.tr("Shown for this buyer only; the reveal was recorded."))
            self.revealed.emit(fld)

        self.background.run(
            lambda: api.reveal(buyer_id, fld, order_id=order_id, reason=reason[:200]),
            done,
            self._reveal_failed,
            name="customers.reveal",
            owner=self,
        )

    def _show_receiver(self, order_id: int) -> None:
        """Put a revealed receiver address into the order's details and select it there."""
        model = self.orders_model
        order = self.data.order(order_id) if self.data is not None else None
        for row, node in enumerate(model.roots):
            if node.key != order_id or order is None:
                continue
            top = model.index(row, 0)
            self.orders.expand(top)
            for child_row in range(model.rowCount(top)):
                index = model.index(child_row, 0, top)
                child = model.node(index)
                if child is not None and child.key == "ship_to":
                    child.text = f"{self.tr('Ship to')}  {_plain(self._receiver_text(order))}"
                    model.dataChanged.emit(index, index)
                    self.orders.setCurrentIndex(index)
            return

    def _reveal_failed(self, exc: BaseException) -> None:
        from workstation.api import Forbidden, NotFound, Offline, ServerUnavailable

        if isinstance(exc, Offline | ServerUnavailable):
            text = self.tr("Offline: showing the full value needs the server. Try again when connected.")
        elif isinstance(exc, Forbidden):
            text = self.tr("The server refused: you do not have the “reveal contact” permission.")
        elif isinstance(exc, NotFound):
            text = self.tr("The server does not know this buyer.")
        else:
            text = self.tr("Could not show the full value: {error}").format(error=exc)
        self.message.emit(text)
        # Not logged with the value (there is none); the error text never contains it.
        log.info("reveal failed: %s", type(exc).__name__)

    # ------------------------------------------------------------------ search

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _on_query_changed(self, text: str) -> None:
        if not text.strip():
            self._search_generation += 1
            self.results_model.set_roots([])
            self.stack.setCurrentIndex(0)
            return
        if self.engine is None or self.index is None:
            return
        self._search_generation += 1
        generation, engine, index = self._search_generation, self.engine, self.index
        # Each keystroke searches (a few ms on a worker); an answer overtaken by a newer
        # keystroke is dropped.
        self.background.run(
            lambda: search(engine, index, text),
            lambda res: self._on_searched(generation, res),
            lambda exc: self._on_search_failed(generation, exc),
            name="customers.search",
            owner=self,
        )

    def _on_searched(self, generation: int, res: SearchResults) -> None:
        if generation != self._search_generation:
            return
        kinds = {
            "name": self.tr("nickname or name"),
            "phone": self.tr("phone"),
            "phone_last4": self.tr("last 4 digits of the phone"),
        }
        nodes: list[Node] = []
        possible_tip = self.tr(
            "Only the first 3 and last 4 digits of phones are known here, and several buyers share them: "
            "check the name."
        )
        for b in res.buyers:
            parts = (b.nickname or self.tr("Buyer {id}").format(id=b.buyer_id), b.name, b.phone_masked)
            who = " · ".join(x for x in parts if x)
            matched = sorted({kinds[h.kind] for h in b.hits if h.kind in kinds})
            if matched:
                who += "  (" + self.tr("matches {what}").format(what=", ".join(matched)) + ")"
            if b.possible:
                who += "  " + self.tr("possible match")
            children = []
            for h in b.hits:
                if h.kind == "order":
                    text = self.tr("Order {no}").format(no=h.text)
                elif h.kind == "tracking":
                    text = self.tr("Tracking number {no}").format(no=h.text)
                else:
                    continue
                children.append(Node(text, key=(b.buyer_id, h.order_id)))
            top = Node(_plain(who), key=(b.buyer_id, None), tip=possible_tip if b.possible else "")
            top.children = _adopt(top, children)
            nodes.append(top)
        if not res.buyers:
            nodes.append(Node(self.tr("Nothing found in the local cache"), enabled=False))
        elif res.truncated:
            nodes.append(Node(self.tr("More buyers match: type more to narrow the search"), enabled=False))
        model = self.results_model
        model.set_roots(nodes)
        self.results.expandAll()
        if nodes and nodes[0].enabled:
            first = model.index(0, 0)
            only_child = nodes[0].children is not None and len(nodes[0].children) == 1
            self.results.setCurrentIndex(model.index(0, 0, first) if only_child else first)
        self.stack.setCurrentIndex(1)
        self.searched.emit(res.query)

    def _on_search_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._search_generation:
            return
        log.warning("search failed: %s", exc)
        self.message.emit(self.tr("Search failed: {error}").format(error=exc))

    def _open_result(self, index: QModelIndex) -> None:
        node = self.results_model.node(index)
        key = node.key if node is not None else None
        if not isinstance(key, tuple):
            return
        buyer_id, order_id = key
        self.stack.setCurrentIndex(0)
        self.show_buyer(int(buyer_id), order_id)
        self.orders.setFocus(Qt.FocusReason.OtherFocusReason)

    def back_to_conversation(self) -> None:
        """Esc: leave the search and show the open conversation's buyer again."""
        self.search_box.clear()
        self.stack.setCurrentIndex(0)
        if self.conversation_buyer_id is not None and self.conversation_buyer_id != self.buyer_id:
            self.show_buyer(self.conversation_buyer_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._paint_hook is not None:
            hook, self._paint_hook = self._paint_hook, None
            QTimer.singleShot(0, hook)  # after this paint has finished
            return False
        if event.type() == QEvent.Type.KeyPress and watched in (self.search_box, self.results):
            if not isinstance(event, QKeyEvent):
                return super().eventFilter(watched, event)
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.back_to_conversation()
                return True
            if watched is self.search_box and self.stack.currentIndex() == 1:
                if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                    self._move_result(1 if key == Qt.Key.Key_Down else -1)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self._open_result(self.results.currentIndex())
                    return True
        return super().eventFilter(watched, event)

    def _move_result(self, step: int) -> None:
        current = self.results.currentIndex()
        if not current.isValid():
            target = self.results_model.index(0, 0)
        else:
            target = self.results.indexBelow(current) if step > 0 else self.results.indexAbove(current)
        if target.isValid() and target.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.results.setCurrentIndex(target)
