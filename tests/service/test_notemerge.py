"""The three-way merge of order notes (``central.notemerge``): examples from real notes, and
property-based runs: a merge never loses what either side wrote."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from central.notemerge import _changes, merge3, merge_flag


def test_only_one_side_changed_takes_that_side() -> None:
    assert merge3("顺丰发货", "顺丰发货", "顺丰发货，加急").text == "顺丰发货，加急"
    assert merge3("顺丰发货", "顺丰发货，加急", "顺丰发货").text == "顺丰发货，加急"
    assert merge3("", "赠品：抱枕", "赠品：抱枕").text == "赠品：抱枕"


def test_chinese_single_line_edits_at_both_ends_merge_by_characters() -> None:
    base = "买家要求改地址为上海"
    theirs = "买家要求改地址为上海浦东"
    mine = "已通知仓库。买家要求改地址为上海"
    result = merge3(base, theirs, mine)
    assert result.status == "clean"
    assert result.level == "chars"
    assert result.text == "已通知仓库。买家要求改地址为上海浦东"


def test_different_lines_merge_by_lines() -> None:
    base = "买家要求改地址为上海\n赠品：抱枕\n"
    theirs = "买家要求改地址为上海市浦东新区\n赠品：抱枕\n"
    mine = "买家要求改地址为上海\n赠品：抱枕两个\n顺丰发货\n"
    result = merge3(base, theirs, mine)
    assert result.status == "clean" and result.level == "lines"
    assert result.text == "买家要求改地址为上海市浦东新区\n赠品：抱枕两个\n顺丰发货\n"


def test_two_additions_at_the_same_place_conflict() -> None:
    result = merge3("买家要求改地址", "买家要求改地址为北京", "买家要求改地址，已通知仓库")
    assert result.status == "conflict" and result.text is None


def test_same_change_on_both_sides_is_not_a_conflict() -> None:
    result = merge3("已发货", "已补发", "已补发")
    assert result.status == "clean" and result.text == "已补发"


def test_flag_rules() -> None:
    assert merge_flag("none", "none", "red") == "red"  # only mine changed
    assert merge_flag("none", "yellow", "none") == "yellow"  # only theirs
    assert merge_flag("none", "red", "red") == "red"
    assert merge_flag("none", "red", "blue") is None  # both, differently: a conflict


_ALPHABET = "买家要求改地址为上海已通知仓库赠品顺丰发货，。\nab 1"
texts = st.text(alphabet=_ALPHABET, max_size=24)


@st.composite
def edited(draw: st.DrawFn, base: str) -> str:
    """``base`` with a few random replacements/insertions/deletions (related texts, as real edits
    are), or now and then an unrelated text."""
    if draw(st.booleans()) and draw(st.booleans()):
        return draw(texts)
    out = base
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(out)))
        j = draw(st.integers(i, min(len(out), i + 4)))
        out = out[:i] + draw(st.text(alphabet=_ALPHABET, max_size=5)) + out[j:]
    return out


@st.composite
def triples(draw: st.DrawFn) -> tuple[str, str, str]:
    base = draw(texts)
    return base, draw(edited(base)), draw(edited(base))


def _inserted(base: str, other: str) -> list[str]:
    """What ``other`` wrote over ``base``, per change, at the level the merge used."""
    return ["".join(new) for _, _, new in _changes(list(base), list(other)) if new]


@settings(max_examples=400, deadline=None)
@given(triples())
def test_a_clean_merge_keeps_every_word_of_both_sides(t: tuple[str, str, str]) -> None:
    base, theirs, mine = t
    result = merge3(base, theirs, mine)
    if result.status == "conflict":
        # the caller keeps both texts side by side: nothing to check here but that it said so
        assert result.text is None
        return
    assert result.text is not None
    if result.level == "chars":
        for chunk in _inserted(base, mine) + _inserted(base, theirs):
            assert chunk in result.text, (chunk, result)
    else:
        for line in set(mine.splitlines(keepends=True)) | set(theirs.splitlines(keepends=True)):
            if line not in base.splitlines(keepends=True):
                assert line in result.text.splitlines(keepends=True), (line, result)


@settings(max_examples=300, deadline=None)
@given(triples())
def test_merge_is_symmetric_and_identities_hold(t: tuple[str, str, str]) -> None:
    base, theirs, mine = t
    a, b = merge3(base, theirs, mine), merge3(base, mine, theirs)
    assert a.status == b.status
    if a.status == "clean":
        assert a.text == b.text
    assert merge3(base, base, mine).text == mine
    assert merge3(base, theirs, base).text == theirs
    assert merge3(base, mine, mine).text == mine


# ----------------------------------------------------------------------------- the service's rules

_OPS = st.lists(
    st.tuples(
        st.sampled_from(["a1", "a2", "a3"]),
        st.sampled_from(["edit", "edit", "edit", "delete", "resolve"]),
        st.integers(0, 6),  # how many revisions behind the author's view is
        st.text(alphabet="赠品抱枕靠垫顺丰发货已补发改地址\n", max_size=12),
        st.sampled_from(["none", "red", "yellow"]),
    ),
    min_size=1,
    max_size=12,
)


def test_random_concurrent_note_changes_never_lose_words() -> None:
    """Random edits, deletes and resolves from three agents, each from a view some revisions old,
    applied in the service's order: the revision chain is whole, every entry is kept as written,
    and a side of a conflict stays until someone resolves (or deletes having seen it)."""
    import uuid
    from datetime import UTC, datetime

    from sqlalchemy import select

    from central import notes
    from central.models import NoteEntry, OrderNote, User
    from central.mutations import Rejected
    from central.testing import LiveServer
    from wsprotocol import NoteDeleteArgs, NoteEditArgs, NoteResolveArgs

    with LiveServer() as srv:
        ids = srv.seed_basic()
        shop = ids["shops"][0]
        buyer = ids["buyers"][shop][0]

        @settings(max_examples=40, deadline=None)
        @given(_OPS)
        def run(ops: list[tuple[str, str, int, str, str]]) -> None:
            order = srv.add_order(buyer, status="paid")
            written: list[tuple[str, str]] = []  # (entry id, text) of every change sent
            for staff, kind, behind, text, flag in ops:
                with srv.write() as s:
                    user = s.execute(select(User).where(User.staff_id == staff)).scalar_one()
                    note = s.get(OrderNote, order)
                    current = note.revision if note else 0
                    base = max(0, current - behind)
                    eid = str(uuid.uuid4())
                    now = datetime.now(UTC)
                    common = {"entry_id": eid, "order_id": order, "base_revision": base, "authored_at": now}
                    try:
                        if kind == "edit":
                            notes.note_edit(
                                s, user, NoteEditArgs(**common, flag=flag, text=text, reason_code="gift")
                            )
                        elif kind == "delete":
                            notes.note_delete(s, user, NoteDeleteArgs(**common, reason_code="gift"))
                        else:
                            notes.note_resolve(s, user, NoteResolveArgs(**common, flag=flag, text=text))
                    except Rejected as exc:  # pragma: no cover - would be a bug: these are all valid
                        raise AssertionError(exc.body) from exc
                    written.append((eid, text if kind != "delete" else ""))
            with srv.session() as s:
                note = s.get(OrderNote, order)
                entries = s.scalars(
                    select(NoteEntry).where(NoteEntry.order_id == order).order_by(NoteEntry.revision)
                ).all()
                assert note is not None
                # the chain is whole and every change is kept exactly as written
                assert [e.revision for e in entries] == list(range(1, len(ops) + 1))
                assert note.revision == len(ops)
                assert [(e.id, e.text) for e in entries] == written
                assert entries[-1].result_text == note.text
                # conflict sides stay until a resolve, or a delete made from the current revision
                open_sides: dict[str, NoteEntry] = {}
                for e in entries:
                    if e.outcome in ("resolved", "deleted"):
                        open_sides = {}
                    elif e.outcome == "conflict" and e.kind == "resolve":
                        # the resolver chose among what they saw; sides that joined later stay
                        open_sides = {
                            i: side
                            for i, side in open_sides.items()
                            if side.revision > e.base_revision and side.author_id != e.author_id
                        }
                        open_sides[e.id] = e
                    elif e.outcome == "conflict":
                        open_sides[e.id] = e
                final = {side["entry_id"]: side["text"] for side in (note.conflict or [])}
                for eid, side in open_sides.items():
                    assert final.get(eid) == side.text, (eid, side.text, note.conflict)

        run()
