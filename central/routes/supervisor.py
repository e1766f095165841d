"""Agent status, supervisor actions, the live dashboard and its settings (issue 6).

The rules live in ``central.supervisor``; these routes only translate HTTP to them. Supervisor
endpoints answer 403 to agents; a supervisor reaches only the shops they work in (a conversation
or an agent of another shop is 404); admins reach every shop.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from central import activity, supervisor
from central.deps import CurrentUser, DbDep
from central.records import conversation_record, message_record
from wsprotocol import (
    AgentPresence,
    AssignRequest,
    ConversationActionResponse,
    ConversationRecord,
    Dashboard,
    ErrorBody,
    MessageRecord,
    MoveConversationsRequest,
    MoveConversationsResponse,
    Paths,
    RatingRequest,
    RoutingUpdate,
    StatusUpdate,
    SupervisorAudit,
    SupervisorConfig,
)

router = APIRouter(tags=["supervisor"])
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody},
    401: {"model": ErrorBody},
    403: {"model": ErrorBody, "description": "not a supervisor (or admin), or not of this shop"},
    404: {"model": ErrorBody},
}
_CONFLICT: dict[int | str, dict[str, Any]] = {
    **_ERRORS,
    409: {"model": ErrorBody, "description": "changed since read: detail is a ClaimConflict"},
}


def _dashboard_cache(request: Request) -> supervisor.DashboardCache:
    """One cache per service (app), shared by its supervisors."""
    cache: supervisor.DashboardCache | None = getattr(request.app.state, "dashboard_cache", None)
    if cache is None:
        cache = request.app.state.dashboard_cache = supervisor.DashboardCache()
    return cache


@router.put(Paths.MY_STATUS, response_model=AgentPresence, responses=_ERRORS)
def set_my_status(body: StatusUpdate, db: DbDep, user: CurrentUser) -> AgentPresence:
    """Set my status; the same status again is a heartbeat."""
    with db.write() as session:
        return supervisor.set_status(session, user, body.status, body.auto)


@router.post(Paths.ASSIGN, response_model=ConversationActionResponse, responses=_CONFLICT)
def assign(
    body: AssignRequest, db: DbDep, user: CurrentUser, conversation_id: int = Path(ge=1)
) -> ConversationActionResponse:
    """Give a conversation to an agent of its shop (to myself: take it over)."""
    with db.write() as session:
        conv, msg = supervisor.assign(
            session, user, conversation_id, body.expected_assignment_version, body.to_user_id, body.note
        )
        return ConversationActionResponse(
            conversation=ConversationRecord.model_validate(conversation_record(conv)),
            messages=[MessageRecord.model_validate(message_record(msg))],
            version=conv.version,
        )


@router.post(Paths.MOVE_CONVERSATIONS, response_model=MoveConversationsResponse, responses=_ERRORS)
def move_conversations(
    body: MoveConversationsRequest, db: DbDep, user: CurrentUser, user_id: int = Path(ge=1)
) -> MoveConversationsResponse:
    """Every conversation the agent holds to a colleague or back to the queues."""
    with db.write() as session:
        moved, skipped = supervisor.move_conversations(
            session, user, user_id, body.to_user_id, body.to_queue, body.note
        )
    return MoveConversationsResponse(moved=moved, skipped=skipped)


@router.put(Paths.USER_ROUTING, response_model=AgentPresence, responses=_ERRORS)
def set_routing(
    body: RoutingUpdate, db: DbDep, user: CurrentUser, user_id: int = Path(ge=1)
) -> AgentPresence:
    """An agent's capacity and/or skill groups."""
    with db.write() as session:
        return supervisor.set_routing(
            session, user, user_id, body.capacity, list(body.groups) if body.groups is not None else None
        )


@router.post(Paths.RATING, status_code=204, response_class=Response, responses=_ERRORS)
def rate(body: RatingRequest, db: DbDep, user: CurrentUser, conversation_id: int = Path(ge=1)) -> Response:
    """The buyer's satisfaction score, as the shop platform reports it (admins only)."""
    with db.write() as session:
        supervisor.rate(session, user, conversation_id, body.score)
    return Response(status_code=204)


@router.get(
    Paths.DASHBOARD,
    response_model=Dashboard,
    responses=_ERRORS,
    response_class=Response,
)
def dashboard(request: Request, db: DbDep, user: CurrentUser) -> Response:
    """The floor now, for the shops I supervise (admin: all). Computed once per change and set of
    shops, shared by every supervisor asking for it."""
    scope = supervisor.scope_of(user)
    with db.read() as session:
        body = _dashboard_cache(request).get(session, scope)
    return Response(content=body, media_type="application/json")


@router.get(Paths.SUPERVISOR_CONFIG, response_model=SupervisorConfig, responses=_ERRORS)
def get_config(db: DbDep, user: CurrentUser) -> SupervisorConfig:
    """The team's monitoring settings. Readable by every signed-in user: the workstation of an
    agent takes its heartbeat and away-after-inactivity times from here."""
    with db.read() as session:
        return activity.load_config(session)


@router.put(Paths.SUPERVISOR_CONFIG, response_model=SupervisorConfig, responses=_ERRORS)
def put_config(body: SupervisorConfig, db: DbDep, user: CurrentUser) -> SupervisorConfig:
    """Change the team's monitoring settings (supervisors and admins)."""
    with db.write() as session:
        return supervisor.save_config(session, user, body)


@router.get(Paths.SUPERVISOR_AUDIT, response_model=SupervisorAudit, responses=_ERRORS)
def supervisor_audit(
    db: DbDep,
    user: CurrentUser,
    since: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> SupervisorAudit:
    """Supervisor actions (who did what, when) in my shops, newest first; agents get 403."""
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    with db.read() as session:
        return SupervisorAudit(entries=supervisor.audit(session, user, since, limit))
