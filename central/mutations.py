"""The mutations a client may push (``wsprotocol.MUTATION_ARGS``), each applied in the push's
writing transaction. A ``Rejected`` is a permanent error: recorded, answered, never retried."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from central.models import Phrase, Tombstone, User, utcnow
from central.records import phrase_record
from central.versions import allocate, current_version
from wsprotocol import (
    MAX_MUTATION_ARGS_BYTES,
    MUTATION_ARGS,
    PHRASE_VARIABLES,
    ErrorBody,
    PhraseDeleteArgs,
    PhraseSaveArgs,
    unknown_variables,
)


class Rejected(Exception):
    def __init__(self, code: str, message: str, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.body = ErrorBody(code=code, message=message, detail=detail)


@dataclass
class Applied:
    result: dict[str, Any]
    version: int


def _may_edit_team(user: User, shop_id: int) -> bool:
    return user.role in ("supervisor", "admin") and shop_id in user.shop_ids


def _check_may_touch(user: User, phrase: Phrase) -> None:
    if phrase.owner_id is not None:
        if phrase.owner_id != user.id:
            raise Rejected("forbidden", "this personal phrase belongs to someone else")
    elif phrase.shop_id is None or not _may_edit_team(user, phrase.shop_id):
        raise Rejected("forbidden", "team phrases are kept by the shop's supervisors")


def phrase_save(session: Session, user: User, args: PhraseSaveArgs) -> Applied:
    unknown = unknown_variables(args.text)
    if unknown:
        # a phrase naming a variable the client cannot fill would be sent with "{...}" in it
        known = "、".join(f"{{{label}}}" for label in PHRASE_VARIABLES.values())
        names = ", ".join(f"{{{name}}}" for name in unknown)
        raise Rejected(
            "bad_request",
            f"unknown variable(s) in the phrase: {names}; known variables: {known} (or their English keys)",
            {"unknown_variables": unknown},
        )
    if args.scope == "team":
        if args.shop_id is None:
            raise Rejected("bad_request", "a team phrase needs shop_id")
        if not _may_edit_team(user, args.shop_id):
            raise Rejected("forbidden", "team phrases are kept by the shop's supervisors")
        shop_id, owner_id = args.shop_id, None
    else:
        shop_id, owner_id = None, user.id
    phrase = session.get(Phrase, args.id, with_for_update=True)
    version = allocate(session)
    now = utcnow()
    if phrase is None:
        phrase = Phrase(id=args.id)
        session.add(phrase)
    else:
        _check_may_touch(user, phrase)
        if (phrase.shop_id, phrase.owner_id) != (shop_id, owner_id):
            raise Rejected("bad_request", "a phrase cannot move between personal and team or between shops")
    phrase.shop_id = shop_id
    phrase.owner_id = owner_id
    phrase.group_name = args.group_name
    phrase.code = args.code
    phrase.text = args.text
    phrase.position = args.position
    phrase.updated_at = now
    phrase.updated_by = user.id
    phrase.version = version
    session.flush()
    return Applied({"phrase": phrase_record(phrase)}, version)


def phrase_delete(session: Session, user: User, args: PhraseDeleteArgs) -> Applied:
    phrase = session.get(Phrase, args.id, with_for_update=True)
    if phrase is None:
        # already gone (deleted by someone else, or never reached the server): the wish is met
        return Applied({"id": args.id, "deleted": False}, current_version(session))
    _check_may_touch(user, phrase)
    version = allocate(session)
    session.add(
        Tombstone(
            version=version,
            entity="phrase",
            entity_id=phrase.id,
            shop_id=phrase.shop_id,
            owner_id=phrase.owner_id,
            deleted_at=utcnow(),
        )
    )
    session.delete(phrase)
    session.flush()
    return Applied({"id": args.id, "deleted": True}, version)


Handler = Callable[[Session, User, Any], Applied]
HANDLERS: dict[str, Handler] = {
    "phrase.save@1": phrase_save,
    "phrase.delete@1": phrase_delete,
}


def apply(session: Session, user: User, name: str, raw_args: dict[str, Any]) -> Applied:
    """Validate and apply one mutation; ``Rejected`` for unknown names, bad args, no permission."""
    if len(json.dumps(raw_args, ensure_ascii=False).encode("utf-8")) > MAX_MUTATION_ARGS_BYTES:
        raise Rejected("bad_request", f"mutation arguments larger than {MAX_MUTATION_ARGS_BYTES} bytes")
    handler = HANDLERS.get(name)
    model: type[BaseModel] | None = MUTATION_ARGS.get(name)
    if handler is None or model is None:
        raise Rejected("bad_request", f"unknown mutation {name!r}")
    try:
        args = model.model_validate(raw_args)
    except ValidationError as exc:
        errors = [{"loc": [str(p) for p in e["loc"]], "msg": e["msg"]} for e in exc.errors()]
        raise Rejected("bad_request", "invalid mutation arguments", {"errors": errors}) from exc
    return handler(session, user, args)


# Issue 5's handlers live in their own modules, which import ``Applied``/``Rejected`` from here, so
# they are registered last and looked up at call time (whichever module is imported first).
from central import handovers, notes  # noqa: E402

HANDLERS.update(
    {
        "note.edit@1": lambda s, u, a: notes.note_edit(s, u, a),
        "note.delete@1": lambda s, u, a: notes.note_delete(s, u, a),
        "note.resolve@1": lambda s, u, a: notes.note_resolve(s, u, a),
        "shift.save@1": lambda s, u, a: handovers.shift_save(s, u, a),
        "handover.save@1": lambda s, u, a: handovers.handover_save(s, u, a),
        "handover.publish@1": lambda s, u, a: handovers.handover_publish(s, u, a),
        "handover.ack@1": lambda s, u, a: handovers.handover_ack(s, u, a),
        "handover_item.set_state@1": lambda s, u, a: handovers.handover_item_set_state(s, u, a),
    }
)
