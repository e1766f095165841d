"""Settings: typed options with defaults, numbered upgrade steps, and the main window's geometry
and dock layout saved and restored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from workstation.background import Background
from workstation.queue import Thresholds
from workstation.settings import CURRENT_VERSION, Options, Settings
from workstation.views.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_defaults_types_and_round_trip(tmp_path: Path) -> None:
    s = Settings.open(tmp_path / "a.ini")
    assert s.get(Options.LANGUAGE) == "system"
    assert s.thresholds()["presale"] == Thresholds(60, 100)
    s.set(Options.LANGUAGE, "en")
    s.set_thresholds("complaint", 20, 40)
    s.set(Options.GEOMETRY, b"\x01\x02\x00\xff")
    s.sync()
    again = Settings.open(tmp_path / "a.ini")
    assert again.get(Options.LANGUAGE) == "en"
    assert again.thresholds()["complaint"] == Thresholds(20, 40)
    assert again.get(Options.GEOMETRY) == b"\x01\x02\x00\xff"
    with pytest.raises(TypeError):
        again.set(Options.AMBER_PRESALE, "sixty")  # type: ignore[misc]


def test_damaged_values_fall_back_to_defaults(tmp_path: Path) -> None:
    raw = QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat)
    raw.setValue("sla/presale_amber", "not a number")
    raw.setValue("sla/presale_red", 5)  # below amber: red is never below amber
    raw.sync()
    s = Settings.open(tmp_path / "b.ini")
    assert s.get(Options.AMBER_PRESALE) == 60
    assert s.thresholds()["presale"] == Thresholds(60, 60)


def test_upgrade_steps_run_once_in_order(tmp_path: Path) -> None:
    raw = QSettings(str(tmp_path / "c.ini"), QSettings.Format.IniFormat)
    raw.setValue("language", "en")  # version 0 layout
    raw.setValue("sla/red", 90)  # version 1 layout
    raw.sync()
    del raw
    s = Settings.open(tmp_path / "c.ini")
    assert s.version == CURRENT_VERSION
    assert s.get(Options.LANGUAGE) == "en"
    assert [t.red for t in s.thresholds().values()] == [90, 90, 90]
    assert not s.store.contains("language") and not s.store.contains("sla/red")
    assert s.upgrade() == 0  # nothing left to do


def test_window_geometry_and_docks_restored(qtbot: QtBot, live: Any, client_a1: Any,
                                           background: Background, settings: Settings,
                                           english: None) -> None:
    window = MainWindow(client_a1, background, settings)
    qtbot.addWidget(window)
    window.show()
    window.resize(760, 540)  # within the offscreen screen (800x600): no clamping
    window.customer_dock.setFloating(True)
    window.conversation_dock.hide()
    qtbot.waitUntil(lambda: window.customer_dock.isFloating())
    size = (window.width(), window.height())
    assert size != (1360, 800)  # not the default size
    window.close()
    assert settings.get(Options.WINDOW_STATE)

    again = MainWindow(client_a1, background, settings)
    qtbot.addWidget(again)
    again.show()
    assert again.customer_dock.isFloating()
    assert not again.conversation_dock.isVisible()
    assert (again.width(), again.height()) == size
    again.reset_layout()
    assert not again.customer_dock.isFloating() and again.conversation_dock.isVisible()
    assert again.dockWidgetArea(again.queue_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
