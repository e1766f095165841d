"""Light and dark themes: the style sheet template is filled completely, the palette follows, the
views' named colours switch with the theme, and the text size setting reaches the style sheet."""

from __future__ import annotations

import re

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from workstation.i18n import resources_dir
from workstation.views import theme


def test_every_token_of_the_style_sheet_has_a_value_in_both_themes() -> None:
    template = (resources_dir() / "style.qss").read_text(encoding="utf-8")
    tokens = set(re.findall(r"@([a-z_]+)", template))
    assert tokens, "the style sheet is a template"
    for colors in (theme.LIGHT, theme.DARK):
        assert tokens - {"font_size"} <= set(colors)
        out = theme.render_style(template, theme.Theme("x", colors))
        assert "@" not in out
    # both themes name the same colours: a view never asks for one the other lacks
    assert set(theme.LIGHT) == set(theme.DARK)


def test_switching_themes_changes_palette_brushes_and_font(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved_sheet, saved_palette, saved_style = app.styleSheet(), app.palette(), app.style().name()
    try:
        dark = theme.apply_theme(app, "dark", 16)
        assert dark.dark and theme.active() is dark
        assert app.palette().color(QPalette.ColorRole.Window).name().upper() == theme.DARK["window"]
        assert "font-size: 16px" in app.styleSheet()
        dark_amber = theme.brush("amber_bg").color()
        light = theme.apply_theme(app, "light")
        assert not light.dark
        assert theme.brush("amber_bg").color() != dark_amber
        assert "font-size: 13px" in app.styleSheet()
        # an unknown size falls back to the default instead of an unreadable one
        assert theme.apply_theme(app, "light", 3).font_size == theme.DEFAULT_FONT_SIZE
        assert theme.resolve("system") in ("light", "dark")
    finally:
        theme.apply_theme(app, "light")
        app.setStyle(saved_style)
        app.setPalette(saved_palette)
        app.setStyleSheet(saved_sheet)
