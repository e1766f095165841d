"""The '/' completion popup and the suggestions panel on a real composer editor, against a real
client core (LiveServer on 127.0.0.1), driven by keyboard through qtbot."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.gui.conftest import save_screenshot
from workstation.background import Background
from workstation.models import PhraseUsage
from workstation.phrases import today_text
from workstation.views.phrase_assist import PhraseAssist

pytestmark = pytest.mark.gui



def add_personal(client: Any, code: str, text: str, group: str = "常用", position: int = 0) -> str:
    pid = str(uuid.uuid4())
    client.enqueue(
        "phrase.save@1",
        {
            "id": pid,
            "scope": "personal",
            "group_name": group,
            "code": code,
            "text": text,
            "position": position,
        },
    )
    return pid


@pytest.fixture
def phrases(client_a1: Any) -> dict[str, str]:
    return {
        "xxgz": add_personal(client_a1, "xx", "谢谢关注本店，{买家昵称}，有需要随时找我哦", position=1),
        "dz": add_personal(client_a1, "dz", "亲，请核对一下收货地址：以订单{订单号}为准", position=2),
        "fh": add_personal(client_a1, "fh", "亲，我们48小时内发货，请耐心等待", position=3),
        "kd": add_personal(client_a1, "kd", "亲，快递正在路上，物流一般三天左右到哦", position=4),
        "tk": add_personal(client_a1, "tk", "退款已经处理，原路退回，请注意查收", position=5),
        "gh": add_personal(client_a1, "gh", "我是客服{工号}，今天是{今天日期}", position=6),
    }


def make_assist(
    qtbot: QtBot, client: Any, background: Background
) -> tuple[QWidget, QPlainTextEdit, PhraseAssist]:
    host = QWidget()
    qtbot.addWidget(host)
    editor = QPlainTextEdit(host)
    editor.setObjectName("composer")
    assist = PhraseAssist(editor, client, host, background=background)
    layout = QHBoxLayout(host)
    layout.addWidget(editor, 2)
    layout.addWidget(assist.suggestions_widget(), 1)
    host.resize(760, 260)
    host.show()
    qtbot.waitUntil(lambda: assist.index is not None, timeout=10_000)
    editor.setFocus()
    return host, editor, assist


def test_slash_pinyin_initials_enter_inserts_filled_phrase(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, phrases: dict[str, str], chinese: None
) -> None:
    _host, editor, assist = make_assist(qtbot, client_a1, background)
    conv = live.seeded["conversations"][live.seeded["shops"][0]][0]  # buyer 爱吃鱼的猫
    assist.set_conversation(conv)
    qtbot.waitUntil(lambda: assist.context.buyer_nickname == "爱吃鱼的猫", timeout=10_000)

    editor.insertPlainText("您好！")
    qtbot.keyClicks(editor, "/xxgz")
    assert assist.popup.isVisible()
    assert assist.popup.current_id() == phrases["xxgz"]
    assert "爱吃鱼的猫" in assist.popup.preview.text()
    save_screenshot(assist.popup, "phrase_popup.png")

    with qtbot.waitSignal(assist.phrase_inserted, timeout=5000) as sig:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert sig.args == [phrases["xxgz"]]
    assert not assist.popup.isVisible()
    assert editor.toPlainText() == "您好！谢谢关注本店，爱吃鱼的猫，有需要随时找我哦"
    assert assist.missing_variables() == []

    # The use is counted in the local table (on a worker).
    def count() -> int:
        with client_a1.db.session() as s:
            return s.scalar(select(PhraseUsage.count).where(PhraseUsage.phrase_id == phrases["xxgz"])) or 0

    qtbot.waitUntil(lambda: count() == 1, timeout=5000)


def test_arrows_tab_escape_and_code_search(
    qtbot: QtBot, client_a1: Any, background: Background, phrases: dict[str, str], english: None
) -> None:
    _host, editor, assist = make_assist(qtbot, client_a1, background)
    qtbot.keyClicks(editor, "/")
    assert assist.popup.isVisible()
    assert assist.popup.model.rowCount() == len(phrases)  # empty query: every phrase, most used first
    qtbot.keyClicks(editor, "dz")
    assert assist.popup.current_id() == phrases["dz"]  # exact code first
    # Esc closes and the popup stays closed for this '/' while typing on.
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not assist.popup.isVisible()
    assert editor.toPlainText() == "/dz"
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert not assist.popup.isVisible()
    editor.clear()
    # Chinese text search, arrows, Tab inserts the second hit.
    qtbot.keyClicks(editor, "/")
    editor.insertPlainText("亲")  # what an input method commits (QTest cannot type Chinese)
    hits = [h.phrase.id for h in assist.popup.model.hits]
    assert set(hits) == {phrases["dz"], phrases["fh"], phrases["kd"]}
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    second = hits[1]
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert assist.popup.current_id() == second
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert not assist.popup.isVisible()
    assert editor.toPlainText().startswith("亲，")
    # A URL is no trigger.
    editor.clear()
    qtbot.keyClicks(editor, "http://x")
    assert not assist.popup.isVisible()


def test_missing_variable_left_highlighted_and_named(
    qtbot: QtBot, client_a1: Any, background: Background, phrases: dict[str, str], english: None
) -> None:
    _host, editor, assist = make_assist(qtbot, client_a1, background)
    # No conversation open: the agent's own values and today's date are known, the order is not.
    qtbot.keyClicks(editor, "/gh")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == f"我是客服a1，今天是{today_text()}"
    editor.clear()
    qtbot.keyClicks(editor, "/dz")
    assert "订单号" in assist.popup.preview.text()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "亲，请核对一下收货地址：以订单{订单号}为准"
    assert assist.missing_variables() == ["订单号"]
    selections = editor.extraSelections()
    assert len(selections) == 1
    assert selections[0].cursor.selectedText() == "{订单号}"
    # The agent types the number over it: nothing is missing any more.
    cursor = selections[0].cursor
    cursor.insertText("20261122001")
    assert assist.missing_variables() == []
    assert editor.extraSelections() == []


def test_suggestions_for_latest_buyer_message_alt_keys(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, phrases: dict[str, str], chinese: None
) -> None:
    _host, editor, assist = make_assist(qtbot, client_a1, background)
    conv = live.seeded["conversations"][live.seeded["shops"][0]][1]  # "我的快递三天没动了"
    with qtbot.waitSignal(assist.suggestions_changed, timeout=10_000) as sig:
        assist.set_conversation(conv)
    assert sig.args[0][0] == phrases["kd"]
    panel = assist.suggestions_widget()
    assert panel.isVisible()
    qtbot.wait(50)  # let the layout settle (the "no suggestion" line was just hidden)
    save_screenshot(_host, "phrase_suggestions.png")
    qtbot.keyClick(editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert editor.toPlainText() == "亲，快递正在路上，物流一般三天左右到哦"
    # A new buyer message, then set_conversation again: the suggestions follow it.
    live.add_buyer_message(conv, "退款什么时候到账")
    client_a1.engine.sync_once()
    with qtbot.waitSignal(assist.suggestions_changed, timeout=10_000) as sig:
        assist.set_conversation(conv)
    assert sig.args[0][0] == phrases["tk"]


def test_refresh_picks_up_new_phrases(
    qtbot: QtBot, client_a1: Any, background: Background, phrases: dict[str, str], english: None
) -> None:
    _host, editor, assist = make_assist(qtbot, client_a1, background)
    new = add_personal(client_a1, "hy", "欢迎光临小店")
    with qtbot.waitSignal(assist.phrases_loaded, timeout=10_000):
        assist.refresh()
    qtbot.keyClicks(editor, "/hygl")
    assert assist.popup.current_id() == new


def test_in_the_real_composer_enter_inserts_instead_of_sending(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, phrases: dict[str, str], english: None
) -> None:
    from workstation.views.composer import Composer

    composer = Composer(client_a1, background)
    qtbot.addWidget(composer)
    composer.resize(700, 200)
    composer.show()
    assist = composer.assist
    assert assist is not None
    qtbot.waitUntil(lambda: assist.index is not None, timeout=10_000)
    conv = live.seeded["conversations"][live.seeded["shops"][0]][0]
    composer.set_conversation(conv)
    composer.set_permission(True)
    qtbot.waitUntil(lambda: assist.context.buyer_nickname == "爱吃鱼的猫", timeout=10_000)
    composer.editor.setFocus()
    sent: list[Any] = []
    composer.sent.connect(lambda *args: sent.append(args))
    qtbot.keyClicks(composer.editor, "/dz")
    assert assist.popup.isVisible()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return)
    assert composer.editor.toPlainText() == "亲，请核对一下收货地址：以订单{订单号}为准"
    assert sent == []
    # The order number has no value here: the composer names it and does not send.
    assert "订单号" in (composer.blocked_reason() or "")


def test_supervisor_edit_reaches_the_agents_composer_within_seconds(
    qtbot: QtBot,
    live: Any,
    client_a1: Any,
    background: Background,
    settings: Any,
    data_dir: Path,
    english: None,
) -> None:
    from tests.gui.conftest import connect
    from workstation.views.main_window import MainWindow

    shop1 = live.seeded["shops"][0]
    supervisor = connect(live, "s1", data_dir)
    try:
        pid = str(uuid.uuid4())
        args = {
            "id": pid,
            "scope": "team",
            "shop_id": shop1,
            "group_name": "物流",
            "code": "wl",
            "text": "亲，物流信息请在订单详情查看",
        }
        supervisor.enqueue("phrase.save@1", args)
        supervisor.engine.sync_once()
        client_a1.engine.sync_once()

        window = MainWindow(client_a1, background, settings)
        qtbot.addWidget(window)
        window.show()
        window.start(sync=True, poll_interval=5)
        assist = window.conversation_panel.composer.assist
        assert assist is not None
        qtbot.waitUntil(
            lambda: assist.index is not None and assist.index.get(pid) is not None, timeout=15_000
        )

        # The supervisor changes the text; the agent's running window pulls it (live channel),
        # the main window says phrases changed, the composer's index is rebuilt.
        supervisor.enqueue("phrase.save@1", {**args, "text": "亲，包裹已由顺丰发出，请耐心等待"})
        supervisor.engine.sync_once()
        qtbot.waitUntil(
            lambda: (
                assist.index is not None
                and getattr(assist.index.get(pid), "text", "") == "亲，包裹已由顺丰发出，请耐心等待"
            ),
            timeout=15_000,
        )
        hits = assist.index.search("wl") if assist.index is not None else []
        assert [h.phrase.id for h in hits] == [pid]
    finally:
        supervisor.close()
