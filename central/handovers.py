"""Shifts and shift handovers: the mutations ``shift.save@1``, ``handover.save@1``,
``handover.publish@1``, ``handover.ack@1`` and ``handover_item.set_state@1``.

A handover is a draft of its author until published: ``visible_to`` = the author on the handover
and its items, so only the author pulls it (``central/sync.py``); publishing sets ``visible_to``
to None on both and the whole shop pulls them. Items removed from a draft leave a tombstone
scoped to the author. A published handover is final; its items' open/done state is changed by
anyone of the shop, and every user of the shop acknowledges it once.

Times that order or audit (``published_at``, ``acked_at``, ``done_at``) are the service's: a
workstation whose clock is a day wrong changes nothing.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import (
    Conversation,
    Handover,
    HandoverAck,
    HandoverItem,
    Order,
    Shift,
    Tombstone,
    User,
    utcnow,
)
from central.mutations import Applied, Rejected
from central.records import handover_ack_record, handover_item_record, handover_record, shift_record
from central.versions import allocate, current_version
from wsprotocol import (
    HandoverAckArgs,
    HandoverItemStateArgs,
    HandoverPublishArgs,
    HandoverSaveArgs,
    ShiftSaveArgs,
)


def _is_supervisor(user: User, shop_id: int) -> bool:
    return user.role in ("supervisor", "admin") and shop_id in user.shop_ids


def shift_save(session: Session, user: User, args: ShiftSaveArgs) -> Applied:
    if not _is_supervisor(user, args.shop_id):
        raise Rejected("forbidden", "shifts are set by the shop's supervisors")
    same_code = session.execute(
        select(Shift.id).where(Shift.shop_id == args.shop_id, Shift.code == args.code, Shift.id != args.id)
    ).scalar_one_or_none()
    if same_code is not None:
        raise Rejected("bad_request", f"the shop already has a shift with code {args.code!r}")
    shift = session.get(Shift, args.id, with_for_update=True)
    if shift is not None and shift.shop_id != args.shop_id:
        raise Rejected("bad_request", "a shift cannot move to another shop")
    version = allocate(session)  # before a new row is added: the query would autoflush it
    if shift is None:
        shift = Shift(id=args.id, shop_id=args.shop_id)
    shift.code, shift.name, shift.start, shift.end = args.code, args.name, args.start, args.end
    shift.position = args.position
    shift.version = version
    session.add(shift)
    session.flush()
    return Applied({"shift": shift_record(shift)}, shift.version)


def _missing(session: Session, order_id: int | None, conversation_id: int | None) -> bool:
    if order_id is not None and session.get(Order, order_id) is None:
        return True
    return conversation_id is not None and session.get(Conversation, conversation_id) is None


def handover_save(session: Session, user: User, args: HandoverSaveArgs) -> Applied:
    if args.shop_id not in user.shop_ids:
        raise Rejected("forbidden", "you do not work in this shop")
    handover = session.get(Handover, args.id, with_for_update=True)
    if handover is not None:
        if handover.author_id != user.id:
            raise Rejected("forbidden", "this handover belongs to someone else")
        if handover.status == "published":
            raise Rejected("published", "a published handover cannot be changed")
        if handover.shop_id != args.shop_id:
            raise Rejected("bad_request", "a handover cannot move to another shop")
    ids = [i.id for i in args.items]
    if len(set(ids)) != len(ids):
        raise Rejected("bad_request", "two items have the same id")
    old_items = {
        i.id: i
        for i in session.scalars(
            select(HandoverItem).where(HandoverItem.handover_id == args.id).with_for_update()
        )
    }
    if ids:
        elsewhere = session.execute(
            select(HandoverItem.id).where(HandoverItem.id.in_(ids), HandoverItem.handover_id != args.id)
        ).first()
        if elsewhere is not None:
            raise Rejected("bad_request", f"item {elsewhere[0]} belongs to another handover")
    for n, wire in enumerate(args.items):
        if wire.order_id is not None:
            shop = session.scalar(select(Order.shop_id).where(Order.id == wire.order_id))
            if shop is not None and shop != args.shop_id:
                raise Rejected("forbidden", f"item {n + 1} points at an order of another shop")
    removed = [i for iid, i in old_items.items() if iid not in set(ids)]
    first = allocate(session, 1 + len(args.items) + len(removed))
    now = utcnow()
    if handover is None:
        handover = Handover(id=args.id, shop_id=args.shop_id, author_id=user.id)
        session.add(handover)
    handover.visible_to = user.id
    handover.shift_date = args.shift_date
    handover.from_shift, handover.to_shift = args.from_shift, args.to_shift
    handover.summary = args.summary
    handover.status = "draft"
    handover.published_at = None
    handover.updated_at = now
    handover.version = first
    session.flush()
    for n, wire in enumerate(args.items):
        # asked before the item is added: a query would autoflush a half-built row
        missing = _missing(session, wire.order_id, wire.conversation_id)
        found = old_items.get(wire.id)
        if found is None:
            found = HandoverItem(id=wire.id, handover_id=args.id, state="open")
        item = found
        item.shop_id = args.shop_id
        item.visible_to = user.id
        item.kind, item.text = wire.kind, wire.text
        item.order_id, item.conversation_id = wire.order_id, wire.conversation_id
        item.due_at, item.carried_from, item.position = wire.due_at, wire.carried_from, wire.position
        item.target_missing = missing
        item.version = first + 1 + n
        session.add(item)
    for n, gone in enumerate(removed):
        # a draft's items are the author's only: the tombstone is scoped like them
        session.add(
            Tombstone(
                version=first + 1 + len(args.items) + n,
                entity="handover_item",
                entity_id=gone.id,
                shop_id=None,
                owner_id=user.id,
                deleted_at=now,
            )
        )
        session.delete(gone)
    session.flush()
    return Applied({"handover": handover_record(handover)}, first)


def handover_publish(session: Session, user: User, args: HandoverPublishArgs) -> Applied:
    handover = session.get(Handover, args.id, with_for_update=True)
    if handover is None:
        raise Rejected("not_found", "no such handover (save it before publishing)")
    if handover.author_id != user.id:
        raise Rejected("forbidden", "only the author publishes a handover")
    if handover.status == "published":
        return Applied({"handover": handover_record(handover)}, current_version(session))
    items = list(session.scalars(select(HandoverItem).where(HandoverItem.handover_id == handover.id)))
    first = allocate(session, 1 + len(items))
    now = utcnow()
    handover.status, handover.published_at, handover.updated_at = "published", now, now
    handover.visible_to = None
    handover.version = first
    missing = []
    for n, item in enumerate(items):
        item.visible_to = None
        # the order or conversation may have gone while the draft waited (offline, say)
        item.target_missing = _missing(session, item.order_id, item.conversation_id)
        if item.target_missing:
            missing.append(item.id)
        item.version = first + 1 + n
    session.flush()
    return Applied({"handover": handover_record(handover), "target_missing": missing}, first)


def _published_in_my_shop(session: Session, user: User, handover_id: str) -> Handover:
    handover = session.get(Handover, handover_id)
    if handover is None or handover.status != "published":
        raise Rejected("not_found", "no such published handover")
    if handover.shop_id not in user.shop_ids:
        raise Rejected("forbidden", "this handover is for a shop you do not work in")
    return handover


def handover_ack(session: Session, user: User, args: HandoverAckArgs) -> Applied:
    handover = _published_in_my_shop(session, user, args.handover_id)
    ack_id = f"{handover.id}:{user.id}"
    ack = session.get(HandoverAck, ack_id)
    if ack is not None:
        # read once: a second acknowledgement (another workstation of the same agent) changes nothing
        return Applied({"ack": handover_ack_record(ack)}, current_version(session))
    ack = HandoverAck(
        id=ack_id,
        handover_id=handover.id,
        shop_id=handover.shop_id,
        user_id=user.id,
        acked_at=utcnow(),
        version=allocate(session),
    )
    session.add(ack)
    session.flush()
    return Applied({"ack": handover_ack_record(ack)}, ack.version)


def handover_item_set_state(session: Session, user: User, args: HandoverItemStateArgs) -> Applied:
    item = session.get(HandoverItem, args.item_id, with_for_update=True)
    if item is None:
        raise Rejected("not_found", "no such handover item")
    _published_in_my_shop(session, user, item.handover_id)
    if item.state == args.state:
        return Applied({"item": handover_item_record(item)}, current_version(session))
    item.state = args.state
    item.done_by = user.id if args.state == "done" else None
    item.done_at = utcnow() if args.state == "done" else None
    item.version = allocate(session)
    session.flush()
    return Applied({"item": handover_item_record(item)}, item.version)
