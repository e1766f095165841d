"""Order notes on the service, over HTTP push and pull: versioned writes, three-way merges,
conflicts kept side by side, edit against delete in both orders, permissions, bad input, and the
server's order (never the client's clock)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from central.testing import LiveServer
from tests.service.conftest import Api, now_iso
from tests.service.test_push import mutation, push
from wsprotocol import Paths


class Writer:
    """One workstation of one agent: its own client id and sequence numbers."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.client_id = f"client-{uuid.uuid4().hex[:12]}"
        self.seq = 0

    def send(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        self.seq += 1
        r = push(self.api, self.client_id, [mutation(self.seq, name, args)])
        assert r.status_code == 200, r.text
        result: dict[str, Any] = r.json()["results"][0]
        return result

    def edit(
        self,
        order_id: int,
        text: str,
        base: int,
        flag: str = "none",
        reason_code: str = "other",
        reason: str = "测试",
        authored_at: str | None = None,
    ) -> dict[str, Any]:
        return self.send(
            "note.edit@1",
            {
                "entry_id": str(uuid.uuid4()),
                "order_id": order_id,
                "flag": flag,
                "text": text,
                "reason_code": reason_code,
                "reason": reason,
                "base_revision": base,
                "authored_at": authored_at or now_iso(),
            },
        )

    def delete(self, order_id: int, base: int) -> dict[str, Any]:
        return self.send(
            "note.delete@1",
            {
                "entry_id": str(uuid.uuid4()),
                "order_id": order_id,
                "reason_code": "other",
                "reason": "不需要了",
                "base_revision": base,
                "authored_at": now_iso(),
            },
        )

    def resolve(self, order_id: int, text: str, base: int, flag: str = "none") -> dict[str, Any]:
        return self.send(
            "note.resolve@1",
            {
                "entry_id": str(uuid.uuid4()),
                "order_id": order_id,
                "flag": flag,
                "text": text,
                "reason": "保留两者",
                "base_revision": base,
                "authored_at": now_iso(),
            },
        )


def _order(server: LiveServer, ids: dict[str, Any], shop_index: int = 0) -> int:
    shop = ids["shops"][shop_index]
    return server.add_order(ids["buyers"][shop][0], status="paid")


def _pulled(api: Api, entity: str) -> dict[str, dict[str, Any]]:
    changes, _ = api.pull_all()
    return {c["id"]: c["data"] for c in changes if c["entity"] == entity and c["op"] == "upsert"}


def test_edit_is_versioned_and_reaches_colleagues(
    server: LiveServer, ids: dict[str, Any], api_for: Any
) -> None:
    order = _order(server, ids)
    a1 = Writer(api_for("a1"))
    r = a1.edit(
        order, "买家要求改地址为上海市浦东新区", 0, flag="red", reason_code="address_change", reason=""
    )
    assert r["status"] == "applied", r
    assert r["result"]["outcome"] == "applied"
    note = r["result"]["note"]
    assert (note["text"], note["flag"], note["revision"]) == ("买家要求改地址为上海市浦东新区", "red", 1)
    # a colleague of the shop pulls the note and its entry; the other shop's agent does not
    notes = _pulled(api_for("a2"), "order_note")
    assert notes[str(order)]["text"] == "买家要求改地址为上海市浦东新区"
    entries = _pulled(api_for("a2"), "note_entry")
    (entry,) = entries.values()
    assert entry["author_id"] == ids["users"]["a1"] and entry["outcome"] == "applied"
    assert entry["reason_code"] == "address_change"
    assert _pulled(api_for("b1"), "order_note") == {}


def test_non_overlapping_concurrent_edits_merge(
    server: LiveServer, ids: dict[str, Any], api_for: Any
) -> None:
    order = _order(server, ids)
    a1, a2 = Writer(api_for("a1")), Writer(api_for("a2"))
    assert a1.edit(order, "买家要求改地址为上海", 0)["result"]["note"]["revision"] == 1
    # both saw revision 1, edited offline; a2 changed the flag too
    first = a1.edit(order, "买家要求改地址为上海浦东", 1)
    assert first["result"]["outcome"] == "applied"
    second = a2.edit(order, "已通知仓库。买家要求改地址为上海", 1, flag="yellow")
    assert second["result"]["outcome"] == "merged", second
    note = second["result"]["note"]
    assert note["text"] == "已通知仓库。买家要求改地址为上海浦东"
    assert note["flag"] == "yellow"  # only a2 changed the flag
    assert note["conflict"] is None
    assert second["result"]["entry"]["revision"] == note["revision"]
    entries = _pulled(api_for("a3"), "note_entry")
    assert (
        entries[second["result"]["entry"]["id"]]["text"] == "已通知仓库。买家要求改地址为上海"
    )  # as written


def test_overlapping_edits_are_a_conflict_with_both_sides(
    server: LiveServer, ids: dict[str, Any], api_for: Any
) -> None:
    order = _order(server, ids)
    a1, a2, a3 = Writer(api_for("a1")), Writer(api_for("a2")), Writer(api_for("a3"))
    a1.edit(order, "赠品：", 0)
    a1.edit(order, "赠品：抱枕", 1)
    r = a2.edit(order, "赠品：靠垫", 1)
    assert r["result"]["outcome"] == "conflict"
    note = r["result"]["note"]
    assert note["text"] == "赠品：抱枕"  # the note keeps the current text
    assert [(s["author_id"], s["text"]) for s in note["conflict"]] == [
        (ids["users"]["a1"], "赠品：抱枕"),
        (ids["users"]["a2"], "赠品：靠垫"),
    ]
    # a third concurrent edit joins the open conflict
    r3 = a3.edit(order, "赠品：毛毯", 1)
    assert [s["text"] for s in r3["result"]["note"]["conflict"]] == ["赠品：抱枕", "赠品：靠垫", "赠品：毛毯"]
    # resolving is itself a recorded change and clears the conflict
    rev = r3["result"]["note"]["revision"]
    res = a2.resolve(order, "赠品：抱枕、靠垫、毛毯", rev)
    assert res["result"]["outcome"] == "resolved"
    assert res["result"]["note"]["conflict"] is None
    assert res["result"]["note"]["text"] == "赠品：抱枕、靠垫、毛毯"
    entries = _pulled(api_for("s1"), "note_entry")
    assert sorted(e["outcome"] for e in entries.values()) == [
        "applied",
        "applied",
        "conflict",
        "conflict",
        "resolved",
    ]


def test_my_own_offline_edits_build_on_each_other(
    server: LiveServer, ids: dict[str, Any], api_for: Any
) -> None:
    """Three edits written offline all carry the base the editor showed: they are one author's
    sequence, not a conflict with themselves."""
    order = _order(server, ids)
    a1 = Writer(api_for("a1"))
    a1.edit(order, "顺丰发货", 0)
    a1.edit(order, "顺丰发货，加急", 1)
    last = a1.edit(order, "顺丰发货，加急。已补发", 1)
    assert last["result"]["outcome"] == "applied"
    assert last["result"]["note"]["text"] == "顺丰发货，加急。已补发"


def test_edit_against_delete_in_both_orders(server: LiveServer, ids: dict[str, Any], api_for: Any) -> None:
    a1, a2 = Writer(api_for("a1")), Writer(api_for("a2"))
    # delete first, then an edit that had not seen it: restored with the edit, flagged
    o1 = _order(server, ids)
    a1.edit(o1, "已补发", 0)
    assert a1.delete(o1, 1)["result"]["outcome"] == "deleted"
    r = a2.edit(o1, "已补发，单号SF1234", 1)
    assert r["result"]["outcome"] == "restored"
    assert r["result"]["note"]["restored"] is True and r["result"]["note"]["deleted_at"] is None
    assert r["result"]["note"]["text"] == "已补发，单号SF1234"
    # edit first, then a delete that had not seen it: the edit's words are not deleted unseen
    o2 = _order(server, ids)
    a1.edit(o2, "已补发", 0)
    a2.edit(o2, "已补发，单号SF1234", 1)
    d = a1.delete(o2, 1)
    assert d["result"]["outcome"] == "conflict"
    note = d["result"]["note"]
    assert note["text"] == "已补发，单号SF1234" and note["deleted_at"] is None
    assert [s["text"] for s in note["conflict"]] == ["已补发，单号SF1234", ""]
    # a delete that saw the current note deletes it; the history keeps every text
    a1.delete(o2, note["revision"])
    entries = [e for e in _pulled(api_for("a3"), "note_entry").values() if e["order_id"] == o2]
    assert {e["text"] for e in entries} >= {"已补发", "已补发，单号SF1234"}


def test_permissions_and_bad_input_are_clear_rejections(
    server: LiveServer, ids: dict[str, Any], api_for: Any
) -> None:
    other_shop_order = _order(server, ids, shop_index=1)
    a1 = Writer(api_for("a1"))
    r = a1.edit(other_shop_order, "改地址", 0)
    assert r["status"] == "rejected" and r["error"]["code"] == "forbidden"
    r = a1.edit(987654, "改地址", 0)
    assert r["status"] == "rejected" and r["error"]["code"] == "not_found"
    assert "987654" in r["error"]["message"]
    own = _order(server, ids)
    r = a1.edit(own, "长" * 100_000, 0)  # a 100 KB paste
    assert r["status"] == "rejected" and r["error"]["code"] == "bad_request"
    # the rejections advanced the sequence: the next change is applied
    assert a1.edit(own, "正常备注", 0)["status"] == "applied"


def test_client_clock_a_day_wrong_orders_nothing(
    server: LiveServer, ids: dict[str, Any], api_for: Any
) -> None:
    order = _order(server, ids)
    a1, a2 = Writer(api_for("a1")), Writer(api_for("a2"))
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    a1.edit(order, "第一条", 0, authored_at=tomorrow)
    r = a2.edit(order, "第二条", 1, authored_at=yesterday)
    assert r["result"]["note"]["text"] == "第二条"  # applied later by the server: it is current
    entries = sorted(_pulled(api_for("a3"), "note_entry").values(), key=lambda e: e["revision"])
    assert [e["text"] for e in entries] == ["第一条", "第二条"]
    assert entries[0]["authored_at"] > entries[1]["authored_at"]  # shown as written, not used
    assert entries[0]["applied_at"] <= entries[1]["applied_at"]


def test_demo_has_notes_shifts_and_handovers_that_pull_as_valid_records() -> None:
    from sqlalchemy import select

    from central.demo import seed_demo
    from central.models import Handover, HandoverItem, NoteEntry, OrderNote, Shift
    from wsprotocol import HANDOVER_ITEM_KINDS, RECORD_MODELS

    with LiveServer() as srv:
        summary = seed_demo(srv.db, seed=11, n_buyers=300, n_conversations=60)
        assert "order notes" in summary and "handovers" in summary
        with srv.session() as s:
            shifts = s.scalars(select(Shift)).all()
            notes = s.scalars(select(OrderNote)).all()
            entries = s.scalars(select(NoteEntry)).all()
            published = s.scalars(select(Handover).where(Handover.status == "published")).all()
            items = s.scalars(select(HandoverItem)).all()
            shop = notes[0].shop_id
        assert {(x.name, x.start, x.end) for x in shifts if x.shop_id == shop} == {
            ("早班", "08:00", "16:00"),
            ("中班", "16:00", "00:00"),
            ("晚班", "00:00", "08:00"),
        }
        assert len([n for n in notes if n.conflict]) == 1
        assert {"merged", "conflict", "deleted", "applied"} <= {e.outcome for e in entries}
        assert any("买家要求改地址为" in e.text for e in entries)
        night = [h for h in published if h.from_shift == "night" and h.to_shift == "early"]
        assert night
        night_items = [i for i in items if i.handover_id == night[0].id]
        assert {i.kind for i in night_items} == set(HANDOVER_ITEM_KINDS)
        assert len([i for i in night_items if i.carried_from]) == 1
        # a demo agent pulls them, and every record is valid for the protocol
        api = Api(srv.url, srv.token_for("kf001"))
        changes, _ = api.pull_all()
        seen = set()
        for c in changes:
            if c["op"] == "upsert":
                RECORD_MODELS[c["entity"]].model_validate(c["data"])
                seen.add(c["entity"])
        assert {"order_note", "note_entry", "shift", "handover", "handover_item", "handover_ack"} <= seen


def test_a_side_that_joined_after_the_resolver_looked_is_kept(
    server: LiveServer, ids: dict[str, Any], api_for: Any
) -> None:
    order = _order(server, ids)
    a1, a2, a3 = Writer(api_for("a1")), Writer(api_for("a2")), Writer(api_for("a3"))
    a1.edit(order, "赠品：", 0)
    a1.edit(order, "赠品：抱枕", 1)
    seen = a2.edit(order, "赠品：靠垫", 1)["result"]["note"]  # conflict, revision 3
    late = a3.edit(order, "赠品：毛毯", 1)  # joins after a2 looked at revision 3
    assert late["result"]["outcome"] == "conflict"
    r = a2.resolve(order, "赠品：抱枕、靠垫", seen["revision"])
    assert r["result"]["outcome"] == "conflict"
    note = r["result"]["note"]
    assert note["text"] == "赠品：抱枕、靠垫"
    assert [s["text"] for s in note["conflict"]] == ["赠品：抱枕、靠垫", "赠品：毛毯"]
    done = a1.resolve(order, "赠品：抱枕、靠垫、毛毯", note["revision"])
    assert done["result"]["outcome"] == "resolved" and done["result"]["note"]["conflict"] is None


def _batch_scenario(server: LiveServer, ids: dict[str, Any]) -> tuple[list[int], list[dict[str, Any]]]:
    """Three orders, a colleague's edit on the first, and a1's queue of note changes written
    offline: runs of edits, a merge-or-conflict, a resolve, an edit after its own delete, a
    phrase in the middle, and two that the service rejects."""
    orders = [_order(server, ids) for _ in range(4)]
    a, b, c, d = orders
    colleague = Writer(Api(server.url, server.token_for("a2")))
    colleague.edit(a, "甲乙丙", 0)
    colleague.edit(d, "甲", 0)

    def note(
        name: str, order_id: int, base: int, text: str = "", entry_id: str | None = None
    ) -> dict[str, Any]:
        args: dict[str, Any] = {
            "entry_id": entry_id or str(uuid.uuid4()),
            "order_id": order_id,
            "reason": "测试",
            "base_revision": base,
            "authored_at": now_iso(),
        }
        if name != "note.delete@1":
            args.update(flag="red", text=text)
        if name != "note.resolve@1":
            args["reason_code"] = "other"
        return {"name": name, "args": args}

    reused = str(uuid.uuid4())
    queue = [
        note("note.edit@1", a, 0, "甲乙丙丁"),  # against the colleague's edit: conflict
        note("note.edit@1", b, 0, "一", entry_id=reused),
        note("note.edit@1", b, 0, "一二"),  # the author's own run: applied
        note("note.edit@1", b, 1, "一二三"),
        note("note.delete@1", c, 0),
        {"name": "phrase.save@1", "args": {"id": str(uuid.uuid4()), "scope": "personal", "text": "亲"}},
        note("note.edit@1", c, 0, "删除后又写"),
        note("note.resolve@1", a, 2, "甲乙丙丁（合并）"),
        note("note.edit@1", a, 1, "甲乙丙戊"),  # after its own conflict and resolve
        note("note.edit@1", 10_000_000, 0, "没有这个订单"),  # rejected: no such order
        note("note.edit@1", b, 3, "重复的条目", entry_id=reused),  # rejected: entry id used
        note("note.edit@1", b, 3, "一二三四"),
        note("note.edit@1", d, 1, "甲乙"),  # applied ...
        note("note.edit@1", d, 0, "丙甲"),  # ... then a conflict beside that edit of this batch
    ]
    return orders, queue


def _outcomes(server: LiveServer, orders: list[int], results: list[dict[str, Any]]) -> Any:
    """What the service ended with for these orders, by their position, without versions and
    times (which differ by design)."""
    api = Api(server.url, server.token_for("a1"))
    notes = _pulled(api, "order_note")
    entries = _pulled(api, "note_entry")
    keep = ("flag", "text", "revision", "restored", "conflict")
    answered = [
        (r["status"], (r["result"] or {}).get("outcome"), (r["error"] or {}).get("code")) for r in results
    ]
    ours = []
    for i in orders:
        row = {k: notes[str(i)][k] for k in keep}
        row["deleted"] = notes[str(i)]["deleted_at"] is not None
        # conflict sides name entries by id: keep what they say, not which id
        row["conflict"] = [
            (c["author_id"], c["text"], bool(c["entry_id"])) for c in row["conflict"] or []
        ] or None
        ours.append(row)
    position = {i: n for n, i in enumerate(orders)}
    history = sorted(
        (position[e["order_id"]], e["revision"], e["outcome"], e["result_text"], e["author_id"])
        for e in entries.values()
        if e["order_id"] in position
    )
    return ours, history, answered


def _run_queue(server: LiveServer, ids: dict[str, Any], per_request: int) -> Any:
    orders, queue = _batch_scenario(server, ids)
    api = Api(server.url, server.token_for("a1"))
    client_id = f"client-{uuid.uuid4().hex[:12]}"
    muts = [mutation(n + 1, q["name"], q["args"]) for n, q in enumerate(queue)]
    results: list[dict[str, Any]] = []
    for start in range(0, len(muts), per_request):
        r = push(api, client_id, muts[start : start + per_request])
        assert r.status_code == 200, r.text
        results.extend(r.json()["results"])
    before = api.get("/v1/sync/meta").json()["version"]
    again = push(api, client_id, muts)  # a retry of everything: answered from the log
    assert again.json()["results"] == results
    assert api.get("/v1/sync/meta").json()["version"] == before
    return _outcomes(server, orders, results)


def _batch_equals_one_at_a_time(server: LiveServer, ids: dict[str, Any]) -> None:
    """The same queue pushed as one batch and as one change per request ends the same: keeping
    the batch's notes in memory between changes, deferring its writes and taking its versions at
    once change nothing of what is applied."""
    batch = _run_queue(server, ids, 100)
    assert batch == _run_queue(server, ids, 1)
    notes, _history, answered = batch
    assert [a[0] for a in answered].count("rejected") == 2
    assert answered[0][1] == "conflict" and answered[7][1] == "resolved" and answered[8][1] == "applied"
    assert [a[2] for a in answered[9:11]] == ["not_found", "bad_request"]
    a, b, c, d = notes
    a1 = ids["users"]["a1"]
    assert d["text"] == "甲乙" and d["conflict"] == [(a1, "甲乙", True), (a1, "丙甲", True)]
    assert a["text"] == "甲乙丙戊" and a["conflict"] is None
    assert (b["text"], b["revision"]) == ("一二三四", 4)
    assert (c["text"], c["deleted"]) == ("删除后又写", False)


def test_a_batch_of_note_changes_ends_as_one_at_a_time_would(server: LiveServer, ids: dict[str, Any]) -> None:
    _batch_equals_one_at_a_time(server, ids)


def test_a_batch_of_note_changes_ends_as_one_at_a_time_would_postgres(pg_url: str) -> None:
    with LiveServer(database_url=pg_url) as server:
        _batch_equals_one_at_a_time(server, server.seed_basic())


def test_other_without_a_typed_reason_is_refused_and_the_rest_applied(
    server: LiveServer, ids: dict[str, Any], api_for: Any
) -> None:
    """A client that skipped the editor's check (the reason "other" and nothing typed): the service
    refuses that change with ``reason_required``, keeps nothing of it, and applies the next."""
    order = _order(server, ids)
    api = api_for("a1")

    def edit(seq: int, text: str, reason: str) -> dict[str, Any]:
        args = {
            "entry_id": str(uuid.uuid4()),
            "order_id": order,
            "flag": "none",
            "text": text,
            "reason_code": "other",
            "reason": reason,
            "base_revision": 0,
            "authored_at": now_iso(),
        }
        return mutation(seq, "note.edit@1", args)

    delete_args = {
        "entry_id": str(uuid.uuid4()),
        "order_id": order,
        "reason_code": "other",
        "reason": "",
        "base_revision": 0,
        "authored_at": now_iso(),
    }
    r = push(
        api,
        "client-reason-0001",
        [edit(1, "没有原因", "  "), mutation(2, "note.delete@1", delete_args), edit(3, "有原因", "买家来电")],
    )
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["rejected", "rejected", "applied"]
    assert [x["error"]["code"] for x in results[:2]] == ["reason_required"] * 2
    assert "typed reason" in results[0]["error"]["message"]
    note = _pulled(api, "order_note")[str(order)]
    assert (note["text"], note["revision"]) == ("有原因", 1)
    assert len([e for e in _pulled(api, "note_entry").values() if e["order_id"] == order]) == 1


def _set_reason_required(api: Api, required: bool) -> requests.Response:
    r = api.get(Paths.SUPERVISOR_CONFIG)
    assert r.status_code == 200, r.text
    body = dict(r.json(), note_reason_required=required)
    return api.http.put(api.base + Paths.SUPERVISOR_CONFIG, headers=api.headers(), json=body, timeout=30)


def test_team_policy_no_reason_refused_while_required_accepted_when_not(
    server: LiveServer, ids: dict[str, Any], api_for: Any
) -> None:
    """The team's ``note_reason_required`` (on by default): an edit or deletion with no reason
    (code ``none``, nothing typed) is refused with ``reason_required`` before anything changes and
    the rest of the batch applies; once a supervisor turns it off, the same changes are accepted
    and recorded as written. "Other" with nothing typed stays refused either way."""
    order = _order(server, ids)
    a1, s1 = api_for("a1"), api_for("s1")
    # agents read the policy (their workstation caches it); only supervisors change it
    cfg = a1.get(Paths.SUPERVISOR_CONFIG)
    assert cfg.status_code == 200 and cfg.json()["note_reason_required"] is True
    assert _set_reason_required(a1, False).status_code == 403

    def edit(seq: int, text: str, code: str, reason: str, base: int = 0) -> dict[str, Any]:
        args = {
            "entry_id": str(uuid.uuid4()),
            "order_id": order,
            "flag": "none",
            "text": text,
            "reason_code": code,
            "reason": reason,
            "base_revision": base,
            "authored_at": now_iso(),
        }
        return mutation(seq, "note.edit@1", args)

    def delete(seq: int, code: str, base: int) -> dict[str, Any]:
        args = {
            "entry_id": str(uuid.uuid4()),
            "order_id": order,
            "reason_code": code,
            "reason": " ",
            "base_revision": base,
            "authored_at": now_iso(),
        }
        return mutation(seq, "note.delete@1", args)

    r = push(
        a1,
        "client-policy-0001",
        [
            edit(1, "没有事由", "none", ""),
            edit(2, "有事由", "gift", ""),
            delete(3, "none", 1),
            edit(4, "写了事由", "none", "买家来电"),  # a typed reason is a reason
        ],
    )
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["rejected", "applied", "rejected", "applied"]
    for refused in (results[0], results[2]):
        assert refused["error"]["code"] == "reason_required"
        assert refused["error"]["detail"] == {"reason_code": "none", "required_by": "team"}
        assert "team requires a reason" in refused["error"]["message"]
    note = _pulled(a1, "order_note")[str(order)]
    assert (note["text"], note["revision"], note["deleted_at"]) == ("写了事由", 2, None)

    # the supervisor turns the policy off: no reason is fine now, "other" without one is not
    r = _set_reason_required(s1, False)
    assert r.status_code == 200 and r.json()["note_reason_required"] is False
    assert a1.get(Paths.SUPERVISOR_CONFIG).json()["note_reason_required"] is False
    r = push(
        a1,
        "client-policy-0002",
        [edit(1, "不填事由也行", "none", "", base=2), edit(2, "其他", "other", " ", base=3)],
    )
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["applied", "rejected"]
    assert results[1]["error"]["code"] == "reason_required"
    assert results[1]["error"]["detail"] == {"reason_code": "other"}
    r = push(a1, "client-policy-0002", [delete(3, "none", 3)])
    assert r.json()["results"][0]["status"] == "applied", r.text
    entries = [e for e in _pulled(a1, "note_entry").values() if e["order_id"] == order]
    assert sorted((e["revision"], e["kind"], e["reason_code"]) for e in entries) == [
        (1, "edit", "gift"),
        (2, "edit", "none"),
        (3, "edit", "none"),
        (4, "delete", "none"),
    ]
    # and on again: refused again
    assert _set_reason_required(s1, True).status_code == 200
    r = push(a1, "client-policy-0003", [edit(1, "又要事由了", "none", "", base=4)])
    assert r.json()["results"][0]["error"]["code"] == "reason_required", r.text
