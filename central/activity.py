"""Activity events and agent state: the raw facts the supervisor's dashboard, alerts and reports
are computed from (issue 6).

Every operation that changes who serves a buyer, answers one, closes or rates a conversation, or
changes an agent's status writes one ``Activity`` row in the same transaction as the change
itself, so the figures can never disagree with what happened. Nothing here imports FastAPI.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from central.models import Activity, AgentState, Conversation, ServiceConfig
from wsprotocol import DEFAULT_CAPACITY, SupervisorConfig

CONFIG_KEY = "supervisor"

_INSERT = insert(Activity)


def record(
    session: Session,
    kind: str,
    *,
    at: datetime,
    shop_id: int | None = None,
    group: str | None = None,
    conversation_id: int | None = None,
    buyer_id: int | None = None,
    agent_id: int | None = None,
    actor_id: int | None = None,
    value: float | None = None,
    first: bool = False,
    category: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one activity event in the caller's transaction (a Core insert: this runs for every
    reply and claim)."""
    session.execute(
        _INSERT,
        {
            "at": at,
            "kind": kind,
            "shop_id": shop_id,
            "group": group,
            "conversation_id": conversation_id,
            "buyer_id": buyer_id,
            "agent_id": agent_id,
            "actor_id": actor_id,
            "value": value,
            "first": first,
            "category": category,
            "detail": detail,
        },
    )


def record_about(
    session: Session,
    kind: str,
    conv: Conversation,
    *,
    at: datetime,
    group: str | None = None,
    agent_id: int | None = None,
    actor_id: int | None = None,
    value: float | None = None,
    first: bool = False,
    category: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """An event about a conversation: its shop, group (unless given: a transfer changes it),
    id and buyer filled in from it."""
    record(
        session,
        kind,
        at=at,
        shop_id=conv.shop_id,
        group=conv.group if group is None else group,
        conversation_id=conv.id,
        buyer_id=conv.buyer_id,
        agent_id=agent_id,
        actor_id=actor_id,
        value=value,
        first=first,
        category=category,
        detail=detail,
    )


def load_config(session: Session) -> SupervisorConfig:
    row = session.get(ServiceConfig, CONFIG_KEY)
    if row is None:
        return SupervisorConfig()
    return SupervisorConfig.model_validate(row.value)


def save_config(session: Session, config: SupervisorConfig, by: int | None, now: datetime) -> None:
    row = session.get(ServiceConfig, CONFIG_KEY)
    value = config.model_dump(mode="json")
    if row is None:
        session.add(ServiceConfig(key=CONFIG_KEY, value=value, updated_at=now, updated_by=by))
    else:
        row.value = value
        row.updated_at = now
        row.updated_by = by


def team_zone(config: SupervisorConfig) -> ZoneInfo:
    try:
        return ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Shanghai")


def day_start(config: SupervisorConfig, now: datetime) -> datetime:
    """Midnight of ``now``'s calendar day in the team's time zone, as UTC."""
    zone = team_zone(config)
    local = now.astimezone(zone)
    return datetime.combine(local.date(), time(0), tzinfo=zone).astimezone(UTC)


def day_bounds(config: SupervisorConfig, day: str) -> tuple[datetime, datetime]:
    """[start, end) of a ``YYYY-MM-DD`` day in the team's time zone, as UTC."""
    zone = team_zone(config)
    d = datetime.strptime(day, "%Y-%m-%d").date()
    start = datetime.combine(d, time(0), tzinfo=zone)
    end = datetime.combine(d + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def get_state(session: Session, user_id: int, now: datetime, *, lock: bool = False) -> AgentState:
    """The agent's state row, created (offline, default capacity) on first use."""
    stmt = select(AgentState).where(AgentState.user_id == user_id)
    if lock:
        stmt = stmt.with_for_update()
    state = session.execute(stmt).scalar_one_or_none()
    if state is None:
        state = AgentState(user_id=user_id, status="offline", status_since=now, capacity=DEFAULT_CAPACITY)
        session.add(state)
        session.flush()
    return state


def utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
