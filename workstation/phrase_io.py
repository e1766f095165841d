"""Import and export of quick phrases: Excel (``.xlsx``) and CSV, without Qt.

A team's phrase spreadsheet has one row per phrase with the columns group, shortcut code and text
(headers ``分组`` / ``快捷编码`` / ``内容`` or in English ``group`` / ``code`` / ``text``; a few usual
synonyms are accepted). An import is two steps: ``preview`` reads the file and says what would be
added, changed (same code, other text) and skipped, and why; ``apply`` writes the preview through
the outbox (``SyncEngine.enqueue``), in one transaction, only when the user confirmed it.

CSV files from Chinese Excel are usually GBK (GB18030 is its superset, decoded here); UTF-8 with
or without a byte-order mark and UTF-16 ("Unicode text") are recognised too. Export writes CSV as
UTF-8 with a byte-order mark, which is what Excel needs to open Chinese text correctly.

Messages for the user are not built here (this module has no translations): skip reasons and
errors are codes with their details, the views turn them into sentences.
"""

from __future__ import annotations

import csv
import enum
import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workstation.sync import PhraseView
from wsprotocol import MAX_REPLY_CHARS, PhraseSaveArgs, unknown_variables

if TYPE_CHECKING:
    from workstation.sync import SyncEngine

#: a phrase spreadsheet is small; anything larger is not one (and would take long to read)
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_GROUP_CHARS = PhraseSaveArgs.model_fields["group_name"].metadata[0].max_length
MAX_CODE_CHARS = PhraseSaveArgs.model_fields["code"].metadata[0].max_length

HEADERS: dict[str, tuple[str, ...]] = {
    "group": ("分组", "组", "分类", "group", "group_name", "category"),
    "code": ("快捷编码", "编码", "快捷码", "快捷键", "code", "shortcut"),
    "text": ("内容", "短语", "话术", "快捷短语", "text", "content", "phrase"),
}
EXPORT_HEADERS = ("分组", "快捷编码", "内容")


class SkipReason(enum.Enum):
    DUPLICATE_CODE = "duplicate_code"  # detail: the line of the first row with that code
    EMPTY_TEXT = "empty_text"
    UNKNOWN_VARIABLES = "unknown_variables"  # detail: the names, 、-separated
    TOO_LONG = "too_long"  # detail: the length
    CODE_TOO_LONG = "code_too_long"
    GROUP_TOO_LONG = "group_too_long"
    UNCHANGED = "unchanged"  # the same phrase exists already


class FileProblem(enum.Enum):
    UNREADABLE = "unreadable"  # detail: the OS error
    TOO_LARGE = "too_large"
    UNSUPPORTED = "unsupported"  # detail: the suffix
    BAD_XLSX = "bad_xlsx"  # detail: what the reader said
    ENCODING = "encoding"
    NO_TEXT_COLUMN = "no_text_column"  # detail: the headers found
    EMPTY = "empty"
    TOO_MANY_ROWS = "too_many_rows"


@dataclass(frozen=True)
class ImportRow:
    line: int  # 1-based, as a spreadsheet shows it
    group: str
    code: str
    text: str


@dataclass(frozen=True)
class ChangedRow:
    row: ImportRow
    existing: PhraseView


@dataclass(frozen=True)
class SkippedRow:
    row: ImportRow
    reason: SkipReason
    detail: str = ""


@dataclass(frozen=True)
class ImportProblem:
    problem: FileProblem
    detail: str = ""


@dataclass
class ImportPreview:
    path: Path
    added: list[ImportRow] = field(default_factory=list)
    changed: list[ChangedRow] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    #: set when the file could not be read at all (then the lists are empty)
    error: ImportProblem | None = None
    #: the encoding a CSV file was read with ("" for xlsx)
    encoding: str = ""

    @property
    def writes(self) -> int:
        return len(self.added) + len(self.changed)


# ----------------------------------------------------------------------------- reading


class _Problem(Exception):
    def __init__(self, problem: FileProblem, detail: str = "") -> None:
        super().__init__(problem.value, detail)
        self.problem = problem
        self.detail = detail


def decode_csv(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a CSV file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM,
    else GB18030 (the superset of the GBK that Chinese Excel writes)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GBK"
    except UnicodeDecodeError as exc:
        raise _Problem(FileProblem.ENCODING, str(exc)) from None


def _csv_rows(data: bytes) -> tuple[list[list[str]], str]:
    try:
        text, encoding = decode_csv(data)
    except UnicodeDecodeError as exc:
        raise _Problem(FileProblem.ENCODING, str(exc)) from None
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:
        raise _Problem(FileProblem.UNREADABLE, str(exc)) from None
    return rows, encoding


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a numeric code typed in Excel: 1.0 → "1"
    return str(value)


def _xlsx_rows(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip errors, XML errors, missing parts: all mean "not a usable file"
        raise _Problem(FileProblem.BAD_XLSX, f"{type(exc).__name__}: {exc}") from None
    try:
        ws = wb.worksheets[0] if wb.worksheets else None
        if ws is None:
            raise _Problem(FileProblem.EMPTY)
        rows: list[list[str]] = []
        for values in ws.iter_rows(values_only=True):
            rows.append([_cell(v) for v in values])
            if len(rows) > MAX_ROWS + 1:
                raise _Problem(FileProblem.TOO_MANY_ROWS, str(MAX_ROWS))
        return rows
    except _Problem:
        raise
    except Exception as exc:
        raise _Problem(FileProblem.BAD_XLSX, f"{type(exc).__name__}: {exc}") from None
    finally:
        wb.close()


def read_rows(path: Path) -> tuple[list[ImportRow], str]:
    """The phrase rows of a file, and the encoding it was read with; raises ``_Problem``."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".txt"):
        raise _Problem(FileProblem.UNSUPPORTED, suffix)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Problem(FileProblem.TOO_LARGE, str(size))
        if suffix == ".xlsx":
            raw, encoding = _xlsx_rows(path), ""
        else:
            raw, encoding = _csv_rows(path.read_bytes())
    except OSError as exc:
        raise _Problem(FileProblem.UNREADABLE, exc.strerror or str(exc)) from None
    # The header is the first row with anything in it.
    start = next((i for i, r in enumerate(raw) if any(c.strip() for c in r)), None)
    if start is None:
        raise _Problem(FileProblem.EMPTY)
    header = [c.strip().lstrip("\ufeff").lower() for c in raw[start]]
    columns: dict[str, int] = {}
    for key, names in HEADERS.items():
        for i, h in enumerate(header):
            if h in names and key not in columns:
                columns[key] = i
    if "text" not in columns:
        raise _Problem(FileProblem.NO_TEXT_COLUMN, "、".join(c for c in raw[start] if c.strip()))
    if len(raw) - start - 1 > MAX_ROWS:
        raise _Problem(FileProblem.TOO_MANY_ROWS, str(MAX_ROWS))

    def col(r: list[str], key: str) -> str:
        i = columns.get(key)
        return r[i] if i is not None and i < len(r) else ""

    rows = []
    for n, r in enumerate(raw[start + 1 :], start=start + 2):
        if not any(c.strip() for c in r):
            continue
        text = col(r, "text").replace("\r\n", "\n").replace("\r", "\n").strip()
        rows.append(ImportRow(n, col(r, "group").strip(), col(r, "code").strip().lstrip("/"), text))
    return rows, encoding


def preview(path: Path | str, existing: Sequence[PhraseView]) -> ImportPreview:
    """What importing ``path`` into the phrases ``existing`` (those of the target scope: the
    shop's team phrases, or the agent's personal ones) would do. Never raises for a bad file: the
    preview's ``error`` says what is wrong."""
    path = Path(path)
    result = ImportPreview(path)
    try:
        rows, result.encoding = read_rows(path)
    except _Problem as p:
        result.error = ImportProblem(p.problem, p.detail)
        return result
    if not rows:
        result.error = ImportProblem(FileProblem.EMPTY)
        return result
    by_code = {p.code.lower(): p for p in existing if p.code}
    texts = {(p.group_name, p.text) for p in existing}
    first_line: dict[str, int] = {}
    for row in rows:
        if not row.text:
            result.skipped.append(SkippedRow(row, SkipReason.EMPTY_TEXT))
            continue
        if len(row.text) > MAX_REPLY_CHARS:
            result.skipped.append(SkippedRow(row, SkipReason.TOO_LONG, str(len(row.text))))
            continue
        if len(row.code) > MAX_CODE_CHARS:
            result.skipped.append(SkippedRow(row, SkipReason.CODE_TOO_LONG, row.code))
            continue
        if len(row.group) > MAX_GROUP_CHARS:
            result.skipped.append(SkippedRow(row, SkipReason.GROUP_TOO_LONG, row.group))
            continue
        unknown = unknown_variables(row.text)
        if unknown:
            result.skipped.append(SkippedRow(row, SkipReason.UNKNOWN_VARIABLES, "、".join(unknown)))
            continue
        key = row.code.lower()
        if key:
            if key in first_line:
                result.skipped.append(SkippedRow(row, SkipReason.DUPLICATE_CODE, str(first_line[key])))
                continue
            first_line[key] = row.line
            old = by_code.get(key)
            if old is not None:
                if old.text == row.text and (not row.group or row.group == old.group_name):
                    result.skipped.append(SkippedRow(row, SkipReason.UNCHANGED))
                else:
                    result.changed.append(ChangedRow(row, old))
                continue
        elif (row.group, row.text) in texts:
            result.skipped.append(SkippedRow(row, SkipReason.UNCHANGED))
            continue
        texts.add((row.group, row.text))
        result.added.append(row)
    return result


def apply(
    preview: ImportPreview,
    scope: str,
    shop_id: int | None,
    *,
    engine: SyncEngine,
    existing: Sequence[PhraseView] = (),
) -> int:
    """Write a confirmed preview: new phrases appended at the end of their group, changed ones
    keep their id and place. One transaction (all rows or none). Returns the number of changes."""
    if preview.error is not None or not preview.writes:
        return 0
    next_pos: dict[str, int] = {}
    for p in existing:
        next_pos[p.group_name] = max(next_pos.get(p.group_name, 0), p.position + 1)
    team = scope == "team"
    with engine.db.transaction() as s:
        for ch in preview.changed:
            old = ch.existing
            args = {
                "id": old.id,
                "scope": scope,
                "shop_id": shop_id if team else None,
                "group_name": ch.row.group or old.group_name,
                "code": old.code,
                "text": ch.row.text,
                "position": old.position,
            }
            engine.enqueue("phrase.save@1", args, session=s)
        for row in preview.added:
            pos = next_pos.get(row.group, 0)
            next_pos[row.group] = pos + 1
            args = {
                "id": str(uuid.uuid4()),
                "scope": scope,
                "shop_id": shop_id if team else None,
                "group_name": row.group,
                "code": row.code,
                "text": row.text,
                "position": pos,
            }
            engine.enqueue("phrase.save@1", args, session=s)
    return preview.writes


# ----------------------------------------------------------------------------- export


def export(path: Path | str, phrases: Sequence[PhraseView]) -> int:
    """Write ``phrases`` (in the given order) to ``.xlsx`` or ``.csv`` (UTF-8 with BOM, for
    Excel) with Chinese headers that ``preview`` reads back. Returns the number of rows. Raises
    ``OSError`` when the file cannot be written and ``ValueError`` for another suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    rows = [(p.group_name, p.code, p.text) for p in phrases]
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(EXPORT_HEADERS)
            writer.writerows(rows)
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=False)
        ws = wb.active
        assert ws is not None
        ws.title = "快捷短语"
        ws.append(list(EXPORT_HEADERS))
        for r, values in enumerate(rows, start=2):
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row=r, column=c)
                cell.value = value
                # A phrase starting with '=' is text, not a formula (openpyxl would store it as one).
                cell.data_type = "s"
        ws.column_dimensions["A"].width = 14
        ws.column_dimensions["B"].width = 12
        ws.column_dimensions["C"].width = 80
        wb.save(path)
    else:
        raise ValueError(f"Unsupported export format {suffix!r}: use .xlsx or .csv")
    return len(rows)
