"""What deserves a desktop notification, decided from the cache (no Qt).

The tray and the notification balloons (``workstation.views.tray``) only show what this module
decides. Three kinds:

* ``new``: a conversation starts waiting in one of my shops and skill groups;
* ``reply``: a buyer writes in a conversation assigned to me that is not on my screen;
* ``sla``: a conversation waiting in my groups passes its red threshold (once per wait).

The unread count (the tray's badge) is the number of my conversations in which the buyer waits
for an answer. Each notice fires once: the watcher remembers what it has announced, and a first
look at the cache (after login, or after a cache rebuild) announces nothing, so an agent is not
flooded with what was already there.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, NamedTuple

from sqlalchemy import Engine, func, select

from workstation.models import Buyer, Conversation, Message, Shop

#: ``alert``: a supervisor's alert from the dashboard (issue 6), once per ``Alert.key``
NoticeKind = Literal["new", "reply", "sla", "handover", "alert"]
#: text shown in a notice is cut to this length (a buyer may paste pages)
PREVIEW_CHARS = 80
#: a sync step that changed more conversations than this is a catch-up (first sync, back online
#: after hours): remember them instead of announcing each
BURST = 200


@dataclass(frozen=True)
class Notice:
    kind: NoticeKind
    conversation_id: int
    buyer: str
    shop: str
    #: the message that triggered it (reply, new) or the wait in seconds as text (sla)
    text: str


class _Row(NamedTuple):
    id: int
    status: str
    assignee_id: int | None
    group: str
    waiting_since: datetime | None
    last_message_at: datetime
    last_message_from: str
    buyer: str
    shop: str


def _preview(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= PREVIEW_CHARS else one_line[: PREVIEW_CHARS - 1] + "…"


class NoticeWatcher:
    """Call ``changed(ids, ...)`` with the conversation ids a sync step touched, and ``tick(now)``
    every few seconds for SLA warnings. Worker-safe (reads with its own connection)."""

    def __init__(self, engine: Engine, user_id: int, shop_ids: list[int], groups: list[str]) -> None:
        self.engine = engine
        self.user_id = user_id
        self.shop_ids = list(shop_ids)
        self.groups = list(groups)
        #: conversation id -> last_message_at already considered (naive UTC)
        self._seen_last: dict[int, datetime] = {}
        #: conversation id -> waiting_since already warned about (one SLA warning per wait)
        self._sla_warned: dict[int, datetime] = {}
        self._primed = False
        # changed() and tick() run on pool workers and may overlap: one at a time
        self._lock = threading.Lock()

    def _rows(self, ids: list[int] | None, waiting_only: bool = False, relevant: bool = False) -> list[_Row]:
        stmt = (
            select(
                Conversation.id,
                Conversation.status,
                Conversation.assignee_id,
                Conversation.group,
                Conversation.waiting_since,
                Conversation.last_message_at,
                Conversation.last_message_from,
                func.coalesce(Buyer.nickname, ""),
                func.coalesce(Shop.name, ""),
            )
            .outerjoin(Buyer, Buyer.id == Conversation.buyer_id)
            .outerjoin(Shop, Shop.id == Conversation.shop_id)
            .where(Conversation.shop_id.in_(self.shop_ids or [-1]), Conversation.status != "closed")
        )
        if ids is not None:
            stmt = stmt.where(Conversation.id.in_(ids))
        if waiting_only:  # the SLA tick: the status index keeps it small with 100k conversations
            stmt = stmt.where(Conversation.status == "waiting")
        elif relevant:  # what can be announced later: waiting ones and mine (not 100k colleagues')
            stmt = stmt.where((Conversation.status == "waiting") | (Conversation.assignee_id == self.user_id))
        with self.engine.connect() as conn:
            return [_Row(*r) for r in conn.execute(stmt)]

    def _last_buyer_text(self, conversation_id: int) -> str:
        with self.engine.connect() as conn:
            text = conn.execute(
                select(Message.text)
                .where(Message.conversation_id == conversation_id, Message.sender == "buyer")
                .order_by(Message.created_at.desc(), Message.id.desc())
                .limit(1)
            ).scalar()
        return _preview(text or "")

    def prime(self) -> None:
        """Remember the cache as it is, announcing nothing (after login, a cache rebuild, or a
        burst too big to announce one by one). Only waiting conversations and mine are
        remembered: a colleague's conversation that starts waiting later is news."""
        with self._lock:
            self._prime()

    def _prime(self) -> None:
        for cid, _st, _a, _g, waiting, last, _f, _b, _s in self._rows(None, relevant=True):
            self._seen_last[cid] = last
            if waiting is not None:
                self._sla_warned[cid] = waiting  # a wait already under way when we looked
        self._primed = True

    def changed(self, conversation_ids: list[int], on_screen: int | None) -> list[Notice]:
        """Notices for conversations a sync step changed. ``on_screen``: the conversation the
        agent is looking at (None when the window is not active)."""
        with self._lock:
            return self._changed(conversation_ids, on_screen)

    def _changed(self, conversation_ids: list[int], on_screen: int | None) -> list[Notice]:
        if not self._primed or len(conversation_ids) > BURST:
            self._prime()  # a first look, or a sync catching up: nothing to announce one by one
            return []
        notices: list[Notice] = []
        for cid, status, assignee, group, _waiting, last, last_from, buyer, shop in self._rows(
            conversation_ids
        ):
            before = self._seen_last.get(cid)
            self._seen_last[cid] = last
            if before is not None and last <= before:
                continue  # nothing new in it (an assignment change, a re-sent row)
            if last_from != "buyer":
                continue
            if assignee == self.user_id and status == "assigned":
                if cid != on_screen:
                    notices.append(Notice("reply", cid, buyer, shop, self._last_buyer_text(cid)))
            elif status == "waiting" and group in self.groups and before is None:
                notices.append(Notice("new", cid, buyer, shop, self._last_buyer_text(cid)))
        return notices

    def tick(self, now: datetime, red_seconds: dict[str, int]) -> list[Notice]:
        """SLA warnings: waiting conversations in my groups past their group's red threshold.
        ``now`` is naive UTC like the cache."""
        with self._lock:
            return self._tick(now, red_seconds)

    def _tick(self, now: datetime, red_seconds: dict[str, int]) -> list[Notice]:
        if not self._primed:
            self._prime()
            return []
        notices: list[Notice] = []
        for cid, status, _a, group, waiting, _last, _f, buyer, shop in self._rows(None, waiting_only=True):
            if status != "waiting" or waiting is None or group not in self.groups:
                continue
            red = red_seconds.get(group)
            if red is None or now - waiting < timedelta(seconds=red):
                continue
            if self._sla_warned.get(cid) == waiting:
                continue
            self._sla_warned[cid] = waiting
            notices.append(Notice("sla", cid, buyer, shop, str(int((now - waiting).total_seconds()))))
        return notices

    def unread(self) -> int:
        """My conversations in which the buyer waits for an answer."""
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count())
                    .select_from(Conversation)
                    .where(
                        Conversation.assignee_id == self.user_id,
                        Conversation.status == "assigned",
                        Conversation.waiting_since.is_not(None),
                    )
                ).scalar()
                or 0
            )
