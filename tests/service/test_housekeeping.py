"""Housekeeping: old tombstones are purged (old cursors then reset ``expired``), expired tokens go."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update

from central.housekeeping import housekeep
from central.models import AccessToken, Tombstone, utcnow
from central.testing import LiveServer
from tests.service.test_pull import reset_of
from tests.service.test_push import mutation, push, save


def test_housekeeping_purges_old_tombstones_only(server: LiveServer, api_for: Any) -> None:
    api = api_for("a1")
    _, old_cursor = api.pull_all()
    push(api, "client-hk-00001", [save(1, "phrase-hk-0001", "x"), save(2, "phrase-hk-0002", "y")])
    push(
        api,
        "client-hk-00001",
        [
            mutation(3, "phrase.delete@1", {"id": "phrase-hk-0001"}),
            mutation(4, "phrase.delete@1", {"id": "phrase-hk-0002"}),
        ],
    )
    _, mid_cursor = api.pull_all()
    with server.write() as s:
        first = s.execute(select(func.min(Tombstone.version))).scalar_one()
        s.execute(
            update(Tombstone)
            .where(Tombstone.version == first)
            .values(deleted_at=utcnow() - timedelta(days=100))
        )
    assert housekeep(server.db, server.settings)["tombstones"] == 1
    with server.session() as s:
        assert s.execute(select(func.count()).select_from(Tombstone)).scalar_one() == 1
    assert reset_of(api, old_cursor) == "expired"  # it could have missed the purged deletion
    assert reset_of(api, mid_cursor) is None
    assert housekeep(server.db, server.settings)["tombstones"] == 0


def test_housekeeping_removes_long_expired_tokens(server: LiveServer) -> None:
    server.token_for("a1")
    server.token_for("a2")
    with server.write() as s:
        s.execute(
            update(AccessToken).where(AccessToken.id == 1).values(expires_at=utcnow() - timedelta(days=2))
        )
    assert housekeep(server.db, server.settings)["access_tokens"] == 1
    with server.session() as s:
        assert s.execute(select(func.count()).select_from(AccessToken)).scalar_one() == 1
