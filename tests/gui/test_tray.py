"""The tray's part of notifications: which notices an agent sees (settings, do-not-disturb), their
wording, the status icon and the unread count in the tooltip. Offscreen there is no system tray:
notices still count as shown (the window's taskbar entry is alerted instead)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from workstation.notices import Notice
from workstation.settings import Options, Settings
from workstation.views.tray import Tray, status_icon


def _tray(tmp_path: Path) -> Tray:
    settings = Settings.open(tmp_path / "ws.ini")
    settings.set(Options.NOTIFY_SOUND, False)  # no bell during tests
    return Tray(settings)


REPLY = Notice("reply", 7, "爱吃鱼的猫", "小美家居旗舰店", "快递到哪了？")


def test_notices_follow_the_settings_and_do_not_disturb(qtbot: QtBot, tmp_path: Path) -> None:
    tray = _tray(tmp_path)
    assert tray.notify(REPLY)
    assert tray.last_shown == ("爱吃鱼的猫 replied (小美家居旗舰店)", "快递到哪了？")
    tray.settings.set(Options.NOTIFY_REPLY, False)
    assert not tray.notify(REPLY)
    tray.settings.set(Options.NOTIFY_REPLY, True)
    tray.set_do_not_disturb(True)
    assert not tray.notify(Notice("sla", 8, "tb_8812", "小美家居旗舰店", "130"))
    assert "Do not disturb" in tray.tooltip()
    tray.set_do_not_disturb(False)
    assert tray.notify(Notice("sla", 8, "tb_8812", "小美家居旗舰店", "130"))
    assert tray.last_shown == ("tb_8812 has waited 130 s (小美家居旗舰店)", "")


def test_tooltip_counts_unread_and_icon_shows_status(qtbot: QtBot, tmp_path: Path) -> None:
    tray = _tray(tmp_path)
    tray.set_status("online")
    tray.set_unread(3)
    assert tray.tooltip() == "Workstation · Online · 3 conversation(s) waiting for your answer"
    online = status_icon("online").pixmap(64, 64).toImage()
    offline = status_icon("offline").pixmap(64, 64).toImage()
    assert not online.isNull() and online != offline  # the dot's colour differs


def test_clicking_a_notice_opens_its_conversation(qtbot: QtBot, tmp_path: Path) -> None:
    tray = _tray(tmp_path)
    tray.notify(REPLY)
    with qtbot.waitSignal(tray.open_conversation_requested) as blocker:
        tray._on_message_clicked()
    assert blocker.args == [7]


def test_a_handover_for_my_shift_is_a_notice_that_opens_the_handover(qtbot: QtBot, tmp_path: Path) -> None:
    tray = _tray(tmp_path)
    notice = Notice("handover", 0, "", "", "夜班小王 left a handover for your shift (3 open items).")
    assert tray.notify(notice)
    assert tray.last_shown == ("Handover for your shift", notice.text)
    with qtbot.waitSignal(tray.open_handover_requested):
        tray._on_message_clicked()
    tray.settings.set(Options.NOTIFY_HANDOVER, False)
    assert not tray.notify(notice)
