"""One running workstation per user and data directory: a second launch hands over and exits.

The first instance listens on a local socket (a named pipe on Windows, a socket file on Unix)
whose name is derived from the OS user and the data directory, so two users on one PC, or a
test's temporary data directory, never meet. A second launch connects, sends its arguments, and
exits; the first brings its window to the front. A socket file left by a crashed instance is
detected (nobody answers) and replaced.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 500


def server_name(data_dir: Path) -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no user name (some service accounts): the data directory still separates
        user = ""
    digest = hashlib.sha256(f"{user}\n{data_dir.resolve()}".encode()).hexdigest()[:16]
    return f"workstation-{digest}"


class SingleInstance(QObject):
    """``acquire()`` is True for the first instance; later launches call it, get False (their
    arguments were delivered) and should exit. The first emits ``activation_requested``."""

    activation_requested = Signal(list)  # the second launch's arguments

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server: QLocalServer | None = None

    def acquire(self, argv: list[str] | None = None) -> bool:
        if self._notify_running(argv or []):
            return False
        server = QLocalServer(self)
        # Only this OS user may connect (the socket file's mode on Unix, the pipe's ACL on Windows).
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A socket file left by a crashed instance (nobody answered above): remove and retry.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                # Never block the agent's work over this: run without the guard, and say so.
                log.warning("single-instance guard unavailable: %s", server.errorString())
                return True
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _notify_running(self, argv: list[str]) -> bool:
        sock = QLocalSocket()
        sock.connectToServer(self.name)
        if not sock.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        sock.write(json.dumps({"argv": argv}).encode() + b"\n")
        sock.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        # wait for the first instance's acknowledgement so the message is not lost on exit
        sock.waitForReadyRead(CONNECT_TIMEOUT_MS)
        sock.disconnectFromServer()
        return True

    def _on_connection(self) -> None:
        assert self._server is not None
        while (sock := self._server.nextPendingConnection()) is not None:
            sock.readyRead.connect(self._on_ready)
            sock.disconnected.connect(sock.deleteLater)

    def _on_ready(self) -> None:
        sock = self.sender()
        if not isinstance(sock, QLocalSocket) or not sock.canReadLine():
            return
        line = bytes(sock.readLine().data())
        try:
            argv = json.loads(line).get("argv", [])
        except (ValueError, AttributeError):
            argv = []
        sock.write(b"ok\n")
        sock.flush()
        self.activation_requested.emit([str(a) for a in argv] if isinstance(argv, list) else [])
