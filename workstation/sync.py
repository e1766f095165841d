"""The sync client: the outbox (local writes, pushed exactly once) and the cache (pulled in pages).

``SyncEngine`` does one thing at a time when asked (``enqueue``, ``push``, ``pull``); ``SyncLoop``
is the background thread that asks it at the right moments and reports status and changes through
callbacks (the GUI turns them into Qt signals). The design and how each guarantee of the sync brief
is kept are in ``docs/SYNC.md``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from sqlalchemy import Integer, Table, bindparam, cast, delete, func, select, update
from sqlalchemy.orm import Session

from workstation.api import (
    ApiClient,
    ApiError,
    AppTooOld,
    MalformedResponse,
    Offline,
    SequenceGapError,
    ServerUnavailable,
    Unauthorized,
)
from workstation.db import LocalDB
from workstation.gcpolicy import gc_paused
from workstation.models import CACHE_TABLES, OutboxEntry, OutboxStatus, SnapshotSeen
from workstation.models import Phrase as CachePhrase
from workstation.timeutil import to_aware_utc, utcnow, utcnow_naive
from wsprotocol import (
    DEFAULT_PULL_LIMIT,
    MAX_MUTATION_ARGS_BYTES,
    MAX_PUSH_BATCH,
    MUTATION_ARGS,
    RECORD_MODELS,
    SCHEMA_ID,
    Mutation,
    MutationResult,
    PushRequest,
)

log = logging.getLogger(__name__)

#: acknowledged outbox rows are kept this long as a journal (shown in the sync view, and resent
#: if the server turns out to have lost them: restored from a backup)
JOURNAL_DAYS = 14
#: seconds between progressive change deliveries during a long pull
PROGRESS_INTERVAL = 2.0
#: records checked between two explicit yields of the GIL (time.sleep(0)) during a page
VALIDATE_SLICE = 250

# sync_state keys
K_CURSOR = "cursor"
K_EPOCH = "epoch"
K_SCHEMA = "schema_id"
K_REBUILD = "rebuilding"  # set while a reset's snapshot is being pulled (value: the reason)
K_LAST_SEQ = "last_seq"  # highest sequence number ever assigned (survives journal pruning)
K_LAST_SYNCED = "last_synced_at"


@dataclass
class ChangeSummary:
    """What a sync step changed in the cache: entity → ids upserted or deleted. ``reset`` means the
    cache was filled or rebuilt from scratch (first sync, reset), possibly still in progress:
    screens should reload everything (in the background) rather than merge the listed ids."""

    ids: dict[str, set[str]] = field(default_factory=dict)
    reset: bool = False
    #: the fill is still in progress after these changes (more pages to come): screens that show
    #: rows as they arrive reload, but derived work over the whole cache (search index, work
    #: lists, notifications) waits for the summary that ends the fill. Without this, a first sync
    #: of 100,000 rows rebuilt them every 2 s and starved the UI thread of the GIL.
    filling: bool = False

    def add(self, entity: str, ids: Iterable[str]) -> None:
        self.ids.setdefault(entity, set()).update(ids)

    def merge(self, other: ChangeSummary) -> None:
        for entity, ids in other.ids.items():
            self.add(entity, ids)
        self.reset = self.reset or other.reset
        if other.reset or other:
            self.filling = other.filling  # the later state wins: a fill ends with filling False

    def __bool__(self) -> bool:
        return self.reset or any(self.ids.values())


SyncState = Literal["online", "syncing", "offline", "needs_login", "app_too_old"]


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows. ``since``: offline since (UTC, aware)."""

    state: SyncState
    since: datetime | None = None
    pending: int = 0
    rejected: int = 0
    message: str | None = None
    last_synced_at: datetime | None = None


# ----------------------------------------------------------------------------- record conversion


_MISSING = object()


def _conv_int(v: Any) -> int:
    if type(v) is not int:
        raise ValueError(f"expected an integer, got {type(v).__name__}")
    return v


def _conv_bool(v: Any) -> int:
    if type(v) is not bool:
        raise ValueError(f"expected true or false, got {type(v).__name__}")
    return int(v)  # SQLite has no booleans: 0 or 1, read back as bool by the Boolean column


def _conv_str(v: Any) -> str:
    if type(v) is not str:
        raise ValueError(f"expected a string, got {type(v).__name__}")
    return v


def _conv_dt(v: Any) -> str:
    """ISO 8601 from the wire → the text SQLAlchemy's SQLite DATETIME stores (naive UTC,
    ``YYYY-MM-DD HH:MM:SS.ffffff``), so that ORM reads and SQL ordering both work."""
    if type(v) is not str:
        raise ValueError(f"expected a timestamp, got {type(v).__name__}")
    d = datetime.fromisoformat(v)  # validates (C, fast) even when the shortcut below is taken
    if len(v) == 32 and v[10] == "T" and v.endswith("+00:00"):
        return v[:10] + " " + v[11:26]  # the service's own form: UTC with microseconds
    offset = d.utcoffset()
    if offset:
        d = d - offset
    return d.replace(tzinfo=None).isoformat(" ", "microseconds")


def _nullable(conv: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def inner(v: Any) -> Any:
        return None if v is None else conv(v)

    return inner


def _one_of(allowed: frozenset[str]) -> Callable[[Any], str]:
    def inner(v: Any) -> str:
        if v not in allowed:
            raise ValueError(f"unexpected value {v!r}")
        return v

    return inner


def _json_list(item: Callable[[Any], Any]) -> Callable[[Any], str]:
    def inner(v: Any) -> str:
        if type(v) is not list:
            raise ValueError("expected a list")
        for x in v:
            item(x)
        return json.dumps(v, ensure_ascii=False)

    return inner


def _json_model(model: type[BaseModel]) -> Callable[[Any], str]:
    """A nested record (order items, a presale, shipment events): validated by its protocol model
    (these are few per row, so pydantic's cost does not matter here), stored as JSON text."""

    def inner(v: Any) -> str:
        if type(v) is not dict:
            raise ValueError(f"expected an object for {model.__name__}")
        try:
            model.model_validate(v)
        except ValidationError as exc:
            raise ValueError(f"{model.__name__}: {exc.errors()[0].get('msg', exc)}") from exc
        return json.dumps(v, ensure_ascii=False)

    return inner


def _converter(annotation: Any) -> Callable[[Any], Any]:
    """A fast checker/converter for one record field, derived from the protocol's annotation."""
    origin, args = get_origin(annotation), get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _json_model(annotation)
    if origin in (Union, UnionType) and type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        return _nullable(_converter(inner))
    if origin is Literal:
        return _one_of(frozenset(args))
    if origin is list:
        return _json_list(_converter(args[0]))
    if annotation is bool:
        return _conv_bool
    if annotation is int:
        return _conv_int
    if annotation is str:
        return _conv_str
    if annotation is datetime:
        return _conv_dt
    raise TypeError(f"no converter for {annotation!r}")


class _EntityCodec:
    """Turns wire records of one entity into rows (tuples) for its cache table.

    Written by hand rather than through pydantic and SQLAlchemy parameter processing: an initial
    sync of 100,000 conversations spent most of its time there. Each field is still checked
    against the protocol's type (derived from ``wsprotocol.RECORD_MODELS`` once), and a record
    that does not fit raises ``MalformedResponse``.
    """

    def __init__(self, entity: str) -> None:
        self.entity = entity
        model: type[BaseModel] = RECORD_MODELS[entity]
        self.table: Table = CACHE_TABLES[entity].__table__  # type: ignore[assignment]
        self.fields = ["id", *(f for f in model.model_fields if f != "id")]
        self.converters = [_converter(model.model_fields[f].annotation) for f in self.fields]
        self.defaults = [
            _MISSING
            if model.model_fields[f].is_required()
            else model.model_fields[f].get_default(call_default_factory=True)
            for f in self.fields
        ]
        self.columns = [*self.fields, "version"]
        self.key_is_int = self.table.c.id.type.python_type is int
        missing = set(self.columns) - set(self.table.c.keys())
        if missing:  # a protocol change that the models were not updated for: fail loudly, early
            raise RuntimeError(f"cache table {self.table.name} lacks columns {sorted(missing)}")
        self._sql: dict[str, str] = {}

    def rows(self, datas: list[dict[str, Any]], versions: list[int]) -> list[tuple[Any, ...]]:
        """Validate and convert; the id is the first element of each row, the version the last."""
        out: list[tuple[Any, ...]] = []
        spec = list(zip(self.fields, self.converters, self.defaults, strict=True))
        for n, (data, version) in enumerate(zip(datas, versions, strict=True)):
            row: list[Any] = []
            try:
                for name, conv, default in spec:
                    value = data.get(name, default)
                    if value is _MISSING:
                        raise ValueError("missing")
                    row.append(conv(value))
            except (ValueError, TypeError) as exc:
                raise MalformedResponse(
                    f"A {self.entity} record from the server is malformed: field {name!r}: {exc}",
                    code="malformed",
                ) from exc
            row.append(version)
            out.append(tuple(row))
            if n % VALIDATE_SLICE == VALIDATE_SLICE - 1:
                time.sleep(0)  # let the UI thread in
        return out

    def upsert_sql(self, mode: str) -> str:
        """INSERT ... ON CONFLICT DO UPDATE, executed with ``executemany`` over tuples.

        ``pull``: newer-or-equal versions win, and a conversation's assignment never goes back (a
        claim answer written by ``apply_records`` is not undone by an older page in flight).
        ``rebuild``: unconditional (a restored server's versions may be lower than ours).
        ``action``: a server answer outside the pull stream. A claim's answer carries no change
        version (0): it keeps the row's version (the next pull overwrites it) and only moves
        forward by ``assignment_version``. A send/transfer/close/escalate answer carries the
        conversation's change version (``ConversationActionResponse.version``): a send changes
        ``last_message_*``/``waiting_since`` without bumping ``assignment_version``, so a newer
        change version also wins (never over a newer assignment), and that version is stored.
        """
        sql = self._sql.get(mode)
        if sql is not None:
            return sql
        t = f'"{self.table.name}"'
        cols = ", ".join(f'"{c}"' for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        sets = {c: f'excluded."{c}"' for c in self.columns if c != "id"}
        has_assignment = "assignment_version" in self.columns
        where = ""
        if mode == "pull":
            where = f"excluded.version >= {t}.version"
            if has_assignment:
                where += f" AND excluded.assignment_version >= {t}.assignment_version"
        elif mode == "action":
            sets["version"] = f"max({t}.version, excluded.version)"
            where = (
                f"excluded.assignment_version > {t}.assignment_version OR "
                f"(excluded.assignment_version = {t}.assignment_version AND excluded.version > {t}.version)"
                if has_assignment
                else f"excluded.version >= {t}.version"
            )
        set_sql = ", ".join(f'"{c}" = {v}' for c, v in sets.items())
        sql = f'INSERT INTO {t} ({cols}) VALUES ({marks}) ON CONFLICT ("id") DO UPDATE SET {set_sql}'
        if where:
            sql += f" WHERE {where}"
        self._sql[mode] = sql
        return sql

    def key_value(self, text: str) -> Any:
        return int(text) if self.key_is_int else text


_CODECS: dict[str, _EntityCodec] = {}


def _codec(entity: str) -> _EntityCodec:
    codec = _CODECS.get(entity)
    if codec is None:
        codec = _CODECS[entity] = _EntityCodec(entity)
    return codec


# ----------------------------------------------------------------------------- engine

#: the smallest push batch after timeouts (see ``SyncEngine._push_batch``)
MIN_PUSH_BATCH = 10


@dataclass(frozen=True)
class Outgoing:
    """An outbox row as a push reads it (Core, not an ORM object: a drain reads thousands)."""

    seq: int
    mutation_id: str
    name: str
    args: dict[str, Any]
    base_version: int | None
    authored_at: datetime


_OUTBOX: Table = OutboxEntry.__table__  # type: ignore[assignment]
_NEXT_BATCH = (
    select(
        _OUTBOX.c.seq,
        _OUTBOX.c.mutation_id,
        _OUTBOX.c.name,
        _OUTBOX.c.args,
        _OUTBOX.c.base_version,
        _OUTBOX.c.authored_at,
    )
    .where(_OUTBOX.c.status == OutboxStatus.PENDING, _OUTBOX.c.seq > bindparam("b_after"))
    .order_by(_OUTBOX.c.seq)
    .limit(bindparam("b_limit"))
)
_ACK = (
    update(_OUTBOX)
    .where(_OUTBOX.c.seq == bindparam("b_seq"))
    .values(
        attempts=_OUTBOX.c.attempts + 1,
        status=bindparam("b_status"),
        acked_at=bindparam("b_acked_at"),
        server_version=bindparam("b_version"),
        result=bindparam("b_result", type_=_OUTBOX.c.result.type),
        last_error=bindparam("b_error"),
    )
)
_TRIED = update(_OUTBOX).where(_OUTBOX.c.seq == bindparam("b_seq")).values(attempts=_OUTBOX.c.attempts + 1)


#: key in a rejected outbox row's ``result``: the seq of the corrected copy sent in its place
RESENT_AS = "resent_as"
_NOT_RESENT = func.json_extract(OutboxEntry.result, f"$.{RESENT_AS}").is_(None)


def resent_as(result: Any) -> int | None:
    """The seq of the change that was sent again in place of a rejected one (its ``result``)."""
    value = result.get(RESENT_AS) if isinstance(result, dict) else None
    return value if isinstance(value, int) else None


def mutation_of(entry: OutboxEntry | Outgoing) -> Mutation:
    """An outbox row as the protocol sends it."""
    return Mutation(
        seq=entry.seq,
        mutation_id=entry.mutation_id,
        name=entry.name,
        args=entry.args,
        base_version=entry.base_version,
        authored_at=to_aware_utc(entry.authored_at),
    )


class SyncEngine:
    """Push the outbox, pull the cache. Thread-safe: one sync at a time (a lock), local writes from
    any thread at any time."""

    def __init__(
        self, db: LocalDB, api: ApiClient, *, page_limit: int = DEFAULT_PULL_LIMIT, batch_size: int = 100
    ) -> None:
        self.db = db
        self.api = api
        self.page_limit = page_limit
        self.batch_size = min(batch_size, MAX_PUSH_BATCH)
        #: the batch actually sent: halved when a push times out, doubled back after each answer.
        #: A long queue (thousands of notes written offline) on a slow or busy service can take
        #: longer than the read timeout per batch of 100; the same batch would then time out again
        #: and again, each time only answered from the service's log further. Smaller batches
        #: finish in time.
        self._push_batch = self.batch_size
        self._sync_lock = threading.RLock()
        self._changes_lock = threading.Lock()
        self._unreported = ChangeSummary()
        #: set to make a long pull stop between pages (SyncLoop.stop)
        self.cancel = threading.Event()
        self._fetcher: ThreadPoolExecutor | None = None
        self._filling = False
        self._collision: int | None = None
        #: called (on the sync thread) after each stored page; SyncLoop uses it to show a long
        #: first sync progressively
        self.on_page: Callable[[], None] | None = None
        self._fetcher_lock = threading.Lock()
        #: the seqs of the batch on the wire right now (empty between pushes): the pending-changes
        #: view shows them as "sending" (``workstation.pending``). Replaced, never mutated, so a
        #: reader on another thread always sees a whole set.
        self.sending: frozenset[int] = frozenset()
        #: called after ``enqueue`` committed on its own transaction; ``SyncLoop`` sets it to its
        #: ``wake``, so a write made through any core function (notes, handovers) is pushed soon
        #: and the status bar's pending count follows at once, even offline
        self.on_enqueued: Callable[[], None] | None = None

    # -- the outbox (local writes)

    def enqueue(
        self,
        name: str,
        args: dict[str, Any],
        base_version: int | None = None,
        *,
        session: Session | None = None,
    ) -> OutboxEntry:
        """Record a local change: this IS the local write (guarantee 1). Committed when this returns,
        unless ``session`` is given, in which case it joins that transaction (commit it yourself,
        together with whatever the agent sees change; open it with ``LocalDB.transaction()`` so that
        it begins IMMEDIATE)."""
        model = MUTATION_ARGS.get(name)
        if model is None:
            raise ValueError(f"Unknown change {name!r}; known: {', '.join(sorted(MUTATION_ARGS))}")
        try:
            clean = model.model_validate(args).model_dump(mode="json")
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "arguments"
            raise ValueError(f"Invalid {name}: {where}: {first['msg']}") from exc
        if len(json.dumps(clean, ensure_ascii=False).encode()) > MAX_MUTATION_ARGS_BYTES:
            raise ValueError(f"Invalid {name}: the change is larger than {MAX_MUTATION_ARGS_BYTES} bytes")

        def write(s: Session) -> OutboxEntry:
            last = max(
                s.scalar(select(func.max(OutboxEntry.seq))) or 0,
                int(self.db.get_state(K_LAST_SEQ, s) or 0),
            )
            entry = OutboxEntry(
                seq=last + 1,
                mutation_id=str(uuid.uuid4()),
                name=name,
                args=clean,
                base_version=base_version,
                authored_at=utcnow_naive(),
                status=OutboxStatus.PENDING,
                attempts=0,
            )
            s.add(entry)
            self.db.set_state(K_LAST_SEQ, str(last + 1), s)
            s.flush()
            return entry

        if session is not None:
            return write(session)
        with self.db.transaction() as s:
            entry = write(s)
        if self.on_enqueued is not None:
            self.on_enqueued()
        return entry

    def _entries(self, status: OutboxStatus) -> list[OutboxEntry]:
        with self.db.session() as s:
            query = select(OutboxEntry).where(OutboxEntry.status == status)
            if status == OutboxStatus.REJECTED:
                query = query.where(_NOT_RESENT)
            return list(s.scalars(query.order_by(OutboxEntry.seq)))

    def _count(self, status: OutboxStatus) -> int:
        with self.db.session() as s:
            query = select(func.count()).where(OutboxEntry.status == status)
            if status == OutboxStatus.REJECTED:
                query = query.where(_NOT_RESENT)
            return s.scalar(query) or 0

    def pending(self) -> list[OutboxEntry]:
        return self._entries(OutboxStatus.PENDING)

    def pending_count(self) -> int:
        return self._count(OutboxStatus.PENDING)

    def rejected(self) -> list[OutboxEntry]:
        """Rejected changes still to fix (not those already sent again)."""
        return self._entries(OutboxStatus.REJECTED)

    def rejected_count(self) -> int:
        return self._count(OutboxStatus.REJECTED)

    def resubmit(self, seq: int, args: dict[str, Any] | None = None) -> OutboxEntry:
        """Send a rejected change again (as a new change, optionally with corrected arguments); the
        rejected row stays in the journal, marked with the new change's number (``resent_as``) in
        the same transaction, so that it no longer counts as rejected, after a restart too."""
        with self.db.transaction() as s:
            old = s.get(OutboxEntry, seq)
            if old is None or old.status != OutboxStatus.REJECTED:
                raise ValueError(f"change {seq} is not a rejected change")
            if resent_as(old.result) is not None:
                raise ValueError(f"change {seq} was already sent again as change {resent_as(old.result)}")
            entry = self.enqueue(
                old.name, args if args is not None else dict(old.args), old.base_version, session=s
            )
            old.result = {**(old.result or {}), RESENT_AS: entry.seq}
            return entry

    # -- push

    def push(self) -> int:
        """Send pending changes in sequence order, in batches; returns how many were acknowledged
        (applied or rejected). Raises Offline/ServerUnavailable/Unauthorized/... on failure, after
        storing every result that did arrive.

        Pipelined: once a batch's answer has come back whole (every change acknowledged under its
        own id), the next batch goes on the wire before that answer is stored, so that the
        service applies one batch while this side stores the previous one. Nothing is marked
        done before its answer is stored; a crash in between sends the batch again, and the
        service answers it from its log (exactly once). Any other answer (a gap, numbers the
        service holds under other ids, a partial answer) is handled with nothing in flight."""
        with self._sync_lock:
            client_id = self.db.client_id()
            acked = 0
            stalls = 0
            batch = self._next_batch()
            inflight = self._send(client_id, batch) if batch else None
            try:
                while batch and inflight is not None and not self.cancel.is_set():
                    self.sending = frozenset(e.seq for e in batch)
                    try:
                        response = inflight.result()
                    except ServerUnavailable as exc:
                        # The server stopped the batch for a passing reason; what it applied before
                        # stopping is in the error's detail: store it now (a retry would get the same).
                        self._store_partial(batch, exc.detail)
                        raise
                    except SequenceGapError as gap:
                        stalls += 1
                        if stalls > 3:
                            raise
                        self._handle_gap(gap.expected_seq, batch[0].seq)
                        batch = self._next_batch()
                        inflight = self._send(client_id, batch) if batch else None
                        continue
                    except Offline:
                        self._push_batch = max(MIN_PUSH_BATCH, self._push_batch // 2)
                        raise
                    except CancelledError:
                        break  # the engine is closing (close() cancels what waits on the fetcher)
                    self._push_batch = min(self.batch_size, self._push_batch * 2)
                    whole = self._whole(batch, response.results)
                    following: list[Outgoing] = []
                    inflight = None
                    if whole:
                        following = self._next_batch(after=batch[-1].seq)
                        if following:
                            inflight = self._send(client_id, following)
                            self.sending = frozenset(e.seq for e in batch + following)
                    done = self._store_results(batch, response.results)
                    acked += done
                    if whole:
                        stalls = 0
                        batch = following
                        continue
                    if self._collision is not None:
                        log.error(
                            "push: the server holds other changes under our numbers from %d on; "
                            "renumbering after %d",
                            self._collision,
                            response.last_seq,
                        )
                        stalls += 1
                        if stalls > 3:
                            raise MalformedResponse(
                                "The server keeps answering with other changes' ids", code="malformed"
                            )
                        with self.db.transaction() as s:
                            movers = list(
                                s.scalars(
                                    select(OutboxEntry)
                                    .where(
                                        OutboxEntry.seq >= self._collision,
                                        OutboxEntry.status == OutboxStatus.PENDING,
                                    )
                                    .order_by(OutboxEntry.seq)
                                )
                            )
                            start = max(response.last_seq, self._max_seq(s)) + 1
                            self._renumber(s, movers, start)
                    elif done == 0:
                        stalls += 1
                        if stalls > 3:
                            raise MalformedResponse(
                                "The server acknowledged none of the changes sent", code="malformed"
                            )
                    else:
                        stalls = 0
                    batch = self._next_batch()
                    inflight = self._send(client_id, batch) if batch else None
            finally:
                if inflight is not None:
                    # cancelled, or failed: an answer still on its way is dropped (those changes
                    # stay pending; a later push gets the stored answers)
                    inflight.cancel()
                self.sending = frozenset()
            if acked:
                self._prune_journal()
            return acked

    def _send(self, client_id: str, batch: list[Outgoing]) -> Future[Any]:
        """Post a push on the fetcher thread (its own HTTP session)."""
        request = PushRequest(client_id=client_id, mutations=[mutation_of(e) for e in batch])
        return self._executor().submit(self.api.push, request)

    @staticmethod
    def _whole(batch: list[Outgoing], results: list[Any]) -> bool:
        """Every change of ``batch`` acknowledged, each under its own id."""
        if len(results) != len(batch):
            return False
        return all(
            r.seq == e.seq and r.mutation_id == e.mutation_id for e, r in zip(batch, results, strict=True)
        )

    def _next_batch(self, after: int = 0) -> list[Outgoing]:
        with self.db.session() as s:
            rows = s.connection().execute(_NEXT_BATCH, {"b_after": after, "b_limit": self._push_batch})
            return [Outgoing(*row) for row in rows]

    def _store_results(self, batch: list[Outgoing], results: list[Any]) -> int:
        """Store the server's answers; returns how many of ``batch`` were acknowledged. Sets
        ``self._collision`` to the first seq that the server holds under another change's id."""
        by_seq = {r.seq: r for r in results}
        now = utcnow_naive()
        acks: list[dict[str, Any]] = []
        tried: list[dict[str, Any]] = []
        self._collision = None
        for entry in batch:
            r = by_seq.get(entry.seq)
            if r is None:
                tried.append({"b_seq": entry.seq})
                continue
            if r.mutation_id != entry.mutation_id:
                # The server holds a different change under this number (this cache lost its
                # numbering, e.g. restored from an old copy): never mark ours done; push()
                # renumbers it after the server's last number.
                tried.append({"b_seq": entry.seq})
                self._collision = entry.seq
                break
            applied = r.status == "applied"
            if not applied:
                # the service's own words (English) for the log; screens word it by its code
                log.warning(
                    "change %d (%s) rejected by the service: %s: %s",
                    entry.seq,
                    entry.name,
                    r.error.code if r.error else "?",
                    r.error.message if r.error else "",
                )
            acks.append(
                {
                    "b_seq": entry.seq,
                    "b_status": OutboxStatus.APPLIED if applied else OutboxStatus.REJECTED,
                    "b_acked_at": now,
                    "b_version": r.version,
                    "b_result": (
                        r.result if applied or r.error is None else {"error": r.error.model_dump(mode="json")}
                    ),
                    "b_error": (
                        None if applied else (r.error.message if r.error else "rejected by the server")
                    ),
                }
            )
        if acks or tried:
            # Core statements, one executemany each: no ORM objects for a batch of answers
            with self.db.transaction() as s:
                conn = s.connection()
                if acks:
                    conn.execute(_ACK, acks)
                if tried:
                    conn.execute(_TRIED, tried)
        return len(acks)

    def _store_partial(self, batch: list[Outgoing], detail: Any) -> None:
        applied = detail.get("applied") if isinstance(detail, dict) else None
        if not isinstance(applied, list) or not applied:
            return
        try:
            results = [MutationResult.model_validate(r) for r in applied]
        except ValidationError:
            return
        self._store_results(batch, results)

    def _handle_gap(self, expected: int, first_sent: int) -> None:
        """The server expects ``expected`` next but we sent ``first_sent``.

        ``expected < first_sent``: the server lost changes it had acknowledged (restored from a
        backup). Resend them from the journal; if the journal no longer has them all, renumber
        what we have from ``expected`` (changes pruned from the journal cannot be recovered).
        ``expected > first_sent``: the server has used numbers we think are free (our cache was
        restored from an older copy); renumber our pending changes after it.
        """
        log.warning("push sequence gap: server expects %d, we sent %d", expected, first_sent)
        with self.db.transaction() as s:
            if expected < first_sent:
                journal = list(
                    s.scalars(
                        select(OutboxEntry)
                        .where(OutboxEntry.seq >= expected, OutboxEntry.seq < first_sent)
                        .order_by(OutboxEntry.seq)
                    )
                )
                if [e.seq for e in journal] == list(range(expected, first_sent)):
                    for e in journal:
                        # Rejected ones too: the server must see every number to move on.
                        e.status = OutboxStatus.PENDING
                    return
                movers = list(
                    s.scalars(
                        select(OutboxEntry).where(OutboxEntry.seq >= expected).order_by(OutboxEntry.seq)
                    )
                )
                for e in movers:
                    e.status = OutboxStatus.PENDING
            else:
                movers = list(
                    s.scalars(
                        select(OutboxEntry).where(OutboxEntry.seq >= first_sent).order_by(OutboxEntry.seq)
                    )
                )
            self._renumber(s, movers, expected)

    def _max_seq(self, s: Session) -> int:
        return max(
            s.scalar(select(func.max(OutboxEntry.seq))) or 0, int(self.db.get_state(K_LAST_SEQ, s) or 0)
        )

    def _renumber(self, s: Session, entries: list[OutboxEntry], start: int) -> None:
        # Two steps through negative numbers so that no intermediate state violates the primary key.
        mapping = {e.seq: start + i for i, e in enumerate(entries)}
        ids = [e.seq for e in entries]
        s.flush()
        s.expunge_all()
        for old in ids:
            s.execute(update(OutboxEntry).where(OutboxEntry.seq == old).values(seq=-old))
        for old in ids:
            s.execute(update(OutboxEntry).where(OutboxEntry.seq == -old).values(seq=mapping[old]))
        top = max(mapping.values(), default=start - 1)
        current = int(self.db.get_state(K_LAST_SEQ, s) or 0)
        self.db.set_state(K_LAST_SEQ, str(max(current, top)), s)
        # Anything left above the renumbered range (rejected journal rows) must not be reused.

    def _prune_journal(self) -> None:
        cutoff = utcnow_naive() - timedelta(days=JOURNAL_DAYS)
        with self.db.transaction() as s:
            s.execute(
                delete(OutboxEntry).where(
                    OutboxEntry.status == OutboxStatus.APPLIED,
                    OutboxEntry.acked_at < cutoff,
                )
            )

    # -- pull

    def pull(self) -> ChangeSummary:
        """Pull pages until caught up; each page and its cursor are stored in one transaction.

        The next page is requested (on the fetcher thread) while the current one is being stored:
        the server's work and the transfer overlap with ours. That does not loosen guarantee 3:
        page N+1 is only stored after page N and its cursor committed, and is thrown away if
        storing page N fails.
        """
        with self._sync_lock:
            summary = ChangeSummary()
            self._check_schema()
            resets = 0
            cursor = self.db.get_state(K_CURSOR) or ""
            # Filling the cache from nothing (first sync, rebuild): every page is "reload all" for
            # the screens, which then read the cache in the background instead of merging tens
            # of thousands of changed ids on the UI thread.
            self._filling = cursor == ""
            future = self._fetch(cursor)
            # A fill allocates millions of short-lived objects: no cyclic GC passes meanwhile
            # (they would hold the GIL, and so the UI thread, for tens of ms each; see gcpolicy).
            paused = contextlib.ExitStack()
            if self._filling:
                paused.enter_context(gc_paused())
            try:
                while not self.cancel.is_set():
                    data = future.result()
                    epoch = data.get("epoch")
                    known_epoch = self.db.get_state(K_EPOCH)
                    reason = data.get("reset")
                    if reason is None and known_epoch is not None and epoch != known_epoch and cursor:
                        reason = "epoch"  # the server should have said so; be safe anyway
                    if reason is not None:
                        resets += 1
                        if resets > 3:
                            raise MalformedResponse("The server keeps asking for a reset", code="malformed")
                        self._begin_rebuild(str(reason))
                        cursor = ""
                        self._filling = True
                        future = self._fetch(cursor)
                        continue
                    more = bool(data.get("has_more")) and bool(data.get("changes"))
                    if more:
                        cursor = str(data.get("cursor", ""))
                        future = self._fetch(cursor)
                    self._apply_page(data, summary)
                    if not more:
                        break
            finally:
                future.cancel()
                if self._filling and summary.filling:
                    # A fill cut short (network lost, cancelled): the screens waiting for its end
                    # get one, and catch up from what is stored.
                    end = ChangeSummary(reset=True)
                    summary.merge(end)
                    with self._changes_lock:
                        self._unreported.merge(end)
                self._filling = False
                paused.close()
            return summary

    def _fetch(self, cursor: str) -> Future[dict[str, Any]]:
        return self._executor().submit(self.api.pull_raw, cursor, self.page_limit)

    def _executor(self) -> ThreadPoolExecutor:
        with self._fetcher_lock:
            if self._fetcher is None:
                # One long-lived thread, so that it keeps one HTTP session (and connection).
                self._fetcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="workstation-fetch")
            return self._fetcher

    def close(self) -> None:
        """Stop the fetcher thread (it may finish a request in flight; its answer is dropped)."""
        with self._fetcher_lock:
            fetcher, self._fetcher = self._fetcher, None
        if fetcher is not None:
            fetcher.shutdown(wait=False, cancel_futures=True)

    def _check_schema(self) -> None:
        stored = self.db.get_state(K_SCHEMA)
        if stored is not None and stored != SCHEMA_ID and self.db.get_state(K_REBUILD) is None:
            # This app's cache layout differs from the one the cache was built with: rebuild it.
            self._begin_rebuild("schema")

    def _begin_rebuild(self, reason: str) -> None:
        log.warning("sync reset (%s): rebuilding the cache; the outbox is kept", reason)
        with self.db.transaction() as s:
            s.execute(delete(SnapshotSeen))
            self.db.set_state(K_REBUILD, reason, s)
            self.db.set_state(K_CURSOR, "", s)

    def _apply_page(self, data: dict[str, Any], summary: ChangeSummary) -> bool:
        """Store one page; returns True when there is more to pull."""
        changes = data.get("changes") or []
        # Last change per key wins within a page (pages are in version order).
        latest: dict[tuple[str, str], dict[str, Any]] = {}
        for ch in changes:
            if not isinstance(ch, dict):
                raise MalformedResponse("A change in the pull answer is not an object", code="malformed")
            entity, key, op = ch.get("entity"), ch.get("id"), ch.get("op")
            if (
                entity not in RECORD_MODELS
                or not isinstance(key, str)
                or op not in ("upsert", "delete")
                or not isinstance(ch.get("version"), int)
            ):
                raise MalformedResponse(
                    f"A change in the pull answer is malformed: {str(ch)[:200]}", code="malformed"
                )
            if op == "upsert" and not isinstance(ch.get("data"), dict):
                raise MalformedResponse("An upsert without data in the pull answer", code="malformed")
            latest[(entity, key)] = ch
        upserts: dict[str, tuple[list[dict[str, Any]], list[int]]] = {}
        deletes: dict[str, list[str]] = {}
        for (entity, key), ch in latest.items():
            if ch["op"] == "upsert":
                datas, versions = upserts.setdefault(entity, ([], []))
                datas.append(ch["data"])
                versions.append(ch["version"])
            else:
                deletes.setdefault(entity, []).append(key)
        # Validation and conversion happen before the transaction, so the write lock is held only
        # for the inserts.
        rows = {entity: _codec(entity).rows(d, v) for entity, (d, v) in upserts.items()}
        rebuilding = self.db.get_state(K_REBUILD)
        has_more = bool(data.get("has_more"))
        page = ChangeSummary()
        with self.db.transaction() as s:
            self._store_page(s, rows, deletes, rebuilding is not None, page)
            if rebuilding is not None and not has_more:
                self._finish_rebuild(s, page)
            self._store_cursor(s, str(data.get("cursor", "")), str(data.get("epoch", "")))
        if self._filling:
            page.reset = True
            page.filling = has_more and bool(changes)
        summary.merge(page)
        with self._changes_lock:
            self._unreported.merge(page)
        if self.on_page is not None:
            self.on_page()
        return has_more and bool(changes)

    def _store_page(
        self,
        s: Session,
        rows: dict[str, list[tuple[Any, ...]]],
        deletes: dict[str, list[str]],
        rebuilding: bool,
        page: ChangeSummary,
    ) -> None:
        mode = "rebuild" if rebuilding else "pull"
        for entity, entity_rows in rows.items():
            codec = _codec(entity)
            if entity_rows:
                s.connection().exec_driver_sql(codec.upsert_sql(mode), entity_rows)
                ids = [str(r[0]) for r in entity_rows]
                page.add(entity, ids)
                if rebuilding:
                    s.connection().exec_driver_sql(
                        "INSERT OR IGNORE INTO snapshot_seen (entity, id) VALUES (?, ?)",
                        [(entity, i) for i in ids],
                    )
        for entity, keys in deletes.items():
            codec = _codec(entity)
            s.execute(
                delete(codec.table).where(codec.table.c.id == _bind_key()),
                [{"key": codec.key_value(k)} for k in keys],
            )
            if rebuilding:
                # Core table, not the ORM class: SQLAlchemy refuses an executemany ORM delete.
                seen: Table = SnapshotSeen.__table__  # type: ignore[assignment]
                s.connection().execute(
                    delete(seen).where(seen.c.entity == entity, seen.c.id == _bind_key()),
                    [{"key": k} for k in keys],
                )
            page.add(entity, keys)

    def _finish_rebuild(self, s: Session, page: ChangeSummary) -> None:
        """The snapshot is complete: only now remove cache rows it did not contain."""
        for entity, model in CACHE_TABLES.items():
            table: Table = model.__table__  # type: ignore[assignment]
            seen_ids: Any = select(SnapshotSeen.id).where(SnapshotSeen.entity == entity)
            if _codec(entity).key_is_int:
                seen_ids = select(cast(SnapshotSeen.id, Integer)).where(SnapshotSeen.entity == entity)
            gone = [str(k) for k in s.scalars(select(table.c.id).where(table.c.id.not_in(seen_ids)))]
            if gone:
                s.execute(delete(table).where(table.c.id.not_in(seen_ids)))
                page.add(entity, gone)
        s.execute(delete(SnapshotSeen))
        self.db.set_state(K_REBUILD, None, s)
        page.reset = True

    def _store_cursor(self, s: Session, cursor: str, epoch: str) -> None:
        self.db.set_state(K_CURSOR, cursor, s)
        if epoch:
            self.db.set_state(K_EPOCH, epoch, s)
        self.db.set_state(K_SCHEMA, SCHEMA_ID, s)
        self.db.set_state(K_LAST_SYNCED, utcnow_naive().isoformat(), s)

    # -- both

    def sync_once(self) -> ChangeSummary:
        """Push, then pull (so that the pull brings back our own changes as the server has them)."""
        with self._sync_lock:
            self.push()
            return self.pull()

    def apply_records(self, records: list[tuple[str, dict[str, Any]]]) -> ChangeSummary:
        """Write server records received outside the pull stream (a claim's answer) into the cache,
        so that the screen updates before the next pull. Never moves a record backwards."""
        by_entity: dict[str, tuple[list[dict[str, Any]], list[int]]] = {}
        for entity, data in records:
            datas, versions = by_entity.setdefault(entity, ([], []))
            datas.append(data)
            versions.append(int(data.get("version", 0) or 0))
        summary = ChangeSummary()
        with self.db.transaction() as s:
            for entity, (datas, versions) in by_entity.items():
                codec = _codec(entity)
                rows = codec.rows(datas, versions)
                s.connection().exec_driver_sql(codec.upsert_sql("action"), rows)
                summary.add(entity, [str(r[0]) for r in rows])
        self._report(summary)
        return summary

    def _report(self, summary: ChangeSummary) -> None:
        with self._changes_lock:
            self._unreported.merge(summary)

    def take_changes(self) -> ChangeSummary:
        """Everything changed in the cache since the last call (also by steps that later failed)."""
        with self._changes_lock:
            out, self._unreported = self._unreported, ChangeSummary()
        return out

    def last_synced_at(self) -> datetime | None:
        value = self.db.get_state(K_LAST_SYNCED)
        return to_aware_utc(datetime.fromisoformat(value)) if value else None


def _bind_key() -> Any:
    return bindparam("key")


# ----------------------------------------------------------------------------- pending overlay


@dataclass(frozen=True)
class PhraseView:
    """A quick phrase as the screens show it: the cache with this workstation's unsent changes on
    top. ``pending``: changed here and not yet acknowledged by the server."""

    id: str
    shop_id: int | None
    owner_id: int | None
    group_name: str
    code: str
    text: str
    position: int
    pending: bool = False


def phrases_view(session: Session, user_id: int) -> list[PhraseView]:
    """The phrases this user sees: cached server state, then pending outbox changes in order.

    A save written offline shows at once (marked pending); a pending delete hides the phrase. A
    rejected change is not applied here: it is listed by ``SyncEngine.rejected`` for the agent to
    fix, while the phrase shows what the server has.
    """
    views: dict[str, PhraseView] = {
        p.id: PhraseView(p.id, p.shop_id, p.owner_id, p.group_name, p.code, p.text, p.position)
        for p in session.scalars(select(CachePhrase))
    }
    pending = session.scalars(
        select(OutboxEntry)
        .where(OutboxEntry.status == OutboxStatus.PENDING, OutboxEntry.name.like("phrase.%"))
        .order_by(OutboxEntry.seq)
    )
    for entry in pending:
        args = entry.args
        pid = str(args.get("id", ""))
        if entry.name == "phrase.delete@1":
            views.pop(pid, None)
        elif entry.name == "phrase.save@1":
            team = args.get("scope") == "team"
            views[pid] = PhraseView(
                id=pid,
                shop_id=args.get("shop_id") if team else None,
                owner_id=None if team else user_id,
                group_name=str(args.get("group_name", "")),
                code=str(args.get("code", "")),
                text=str(args.get("text", "")),
                position=int(args.get("position", 0)),
                pending=True,
            )
    return sorted(views.values(), key=lambda v: (v.group_name, v.position, v.code, v.id))


# ----------------------------------------------------------------------------- loop


class SyncLoop:
    """The background sync thread (and a second thread listening to the live channel)."""

    def __init__(
        self,
        engine: SyncEngine,
        *,
        on_status: Callable[[SyncStatus], None],
        on_changes: Callable[[ChangeSummary], None],
        poll_interval: float = 30.0,
        live: bool = True,
        backoff_base: float = 1.0,
        backoff_max: float = 60.0,
    ) -> None:
        self.engine = engine
        engine.on_enqueued = self.wake
        self.on_status = on_status
        self.on_changes = on_changes
        self.poll_interval = poll_interval
        self.live = live
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._live_thread: threading.Thread | None = None
        self._status: SyncStatus | None = None
        self._state: SyncState = "syncing"
        self._since: datetime | None = None
        self._message: str | None = None
        self._retry_now = False
        self._last_delivery = time.monotonic()
        self._progress_count = 0
        self.failures = 0
        #: attempts made (tests read it to prove retries happen without a new local write)
        self.attempts = 0

    @property
    def status(self) -> SyncStatus | None:
        return self._status

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the sync loop is already running")
        self.engine.on_page = self._on_page
        self._thread = threading.Thread(target=self._run, name="workstation-sync", daemon=True)
        self._thread.start()
        if self.live:
            self._live_thread = threading.Thread(target=self._run_live, name="workstation-live", daemon=True)
            self._live_thread.start()

    def stop(self, timeout: float = 5) -> None:
        self._stop.set()
        self.engine.cancel.set()
        self._wake.set()
        self.engine.api.close_events()
        deadline = time.monotonic() + timeout
        for t in (self._thread, self._live_thread):
            if t is not None:
                t.join(max(0.0, deadline - time.monotonic()))
        self.engine.cancel.clear()

    def wake(self) -> None:
        """Sync soon: after a local write. While offline this only refreshes the pending count;
        the backoff keeps running (a burst of writes must not hammer a server that is down)."""
        self._wake.set()

    def retry_now(self) -> None:
        """Sync now even while backing off (the agent pressed "retry")."""
        self._retry_now = True
        self._wake.set()

    # -- internals

    def _emit(self) -> None:
        try:
            pending, rejected = self.engine.pending_count(), self.engine.rejected_count()
            last = self.engine.last_synced_at()
        except Exception:  # the DB is closing under us: nothing to report
            log.debug("status not computed", exc_info=True)
            return
        status = SyncStatus(
            state=self._state,
            since=self._since if self._state == "offline" else None,
            pending=pending,
            rejected=rejected,
            message=self._message,
            last_synced_at=last,
        )
        if status != self._status:
            self._status = status
            try:
                self.on_status(status)
            except Exception:
                log.exception("status callback failed")

    def _on_page(self) -> None:
        # During a long pull (a first sync of 100,000 rows), hand the screens what arrived so far
        # instead of everything at the end: after PROGRESS_INTERVAL, then at intervals growing by
        # half each time (2, 3, 4.5 … s, at most 15 s). A fill's delivery makes the queue re-read
        # the whole cache, so fixed intervals would cost O(rows²) over a long fill.
        now = time.monotonic()
        interval = min(PROGRESS_INTERVAL * 1.5**self._progress_count, 15.0)
        if now - self._last_delivery >= interval:
            self._deliver_changes(progress=True)

    def _deliver_changes(self, progress: bool = False) -> None:
        self._progress_count = self._progress_count + 1 if progress else 0
        self._last_delivery = time.monotonic()
        changes = self.engine.take_changes()
        if changes:
            try:
                self.on_changes(changes)
            except Exception:
                log.exception("changes callback failed")

    def _backoff(self, floor: float = 0.0) -> float:
        # Exponential with "full jitter" between half and all of it, so that many clients coming
        # back after an outage do not hit the server in lockstep.
        ceiling = min(self.backoff_max, self.backoff_base * (2 ** min(self.failures - 1, 16)))
        return max(floor, random.uniform(ceiling / 2, ceiling))

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            self.attempts += 1
            delay = self.poll_interval
            # "syncing" only when it means something to the agent (changes going out, or the first
            # sync); a routine poll with nothing to send would only make the status bar flicker.
            if self._state != "offline" and (self._status is None or self.engine.pending_count()):
                self._state = "syncing"
                self._emit()
            try:
                self.engine.sync_once()
                self.failures = 0
                self._state, self._since, self._message = "online", None, None
            except (Offline, ServerUnavailable) as exc:
                self.failures += 1
                if self._since is None:
                    self._since = utcnow()
                self._state, self._message = "offline", exc.message
                delay = self._backoff(exc.retry_after if isinstance(exc, ServerUnavailable) else 0.0)
            except Unauthorized as exc:
                # Refresh was refused: local work goes on; wait for a login (wake) or the slow poll.
                self._state, self._message = "needs_login", exc.message
            except AppTooOld as exc:
                self._state, self._message = "app_too_old", exc.message
                delay = max(self.poll_interval, 300.0)
            except ApiError as exc:
                self.failures += 1
                log.warning("sync failed: %s", exc)
                self._state, self._message = "offline", exc.message
                if self._since is None:
                    self._since = utcnow()
                delay = self._backoff()
            except Exception as exc:  # a bug: keep the loop alive, report, retry later
                if self._stop.is_set():
                    # Shutting down while a step was under way: the cache may already be closed
                    # (stop() waits only so long). Nothing is lost: the step's transaction did
                    # not commit and the next start resumes from the stored cursor and outbox.
                    log.info("sync step ended by shutdown: %s", exc)
                    break
                self.failures += 1
                log.exception("sync failed unexpectedly")
                self._state, self._message = "offline", str(exc)
                if self._since is None:
                    self._since = utcnow()
                delay = self._backoff()
            if self._stop.is_set():
                break
            self._deliver_changes()
            self._emit()
            self._wait(delay)

    def _wait(self, delay: float) -> None:
        # Wake early on wake(); while waiting, report a pending-count change (a local write made
        # while offline shows up in the status bar at once).
        deadline = time.monotonic() + delay
        while not self._stop.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            if self._wake.wait(min(remaining, 1.0)):
                if self._retry_now:
                    self._retry_now = False
                    return
                if self._state in ("offline", "app_too_old") and not self._stop.is_set():
                    # Offline: a new write does not shortcut the backoff, but it is counted.
                    self._wake.clear()
                    self._emit()
                    continue
                return

    def _run_live(self) -> None:
        failures = 0
        api = self.engine.api
        while not self._stop.is_set():
            try:
                for _event in api.events(self._stop):
                    failures = 0
                    # The server just spoke to us: if the main loop is backing off, end it now.
                    self.retry_now()
            except AppTooOld:
                return
            except (Offline, ServerUnavailable, Unauthorized, ApiError):
                failures += 1
            except Exception:
                log.exception("live channel failed")
                failures += 1
            if self._stop.is_set():
                return
            # Reconnect with backoff; the slow poll of the main loop covers the gap.
            self._stop.wait(min(30.0, 1.0 * (2 ** min(failures, 5))) * random.uniform(0.5, 1.0))
