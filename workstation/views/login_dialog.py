"""The login dialog: server address, staff id, password. The login runs on a worker, so the dialog
never freezes while a slow or absent server is tried; every expected failure gets a plain message
in the dialog itself."""

from __future__ import annotations

import platform
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from workstation.background import Background


def default_connect(
    server_url: str, staff_id: str, password: str | None, data_dir: Path | None, offline_ok: bool
) -> Any:
    """Log in with the client core (runs on a worker)."""
    from workstation.client import Client

    return Client.connect(
        server_url, staff_id, password, data_dir=data_dir, device_name=platform.node(), offline_ok=offline_ok
    )


class LoginDialog(QDialog):
    """Emits ``logged_in(client)`` when the server accepted the login."""

    logged_in = Signal(object)

    def __init__(
        self,
        background: Background,
        *,
        server_url: str = "",
        staff_id: str = "",
        message: str = "",
        data_dir: Path | None = None,
        connect: Callable[..., Any] = default_connect,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Log in to Workstation"))
        self.background = background
        self.data_dir = data_dir
        self._connect = connect
        self.busy = False
        self._abandoned = False

        self.server_edit = QLineEdit(server_url, self)
        self.server_edit.setObjectName("serverEdit")
        self.server_edit.setPlaceholderText(self.tr("http://server:8000"))
        self.staff_edit = QLineEdit(staff_id, self)
        self.staff_edit.setObjectName("staffEdit")
        self.staff_edit.setPlaceholderText(self.tr("e.g. kf001"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("passwordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message_label = QLabel(message, self)
        self.message_label.setObjectName("loginMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setMinimumWidth(320)

        form = QFormLayout()
        form.addRow(self.tr("Server address"), self.server_edit)
        form.addRow(self.tr("Staff id"), self.staff_edit)
        form.addRow(self.tr("Password"), self.password_edit)

        self.buttons = QDialogButtonBox(self)
        self.login_button = self.buttons.addButton(self.tr("Log in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setObjectName("quitButton")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

        for edit in (self.server_edit, self.staff_edit, self.password_edit):
            if not edit.text():
                edit.setFocus()
                break

    def set_message(self, text: str, *, error: bool = True) -> None:
        self.message_label.setText(text)
        self.message_label.setProperty("error", error)
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)

    def submit(self) -> None:
        if self.busy:
            return
        server = self.server_edit.text().strip()
        staff_id = self.staff_edit.text().strip()
        password = self.password_edit.text()
        if not server:
            self.set_message(self.tr("Enter the server address."))
            self.server_edit.setFocus()
            return
        if not staff_id:
            self.set_message(self.tr("Enter your staff id."))
            self.staff_edit.setFocus()
            return
        if not password:
            self.set_message(self.tr("Enter your password."))
            self.password_edit.setFocus()
            return
        self._set_busy(True)
        self.set_message(self.tr("Logging in to {server}…").format(server=server), error=False)
        connect, data_dir = self._connect, self.data_dir
        self.background.run(
            lambda: connect(server, staff_id, password, data_dir, False),
            self._on_logged_in,
            self._on_failed,
            name="login",
            owner=self,
            # The dialog went away while the login ran: release the cache it opened.
            on_orphaned=lambda client: client.close(),
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.server_edit, self.staff_edit, self.password_edit, self.login_button):
            widget.setEnabled(not busy)

    def _on_logged_in(self, client: Any) -> None:
        self._set_busy(False)
        if self._abandoned:
            # The dialog was closed while the login ran: do not leave the cache locked.
            client.close()
            return
        self.password_edit.clear()
        self.logged_in.emit(client)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.set_message(login_error_message(exc, self.server_edit.text().strip()))
        if self._is_password_error(exc):
            self.password_edit.selectAll()
            self.password_edit.setFocus()
        else:
            self.server_edit.setFocus()

    @staticmethod
    def _is_password_error(exc: BaseException) -> bool:
        from workstation import api

        return isinstance(exc, api.Unauthorized)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._abandoned = self.busy
        super().closeEvent(event)

    def reject(self) -> None:
        self._abandoned = self.busy
        super().reject()


def login_error_message(exc: BaseException, server: str) -> str:
    """A plain sentence for every expected login failure (unexpected ones include the type)."""
    from PySide6.QtCore import QCoreApplication

    from workstation import api
    from workstation.db import CacheInUse

    if isinstance(exc, ValueError):
        return QCoreApplication.translate(
            "LoginDialog", "“{server}” is not a valid server address. Use a form like http://server:8000."
        ).format(server=server)
    if isinstance(exc, CacheInUse):
        return QCoreApplication.translate(
            "LoginDialog", "Workstation is already open for this staff id on this computer. "
            "Close the other window first."
        )
    if isinstance(exc, api.Unauthorized):
        return QCoreApplication.translate("LoginDialog", "Wrong staff id or password.")
    if isinstance(exc, api.Forbidden):
        return QCoreApplication.translate("LoginDialog", "This account may not use Workstation.")
    if isinstance(exc, api.AppTooOld):
        return QCoreApplication.translate(
            "LoginDialog", "This version of Workstation is too old for the server. Please update it."
        )
    if isinstance(exc, api.Offline):
        return QCoreApplication.translate(
            "LoginDialog", "Cannot reach the server at {server}. Check the address and the network, "
            "or ask whether the server is running."
        ).format(server=server)
    if isinstance(exc, api.ServerUnavailable):
        return QCoreApplication.translate(
            "LoginDialog", "The server is busy or under maintenance. Try again in a moment."
        )
    if isinstance(exc, api.MalformedResponse | api.NotFound):
        return QCoreApplication.translate(
            "LoginDialog", "The server at {server} did not answer like a Workstation server. "
            "Check the address."
        ).format(server=server)
    if isinstance(exc, api.ApiError):
        return QCoreApplication.translate("LoginDialog", "The server refused the login: {reason}").format(
            reason=exc.message
        )
    return QCoreApplication.translate("LoginDialog", "Login failed: {error}").format(
        error=f"{type(exc).__name__}: {exc}"
    )


class BusyDialog(QDialog):
    """A small window that says what the app is doing while it starts (demo service, resume)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busyDialog")
        self.setWindowTitle(self.tr("Workstation"))
        self.label = QLabel(self)
        self.label.setObjectName("busyLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setMinimumWidth(320)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)

    def set_text(self, text: str) -> None:
        self.label.setText(text)
