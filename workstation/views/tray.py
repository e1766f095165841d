"""The tray icon and desktop notifications.

The icon shows the connection (a green, amber or grey dot on the app icon) and, in its tooltip,
how many of my conversations wait for my answer. Notifications come from
``workstation.notices.NoticeWatcher``; this class only decides how to show them: a tray balloon
(clicking it opens the conversation), the system sound when enabled, nothing at all in
do-not-disturb. Where the desktop has no tray (some Linux sessions, headless test runs) the
window's taskbar entry is flashed instead (``QApplication.alert``); the status bar stays for the
results of the agent's own actions.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget

from workstation.i18n import resources_dir
from workstation.notices import Notice
from workstation.settings import Options, Settings

#: tray status -> dot colour
STATUS_COLOURS = {"online": "#2E9E4F", "away": "#D9962B", "offline": "#8A8F98"}


def status_icon(status: str, size: int = 64) -> QIcon:
    """The app icon with a status dot in its lower right corner."""
    base = QIcon(str(resources_dir() / "icons" / "workstation.svg"))
    pixmap = base.pixmap(size, size)
    if pixmap.isNull():
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor("#1E5FA8"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    r = size * 0.2
    centre = QPointF(size - r - 1, size - r - 1)
    painter.setPen(QColor("white"))
    painter.setBrush(QColor(STATUS_COLOURS.get(status, STATUS_COLOURS["offline"])))
    painter.drawEllipse(centre, r, r)
    painter.end()
    return QIcon(pixmap)


class Tray(QObject):
    open_conversation_requested = Signal(int)
    open_handover_requested = Signal()
    #: a supervisor's alert notification was clicked
    open_dashboard_requested = Signal()
    show_window_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self, settings: Settings, window: QWidget | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.window = window
        self.status = "offline"
        self.unread = 0
        self.last_notice: Notice | None = None
        #: what the last notify() showed (title, text): tests and the status bar fallback read it
        self.last_shown: tuple[str, str] | None = None
        self.icon: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(status_icon(self.status), self)
            self.icon.setContextMenu(self._menu())
            self.icon.activated.connect(self._on_activated)
            self.icon.messageClicked.connect(self._on_message_clicked)
            self.icon.show()
        self._update_tooltip()

    @property
    def available(self) -> bool:
        return self.icon is not None

    def _menu(self) -> QMenu:
        menu = QMenu(self.window)
        show = QAction(self.tr("Show Workstation"), menu)
        show.triggered.connect(self.show_window_requested)
        self.dnd_action = QAction(self.tr("Do not disturb"), menu)
        self.dnd_action.setCheckable(True)
        self.dnd_action.setChecked(self.settings.get(Options.DO_NOT_DISTURB))
        self.dnd_action.toggled.connect(self.set_do_not_disturb)
        quit_action = QAction(self.tr("Quit"), menu)
        quit_action.triggered.connect(self.quit_requested)
        menu.addAction(show)
        menu.addAction(self.dnd_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        return menu

    def set_do_not_disturb(self, on: bool) -> None:
        self.settings.set(Options.DO_NOT_DISTURB, bool(on))
        self._update_tooltip()

    def set_status(self, status: str) -> None:
        """``online``, ``away`` or ``offline``."""
        if status == self.status:
            return
        self.status = status
        if self.icon is not None:
            self.icon.setIcon(status_icon(status))
        self._update_tooltip()

    def set_unread(self, count: int) -> None:
        if count != self.unread:
            self.unread = count
            self._update_tooltip()

    def tooltip(self) -> str:
        states = {"online": self.tr("Online"), "away": self.tr("Away"), "offline": self.tr("Offline")}
        parts = ["Workstation", states.get(self.status, self.status)]
        if self.unread:
            parts.append(self.tr("{count} conversation(s) waiting for your answer").format(count=self.unread))
        if self.settings.get(Options.DO_NOT_DISTURB):
            parts.append(self.tr("Do not disturb"))
        return " · ".join(parts)

    def _update_tooltip(self) -> None:
        if self.icon is not None:
            self.icon.setToolTip(self.tooltip())

    def message_for(self, notice: Notice) -> tuple[str, str]:
        if notice.kind == "new":
            title = self.tr("New conversation: {buyer} ({shop})")
        elif notice.kind == "reply":
            title = self.tr("{buyer} replied ({shop})")
        elif notice.kind == "handover":
            return self.tr("Handover for your shift"), notice.text
        elif notice.kind == "alert":
            return self.tr("Supervisor alert"), notice.text
        else:
            title = self.tr("{buyer} has waited {seconds} s ({shop})")
        title = title.format(buyer=notice.buyer, shop=notice.shop, seconds=notice.text)
        return title, "" if notice.kind == "sla" else notice.text

    def wanted(self, notice: Notice) -> bool:
        if self.settings.get(Options.DO_NOT_DISTURB):
            return False
        option = {
            "new": Options.NOTIFY_NEW,
            "reply": Options.NOTIFY_REPLY,
            "sla": Options.NOTIFY_SLA,
            "handover": Options.NOTIFY_HANDOVER,
            "alert": Options.NOTIFY_ALERTS,
        }
        return self.settings.get(option[notice.kind])

    def notify(self, notice: Notice) -> bool:
        """Show one notice if the agent wants it; True when it was shown."""
        if not self.wanted(notice):
            return False
        title, text = self.message_for(notice)
        self.last_notice = notice
        self.last_shown = (title, text)
        if self.icon is not None and QSystemTrayIcon.supportsMessages():
            self.icon.showMessage(title, text, status_icon(self.status), 8000)
        elif self.window is not None:
            QApplication.alert(self.window, 0)
        if self.settings.get(Options.NOTIFY_SOUND):
            QApplication.beep()
        return True

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_window_requested.emit()

    def _on_message_clicked(self) -> None:
        self.show_window_requested.emit()
        if self.last_notice is not None and self.last_notice.kind == "handover":
            self.open_handover_requested.emit()
        elif self.last_notice is not None and self.last_notice.kind == "alert":
            self.open_dashboard_requested.emit()
        elif self.last_notice is not None:
            self.open_conversation_requested.emit(self.last_notice.conversation_id)

    def hide(self) -> None:
        if self.icon is not None:
            self.icon.hide()


__all__ = ["STATUS_COLOURS", "Tray", "status_icon"]
