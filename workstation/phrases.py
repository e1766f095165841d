"""Quick phrases without Qt: variable filling, and a search index (text, shortcut code, pinyin
initials) ranked by match quality and by how often this agent used each phrase.

The widgets (``workstation.views.phrase_assist``, ``workstation.views.phrase_manager``) are thin
layers over this module; everything here is tested without a ``QApplication``.

Search speed: with 15,000 phrases a keystroke must cost at most a few milliseconds in Python, so
the index keeps each searchable field of all phrases concatenated into ONE string, in rank order
(most used first), and lets ``str.find`` (C) do the scanning: the first hits found are already the
best ranked ones, and the scan stops as soon as enough are found. Prefix matches on codes and
initials use sorted lists and ``bisect``.
"""

from __future__ import annotations

import bisect
import enum
import re
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import lru_cache
from itertools import product
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from workstation.models import Buyer, Conversation, Order, PhraseUsage, Shipment, Shop
from workstation.sync import PhraseView, phrases_view
from workstation.timeutil import utcnow_naive
from wsprotocol import CARRIERS, PHRASE_VARIABLES, UserOut, phrase_variables, variable_key

if TYPE_CHECKING:
    from workstation.db import LocalDB

# ----------------------------------------------------------------------------- variables


@dataclass(frozen=True)
class VariableContext:
    """The values a phrase's variables take in one conversation; None when unknown (no order yet,
    no shipment, no conversation open). One field per key of ``wsprotocol.PHRASE_VARIABLES``."""

    buyer_nickname: str | None = None
    buyer_name: str | None = None
    order_no: str | None = None
    tracking_no: str | None = None
    carrier: str | None = None
    staff_id: str | None = None
    agent_name: str | None = None
    shop_name: str | None = None
    today: str | None = None

    def value(self, key: str) -> str | None:
        """The value of a variable by its English key; None when unknown or empty."""
        v = getattr(self, key, None)
        return v if v else None


# Keep the dataclass and the protocol's list of variables in step (a new variable in the protocol
# must get a field here, or filling it would silently report it missing forever).
assert {f.name for f in fields(VariableContext)} == set(PHRASE_VARIABLES), "VariableContext fields"


def today_text(day: date | None = None) -> str:
    """Today's local date as Chinese shops write it: ``2026年11月22日``."""
    d = day or datetime.now().astimezone().date()
    return f"{d.year}年{d.month}月{d.day}日"


def context_for(session: Session, conversation_id: int | None, user: UserOut) -> VariableContext:
    """The variable values for ``conversation_id`` (None: only the agent's own and today's), read
    from the local cache. The order is the buyer's most recent one in that shop."""
    base = {
        "staff_id": user.staff_id,
        "agent_name": user.display_name,
        "today": today_text(),
    }
    conv = session.get(Conversation, conversation_id) if conversation_id is not None else None
    if conv is None:
        return VariableContext(**base)
    shop = session.get(Shop, conv.shop_id)
    buyer = session.get(Buyer, conv.buyer_id)
    order = session.scalars(
        select(Order)
        .where(Order.buyer_id == conv.buyer_id, Order.shop_id == conv.shop_id)
        .order_by(Order.created_at.desc(), Order.id.desc())
        .limit(1)
    ).first()
    shipment = None
    if order is not None:
        shipment = session.scalars(
            select(Shipment)
            .where(Shipment.order_id == order.id)
            .order_by(Shipment.created_at.desc(), Shipment.id.desc())
            .limit(1)
        ).first()
    return VariableContext(
        **base,
        buyer_nickname=buyer.nickname if buyer else None,
        buyer_name=buyer.name if buyer else None,
        order_no=order.order_no if order else None,
        tracking_no=shipment.tracking_no if shipment else None,
        carrier=CARRIERS.get(shipment.carrier, shipment.carrier) if shipment else None,
        shop_name=shop.name if shop else None,
    )


@dataclass(frozen=True)
class Filled:
    """A phrase with its variables replaced. ``missing``: Chinese labels of variables without a
    value (left in the text as ``{标签}``); ``unknown``: names in braces that are no variable (left
    as written); ``spans``: ``(start, end)`` of each ``{标签}`` left in ``text``."""

    text: str
    missing: list[str]
    unknown: list[str]
    spans: list[tuple[int, int]]


def fill(text: str, ctx: VariableContext) -> Filled:
    """Replace each ``{变量}`` / ``{key}`` by its value. A variable without a value stays in the
    text written with its Chinese label, so that the composer can show it and block sending."""
    out: list[str] = []
    missing: list[str] = []
    unknown: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    length = 0
    for start, end, name in phrase_variables(text):
        piece = text[pos:start]
        out.append(piece)
        length += len(piece)
        key = variable_key(name)
        if key is None:
            if name not in unknown:
                unknown.append(name)
            piece = text[start:end]
        else:
            value = ctx.value(key)
            if value is None:
                label = PHRASE_VARIABLES[key]
                if label not in missing:
                    missing.append(label)
                piece = "{" + label + "}"
                spans.append((length, length + len(piece)))
            else:
                piece = value
        out.append(piece)
        length += len(piece)
        pos = end
    out.append(text[pos:])
    return Filled("".join(out), missing, unknown, spans)


def unresolved(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of every known variable still written in braces in ``text`` (a
    reply being composed): what must be filled in before it can be sent."""
    out = []
    for start, end, name in phrase_variables(text):
        key = variable_key(name)
        if key is not None:
            out.append((start, end, PHRASE_VARIABLES[key]))
    return out


def missing_labels(text: str) -> list[str]:
    """The Chinese labels of variables still unresolved in ``text``, in order, without repeats."""
    labels: list[str] = []
    for _s, _e, label in unresolved(text):
        if label not in labels:
            labels.append(label)
    return labels


# ----------------------------------------------------------------------------- pinyin initials

#: polyphonic characters (among the first ones of a phrase) whose every reading is indexed; the
#: rest take their most common reading. 3 keeps at most 2**3..4**3 variants per phrase in practice.
POLYPHONE_VARIANTS = 3
#: characters of a phrase whose initials are indexed: agents type the start of a phrase's initials,
#: rarely anything after its first sentence
INITIALS_CHARS = 40
#: initials kept for prefix matching (of every variant): nobody types more before picking
PREFIX_INITIALS = 12
#: at most this many initials strings per phrase
MAX_VARIANTS = 16

_ASCII_ALNUM = re.compile(r"[0-9a-z]")


@lru_cache(maxsize=65536)
def _char_initials(ch: str) -> tuple[str, ...]:
    """Initial letters of one character's readings, most common first ('' when it has none).

    Per character, not per phrase: pypinyin's phrase-aware conversion costs ~1 ms per phrase
    (15 s for 15,000), while a cache of a few thousand distinct characters is filled in well under
    a second. The polyphone variants make up for the lost context (行 → x and h)."""
    if ch.isascii():
        low = ch.lower()
        return (low,) if _ASCII_ALNUM.fullmatch(low) else ("",)
    # Imported here: pypinyin loads its dictionaries (~0.4 s) at import, and the index that needs
    # it is built on a worker, so the UI thread's start-up does not pay for it.
    from pypinyin import Style, pinyin

    readings = pinyin(ch, style=Style.FIRST_LETTER, heteronym=True)[0]
    letters: list[str] = []
    for r in readings:
        first = r[:1].lower()
        if first and _ASCII_ALNUM.fullmatch(first) and first not in letters:
            letters.append(first)
    return tuple(letters) or ("",)


def initials_variants(text: str) -> list[str]:
    """Pinyin initials of a phrase (``谢谢关注`` → ``xxgz``), one string per reading of its first
    few polyphonic characters. Variables and punctuation are left out; ASCII letters and digits
    are kept as they are (``EMS包邮`` → ``emsby``)."""
    plain = _VARIABLES_RE.sub("", text)[:INITIALS_CHARS]
    columns: list[tuple[str, ...]] = []
    poly = 0
    for ch in plain:
        letters = _char_initials(ch)
        if len(letters) > 1:
            if poly < POLYPHONE_VARIANTS:
                poly += 1
            else:
                letters = letters[:1]
        columns.append(letters)
    variants: list[str] = []
    for combo in product(*columns):
        s = "".join(combo)
        if s not in variants:
            variants.append(s)
        if len(variants) >= MAX_VARIANTS:
            break
    return variants or [""]


_VARIABLES_RE = re.compile(r"\{[^{}\s]{1,24}\}")


# ----------------------------------------------------------------------------- the index


class MatchKind(enum.IntEnum):
    """How a phrase matched a query; lower is better (the first sort key of a search)."""

    CODE_EXACT = 0
    CODE_PREFIX = 1
    INITIALS_PREFIX = 2
    TEXT = 3
    INITIALS = 4
    CODE = 5
    #: empty query: the most used phrases
    ANY = 6


@dataclass(frozen=True)
class PhraseHit:
    phrase: PhraseView
    kind: MatchKind


#: between the phrases in the concatenated search strings; never typed by anyone
_SEP = "\x00"


def normalize_query(query: str) -> str:
    """What the agent typed, as searched: a leading ``/`` (the popup's trigger) and surrounding
    spaces removed, lower case."""
    q = query.strip()
    if q.startswith("/"):
        q = q[1:]
    return q.strip().lower()


class _Concat:
    """Strings of many owners joined into one, each preceded by a separator, for ``str.find``
    scans in C: a substring search finds ``needle``, a prefix search finds ``SEP + needle``. The
    owners come in rank order, so the first hits are the best ranked."""

    def __init__(self, items: Iterable[tuple[int, str]]) -> None:
        # Flat arrays rather than lists of int objects: freed in one cheap step (a list of
        # 100,000 ints held the GIL while it was freed) and a quarter of the memory.
        owners = array("i")
        starts = array("q")
        parts: list[str] = []
        pos = 0
        for owner, s in items:
            owners.append(owner)
            starts.append(pos)
            parts.append(s)
            pos += len(s) + 1
        self.owners = owners
        self.starts = starts
        self.text = "".join(_SEP + p for p in parts)

    def scan(self, needle: str, seen: set[int], want: int, out: list[int], *, prefix: bool = False) -> None:
        """Append to ``out`` owners whose string contains (or starts with) ``needle``, in rank
        order, skipping ``seen`` (and adding to it), until ``out`` holds ``want``."""
        if not needle or _SEP in needle:
            return
        if prefix:
            needle = _SEP + needle
        text, starts, owners = self.text, self.starts, self.owners
        pos = text.find(needle)
        while pos >= 0 and len(out) < want:
            # starts[i] is where owner i's separator sits
            i = bisect.bisect_right(starts, pos) - 1
            owner = owners[i]
            if owner not in seen:
                seen.add(owner)
                out.append(owner)
            # On to the next string: a second hit in the same one adds nothing.
            nxt = starts[i + 1] if i + 1 < len(starts) else len(text)
            pos = text.find(needle, nxt)


class PhraseIndex:
    """Search over the phrases an agent sees. Immutable once built, except the usage counts
    (``record_use``); build a new one when phrases change (``load``, ~0.3 s for 15,000 phrases,
    on a worker)."""

    def __init__(self, phrases: Sequence[PhraseView], usage: Mapping[str, int] | None = None) -> None:
        self._usage: dict[str, int] = dict(usage or {})
        self._by_id = {p.id: p for p in phrases}
        # Initials do not depend on usage: computed once per phrase, reused by every reorder.
        self._initials = {p.id: initials_variants(p.text) for p in phrases}
        self._arrange()

    @classmethod
    def load(cls, db: LocalDB, user_id: int) -> PhraseIndex:
        """Read the phrases (cache + pending changes) and this agent's usage, and build the index."""
        with db.session() as s:
            phrases = phrases_view(s, user_id)
            usage = load_usage(s)
        return cls(phrases, usage)

    def _arrange(self) -> None:
        """(Re)build the rank order and the search structures from it."""
        usage = self._usage
        order = sorted(
            self._by_id.values(), key=lambda p: (-usage.get(p.id, 0), p.group_name, p.position, p.code, p.id)
        )
        self._order: list[PhraseView] = order
        initials = self._initials
        self._texts = _Concat((i, p.text.lower()) for i, p in enumerate(order))
        self._codes = _Concat((i, p.code.lower()) for i, p in enumerate(order) if p.code)
        # Prefixes are checked against every reading variant; substrings only against the most
        # common reading (scanning all variants of 15,000 phrases costs milliseconds per key).
        self._inits_all = _Concat(
            (i, v)
            for i, p in enumerate(order)
            for v in dict.fromkeys(v[:PREFIX_INITIALS] for v in initials.get(p.id, ()))
            if v
        )
        self._inits_main = _Concat((i, initials[p.id][0]) for i, p in enumerate(order) if initials.get(p.id))
        self._code_exact: dict[str, list[int]] = {}
        for i, p in enumerate(order):
            if p.code:
                self._code_exact.setdefault(p.code.lower(), []).append(i)

    # -- reading

    def __len__(self) -> int:
        return len(self._order)

    @property
    def phrases(self) -> list[PhraseView]:
        """All phrases, most used first."""
        return list(self._order)

    def get(self, phrase_id: str) -> PhraseView | None:
        return self._by_id.get(phrase_id)

    def usage(self, phrase_id: str) -> int:
        return self._usage.get(phrase_id, 0)

    def usage_counts(self) -> dict[str, int]:
        return dict(self._usage)

    def search(self, query: str, limit: int = 10) -> list[PhraseHit]:
        """The best ``limit`` phrases for what the agent typed: exact code, code prefix, initials
        prefix, text substring, initials substring, code substring — in that order of quality,
        then by this agent's usage (the rank order)."""
        q = normalize_query(query)
        order = self._order
        if limit <= 0:
            return []
        if not q:
            return [PhraseHit(p, MatchKind.ANY) for p in order[:limit]]
        seen: set[int] = set()
        hits: list[PhraseHit] = []

        def take(ranks: list[int], kind: MatchKind) -> None:
            for r in ranks:
                if len(hits) >= limit:
                    return
                if r not in seen:
                    seen.add(r)
                    hits.append(PhraseHit(order[r], kind))

        take(self._code_exact.get(q, []), MatchKind.CODE_EXACT)
        ascii_query = q.isascii()
        tiers = (
            (self._codes, MatchKind.CODE_PREFIX, True),
            (self._inits_all, MatchKind.INITIALS_PREFIX, True),
            (self._texts, MatchKind.TEXT, False),
            (self._inits_main, MatchKind.INITIALS, False),
            (self._codes, MatchKind.CODE, False),
        )
        for concat, kind, prefix in tiers:
            if len(hits) >= limit:
                break
            if not ascii_query and kind in (MatchKind.INITIALS_PREFIX, MatchKind.INITIALS):
                continue
            found: list[int] = []
            concat.scan(q, seen, limit - len(hits), found, prefix=prefix)
            hits.extend(PhraseHit(order[r], kind) for r in found)
        return hits

    # -- usage

    def with_use(self, phrase_id: str, count: int) -> PhraseIndex:
        """A copy of this index with ``phrase_id``'s usage set to ``count`` and re-ranked (~0.1 s
        for 15,000 phrases: call it on a worker, then swap the index on the UI thread)."""
        clone = PhraseIndex.__new__(PhraseIndex)
        clone._usage = dict(self._usage)
        clone._by_id = self._by_id
        clone._initials = self._initials
        if phrase_id in self._by_id:
            clone._usage[phrase_id] = count
        clone._arrange()
        return clone

    def record_use(self, db: LocalDB, phrase_id: str) -> PhraseIndex:
        """Count one use of a phrase in the local database; the index re-ranked with it."""
        return self.with_use(phrase_id, record_use(db, phrase_id))


def load_usage(session: Session) -> dict[str, int]:
    """This agent's phrase usage counts (the local table is per cache, i.e. per agent)."""
    return {u.phrase_id: u.count for u in session.scalars(select(PhraseUsage))}


def record_use(db: LocalDB, phrase_id: str) -> int:
    """Count one use of ``phrase_id`` (local table ``phrase_usage``); returns the new count."""
    now = utcnow_naive()
    with db.transaction() as s:
        stmt = sqlite_insert(PhraseUsage).values(phrase_id=phrase_id, count=1, last_used_at=now)
        stmt = stmt.on_conflict_do_update(
            index_elements=[PhraseUsage.phrase_id],
            set_={"count": PhraseUsage.count + 1, "last_used_at": now},
        )
        s.execute(stmt)
        return int(s.scalar(select(PhraseUsage.count).where(PhraseUsage.phrase_id == phrase_id)) or 0)


# ----------------------------------------------------------------------------- learning from history

#: conversations of this agent (most recent first) read to learn what each phrase answered
HISTORY_CONVERSATIONS = 2000
#: buyer messages kept per phrase (the most recent): enough to learn the words, bounded cost
EXAMPLES_PER_PHRASE = 20
#: a phrase is recognised in a sent reply by the literal text it starts with (before any
#: variable), at least this long: shorter heads (好的, 亲) would match everything
MIN_HEAD_CHARS = 4
#: of a buyer message kept as an example (a pasted 20,000-character text teaches nothing more)
MAX_EXAMPLE_CHARS = 500
_HEAD_KEY = 4

_HISTORY_SQL = sql_text(
    """
    WITH mine AS (
        SELECT DISTINCT conversation_id FROM message
        WHERE author_id = :uid AND sender = 'agent'
        ORDER BY conversation_id DESC LIMIT :convs
    ), seq AS (
        SELECT m.id, m.sender, m.author_id, m.text, m.created_at,
               LAG(m.sender) OVER w AS prev_sender, LAG(m.text) OVER w AS prev_text
        FROM message AS m JOIN mine ON m.conversation_id = mine.conversation_id
        WINDOW w AS (PARTITION BY m.conversation_id ORDER BY m.created_at, m.id)
    )
    SELECT prev_text, text FROM seq
    WHERE sender = 'agent' AND author_id = :uid AND prev_sender = 'buyer'
    ORDER BY created_at DESC, id DESC
    """
)


def _head(phrase_text: str) -> str:
    """The literal text a phrase starts with, up to its first variable."""
    found = _VARIABLES_RE.search(phrase_text)
    return (phrase_text[: found.start()] if found else phrase_text).strip()


def answered_examples(session: Session, user_id: int, phrases: Sequence[PhraseView]) -> dict[str, list[str]]:
    """For each phrase, the buyer messages this agent answered with it, read from the cached
    conversations: a reply that starts with a phrase's literal head (the text before its first
    variable) was that phrase, and the buyer message right before it is what it answered.

    This is how suggestions learn the buyers' words for what a phrase answers (a buyer writes
    "几天能到", the phrase says "预计1-3天送达"); measured in ``benchmarks/eval_suggestions.py``
    ("learned"). Phrases that start with a variable are not recognised.
    """
    heads: dict[str, list[tuple[str, str]]] = {}
    for p in phrases:
        head = _head(p.text)
        if len(head) >= MIN_HEAD_CHARS:
            heads.setdefault(head[:_HEAD_KEY], []).append((head, p.id))
    if not heads:
        return {}
    out: dict[str, list[str]] = {}
    rows = session.execute(_HISTORY_SQL, {"uid": user_id, "convs": HISTORY_CONVERSATIONS})
    for buyer_text, reply in rows:
        candidates = heads.get(reply.lstrip()[:_HEAD_KEY])
        if not candidates or not buyer_text:
            continue
        reply = reply.lstrip()
        best = max((c for c in candidates if reply.startswith(c[0])), key=lambda c: len(c[0]), default=None)
        if best is None:
            continue
        kept = out.setdefault(best[1], [])
        if len(kept) < EXAMPLES_PER_PHRASE:
            kept.append(buyer_text[:MAX_EXAMPLE_CHARS])
    return out
