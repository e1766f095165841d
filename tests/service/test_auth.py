"""Login, tokens, refresh rotation, logout, and the checks on roles and shops."""

from __future__ import annotations

import time

import requests

from central.testing import LiveServer
from tests.service.conftest import Api
from wsprotocol import ErrorBody, TokenPair, UserOut

DEVICE = "device-aaaa-0001"


def login(base: str, staff_id: str, password: str, device_id: str = DEVICE) -> requests.Response:
    return requests.post(
        base + "/v1/auth/login",
        json={"staff_id": staff_id, "password": password, "device_id": device_id, "device_name": "PC-1"},
        timeout=30,
    )


def test_login_and_me(server: LiveServer, ids: dict) -> None:
    r = login(server.url, "s1", "pw-s1")
    assert r.status_code == 200, r.text
    pair = TokenPair.model_validate(r.json())
    assert pair.user.staff_id == "s1"
    assert pair.user.role == "supervisor"
    assert pair.user.shop_ids == ids["shops"]
    assert pair.access_expires_in == 900
    me = Api(server.url, pair.access_token).get("/v1/me")
    assert me.status_code == 200
    assert UserOut.model_validate(me.json()).id == ids["users"]["s1"]


def test_wrong_password_and_unknown_user_are_401(server: LiveServer) -> None:
    for staff, pw in (("a1", "nope"), ("nobody", "pw-a1")):
        r = login(server.url, staff, pw)
        assert r.status_code == 401
        assert ErrorBody.model_validate(r.json()).code == "unauthorized"


def test_missing_or_garbage_token_is_401(server: LiveServer) -> None:
    assert Api(server.url).get("/v1/me").status_code == 401
    r = Api(server.url, "garbage-token").get("/v1/sync/pull")
    assert r.status_code == 401
    assert r.json()["code"] == "unauthorized"


def test_access_token_expires() -> None:
    with LiveServer(access_ttl=1) as srv:
        srv.seed_basic()
        pair = login(srv.url, "a1", "pw-a1").json()
        api = Api(srv.url, pair["access_token"])
        assert api.get("/v1/me").status_code == 200
        time.sleep(1.2)
        r = api.get("/v1/me")
        assert r.status_code == 401
        assert "expired" in r.json()["message"]
        # the refresh token still gets a new access token
        r = requests.post(
            srv.url + "/v1/auth/refresh", json={"refresh_token": pair["refresh_token"], "device_id": DEVICE}
        )
        assert r.status_code == 200
        assert Api(srv.url, r.json()["access_token"]).get("/v1/me").status_code == 200


def test_refresh_rotates_and_reuse_revokes_the_login() -> None:
    with LiveServer(refresh_reuse_grace=0) as server:
        server.seed_basic()
        _rotate_then_reuse(server)


def _rotate_then_reuse(server: LiveServer) -> None:
    first = login(server.url, "a1", "pw-a1").json()
    r = requests.post(
        server.url + "/v1/auth/refresh", json={"refresh_token": first["refresh_token"], "device_id": DEVICE}
    )
    assert r.status_code == 200
    second = r.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    # the old access token ended with the rotation; the new one works
    assert Api(server.url, first["access_token"]).get("/v1/me").status_code == 401
    assert Api(server.url, second["access_token"]).get("/v1/me").status_code == 200
    # presenting the rotated refresh token again: theft or a lost response; the login is revoked
    r = requests.post(
        server.url + "/v1/auth/refresh", json={"refresh_token": first["refresh_token"], "device_id": DEVICE}
    )
    assert r.status_code == 401
    assert Api(server.url, second["access_token"]).get("/v1/me").status_code == 401
    r = requests.post(
        server.url + "/v1/auth/refresh", json={"refresh_token": second["refresh_token"], "device_id": DEVICE}
    )
    assert r.status_code == 401


def test_refresh_token_is_bound_to_its_device(server: LiveServer) -> None:
    pair = login(server.url, "a1", "pw-a1").json()
    r = requests.post(
        server.url + "/v1/auth/refresh",
        json={"refresh_token": pair["refresh_token"], "device_id": "another-device-9"},
    )
    assert r.status_code == 401
    assert r.json()["code"] == "unauthorized"


def test_logout_revokes_tokens(server: LiveServer) -> None:
    pair = login(server.url, "a1", "pw-a1").json()
    other = login(server.url, "a1", "pw-a1", device_id="device-bbbb-0002").json()
    r = requests.post(server.url + "/v1/auth/logout", json={"refresh_token": pair["refresh_token"]})
    assert r.status_code == 204
    assert Api(server.url, pair["access_token"]).get("/v1/me").status_code == 401
    r = requests.post(
        server.url + "/v1/auth/refresh", json={"refresh_token": pair["refresh_token"], "device_id": DEVICE}
    )
    assert r.status_code == 401
    # the login on the other device is untouched
    assert Api(server.url, other["access_token"]).get("/v1/me").status_code == 200


def test_tokens_are_stored_hashed(server: LiveServer) -> None:
    pair = login(server.url, "a1", "pw-a1").json()
    from sqlalchemy import select

    from central.models import AccessToken, RefreshToken

    with server.session() as s:
        stored = set(s.execute(select(AccessToken.token_hash)).scalars()) | set(
            s.execute(select(RefreshToken.token_hash)).scalars()
        )
    assert pair["access_token"] not in stored
    assert pair["refresh_token"] not in stored


def test_refresh_retried_after_a_lost_response_gets_a_fresh_pair() -> None:
    """With a grace period configured: the answer to a refresh was lost, the client presents the
    old token again within it and gets a new pair; the pair it never received is void."""
    with LiveServer(refresh_reuse_grace=60) as server:
        server.seed_basic()
        _lost_refresh(server)


def _lost_refresh(server: LiveServer) -> None:
    first = login(server.url, "a1", "pw-a1").json()
    body = {"refresh_token": first["refresh_token"], "device_id": DEVICE}
    lost = requests.post(server.url + "/v1/auth/refresh", json=body).json()
    retried = requests.post(server.url + "/v1/auth/refresh", json=body)
    assert retried.status_code == 200
    pair = retried.json()
    assert pair["refresh_token"] != lost["refresh_token"]
    assert Api(server.url, pair["access_token"]).get("/v1/me").status_code == 200
    assert Api(server.url, lost["access_token"]).get("/v1/me").status_code == 401
    r = requests.post(
        server.url + "/v1/auth/refresh", json={"refresh_token": lost["refresh_token"], "device_id": DEVICE}
    )
    assert r.status_code == 401
    # the login itself is fine: the new refresh token rotates normally
    r = requests.post(
        server.url + "/v1/auth/refresh", json={"refresh_token": pair["refresh_token"], "device_id": DEVICE}
    )
    assert r.status_code == 200
