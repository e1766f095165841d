"""Pull: pages in version order, scoped to the user's shops, tombstones, and resets."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from central import ops
from central.models import Meta, User
from central.sync import purge_tombstones
from central.testing import LiveServer
from tests.service.conftest import Api
from tests.service.test_push import mutation, push, save
from wsprotocol import RECORD_MODELS, PullResponse


def by_entity(changes: list[dict[str, Any]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in changes:
        out.setdefault(c["entity"], set()).add(c["id"])
    return out


def test_initial_pull_is_scoped_and_valid(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1, shop2 = ids["shops"]
    changes, _ = api_for("a1").pull_all()
    versions = [c["version"] for c in changes]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    for c in changes:
        RECORD_MODELS[c["entity"]].model_validate(c["data"])  # every record has the protocol's shape
    seen = by_entity(changes)
    assert seen["shop"] == {str(shop1)}
    # colleagues: everyone sharing shop 1 (a1-a3, s1), not b1 who is only in shop 2
    assert seen["user"] == {str(ids["users"][s]) for s in ("a1", "a2", "a3", "s1")}
    assert seen["buyer"] == {str(b) for b in ids["buyers"][shop1]}
    assert seen["conversation"] == {str(c) for c in ids["conversations"][shop1]}
    assert all(
        c["data"]["conversation_id"] in ids["conversations"][shop1]
        for c in changes
        if c["entity"] == "message"
    )
    s1_seen = by_entity(api_for("s1").pull_all()[0])
    assert s1_seen["shop"] == {str(shop1), str(shop2)}
    assert str(ids["users"]["b1"]) in s1_seen["user"]


def test_buyer_phone_is_masked_and_address_short(server: LiveServer, api_for: Any) -> None:
    changes, _ = api_for("a1").pull_all()
    buyers = [c["data"] for c in changes if c["entity"] == "buyer"]
    assert buyers[0]["phone_masked"] == "138****0000"
    assert buyers[0]["address_short"] == "浙江省杭州市"
    assert "西湖区" not in str(changes)  # the full address never leaves the server
    assert "13812340000" not in str(changes)


def test_paging_and_incremental_cursor(server: LiveServer, ids: dict, api_for: Any) -> None:
    shop1 = ids["shops"][0]
    api = api_for("a1")
    everything, _ = api.pull_all()
    paged, cursor = api.pull_all(limit=3)
    assert [(c["entity"], c["id"], c["version"]) for c in paged] == [
        (c["entity"], c["id"], c["version"]) for c in everything
    ]
    # nothing new: an empty page, the same cursor
    r = api.get("/v1/sync/pull", params={"cursor": cursor}).json()
    assert r["changes"] == [] and r["has_more"] is False and r["cursor"] == cursor
    # a change after the cursor arrives, and only it
    conv = ids["conversations"][shop1][0]
    server.add_buyer_message(conv, "还在吗？")
    more, cursor2 = api.pull_all(cursor)
    assert {(c["entity"], c["id"]) for c in more} >= {("conversation", str(conv))}
    assert [c["data"]["text"] for c in more if c["entity"] == "message"] == ["还在吗？"]
    # a change in another shop moves the cursor but shows nothing to a1
    server.add_conversation(ids["shops"][1], text="别的店")
    other, cursor3 = api.pull_all(cursor2)
    assert other == []
    assert cursor3 != cursor2


def test_limit_is_capped(server: LiveServer, api_for: Any) -> None:
    r = api_for("a1").get("/v1/sync/pull", params={"limit": 10**6})
    assert r.status_code == 200
    assert PullResponse.model_validate(r.json()).reset is None
    assert api_for("a1").get("/v1/sync/pull", params={"limit": 0}).status_code == 422


def test_tombstones_reach_only_the_scope(server: LiveServer, ids: dict, api_for: Any) -> None:
    s1, a1, b1 = api_for("s1"), api_for("a1"), api_for("b1")
    shop1 = ids["shops"][0]
    _, c_a1 = a1.pull_all()
    _, c_b1 = b1.pull_all()
    push(s1, "client-s1-tomb01", [save(1, "team-tomb-0001", "团队", scope="team", shop_id=shop1)])
    push(s1, "client-s1-tomb01", [mutation(2, "phrase.delete@1", {"id": "team-tomb-0001"})])
    got, _ = a1.pull_all(c_a1)
    # the upsert was replaced by the delete: only the tombstone remains after the cursor
    assert [(c["entity"], c["id"], c["op"], c["data"]) for c in got] == [
        ("phrase", "team-tomb-0001", "delete", None)
    ]
    assert b1.pull_all(c_b1)[0] == []  # not b1's shop


def test_personal_phrases_are_private(server: LiveServer, api_for: Any) -> None:
    a1, a2 = api_for("a1"), api_for("a2")
    push(a1, "client-a1-priv01", [save(1, "personal-0001", "只给我看")])
    assert "personal-0001" in by_entity(a1.pull_all()[0]).get("phrase", set())
    assert "personal-0001" not in by_entity(a2.pull_all()[0]).get("phrase", set())


def reset_of(api: Api, cursor: str) -> str | None:
    r = api.get("/v1/sync/pull", params={"cursor": cursor})
    assert r.status_code == 200
    body = r.json()
    if body["reset"]:
        assert body["changes"] == [] and body["cursor"] == ""
    return body["reset"]  # type: ignore[no-any-return]


def test_reset_reasons(server: LiveServer, ids: dict, api_for: Any) -> None:
    api = api_for("a1")
    _, cursor = api.pull_all()
    assert reset_of(api, cursor) is None
    assert reset_of(api, "not-a-cursor") == "malformed"
    assert reset_of(api, cursor.replace(".", "..", 1)) == "malformed"
    tag, epoch, version, schema, scope = cursor.split(".")
    assert reset_of(api, ".".join([tag, "0" * 32, version, schema, scope])) == "epoch"
    assert reset_of(api, ".".join([tag, epoch, version, "deadbeef", scope])) == "schema"
    assert reset_of(api, ".".join([tag, epoch, str(int(version) + 1000), schema, scope])) == "ahead"
    # another user's cursor, or the same user after a change of shops: scope
    assert reset_of(api_for("a2"), cursor) == "scope"
    with server.write() as s:
        user = s.get(User, ids["users"]["a1"])
        assert user is not None
        ops.set_user_shops(s, user, ids["shops"])
    assert reset_of(api_for("a1"), cursor) == "scope"


def test_expired_after_tombstone_purge(server: LiveServer, api_for: Any) -> None:
    api = api_for("a1")
    _, old_cursor = api.pull_all()
    push(api, "client-a1-purge1", [save(1, "phrase-purge-01", "x")])
    push(api, "client-a1-purge1", [mutation(2, "phrase.delete@1", {"id": "phrase-purge-01"})])
    with server.write() as s:
        head = s.execute(Meta.__table__.select()).one().version
        assert purge_tombstones(s, head) == 1
    assert reset_of(api, old_cursor) == "expired"
    # a fresh pull works and a cursor at the horizon is fine
    _, new_cursor = api.pull_all()
    assert reset_of(api, new_cursor) is None


def test_new_epoch_resets(server: LiveServer, api_for: Any) -> None:
    api = api_for("a1")
    _, cursor = api.pull_all()
    with server.write() as s:
        s.execute(update(Meta).where(Meta.id == 1).values(epoch="restored-from-backup"))
    assert reset_of(api, cursor) == "epoch"
    assert api.get("/v1/sync/pull").json()["epoch"] == "restored-from-backup"


def test_pages_end_at_the_size_cap(server: LiveServer, api_for: Any, monkeypatch: Any) -> None:
    """A page also ends by size (MAX_PULL_PAGE_CHARS): more, smaller pages, the same changes in the
    same order, nothing skipped or repeated across the cursors."""
    import central.sync

    api = api_for("a1")
    everything, _ = api.pull_all()
    monkeypatch.setattr(central.sync, "MAX_PULL_PAGE_CHARS", 1500)
    pages: list[list[dict[str, Any]]] = []
    cursor = ""
    while True:
        body = api.get("/v1/sync/pull", params={"cursor": cursor, "limit": 2000}).json()
        assert body["reset"] is None and body["changes"], body
        pages.append(body["changes"])
        cursor = body["cursor"]
        if not body["has_more"]:
            break
    assert len(pages) > 2
    assert all(len(p) < len(everything) for p in pages)
    paged = [c for p in pages for c in p]
    assert [(c["entity"], c["id"], c["version"]) for c in paged] == [
        (c["entity"], c["id"], c["version"]) for c in everything
    ]
