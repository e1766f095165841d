"""Shifts written through the core (``workstation.handover.save_shift``), as every other change:
checked on the workstation, one outbox entry (offline too), applied by the service, and refused
with a code the screens translate when it cannot be sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

import pytest

from central.testing import LiveServer, TcpProxy
from workstation.client import Client
from workstation.handover import HandoverInputError, save_shift, shifts_of


def test_supervisor_saves_shifts_offline_and_they_arrive(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    shop = server.seed["shops"][0]  # type: ignore[attr-defined]
    with TcpProxy(server.url) as proxy:
        s1 = connect(proxy.url, "s1")
        s1.engine.sync_once()
        proxy.refuse()
        early = save_shift(s1.engine, shop_id=shop, code="early", name=" 早班 ", start=time(8), end=time(16))
        night = save_shift(s1.engine, shop_id=shop, code="night", name="夜班", start=time(22), end=time(6))
        assert (early.name, early.position, night.position) == ("早班", 0, 1)
        assert night.crosses_midnight
        assert s1.engine.pending_count() == 2  # written locally, the service unreachable

        # a code already used in the shop is refused, counting the saves still in the outbox
        with pytest.raises(HandoverInputError) as taken:
            save_shift(s1.engine, shop_id=shop, code="night", name="晚班", start=time(0), end=time(8))
        assert taken.value.code == "shift_code_taken" and taken.value.detail == {"shift_code": "night"}
        with pytest.raises(HandoverInputError) as empty:
            save_shift(s1.engine, shop_id=shop, code="mid", name="中班", start=time(16), end=time(16))
        assert empty.value.code == "shift_empty"
        with pytest.raises(HandoverInputError) as unnamed:
            save_shift(s1.engine, shop_id=shop, code="  ", name="中班", start=time(16), end=time(22))
        assert unnamed.value.code == "shift_unnamed"
        assert s1.engine.pending_count() == 2  # nothing written by a refused save

        # changing a shift keeps its id and position (its own code is not a clash)
        late = save_shift(
            s1.engine, shop_id=shop, code="night", name="夜班", start=time(23), end=time(7), shift_id=night.id
        )
        assert (late.id, late.position) == (night.id, 1)

        proxy.restore()
        s1.engine.sync_once()
    assert s1.engine.pending_count() == 0 and s1.engine.rejected_count() == 0
    a1 = connect(server.url, "a1")
    a1.engine.sync_once()
    with a1.db.session() as s:
        shifts = shifts_of(s, shop)
    assert [(x.code, x.name, x.start, x.end) for x in shifts] == [
        ("early", "早班", time(8), time(16)),
        ("night", "夜班", time(23), time(7)),
    ]


def test_agents_and_other_shops_are_refused_before_anything_is_written(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    seed = server.seed  # type: ignore[attr-defined]
    shop = seed["shops"][0]
    a1 = connect(server.url, "a1")
    a1.engine.sync_once()
    with pytest.raises(HandoverInputError) as agent:
        save_shift(a1.engine, shop_id=shop, code="early", name="早班", start=time(8), end=time(16))
    assert agent.value.code == "not_supervisor"
    s1 = connect(server.url, "s1")
    s1.engine.sync_once()
    not_mine = max(seed["shops"]) + 1000
    with pytest.raises(HandoverInputError) as other:
        save_shift(s1.engine, shop_id=not_mine, code="early", name="早班", start=time(8), end=time(16))
    assert other.value.code == "not_my_shop"
    assert a1.engine.pending_count() == 0 and s1.engine.pending_count() == 0
