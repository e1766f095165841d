"""The supervisor's dashboard and my status, with real widgets against the real service: an agent
never sees the dashboard; a supervisor's window opens on it with the desk a key away; it follows
a colleague's change live; a waiting conversation is assigned by drop (a real QMimeData from the
waiting list's model) and by keyboard; a lost race says who has the conversation; an agent's
conversations go back to the queue; capacity changes; an outage keeps the last figures, greyed,
with their age; alerts notify once; and the status bar's status control sends my status."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMenu, QPushButton
from pytestqt.qtbot import QtBot

from central import models as cm
from central.testing import TcpProxy
from tests.gui.conftest import connect, save_screenshot
from workstation.background import Background
from workstation.settings import Options, Settings
from workstation.views.dashboard_view import AgentPicker, DashboardView
from workstation.views.main_window import MainWindow
from workstation.views.theme import apply_theme

pytestmark = pytest.mark.gui


def assignee(live: Any, conversation_id: int) -> int | None:
    with live.session() as s:
        conv = s.get(cm.Conversation, conversation_id)
        return None if conv is None else conv.assignee_id


def supervisor_window(
    qtbot: QtBot,
    live: Any,
    data_dir: Path,
    background: Background,
    settings: Settings,
    url: str | None = None,
) -> MainWindow:
    client = connect(live, "s1", data_dir) if url is None else _connect_url(url, data_dir)
    client.engine.sync_once()
    window = MainWindow(client, background, settings)
    qtbot.addWidget(window)
    window.show()
    window.start(sync=False)
    assert window.dashboard is not None
    qtbot.waitUntil(
        lambda: (
            window.dashboard is not None
            and window.dashboard.snapshot is not None
            and not window.dashboard.snapshot.stale
        ),
        timeout=10_000,
    )
    return window


def _connect_url(url: str, data_dir: Path) -> Any:
    from workstation.client import Client

    return Client.connect(url, "s1", "pw-s1", data_dir=data_dir / "s1", device_name="test")


def close(window: MainWindow) -> None:
    client = window.client
    window.close()
    client.close()


def row_of(dashboard: DashboardView, user_id: int) -> int:
    return next(i for i, a in enumerate(dashboard.agents.rows) if a.user_id == user_id)


def test_an_agent_never_sees_the_dashboard(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings
) -> None:
    window = MainWindow(client_a1, background, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.dashboard is None and window.dashboard_dock is None
    assert window.findChild(DashboardView) is None
    assert all(
        a.menu() is None or a.menu().objectName() != "supervisorMenu" for a in window.menuBar().actions()
    )
    assert window.queue_dock.isVisible()
    # and the service agrees: the dashboard is refused to an agent
    from workstation.api import Forbidden

    with pytest.raises(Forbidden):
        client_a1.api.dashboard()
    # the status control is there for everyone
    assert window.status_control.isVisible()


def test_the_supervisor_opens_on_the_live_dashboard_and_acts_on_it(
    qtbot: QtBot, live: Any, data_dir: Path, background: Background, settings: Settings, english: None
) -> None:
    window = supervisor_window(qtbot, live, data_dir, background, settings)
    dash = window.dashboard
    assert dash is not None and window.dashboard_dock is not None
    # the first screen is the dashboard; the desk is Ctrl+1 away, the dashboard Ctrl+0
    assert window.dashboard_dock.isVisible() and not window.queue_dock.isVisible()
    assert window.dashboard_action.shortcut().toString() == "Ctrl+0"
    window.focus_queue_action.trigger()
    assert window.queue_dock.isVisible() and not window.dashboard_dock.isVisible()
    window.dashboard_action.trigger()
    assert window.dashboard_dock.isVisible() and not window.queue_dock.isVisible()

    users = live.seeded["users"]
    shop1 = live.seeded["shops"][0]
    convs = live.seeded["conversations"][shop1]
    assert len(dash.waiting.rows) == 4
    assert "Live" in dash.as_of_label.text()

    # live: a colleague claims; the dashboard follows within a bound
    started = time.monotonic()
    live.claim_as("a2", convs[0])
    qtbot.waitUntil(lambda: dash.agents.agent_for(users["a2"]).load == 1, timeout=3000)  # type: ignore[union-attr]
    assert time.monotonic() - started < 3.0
    assert convs[0] not in {w.id for w in dash.waiting.rows}

    # drag and drop: the waiting list's own mime data dropped on a1's row
    row = next(i for i, w in enumerate(dash.waiting.rows) if w.id == convs[1])
    mime = dash.waiting.mimeData([dash.waiting.index(row, 0)])
    assert dash.agents_table.drop_on_row(mime, row_of(dash, users["a1"]))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: assignee(live, convs[1]) == users["a1"], timeout=5000)
    qtbot.waitUntil(lambda: "assigned to" in dash.result_label.text(), timeout=5000)
    assert not dash.agents_table.drop_on_row(mime, 99)  # type: ignore[attr-defined]

    # keyboard: select a waiting conversation, Ctrl+Shift+G, type to filter, Enter
    qtbot.waitUntil(lambda: convs[2] in {w.id for w in dash.waiting.rows}, timeout=3000)
    row = next(i for i, w in enumerate(dash.waiting.rows) if w.id == convs[2])
    dash.waiting_table.setCurrentIndex(dash.waiting.index(row, 0))
    assert dash.assign_action.shortcut().toString() == "Ctrl+Shift+G"
    dash.waiting_table.setFocus()
    qtbot.keyClick(dash.waiting_table, Qt.Key.Key_Return)  # Enter = the assign action
    picker = dash.findChild(AgentPicker)
    assert picker is not None and picker.isVisible()
    qtbot.keyClicks(picker.filter_edit, "a3")
    visible = [picker.list.item(i) for i in range(picker.list.count()) if not picker.list.item(i).isHidden()]
    assert len(visible) == 1 and "a3" in visible[0].text()
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: assignee(live, convs[2]) == users["a3"], timeout=5000)

    # a lost race: the conversation changed hands after the dashboard showed it
    qtbot.waitUntil(lambda: len(dash.waiting.rows) == 1, timeout=5000)
    other = dash.waiting.rows[0]
    mime = dash.waiting.mimeData([dash.waiting.index(0, 0)])
    live.claim_as("b1", other.id)
    assert dash.agents_table.drop_on_row(mime, row_of(dash, users["a1"]))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "has this conversation now" in dash.result_label.text(), timeout=5000)
    assert "b1" in dash.result_label.text()
    assert assignee(live, other.id) == users["b1"]

    # move all of a2's conversations back to the queue (the agent row's action)
    qtbot.waitUntil(lambda: dash.agents.agent_for(users["a2"]).load == 1, timeout=3000)  # type: ignore[union-attr]
    dash.agents_table.setCurrentIndex(dash.agents.index(row_of(dash, users["a2"]), 0))
    dash.move_current(to_queue=True)
    qtbot.waitUntil(lambda: assignee(live, convs[0]) is None, timeout=5000)
    qtbot.waitUntil(lambda: dash.agents.agent_for(users["a2"]).load == 0, timeout=3000)  # type: ignore[union-attr]

    # capacity and groups: a small dialog
    dash.agents_table.setCurrentIndex(dash.agents.index(row_of(dash, users["a3"]), 0))
    dialog = dash.edit_routing()
    assert dialog is not None
    dialog.capacity.setValue(2)
    dialog.groups["complaint"].setChecked(False)
    dialog.accept()
    qtbot.waitUntil(lambda: dash.agents.agent_for(users["a3"]).capacity == 2, timeout=5000)  # type: ignore[union-attr]
    assert "complaint" not in dash.agents.agent_for(users["a3"]).groups  # type: ignore[union-attr]

    # the audit: who did what, one click away
    dash.show_audit()
    qtbot.waitUntil(lambda: getattr(dash, "audit_dialog", None) is not None, timeout=5000)
    actions = {e.action for e in dash.audit_dialog.model.rows}
    assert {"assign", "move"} <= actions, actions
    dash.audit_dialog.close()

    # take over: a new waiting conversation to myself
    new = live.add_conversation(shop1, "aftersale", "退货地址是哪里")
    qtbot.waitUntil(lambda: new in {w.id for w in dash.waiting.rows}, timeout=5000)
    row = next(i for i, w in enumerate(dash.waiting.rows) if w.id == new)
    dash.waiting_table.setCurrentIndex(dash.waiting.index(row, 0))
    dash.takeover_action.trigger()
    qtbot.waitUntil(lambda: assignee(live, new) == users["s1"], timeout=5000)

    # the team's monitoring settings
    dash.edit_config()
    qtbot.waitUntil(lambda: getattr(dash, "config_dialog", None) is not None, timeout=5000)
    dash.config_dialog.sla["complaint"].setValue(300)
    dash.config_dialog.accept()
    qtbot.waitUntil(lambda: "settings saved" in dash.result_label.text(), timeout=5000)
    assert window.client.api.supervisor_config().sla_seconds["complaint"] == 300
    # this workstation keeps what it saved (its note editor reads the team's rule there, offline)
    from workstation.presence import K_TEAM_CONFIG, stored_team_config

    kept = stored_team_config(window.client.db.get_state(K_TEAM_CONFIG))
    assert kept is not None and kept.sla_seconds["complaint"] == 300
    close(window)


def test_an_outage_keeps_the_last_figures_greyed_with_their_age(
    qtbot: QtBot, live: Any, data_dir: Path, background: Background, settings: Settings, english: None
) -> None:
    from tests.client.conftest import refuse

    with TcpProxy(live.url) as proxy:
        window = supervisor_window(qtbot, live, data_dir, background, settings, url=proxy.url)
        dash = window.dashboard
        assert dash is not None
        window.client.api.timeout = 2.0
        rows = list(dash.waiting.rows)
        refuse(proxy)
        dash.feed.refresh()
        qtbot.waitUntil(lambda: dash.snapshot is not None and dash.snapshot.stale, timeout=10_000)
        assert dash.waiting.rows == rows and dash.waiting.stale  # never blank
        assert dash.as_of_label.text().startswith("Data as of")
        assert "min ago" in dash.as_of_label.text()
        index = dash.queues.index(0, 0)
        from workstation.views import theme

        assert dash.queues.data(index, Qt.ItemDataRole.ForegroundRole) == theme.brush("muted")
        # waits do not tick on made-up time during the outage
        shown = dash.waiting.display(dash.waiting.rows[0], 3)
        qtbot.wait(1200)
        assert dash.waiting.display(dash.waiting.rows[0], 3) == shown
        proxy.restore()
        dash.feed.refresh()
        qtbot.waitUntil(lambda: dash.snapshot is not None and not dash.snapshot.stale, timeout=15_000)
        assert dash.as_of_label.text().startswith("Live")
        close(window)


def test_alerts_are_notified_once_per_key(
    qtbot: QtBot, live: Any, data_dir: Path, background: Background, settings: Settings, english: None
) -> None:
    window = supervisor_window(qtbot, live, data_dir, background, settings)
    dash = window.dashboard
    assert dash is not None
    shown: list[tuple[str, str]] = []
    original = window.tray.notify

    def notify(notice: Any) -> bool:
        done = original(notice)
        if done and window.tray.last_shown is not None:
            shown.append(window.tray.last_shown)
        return done

    window.tray.notify = notify  # type: ignore[method-assign]
    api = window.client.api
    config = api.supervisor_config()
    api.set_supervisor_config(
        config.model_copy(update={"sla_seconds": {"presale": 1, "aftersale": 3600, "complaint": 3600}})
    )
    qtbot.waitUntil(
        lambda: any(a.kind == "sla_breach" for a in dash.snapshot.dashboard.alerts),  # type: ignore[union-attr]
        timeout=10_000,
    )
    qtbot.waitUntil(lambda: len(shown) >= 1, timeout=3000)
    titles = {t for t, _ in shown}
    assert titles == {"Supervisor alert"}
    assert any("SLA breach" in text for _, text in shown)
    count = len(shown)
    # the same alerts on later fetches: no new notification
    dash.feed.refresh()
    qtbot.wait(1500)
    assert len(shown) == count
    # the alert list says it in words, and the queue row is red with a word, not colour alone
    texts = [dash.alerts_list.item(i).text() for i in range(dash.alerts_list.count())]
    assert any("SLA breach" in t for t in texts)
    presale = next(i for i, q in enumerate(dash.queues.rows) if q.group == "presale" and q.waiting)
    assert "Over SLA" in dash.queues.display(dash.queues.rows[presale], 7)
    from workstation.views import theme

    assert dash.queues.data(dash.queues.index(presale, 0), Qt.ItemDataRole.BackgroundRole) == theme.brush(
        "red_bg"
    )
    # an alert leads to what it is about: Enter on it selects the waiting conversation
    breach = next(a for a in dash.snapshot.dashboard.alerts if a.kind == "sla_breach")  # type: ignore[union-attr]
    item = next(
        dash.alerts_list.item(i)
        for i in range(dash.alerts_list.count())
        if dash.alerts_list.item(i).data(Qt.ItemDataRole.UserRole) == breach.key
    )
    dash.alerts_list.setCurrentItem(item)
    dash.alerts_list.setFocus()
    qtbot.keyClick(dash.alerts_list, Qt.Key.Key_Return)
    current = dash.waiting_table.currentIndex()
    assert current.isValid() and dash.waiting.rows[current.row()].id == breach.conversation_id
    # the switch in Settings → Notifications turns them off
    settings.set(Options.NOTIFY_ALERTS, False)
    from workstation.notices import Notice

    assert not window.tray.wanted(Notice("alert", 0, "", "", "x"))
    close(window)


def test_my_status_in_the_status_bar(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, settings: Settings, english: None
) -> None:
    window = MainWindow(client_a1, background, settings)
    qtbot.addWidget(window)
    window.show()
    control = window.status_control
    assert control.accessibleName()
    assert "not sent" in control.text()  # before the presence starts: calm, not an error
    assert window.status_control.open_action.shortcut().toString() == "Ctrl+Shift+O"
    window.start_presence()
    uid = client_a1.user.id

    def server_status() -> str | None:
        with live.session() as s:
            state = s.get(cm.AgentState, uid)
            return None if state is None else state.status

    qtbot.waitUntil(lambda: control.text() == "Online", timeout=5000)
    assert server_status() == "online"
    control.actions_by_status["busy"].trigger()
    qtbot.waitUntil(lambda: control.text() == "Busy" and server_status() == "busy", timeout=5000)
    # input anywhere in the app counts as the agent being here
    time.sleep(0.2)
    before = window.presence.idle_seconds
    assert before >= 0.2
    time.sleep(0.01)
    QApplication.sendEvent(
        window.queue_view.table,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier),
    )
    assert window.presence.idle_seconds < before
    assert window.stop_presence(send_offline=True)
    assert server_status() == "offline"
    window.close()


@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_dashboard_screenshots(
    qtbot: QtBot,
    live: Any,
    data_dir: Path,
    background: Background,
    settings: Settings,
    chinese: None,
    theme_name: str,
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # the theme's style sheet changes sizes for every later test: put the app back as it was
    saved_sheet, saved_palette, saved_style = app.styleSheet(), app.palette(), app.style().name()
    apply_theme(app, theme_name)
    try:
        live.claim_as("a2", live.seeded["conversations"][live.seeded["shops"][0]][0])
        api_client = connect(live, "s1", data_dir / "cfg")
        cfg = api_client.api.supervisor_config()
        api_client.api.set_supervisor_config(
            cfg.model_copy(update={"sla_seconds": {**cfg.sla_seconds, "aftersale": 1}})
        )
        api_client.close()
        for staff_id, status in (("a1", "busy"), ("a3", "away")):  # a floor with some life in it
            colleague = connect(live, staff_id, data_dir / "colleagues")
            colleague.api.set_status(status)
            colleague.close()
        time.sleep(1.2)
        window = supervisor_window(qtbot, live, data_dir, background, settings)
        window.start_presence()
        window.resize(1400, 820)
        dash = window.dashboard
        assert dash is not None
        qtbot.waitUntil(lambda: bool(dash.snapshot and dash.snapshot.dashboard.alerts), timeout=10_000)
        qtbot.wait(300)
        assert "实时" in dash.as_of_label.text()
        qtbot.waitUntil(lambda: window.presence.state.sent, timeout=5000)
        assert save_screenshot(window, f"dashboard_zh_{theme_name}.png")
        window.stop_presence()
        close(window)
    finally:
        apply_theme(app, "light")  # the named colours the other tests expect
        app.setStyle(saved_style)
        app.setPalette(saved_palette)
        app.setStyleSheet(saved_sheet)


def test_an_agent_after_a_supervisor_on_the_same_pc_gets_the_desk(
    qtbot: QtBot, live: Any, data_dir: Path, background: Background, settings: Settings
) -> None:
    window = supervisor_window(qtbot, live, data_dir, background, settings)
    assert window.dashboard_dock is not None and window.dashboard_dock.isVisible()
    close(window)  # closed on the dashboard page
    agent = connect(live, "a1", data_dir)
    try:
        desk = MainWindow(agent, background, settings)
        qtbot.addWidget(desk)
        desk.show()
        assert desk.queue_dock.isVisible() and desk.conversation_dock.isVisible()
        desk.close()
        # and the supervisor opens on the dashboard again
        again = supervisor_window(qtbot, live, data_dir / "again", background, settings)
        assert again.dashboard_dock is not None and again.dashboard_dock.isVisible()
        assert not again.queue_dock.isVisible()
        close(again)
    finally:
        agent.close()


def test_the_app_sets_my_status_at_login_and_offline_at_logout_and_exit(
    qtbot: QtBot, live: Any, data_dir: Path, settings: Settings, english: None
) -> None:
    """Through the app's own flow: login → the status I last chose (online the first time),
    logout → offline, the next login → busy as chosen, quitting → offline."""
    from tests.gui.test_login_and_background import try_login
    from workstation.app import App, parse_args

    uid = live.seeded["users"]["a2"]

    def server_status() -> str | None:
        with live.session() as s:
            state = s.get(cm.AgentState, uid)
            return None if state is None else state.status

    app = App(parse_args(["--server", live.url, "--staff-id", "a2"]), settings, data_dir)
    try:
        app.start()
        qtbot.waitUntil(lambda: app.login_dialog is not None, timeout=20_000)
        with qtbot.waitSignal(app.window_shown, timeout=20_000) as shown:
            try_login(qtbot, app.login_dialog, live.url, "a2", "pw-a2")
        window = shown.args[0]
        qtbot.waitUntil(lambda: server_status() == "online", timeout=5000)
        window.status_control.actions_by_status["busy"].trigger()
        qtbot.waitUntil(lambda: server_status() == "busy", timeout=5000)
        window.logout_action.trigger()
        qtbot.waitUntil(lambda: app.login_dialog is not None, timeout=20_000)
        qtbot.waitUntil(lambda: server_status() == "offline", timeout=5000)
        with qtbot.waitSignal(app.window_shown, timeout=20_000):
            try_login(qtbot, app.login_dialog, live.url, "a2", "pw-a2")
        qtbot.waitUntil(lambda: server_status() == "busy", timeout=5000)  # as I last chose
    finally:
        started = time.monotonic()
        app.shutdown()
        quit_s = time.monotonic() - started
    assert server_status() == "offline"
    assert quit_s < 5.0


def _open_held(qtbot: QtBot, dash: DashboardView, user_id: int, *, keyboard: bool = True) -> Any:
    """Select the agent's row and open their conversations (Enter on the row, or the action)."""
    dash.held_dialog = None
    dash.agents_table.setCurrentIndex(dash.agents.index(row_of(dash, user_id), 0))
    if keyboard:
        dash.agents_table.setFocus()
        qtbot.keyClick(dash.agents_table, Qt.Key.Key_Return)
    else:
        dash.held_action.trigger()
    qtbot.waitUntil(lambda: dash.held_dialog is not None and dash.held_dialog.isVisible(), timeout=5000)
    dialog = dash.held_dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    return dialog


def _select_held(dialog: Any, conversation_id: int) -> None:
    row = next(i for i, r in enumerate(dialog.model.rows) if r.id == conversation_id)
    dialog.table.setCurrentIndex(dialog.model.index(row, 0))
    dialog.table.setFocus()


def test_a_held_conversation_is_reassigned_or_taken_over_from_the_agents_list(
    qtbot: QtBot, live: Any, data_dir: Path, background: Background, settings: Settings, english: None
) -> None:
    window = supervisor_window(qtbot, live, data_dir, background, settings)
    dash = window.dashboard
    assert dash is not None
    users = live.seeded["users"]
    convs = live.seeded["conversations"][live.seeded["shops"][0]]
    live.claim_as("a2", convs[0])
    live.claim_as("a2", convs[1])
    window.client.engine.sync_once()  # the sync loop's job in the app (not started here)
    qtbot.waitUntil(lambda: dash.agents.agent_for(users["a2"]).load == 2, timeout=5000)  # type: ignore[union-attr]

    # Enter on a2's row: the conversations a2 holds, from the cache
    dialog = _open_held(qtbot, dash, users["a2"])
    assert {r.id for r in dialog.model.rows} == {convs[0], convs[1]}
    assert "2" in dialog.summary.text() and "客服a2" in dialog.summary.text()
    assert dialog.model.display(dialog.model.rows[0], 0) in {"爱吃鱼的猫", "sunny小可爱"}
    save_screenshot(dialog, "dashboard_held_en.png")

    # reassign one to a3 by keyboard: Ctrl+Shift+G, type to filter, Enter
    _select_held(dialog, convs[0])
    qtbot.keyClick(
        dialog.table, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: dash.held_picker is not None and dash.held_picker.isVisible())
    picker = dash.held_picker
    assert picker is not None
    assert not dialog.isVisible()
    names = [picker.list.item(i).text() for i in range(picker.list.count())]
    assert not any("(a2)" in n for n in names), names  # not back to its holder
    qtbot.keyClicks(picker.filter_edit, "a3")
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: assignee(live, convs[0]) == users["a3"], timeout=5000)
    qtbot.waitUntil(lambda: "assigned to" in dash.result_label.text(), timeout=5000)

    # take the other one over: Ctrl+Shift+Y in the dialog (opened from the menu action)
    window.client.engine.sync_once()
    dialog = _open_held(qtbot, dash, users["a2"], keyboard=False)
    assert [r.id for r in dialog.model.rows] == [convs[1]]
    _select_held(dialog, convs[1])
    qtbot.keyClick(
        dialog.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: assignee(live, convs[1]) == users["s1"], timeout=5000)
    audit = window.client.api.supervisor_audit().entries
    assert any(e.action == "takeover" and e.conversation_id == convs[1] for e in audit)

    # a lost race: a3's conversation goes to a1 while the list is open; the message names a1
    window.client.engine.sync_once()
    qtbot.waitUntil(lambda: dash.agents.agent_for(users["a3"]).load == 1, timeout=5000)  # type: ignore[union-attr]
    dialog = _open_held(qtbot, dash, users["a3"])
    shown = dialog.model.rows[0]
    assert shown.id == convs[0]
    window.client.api.assign(convs[0], shown.assignment_version, users["a1"])
    _select_held(dialog, convs[0])
    qtbot.keyClick(
        dialog.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: "has this conversation now" in dash.result_label.text(), timeout=5000)
    assert "客服a1(a1)" in dash.result_label.text()
    assert assignee(live, convs[0]) == users["a1"]

    # an agent holding nothing: said so, the actions greyed
    dialog = _open_held(qtbot, dash, users["b1"])
    assert dialog.model.rows == [] and "holds no conversations" in dialog.summary.text()
    assert not dialog.findChild(QPushButton, "heldTakeOverActionButton").isEnabled()
    dialog.close()
    close(window)


def _column(model: Any, column: int) -> list[str]:
    return [model.display(r, column) for r in model.rows]


def test_tables_sort_by_header_and_keyboard_across_refreshes_and_agents_filter(
    qtbot: QtBot, live: Any, data_dir: Path, background: Background, settings: Settings, english: None
) -> None:
    window = supervisor_window(qtbot, live, data_dir, background, settings)
    dash = window.dashboard
    assert dash is not None
    users = live.seeded["users"]
    shop1 = live.seeded["shops"][0]
    convs = live.seeded["conversations"][shop1]
    live.claim_as("a3", convs[2])
    qtbot.waitUntil(lambda: dash.agents.agent_for(users["a3"]).load == 1, timeout=5000)  # type: ignore[union-attr]

    # a click on the agents' "Load" header: ascending, again descending, a third time the service's order
    header = dash.agents_table.horizontalHeader()
    service_order = [a.user_id for a in dash.agents.rows]

    def click(section: int) -> None:
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    click(2)
    loads = [a.load for a in dash.agents.rows]
    assert loads == sorted(loads) and header.sortIndicatorSection() == 2
    click(2)
    assert [a.load for a in dash.agents.rows] == sorted(loads, reverse=True)
    assert dash.agents.rows[0].user_id == users["a3"]
    # the selection and the order stay across live refreshes, even when a change reorders rows
    dash.agents_table.setCurrentIndex(dash.agents.index(row_of(dash, users["b1"]), 3))
    live.claim_as("a1", convs[0])
    live.claim_as("a1", convs[1])
    qtbot.waitUntil(lambda: dash.agents.agent_for(users["a1"]).load == 2, timeout=5000)  # type: ignore[union-attr]
    assert dash.agents.rows[0].user_id == users["a1"]  # a1 now holds the most
    assert [a.load for a in dash.agents.rows] == sorted((a.load for a in dash.agents.rows), reverse=True)
    current = dash.agents_table.currentIndex()
    assert dash.agents.rows[current.row()].user_id == users["b1"] and current.column() == 3
    click(2)
    assert [a.user_id for a in dash.agents.rows] == service_order

    # the keyboard: Ctrl+Alt+S sorts the focused table by its current column (the waiting buyers)
    for group in ("aftersale", "complaint", "presale"):
        live.add_conversation(shop1, group, "在吗")
    qtbot.waitUntil(lambda: len(dash.waiting.rows) >= 4, timeout=5000)
    assert dash.sort_action.shortcut().toString() == "Ctrl+Alt+S"
    dash.waiting_table.setCurrentIndex(dash.waiting.index(0, 2))  # the group column
    dash.waiting_table.setFocus()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    with qtbot.waitSignal(dash.message, timeout=2000) as said:
        qtbot.keyClick(
            dash.waiting_table,
            Qt.Key.Key_S,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
        )
    assert "sorted by Group, ascending" in said.args[0]
    groups = _column(dash.waiting, 2)
    assert groups == sorted(groups) and len(set(groups)) > 1
    dash.sort_action.trigger()
    assert _column(dash.waiting, 2) == sorted(groups, reverse=True)
    # a new waiting buyer arrives: the order holds
    live.add_conversation(shop1, "complaint", "投诉")
    qtbot.waitUntil(lambda: len(dash.waiting.rows) >= 5, timeout=5000)
    assert _column(dash.waiting, 2) == sorted(_column(dash.waiting, 2), reverse=True)
    # the queues too (the header's click is the model's sort): most waiting first
    dash.queues_table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    waiting = [q.waiting for q in dash.queues.rows]
    assert waiting == sorted(waiting, reverse=True) and waiting[0] == 2 and waiting[-1] == 0

    # the agents filter: staff id, name, group or status; it holds across refreshes
    qtbot.keyClicks(dash.agents_filter, "b1")
    assert [a.user_id for a in dash.agents.rows] == [users["b1"]]
    dash.agents_filter.clear()
    dash.agents_filter.setText("客服A")  # names, case-insensitive (QTest types no Chinese)
    assert {a.user_id for a in dash.agents.rows} == {users["a1"], users["a2"], users["a3"]}
    dash.agents_filter.setText("offline")
    offline = {a.user_id for a in dash.agents.all_rows if a.status == "offline"}
    assert offline and {a.user_id for a in dash.agents.rows} == offline
    dash.agents_filter.setText("a2")
    live.claim_as("a2", next(w.id for w in dash.waiting.rows if w.shop_id == shop1))
    qtbot.waitUntil(lambda: dash.agents.agent_for(users["a2"]).load == 1, timeout=5000)  # type: ignore[union-attr]
    assert [a.user_id for a in dash.agents.rows] == [users["a2"]]
    # an alert about an agent the filter hides still names the agent
    from dataclasses import replace

    from wsprotocol import Alert

    over = Alert(
        key="over_capacity:x",
        kind="over_capacity",
        since=dash.snapshot.dashboard.generated_at,  # type: ignore[union-attr]
        user_id=users["a1"],
        value=6,
        threshold=5,
    )
    assert "客服a1(a1)" in dash.alert_text(over)
    # Enter on such an alert shows the agent: the filter steps aside
    snap = dash.snapshot
    assert snap is not None
    dash.snapshot = replace(snap, dashboard=snap.dashboard.model_copy(update={"alerts": [over]}))
    dash.show_alert(over.key)
    assert dash.agents_filter.text() == ""
    current = dash.agents_table.currentIndex()
    assert dash.agents.rows[current.row()].user_id == users["a1"]
    dash.agents_filter.clear()
    assert len(dash.agents.rows) == len(dash.agents.all_rows)
    close(window)


def test_an_sla_alert_names_its_buyer_from_the_cache(
    qtbot: QtBot, live: Any, data_dir: Path, background: Background, settings: Settings, english: None
) -> None:
    """The alert text names the buyer also when the conversation is not among the waiting ones
    the service lists (it lists the oldest 200): the nickname comes from the supervisor's cache."""
    from dataclasses import replace

    window = supervisor_window(qtbot, live, data_dir, background, settings)
    dash = window.dashboard
    assert dash is not None
    convs = live.seeded["conversations"][live.seeded["shops"][0]]
    api = window.client.api
    config = api.supervisor_config()
    api.set_supervisor_config(
        config.model_copy(update={"sla_seconds": {**config.sla_seconds, "aftersale": 1}})
    )
    qtbot.waitUntil(
        lambda: any(a.conversation_id == convs[1] for a in dash.snapshot.dashboard.alerts),  # type: ignore[union-attr]
        timeout=10_000,
    )
    snap = dash.snapshot
    assert snap is not None and snap.buyers.get(convs[1]) == "sunny小可爱"
    alert = next(a for a in snap.dashboard.alerts if a.conversation_id == convs[1])
    dash.feed.stop()  # no fetch replaces the snapshot shown below
    dash.show_snapshot(replace(snap, dashboard=snap.dashboard.model_copy(update={"waiting": []})))
    text = dash.alert_text(alert)
    assert "sunny小可爱" in text and "conversation" not in text, text
    texts = [dash.alerts_list.item(i).text() for i in range(dash.alerts_list.count())]
    assert any("sunny小可爱" in t for t in texts)
    close(window)


def test_the_agents_conversations_dialog_is_chinese(qtbot: QtBot, chinese: None) -> None:
    from tests.gui.test_i18n import untranslated, visible_texts
    from workstation.queue import RowData
    from workstation.timeutil import utcnow
    from workstation.views.dashboard_view import HeldDialog
    from wsprotocol import AgentStats

    now = utcnow()
    agent = AgentStats(
        user_id=7, staff_id="kf07", display_name="客服7", shop_ids=[1], groups=["presale"],
        status="online", status_since=now, load=1, capacity=5,
    )  # fmt: skip
    row = RowData(1, "爱吃鱼的猫", 1, "小美家居旗舰店", "presale", "在吗", now.timestamp() - 75,
                  now.timestamp(), 7, "客服7", "kf07", "assigned", 2, 3)  # fmt: skip
    for rows in ([row], []):
        dialog = HeldDialog(agent, rows, now, None)
        qtbot.addWidget(dialog)
        dialog.show()
        texts = list(visible_texts(dialog))
        texts += [("cell", dialog.model.display(r, c)) for r in dialog.model.rows for c in range(5)]
        assert untranslated(iter(texts)) == []
        assert "客服7" in dialog.windowTitle() and "会话" in dialog.windowTitle()
        assert "1:15" in texts[-2][1] if rows else "没有" in dialog.summary.text()
        dialog.close()


def test_a_supervisor_takes_over_the_open_conversation_from_the_desk(
    qtbot: QtBot, live: Any, data_dir: Path, background: Background, settings: Settings, english: None
) -> None:
    window = supervisor_window(qtbot, live, data_dir, background, settings)
    users = live.seeded["users"]
    conv = live.seeded["conversations"][live.seeded["shops"][0]][0]
    live.claim_as("a2", conv)
    window.client.engine.sync_once()
    window.show_desk()
    qtbot.waitUntil(lambda: window.queue_view.select_conversation(conv) is not False, timeout=5000)
    window.queue_view.open_current()
    qtbot.waitUntil(
        lambda: window.conversation_panel.detail is not None and window.conversation_panel.detail.id == conv,
        timeout=5000,
    )
    action = window.takeover_open_action
    qtbot.waitUntil(action.isEnabled, timeout=3000)
    assert action in window.findChild(QMenu, "conversationMenu").actions()  # type: ignore[union-attr]
    assert "客服a2" in action.toolTip()
    action.trigger()
    qtbot.waitUntil(lambda: assignee(live, conv) == users["s1"], timeout=5000)
    # once the cache has it, the open conversation is mine: nothing to take over
    window.client.engine.sync_once()
    window.conversation_panel.reload()
    qtbot.waitUntil(lambda: not action.isEnabled(), timeout=5000)
    close(window)
