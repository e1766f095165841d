"""Every error is an ErrorBody with a documented code; API version checks; OpenAPI is served."""

from __future__ import annotations

import requests

from central.testing import LiveServer
from wsprotocol import ErrorBody


def test_health_needs_no_login(server: LiveServer) -> None:
    r = requests.get(server.url + "/v1/health", timeout=10)
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def test_api_version_outside_range_is_426(server: LiveServer) -> None:
    for bad in ("0", "2", "99", "abc"):
        r = requests.get(server.url + "/v1/sync/meta", headers={"X-Workstation-Api": bad}, timeout=10)
        assert r.status_code == 426, bad
        body = ErrorBody.model_validate(r.json())
        assert body.code == "app_too_old"
        assert body.detail is not None and body.detail["api_max"] == 1
    assert requests.get(server.url + "/v1/sync/meta", headers={"X-Workstation-Api": "1"}).status_code == 200
    assert requests.get(server.url + "/v1/sync/meta").status_code == 200  # no header: current


def test_malformed_bodies(server: LiveServer) -> None:
    token = server.token_for("a1")
    h = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    r = requests.post(server.url + "/v1/sync/push", data=b"{not json", headers=h, timeout=10)
    assert r.status_code == 400
    assert ErrorBody.model_validate(r.json()).code == "bad_request"
    r = requests.post(server.url + "/v1/sync/push", json={"client_id": "short", "mutations": []}, headers=h)
    assert r.status_code == 422
    body = ErrorBody.model_validate(r.json())
    assert body.code == "bad_request" and body.detail is not None and body.detail["errors"]
    r = requests.post(
        server.url + "/v1/sync/push",
        json={"client_id": "client-0001", "mutations": [{"seq": 0, "mutation_id": "m", "name": "x"}]},
        headers=h,
    )
    assert r.status_code == 422
    too_many = [
        {
            "seq": i,
            "mutation_id": f"mutation-{i:05d}",
            "name": "phrase.delete@1",
            "args": {"id": "phrase-x-1"},
            "authored_at": "2026-11-22T08:00:00Z",
        }
        for i in range(1, 202)
    ]
    r = requests.post(
        server.url + "/v1/sync/push", json={"client_id": "client-0001", "mutations": too_many}, headers=h
    )
    assert r.status_code == 422
    r = requests.post(
        server.url + "/v1/conversations/abc/claim", json={"expected_assignment_version": 0}, headers=h
    )
    assert r.status_code == 422
    assert r.json()["code"] == "bad_request"


def test_unknown_path_and_method(server: LiveServer) -> None:
    r = requests.get(server.url + "/v1/nothing-here", timeout=10)
    assert r.status_code == 404
    assert ErrorBody.model_validate(r.json()).code == "not_found"
    r = requests.delete(server.url + "/v1/health", timeout=10)
    assert r.status_code == 405
    assert ErrorBody.model_validate(r.json()).code == "bad_request"


def test_openapi_documents_the_protocol(server: LiveServer) -> None:
    doc = requests.get(server.url + "/openapi.json", timeout=10).json()
    for path in (
        "/v1/sync/pull",
        "/v1/sync/push",
        "/v1/auth/login",
        "/v1/conversations/{conversation_id}/claim",
    ):
        assert path in doc["paths"]
    assert "PushRequest" in doc["components"]["schemas"]
    assert "PullResponse" in doc["components"]["schemas"]
    assert requests.get(server.url + "/docs", timeout=10).status_code == 200


def test_database_locked_is_503_with_retry_after() -> None:
    """A writer holding the SQLite lock past the busy timeout is a passing error: 503 and
    Retry-After (for push: the batch stops and nothing after it is applied), then it works again."""
    from sqlalchemy import text

    from central.db import Database

    with LiveServer(sqlite_busy_timeout=0.2) as srv:
        srv.seed_basic()
        token = srv.token_for("a1")
        h = {"Authorization": f"Bearer {token}"}
        batch = {
            "client_id": "client-locked-1",
            "mutations": [
                {
                    "seq": 1,
                    "mutation_id": "mutation-lock-1",
                    "name": "phrase.save@1",
                    "args": {"id": "phrase-lock-1", "scope": "personal", "text": "x"},
                    "authored_at": "2026-11-22T08:00:00Z",
                }
            ],
        }
        other = Database(srv.settings)
        blocker = other.write_session()
        blocker.execute(text("SELECT 1"))  # BEGIN IMMEDIATE: holds the write lock
        try:
            r = requests.post(srv.url + "/v1/sync/push", json=batch, headers=h, timeout=10)
            assert r.status_code == 503, r.text
            assert r.headers["Retry-After"] == "2"
            assert r.json()["code"] == "unavailable"
            r = requests.post(
                srv.url + "/v1/conversations/1/claim", json={"expected_assignment_version": 0}, headers=h
            )
            assert r.status_code == 503
        finally:
            blocker.rollback()
            blocker.close()
            other.dispose()
        r = requests.post(srv.url + "/v1/sync/push", json=batch, headers=h, timeout=10)
        assert r.status_code == 200
        assert r.json()["results"][0]["status"] == "applied"
