"""Order notes on the workstation (Qt-free): what the note editor shows and how it writes.

A note is read from the cache (what the server has: ``order_note`` and its ``note_entry``
history) with this workstation's unsent changes from the outbox applied on top, like
``workstation.sync.phrases_view``. A write is ONE outbox entry (``SyncEngine.enqueue``): that
commit is the local write, so a note written offline is never lost; the server merges it with
what colleagues wrote meanwhile (``central/notes.py``, ``central/notemerge.py``).

A reason for each edit or deletion is required unless the team turned its policy off
(``SupervisorConfig.note_reason_required``, as last read from the service and kept in the cache
by ``workstation.presence``; never read: required). Without one, the change says so with the
reason code ``NOTE_NO_REASON``; the service checks the policy again when the change arrives (it
may have changed meanwhile) and refuses it with ``reason_required``, kept here to fix and resend.

``base_revision``: pass the ``revision`` of the ``NoteView`` the editor showed. It is the
server's revision (pending local edits do not move it); the service knows that consecutive edits
of one author build on each other and does not report them as a conflict.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.models.cache import Colleague, Order
from workstation.models.cache import NoteEntry as CacheNoteEntry
from workstation.models.cache import OrderNote as CacheOrderNote
from workstation.models.local import OutboxEntry, OutboxStatus
from workstation.presence import K_TEAM_CONFIG, stored_team_config
from workstation.sync import SyncEngine, resent_as
from workstation.timeutil import parse_iso_naive_utc, to_aware_utc, utcnow
from wsprotocol import (
    MAX_NOTE_CHARS,
    NOTE_FLAGS,
    NOTE_NO_REASON,
    NOTE_REASONS,
    PLATFORM_NOTE_BYTES,
    UserOut,
)

__all__ = [
    "MAX_NOTE_CHARS",
    "NOTE_NO_REASON",
    "PLATFORM_NOTE_BYTES",
    "ConflictSide",
    "HistoryEntry",
    "NoteInputError",
    "NoteView",
    "check_reason",
    "delete_note",
    "edit_note",
    "note_history",
    "note_view",
    "platform_bytes",
    "reason_required",
    "resolve_conflict",
]

#: the key of the logged-in user in ``sync_state`` (written by ``workstation.client``)
_K_USER = "user"
MAX_REASON_CHARS = 200
NOTE_MUTATIONS = ("note.edit@1", "note.delete@1", "note.resolve@1")


class NoteInputError(ValueError):
    """A note the editor must not send, with a clear English message (for logs) and a ``code``
    the editor turns into its translated text: ``too_long`` (``limit``, ``length``),
    ``reason_required`` (``reason_code``: ``other`` typed nothing, ``none``: the team requires a
    reason, with ``required_by`` = ``team``), ``reason_too_long`` (``limit``), ``bad_flag``, ``bad_reason``,
    ``not_my_shop`` (``order_id``), ``unknown_order`` (``order_id``), ``not_logged_in``.
    Nothing is written when it is raised: the editor keeps the text."""

    def __init__(self, code: str, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.code = code
        self.detail = detail


def platform_bytes(text: str) -> int:
    """How many bytes the platforms count for a seller note (UTF-8: a Chinese character is 3)."""
    return len(text.encode("utf-8"))


@dataclass(frozen=True)
class Person:
    id: int | None
    staff_id: str = ""
    name: str = ""


@dataclass(frozen=True)
class ConflictSide:
    """One side of an unresolved conflict: what one author wanted the note to be."""

    entry_id: str
    author: Person
    flag: str
    text: str


@dataclass(frozen=True)
class NoteView:
    """An order's note as the editor shows it: the server's state with my unsent changes on top.

    ``revision`` is the server's (use it as ``base_revision``); ``pending``: my changes are not on
    the server yet; ``conflict``: the sides to choose from (empty when there is none);
    ``deleted``: deleted (by me, pending, or on the server); ``restored``: an edit made against a
    deletion brought it back (show it flagged)."""

    order_id: int
    shop_id: int
    flag: str = "none"
    text: str = ""
    revision: int = 0
    updated_at: datetime | None = None
    updated_by: Person | None = None
    pending: bool = False
    conflict: tuple[ConflictSide, ...] = ()
    deleted: bool = False
    restored: bool = False

    @property
    def exists(self) -> bool:
        return self.revision > 0 or self.pending

    @property
    def in_conflict(self) -> bool:
        return bool(self.conflict)


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a note, newest first in ``note_history``. ``text``/``flag``: what the author
    wrote; ``result_text``/``result_flag``: what the note became (they differ after a merge; for a
    pending or rejected change they are what it would be). ``state``: ``applied`` (on the server),
    ``pending`` (only here, waiting), ``rejected`` (refused for good: ``error`` says why, the
    content is kept for the pending-changes view)."""

    id: str
    kind: str
    flag: str
    text: str
    result_text: str
    result_flag: str
    reason_code: str
    reason: str
    author: Person
    authored_at: datetime | None
    applied_at: datetime | None
    outcome: str | None
    state: str
    error: str | None = None
    revision: int | None = None
    seq: int | None = None
    #: a rejected change already sent again: the new change's seq (``SyncEngine.resubmit``)
    resent_as: int | None = None
    #: a rejected change: the service's error code and details (the screen words them by code)
    error_code: str | None = None
    error_detail: dict[str, Any] | None = None


# ----------------------------------------------------------------------------- reading


def reason_required(session: Session) -> bool:
    """Whether the team requires a reason for each note edit and deletion, as last read from the
    service (``workstation.presence`` keeps it); True until it was ever read."""
    from workstation.models.local import SyncState

    row = session.get(SyncState, K_TEAM_CONFIG)
    config = stored_team_config(row.value if row is not None else None)
    return True if config is None else config.note_reason_required


def _me(session: Session) -> UserOut | None:
    from workstation.models.local import SyncState

    row = session.get(SyncState, _K_USER)
    return UserOut.model_validate_json(row.value) if row is not None else None


def _people(session: Session, ids: set[int]) -> dict[int, Person]:
    ids.discard(0)
    if not ids:
        return {}
    rows = session.execute(
        select(Colleague.id, Colleague.staff_id, Colleague.display_name).where(Colleague.id.in_(list(ids)))
    )
    return {r[0]: Person(r[0], r[1], r[2]) for r in rows}


def _person(people: dict[int, Person], pid: int | None) -> Person | None:
    if pid is None:
        return None
    return people.get(pid) or Person(pid)


def _dt(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return to_aware_utc(value)
    return to_aware_utc(parse_iso_naive_utc(str(value)))


def _note_entries(session: Session, order_id: int) -> list[OutboxEntry]:
    """This workstation's note changes of one order, in the order written (the JSON ``order_id``
    is read by SQLite: the outbox is small and this runs when one editor opens)."""
    from sqlalchemy import func

    return list(
        session.scalars(
            select(OutboxEntry)
            .where(
                OutboxEntry.name.in_(NOTE_MUTATIONS),
                func.json_extract(OutboxEntry.args, "$.order_id") == order_id,
            )
            .order_by(OutboxEntry.seq)
        )
    )


def _sides(raw: Any, people: dict[int, Person]) -> tuple[ConflictSide, ...]:
    if not raw:
        return ()
    out = []
    for side in raw:
        if not isinstance(side, dict):
            continue
        aid = side.get("author_id")
        out.append(
            ConflictSide(
                entry_id=str(side.get("entry_id", "")),
                author=_person(people, aid if isinstance(aid, int) else None) or Person(None),
                flag=str(side.get("flag", "none")),
                text=str(side.get("text", "")),
            )
        )
    return tuple(out)


def _conflict_ids(raw: Any) -> set[int]:
    return {s["author_id"] for s in raw or () if isinstance(s, dict) and isinstance(s.get("author_id"), int)}


def note_view(session: Session, order_id: int) -> NoteView:
    """The note of ``order_id`` as the editor shows it (see ``NoteView``). An order without a note
    gives an empty view with revision 0."""
    me = _me(session)
    my_id = me.id if me else None
    cached = session.get(CacheOrderNote, order_id)
    entries = _note_entries(session, order_id)
    # An acknowledged change whose pull has not arrived yet: its stored result is newer than the
    # cache (the screen would otherwise flicker back to the old text until the pull).
    server: dict[str, Any] | None = None
    if cached is not None:
        server = {
            "shop_id": cached.shop_id,
            "flag": cached.flag,
            "text": cached.text,
            "revision": cached.revision,
            "updated_at": cached.updated_at,
            "updated_by": cached.updated_by,
            "deleted_at": cached.deleted_at,
            "restored": bool(cached.restored),
            "conflict": cached.conflict,
        }
    for e in entries:
        if e.status == OutboxStatus.APPLIED and e.result and isinstance(e.result.get("note"), dict):
            rec = e.result["note"]
            if server is None or int(rec.get("revision", 0)) > int(server["revision"]):
                server = dict(rec)
    ids: set[int] = set()
    if server is not None:
        if isinstance(server.get("updated_by"), int):
            ids.add(server["updated_by"])
        ids |= _conflict_ids(server.get("conflict"))
    if my_id is not None:
        ids.add(my_id)
    people = _people(session, ids)
    if server is None:
        order = session.get(Order, order_id)
        view = NoteView(order_id=order_id, shop_id=order.shop_id if order is not None else 0)
    else:
        view = NoteView(
            order_id=order_id,
            shop_id=int(server["shop_id"]),
            flag=str(server["flag"]),
            text=str(server["text"]),
            revision=int(server["revision"]),
            updated_at=_dt(server.get("updated_at")),
            updated_by=_person(people, server.get("updated_by")),
            conflict=_sides(server.get("conflict"), people),
            deleted=server.get("deleted_at") is not None,
            restored=bool(server.get("restored")),
        )
    me_person = _person(people, my_id)
    for e in entries:
        if e.status != OutboxStatus.PENDING:
            continue
        a = e.args
        at = to_aware_utc(e.authored_at)
        if e.name == "note.delete@1":
            view = _replace(view, flag="none", text="", deleted=True, restored=False)
        elif e.name == "note.resolve@1":
            view = _replace(view, flag=a["flag"], text=a["text"], deleted=False, conflict=())
        else:
            view = _replace(view, flag=a["flag"], text=a["text"], deleted=False)
        view = _replace(view, pending=True, updated_at=at, updated_by=me_person)
    return view


def _replace(view: NoteView, **changes: Any) -> NoteView:
    return replace(view, **changes)


def note_history(session: Session, order_id: int) -> list[HistoryEntry]:
    """Every change of the note of ``order_id``, newest first: my pending ones on top (newest
    first), then the server's entries and my rejected ones by time."""
    me = _me(session)
    my_id = me.id if me else None
    cached = list(
        session.scalars(
            select(CacheNoteEntry)
            .where(CacheNoteEntry.order_id == order_id)
            .order_by(CacheNoteEntry.revision.desc())
        )
    )
    outbox = _note_entries(session, order_id)
    known = {c.id for c in cached}
    ids = {c.author_id for c in cached}
    if my_id is not None:
        ids.add(my_id)
    people = _people(session, ids)
    me_person = _person(people, my_id) or Person(None)

    done: list[HistoryEntry] = [
        HistoryEntry(
            id=c.id,
            kind=c.kind,
            flag=c.flag,
            text=c.text,
            result_text=c.result_text,
            result_flag=c.result_flag,
            reason_code=c.reason_code,
            reason=c.reason,
            author=_person(people, c.author_id) or Person(c.author_id),
            authored_at=_dt(c.authored_at),
            applied_at=_dt(c.applied_at),
            outcome=c.outcome,
            state="applied",
            revision=c.revision,
        )
        for c in cached
    ]
    pending: list[HistoryEntry] = []
    for e in outbox:
        a = e.args
        entry_id = str(a.get("entry_id", ""))
        if entry_id in known:
            continue
        kind = {"note.edit@1": "edit", "note.delete@1": "delete"}.get(e.name, "resolve")
        flag = str(a.get("flag", "none"))
        text = str(a.get("text", ""))
        base = HistoryEntry(
            id=entry_id,
            kind=kind,
            flag=flag,
            text=text,
            result_text=text,
            result_flag=flag,
            reason_code=str(a.get("reason_code", "other")),
            reason=str(a.get("reason", "")),
            author=me_person,
            authored_at=to_aware_utc(e.authored_at),
            applied_at=None,
            outcome=None,
            state="pending",
            seq=e.seq,
        )
        if e.status == OutboxStatus.PENDING:
            pending.append(base)
        elif e.status == OutboxStatus.REJECTED:
            done.append(
                _replace_entry(
                    base,
                    state="rejected",
                    error=e.last_error or "",
                    resent_as=resent_as(e.result),
                    error_code=_error_field(e.result, "code"),
                    error_detail=_error_field(e.result, "detail"),
                    applied_at=to_aware_utc(e.acked_at) if e.acked_at else None,
                )
            )
        elif e.result and isinstance(e.result.get("entry"), dict) and isinstance(e.result.get("note"), dict):
            # applied, the pull has not brought it yet: the push's answer has the entry's revision
            # and outcome, and the note as this entry left it (its result)
            r, after = e.result["entry"], e.result["note"]
            done.append(
                _replace_entry(
                    base,
                    state="applied",
                    result_text=str(after.get("text", text)),
                    result_flag=str(after.get("flag", flag)),
                    outcome=str(r.get("outcome", "")),
                    applied_at=_dt(r.get("applied_at")),
                    revision=r.get("revision"),
                )
            )
    pending.sort(key=lambda h: h.seq or 0, reverse=True)
    epoch = datetime.min.replace(tzinfo=utcnow().tzinfo)
    # server entries in revision order (not by a clock); rejected ones slot in by their time
    applied = sorted((h for h in done if h.state == "applied"), key=lambda h: h.revision or 0, reverse=True)
    rejected = sorted(
        (h for h in done if h.state == "rejected"),
        key=lambda h: h.applied_at or h.authored_at or epoch,
        reverse=True,
    )
    merged: list[HistoryEntry] = []
    for h in applied:
        while rejected and (rejected[0].applied_at or epoch) >= (h.applied_at or epoch):
            merged.append(rejected.pop(0))
        merged.append(h)
    merged.extend(rejected)
    return pending + merged


def _error_field(result: Any, key: str) -> Any:
    """A field of the service's error stored with a rejected change (``{"error": {...}}``)."""
    error = result.get("error") if isinstance(result, dict) else None
    return error.get(key) if isinstance(error, dict) else None


def _replace_entry(entry: HistoryEntry, **changes: Any) -> HistoryEntry:
    return replace(entry, **changes)


# ----------------------------------------------------------------------------- writing


def check_reason(session: Session, reason_code: str | None, reason: str) -> None:
    """``NoteInputError`` when the reason cannot be sent: an unknown code, "other" with nothing
    typed, no reason while the team requires one, or too long. ``reason_code`` None: a resolve."""
    if reason_code is not None and reason_code not in (*NOTE_REASONS, NOTE_NO_REASON):
        raise NoteInputError("bad_reason", f"Unknown reason {reason_code!r}")
    if reason_code == "other" and not reason.strip():
        raise NoteInputError(
            "reason_required", "Type a reason for the change when you choose “other”", reason_code="other"
        )
    if reason_code == NOTE_NO_REASON and not reason.strip() and reason_required(session):
        raise NoteInputError(
            "reason_required",
            "Your team requires a reason for every note change: choose one",
            reason_code=NOTE_NO_REASON,
            required_by="team",
        )
    if len(reason) > MAX_REASON_CHARS:
        raise NoteInputError(
            "reason_too_long",
            f"The reason is {len(reason)} characters long; at most {MAX_REASON_CHARS} are allowed",
            limit=MAX_REASON_CHARS,
            length=len(reason),
        )


def _check_common(session: Session, order_id: int, reason_code: str | None, reason: str) -> UserOut:
    """``reason_code`` None: a resolve, which has no reason code (the typed reason is optional)."""
    me = _me(session)
    if me is None:
        raise NoteInputError("not_logged_in", "No user is logged in on this cache")
    check_reason(session, reason_code, reason)
    order = session.get(Order, order_id)
    shop_id = order.shop_id if order is not None else None
    if shop_id is None:
        note = session.get(CacheOrderNote, order_id)
        shop_id = note.shop_id if note is not None else None
    if shop_id is None:
        raise NoteInputError(
            "unknown_order", f"Order {order_id} is not among the orders of your shops", order_id=order_id
        )
    if shop_id not in me.shop_ids:
        raise NoteInputError(
            "not_my_shop", f"Order {order_id} belongs to a shop you do not work in", order_id=order_id
        )
    return me


def _check_text(flag: str, text: str) -> None:
    if flag not in NOTE_FLAGS:
        raise NoteInputError("bad_flag", f"Unknown flag {flag!r}")
    if len(text) > MAX_NOTE_CHARS:
        raise NoteInputError(
            "too_long",
            f"The note is {len(text)} characters long; at most {MAX_NOTE_CHARS} are allowed",
            limit=MAX_NOTE_CHARS,
            length=len(text),
        )


def _write(engine: SyncEngine, name: str, args: dict[str, Any], base_revision: int) -> OutboxEntry:
    # the outbox's base_version is the note revision: the journal shows what each edit started from
    return engine.enqueue(name, args, base_revision)


def edit_note(
    engine: SyncEngine,
    order_id: int,
    flag: str,
    text: str,
    reason_code: str,
    reason: str = "",
    base_revision: int = 0,
) -> OutboxEntry:
    """Change an order's flag and note: ONE outbox entry, committed when this returns (the local
    write; wake the sync loop after it). ``NoteInputError`` (a ``ValueError``) before anything
    is written when the input cannot be sent. ``reason_code`` ``NOTE_NO_REASON``: no reason
    (refused here while the team requires one, see ``reason_required``)."""
    _check_text(flag, text)
    with engine.db.session() as s:
        _check_common(s, order_id, reason_code, reason)
    args = {
        "entry_id": str(uuid.uuid4()),
        "order_id": order_id,
        "flag": flag,
        "text": text,
        "reason_code": reason_code,
        "reason": reason.strip(),
        "base_revision": base_revision,
        "authored_at": utcnow().isoformat(),
    }
    return _write(engine, "note.edit@1", args, base_revision)


def delete_note(
    engine: SyncEngine, order_id: int, reason_code: str, reason: str = "", base_revision: int = 0
) -> OutboxEntry:
    """Delete an order's note (it stays in the history; an edit made against the deletion
    restores it)."""
    with engine.db.session() as s:
        _check_common(s, order_id, reason_code, reason)
    args = {
        "entry_id": str(uuid.uuid4()),
        "order_id": order_id,
        "reason_code": reason_code,
        "reason": reason.strip(),
        "base_revision": base_revision,
        "authored_at": utcnow().isoformat(),
    }
    return _write(engine, "note.delete@1", args, base_revision)


def resolve_conflict(
    engine: SyncEngine, order_id: int, flag: str, text: str, reason: str = "", base_revision: int = 0
) -> OutboxEntry:
    """End a conflict with the chosen flag and text (one side, both, or an edited merge); the
    choice is itself a recorded change."""
    _check_text(flag, text)
    with engine.db.session() as s:
        _check_common(s, order_id, None, reason)
    args = {
        "entry_id": str(uuid.uuid4()),
        "order_id": order_id,
        "flag": flag,
        "text": text,
        "reason": reason.strip(),
        "base_revision": base_revision,
        "authored_at": utcnow().isoformat(),
    }
    return _write(engine, "note.resolve@1", args, base_revision)


def keep_both(sides: tuple[ConflictSide, ...]) -> str:
    """The "keep both" choice of the resolve action: every distinct side's text, one per line,
    in the order the sides were written."""
    seen: list[str] = []
    for side in sides:
        if side.text and side.text not in seen:
            seen.append(side.text)
    return "\n".join(seen)
