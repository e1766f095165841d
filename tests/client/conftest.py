"""Fixtures of the client-core tests: a real central service on 127.0.0.1 and helpers to compare a
client's cache with the server."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from central import models as cm
from central.testing import LiveServer
from workstation.client import Client
from workstation.models import Phrase


@pytest.fixture
def server() -> Iterator[LiveServer]:
    with LiveServer() as srv:
        srv.seed = srv.seed_basic()  # type: ignore[attr-defined]
        yield srv


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def connect(data_dir: Path) -> Iterator[Callable[..., Client]]:
    """``connect(url, staff_id, password=...)`` → a Client closed at the end of the test."""
    opened: list[Client] = []

    def _connect(url: str, staff_id: str, password: str | None = "default", **kw: Any) -> Client:
        if password == "default":
            password = f"pw-{staff_id}"
        kw.setdefault("data_dir", data_dir)
        c = Client.connect(url, staff_id, password, **kw)
        opened.append(c)
        return c

    yield _connect
    for c in opened:
        with contextlib.suppress(Exception):  # already closed by the test
            c.close()


def server_phrases(srv: Any, user_id: int, shop_ids: list[int]) -> dict[str, tuple[str, str, int | None]]:
    """Phrases the user can see on the server: id → (text, code, shop_id)."""
    with srv.session() as s:
        rows = s.execute(select(cm.Phrase)).scalars().all()
        return {
            p.id: (p.text, p.code, p.shop_id)
            for p in rows
            if p.owner_id == user_id or (p.owner_id is None and p.shop_id in shop_ids)
        }


def cached_phrases(client: Client) -> dict[str, tuple[str, str, int | None]]:
    with client.db.session() as s:
        return {p.id: (p.text, p.code, p.shop_id) for p in s.scalars(select(Phrase))}


def wait_for(predicate: Callable[[], Any], timeout: float = 10.0, interval: float = 0.02) -> Any:
    """Poll until ``predicate()`` is truthy; fail the test with a clear message otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)


def refuse(proxy: Any) -> None:
    """``proxy.refuse()``, made reliable: on Linux, closing a listening socket does not wake a
    thread blocked in ``accept()`` on it, which would accept one more connection after the
    "outage" began. One throwaway connection flushes that accept out."""
    import socket

    proxy.refuse()
    try:
        with socket.create_connection(("127.0.0.1", proxy.port), timeout=1):
            pass
    except OSError:
        pass  # already refusing: nothing to flush
    time.sleep(0.05)
