"""The login dialog against a real service (wrong address, server down, wrong password, success;
never a frozen UI), the background runner and the sync bridge, and the app's start-up paths."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workstation.app import App, parse_args
from workstation.background import Background, SyncBridge
from workstation.settings import Options, Settings
from workstation.views.login_dialog import LoginDialog

pytestmark = pytest.mark.gui


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def try_login(qtbot: QtBot, dialog: LoginDialog, server: str, staff: str, password: str) -> None:
    dialog.server_edit.setText(server)
    dialog.staff_edit.setText(staff)
    dialog.password_edit.setText(password)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)


def test_login_messages_and_success(qtbot: QtBot, live: Any, background: Background, data_dir: Path,
                                    english: None) -> None:
    dialog = LoginDialog(background, data_dir=data_dir)
    qtbot.addWidget(dialog)
    dialog.show()

    dialog.submit()
    assert dialog.message_label.text() == "Enter the server address."

    try_login(qtbot, dialog, "not a url", "a1", "pw-a1")
    assert "not a valid server address" in dialog.message_label.text()

    try_login(qtbot, dialog, f"http://127.0.0.1:{free_port()}", "a1", "pw-a1")
    assert "Cannot reach the server" in dialog.message_label.text()

    try_login(qtbot, dialog, live.url, "a1", "wrong")
    assert dialog.message_label.text() == "Wrong staff id or password."
    assert dialog.password_edit.hasFocus() or not dialog.isActiveWindow()

    with qtbot.waitSignal(dialog.logged_in, timeout=20_000) as logged:
        try_login(qtbot, dialog, live.url, "a1", "pw-a1")
    client = logged.args[0]
    try:
        assert client.user.staff_id == "a1"
        assert dialog.password_edit.text() == ""  # the password does not linger in the widget
    finally:
        client.close()


def test_login_keeps_the_ui_responsive(qtbot: QtBot, background: Background, english: None) -> None:
    # A server that accepts the connection and never answers: the login waits on a worker while a
    # 10 ms timer keeps ticking on the UI thread.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    port = listener.getsockname()[1]
    release = threading.Event()

    def slow_connect(server: str, staff: str, password: str | None, data_dir: Any, offline_ok: bool) -> Any:
        release.wait(1.0)
        raise ConnectionError("no answer")

    dialog = LoginDialog(background, connect=slow_connect)
    qtbot.addWidget(dialog)
    gaps: list[float] = []
    last = [time.monotonic()]

    def tick() -> None:
        now = time.monotonic()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    try:
        try_login(qtbot, dialog, f"http://127.0.0.1:{port}", "a1", "x")
    finally:
        timer.stop()
        listener.close()
    assert "no answer" in dialog.message_label.text()
    assert len(gaps) > 20 and max(gaps) < 0.25


def test_background_delivers_results_and_errors_on_the_main_thread(qtbot: QtBot,
                                                                   background: Background) -> None:
    main = QThread.currentThread()
    seen: dict[str, Any] = {}

    def work() -> int:
        seen["worker_is_main"] = QThread.currentThread() is main
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["done_is_main"] = QThread.currentThread() is main

    background.run(work, done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen == {"worker_is_main": False, "value": 42, "done_is_main": True}

    errors: list[BaseException] = []
    background.run(lambda: 1 / 0, None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ZeroDivisionError)
    qtbot.waitUntil(lambda: background.running == 0)


def test_sync_bridge_turns_thread_callbacks_into_main_thread_signals(qtbot: QtBot,
                                                                    qapp: QApplication) -> None:
    bridge = SyncBridge()
    main = QThread.currentThread()
    received: list[tuple[str, bool]] = []
    bridge.status_changed.connect(lambda s: received.append((s, QThread.currentThread() is main)))
    bridge.changes_arrived.connect(lambda c: received.append((c, QThread.currentThread() is main)))
    def report() -> None:
        bridge.on_status("online")
        bridge.on_changes("ids")

    thread = threading.Thread(target=report)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(received) == 2)
    assert received == [("online", True), ("ids", True)]
    bridge.close()
    bridge.on_status("late")  # the loop may report once more while it stops: ignored
    qtbot.wait(50)
    assert len(received) == 2


def test_app_resume_without_stored_login_asks_for_the_password(qtbot: QtBot, live: Any, data_dir: Path,
                                                               settings: Settings, english: None) -> None:
    app = App(parse_args(["--server", live.url, "--staff-id", "a2"]), settings, data_dir)
    try:
        app.start()
        qtbot.waitUntil(lambda: app.login_dialog is not None, timeout=20_000)
        dialog = app.login_dialog
        assert dialog.server_edit.text() == live.url and dialog.staff_edit.text() == "a2"
        assert dialog.message_label.text() == "Enter your password to log in."
        with qtbot.waitSignal(app.window_shown, timeout=20_000) as shown:
            try_login(qtbot, dialog, live.url, "a2", "pw-a2")
        window = shown.args[0]
        assert window.client.user.staff_id == "a2"
        assert settings.get(Options.LAST_STAFF_ID) == "a2"
        # Log out: back to the login dialog, the window is gone, the app keeps running.
        finished: list[int] = []
        app.finished.connect(finished.append)
        window.logout_action.trigger()
        qtbot.waitUntil(lambda: app.login_dialog is not None, timeout=20_000)
        assert app.window is None and finished == []
        assert app.login_dialog.staff_edit.text() == "a2"
    finally:
        app.shutdown()


def test_a_login_finishing_after_shutdown_opens_nothing_and_closes_its_cache(
    qtbot: QtBot, live: Any, data_dir: Path, settings: Settings
) -> None:
    """SIGTERM while a login runs on a worker: the app shuts down first, the login answers later.
    Its client must be closed, with no window and no sync loop over a cache (or a demo run
    directory) that is going away."""
    from workstation.client import Client

    app = App(parse_args(["--server", live.url, "--staff-id", "a1"]), settings, data_dir)
    app.shutdown()
    late = Client.connect(live.url, "a1", "pw-a1", data_dir=data_dir)
    app._on_logged_in(late)
    assert app.window is None
    # The cache was released: the same data directory opens again (one client per cache).
    again = Client.connect(live.url, "a1", "pw-a1", data_dir=data_dir)
    again.close()
    app._on_resume_failed(live.url, "a1", RuntimeError("late failure"))
    assert app.login_dialog is None


def test_excepthook_logs_and_shows_details_to_copy(qtbot: QtBot, qapp: QApplication, english: None) -> None:
    from PySide6.QtWidgets import QMessageBox

    from workstation.app import excepthook

    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as exc:
        excepthook(type(exc), exc, exc.__traceback__)
    boxes = [w for w in qapp.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.objectName() == "errorDialog"]
    assert boxes, "the error dialog is shown"
    box = boxes[-1]
    assert "RuntimeError: boom in a slot" in box.detailedText()
    assert "Traceback" in box.detailedText()
    box.close()
    box.deleteLater()


def test_cache_in_use_is_a_calm_message(qtbot: QtBot, live: Any, background: Background, data_dir: Path,
                                        english: None) -> None:
    from workstation.client import Client

    first = Client.connect(live.url, "a1", "pw-a1", data_dir=data_dir)
    try:
        dialog = LoginDialog(background, data_dir=data_dir)
        qtbot.addWidget(dialog)
        try_login(qtbot, dialog, live.url, "a1", "pw-a1")
        assert dialog.message_label.text().startswith("Workstation is already open for this staff id")
    finally:
        first.close()


def test_notices_for_an_insecure_keychain_and_a_recovered_cache_show_once(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, qapp: QApplication,
    english: None,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from workstation.db import RecoveryReport
    from workstation.views.main_window import MainWindow

    store = client_a1.auth.store
    store.secure, store.warning = False, "insecure"
    client_a1.db.recovery = RecoveryReport(aside_path=Path("/tmp/aside.db"), salvaged_outbox=2,
                                           salvaged_drafts=1)
    window = MainWindow(client_a1, background, settings)
    qtbot.addWidget(window)
    window.show()
    window.show_notices()
    window.show_notices()  # once only
    notices = [w for w in window.findChildren(QMessageBox) if w.objectName() == "noticeDialog"]
    assert len(notices) == 2
    texts = " ".join(n.text() for n in notices)
    assert "keychain" in texts and "/tmp/aside.db" in texts and "(2)" in texts


def test_expired_login_leads_back_to_the_login_and_on(qtbot: QtBot, live: Any, data_dir: Path,
                                                      settings: Settings, english: None) -> None:
    from workstation.sync import SyncStatus

    app = App(parse_args(["--server", live.url, "--staff-id", "a1"]), settings, data_dir)
    try:
        app.start()
        qtbot.waitUntil(lambda: app.login_dialog is not None, timeout=20_000)
        with qtbot.waitSignal(app.window_shown, timeout=20_000):
            try_login(qtbot, app.login_dialog, live.url, "a1", "pw-a1")
        window = app.window
        assert not window.login_again_action.isEnabled()
        window.on_sync_status(SyncStatus(state="needs_login", pending=2))
        assert window.login_again_action.isEnabled()
        assert window.connection_label.text() == "Login needed"
        assert window.pending_label.text() == "2 changes waiting to sync"
        assert "log in again" in window.statusBar().currentMessage()
        window.login_again_action.trigger()
        assert app.window is None
        qtbot.waitUntil(lambda: app.login_dialog is not None, timeout=20_000)
        dialog = app.login_dialog
        assert dialog.message_label.text() == "Your login expired. Enter your password to continue."
        with qtbot.waitSignal(app.window_shown, timeout=20_000) as shown:
            try_login(qtbot, dialog, live.url, "a1", "pw-a1")
        assert shown.args[0].client.user.staff_id == "a1"
    finally:
        app.shutdown()


def test_results_for_a_deleted_widget_are_dropped_or_released(qtbot: QtBot, background: Background) -> None:
    import shiboken6
    from PySide6.QtWidgets import QLabel

    gate = threading.Event()
    label = QLabel()
    delivered: list[str] = []
    released: list[str] = []
    background.run(lambda: gate.wait(5) and "late", lambda text: delivered.append(label.text() + text),
                   owner=label, on_orphaned=released.append)
    background.run(lambda: gate.wait(5) and "slot", label.setText)  # a bound slot: owned by the label
    shiboken6.delete(label)  # the window closed while the work ran
    gate.set()
    qtbot.waitUntil(lambda: background.running == 0, timeout=5000)
    assert delivered == [] and released == ["late"]
