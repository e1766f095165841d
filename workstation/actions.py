"""Server-only actions (guarantee 5): they need the server's decision and are never queued.

Claiming is compare-and-set on the conversation's ``assignment_version``: among any number of
agents exactly one wins. Whatever the outcome, the server's answer (the conversation as it now
is) is written into the cache at once, so the queue updates without waiting for the next pull.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workstation.api import ClaimLost, NotAssignee
from workstation.sync import SyncEngine
from wsprotocol import (
    CLOSE_CATEGORIES,
    MAX_REPLY_CHARS,
    SKILL_GROUPS,
    CloseCategory,
    ConversationActionResponse,
    ConversationRecord,
    SkillGroup,
    TransferRequest,
    UserRecord,
)

#: the longest note of a transfer, close or escalation (what the protocol allows)
MAX_NOTE_CHARS: int = next(
    m.max_length for m in TransferRequest.model_fields["note"].metadata if getattr(m, "max_length", None)
)


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


# ----------------------------------------------------------------------------- conversation actions
# Send, transfer, close, escalate (issue 4). Like claim they need the server's decision and are
# never queued: ``Offline`` (or ``ServerUnavailable``) means nothing happened and the caller keeps
# the text (as a draft) or the dialog open. Input is checked here first, with no network, so a bad
# reply never leaves the composer. Whatever the server answers, including a refusal that says how
# the conversation now is, is written into the cache at once.


def _check_reply(text: str) -> None:
    if not text.strip():
        raise ValueError("The reply is empty.")
    if len(text) > MAX_REPLY_CHARS:
        raise ValueError(
            f"The reply has {len(text):,} characters; at most {MAX_REPLY_CHARS:,} can be sent at once. "
            "Shorten it or send it in parts."
        )


def _check_note(note: str) -> None:
    if len(note) > MAX_NOTE_CHARS:
        raise ValueError(f"The note has {len(note):,} characters; at most {MAX_NOTE_CHARS} are allowed.")


def _store(engine: SyncEngine, response: ConversationActionResponse) -> None:
    conversation = response.conversation.model_dump(mode="json")
    # the change version lets the answer win over the cached row though a send does not bump
    # assignment_version (see SyncEngine.apply_records / upsert_sql "action")
    conversation["version"] = response.version or 0
    records: list[tuple[str, dict[str, object]]] = [("conversation", conversation)]
    records += [("message", m.model_dump(mode="json")) for m in response.messages]
    engine.apply_records(records)


def _store_refusal(engine: SyncEngine, refusal: ClaimLost | NotAssignee) -> None:
    records: list[tuple[str, dict[str, object]]] = [
        ("conversation", refusal.conversation.model_dump(mode="json"))
    ]
    if refusal.assignee is not None:
        records.append(("user", refusal.assignee.model_dump(mode="json")))
    engine.apply_records(records)


def _act(engine: SyncEngine, call: Callable[[], ConversationActionResponse]) -> ConversationActionResponse:
    try:
        response = call()
    except (ClaimLost, NotAssignee) as refusal:
        # the conversation is closed or held by someone else: show that at once, then refuse
        _store_refusal(engine, refusal)
        raise
    _store(engine, response)
    return response


def send_reply(
    engine: SyncEngine, conversation_id: int, text: str, client_msg_id: str
) -> ConversationActionResponse:
    """Send an agent's reply, stored verbatim. Keep ``client_msg_id`` with the draft: a retry after
    a lost answer (``Offline`` raised after the server stored it) is answered with the same message.

    Raises ``ValueError`` (empty, too long: nothing sent), ``Offline``/``ServerUnavailable`` (keep
    the draft), ``ClaimLost`` (closed or changed hands), ``NotAssignee``, other ``ApiError``.
    """
    _check_reply(text)
    return _act(engine, lambda: engine.api.send_message(conversation_id, text, client_msg_id))


def transfer(
    engine: SyncEngine,
    conversation_id: int,
    expected_assignment_version: int,
    to_user_id: int | None = None,
    to_group: SkillGroup | None = None,
    note: str = "",
) -> ConversationActionResponse:
    """Transfer to a colleague or back to a group's queue, with a note the receiver sees."""
    if (to_user_id is None) == (to_group is None):
        raise ValueError("Choose either a colleague or a group to transfer to.")
    if to_group is not None and to_group not in SKILL_GROUPS:
        raise ValueError(f"Unknown group {to_group!r}.")
    _check_note(note)
    return _act(
        engine,
        lambda: engine.api.transfer(
            conversation_id, expected_assignment_version, to_user_id=to_user_id, to_group=to_group, note=note
        ),
    )


def close(
    engine: SyncEngine,
    conversation_id: int,
    expected_assignment_version: int,
    category: CloseCategory,
    note: str = "",
) -> ConversationActionResponse:
    """Close with a category (what the conversation was about)."""
    if category not in CLOSE_CATEGORIES:
        raise ValueError(f"Unknown close category {category!r}.")
    _check_note(note)
    return _act(
        engine,
        lambda: engine.api.close_conversation(conversation_id, expected_assignment_version, category, note),
    )


def escalate(engine: SyncEngine, conversation_id: int, note: str = "") -> ConversationActionResponse:
    """Escalate to a supervisor (raises the conversation's priority; a system message records it)."""
    _check_note(note)
    return _act(engine, lambda: engine.api.escalate(conversation_id, note))
