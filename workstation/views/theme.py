"""Light and dark themes: one set of named colours for the style sheet, the palette and the
views that paint (wait levels, message bubbles, order warnings).

``resources/style.qss`` is a template: ``@name`` stands for the colour ``name`` of the active theme
and ``@font_size`` for the chosen text size. Views that paint ask ``color("name")`` at paint time,
so switching the theme repaints them correctly without a restart. "system" follows the desktop's
light or dark setting (Qt 6.5+ reports it; older Qt gets light).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from workstation.i18n import resources_dir

THEME_CHOICES = ("system", "light", "dark")
DEFAULT_FONT_SIZE = 13
FONT_SIZES = (12, 13, 14, 16, 18)

LIGHT: dict[str, str] = {
    "window": "#F4F5F7",
    "base": "#FFFFFF",
    "alt_base": "#F8F9FA",
    "text": "#1F2329",
    "muted": "#646A73",
    "border": "#D0D3D8",
    "border_soft": "#D9DCE0",
    "input_border": "#C9CDD2",
    "focus": "#6FA3E0",
    "header": "#EEF0F2",
    "header_text": "#50565E",
    "chrome": "#E6E8EB",
    "selection": "#CFE3FA",
    "accent": "#1E5FA8",
    "ok": "#1E7B34",
    "warn": "#9A5B00",
    "error": "#B3261E",
    # queue wait levels
    "amber_bg": "#FFE3A3",
    "amber_fg": "#6B4100",
    "red_bg": "#F6B8B1",
    "red_fg": "#7F1410",
    "mine_fg": "#0B5CAD",
    # thread
    "bubble_buyer": "#FFFFFF",
    "bubble_agent": "#D7ECFF",
    "bubble_system": "#EEF0F2",
    "unread_bg": "#FFF4E5",
    # orders
    "nudge_bg": "#FFF3DC",
    "nudge_fg": "#7A4B00",
    "stuck_bg": "#FDE7E6",
    "stuck_fg": "#9C1C17",
    "case_bg": "#E6EFFC",
    "case_fg": "#174A8B",
    # composer: an unresolved phrase variable
    "missing_bg": "#FFE08A",
}

DARK: dict[str, str] = {
    "window": "#1E2023",
    "base": "#26292D",
    "alt_base": "#2B2E33",
    "text": "#E3E5E8",
    "muted": "#A0A6AE",
    "border": "#3A3E44",
    "border_soft": "#33373C",
    "input_border": "#454A51",
    "focus": "#5B8FD0",
    "header": "#2D3035",
    "header_text": "#B8BDC4",
    "chrome": "#2A2D31",
    "selection": "#2F4F75",
    "accent": "#6FA8EC",
    "ok": "#6CC486",
    "warn": "#E0A84A",
    "error": "#F08A80",
    "amber_bg": "#5C4511",
    "amber_fg": "#FFE3A3",
    "red_bg": "#6B2420",
    "red_fg": "#FFD2CC",
    "mine_fg": "#8CC2FF",
    "bubble_buyer": "#2F3237",
    "bubble_agent": "#23405F",
    "bubble_system": "#2A2D31",
    "unread_bg": "#4A3A1E",
    "nudge_bg": "#4D3A14",
    "nudge_fg": "#FFD894",
    "stuck_bg": "#5A2422",
    "stuck_fg": "#FFC4BE",
    "case_bg": "#1F3556",
    "case_fg": "#B5D3FF",
    "missing_bg": "#7A6214",
}


@dataclass(frozen=True)
class Theme:
    name: str  # light or dark
    colors: dict[str, str]
    font_size: int = DEFAULT_FONT_SIZE

    @property
    def dark(self) -> bool:
        return self.name == "dark"


_active = Theme("light", LIGHT)


def active() -> Theme:
    return _active


def color(name: str) -> QColor:
    """A named colour of the active theme (for views that paint)."""
    return QColor(_active.colors.get(name, _active.colors["text"]))


_brushes: dict[tuple[str, str], QBrush] = {}


def brush(name: str) -> QBrush:
    """A cached brush of a named colour (item models return these from ``data()``, a hot path)."""
    key = (_active.name, name)
    found = _brushes.get(key)
    if found is None:
        found = _brushes[key] = QBrush(color(name))
    return found


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is None:
        return False
    return bool(scheme() == Qt.ColorScheme.Dark)


def resolve(choice: str) -> str:
    """``system``/``light``/``dark`` → ``light`` or ``dark``."""
    if choice == "dark" or (choice == "system" and system_is_dark()):
        return "dark"
    return "light"


_TOKEN = re.compile(r"@([a-z_]+)")


def render_style(template: str, theme: Theme) -> str:
    values = {**theme.colors, "font_size": f"{theme.font_size}px"}
    return _TOKEN.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def palette_for(theme: Theme) -> QPalette:
    c = theme.colors
    p = QPalette()
    role = QPalette.ColorRole
    for r, key in (
        (role.Window, "window"),
        (role.WindowText, "text"),
        (role.Base, "base"),
        (role.AlternateBase, "alt_base"),
        (role.Text, "text"),
        (role.Button, "chrome"),
        (role.ButtonText, "text"),
        (role.ToolTipBase, "base"),
        (role.ToolTipText, "text"),
        (role.PlaceholderText, "muted"),
        (role.Highlight, "selection"),
        (role.HighlightedText, "text"),
        (role.Link, "accent"),
        (role.Mid, "border"),
    ):
        p.setColor(r, QColor(c[key]))
    p.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(c["muted"]))
    p.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor(c["muted"]))
    p.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(c["muted"]))
    return p


def apply_theme(app: QApplication, choice: str = "system", font_size: int = DEFAULT_FONT_SIZE) -> Theme:
    """Set the palette and the style sheet for ``choice``; returns the theme now active."""
    global _active
    name = resolve(choice)
    size = font_size if font_size in FONT_SIZES else DEFAULT_FONT_SIZE
    theme = Theme(name, DARK if name == "dark" else LIGHT, size)
    _active = theme
    # Fusion draws every control from the palette on all platforms, so dark really is dark
    # (the native Windows style ignores parts of the palette).
    app.setStyle("Fusion")
    app.setPalette(palette_for(theme))
    template = ""
    with contextlib.suppress(OSError):
        template = (resources_dir() / "style.qss").read_text(encoding="utf-8")
    app.setStyleSheet(render_style(template, theme))
    return theme


__all__ = [
    "DARK",
    "DEFAULT_FONT_SIZE",
    "FONT_SIZES",
    "LIGHT",
    "THEME_CHOICES",
    "Theme",
    "active",
    "apply_theme",
    "brush",
    "color",
    "palette_for",
    "render_style",
    "resolve",
]
