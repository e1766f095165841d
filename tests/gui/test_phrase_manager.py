"""The phrase manager against a real client core and service (LiveServer on 127.0.0.1): editing
with live validation, pending marks, read-only team phrases for agents, reorder by keyboard,
groups, import with preview and confirm, export, and the menu entry in the main window."""

from __future__ import annotations

import csv
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from tests.gui.conftest import connect, save_screenshot
from workstation.background import Background
from workstation.phrase_io import preview
from workstation.sync import phrases_view
from workstation.views.phrase_manager import PhraseManager

pytestmark = pytest.mark.gui



def open_manager(
    qtbot: QtBot, client: Any, background: Background, conversation_id: int | None = None
) -> PhraseManager:
    dialog = PhraseManager(client, background, conversation_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    return dialog


def reloaded(qtbot: QtBot, dialog: PhraseManager) -> Any:
    return qtbot.waitSignal(dialog.loaded, timeout=10_000)


def texts(dialog: PhraseManager) -> list[str]:
    return [p.text for p in dialog.model.rows]


@pytest.fixture
def supervisor(live: Any, data_dir: Path) -> Any:
    client = connect(live, "s1", data_dir)
    client.engine.sync_once()
    yield client
    client.close()


def seed_team(client: Any, shop_id: int) -> list[str]:
    ids = []
    for n, (group, code, text) in enumerate(
        [
            ("物流", "fh", "亲，48小时内发货"),
            ("物流", "kd", "亲，默认发中通快递"),
            ("物流", "dz", "亲，请核对收货地址：订单{订单号}"),
            ("售后", "tk", "退款已处理，原路退回"),
        ]
    ):
        pid = str(uuid.uuid4())
        client.enqueue(
            "phrase.save@1",
            {
                "id": pid,
                "scope": "team",
                "shop_id": shop_id,
                "group_name": group,
                "code": code,
                "text": text,
                "position": n if group == "物流" else 0,
            },
        )
        ids.append(pid)
    client.engine.sync_once()
    return ids


def test_personal_phrase_edit_validation_and_pending_mark(
    qtbot: QtBot, live: Any, client_a1: Any, background: Background, english: None
) -> None:
    conv = live.seeded["conversations"][live.seeded["shops"][0]][0]
    dialog = open_manager(qtbot, client_a1, background, conv)
    assert dialog.scope() == ("personal", None)
    assert dialog.editable()
    dialog.add_group("常用")
    assert dialog.current_group() == "常用"
    # Live validation: an unknown variable blocks saving and says which.
    qtbot.keyClicks(dialog.code_edit, "hi")
    dialog.text_edit.setPlainText("您好 {优惠券}")
    assert not dialog.save_button.isEnabled()
    assert "{优惠券}" in dialog.validation_label.text()
    # A known variable: preview with the open conversation's buyer.
    dialog.text_edit.setPlainText("{买家昵称}您好，有什么可以帮您？")
    assert dialog.save_button.isEnabled()
    assert dialog.validation_label.text() == ""
    assert dialog.preview_label.text() == "爱吃鱼的猫您好，有什么可以帮您？"
    with reloaded(qtbot, dialog):
        qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    assert texts(dialog) == ["{买家昵称}您好，有什么可以帮您？"]
    # Not on the server yet: marked.
    assert "(not synced yet)" in dialog.model.data(dialog.model.index(0, 0))
    # Duplicate code in the same scope.
    dialog.new_phrase()
    qtbot.keyClicks(dialog.code_edit, "/HI")
    dialog.text_edit.setPlainText("另一条")
    assert not dialog.save_button.isEnabled()
    assert "/HI is already used" in dialog.validation_label.text()
    # After a sync the mark goes away.
    client_a1.engine.sync_once()
    with reloaded(qtbot, dialog):
        dialog.reload()
    assert "(not synced yet)" not in dialog.model.data(dialog.model.index(0, 0))


def test_team_phrases_are_read_only_for_an_agent(
    qtbot: QtBot, live: Any, client_a1: Any, supervisor: Any, background: Background, english: None
) -> None:
    shop1 = live.seeded["shops"][0]
    seed_team(supervisor, shop1)
    client_a1.engine.sync_once()
    dialog = open_manager(qtbot, client_a1, background)
    dialog.set_scope("team", shop1)
    assert not dialog.editable()
    assert dialog.read_only_label.isVisible()
    assert dialog.groups() == ["售后", "物流"]
    assert not dialog.save_button.isEnabled() and not dialog.import_button.isEnabled()
    assert dialog.text_edit.isReadOnly()
    dialog.move_current(1)  # ignored
    assert not dialog.model.flags(dialog.model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert client_a1.engine.pending_count() == 0


def test_supervisor_reorders_by_keyboard_moves_and_renames(
    qtbot: QtBot, live: Any, supervisor: Any, background: Background, english: None
) -> None:
    shop1 = live.seeded["shops"][0]
    seed_team(supervisor, shop1)
    dialog = open_manager(qtbot, supervisor, background)
    dialog.set_scope("team", shop1)
    assert dialog.editable()
    dialog.group_list.setCurrentRow(dialog.groups().index("物流"))
    assert texts(dialog) == ["亲，48小时内发货", "亲，默认发中通快递", "亲，请核对收货地址：订单{订单号}"]
    dialog.phrase_list.setFocus()
    dialog.phrase_list.setCurrentIndex(dialog.model.index(0, 0))
    with reloaded(qtbot, dialog):
        qtbot.keyClick(dialog.phrase_list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert texts(dialog) == ["亲，默认发中通快递", "亲，48小时内发货", "亲，请核对收货地址：订单{订单号}"]
    assert dialog.current_phrase().text == "亲，48小时内发货"  # type: ignore[union-attr]
    # Drag the first row below the last one: what the list view calls on the drop.
    model = dialog.model
    dragged = model.mimeData([model.index(0, 0)])
    with reloaded(qtbot, dialog):
        assert not model.dropMimeData(dragged, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert texts(dialog) == ["亲，48小时内发货", "亲，请核对收货地址：订单{订单号}", "亲，默认发中通快递"]
    with reloaded(qtbot, dialog):
        model.dropMimeData(model.mimeData([model.index(2, 0)]), Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert texts(dialog) == ["亲，默认发中通快递", "亲，48小时内发货", "亲，请核对收货地址：订单{订单号}"]
    assert bool(model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled)
    # Move a phrase to another group through the group field.
    dialog.phrase_list.setCurrentIndex(dialog.model.index(2, 0))
    dialog.group_edit.setEditText("售后")
    with reloaded(qtbot, dialog):
        dialog.save_current()
    assert dialog.current_group() == "售后"
    assert texts(dialog) == ["退款已处理，原路退回", "亲，请核对收货地址：订单{订单号}"]
    # Rename a group.
    with reloaded(qtbot, dialog):
        dialog.rename_group("售后", "售后服务")
    assert dialog.groups() == ["售后服务", "物流"]
    # Everything reaches the server and another agent.
    supervisor.engine.sync_once()
    assert supervisor.engine.rejected_count() == 0
    with supervisor.db.session() as s:
        views = {p.text: (p.group_name, p.position) for p in phrases_view(s, supervisor.user.id)}
    assert views["亲，默认发中通快递"] == ("物流", 0)
    assert views["亲，48小时内发货"] == ("物流", 1)
    assert views["亲，请核对收货地址：订单{订单号}"] == ("售后服务", 1)


def write_gbk_csv(path: Path) -> Path:
    with path.open("w", encoding="gbk", newline="") as f:
        w = csv.writer(f)
        w.writerow(["分组", "快捷编码", "内容"])
        w.writerow(["物流", "fh", "亲，今天下单明天发货"])  # changes fh
        w.writerow(["物流", "cj", "已经帮您催促快递了"])
        w.writerow(["物流", "cj", "重复"])
        w.writerow(["售后", "yh", "送您{优惠券}"])
        w.writerow(["售后", "", ""])
    return path


def test_import_preview_confirm_and_export(
    qtbot: QtBot, live: Any, supervisor: Any, background: Background, tmp_path: Path, chinese: None
) -> None:
    shop1 = live.seeded["shops"][0]
    seed_team(supervisor, shop1)
    dialog = open_manager(qtbot, supervisor, background, live.seeded["conversations"][shop1][0])
    dialog.set_scope("team", shop1)
    dialog.group_list.setCurrentRow(dialog.groups().index("物流"))
    dialog.phrase_list.setCurrentIndex(dialog.model.index(2, 0))
    save_screenshot(dialog, "phrase_manager.png")

    # A malformed file: one clear message, nothing else.
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a spreadsheet")
    with qtbot.waitSignal(dialog.message, timeout=10_000) as sig:
        dialog.import_file(bad)
    qtbot.waitUntil(lambda: "Excel" in dialog.status_label.text(), timeout=10_000)
    assert dialog.preview_dialog is None
    assert sig.args

    path = write_gbk_csv(tmp_path / "团队短语.csv")
    dialog.import_file(path)
    qtbot.waitUntil(
        lambda: dialog.preview_dialog is not None and dialog.preview_dialog.isVisible(), timeout=10_000
    )
    pd = dialog.preview_dialog
    assert pd is not None
    assert "GBK" in pd.summary.text()
    assert pd.model.rowCount() == 5
    results = [pd.model.data(pd.model.index(r, 0)) for r in range(5)]
    assert results == ["修改", "新增", "跳过", "跳过", "跳过"]
    reasons = [pd.model.data(pd.model.index(r, 5)) for r in range(2, 5)]
    assert reasons[0] == "编码与文件第 3 行重复"
    assert "优惠券" in reasons[1]
    save_screenshot(pd, "phrase_import_preview.png")
    assert supervisor.engine.pending_count() == 0  # nothing written before confirming
    with reloaded(qtbot, dialog):
        qtbot.mouseClick(pd.import_button, Qt.MouseButton.LeftButton)
    assert supervisor.engine.pending_count() == 2
    dialog.group_list.setCurrentRow(dialog.groups().index("物流"))
    assert "亲，今天下单明天发货" in texts(dialog) and "已经帮您催促快递了" in texts(dialog)

    out = tmp_path / "导出.xlsx"
    with qtbot.waitSignal(dialog.message, timeout=10_000):
        dialog.export_file(out)
    back = preview(out, [])
    assert back.error is None and len(back.added) == 5


def test_main_window_menu_opens_the_manager(
    qtbot: QtBot, client_a1: Any, background: Background, settings: Any, english: None
) -> None:
    from workstation.views.main_window import MainWindow

    window = MainWindow(client_a1, background, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.phrases_action.shortcut().toString() == "Ctrl+Shift+P"
    window.phrases_action.trigger()
    manager = window.phrase_manager
    assert manager is not None
    qtbot.waitUntil(manager.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: manager.scope() is not None, timeout=10_000)
    manager.close()
