"""The pending-changes view's data (Qt-free): everything written here that the server has not
taken yet, with its state, and resending a rejected change after fixing it.

States: ``waiting`` (in the outbox), ``sending`` (in the batch on the wire now:
``SyncEngine.sending``), ``rejected`` (refused for good: the reason and the whole content are
kept; ``resend`` sends a corrected copy as a new change, the rejected row stays in the journal,
marked ``resent_as`` the new change: stored, so it reads the same after a restart).

Descriptions are data for the view, not sentences: ``what`` names the kind of change (the view
maps it to its translated label), ``subject`` is what it is about (an order number, a shift) and
``excerpt`` the agent's own words. ``description`` is an English line for logs and tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.models.cache import Handover, HandoverItem, Order
from workstation.models.local import OutboxEntry, OutboxStatus
from workstation.sync import SyncEngine, resent_as
from workstation.timeutil import to_aware_utc

EXCERPT_CHARS = 40

#: mutation name -> ``what`` (the view's label key) and an English template for ``description``
KINDS: dict[str, tuple[str, str]] = {
    "note.edit@1": ("note_edit", "Order {subject} note: {excerpt}"),
    "note.delete@1": ("note_delete", "Order {subject} note deleted"),
    "note.resolve@1": ("note_resolve", "Order {subject} note conflict resolved: {excerpt}"),
    "shift.save@1": ("shift_save", "Shift {subject}"),
    "handover.save@1": ("handover_save", "Handover {subject}: {excerpt}"),
    "handover.publish@1": ("handover_publish", "Handover {subject} published"),
    "handover.ack@1": ("handover_ack", "Handover {subject} read"),
    "handover_item.set_state@1": ("item_state", "Handover item {subject}: {excerpt}"),
    "phrase.save@1": ("phrase_save", "Quick phrase {subject}: {excerpt}"),
    "phrase.delete@1": ("phrase_delete", "Quick phrase deleted"),
}


@dataclass(frozen=True)
class PendingChange:
    seq: int
    mutation_id: str
    name: str
    what: str
    subject: str
    excerpt: str
    state: str  # "waiting" | "sending" | "rejected"
    authored_at: datetime
    attempts: int
    #: the server's reason for a rejection (None otherwise)
    error: str | None
    error_code: str | None
    #: the service's details of a rejection (e.g. ``unknown_variables``), or None
    error_detail: dict[str, Any] | None
    #: the content, as written (to fix and resend)
    args: dict[str, Any]
    #: for a rejected change already sent again (corrected or not): the new change's seq
    resent_as: int | None = None

    @property
    def description(self) -> str:
        template = KINDS.get(self.name, (self.name, self.name + " {subject}"))[1]
        return template.format(subject=self.subject, excerpt=self.excerpt)


def _excerpt(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= EXCERPT_CHARS else one_line[: EXCERPT_CHARS - 1] + "…"


def _subject_and_excerpt(session: Session, entry: OutboxEntry, cache: dict[Any, Any]) -> tuple[str, str]:
    a = entry.args
    name = entry.name
    if name.startswith("note."):
        oid = a.get("order_id")
        if oid not in cache:
            cache[oid] = session.scalar(select(Order.order_no).where(Order.id == oid))
        order_no = cache[oid] or str(oid)
        if name == "note.delete@1":
            return order_no, a.get("reason", "")
        return order_no, _excerpt(str(a.get("text", "")))
    if name == "shift.save@1":
        return f"{a.get('name', '')} {a.get('start', '')}–{a.get('end', '')}", ""
    if name == "handover.save@1":
        items = a.get("items", [])
        return f"{a.get('shift_date', '')} {a.get('from_shift', '')}→{a.get('to_shift', '')}", _excerpt(
            a.get("summary") or "; ".join(i.get("text", "") for i in items[:3])
        )
    if name in ("handover.publish@1", "handover.ack@1"):
        hid = a.get("id") or a.get("handover_id")
        h = session.get(Handover, hid)
        if h is not None:
            return f"{h.shift_date} {h.from_shift}→{h.to_shift}", ""
        # a draft saved here and not yet pulled back: its save is in the outbox
        for e in session.scalars(
            select(OutboxEntry).where(OutboxEntry.name == "handover.save@1").order_by(OutboxEntry.seq.desc())
        ):
            if e.args.get("id") == hid:
                a2 = e.args
                return f"{a2.get('shift_date', '')} {a2.get('from_shift', '')}→{a2.get('to_shift', '')}", ""
        return str(hid)[:8], ""
    if name == "handover_item.set_state@1":
        item = session.get(HandoverItem, a.get("item_id"))
        return (_excerpt(item.text) if item is not None else str(a.get("item_id"))[:8]), str(
            a.get("state", "")
        )
    if name == "phrase.save@1":
        return str(a.get("code", "")), _excerpt(str(a.get("text", "")))
    return "", ""


def pending_changes(engine: SyncEngine) -> list[PendingChange]:
    """Every change written here that is waiting, being sent, or rejected; oldest first (the
    order they will reach the server)."""
    sending = engine.sending
    out = []
    with engine.db.session() as s:
        rows = list(
            s.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.status.in_((OutboxStatus.PENDING, OutboxStatus.REJECTED)))
                .order_by(OutboxEntry.seq)
            )
        )
        cache: dict[Any, Any] = {}
        for e in rows:
            subject, excerpt = _subject_and_excerpt(s, e, cache)
            if e.status == OutboxStatus.REJECTED:
                state = "rejected"
            else:
                state = "sending" if e.seq in sending else "waiting"
            code, detail = None, None
            err = e.result.get("error") if isinstance(e.result, dict) else None
            if isinstance(err, dict) and err.get("code") is not None:
                code = str(err["code"])
                detail = err.get("detail") if isinstance(err.get("detail"), dict) else None
            out.append(
                PendingChange(
                    seq=e.seq,
                    mutation_id=e.mutation_id,
                    name=e.name,
                    what=KINDS.get(e.name, (e.name, ""))[0],
                    subject=subject,
                    excerpt=excerpt,
                    state=state,
                    authored_at=to_aware_utc(e.authored_at),
                    attempts=e.attempts,
                    error=e.last_error if state == "rejected" else None,
                    error_code=code if state == "rejected" else None,
                    error_detail=detail if state == "rejected" else None,
                    args=dict(e.args),
                    resent_as=resent_as(e.result) if state == "rejected" else None,
                )
            )
    return out


def resend(engine: SyncEngine, seq: int, args: dict[str, Any] | None = None) -> OutboxEntry:
    """Send a rejected change again, optionally corrected, as a new change (``SyncEngine.resubmit``).
    A note edit or delete gets a new entry id: the service keeps each entry once and the rejected
    one stays in the history as rejected."""
    with engine.db.session() as s:
        old = s.get(OutboxEntry, seq)
        if old is None:
            raise ValueError(f"change {seq} does not exist")
        fixed = dict(args if args is not None else old.args)
    if "entry_id" in fixed:
        import uuid

        fixed["entry_id"] = str(uuid.uuid4())
    return engine.resubmit(seq, fixed)
