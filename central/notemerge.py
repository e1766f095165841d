"""Three-way merge of order-note texts (pure functions, no database).

``merge3(base, theirs, mine)``: ``base`` is the text both edits started from, ``theirs`` what the
note is now on the server, ``mine`` what the incoming edit wants. Each side's changes against
``base`` are computed with ``difflib``; when no change of one side touches a change of the other
(they do not overlap, and no insertion lands on the other's change), both are applied. Otherwise
it is a conflict and the caller keeps both texts side by side: nothing is ever lost.

Granularity: lines first (a multi-line note where two agents changed different lines merges per
line). When lines do not help (order notes are often one line, and Chinese has no spaces between
words), the texts are merged character by character. "买家要求改地址为上海" edited to "买家要求改地址为
上海浦东" by one agent and to "已通知仓库。买家要求改地址为上海" by another merges into
"已通知仓库。买家要求改地址为上海浦东"; two different additions at the same place are a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

#: a change of one side: replace ``base[start:end]`` with ``new``
Change = tuple[int, int, list[str]]


@dataclass(frozen=True)
class MergeResult:
    #: "clean": ``text`` holds both sides' changes; "conflict": they touch, ``text`` is None
    status: Literal["clean", "conflict"]
    text: str | None
    #: "lines" or "chars": which granularity produced the result
    level: str = "lines"


def _changes(base: list[str], other: list[str]) -> list[Change]:
    # autojunk off: in a character diff the common characters (的, 了, spaces) must still anchor
    sm = SequenceMatcher(None, base, other, autojunk=False)
    return [(i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes() if tag != "equal"]


def _touch(a: Change, b: Change) -> bool:
    """Two changes of the base interfere: their ranges overlap, or one is an insertion at a point
    inside or at an edge of the other (which text comes first would be a guess). Two replacements
    that only meet (one line changed each, one after the other) do not interfere."""
    a1, a2, _ = a
    b1, b2, _ = b
    if a1 == a2 or b1 == b2:
        return a1 <= b2 and b1 <= a2
    return a1 < b2 and b1 < a2


def _merge_tokens(base: list[str], theirs: list[str], mine: list[str]) -> list[str] | None:
    ours = _changes(base, mine)
    them = _changes(base, theirs)
    combined: list[Change] = []
    for c in ours:
        clash = [t for t in them if _touch(c, t)]
        # the same change made on both sides is one change, not a conflict
        if clash and not (len(clash) == 1 and clash[0] == c):
            return None
    for t in them:
        if t not in ours:
            combined.append(t)
    combined.extend(ours)
    combined.sort(key=lambda c: (c[0], c[1]))
    out: list[str] = []
    pos = 0
    for start, end, new in combined:
        out.extend(base[pos:start])
        out.extend(new)
        pos = end
    out.extend(base[pos:])
    return out


def merge3(base: str, theirs: str, mine: str) -> MergeResult:
    """Merge ``mine`` and ``theirs``, both edited from ``base`` (see the module's docstring)."""
    if theirs == mine:
        return MergeResult("clean", mine, "lines")
    if theirs == base:
        return MergeResult("clean", mine, "lines")
    if mine == base:
        return MergeResult("clean", theirs, "lines")
    merged = _merge_tokens(
        base.splitlines(keepends=True), theirs.splitlines(keepends=True), mine.splitlines(keepends=True)
    )
    if merged is not None:
        return MergeResult("clean", "".join(merged), "lines")
    chars = _merge_tokens(list(base), list(theirs), list(mine))
    if chars is not None:
        return MergeResult("clean", "".join(chars), "chars")
    return MergeResult("conflict", None, "chars")


def merge_flag(base: str, theirs: str, mine: str) -> str | None:
    """The flag after a merge: mine if only I changed it, theirs if only they did (or both chose
    the same); None when both changed it differently (a conflict)."""
    if mine in (theirs, base):
        return theirs
    if theirs == base:
        return mine
    return None
