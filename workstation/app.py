"""Entry point of the desktop app: ``workstation`` / ``python -m workstation.app``.

``main(argv)`` parses the command line, creates the ``QApplication`` (language, style sheet, one
``sys.excepthook``) and hands over to ``App``, which walks the user from the login (or the demo
service) to the main window and back on logout. ``App`` works on an existing ``QApplication`` so
that tests drive the very same flow without ``exec()``.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import logging.handlers
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from workstation.api import APP_VERSION
from workstation.background import Background
from workstation.i18n import LANGUAGE_NAMES, install_translators, resolve_language, resources_dir
from workstation.instance import SingleInstance, server_name
from workstation.paths import log_dir
from workstation.redact import RedactingFormatter
from workstation.settings import Options, Settings

log = logging.getLogger("workstation")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="workstation", description="Customer-service agent workstation")
    parser.add_argument("--version", action="version", version=f"Workstation {APP_VERSION}")
    parser.add_argument("--server", metavar="URL", help="central service address, e.g. http://host:8470")
    parser.add_argument("--staff-id", help="staff id (工号) to log in as")
    parser.add_argument("--demo", action="store_true",
                        help="start the embedded demo service and log in as its first agent")
    parser.add_argument("--data-dir", type=Path, help="where the caches, settings and logs live")
    parser.add_argument("--lang", choices=sorted(LANGUAGE_NAMES), help="interface language (default zh_CN)")
    parser.add_argument("--traffic-rate", type=float, default=None,
                        help="demo: buyer events per minute (default from settings, 20)")
    return parser.parse_args(argv)


# ----------------------------------------------------------------------------- errors


_in_hook = False


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """The one hook for unexpected errors: log, then show a dialog with details to copy."""
    global _in_hook
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.critical("unexpected error", exc_info=(exc_type, exc, tb))
    if _in_hook:  # an error while reporting an error: the log has it, do not loop
        return
    _in_hook = True
    try:
        from workstation.views.errors import report_error

        app = QApplication.instance()
        if isinstance(app, QApplication):
            parent = app.activeWindow()
            report_error(
                parent,
                QCoreApplication.translate("App", "An unexpected error occurred. Your work is saved."),
                exc,
                tb=tb,
            )
        else:
            traceback.print_exception(exc_type, exc, tb)
    finally:
        _in_hook = False


def setup_logging(logs: Path | None) -> Path | None:
    """Log to stderr and to a rotating file in ``logs``; returns the file's path. Every line is
    redacted (``workstation.redact``): no tokens, passwords or full phone numbers."""
    root = logging.getLogger()
    if getattr(root, "_ws_configured", False):
        return None
    root.setLevel(logging.INFO)
    formatter = RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    stream = logging.StreamHandler()
    stream.setFormatter(formatter)
    stream.setLevel(logging.WARNING)
    root.addHandler(stream)
    path: Path | None = None
    if logs is not None:
        try:
            logs.mkdir(parents=True, exist_ok=True)
            path = logs / "workstation.log"
            handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3,
                                                           encoding="utf-8")
            handler.setFormatter(formatter)
            root.addHandler(handler)
        except OSError:
            path = None
    root._ws_configured = True  # type: ignore[attr-defined]
    return path


def load_style(app: QApplication, settings: Settings | None = None) -> None:
    """The theme (palette and style sheet) and the window icon."""
    from workstation.views.theme import apply_theme

    if settings is None:
        apply_theme(app)
    else:
        apply_theme(app, settings.get(Options.THEME), settings.get(Options.FONT_SIZE))
    icon = resources_dir() / "icons" / "workstation.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


# ----------------------------------------------------------------------------- the flow


class App(QObject):
    """From login (or demo start) to the main window, and back to the login on logout."""

    #: the main window is up and its first load was asked for: the window
    window_shown = Signal(object)
    #: the app wants to end (the window closed, the login was cancelled): exit code
    finished = Signal(int)

    def __init__(self, args: argparse.Namespace, settings: Settings, data_dir: Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.args = args
        self.settings = settings
        self.data_dir = data_dir
        self.background = Background(self)
        self.client: Any = None
        self.window: Any = None
        self.login_dialog: Any = None
        self.busy_dialog: Any = None
        self.demo: Any = None
        self._switching = False
        self._finished = False
        #: set by shutdown(): a login or demo start still running on a worker then finds the app
        #: stopping and must not open a window or start syncing (the demo's files may be gone)
        self._stopped = False

    # -- start

    def bring_to_front(self) -> None:
        """Another launch of the app for this user: show what this one has on screen."""
        for widget in (self.window, self.login_dialog, self.busy_dialog):
            if widget is not None and widget.isVisible():
                if widget.isMinimized():
                    widget.showNormal()
                widget.raise_()
                widget.activateWindow()
                return

    def start(self) -> None:
        # Import the main window's modules on a worker while the login runs: the quick-phrase
        # index's pinyin tables alone take ~0.3 s to load, which would otherwise freeze the UI
        # thread just before the window appears. Only imports: no widget is made off the UI thread.
        self.background.run(_prewarm_imports, name="prewarm")
        if self.args.demo:
            self._start_demo()
        elif self.args.server and self.args.staff_id:
            self._resume(self.args.server, self.args.staff_id)
        else:
            self.show_login(
                server_url=self.args.server or self.settings.get(Options.LAST_SERVER),
                staff_id=self.args.staff_id or self.settings.get(Options.LAST_STAFF_ID),
            )

    def _busy(self, text: str) -> None:
        from workstation.views.login_dialog import BusyDialog

        if self.busy_dialog is None:
            self.busy_dialog = BusyDialog()
        self.busy_dialog.set_text(text)
        self.busy_dialog.show()

    def _not_busy(self) -> None:
        if self.busy_dialog is not None:
            self.busy_dialog.close()
            self.busy_dialog.deleteLater()
            self.busy_dialog = None

    def _start_demo(self) -> None:
        from workstation.demo import DemoService

        rate = self.args.traffic_rate
        if rate is None:
            rate = self.settings.get(Options.DEMO_TRAFFIC_RATE)
        self._busy(self.tr("Starting the demo service…"))
        data_dir = self.data_dir
        self.background.run(
            lambda: DemoService.start(data_dir, traffic_rate=rate),
            self._on_demo_started,
            self._on_demo_failed,
            name="demo.start",
        )

    def _on_demo_started(self, demo: Any) -> None:
        from workstation.views.login_dialog import default_connect

        if self._stopped:
            demo.stop()
            return
        self.demo = demo
        print(demo.describe(), flush=True)
        self._busy(self.tr("Logging in as {staff_id}…").format(staff_id=demo.staff_id))
        url, staff, password, client_dir = demo.url, demo.staff_id, demo.password, demo.run_dir / "client"
        self.background.run(
            lambda: default_connect(url, staff, password, client_dir, False),
            self._on_logged_in,
            lambda exc: self._on_resume_failed(url, staff, exc),
            name="demo.login",
        )

    def _on_demo_failed(self, exc: BaseException) -> None:
        from workstation.views.errors import report_error

        if self._stopped:
            return
        self._not_busy()
        box = report_error(None, self.tr("The demo service could not be started."), exc)
        if box is not None:
            box.finished.connect(lambda _code: self._finish(1))
        else:
            self._finish(1)

    def _resume(self, server: str, staff_id: str) -> None:
        from workstation.views.login_dialog import default_connect

        self._busy(self.tr("Connecting to {server}…").format(server=server))
        data_dir = self.data_dir
        self.background.run(
            lambda: default_connect(server, staff_id, None, data_dir, True),
            self._on_logged_in,
            lambda exc: self._on_resume_failed(server, staff_id, exc),
            name="resume",
        )

    def _on_resume_failed(self, server: str, staff_id: str, exc: BaseException) -> None:
        from workstation import api
        from workstation.views.login_dialog import login_error_message

        if self._stopped:
            return
        self._not_busy()
        if isinstance(exc, api.Unauthorized):
            # No stored login (or it expired): the password is all that is missing, not an error.
            message = self.tr("Enter your password to log in.")
        else:
            message = login_error_message(exc, server)
        self.show_login(server_url=server, staff_id=staff_id, message=message)

    def show_login(self, server_url: str = "", staff_id: str = "", message: str = "") -> None:
        from workstation.views.login_dialog import LoginDialog

        self._not_busy()
        dialog = LoginDialog(self.background, server_url=server_url, staff_id=staff_id, message=message,
                             data_dir=self.data_dir)
        dialog.logged_in.connect(self._on_logged_in)
        dialog.rejected.connect(lambda: self._finish(0) if self.window is None else None)
        self.login_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    # -- logged in

    def _on_logged_in(self, client: Any) -> None:
        from workstation.views.main_window import MainWindow

        if self._stopped:
            with contextlib.suppress(Exception):
                client.close()
            return
        self._not_busy()
        if self.login_dialog is not None:
            self.login_dialog.deleteLater()
            self.login_dialog = None
        self.client = client
        if self.demo is None:
            self.settings.set(Options.LAST_SERVER, str(client.auth.server_url))
            self.settings.set(Options.LAST_STAFF_ID, str(client.user.staff_id))
            self.settings.sync()
        window = MainWindow(client, self.background, self.settings)
        window.logout_requested.connect(self.logout)
        window.login_again_requested.connect(self.login_again)
        window.closed.connect(self._on_window_closed)
        self.window = window
        window.show()
        window.start()
        window.start_presence()  # my status as I last chose it; heartbeats; away after inactivity
        self.window_shown.emit(window)

    def logout(self) -> None:
        """Back to the login dialog; the cache and unsent changes stay for the next login."""
        self._end_session(revoke=True, message="")

    def login_again(self) -> None:
        """After the login expired: close this session (keeping its cache) and log in again."""
        self._end_session(revoke=False,
                          message=self.tr("Your login expired. Enter your password to continue."))

    def _end_session(self, *, revoke: bool, message: str) -> None:
        if self.window is None or self.client is None:
            return
        client, window = self.client, self.window
        server, staff_id = str(client.auth.server_url), str(client.user.staff_id)
        presence = window.presence
        window.stop_presence(send_offline=False)  # the worker below says "offline" first
        self._switching = True
        window.close()
        self.window = None
        self.client = None
        self._switching = False
        window.deleteLater()
        # The login dialog comes once the session is closed: its cache lock released, its sync
        # loop stopped (a new login of the same staff id needs that cache), the token revoked.
        self._busy(self.tr("Logging out…") if revoke else self.tr("Closing the session…"))

        def closed(_result: object = None) -> None:
            self.show_login(server_url=server, staff_id=staff_id, message=message)

        def failed(exc: BaseException) -> None:
            log.warning("ending the session: %s", exc)
            closed()

        def end() -> None:
            presence.stop(send_offline=True)  # best effort, short timeout
            (client.logout if revoke else client.close)()

        self.background.run(end, closed, failed, name="end_session")

    def _on_window_closed(self) -> None:
        if not self._switching:
            self._finish(0)

    def _finish(self, code: int) -> None:
        if self._finished:
            return
        self._finished = True
        self.finished.emit(code)

    # -- stop

    def shutdown(self) -> None:
        """Stop syncing, close the cache, stop the demo service. Idempotent."""
        self._stopped = True
        self._not_busy()
        if self.window is not None:
            # Offline at exit (best effort, at most ~1.5 s) while the client can still send it.
            self.window.stop_presence(send_offline=True)
            self._switching = True
            self.window.close()
            self.window.deleteLater()  # drops reports the sync loop queued before it stopped
            self.window = None
        # Workers first (they may be reading the cache), then the client and its cache.
        self.background.close()
        if self.client is not None:
            try:
                self.client.close()
            except Exception:
                log.exception("closing the client")
            self.client = None
        if self.demo is not None:
            self.demo.stop()
            self.demo = None


def _prewarm_imports() -> None:
    import pypinyin  # noqa: F401  - its tables, for the quick-phrase index

    import workstation.views.main_window  # noqa: F401


def _quit_on_signals(qapp: QApplication) -> None:
    """Ctrl+C in the terminal and SIGTERM quit cleanly (the sync loop stops, the demo service
    stops). Python runs signal handlers only between bytecodes, so a timer lets it in while Qt's
    event loop (C++) runs."""
    import signal

    def handler(_signum: int, _frame: object) -> None:
        qapp.quit()

    signal.signal(signal.SIGINT, handler)
    with contextlib.suppress(AttributeError, ValueError):  # no SIGTERM handler on some platforms
        signal.signal(signal.SIGTERM, handler)
    timer = QTimer(qapp)
    timer.start(250)
    timer.timeout.connect(lambda: None)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.data_dir is not None:
        import os

        from workstation.paths import ENV_DATA_DIR

        os.environ[ENV_DATA_DIR] = str(args.data_dir.resolve())
    from workstation.paths import data_dir as default_data_dir

    data_dir = default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = setup_logging(log_dir())
    sys.excepthook = excepthook
    # Background threads (the sync loop) handle their own failures; anything that escapes is a
    # bug: log it with its traceback instead of printing to a console nobody reads.
    threading.excepthook = lambda hook: log.critical(
        "unexpected error in thread %s", getattr(hook.thread, "name", "?"),
        exc_info=(hook.exc_type, hook.exc_value, hook.exc_traceback),  # type: ignore[arg-type]
    )

    qapp = QApplication.instance()
    if not isinstance(qapp, QApplication):
        qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName("Workstation")
    qapp.setOrganizationName("Workstation")
    qapp.setQuitOnLastWindowClosed(False)  # the app decides: a login→window switch is not an exit
    settings = Settings.default()
    language = resolve_language(args.lang or settings.get(Options.LANGUAGE))
    install_translators(qapp, language)
    load_style(qapp, settings)
    if log_path is not None:
        log.info("log file: %s", log_path)

    instance = SingleInstance(server_name(data_dir), qapp)
    if not instance.acquire(sys.argv[1:] if argv is None else argv):
        log.info("another workstation runs with this data directory: brought it to the front")
        print("Workstation is already running: brought it to the front.", flush=True)
        return 0
    controller = App(args, settings, data_dir)
    instance.activation_requested.connect(lambda _argv: controller.bring_to_front())
    qapp.aboutToQuit.connect(instance.release)
    controller.finished.connect(qapp.exit)
    qapp.aboutToQuit.connect(controller.shutdown)
    _quit_on_signals(qapp)
    controller.start()
    try:
        return int(qapp.exec())
    finally:
        controller.shutdown()


__all__ = ["App", "excepthook", "main", "parse_args"]


if __name__ == "__main__":
    sys.exit(main())

