"""Demo mode: seed a database with believable data (``central.demodata``) and simulate buyers.

Everything goes through the versioned write path (``central.ops`` and ``ops.bulk_insert``), so a
workstation syncing from a demo service sees exactly what it would see from a real one.

Also ``bulk_conversations``: many conversations with their buyers in one transaction, for tests
and benchmarks.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
import time
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from central import demo_activity, demo_notes, demo_orders, demodata, ops
from central.db import Database
from central.models import (
    Activity,
    AgentState,
    Buyer,
    Conversation,
    Message,
    Order,
    Phrase,
    Shop,
    User,
    user_shop,
    utcnow,
)
from central.security import hash_password
from central.settings import Settings

log = logging.getLogger(__name__)

N_BUYERS = 5000
N_CONVERSATIONS = 400
HISTORY_DAYS = 7.0


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def seed_demo(
    db: Database,
    seed: int = 2026,
    only_if_empty: bool = False,
    n_buyers: int = N_BUYERS,
    n_conversations: int = N_CONVERSATIONS,
) -> str:
    """Fill the database with the demo shops, staff, buyers, conversations and phrases.

    One transaction with bulk inserts (a few seconds at most). With ``only_if_empty`` a database
    that already has shops is left alone (the demo keeps its data across restarts).
    """
    with db.write() as s:
        if only_if_empty and s.execute(select(func.count()).select_from(Shop)).scalar_one() > 0:
            return "demo database already seeded"
        rng = random.Random(seed)
        now = utcnow()
        shops = demodata.demo_shops()
        shop_ids = ops.bulk_insert(
            s, Shop, [{"name": sh.name, "platform": sh.platform} for sh in shops], returning=True
        )
        shop_id_of = {sh.key: sid for sh, sid in zip(shops, shop_ids, strict=True)}

        users = demodata.demo_users()
        pw_hashes: dict[str, str] = {}
        user_rows = []
        for u in users:
            if u.password not in pw_hashes:
                pw_hashes[u.password] = hash_password(u.password)
            user_rows.append(
                {
                    "staff_id": u.staff_id,
                    "display_name": u.display_name,
                    "role": u.role,
                    "password_hash": pw_hashes[u.password],
                    "groups_csv": ",".join(u.groups),
                    "active": True,
                    "created_at": now - timedelta(days=90),
                }
            )
        user_ids = ops.bulk_insert(s, User, user_rows, returning=True)
        ops.bulk_user_shops(
            s, [(uid, shop_id_of[k]) for u, uid in zip(users, user_ids, strict=True) for k in u.shop_keys]
        )
        staff = list(zip(users, user_ids, strict=True))

        buyers = demodata.demo_buyers(rng, n_buyers, shops)
        buyer_ids = ops.bulk_insert(
            s,
            Buyer,
            [
                {
                    "shop_id": shop_id_of[b.shop_key],
                    "nickname": b.nickname,
                    "name": b.name,
                    "phone": b.phone,
                    "province": b.province,
                    "city": b.city,
                    "address": b.address,
                    "vip_level": b.vip_level,
                    "created_at": now - timedelta(days=rng.uniform(30, 900)),
                }
                for b in buyers
            ],
            returning=True,
        )

        convs = demodata.demo_conversations(rng, shops, n_buyers, n_conversations)
        conv_rows: list[dict[str, Any]] = []
        msg_rows_per_conv: list[list[dict[str, Any]]] = []
        for dc in convs:
            agents = [
                (u, uid)
                for u, uid in staff
                if u.role == "agent" and dc.shop_key in u.shop_keys and dc.group in u.groups
            ] or [(u, uid) for u, uid in staff if u.role == "supervisor"]
            assignee, assignee_id = rng.choice(agents)
            last_offset = dc.messages[-1].offset_s if dc.messages else 0.0
            # A waiting buyer's messages are squeezed into the last minute or so: the demo opens
            # on waits of a few seconds to about two minutes (mostly green, some amber, a few
            # red) that a person then watches turn amber and red, not on a wall of red.
            squeeze = min(1.0, 30.0 / last_offset) if dc.status == "waiting" and last_offset else 1.0
            last_offset *= squeeze
            if dc.status == "waiting":
                opened = now - timedelta(seconds=last_offset + rng.uniform(5, 90))
            elif dc.status == "assigned":
                opened = now - timedelta(seconds=last_offset + rng.uniform(30, 1800))
            else:
                ago = demodata.history_seconds_ago(rng, HISTORY_DAYS, hour_now=(now.hour + 8) % 24)
                opened = now - timedelta(seconds=max(ago, last_offset + 600))
            msgs: list[dict[str, Any]] = []
            claimed = False
            for m in dc.messages:
                at = opened + timedelta(seconds=m.offset_s * squeeze)
                if m.sender == "agent" and not claimed:
                    msgs.append(
                        _msg(
                            "system",
                            assignee_id,
                            ops.claim_text_for(assignee.display_name, assignee.staff_id),
                            at - timedelta(seconds=1),
                        )
                    )
                    claimed = True
                msgs.append(_msg(m.sender, assignee_id if m.sender != "buyer" else None, m.text, at))
            conv_rows.append(
                _conversation_row(
                    dc, shop_id_of[dc.shop_key], buyer_ids[dc.buyer_index], assignee_id, opened, msgs
                )
            )
            msg_rows_per_conv.append(msgs)
        conv_ids = ops.bulk_insert(s, Conversation, conv_rows, returning=True)
        all_msgs: list[dict[str, Any]] = []
        for cid, row, msgs in zip(conv_ids, conv_rows, msg_rows_per_conv, strict=True):
            for mrow in msgs:
                mrow["conversation_id"] = cid
                mrow["shop_id"] = row["shop_id"]
            all_msgs.extend(msgs)
        all_msgs.sort(key=lambda m: m["created_at"])
        ops.bulk_insert(s, Message, all_msgs)

        staff_id_of = {u.staff_id: uid for u, uid in staff}
        phrase_rows = []
        for pos, p in enumerate(demodata.demo_phrases(shops, users)):
            phrase_rows.append(
                {
                    "id": _uuid(rng),
                    "shop_id": shop_id_of[p.shop_key] if p.shop_key else None,
                    "owner_id": staff_id_of[p.owner] if p.owner else None,
                    "group_name": p.group_name,
                    "code": p.code,
                    "text": p.text,
                    "position": pos,
                    "updated_at": now - timedelta(days=3),
                    "updated_by": None,
                }
            )
        ops.bulk_insert(s, Phrase, phrase_rows)
        orders_summary = demo_orders.seed_orders(s, seed, now, shops, shop_id_of, buyers, buyer_ids)
        notes_summary = demo_notes.seed_notes(s, seed, now, list(shop_ids))
        history_summary = demo_activity.seed_history(s, now, seed)
        colleagues = [uid for u, uid in staff if u.role == "agent" and u.staff_id not in HUMAN_STAFF]
        seed_presence(s, rng, now, colleagues)
    return (
        f"seeded {len(shops)} shops, {len(users)} staff, {len(buyers)} buyers, "
        f"{len(convs)} conversations, {len(all_msgs)} messages, {len(phrase_rows)} phrases, "
        + orders_summary
        + ", "
        + notes_summary
        + ", "
        + history_summary
    )


def seed_presence(session: Session, rng: random.Random, now: datetime, colleague_ids: list[int]) -> None:
    """Statuses and capacities of the simulated colleagues (the people trying the demo set their
    own status from the workstation): a floor where some are online, some busy, some away."""
    session.execute(
        insert(AgentState),
        [
            {
                "user_id": uid,
                "status": _colleague_status(rng),
                "status_since": now - timedelta(minutes=rng.uniform(1, 90)),
                "capacity": rng.randint(*COLLEAGUE_CAPACITY),
                "last_seen_at": now,
                "last_assigned_at": now - timedelta(minutes=rng.uniform(1, 60)),
            }
            for uid in colleague_ids
        ],
    )


def _colleague_status(rng: random.Random) -> str:
    return rng.choices(("online", "busy", "away"), COLLEAGUE_STATUS_WEIGHTS)[0]


def _msg(sender: str, author_id: int | None, text: str, at: datetime) -> dict[str, Any]:
    return {"sender": sender, "author_id": author_id, "text": text, "created_at": at}


def _conversation_row(
    dc: demodata.DemoConversation,
    shop_id: int,
    buyer_id: int,
    assignee_id: int,
    opened: datetime,
    msgs: list[dict[str, Any]],
) -> dict[str, Any]:
    last = msgs[-1]
    # the wait clock runs from the first buyer message after the last agent answer
    waiting_since = None
    for m in msgs:
        if m["sender"] == "agent":
            waiting_since = None
        elif m["sender"] == "buyer" and waiting_since is None:
            waiting_since = m["created_at"]
    return {
        "shop_id": shop_id,
        "buyer_id": buyer_id,
        "group": dc.group,
        "priority": dc.priority,
        "status": dc.status,
        "assignee_id": None if dc.status == "waiting" else assignee_id,
        "assignment_version": {"waiting": 0, "assigned": 1, "closed": 2}[dc.status],
        "created_at": opened,
        "waiting_since": None if dc.status == "closed" else waiting_since,
        "last_message_at": last["created_at"],
        "last_message_preview": last["text"][: ops.PREVIEW_CHARS],
        "last_message_from": last["sender"],
        "closed_at": last["created_at"] + timedelta(seconds=60) if dc.status == "closed" else None,
        "close_category": dc.close_category,
    }


def demo_accounts_text(db: Database) -> str:
    """The accounts a demo user can log in with (printed by ``workstation-central demo``)."""
    with db.read() as s:
        rows = s.execute(select(User.staff_id, User.display_name, User.role).order_by(User.id)).all()
    shown = [r for r in rows if r[2] != "agent" or r[0] in ("kf001", "kf002", "kf003")]
    lines = [f"demo accounts (password {demodata.DEMO_PASSWORD}):"]
    lines += [f"  {sid:8} {name} ({role})" for sid, name, role in shown]
    if len(rows) > len(shown):
        lines.append(f"  ... and {len(rows) - len(shown)} more agents (kf004 - kf{len(rows) - 3:03d})")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- traffic


#: agents the demo's own users log in as: the simulated colleagues leave their work to them
HUMAN_STAFF = ("kf001", "kf002")
#: what the buyers of a complaint burst write (a batch gone wrong, a courier that lost parcels)
BURST_TEXTS = (
    "收到的货是坏的，我要投诉！",
    "快递三天没更新了，你们到底发没发货？投诉！",
    "这批次质量太差了，和描述完全不符",
    "客服一直不回，我要投诉",
    "包装破损，东西都漏出来了",
)
#: a simulated colleague takes a waiting conversation only after it waited this long, so that the
#: person trying the demo sees a queue and gets to claim first
COLLEAGUE_PATIENCE_S = 45.0


#: a buyer answers an agent's reply this many seconds after it (uniformly between the two)
BUYER_ANSWER_DELAY_S = (3.0, 8.0)
#: how often, while waiting for the next buyer event, due answers are written
ANSWER_POLL_S = 0.5
#: a simulated colleague answers a buyer's message in a conversation it holds after this long
COLLEAGUE_REPLY_AFTER_S = 20.0
#: simulated colleagues' statuses (online, busy, away) and capacities: some are offered new
#: conversations by routing, most are not, so the person trying the demo still sees a queue
COLLEAGUE_STATUS_WEIGHTS = (0.3, 0.45, 0.25)
COLLEAGUE_CAPACITY = (3, 6)
#: chance, per buyer event, that a simulated colleague changes status
COLLEAGUE_STATUS_CHANGE = 0.15
#: seconds between bursts of complaints in one shop (the first comes after a minute)
COMPLAINT_BURST_EVERY_S = 600.0
COMPLAINT_BURST_FIRST_S = 60.0


class TrafficSimulator:
    """Buyers of the demo shops write in: new waiting conversations and follow-ups in open ones.

    Buyers answer the replies of the people trying the demo: a few seconds after an agent's reply
    (one not written by a simulated colleague) the buyer writes back something that fits it
    (an order number when asked for one, a photo, thanks after a goodbye ...), so the agent sees
    the next message arrive live.

    Simulated colleagues (the demo agents nobody logged in as) keep the queue from growing for
    ever: now and then one claims the longest-waiting conversation of its shops and groups and
    answers, answers buyers who wrote again, and closes finished conversations with a category.
    All through the same versioned write path (``central.ops``) as real agents.
    """

    def __init__(
        self, db: Database, rate_per_minute: float, seed: int | None = None, colleagues: bool = True
    ) -> None:
        self.db = db
        self.rng = random.Random(seed)
        self.rate = rate_per_minute
        self.colleagues = colleagues
        self._shop_ids: dict[str, int] = {}
        self._buyers_by_shop: list[list[int]] = []
        self.model: demodata.TrafficModel | None = None
        #: agent messages up to this id have been looked at (history is never answered)
        self._seen_message_id = 0
        #: agent messages written by the simulated colleagues (buyers answer people, not them)
        self._own_messages: set[int] = set()
        #: conversation id -> (when, text): the buyer's answer to the latest agent reply
        self._answers: dict[int, tuple[datetime, str]] = {}

    def load(self) -> bool:
        """Read shops and buyers; False when there is nothing to simulate yet."""
        known = {sh.name: sh for sh in demodata.demo_shops()}
        with self.db.read() as s:
            shops = s.execute(select(Shop.id, Shop.name, Shop.platform).order_by(Shop.id)).all()
            demo_shops: list[demodata.DemoShop] = []
            self._buyers_by_shop = []
            for sid, name, platform in shops:
                ids = list(
                    s.execute(select(Buyer.id).where(Buyer.shop_id == sid).order_by(Buyer.id)).scalars()
                )
                if not ids:
                    continue
                shop = known.get(name) or demodata.DemoShop(f"shop{sid}", name, platform)
                demo_shops.append(shop)
                self._shop_ids[shop.key] = sid
                self._buyers_by_shop.append(ids)
            self._seen_message_id = int(
                s.execute(select(func.coalesce(func.max(Message.id), 0))).scalar_one()
            )
        if not demo_shops:
            return False
        n_buyers = sum(len(b) for b in self._buyers_by_shop)
        self.model = demodata.TrafficModel(self.rng, demo_shops, max(n_buyers, len(demo_shops)), self.rate)
        return True

    def buyer_id(self, buyer_index: int) -> int:
        n = len(self._buyers_by_shop)
        ids = self._buyers_by_shop[buyer_index % n]
        return ids[(buyer_index // n) % len(ids)]

    def _shop(self, shop_id: int) -> demodata.DemoShop | None:
        key_of = {sid: key for key, sid in self._shop_ids.items()}
        shop_of = {sh.key: sh for sh in (self.model.shops if self.model else [])}
        key = key_of.get(shop_id)
        return shop_of.get(key) if key is not None else None

    def open_conversations(self) -> list[tuple[int, str, str]]:
        key_of = {sid: key for key, sid in self._shop_ids.items()}
        with self.db.read() as s:
            rows = s.execute(
                select(Conversation.id, Conversation.shop_id, Conversation.group)
                .where(Conversation.status.in_(("waiting", "assigned")))
                .order_by(Conversation.id.desc())
                .limit(300)
            ).all()
        return [(cid, key_of[sid], group) for cid, sid, group in rows if sid in key_of]

    def apply(self, event: demodata.TrafficEvent) -> int:
        """Write one event; returns the conversation id it touched."""
        with self.db.write() as s:
            if event.kind == "follow_up" and event.conversation_id is not None:
                ops.add_message(s, event.conversation_id, "buyer", event.text)
                return event.conversation_id
            conv = ops.open_conversation(
                s, self.buyer_id(event.buyer_index), event.group, event.text, event.priority
            )
            return conv.id

    # -- buyers answering people

    def answer_step(self, now: datetime | None = None) -> int:
        """Look at new agent replies and write the buyers' answers that are due; returns how many
        were written. An answer is dropped when the conversation was closed meanwhile (a "thanks"
        must not reopen it), and a newer reply replaces the answer owed to an older one."""
        now = now or utcnow()
        with self.db.read() as s:
            rows = s.execute(
                select(
                    Message.id,
                    Message.conversation_id,
                    Message.text,
                    Message.created_at,
                    Conversation.shop_id,
                    Conversation.group,
                    Conversation.buyer_id,
                )
                .join(Conversation, Conversation.id == Message.conversation_id)
                .where(Message.id > self._seen_message_id, Message.sender == "agent")
                .order_by(Message.id)
            ).all()
            # when asked for an order number, the buyer gives one of their own (the agent can
            # find it in the buyer's orders), the latest
            buyer_ids = sorted({r[6] for r in rows})
            latest_order = dict(
                s.execute(
                    select(Order.buyer_id, Order.order_no)
                    .where(Order.buyer_id.in_(buyer_ids))
                    .order_by(Order.created_at)
                ).all()
            )
        for msg_id, conv_id, text, created_at, shop_id, group, buyer_id in rows:
            self._seen_message_id = max(self._seen_message_id, msg_id)
            if msg_id in self._own_messages:
                self._own_messages.discard(msg_id)
                continue
            shop = self._shop(shop_id)
            answer = (
                demodata.buyer_answer(self.rng, group, shop, text, latest_order.get(buyer_id))
                if shop is not None
                else None
            )
            if answer is None:
                self._answers.pop(conv_id, None)
                continue
            delay = self.rng.uniform(*BUYER_ANSWER_DELAY_S)
            self._answers[conv_id] = (created_at + timedelta(seconds=delay), answer)
        due = [(cid, text) for cid, (at, text) in self._answers.items() if at <= now]
        written = 0
        for conv_id, text in due:
            del self._answers[conv_id]
            with self.db.write() as s:
                current = s.get(Conversation, conv_id)
                if current is None or current.status != "assigned":
                    continue
                ops.add_message(s, conv_id, "buyer", text)
                written += 1
        return written

    def next_answer_in(self, now: datetime | None = None) -> float | None:
        """Seconds until the next owed buyer answer is due (None when none is owed)."""
        if not self._answers:
            return None
        now = now or utcnow()
        return max(0.0, min((at - now).total_seconds() for at, _ in self._answers.values()))

    async def wait(self, delay: float) -> None:
        """Sleep ``delay`` seconds; meanwhile write the buyers' answers as they come due."""
        end = time.monotonic() + delay
        while True:
            await asyncio.to_thread(self.answer_step)
            left = end - time.monotonic()
            if left <= 0:
                return
            await asyncio.sleep(min(left, ANSWER_POLL_S))

    # -- simulated colleagues

    def _colleagues(self, s: Session, conv: Conversation) -> list[User]:
        return [
            u
            for u in s.execute(
                select(User).where(User.role == "agent", User.staff_id.not_in(HUMAN_STAFF))
            ).scalars()
            if conv.shop_id in u.shop_ids and conv.group in u.groups
        ]

    def _say(self, s: Session, agent: User, conv: Conversation, text: str) -> None:
        _, msg = ops.send_message(s, agent, conv.id, text, str(uuid.UUID(int=self.rng.getrandbits(128))))
        self._own_messages.add(msg.id)

    def colleague_step(self) -> str | None:
        """One action of a simulated colleague, if one is due: ``claimed``, ``replied``,
        ``closed`` or None."""
        now = utcnow()
        simulated = User.staff_id.not_in(HUMAN_STAFF)
        with self.db.write() as s:
            roll = self.rng.random()
            if roll < 0.3:
                # close a conversation that a simulated colleague answered a while ago
                done = s.execute(
                    select(Conversation)
                    .join(User, User.id == Conversation.assignee_id)
                    .where(
                        Conversation.status == "assigned",
                        Conversation.last_message_from == "agent",
                        Conversation.last_message_at < now - timedelta(minutes=2),
                        simulated,
                    )
                    .order_by(Conversation.last_message_at)
                    .limit(1)
                ).scalar_one_or_none()
                if done is not None and done.assignee_id is not None:
                    agent = s.get(User, done.assignee_id)
                    assert agent is not None
                    category = demodata.close_category_for(self.rng, done.group)
                    ops.close(s, agent, done.id, done.assignment_version, category)
                    return "closed"
            elif roll < 0.55:
                # answer a buyer who wrote again in a conversation a simulated colleague holds
                asked = s.execute(
                    select(Conversation)
                    .join(User, User.id == Conversation.assignee_id)
                    .where(
                        Conversation.status == "assigned",
                        Conversation.last_message_from == "buyer",
                        Conversation.waiting_since < now - timedelta(seconds=COLLEAGUE_REPLY_AFTER_S),
                        simulated,
                    )
                    .order_by(Conversation.waiting_since)
                    .limit(1)
                ).scalar_one_or_none()
                shop = self._shop(asked.shop_id) if asked is not None else None
                if asked is not None and asked.assignee_id is not None and shop is not None:
                    agent = s.get(User, asked.assignee_id)
                    assert agent is not None
                    self._say(s, agent, asked, demodata.agent_reply(self.rng, asked.group, shop))
                    return "replied"
            waiting = s.execute(
                select(Conversation)
                .where(
                    Conversation.status == "waiting",
                    Conversation.waiting_since < now - timedelta(seconds=COLLEAGUE_PATIENCE_S),
                )
                .order_by(Conversation.priority.desc(), Conversation.waiting_since)
                .limit(1)
            ).scalar_one_or_none()
            if waiting is None:
                return None
            shop = self._shop(waiting.shop_id)
            candidates = self._colleagues(s, waiting)
            if shop is None or not candidates:
                return None
            agent = self.rng.choice(candidates)
            conv = ops.claim(s, agent, waiting.id, waiting.assignment_version)
            self._say(s, agent, conv, demodata.agent_reply(self.rng, conv.group, shop))
            return "claimed"

    # -- the floor: statuses and complaint bursts (issue 6)

    def presence_step(self) -> str | None:
        """Heartbeats of the simulated colleagues who are not offline, and now and then one of
        them changes status (through the same rules as an agent's ``PUT /v1/me/status``:
        coming online routes waiting conversations to them). Returns the new status, if any."""
        from central import supervisor

        now = utcnow()
        with self.db.write() as s:
            colleagues = select(User.id).where(User.role == "agent", User.staff_id.not_in(HUMAN_STAFF))
            s.execute(
                update(AgentState)
                .where(AgentState.user_id.in_(colleagues), AgentState.status != "offline")
                .values(last_seen_at=now)
            )
            if self.rng.random() >= COLLEAGUE_STATUS_CHANGE:
                return None
            ids = list(s.execute(colleagues.order_by(User.id)).scalars())
            if not ids:
                return None
            agent = s.get(User, self.rng.choice(ids))
            assert agent is not None
            status = _colleague_status(self.rng)
            supervisor.set_status(s, agent, status)
            return status

    def rating_step(self) -> int | None:
        """Now and then a buyer rates a conversation closed in the last 15 minutes, as the shop
        platform would report it (through the admin's rating rule, like the real integration).
        Returns the score given, if any."""
        from central import supervisor

        if self.rng.random() >= 0.5:
            return None
        since = utcnow() - timedelta(minutes=15)
        with self.db.write() as s:
            conv_id = s.execute(
                select(Conversation.id)
                .where(
                    Conversation.status == "closed",
                    Conversation.closed_at >= since,
                    Conversation.satisfaction.is_(None),
                )
                .order_by(Conversation.closed_at)
                .limit(1)
            ).scalar()
            integration = s.execute(select(User).where(User.role == "admin").limit(1)).scalar()
            if conv_id is None or integration is None:
                return None
            # mostly satisfied, as on the platforms; now and then an unhappy buyer
            score = self.rng.choices([5, 4, 3, 2, 1], weights=[62, 22, 8, 4, 4])[0]
            supervisor.rate(s, integration, conv_id, score)
            return score

    def complaint_burst(self) -> tuple[int, int]:
        """Complaints pour into one shop: as many new complaint conversations as it takes to
        reach the shop's spike level (the supervisor's complaint-spike alert). Returns the shop
        and how many."""
        from central import activity, supervisor

        now = utcnow()
        with self.db.write() as s:
            config = activity.load_config(s)
            shop_id = self.rng.choice(sorted(self._shop_ids.values()))
            window = now - timedelta(minutes=config.complaint_window_minutes)
            opened = select(func.count()).where(
                Activity.kind == "opened", Activity.group == "complaint", Activity.shop_id == shop_id
            )
            in_window = int(s.execute(opened.where(Activity.at >= window)).scalar_one())
            baseline = int(
                s.execute(
                    opened.where(
                        Activity.at >= window - timedelta(days=config.complaint_baseline_days),
                        Activity.at < window,
                    )
                ).scalar_one()
            )
            level = supervisor.spike_level(config, baseline)
            n = min(30, max(1, math.ceil(level) - in_window))
            buyers = self._buyers_by_shop[sorted(self._shop_ids.values()).index(shop_id)]
            for _ in range(n):
                text = self.rng.choice(BURST_TEXTS)
                ops.open_conversation(s, self.rng.choice(buyers), "complaint", text, 1)
        return shop_id, n

    def step(self) -> tuple[float, demodata.TrafficEvent]:
        assert self.model is not None
        event = self.model.next_event(self.open_conversations())
        return event.delay_s, event


async def run_traffic(db: Database, settings: Settings) -> None:
    """The background task of a demo service: events at ``settings.traffic_rate`` per minute."""
    sim = TrafficSimulator(db, settings.traffic_rate, settings.traffic_seed)
    while not await asyncio.to_thread(sim.load):
        await asyncio.sleep(5)
    next_burst = time.monotonic() + COMPLAINT_BURST_FIRST_S
    while True:
        try:
            delay, event = await asyncio.to_thread(sim.step)
            await sim.wait(delay)  # buyers answer agents' replies meanwhile
            await asyncio.to_thread(sim.apply, event)
            if sim.colleagues:
                # Two tries per buyer event: colleagues claim about as fast as buyers open
                # conversations (after COLLEAGUE_PATIENCE_S), so the queue neither empties nor
                # grows for ever during a long demo.
                for _ in range(2):
                    await asyncio.to_thread(sim.colleague_step)
                await asyncio.to_thread(sim.presence_step)
                await asyncio.to_thread(sim.rating_step)
                if time.monotonic() >= next_burst:
                    shop_id, n = await asyncio.to_thread(sim.complaint_burst)
                    log.info("demo: a burst of %d complaints in shop %d", n, shop_id)
                    next_burst = time.monotonic() + COMPLAINT_BURST_EVERY_S
        except asyncio.CancelledError:
            raise
        except Exception:  # a busy database must not end the demo; try the next event
            log.warning("demo traffic event failed", exc_info=True)
            await asyncio.sleep(1)


# ----------------------------------------------------------------------------- bulk


def bulk_conversations(
    session: Session, shop_id: int, n: int, with_messages: bool = False, seed: int = 0
) -> list[int]:
    """Insert ``n`` buyers and one conversation each into ``shop_id`` in the caller's writing
    transaction, through the versioned path (buyers first, then conversations, then messages).
    Statuses mix waiting (1 in 5), assigned and closed. Returns the conversation ids."""
    rng = random.Random(seed)
    now = utcnow()
    provinces = (("浙江省", "杭州市"), ("广东省", "深圳市"), ("北京市", "北京市"), ("四川省", "成都市"))
    agents = list(
        session.execute(
            select(user_shop.c.user_id).where(user_shop.c.shop_id == shop_id).order_by(user_shop.c.user_id)
        ).scalars()
    )
    buyers = []
    for i in range(n):
        province, city = provinces[i % len(provinces)]
        buyers.append(
            {
                "shop_id": shop_id,
                "nickname": f"买家{seed}_{i:06d}",
                "name": f"顾客{i}",
                "phone": f"13{rng.randrange(10**9):09d}",
                "province": province,
                "city": city,
                "address": f"{province}{city}某某路{i % 999}号",
                "vip_level": i % 6,
                "created_at": now - timedelta(days=1 + i % 400),
            }
        )
    buyer_ids = ops.bulk_insert(session, Buyer, buyers, returning=True)
    groups = ("presale", "aftersale", "complaint")
    convs = []
    for i, buyer_id in enumerate(buyer_ids):
        status = "waiting" if i % 5 == 0 else ("assigned" if i % 5 == 1 else "closed")
        opened = now - timedelta(seconds=30 + rng.randrange(7 * 86400))
        assignee = agents[i % len(agents)] if agents and status != "waiting" else None
        if assignee is None:
            status = "waiting"
        convs.append(
            {
                "shop_id": shop_id,
                "buyer_id": buyer_id,
                "group": groups[i % 3],
                "priority": 2 if i % 3 == 2 else 0,
                "status": status,
                "assignee_id": assignee,
                "assignment_version": 0 if assignee is None else 1,
                "created_at": opened,
                "waiting_since": None if status == "closed" else opened,
                "last_message_at": opened,
                "last_message_preview": f"第{i}号咨询：在吗，快递到哪了",
                "last_message_from": "buyer",
                "closed_at": opened + timedelta(minutes=10) if status == "closed" else None,
            }
        )
    conv_ids = ops.bulk_insert(session, Conversation, convs, returning=True)
    if with_messages:
        ops.bulk_insert(
            session,
            Message,
            [
                {
                    "conversation_id": cid,
                    "shop_id": shop_id,
                    "sender": "buyer",
                    "author_id": None,
                    "text": row["last_message_preview"],
                    "created_at": row["created_at"],
                }
                for cid, row in zip(conv_ids, convs, strict=True)
            ],
        )
    return conv_ids
