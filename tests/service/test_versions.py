"""No change is ever skipped: versions become visible in the order they were allocated.

A writer that allocated version N+1 and has not committed yet holds the counter lock, so a second
writer cannot allocate N+2 and commit before it (which is what an auto-increment id or sequence
would allow on PostgreSQL, letting a puller's cursor jump over N+1 for ever). Meanwhile pullers
get cursors no further than N, and once the first writer commits they receive its change.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from central import ops
from central.testing import LiveServer
from tests.service.conftest import Api


def cursor_version(cursor: str) -> int:
    return int(cursor.split(".")[2])


def _out_of_order(server: LiveServer, ids: dict[str, Any]) -> None:
    shop1 = ids["shops"][0]
    api = Api(server.url, server.token_for("a1"))
    _, cursor = api.pull_all()
    head = api.get("/v1/sync/meta").json()["version"]
    assert cursor_version(cursor) == head

    first_allocated = threading.Event()
    release_first = threading.Event()
    first_version: list[int] = []
    second_done = threading.Event()
    errors: list[BaseException] = []

    def slow_writer() -> None:
        try:
            with server.write() as s:
                b = ops.add_buyer(s, shop1, "慢事务的买家")
                first_version.append(b.version)
                first_allocated.set()
                release_first.wait(20)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
            first_allocated.set()

    def fast_writer() -> None:
        try:
            with server.write() as s:
                ops.open_conversation(s, ids["buyers"][shop1][0], "presale", "快事务的消息")
            second_done.set()
        except BaseException as exc:
            errors.append(exc)

    t1 = threading.Thread(target=slow_writer)
    t1.start()
    assert first_allocated.wait(10)
    assert not errors
    assert first_version == [head + 1]
    t2 = threading.Thread(target=fast_writer)
    t2.start()
    # the second writer would commit first if it could: it must wait for the counter lock
    time.sleep(0.6)
    assert not second_done.is_set(), "a later version committed before an earlier one"
    # a puller meanwhile sees the head without the uncommitted version, and no cursor beyond it
    for _ in range(3):
        assert api.get("/v1/sync/meta").json()["version"] == head
        page, cursor2 = api.pull_all(cursor)
        assert page == []
        assert cursor_version(cursor2) <= head
    release_first.set()
    t1.join(20)
    t2.join(20)
    assert not errors, errors
    assert second_done.is_set()
    changes, cursor3 = api.pull_all(cursor2)
    got = [(c["entity"], c["version"]) for c in changes]
    assert got[0] == ("buyer", head + 1), got  # the slow change is not skipped
    assert {e for e, _ in got} == {"buyer", "conversation", "message"}
    # the new buyer; then the conversation's buyer (its last contact), the conversation, its message
    assert cursor_version(cursor3) == head + 4


def test_out_of_order_commits_sqlite(server: LiveServer, ids: dict[str, Any]) -> None:
    _out_of_order(server, ids)


@pytest.mark.postgres
def test_out_of_order_commits_postgres(pg_url: str) -> None:
    with LiveServer(database_url=pg_url) as srv:
        _out_of_order(srv, srv.seed_basic())


@pytest.mark.postgres
def test_versions_unique_under_concurrent_writers_postgres(pg_url: str) -> None:
    """Many concurrent writers: every version used once, a pull sees every row."""
    with LiveServer(database_url=pg_url) as srv:
        ids = srv.seed_basic()
        shop1 = ids["shops"][0]

        def write(i: int) -> None:
            for j in range(5):
                srv.add_conversation(shop1, text=f"并发{i}-{j}")

        threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        changes, _ = Api(srv.url, srv.token_for("a1")).pull_all(limit=7)
        versions = [c["version"] for c in changes]
        assert versions == sorted(set(versions))
        texts = {c["data"]["text"] for c in changes if c["entity"] == "message"}
        assert {f"并发{i}-{j}" for i in range(8) for j in range(5)} <= texts
