"""Shifts and handovers on the service: drafts only for their author, publishing to the shop,
items removed from a draft tombstoned for the author only, target_missing, acknowledgements once
per user with the service's time, item states, permissions."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import delete

from central import models as cm
from central.testing import LiveServer
from tests.service.conftest import now_iso
from tests.service.test_notes import Writer


def _item(kind: str, text: str, **kw: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "kind": kind, "text": text, **kw}


def _changes(api: Any, cursor: str = "") -> tuple[list[dict[str, Any]], str]:
    changes: list[dict[str, Any]]
    changes, cursor = api.pull_all(cursor)
    return changes, cursor


def _ids(changes: list[dict[str, Any]], entity: str, op: str = "upsert") -> set[str]:
    return {c["id"] for c in changes if c["entity"] == entity and c["op"] == op}


def test_shifts_are_kept_by_supervisors(server: LiveServer, ids: dict[str, Any], api_for: Any) -> None:
    shop = ids["shops"][0]
    args = {
        "id": "shift-early-1",
        "shop_id": shop,
        "code": "early",
        "name": "早班",
        "start": "08:00",
        "end": "16:00",
    }
    assert Writer(api_for("a1")).send("shift.save@1", args)["error"]["code"] == "forbidden"
    s1 = Writer(api_for("s1"))
    assert s1.send("shift.save@1", args)["status"] == "applied"
    night = dict(args, id="shift-night-1", code="night", name="晚班", start="00:00", end="08:00")
    assert s1.send("shift.save@1", night)["status"] == "applied"
    dup = dict(args, id="shift-other-1")  # same code again
    assert s1.send("shift.save@1", dup)["error"]["code"] == "bad_request"
    bad_time = dict(args, id="shift-bad-01", code="x", end="24:00")
    assert s1.send("shift.save@1", bad_time)["error"]["code"] == "bad_request"
    changes, _ = _changes(api_for("a2"))
    assert _ids(changes, "shift") == {"shift-early-1", "shift-night-1"}
    assert _ids(_changes(api_for("b1"))[0], "shift") == set()


def test_draft_publish_ack_and_item_state(server: LiveServer, ids: dict[str, Any], api_for: Any) -> None:
    shop = ids["shops"][0]
    buyer = ids["buyers"][shop][0]
    order, doomed = server.add_order(buyer, status="paid"), server.add_order(buyer)
    conv = ids["conversations"][shop][0]
    a1, a2 = Writer(api_for("a1")), Writer(api_for("a2"))
    hid = str(uuid.uuid4())
    keep = _item("missed_shipment", "订单超过承诺发货时间未发货", order_id=order)
    dropped = _item("other", "这一条后来删掉")
    base = {
        "id": hid,
        "shop_id": shop,
        "shift_date": "2026-11-22",
        "from_shift": "night",
        "to_shift": "early",
    }
    r = a1.send("handover.save@1", dict(base, summary="夜班交接", items=[keep, dropped]))
    assert r["status"] == "applied", r
    # a draft is its author's only
    a1_changes, a1_cursor = _changes(a1.api)
    assert hid in _ids(a1_changes, "handover") and dropped["id"] in _ids(a1_changes, "handover_item")
    a2_changes, a2_cursor = _changes(a2.api)
    assert _ids(a2_changes, "handover") == set() and _ids(a2_changes, "handover_item") == set()
    # the draft changes: an item dropped (tombstone for the author only), two added
    callback = _item("callback", "答应下午回电", conversation_id=conv)
    unpaid = _item("unpaid_nudge", "待付款，催付", order_id=doomed)
    items = [keep, callback, unpaid]
    assert a1.send("handover.save@1", dict(base, summary="夜班交接", items=items))["status"] == "applied"
    a1_changes, a1_cursor = _changes(a1.api, a1_cursor)
    assert dropped["id"] in _ids(a1_changes, "handover_item", "delete")
    a2_changes, a2_cursor = _changes(a2.api, a2_cursor)
    assert _ids(a2_changes, "handover_item", "delete") == set()
    # the unpaid order goes away before publishing: the item is marked, not lost
    with server.write() as s:
        s.execute(delete(cm.Order).where(cm.Order.id == doomed))
    p = a1.send("handover.publish@1", {"id": hid})
    assert p["status"] == "applied" and p["result"]["target_missing"] == [unpaid["id"]]
    # published: the shop sees it, the other shop does not; a published handover is final
    a2_changes, a2_cursor = _changes(a2.api, a2_cursor)
    assert hid in _ids(a2_changes, "handover")
    assert _ids(a2_changes, "handover_item") == {keep["id"], callback["id"], unpaid["id"]}
    missing = {c["id"]: c["data"]["target_missing"] for c in a2_changes if c["entity"] == "handover_item"}
    assert missing == {keep["id"]: False, callback["id"]: False, unpaid["id"]: True}
    assert _ids(_changes(api_for("b1"))[0], "handover") == set()
    again = a1.send("handover.save@1", dict(base, items=[keep]))
    assert again["status"] == "rejected" and again["error"]["code"] == "published"
    # anyone of the shop marks items done and acknowledges, once
    done = a2.send("handover_item.set_state@1", {"item_id": keep["id"], "state": "done", "at": now_iso()})
    assert done["result"]["item"]["done_by"] == ids["users"]["a2"]
    ack = a2.send("handover.ack@1", {"handover_id": hid, "acked_at": "2020-01-01T00:00:00+00:00"})
    assert ack["status"] == "applied"
    assert ack["result"]["ack"]["acked_at"] > "2026"  # the service's clock, not the client's
    assert a2.send("handover.ack@1", {"handover_id": hid, "acked_at": now_iso()})["result"] == ack["result"]
    b1 = Writer(api_for("b1"))
    assert (
        b1.send("handover.ack@1", {"handover_id": hid, "acked_at": now_iso()})["error"]["code"] == "forbidden"
    )
    # the author (and the supervisor) see who read it
    acks = [c["data"] for c in _changes(a1.api, a1_cursor)[0] if c["entity"] == "handover_ack"]
    assert [(a["user_id"], a["handover_id"]) for a in acks] == [(ids["users"]["a2"], hid)]
    assert any(c["entity"] == "handover_ack" for c in _changes(api_for("s1"))[0])


def test_someone_elses_draft_cannot_be_touched(server: LiveServer, ids: dict[str, Any], api_for: Any) -> None:
    shop = ids["shops"][0]
    a1, a2 = Writer(api_for("a1")), Writer(api_for("a2"))
    hid = str(uuid.uuid4())
    base = {
        "id": hid,
        "shop_id": shop,
        "shift_date": "2026-11-22",
        "from_shift": "night",
        "to_shift": "early",
    }
    a1.send("handover.save@1", dict(base, items=[_item("other", "一条")]))
    assert a2.send("handover.save@1", dict(base, items=[]))["error"]["code"] == "forbidden"
    assert a2.send("handover.publish@1", {"id": hid})["error"]["code"] == "forbidden"
    assert (
        a2.send("handover.ack@1", {"handover_id": hid, "acked_at": now_iso()})["error"]["code"] == "not_found"
    )
    other_shop = dict(base, id=str(uuid.uuid4()), shop_id=ids["shops"][1])
    assert a1.send("handover.save@1", other_shop)["error"]["code"] == "forbidden"


def test_live_server_helpers_for_notes_and_handovers(
    server: LiveServer, ids: dict[str, Any], api_for: Any
) -> None:
    shop = ids["shops"][0]
    order = server.add_order(ids["buyers"][shop][0], status="paid")
    first = server.edit_note_as("a1", order, "顺丰发货", flag="blue")
    assert first["outcome"] == "applied" and first["note"]["revision"] == 1
    clash = server.edit_note_as("a2", order, "中通发货", base_revision=0)
    assert clash["outcome"] == "conflict"
    assert len(server.add_shifts(shop)) == 3
    hid = server.publish_handover_as(
        "a1", shop, [{"kind": "stuck_parcel", "text": "物流停滞", "order_id": order}]
    )
    changes, _ = _changes(api_for("a2"))
    assert hid in _ids(changes, "handover") and len(_ids(changes, "shift")) == 3
