"""Demo order notes, shifts and handovers (issue 5), written through the real mutations.

Every note change goes through ``central.notes`` (so the demo's history has real revisions,
merges and one unresolved conflict) and every handover through ``central.handovers``; only the
times are moved into the past afterwards, so the history reads like a working day.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from central import handovers, notes
from central.models import (
    Conversation,
    Handover,
    HandoverAck,
    HandoverItem,
    NoteEntry,
    Order,
    OrderNote,
    User,
    user_shop,
)
from wsprotocol import (
    HandoverAckArgs,
    HandoverItemArgs,
    HandoverPublishArgs,
    HandoverSaveArgs,
    NoteDeleteArgs,
    NoteEditArgs,
    ShiftSaveArgs,
)

#: the demo team works in China: shift dates are local (UTC+8)
LOCAL_OFFSET = timedelta(hours=8)
SHIFTS = (
    ("early", "早班", "08:00", "16:00"),
    ("middle", "中班", "16:00", "00:00"),
    ("night", "晚班", "00:00", "08:00"),
)
CITIES = (
    "上海市浦东新区张江路",
    "杭州市西湖区文三路",
    "北京市朝阳区望京街",
    "广州市天河区体育西路",
    "成都市武侯区天府大道",
)
GIFTS = ("抱枕一个", "收纳袋两个", "试用装一套", "靠垫一个")


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


class _Writer:
    """Applies demo changes through the mutations and then dates them ``at``."""

    def __init__(self, session: Any, rng: random.Random) -> None:
        self.s = session
        self.rng = rng

    def _date_entry(self, entry_id: str, at: datetime) -> None:
        entry = self.s.get(NoteEntry, entry_id)
        entry.authored_at = at - timedelta(seconds=self.rng.randint(5, 90))
        entry.applied_at = at
        note = self.s.get(OrderNote, entry.order_id)
        note.updated_at = at

    def edit(
        self,
        user: User,
        order_id: int,
        flag: str,
        text: str,
        reason_code: str,
        base: int,
        at: datetime,
        reason: str = "",
    ) -> dict[str, Any]:
        entry_id = _uid(self.rng)
        args = NoteEditArgs(
            entry_id=entry_id,
            order_id=order_id,
            flag=flag,
            text=text,
            reason_code=reason_code,
            reason=reason,
            base_revision=base,
            authored_at=at,
        )
        applied = notes.note_edit(self.s, user, args)
        self._date_entry(entry_id, at)
        return applied.result

    def delete(self, user: User, order_id: int, base: int, at: datetime) -> None:
        entry_id = _uid(self.rng)
        args = NoteDeleteArgs(
            entry_id=entry_id,
            order_id=order_id,
            reason_code="other",
            reason="备注写错了订单",
            base_revision=base,
            authored_at=at,
        )
        notes.note_delete(self.s, user, args)
        self._date_entry(entry_id, at)


def _shop_agents(session: Any, shop_id: int) -> list[User]:
    ids = session.scalars(select(user_shop.c.user_id).where(user_shop.c.shop_id == shop_id)).all()
    users = [session.get(User, i) for i in ids]
    agents = [u for u in users if u is not None and u.role == "agent"]
    return sorted(agents, key=lambda u: u.staff_id)


def seed_notes(session: Any, seed: int, now: datetime, shop_ids: list[int]) -> str:
    """Shifts for every shop, notes with history on some orders, and handovers; a summary line."""
    rng = random.Random(seed * 7 + 5)
    w = _Writer(session, rng)
    n_notes = n_entries = n_handovers = 0
    for shop_index, shop_id in enumerate(shop_ids):
        supervisors = [
            u
            for u in (
                session.get(User, i)
                for i in session.scalars(select(user_shop.c.user_id).where(user_shop.c.shop_id == shop_id))
            )
            if u is not None and u.role in ("supervisor", "admin")
        ]
        agents = _shop_agents(session, shop_id)
        if len(agents) < 2 or not supervisors:
            continue
        for pos, (code, name, start, end) in enumerate(SHIFTS):
            handovers.shift_save(
                session,
                supervisors[0],
                ShiftSaveArgs(
                    id=f"demo-shift-{shop_id}-{code}",
                    shop_id=shop_id,
                    code=code,
                    name=name,
                    start=start,
                    end=end,
                    position=pos,
                ),
            )
        orders = session.scalars(
            select(Order.id)
            .where(Order.shop_id == shop_id, Order.status.in_(("paid", "shipped")))
            .order_by(Order.id.desc())
            .limit(40)
        ).all()
        if len(orders) < 8:
            continue
        picked = rng.sample(list(orders), 8)
        a, b = agents[0], agents[1]
        c = agents[2] if len(agents) > 2 else a
        day = now - timedelta(hours=rng.randint(20, 30))
        hour = timedelta(hours=1)
        # 1. an address change, then the warehouse told
        city = rng.choice(CITIES)
        r = w.edit(a, picked[0], "red", f"买家要求改地址为{city}88号", "address_change", 0, day)
        w.edit(
            b,
            picked[0],
            "red",
            f"买家要求改地址为{city}88号，已通知仓库",
            "address_change",
            r["note"]["revision"],
            day + hour,
        )
        # 2. a gift
        w.edit(a, picked[1], "yellow", f"赠品：{rng.choice(GIFTS)}", "gift", 0, day + 2 * hour)
        # 3. shipping instruction, then a reshipment after a complaint
        r = w.edit(b, picked[2], "blue", "顺丰发货", "shipping_instruction", 0, day + 3 * hour)
        w.edit(
            c,
            picked[2],
            "blue",
            "顺丰发货。包裹破损，已补发",
            "aftersale",
            r["note"]["revision"],
            day + 9 * hour,
        )
        # 4. quantity change
        w.edit(c, picked[3], "green", "买家要求改为2件，差价已补", "quantity_change", 0, day + 4 * hour)
        # 5. two agents edited the same note offline, at both ends: merged
        r = w.edit(a, picked[4], "none", "买家要求改地址为上海", "address_change", 0, day + 5 * hour)
        base = r["note"]["revision"]
        w.edit(a, picked[4], "none", "买家要求改地址为上海浦东", "address_change", base, day + 6 * hour)
        w.edit(
            b,
            picked[4],
            "purple",
            "已通知仓库。买家要求改地址为上海",
            "other",
            base,
            day + 6 * hour + timedelta(minutes=3),
            reason="跟进",
        )
        # 6. written on the wrong order, deleted
        r = w.edit(c, picked[5], "red", "顺丰到付", "shipping_instruction", 0, day + 7 * hour)
        w.delete(c, picked[5], r["note"]["revision"], day + 7 * hour + timedelta(minutes=2))
        n_notes += 6
        n_entries += 12
        if shop_index == 0:
            # 7. an unresolved conflict: the same words changed differently by two agents offline
            r = w.edit(a, picked[6], "yellow", "赠品：抱枕", "gift", 0, day + 8 * hour)
            base = r["note"]["revision"]
            w.edit(a, picked[6], "yellow", "赠品：抱枕两个", "gift", base, day + 10 * hour)
            w.edit(
                b, picked[6], "yellow", "赠品：靠垫一个", "gift", base, day + 10 * hour + timedelta(minutes=4)
            )
            n_notes += 1
            n_entries += 3
        n_handovers += _seed_handovers(session, rng, now, shop_id, agents, picked)
    return f"{n_notes} order notes with {n_entries} entries, {n_handovers} handovers"


def _seed_handovers(
    session: Any, rng: random.Random, now: datetime, shop_id: int, agents: list[User], picked: list[int]
) -> int:
    """Yesterday's middle-shift handover to the night shift (read, one item still open), and
    tonight's night-shift handover to the early shift with an item of every kind, carrying the
    open one over."""
    local_today = (now + LOCAL_OFFSET).date()
    yesterday = local_today - timedelta(days=1)
    middle_author, night_author = agents[-1], agents[0]
    convs = session.scalars(
        select(Conversation.id)
        .where(Conversation.shop_id == shop_id, Conversation.status != "closed")
        .limit(3)
    ).all()
    conv = convs[0] if convs else None
    open_id, done_id = _uid(rng), _uid(rng)
    first_id = _uid(rng)
    handovers.handover_save(
        session,
        middle_author,
        HandoverSaveArgs(
            id=first_id,
            shop_id=shop_id,
            shift_date=yesterday.isoformat(),
            from_shift="middle",
            to_shift="night",
            summary="晚高峰咨询较多，一位买家答应明早回电",
            items=[
                HandoverItemArgs(
                    id=open_id,
                    kind="callback",
                    text="答应买家明天上午回电确认发票抬头",
                    conversation_id=conv,
                    position=0,
                ),
                HandoverItemArgs(id=done_id, kind="other", text="仓库晚上十点前截单，已提醒", position=1),
            ],
        ),
    )
    handovers.handover_publish(session, middle_author, HandoverPublishArgs(id=first_id))
    handovers.handover_ack(session, night_author, HandoverAckArgs(handover_id=first_id, acked_at=now))
    done = session.get(HandoverItem, done_id)
    done.state, done.done_by = "done", night_author.id
    first_published = now - timedelta(hours=16)
    done.done_at = first_published + timedelta(hours=1)
    _date_handover(session, first_id, first_published, first_published + timedelta(minutes=20))

    presale = session.scalar(
        select(Order.id)
        .where(Order.shop_id == shop_id, Order.presale.is_not(None))
        .order_by(Order.id.desc())
        .limit(1)
    )
    kinds = [
        ("presale_due", "预售尾款今晚开始支付，记得提醒买家", presale or picked[7], None),
        ("missed_shipment", "超过承诺发货时间未发货，已催仓库", picked[3], None),
        ("callback", "答应买家上午十点回电", None, conv),
        ("complaint", "买家投诉包裹破损，已补发，需回访", picked[2], None),
        ("unpaid_nudge", "下单两小时未付款，上班后催付", picked[1], None),
        ("stuck_parcel", "物流三天没有更新，已联系快递", picked[0], None),
        ("other", "系统升级后打单机需要重启", None, None),
    ]
    items = [
        HandoverItemArgs(
            id=_uid(rng),
            kind=kind,
            text=text,
            order_id=order_id,
            conversation_id=conv_id,
            due_at=now + timedelta(hours=rng.randint(1, 6)),
            position=n,
        )
        for n, (kind, text, order_id, conv_id) in enumerate(kinds)
    ]
    items.append(
        HandoverItemArgs(
            id=_uid(rng),
            kind="callback",
            text="答应买家明天上午回电确认发票抬头",
            conversation_id=conv,
            carried_from=open_id,
            position=len(items),
        )
    )
    second_id = _uid(rng)
    handovers.handover_save(
        session,
        night_author,
        HandoverSaveArgs(
            id=second_id,
            shop_id=shop_id,
            shift_date=local_today.isoformat(),
            from_shift="night",
            to_shift="early",
            summary="夜班共接待三十多位买家，以下事项请早班跟进",
            items=items,
        ),
    )
    handovers.handover_publish(session, night_author, HandoverPublishArgs(id=second_id))
    published = now - timedelta(minutes=rng.randint(20, 90))
    _date_handover(session, second_id, published, None)
    return 2


def _date_handover(session: Any, handover_id: str, published: datetime, acked: datetime | None) -> None:
    h = session.get(Handover, handover_id)
    h.published_at = h.updated_at = published
    if acked is not None:
        for ack in session.scalars(select(HandoverAck).where(HandoverAck.handover_id == handover_id)):
            ack.acked_at = acked
