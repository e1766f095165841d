"""My status (online, busy, away, offline) as the service sees it (no Qt).

``Presence`` keeps the status the agent chose, sends it to the service (``PUT /v1/me/status``) and
repeats it every ``heartbeat_s`` seconds as a heartbeat (the service marks an agent whose
heartbeat stops offline). After ``away_after_s`` seconds without keyboard or mouse input it sets
``away`` by itself (``auto``), and the next input brings back the status the agent had chosen.
At logout or exit ``stop()`` sends ``offline``, best effort with a short timeout.

The chosen status is kept in the local cache (``sync_state``, per server and staff id), so the
next login starts with it (``online`` the first time). Without the network the status is kept
and shown as not sent; it is sent again every few seconds and at once on ``resend()`` (the
window calls it when the connection comes back).

The team's settings (``SupervisorConfig``: heartbeat, away-after time, whether order-note changes
need a reason) are read at start, again every ``CONFIG_REFRESH_S`` seconds and when the connection
comes back, and kept in ``sync_state`` (``K_TEAM_CONFIG``, read by ``stored_team_config``), so
that the note editor follows the team's policy offline too (the last known value).

Threading: one daemon thread sends; ``input_seen()`` is called from the GUI thread for every
input event and only stores a number (and wakes the thread when returning from away).
``on_change`` is called from the presence thread: the view turns it into a Qt signal.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, cast

from workstation.api import ApiError, Forbidden, NotFound, Offline, ServerUnavailable
from workstation.timeutil import utcnow
from wsprotocol import AGENT_STATUSES, AgentStatus, SupervisorConfig

if TYPE_CHECKING:
    from workstation.api import ApiClient
    from workstation.db import LocalDB

log = logging.getLogger(__name__)

#: sync_state key: the status the agent last chose (restored at the next login)
K_MY_STATUS = "my_status"
#: seconds between attempts while the status could not be sent
RETRY_S = 5.0
#: seconds the ``offline`` sent at exit may take
EXIT_TIMEOUT_S = 1.5
#: sync_state key: the team's settings as last read from the service (``SupervisorConfig`` JSON)
K_TEAM_CONFIG = "team_config"
#: seconds between reads of the team's settings (a supervisor may change them during a shift)
CONFIG_REFRESH_S = 300.0


@dataclass(frozen=True)
class PresenceState:
    """What the status control shows."""

    #: the status the agent chose (what returns after an automatic away)
    chosen: AgentStatus
    #: the status in force: ``chosen``, or ``away`` after inactivity
    status: AgentStatus
    #: True while the workstation set ``away`` by itself
    auto_away: bool = False
    #: whether the service has the current status (False: offline, or not sent yet)
    sent: bool = False
    #: when the service last acknowledged it
    sent_at: datetime | None = None
    #: why it was not sent (English, for the log and a tool tip)
    error: str | None = None


class Presence:
    """Sends my status and heartbeats; away after inactivity; offline at exit."""

    def __init__(
        self,
        api: ApiClient,
        db: LocalDB | None = None,
        *,
        on_change: Callable[[PresenceState], None] | None = None,
        heartbeat_s: float | None = None,
        away_after_s: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.api = api
        self.db = db
        self.on_change = on_change
        defaults = SupervisorConfig()
        #: explicit values (tests, settings) win over the team's configuration
        self._fixed_heartbeat = heartbeat_s
        self._fixed_away = away_after_s
        self.heartbeat_s = float(heartbeat_s or defaults.heartbeat_s)
        self.away_after_s = float(away_after_s or defaults.away_after_minutes * 60)
        self._clock = clock
        self._last_input = clock()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        chosen = self._stored_choice()
        self._state = PresenceState(chosen=chosen, status=chosen)
        #: requests made (tests read it)
        self.sends = 0
        #: when (``clock``) the team's settings are read next
        self._config_due = clock()

    # -- reading

    @property
    def state(self) -> PresenceState:
        return self._state

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def idle_seconds(self) -> float:
        """Seconds since the last keyboard or mouse input (or the agent's last choice)."""
        return self._clock() - self._last_input

    def _stored_choice(self) -> AgentStatus:
        if self.db is None:
            return "online"
        try:
            raw = self.db.get_state(K_MY_STATUS)
        except Exception:  # a cache closing under us: the default is fine
            log.debug("stored status not read", exc_info=True)
            raw = None
        if raw in AGENT_STATUSES and raw != "offline":
            return cast(AgentStatus, raw)
        return "online"

    # -- intents (any thread)

    def start(self) -> None:
        """Send the status the agent last chose, then keep it alive."""
        if self._thread is not None:
            raise RuntimeError("presence is already running")
        self._thread = threading.Thread(target=self._run, name="workstation-presence", daemon=True)
        self._thread.start()

    def choose(self, status: AgentStatus) -> None:
        """The agent picked a status (``offline`` means "appear offline" until they pick another)."""
        if status not in AGENT_STATUSES:
            raise ValueError(f"unknown status {status!r}")
        self._last_input = self._clock()
        if self.db is not None:
            try:
                self.db.set_state(K_MY_STATUS, status)
            except Exception:
                log.warning("the chosen status could not be stored", exc_info=True)
        self._update(chosen=status, status=status, auto_away=False, sent=False, error=None)
        self._wake.set()

    def input_seen(self) -> None:
        """Keyboard or mouse input (called for every input event: keep it cheap)."""
        self._last_input = self._clock()
        if self._state.auto_away:
            self._wake.set()

    def resend(self) -> None:
        """Send now (the connection came back), and read the team's settings again."""
        self._config_due = self._clock()
        self._wake.set()

    def stop(self, send_offline: bool = True, timeout: float = EXIT_TIMEOUT_S) -> bool:
        """Stop the heartbeat and (best effort) tell the service I am offline; True when it heard."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if not send_offline:
            return False
        try:
            self.api.set_status("offline", auto=True, timeout=timeout)
        except Exception as exc:  # offline, closing: the service's presence timeout covers it
            log.info("offline status not sent at exit: %s", exc)
            return False
        self._update(status="offline", auto_away=False, sent=True, sent_at=utcnow(), error=None)
        return True

    # -- the thread

    def _update(self, **changes: object) -> None:
        with self._lock:
            new = replace(self._state, **changes)  # type: ignore[arg-type]
            if new == self._state:
                return
            self._state = new
        if self.on_change is not None:
            try:
                self.on_change(new)
            except Exception:
                log.exception("presence callback failed")

    def _load_config(self) -> None:
        """Read the team's settings; keep them in the cache (the note editor reads them there)."""
        self._config_due = self._clock() + CONFIG_REFRESH_S
        try:
            config = self.api.supervisor_config()
        except (Forbidden, NotFound):
            return  # agents may not read the team's settings: the defaults apply
        except ApiError as exc:
            log.info("team settings not read (the last known or the defaults apply): %s", exc)
            self._config_due = self._clock() + RETRY_S * 6
            return
        except Exception:  # the client closing under us at logout
            if not self._stop.is_set():
                log.exception("team settings not read")
            return
        if self.db is not None:
            remember_team_config(self.db, config)
        if self._fixed_heartbeat is None:
            self.heartbeat_s = float(config.heartbeat_s)
        if self._fixed_away is None:
            self.away_after_s = float(config.away_after_minutes * 60)

    def _due_status(self) -> tuple[AgentStatus, bool]:
        """The status to be in now, and whether it is an automatic away."""
        state = self._state
        idle = self._clock() - self._last_input
        if state.chosen in ("online", "busy") and idle >= self.away_after_s:
            return "away", True
        return state.chosen, False

    def _run(self) -> None:
        last_sent_at = -1e18
        while not self._stop.is_set():
            self._wake.clear()
            if self._clock() >= self._config_due:
                self._load_config()
            status, auto = self._due_status()
            state = self._state
            changed = status != state.status or auto != state.auto_away
            if changed:
                self._update(status=status, auto_away=auto, sent=False)
            due = changed or not self._state.sent or self._clock() - last_sent_at >= self.heartbeat_s
            # returning from an automatic away is automatic too
            if due and self._send(status, auto or (changed and state.auto_away)):
                last_sent_at = self._clock()
            # Wake for the next heartbeat, the moment inactivity turns into away, or a retry.
            delay = self.heartbeat_s - (self._clock() - last_sent_at)
            if not self._state.sent:
                delay = min(delay, RETRY_S)
            if not self._state.auto_away and self._state.chosen in ("online", "busy"):
                delay = min(delay, self.away_after_s - (self._clock() - self._last_input))
            self._wake.wait(max(0.05, delay))

    def _send(self, status: AgentStatus, auto: bool) -> bool:
        self.sends += 1
        try:
            self.api.set_status(status, auto=auto)
        except (Offline, ServerUnavailable) as exc:
            self._update(sent=False, error=exc.message)
            return False
        except ApiError as exc:
            log.warning("status %s not accepted: %s", status, exc)
            self._update(sent=False, error=exc.message)
            return False
        except Exception as exc:  # the client closing under us at logout
            if self._stop.is_set():
                return False
            log.exception("status not sent")
            self._update(sent=False, error=str(exc))
            return False
        if self._state.status == status:
            self._update(sent=True, sent_at=utcnow(), error=None)
        return True


def remember_team_config(db: LocalDB, config: SupervisorConfig) -> None:
    """Keep the team's settings in the cache (``K_TEAM_CONFIG``), where the note editor reads
    them offline: after each read, and after a supervisor saved new ones on this workstation."""
    try:
        db.set_state(K_TEAM_CONFIG, config.model_dump_json())
    except Exception:
        log.warning("the team's settings could not be kept in the cache", exc_info=True)


def stored_team_config(value: str | None) -> SupervisorConfig | None:
    """The team's settings kept by ``Presence`` (the ``K_TEAM_CONFIG`` value), None when never
    read (or unreadable): the caller applies the defaults."""
    if not value:
        return None
    try:
        return SupervisorConfig.model_validate_json(value)
    except ValueError:
        log.warning("the kept team settings are unreadable; the defaults apply")
        return None


__all__ = [
    "K_MY_STATUS",
    "K_TEAM_CONFIG",
    "Presence",
    "PresenceState",
    "remember_team_config",
    "stored_team_config",
]
