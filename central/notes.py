"""Order notes: the mutations ``note.edit@1``, ``note.delete@1`` and ``note.resolve@1``.

How an edit travels: the workstation writes it to its outbox (``workstation/notes.py``), the push
brings it here (``central/sync.py push`` -> ``central/mutations.py apply`` -> ``note_edit``), in
the push's writing transaction, exactly once (the push machinery answers a retry from its log).

Every entry names the revision its author saw (``base_revision``). Order comes from the service:
each applied entry takes the next ``revision`` of the note and a fresh sync ``version``; the
author's clock (``authored_at``) is stored and shown, never used to order anything.

* base == the note's revision: applied as written.
* Otherwise the note changed since the author looked. Entries after the base written by the same
  author (their own earlier edits, e.g. several edits written offline) are part of what they
  built on, so the effective base moves past them. Then a three-way merge
  (``central.notemerge``): base = the ``result_text`` at the base revision, theirs = the note now,
  mine = the entry. Clean -> ``merged``. Touching changes, or both changed the flag differently ->
  ``conflict``: the note keeps its text and gets both sides in ``conflict`` (added to the sides of
  an open conflict), until ``note.resolve@1``.
* An edit against a deleted note restores it with the edit, ``restored`` = True (``restored``).
* A delete that did not see others' later edits does not throw their words away: it becomes a
  conflict (the deleting side has empty text) to resolve.
* A resolve ends the conflict, except for sides that joined it after the resolver looked: those
  stay, beside the resolution, as a conflict (outcome ``conflict``).

Every entry, whatever its outcome, is kept as a ``NoteEntry``: the history loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from central.models import NoteEntry, Order, OrderNote, User, utcnow
from central.mutations import Applied, Rejected
from central.notemerge import merge3, merge_flag
from central.records import order_note_record
from central.versions import allocate
from wsprotocol import NoteDeleteArgs, NoteEditArgs, NoteResolveArgs

#: every column of a note, written whole by ``_record``
_NOTE_COLUMNS = tuple(OrderNote.__table__.columns)
# built once, values as parameters: compiled once (a statement with literal values is coerced
# and cache-keyed again at every call)
_INSERT_NOTE = insert(OrderNote)
_UPDATE_NOTE = update(OrderNote).where(OrderNote.id == bindparam("b_id"))
_INSERT_ENTRY = insert(NoteEntry)


def _aware(dt: datetime) -> datetime:
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


@dataclass
class _Note:
    """An order note's row as read for a change, written back whole by ``_record`` (Core
    statements: no ORM identity map or unit of work on the path every queued note takes)."""

    id: int
    version: int
    shop_id: int
    flag: str
    text: str
    revision: int
    updated_at: datetime
    updated_by: int | None
    deleted_at: datetime | None
    restored: bool
    conflict: list[dict[str, Any]] | None
    stored: bool = True


_NOTE_KEYS = tuple(col.key for col in _NOTE_COLUMNS)
_SELECT_NOTE = select(*_NOTE_COLUMNS).where(OrderNote.id == bindparam("b_id")).with_for_update()

_ENTRY_EXISTS = select(NoteEntry.id).where(NoteEntry.id == bindparam("b_id"))
_AFTER_BASE = (
    select(NoteEntry.revision, NoteEntry.author_id)
    .where(NoteEntry.order_id == bindparam("b_order"), NoteEntry.revision > bindparam("b_base"))
    .order_by(NoteEntry.revision)
)


def _note_for_update(session: Session, user: User, order_id: int, entry_id: str) -> _Note:
    """The order's note, locked (a new, not yet stored one if the order has none), after the
    checks: the order exists, the author works in its shop, the entry id is new.

    An existing note proves its order exists (foreign key) and knows its shop, so the order is
    only read for a first note: one statement less on the path every queued note takes."""
    conn = session.connection()
    row = conn.execute(_SELECT_NOTE, {"b_id": order_id}).first()
    note = _Note(**dict(zip(_NOTE_KEYS, row, strict=True))) if row is not None else None
    shop_id = (
        note.shop_id
        if note is not None
        else session.scalar(select(Order.shop_id).where(Order.id == order_id))
    )
    if shop_id is None:
        raise Rejected(
            "not_found",
            f"order {order_id} does not exist (any more); the note was not applied and is kept on "
            "the workstation",
            {"order_id": order_id},
        )
    if shop_id not in user.shop_ids:
        raise Rejected(
            "forbidden", f"order {order_id} belongs to a shop you do not work in", {"order_id": order_id}
        )
    # Core on the session's connection: a primary-key probe, no ORM identity-map work
    if conn.execute(_ENTRY_EXISTS, {"b_id": entry_id}).first():
        raise Rejected("bad_request", f"note entry {entry_id} was already recorded")
    if note is None:
        note = _Note(
            id=order_id,
            version=0,
            shop_id=shop_id,
            flag="none",
            text="",
            revision=0,
            updated_at=utcnow(),
            updated_by=None,
            deleted_at=None,
            restored=False,
            conflict=None,
            stored=False,
        )
    return note


def _state_at(session: Session, order_id: int, revision: int) -> tuple[str, str]:
    """(flag, text) of the note right after ``revision`` (0: before any entry: empty)."""
    if revision <= 0:
        return "none", ""
    row = session.execute(
        select(NoteEntry.result_flag, NoteEntry.result_text).where(
            NoteEntry.order_id == order_id, NoteEntry.revision == revision
        )
    ).first()
    return (row[0], row[1]) if row is not None else ("none", "")


def _effective_base(session: Session, order_id: int, base: int, author_id: int, current: int) -> int:
    """Move the base past entries by the same author that directly follow it (see the module)."""
    if base >= current:
        return current
    rows = session.connection().execute(_AFTER_BASE, {"b_order": order_id, "b_base": base}).all()
    effective = base
    for revision, author in rows:
        if author != author_id:
            break
        effective = revision
    return effective


def _current_side(session: Session, note: _Note) -> dict[str, Any]:
    last = session.execute(
        select(NoteEntry.id).where(NoteEntry.order_id == note.id, NoteEntry.revision == note.revision)
    ).scalar_one_or_none()
    return {"entry_id": last or "", "author_id": note.updated_by or 0, "flag": note.flag, "text": note.text}


def _with_side(session: Session, note: _Note, side: dict[str, Any]) -> list[dict[str, Any]]:
    sides = list(note.conflict or [])
    if not sides:
        sides.append(_current_side(session, note))
    sides.append(side)
    return sides


def _record(
    session: Session,
    user: User,
    note: _Note,
    *,
    entry_id: str,
    kind: str,
    flag: str,
    text: str,
    reason_code: str,
    reason: str,
    authored_at: datetime,
    base_revision: int,
    outcome: str,
) -> Applied:
    version = allocate(session, 2)
    now = utcnow()
    note.revision += 1
    note.version = version
    note.updated_at = now
    note.updated_by = user.id
    values = {key: getattr(note, key) for key in _NOTE_KEYS}
    conn = session.connection()
    # Core statements rather than a flush of ORM objects: two statements per note, without the
    # unit-of-work bookkeeping (a drain applies thousands of these in one push transaction)
    if note.stored:
        conn.execute(_UPDATE_NOTE, {"b_id": note.id, **{k: v for k, v in values.items() if k != "id"}})
    else:
        conn.execute(_INSERT_NOTE, values)
        note.stored = True
    entry = {
        "id": entry_id,
        "version": version + 1,
        "order_id": note.id,
        "shop_id": note.shop_id,
        "kind": kind,
        "flag": flag,
        "text": text,
        "reason_code": reason_code,
        "reason": reason,
        "author_id": user.id,
        "authored_at": _aware(authored_at),
        "applied_at": now,
        "base_revision": base_revision,
        "revision": note.revision,
        "outcome": outcome,
        "result_flag": note.flag,
        "result_text": note.text,
    }
    conn.execute(_INSERT_ENTRY, entry)
    return Applied(
        {
            "outcome": outcome,
            "note": order_note_record(note),
            # the rest of the entry is what the author sent, and its result is the note above:
            # the answer does not carry the text three times (a long queue is bytes on the wire)
            "entry": {
                "id": entry_id,
                "revision": note.revision,
                "outcome": outcome,
                "applied_at": now.isoformat(),
            },
        },
        version + 1,
    )


def note_edit(session: Session, user: User, args: NoteEditArgs) -> Applied:
    # one flush at the end (in _record): no statement for a half-changed note in between
    with session.no_autoflush:
        note = _note_for_update(session, user, args.order_id, args.entry_id)
        base = _effective_base(session, note.id, args.base_revision, user.id, note.revision)
        mine = {"entry_id": args.entry_id, "author_id": user.id, "flag": args.flag, "text": args.text}
        if note.deleted_at is not None:
            # the author saw the deletion (base is current) and writes anew, or edits what was
            # deleted under them: either way the note lives again; the second is flagged
            outcome = "applied" if base == note.revision else "restored"
            note.flag, note.text, note.deleted_at = args.flag, args.text, None
            note.restored = outcome == "restored"
        elif base == note.revision:
            outcome = "applied"
            note.flag, note.text, note.restored = args.flag, args.text, False
        else:
            base_flag, base_text = _state_at(session, note.id, base)
            merged = merge3(base_text, note.text, args.text)
            flag = merge_flag(base_flag, note.flag, args.flag)
            if merged.status == "clean" and merged.text is not None and flag is not None:
                outcome = "merged"
                note.flag, note.text = flag, merged.text
            else:
                outcome = "conflict"
                note.conflict = _with_side(session, note, mine)
        return _record(
            session,
            user,
            note,
            entry_id=args.entry_id,
            kind="edit",
            flag=args.flag,
            text=args.text,
            reason_code=args.reason_code,
            reason=args.reason,
            authored_at=args.authored_at,
            base_revision=args.base_revision,
            outcome=outcome,
        )


def note_delete(session: Session, user: User, args: NoteDeleteArgs) -> Applied:
    # one flush at the end (in _record): no statement for a half-changed note in between
    with session.no_autoflush:
        note = _note_for_update(session, user, args.order_id, args.entry_id)
        base = _effective_base(session, note.id, args.base_revision, user.id, note.revision)
        if note.deleted_at is not None or base == note.revision:
            outcome = "deleted"
            if note.deleted_at is None:
                note.deleted_at = utcnow()
            note.flag, note.text, note.restored, note.conflict = "none", "", False, None
        else:
            # others changed the note after the author looked: their words are not deleted unseen
            outcome = "conflict"
            note.conflict = _with_side(
                session, note, {"entry_id": args.entry_id, "author_id": user.id, "flag": "none", "text": ""}
            )
        return _record(
            session,
            user,
            note,
            entry_id=args.entry_id,
            kind="delete",
            flag="none",
            text="",
            reason_code=args.reason_code,
            reason=args.reason,
            authored_at=args.authored_at,
            base_revision=args.base_revision,
            outcome=outcome,
        )


def note_resolve(session: Session, user: User, args: NoteResolveArgs) -> Applied:
    # one flush at the end (in _record): no statement for a half-changed note in between
    with session.no_autoflush:
        note = _note_for_update(session, user, args.order_id, args.entry_id)
        if not note.conflict:
            # resolved meanwhile (by a colleague): the choice is an edit made from what the author saw
            return note_edit(
                session,
                user,
                NoteEditArgs(
                    entry_id=args.entry_id,
                    order_id=args.order_id,
                    flag=args.flag,
                    text=args.text,
                    reason_code="other",
                    reason=args.reason or "resolve",
                    base_revision=args.base_revision,
                    authored_at=args.authored_at,
                ),
            )
        # a side that joined the conflict after the resolver looked was not part of the choice:
        # it stays, beside the resolution, for the next look
        sides = list(note.conflict)
        side_ids = [str(side.get("entry_id", "")) for side in sides]
        revision_of = {
            r[0]: r[1]
            for r in session.execute(
                select(NoteEntry.id, NoteEntry.revision).where(NoteEntry.id.in_(side_ids))
            )
        }
        unseen = [
            side
            for side in sides
            if revision_of.get(str(side.get("entry_id", "")), 0) > args.base_revision
            and side.get("author_id") != user.id
        ]
        note.flag, note.text, note.deleted_at = args.flag, args.text, None
        if unseen:
            outcome = "conflict"
            mine = {"entry_id": args.entry_id, "author_id": user.id, "flag": args.flag, "text": args.text}
            note.conflict = [mine, *unseen]
        else:
            outcome = "resolved"
            note.conflict = None
        return _record(
            session,
            user,
            note,
            entry_id=args.entry_id,
            kind="resolve",
            flag=args.flag,
            text=args.text,
            reason_code="other",
            reason=args.reason,
            authored_at=args.authored_at,
            base_revision=args.base_revision,
            outcome=outcome,
        )
