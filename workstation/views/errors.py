"""The one way to report an unexpected error to the user: a calm dialog with details to copy.

Expected failures (offline, a wrong password, a lost claim) are states that the screens show in
place; they never come here.
"""

from __future__ import annotations

import importlib.metadata
import logging
import platform
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

log = logging.getLogger(__name__)


def error_details(exc: BaseException | None = None, tb: TracebackType | None = None) -> str:
    """Text a support person can use: versions and the traceback."""
    try:
        app_version = importlib.metadata.version("workstation")
    except importlib.metadata.PackageNotFoundError:
        app_version = "dev"
    lines = [
        f"Workstation {app_version}",
        f"Python {platform.python_version()} on {platform.platform()}",
    ]
    if exc is not None:
        lines.append("")
        lines.extend(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))
    return "\n".join(line.rstrip("\n") for line in lines)


def report_error(
    parent: QWidget | None,
    message: str,
    exc: BaseException | None = None,
    *,
    title: str | None = None,
    tb: TracebackType | None = None,
) -> QMessageBox | None:
    """Log the error and show it non-modally with its details; returns the dialog (None headless
    without an application)."""
    log.error("%s", message, exc_info=(type(exc), exc, tb or exc.__traceback__) if exc else None)
    if QApplication.instance() is None:
        return None
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("Errors", "Something went wrong"))
    box.setText(message)
    box.setInformativeText(
        QCoreApplication.translate(
            "Errors", "Your work is saved. Show the details to copy them for your support team."
        )
    )
    box.setDetailedText(error_details(exc, tb))
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setObjectName("errorDialog")
    box.open()
    return box
