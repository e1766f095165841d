"""Fixtures of the service tests: a live service over real HTTP on 127.0.0.1.

PostgreSQL tests read ``WORKSTATION_TEST_PG_URL`` (for example
``postgresql+psycopg://postgres@127.0.0.1:5432/test``); each test gets its own freshly created
database, dropped afterwards, so parallel runs do not collide. Without the variable they are
skipped with that reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import requests

from central.testing import LiveServer

PG_ENV = "WORKSTATION_TEST_PG_URL"


class Api:
    """A logged-in (or anonymous) HTTP client of the service."""

    def __init__(self, base: str, token: str | None = None) -> None:
        self.base = base
        self.http = requests.Session()
        self.token = token

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        h = {"X-Workstation-Api": "1", "X-Workstation-App": "test"}
        if self.token:
            h["Authorization"] = f"Bearer {self.token}"
        h.update(extra or {})
        return h

    def get(self, path: str, **kw: Any) -> requests.Response:
        return self.http.get(
            self.base + path, headers=self.headers(kw.pop("headers", None)), timeout=30, **kw
        )

    def post(self, path: str, **kw: Any) -> requests.Response:
        return self.http.post(
            self.base + path, headers=self.headers(kw.pop("headers", None)), timeout=30, **kw
        )

    def pull_all(self, cursor: str = "", limit: int = 2000) -> tuple[list[dict[str, Any]], str]:
        changes: list[dict[str, Any]] = []
        while True:
            r = self.get("/v1/sync/pull", params={"cursor": cursor, "limit": limit})
            assert r.status_code == 200, r.text
            body = r.json()
            assert body["reset"] is None, body
            changes.extend(body["changes"])
            cursor = body["cursor"]
            if not body["has_more"]:
                return changes, cursor


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


@pytest.fixture
def server() -> Iterator[LiveServer]:
    with LiveServer() as srv:
        srv.ids = srv.seed_basic()  # type: ignore[attr-defined]
        yield srv


@pytest.fixture
def ids(server: LiveServer) -> dict[str, Any]:
    return server.ids  # type: ignore[attr-defined,no-any-return]


@pytest.fixture
def api_for(server: LiveServer) -> Any:
    def make(staff_id: str) -> Api:
        return Api(server.url, server.token_for(staff_id))

    return make


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test (dropped at the end)."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(
            f"PostgreSQL tests need {PG_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        )
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(base)
    name = f"wsc_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
