"""Privacy: the full phone and address leave the service only by an audited reveal, which needs
the ``reveal_contact`` permission a supervisor (or an admin) grants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from central import models as cm
from central.cli import main as cli_main
from central.testing import LiveServer
from tests.service.conftest import Api
from workstation.api import ApiClient, Forbidden, NotFound
from wsprotocol import RECORD_MODELS, Paths, RevealAudit, RevealResponse, UserOut, UserRecord


def _put(api: Api, path: str, body: dict[str, Any]) -> requests.Response:
    return api.http.put(api.base + path, headers=api.headers(), json=body, timeout=30)


def _log_rows(server: LiveServer) -> list[cm.RevealLog]:
    with server.session() as s:
        return list(s.execute(select(cm.RevealLog).order_by(cm.RevealLog.id)).scalars())


def _client(server: LiveServer, staff_id: str) -> ApiClient:
    token = server.token_for(staff_id)
    return ApiClient(server.url, token_provider=lambda: token)


def test_reveal_needs_the_permission_and_a_refusal_is_not_logged(
    server: LiveServer, ids: dict[str, Any], api_for: Any
) -> None:
    buyer = ids["buyers"][ids["shops"][0]][0]
    a1 = api_for("a1")
    r = a1.post(Paths.reveal(buyer), json={"field": "phone", "reason": "核对收货电话"})
    assert r.status_code == 403 and r.json()["code"] == "forbidden"
    assert _log_rows(server) == []  # rejected AND not recorded

    server.grant("a1")
    before = datetime.now(UTC)
    r = a1.post(Paths.reveal(buyer), json={"field": "phone", "reason": "核对收货电话"})
    assert r.status_code == 200, r.text
    got = RevealResponse.model_validate(r.json())
    assert got.value == "13812340000" and got.field == "phone" and got.buyer_id == buyer
    r = a1.post(Paths.reveal(buyer), json={"field": "address"})
    assert RevealResponse.model_validate(r.json()).value == "西湖区文三路0号"

    rows = _log_rows(server)
    assert [(row.user_id, row.buyer_id, row.field, row.reason) for row in rows] == [
        (ids["users"]["a1"], buyer, "phone", "核对收货电话"),
        (ids["users"]["a1"], buyer, "address", ""),
    ]
    assert all(before - timedelta(seconds=1) <= row.at <= datetime.now(UTC) for row in rows)
    assert rows[0].shop_id == ids["shops"][0] and rows[0].order_id is None

    # revoked: refused again, nothing more recorded
    server.grant("a1", revoke=True)
    assert a1.post(Paths.reveal(buyer), json={"field": "phone"}).status_code == 403
    assert len(_log_rows(server)) == 2


def test_reveal_of_an_order_receiver_and_shop_scoping(
    server: LiveServer, ids: dict[str, Any], api_for: Any
) -> None:
    shop1, shop2 = ids["shops"]
    buyer, other_buyer = ids["buyers"][shop1][:2]
    order = server.add_order(
        buyer, receiver_name="张妈妈", receiver_phone="13900009999", address="江苏省南京市鼓楼区中山路1号"
    )
    server.grant("a1")
    a1 = api_for("a1")
    r = a1.post(Paths.reveal(buyer), json={"field": "phone", "order_id": order})
    assert r.status_code == 200 and r.json()["value"] == "13900009999" and r.json()["order_id"] == order
    r = a1.post(Paths.reveal(buyer), json={"field": "address", "order_id": order})
    assert r.json()["value"] == "江苏省南京市鼓楼区中山路1号"
    assert [row.order_id for row in _log_rows(server)] == [order, order]

    # an order of another buyer, a buyer of another shop, a buyer that does not exist: all 404,
    # none recorded (a1 cannot tell a foreign buyer from a missing one)
    assert a1.post(Paths.reveal(other_buyer), json={"field": "phone", "order_id": order}).status_code == 404
    assert a1.post(Paths.reveal(ids["buyers"][shop2][0]), json={"field": "phone"}).status_code == 404
    assert a1.post(Paths.reveal(999999), json={"field": "phone"}).status_code == 404
    assert len(_log_rows(server)) == 2
    # bad input: an unknown field, an overlong reason
    assert a1.post(Paths.reveal(buyer), json={"field": "email"}).status_code == 422
    assert a1.post(Paths.reveal(buyer), json={"field": "phone", "reason": "x" * 201}).status_code == 422


def test_grant_by_supervisor_refused_to_agents_and_seen_by_colleagues(
    server: LiveServer, ids: dict[str, Any], api_for: Any
) -> None:
    users = ids["users"]
    a1_id = users["a1"]
    a2 = api_for("a2")
    _, a2_cursor = a2.pull_all()
    # an agent cannot grant, not even to a colleague of the same shop
    r = _put(api_for("a1"), Paths.user_permissions(users["a2"]), {"permissions": ["reveal_contact"]})
    assert r.status_code == 403
    # a supervisor cannot grant themselves
    s1 = api_for("s1")
    assert (
        _put(s1, Paths.user_permissions(users["s1"]), {"permissions": ["reveal_contact"]}).status_code == 403
    )
    # unknown permission, unknown user
    assert _put(s1, Paths.user_permissions(a1_id), {"permissions": ["root"]}).status_code == 422
    assert _put(s1, Paths.user_permissions(987654), {"permissions": []}).status_code == 404

    with server.session() as s:
        version_before = s.get(cm.User, a1_id).version  # type: ignore[union-attr]
    r = _put(s1, Paths.user_permissions(a1_id), {"permissions": ["reveal_contact", "reveal_contact"]})
    assert r.status_code == 200, r.text
    assert UserRecord.model_validate(r.json()).permissions == ["reveal_contact"]
    with server.session() as s:
        assert s.get(cm.User, a1_id).version > version_before  # type: ignore[union-attr]

    # the colleague's cache learns it from the next pull; a1's own login shows it
    changes, _ = a2.pull_all(a2_cursor)
    user_changes = [c for c in changes if c["entity"] == "user"]
    assert [(c["id"], c["data"]["permissions"]) for c in user_changes] == [(str(a1_id), ["reveal_contact"])]
    me = UserOut.model_validate(api_for("a1").get(Paths.ME).json())
    assert me.permissions == ["reveal_contact"]
    r = requests.post(
        server.url + Paths.LOGIN,
        json={"staff_id": "a1", "password": "pw-a1", "device_id": "reveal-device-1"},
        timeout=30,
    )
    assert r.json()["user"]["permissions"] == ["reveal_contact"]

    # granting the same again changes nothing (no new version for colleagues to pull)
    _, a2_cursor = a2.pull_all()
    assert _put(s1, Paths.user_permissions(a1_id), {"permissions": ["reveal_contact"]}).status_code == 200
    assert a2.pull_all(a2_cursor)[0] == []

    # a supervisor of shop 2 only has no say over a1 (shop 1); an admin has
    server.create_user("s2", "supervisor", [ids["shops"][1]])
    s2 = api_for("s2")
    assert _put(s2, Paths.user_permissions(a1_id), {"permissions": []}).status_code == 403
    assert (
        _put(s2, Paths.user_permissions(users["b1"]), {"permissions": ["reveal_contact"]}).status_code == 200
    )
    server.create_user("root1", "admin", [])
    r = _put(api_for("root1"), Paths.user_permissions(a1_id), {"permissions": []})
    assert r.status_code == 200 and r.json()["permissions"] == []


def test_audit_for_supervisors_only_scoped_to_their_shops(
    server: LiveServer, ids: dict[str, Any], api_for: Any
) -> None:
    shop1, shop2 = ids["shops"]
    server.grant("a1")
    server.grant("b1")
    a1, b1 = api_for("a1"), api_for("b1")
    assert a1.post(Paths.reveal(ids["buyers"][shop1][0]), json={"field": "phone", "reason": "改地址"}).ok
    middle = datetime.now(UTC)
    assert b1.post(Paths.reveal(ids["buyers"][shop2][0]), json={"field": "address"}).ok

    assert a1.get(Paths.REVEAL_AUDIT).status_code == 403  # agents do not read the audit
    audit = RevealAudit.model_validate(api_for("s1").get(Paths.REVEAL_AUDIT).json())
    assert [(e.staff_id, e.field, e.reason) for e in audit.entries] == [
        ("b1", "address", ""),
        ("a1", "phone", "改地址"),
    ]
    recent = api_for("s1").get(Paths.REVEAL_AUDIT, params={"since": middle.isoformat()}).json()
    assert [e["staff_id"] for e in recent["entries"]] == ["b1"]
    assert len(api_for("s1").get(Paths.REVEAL_AUDIT, params={"limit": 1}).json()["entries"]) == 1
    assert api_for("s1").get(Paths.REVEAL_AUDIT, params={"limit": 0}).status_code == 422

    server.create_user("s2", "supervisor", [shop2])
    only_shop2 = api_for("s2").get(Paths.REVEAL_AUDIT).json()["entries"]
    assert [e["staff_id"] for e in only_shop2] == ["b1"]


def test_api_client_methods_raise_typed_errors(server: LiveServer, ids: dict[str, Any]) -> None:
    buyer = ids["buyers"][ids["shops"][0]][1]
    a1 = _client(server, "a1")
    with pytest.raises(Forbidden):
        a1.reveal(buyer, "phone")
    with pytest.raises(Forbidden):
        a1.reveal_audit()
    s1 = _client(server, "s1")
    with pytest.raises(Forbidden):
        a1.set_permissions(ids["users"]["a2"], ["reveal_contact"])
    assert s1.set_permissions(ids["users"]["a1"], ["reveal_contact"]).permissions == ["reveal_contact"]
    got = a1.reveal(buyer, "phone", reason="买家要求核对")
    assert got.value == "13812340001"
    with pytest.raises(NotFound):
        a1.reveal(ids["buyers"][ids["shops"][1]][0], "address")
    with pytest.raises(NotFound):
        s1.set_permissions(424242, [])
    entries = s1.reveal_audit(since=got.revealed_at - timedelta(seconds=1)).entries
    assert [(e.staff_id, e.buyer_id, e.reason) for e in entries] == [("a1", buyer, "买家要求核对")]
    assert s1.reveal_audit(since=datetime.now(UTC) + timedelta(minutes=1)).entries == []
    a1.close()
    s1.close()


def test_cli_grant_permission(
    server: LiveServer, ids: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.settings.database_url
    assert cli_main(["grant-permission", "--database-url", url, "a2", "reveal_contact"]) == 0
    assert "a2: permissions=reveal_contact" in capsys.readouterr().out
    with server.session() as s:
        assert s.get(cm.User, ids["users"]["a2"]).permissions == ["reveal_contact"]  # type: ignore[union-attr]
    assert cli_main(["grant-permission", "--database-url", url, "a2", "reveal_contact", "--revoke"]) == 0
    assert "a2: permissions=(none)" in capsys.readouterr().out
    assert cli_main(["grant-permission", "--database-url", url, "nobody", "reveal_contact"]) == 1
    assert "no user" in capsys.readouterr().err
    assert cli_main(["grant-permission", "--database-url", url, "a2", "superpowers"]) == 1
    assert "unknown permission" in capsys.readouterr().err
    with server.session() as s:
        assert s.execute(select(func.count()).select_from(cm.RevealLog)).scalar_one() == 0


@pytest.mark.postgres
def test_orders_reveal_and_demo_seed_on_postgres(pg_url: str) -> None:
    """The issue-3 writes and reads once on PostgreSQL: order lifecycle with the buyer's figures,
    after-sale, permission grant, an audited reveal, the audit, and a small demo seed (the bulk
    road there is ``INSERT ... RETURNING``)."""
    from central.demo import seed_demo

    with LiveServer(database_url=pg_url) as srv:
        ids = srv.seed_basic()
        shop1 = ids["shops"][0]
        buyer = ids["buyers"][shop1][0]
        o1 = srv.add_order(buyer, status="delivered")
        srv.add_order(buyer, status="paid")
        case = srv.add_aftersale(o1, "return_refund", "质量问题")
        with srv.session() as s:
            b = s.get(cm.Buyer, buyer)
            assert b is not None and (b.order_count, b.total_spent_fen) == (2, 2 * 9900)
            assert s.get(cm.Order, o1).status == "refunding"  # type: ignore[union-attr]
            assert s.get(cm.AfterSale, case).state == "requested"  # type: ignore[union-attr]
        s1 = Api(srv.url, srv.token_for("s1"))
        a1 = Api(srv.url, srv.token_for("a1"))
        assert a1.post(Paths.reveal(buyer), json={"field": "phone"}).status_code == 403
        assert _put(s1, Paths.user_permissions(ids["users"]["a1"]), {"permissions": ["reveal_contact"]}).ok
        r = a1.post(Paths.reveal(buyer), json={"field": "address", "order_id": o1, "reason": "核对"})
        assert r.status_code == 200 and r.json()["value"] == "西湖区文三路0号"
        entries = s1.get(Paths.REVEAL_AUDIT).json()["entries"]
        assert [(e["staff_id"], e["order_id"], e["reason"]) for e in entries] == [("a1", o1, "核对")]
        changes, _ = a1.pull_all(limit=3)
        assert {c["entity"] for c in changes} >= {"order", "shipment", "aftersale", "buyer"}
        for c in changes:
            RECORD_MODELS[c["entity"]].model_validate(c["data"])

        summary = seed_demo(srv.db, seed=1, n_buyers=160, n_conversations=20)
        assert "orders" in summary
        with srv.session() as s:
            figures = dict(
                (bid, (n, int(total)))
                for bid, n, total in s.execute(
                    select(cm.Order.buyer_id, func.count(), func.sum(cm.Order.paid_fen))
                    .where(cm.Order.paid_at.is_not(None))
                    .group_by(cm.Order.buyer_id)
                )
            )
            for b in s.execute(select(cm.Buyer)).scalars():
                assert (b.order_count, b.total_spent_fen) == figures.get(b.id, (0, 0))
            assert s.execute(select(cm.User.permissions_csv).where(cm.User.staff_id == "kf001")).scalar_one()
