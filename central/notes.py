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

Refused (``Rejected``, before anything changes; the workstation keeps the change to fix): an order
that does not exist, an order of a shop the author does not work in, an entry id already
recorded, the reason "other" without a typed reason (``reason_required``), and, while the team
requires a reason (``SupervisorConfig.note_reason_required``, read once per batch), an edit or
deletion with no reason (code ``none`` and nothing typed: ``reason_required``, detail
``required_by: team``). A resolve needs no reason: choosing between the sides is its reason.

A push applies its note changes through one ``NoteBatch`` (bulk reads, one version allocation,
``executemany`` writes); see the class.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.orm import Session

from central.activity import load_config
from central.models import NoteEntry, Order, OrderNote, User, utcnow
from central.mutations import Applied, Rejected
from central.notemerge import merge3, merge_flag
from central.records import order_note_record
from central.versions import allocate
from wsprotocol import NOTE_NO_REASON, NoteDeleteArgs, NoteEditArgs, NoteResolveArgs

#: the mutations of this module: ``central.sync.push`` applies them through a ``NoteBatch``
#: (they reject before they change anything, so they need no savepoint of their own)
MUTATIONS = frozenset({"note.edit@1", "note.delete@1", "note.resolve@1"})

#: every column of a note, written whole by ``NoteBatch.flush``
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
    """An order note's row as read for a change, written back whole by ``NoteBatch.flush`` (Core
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
    #: what this transaction knows of the note's latest entries: every entry with a revision
    #: above ``tail_from`` is by ``tail_author`` (None: nothing known). It answers
    #: ``_effective_base`` for an author's run of queued edits without a query per edit.
    tail_from: int = 0
    tail_author: int | None = None


_NOTE_KEYS = tuple(col.key for col in _NOTE_COLUMNS)
_SELECT_NOTES = select(*_NOTE_COLUMNS).where(OrderNote.id.in_(bindparam("b_ids", expanding=True)))
_ORDER_SHOPS = select(Order.id, Order.shop_id).where(Order.id.in_(bindparam("b_ids", expanding=True)))
_ENTRIES_EXIST = select(NoteEntry.id).where(NoteEntry.id.in_(bindparam("b_ids", expanding=True)))
_AFTER_BASE = (
    select(NoteEntry.revision, NoteEntry.author_id)
    .where(NoteEntry.order_id == bindparam("b_order"), NoteEntry.revision > bindparam("b_base"))
    .order_by(NoteEntry.revision)
)

_BATCH_KEY = "central.notes.batch"


class NoteBatch:
    """The note changes of one writing transaction, read and written in bulk.

    A drain pushes thousands of note edits, often several on one order. Per statement the
    database and SQLAlchemy cost more than the merge itself, so a batch:

    * reads the notes, the orders' shops and the entry ids of all its mutations up front
      (``prefetch``, one ``IN`` query each) and keeps each note in memory between its edits;
    * takes two versions per expected change from one allocation (unused ones are a harmless
      gap: a cursor only promises that nothing at or below it is still to commit);
    * writes notes and entries with one ``executemany`` each, at ``flush``: before any query of
      the entry table (so reads see every change of the transaction), before the push runs a
      mutation of another kind, and before the transaction commits.

    Every note mutation checks everything that can reject it before it changes anything, so a
    rejection leaves the batch as it was (no savepoint needed). Outside a push (the demo, tests)
    each call gets a batch of its own, flushed when it returns.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.conn = session.connection()
        self._notes: dict[int, _Note] = {}
        #: order id -> shop id, or None when the order does not exist
        self._order_shop: dict[int, int | None] = {}
        #: entry ids known to exist (stored, or recorded in this batch)
        self._entries_known: set[str] = set()
        #: entry ids whose existence was asked of the database
        self._entries_asked: set[str] = set()
        self._dirty: dict[int, _Note] = {}
        self._entries: list[dict[str, Any]] = []
        self._next_version = 0
        self._last_version = -1
        self._reason_required: bool | None = None

    # -- reads

    def prefetch(self, order_ids: Iterable[int], entry_ids: Iterable[str], changes: int) -> None:
        """Read what ``changes`` note mutations on these orders with these entry ids will need,
        and reserve their versions."""
        if changes > 0:
            # first, so that on PostgreSQL the counter lock serializes writers before we read
            first = allocate(self.session, 2 * changes)
            self._next_version, self._last_version = first, first + 2 * changes - 1
        wanted = sorted({i for i in order_ids if i not in self._notes and i not in self._order_shop})
        if wanted:
            for row in self.conn.execute(_SELECT_NOTES.with_for_update(), {"b_ids": wanted}):
                self._notes[row[0]] = self._note_of(row)
            missing = [i for i in wanted if i not in self._notes]
            if missing:
                shops = dict(self.conn.execute(_ORDER_SHOPS, {"b_ids": missing}).all())
                for i in missing:
                    self._order_shop[i] = shops.get(i)
        ask = sorted(set(entry_ids) - self._entries_asked)
        if ask:
            self._entries_known.update(r[0] for r in self.conn.execute(_ENTRIES_EXIST, {"b_ids": ask}))
            self._entries_asked.update(ask)

    @staticmethod
    def _note_of(row: Any) -> _Note:
        note = _Note(**dict(zip(_NOTE_KEYS, row, strict=True)))
        # the entry at the current revision is by the note's last writer
        if note.revision > 0 and note.updated_by is not None:
            note.tail_from, note.tail_author = note.revision - 1, note.updated_by
        else:
            note.tail_from = note.revision
        return note

    def note(self, order_id: int) -> _Note | None:
        """The order's note (locked), None if it has none yet."""
        note = self._notes.get(order_id)
        if note is None and order_id not in self._order_shop:
            self.prefetch([order_id], (), 0)
            note = self._notes.get(order_id)
        return note

    def order_shop(self, order_id: int) -> int | None:
        if order_id not in self._order_shop and order_id not in self._notes:
            self.prefetch([order_id], (), 0)
        note = self._notes.get(order_id)
        return note.shop_id if note is not None else self._order_shop.get(order_id)

    def entry_exists(self, entry_id: str) -> bool:
        if entry_id not in self._entries_asked:
            self.prefetch((), [entry_id], 0)
        return entry_id in self._entries_known

    def reason_required(self) -> bool:
        """Whether the team requires a reason for note changes (read once per batch)."""
        if self._reason_required is None:
            self._reason_required = load_config(self.session).note_reason_required
        return self._reason_required

    def entries(self) -> Connection:
        """The connection, for a query of the entry table: every change of the batch written
        first."""
        self.flush()
        return self.conn

    # -- writes

    def versions(self) -> int:
        """Two consecutive versions (the note's, then its entry's); the first of them."""
        if self._next_version + 1 > self._last_version:
            self._next_version = allocate(self.session, 2)
            self._last_version = self._next_version + 1
        first = self._next_version
        self._next_version += 2
        return first

    def record(self, note: _Note, entry: dict[str, Any]) -> None:
        self._notes[note.id] = note
        self._order_shop.pop(note.id, None)
        self._dirty[note.id] = note
        self._entries.append(entry)
        self._entries_known.add(entry["id"])

    def flush(self) -> None:
        if self._dirty:
            new = [n for n in self._dirty.values() if not n.stored]
            old = [n for n in self._dirty.values() if n.stored]
            if new:
                self.conn.execute(_INSERT_NOTE, [{k: getattr(n, k) for k in _NOTE_KEYS} for n in new])
                for n in new:
                    n.stored = True
            if old:
                self.conn.execute(
                    _UPDATE_NOTE,
                    [{"b_id": n.id, **{k: getattr(n, k) for k in _NOTE_KEYS if k != "id"}} for n in old],
                )
            self._dirty.clear()
        if self._entries:
            self.conn.execute(_INSERT_ENTRY, self._entries)
            self._entries = []


@contextmanager
def batch(session: Session) -> Iterator[NoteBatch]:
    """The note batch of this transaction (``central.sync.push`` opens one for a whole push);
    a batch opened here is flushed when the block ends."""
    current = session.info.get(_BATCH_KEY)
    if current is not None:
        yield current
        return
    own = session.info[_BATCH_KEY] = NoteBatch(session)
    try:
        yield own
        own.flush()
    finally:
        session.info.pop(_BATCH_KEY, None)


@contextmanager
def push_batch(session: Session, mutations: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[NoteBatch]:
    """A batch for the note mutations among ``mutations`` (name, raw arguments): their notes,
    orders and entry ids read in one go. The caller flushes it before committing (and before it
    runs anything else that might read notes)."""
    order_ids: list[int] = []
    entry_ids: list[str] = []
    changes = 0
    for name, args in mutations:
        if name not in MUTATIONS:
            continue
        changes += 1
        # raw arguments, validated later by ``mutations.apply``: only usable values are taken
        order_id, entry_id = args.get("order_id"), args.get("entry_id")
        if isinstance(order_id, int) and not isinstance(order_id, bool):
            order_ids.append(order_id)
        if isinstance(entry_id, str):
            entry_ids.append(entry_id)
    own = NoteBatch(session)
    session.info[_BATCH_KEY] = own
    try:
        if changes:
            own.prefetch(order_ids, entry_ids, changes)
        yield own
    finally:
        session.info.pop(_BATCH_KEY, None)


def _note_for_update(b: NoteBatch, user: User, order_id: int, entry_id: str) -> _Note:
    """The order's note, locked (a new, not yet stored one if the order has none), after the
    checks: the order exists, the author works in its shop, the entry id is new.

    An existing note proves its order exists (foreign key) and knows its shop, so the order is
    only read for a first note."""
    note = b.note(order_id)
    shop_id = note.shop_id if note is not None else b.order_shop(order_id)
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
    if b.entry_exists(entry_id):
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


def _check_reason(b: NoteBatch, reason_code: str, reason: str) -> None:
    """ "Other" names no reason by itself: it needs a typed one (the editor asks for it too). No
    reason at all (``none``, nothing typed) is refused while the team requires one."""
    if reason.strip():
        return
    if reason_code == "other":
        raise Rejected(
            "reason_required",
            'the reason "other" needs a typed reason; the change was not applied and is kept on '
            "the workstation",
            {"reason_code": "other"},
        )
    if reason_code == NOTE_NO_REASON and b.reason_required():
        raise Rejected(
            "reason_required",
            "the team requires a reason for every order-note change; the change was not applied "
            "and is kept on the workstation",
            {"reason_code": NOTE_NO_REASON, "required_by": "team"},
        )


def _state_at(b: NoteBatch, order_id: int, revision: int) -> tuple[str, str]:
    """(flag, text) of the note right after ``revision`` (0: before any entry: empty)."""
    if revision <= 0:
        return "none", ""
    row = (
        b.entries()
        .execute(
            select(NoteEntry.result_flag, NoteEntry.result_text).where(
                NoteEntry.order_id == order_id, NoteEntry.revision == revision
            )
        )
        .first()
    )
    return (row[0], row[1]) if row is not None else ("none", "")


def _effective_base(b: NoteBatch, note: _Note, base: int, author_id: int) -> int:
    """Move the base past entries by the same author that directly follow it (see the module)."""
    current = note.revision
    if base >= current:
        return current
    if note.tail_author == author_id and base >= note.tail_from:
        # every entry after the base is the author's own (known from this transaction)
        return current
    rows = b.entries().execute(_AFTER_BASE, {"b_order": note.id, "b_base": base}).all()
    effective = base
    for revision, author in rows:
        if author != author_id:
            break
        effective = revision
    if rows:
        # remember the last run of one author, for the next edit of this note
        last_author = rows[-1][1]
        tail_from = base
        for revision, author in rows:
            if author != last_author:
                tail_from = revision
        note.tail_from, note.tail_author = tail_from, last_author
    return effective


def _current_side(b: NoteBatch, note: _Note) -> dict[str, Any]:
    at_revision = select(NoteEntry.id).where(
        NoteEntry.order_id == note.id, NoteEntry.revision == note.revision
    )
    last = b.entries().execute(at_revision).scalar_one_or_none()
    return {"entry_id": last or "", "author_id": note.updated_by or 0, "flag": note.flag, "text": note.text}


def _with_side(b: NoteBatch, note: _Note, side: dict[str, Any]) -> list[dict[str, Any]]:
    sides = list(note.conflict or [])
    if not sides:
        sides.append(_current_side(b, note))
    sides.append(side)
    return sides


def _record(
    b: NoteBatch,
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
    version = b.versions()
    now = utcnow()
    if note.tail_author != user.id:
        note.tail_from, note.tail_author = note.revision, user.id
    note.revision += 1
    note.version = version
    note.updated_at = now
    note.updated_by = user.id
    b.record(
        note,
        {
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
        },
    )
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
    with batch(session) as b:
        return _edit(b, user, args)


def _edit(b: NoteBatch, user: User, args: NoteEditArgs) -> Applied:
    # every check first: a rejection leaves the note as it was
    _check_reason(b, args.reason_code, args.reason)
    note = _note_for_update(b, user, args.order_id, args.entry_id)
    base = _effective_base(b, note, args.base_revision, user.id)
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
        base_flag, base_text = _state_at(b, note.id, base)
        merged = merge3(base_text, note.text, args.text)
        flag = merge_flag(base_flag, note.flag, args.flag)
        if merged.status == "clean" and merged.text is not None and flag is not None:
            outcome = "merged"
            note.flag, note.text = flag, merged.text
        else:
            outcome = "conflict"
            note.conflict = _with_side(b, note, mine)
    return _record(
        b,
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
    with batch(session) as b:
        _check_reason(b, args.reason_code, args.reason)
        note = _note_for_update(b, user, args.order_id, args.entry_id)
        base = _effective_base(b, note, args.base_revision, user.id)
        if note.deleted_at is not None or base == note.revision:
            outcome = "deleted"
            if note.deleted_at is None:
                note.deleted_at = utcnow()
            note.flag, note.text, note.restored, note.conflict = "none", "", False, None
        else:
            # others changed the note after the author looked: their words are not deleted unseen
            outcome = "conflict"
            note.conflict = _with_side(
                b, note, {"entry_id": args.entry_id, "author_id": user.id, "flag": "none", "text": ""}
            )
        return _record(
            b,
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
    with batch(session) as b:
        note = _note_for_update(b, user, args.order_id, args.entry_id)
        if not note.conflict:
            # resolved meanwhile (by a colleague): the choice is an edit made from what the author saw
            return _edit(
                b,
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
            for r in b.entries().execute(
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
            b,
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
