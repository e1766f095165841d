"""Reports (issue 6): ``GET Paths.REPORT``. The rules and definitions live in ``central.reports``;
this route only translates HTTP to them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from central import reports
from central.deps import CurrentUser, DbDep
from wsprotocol import ErrorBody, Paths, Report, SkillGroup

router = APIRouter(tags=["reports"])
_ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorBody, "description": "malformed dates, date_to before date_from, more than 92 days"},
    401: {"model": ErrorBody},
    403: {"model": ErrorBody, "description": "an agent, or a shop the supervisor does not work in"},
}


@router.get(Paths.REPORT, response_model=Report, responses=_ERRORS)
def daily_report(
    db: DbDep,
    user: CurrentUser,
    date_from: Annotated[str, Query(description="first day, YYYY-MM-DD, in the team's time zone")],
    date_to: Annotated[str, Query(description="last day (included), YYYY-MM-DD")],
    shop_id: int | None = None,
    group: SkillGroup | None = None,
    agent_id: int | None = None,
) -> Report:
    """Figures per day × shop × group × agent as sums and counts (``ReportRow``); supervisors get
    their shops, admins every shop, agents 403. Definitions: ``central/reports.py``."""
    with db.read() as session:
        return reports.daily_report(session, user, date_from, date_to, shop_id, group, agent_id)
