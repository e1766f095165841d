"""Server-only actions (guarantee 5): they need the server's decision and are never queued.

Claiming is compare-and-set on the conversation's ``assignment_version``: among any number of
agents exactly one wins. Whatever the outcome, the server's answer (the conversation as it now
is) is written into the cache at once, so the queue updates without waiting for the next pull.
"""

from __future__ import annotations

from dataclasses import dataclass

from workstation.api import ClaimLost
from workstation.sync import SyncEngine
from wsprotocol import ConversationRecord, UserRecord


@dataclass(frozen=True)
class ClaimOutcome:
    won: bool
    conversation: ConversationRecord
    #: who holds the conversation now (the winner when lost; None if nobody or unknown)
    assignee: UserRecord | None


def claim(engine: SyncEngine, conversation_id: int, expected_assignment_version: int) -> ClaimOutcome:
    """Claim a conversation. Raises ``Offline`` (and other ``ApiError``) when the server cannot
    decide; a lost race is not an error but an outcome with the current holder."""
    try:
        record = engine.api.claim(conversation_id, expected_assignment_version)
        outcome = ClaimOutcome(won=True, conversation=record, assignee=None)
    except ClaimLost as lost:
        outcome = ClaimOutcome(won=False, conversation=lost.conversation, assignee=lost.assignee)
    records: list[tuple[str, dict[str, object]]] = [
        ("conversation", outcome.conversation.model_dump(mode="json"))
    ]
    if outcome.assignee is not None:
        records.append(("user", outcome.assignee.model_dump(mode="json")))
    engine.apply_records(records)
    return outcome
