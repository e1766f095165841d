"""The agent's main window: queue (left), conversation (centre), customer/order (right).

Every panel is a ``QDockWidget`` so that it can float to a second monitor; the layout and the
window geometry are saved as Qt state bytes in the settings and restored at the next start.
The status bar shows who I am, the connection and how many changes wait to sync.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from workstation.background import Background, SyncBridge
from workstation.i18n import LANGUAGE_NAMES, SYSTEM_LANGUAGE, current_language, resolve_language
from workstation.models import Conversation
from workstation.notices import Notice, NoticeWatcher
from workstation.presence import Presence
from workstation.settings import Options, Settings
from workstation.timeutil import utcnow_naive
from workstation.views.conversation_view import ConversationPanel
from workstation.views.customer_view import CustomerPanel
from workstation.views.dashboard_view import DashboardView
from workstation.views.handover_view import HandoverBanner, HandoverWindow
from workstation.views.labels import connection_label
from workstation.views.note_editor import NoteEditor, OrderNoteMarks
from workstation.views.order_lists import WorkLists
from workstation.views.pending_view import ClickFilter, PendingView
from workstation.views.phrase_manager import PhraseManager
from workstation.views.queue_view import QueueView
from workstation.views.report_view import ReportWindow
from workstation.views.settings_dialog import SettingsDialog
from workstation.views.shortcuts import CheatSheet, ShortcutRegistry, action_label
from workstation.views.status_control import ActivityFilter, StatusControl
from workstation.views.theme import apply_theme
from workstation.views.tray import Tray

if TYPE_CHECKING:
    from workstation.client import Client
    from workstation.sync import ChangeSummary, SyncStatus

log = logging.getLogger(__name__)

#: SyncStatus states in which the server can decide a claim
ONLINE_STATES = ("online", "syncing")
#: sync_state key: the conversation open when the app closed, reopened at the next start
K_OPEN_CONVERSATION = "open_conversation"
#: roles that see the supervisor's dashboard (the server enforces it; this only picks the screen)
SUPERVISOR_ROLES = ("supervisor", "admin")


class MainWindow(QMainWindow):
    """Thin: shows state and forwards intent to the client core."""

    #: the agent chose File → Log out
    logout_requested = Signal()
    #: the agent chose File → Log in again (after the login expired)
    login_again_requested = Signal()
    #: the window closed (the app decides whether to quit)
    closed = Signal()
    #: quick phrases changed (a sync brought phrase changes, or the phrase manager wrote some):
    #: composers refresh their phrase index (PhraseAssist.refresh)
    phrases_changed = Signal()

    def __init__(
        self,
        client: Client,
        background: Background,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.client = client
        self.background = background
        self.settings = settings
        self.bridge = SyncBridge(self)
        self.current_conversation_id: int | None = None
        self.phrase_manager: PhraseManager | None = None
        self.sync_status: SyncStatus | None = None
        self._notices_shown = False
        self._filling = False
        self._closing = False
        #: whether the server answered at the last definite sync state (claims need it)
        self._server_reachable = not getattr(client, "offline", False)
        self._unreachable_reason = "" if self._server_reachable else self.tr(
            "Offline: claiming needs a connection to the server")
        self._unreachable_state = "" if self._server_reachable else "offline"
        self._offline_since: Any = None
        user = client.user
        self.setWindowTitle(
            self.tr("Workstation — {name}({staff_id})").format(name=user.display_name, staff_id=user.staff_id)
        )
        self.setDockNestingEnabled(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowNestedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
        )

        engine = client.db.engine
        self.queue_view = QueueView(
            background, engine, user.id, claim=client.claim, thresholds=settings.thresholds(), parent=self
        )
        self.conversation_panel = ConversationPanel(client, background, self)
        self.conversation_panel.set_send_key(settings.get(Options.SEND_KEY))
        self.customer_panel = CustomerPanel(
            background, engine, user_id=user.id, permissions=lambda: self.client.user.permissions,
            api=getattr(client, "api", None), rules=settings.order_rules(), parent=self,
        )
        self.work_lists = WorkLists(background, engine, user.shop_ids, settings.order_rules(), self)

        self.queue_dock = self._dock("queueDock", self.tr("Queue"), self.queue_view)
        self.conversation_dock = self._dock(
            "conversationDock", self.tr("Conversation"), self.conversation_panel
        )
        self.customer_dock = self._dock("customerDock", self.tr("Customer and orders"), self.customer_panel)
        self.work_lists_dock = self._dock("workListsDock", self.tr("Work lists"), self.work_lists)
        # No central widget: three docks side by side, each of which can float or be moved.
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.queue_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.customer_dock)
        # The work lists share the customer dock's place as a tab (the panel stays in front).
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.work_lists_dock)
        self.tabifyDockWidget(self.customer_dock, self.work_lists_dock)
        self.work_lists_dock.hide()  # opened from the Orders menu (Ctrl+Shift+U / L)
        self.customer_dock.raise_()
        self.splitDockWidget(self.queue_dock, self.conversation_dock, Qt.Orientation.Horizontal)
        # The customer panel shows orders with amounts and times: it needs more room than a card.
        self.resizeDocks([self.queue_dock, self.conversation_dock, self.customer_dock], [600, 400, 380],
                         Qt.Orientation.Horizontal)
        self._default_state = self.saveState()

        # My status (issue 6): sent by the presence core, shown and changed in the status bar.
        self.presence = Presence(client.api, getattr(client, "db", None))
        self.activity_filter = ActivityFilter(self.presence, self)
        # The supervisor's first screen is the dashboard; the agents' panels stay a click away.
        self.dashboard: DashboardView | None = None
        self.dashboard_dock: QDockWidget | None = None
        self._desk_docks: list[QDockWidget] = []
        if user.role in SUPERVISOR_ROLES:
            self.dashboard = DashboardView(client, background, self)
            self.dashboard_dock = self._dock("dashboardDock", self.tr("Dashboard"), self.dashboard)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dashboard_dock)
            self.dashboard_dock.hide()
            self.dashboard.message.connect(self.show_message)
            self.dashboard.alerts_raised.connect(self._notify_alerts)
        self._default_state = self.saveState()

        self._build_status_bar()
        self._build_menus()

        self.queue_view.conversation_opened.connect(self.open_conversation)
        self.queue_view.message.connect(self.show_message)
        self.conversation_panel.message.connect(self.show_message)
        self.customer_panel.message.connect(self.show_message)
        self.work_lists.order_opened.connect(self.open_order)
        # Order notes, shift handover and pending changes (issue 5): windows made on first use.
        self.note_editors: dict[int, NoteEditor] = {}
        self.handover_window: HandoverWindow | None = None
        self.pending_view: PendingView | None = None
        self.note_marks = OrderNoteMarks(self.customer_panel, client, background)
        self.customer_panel.note_requested.connect(self.open_note_editor)
        self.handover_banner = HandoverBanner(client, background, self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.handover_banner)
        self.handover_banner.hide()
        self.handover_banner.open_requested.connect(lambda _hid: self.open_handover(incoming=True))
        self._pending_click = ClickFilter(self.pending_label)
        self._pending_click.clicked.connect(self.open_pending_view)
        self.pending_label.setToolTip(self.tr("Click to see the changes waiting to sync"))
        self.bridge.status_changed.connect(self.on_sync_status)
        self.bridge.changes_arrived.connect(self.on_changes)
        self.phrases_changed.connect(self._refresh_phrases)

        # Desktop notifications: decided by the Qt-free watcher on a worker, shown by the tray.
        self.notices = NoticeWatcher(engine, user.id, list(user.shop_ids), list(user.groups))
        self.tray = Tray(settings, self, self)
        self.tray.show_window_requested.connect(self.bring_to_front)
        self.tray.open_conversation_requested.connect(self.open_conversation)
        self.tray.open_handover_requested.connect(lambda: self.open_handover(incoming=True))
        self.tray.open_dashboard_requested.connect(self.show_dashboard)
        self.handover_banner.offered.connect(
            lambda _hid, text: self.tray.notify(Notice("handover", 0, "", "", text))
        )
        self.tray.quit_requested.connect(self.close)
        self._sla_timer = QTimer(self)
        self._sla_timer.setInterval(5000)
        self._sla_timer.timeout.connect(self._check_sla)
        self._sla_timer.start()

        self.resize(1360, 800)
        self._restore_layout()
        self._update_identity()
        if self.dashboard is not None:
            self.show_dashboard()  # the supervisor's first screen
        if not self._server_reachable:
            # Opened from the cache without the server: claims wait for the connection.
            self.queue_view.set_online(False, self._unreachable_reason)
            self.conversation_panel.set_online(False, self._unreachable_state)

    # ------------------------------------------------------------------ construction

    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState() identifies docks by object name
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        return dock

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.identity_label = QLabel(self)
        self.identity_label.setObjectName("identityLabel")
        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("connectionLabel")
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("pendingLabel")
        bar.addPermanentWidget(self.pending_label)
        bar.addPermanentWidget(self.connection_label)
        bar.addPermanentWidget(self.identity_label)
        self.status_control = StatusControl(self.presence, self)
        bar.addPermanentWidget(self.status_control)
        self.connection_label.setText(
            connection_label("offline" if getattr(self.client, "offline", False) else "online", None)
        )
        self.connection_label.setProperty("state", "offline" if getattr(self.client, "offline", False)
                                          else "online")
        self.pending_label.setVisible(False)

    def _build_menus(self) -> None:
        menubar = self.menuBar()
        # File
        file_menu = menubar.addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")
        self.login_again_action = QAction(self.tr("Log in &again…"), self)
        self.login_again_action.setObjectName("loginAgainAction")
        self.login_again_action.triggered.connect(self.login_again_requested)
        self.login_again_action.setEnabled(False)  # until the sync loop says the login expired
        self.logout_action = QAction(self.tr("Log &out"), self)
        self.logout_action.setObjectName("logoutAction")
        self.logout_action.triggered.connect(self.logout_requested)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        file_menu.addMenu(self.status_control.status_menu)
        file_menu.addAction(self.status_control.open_action)
        self.addAction(self.status_control.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self.login_again_action)
        file_menu.addAction(self.logout_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        # Conversation
        conv_menu = menubar.addMenu(self.tr("&Conversation"))
        conv_menu.setObjectName("conversationMenu")
        conv_menu.addAction(self.queue_view.open_action)
        conv_menu.addAction(self.queue_view.claim_action)
        conv_menu.addAction(self.queue_view.claim_next_action)
        conv_menu.addSeparator()
        conv_menu.addAction(self.queue_view.find_action)
        self.focus_queue_action = QAction(self.tr("Go to &queue"), self)
        self.focus_queue_action.setObjectName("focusQueueAction")
        self.focus_queue_action.setShortcut(QKeySequence("Ctrl+1"))
        self.focus_queue_action.triggered.connect(self.focus_queue)
        conv_menu.addAction(self.focus_queue_action)
        conv_menu.addSeparator()
        conv = self.conversation_panel
        for action in (conv.focus_composer_action, conv.transfer_action, conv.escalate_action,
                       conv.close_action):
            conv_menu.addAction(action)
            self.addAction(action)
        self.phrases_action = QAction(self.tr("Quick &phrases…"), self)
        self.phrases_action.setObjectName("phrasesAction")
        self.phrases_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.phrases_action.triggered.connect(self.open_phrase_manager)
        conv_menu.addAction(self.phrases_action)
        self.addAction(self.phrases_action)
        self.addAction(self.queue_view.find_action)
        self.addAction(self.queue_view.claim_action)
        self.addAction(self.queue_view.claim_next_action)

        # View
        view_menu = menubar.addMenu(self.tr("&View"))
        view_menu.setObjectName("viewMenu")
        for dock, shortcut in ((self.queue_dock, "Ctrl+Shift+1"), (self.conversation_dock, "Ctrl+Shift+2"),
                               (self.customer_dock, "Ctrl+Shift+3"), (self.work_lists_dock, "Ctrl+Shift+4")):
            toggle = dock.toggleViewAction()
            toggle.setShortcut(QKeySequence(shortcut))
            view_menu.addAction(toggle)
        view_menu.addSeparator()
        self.reset_layout_action = QAction(self.tr("&Reset layout"), self)
        self.reset_layout_action.setObjectName("resetLayoutAction")
        self.reset_layout_action.triggered.connect(self.reset_layout)
        view_menu.addAction(self.reset_layout_action)
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setObjectName("settingsAction")
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)  # macOS: app menu
        self.settings_action.triggered.connect(self.edit_settings)
        view_menu.addAction(self.settings_action)
        language_menu = view_menu.addMenu(self.tr("&Language (applies after restart)"))
        language_menu.setObjectName("languageMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        chosen = self.settings.get(Options.LANGUAGE)
        self.language_actions: dict[str, QAction] = {}
        names = {SYSTEM_LANGUAGE: self.tr("Follow the system"), **LANGUAGE_NAMES}
        for code, name in names.items():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.choose_language(c))
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action

        # Orders: search, copy, and the work lists (the actions belong to the customer panel)
        orders_menu = menubar.addMenu(self.tr("&Orders"))
        orders_menu.setObjectName("ordersMenu")
        panel = self.customer_panel
        panel.focus_search_action.triggered.connect(self.focus_customer_search)
        for action in (panel.focus_search_action, panel.copy_order_action, panel.copy_tracking_action,
                       panel.copy_address_action, panel.note_action):
            orders_menu.addAction(action)
            self.addAction(action)  # works while the customer dock is hidden or floating, too
        orders_menu.addSeparator()
        self.nudge_list_action = QAction(self.tr("&Unpaid orders to nudge"), self)
        self.nudge_list_action.setObjectName("nudgeListAction")
        self.nudge_list_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.nudge_list_action.triggered.connect(lambda: self.show_work_list("nudge"))
        self.stuck_list_action = QAction(self.tr("&Stuck parcels"), self)
        self.stuck_list_action.setObjectName("stuckListAction")
        self.stuck_list_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.stuck_list_action.triggered.connect(lambda: self.show_work_list("stuck"))
        for action in (self.nudge_list_action, self.stuck_list_action):
            orders_menu.addAction(action)
            self.addAction(action)

        # Shift: handover and pending changes (issue 5)
        shift_menu = menubar.addMenu(self.tr("S&hift"))
        shift_menu.setObjectName("shiftMenu")
        self.handover_action = QAction(self.tr("Shift &handover…"), self)
        self.handover_action.setObjectName("handoverAction")
        self.handover_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.handover_action.triggered.connect(lambda: self.open_handover())
        self.incoming_handover_action = QAction(self.tr("&Handovers for my shift"), self)
        self.incoming_handover_action.setObjectName("incomingHandoverAction")
        self.incoming_handover_action.triggered.connect(lambda: self.open_handover(incoming=True))
        self.pending_action = QAction(self.tr("Changes waiting to &sync…"), self)
        self.pending_action.setObjectName("pendingAction")
        self.pending_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.pending_action.triggered.connect(self.open_pending_view)
        for action in (self.handover_action, self.incoming_handover_action, self.pending_action):
            shift_menu.addAction(action)
            self.addAction(action)

        if self.dashboard is not None:
            self._build_supervisor_menu()
            self._build_reports_action()

        # Help
        help_menu = menubar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        self.shortcuts_action = QAction(self.tr("&Keyboard shortcuts"), self)
        self.shortcuts_action.setObjectName("shortcutsAction")
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = QAction(self.tr("&About Workstation"), self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)
        self._register_shortcuts()

    def _build_supervisor_menu(self) -> None:
        """Supervisors: the dashboard (Ctrl+0) and the desk (Ctrl+1) as two pages, and the
        dashboard's actions."""
        assert self.dashboard is not None
        menu = self.menuBar().addMenu(self.tr("S&upervisor"))
        menu.setObjectName("supervisorMenu")
        pages = QActionGroup(self)
        pages.setExclusive(True)
        self.dashboard_action = QAction(self.tr("&Dashboard"), self)
        self.dashboard_action.setObjectName("dashboardAction")
        self.dashboard_action.setShortcut(QKeySequence("Ctrl+0"))
        self.dashboard_action.setCheckable(True)
        self.dashboard_action.triggered.connect(self.show_dashboard)
        self.desk_action = QAction(self.tr("&Agent desk"), self)
        self.desk_action.setObjectName("deskAction")
        self.desk_action.setCheckable(True)
        self.desk_action.triggered.connect(self.show_desk)
        for action in (self.dashboard_action, self.desk_action):
            pages.addAction(action)
            menu.addAction(action)
            self.addAction(action)
        menu.addSeparator()
        for action in self.dashboard.menu_actions():
            menu.addAction(action)
            self.addAction(action)
        # the desk: take over the open conversation a colleague holds (through the dashboard's
        # assignment, compare-and-set on its version; a lost race names the holder)
        self.takeover_open_action = QAction(self.tr("Take &over this conversation"), self)
        self.takeover_open_action.setObjectName("takeOverOpenAction")
        self.takeover_open_action.setEnabled(False)
        self.takeover_open_action.triggered.connect(self.take_over_open)
        conv_menu = self.menuBar().findChild(QMenu, "conversationMenu")
        if conv_menu is not None:
            conv_menu.addSeparator()
            conv_menu.addAction(self.takeover_open_action)
        self.conversation_panel.loaded.connect(lambda _id: self._update_takeover_open())
        # one click away: the two pages as buttons above the panels
        self.page_bar = self.addToolBar(self.tr("Pages"))
        self.page_bar.setObjectName("pageBar")
        self.page_bar.setMovable(False)
        self.page_bar.addAction(self.dashboard_action)
        self.page_bar.addAction(self.desk_action)

    def _update_takeover_open(self) -> None:
        d = self.conversation_panel.detail
        held = d is not None and d.found and d.status == "assigned" and d.assignee_id != self.client.user.id
        self.takeover_open_action.setEnabled(held)
        tip = ""
        if held and d is not None:
            tip = self.tr("Served by {name}: take it over").format(name=d.assignee_name or "?")
        self.takeover_open_action.setToolTip(tip)  # empty: the action's text

    def take_over_open(self) -> None:
        d = self.conversation_panel.detail
        if self.dashboard is None or d is None or not d.found:
            return
        self.dashboard.assign(d.id, d.assignment_version, self.client.user.id)

    def show_dashboard(self) -> None:
        """The supervisor's dashboard page: the desk's panels step aside (unless floating)."""
        if self.dashboard_dock is None:
            return
        desk = (self.queue_dock, self.conversation_dock, self.customer_dock, self.work_lists_dock)
        if self.dashboard_dock.isHidden():
            self._desk_docks = [d for d in desk if not d.isHidden() and not d.isFloating()]
        for dock in self._desk_docks:
            dock.hide()
        self.dashboard_dock.show()
        self.dashboard_dock.raise_()
        self.dashboard_action.setChecked(True)
        if self.dashboard is not None:
            self.dashboard.agents_table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_desk(self) -> None:
        """The agents' panels (queue, conversation, customer) back in place."""
        if self.dashboard_dock is None:
            return
        if not self.dashboard_dock.isFloating():
            self.dashboard_dock.hide()
        for dock in self._desk_docks or [self.queue_dock, self.conversation_dock, self.customer_dock]:
            dock.show()
        self._desk_docks = []
        self.desk_action.setChecked(True)

    def _notify_alerts(self, alerts: list[Any]) -> None:
        if self._closing or self.dashboard is None:
            return
        for alert in alerts[:3]:  # a burst must not bury the screen
            text = self.dashboard.alert_text(alert)
            self.tray.notify(Notice("alert", alert.conversation_id or 0, "", "", text))

    # ------------------------------------------------------------------ my status

    def start_presence(self) -> None:
        """Send the status I last chose and keep it alive; input anywhere in the app counts."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.activity_filter)
        self.presence.start()

    def stop_presence(self, send_offline: bool = True) -> bool:
        """At logout or exit: stop the heartbeat, tell the service I am offline (best effort)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.activity_filter)
        if not self.presence.running:
            return False
        return self.presence.stop(send_offline=send_offline)

    def _register_shortcuts(self) -> None:
        """Every menu action with a shortcut becomes editable (Settings → Keyboard) and is listed
        by F1, grouped by its menu; the agent's changes are applied now."""
        self.shortcut_registry = ShortcutRegistry(self.settings, self)
        found: list[tuple[QAction, str]] = []
        seen: set[str] = set()
        menubar = self.menuBar()

        def walk(menu: Any, group: str) -> None:
            for action in menu.actions():
                sub = action.menu()
                if sub is not None:
                    walk(sub, group)
                    continue
                name = action.objectName()
                if not name and not action.shortcut().isEmpty():
                    # dock toggles come from Qt without a name: name them after their dock
                    name = f"toggle_{action.text()}"
                    action.setObjectName(name)
                if name and name not in seen and not action.shortcut().isEmpty():
                    seen.add(name)
                    found.append((action, group))

        for top in menubar.actions():
            if top.menu() is not None:
                walk(top.menu(), action_label(top))
        self.shortcut_registry.register_all(found)

    # ------------------------------------------------------------------ start and stop

    def start(self, *, sync: bool = True, poll_interval: float = 30.0) -> None:
        """Load the queue and start syncing (the sync loop reports through ``self.bridge``)."""
        self.queue_view.load_all()
        self.work_lists.refresh()
        if sync:
            self.client.start_sync(self.bridge.on_status, self.bridge.on_changes, poll_interval=poll_interval)
        QTimer.singleShot(0, self.show_notices)
        QTimer.singleShot(0, self.handover_banner.check)
        self._restore_open_conversation()
        if self.dashboard is not None:
            self.dashboard.start()

    def _restore_open_conversation(self) -> None:
        """Reopen the conversation that was open when the app last closed (if it is still cached)."""
        db = getattr(self.client, "db", None)
        if db is None:
            return

        def find() -> int | None:
            raw = db.get_state(K_OPEN_CONVERSATION)
            if not raw or not raw.isdigit():
                return None
            with db.session() as s:
                return int(raw) if s.get(Conversation, int(raw)) is not None else None

        def reopen(cid: int | None) -> None:
            if cid is not None and self.current_conversation_id is None and not self._closing:
                self.open_conversation(cid)

        self.background.run(find, reopen, name="restore.conversation", owner=self)

    def show_notices(self) -> None:
        """Things to tell the user once: no secure keychain; a damaged cache was set aside."""
        if self._notices_shown:
            return
        self._notices_shown = True
        store = getattr(getattr(self.client, "auth", None), "store", None)
        if store is not None and store.take_warning() is not None:
            self._notice(self.tr(
                "No secure password store (keychain) is available on this computer, so your login is "
                "kept only until Workstation closes; you will need to log in again after a restart."
            ))
        recovery = getattr(getattr(self.client, "db", None), "recovery", None)
        if recovery is not None:
            self._notice(self.tr(
                "The local cache was damaged and has been rebuilt from the server. Your unsent changes "
                "({outbox}) and drafts ({drafts}) were kept. The damaged file was set aside as {path}."
            ).format(outbox=recovery.salvaged_outbox, drafts=recovery.salvaged_drafts,
                     path=recovery.aside_path))

    def _notice(self, text: str) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("noticeDialog")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Workstation"))
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        # Non-modal: a notice informs, it must not stop an agent who has buyers waiting.
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setModal(False)
        box.show()
        return box

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        self.conversation_panel.flush_draft()
        if self.dashboard_dock is not None and self.dashboard_action.isChecked():
            # The layout is saved as the desk (the dashboard page hides the desk's panels): the
            # next supervisor opens on the dashboard anyway, and an agent on this PC gets a desk.
            self.show_desk()
        self.save_layout()
        self.bridge.close()
        self.queue_view.ticker.stop()
        self._sla_timer.stop()
        if self.dashboard is not None:
            self.dashboard.stop()
        self.tray.hide()
        super().closeEvent(event)
        self.closed.emit()

    # ------------------------------------------------------------------ layout

    def save_layout(self) -> None:
        self.settings.set(Options.GEOMETRY, bytes(self.saveGeometry().data()))
        self.settings.set(Options.WINDOW_STATE, bytes(self.saveState().data()))
        header = self.queue_view.table.horizontalHeader()
        self.settings.set(Options.QUEUE_HEADER, bytes(header.saveState().data()))
        self.settings.sync()

    def _restore_layout(self) -> None:
        geometry = self.settings.get(Options.GEOMETRY)
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        state = self.settings.get(Options.WINDOW_STATE)
        if state:
            self.restoreState(QByteArray(state))
        header_state = self.settings.get(Options.QUEUE_HEADER)
        if header_state:
            self.queue_view.table.horizontalHeader().restoreState(QByteArray(header_state))

    def reset_layout(self) -> None:
        for dock in (self.queue_dock, self.conversation_dock, self.customer_dock, self.work_lists_dock):
            dock.setFloating(False)
            dock.show()
        self.restoreState(self._default_state)

    # ------------------------------------------------------------------ state from the sync loop

    def on_sync_status(self, status: SyncStatus) -> None:
        if self._closing:  # a report queued before the window closed
            return
        self.sync_status = status
        if status.state != "syncing":
            self.tray.set_status("online" if status.state in ONLINE_STATES else "offline")
        shown: str = status.state
        if shown == "syncing" and not self._server_reachable and self._unreachable_state:
            # A retry while offline is not news: keep saying offline until the server answers.
            shown = self._unreachable_state
        since = status.since if status.since is not None else self._offline_since
        self.connection_label.setText(connection_label(shown, since))
        self.connection_label.setProperty("state", shown)
        self.connection_label.style().unpolish(self.connection_label)
        self.connection_label.style().polish(self.connection_label)
        tip = status.message or ""
        if status.last_synced_at is not None:
            from workstation.views.labels import local_hhmm

            tip = (tip + "\n" if tip else "") + self.tr("Last synced at {time}").format(
                time=local_hhmm(status.last_synced_at))
        self.connection_label.setToolTip(tip)
        parts = []
        if status.pending:
            parts.append(self.tr("{n} changes waiting to sync").format(n=status.pending))
        if status.rejected:
            parts.append(self.tr("{n} changes rejected").format(n=status.rejected))
        self.pending_label.setText(" · ".join(parts))
        self.pending_label.setVisible(bool(parts))
        # "syncing" says a sync is under way, not whether the server answers: keep what the last
        # definite state said (the loop starts in "syncing" even when the server is down).
        reasons = {
            "offline": self.tr("Offline: claiming needs a connection to the server"),
            "needs_login": self.tr("Your login expired: log in again to claim (File → Log in again)"),
            "app_too_old": self.tr("This version is too old for the server: please update Workstation"),
        }
        if status.state != "syncing":
            self._server_reachable = status.state in ONLINE_STATES
            self._unreachable_reason = reasons.get(status.state, "")
            self._unreachable_state = "" if self._server_reachable else status.state
            self._offline_since = status.since
        reason = self._unreachable_reason
        self.queue_view.set_online(self._server_reachable, reason)
        self.conversation_panel.set_online(self._server_reachable, self._unreachable_state)
        self.login_again_action.setEnabled(status.state == "needs_login")
        if status.state == "online":
            self.presence.resend()  # a status chosen while offline goes out now
        self._status_to_issue5_windows(status)
        if status.state == "needs_login":
            self.show_message(reason)

    def on_changes(self, summary: ChangeSummary) -> None:
        if self._closing:
            return
        self._check_notices(summary)
        self.queue_view.apply_changes(summary.ids, summary.reset)
        self.customer_panel.on_changes(summary)
        self.work_lists.on_changes(summary)
        self._changes_to_issue5_windows(summary)
        if summary.reset or summary.ids.get("phrase"):
            self.phrases_changed.emit()
            if self.phrase_manager is not None and self.phrase_manager.isVisible():
                self.phrase_manager.reload()
        cid = self.current_conversation_id
        if cid is None:
            return
        ids = summary.ids
        detail = self.conversation_panel.detail
        buyer_changed = detail is not None and str(detail.buyer_id) in ids.get("buyer", set())
        # Messages do not say which conversation they belong to here: any new message refreshes
        # the open thread, which reads only the messages after its newest one (one small query)
        # and appends them; a cache rebuild reads it all again.
        if summary.reset:
            self.conversation_panel.reload()
        elif ids.get("message") or str(cid) in ids.get("conversation", set()) \
                or buyer_changed or ids.get("user") or ids.get("shop"):
            self.conversation_panel.refresh()

    # ------------------------------------------------------------------ notifications

    def _check_notices(self, summary: ChangeSummary) -> None:
        watcher = self.notices
        self._filling = summary.filling
        if summary.filling:
            return  # a first sync still filling the cache: one look when it ends, not one per page
        if summary.reset:
            self.background.run(watcher.prime, name="notices.prime", owner=self)
            return
        ids = [int(i) for i in summary.ids.get("conversation", set())]
        if not ids:
            return
        on_screen = self.current_conversation_id if self.isActiveWindow() else None
        self.background.run(
            lambda: (watcher.changed(ids, on_screen), watcher.unread()),
            self._show_notices,
            name="notices.changed",
            owner=self,
        )

    def _check_sla(self) -> None:
        if self._filling:
            return
        watcher = self.notices
        red = {group: int(t.red) for group, t in self.settings.thresholds().items()}
        self.background.run(
            lambda: (watcher.tick(utcnow_naive(), red), watcher.unread()),
            self._show_notices,
            name="notices.sla",
            owner=self,
        )

    def _show_notices(self, result: tuple[list[Notice], int]) -> None:
        if self._closing:
            return
        notices, unread = result
        self.tray.set_unread(unread)
        for notice in notices[:3]:  # a burst (a sale-day surge) must not bury the screen
            self.tray.notify(notice)

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # ------------------------------------------------------------------ intents

    def _refresh_phrases(self) -> None:
        """The composer's '/' popup and suggestions re-read the phrases (on a worker)."""
        assist = self.conversation_panel.composer.assist
        if assist is not None:
            assist.refresh()

    def open_phrase_manager(self) -> PhraseManager:
        """The quick phrase manager (one per window), previews filled for the open conversation."""
        if self.phrase_manager is None:
            self.phrase_manager = PhraseManager(
                self.client, self.background, self.current_conversation_id, self
            )
            self.phrase_manager.phrases_written.connect(self.phrases_changed)
            self.phrase_manager.message.connect(self.show_message)
        else:
            self.phrase_manager.conversation_id = self.current_conversation_id
            self.phrase_manager.reload()
        self.phrase_manager.show()
        self.phrase_manager.raise_()
        self.phrase_manager.activateWindow()
        return self.phrase_manager

    def open_conversation(self, conversation_id: int) -> None:
        """Make ``conversation_id`` the current conversation: its thread and buyer card load."""
        self.current_conversation_id = conversation_id
        self.conversation_panel.show_conversation(conversation_id)
        self.customer_panel.show_conversation(conversation_id)
        db = getattr(self.client, "db", None)
        if db is not None:  # remembered for the next start (working state restored)
            self.background.run(lambda: db.set_state(K_OPEN_CONVERSATION, str(conversation_id)),
                                name="remember.conversation")

    # ------------------------------------------------------------------ notes, handover, pending

    def open_note_editor(self, order_id: int, order_no: str = "", fix_seq: int | None = None) -> NoteEditor:
        """The note editor of an order (one per order); ``fix_seq``: load that rejected change."""
        editor = self.note_editors.get(order_id)
        if editor is None:
            editor = NoteEditor(self.client, self.background, order_id, order_no, self)
            editor.message.connect(self.show_message)
            editor.written.connect(lambda _oid: self.note_marks.refresh())
            editor.finished.connect(lambda _r, oid=order_id: self.note_editors.pop(oid, None))
            editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.note_editors[order_id] = editor
        if fix_seq is not None:
            seq = fix_seq
            target = editor
            if target.history:
                target.fix_rejected(seq)
            else:
                def on_loaded() -> None:
                    target.loaded.disconnect(on_loaded)
                    target.fix_rejected(seq)

                target.loaded.connect(on_loaded)
        editor.show()
        editor.raise_()
        editor.activateWindow()
        editor.text_edit.setFocus()
        return editor

    def open_handover(self, incoming: bool = False) -> HandoverWindow:
        """The handover window: mine to write (default) or the incoming ones."""
        if self.handover_window is None:
            window = HandoverWindow(self.client, self.background, self)
            window.message.connect(self.show_message)
            window.order_opened.connect(self.open_order)
            window.conversation_opened.connect(self.open_conversation)
            window.written.connect(self.handover_banner.check)
            self.handover_window = window
        window = self.handover_window
        window.load_all()
        window.tabs.setCurrentIndex(1 if incoming else 0)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _build_reports_action(self) -> None:
        """Supervisors: the report window (Ctrl+Shift+R) in the Supervisor menu (issue 6)."""
        self.report_window: ReportWindow | None = None
        self.reports_action = QAction(self.tr("&Reports…"), self)
        self.reports_action.setObjectName("reportsAction")
        self.reports_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.reports_action.setToolTip(
            self.tr("Daily and per-agent reports with charts, exported to Excel or CSV")
        )
        self.reports_action.triggered.connect(self.open_reports)
        menu = self.menuBar().findChild(QMenu, "supervisorMenu")
        if menu is not None:
            menu.addSeparator()
            menu.addAction(self.reports_action)
        self.addAction(self.reports_action)

    def open_reports(self) -> ReportWindow:
        if self.report_window is None:
            self.report_window = ReportWindow(self.client, self.background, self, settings=self.settings)
        self.report_window.show()
        self.report_window.raise_()
        self.report_window.activateWindow()
        return self.report_window

    def open_pending_view(self) -> PendingView:
        if self.pending_view is None:
            view = PendingView(self.client, self.background, self)
            view.message.connect(self.show_message)
            view.fix_note_requested.connect(lambda oid, seq: self.open_note_editor(oid, "", seq))
            self.pending_view = view
        self.pending_view.reload()
        self.pending_view.show()
        self.pending_view.raise_()
        self.pending_view.activateWindow()
        return self.pending_view

    def _status_to_issue5_windows(self, status: SyncStatus) -> None:
        counts = (status.pending, status.rejected)
        if counts == getattr(self, "_issue5_counts", None):
            return
        self._issue5_counts = counts
        # a push applied or rejected changes: pending marks and rejected entries change
        if self.pending_view is not None:
            self.pending_view.on_status(status)
        for editor in self.note_editors.values():
            editor.schedule_reload()

    def _changes_to_issue5_windows(self, summary: ChangeSummary) -> None:
        self.note_marks.on_changes(summary)
        ids = summary.ids
        if summary.reset or ids.get("order_note") or ids.get("note_entry"):
            for editor in self.note_editors.values():
                editor.schedule_reload()
        if self.handover_window is not None:
            self.handover_window.on_changes(summary)
        if summary.reset or any(ids.get(k) for k in ("handover", "handover_ack", "shift")):
            self.handover_banner.check()

    def open_order(self, buyer_id: int, order_id: int) -> None:
        """Show a buyer with one of their orders opened (from a work list or search)."""
        self.customer_dock.show()
        self.customer_dock.raise_()
        self.customer_panel.show_buyer(buyer_id, order_id)

    def show_work_list(self, kind: str) -> None:
        self.work_lists_dock.show()
        self.work_lists_dock.raise_()
        self.work_lists.show_list(kind)

    def focus_customer_search(self) -> None:
        self.customer_dock.show()
        self.customer_dock.raise_()
        self.customer_panel.focus_search()

    def edit_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.settings, self, shortcuts=self.shortcut_registry)
        alerts = dialog.notify.get("alerts")
        if alerts is not None and self.dashboard is None:
            # agents get no supervisor alerts: the switch is greyed (its value stays as it was)
            alerts.setEnabled(False)
            alerts.setToolTip(self.tr("Only supervisors see the dashboard and its alerts"))
        dialog.saved.connect(self._apply_settings)
        dialog.open()
        return dialog

    def _apply_settings(self) -> None:
        """What the settings dialog changed takes effect now (the language at the next start)."""
        s = self.settings
        self.queue_view.set_thresholds(s.thresholds())
        self.conversation_panel.set_send_key(s.get(Options.SEND_KEY))
        self._apply_order_rules()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, s.get(Options.THEME), s.get(Options.FONT_SIZE))
            self.queue_view.table.viewport().update()
        self.tray.set_do_not_disturb(s.get(Options.DO_NOT_DISTURB))
        if resolve_language(s.get(Options.LANGUAGE)) != current_language():
            self.show_message(self.tr("The language will change when Workstation restarts."), 15000)

    def _apply_order_rules(self) -> None:
        rules = self.settings.order_rules()
        self.customer_panel.set_rules(rules)
        self.work_lists.set_rules(rules)

    def focus_queue(self) -> None:
        if self.dashboard_dock is not None and not self.queue_dock.isVisible():
            self.show_desk()
        self.queue_dock.show()
        self.queue_dock.raise_()
        self.queue_view.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_message(self, text: str, timeout_ms: int = 8000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def choose_language(self, code: str) -> None:
        self.settings.set(Options.LANGUAGE, code)
        self.settings.sync()
        if resolve_language(code) != current_language():
            self.show_message(self.tr("The language will change when Workstation restarts."), 15000)

    def show_shortcuts(self) -> CheatSheet:
        """F1: the shortcuts in force (edited ones included), plus the keys that are not actions."""
        conversation = self.tr("Conversation")
        for top in self.menuBar().actions():
            menu = top.menu()
            if menu is not None and menu.objectName() == "conversationMenu":
                conversation = action_label(top)  # the group the menu's actions are listed under
        extra = [  # (Enter and Ctrl+1 are actions of the Conversation menu: already listed)
            (conversation, "/", self.tr("Quick phrases while writing a reply")),
            (conversation, "Alt+1 / 2 / 3", self.tr("Insert a suggested phrase")),
        ]
        # the composer's keys as the agent set them (Settings → Keyboard → Sending replies)
        if self.settings.get(Options.SEND_KEY) == "ctrl_enter":
            send, new_line = "Ctrl+Enter", "Enter"
        else:
            send, new_line = "Enter", "Ctrl+Enter / Shift+Enter"
        extra += [
            (conversation, send, self.tr("Send the reply")),
            (conversation, new_line, self.tr("New line in the reply")),
        ]
        sheet = CheatSheet(self.shortcut_registry, extra, self)
        sheet.open()
        return sheet

    def show_about(self) -> None:
        from workstation.views.errors import error_details

        QMessageBox.about(
            self,
            self.tr("About Workstation"),
            self.tr("Workstation: the customer-service agent's desk.") + "\n\n" + error_details(),
        )

    def _update_identity(self) -> None:
        user = self.client.user
        self.identity_label.setText(f"{user.display_name}({user.staff_id})")
        self.identity_label.setToolTip(self.tr("Logged in to {server}").format(
            server=getattr(self.client.auth, "server_url", "")))
