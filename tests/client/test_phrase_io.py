"""Phrase import and export: xlsx, CSV in UTF-8 (with and without BOM) and in GBK, generated
here; preview (added / changed / skipped and why), malformed files, apply through the outbox and a
real service (LiveServer on 127.0.0.1), export round trip."""

from __future__ import annotations

import csv
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from central.testing import LiveServer
from workstation.client import Client
from workstation.phrase_io import (
    FileProblem,
    SkipReason,
    apply,
    decode_csv,
    export,
    preview,
)
from workstation.sync import PhraseView, phrases_view

EXISTING = [
    PhraseView("p-dz", 1, None, "售前", "dz", "亲，请核对收货地址", 0),
    PhraseView("p-fh", 1, None, "售前", "fh", "48小时内发货", 1),
]

ROWS = [
    ("分组", "快捷编码", "内容"),
    ("售前", "hy", "欢迎光临，{买家昵称}！"),
    ("售前", "dz", "亲，请再核对一下收货地址和电话"),  # changed text
    ("售前", "fh", "48小时内发货"),  # unchanged
    ("售后", "tk", "退款已处理"),
    ("售后", "tk", "重复的编码"),  # duplicate code (line 5 first)
    ("售后", "kb", ""),  # empty text
    ("售后", "yh", "送您{优惠券}一张"),  # unknown variable
    ("售后", "", "没有编码的短语"),
    ("售后", "cc", "超长" * 3000),  # over 5000 characters
]


def write_csv(path: Path, rows: Sequence[Sequence[object]], encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def check_standard_preview(p: object) -> None:
    from workstation.phrase_io import ImportPreview

    assert isinstance(p, ImportPreview)
    assert p.error is None
    assert [(r.code, r.text) for r in p.added] == [
        ("hy", "欢迎光临，{买家昵称}！"),
        ("tk", "退款已处理"),
        ("", "没有编码的短语"),
    ]
    assert [(c.existing.id, c.row.text) for c in p.changed] == [("p-dz", "亲，请再核对一下收货地址和电话")]
    reasons = {(s.row.line, s.reason, s.detail) for s in p.skipped}
    assert reasons == {
        (4, SkipReason.UNCHANGED, ""),
        (6, SkipReason.DUPLICATE_CODE, "5"),
        (7, SkipReason.EMPTY_TEXT, ""),
        (8, SkipReason.UNKNOWN_VARIABLES, "优惠券"),
        (10, SkipReason.TOO_LONG, "6000"),
    }


@pytest.mark.parametrize(
    ("kind", "encoding", "label"),
    [
        ("csv", "utf-8", "UTF-8"),
        ("csv", "utf-8-sig", "UTF-8 (BOM)"),
        ("csv", "gbk", "GBK"),
        ("csv", "utf-16", "UTF-16"),
        ("xlsx", "", ""),
    ],
)
def test_preview_every_format(tmp_path: Path, kind: str, encoding: str, label: str) -> None:
    path = tmp_path / f"phrases.{kind}"
    if kind == "csv":
        write_csv(path, ROWS, encoding)
    else:
        write_xlsx(path, ROWS)
    p = preview(path, EXISTING)
    check_standard_preview(p)
    assert p.encoding == label


def test_gbk_bytes_are_not_mistaken_for_utf8() -> None:
    data = "分组,快捷编码,内容\n售前,hy,亲，您好\n".encode("gbk")
    text, enc = decode_csv(data)
    assert enc == "GBK" and "亲，您好" in text


def test_english_headers_other_order_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "en.csv"
    path.write_text('Text;Code;Group\n"Hello; welcome";/hi;Greetings\n', encoding="utf-8")
    p = preview(path, [])
    assert p.error is None
    assert [(r.group, r.code, r.text) for r in p.added] == [("Greetings", "hi", "Hello; welcome")]


def test_xlsx_numeric_codes_and_blank_rows(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "n.xlsx", [("内容", "快捷编码"), ("第一条", 1), (None, None), ("第二条", 2.0)]
    )
    p = preview(path, [])
    assert [(r.line, r.code, r.text) for r in p.added] == [(2, "1", "第一条"), (4, "2", "第二条")]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("broken.xlsx", b"PK\x03\x04 this is not really a zip", FileProblem.BAD_XLSX),
        ("text.xlsx", "分组,内容\n".encode(), FileProblem.BAD_XLSX),
        ("empty.csv", b"", FileProblem.EMPTY),
        ("only-header.csv", "分组,快捷编码,内容\n".encode(), FileProblem.EMPTY),
        ("no-text.csv", "名字,电话\n张三,123\n".encode(), FileProblem.NO_TEXT_COLUMN),
        ("binary.csv", bytes(range(256)) * 4, FileProblem.ENCODING),
        ("phrases.docx", b"whatever", FileProblem.UNSUPPORTED),
    ],
)
def test_malformed_files_give_one_clear_problem(
    tmp_path: Path, name: str, content: bytes, problem: FileProblem
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    p = preview(path, EXISTING)
    assert p.error is not None and p.error.problem is problem, p.error
    assert p.added == [] and p.changed == [] and p.skipped == []


def test_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    p = preview(tmp_path / "nope.csv", [])
    assert p.error is not None and p.error.problem is FileProblem.UNREADABLE


def test_apply_writes_through_the_outbox_and_reaches_the_service(
    tmp_path: Path, server: LiveServer, connect: Callable[..., Client]
) -> None:
    shop1 = server.seed["shops"][0]  # type: ignore[attr-defined]
    supervisor = connect(server.url, "s1")
    pid = str(uuid.uuid4())
    supervisor.enqueue(
        "phrase.save@1",
        {
            "id": pid,
            "scope": "team",
            "shop_id": shop1,
            "group_name": "售前",
            "code": "dz",
            "text": "亲，请核对收货地址",
            "position": 0,
        },
    )
    supervisor.engine.sync_once()
    with supervisor.db.session() as s:
        team = [p for p in phrases_view(s, supervisor.user.id) if p.shop_id == shop1]
    path = write_csv(tmp_path / "gbk.csv", ROWS, "gbk")
    p = preview(path, team)
    assert len(p.changed) == 1 and len(p.added) == 4  # fh is new on this server
    # Nothing is written by a preview.
    assert supervisor.engine.pending_count() == 0
    assert apply(p, "team", shop1, engine=supervisor.engine, existing=team) == 5
    assert supervisor.engine.pending_count() == 5
    supervisor.engine.sync_once()
    assert supervisor.engine.pending_count() == 0 and supervisor.engine.rejected_count() == 0
    # A second agent of the shop pulls them.
    agent = connect(server.url, "a1")
    agent.engine.sync_once()
    with agent.db.session() as s:
        seen = {(p.group_name, p.code): (p.text, p.position) for p in phrases_view(s, agent.user.id)}
    assert seen[("售前", "dz")] == ("亲，请再核对一下收货地址和电话", 0)  # same id, same place
    assert seen[("售前", "hy")] == ("欢迎光临，{买家昵称}！", 1)  # after the existing one
    assert seen[("售前", "fh")] == ("48小时内发货", 2)
    assert seen[("售后", "tk")] == ("退款已处理", 0)
    assert seen[("售后", "")] == ("没有编码的短语", 1)


def test_apply_personal_offline_and_nothing_for_an_error(
    tmp_path: Path, server: LiveServer, connect: Callable[..., Client]
) -> None:
    agent = connect(server.url, "a1")
    server.stop()  # personal phrases are written locally; the service is not needed
    path = write_xlsx(tmp_path / "mine.xlsx", [("内容", "快捷编码"), ("我的短语", "wd")])
    assert apply(preview(path, []), "personal", None, engine=agent.engine) == 1
    with agent.db.session() as s:
        views = phrases_view(s, agent.user.id)
    assert [(v.code, v.text, v.pending) for v in views] == [("wd", "我的短语", True)]
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"nope")
    assert apply(preview(bad, []), "personal", None, engine=agent.engine) == 0


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_round_trip(tmp_path: Path, suffix: str) -> None:
    phrases = [
        PhraseView("a", 1, None, "售前", "hy", "欢迎光临，{买家昵称}！", 0),
        PhraseView("b", 1, None, "售后", "", "多行\n第二行", 0),
        PhraseView("c", 1, None, "", "eq", "=1+1 不是公式", 0),
    ]
    path = tmp_path / f"out{suffix}"
    assert export(path, phrases) == 3
    if suffix == ".csv":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for Chinese
    else:
        ws = load_workbook(path).active
        assert ws is not None and ws["C4"].value == "=1+1 不是公式" and ws["C4"].data_type == "s"
    p = preview(path, [])
    assert [(r.group, r.code, r.text) for r in p.added] == [(v.group_name, v.code, v.text) for v in phrases]
    with pytest.raises(ValueError):
        export(tmp_path / "out.pdf", phrases)
