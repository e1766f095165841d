"""The README's main-window pictures are made by ``tools/screenshots.py`` from the running demo:
Chinese and English, light and dark, at 150 % scale. This runs it into a temporary folder and
checks the pictures: the scale took effect, dark is dark and light is light, and the picture is
not empty. (Looking at them is still a person's job: they are in docs/screenshots/.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

pytestmark = [pytest.mark.gui, pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]


def _mean_lightness(img: QImage) -> float:
    total = n = 0
    for y in range(0, img.height(), 23):
        for x in range(0, img.width(), 23):
            total += img.pixelColor(x, y).lightness()
            n += 1
    return total / n


def test_main_window_pictures_in_both_languages_and_themes_at_150_percent(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "screenshots.py"), "--out", str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=840)
    assert done.returncode == 0, done.stdout + done.stderr
    for lang in ("zh_CN", "en"):
        light = QImage(str(tmp_path / f"main_{lang}_light_150.png"))
        dark = QImage(str(tmp_path / f"main_{lang}_dark_150.png"))
        for img in (light, dark):
            assert not img.isNull()
            assert img.width() == round(1360 * 1.5)  # the 1.5 scale factor took effect
        assert _mean_lightness(light) > 150, "the light theme is light"
        assert _mean_lightness(dark) < 110, "the dark theme is dark"
