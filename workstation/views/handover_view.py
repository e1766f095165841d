"""Shift handover (交接班): write mine at the end of a shift, read the ones addressed to my shift.

Thin over ``workstation.handover``: the proposal (what is open: my unclosed conversations,
call-backs, stuck parcels, unpaid orders, open items carried over), the draft, publishing, the
acknowledgement and the item states are all written through the outbox on a worker, so a
handover is written offline like a note. Reads are the cache with this workstation's unsent
changes on top.

Tabs: 交班 (mine: proposed items, editable, save draft, publish), 接班 (incoming: items with their
links, mark done, 已阅), 已发出 (who read mine and when; supervisors see every handover of their
shops), 班次 (supervisors: the shop's shifts). ``HandoverBanner`` offers an unread handover in the
main window during the first hours of a shift.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimeEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from workstation import handover as core
from workstation.background import Background
from workstation.models.cache import Handover as CacheHandover
from workstation.models.cache import Order
from workstation.timeutil import to_aware_utc, utcnow
from workstation.views import theme
from workstation.views.labels import local_time
from wsprotocol import HANDOVER_ITEM_KINDS

if TYPE_CHECKING:
    from workstation.client import Client

log = logging.getLogger(__name__)

#: how long after a shift starts the main window offers an unread handover addressed to it
BANNER_HOURS = 3
#: the roles that see every handover of their shops and edit the shifts
SUPERVISOR_ROLES = ("supervisor", "admin")


def kind_label(kind: str) -> str:
    names = {
        "presale_due": QCoreApplication.translate("Handover", "Presale balance due"),
        "missed_shipment": QCoreApplication.translate("Handover", "Missed shipment"),
        "callback": QCoreApplication.translate("Handover", "Promised call-back"),
        "complaint": QCoreApplication.translate("Handover", "Open complaint"),
        "unpaid_nudge": QCoreApplication.translate("Handover", "Unpaid order to nudge"),
        "stuck_parcel": QCoreApplication.translate("Handover", "Stuck parcel"),
        "other": QCoreApplication.translate("Handover", "Other"),
    }
    return names.get(kind, kind)


def _local(moment: datetime | None) -> str:
    return local_time(moment, missing="")


def _person(p: Any) -> str:
    if p is None:
        return "—"
    if p.name and p.staff_id:
        return f"{p.name}({p.staff_id})"
    return str(p.name or p.staff_id or p.id)


def _link_text(item: Any) -> str:
    if item.order_id is not None:
        no = getattr(item, "order_no", "") or str(item.order_id)
        return QCoreApplication.translate("Handover", "Order {no}").format(no=no)
    if item.conversation_id is not None:
        return QCoreApplication.translate("Handover", "Conversation {id}").format(id=item.conversation_id)
    return ""


def input_error_text(exc: ValueError) -> str:
    """The translated sentence for a ``handover.HandoverInputError`` (its English text otherwise)."""
    code = getattr(exc, "code", "")
    detail: dict[str, Any] = getattr(exc, "detail", {}) or {}
    texts = {
        "empty_item": QCoreApplication.translate(
            "Handover", "Item {n} has no text: write what the next shift should do, or remove it."
        ),
        "item_too_long": QCoreApplication.translate(
            "Handover", "Item {n} is too long (at most 1000 characters)."
        ),
        "summary_too_long": QCoreApplication.translate(
            "Handover", "The summary is too long (at most 2000 characters)."
        ),
        "bad_kind": QCoreApplication.translate("Handover", "Choose the kind of every item."),
        "not_my_shop": QCoreApplication.translate("Handover", "You do not work in this shop."),
        "published": QCoreApplication.translate(
            "Handover", "This handover is published and can no longer be changed."
        ),
        "not_author": QCoreApplication.translate(
            "Handover", "Only its author can change or publish a handover."
        ),
        "unknown_handover": QCoreApplication.translate(
            "Handover", "This handover is not in the local cache."
        ),
        "unknown_item": QCoreApplication.translate("Handover", "This item is not in the local cache."),
        "not_published": QCoreApplication.translate(
            "Handover", "Only a published handover can be read and worked through."
        ),
        "not_logged_in": QCoreApplication.translate(
            "Handover", "Nobody is logged in on this cache: log in again."
        ),
        "not_supervisor": QCoreApplication.translate("Handover", "Shifts are set by the shop's supervisors."),
        "shift_unnamed": QCoreApplication.translate(
            "Handover", "Give the shift a name and a code (e.g. 早班, early)."
        ),
        "shift_name_too_long": QCoreApplication.translate(
            "Handover", "A shift's code has at most 16 characters and its name at most 32."
        ),
        "shift_empty": QCoreApplication.translate(
            "Handover", "A shift cannot start and end at the same time."
        ),
        "shift_code_taken": QCoreApplication.translate(
            "Handover", "This shop already has a shift with the code {code}."
        ),
    }
    text = texts.get(code)
    if text is None:
        return str(exc)
    position = detail.get("position")
    n = (position + 1) if isinstance(position, int) else ""
    return text.format(n=n, code=detail.get("shift_code", ""))


def _order_nos(session: Any, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {r[0]: r[1] for r in session.execute(select(Order.id, Order.order_no).where(Order.id.in_(ids)))}


@dataclass
class EditItem:
    """An item of my draft while it is being edited (a ``ProposedItem``-like record)."""

    id: str
    kind: str
    text: str
    shop_id: int
    order_id: int | None = None
    conversation_id: int | None = None
    due_at: datetime | None = None
    carried_from: str | None = None
    order_no: str = ""


@dataclass(frozen=True)
class ComposeData:
    """What the 交班 tab needs, read on a worker."""

    shifts: dict[int, list[core.ShiftView]]
    draft: core.HandoverView | None
    proposed: list[core.ProposedItem]
    order_nos: dict[int, str]


class HandoverWindow(QDialog):
    """The handover window (non-modal): 交班, 接班, 已发出, 班次."""

    #: open an order in the customer panel (buyer id, order id)
    order_opened = Signal(int, int)
    #: open a conversation
    conversation_opened = Signal(int)
    #: a short line for the status bar
    message = Signal(str)
    #: something was written locally (the pending count refreshes)
    written = Signal()
    #: a read finished (tests wait on it)
    loaded = Signal(str)

    def __init__(self, client: Client, background: Background, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverWindow")
        self.setWindowTitle(self.tr("Shift handover"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.client = client
        self.background = background
        self.user = client.user
        self.supervisor = self.user.role in SUPERVISOR_ROLES
        self.items: list[EditItem] = []
        self.draft_id: str | None = None
        self.shifts: dict[int, list[core.ShiftView]] = {}
        self.incoming: list[core.HandoverView] = []
        self.sent: list[core.HandoverView] = []
        self._showing_item = -1
        #: the handover being written has changes that are not saved (as a draft) yet
        self.compose_dirty = False
        self.shop_names: dict[int, str] = {}
        #: (shop id, shift code) -> the shift's name, for showing handovers
        self.shift_names: dict[tuple[int, str], str] = {}

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("handoverTabs")
        self.tabs.addTab(self._build_compose(), self.tr("Hand over (mine)"))
        self.tabs.addTab(self._build_incoming(), self.tr("Take over (incoming)"))
        self.tabs.addTab(self._build_sent(), self.tr("Sent and read"))
        self.shifts_tab = self._build_shifts()
        self.shifts_tab.hide()  # a tab for supervisors only; never shown loose in the window
        if self.supervisor:
            self.tabs.addTab(self.shifts_tab, self.tr("Shifts"))
        self.tabs.currentChanged.connect(self._on_tab)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.resize(1000, 680)

    # ================================================================== 交班: my handover

    def _build_compose(self) -> QWidget:
        page = QWidget(self)
        self.shop_combo = QComboBox(page)
        self.shop_combo.setObjectName("handoverShop")
        self.shop_combo.setAccessibleName(self.tr("Shop"))
        self.from_combo = QComboBox(page)
        self.from_combo.setObjectName("handoverFrom")
        self.from_combo.setAccessibleName(self.tr("From shift"))
        self.to_combo = QComboBox(page)
        self.to_combo.setObjectName("handoverTo")
        self.to_combo.setAccessibleName(self.tr("To shift"))
        self.shop_combo.currentIndexChanged.connect(self._fill_shift_combos)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Shop:"), page))
        head.addWidget(self.shop_combo)
        head.addWidget(QLabel(self.tr("From shift:"), page))
        head.addWidget(self.from_combo)
        head.addWidget(QLabel(self.tr("to:"), page))
        head.addWidget(self.to_combo)
        head.addStretch(1)
        self.compose_state = QLabel(page)
        self.compose_state.setObjectName("handoverComposeState")
        self.compose_state.setWordWrap(True)

        self.item_table = QTableWidget(0, 4, page)
        self.item_table.setObjectName("handoverItems")
        self.item_table.setAccessibleName(self.tr("Handover items"))
        self.item_table.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("What to do"), self.tr("About"), self.tr("Due")]
        )
        self.item_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.item_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.item_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.item_table.verticalHeader().setVisible(False)
        header = self.item_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.item_table.currentCellChanged.connect(lambda row, *_: self._show_item(row))
        self.item_table.cellDoubleClicked.connect(lambda row, col: self._open_link(self._item_at(row)))

        # the selected item's editor
        box = QGroupBox(self.tr("Item"), page)
        self.kind_combo = QComboBox(box)
        self.kind_combo.setObjectName("itemKind")
        for kind in HANDOVER_ITEM_KINDS:
            self.kind_combo.addItem(kind_label(kind), kind)
        self.item_text = QPlainTextEdit(box)
        self.item_text.setObjectName("itemText")
        self.item_text.setTabChangesFocus(True)
        self.item_text.setMaximumHeight(80)
        self.due_check = QCheckBox(self.tr("Due"), box)
        self.due_check.setObjectName("itemDueCheck")
        self.due_edit = QDateTimeEdit(box)
        self.due_edit.setObjectName("itemDue")
        self.due_edit.setAccessibleName(self.tr("Due time"))
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.due_check.toggled.connect(self.due_edit.setEnabled)
        self.link_label = QLabel(box)
        self.link_label.setObjectName("itemLink")
        self.open_link_button = QPushButton(self.tr("Open"), box)
        self.open_link_button.setObjectName("itemOpenLink")
        self.open_link_button.setAutoDefault(False)
        self.open_link_button.clicked.connect(
            lambda: self._open_link(self._item_at(self.item_table.currentRow()))
        )
        self.kind_combo.currentIndexChanged.connect(self._store_item)
        self.due_check.toggled.connect(self._store_item)
        self.due_edit.dateTimeChanged.connect(self._store_item)
        self.item_text.textChanged.connect(self._store_item)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link_label, 1)
        link_row.addWidget(self.open_link_button)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_check)
        due_row.addWidget(self.due_edit)
        due_row.addStretch(1)
        form = QFormLayout(box)
        form.addRow(self.tr("Kind:"), self.kind_combo)
        form.addRow(self.tr("What to do:"), self.item_text)
        form.addRow(self.tr("About:"), link_row)
        form.addRow(due_row)

        self.add_item_button = QPushButton(self.tr("&Add item"), page)
        self.add_item_button.setObjectName("addItemButton")
        self.add_item_button.clicked.connect(self.add_item)
        self.remove_item_button = QPushButton(self.tr("&Remove item"), page)
        self.remove_item_button.setObjectName("removeItemButton")
        self.remove_item_button.clicked.connect(self.remove_item)
        self.propose_button = QPushButton(self.tr("Propose &again"), page)
        self.propose_button.setObjectName("proposeButton")
        self.propose_button.setToolTip(self.tr("Add what is open now that is not in the list yet"))
        self.propose_button.clicked.connect(self.propose_more)
        item_buttons = QHBoxLayout()
        item_buttons.addWidget(self.add_item_button)
        item_buttons.addWidget(self.remove_item_button)
        item_buttons.addWidget(self.propose_button)
        item_buttons.addStretch(1)

        self.summary_edit = QPlainTextEdit(page)
        self.summary_edit.setObjectName("handoverSummary")
        self.summary_edit.setAccessibleName(self.tr("Summary"))
        self.summary_edit.setPlaceholderText(self.tr("Summary for the next shift (optional)"))
        self.summary_edit.setMaximumHeight(70)
        self.summary_edit.textChanged.connect(self._on_summary_edited)
        self.summary_edit.setTabChangesFocus(True)
        self.compose_error = QLabel(page)
        self.compose_error.setObjectName("handoverComposeError")
        self.compose_error.setStyleSheet(f"color: {theme.color('error').name()};")
        self.compose_error.setWordWrap(True)
        self.compose_error.hide()
        self.save_draft_button = QPushButton(self.tr("Save &draft"), page)
        self.save_draft_button.setObjectName("saveDraftButton")
        self.save_draft_button.clicked.connect(self.save_draft)
        self.publish_button = QPushButton(self.tr("&Publish"), page)
        self.publish_button.setObjectName("publishButton")
        self.publish_button.clicked.connect(self.publish)
        bottom = QHBoxLayout()
        bottom.addWidget(self.compose_error, 1)
        bottom.addWidget(self.save_draft_button)
        bottom.addWidget(self.publish_button)

        layout = QVBoxLayout(page)
        layout.addLayout(head)
        layout.addWidget(self.compose_state)
        split = QSplitter(Qt.Orientation.Vertical, page)
        split.addWidget(self.item_table)
        split.addWidget(box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        layout.addLayout(item_buttons)
        layout.addWidget(QLabel(self.tr("Summary:"), page))
        layout.addWidget(self.summary_edit)
        layout.addLayout(bottom)
        QShortcut(QKeySequence("Ctrl+Return"), page, self.save_draft)
        return page

    def load_compose(self) -> None:
        """Read the shifts, my latest draft (else a new proposal) on a worker."""
        db = self.client.db
        user = self.user
        now = utcnow()

        def work() -> ComposeData:
            with db.session() as s:
                shifts = {shop: core.shifts_of(s, shop) for shop in user.shop_ids}
                drafts = [h for h in core.my_handovers(s, user) if h.status == "draft"]
                draft = core.handover_view(s, drafts[0].id) if drafts else None
                proposed = [] if draft is not None else core.propose_items(s, user, now)
                ids = [p.order_id for p in proposed if p.order_id is not None]
                nos = _order_nos(s, ids)
            return ComposeData(shifts, draft, proposed, nos)

        self.background.run(
            work, self._on_compose_loaded, self._on_failed, name="handover.compose", owner=self
        )

    def _on_compose_loaded(self, data: ComposeData) -> None:
        self.shifts = data.shifts
        self.shop_combo.blockSignals(True)
        self.shop_combo.clear()
        for shop in self.user.shop_ids:
            self.shop_combo.addItem(self._shop_name(shop), shop)
        self.shop_combo.blockSignals(False)
        draft = data.draft
        if draft is not None:
            self.draft_id = draft.id
            self.shop_combo.setCurrentIndex(max(0, self.shop_combo.findData(draft.shop_id)))
            self._fill_shift_combos()
            self.from_combo.setCurrentIndex(max(0, self.from_combo.findData(draft.from_shift)))
            self.to_combo.setCurrentIndex(max(0, self.to_combo.findData(draft.to_shift)))
            self.summary_edit.setPlainText(draft.summary)
            self.items = [
                EditItem(
                    i.id,
                    i.kind,
                    i.text,
                    draft.shop_id,
                    i.order_id,
                    i.conversation_id,
                    i.due_at,
                    i.carried_from,
                    i.order_no,
                )
                for i in draft.items
            ]
            state = self.tr("Draft saved at {time}").format(time=_local(draft.updated_at))
            if draft.pending:
                state += " · " + self.tr("pending sync")
            self.compose_state.setText(state)
        else:
            self.draft_id = None
            self._fill_shift_combos()
            self._default_shifts()
            self.items = [self._from_proposal(p, data.order_nos) for p in data.proposed]
            self.compose_state.setText(
                self.tr(
                    "Proposed from what is open now: {n} items. Edit, remove or add, then publish."
                ).format(n=len(self.items))
            )
        self._render_items()
        self.compose_dirty = False  # what is shown is what is saved (or only proposed)
        self.loaded.emit("compose")

    @staticmethod
    def _from_proposal(p: core.ProposedItem, nos: dict[int, str]) -> EditItem:
        return EditItem(
            p.id,
            p.kind,
            p.text,
            p.shop_id,
            p.order_id,
            p.conversation_id,
            p.due_at,
            p.carried_from,
            nos.get(p.order_id, "") if p.order_id is not None else "",
        )

    def _shop_name(self, shop_id: int) -> str:
        return self.shop_names.get(shop_id) or self.tr("Shop {id}").format(id=shop_id)

    def _shift_name(self, shop_id: int, code: str) -> str:
        return self.shift_names.get((shop_id, code), code)

    def _fill_shift_combos(self, *_args: object) -> None:
        shop = self.shop_combo.currentData()
        shifts = self.shifts.get(shop, []) if shop is not None else []
        for combo in (self.from_combo, self.to_combo):
            combo.clear()
            for sh in shifts:
                combo.addItem(sh.label, sh.code)
        can = bool(shifts)
        self.save_draft_button.setEnabled(can)
        self.publish_button.setEnabled(can)
        if not can and shop is not None:
            self._compose_error(
                self.tr("This shop has no shifts yet: a supervisor sets them up (Shifts tab).")
            )

    def _default_shifts(self) -> None:
        shop = self.shop_combo.currentData()
        shifts = self.shifts.get(shop, [])
        now = datetime.now().astimezone()
        cur = core.current_shift(shifts, now)
        nxt = core.next_shift(shifts, now)
        if cur is not None:
            self.from_combo.setCurrentIndex(max(0, self.from_combo.findData(cur[0].code)))
        if nxt is not None:
            self.to_combo.setCurrentIndex(max(0, self.to_combo.findData(nxt[0].code)))

    def _shift_date(self) -> date:
        """The day my shift (the 'from' shift) started: a night shift after midnight started
        the day before."""
        shop = self.shop_combo.currentData()
        now = datetime.now().astimezone()
        cur = core.current_shift(self.shifts.get(shop, []), now)
        if cur is not None and cur[0].code == self.from_combo.currentData():
            return cur[1]
        return now.date()

    def _render_items(self) -> None:
        table = self.item_table
        table.blockSignals(True)
        table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            self._render_row(row, item)
        table.blockSignals(False)
        if self.items:
            table.setCurrentCell(min(max(self._showing_item, 0), len(self.items) - 1), 1)
            self._show_item(table.currentRow())
        else:
            self._show_item(-1)

    def _render_row(self, row: int, item: EditItem) -> None:
        cells = [kind_label(item.kind), " ".join(item.text.split()), _link_text(item), _local(item.due_at)]
        if item.carried_from:
            cells[1] = self.tr("(carried over) ") + cells[1]
        for col, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setToolTip(item.text if col == 1 else text)
            self.item_table.setItem(row, col, cell)

    def _item_at(self, row: int) -> EditItem | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def _show_item(self, row: int) -> None:
        self._showing_item = -1  # no storing while the fields are filled
        item = self._item_at(row)
        enabled = item is not None
        for w in (self.kind_combo, self.item_text, self.due_check, self.remove_item_button):
            w.setEnabled(enabled)
        if item is None:
            self.item_text.setPlainText("")
            self.link_label.setText("")
            self.open_link_button.setEnabled(False)
            self.due_edit.setEnabled(False)
            return
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(item.kind)))
        self.item_text.setPlainText(item.text)
        self.due_check.setChecked(item.due_at is not None)
        self.due_edit.setEnabled(item.due_at is not None)
        moment = item.due_at or (utcnow() + timedelta(hours=2))
        self.due_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())))
        link = _link_text(item)
        self.link_label.setText(link or self.tr("Not linked to an order or conversation"))
        self.open_link_button.setEnabled(bool(link))
        self._showing_item = row

    def _store_item(self, *_args: object) -> None:
        item = self._item_at(self._showing_item)
        if item is None:
            return
        item.kind = self.kind_combo.currentData() or "other"
        item.text = self.item_text.toPlainText()
        item.due_at = (
            datetime.fromtimestamp(self.due_edit.dateTime().toSecsSinceEpoch()).astimezone()
            if self.due_check.isChecked()
            else None
        )
        self.item_table.blockSignals(True)
        self._render_row(self._showing_item, item)
        self.item_table.blockSignals(False)
        self.compose_error.hide()
        self.compose_dirty = True

    def _on_summary_edited(self) -> None:
        self.compose_dirty = True

    def add_item(self) -> None:
        shop = self.shop_combo.currentData() or (self.user.shop_ids[0] if self.user.shop_ids else 0)
        self.items.append(EditItem(str(uuid.uuid4()), "other", "", int(shop)))
        self.compose_dirty = True
        self._showing_item = len(self.items) - 1
        self._render_items()
        self.item_text.setFocus()

    def remove_item(self) -> None:
        row = self.item_table.currentRow()
        if 0 <= row < len(self.items):
            del self.items[row]
            self.compose_dirty = True
            self._showing_item = min(row, len(self.items) - 1)
            self._render_items()

    def propose_more(self) -> None:
        """Add what is open now and not yet listed (nothing typed is replaced)."""
        db = self.client.db
        user = self.user
        now = utcnow()

        def work() -> tuple[list[core.ProposedItem], dict[int, str]]:
            with db.session() as s:
                proposed = core.propose_items(s, user, now)
                ids = [p.order_id for p in proposed if p.order_id is not None]
                nos = _order_nos(s, ids)
            return proposed, nos

        def done(result: tuple[list[core.ProposedItem], dict[int, str]]) -> None:
            proposed, nos = result
            have = {(i.kind, i.order_id, i.conversation_id) for i in self.items}
            have_carried = {i.carried_from for i in self.items if i.carried_from}
            added = 0
            for p in proposed:
                if (p.kind, p.order_id, p.conversation_id) in have or (
                    p.carried_from and p.carried_from in have_carried
                ):
                    continue
                self.items.append(self._from_proposal(p, nos))
                added += 1
            self.compose_dirty = self.compose_dirty or added > 0
            self._render_items()
            self.message.emit(self.tr("{n} items added").format(n=added))

        self.background.run(work, done, self._on_failed, name="handover.propose", owner=self)

    def _compose_error(self, text: str) -> None:
        self.compose_error.setText(text)
        self.compose_error.show()

    def _draft_args(self) -> dict[str, Any] | None:
        shop = self.shop_combo.currentData()
        from_shift = self.from_combo.currentData()
        to_shift = self.to_combo.currentData()
        if shop is None or from_shift is None or to_shift is None:
            self._compose_error(self.tr("Choose the shop and the shifts."))
            return None
        for n, item in enumerate(self.items):
            if not item.text.strip():
                self.item_table.setCurrentCell(n, 1)
                self._compose_error(
                    self.tr(
                        "Item {n} has no text: write what the next shift should do, or remove it."
                    ).format(n=n + 1)
                )
                return None
        return {
            "shop_id": int(shop),
            "shift_date": self._shift_date(),
            "from_shift": str(from_shift),
            "to_shift": str(to_shift),
            "summary": self.summary_edit.toPlainText().strip(),
            "items": [replace(i) for i in self.items],
            "handover_id": self.draft_id,
        }

    def save_draft(self, *, then_publish: bool = False) -> None:
        args = self._draft_args()
        if args is None:
            return
        engine = self.client.engine
        if self.draft_id is None:
            # the id is chosen now, so a second save replaces this draft instead of adding one
            self.draft_id = str(uuid.uuid4())
        args["handover_id"] = self.draft_id

        def work() -> str:
            saved = core.save_draft(engine, **args)
            if then_publish:
                core.publish(engine, saved)
            return saved

        def done(saved: str) -> None:
            self.draft_id = saved
            self.compose_dirty = False
            self._after_write(self.tr("Handover published") if then_publish else self.tr("Draft saved"))
            if then_publish:
                self.draft_id = None
                self.load_compose()
                self.load_sent()
            else:
                self.compose_state.setText(self.tr("Draft saved (pending sync)"))

        self.background.run(work, done, self._on_write_failed, name="handover.save", owner=self)

    def publish(self) -> None:
        if not self.items and not self.summary_edit.toPlainText().strip():
            self._compose_error(self.tr("Nothing to hand over: add an item or a summary."))
            return
        self.save_draft(then_publish=True)

    def _after_write(self, text: str) -> None:
        loop = getattr(self.client, "loop", None)
        if loop is not None:
            loop.wake()
        self.compose_error.hide()
        self.message.emit(text)
        self.written.emit()

    def _on_write_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValueError):
            self._compose_error(input_error_text(exc))
            return
        log.error("writing a handover failed", exc_info=exc)
        self._compose_error(self.tr("Could not save locally: {error}").format(error=exc))

    def _on_failed(self, exc: BaseException) -> None:
        log.warning("reading handovers failed: %s", exc)
        self.message.emit(self.tr("Could not read handovers from the local cache: {error}").format(error=exc))

    # ================================================================== 接班: incoming

    def _build_incoming(self) -> QWidget:
        page = QWidget(self)
        self.incoming_list = QListWidget(page)
        self.incoming_list.setObjectName("incomingList")
        self.incoming_list.setAccessibleName(self.tr("Handovers received"))
        self.incoming_list.currentRowChanged.connect(self._show_incoming)
        self.incoming_title = QLabel(page)
        self.incoming_title.setObjectName("incomingTitle")
        self.incoming_title.setWordWrap(True)
        self.incoming_summary = QLabel(page)
        self.incoming_summary.setObjectName("incomingSummary")
        self.incoming_summary.setWordWrap(True)
        self.incoming_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.incoming_items = QTableWidget(0, 4, page)
        self.incoming_items.setObjectName("incomingItems")
        self.incoming_items.setAccessibleName(self.tr("Items to handle"))
        self.incoming_items.setHorizontalHeaderLabels(
            [self.tr("Done"), self.tr("What to do"), self.tr("About"), self.tr("Due")]
        )
        self.incoming_items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.incoming_items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.incoming_items.verticalHeader().setVisible(False)
        h = self.incoming_items.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.incoming_items.cellDoubleClicked.connect(
            lambda row, _c: self._open_link(self._incoming_item(row))
        )
        self.open_incoming_button = QPushButton(self.tr("&Open"), page)
        self.open_incoming_button.setObjectName("openIncomingItem")
        self.open_incoming_button.clicked.connect(
            lambda: self._open_link(self._incoming_item(self.incoming_items.currentRow()))
        )
        self.done_button = QPushButton(self.tr("Mark &done"), page)
        self.done_button.setObjectName("markDoneButton")
        self.done_button.clicked.connect(self.toggle_done)
        self.ack_button = QPushButton(self.tr("Read (&acknowledge)"), page)
        self.ack_button.setObjectName("ackButton")
        self.ack_button.clicked.connect(self.acknowledge)
        self.incoming_readers = QLabel(page)
        self.incoming_readers.setObjectName("incomingReaders")
        self.incoming_readers.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_incoming_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ack_button)
        right = QWidget(page)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.incoming_title)
        rl.addWidget(self.incoming_summary)
        rl.addWidget(self.incoming_items, 1)
        rl.addWidget(self.incoming_readers)
        rl.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal, page)
        split.addWidget(self.incoming_list)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(page)
        layout.addWidget(split)
        return page

    def load_incoming(self) -> None:
        db = self.client.db
        user = self.user
        now = utcnow()

        def work() -> tuple[list[core.HandoverView], dict[tuple[int, str], str]]:
            with db.session() as s:
                names = {
                    (sh.shop_id, sh.code): sh.name for shop in user.shop_ids for sh in core.shifts_of(s, shop)
                }
                return core.incoming(s, user, now), names

        self.background.run(
            work, self._on_incoming_loaded, self._on_failed, name="handover.incoming", owner=self
        )

    def _on_incoming_loaded(self, result: tuple[list[core.HandoverView], dict[tuple[int, str], str]]) -> None:
        views, names = result
        self.shift_names.update(names)
        current = self._current_incoming()
        self.incoming = views
        self.incoming_list.blockSignals(True)
        self.incoming_list.clear()
        for v in views:
            read = v.acked_by(self.user.id)
            text = self.tr("{author} · {from_shift} → {to_shift}\n{time} · {open} open{read}").format(
                author=_person(v.author),
                from_shift=self._shift_name(v.shop_id, v.from_shift),
                to_shift=self._shift_name(v.shop_id, v.to_shift),
                time=_local(v.published_at),
                open=v.open_count,
                read=" · " + self.tr("read") if read else " · " + self.tr("unread"),
            )
            item = QListWidgetItem(text)
            if not read:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.incoming_list.addItem(item)
        self.incoming_list.blockSignals(False)
        row = next((n for n, v in enumerate(views) if current is not None and v.id == current.id), 0)
        if views:
            self.incoming_list.setCurrentRow(row)
        self._show_incoming(row if views else -1)
        self.loaded.emit("incoming")

    def _current_incoming(self) -> core.HandoverView | None:
        row = self.incoming_list.currentRow()
        return self.incoming[row] if 0 <= row < len(self.incoming) else None

    def _incoming_item(self, row: int) -> Any:
        view = self._current_incoming()
        return view.items[row] if view is not None and 0 <= row < len(view.items) else None

    def _show_incoming(self, row: int) -> None:
        view = self.incoming[row] if 0 <= row < len(self.incoming) else None
        table = self.incoming_items
        if view is None:
            self.incoming_title.setText(self.tr("No handover addressed to your shift."))
            self.incoming_summary.setText("")
            table.setRowCount(0)
            self.incoming_readers.setText("")
            for b in (self.ack_button, self.done_button, self.open_incoming_button):
                b.setEnabled(False)
            return
        self.incoming_title.setText(
            self.tr(
                "<b>{author}</b> handed over {from_shift} → {to_shift} on {day}, published {time}"
            ).format(
                author=_person(view.author),
                from_shift=self._shift_name(view.shop_id, view.from_shift),
                to_shift=self._shift_name(view.shop_id, view.to_shift),
                day=view.shift_date,
                time=_local(view.published_at),
            )
        )
        self.incoming_summary.setText(view.summary)
        self.incoming_summary.setVisible(bool(view.summary))
        keep = table.currentRow()
        table.setRowCount(len(view.items))
        for n, item in enumerate(view.items):
            done = item.state == "done"
            mark = "✔ " + self.tr("done") if done else self.tr("open")
            if done and item.done_by is not None:
                mark += f" {_person(item.done_by)} {_local(item.done_at)}"
            if item.pending:
                mark += " · " + self.tr("pending sync")
            about = _link_text(item)
            if item.target_missing:
                about += " " + self.tr("(no longer exists)")
            cells = [
                mark,
                kind_label(item.kind) + ": " + " ".join(item.text.split()),
                about,
                _local(item.due_at),
            ]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(item.text if col == 1 else text)
                table.setItem(n, col, cell)
        if view.items:
            table.setCurrentCell(min(max(keep, 0), len(view.items) - 1), 1)
        read = view.acked_by(self.user.id)
        self.ack_button.setEnabled(not read)
        self.ack_button.setText(self.tr("Read ✔") if read else self.tr("Read (&acknowledge)"))
        self.done_button.setEnabled(bool(view.items))
        self.open_incoming_button.setEnabled(bool(view.items))
        self.incoming_readers.setText(self._readers_text(view))

    def _readers_text(self, view: core.HandoverView) -> str:
        if not view.acks:
            return self.tr("Nobody has read it yet.")
        readers = [
            f"{_person(a.user)} {_local(a.acked_at)}"
            + (" (" + self.tr("pending sync") + ")" if a.pending else "")
            for a in view.acks
        ]
        return self.tr("Read by: {who}").format(who=", ".join(readers))

    def toggle_done(self) -> None:
        item = self._incoming_item(self.incoming_items.currentRow())
        if item is None:
            return
        engine = self.client.engine
        state = "open" if item.state == "done" else "done"
        self.background.run(
            lambda: core.set_item_state(engine, item.id, state),
            lambda _r: self._written_incoming(
                self.tr("Item marked done") if state == "done" else self.tr("Item open again")
            ),
            self._on_incoming_write_failed,
            name="handover.item",
            owner=self,
        )

    def acknowledge(self) -> None:
        view = self._current_incoming()
        if view is None:
            return
        engine = self.client.engine
        self.background.run(
            lambda: core.acknowledge(engine, view.id),
            lambda _r: self._written_incoming(self.tr("Handover acknowledged")),
            self._on_incoming_write_failed,
            name="handover.ack",
            owner=self,
        )

    def _written_incoming(self, text: str) -> None:
        self._after_write(text)
        self.load_incoming()

    def _on_incoming_write_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValueError):
            self.message.emit(input_error_text(exc))
            self.incoming_readers.setText(input_error_text(exc))
            return
        log.error("writing a handover change failed", exc_info=exc)
        self.message.emit(self.tr("Could not save locally: {error}").format(error=exc))

    # ================================================================== 已发出: who read it

    def _build_sent(self) -> QWidget:
        page = QWidget(self)
        self.sent_list = QListWidget(page)
        self.sent_list.setObjectName("sentList")
        self.sent_list.setAccessibleName(self.tr("Handovers sent"))
        self.sent_list.currentRowChanged.connect(self._show_sent)
        self.sent_detail = QLabel(page)
        self.sent_detail.setObjectName("sentDetail")
        self.sent_detail.setWordWrap(True)
        self.sent_detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.sent_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.sent_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        split = QSplitter(Qt.Orientation.Horizontal, page)
        split.addWidget(self.sent_list)
        split.addWidget(self.sent_detail)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(page)
        layout.addWidget(split)
        return page

    def load_sent(self) -> None:
        db = self.client.db
        user = self.user
        supervisor = self.supervisor

        def work() -> tuple[list[core.HandoverView], dict[tuple[int, str], str]]:
            with db.session() as s:
                views = [v for v in core.my_handovers(s, user) if v.status == "published"]
                if supervisor:
                    # supervisors see who read every handover of their shops
                    mine = {v.id for v in views}
                    ids = s.scalars(
                        select(CacheHandover.id)
                        .where(
                            CacheHandover.status == "published",
                            CacheHandover.shop_id.in_(list(user.shop_ids)),
                        )
                        .order_by(CacheHandover.published_at.desc())
                        .limit(200)
                    ).all()
                    for hid in ids:
                        if hid not in mine:
                            v = core.handover_view(s, hid)
                            if v is not None:
                                views.append(v)
                views = [core.handover_view(s, v.id) or v for v in views]
                names = {
                    (sh.shop_id, sh.code): sh.name for shop in user.shop_ids for sh in core.shifts_of(s, shop)
                }
            views.sort(key=lambda v: v.published_at or utcnow(), reverse=True)
            return views, names

        self.background.run(work, self._on_sent_loaded, self._on_failed, name="handover.sent", owner=self)

    def _on_sent_loaded(self, result: tuple[list[core.HandoverView], dict[tuple[int, str], str]]) -> None:
        views, names = result
        self.shift_names.update(names)
        self.sent = views
        self.sent_list.blockSignals(True)
        self.sent_list.clear()
        for v in views:
            state = self.tr("read by {n}").format(n=len(v.acks)) if v.acks else self.tr("not read yet")
            self.sent_list.addItem(
                self.tr("{author} · {from_shift} → {to_shift} · {time}\n{state}").format(
                    author=_person(v.author),
                    from_shift=self._shift_name(v.shop_id, v.from_shift),
                    to_shift=self._shift_name(v.shop_id, v.to_shift),
                    time=_local(v.published_at),
                    state=state,
                )
            )
        self.sent_list.blockSignals(False)
        if views:
            self.sent_list.setCurrentRow(0)
        self._show_sent(0 if views else -1)
        self.loaded.emit("sent")

    def _show_sent(self, row: int) -> None:
        view = self.sent[row] if 0 <= row < len(self.sent) else None
        if view is None:
            self.sent_detail.setText(self.tr("No published handovers yet."))
            return
        lines = [
            self.tr("{from_shift} → {to_shift}, {day} · published {time}{pending}").format(
                from_shift=self._shift_name(view.shop_id, view.from_shift),
                to_shift=self._shift_name(view.shop_id, view.to_shift),
                day=view.shift_date,
                time=_local(view.published_at),
                pending=" · " + self.tr("pending sync") if view.pending else "",
            ),
            "",
            self._readers_text(view),
            "",
            self.tr("Items ({open} open of {n}):").format(open=view.open_count, n=len(view.items)),
        ]
        for item in view.items:
            state = (
                self.tr("done") + f" {_person(item.done_by)} {_local(item.done_at)}"
                if item.state == "done"
                else self.tr("open")
            )
            lines.append(f"  · [{state}] {kind_label(item.kind)}: {' '.join(item.text.split())}")
        if view.summary:
            lines += ["", view.summary]
        self.sent_detail.setText("\n".join(lines))

    # ================================================================== 班次: shifts (supervisors)

    def _build_shifts(self) -> QWidget:
        page = QWidget(self)
        self.shift_shop = QComboBox(page)
        self.shift_shop.setObjectName("shiftShop")
        self.shift_shop.currentIndexChanged.connect(self._render_shifts)
        self.shift_list = QListWidget(page)
        self.shift_list.setObjectName("shiftList")
        self.shift_list.currentRowChanged.connect(self._show_shift)
        self.shift_name = QLineEdit(page)
        self.shift_name.setObjectName("shiftName")
        self.shift_name.setMaxLength(32)
        self.shift_code = QLineEdit(page)
        self.shift_code.setObjectName("shiftCode")
        self.shift_code.setMaxLength(16)
        self.shift_start = QTimeEdit(page)
        self.shift_start.setObjectName("shiftStart")
        self.shift_start.setDisplayFormat("HH:mm")
        self.shift_end = QTimeEdit(page)
        self.shift_end.setObjectName("shiftEnd")
        self.shift_end.setDisplayFormat("HH:mm")
        self.shift_error = QLabel(page)
        self.shift_error.setStyleSheet(f"color: {theme.color('error').name()};")
        self.shift_error.setWordWrap(True)
        self.new_shift_button = QPushButton(self.tr("&New shift"), page)
        self.new_shift_button.setObjectName("newShiftButton")
        self.new_shift_button.clicked.connect(lambda: self._show_shift(-1))
        self.save_shift_button = QPushButton(self.tr("Save &shift"), page)
        self.save_shift_button.setObjectName("saveShiftButton")
        self.save_shift_button.clicked.connect(self.save_shift)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.shift_name)
        form.addRow(self.tr("Code:"), self.shift_code)
        form.addRow(self.tr("Starts:"), self.shift_start)
        form.addRow(self.tr("Ends (00:00 = midnight; before the start = the next day):"), self.shift_end)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_shift_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_shift_button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.shift_error)
        right.addStretch(1)
        right.addLayout(buttons)
        body = QHBoxLayout()
        body.addWidget(self.shift_list, 1)
        body.addLayout(right, 2)
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Shop:"), page))
        top.addWidget(self.shift_shop)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addLayout(body)
        self._editing_shift: core.ShiftView | None = None
        return page

    def _render_shifts(self, *_args: object) -> None:
        if self.shift_shop.count() == 0:
            for shop in self.user.shop_ids:
                self.shift_shop.addItem(self._shop_name(shop), shop)
        shifts = self.shifts.get(self.shift_shop.currentData(), [])
        self.shift_list.blockSignals(True)
        self.shift_list.clear()
        for sh in shifts:
            self.shift_list.addItem(f"{sh.label} ({sh.code})")
        self.shift_list.blockSignals(False)
        self._show_shift(0 if shifts else -1)
        if shifts:
            self.shift_list.setCurrentRow(0)

    def _show_shift(self, row: int) -> None:
        shifts = self.shifts.get(self.shift_shop.currentData(), [])
        sh = shifts[row] if 0 <= row < len(shifts) else None
        self._editing_shift = sh
        self.shift_error.setText("")
        self.shift_name.setText(sh.name if sh else "")
        self.shift_code.setText(sh.code if sh else "")
        self.shift_code.setReadOnly(sh is not None)  # handovers name shifts by code
        self.shift_start.setTime(QTime(sh.start.hour, sh.start.minute) if sh else QTime(8, 0))
        self.shift_end.setTime(QTime(sh.end.hour, sh.end.minute) if sh else QTime(16, 0))
        if sh is None:
            self.shift_list.clearSelection()
            self.shift_name.setFocus()

    def save_shift(self) -> None:
        shop = self.shift_shop.currentData()
        if shop is None:
            self.shift_error.setText(self.tr("Give the shift a name and a code (e.g. 早班, early)."))
            return
        existing = self._editing_shift
        client = self.client
        shop_id = int(shop)
        code, name = self.shift_code.text(), self.shift_name.text()
        start = time.fromisoformat(self.shift_start.time().toString("HH:mm"))
        end = time.fromisoformat(self.shift_end.time().toString("HH:mm"))
        shift_id = existing.id if existing else None

        def work() -> core.ShiftView:
            # checked and written by the core (one outbox entry, like every change)
            return core.save_shift(
                client.engine, shop_id=shop_id, code=code, name=name, start=start, end=end, shift_id=shift_id
            )

        def done(view: core.ShiftView) -> None:
            self._after_write(self.tr("Shift saved (pending sync)"))
            others = [s for s in self.shifts.get(shop_id, []) if s.id != view.id]
            self.shifts[shop_id] = sorted([*others, view], key=lambda s: (s.position, s.start))
            self._render_shifts()

        def failed(exc: BaseException) -> None:
            self.shift_error.setText(
                input_error_text(exc)
                if isinstance(exc, ValueError)
                else self.tr("Could not save locally: {error}").format(error=exc)
            )

        self.background.run(work, done, failed, name="handover.shift", owner=self)

    # ================================================================== shared

    def _open_link(self, item: Any) -> None:
        if item is None:
            return
        if item.order_id is not None:
            db = self.client.db
            oid = int(item.order_id)

            def work() -> int | None:
                with db.session() as s:
                    return s.scalar(select(Order.buyer_id).where(Order.id == oid))

            def done(buyer_id: int | None) -> None:
                if buyer_id is None:
                    self.message.emit(
                        self.tr("Order {no} is not in the local cache (deleted, or not synced yet).").format(
                            no=getattr(item, "order_no", "") or oid
                        )
                    )
                    return
                self.order_opened.emit(int(buyer_id), oid)

            self.background.run(work, done, self._on_failed, name="handover.open", owner=self)
        elif item.conversation_id is not None:
            self.conversation_opened.emit(int(item.conversation_id))

    def _on_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.shifts_tab:
            self._render_shifts()

    def load_all(self) -> None:
        """Read every tab (when the window opens). A handover being written and not saved yet is
        kept as it is (reopening the window must not lose it)."""
        if not self.compose_dirty:
            self.load_compose()
        self.load_incoming()
        self.load_sent()

    def on_changes(self, summary: Any) -> None:
        """Sync brought changes: re-read the lists (the draft being edited is left alone)."""
        ids: dict[str, set[str]] = summary.ids
        if summary.reset or any(ids.get(k) for k in ("handover", "handover_item", "handover_ack")):
            self.load_incoming()
            self.load_sent()
        if summary.reset or ids.get("shift"):
            self._reload_shifts()

    def _reload_shifts(self) -> None:
        db = self.client.db
        user = self.user

        def work() -> dict[int, list[core.ShiftView]]:
            with db.session() as s:
                return {shop: core.shifts_of(s, shop) for shop in user.shop_ids}

        def done(shifts: dict[int, list[core.ShiftView]]) -> None:
            self.shifts = shifts
            if not self.items and self.draft_id is None:
                self._fill_shift_combos()
                self._default_shifts()
            if self.tabs.currentWidget() is self.shifts_tab:
                self._render_shifts()

        self.background.run(work, done, self._on_failed, name="handover.shifts", owner=self)


class HandoverBanner(QToolBar):
    """A calm line at the top of the main window: a handover addressed to my shift that I have not
    read, offered during the first hours of the shift (never a modal)."""

    open_requested = Signal(str)
    #: a handover is offered for the first time: (handover id, the banner's text)
    offered = Signal(str, str)

    def __init__(self, client: Client, background: Background, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverBanner")
        self.offered_ids: set[str] = set()
        self.setMovable(False)
        self.setFloatable(False)
        self.client = client
        self.background = background
        self.handover_id: str | None = None
        self.dismissed: set[str] = set()
        self.label = QLabel(self)
        self.label.setObjectName("handoverBannerText")
        self.label.setContentsMargins(8, 2, 8, 2)
        self.addWidget(self.label)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.open_button = QPushButton(self.tr("Read the handover"), self)
        self.open_button.setObjectName("handoverBannerOpen")
        self.open_button.clicked.connect(self._open)
        self.addWidget(self.open_button)
        self.close_button = QPushButton(self.tr("Later"), self)
        self.close_button.setObjectName("handoverBannerLater")
        self.close_button.clicked.connect(self.dismiss)
        self.addWidget(self.close_button)
        self.setStyleSheet(
            f"QToolBar#handoverBanner {{ background: {theme.color('nudge_bg').name()}; "
            f"border-bottom: 1px solid {theme.color('border').name()}; }}"
        )
        self.hide()

    def check(self, now: datetime | None = None) -> None:
        """Look (on a worker) for an unread handover to my current shift, started less than
        ``BANNER_HOURS`` ago."""
        db = self.client.db
        user = self.client.user
        moment = now or utcnow()

        def work() -> core.HandoverView | None:
            local = to_aware_utc(moment).astimezone()
            with db.session() as s:
                current_codes: dict[int, str] = {}
                for shop in user.shop_ids:
                    found = core.current_shift(core.shifts_of(s, shop), local)
                    if found is None:
                        continue
                    shift, day = found
                    started = shift.starts_on(day)
                    if local.replace(tzinfo=None) - started <= timedelta(hours=BANNER_HOURS):
                        current_codes[shop] = shift.code
                if not current_codes:
                    return None
                for v in core.incoming(s, user, moment):
                    if current_codes.get(v.shop_id) == v.to_shift and not v.acked_by(user.id):
                        return v
            return None

        self.background.run(
            work,
            self._on_checked,
            lambda exc: log.warning("handover check failed: %s", exc),
            name="handover.banner",
            owner=self,
        )

    def _on_checked(self, view: core.HandoverView | None) -> None:
        if view is None or view.id in self.dismissed:
            self.handover_id = None
            self.hide()
            return
        self.handover_id = view.id
        self.label.setText(
            self.tr("{author} left a handover for your shift ({n} open items).").format(
                author=_person(view.author), n=view.open_count
            )
        )
        self.show()
        if view.id not in self.offered_ids:  # a desktop notification once per handover
            self.offered_ids.add(view.id)
            self.offered.emit(view.id, self.label.text())

    def _open(self) -> None:
        if self.handover_id is not None:
            self.open_requested.emit(self.handover_id)
        self.hide()

    def dismiss(self) -> None:
        if self.handover_id is not None:
            self.dismissed.add(self.handover_id)
        self.hide()


__all__ = ["HandoverBanner", "HandoverWindow", "input_error_text", "kind_label"]
