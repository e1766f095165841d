"""Pull and push: the sync guarantees of the service.

Pull
    Changes after a cursor, in version order, scoped to the user's shops. The cursor carries the
    epoch, the schema, the version and a hash of the scope; anything that makes it meaningless
    answers a ``reset`` instead of changes. The page is bounded by the counter value read first
    (``meta.version``), and every version up to it is committed (see ``central.versions``), so a
    cursor never passes a change that a slower transaction could still commit.

Push
    One writing transaction per batch, a savepoint per mutation, serialized per client by the
    ``push_client`` row: old sequence number -> the stored result; the next one -> apply, store,
    advance; a gap -> 409. A permanent error is stored as ``rejected`` and advances the sequence;
    a passing one (the database locked or gone) stops the batch with 503."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from central import mutations, notes
from central.db import Database
from central.errors import ApiError, forbidden, is_passing_db_error
from central.models import (
    AfterSale,
    Buyer,
    Conversation,
    Handover,
    HandoverAck,
    HandoverItem,
    Message,
    Meta,
    MutationLog,
    NoteEntry,
    Order,
    OrderNote,
    Phrase,
    PushClient,
    Shift,
    Shipment,
    Shop,
    Tombstone,
    User,
    user_shop,
    utcnow,
)
from central.records import (
    AFTERSALE_COLS,
    BUYER_COLS,
    CONVERSATION_COLS,
    HANDOVER_ACK_COLS,
    HANDOVER_COLS,
    HANDOVER_ITEM_COLS,
    MESSAGE_COLS,
    NOTE_ENTRY_COLS,
    ORDER_COLS,
    ORDER_NOTE_COLS,
    PHRASE_COLS,
    SHIFT_COLS,
    SHIPMENT_COLS,
    SHOP_COLS,
    USER_COLS,
    aftersale_dict,
    buyer_dict,
    conversation_dict,
    handover_ack_dict,
    handover_dict,
    handover_item_dict,
    message_dict,
    note_entry_dict,
    order_dict,
    order_note_dict,
    phrase_dict,
    shift_dict,
    shipment_dict,
    shop_dict,
    sql_columns,
    user_dict,
)
from wsprotocol import (
    MAX_PULL_LIMIT,
    MAX_PULL_PAGE_CHARS,
    SCHEMA_ID,
    ErrorBody,
    MutationResult,
    PushRequest,
    PushResponse,
    ResetReason,
    SequenceGap,
)

# ----------------------------------------------------------------------------- cursor

_CURSOR_TAG = "c1"
_SCHEMA_TAG = hashlib.sha256(SCHEMA_ID.encode()).hexdigest()[:8]


def scope_hash(user_id: int, shop_ids: list[int]) -> str:
    """What the user may see: their shops, and (for personal phrases) who they are."""
    raw = f"{user_id}|" + ",".join(str(s) for s in sorted(shop_ids))
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def make_cursor(epoch: str, version: int, scope: str) -> str:
    return f"{_CURSOR_TAG}.{epoch}.{version}.{_SCHEMA_TAG}.{scope}"


@dataclass
class ParsedCursor:
    epoch: str
    version: int
    schema: str
    scope: str


def parse_cursor(cursor: str) -> ParsedCursor | None:
    parts = cursor.split(".")
    if len(parts) != 5 or parts[0] != _CURSOR_TAG:
        return None
    try:
        version = int(parts[2])
    except ValueError:
        return None
    if version < 0 or not parts[1] or not parts[4]:
        return None
    return ParsedCursor(parts[1], version, parts[3], parts[4])


# ----------------------------------------------------------------------------- pull


def _user_scope(user: User) -> tuple[list[int], str]:
    shop_ids = sorted(user.shop_ids)
    return shop_ids, scope_hash(user.id, shop_ids)


def pull(session: Session, user: User, cursor: str, limit: int) -> dict[str, Any]:
    """One page of changes as a ``PullResponse``-shaped dict."""
    limit = max(1, min(limit, MAX_PULL_LIMIT))
    meta = session.execute(select(Meta.epoch, Meta.version, Meta.purge_version).where(Meta.id == 1)).one()
    epoch, head, purge_version = meta[0], int(meta[1]), int(meta[2])
    shop_ids, scope = _user_scope(user)

    def reset(reason: ResetReason) -> dict[str, Any]:
        # has_more: the client must pull again, from "", to rebuild
        return {"epoch": epoch, "cursor": "", "has_more": True, "changes": [], "reset": reason}

    after = 0
    if cursor:
        parsed = parse_cursor(cursor)
        if parsed is None:
            return reset("malformed")
        if parsed.epoch != epoch:
            return reset("epoch")
        if parsed.schema != _SCHEMA_TAG:
            return reset("schema")
        if parsed.scope != scope:
            return reset("scope")
        if parsed.version > head:
            return reset("ahead")
        if parsed.version < purge_version:
            return reset("expired")
        after = parsed.version

    changes, has_more = _collect(session, user.id, shop_ids, after, head, limit)
    next_version = changes[-1]["version"] if has_more else head
    return {
        "epoch": epoch,
        "cursor": make_cursor(epoch, next_version, scope),
        "has_more": has_more,
        "changes": changes,
        "reset": None,
    }


def _collect(
    session: Session, user_id: int, shop_ids: list[int], after: int, head: int, limit: int
) -> tuple[list[dict[str, Any]], bool]:
    """The first ``limit`` changes with ``after < version <= head`` across all entity tables.

    Each table is read by its version index. Once ``limit + 1`` candidates are known, later tables
    are only asked for versions below the last kept candidate, so a page over a big table does not
    read a page from every other table only to throw it away.
    """
    upper = head
    candidates: list[tuple[int, str, str, dict[str, Any] | None]] = []
    has_more = False

    def take(rows: list[tuple[int, str, str, dict[str, Any] | None]]) -> None:
        nonlocal candidates, upper, has_more
        if not rows:
            return
        candidates.extend(rows)
        if len(candidates) > limit:
            candidates.sort(key=lambda c: c[0])
            del candidates[limit:]
            has_more = True
            upper = candidates[-1][0]

    conn = session.connection()
    dialect = conn.dialect.name

    def rows_of(cols: tuple[Any, ...], version_col: Any, scope: ColumnElement[bool]) -> list[Any]:
        # Core on the session's connection: no ORM result machinery per row
        stmt = (
            select(*sql_columns(cols, dialect))
            .where(version_col > after, version_col <= upper, scope)
            .order_by(version_col)
            .limit(limit + 1)
        )
        return list(conn.execute(stmt).all())

    in_shops = shop_ids or [-1]

    def in_scope(col: Any) -> ColumnElement[bool]:
        # One shop: the (shop_id, version) index gives the rows in version order. Several: the
        # planner would pick the shop index and sort the whole range before LIMIT; "+ 0" makes it
        # walk the version index instead and stop after the page.
        if len(in_shops) == 1:
            return col == in_shops[0]
        return (col + 0).in_(in_shops)

    take(
        [
            (r[1], "buyer", str(r[0]), buyer_dict(r))
            for r in rows_of(BUYER_COLS, Buyer.version, in_scope(Buyer.shop_id))
        ]
    )
    take(
        [
            (r[1], "conversation", str(r[0]), conversation_dict(r))
            for r in rows_of(CONVERSATION_COLS, Conversation.version, in_scope(Conversation.shop_id))
        ]
    )
    take(
        [
            (r[1], "message", str(r[0]), message_dict(r))
            for r in rows_of(MESSAGE_COLS, Message.version, in_scope(Message.shop_id))
        ]
    )
    take(
        [
            (r[1], "order", str(r[0]), order_dict(r))
            for r in rows_of(ORDER_COLS, Order.version, in_scope(Order.shop_id))
        ]
    )
    take(
        [
            (r[1], "shipment", str(r[0]), shipment_dict(r))
            for r in rows_of(SHIPMENT_COLS, Shipment.version, in_scope(Shipment.shop_id))
        ]
    )
    take(
        [
            (r[1], "aftersale", str(r[0]), aftersale_dict(r))
            for r in rows_of(AFTERSALE_COLS, AfterSale.version, in_scope(AfterSale.shop_id))
        ]
    )
    # order notes, shifts and handovers (issue 5); a draft handover and its items only for their
    # author (visible_to), published ones for the shop
    shop_wide: list[tuple[Any, Any, str, Callable[[Any], dict[str, Any]]]] = [
        (ORDER_NOTE_COLS, OrderNote, "order_note", order_note_dict),
        (NOTE_ENTRY_COLS, NoteEntry, "note_entry", note_entry_dict),
        (SHIFT_COLS, Shift, "shift", shift_dict),
        (HANDOVER_ACK_COLS, HandoverAck, "handover_ack", handover_ack_dict),
    ]
    for cols, model, entity, as_dict in shop_wide:
        rows = rows_of(cols, model.version, in_scope(model.shop_id))
        take([(r[1], entity, str(r[0]), as_dict(r)) for r in rows])
    drafts_too: list[tuple[Any, Any, str, Callable[[Any], dict[str, Any]]]] = [
        (HANDOVER_COLS, Handover, "handover", handover_dict),
        (HANDOVER_ITEM_COLS, HandoverItem, "handover_item", handover_item_dict),
    ]
    for cols, model, entity, as_dict in drafts_too:
        visible = or_(model.visible_to.is_(None), model.visible_to == user_id)
        rows = rows_of(cols, model.version, and_(in_scope(model.shop_id), visible))
        take([(r[1], entity, str(r[0]), as_dict(r)) for r in rows])
    take(
        [
            (r[1], "shop", str(r[0]), shop_dict(r))
            for r in rows_of(SHOP_COLS, Shop.version, Shop.id.in_(in_shops))
        ]
    )
    colleagues = select(user_shop.c.user_id).where(user_shop.c.shop_id.in_(in_shops))
    user_rows = rows_of(USER_COLS, User.version, or_(User.id.in_(colleagues), User.id == user_id))
    if user_rows:
        shops_of: dict[int, list[int]] = {}
        ids = [r[0] for r in user_rows]
        for uid, sid in session.execute(
            select(user_shop.c.user_id, user_shop.c.shop_id)
            .where(user_shop.c.user_id.in_(ids))
            .order_by(user_shop.c.shop_id)
        ):
            shops_of.setdefault(uid, []).append(sid)
        take([(r[1], "user", str(r[0]), user_dict(r, shops_of.get(r[0], []))) for r in user_rows])
    take(
        [
            (r[1], "phrase", r[0], phrase_dict(r))
            for r in rows_of(
                PHRASE_COLS, Phrase.version, or_(Phrase.shop_id.in_(in_shops), Phrase.owner_id == user_id)
            )
        ]
    )
    tomb_cols = (Tombstone.entity_id, Tombstone.version, Tombstone.entity)
    take(
        [
            (r[1], r[2], r[0], None)
            for r in rows_of(
                tomb_cols,
                Tombstone.version,
                or_(Tombstone.shop_id.in_(in_shops), Tombstone.owner_id == user_id),
            )
        ]
    )
    candidates.sort(key=lambda c: c[0])
    del candidates[limit:]
    cut = _chars_cut(candidates)
    if cut < len(candidates):
        del candidates[cut:]
        has_more = True
    changes = [
        {"entity": e, "id": i, "version": v, "op": "upsert" if d is not None else "delete", "data": d}
        for v, e, i, d in candidates
    ]
    return changes, has_more


def _chars_cut(candidates: list[tuple[int, str, str, dict[str, Any] | None]]) -> int:
    """How many of the (version-ordered) candidates fit ``MAX_PULL_PAGE_CHARS``: at least one, and
    never between two changes of the same version, so that the cursor (the last kept version)
    passes only what the page holds."""
    total = 0
    for n, (version, _entity, key, data) in enumerate(candidates):
        # the text of the values plus ~12 characters of JSON per field: cheap, and close enough
        total += 64 + len(key)
        if data is not None:
            for v in data.values():
                if isinstance(v, str):
                    total += 12 + len(v)
                elif isinstance(v, list | dict):
                    total += 12 + len(repr(v))  # order lines, conflict sides: rare, and small
                else:
                    total += 20
        if total > MAX_PULL_PAGE_CHARS and n > 0 and candidates[n - 1][0] != version:
            return n
    return len(candidates)


def encode_json(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def purge_tombstones(session: Session, before_version: int) -> int:
    """Delete tombstones at or below ``before_version`` and move the purge horizon: cursors
    older than it are answered ``expired`` (their holder may have missed a deletion)."""
    res = session.execute(delete(Tombstone).where(Tombstone.version <= before_version))
    n = getattr(res, "rowcount", 0)
    session.execute(
        update(Meta)
        .where(Meta.id == 1, Meta.purge_version < before_version)
        .values(purge_version=before_version),
        execution_options={"synchronize_session": False},
    )
    return int(n or 0)


def purge_tombstones_older_than(session: Session, days: int) -> int:
    from datetime import timedelta

    horizon = utcnow() - timedelta(days=days)
    v = session.execute(select(func.max(Tombstone.version)).where(Tombstone.deleted_at < horizon)).scalar()
    return purge_tombstones(session, int(v)) if v is not None else 0


# ----------------------------------------------------------------------------- push


def _stored(log: MutationLog) -> MutationResult:
    return MutationResult(
        seq=log.seq,
        mutation_id=log.mutation_id,
        status="applied" if log.status == "applied" else "rejected",
        error=ErrorBody.model_validate(log.error) if log.error else None,
        result=log.result,
        version=log.version,
    )


def _client_row(session: Session, client_id: str, user: User) -> PushClient:
    client = session.get(PushClient, client_id, with_for_update=True)
    if client is None:
        client = PushClient(client_id=client_id, user_id=user.id, last_seq=0, created_at=utcnow())
        session.add(client)
        session.flush()
    if client.user_id != user.id:
        raise forbidden("this client id belongs to another user")
    return client


def push(db: Database, user: User, request: PushRequest, retry_after: int) -> PushResponse:
    """Apply a batch in ONE writing transaction, each mutation inside its own savepoint.

    One transaction per batch rather than per mutation: a workstation that wrote thousands of
    notes during an outage drains them at the speed of the batch, not of a commit (an fsync) per
    note. A mutation that fails its rules is rolled back to its savepoint and recorded as
    rejected; the others stay. A sequence error stops the batch: what came before it is kept.
    """
    if not request.mutations:
        with db.read() as session:
            client = session.get(PushClient, request.client_id)
            if client is not None and client.user_id != user.id:
                raise forbidden("this client id belongs to another user")
            last_seq = client.last_seq if client else 0
        return PushResponse(results=[], last_seq=last_seq)
    for attempt in (1, 2):
        try:
            return _push_batch(db, user, request)
        except ApiError:
            raise
        except IntegrityError:
            # two pushes raced to create the client row: the loser retries once the winner committed
            if attempt == 2:
                raise
        except Exception as exc:
            if is_passing_db_error(exc):
                # the whole batch rolled back: nothing of it was applied
                raise ApiError(
                    503,
                    "unavailable",
                    "database busy or unavailable; retry the batch",
                    detail={"applied": []},
                    headers={"Retry-After": str(retry_after)},
                ) from exc
            raise
    raise AssertionError("unreachable")


def _push_batch(db: Database, user: User, request: PushRequest) -> PushResponse:
    results: list[MutationResult] = []
    failure: ApiError | None = None
    with db.write() as session:
        client = _client_row(session, request.client_id, user)
        first_seq = client.last_seq
        # the run of new mutations this batch will apply (a gap stops it)
        fresh: list[Any] = []
        for m in request.mutations:
            if m.seq > first_seq + len(fresh) + 1:
                break
            if m.seq == first_seq + len(fresh) + 1:
                fresh.append(m)
        state = _BatchState(
            session,
            request.client_id,
            _used_mutation_ids(session, request.client_id, [m.mutation_id for m in fresh]),
        )
        # the notes among the new mutations: their rows read, and their versions taken, at once
        with notes.push_batch(session, [(m.name, m.args) for m in fresh]) as state.notes:
            for m in request.mutations:
                try:
                    results.append(_push_one(state, client, user, m))
                except ApiError as exc:
                    failure = exc  # committed below: the mutations before it stay applied
                    break
            state.flush()
        last_seq = client.last_seq
        if last_seq != first_seq:
            session.connection().execute(
                update(PushClient).where(PushClient.client_id == request.client_id).values(last_seq=last_seq)
            )
    if failure is not None:
        raise failure
    return PushResponse(results=results, last_seq=last_seq)


#: built once, values as parameters (compiled once, not coerced again per mutation)
_INSERT_LOG = insert(MutationLog)
_LOG_USED = select(MutationLog.mutation_id, MutationLog.seq).where(
    MutationLog.client_id == bindparam("b_client"),
    MutationLog.mutation_id.in_(bindparam("b_mids", expanding=True)),
)


def _used_mutation_ids(session: Session, client_id: str, mutation_ids: list[str]) -> dict[str, int]:
    """Which of these mutation ids the client's log already holds, and under which seq."""
    if not mutation_ids:
        return {}
    rows = session.connection().execute(
        _LOG_USED, {"b_client": client_id, "b_mids": sorted(set(mutation_ids))}
    )
    used: dict[str, int] = {}
    for mid, seq in rows:
        used.setdefault(mid, seq)
    return used


class _BatchState:
    """What one push transaction writes besides the mutations themselves: the log rows (written
    with one ``executemany`` at ``flush``) and the mutation ids used so far."""

    def __init__(self, session: Session, client_id: str, used: dict[str, int]) -> None:
        self.session = session
        self.client_id = client_id
        self.used = used
        self.log: list[dict[str, Any]] = []
        self.notes: notes.NoteBatch | None = None

    def flush(self) -> None:
        if self.notes is not None:
            self.notes.flush()
        if self.log:
            self.session.connection().execute(_INSERT_LOG, self.log)
            self.log = []


def _push_one(state: _BatchState, client: PushClient, user: User, m: Any) -> MutationResult:
    """One mutation of a batch, in the transaction of the batch."""
    session, client_id = state.session, state.client_id
    if m.seq <= client.last_seq:
        state.flush()  # a seq repeated within the batch is answered from its log row too
        log = session.execute(
            select(MutationLog).where(MutationLog.client_id == client_id, MutationLog.seq == m.seq)
        ).scalar_one_or_none()
        if log is None:
            raise ApiError(409, "conflict", f"no stored result for seq {m.seq}")
        return _stored(log)
    if m.seq > client.last_seq + 1:
        raise ApiError(
            409,
            "sequence_gap",
            f"expected seq {client.last_seq + 1}, got {m.seq}",
            detail=SequenceGap(expected_seq=client.last_seq + 1).model_dump(),
        )
    status, result, error, version = "applied", None, None, None
    dup = state.used.get(m.mutation_id)
    if dup is not None:
        status = "rejected"
        error = ErrorBody(code="bad_request", message=f"mutation id already used by seq {dup}")
    elif m.name in notes.MUTATIONS:
        # a note mutation rejects before it changes anything: no savepoint needed, and its
        # writes go out with the batch's (``notes.NoteBatch``)
        try:
            applied = mutations.apply(session, user, m.name, m.args)
        except mutations.Rejected as rej:
            status, error = "rejected", rej.body
        else:
            result, version = applied.result, applied.version
    else:
        state.flush()  # what this mutation reads is written first
        savepoint = session.begin_nested()
        try:
            applied = mutations.apply(session, user, m.name, m.args)
        except mutations.Rejected as rej:
            savepoint.rollback()
            status, error = "rejected", rej.body
        else:
            savepoint.commit()
            result, version = applied.result, applied.version
    state.used.setdefault(m.mutation_id, m.seq)
    # Core insert (at ``flush``), and the client's sequence kept as committed state and written
    # once per batch (``_push_batch``): a dirty ORM object would be flushed again at every savepoint
    state.log.append(
        {
            "client_id": client_id,
            "seq": m.seq,
            "mutation_id": m.mutation_id,
            "name": m.name[:64],
            "status": status,
            "result": result,
            "error": error.model_dump() if error else None,
            "version": version,
            "applied_at": utcnow(),
        }
    )
    set_committed_value(client, "last_seq", m.seq)
    return MutationResult(
        seq=m.seq, mutation_id=m.mutation_id, status=status, error=error, result=result, version=version
    )
