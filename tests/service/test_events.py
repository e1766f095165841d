"""The live channel: server-sent ``changed`` events and heartbeats."""

from __future__ import annotations

import json
import queue
import threading
import time
from typing import Any

import pytest
import requests

from central import ops
from central.db import Database
from central.testing import LiveServer


class EventReader:
    """Reads an SSE stream in a thread; events and comments land in a queue."""

    def __init__(self, url: str, token: str) -> None:
        self.items: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.response = requests.get(
            url + "/v1/sync/events", headers={"Authorization": f"Bearer {token}"}, stream=True, timeout=30
        )
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        event = ""
        try:
            for raw in self.response.iter_lines(decode_unicode=True):
                line = raw or ""
                if line.startswith(":"):
                    self.items.put(("comment", line))
                elif line.startswith("event:"):
                    event = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and event:
                    self.items.put((event, json.loads(line.split(":", 1)[1])))
                    event = ""
        except Exception:  # closed by the test
            pass

    def next(self, kind: str, timeout: float = 5.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                k, v = self.items.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if k == kind:
                return v
        raise AssertionError(f"no {kind} within {timeout}s")

    def close(self) -> None:
        self.response.close()


def test_changed_event_after_a_write(server: LiveServer, ids: dict) -> None:
    reader = EventReader(server.url, server.token_for("a1"))
    try:
        assert reader.response.status_code == 200
        assert reader.response.headers["content-type"].startswith("text/event-stream")
        first = reader.next("changed")
        head = requests.get(server.url + "/v1/sync/meta").json()["version"]
        assert first == {"version": head}
        server.add_buyer_message(ids["conversations"][ids["shops"][0]][0], "在吗在吗")
        assert reader.next("changed", timeout=3)["version"] > head
    finally:
        reader.close()


def test_write_by_another_process_is_noticed_by_polling(server: LiveServer, ids: dict) -> None:
    """A second service process over the same database: no in-process wake-up reaches this one."""
    reader = EventReader(server.url, server.token_for("a1"))
    other = Database(server.settings)
    try:
        head = reader.next("changed")["version"]
        with other.write() as s:
            ops.add_message(s, ids["conversations"][ids["shops"][0]][0], "buyer", "另一个进程写的")
        # the buyer (its last contact), the conversation and the message: three versions
        assert reader.next("changed", timeout=3)["version"] == head + 3
    finally:
        reader.close()
        other.dispose()


def test_heartbeat_comments(server: LiveServer) -> None:
    reader = EventReader(server.url, server.token_for("a1"))
    try:
        reader.next("changed")
        assert reader.next("comment", timeout=3) == ": heartbeat"
    finally:
        reader.close()


def test_events_need_login(server: LiveServer) -> None:
    r = requests.get(server.url + "/v1/sync/events", timeout=10)
    assert r.status_code == 401
    assert r.json()["code"] == "unauthorized"


@pytest.mark.postgres
def test_two_service_processes_over_one_postgres(pg_url: str) -> None:
    """Several service processes over one PostgreSQL: a claim through one reaches a live channel
    of the other, and the two processes race claims correctly."""
    from central.testing import ServerProcess

    with ServerProcess(database_url=pg_url) as one, ServerProcess(database_url=pg_url) as two:
        ids = one.seed_basic()
        conv = ids["conversations"][ids["shops"][0]][0]
        reader = EventReader(two.url, two.token_for("a2"))
        try:
            head = reader.next("changed")["version"]
            r = requests.post(
                one.url + f"/v1/conversations/{conv}/claim",
                json={"expected_assignment_version": 0},
                headers={"Authorization": f"Bearer {one.token_for('a1')}"},
                timeout=10,
            )
            assert r.status_code == 200
            assert reader.next("changed", timeout=3)["version"] == head + 2
            lost = requests.post(
                two.url + f"/v1/conversations/{conv}/claim",
                json={"expected_assignment_version": 0},
                headers={"Authorization": f"Bearer {two.token_for('a2')}"},
                timeout=10,
            )
            assert lost.status_code == 409
        finally:
            reader.close()
