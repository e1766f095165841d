"""Interface language: loading the app's translations and Qt's own.

Source strings are English (``self.tr("...")``); ``resources/workstation_<lang>.ts`` holds the
translations and the built ``.qm`` files are committed, so running the app needs no build step.
The app follows the desktop's language unless the agent chose one (Simplified Chinese unless the
desktop speaks English). Qt's ``qtbase`` catalogue is loaded too, so that the buttons of
standard dialogs (OK, Cancel, ...) speak the same language.

The language is chosen at start: switching it in the menu stores the setting and applies at the
next start (re-translating every open widget in place is not worth its complexity here).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"
#: language code -> its own name, shown in the language menu (never translated: a user who cannot
#: read the current language must still find theirs)
LANGUAGE_NAMES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}


def resources_dir() -> Path:
    """Where translations, the style sheet and icons live (also inside a PyInstaller bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    here = Path(__file__).resolve().parent
    # A source checkout (and an editable install) has them beside the package; a wheel built with
    # them as package data has them inside it.
    for candidate in (here.parent / "resources", here / "resources"):
        if (candidate / "style.qss").exists():
            return candidate
    return here.parent / "resources"


def normalize_language(language: str | None) -> str:
    """A supported language code for ``language`` (``zh``, ``zh-CN``, ``en_US`` ...)."""
    if not language:
        return DEFAULT_LANGUAGE
    code = language.replace("-", "_")
    if code in LANGUAGE_NAMES:
        return code
    if code.lower().startswith("zh"):
        return "zh_CN"
    if code.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


SYSTEM_LANGUAGE = "system"


def resolve_language(choice: str | None, system: str | None = None) -> str:
    """The language to load for a setting: ``system`` (the default) follows the desktop's
    language — Chinese and English as themselves, anything else gets the product's default,
    Simplified Chinese; an explicit code is normalized."""
    if not choice or choice == SYSTEM_LANGUAGE:
        lowered = (system if system is not None else QLocale.system().name()).lower()
        if lowered.startswith("en"):
            return "en"
        return DEFAULT_LANGUAGE
    return normalize_language(choice)


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the app's and Qt's catalogues for ``language`` into ``app``; returns the translators.

    They are also kept on the application object: a translator that Python collects silently
    stops translating.
    """
    language = normalize_language(language)
    for old in getattr(app, "_ws_translators", []):
        app.removeTranslator(old)
    installed: list[QTranslator] = []
    QLocale.setDefault(QLocale(language))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [
        (f"qtbase_{language}", qt_dir),
        (f"workstation_{language}", str(resources_dir())),
    ]
    for name, directory in candidates:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            installed.append(translator)
        elif name.startswith("workstation_") and language != "en":
            # English is the source language, so a missing English catalogue is harmless; a
            # missing Chinese one means a broken install.
            log.warning("translation %s not found in %s", name, directory)
    app._ws_translators = installed  # type: ignore[attr-defined]
    app.setProperty("ws_language", language)
    return installed


def current_language() -> str:
    app = QCoreApplication.instance()
    value = app.property("ws_language") if app is not None else None
    return normalize_language(str(value) if value else None)
