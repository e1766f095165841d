#!/usr/bin/env python3
"""Screenshots of the main window for the README: Chinese and English, light and dark, at 150 %.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [--out docs/screenshots]

Starts the demo service once, then for each language and theme runs a fresh process (the scale
factor and the language are fixed when Qt starts) that logs in as kf001, opens a conversation of
theirs (claiming the newest waiting one if they hold none), waits until the thread and the buyer's
orders are on screen, and saves ``main_<lang>_<theme>_150.png``. ``tests/gui/test_screenshots.py``
runs it, so the pictures in the README are made by the code as it is.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

COMBINATIONS = [("zh_CN", "light"), ("zh_CN", "dark"), ("en", "light"), ("en", "dark")]
SCALE = "1.5"


def _wait(predicate: object, timeout: float, what: str) -> None:
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        QCoreApplication.processEvents()
        time.sleep(0.02)


def shoot_one(url: str, password: str, language: str, theme_name: str, out: Path, data_dir: Path) -> None:
    """In this process: log in, show the window with a conversation open, save a picture."""
    from PySide6.QtWidgets import QApplication

    from workstation.background import Background
    from workstation.client import Client
    from workstation.i18n import install_translators
    from workstation.models import Conversation
    from workstation.settings import Options, Settings
    from workstation.views.main_window import MainWindow
    from workstation.views.theme import apply_theme

    app = QApplication(sys.argv[:1])
    install_translators(app, language)
    settings = Settings.open(data_dir / "workstation.ini")
    settings.set(Options.THEME, theme_name)
    settings.set(Options.DO_NOT_DISTURB, True)
    apply_theme(app, theme_name)
    client = Client.connect(url, "kf001", password, data_dir=data_dir)
    client.engine.sync_once()
    background = Background(app)
    window = MainWindow(client, background, settings)
    window.resize(1360, 820)
    window.show()
    window.start()
    window.start_presence()  # as the app does after login: my status is sent, not "未发送"
    view = window.queue_view
    _wait(lambda: view.model.rowCount() > 0, 60, "the queue")
    me = client.user.id
    with client.db.session() as s:
        mine = (
            s.query(Conversation.id)
            .filter(Conversation.assignee_id == me, Conversation.status == "assigned")
            .first()
        )
    if mine is None:
        waiting = [r for r, pos in enumerate(view.model.visible) if view.rows.status[pos] == "waiting"]
        cid = view.rows.id[view.model.visible[waiting[-1]]] if waiting else None
        with client.db.session() as s:
            conv = s.get(Conversation, cid) if cid is not None else None
            version = conv.assignment_version if conv is not None else 0
        if cid is not None:
            client.claim(cid, version)
            target = cid
        else:
            target = view.rows.id[view.model.visible[0]]
    else:
        target = mine[0]
    window.open_conversation(target)
    panel = window.conversation_panel
    _wait(lambda: panel.detail is not None and panel.detail.id == target, 30, "the thread")
    _wait(lambda: bool(window.customer_panel.title.text()), 30, "the customer panel")
    _wait(lambda: window.presence.state.sent, 30, "my status sent")
    deadline = time.monotonic() + 2.0  # let lazy parts (orders, suggestions) paint
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise SystemExit(f"could not save {out}")
    window.stop_presence()
    window.close()
    client.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--one", nargs=3, metavar=("URL", "LANG", "THEME"), help=argparse.SUPPRESS)
    parser.add_argument("--password", default="demo1234", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        url, lang, theme_name = args.one
        out = args.out / f"main_{lang}_{theme_name}_150.png"
        shoot_one(url, args.password, lang, theme_name, out, args.data_dir)
        print(out)
        return 0

    from workstation.demo import DemoService

    with tempfile.TemporaryDirectory() as tmp:
        demo = DemoService.start(Path(tmp), traffic_rate=6.0)
        try:
            env = dict(os.environ, QT_SCALE_FACTOR=SCALE)
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
            for n, (lang, theme_name) in enumerate(COMBINATIONS):
                data_dir = Path(tmp) / f"client-{n}"
                cmd = [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    "--one",
                    demo.url,
                    lang,
                    theme_name,
                    "--out",
                    str(args.out),
                    "--password",
                    demo.password,
                    "--data-dir",
                    str(data_dir),
                ]
                done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=240)
                if done.returncode != 0:
                    print(done.stdout, done.stderr, file=sys.stderr)
                    return done.returncode
                print(done.stdout.strip().splitlines()[-1])
        finally:
            demo.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
