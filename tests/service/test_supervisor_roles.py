"""Roles enforced by the server, for EVERY route of the app (issue 6, part 6).

The matrix below must name each route ``create_app`` serves: a new endpoint without an entry
fails ``test_every_route_has_an_entry``. For each route it says who may call it, and how to build
a request on a shop-1 resource and on a shop-2 resource:

* ``public``: no login needed.
* ``any``: every signed-in user (shop scope enforced by the data it answers, tested elsewhere).
* ``shop``: agents too, but only in their shops: agent a1 (shop 1) on a shop-2 resource: 403/404.
* ``lead``: supervisors and admins: agents get 403; supervisor s2 (shop 1 only) gets 403/404 on
  a shop-2 resource and an answer on a shop-1 one.
* ``admin``: admins only: agents and supervisors get 403.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from central.testing import LiveServer
from tests.service.conftest import Api
from wsprotocol import Dashboard, Paths

Ids = dict[str, Any]


@dataclass(frozen=True)
class Req:
    method: str
    path: str
    body: dict[str, Any] | None = None
    params: dict[str, Any] | None = None


@dataclass(frozen=True)
class Entry:
    who: str
    #: a request on a resource of the given shop (index 0: shop 1, 1: shop 2); None: not shop-bound
    make: Callable[[Ids, int], Req] | None = None


def _conv(ids: Ids, shop: int) -> int:
    return int(ids["conversations"][ids["shops"][shop]][0])


def _agent(ids: Ids, shop: int) -> int:
    return int(ids["users"]["a2" if shop == 0 else "b1"])


def _today() -> str:
    return (datetime.now(UTC) + timedelta(hours=8)).date().isoformat()


MATRIX: dict[tuple[str, str], Entry] = {
    ("GET", "/openapi.json"): Entry("public"),
    ("GET", "/docs"): Entry("public"),
    ("GET", "/docs/oauth2-redirect"): Entry("public"),
    ("GET", "/redoc"): Entry("public"),
    ("GET", Paths.HEALTH): Entry("public"),
    ("GET", Paths.SYNC_META): Entry("public"),
    ("POST", Paths.LOGIN): Entry("public"),
    ("POST", Paths.REFRESH): Entry("public"),
    ("POST", Paths.LOGOUT): Entry("public"),
    ("GET", Paths.ME): Entry("any", lambda ids, s: Req("GET", Paths.ME)),
    ("GET", Paths.SYNC_PULL): Entry("any", lambda ids, s: Req("GET", Paths.SYNC_PULL, params={"limit": 1})),
    ("POST", Paths.SYNC_PUSH): Entry(
        "any",
        lambda ids, s: Req("POST", Paths.SYNC_PUSH, {"client_id": "roles-client-0001", "mutations": []}),
    ),
    ("GET", Paths.SYNC_EVENTS): Entry("any"),
    ("PUT", Paths.MY_STATUS): Entry("any", lambda ids, s: Req("PUT", Paths.MY_STATUS, {"status": "busy"})),
    ("GET", Paths.SUPERVISOR_CONFIG): Entry("any", lambda ids, s: Req("GET", Paths.SUPERVISOR_CONFIG)),
    ("POST", Paths.CLAIM): Entry(
        "shop", lambda ids, s: Req("POST", Paths.claim(_conv(ids, s)), {"expected_assignment_version": 0})
    ),
    ("POST", Paths.SEND): Entry(
        "shop",
        lambda ids, s: Req(
            "POST", Paths.send(_conv(ids, s)), {"text": "您好", "client_msg_id": str(uuid.uuid4())}
        ),
    ),
    ("POST", Paths.TRANSFER): Entry(
        "shop",
        lambda ids, s: Req(
            "POST", Paths.transfer(_conv(ids, s)), {"expected_assignment_version": 0, "to_group": "aftersale"}
        ),
    ),
    ("POST", Paths.CLOSE): Entry(
        "shop",
        lambda ids, s: Req(
            "POST", Paths.close(_conv(ids, s)), {"expected_assignment_version": 0, "category": "other"}
        ),
    ),
    ("POST", Paths.ESCALATE): Entry(
        "shop", lambda ids, s: Req("POST", Paths.escalate(_conv(ids, s)), {"note": "看一下"})
    ),
    ("POST", Paths.REVEAL): Entry(
        "shop",
        lambda ids, s: Req(
            "POST",
            f"/v1/buyers/{ids['buyers'][ids['shops'][s]][0]}/reveal",
            {"field": "phone", "reason": "核对"},
        ),
    ),
    ("PUT", Paths.USER_PERMISSIONS): Entry(
        "lead", lambda ids, s: Req("PUT", Paths.user_permissions(_agent(ids, s)), {"permissions": []})
    ),
    ("GET", Paths.REVEAL_AUDIT): Entry("lead", lambda ids, s: Req("GET", Paths.REVEAL_AUDIT)),
    ("GET", Paths.REPORT): Entry(
        "lead",
        lambda ids, s: Req(
            "GET",
            Paths.REPORT,
            params={"date_from": _today(), "date_to": _today(), "shop_id": ids["shops"][s]},
        ),
    ),
    ("POST", Paths.ASSIGN): Entry(
        "lead",
        lambda ids, s: Req(
            "POST",
            Paths.assign(_conv(ids, s)),
            {"expected_assignment_version": 0, "to_user_id": _agent(ids, s)},
        ),
    ),
    ("POST", Paths.MOVE_CONVERSATIONS): Entry(
        "lead", lambda ids, s: Req("POST", Paths.move_conversations(_agent(ids, s)), {"to_queue": True})
    ),
    ("PUT", Paths.USER_ROUTING): Entry(
        "lead", lambda ids, s: Req("PUT", Paths.user_routing(_agent(ids, s)), {"capacity": 4})
    ),
    ("GET", Paths.DASHBOARD): Entry("lead", lambda ids, s: Req("GET", Paths.DASHBOARD)),
    ("PUT", Paths.SUPERVISOR_CONFIG): Entry(
        "lead", lambda ids, s: Req("PUT", Paths.SUPERVISOR_CONFIG, {"complaint_min_count": 4})
    ),
    ("GET", Paths.SUPERVISOR_AUDIT): Entry("lead", lambda ids, s: Req("GET", Paths.SUPERVISOR_AUDIT)),
    ("POST", Paths.RATING): Entry(
        "admin", lambda ids, s: Req("POST", Paths.rating(_conv(ids, s)), {"score": 3})
    ),
}


def app_routes(app: Any) -> set[tuple[str, str]]:
    """(method, path) of every route the app serves, through included routers."""
    found: set[tuple[str, str]] = set()

    def walk(routes: Any) -> Iterator[Any]:
        for r in routes:
            inner = getattr(r, "original_router", None)
            if inner is not None:
                yield from walk(inner.routes)
            else:
                yield r

    for route in walk(app.routes):
        for method in getattr(route, "methods", None) or ():
            if method != "HEAD":
                found.add((method, route.path))
    return found


def send(api: Api, req: Req) -> requests.Response:
    return api.http.request(
        req.method, api.base + req.path, headers=api.headers(), json=req.body, params=req.params, timeout=30
    )


@pytest.fixture
def roles(server: LiveServer, ids: Ids) -> Ids:
    shop1 = ids["shops"][0]
    server.create_user("s2", "supervisor", [shop1], display_name="主管s2")
    server.create_user("adm", "admin", ids["shops"], display_name="管理员")
    return ids


def test_every_route_has_an_entry(server: LiveServer) -> None:
    served = app_routes(server._app)
    assert served - set(MATRIX) == set(), "routes without a role entry: add them to MATRIX"
    assert set(MATRIX) - served == set(), "entries for routes the app no longer serves"


def test_nothing_but_public_routes_without_a_login(server: LiveServer, roles: Ids) -> None:
    anonymous = Api(server.url)
    for (method, _path), entry in MATRIX.items():
        if entry.who == "public" or entry.make is None:
            continue
        r = send(anonymous, entry.make(roles, 0))
        assert r.status_code == 401, (method, _path, r.status_code)
    r = anonymous.get(Paths.SYNC_EVENTS)
    assert r.status_code == 401


def test_agents_get_403_on_supervisor_and_admin_routes(server: LiveServer, roles: Ids, api_for: Any) -> None:
    a1 = api_for("a1")
    for key, entry in MATRIX.items():
        if entry.who not in ("lead", "admin"):
            continue
        assert entry.make is not None
        for shop in (0, 1):
            r = send(a1, entry.make(roles, shop))
            assert r.status_code == 403, (key, shop, r.status_code, r.text)
    # the conversation is untouched by the refused reassignment
    assert send(a1, MATRIX[("POST", Paths.CLAIM)].make(roles, 0)).status_code == 200  # type: ignore[misc]


def test_supervisors_get_403_on_admin_routes(server: LiveServer, roles: Ids, api_for: Any) -> None:
    for key, entry in MATRIX.items():
        if entry.who == "admin":
            assert entry.make is not None
            assert send(api_for("s1"), entry.make(roles, 0)).status_code == 403, key
            assert send(api_for("adm"), entry.make(roles, 0)).status_code < 300, key


def test_agents_act_only_in_their_shops(server: LiveServer, roles: Ids, api_for: Any) -> None:
    a1 = api_for("a1")
    for key, entry in MATRIX.items():
        if entry.who == "shop":
            assert entry.make is not None
            r = send(a1, entry.make(roles, 1))
            assert r.status_code in (403, 404), (key, r.status_code, r.text)


def test_signed_in_routes_answer_every_role(server: LiveServer, roles: Ids, api_for: Any) -> None:
    for sid in ("a1", "s2", "adm"):
        for key, entry in MATRIX.items():
            if entry.who == "any" and entry.make is not None:
                r = send(api_for(sid), entry.make(roles, 0))
                assert r.status_code == 200, (sid, key, r.status_code, r.text)


def test_a_supervisor_of_shop_1_cannot_read_or_act_on_shop_2(
    server: LiveServer, roles: Ids, api_for: Any
) -> None:
    s2 = api_for("s2")
    for key, entry in MATRIX.items():
        if entry.who != "lead" or entry.make is None:
            continue
        other = entry.make(roles, 1)
        own = entry.make(roles, 0)
        if other != own:
            r = send(s2, other)
            assert r.status_code in (403, 404), (key, r.status_code, r.text)
        r = send(s2, own)
        assert r.status_code < 300, (key, r.status_code, r.text)
    # what s2 reads covers shop 1 only
    board = Dashboard.model_validate(s2.get(Paths.DASHBOARD).json())
    shop1 = roles["shops"][0]
    assert {q.shop_id for q in board.queues} == {shop1}
    assert {w.shop_id for w in board.waiting} <= {shop1}
    assert "b1" not in {a.staff_id for a in board.agents}
    # an action of s1 on shop 2 is not in s2's audit, but in s1's
    s1 = api_for("s1")
    conv2 = _conv(roles, 1)
    r = s1.post(
        Paths.assign(conv2), json={"expected_assignment_version": 0, "to_user_id": roles["users"]["b1"]}
    )
    assert r.status_code == 200, r.text
    assert conv2 not in {e["conversation_id"] for e in s2.get(Paths.SUPERVISOR_AUDIT).json()["entries"]}
    assert conv2 in {e["conversation_id"] for e in s1.get(Paths.SUPERVISOR_AUDIT).json()["entries"]}
    # and the agent of shop 2 is not s2's to route or move
    b1 = roles["users"]["b1"]
    assert s2.post(Paths.move_conversations(b1), json={"to_user_id": roles["users"]["a1"]}).status_code == 404
    assert s2.post(Paths.move_conversations(roles["users"]["a1"]), json={"to_user_id": b1}).status_code == 404
