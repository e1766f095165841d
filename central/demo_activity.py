"""Demo history for the reports (issue 6): the past two weeks of a plausible floor.

``seed_history`` runs inside ``central.demo.seed_demo``'s transaction, after the shops, staff,
buyers, conversations and orders exist. It

1. writes the ``activity`` events of the conversations the seed already made (opened, assigned,
   responses, closed), derived from their messages, and marks their first answer
   (``first_response_at``) so that a live reply is not taken for a first one again;
2. adds, for each of the ``days`` days before today (the team's time zone), closed conversations
   of every shop (a buyer question, the claim, the answers, the close with its category), with
   their messages, events, a satisfaction score for about a third, and for about a third of the
   pre-sale ones a paid order of the buyer (most inside the conversion window, a few after it).

Everything goes in with bulk Core inserts through ``ops.bulk_insert`` (versioned rows), so the
demo starts well under a second later than without it. ``generate_day`` is the same generator,
sized by the caller (``benchmarks/bench_report.py`` uses it for a day of 500 agents and 20,000
conversations).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from central import ops, orders
from central.activity import day_bounds, load_config, team_zone
from central.models import Activity, Buyer, Conversation, Message, Order, User, user_shop
from central.versions import allocate

_ACTIVITY = cast(Table, Activity.__table__)
_CONVERSATION = cast(Table, Conversation.__table__)

#: how many past days the demo's history covers
HISTORY_DAYS = 14

_QUESTIONS = {
    "presale": (
        "在吗？这款还有现货吗",
        "请问这个尺码偏大还是偏小",
        "今天下单什么时候发货呀",
        "有优惠券可以用吗",
        "这个和另一款有什么区别",
    ),
    "aftersale": (
        "我的快递三天没动了",
        "收到的颜色不对，可以换吗",
        "怎么申请退货",
        "发票什么时候开",
        "少发了一件配件",
    ),
    "complaint": (
        "东西坏了，我要投诉",
        "客服半天不回，太差了",
        "质量有问题，必须给个说法",
        "说好的赠品没有送",
    ),
}
_ANSWERS = {
    "presale": ("亲，有现货的哦，今天下单48小时内发货~", "亲，按平时尺码拍就可以哦", "亲，领券下单更划算哦"),
    "aftersale": ("亲，已为您催促快递，请耐心等待~", "亲，给您申请换货了，请留意短信", "亲，退货申请已通过"),
    "complaint": ("非常抱歉给您带来不好的体验，马上为您处理", "亲，已为您登记，主管会尽快联系您"),
}
_CATEGORIES = {
    "presale": ("presale", "presale", "presale", "order_change"),
    "aftersale": ("aftersale", "aftersale", "shipping", "shipping", "other"),
    "complaint": ("complaint", "complaint", "complaint", "aftersale"),
}
#: share of each group among a shop's conversations
_GROUP_WEIGHTS = (("presale", 0.55), ("aftersale", 0.33), ("complaint", 0.12))
#: conversations by local hour (a shop's day: quiet at night, busy at 10-11 and 20-22)
_HOURLY = (1, 1, 0, 0, 0, 0, 1, 2, 4, 7, 9, 9, 7, 7, 8, 8, 7, 6, 6, 8, 10, 10, 7, 3)


@dataclass
class Floor:
    """Who works where: what the generator needs to know about shops, agents and buyers."""

    shop_ids: list[int]
    #: (shop, group) -> agent ids
    agents: dict[tuple[int, str], list[int]]
    #: shop -> buyer ids
    buyers: dict[int, list[int]]
    #: staff id for the claim's system message
    names: dict[int, tuple[str, str]] = field(default_factory=dict)


@dataclass
class Batch:
    """Rows to insert: conversations with their messages, events and orders."""

    conversations: list[dict[str, Any]] = field(default_factory=list)
    messages: list[list[dict[str, Any]]] = field(default_factory=list)
    ratings: list[tuple[int, datetime] | None] = field(default_factory=list)
    orders: list[dict[str, Any]] = field(default_factory=list)


def load_floor(session: Session) -> Floor:
    """The shops, agents (by shop and group) and buyers in the database."""
    agents: dict[tuple[int, str], list[int]] = {}
    names: dict[int, tuple[str, str]] = {}
    groups_of = {
        uid: (groups.split(","), staff_id, name)
        for uid, groups, staff_id, name in session.execute(
            select(User.id, User.groups_csv, User.staff_id, User.display_name).where(
                User.role == "agent", User.active.is_(True)
            )
        )
    }
    shop_ids: set[int] = set()
    for uid, shop in session.execute(select(user_shop.c.user_id, user_shop.c.shop_id)):
        if uid not in groups_of:
            continue
        groups, staff_id, name = groups_of[uid]
        names[uid] = (staff_id, name)
        shop_ids.add(shop)
        for g in groups:
            agents.setdefault((shop, g), []).append(uid)
    buyers: dict[int, list[int]] = {}
    for bid, shop in session.execute(select(Buyer.id, Buyer.shop_id).order_by(Buyer.id)):
        buyers.setdefault(shop, []).append(bid)
    return Floor(sorted(s for s in shop_ids if s in buyers), agents, buyers, names)


def _local_hour_offset(rng: random.Random) -> float:
    """Seconds into a local day, following :data:`_HOURLY`."""
    hour = rng.choices(range(24), weights=_HOURLY)[0]
    return hour * 3600.0 + rng.uniform(0, 3600)


def generate_day(
    rng: random.Random,
    floor: Floor,
    start: datetime,
    n_conversations: int,
    *,
    not_after: datetime,
    window_hours: int = 72,
) -> Batch:
    """``n_conversations`` closed conversations spread over the local day that begins at
    ``start`` (UTC), none ending after ``not_after``."""
    batch = Batch()
    groups = [g for g, _ in _GROUP_WEIGHTS]
    weights = [w for _, w in _GROUP_WEIGHTS]
    for _ in range(n_conversations):
        shop = rng.choice(floor.shop_ids)
        group = rng.choices(groups, weights)[0]
        agents = floor.agents.get((shop, group)) or floor.agents.get((shop, "presale")) or []
        if not agents:
            continue
        agent = rng.choice(agents)
        buyer = rng.choice(floor.buyers[shop])
        opened = start + timedelta(seconds=_local_hour_offset(rng))
        first_wait = min(600.0, rng.lognormvariate(3.0, 0.7))  # ~20 s, now and then minutes
        second_gap = rng.uniform(20, 240)
        second_wait = min(900.0, rng.lognormvariate(3.4, 0.6))
        end = opened + timedelta(seconds=first_wait + second_gap + second_wait + rng.uniform(30, 180))
        if end > not_after:
            continue
        staff_id, name = floor.names.get(agent, (str(agent), str(agent)))
        t1 = opened + timedelta(seconds=first_wait)
        t2 = t1 + timedelta(seconds=second_gap)
        t3 = t2 + timedelta(seconds=second_wait)
        answers = _ANSWERS[group]
        msgs = [
            _msg("buyer", None, rng.choice(_QUESTIONS[group]), opened),
            _msg("system", agent, ops.claim_text_for(name, staff_id), t1 - timedelta(seconds=1)),
            _msg("agent", agent, rng.choice(answers), t1),
            _msg("buyer", None, rng.choice(("好的", "嗯嗯，谢谢", "那我再看看", "还有别的办法吗")), t2),
            _msg("agent", agent, rng.choice(answers), t3),
        ]
        category = rng.choice(_CATEGORIES[group])
        rated = None
        if rng.random() < 0.35:
            score = rng.choices(
                (5, 4, 3, 2, 1), (55, 25, 10, 6, 4) if group != "complaint" else (20, 20, 25, 20, 15)
            )[0]
            rated = (score, end + timedelta(minutes=rng.uniform(1, 30)))
        batch.conversations.append(
            {
                "shop_id": shop,
                "buyer_id": buyer,
                "group": group,
                "priority": 0,
                "status": "closed",
                "assignee_id": agent,
                "assignment_version": 2,
                "created_at": opened,
                "waiting_since": None,
                "last_message_at": t3,
                "last_message_preview": msgs[-1]["text"][: ops.PREVIEW_CHARS],
                "last_message_from": "agent",
                "closed_at": end,
                "close_category": category,
                "first_response_at": t1,
                "satisfaction": rated[0] if rated else None,
            }
        )
        batch.messages.append(msgs)
        batch.ratings.append(rated)
        if group == "presale" and rng.random() < 0.36:
            inside = rng.random() < 0.85
            hours = (
                rng.uniform(0.05, min(48.0, window_hours * 0.9))
                if inside
                else window_hours + rng.uniform(2, 48)
            )
            paid = opened + timedelta(hours=hours)
            if paid <= not_after:
                batch.orders.append(_order(rng, shop, buyer, opened, paid))
    return batch


def _msg(sender: str, author_id: int | None, text: str, at: datetime) -> dict[str, Any]:
    return {"sender": sender, "author_id": author_id, "text": text, "created_at": at}


def _order(rng: random.Random, shop: int, buyer: int, opened: datetime, paid: datetime) -> dict[str, Any]:
    price = rng.choice((3900, 5900, 8900, 12900, 19900, 29900))
    qty = rng.choice((1, 1, 1, 2))
    total = price * qty
    return {
        "shop_id": shop,
        "buyer_id": buyer,
        "order_no": f"H{paid:%y%m%d%H%M%S}{rng.randrange(10**9):09d}",
        "status": "completed",
        "created_at": paid - timedelta(minutes=rng.uniform(1, 20)),
        "paid_at": paid,
        "shipped_at": paid + timedelta(hours=rng.uniform(4, 30)),
        "delivered_at": paid + timedelta(hours=rng.uniform(40, 90)),
        "completed_at": paid + timedelta(hours=rng.uniform(100, 200)),
        "closed_at": None,
        "items": [
            {
                "sku": f"H-{price}",
                "title": "店铺热销款",
                "specs": "默认",
                "quantity": qty,
                "unit_price_fen": price,
            }
        ],
        "discounts": [],
        "item_total_fen": total,
        "shipping_fee_fen": 0,
        "paid_fen": total,
        "updated_at": paid + timedelta(hours=1),
    }


def derive_events(
    conv_id: int,
    conv: dict[str, Any],
    msgs: Sequence[dict[str, Any]],
    rated: tuple[int, datetime] | None = None,
) -> list[dict[str, Any]]:
    """The activity events a conversation's messages and state imply, in order: opened, assigned
    (the claim's system message), response per agent answer to a waiting buyer (the first one
    marked), closed, rated."""
    base = {
        "shop_id": conv["shop_id"],
        "group": conv["group"],
        "conversation_id": conv_id,
        "buyer_id": conv["buyer_id"],
    }
    events: list[dict[str, Any]] = []

    def event(kind: str, at: datetime, **kw: Any) -> None:
        events.append({**base, "kind": kind, "at": at, "agent_id": None, "actor_id": None, "value": None,
                       "first": False, "category": None, "detail": None, **kw})  # fmt: skip

    event("opened", conv["created_at"])
    waiting_since: datetime | None = conv["created_at"]
    holder: int | None = None
    answered = False
    for m in msgs:
        at = m["created_at"]
        if m["sender"] == "system" and m["author_id"] is not None and holder is None:
            holder = m["author_id"]
            waited = (at - waiting_since).total_seconds() if waiting_since else None
            event("assigned", at, agent_id=holder, actor_id=holder, value=waited, detail={"how": "claim"})
        elif m["sender"] == "buyer" and waiting_since is None:
            waiting_since = at
        elif m["sender"] == "agent" and waiting_since is not None:
            who = m["author_id"] or holder
            event(
                "response",
                at,
                agent_id=who,
                actor_id=who,
                value=(at - waiting_since).total_seconds(),
                first=not answered,
            )
            answered = True
            waiting_since = None
    if conv["status"] == "closed" and conv.get("closed_at") is not None:
        agent = conv.get("assignee_id") or holder
        event(
            "closed", conv["closed_at"], agent_id=agent, actor_id=agent, category=conv.get("close_category")
        )
        if rated is not None:
            event("rated", rated[1], agent_id=agent, value=float(rated[0]))
    return events


def first_answer(msgs: Sequence[dict[str, Any]]) -> datetime | None:
    return next((m["created_at"] for m in msgs if m["sender"] == "agent"), None)


def insert_batch(session: Session, batch: Batch) -> tuple[int, int]:
    """Writes a generated batch (conversations, messages, orders, events); returns the number of
    conversations and events."""
    if not batch.conversations:
        return 0, 0
    conv_ids = ops.bulk_insert(session, Conversation, batch.conversations, returning=True)
    messages: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for cid, conv, msgs, rated in zip(
        conv_ids, batch.conversations, batch.messages, batch.ratings, strict=True
    ):
        for m in msgs:
            m["conversation_id"] = cid
            m["shop_id"] = conv["shop_id"]
        messages.extend(msgs)
        events.extend(derive_events(cid, conv, msgs, rated))
    messages.sort(key=lambda m: m["created_at"])
    ops.bulk_insert(session, Message, messages)
    if batch.orders:
        _address_orders(session, batch.orders)
        ops.bulk_insert(session, Order, batch.orders)
    # ids follow time, so that "the first assignment after it opened" is also the lowest id
    events.sort(key=lambda e: e["at"])
    session.execute(insert(_ACTIVITY), events)
    _touch_buyers(session, batch.conversations)
    if batch.orders:
        orders.refresh_buyer_figures_bulk(session, {o["buyer_id"] for o in batch.orders})
    return len(conv_ids), len(events)


def _address_orders(session: Session, rows: list[dict[str, Any]]) -> None:
    """Orders go to their buyer's name, phone and address (as the platform fills them in)."""
    ids = sorted({o["buyer_id"] for o in rows})
    found: dict[int, tuple[str, str, str, str, str]] = {}
    for start in range(0, len(ids), 500):
        for bid, name, phone, province, city, address in session.execute(
            select(Buyer.id, Buyer.name, Buyer.phone, Buyer.province, Buyer.city, Buyer.address).where(
                Buyer.id.in_(ids[start : start + 500])
            )
        ):
            found[bid] = (name, phone, province, city, address)
    for o in rows:
        name, phone, province, city, address = found.get(o["buyer_id"], ("", "", "", "", ""))
        o.update(receiver_name=name, receiver_phone=phone, province=province, city=city, address=address)


def _touch_buyers(session: Session, conversations: list[dict[str, Any]]) -> None:
    """The buyers' first and last contact follow their conversations (a new version when moved)."""
    span: dict[int, tuple[datetime, datetime]] = {}
    for c in conversations:
        first, last = span.get(c["buyer_id"], (c["created_at"], c["last_message_at"]))
        span[c["buyer_id"]] = (min(first, c["created_at"]), max(last, c["last_message_at"]))
    ids = sorted(span)
    moved: list[dict[str, Any]] = []
    for start in range(0, len(ids), 500):
        for bid, first, last in session.execute(
            select(Buyer.id, Buyer.first_contact_at, Buyer.last_contact_at).where(
                Buyer.id.in_(ids[start : start + 500])
            )
        ):
            lo, hi = span[bid]
            new_first = lo if first is None or lo < first else first
            new_last = hi if last is None or hi > last else last
            if (new_first, new_last) != (first, last):
                moved.append({"bid": bid, "first": new_first, "last": new_last})
    if not moved:
        return
    version = allocate(session, len(moved))
    for i, row in enumerate(moved):
        row["version"] = version + i
    table = cast(Table, Buyer.__table__)
    stmt = update(table).where(table.c.id == bindparam("bid"))
    session.execute(
        stmt.values(
            first_contact_at=bindparam("first"),
            last_contact_at=bindparam("last"),
            version=bindparam("version"),
        ),
        moved,
    )


def _existing(session: Session) -> int:
    """Events (and first answers) of the conversations already in the database."""
    convs = {
        row.id: row._asdict()
        for row in session.execute(
            select(
                Conversation.id,
                Conversation.shop_id,
                Conversation.buyer_id,
                Conversation.group,
                Conversation.status,
                Conversation.assignee_id,
                Conversation.created_at,
                Conversation.closed_at,
                Conversation.close_category,
            )
        )
    }
    msgs: dict[int, list[dict[str, Any]]] = {}
    for cid, sender, author, at in session.execute(
        select(Message.conversation_id, Message.sender, Message.author_id, Message.created_at).order_by(
            Message.created_at, Message.id
        )
    ):
        msgs.setdefault(cid, []).append({"sender": sender, "author_id": author, "created_at": at})
    events: list[dict[str, Any]] = []
    firsts: list[dict[str, Any]] = []
    for cid, conv in convs.items():
        thread = msgs.get(cid, [])
        events.extend(derive_events(cid, conv, thread))
        answered = first_answer(thread)
        if answered is not None:
            firsts.append({"cid": cid, "at": answered})
    if firsts:
        stmt = update(_CONVERSATION).where(_CONVERSATION.c.id == bindparam("cid"))
        session.execute(stmt.values(first_response_at=bindparam("at")), firsts)
    events.sort(key=lambda e: e["at"])
    if events:
        session.execute(insert(_ACTIVITY), events)
    return len(events)


def seed_history(session: Session, now: datetime, seed: int = 2026, days: int = HISTORY_DAYS) -> str:
    """The demo's report history (see the module's docstring); returns a summary line."""
    rng = random.Random(f"activity-{seed}")
    existing = _existing(session)
    floor = load_floor(session)
    if not floor.shop_ids:
        return f"{existing} activity events"
    config = load_config(session)
    today = now.astimezone(team_zone(config)).date()
    total = Batch()
    for back in range(days, 0, -1):
        day = today - timedelta(days=back)
        start, _ = day_bounds(config, day.isoformat())
        weekend = day.weekday() >= 5
        n = sum(rng.randint(16, 30) + (8 if weekend else 0) for _ in floor.shop_ids)
        batch = generate_day(rng, floor, start, n, not_after=now, window_hours=config.conversion_window_hours)
        total.conversations += batch.conversations
        total.messages += batch.messages
        total.ratings += batch.ratings
        total.orders += batch.orders
    n_convs, n_events = insert_batch(session, total)
    return (
        f"{days} days of history ({n_convs} conversations, {len(total.orders)} orders, "
        f"{n_events + existing} activity events)"
    )
