#!/usr/bin/env python3
"""Render ``resources/icons/workstation.svg`` into the platform icon files PyInstaller needs:
``workstation.ico`` (Windows, 16-256 px) and ``workstation.icns`` (macOS), plus a 256 px PNG.

The outputs are committed, so building needs neither this script nor Pillow. Run it after
changing the SVG (needs Pillow in the venv: ``.venv/bin/pip install pillow``):

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def render(size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "workstation.svg")).render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication(sys.argv)
    big = render(1024)
    big.resize((256, 256), Image.Resampling.LANCZOS).save(ICONS / "workstation-256.png")
    sizes = [16, 24, 32, 48, 64, 128, 256]
    render(256).save(ICONS / "workstation.ico", sizes=[(s, s) for s in sizes])
    big.save(ICONS / "workstation.icns")
    print("wrote", *(p.name for p in sorted(ICONS.glob("workstation*"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
