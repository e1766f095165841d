"""Shift handovers on the workstation: shifts across midnight, proposals from what is open (the
customer panel's rules), a draft only its author sees, publish, the incoming shift reads, marks
done and acknowledges, the author sees who read it, and open items carry over."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from central import orders
from central.testing import LiveServer
from workstation.client import Client
from workstation.handover import (
    HandoverInputError,
    ShiftView,
    acknowledge,
    current_shift,
    handover_view,
    incoming,
    next_shift,
    propose_items,
    publish,
    save_draft,
    set_item_state,
    shifts_of,
)
from workstation.pending import pending_changes

EARLY = ShiftView("s-early", 1, "early", "早班", time(8), time(16))
MIDDLE = ShiftView("s-middle", 1, "middle", "中班", time(16), time(0))  # 16:00-24:00
NIGHT = ShiftView("s-night", 1, "night", "晚班", time(0), time(8))
THREE = [EARLY, MIDDLE, NIGHT]
DAY = ShiftView("s-day", 2, "day", "白班", time(6), time(22))
LATE = ShiftView("s-late", 2, "late", "夜班", time(22), time(6))  # crosses midnight


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 11, day, hh, mm)


def test_current_and_next_shift_across_midnight() -> None:
    assert current_shift(THREE, at(22, 8)) == (EARLY, date(2026, 11, 22))
    assert current_shift(THREE, at(22, 23, 59)) == (MIDDLE, date(2026, 11, 22))
    assert current_shift(THREE, at(23, 0, 0)) == (NIGHT, date(2026, 11, 23))
    assert next_shift(THREE, at(22, 23, 30)) == (NIGHT, date(2026, 11, 23))
    assert next_shift(THREE, at(23, 7, 59)) == (EARLY, date(2026, 11, 23))
    assert MIDDLE.crosses_midnight and MIDDLE.label == "中班 16:00–24:00"
    # a shift running over midnight belongs to the day it started
    assert current_shift([DAY, LATE], at(23, 2)) == (LATE, date(2026, 11, 22))
    assert current_shift([DAY, LATE], at(22, 22, 30)) == (LATE, date(2026, 11, 22))
    assert current_shift([DAY, LATE], at(23, 6)) == (DAY, date(2026, 11, 23))
    assert next_shift([DAY, LATE], at(23, 2)) == (DAY, date(2026, 11, 23))
    assert next_shift([DAY, LATE], at(22, 21)) == (LATE, date(2026, 11, 22))
    # between shifts there is none running, but there is a next one
    gap = [EARLY]
    assert current_shift(gap, at(22, 20)) is None
    assert next_shift(gap, at(22, 20)) == (EARLY, date(2026, 11, 23))
    # an aware local time is read as wall-clock time
    assert current_shift(THREE, at(22, 9).replace(tzinfo=UTC)) == (EARLY, date(2026, 11, 22))


def _seed_open_work(server: LiveServer) -> dict[str, Any]:
    seed = server.seed  # type: ignore[attr-defined]
    shop = seed["shops"][0]
    buyer = seed["buyers"][shop][0]
    now = datetime.now(UTC)
    unpaid = server.add_order(buyer, status="unpaid", at=now - timedelta(hours=2))
    with server.write() as s:
        stuck = orders.add_order(
            s,
            buyer,
            [{"sku": "T", "title": "沙发", "quantity": 1, "unit_price_fen": 100}],
            at=now - timedelta(days=5),
        ).id
        orders.pay_order(s, stuck, at=now - timedelta(days=5))
        orders.add_shipment(
            s,
            stuck,
            "zto",
            "75310000000001",
            at=now - timedelta(days=4),
            first_event=("杭州市", "【杭州市】已揽收"),
        )
    conv = seed["conversations"][shop][0]
    server.claim_as("a1", conv)
    return {"shop": shop, "unpaid": unpaid, "stuck": stuck, "conv": conv}


def test_handover_proposal_publish_read_acknowledge_and_carry_over(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    work = _seed_open_work(server)
    shop = work["shop"]
    s1 = connect(server.url, "s1")
    for n, sh in enumerate(THREE):
        s1.enqueue(
            "shift.save@1",
            {
                "id": f"shift-{sh.code}-0001",
                "shop_id": shop,
                "code": sh.code,
                "name": sh.name,
                "start": sh.start.strftime("%H:%M"),
                "end": sh.end.strftime("%H:%M"),
                "position": n,
            },
        )
    s1.engine.sync_once()
    a1, a2 = connect(server.url, "a1"), connect(server.url, "a2")
    for c in (a1, a2):
        c.engine.sync_once()
    now = datetime.now(UTC)
    with a1.db.session() as s:
        shifts = shifts_of(s, shop)
        assert [x.code for x in shifts] == ["early", "middle", "night"]
        running = current_shift(shifts, now.astimezone())
        coming = next_shift(shifts, now.astimezone())
        assert running is not None and coming is not None
        proposed = propose_items(s, a1.user, now)
    kinds = {(p.kind, p.order_id, p.conversation_id) for p in proposed}
    assert ("callback", None, work["conv"]) in kinds
    assert ("unpaid_nudge", work["unpaid"], None) in kinds
    assert ("stuck_parcel", work["stuck"], None) in kinds
    hid = save_draft(
        a1.engine,
        shop_id=shop,
        shift_date=running[1],
        from_shift=running[0].code,
        to_shift=coming[0].code,
        summary="今晚咨询量正常，两单待跟进",
        items=proposed,
    )
    with a1.db.session() as s:
        draft = handover_view(s, hid)
    assert draft is not None and draft.status == "draft" and draft.pending
    assert len(draft.items) == len(proposed)
    assert any(i.order_no for i in draft.items)  # order numbers filled in for the screen
    a1.engine.sync_once()
    a2.engine.sync_once()
    with a2.db.session() as s:
        assert handover_view(s, hid) is None  # a draft is its author's only
        assert incoming(s, a2.user, now) == []
    publish(a1.engine, hid)
    a1.engine.sync_once()
    a2.engine.sync_once()
    with a1.db.session() as s:
        assert incoming(s, a1.user, now) == []  # my own handover is not incoming for me
        assert not [p for p in propose_items(s, a1.user, now) if p.carried_from]
    with a2.db.session() as s:
        (received,) = incoming(s, a2.user, now)
    assert received.id == hid and received.author.name == "客服a1" and received.status == "published"
    first, *rest = received.items
    set_item_state(a2.engine, first.id, "done")
    assert acknowledge(a2.engine, hid) is not None
    with a2.db.session() as s:
        mine = handover_view(s, hid)
    assert mine is not None and mine.acked_by(a2.user.id)
    assert mine.items[0].state == "done" and mine.items[0].pending
    assert {c.what for c in pending_changes(a2.engine)} == {"item_state", "handover_ack"}
    assert acknowledge(a2.engine, hid) is None  # once
    a2.engine.sync_once()
    a1.engine.sync_once()
    with a1.db.session() as s:
        read = handover_view(s, hid)
    assert read is not None
    assert [(a.user.name, a.acked_at is not None) for a in read.acks] == [("客服a2", True)]
    assert read.items[0].done_by is not None and read.items[0].done_by.staff_id == "a2"
    # a published handover is final
    with pytest.raises(HandoverInputError) as final:
        save_draft(
            a1.engine, shop_id=shop, shift_date="2026-11-22", from_shift="x", to_shift="y", handover_id=hid
        )
    assert final.value.code == "published"
    # carry-over: the open items of the handover a2 received come back in a2's proposal, once
    with a2.db.session() as s:
        carried = [p for p in propose_items(s, a2.user, now) if p.carried_from]
    assert sorted(p.carried_from or "" for p in carried) == sorted(i.id for i in rest)
    hid2 = save_draft(
        a2.engine,
        shop_id=shop,
        shift_date=coming[1],
        from_shift=coming[0].code,
        to_shift=running[0].code,
        items=carried,
    )
    a2.engine.sync_once()
    with a2.db.session() as s:
        assert not [p for p in propose_items(s, a2.user, now) if p.carried_from]
        view2 = handover_view(s, hid2)
    assert view2 is not None and all(i.carried_from for i in view2.items)
