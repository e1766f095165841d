"""Buyer contact reveal, the permissions that allow it, and the audit of reveals (issue 3).

The rules live in ``central.orders`` (``reveal``, ``set_permissions``, ``reveal_audit``); these
routes only translate HTTP to them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query

from central import orders
from central.deps import CurrentUser, DbDep
from central.records import user_record
from wsprotocol import (
    ErrorBody,
    Paths,
    PermissionsUpdate,
    RevealAudit,
    RevealAuditEntry,
    RevealRequest,
    RevealResponse,
    UserRecord,
)

router = APIRouter(tags=["customers"])
_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorBody},
    403: {"model": ErrorBody},
    404: {"model": ErrorBody},
}


@router.post(Paths.REVEAL, response_model=RevealResponse, responses=_ERRORS)
def reveal(body: RevealRequest, db: DbDep, user: CurrentUser, buyer_id: int = Path(ge=1)) -> RevealResponse:
    """The full phone or address of a buyer or of one of their orders. Needs ``reveal_contact``
    (403 otherwise, nothing recorded); a buyer outside the user's shops is 404. Every answer is
    recorded (who, what, when, why) in the same transaction."""
    with db.write() as session:
        value, at = orders.reveal(session, user.id, buyer_id, body.field, body.order_id, body.reason)
    return RevealResponse(
        buyer_id=buyer_id, order_id=body.order_id, field=body.field, value=value, revealed_at=at
    )


@router.put(Paths.USER_PERMISSIONS, response_model=UserRecord, responses=_ERRORS)
def set_permissions(
    body: PermissionsUpdate, db: DbDep, user: CurrentUser, user_id: int = Path(ge=1)
) -> UserRecord:
    """Replace a user's permissions (a supervisor of a shop the user works in, or an admin).
    Answers the user's record as colleagues will pull it."""
    with db.write() as session:
        target = orders.set_permissions(session, user, user_id, body.permissions)
        return UserRecord.model_validate(user_record(target))


@router.get(Paths.REVEAL_AUDIT, response_model=RevealAudit, responses=_ERRORS)
def reveal_audit(
    db: DbDep,
    user: CurrentUser,
    since: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> RevealAudit:
    """Reveals in the caller's shops (supervisors; admins see all), newest first, at or after
    ``since``; agents get 403."""
    if since is not None and since.tzinfo is None:
        # a time without a zone on the wire is read as UTC, like every time of the protocol
        since = since.replace(tzinfo=UTC)
    with db.read() as session:
        rows = orders.reveal_audit(session, user, since, limit)
    return RevealAudit(entries=[RevealAuditEntry.model_validate(r) for r in rows])
