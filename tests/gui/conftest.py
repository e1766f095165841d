"""Fixtures for the GUI tests: a real central service on 127.0.0.1, a real logged-in client core,
isolated settings and data directories, and the app's background runner."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from workstation.background import Background
from workstation.i18n import install_translators
from workstation.settings import Settings

#: Qt messages that say nothing about our code: the offscreen platform plugin cannot propagate
#: size hints of top-level windows (docks, dialogs) nor raise them, and says so.
IGNORED_QT_MESSAGES = (
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(*IGNORED_QT_MESSAGES))


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("WORKSTATION_DATA_DIR", str(data))
    return data


@pytest.fixture(autouse=True)
def _app_look_restored(qapp: QApplication) -> Iterator[None]:
    """Put the application's theme, style, palette and style sheet back after each GUI test: the
    theme's style sheet changes widget sizes, and a test that applied it (screenshots in dark,
    the settings dialog) would otherwise change the layout that later tests measure."""
    from workstation.views import theme

    saved = (theme.active(), qapp.styleSheet(), qapp.palette(), qapp.style().name())
    yield
    active, sheet, palette, style = saved
    if theme.active() == active and qapp.styleSheet() == sheet and qapp.style().name() == style:
        return
    theme.apply_theme(qapp, active.name, active.font_size)  # the named colours views paint with
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


@pytest.fixture
def data_dir(_isolated_data_dir: Path) -> Path:
    return _isolated_data_dir


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """Tests that compare texts run with the source language (English)."""
    install_translators(qapp, "en")
    yield


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.open(tmp_path / "settings.ini")


@pytest.fixture
def background(qapp: QApplication) -> Iterator[Background]:
    bg = Background()
    yield bg
    bg.close()
    bg.deleteLater()


@pytest.fixture
def live() -> Iterator[Any]:
    from central.testing import LiveServer

    server = LiveServer()
    server.start()
    server.seeded = server.seed_basic()  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.stop()


def connect(live: Any, staff_id: str, data_dir: Path) -> Any:
    from workstation.client import Client

    return Client.connect(live.url, staff_id, f"pw-{staff_id}", data_dir=data_dir / staff_id,
                          device_name="test")


@pytest.fixture
def client_a1(live: Any, data_dir: Path) -> Iterator[Any]:
    client = connect(live, "a1", data_dir)
    client.engine.sync_once()
    try:
        yield client
    finally:
        client.close()


ROOT = Path(__file__).resolve().parents[2]


def save_screenshot(widget: QWidget, name: str) -> bool:
    """Grab ``widget`` into ``artifacts/screenshots/<name>`` on every run (to look at), and into
    ``docs/screenshots/`` (the README's copies) only when ``WORKSTATION_UPDATE_SCREENSHOTS=1`` or
    the picture is missing there, so that an ordinary test run leaves the tracked files alone."""
    out = ROOT / "artifacts" / "screenshots" / name
    out.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(out)):
        return False
    docs = ROOT / "docs" / "screenshots" / name
    if os.environ.get("WORKSTATION_UPDATE_SCREENSHOTS") == "1" or not docs.exists():
        docs.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out, docs)
    return True
