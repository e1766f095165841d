"""Shift handovers on the workstation (Qt-free): shifts, proposals, drafts, reading and acks.

Shifts are wall-clock ``HH:MM`` ranges of a shop's team; a shift whose end is not after its start
crosses midnight (中班 16:00-24:00 is stored 16:00-00:00; 夜班 22:00-06:00). Its ``shift_date`` is
the day it started, so 02:00 in a 22:00-06:00 shift belongs to the previous day's shift.

Every write is ONE outbox entry (``SyncEngine.enqueue``), so handovers are written offline like
notes; the views read the cache with this workstation's pending changes applied on top.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from workstation.customers import (
    DEFAULT_RULES,
    OrderRules,
    _presale,
    balance_due_soon,
    nudge_list,
    presale_state,
    stuck_list,
)
from workstation.models.cache import Buyer, Colleague, Conversation, Order, Shift
from workstation.models.cache import Handover as CacheHandover
from workstation.models.cache import HandoverAck as CacheAck
from workstation.models.cache import HandoverItem as CacheItem
from workstation.models.local import OutboxEntry, OutboxStatus, SyncState
from workstation.sync import SyncEngine
from workstation.timeutil import to_aware_utc, to_naive_utc, utcnow
from wsprotocol import HANDOVER_ITEM_KINDS, UserOut

HANDOVER_MUTATIONS = ("handover.save@1", "handover.publish@1", "handover.ack@1", "handover_item.set_state@1")
MAX_ITEM_CHARS = 1000
MAX_SUMMARY_CHARS = 2000
#: how far back ``incoming`` looks for handovers addressed to my shift
INCOMING_WINDOW = timedelta(hours=36)


class HandoverInputError(ValueError):
    """A handover the screens must not send; ``code``: ``empty_item``, ``item_too_long``,
    ``summary_too_long``, ``bad_kind``, ``not_my_shop``, ``published`` (a published handover is
    final), ``not_author``, ``unknown_handover``, ``unknown_item``, ``not_published``,
    ``not_logged_in``; for shifts ``not_supervisor``, ``shift_unnamed``, ``shift_name_too_long``,
    ``shift_empty``, ``shift_code_taken``. Nothing is written when it is raised."""

    def __init__(self, code: str, message: str, **detail: Any) -> None:
        super().__init__(message)
        self.code = code
        self.detail = detail


# ----------------------------------------------------------------------------- shifts


def _hm(text: str) -> time:
    h, m = text.split(":")
    return time(int(h), int(m))


@dataclass(frozen=True)
class ShiftView:
    id: str
    shop_id: int
    code: str
    name: str
    start: time
    end: time
    position: int = 0

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    @property
    def label(self) -> str:
        end = "24:00" if self.end == time(0, 0) else self.end.strftime("%H:%M")
        return f"{self.name} {self.start.strftime('%H:%M')}–{end}"

    def starts_on(self, day: date) -> datetime:
        return datetime.combine(day, self.start)

    def ends_after_start_on(self, day: date) -> datetime:
        end_day = day + timedelta(days=1) if self.crosses_midnight else day
        return datetime.combine(end_day, self.end)


def shifts_of(session: Session, shop_id: int) -> list[ShiftView]:
    rows = session.scalars(
        select(Shift).where(Shift.shop_id == shop_id).order_by(Shift.position, Shift.start)
    )
    return [ShiftView(r.id, r.shop_id, r.code, r.name, _hm(r.start), _hm(r.end), r.position) for r in rows]


def _naive_local(now_local: datetime) -> datetime:
    # shift times are wall-clock: compare in the agent's local time, without a zone
    return now_local.replace(tzinfo=None)


def current_shift(shifts: Sequence[ShiftView], now_local: datetime) -> tuple[ShiftView, date] | None:
    """The shift running at ``now_local`` (local wall-clock time) and the day it started; None
    between shifts. A midnight-crossing shift after midnight started the day before."""
    now = _naive_local(now_local)
    for shift in shifts:
        for day in (now.date(), now.date() - timedelta(days=1)):
            if shift.starts_on(day) <= now < shift.ends_after_start_on(day):
                return shift, day
    return None


def next_shift(shifts: Sequence[ShiftView], now_local: datetime) -> tuple[ShiftView, date] | None:
    """The next shift to start after ``now_local`` and the day it starts (the incoming shift of a
    handover written now)."""
    now = _naive_local(now_local)
    best: tuple[datetime, ShiftView] | None = None
    for shift in shifts:
        start = shift.starts_on(now.date())
        if start <= now:
            start += timedelta(days=1)
        if best is None or start < best[0]:
            best = (start, shift)
    return (best[1], best[0].date()) if best else None


# ----------------------------------------------------------------------------- views


@dataclass(frozen=True)
class Person:
    id: int | None
    staff_id: str = ""
    name: str = ""


@dataclass(frozen=True)
class ProposedItem:
    """An item the workstation proposes for my handover (the agent edits, drops or adds)."""

    kind: str
    text: str
    shop_id: int
    order_id: int | None = None
    conversation_id: int | None = None
    due_at: datetime | None = None
    carried_from: str | None = None
    id: str = field(default_factory=lambda: str(uuid.uuid4()))


@dataclass(frozen=True)
class ItemView:
    id: str
    kind: str
    text: str
    order_id: int | None
    conversation_id: int | None
    due_at: datetime | None
    state: str
    done_by: Person | None
    done_at: datetime | None
    carried_from: str | None
    position: int
    target_missing: bool
    pending: bool = False
    order_no: str = ""


@dataclass(frozen=True)
class AckView:
    user: Person
    acked_at: datetime | None
    pending: bool = False


@dataclass(frozen=True)
class HandoverView:
    id: str
    shop_id: int
    author: Person
    shift_date: str
    from_shift: str
    to_shift: str
    summary: str
    status: str
    published_at: datetime | None
    updated_at: datetime | None
    items: tuple[ItemView, ...] = ()
    acks: tuple[AckView, ...] = ()
    pending: bool = False

    @property
    def open_count(self) -> int:
        return sum(1 for i in self.items if i.state == "open")

    def acked_by(self, user_id: int) -> bool:
        return any(a.user.id == user_id for a in self.acks)


def _me(session: Session) -> UserOut | None:
    row = session.get(SyncState, "user")
    return UserOut.model_validate_json(row.value) if row is not None else None


def _people(session: Session, ids: Iterable[int | None]) -> dict[int, Person]:
    want = {i for i in ids if i is not None}
    if not want:
        return {}
    rows = session.execute(
        select(Colleague.id, Colleague.staff_id, Colleague.display_name).where(Colleague.id.in_(list(want)))
    )
    return {r[0]: Person(r[0], r[1], r[2]) for r in rows}


def _aware(dt: datetime | None) -> datetime | None:
    return to_aware_utc(dt) if dt is not None else None


def _wire_dt(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return to_aware_utc(value)
    return to_aware_utc(datetime.fromisoformat(str(value)))


def _handover_entries(session: Session) -> list[OutboxEntry]:
    return list(
        session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.name.in_(HANDOVER_MUTATIONS), OutboxEntry.status == OutboxStatus.PENDING)
            .order_by(OutboxEntry.seq)
        )
    )


def _cached_view(session: Session, h: CacheHandover, people: dict[int, Person]) -> HandoverView:
    items = list(
        session.scalars(select(CacheItem).where(CacheItem.handover_id == h.id).order_by(CacheItem.position))
    )
    acks = list(
        session.scalars(select(CacheAck).where(CacheAck.handover_id == h.id).order_by(CacheAck.acked_at))
    )
    return HandoverView(
        id=h.id,
        shop_id=h.shop_id,
        author=people.get(h.author_id) or Person(h.author_id),
        shift_date=h.shift_date,
        from_shift=h.from_shift,
        to_shift=h.to_shift,
        summary=h.summary,
        status=h.status,
        published_at=_aware(h.published_at),
        updated_at=_aware(h.updated_at),
        items=tuple(
            ItemView(
                id=i.id,
                kind=i.kind,
                text=i.text,
                order_id=i.order_id,
                conversation_id=i.conversation_id,
                due_at=_aware(i.due_at),
                state=i.state,
                done_by=(people.get(i.done_by) or Person(i.done_by)) if i.done_by is not None else None,
                done_at=_aware(i.done_at),
                carried_from=i.carried_from,
                position=i.position,
                target_missing=bool(i.target_missing),
            )
            for i in items
        ),
        acks=tuple(AckView(people.get(a.user_id) or Person(a.user_id), _aware(a.acked_at)) for a in acks),
    )


def _all_people(session: Session) -> dict[int, Person]:
    # colleagues are few (those sharing a shop with me): one query for a whole screen
    return {
        r[0]: Person(r[0], r[1], r[2])
        for r in session.execute(select(Colleague.id, Colleague.staff_id, Colleague.display_name))
    }


def _apply_pending(
    views: dict[str, HandoverView], entries: list[OutboxEntry], me: UserOut | None, people: dict[int, Person]
) -> dict[str, HandoverView]:
    """This workstation's unsent handover changes on top of the cached handovers, in order."""
    me_person = (people.get(me.id) or Person(me.id, me.staff_id, me.display_name)) if me else Person(None)
    for e in entries:
        a = e.args
        at = to_aware_utc(e.authored_at)
        if e.name == "handover.save@1":
            old = views.get(a["id"])
            if old is not None and old.status == "published":
                continue  # the service will refuse it: a published handover is final
            views[a["id"]] = HandoverView(
                id=a["id"],
                shop_id=int(a["shop_id"]),
                author=me_person,
                shift_date=a["shift_date"],
                from_shift=a["from_shift"],
                to_shift=a["to_shift"],
                summary=a.get("summary", ""),
                status="draft",
                published_at=None,
                updated_at=at,
                items=tuple(
                    ItemView(
                        id=i["id"],
                        kind=i["kind"],
                        text=i["text"],
                        order_id=i.get("order_id"),
                        conversation_id=i.get("conversation_id"),
                        due_at=_wire_dt(i.get("due_at")),
                        state="open",
                        done_by=None,
                        done_at=None,
                        carried_from=i.get("carried_from"),
                        position=int(i.get("position", n)),
                        target_missing=False,
                        pending=True,
                    )
                    for n, i in enumerate(a.get("items", []))
                ),
                pending=True,
            )
        elif e.name == "handover.publish@1":
            old = views.get(a["id"])
            if old is not None:
                views[a["id"]] = replace(old, status="published", published_at=at, pending=True)
        elif e.name == "handover.ack@1":
            old = views.get(a["handover_id"])
            if old is not None and me is not None and not old.acked_by(me.id):
                views[old.id] = replace(
                    old, acks=(*old.acks, AckView(me_person, at, pending=True)), pending=True
                )
        elif e.name == "handover_item.set_state@1":
            for hid, old in views.items():
                if any(i.id == a["item_id"] for i in old.items):
                    items = tuple(
                        replace(
                            i,
                            state=a["state"],
                            done_by=me_person if a["state"] == "done" else None,
                            done_at=_wire_dt(a["at"]) if a["state"] == "done" else None,
                            pending=True,
                        )
                        if i.id == a["item_id"]
                        else i
                        for i in old.items
                    )
                    views[hid] = replace(old, items=items, pending=True)
                    break
    return views


def _with_order_nos(session: Session, view: HandoverView) -> HandoverView:
    ids = [i.order_id for i in view.items if i.order_id is not None]
    if not ids:
        return view
    nos: dict[int, str] = {
        r[0]: r[1] for r in session.execute(select(Order.id, Order.order_no).where(Order.id.in_(ids)))
    }
    return replace(
        view,
        items=tuple(
            replace(i, order_no=nos.get(i.order_id, "")) if i.order_id is not None else i for i in view.items
        ),
    )


def _views(
    session: Session, handover_ids: Iterable[str] | None = None, where: ColumnElement[bool] | None = None
) -> dict[str, HandoverView]:
    """Cached handovers (all, these ids, or those matching ``where``: handovers accumulate over
    months, so screens ask for the few they show) with my pending changes on top."""
    people = _all_people(session)
    q = select(CacheHandover)
    if handover_ids is not None:
        q = q.where(CacheHandover.id.in_(list(handover_ids)))
    if where is not None:
        q = q.where(where)
    views = {h.id: _cached_view(session, h, people) for h in session.scalars(q)}
    entries = _handover_entries(session)
    if handover_ids is not None:
        # saves/publishes of other handovers are irrelevant, but item states need the item's handover
        wanted = set(handover_ids)
        entries = [
            e
            for e in entries
            if e.name == "handover_item.set_state@1"
            or (e.args.get("id") or e.args.get("handover_id")) in wanted
        ]
    return _apply_pending(views, entries, _me(session), people)


def handover_view(session: Session, handover_id: str) -> HandoverView | None:
    """One handover with its items (order numbers filled in) and who read it, my pending changes
    applied on top; None if this workstation knows no such handover."""
    view = _views(session, [handover_id]).get(handover_id)
    return _with_order_nos(session, view) if view is not None else None


def my_handovers(session: Session, user: UserOut) -> list[HandoverView]:
    """Handovers I wrote (drafts first, then published), newest first."""
    views = [
        v
        for v in _views(session, where=CacheHandover.author_id == user.id).values()
        if v.author.id == user.id
    ]
    views.sort(key=lambda v: (v.status != "draft", -(v.updated_at or _EPOCH).timestamp()))
    return views


_EPOCH = datetime(1970, 1, 1).astimezone()


def incoming(session: Session, user: UserOut, now: datetime) -> list[HandoverView]:
    """Published handovers of my shops, written by others, addressed to the shift running now or
    the next one (read before the shift starts), published within ``INCOMING_WINDOW``, newest
    first."""
    now_utc = to_aware_utc(now)
    local = now_utc.astimezone()
    wanted: dict[int, set[str]] = {}
    for shop_id in user.shop_ids:
        shifts = shifts_of(session, shop_id)
        codes = set()
        for found in (current_shift(shifts, local), next_shift(shifts, local)):
            if found is not None:
                codes.add(found[0].code)
        wanted[shop_id] = codes
    out = []
    recent = and_(
        CacheHandover.status == "published",
        CacheHandover.author_id != user.id,  # mine are not "incoming" (nor carried over by me)
        CacheHandover.shop_id.in_(list(wanted)),
        CacheHandover.published_at >= to_naive_utc(now_utc - INCOMING_WINDOW),
    )
    for v in _views(session, where=recent).values():
        if v.status != "published" or v.shop_id not in wanted or v.to_shift not in wanted[v.shop_id]:
            continue
        if v.published_at is not None and now_utc - v.published_at > INCOMING_WINDOW:
            continue
        out.append(_with_order_nos(session, v))
    out.sort(key=lambda v: v.published_at or now_utc, reverse=True)
    return out


# ----------------------------------------------------------------------------- proposals


def _carried_already(session: Session) -> set[str]:
    done = set(session.scalars(select(CacheItem.carried_from).where(CacheItem.carried_from.is_not(None))))
    for e in _handover_entries(session):
        if e.name == "handover.save@1":
            done |= {i["carried_from"] for i in e.args.get("items", []) if i.get("carried_from")}
    return {d for d in done if d}


def propose_items(
    session: Session, user: UserOut, now: datetime, rules: OrderRules = DEFAULT_RULES, limit: int = 50
) -> list[ProposedItem]:
    """What is open at the end of my shift, as handover items: open items of handovers I received
    (carried over), my unclosed conversations, presale balances due, missed shipments, stuck
    parcels and unpaid orders to nudge in my shops. The order rules are the customer panel's
    (``workstation.customers``), so a proposal and the work lists agree."""
    now_naive = to_naive_utc(to_aware_utc(now))
    shops = list(user.shop_ids)
    out: list[ProposedItem] = []
    # 1. carry-over: open items of published handovers I received (acknowledged, or addressed to
    # my shift), not yet carried into another handover
    received = {h.id for h in incoming(session, user, now)}
    received |= set(session.scalars(select(CacheAck.handover_id).where(CacheAck.user_id == user.id)))
    carried = _carried_already(session)
    if received:
        for item in session.scalars(
            select(CacheItem)
            .where(CacheItem.handover_id.in_(list(received)), CacheItem.state == "open")
            .order_by(CacheItem.handover_id, CacheItem.position)
        ):
            if item.id in carried or item.shop_id not in shops:
                continue
            out.append(
                ProposedItem(
                    kind=item.kind,
                    text=item.text,
                    shop_id=item.shop_id,
                    order_id=item.order_id,
                    conversation_id=item.conversation_id,
                    due_at=_aware(item.due_at),
                    carried_from=item.id,
                )
            )
    # 2. my conversations not closed
    convs = session.execute(
        select(
            Conversation.id,
            Conversation.shop_id,
            Conversation.last_message_preview,
            Conversation.escalated_at,
            Buyer.nickname,
        )
        .join(Buyer, Buyer.id == Conversation.buyer_id, isouter=True)
        .where(Conversation.assignee_id == user.id, Conversation.status != "closed")
        .order_by(Conversation.last_message_at)
        .limit(limit)
    ).all()
    for cid, shop_id, preview, escalated_at, nick in convs:
        out.append(
            ProposedItem(
                kind="complaint" if escalated_at is not None else "callback",
                text=f"{nick or '买家'}：{preview}"[:MAX_ITEM_CHARS],
                shop_id=shop_id,
                conversation_id=cid,
            )
        )
    if shops:
        # 3. presale balances whose window opens soon or is open
        for oid, shop_id, order_no, raw in session.execute(
            select(Order.id, Order.shop_id, Order.order_no, Order.presale)
            .where(
                Order.presale.is_not(None),
                Order.shop_id.in_(shops),
                Order.status.not_in(("closed", "completed")),
            )
            .order_by(Order.id)
        ):
            info = _presale(raw)
            if info is None:
                continue
            state = presale_state(
                info.balance_due_from,
                info.balance_due_until,
                info.balance_paid_at,
                now_naive,
                rules.presale_soon,
            )
            if balance_due_soon(state):
                out.append(
                    ProposedItem(
                        kind="presale_due",
                        text=f"订单 {order_no} 预售尾款待付",
                        shop_id=shop_id,
                        order_id=oid,
                        due_at=to_aware_utc(info.balance_due_until),
                    )
                )
        # 4. paid orders past the promised shipping time and not shipped
        for oid, shop_id, order_no, promised in session.execute(
            select(Order.id, Order.shop_id, Order.order_no, Order.promised_ship_at)
            .where(
                Order.status == "paid",
                Order.shipped_at.is_(None),
                Order.promised_ship_at.is_not(None),
                Order.promised_ship_at < now_naive,
                Order.shop_id.in_(shops),
            )
            .order_by(Order.promised_ship_at)
            .limit(limit)
        ):
            out.append(
                ProposedItem(
                    kind="missed_shipment",
                    text=f"订单 {order_no} 超过承诺发货时间未发货",
                    shop_id=shop_id,
                    order_id=oid,
                    due_at=_aware(promised),
                )
            )
        engine = session.get_bind()
        for row in stuck_list(engine, shops, now_naive, rules, limit=limit).rows:  # type: ignore[arg-type]
            out.append(
                ProposedItem(
                    kind="stuck_parcel",
                    text=f"订单 {row.order_no} {row.carrier} {row.tracking_no} 物流停滞",
                    shop_id=row.shop_id,
                    order_id=row.order_id,
                )
            )
        for row in nudge_list(engine, shops, now_naive, rules, limit=limit).rows:  # type: ignore[arg-type]
            out.append(
                ProposedItem(
                    kind="unpaid_nudge",
                    text=f"订单 {row.order_no} 待付款，催付 {row.buyer_nickname}",
                    shop_id=row.shop_id,
                    order_id=row.order_id,
                )
            )
    # an order proposed twice (carried over and stuck, say) is one item: the carried one wins
    seen: set[tuple[str, int | None, int | None]] = set()
    unique = []
    for p in out:
        key = (p.kind, p.order_id, p.conversation_id)
        if (p.order_id is not None or p.conversation_id is not None) and key in seen:
            continue
        seen.add(key)
        unique.append(p)
    return unique


# ----------------------------------------------------------------------------- writing


def _require_me(engine: SyncEngine) -> UserOut:
    with engine.db.session() as s:
        me = _me(s)
    if me is None:
        raise HandoverInputError("not_logged_in", "No user is logged in on this cache")
    return me


def save_draft(
    engine: SyncEngine,
    *,
    shop_id: int,
    shift_date: str | date,
    from_shift: str,
    to_shift: str,
    summary: str = "",
    items: Sequence[ProposedItem | ItemView] = (),
    handover_id: str | None = None,
) -> str:
    """Create or replace my draft handover (and its items): one outbox entry. Returns its id."""
    me = _require_me(engine)
    if shop_id not in me.shop_ids:
        raise HandoverInputError("not_my_shop", f"Shop {shop_id} is not one of your shops", shop_id=shop_id)
    if len(summary) > MAX_SUMMARY_CHARS:
        raise HandoverInputError(
            "summary_too_long", f"The summary is longer than {MAX_SUMMARY_CHARS} characters"
        )
    hid = handover_id or str(uuid.uuid4())
    if handover_id is not None:
        with engine.db.session() as s:
            current = handover_view(s, handover_id)
        if current is not None:
            if current.status == "published":
                raise HandoverInputError("published", "A published handover cannot be changed")
            if current.author.id != me.id:
                raise HandoverInputError("not_author", "Only the author can change a draft handover")
    wire_items = []
    for n, item in enumerate(items):
        if item.kind not in HANDOVER_ITEM_KINDS:
            raise HandoverInputError("bad_kind", f"Unknown item kind {item.kind!r}")
        text = item.text.strip()
        if not text:
            raise HandoverInputError("empty_item", f"Item {n + 1} has no text", position=n)
        if len(text) > MAX_ITEM_CHARS:
            raise HandoverInputError(
                "item_too_long", f"Item {n + 1} is longer than {MAX_ITEM_CHARS} characters", position=n
            )
        wire_items.append(
            {
                "id": item.id,
                "kind": item.kind,
                "text": text,
                "order_id": item.order_id,
                "conversation_id": item.conversation_id,
                "due_at": to_aware_utc(item.due_at).isoformat() if item.due_at else None,
                "carried_from": item.carried_from,
                "position": n,
            }
        )
    args = {
        "id": hid,
        "shop_id": shop_id,
        "shift_date": shift_date.isoformat() if isinstance(shift_date, date) else shift_date,
        "from_shift": from_shift,
        "to_shift": to_shift,
        "summary": summary,
        "items": wire_items,
    }
    engine.enqueue("handover.save@1", args)
    return hid


#: the roles that set a shop's shifts (the service checks the same: ``central/handovers.py``)
SHIFT_ROLES = ("supervisor", "admin")
MAX_SHIFT_CODE_CHARS = 16
MAX_SHIFT_NAME_CHARS = 32


def _shifts_with_pending(session: Session, shop_id: int) -> list[ShiftView]:
    """The shop's shifts as the cache has them, with shift saves still in the outbox on top."""
    shifts = {sh.id: sh for sh in shifts_of(session, shop_id)}
    for e in session.scalars(
        select(OutboxEntry)
        .where(OutboxEntry.name == "shift.save@1", OutboxEntry.status == OutboxStatus.PENDING)
        .order_by(OutboxEntry.seq)
    ):
        a = e.args
        if a.get("shop_id") == shop_id:
            sid = str(a.get("id", ""))
            start, end = _hm(a["start"]), _hm(a["end"])
            shifts[sid] = ShiftView(
                sid, shop_id, str(a["code"]), str(a["name"]), start, end, int(a["position"])
            )
    return sorted(shifts.values(), key=lambda sh: (sh.position, sh.start))


def save_shift(
    engine: SyncEngine,
    *,
    shop_id: int,
    code: str,
    name: str,
    start: time,
    end: time,
    shift_id: str | None = None,
) -> ShiftView:
    """Create (``shift_id`` None) or change one of a shop's shifts (supervisors; a shift may cross
    midnight): one outbox entry, written offline like every change. Returns the shift as saved."""
    me = _require_me(engine)
    if shop_id not in me.shop_ids:
        raise HandoverInputError("not_my_shop", f"Shop {shop_id} is not one of your shops", shop_id=shop_id)
    if me.role not in SHIFT_ROLES:
        raise HandoverInputError("not_supervisor", "Shifts are set by the shop's supervisors")
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise HandoverInputError("shift_unnamed", "A shift needs a name and a code")
    if len(code) > MAX_SHIFT_CODE_CHARS or len(name) > MAX_SHIFT_NAME_CHARS:
        raise HandoverInputError(
            "shift_name_too_long",
            f"A shift's code has at most {MAX_SHIFT_CODE_CHARS} characters, its name {MAX_SHIFT_NAME_CHARS}",
        )
    start, end = start.replace(second=0, microsecond=0), end.replace(second=0, microsecond=0)
    if start == end:
        raise HandoverInputError("shift_empty", "A shift cannot start and end at the same time")
    with engine.db.session() as s:
        shifts = _shifts_with_pending(s, shop_id)
    if any(sh.code == code and sh.id != shift_id for sh in shifts):
        raise HandoverInputError(
            "shift_code_taken", f"The shop already has a shift with the code {code!r}", shift_code=code
        )
    existing = next((sh for sh in shifts if sh.id == shift_id), None) if shift_id else None
    view = ShiftView(
        shift_id or str(uuid.uuid4()),
        shop_id,
        code,
        name,
        start,
        end,
        existing.position if existing is not None else len(shifts),
    )
    engine.enqueue(
        "shift.save@1",
        {
            "id": view.id,
            "shop_id": shop_id,
            "code": code,
            "name": name,
            "start": start.strftime("%H:%M"),
            "end": end.strftime("%H:%M"),
            "position": view.position,
        },
    )
    return view


def publish(engine: SyncEngine, handover_id: str) -> OutboxEntry:
    """Publish my draft: the shop sees it once the server has it."""
    me = _require_me(engine)
    with engine.db.session() as s:
        view = handover_view(s, handover_id)
    if view is None:
        raise HandoverInputError("unknown_handover", f"No handover {handover_id}")
    if view.author.id != me.id:
        raise HandoverInputError("not_author", "Only the author can publish a handover")
    return engine.enqueue("handover.publish@1", {"id": handover_id})


def acknowledge(engine: SyncEngine, handover_id: str) -> OutboxEntry | None:
    """Mark a published handover read by me (once; None if I already did)."""
    me = _require_me(engine)
    with engine.db.session() as s:
        view = handover_view(s, handover_id)
    if view is None:
        raise HandoverInputError("unknown_handover", f"No handover {handover_id}")
    if view.status != "published":
        raise HandoverInputError("not_published", "Only a published handover can be acknowledged")
    if view.acked_by(me.id):
        return None
    return engine.enqueue("handover.ack@1", {"handover_id": handover_id, "acked_at": utcnow().isoformat()})


def set_item_state(engine: SyncEngine, item_id: str, state: str) -> OutboxEntry:
    """Mark an item of a published handover done (or open again)."""
    if state not in ("open", "done"):
        raise HandoverInputError("bad_state", f"Unknown item state {state!r}")
    _require_me(engine)
    with engine.db.session() as s:
        hid = s.scalar(select(CacheItem.handover_id).where(CacheItem.id == item_id))
        view = handover_view(s, hid) if hid is not None else None
    if view is None:
        raise HandoverInputError("unknown_item", f"No handover item {item_id}")
    if view.status != "published":
        raise HandoverInputError("not_published", "Items can be marked done on a published handover only")
    return engine.enqueue(
        "handover_item.set_state@1", {"item_id": item_id, "state": state, "at": utcnow().isoformat()}
    )


def count_pending(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count()).where(
                OutboxEntry.name.in_(HANDOVER_MUTATIONS), OutboxEntry.status == OutboxStatus.PENDING
            )
        )
        or 0
    )
