"""Conversation actions: server-only, answered with the conversation as it now is.

Claim, transfer and close are compare-and-set on ``assignment_version``; a stale one is a 409
``conflict`` whose ``detail`` is a ``ClaimConflict`` (the current conversation and its holder).
Send and escalate refuse a closed conversation the same way.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path

from central import ops
from central.deps import CurrentUser, DbDep
from central.models import Conversation, Message
from central.records import conversation_record, message_record
from wsprotocol import (
    ClaimRequest,
    CloseRequest,
    ConversationActionResponse,
    ConversationRecord,
    ErrorBody,
    EscalateRequest,
    MessageRecord,
    Paths,
    SendRequest,
    TransferRequest,
)

router = APIRouter(tags=["conversations"])

_REFUSALS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody},
    403: {"model": ErrorBody, "description": "not the shop's, or not the assignee's (detail: ClaimConflict)"},
    404: {"model": ErrorBody},
    409: {"model": ErrorBody, "description": "closed or changed since read: detail is a ClaimConflict"},
}


def _answer(conv: Conversation, messages: list[Message]) -> ConversationActionResponse:
    return ConversationActionResponse(
        conversation=ConversationRecord.model_validate(conversation_record(conv)),
        messages=[MessageRecord.model_validate(message_record(m)) for m in messages],
        version=conv.version,
    )


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


@router.post(Paths.SEND, response_model=ConversationActionResponse, responses=_REFUSALS)
def send(
    body: SendRequest, db: DbDep, user: CurrentUser, conversation_id: int = Path(ge=1)
) -> ConversationActionResponse:
    with db.write() as session:
        conv, msg = ops.send_message(session, user, conversation_id, body.text, body.client_msg_id)
        return _answer(conv, [msg])


@router.post(Paths.TRANSFER, response_model=ConversationActionResponse, responses=_REFUSALS)
def transfer(
    body: TransferRequest, db: DbDep, user: CurrentUser, conversation_id: int = Path(ge=1)
) -> ConversationActionResponse:
    with db.write() as session:
        conv, msg = ops.transfer(
            session,
            user,
            conversation_id,
            body.expected_assignment_version,
            to_user_id=body.to_user_id,
            to_group=body.to_group,
            note=body.note,
        )
        return _answer(conv, [msg])


@router.post(Paths.CLOSE, response_model=ConversationActionResponse, responses=_REFUSALS)
def close(
    body: CloseRequest, db: DbDep, user: CurrentUser, conversation_id: int = Path(ge=1)
) -> ConversationActionResponse:
    with db.write() as session:
        conv, msg = ops.close(
            session, user, conversation_id, body.expected_assignment_version, body.category, body.note
        )
        return _answer(conv, [msg])


@router.post(Paths.ESCALATE, response_model=ConversationActionResponse, responses=_REFUSALS)
def escalate(
    body: EscalateRequest, db: DbDep, user: CurrentUser, conversation_id: int = Path(ge=1)
) -> ConversationActionResponse:
    with db.write() as session:
        conv, msg = ops.escalate(session, user, conversation_id, body.note)
        return _answer(conv, [msg])
