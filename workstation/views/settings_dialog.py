"""Wait thresholds per skill group: after how many seconds a waiting conversation turns amber,
then red. Stored in the settings; applied to the queue at once."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workstation.settings import SKILL_GROUPS, Options, Settings
from workstation.views.labels import group_label


class ThresholdsDialog(QDialog):
    """Edits ``Settings.thresholds()``; emits ``saved`` after storing them."""

    saved = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thresholdsDialog")
        self.setWindowTitle(self.tr("Wait thresholds"))
        self.settings = settings
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Amber after (s)"), self), 0, 1)
        grid.addWidget(QLabel(self.tr("Red after (s)"), self), 0, 2)
        self.spins: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        current = settings.thresholds()
        for row, group in enumerate(SKILL_GROUPS, start=1):
            amber, red = QSpinBox(self), QSpinBox(self)
            for spin in (amber, red):
                spin.setRange(1, 3600)
                spin.setSuffix(self.tr(" s"))
            amber.setObjectName(f"{group}Amber")
            red.setObjectName(f"{group}Red")
            amber.setValue(int(current[group].amber))
            red.setValue(int(current[group].red))
            grid.addWidget(QLabel(group_label(group), self), row, 0)
            grid.addWidget(amber, row, 1)
            grid.addWidget(red, row, 2)
            self.spins[group] = (amber, red)
        hint = QLabel(self.tr("Qianniu turns a waiting chat red at 100 seconds."), self)
        hint.setWordWrap(True)
        # Order rules of the customer panel and the work lists.
        orders = QFormLayout()
        orders_title = QLabel(self.tr("Orders"), self)
        orders_title.setObjectName("orderRulesTitle")
        self.nudge_min = QSpinBox(self)
        self.nudge_min.setObjectName("nudgeMinMinutes")
        self.nudge_min.setRange(1, 24 * 60)
        self.nudge_min.setSuffix(self.tr(" min"))
        self.nudge_min.setValue(settings.get(Options.NUDGE_MIN_MINUTES))
        self.nudge_max = QSpinBox(self)
        self.nudge_max.setObjectName("nudgeMaxHours")
        self.nudge_max.setRange(1, 24 * 7)
        self.nudge_max.setSuffix(self.tr(" h"))
        self.nudge_max.setValue(settings.get(Options.NUDGE_MAX_HOURS))
        self.stuck_hours = QSpinBox(self)
        self.stuck_hours.setObjectName("stuckHours")
        self.stuck_hours.setRange(1, 24 * 30)
        self.stuck_hours.setSuffix(self.tr(" h"))
        self.stuck_hours.setValue(settings.get(Options.STUCK_HOURS))
        orders.addRow(self.tr("Nudge unpaid orders after"), self.nudge_min)
        orders.addRow(self.tr("Stop nudging after"), self.nudge_max)
        orders.addRow(self.tr("Parcel stuck without an update for"), self.stuck_hours)
        # The reply composer's send key.
        self.send_key = QComboBox(self)
        self.send_key.setObjectName("sendKeyCombo")
        self.send_key.addItem(self.tr("Enter sends; Ctrl+Enter or Shift+Enter: new line"), "enter")
        self.send_key.addItem(self.tr("Ctrl+Enter sends; Enter: new line"), "ctrl_enter")
        self.send_key.setCurrentIndex(max(0, self.send_key.findData(settings.get(Options.SEND_KEY))))
        composer = QFormLayout()
        composer.addRow(self.tr("Sending replies"), self.send_key)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(hint)
        layout.addWidget(orders_title)
        layout.addLayout(orders)
        layout.addLayout(composer)
        layout.addWidget(buttons)

    def accept(self) -> None:
        for group, (amber, red) in self.spins.items():
            # Red never comes before amber.
            self.settings.set_thresholds(group, amber.value(), max(amber.value(), red.value()))
        self.settings.set(Options.NUDGE_MIN_MINUTES, self.nudge_min.value())
        self.settings.set(Options.NUDGE_MAX_HOURS, self.nudge_max.value())
        self.settings.set(Options.STUCK_HOURS, self.stuck_hours.value())
        self.settings.set(Options.SEND_KEY, str(self.send_key.currentData()))
        self.settings.sync()
        self.saved.emit()
        super().accept()
