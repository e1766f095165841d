"""Reply drafts per conversation, and what the agent last read of each thread. Qt-free.

A reply is a draft until the server has acknowledged it (sending needs the server; guarantee 1
says nothing the agent typed is lost). The text lives in the local ``draft`` table, which a cache
rebuild never touches and a damaged-file recovery salvages.

A send is made idempotent by a ``client_msg_id`` (see ``wsprotocol.SendRequest``): the id is
chosen before the first attempt and kept with the draft until the server acknowledged it, so a
retry after a lost answer (or after a crash between the request and the answer) asks the server
for the same message again instead of sending it twice. The id is bound to the exact text it was
chosen for: an edited reply is a new message and gets a new id.

The pending id and the last-read marker are per-conversation facts of this workstation; they are
kept in the local ``sync_state`` key-value table (keys ``draft.msg.<id>``, ``thread.seen.<id>``)
rather than in new columns, so that no client schema migration is needed for them.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workstation.db import LocalDB
from workstation.models import Draft, SyncState
from workstation.timeutil import utcnow_naive

_MSG_KEY = "draft.msg.{cid}"
_SEEN_KEY = "thread.seen.{cid}"


@dataclass(frozen=True)
class DraftState:
    """A conversation's draft as stored: its text and, when a send was attempted for exactly this
    text and not yet acknowledged, the ``client_msg_id`` a retry must use."""

    conversation_id: int
    text: str
    updated_at: datetime | None
    pending_msg_id: str | None


def load(db: LocalDB, conversation_id: int) -> DraftState:
    """The stored draft (empty text when there is none)."""
    with db.session() as s:
        row = s.get(Draft, conversation_id)
        pending = _pending(db, conversation_id, s)
    text = row.text if row is not None else ""
    msg_id = pending[0] if pending is not None and pending[1] == text else None
    return DraftState(conversation_id, text, row.updated_at if row is not None else None, msg_id)


def save(db: LocalDB, conversation_id: int, text: str) -> None:
    """Store the draft; an empty (or whitespace-only) text removes it. A pending send id stays
    with the text it was made for: when the text changed, ``load`` no longer offers it."""
    with db.transaction() as s:
        _write(s, conversation_id, text)


def prepare_send(db: LocalDB, conversation_id: int, text: str) -> str:
    """Before a send attempt: store ``text`` as the draft and return the ``client_msg_id`` to send
    it with (the one kept from an earlier attempt of the same text, or a new one). Both are
    committed before the request leaves, so a crash mid-send leaves a draft that retries safely."""
    with db.transaction() as s:
        pending = _pending(db, conversation_id, s)
        if pending is not None and pending[1] == text:
            msg_id = pending[0]
        else:
            msg_id = uuid.uuid4().hex
            db.set_state(
                _MSG_KEY.format(cid=conversation_id),
                json.dumps({"id": msg_id, "text": text}, ensure_ascii=False),
                s,
            )
        _write(s, conversation_id, text)
    return msg_id


def acknowledge(db: LocalDB, conversation_id: int, client_msg_id: str) -> bool:
    """The server answered the send of ``client_msg_id``: the draft is done. Removes the draft and
    the pending id only when they still belong to that send (the agent may have started a new
    reply meanwhile). Returns whether the draft was removed."""
    with db.transaction() as s:
        pending = _pending(db, conversation_id, s)
        if pending is None or pending[0] != client_msg_id:
            return False
        db.set_state(_MSG_KEY.format(cid=conversation_id), None, s)
        row = s.get(Draft, conversation_id)
        if row is not None and row.text == pending[1]:
            s.delete(row)
            return True
        return False


def conversations_with_drafts(db: LocalDB) -> list[int]:
    """Ids of conversations that have a stored draft, newest first."""
    with db.session() as s:
        return list(s.scalars(select(Draft.conversation_id).order_by(Draft.updated_at.desc())))


def last_seen(db: LocalDB, conversation_id: int) -> int | None:
    """The id of the newest message the agent has seen in this thread, or None (never opened)."""
    value = db.get_state(_SEEN_KEY.format(cid=conversation_id))
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def mark_seen(db: LocalDB, conversation_id: int, message_id: int) -> None:
    """Remember that the agent has seen the thread up to ``message_id`` (never moves back)."""
    key = _SEEN_KEY.format(cid=conversation_id)
    with db.transaction() as s:
        current = db.get_state(key, s)
        if current is not None and current.isdigit() and int(current) >= message_id:
            return
        db.set_state(key, str(message_id), s)


def forget(db: LocalDB, conversation_id: int) -> None:
    """Remove the draft and its pending send id (the agent discarded the reply)."""
    with db.transaction() as s:
        s.execute(delete(Draft).where(Draft.conversation_id == conversation_id))
        s.execute(delete(SyncState).where(SyncState.key == _MSG_KEY.format(cid=conversation_id)))


def _write(s: Session, conversation_id: int, text: str) -> None:
    row = s.get(Draft, conversation_id)
    if not text.strip():
        if row is not None:
            s.delete(row)
        return
    if row is None:
        s.add(Draft(conversation_id=conversation_id, text=text, updated_at=utcnow_naive()))
    elif row.text != text:
        row.text = text
        row.updated_at = utcnow_naive()


def _pending(db: LocalDB, conversation_id: int, s: Session) -> tuple[str, str] | None:
    raw = db.get_state(_MSG_KEY.format(cid=conversation_id), s)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
        return str(data["id"]), str(data["text"])
    except (ValueError, KeyError, TypeError):
        return None


__all__ = [
    "DraftState",
    "acknowledge",
    "conversations_with_drafts",
    "forget",
    "last_seen",
    "load",
    "mark_seen",
    "prepare_send",
    "save",
]
