"""My status against the real service over HTTP: the status I chose is set at start and kept
for the next login, heartbeats move the service's last-seen time, inactivity sets away and input
brings the chosen status back, the status chosen offline goes out when the service is back, and
stopping says offline."""

from __future__ import annotations

import time
from typing import Any

from central import models as cm
from central.testing import TcpProxy
from tests.client.conftest import refuse, wait_for
from workstation.presence import K_MY_STATUS, Presence, PresenceState


def server_state(server: Any, user_id: int) -> tuple[str, Any] | None:
    with server.session() as s:
        state = s.get(cm.AgentState, user_id)
        return None if state is None else (state.status, state.last_seen_at)


def server_status(server: Any, user_id: int) -> str | None:
    found = server_state(server, user_id)
    return None if found is None else found[0]


def test_status_set_at_start_kept_for_the_next_login_and_offline_at_stop(server: Any, connect: Any) -> None:
    client = connect(server.url, "a1")
    uid = client.user.id
    seen: list[PresenceState] = []
    presence = Presence(client.api, client.db, on_change=seen.append, heartbeat_s=30, away_after_s=600)
    assert presence.state.chosen == "online"  # the default the first time
    presence.start()
    wait_for(lambda: server_status(server, uid) == "online", timeout=5)
    wait_for(lambda: presence.state.sent, timeout=5)
    presence.choose("busy")
    wait_for(lambda: server_status(server, uid) == "busy", timeout=5)
    assert client.db.get_state(K_MY_STATUS) == "busy"
    assert presence.stop() is True
    assert server_status(server, uid) == "offline"
    assert any(s.sent and s.status == "busy" for s in seen)
    # the next session starts with what the agent last chose
    again = Presence(client.api, client.db, heartbeat_s=30, away_after_s=600)
    assert again.state.chosen == "busy"
    again.start()
    wait_for(lambda: server_status(server, uid) == "busy", timeout=5)
    again.stop()


def test_heartbeat_moves_last_seen(server: Any, connect: Any) -> None:
    client = connect(server.url, "a1")
    uid = client.user.id
    presence = Presence(client.api, client.db, heartbeat_s=0.3, away_after_s=600)
    presence.start()
    try:
        wait_for(lambda: server_status(server, uid) == "online", timeout=5)
        first = server_state(server, uid)
        assert first is not None
        wait_for(lambda: (server_state(server, uid) or ("", first[1]))[1] > first[1], timeout=5)
        sends = presence.sends
        time.sleep(1.0)
        # about three heartbeats a second, not a busy loop
        assert 1 <= presence.sends - sends <= 6
    finally:
        presence.stop()


def test_away_after_inactivity_and_back_on_input(server: Any, connect: Any) -> None:
    client = connect(server.url, "a1")
    uid = client.user.id
    started = time.monotonic()  # before the Presence: its idle clock starts when it is made
    presence = Presence(client.api, client.db, heartbeat_s=30, away_after_s=0.6)
    presence.choose("busy")
    presence.start()
    try:
        wait_for(lambda: server_status(server, uid) == "busy", timeout=5)
        wait_for(lambda: server_status(server, uid) == "away", timeout=5)
        assert time.monotonic() - started >= 0.6  # not before the configured time
        assert presence.state.auto_away and presence.state.chosen == "busy"
        with server.session() as s:
            last = (
                s.query(cm.Activity)
                .filter_by(kind="status", agent_id=uid)
                .order_by(cm.Activity.id.desc())
                .first()
            )
            assert last is not None
        presence.input_seen()
        wait_for(lambda: server_status(server, uid) == "busy", timeout=5)
        assert not presence.state.auto_away
        # while input keeps coming, it stays busy
        for _ in range(8):
            presence.input_seen()
            time.sleep(0.1)
        assert server_status(server, uid) == "busy"
    finally:
        presence.stop()


def test_status_chosen_offline_is_kept_and_sent_when_the_service_is_back(server: Any, connect: Any) -> None:
    with TcpProxy(server.url) as proxy:
        client = connect(proxy.url, "a1")
        uid = client.user.id
        client.api.timeout = 2.0
        presence = Presence(client.api, client.db, heartbeat_s=30, away_after_s=600)
        presence.start()
        try:
            wait_for(lambda: server_status(server, uid) == "online", timeout=5)
            refuse(proxy)
            presence.choose("busy")
            wait_for(lambda: presence.state.error is not None, timeout=5)
            assert presence.state.status == "busy" and not presence.state.sent
            assert server_status(server, uid) == "online"
            proxy.restore()
            presence.resend()
            wait_for(lambda: presence.state.sent, timeout=10)
            assert server_status(server, uid) == "busy"
        finally:
            presence.stop(send_offline=False)
        # at exit without the service: best effort, and quick
        refuse(proxy)
        started = time.monotonic()
        assert presence.stop() is False
        assert time.monotonic() - started < 3.0
