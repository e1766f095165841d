"""The queue's rows as compact columns, and the filtering, sorting and wait levels over them.

Qt-free on purpose: the table model in ``workstation.views.queue_view`` shows what this module
computes. Measured on the project's slow 2-core machines, a stock ``QSortFilterProxyModel`` needs
seconds per keystroke over 100,000 rows; plain Python over parallel lists needs milliseconds. So:

* rows are loaded with one SQL join into parallel lists (one list per column), addressed by a
  *position* that never changes while the store lives (a deleted row is only marked dead);
* every sort order is computed once over all positions and cached until the rows change, so that a
  filter walks the cached order and its result comes out already sorted;
* the text filter runs over a precomputed lowercase search text per row;
* a live change reloads only the changed conversations by id (``fetch_rows``), never the whole
  table.

Loading (``fetch_rows``) only reads the database and returns plain tuples, so it can run on a
worker thread; ``QueueRows.apply`` mutates the store and belongs to the thread that owns it (the UI
thread, through ``workstation.background``).
"""

from __future__ import annotations

import enum
import heapq
from bisect import bisect_left, insort
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import compress, repeat
from operator import contains
from typing import Any, Literal, NamedTuple

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.orm import aliased

from workstation.models import Buyer, Colleague, Conversation, Shop

WaitLevel = Literal["normal", "amber", "red"]

#: status filter values understood by ``QueueRows.filter`` besides the record statuses:
#: ``None`` shows every open conversation (closed ones hidden), ``"mine"`` those assigned to me,
#: ``"all"`` everything including closed.
STATUS_FILTERS: tuple[str, ...] = ("waiting", "mine", "assigned", "closed", "all")


@dataclass(frozen=True)
class Thresholds:
    """Seconds of waiting after which a row turns amber, then red (Qianniu turns red at 100 s)."""

    amber: float = 60.0
    red: float = 100.0


DEFAULT_THRESHOLDS = Thresholds()


def wait_level(
    seconds: float | None, group: str, thresholds: Mapping[str, Thresholds] | None = None
) -> WaitLevel:
    """The colour level of a wait of ``seconds`` in skill group ``group``."""
    if seconds is None:
        return "normal"
    limits = (thresholds or {}).get(group, DEFAULT_THRESHOLDS)
    if seconds >= limits.red:
        return "red"
    if seconds >= limits.amber:
        return "amber"
    return "normal"


class Column(enum.IntEnum):
    """The queue's columns, in display order."""

    WAIT = 0
    BUYER = 1
    SHOP = 2
    GROUP = 3
    PREVIEW = 4
    LAST_MESSAGE = 5
    ASSIGNEE = 6
    STATUS = 7


class RowData(NamedTuple):
    """One conversation as the queue shows it; what ``fetch_rows`` returns."""

    id: int
    buyer_nickname: str
    shop_id: int
    shop_name: str
    group: str
    preview: str
    #: epoch seconds (UTC) or None when nobody is waiting for an answer
    waiting_since: float | None
    last_message_at: float
    assignee_id: int | None
    assignee_name: str
    assignee_staff_id: str
    status: str
    assignment_version: int
    buyer_id: int


def _epoch_sql(column: Any) -> Any:
    """Epoch seconds computed by SQLite from the stored naive-UTC text.

    Parsing 200,000 datetimes in Python (and converting them again) was most of the time the
    initial load of 100,000 rows took; ``julianday`` does it in C, in every SQLite version that
    Windows and macOS Pythons ship. NULL stays NULL.
    """
    return (func.julianday(column) - 2440587.5) * 86400.0


# A bare Select: its type parameters differ between SQLAlchemy 2.0 and 2.1.
def _query() -> Select:
    assignee = aliased(Colleague)
    # Outer joins: pages arrive in version order, so a conversation can be cached before its
    # buyer, shop or assignee; it still belongs in the queue.
    return (
        select(
            # Every column comes out of SQLite in the type RowData holds (NULLs folded here), so
            # that a row is built with RowData._make and no per-value conversion in Python.
            Conversation.id,
            func.coalesce(Buyer.nickname, ""),
            Conversation.shop_id,
            func.coalesce(Shop.name, ""),
            Conversation.group,
            func.coalesce(Conversation.last_message_preview, ""),
            _epoch_sql(Conversation.waiting_since),
            func.coalesce(_epoch_sql(Conversation.last_message_at), 0.0),
            Conversation.assignee_id,
            func.coalesce(assignee.display_name, ""),
            func.coalesce(assignee.staff_id, ""),
            Conversation.status,
            Conversation.assignment_version,
            Conversation.buyer_id,
        )
        .select_from(Conversation)
        .outerjoin(Buyer, Buyer.id == Conversation.buyer_id)
        .outerjoin(Shop, Shop.id == Conversation.shop_id)
        .outerjoin(assignee, assignee.id == Conversation.assignee_id)
    )


def _row(raw: Sequence[object]) -> RowData:
    return RowData._make(raw)


# SQLite limits the number of bound parameters per statement; stay well below it.
_CHUNK = 900


def fetch_rows(
    engine: Engine,
    *,
    conversation_ids: Collection[int] | None = None,
    buyer_ids: Collection[int] = (),
    shop_ids: Collection[int] = (),
    assignee_ids: Collection[int] = (),
) -> list[RowData]:
    """Read queue rows with one SQL join.

    Without ``conversation_ids`` (None) and without any other id, every conversation is read (the
    initial load). Otherwise only the conversations with those ids, or whose buyer, shop or
    assignee is among the given ids (their names are shown in the row), are read.
    Safe to call from a worker thread: it opens its own connection and touches no shared state.
    """
    full = conversation_ids is None and not buyer_ids and not shop_ids and not assignee_ids
    with engine.connect() as conn:
        if full:
            return [_row(r) for r in conn.execute(_query())]
        found: dict[int, RowData] = {}
        groups: list[tuple[object, list[int]]] = [
            (Conversation.id, sorted(conversation_ids or ())),
            (Conversation.buyer_id, sorted(buyer_ids)),
            (Conversation.shop_id, sorted(shop_ids)),
            (Conversation.assignee_id, sorted(assignee_ids)),
        ]
        for column, ids in groups:
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start:start + _CHUNK]
                stmt = _query().where(column.in_(chunk))  # type: ignore[attr-defined]
                for raw in conn.execute(stmt):
                    row = _row(raw)
                    found[row.id] = row
        return list(found.values())


def ids_for_changes(ids: Mapping[str, set[str]]) -> dict[str, set[int]]:
    """Which queue-relevant ids a sync ``ChangeSummary.ids`` names, as ``fetch_rows`` keywords.

    Messages do not matter here: a new message also updates its conversation's preview and times.
    """
    def ints(entity: str) -> set[int]:
        out: set[int] = set()
        for raw in ids.get(entity, ()):
            try:
                out.add(int(raw))
            except ValueError:
                continue
        return out

    return {
        "conversation_ids": ints("conversation"),
        "buyer_ids": ints("buyer"),
        "shop_ids": ints("shop"),
        "assignee_ids": ints("user"),
    }


def fetch_changed(engine: Engine, ids: Mapping[str, set[str]]) -> tuple[list[RowData], set[int]]:
    """Rows to apply for a sync change summary, and the conversation ids that no longer exist."""
    wanted = ids_for_changes(ids)
    conv_ids = wanted["conversation_ids"]
    if not any(wanted.values()):
        return [], set()
    rows = fetch_rows(
        engine,
        conversation_ids=conv_ids,
        buyer_ids=wanted["buyer_ids"],
        shop_ids=wanted["shop_ids"],
        assignee_ids=wanted["assignee_ids"],
    )
    present = {r.id for r in rows}
    return rows, conv_ids - present


@dataclass
class ApplyResult:
    """What ``QueueRows.apply`` changed, by position."""

    changed: list[int]
    added: list[int]
    removed: list[int]

    @property
    def empty(self) -> bool:
        return not (self.changed or self.added or self.removed)


# Default order buckets: waiting first, then mine, then others', closed last.
_BUCKET_WAITING, _BUCKET_MINE, _BUCKET_OTHERS, _BUCKET_CLOSED = 0, 1, 2, 3
_FAR_FUTURE = float("inf")
#: a previous filter result up to this size is refined in place when the agent types on
_REFINE_MAX = 20_000


class QueueRows:
    """Every conversation of the queue in parallel lists addressed by position.

    Sort orders and condition masks are computed once and then kept up to date row by row as
    live changes arrive (a bisect per changed row instead of re-sorting 100,000 rows), so that a
    live update costs milliseconds whatever the queue's size.
    """

    def __init__(self, my_user_id: int | None = None) -> None:
        self.my_user_id = my_user_id
        self.ids: list[int] = []
        self.buyer_nickname: list[str] = []
        self.buyer_id: list[int] = []
        self.shop_id: list[int] = []
        self.shop_name: list[str] = []
        self.group: list[str] = []
        self.preview: list[str] = []
        self.waiting_since: list[float | None] = []
        self.last_message_at: list[float] = []
        self.assignee_id: list[int | None] = []
        self.assignee_name: list[str] = []
        self.assignee_staff_id: list[str] = []
        self.status: list[str] = []
        self.assignment_version: list[int] = []
        #: lowercase text the filter searches: nickname, shop, preview, assignee, conversation id
        self.search: list[str] = []
        self.alive: list[bool] = []
        self.position: dict[int, int] = {}
        #: per sort column (None: the default order): the sort key of every position
        self._keys: dict[Column | None, list[tuple[object, ...]]] = {}
        #: per sort column: live positions in ascending key order
        self._orders: dict[Column | None, list[int]] = {}
        #: per condition: (predicate on a position, one byte per position)
        self._masks: dict[tuple[object, ...], tuple[Callable[[int], bool], bytearray]] = {}
        #: bumped by every change of the rows: a cached filter result is only reused within one
        self._generation = 0
        #: the last filter: (conditions and generation, words, result) for refining it
        self._last: tuple[tuple[object, ...], list[str], list[int]] | None = None
        #: how many rows of the last filter's result wait for an agent
        self.last_waiting = 0
        #: shops() as of a generation
        self._shops: tuple[int, list[tuple[int, str]]] | None = None

    # ------------------------------------------------------------------ loading

    def __len__(self) -> int:
        """The number of live rows."""
        return len(self.position)

    def replace_all(self, rows: Iterable[RowData]) -> None:
        """Drop everything and load ``rows`` (the initial load, or after a cache reset)."""
        self.__init__(self.my_user_id)  # type: ignore[misc]
        for row in rows:
            self._append(row)

    def apply(self, rows: Iterable[RowData], deleted_ids: Iterable[int] = ()) -> ApplyResult:
        """Update the store with freshly read ``rows`` and remove ``deleted_ids``."""
        result = ApplyResult([], [], [])
        for row in rows:
            pos = self.position.get(row.id)
            if pos is None:
                pos = self._append(row)
                result.added.append(pos)
            else:
                self._unorder(pos)
                self._set(pos, row)
                result.changed.append(pos)
            self._reorder(pos)
        for cid in deleted_ids:
            pos = self.position.get(cid)
            if pos is not None:
                self._unorder(pos)
                del self.position[cid]
                self.alive[pos] = False
                self._refresh_masks(pos)
                result.removed.append(pos)
        if not result.empty:
            self._generation += 1
        return result

    def _append(self, row: RowData) -> int:
        pos = len(self.ids)
        for name in ("ids", "buyer_nickname", "buyer_id", "shop_id", "shop_name", "group", "preview",
                     "waiting_since", "last_message_at", "assignee_id", "assignee_name",
                     "assignee_staff_id", "status", "assignment_version", "search"):
            getattr(self, name).append(None)
        self.alive.append(True)
        self.position[row.id] = pos
        self._set(pos, row)
        return pos

    def _set(self, pos: int, row: RowData) -> None:
        self.ids[pos] = row.id
        self.buyer_nickname[pos] = row.buyer_nickname
        self.buyer_id[pos] = row.buyer_id
        self.shop_id[pos] = row.shop_id
        self.shop_name[pos] = row.shop_name
        self.group[pos] = row.group
        self.preview[pos] = row.preview
        self.waiting_since[pos] = row.waiting_since
        self.last_message_at[pos] = row.last_message_at
        self.assignee_id[pos] = row.assignee_id
        self.assignee_name[pos] = row.assignee_name
        self.assignee_staff_id[pos] = row.assignee_staff_id
        self.status[pos] = row.status
        self.assignment_version[pos] = row.assignment_version
        self.search[pos] = "\x1f".join(
            (row.buyer_nickname, row.shop_name, row.preview, row.assignee_name,
             row.assignee_staff_id, str(row.id))
        ).lower()
        self.alive[pos] = True

    def _unorder(self, pos: int) -> None:
        """Take a live position out of every cached order (its keys are still the old ones)."""
        if not self.alive[pos]:
            return
        for column, order in self._orders.items():
            keys = self._keys[column]
            i = bisect_left(order, keys[pos], key=keys.__getitem__)
            while order[i] != pos:  # equal keys cannot happen (the id breaks ties), but be safe
                i += 1
            del order[i]

    def _reorder(self, pos: int) -> None:
        """Recompute a position's keys and masks and put it back into every cached order."""
        for column, keys in self._keys.items():
            key = self._key(column, pos)
            if pos == len(keys):
                keys.append(key)
            else:
                keys[pos] = key
            insort(self._orders[column], pos, key=keys.__getitem__)
        self._refresh_masks(pos)

    def _refresh_masks(self, pos: int) -> None:
        for predicate, mask in self._masks.values():
            while len(mask) <= pos:
                mask.append(0)
            mask[pos] = 1 if predicate(pos) else 0

    def row(self, pos: int) -> RowData:
        """The row at ``pos`` as one tuple (for tests and for a detail view)."""
        return RowData(
            id=self.ids[pos],
            buyer_nickname=self.buyer_nickname[pos],
            shop_id=self.shop_id[pos],
            shop_name=self.shop_name[pos],
            group=self.group[pos],
            preview=self.preview[pos],
            waiting_since=self.waiting_since[pos],
            last_message_at=self.last_message_at[pos],
            assignee_id=self.assignee_id[pos],
            assignee_name=self.assignee_name[pos],
            assignee_staff_id=self.assignee_staff_id[pos],
            status=self.status[pos],
            assignment_version=self.assignment_version[pos],
            buyer_id=self.buyer_id[pos],
        )

    # ------------------------------------------------------------------ derived values

    def is_mine(self, pos: int) -> bool:
        return self.my_user_id is not None and self.assignee_id[pos] == self.my_user_id

    def waiting_seconds(self, pos: int, now: float) -> float | None:
        """How long the buyer has waited for an answer at ``now`` (epoch seconds), or None."""
        since = self.waiting_since[pos]
        if since is None or self.status[pos] == "closed":
            return None
        return max(0.0, now - since)

    def level(self, pos: int, now: float, thresholds: Mapping[str, Thresholds] | None = None) -> WaitLevel:
        return wait_level(self.waiting_seconds(pos, now), self.group[pos], thresholds)

    def _bucket(self, pos: int) -> int:
        status = self.status[pos]
        if status == "closed":
            return _BUCKET_CLOSED
        if status == "waiting":
            return _BUCKET_WAITING
        return _BUCKET_MINE if self.is_mine(pos) else _BUCKET_OTHERS

    # ------------------------------------------------------------------ sorting and filtering

    def _key(self, column: Column | None, pos: int) -> tuple[object, ...]:
        """The sort key of ``pos`` for ``column``; the conversation id breaks ties, so that every
        order is total, stable and reproducible."""
        cid = self.ids[pos]
        if column is None:
            # Waiting first with the longest wait on top, then mine (those with a buyer waiting
            # for my answer first, longest wait on top), then others', then closed; within equal
            # waits the most recent message first.
            ws = self.waiting_since[pos]
            return (self._bucket(pos), _FAR_FUTURE if ws is None else ws, -self.last_message_at[pos], cid)
        if column == Column.WAIT:
            # Longest wait first when ascending: oldest waiting_since; no wait sorts last.
            ws = self.waiting_since[pos]
            return (_FAR_FUTURE if ws is None else ws, cid)
        if column == Column.BUYER:
            return (self.buyer_nickname[pos].lower(), cid)
        if column == Column.SHOP:
            return (self.shop_name[pos].lower(), cid)
        if column == Column.GROUP:
            return (self.group[pos], cid)
        if column == Column.PREVIEW:
            return (self.preview[pos].lower(), cid)
        if column == Column.LAST_MESSAGE:
            return (self.last_message_at[pos], cid)
        if column == Column.ASSIGNEE:
            return (self.assignee_name[pos].lower(), cid)
        if column == Column.STATUS:
            return (self.status[pos], cid)
        raise ValueError(f"unknown column {column!r}")

    def order(self, column: Column | None = None, descending: bool = False) -> list[int]:
        """Every live position sorted by ``column`` (None: the default queue order).

        The ascending order is computed once and then maintained; descending is its reverse.
        """
        order = self._orders.get(column)
        if order is None:
            keys = [self._key(column, p) for p in range(len(self.ids))]
            live = [p for p in range(len(self.ids)) if self.alive[p]]
            order = _sort_in_pieces(live, keys.__getitem__)
            self._keys[column] = keys
            self._orders[column] = order
        return order[::-1] if descending else order

    def filter(
        self,
        text: str = "",
        shop_id: int | None = None,
        group: str | None = None,
        status: str | None = None,
        *,
        column: Column | None = None,
        descending: bool = False,
    ) -> list[int]:
        """Positions of the rows that match, in the order of ``column``.

        ``text`` matches case-insensitively anywhere in buyer nickname, shop name, preview,
        assignee name or staff id, or the conversation id; several words must all match.
        ``status``: None (open conversations: closed hidden), a record status, ``"mine"``
        or ``"all"``. Afterwards ``last_waiting`` holds how many of the matches wait.
        """
        words = text.lower().split()
        context = (shop_id, group, status, column, descending, self._generation)
        last = self._last
        self._last = None
        if (last is not None and last[0] == context and last[1] and len(last[2]) <= _REFINE_MAX
                and all(any(old in new for new in words) for old in last[1])):
            # Typing on: every row that matches the longer text matched the shorter one, so only
            # the previous (short) result needs looking at, and it is already in order.
            search = self.search
            result = last[2]
            for word in words:
                result = [p for p in result if word in search[p]]
            statuses = self.status
            self.last_waiting = sum(1 for p in result if statuses[p] == "waiting")
            self._last = (context, words, result)
            return result

        order = self.order(column, descending)
        # Each condition is a byte mask over positions. Conditions that do not change per
        # keystroke are cached and kept up to date by ``apply``; the text mask is computed by
        # walking the search texts in storage order (memory-friendly: walking them in sort order
        # costs about five times more on this hardware, from cache misses alone) with the loop
        # kept in C by map/repeat. Masks are ANDed as big integers, then one pass picks the
        # sorted positions.
        masks: list[bytes | bytearray] = []
        # The predicates hold the column lists, not ``self``: no reference cycle, so a replaced
        # store is freed at once by reference counting.
        shops, groups, statuses, assignees = self.shop_id, self.group, self.status, self.assignee_id
        if shop_id is not None:
            masks.append(self._mask(("shop", shop_id), lambda p: shops[p] == shop_id))
        if group:
            masks.append(self._mask(("group", group), lambda p: groups[p] == group))
        if status is None:
            masks.append(self._mask(("open",), lambda p: statuses[p] != "closed"))
        elif status == "mine":
            me = self.my_user_id
            masks.append(self._mask(
                ("mine",), lambda p: assignees[p] == me and statuses[p] != "closed"
            ))
        elif status != "all":
            masks.append(self._mask(("status", status), lambda p: statuses[p] == status))
        for word in words:
            masks.append(bytes(map(contains, self.search, repeat(word))))
        # Counting the waiting matches on the masks (a popcount) costs far less than a pass over
        # the result; dead positions are masked out by ``alive``.
        acc = int.from_bytes(self._mask(("alive",), self.alive.__getitem__), "little")
        for mask in masks:
            acc &= int.from_bytes(mask, "little")
        waiting = self._mask(("status", "waiting"), lambda p: statuses[p] == "waiting")
        self.last_waiting = (acc & int.from_bytes(waiting, "little")).bit_count()
        if not masks or acc.bit_count() == len(self.position):
            # Every live row matches (no condition, or the first letters of a word that every
            # row has): no need to pick through 100,000 positions one by one.
            result = list(order)
        else:
            combined = acc.to_bytes(len(self.ids), "little")
            # In slices: one C call over 100,000 positions holds the GIL for ~8 ms, and on a
            # worker (the queue's rebuild) the UI thread would wait that long for every call
            # into Python that painting makes.
            result = []
            for start in range(0, len(order), _SLICE):
                piece = order[start:start + _SLICE]
                result.extend(compress(piece, map(combined.__getitem__, piece)))
        self._last = (context, words, result)
        return result

    def _mask(self, key: tuple[object, ...], predicate: Callable[[int], bool]) -> bytearray:
        """The cached mask of a condition, computed on first use."""
        entry = self._masks.get(key)
        if entry is None:
            entry = (predicate, bytearray(map(predicate, range(len(self.ids)))))
            self._masks[key] = entry
        return entry[1]

    def release(self) -> None:
        """Empty this store one container at a time (after it has been replaced).

        Dropping 100,000 rows at once frees them in one C call that holds the GIL for ~40 ms;
        emptied piece by piece on a worker, no single step is long and the UI thread gets its
        turns in between."""
        for value in list(vars(self).values()):
            if isinstance(value, dict):
                for inner in value.values():
                    if isinstance(inner, list):
                        inner.clear()
                value.clear()
            elif isinstance(value, list | bytearray):
                value.clear()
        self._last = None
        self._shops = None

    def shops(self) -> list[tuple[int, str]]:
        """(shop id, name) of every shop that has a row, sorted by name, for the shop filter.

        Cached per generation: a walk over 100,000 rows costs ~25 ms, too much for the UI thread
        at every live change (the full load warms it on its worker)."""
        cached = self._shops
        if cached is not None and cached[0] == self._generation:
            return cached[1]
        seen: dict[int, str] = {}
        for pos in self.position.values():
            seen.setdefault(self.shop_id[pos], self.shop_name[pos])
        shops = sorted(seen.items(), key=lambda item: (item[1], item[0]))
        self._shops = (self._generation, shops)
        return shops


_SORT_PIECE = 2_500
#: positions handled by one C-level call where a worker must not hold the GIL for long
_SLICE = 10_000


def _sort_in_pieces(items: list[int], key: Callable[[int], tuple[object, ...]]) -> list[int]:
    """``sorted(items, key=key)``, in pieces merged in Python bytecode.

    One ``sorted`` call over 100,000 keys holds the GIL for about 70 ms here, and the UI thread
    waits that long when it runs on a worker; sorted pieces merged by ``heapq.merge`` cost a bit
    more in total but never hold the GIL for more than about a millisecond.
    """
    if len(items) <= _SORT_PIECE * 2:
        return sorted(items, key=key)
    pieces = [sorted(items[i:i + _SORT_PIECE], key=key) for i in range(0, len(items), _SORT_PIECE)]
    return list(heapq.merge(*pieces, key=key))


def now_epoch() -> float:
    """The wall clock in epoch seconds (UTC): what wait times are measured against."""
    return datetime.now(UTC).timestamp()


__all__ = [
    "DEFAULT_THRESHOLDS",
    "STATUS_FILTERS",
    "ApplyResult",
    "Column",
    "QueueRows",
    "RowData",
    "Thresholds",
    "WaitLevel",
    "fetch_changed",
    "fetch_rows",
    "ids_for_changes",
    "now_epoch",
    "wait_level",
]
