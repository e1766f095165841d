"""My status in the status bar: a coloured dot and the word (在线 / 忙碌 / 离开 / 离线); a click
(or Ctrl+Shift+O) opens the menu to change it. Thin: ``workstation.presence.Presence`` sends the
status; this widget shows its state and forwards the agent's choice.

``ActivityFilter`` is the application-wide event filter that tells the presence about keyboard
and mouse input (away after inactivity, back on input).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from workstation.presence import Presence, PresenceState
from workstation.views import theme
from wsprotocol import AGENT_STATUSES, AgentStatus

#: status -> theme colour of its dot
STATUS_COLOUR = {"online": "ok", "busy": "error", "away": "warn", "offline": "muted"}


def agent_status_label(status: str) -> str:
    """An agent's status in words (the dashboard uses it too)."""
    names = {
        "online": QCoreApplication.translate("AgentStatus", "Online"),
        "busy": QCoreApplication.translate("AgentStatus", "Busy"),
        "away": QCoreApplication.translate("AgentStatus", "Away"),
        "offline": QCoreApplication.translate("AgentStatus", "Offline"),
    }
    return names.get(status, status)


_dots: dict[tuple[str, str, int], QIcon] = {}


def status_dot(status: str, size: int = 12) -> QIcon:
    """A filled dot in the status's theme colour (the word always goes with it); cached per theme
    (item models ask for it at every paint)."""
    key = (theme.active().name, status, size)
    found = _dots.get(key)
    if found is None:
        found = _dots[key] = _paint_dot(status, size)
    return found


def _paint_dot(status: str, size: int) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(theme.color(STATUS_COLOUR.get(status, "muted")))
    r = size / 2 - 1
    painter.drawEllipse(QPointF(size / 2, size / 2), r, r)
    painter.end()
    return QIcon(pixmap)


class PresenceBridge(QObject):
    """The presence thread's callback as a main-thread signal."""

    changed = Signal(object)  # PresenceState

    def on_change(self, state: PresenceState) -> None:
        self.changed.emit(state)


class ActivityFilter(QObject):
    """Application-wide: any key or mouse input counts as the agent being here."""

    INPUT = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )

    def __init__(self, presence: Presence, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.presence = presence

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.INPUT:
            self.presence.input_seen()
        return False


class StatusControl(QToolButton):
    """The status bar's "my status" button with its menu."""

    def __init__(self, presence: Presence, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusControl")
        self.presence = presence
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAutoRaise(True)
        self.setAccessibleName(self.tr("My status"))
        self.status_menu = QMenu(self.tr("My &status"), self)
        self.status_menu.setObjectName("statusMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.actions_by_status: dict[str, QAction] = {}
        for status in AGENT_STATUSES:
            action = QAction(status_dot(status), self._choice_text(status), self)
            action.setObjectName(f"status_{status}")
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, s=status: self.choose(s))
            group.addAction(action)
            self.status_menu.addAction(action)
            self.actions_by_status[status] = action
        self.setMenu(self.status_menu)
        #: Ctrl+Shift+O: opens the menu at the button (registered with the menus' shortcuts)
        self.open_action = QAction(self.tr("Change my &status…"), self)
        self.open_action.setObjectName("changeStatusAction")
        self.open_action.setShortcut("Ctrl+Shift+O")
        self.open_action.triggered.connect(self.showMenu)
        self.bridge = PresenceBridge(self)
        self.bridge.changed.connect(self.show_state)
        presence.on_change = self.bridge.on_change
        self.show_state(presence.state)

    def _choice_text(self, status: str) -> str:
        if status == "away":
            return self.tr("Away")
        if status == "busy":
            return self.tr("Busy (no new conversations)")
        if status == "offline":
            return self.tr("Appear offline")
        return self.tr("Online")

    def choose(self, status: str) -> None:
        self.presence.choose(status)  # type: ignore[arg-type]
        self.show_state(self.presence.state)

    def show_state(self, state: PresenceState) -> None:
        status: AgentStatus = state.status
        words = agent_status_label(status)
        if state.auto_away:
            words = self.tr("{status} (no input)").format(status=words)
        if not state.sent:
            # Calm: the choice is kept and goes out when the service answers again.
            words = self.tr("{status} · not sent").format(status=words)
        self.setText(words)
        self.setIcon(status_dot(status))
        self.setProperty("sent", state.sent)
        action = self.actions_by_status.get(state.chosen)
        if action is not None:
            action.setChecked(True)
        tip = [
            self.tr("My status: {status}. Click or press Ctrl+Shift+O to change it.").format(
                status=agent_status_label(status)
            )
        ]
        if state.auto_away:
            tip.append(self.tr("Set to away after a while without input; back on the next input."))
        if not state.sent:
            tip.append(
                self.tr(
                    "Not sent yet: the service cannot be reached. It is sent again when "
                    "the connection comes back."
                )
            )
        self.setToolTip("\n".join(tip))
        self.setAccessibleDescription(self.toolTip())


__all__ = ["ActivityFilter", "PresenceBridge", "StatusControl", "agent_status_label", "status_dot"]
