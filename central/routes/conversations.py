from __future__ import annotations

from fastapi import APIRouter, Path

from central import ops
from central.deps import CurrentUser, DbDep
from central.records import conversation_record
from wsprotocol import ClaimRequest, ConversationRecord, ErrorBody, Paths

router = APIRouter(tags=["conversations"])


@router.post(
    Paths.CLAIM,
    response_model=ConversationRecord,
    responses={
        403: {"model": ErrorBody},
        404: {"model": ErrorBody},
        409: {"model": ErrorBody, "description": "lost the claim: detail is a ClaimConflict"},
    },
)
def claim(
    body: ClaimRequest, db: DbDep, user: CurrentUser, conversation_id: int = Path(ge=1)
) -> ConversationRecord:
    with db.write() as session:
        conv = ops.claim(session, user, conversation_id, body.expected_assignment_version)
        return ConversationRecord.model_validate(conversation_record(conv))
