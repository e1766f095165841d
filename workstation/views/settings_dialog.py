"""The settings dialog: every preference an agent can change, on four tabs.

General (server address for the next login, language, theme, text size), notifications, keyboard
(the send key and every shortcut) and queue and orders (wait thresholds per skill group, the
payment-nudge window, when a parcel counts as stuck). The options themselves are declared once in
``workstation.settings``; this only edits them. Nothing is stored until OK, and OK is refused
(with the reason, on the tab concerned) while a shortcut is used twice or the server address is
not one.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workstation.api import validate_base_url
from workstation.i18n import LANGUAGE_NAMES, SYSTEM_LANGUAGE
from workstation.settings import SKILL_GROUPS, Options, Settings
from workstation.views.labels import group_label
from workstation.views.shortcuts import ShortcutEditor, ShortcutRegistry
from workstation.views.theme import FONT_SIZES


class SettingsDialog(QDialog):
    """Edits the settings; emits ``saved`` after storing them (the window applies them)."""

    saved = Signal()

    def __init__(
        self, settings: Settings, parent: QWidget | None = None, shortcuts: ShortcutRegistry | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.shortcuts = shortcuts
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self._general_tab(), self.tr("General"))
        self.tabs.addTab(self._notifications_tab(), self.tr("Notifications"))
        self.keyboard_tab = self._keyboard_tab()
        self.tabs.addTab(self.keyboard_tab, self.tr("Keyboard"))
        self.tabs.addTab(self._queue_tab(), self.tr("Queue and orders"))
        self.error = QLabel(self)
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 560)

    # -- tabs

    def _general_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        s = self.settings
        self.server = QLineEdit(s.get(Options.LAST_SERVER), page)
        self.server.setObjectName("serverAddress")
        self.server.setPlaceholderText("http://host:8470")
        self.server.setAccessibleName(self.tr("Server address"))
        form.addRow(self.tr("Server address (used at the next login)"), self.server)
        self.language = QComboBox(page)
        self.language.setObjectName("languageCombo")
        self.language.addItem(self.tr("Follow the system"), SYSTEM_LANGUAGE)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(s.get(Options.LANGUAGE))))
        form.addRow(self.tr("Language (applies after restart)"), self.language)
        self.theme = QComboBox(page)
        self.theme.setObjectName("themeCombo")
        for code, label in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(label, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(s.get(Options.THEME))))
        form.addRow(self.tr("Theme"), self.theme)
        self.font_size = QComboBox(page)
        self.font_size.setObjectName("fontSizeCombo")
        for size in FONT_SIZES:
            self.font_size.addItem(self.tr("{n} px").format(n=size), size)
        self.font_size.setCurrentIndex(max(0, self.font_size.findData(s.get(Options.FONT_SIZE))))
        form.addRow(self.tr("Text size"), self.font_size)
        return page

    def _notifications_tab(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        self.notify: dict[str, QCheckBox] = {}
        for key, option, text in (
            ("new", Options.NOTIFY_NEW, self.tr("A conversation starts waiting in my groups")),
            (
                "reply",
                Options.NOTIFY_REPLY,
                self.tr("A buyer replies in my conversation when it is not on screen"),
            ),
            ("sla", Options.NOTIFY_SLA, self.tr("A wait passes the red threshold")),
            ("handover", Options.NOTIFY_HANDOVER, self.tr("A handover is left for my shift")),
            ("alerts", Options.NOTIFY_ALERTS, self.tr("Supervisor alerts (supervisors only)")),
            ("sound", Options.NOTIFY_SOUND, self.tr("Play a sound with notifications")),
            ("dnd", Options.DO_NOT_DISTURB, self.tr("Do not disturb (no notifications, no sound)")),
        ):
            check = QCheckBox(text, page)
            check.setObjectName(f"notify_{key}")
            check.setChecked(self.settings.get(option))
            box.addWidget(check)
            self.notify[key] = check
        box.addStretch(1)
        return page

    def _keyboard_tab(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        form = QFormLayout()
        self.send_key = QComboBox(page)
        self.send_key.setObjectName("sendKeyCombo")
        self.send_key.addItem(self.tr("Enter sends; Ctrl+Enter or Shift+Enter: new line"), "enter")
        self.send_key.addItem(self.tr("Ctrl+Enter sends; Enter: new line"), "ctrl_enter")
        self.send_key.setCurrentIndex(max(0, self.send_key.findData(self.settings.get(Options.SEND_KEY))))
        form.addRow(self.tr("Sending replies"), self.send_key)
        box.addLayout(form)
        self.shortcut_editor: ShortcutEditor | None = None
        if self.shortcuts is not None:
            self.shortcut_editor = ShortcutEditor(self.shortcuts, page)
            box.addWidget(self.shortcut_editor, 1)
        return page

    def _queue_tab(self) -> QWidget:
        page = QWidget(self)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Amber after (s)"), page), 0, 1)
        grid.addWidget(QLabel(self.tr("Red after (s)"), page), 0, 2)
        self.spins: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        current = self.settings.thresholds()
        for row, group in enumerate(SKILL_GROUPS, start=1):
            amber, red = QSpinBox(page), QSpinBox(page)
            for spin in (amber, red):
                spin.setRange(1, 3600)
                spin.setSuffix(self.tr(" s"))
            amber.setObjectName(f"{group}Amber")
            red.setObjectName(f"{group}Red")
            amber.setAccessibleName(self.tr("{group}: amber after").format(group=group_label(group)))
            red.setAccessibleName(self.tr("{group}: red after").format(group=group_label(group)))
            amber.setValue(int(current[group].amber))
            red.setValue(int(current[group].red))
            grid.addWidget(QLabel(group_label(group), page), row, 0)
            grid.addWidget(amber, row, 1)
            grid.addWidget(red, row, 2)
            self.spins[group] = (amber, red)
        hint = QLabel(self.tr("Qianniu turns a waiting chat red at 100 seconds."), page)
        hint.setWordWrap(True)
        orders_title = QLabel(self.tr("Orders"), page)
        orders_title.setObjectName("orderRulesTitle")
        orders = QFormLayout()
        self.nudge_min = self._spin(
            page, "nudgeMinMinutes", 1, 24 * 60, self.tr(" min"), self.settings.get(Options.NUDGE_MIN_MINUTES)
        )
        self.nudge_max = self._spin(
            page, "nudgeMaxHours", 1, 24 * 7, self.tr(" h"), self.settings.get(Options.NUDGE_MAX_HOURS)
        )
        self.stuck_hours = self._spin(
            page, "stuckHours", 1, 24 * 30, self.tr(" h"), self.settings.get(Options.STUCK_HOURS)
        )
        orders.addRow(self.tr("Nudge unpaid orders after"), self.nudge_min)
        orders.addRow(self.tr("Stop nudging after"), self.nudge_max)
        orders.addRow(self.tr("Parcel stuck without an update for"), self.stuck_hours)
        box = QVBoxLayout(page)
        box.addLayout(grid)
        box.addWidget(hint)
        box.addWidget(orders_title)
        box.addLayout(orders)
        box.addStretch(1)
        return page

    @staticmethod
    def _spin(parent: QWidget, name: str, low: int, high: int, suffix: str, value: int) -> QSpinBox:
        spin = QSpinBox(parent)
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setValue(value)
        return spin

    # -- saving

    def problem(self) -> tuple[int, str] | None:
        """(tab index, message) of what stops saving, or None."""
        server = self.server.text().strip()
        if server:
            try:
                validate_base_url(server)
            except ValueError:
                return 0, self.tr(
                    "The server address must start with http:// or https:// and name a host, "
                    "for example http://10.0.0.5:8470."
                )
        if self.shortcut_editor is not None and self.shortcut_editor.has_conflicts():
            return 2, self.tr("A shortcut is used twice: give one of them other keys.")
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem is not None:
            tab, message = problem
            self.tabs.setCurrentIndex(tab)
            self.error.setText(message)
            return
        s = self.settings
        server = self.server.text().strip()
        if server:
            s.set(Options.LAST_SERVER, server)
        s.set(Options.LANGUAGE, str(self.language.currentData()))
        s.set(Options.THEME, str(self.theme.currentData()))
        s.set(Options.FONT_SIZE, int(self.font_size.currentData()))
        for key, option in (
            ("new", Options.NOTIFY_NEW),
            ("reply", Options.NOTIFY_REPLY),
            ("sla", Options.NOTIFY_SLA),
            ("handover", Options.NOTIFY_HANDOVER),
            ("alerts", Options.NOTIFY_ALERTS),
            ("sound", Options.NOTIFY_SOUND),
            ("dnd", Options.DO_NOT_DISTURB),
        ):
            s.set(option, self.notify[key].isChecked())
        s.set(Options.SEND_KEY, str(self.send_key.currentData()))
        for group, (amber, red) in self.spins.items():
            # Red never comes before amber.
            s.set_thresholds(group, amber.value(), max(amber.value(), red.value()))
        s.set(Options.NUDGE_MIN_MINUTES, self.nudge_min.value())
        s.set(Options.NUDGE_MAX_HOURS, self.nudge_max.value())
        s.set(Options.STUCK_HOURS, self.stuck_hours.value())
        if self.shortcuts is not None and self.shortcut_editor is not None:
            self.shortcuts.save(self.shortcut_editor.values())
        s.sync()
        self.saved.emit()
        super().accept()


__all__ = ["SettingsDialog"]
