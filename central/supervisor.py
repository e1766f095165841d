"""Agent status, routing, supervisor actions, the live dashboard and its alerts (issue 6).

The rules only: no FastAPI, no Qt (``central.routes.supervisor`` translates HTTP to them, like
``central.ops`` for conversations). Every function runs in the caller's transaction.

Locking (PostgreSQL; on SQLite a writing transaction holds the database lock anyway): a
conversation row is locked before the version counter (``allocate``), and an ``agent_state``
row only after it. Routing locks the chosen agent's state row and counts their load again
before giving them a conversation, so two routings (or a routing and a claim, which touches the
same row) never both fill the agent's last slot; conversations picked for an agent who frees a
slot are locked with ``SKIP LOCKED`` so that a claim in flight is never waited for.

Figures of the dashboard (the definitions the report of issue 6 quotes):

* queue ``waiting``: conversations of the shop and group with status ``waiting`` now;
  ``oldest_waiting_since``: the smallest ``waiting_since`` among them.
* queue ``avg_wait_last_hour_s``: mean ``value`` of ``assigned`` events in the last hour (the
  seconds the buyer had waited when the conversation was claimed, routed, transferred to a
  colleague, reassigned, taken over or moved; events without a waiting buyer carry no value).
* queue ``sla_breaches_last_hour``: ``response`` events of the last hour whose ``value`` (the
  seconds the buyer waited for that answer) is greater than the group's SLA, plus conversations
  (status ``waiting``, or ``assigned`` with ``waiting_since``) whose buyer has waited longer than
  the SLA now.
* queue ``handled_today``: ``closed`` events since midnight in the team's time zone.
* agent ``load``: conversations with status ``assigned`` held by the agent (all shops: capacity
  is the agent's, not a shop's); ``status``/``status_since`` from ``agent_state`` (an agent who
  never set a status is offline since their account was created).
* agent ``first_response_avg_s``: mean ``value`` of today's ``response`` events with ``first``;
  ``response_avg_s``: mean ``value`` of all today's ``response`` events of the agent;
  ``handled_today``: today's ``closed`` events with the agent as holder; ``satisfaction_avg`` /
  ``_count``: today's ``rated`` events of conversations the agent held (a re-rating replaces the
  previous score). Agent figures count only events in the shops the dashboard covers.
* alert ``sla_breach``: a buyer waiting (as above) strictly longer than the group's SLA; ``since``
  is when the SLA ran out. ``complaint_spike``: ``opened`` events of group ``complaint`` in the
  shop in the last ``complaint_window_minutes`` >= max(``complaint_min_count``, multiple x the
  usual count per window over the ``complaint_baseline_days`` before the window); ``since`` is
  the window's first complaint. ``over_capacity``: load strictly greater than capacity; ``since``
  is when the conversation that took the agent past capacity was given to them.
"""

from __future__ import annotations

import threading
import time as _time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import and_, case, delete, func, literal, select, update
from sqlalchemy.orm import Session

from central import activity, ops
from central.errors import ApiError, forbidden, not_found
from central.models import (
    Activity,
    AgentState,
    AuthSession,
    Buyer,
    Conversation,
    Message,
    RefreshToken,
    Shop,
    User,
    user_shop,
    utcnow,
)
from central.security import token_hash
from central.versions import allocate, current_version
from wsprotocol import (
    SKILL_GROUPS,
    AgentPresence,
    AgentStats,
    Alert,
    Dashboard,
    QueueStats,
    SupervisorAction,
    SupervisorConfig,
    WaitingConversation,
)

#: a cached dashboard is served for the same version and shops for at most this long (waits and
#: SLA breaches move with the clock, not only with changes)
SNAPSHOT_MAX_AGE_S = 1.0
#: the dashboard lists at most this many waiting conversations and SLA-breach alerts (the oldest)
MAX_WAITING = 200
MAX_SLA_ALERTS = 200


# ----------------------------------------------------------------------------- roles and scope


def is_lead(user: User) -> bool:
    return user.role in ("supervisor", "admin")


def require_lead(user: User) -> None:
    if not is_lead(user):
        raise forbidden("only supervisors and admins may do this")


def scope_of(user: User) -> list[int] | None:
    """The shops a supervisor's dashboard and actions cover (None: every shop, for an admin)."""
    require_lead(user)
    return None if user.role == "admin" else list(user.shop_ids)


def _check_shop(user: User, shop_id: int) -> None:
    if user.role != "admin" and shop_id not in user.shop_ids:
        raise forbidden("not a supervisor of this shop")


def _target(session: Session, actor: User, user_id: int, *, lock: bool = False) -> User:
    """A user the actor (a supervisor) may manage: works in one of the actor's shops (admin: any).
    Someone outside the actor's shops is 404 (their existence is none of the actor's business)."""
    require_lead(actor)
    target = session.get(User, user_id, with_for_update=lock or None, populate_existing=lock)
    if target is None or (actor.role != "admin" and not set(actor.shop_ids) & set(target.shop_ids)):
        raise not_found(f"no user {user_id} in your shops")
    return target


# ----------------------------------------------------------------------------- activity helpers


def waited(conv: Conversation, now: datetime) -> float | None:
    """Seconds the buyer has been waiting (None when they are not waiting)."""
    if conv.waiting_since is None:
        return None
    return max(0.0, (now - activity.utc(conv.waiting_since)).total_seconds())


def record_assigned(
    session: Session, conv: Conversation, agent_id: int, actor_id: int | None, how: str, now: datetime
) -> None:
    activity.record_about(
        session,
        "assigned",
        conv,
        at=now,
        agent_id=agent_id,
        actor_id=actor_id,
        value=waited(conv, now),
        detail={"how": how},
    )
    # the agent's "idle since" for routing (an agent without a state row is offline: never routed)
    session.execute(update(AgentState).where(AgentState.user_id == agent_id).values(last_assigned_at=now))


def record_opened(session: Session, conv: Conversation, now: datetime) -> None:
    activity.record_about(
        session,
        "opened",
        conv,
        at=now,
    )


# ----------------------------------------------------------------------------- routing


def _load(session: Session, user_ids: Sequence[int]) -> dict[int, int]:
    if not user_ids:
        return {}
    rows = session.execute(
        select(Conversation.assignee_id, func.count())
        .where(Conversation.status == "assigned", Conversation.assignee_id.in_(list(user_ids)))
        .group_by(Conversation.assignee_id)
    ).all()
    return {int(uid): int(n) for uid, n in rows if uid is not None}


def load_of(session: Session, user_id: int) -> int:
    return _load(session, [user_id]).get(user_id, 0)


def route_text(user: User) -> str:
    return f"系统分配给客服 {user.display_name}({user.staff_id})"


def _give(
    session: Session,
    conv: Conversation,
    target: User,
    now: datetime,
    how: str,
    actor: User | None,
    text: str,
) -> Message:
    """The effect of a claim, for routing and supervisors: assigned to ``target``, a new
    assignment version and version, a system message, an ``assigned`` event. ``conv`` is locked."""
    first = allocate(session, 2)
    record_assigned(session, conv, target.id, actor.id if actor is not None else None, how, now)
    conv.status = "assigned"
    conv.assignee_id = target.id
    conv.assignment_version += 1
    conv.version = first
    msg = Message(
        conversation_id=conv.id,
        shop_id=conv.shop_id,
        sender="system",
        author_id=(actor or target).id,
        text=text,
        created_at=now,
        version=first + 1,
    )
    session.add(msg)
    session.flush()
    return msg


def _candidates(session: Session, shop_id: int, group: str, exclude: Iterable[int]) -> list[tuple[Any, ...]]:
    """Online, active agents of the shop and group: (user_id, capacity, last_assigned_at)."""
    rows = session.execute(
        select(AgentState.user_id, AgentState.capacity, AgentState.last_assigned_at, User.groups_csv)
        .join(User, User.id == AgentState.user_id)
        .join(user_shop, user_shop.c.user_id == AgentState.user_id)
        .where(
            AgentState.status == "online",
            User.role == "agent",
            User.active.is_(True),
            user_shop.c.shop_id == shop_id,
        )
    ).all()
    skip = set(exclude)
    return [(u, c, la) for u, c, la, groups in rows if u not in skip and group in groups.split(",")]


def _idle_key(row: tuple[Any, ...]) -> tuple[int, datetime, int]:
    uid, _cap, last = row
    return (0 if last is None else 1, activity.utc(last) if last else datetime.min.replace(tzinfo=UTC), uid)


def route_conversation(
    session: Session, conv: Conversation, now: datetime, exclude: Iterable[int] = ()
) -> User | None:
    """Offer a waiting conversation (locked or new in this transaction) to the online agent of
    its shop and group below capacity who has been idle longest; None: it waits in the queue."""
    if conv.status != "waiting":
        return None
    cands = _candidates(session, conv.shop_id, conv.group, exclude)
    if not cands:
        return None
    loads = _load(session, [c[0] for c in cands])
    for uid, capacity, _last in sorted(cands, key=_idle_key):
        if loads.get(uid, 0) >= capacity:
            continue
        # lock the agent's state and count again: another routing may have filled the slot
        state = session.get(AgentState, uid, with_for_update=True, populate_existing=True)
        if state is None or state.status != "online" or load_of(session, uid) >= state.capacity:
            continue
        target = session.get(User, uid)
        assert target is not None
        _give(session, conv, target, now, "route", None, route_text(target))
        return target
    return None


def fill_agent(
    session: Session, user_id: int, now: datetime, skip_conversations: Iterable[int] = ()
) -> list[int]:
    """Route waiting conversations of the agent's shops and groups to them, oldest first, while
    they are online and below capacity (after they came online, got more capacity or freed a
    slot). Returns the conversation ids given."""
    user = session.get(User, user_id)
    if user is None or user.role != "agent" or not user.active or not user.groups or not user.shop_ids:
        return []
    state = session.get(AgentState, user_id, with_for_update=True, populate_existing=True)
    if state is None or state.status != "online":
        return []
    free = state.capacity - load_of(session, user_id)
    if free <= 0:
        return []
    skip = set(skip_conversations)
    stmt = (
        select(Conversation)
        .where(
            Conversation.status == "waiting",
            Conversation.shop_id.in_(user.shop_ids),
            Conversation.group.in_(user.groups),
        )
        .order_by(Conversation.waiting_since, Conversation.id)
        .limit(free + len(skip))
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    )
    given: list[int] = []
    for conv in session.execute(stmt).scalars():
        if len(given) >= free:
            break
        if conv.id in skip or conv.status != "waiting":
            continue
        _give(session, conv, user, now, "route", None, route_text(user))
        given.append(conv.id)
    return given


def after_freed(session: Session, holder_id: int | None, now: datetime, skip: Iterable[int] = ()) -> None:
    """An agent gave a conversation away (closed, transferred): their slot goes to the queue."""
    if holder_id is not None:
        fill_agent(session, holder_id, now, skip)


# ----------------------------------------------------------------------------- status and presence


def presence(session: Session, user: User, state: AgentState | None = None) -> AgentPresence:
    state = state if state is not None else session.get(AgentState, user.id)
    return AgentPresence(
        user_id=user.id,
        staff_id=user.staff_id,
        status=state.status if state is not None else "offline",
        status_since=activity.utc(state.status_since) if state is not None else activity.utc(user.created_at),
        capacity=state.capacity if state is not None else activity.DEFAULT_CAPACITY,
        groups=user.groups,
        load=load_of(session, user.id),
    )


def _change_status(
    session: Session,
    user_id: int,
    status: str,
    now: datetime,
    *,
    auto: bool,
    actor_id: int | None,
    reason: str,
) -> AgentState | None:
    """Set a status that differs from the stored one: an event and a version (so the live
    channel wakes dashboards). Returns the state, or None when nothing changed."""
    allocate(session)  # the counter first: see the module's note on locking
    state = session.execute(
        select(AgentState)
        .where(AgentState.user_id == user_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if state is None:
        state = activity.get_state(session, user_id, now)
    if state.status == status:
        return None
    activity.record(
        session,
        "status",
        at=now,
        agent_id=user_id,
        actor_id=actor_id,
        detail={"status": status, "from": state.status, "auto": auto, "reason": reason},
    )
    state.status = status
    state.status_since = now
    return state


def set_status(session: Session, user: User, status: str, auto: bool = False) -> AgentPresence:
    """``PUT /v1/me/status``: a change is recorded and routes waiting conversations to an agent
    who came online; the same status again is a heartbeat (only ``last_seen_at`` moves)."""
    now = utcnow()
    state = session.get(AgentState, user.id)
    if state is not None and state.status == status:
        state.last_seen_at = now
        session.flush()
        return presence(session, user, state)
    if state is None and status == "offline":
        return presence(session, user, None)
    changed = _change_status(session, user.id, status, now, auto=auto, actor_id=user.id, reason="agent")
    state = session.get(AgentState, user.id)
    assert state is not None
    state.last_seen_at = now
    session.flush()
    if changed is not None and status == "online":
        fill_agent(session, user.id, now)
    return presence(session, user, state)


def expire_presence(
    session: Session, now: datetime, timeout_s: int | None = None, dry_run: bool = False
) -> list[int]:
    """Agents whose heartbeat stopped for ``presence_timeout_s`` become offline (auto);
    ``dry_run``: only say who would."""
    if timeout_s is None:
        timeout_s = activity.load_config(session).presence_timeout_s
    horizon = now - timedelta(seconds=timeout_s)
    ids = list(
        session.execute(
            select(AgentState.user_id).where(
                AgentState.status != "offline",
                (AgentState.last_seen_at.is_(None)) | (AgentState.last_seen_at < horizon),
            )
        ).scalars()
    )
    if dry_run:
        return ids
    for uid in ids:
        _change_status(session, uid, "offline", now, auto=True, actor_id=None, reason="timeout")
    session.flush()
    return ids


def offline_at_logout(session: Session, refresh_token: str) -> None:
    """``/v1/auth/logout``: the user of the login goes offline."""
    row = session.execute(
        select(AuthSession.user_id)
        .join(RefreshToken, RefreshToken.session_id == AuthSession.id)
        .where(RefreshToken.token_hash == token_hash(refresh_token))
    ).first()
    if row is None:
        return
    state = session.get(AgentState, row[0])
    if state is None or state.status == "offline":
        return
    _change_status(session, row[0], "offline", utcnow(), auto=True, actor_id=row[0], reason="logout")


# ----------------------------------------------------------------------------- supervisor actions


def _audit(
    session: Session,
    actor: User,
    action: str,
    now: datetime,
    *,
    target_user_id: int | None = None,
    conversation_id: int | None = None,
    shop_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    activity.record(
        session,
        "supervisor",
        at=now,
        shop_id=shop_id,
        conversation_id=conversation_id,
        agent_id=target_user_id,
        actor_id=actor.id,
        detail={"action": action, **(detail or {})},
    )


def assign_text(actor: User, target: User, note: str) -> str:
    if actor.id == target.id:
        return ops._with_note(f"主管 {ops._who(actor)} 接管了会话", note)
    return ops._with_note(f"主管 {ops._who(actor)} 将会话分配给 {ops._who(target)}", note)


def _assignable(session: Session, conv: Conversation, target_id: int) -> User:
    target = session.get(User, target_id)
    if target is None or not target.active:
        raise ApiError(400, "bad_request", f"no active colleague with id {target_id}")
    if conv.shop_id not in target.shop_ids:
        raise ApiError(400, "bad_request", f"{target.staff_id} does not work in this conversation's shop")
    if target.role == "admin":
        raise ApiError(400, "bad_request", f"{target.staff_id} is an admin; admins do not take conversations")
    return target


def assign(
    session: Session,
    actor: User,
    conversation_id: int,
    expected_assignment_version: int,
    to_user_id: int,
    note: str,
) -> tuple[Conversation, Message]:
    """A supervisor gives a waiting or held conversation to an agent of its shop (to themself: a
    take-over). Compare-and-set like ``ops.claim``."""
    require_lead(actor)
    conv = session.get(Conversation, conversation_id, with_for_update=True, populate_existing=True)
    if conv is None:
        raise not_found(f"no conversation {conversation_id}")
    if actor.role != "admin" and conv.shop_id not in actor.shop_ids:
        raise not_found(f"no conversation {conversation_id} in your shops")
    ops._check_cas(session, conv, expected_assignment_version)
    target = _assignable(session, conv, to_user_id)
    if conv.status == "assigned" and conv.assignee_id == target.id:
        raise ApiError(400, "bad_request", f"the conversation is already assigned to {target.staff_id}")
    now = utcnow()
    previous = conv.assignee_id if conv.status == "assigned" else None
    how = "takeover" if target.id == actor.id else "reassign"
    msg = _give(session, conv, target, now, how, actor, assign_text(actor, target, note))
    _audit(
        session,
        actor,
        how if how == "takeover" else "assign",
        now,
        target_user_id=target.id,
        conversation_id=conv.id,
        shop_id=conv.shop_id,
        detail={"from_user_id": previous, "note": note},
    )
    after_freed(session, previous, now)
    return conv, msg


def move_conversations(
    session: Session, actor: User, user_id: int, to_user_id: int | None, to_queue: bool, note: str
) -> tuple[list[int], list[int]]:
    """Every conversation the agent holds (in the actor's shops) to a colleague or back to its
    group's queue. Each conversation is compare-and-set on the assignment version read at the
    start: one that changed hands meanwhile is skipped. Returns (moved, skipped)."""
    if (to_user_id is None) == (not to_queue):
        raise ApiError(400, "bad_request", "move to exactly one of a colleague (to_user_id) or the queue")
    source = _target(session, actor, user_id)
    if to_user_id is not None:
        target = _target(session, actor, to_user_id)
        if target.id == source.id:
            raise ApiError(400, "bad_request", "moving conversations to the same agent")
        if target.role == "admin" or not target.active:
            raise ApiError(400, "bad_request", f"{target.staff_id} cannot take conversations")
    else:
        target = None
    held = select(Conversation.id, Conversation.assignment_version).where(
        Conversation.status == "assigned", Conversation.assignee_id == source.id
    )
    if actor.role != "admin":
        held = held.where(Conversation.shop_id.in_(actor.shop_ids))
    seen: dict[int, int] = {cid: av for cid, av in session.execute(held.order_by(Conversation.id)).all()}
    # lock them all (in id order) before the counter: see the module's note on locking
    convs = list(
        session.execute(
            select(Conversation)
            .where(Conversation.id.in_(list(seen)))
            .order_by(Conversation.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).scalars()
    )
    now = utcnow()
    moved: list[int] = []
    skipped: list[int] = []
    requeued: list[Conversation] = []
    for conv in convs:
        if (
            conv.status != "assigned"
            or conv.assignee_id != source.id
            or conv.assignment_version != seen[conv.id]
            or (target is not None and conv.shop_id not in target.shop_ids)
        ):
            skipped.append(conv.id)
            continue
        if target is not None:
            _give(session, conv, target, now, "move", actor, ops.transfer_text(actor, target, None, note))
        else:
            first = allocate(session, 2)
            activity.record_about(
                session,
                "requeued",
                conv,
                at=now,
                agent_id=source.id,
                actor_id=actor.id,
                detail={"how": "move"},
            )
            conv.status = "waiting"
            conv.assignee_id = None
            if conv.waiting_since is None:
                conv.waiting_since = now
            conv.assignment_version += 1
            conv.version = first
            session.add(
                ops._system_message(
                    conv, actor, ops.transfer_text(actor, None, conv.group, note), now, first + 1
                )
            )
            requeued.append(conv)
        moved.append(conv.id)
    skipped += [cid for cid in seen if cid not in {c.id for c in convs}]
    session.flush()
    for conv in requeued:
        route_conversation(session, conv, now, exclude=(source.id,))
    if moved or skipped:
        _audit(
            session,
            actor,
            "move",
            now,
            target_user_id=source.id,
            detail={
                "to_user_id": to_user_id,
                "to_queue": to_queue,
                "moved": moved,
                "skipped": skipped,
                "note": note,
            },
        )
    return moved, skipped


def set_routing(
    session: Session, actor: User, user_id: int, capacity: int | None, groups: list[str] | None
) -> AgentPresence:
    """A supervisor sets an agent's capacity and/or skill groups. New groups give the user row a
    new version (colleagues' caches follow); more room routes waiting conversations to them."""
    if groups is not None:
        bad = [g for g in groups if g not in SKILL_GROUPS]
        if bad:
            raise ApiError(400, "bad_request", f"unknown skill groups {bad}")
    allocate(session)  # the counter first: see the module's note on locking
    target = _target(session, actor, user_id, lock=True)
    now = utcnow()
    state = activity.get_state(session, target.id, now, lock=True)
    grow = False
    if capacity is not None and capacity != state.capacity:
        _audit(
            session,
            actor,
            "capacity",
            now,
            target_user_id=target.id,
            detail={"from": state.capacity, "to": capacity},
        )
        grow = capacity > state.capacity
        state.capacity = capacity
    if groups is not None:
        wanted = ",".join(g for g in SKILL_GROUPS if g in set(groups))
        if wanted != target.groups_csv:
            _audit(
                session,
                actor,
                "groups",
                now,
                target_user_id=target.id,
                detail={"from": target.groups, "to": groups},
            )
            target.groups_csv = wanted
            target.version = allocate(session)
            grow = True
    session.flush()
    if grow:
        fill_agent(session, target.id, now)
    return presence(session, target, state)


def validate_config(config: SupervisorConfig) -> None:
    bad = [g for g in config.sla_seconds if g not in SKILL_GROUPS]
    if bad:
        raise ApiError(400, "bad_request", f"unknown skill groups {bad}")
    if any(v < 1 or v > 7 * 86400 for v in config.sla_seconds.values()):
        raise ApiError(400, "bad_request", "an SLA is between 1 second and 7 days")
    try:
        ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ApiError(400, "bad_request", f"unknown time zone {config.timezone!r}") from exc
    if config.presence_timeout_s <= config.heartbeat_s:
        raise ApiError(400, "bad_request", "the presence timeout must be longer than the heartbeat")


def save_config(session: Session, actor: User, config: SupervisorConfig) -> SupervisorConfig:
    require_lead(actor)
    validate_config(config)
    now = utcnow()
    allocate(session)  # dashboards show the settings: wake them
    before = activity.load_config(session)
    activity.save_config(session, config, actor.id, now)
    changed = {
        k: {"from": v, "to": getattr(config, k)}
        for k, v in before.model_dump(mode="json").items()
        if v != config.model_dump(mode="json")[k]
    }
    _audit(session, actor, "config", now, detail={"changed": changed})
    return config


def rate(session: Session, actor: User, conversation_id: int, score: int) -> Conversation:
    """The buyer's satisfaction score (the platform integration: admins only); the latest wins."""
    if actor.role != "admin":
        raise forbidden("only the platform integration (an admin) reports ratings")
    conv = session.get(Conversation, conversation_id, with_for_update=True, populate_existing=True)
    if conv is None:
        raise not_found(f"no conversation {conversation_id}")
    now = utcnow()
    allocate(session)  # wakes dashboards (the score is not synced)
    earlier = list(
        session.execute(
            select(Activity.id).where(Activity.conversation_id == conv.id, Activity.kind == "rated")
        ).scalars()
    )
    activity.record_about(
        session,
        "rated",
        conv,
        at=now,
        agent_id=conv.assignee_id,
        actor_id=actor.id,
        value=float(score),
    )
    if earlier:
        # deleted after the new score is written: SQLite gives a deleted last id to the next row,
        # and the dashboard's running totals tell events apart by id
        session.execute(delete(Activity).where(Activity.id.in_(earlier)))
    conv.satisfaction = score
    session.flush()
    return conv


def audit(session: Session, actor: User, since: datetime | None, limit: int) -> list[SupervisorAction]:
    """Supervisor actions newest first: on conversations of the actor's shops, on agents who work
    in one of them, and on the settings (admins: all)."""
    scope = scope_of(actor)
    stmt = (
        select(Activity, User.staff_id)
        .join(User, User.id == Activity.actor_id)
        .where(Activity.kind == "supervisor")
        .order_by(Activity.at.desc(), Activity.id.desc())
    )
    if since is not None:
        stmt = stmt.where(Activity.at >= since)
    out: list[SupervisorAction] = []
    shops_of: dict[int, set[int]] = {}
    offset = 0
    while len(out) < limit:
        batch = session.execute(stmt.offset(offset).limit(limit * 2)).all()
        if not batch:
            break
        offset += len(batch)
        if scope is not None:
            need = {a.agent_id for a, _ in batch if a.agent_id is not None and a.agent_id not in shops_of}
            if need:
                for uid, sid in session.execute(
                    select(user_shop.c.user_id, user_shop.c.shop_id).where(user_shop.c.user_id.in_(need))
                ).all():
                    shops_of.setdefault(uid, set()).add(sid)
                for uid in need:
                    shops_of.setdefault(uid, set())
        for a, staff_id in batch:
            if scope is not None:
                if a.shop_id is not None:
                    visible = a.shop_id in scope
                elif a.agent_id is not None:
                    visible = bool(shops_of.get(a.agent_id, set()) & set(scope))
                else:
                    visible = True  # the team's settings
                if not visible:
                    continue
            detail = dict(a.detail or {})
            action = str(detail.pop("action", ""))
            out.append(
                SupervisorAction(
                    id=a.id,
                    at=activity.utc(a.at),
                    actor_id=a.actor_id or 0,
                    actor_staff_id=staff_id,
                    action=action,
                    target_user_id=a.agent_id,
                    conversation_id=a.conversation_id,
                    detail=detail,
                )
            )
            if len(out) >= limit:
                break
    return out


# ----------------------------------------------------------------------------- dashboard


def compute_dashboard(
    session: Session,
    scope: Sequence[int] | None,
    now: datetime | None = None,
    today: Callable[[datetime], TodayTotals] | None = None,
) -> Dashboard:
    """The floor now for the shops in ``scope`` (None: all). See the module docstring for the
    definition of each figure. ``today``: gives the running totals of the day starting at its
    argument (the service keeps them, so that a dashboard reads only the events added since the
    previous one); without it today's events are summed in the database."""
    now = now or utcnow()
    version = current_version(session)
    config = activity.load_config(session)
    start = activity.day_start(config, now)
    hour_ago = now - timedelta(hours=1)
    sla: dict[str, int] = {g: int(config.sla_seconds.get(g, 0) or 0) for g in SKILL_GROUPS}

    shop_ids = (
        list(scope)
        if scope is not None
        else list(session.execute(select(Shop.id).order_by(Shop.id)).scalars())
    )
    shop_set = set(shop_ids)

    def in_scope(col: Any) -> Any:
        return col.in_(shop_ids) if scope is not None else True

    # -- queues: what waits now
    queues: dict[tuple[int, str], QueueStats] = {
        (s, g): QueueStats.model_construct(shop_id=s, group=g, waiting=0, sla_seconds=sla[g])
        for s in shop_ids
        for g in SKILL_GROUPS
    }
    for shop_id, group, n, oldest in _any(
        session.execute(
            select(
                Conversation.shop_id, Conversation.group, func.count(), func.min(Conversation.waiting_since)
            )
            .where(Conversation.status == "waiting", in_scope(Conversation.shop_id))
            .group_by(Conversation.shop_id, Conversation.group)
        ).all()
    ):
        q = queues.get((shop_id, group))
        if q is not None:
            q.waiting = int(n)
            q.oldest_waiting_since = activity.utc(oldest) if oldest is not None else None

    # buyers waiting past their SLA now (waiting in the queue, or held and not yet answered)
    min_sla = min(v for v in sla.values() if v > 0) if any(sla.values()) else 0
    breaching = session.execute(
        select(
            Conversation.id,
            Conversation.shop_id,
            Conversation.group,
            Conversation.waiting_since,
            Conversation.assignee_id,
        )
        .where(
            Conversation.status.in_(("waiting", "assigned")),
            Conversation.waiting_since.is_not(None),
            Conversation.waiting_since < now - timedelta(seconds=min_sla),
            in_scope(Conversation.shop_id),
        )
        .order_by(Conversation.waiting_since)
    ).all()
    alerts: list[Alert] = []
    sla_alerts: list[Alert] = []
    for cid, shop_id, group, since, assignee in _any(breaching):
        limit = sla.get(group, 0)
        wait = (now - activity.utc(since)).total_seconds()
        if limit <= 0 or wait <= limit:
            continue
        q = queues.get((shop_id, group))
        if q is not None:
            q.sla_breaches_last_hour += 1
        if len(sla_alerts) < MAX_SLA_ALERTS:
            sla_alerts.append(
                Alert.model_construct(
                    key=f"sla_breach:{cid}",
                    kind="sla_breach",
                    since=activity.utc(since) + timedelta(seconds=limit),
                    shop_id=shop_id,
                    group=group,
                    conversation_id=cid,
                    user_id=assignee,
                    value=wait,
                    threshold=float(limit),
                )
            )

    # -- the last hour: waits until taken, answers later than the SLA
    if today is not None:
        cells, recent = today(start).read(session, now)
        last_hour = _last_hour_from(recent, hour_ago, now, sla, shop_set if scope is not None else None)
    else:
        cells = _today_cells(session, start, now, scope)
        last_hour = _last_hour_sql(session, hour_ago, now, sla, scope)
    for (shop_id, group, kind), (n, total, n_late) in last_hour.items():
        q = queues.get((shop_id, group))
        if q is None:
            continue
        if kind == "assigned":
            if n:
                q.avg_wait_last_hour_s = total / n
        else:
            q.sla_breaches_last_hour += n_late

    # -- today: per queue and per agent
    per_agent: dict[int, dict[str, float]] = {}
    for (shop_id, group, agent_id, kind, first), (count, total) in cells.items():
        if scope is not None and shop_id not in shop_set:
            continue
        n = int(count)
        if kind == "closed":
            q = queues.get((shop_id, group))
            if q is not None:
                q.handled_today += n
        if agent_id is None:
            continue
        acc = per_agent.setdefault(agent_id, {})
        if kind == "response":
            acc["resp_n"] = acc.get("resp_n", 0) + n
            acc["resp_sum"] = acc.get("resp_sum", 0.0) + total
            if first:
                acc["first_n"] = acc.get("first_n", 0) + n
                acc["first_sum"] = acc.get("first_sum", 0.0) + total
        elif kind == "closed":
            acc["handled"] = acc.get("handled", 0) + n
        else:
            acc["rated_n"] = acc.get("rated_n", 0) + n
            acc["rated_sum"] = acc.get("rated_sum", 0.0) + total

    # -- agents of the shops
    agent_shops, users = _directory(session, scope, shop_set)
    states = (
        {
            s.user_id: (s.status, s.status_since, s.capacity)
            for s in session.execute(
                select(
                    AgentState.user_id, AgentState.status, AgentState.status_since, AgentState.capacity
                ).where(AgentState.user_id.in_(list(agent_shops)))
            ).all()
        }
        if agent_shops
        else {}
    )
    loads = dict(
        session.execute(
            select(Conversation.assignee_id, func.count())
            .where(Conversation.status == "assigned", Conversation.assignee_id.is_not(None))
            .group_by(Conversation.assignee_id)
        ).all()
    )
    agents: list[AgentStats] = []
    over: list[AgentStats] = []
    made = _agent_stats_cache(session)
    for uid, staff_id, name, groups_csv, created_at in users:
        status, since, capacity = states.get(uid, ("offline", created_at, activity.DEFAULT_CAPACITY))
        acc = per_agent.get(uid, {})
        load = int(loads.get(uid, 0))
        figures = (
            _avg(acc, "first"),
            _avg(acc, "resp"),
            int(acc.get("handled", 0)),
            _avg(acc, "rated"),
            int(acc.get("rated_n", 0)),
        )
        inputs = (staff_id, name, tuple(agent_shops[uid]), groups_csv, status, since, load, capacity, figures)
        known = made.get(uid)
        if known is not None and known[0] == inputs:
            stats = known[1]  # unchanged since the previous dashboard: the same (immutable) object
        else:
            stats = AgentStats.model_construct(
                user_id=uid,
                staff_id=staff_id,
                display_name=name,
                shop_ids=sorted(agent_shops[uid]),
                groups=[g for g in groups_csv.split(",") if g],
                status=status,
                status_since=activity.utc(since),
                load=load,
                capacity=capacity,
                first_response_avg_s=figures[0],
                response_avg_s=figures[1],
                handled_today=figures[2],
                satisfaction_avg=figures[3],
                satisfaction_count=figures[4],
            )
            made[uid] = (inputs, stats)
        agents.append(stats)
        if stats.load > stats.capacity:
            over.append(stats)

    # -- waiting conversations, oldest first
    waiting = [
        WaitingConversation.model_construct(
            id=cid,
            shop_id=shop_id,
            group=group,
            buyer_id=buyer_id,
            buyer_nickname=nick or "",
            waiting_since=activity.utc(ws) if ws is not None else None,
            last_message_preview=preview or "",
            priority=priority,
            assignment_version=av,
        )
        for cid, shop_id, group, buyer_id, nick, ws, preview, priority, av in _any(
            session.execute(
                select(
                    Conversation.id,
                    Conversation.shop_id,
                    Conversation.group,
                    Conversation.buyer_id,
                    Buyer.nickname,
                    Conversation.waiting_since,
                    Conversation.last_message_preview,
                    Conversation.priority,
                    Conversation.assignment_version,
                )
                .join(Buyer, Buyer.id == Conversation.buyer_id)
                .where(Conversation.status == "waiting", in_scope(Conversation.shop_id))
                .order_by(Conversation.waiting_since, Conversation.id)
                .limit(MAX_WAITING)
            ).all()
        )
    ]

    alerts.extend(sla_alerts)
    alerts.extend(_complaint_spikes(session, config, scope, shop_ids, now))
    alerts.extend(_over_capacity(session, over, now))
    return Dashboard(
        generated_at=now,
        version=version,
        day_start=start,
        queues=list(queues.values()),
        agents=agents,
        waiting=waiting,
        alerts=alerts,
        config=config,
    )


def _any(rows: Any) -> list[Any]:
    """Result rows, untyped: the loops above unpack columns of several queries by name."""
    return list(rows)


#: a cell of today's totals: (shop, group, agent, kind, first) -> [count, sum of values]
Cells = dict[tuple[int, str, int | None, str, bool], list[float]]
TODAY_KINDS = ("response", "closed", "rated")


#: the last hour per (shop, group, kind): [count, sum of values, count above the group's SLA]
LastHour = dict[tuple[int, str, str], tuple[int, float, int]]


def _last_hour_from(
    recent: list[tuple[datetime, int, str, str, float]],
    hour_ago: datetime,
    now: datetime,
    sla: dict[str, int],
    shops: set[int] | None,
) -> LastHour:
    acc: dict[tuple[int, str, str], list[float]] = {}
    for at, shop, group, kind, value in recent:
        if at < hour_ago or at > now or (shops is not None and shop not in shops):
            continue
        cell = acc.setdefault((shop, group, kind), [0, 0.0, 0])
        cell[0] += 1
        cell[1] += value
        if value > sla.get(group, 0) > 0:
            cell[2] += 1
    return {k: (int(v[0]), v[1], int(v[2])) for k, v in acc.items()}


def _last_hour_sql(
    session: Session, hour_ago: datetime, now: datetime, sla: dict[str, int], scope: Sequence[int] | None
) -> LastHour:
    whens = [(and_(Activity.group == g, Activity.value > limit), 1) for g, limit in sla.items() if limit > 0]
    late = case(*whens, else_=0) if whens else literal(0)
    stmt = (
        select(
            Activity.shop_id,
            Activity.group,
            Activity.kind,
            func.count(Activity.value),
            func.sum(Activity.value),
            func.sum(late),
        )
        .where(Activity.kind.in_(("assigned", "response")), Activity.at >= hour_ago, Activity.at <= now)
        .group_by(Activity.shop_id, Activity.group, Activity.kind)
    )
    if scope is not None:
        stmt = stmt.where(Activity.shop_id.in_(list(scope)))
    return {
        (shop, group, kind): (int(n), float(total or 0.0), int(n_late or 0))
        for shop, group, kind, n, total, n_late in _any(session.execute(stmt).all())
    }


def _today_cells(session: Session, start: datetime, now: datetime, scope: Sequence[int] | None) -> Cells:
    stmt = (
        select(
            Activity.shop_id,
            Activity.group,
            Activity.agent_id,
            Activity.kind,
            Activity.first,
            func.count(),
            func.sum(Activity.value),
        )
        .where(Activity.kind.in_(TODAY_KINDS), Activity.at >= start, Activity.at <= now)
        .group_by(Activity.shop_id, Activity.group, Activity.agent_id, Activity.kind, Activity.first)
    )
    if scope is not None:
        stmt = stmt.where(Activity.shop_id.in_(list(scope)))
    return {
        (shop, group, agent, kind, bool(first)): [int(n), float(total or 0.0)]
        for shop, group, agent, kind, first, n, total in _any(session.execute(stmt).all())
    }


class TodayTotals:
    """Today's sums of ``response``, ``closed`` and ``rated`` events per (shop, group, agent),
    and the last hour's ``assigned`` and ``response`` events, kept by the service: each read adds
    only the events written since the previous one.

    Events are written after the version counter is taken (see the module's note on locking), so
    they commit in id order; ids are still read again over a margin and skipped when already
    counted, in case one commits late. A re-rating replaces the conversation's earlier score.
    """

    #: ids at most this far below the highest seen are read again (and skipped when counted)
    MARGIN = 500

    def __init__(self, start: datetime) -> None:
        self.start = start
        self.cells: Cells = {}
        #: (at, shop, group, kind, value) of ``assigned``/``response`` events of the last hour
        self.recent: list[tuple[datetime, int, str, str, float]] = []
        self._oldest: datetime | None = None
        self._last_id = 0
        self._seen: set[int] = set()
        #: conversation -> (cell, score) of the rating counted for it
        self._ratings: dict[int, tuple[tuple[int, str, int | None, str, bool], float]] = {}
        self._lock = threading.Lock()

    def read(
        self, session: Session, now: datetime
    ) -> tuple[Cells, list[tuple[datetime, int, str, str, float]]]:
        """Today's cells, and the last hour's events (both copies)."""
        kinds = (*TODAY_KINDS, "assigned")
        since = self.start - timedelta(hours=1)
        hour_ago = now - timedelta(hours=1)
        with self._lock:
            stmt = select(
                Activity.id,
                Activity.at,
                Activity.shop_id,
                Activity.group,
                Activity.agent_id,
                Activity.kind,
                Activity.first,
                Activity.value,
                Activity.conversation_id,
            )
            if self._last_id == 0:  # the day's first read: by kind and time
                # (rows of other kinds or days below the highest id need no reading again)
                self._last_id = int(
                    session.execute(select(func.coalesce(func.max(Activity.id), 0))).scalar_one()
                )
                stmt = stmt.where(Activity.kind.in_(kinds), Activity.at >= since)
            else:  # then only the new rows, by id (kind and time checked here, not by an index)
                stmt = stmt.where(Activity.id > self._last_id - self.MARGIN)
            for rid, at, shop, group, agent, kind, first, value, conv in _any(session.execute(stmt).all()):
                if rid in self._seen:
                    continue
                self._seen.add(rid)
                self._last_id = max(self._last_id, rid)
                if shop is None or kind not in kinds:
                    continue
                at = activity.utc(at)
                if at < since:
                    continue
                if kind in ("assigned", "response") and value is not None and at >= hour_ago:
                    self.recent.append((at, shop, group, kind, float(value)))
                    if self._oldest is None or at < self._oldest:
                        self._oldest = at
                if kind == "assigned" or at < self.start:
                    continue
                key = (shop, group, agent, kind, bool(first))
                if kind == "rated" and conv is not None:
                    before = self._ratings.get(conv)
                    if before is not None:
                        cell = self.cells[before[0]]
                        cell[0] -= 1
                        cell[1] -= before[1]
                    self._ratings[conv] = (key, float(value or 0.0))
                cell = self.cells.setdefault(key, [0, 0.0])
                cell[0] += 1
                cell[1] += float(value or 0.0)
            if len(self._seen) > 4 * self.MARGIN:
                floor = self._last_id - self.MARGIN
                self._seen = {i for i in self._seen if i > floor}
            if self._oldest is not None and self._oldest < hour_ago:
                self.recent = [r for r in self.recent if r[0] >= hour_ago]
                self._oldest = min((r[0] for r in self.recent), default=None)
            return {k: list(v) for k, v in self.cells.items()}, list(self.recent)


# The agents of a set of shops change rarely (every change to a user or their shops gives the
# user row a new version): kept per database, newest user version and shops.
_directory_cache: dict[tuple[Any, ...], tuple[dict[int, list[int]], list[Any]]] = {}
_agent_stats: dict[str, dict[int, tuple[tuple[Any, ...], AgentStats]]] = {}
_directory_lock = threading.Lock()


def _directory(
    session: Session, scope: Sequence[int] | None, shop_set: set[int]
) -> tuple[dict[int, list[int]], list[Any]]:
    """The active agents working in the shops: {user: [shops in scope]} and their rows
    (id, staff id, name, groups, created), by staff id."""
    newest = session.execute(select(func.max(User.version))).scalar()
    key = (str(session.get_bind().engine.url), newest, tuple(sorted(shop_set)) if scope is not None else None)
    with _directory_lock:
        hit = _directory_cache.get(key)
    if hit is not None:
        return hit
    shop_rows = session.execute(
        select(user_shop.c.user_id, user_shop.c.shop_id)
        .join(User, User.id == user_shop.c.user_id)
        .where(User.role == "agent", User.active.is_(True))
    ).all()
    agent_shops: dict[int, list[int]] = {}
    for uid, sid in shop_rows:
        if scope is None or sid in shop_set:
            agent_shops.setdefault(uid, []).append(sid)
    users = (
        list(
            session.execute(
                select(User.id, User.staff_id, User.display_name, User.groups_csv, User.created_at)
                .where(User.id.in_(list(agent_shops)))
                .order_by(User.staff_id)
            ).all()
        )
        if agent_shops
        else []
    )
    with _directory_lock:
        if len(_directory_cache) > 64:
            _directory_cache.clear()
        _directory_cache[key] = (agent_shops, users)
    return agent_shops, users


def _agent_stats_cache(session: Session) -> dict[int, tuple[tuple[Any, ...], AgentStats]]:
    with _directory_lock:
        return _agent_stats.setdefault(str(session.get_bind().engine.url), {})


def _avg(acc: dict[str, float], prefix: str) -> float | None:
    n = acc.get(f"{prefix}_n", 0)
    return acc.get(f"{prefix}_sum", 0.0) / n if n else None


# the usual complaint counts per shop change slowly: one read per minute and settings
_baseline_cache: dict[tuple[Any, ...], dict[int, int]] = {}
_baseline_lock = threading.Lock()


def _complaint_baseline(
    session: Session, config: SupervisorConfig, scope: Sequence[int] | None, window_start: datetime
) -> dict[int, int]:
    days = config.complaint_baseline_days
    minute = window_start.replace(second=0, microsecond=0)
    key = (
        str(session.get_bind().engine.url),
        days,
        config.complaint_window_minutes,
        minute,
        tuple(scope or ()),
    )
    with _baseline_lock:
        hit = _baseline_cache.get(key)
    if hit is not None:
        return hit
    begin = minute - timedelta(days=days)
    stmt = (
        select(Activity.shop_id, func.count())
        .where(
            Activity.kind == "opened",
            Activity.at >= begin,
            Activity.at < minute,
            Activity.group == "complaint",
        )
        .group_by(Activity.shop_id)
    )
    if scope is not None:
        stmt = stmt.where(Activity.shop_id.in_(list(scope)))
    counts = {int(s): int(n) for s, n in session.execute(stmt).all() if s is not None}
    with _baseline_lock:
        if len(_baseline_cache) > 256:
            _baseline_cache.clear()
        _baseline_cache[key] = counts
    return counts


def spike_level(config: SupervisorConfig, baseline_count: int) -> float:
    """The number of complaints in a window at which a shop alerts."""
    windows = config.complaint_baseline_days * 24 * 60 / config.complaint_window_minutes
    usual = baseline_count / windows
    return max(float(config.complaint_min_count), config.complaint_spike_multiple * usual)


def _complaint_spikes(
    session: Session,
    config: SupervisorConfig,
    scope: Sequence[int] | None,
    shop_ids: Sequence[int],
    now: datetime,
) -> list[Alert]:
    window_start = now - timedelta(minutes=config.complaint_window_minutes)
    stmt = (
        select(Activity.shop_id, func.count(), func.min(Activity.at))
        .where(
            Activity.kind == "opened",
            Activity.at >= window_start,
            Activity.at <= now,
            Activity.group == "complaint",
        )
        .group_by(Activity.shop_id)
    )
    if scope is not None:
        stmt = stmt.where(Activity.shop_id.in_(list(scope)))
    current = session.execute(stmt).all()
    if not current:
        return []
    # the baseline window ends where the current one starts (rounded down to the minute, cached)
    baseline = _complaint_baseline(session, config, scope, window_start)
    out = []
    for shop_id, n, first in current:
        if shop_id is None:
            continue
        level = spike_level(config, baseline.get(shop_id, 0))
        if n >= level:
            out.append(
                Alert.model_construct(
                    key=f"complaint_spike:{shop_id}",
                    kind="complaint_spike",
                    since=activity.utc(first),
                    shop_id=shop_id,
                    group="complaint",
                    value=float(n),
                    threshold=level,
                )
            )
    return out


def _over_capacity(session: Session, over: list[AgentStats], now: datetime) -> list[Alert]:
    if not over:
        return []
    holder_of = dict(
        _any(
            session.execute(
                select(Conversation.id, Conversation.assignee_id).where(
                    Conversation.status == "assigned", Conversation.assignee_id.in_([a.user_id for a in over])
                )
            ).all()
        )
    )
    given: dict[int, list[datetime]] = {}
    latest: dict[int, datetime] = {}
    # by conversation (its index), the kind checked here: a few events per conversation
    for cid, agent_id, kind, at in _any(
        session.execute(
            select(Activity.conversation_id, Activity.agent_id, Activity.kind, Activity.at).where(
                Activity.conversation_id.in_(list(holder_of))
            )
        ).all()
    ):
        if kind == "assigned" and at is not None and holder_of.get(cid) == agent_id:
            at = activity.utc(at)
            if cid not in latest or latest[cid] < at:
                latest[cid] = at
    for cid, at in latest.items():
        given.setdefault(holder_of[cid], []).append(at)
    out = []
    for a in over:
        # when the conversation that took the agent past capacity was given to them
        times = sorted(given.get(a.user_id, []))
        since = times[a.capacity] if len(times) > a.capacity else (times[-1] if times else a.status_since)
        out.append(
            Alert.model_construct(
                key=f"over_capacity:{a.user_id}",
                kind="over_capacity",
                since=since,
                user_id=a.user_id,
                value=float(a.load),
                threshold=float(a.capacity),
            )
        )
    return out


@dataclass
class _Snapshot:
    version: int
    made: float
    body: bytes


class DashboardCache:
    """Computed dashboards shared by every supervisor with the same shops: one computation per
    (version, shops), served for at most ``SNAPSHOT_MAX_AGE_S``; while one is computed, others
    asking for the same key wait for it instead of computing it again."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[tuple[int, ...] | None, _Snapshot] = OrderedDict()
        self._locks: dict[tuple[int, ...] | None, threading.Lock] = {}
        self._guard = threading.Lock()
        #: seconds the last computation took
        self.last_compute_s = 0.0
        self._today: TodayTotals | None = None

    def today(self, start: datetime) -> TodayTotals:
        """The running totals of the day that starts at ``start`` (a new day starts afresh)."""
        with self._guard:
            if self._today is None or self._today.start != start:
                self._today = TodayTotals(start)
            return self._today

    def _lock_for(self, key: tuple[int, ...] | None) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def get(self, session: Session, scope: Sequence[int] | None) -> bytes:
        key = tuple(sorted(scope)) if scope is not None else None
        version = current_version(session)
        snap = self._fresh(key, version)
        if snap is not None:
            return snap.body
        with self._lock_for(key):
            snap = self._fresh(key, version)
            if snap is not None:
                return snap.body
            t0 = _time.perf_counter()
            board = compute_dashboard(session, scope, today=self.today)
            body = board.__pydantic_serializer__.to_json(board)
            self.last_compute_s = _time.perf_counter() - t0
            with self._guard:
                self._items[key] = _Snapshot(board.version, _time.monotonic(), body)
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
            return body

    def _fresh(self, key: tuple[int, ...] | None, version: int) -> _Snapshot | None:
        with self._guard:
            snap = self._items.get(key)
        if snap is None or snap.version < version or _time.monotonic() - snap.made > SNAPSHOT_MAX_AGE_S:
            return None
        return snap


def held_by(session: Session, user_id: int) -> list[int]:
    return list(
        session.execute(
            select(Conversation.id).where(
                and_(Conversation.status == "assigned", Conversation.assignee_id == user_id)
            )
        ).scalars()
    )
