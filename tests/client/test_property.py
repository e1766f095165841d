"""Property: whatever the order of local writes, pushes, lost responses, outages and restarts
across three clients, in the end every cache equals the server and every change was applied exactly
once, in order, with nothing lost."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from central import models as cm
from central.testing import LiveServer, TcpProxy
from tests.client.conftest import cached_phrases, refuse, server_phrases
from tests.conftest import MemoryKeyring
from workstation.api import ApiError
from workstation.auth import TokenStore
from workstation.client import Client
from workstation.models import OutboxEntry

STAFF = ("p1", "p2", "ps")  # two agents and a supervisor of shop 1
SLOTS = 3  # phrase ids per client, so that saves and deletes hit the same phrases often
_example = itertools.count()
_epochs = itertools.count()


@pytest.fixture(scope="module")
def shared_server() -> Iterator[tuple[LiveServer, int]]:
    with LiveServer() as srv:
        seed = srv.seed_basic()
        shop1 = seed["shops"][0]
        srv.create_user("p1", "agent", [shop1])
        srv.create_user("p2", "agent", [shop1])
        srv.create_user("ps", "supervisor", [shop1])
        yield srv, shop1


op_strategy = st.one_of(
    st.tuples(
        st.just("save"), st.integers(0, 2), st.integers(0, SLOTS - 1), st.integers(0, 99), st.booleans()
    ),
    st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, SLOTS - 1)),
    st.tuples(st.just("push"), st.integers(0, 2)),
    st.tuples(st.just("push_lost"), st.integers(0, 2)),
    st.tuples(st.just("pull"), st.integers(0, 2)),
    st.tuples(st.just("restart"), st.integers(0, 2)),
    st.tuples(st.just("outage_write"), st.integers(0, 2), st.integers(0, SLOTS - 1)),
    st.tuples(st.just("new_epoch"), st.integers(0, 2)),
)


class _Agent:
    """One workstation: its proxy (to lose answers, cut the network), its cache, its login."""

    def __init__(self, srv: LiveServer, staff_id: str, data_dir: Path) -> None:
        self.staff_id = staff_id
        self.proxy = TcpProxy(srv.url)
        self.data_dir = data_dir
        self.store = TokenStore(MemoryKeyring())
        self.client = Client.connect(
            self.proxy.url, staff_id, f"pw-{staff_id}", data_dir=data_dir, token_store=self.store, timeout=5
        )

    def restart(self) -> None:
        self.client.close()  # as if the app was closed (or killed: every write is already committed)
        self.client = Client.connect(
            self.proxy.url, self.staff_id, None, data_dir=self.data_dir, token_store=self.store, timeout=5
        )

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
        self.proxy.close()


@settings(
    max_examples=int(os.environ.get("WS_PROPERTY_EXAMPLES", "10")),
    deadline=None,
    database=None,  # no .hypothesis directory in the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(op_strategy, min_size=5, max_size=25))
def test_random_operations_converge_exactly_once(
    shared_server: tuple[LiveServer, int], ops: list[tuple[Any, ...]]
) -> None:
    srv, shop1 = shared_server
    n = next(_example)
    tmp = Path(tempfile.mkdtemp(prefix="wsprop-"))
    agents = [_Agent(srv, sid, tmp / sid) for sid in STAFF]
    #: what each phrase should finally be, by the order each client wrote (per-client ids, and only
    #: the supervisor's team writes are allowed): id -> text, or None when deleted
    expected: dict[str, str | None] = {}

    def pid(who: int, slot: int) -> str:
        return f"phrase-x{n}-{STAFF[who]}-{slot}"

    def save(who: int, slot: int, text: str, team: bool) -> None:
        args: dict[str, Any] = {"id": pid(who, slot), "scope": "team" if team else "personal", "text": text}
        if team:
            args["shop_id"] = shop1
        agents[who].client.enqueue("phrase.save@1", args)
        if not team or STAFF[who] == "ps":
            # A save that flips scope on an existing phrase is refused by the server for good.
            prior = scope_of.get(pid(who, slot))
            if prior is None or prior == args["scope"]:
                expected[pid(who, slot)] = text
                scope_of[pid(who, slot)] = args["scope"]

    scope_of: dict[str, str] = {}
    try:
        for op in ops:
            kind, who = op[0], op[1]
            agent = agents[who]
            if kind == "save":
                save(who, op[2], f"文本{op[3]}", op[4])
            elif kind == "delete":
                agent.client.enqueue("phrase.delete@1", {"id": pid(who, op[2])})
                if pid(who, op[2]) in expected:
                    expected[pid(who, op[2])] = None
                    scope_of.pop(pid(who, op[2]), None)
            elif kind == "push":
                agent.client.engine.push()
            elif kind == "push_lost":
                agent.proxy.drop_responses(1)
                with contextlib.suppress(ApiError):
                    agent.client.engine.push()
                agent.proxy.drop_responses(0)
            elif kind == "pull":
                agent.client.engine.pull()
            elif kind == "restart":
                agent.restart()
            elif kind == "new_epoch":
                # The service's history is declared new (as after a restore): every client
                # rebuilds its cache on its next pull; outboxes must come through untouched.
                with srv.write() as s:
                    s.execute(
                        update(cm.Meta).where(cm.Meta.id == 1).values(epoch=f"epoch-{n}-{next(_epochs)}")
                    )
            elif kind == "outage_write":
                refuse(agent.proxy)
                save(who, op[2], "断网时写的", False)
                with contextlib.suppress(ApiError):
                    agent.client.engine.push()
                agent.proxy.restore()

        for agent in agents:  # the network is back for good: everyone syncs
            agent.client.engine.sync_once()
        for agent in agents:
            agent.client.engine.pull()

        for agent in agents:
            c = agent.client
            assert c.engine.pending_count() == 0
            # 1. the cache equals the server, for what this user may see
            assert cached_phrases(c) == server_phrases(srv, c.user.id, [shop1])
            # 2. every change recorded exactly once, in order, with its own id and outcome
            with c.db.session() as s:
                local = [
                    (e.seq, e.mutation_id, e.status)
                    for e in s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))
                ]
            with srv.session() as s:
                logged = [
                    (m.seq, m.mutation_id, m.status)
                    for m in s.scalars(
                        select(cm.MutationLog)
                        .where(cm.MutationLog.client_id == c.db.client_id())
                        .order_by(cm.MutationLog.seq)
                    )
                ]
            assert logged == local
            assert [seq for seq, _, _ in local] == list(range(1, len(local) + 1))
        # 3. nothing lost: the server holds exactly the last word of each writer
        with srv.session() as s:
            on_server = {
                p.id: p.text for p in s.scalars(select(cm.Phrase).where(cm.Phrase.id.like(f"phrase-x{n}-%")))
            }
        assert on_server == {k: v for k, v in expected.items() if v is not None}
    finally:
        for agent in agents:
            agent.close()
        shutil.rmtree(tmp, ignore_errors=True)
