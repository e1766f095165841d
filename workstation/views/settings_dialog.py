"""Wait thresholds per skill group: after how many seconds a waiting conversation turns amber,
then red. Stored in the settings; applied to the queue at once."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workstation.settings import SKILL_GROUPS, Settings
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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def accept(self) -> None:
        for group, (amber, red) in self.spins.items():
            # Red never comes before amber.
            self.settings.set_thresholds(group, amber.value(), max(amber.value(), red.value()))
        self.settings.sync()
        self.saved.emit()
        super().accept()
