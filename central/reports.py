"""Daily reports (issue 6): figures per day × shop × group × agent, computed in the database from
the ``activity`` events (``central.activity``), never from what a client believes.

Definitions (each figure is a sum and a count, so that any grouping adds up exactly):

- **day**: the calendar day of the event in the team's time zone (``SupervisorConfig.timezone``,
  ``activity.day_bounds``); a range is computed one day at a time, so a day with a daylight
  saving change is still exactly its 23 or 25 hours.
- **handled** (接待量): ``closed`` events; the row's agent is the one who held the conversation
  when it was closed (the event's ``agent_id``), the group is the conversation's group then.
- **first response** (首响时间): ``response`` events with ``first`` set: seconds from the buyer
  starting to wait to the conversation's first answer, attributed to the agent who answered.
- **response** (平均响应时间): every ``response`` event (the first one included): seconds from a
  buyer starting to wait to an agent answering.
- **satisfaction** (满意度): ``rated`` events (1-5) on the day the rating arrived, attributed to
  the event's agent (the conversation's agent when it was rated); a re-rating replaces the
  previous one (the service deletes the old event).
- **inquiries** (询单): ``opened`` events of group ``presale`` (a buyer starting to wait in a new
  conversation, or in a closed one that reopens) on their day. An inquiry belongs to the agent
  who first took the conversation after it opened (the first ``assigned`` event, whatever its
  way: claim, routing, transfer, reassignment; before the conversation's next ``opened``), or to
  no agent when nobody took it.
- **converted** (询单转化): inquiries whose buyer paid an order of the same shop
  (``shop_order.paid_at``) at or after the inquiry started and less than
  ``conversion_window_hours`` after it. A day younger than the window can still gain conversions.
- **complaints** (投诉): ``closed`` events with the category ``complaint``.

Supervisors see the shops they work in, admins every shop; agents are refused.

Cost: per day two GROUP BY queries over that day's events (``ix_activity_kind_at``), the
inquiries' takers and orders found per inquiry through ``ix_activity_conversation_id`` and
``ix_shop_order_buyer_id``. A *settled* day (ended more than ``conversion_window_hours`` ago) is
kept in the process (``SETTLED``) and reused while its events' count and highest id are unchanged;
an order written later with a ``paid_at`` back inside an old window (a backfill) is not noticed
until the process restarts.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, literal_column, select, text
from sqlalchemy.orm import Session

from central.activity import day_bounds, load_config
from central.errors import ApiError, forbidden
from central.models import Activity, Conversation, Meta, Order, Shop, User, user_shop, utcnow
from wsprotocol import SKILL_GROUPS, Report, ReportAgent, ReportRow, ShopRecord, SupervisorConfig

#: the longest range one request may cover (both days included)
MAX_DAYS = 92

_KEY_FIGURES = (
    "handled",
    "first_response_sum_s",
    "first_response_count",
    "response_sum_s",
    "response_count",
    "satisfaction_sum",
    "satisfaction_count",
    "complaints",
)


def parse_range(date_from: str, date_to: str) -> list[str]:
    """The days of ``[date_from, date_to]`` (``YYYY-MM-DD``); 400 when malformed, reversed or
    longer than :data:`MAX_DAYS`."""
    try:
        first = date.fromisoformat(date_from)
        last = date.fromisoformat(date_to)
    except ValueError as exc:
        raise ApiError(400, "bad_request", f"dates are YYYY-MM-DD: {exc}") from exc
    if len(date_from) != 10 or len(date_to) != 10:
        raise ApiError(400, "bad_request", "dates are YYYY-MM-DD")
    if last < first:
        raise ApiError(400, "bad_request", "date_to is before date_from")
    count = (last - first).days + 1
    if count > MAX_DAYS:
        raise ApiError(400, "bad_request", f"at most {MAX_DAYS} days per report ({count} asked)")
    return [(first + timedelta(days=n)).isoformat() for n in range(count)]


def _scope(session: Session, user: User, shop_id: int | None) -> list[int] | None:
    """The shop ids the report covers (None: every shop, an admin without a filter)."""
    if user.role == "admin":
        return [shop_id] if shop_id is not None else None
    if user.role != "supervisor":
        raise forbidden("only supervisors and admins read reports")
    if shop_id is not None:
        if shop_id not in user.shop_ids:
            raise forbidden("not a supervisor of this shop")
        return [shop_id]
    return list(user.shop_ids) or [-1]


def _window_end(at: Any, hours: int, dialect: str) -> ColumnElement[Any]:
    """``at`` plus ``hours`` as an SQL expression of the database's own date arithmetic."""
    if dialect == "sqlite":
        # the same text form SQLAlchemy stores (YYYY-MM-DD HH:MM:SS.fff): compares as text
        return func.strftime("%Y-%m-%d %H:%M:%f", at, f"+{int(hours)} hours")
    return at + literal_column(f"interval '{int(hours)} hours'")


def _event_rows(
    session: Session, start: datetime, end: datetime, shops: list[int] | None, group: str | None
) -> list[Any]:
    """closed / response / rated figures of one day, grouped by shop, group and agent."""
    a = Activity
    is_closed = a.kind == "closed"
    is_response = a.kind == "response"
    is_first = and_(is_response, a.first.is_(True))
    is_rated = a.kind == "rated"
    value = func.coalesce(a.value, 0.0)
    stmt = (
        select(
            a.shop_id,
            a.group,
            a.agent_id,
            func.sum(case((is_closed, 1), else_=0)),
            func.sum(case((is_first, value), else_=0.0)),
            func.sum(case((is_first, 1), else_=0)),
            func.sum(case((is_response, value), else_=0.0)),
            func.sum(case((is_response, 1), else_=0)),
            func.sum(case((is_rated, value), else_=0.0)),
            func.sum(case((is_rated, 1), else_=0)),
            func.sum(case((and_(is_closed, a.category == "complaint"), 1), else_=0)),
        )
        .where(a.kind.in_(("closed", "response", "rated")), a.at >= start, a.at < end)
        .group_by(a.shop_id, a.group, a.agent_id)
    )
    if shops is not None:
        stmt = stmt.where(a.shop_id.in_(shops))
    if group is not None:
        stmt = stmt.where(a.group == group)
    return list(session.execute(stmt))


def _inquiry_rows(
    session: Session, start: datetime, end: datetime, shops: list[int] | None, window_hours: int
) -> list[Any]:
    """Pre-sale inquiries of one day and how many converted, grouped by shop and agent.

    An inquiry's taker is the lowest ``assigned`` event of its conversation after it and before
    the conversation's next ``opened``. Those lookups may use only the index on
    ``conversation_id`` (a handful of events per conversation): the other conditions are written
    so that no index serves them (``coalesce(kind, '')``, ``id + 0``), which keeps PostgreSQL from
    combining the big ``kind`` or primary-key ranges into a scan per inquiry when its statistics
    are stale (a quadratic plan seen after bulk loads)."""
    o = Activity.__table__.alias("o")
    nxt = Activity.__table__.alias("n")
    took = Activity.__table__.alias("t")
    next_opened = (
        select(func.min(nxt.c.id + 0))
        .where(
            nxt.c.conversation_id == o.c.conversation_id,
            func.coalesce(nxt.c.kind, "") == "opened",
            nxt.c.id + 0 > o.c.id,
        )
        .correlate(o)
        .scalar_subquery()
    )
    first_taking = (
        select(func.min(took.c.id + 0))
        .where(
            took.c.conversation_id == o.c.conversation_id,
            func.coalesce(took.c.kind, "") == "assigned",
            took.c.id + 0 > o.c.id,
            took.c.id + 0 < func.coalesce(next_opened, 2**62),
        )
        .correlate(o)
        .scalar_subquery()
    )
    taker = Activity.__table__.alias("w")
    first_taker = select(taker.c.agent_id).where(taker.c.id == first_taking).correlate(o).scalar_subquery()
    dialect = session.get_bind().dialect.name
    paid = exists().where(
        Order.buyer_id == Conversation.buyer_id,
        Order.shop_id + 0 == o.c.shop_id,  # the buyer's index finds the order; no shop-wide scan
        Order.paid_at.is_not(None),
        Order.paid_at >= o.c.at,
        Order.paid_at < _window_end(o.c.at, window_hours, dialect),
    )
    inner = (
        select(
            o.c.shop_id.label("shop_id"),
            first_taker.label("agent_id"),
            case((paid, 1), else_=0).label("converted"),
        )
        .select_from(o.join(Conversation.__table__, Conversation.id == o.c.conversation_id))
        .where(o.c.kind == "opened", o.c.group == "presale", o.c.at >= start, o.c.at < end)
    )
    if shops is not None:
        inner = inner.where(o.c.shop_id.in_(shops))
    sub = inner.subquery()
    stmt = select(sub.c.shop_id, sub.c.agent_id, func.count(), func.sum(sub.c.converted)).group_by(
        sub.c.shop_id, sub.c.agent_id
    )
    return list(session.execute(stmt))


def day_rows(
    session: Session,
    config: SupervisorConfig,
    day: str,
    shops: list[int] | None,
    group: str | None = None,
    agent_id: int | None = None,
) -> list[ReportRow]:
    """The report rows of one day (only the rows with something in them)."""
    start, end = day_bounds(config, day)
    rows: dict[tuple[int, str, int | None], dict[str, Any]] = {}

    def row(shop: int, grp: str, agent: int | None) -> dict[str, Any]:
        key = (shop, grp, agent)
        found = rows.get(key)
        if found is None:
            found = rows[key] = {"day": day, "shop_id": shop, "group": grp, "agent_id": agent}
        return found

    for shop, grp, agent, *figures in _event_rows(session, start, end, shops, group):
        if shop is None or grp is None or (agent_id is not None and agent != agent_id):
            continue
        target = row(shop, grp, agent)
        for name, figure in zip(_KEY_FIGURES, figures, strict=True):
            figure = figure or 0
            if name.endswith("_sum_s"):
                target[name] = float(figure)
            else:
                target[name] = round(figure)
    if group in (None, "presale"):
        for shop, agent, count, converted in _inquiry_rows(
            session, start, end, shops, config.conversion_window_hours
        ):
            if shop is None or (agent_id is not None and agent != agent_id):
                continue
            target = row(shop, "presale", agent)
            target["inquiries"] = int(count)
            target["converted"] = int(converted or 0)
    ordered = sorted(rows.values(), key=lambda r: (r["shop_id"], r["group"], r["agent_id"] or 0))
    return [ReportRow.model_validate(r) for r in ordered]


class _SettledDays:
    """Rows of settled days, kept in this process: a day whose conversion window has passed
    changes only when events of that day are added or removed (a re-rating deletes the earlier
    score), which its signature (how many events, the highest id) notices. A 30-day report at
    500 agents then costs the new days and a count per old day instead of 30 full days."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._rows: OrderedDict[tuple[Any, ...], tuple[tuple[int, int], list[ReportRow]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...], signature: tuple[int, int]) -> list[ReportRow] | None:
        with self._lock:
            found = self._rows.get(key)
            if found is None or found[0] != signature:
                self.misses += 1
                return None
            self._rows.move_to_end(key)
            self.hits += 1
            return found[1]

    def put(self, key: tuple[Any, ...], signature: tuple[int, int], rows: list[ReportRow]) -> None:
        with self._lock:
            self._rows[key] = (signature, rows)
            self._rows.move_to_end(key)
            while len(self._rows) > self.size:
                self._rows.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()
            self.hits = self.misses = 0


SETTLED = _SettledDays()


def _cached_day_rows(
    session: Session,
    config: SupervisorConfig,
    day: str,
    shops: list[int] | None,
    group: str | None,
    agent_id: int | None,
    now: datetime,
) -> list[ReportRow]:
    start, end = day_bounds(config, day)
    if end + timedelta(hours=config.conversion_window_hours) > now:
        return day_rows(session, config, day, shops, group, agent_id)
    count, highest = session.execute(
        select(func.count(), func.max(Activity.id)).where(Activity.at >= start, Activity.at < end)
    ).one()
    signature = (int(count), int(highest or 0))
    meta = session.get(Meta, 1)
    key = (meta.epoch if meta is not None else "", day, tuple(shops) if shops is not None else None,
           group, agent_id, config.timezone, config.conversion_window_hours)  # fmt: skip
    rows = SETTLED.get(key, signature)
    if rows is None:
        rows = day_rows(session, config, day, shops, group, agent_id)
        SETTLED.put(key, signature, rows)
    return rows


def _agents(session: Session, shops: list[int] | None, extra_ids: set[int]) -> list[ReportAgent]:
    """Everyone who takes conversations in the covered shops, and anyone else the rows name."""
    stmt = select(User.id, User.staff_id, User.display_name).where(User.role.in_(("agent", "supervisor")))
    if shops is not None:
        stmt = stmt.where(User.id.in_(select(user_shop.c.user_id).where(user_shop.c.shop_id.in_(shops))))
    found = {
        uid: ReportAgent(id=uid, staff_id=sid, display_name=name) for uid, sid, name in session.execute(stmt)
    }
    missing = extra_ids - set(found)
    if missing:
        for uid, sid, name in session.execute(
            select(User.id, User.staff_id, User.display_name).where(User.id.in_(missing))
        ):
            found[uid] = ReportAgent(id=uid, staff_id=sid, display_name=name)
    return sorted(found.values(), key=lambda a: a.staff_id)


def daily_report(
    session: Session,
    user: User,
    date_from: str,
    date_to: str,
    shop_id: int | None = None,
    group: str | None = None,
    agent_id: int | None = None,
) -> Report:
    """The ``Report`` of ``GET Paths.REPORT`` for ``user`` (403 for agents or another's shop, 400
    for a bad range or group)."""
    shops = _scope(session, user, shop_id)
    days = parse_range(date_from, date_to)
    if group is not None and group not in SKILL_GROUPS:
        raise ApiError(400, "bad_request", f"unknown skill group {group!r}")
    config = load_config(session)
    if session.get_bind().dialect.name == "postgresql":
        # the correlated lookups make the planner's cost estimate large enough for JIT, which then
        # spends seconds compiling a query that runs in a few hundred milliseconds
        session.execute(text("SET LOCAL jit = off"))
    rows: list[ReportRow] = []
    now = utcnow()
    for day in days:
        rows.extend(_cached_day_rows(session, config, day, shops, group, agent_id, now))
    shop_stmt = select(Shop).order_by(Shop.id)
    if shops is not None:
        shop_stmt = shop_stmt.where(Shop.id.in_(shops))
    shop_records = [
        ShopRecord.model_validate({"id": s.id, "name": s.name, "platform": s.platform})
        for s in session.execute(shop_stmt).scalars()
    ]
    named = {r.agent_id for r in rows if r.agent_id is not None}
    return Report(
        date_from=days[0],
        date_to=days[-1],
        timezone=config.timezone,
        generated_at=utcnow(),
        rows=rows,
        agents=_agents(session, shops, named),
        shops=shop_records,
    )
