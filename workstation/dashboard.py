"""The supervisor's live dashboard, fed from the service (no Qt).

``DashboardFeed`` listens on the live channel (``ApiClient.events``, like the sync loop) and
fetches ``GET /v1/supervisor/dashboard`` when woken. Bursts of changes coalesce: one fetch runs at
a time and at most one more is queued, whatever the number of events that arrived meanwhile. A
slow poll covers a live channel that is down.

Every snapshot is kept in the local cache (``sync_state``), so that after a restart without the
network the dashboard shows the last known floor with its age instead of nothing. While the
service cannot be reached, the last snapshot stays, marked ``stale``.

``AlertTracker`` decides which alerts are new (notified once per ``Alert.key`` while the alert
lasts). ``wait_seconds`` / ``server_now`` compute the waits that tick on screen between fetches.

Two reads of the supervisor's cache (every conversation of their shops is synced there):
``held_conversations`` (what an agent holds, to reassign or take over one) and ``buyer_names``
(the buyers an SLA alert is about, read by the feed's thread so that an alert names its buyer
even when the conversation is not among the 200 waiting ones the service lists).
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from pydantic import ValidationError

from workstation.api import ApiError, AppTooOld, Forbidden, Offline, ServerUnavailable, Unauthorized
from workstation.queue import RowData, fetch_rows
from workstation.timeutil import to_aware_utc, utcnow
from wsprotocol import Alert, Dashboard

if TYPE_CHECKING:
    from workstation.api import ApiClient
    from workstation.db import LocalDB

log = logging.getLogger(__name__)

#: sync_state key: the last dashboard and when it was fetched
K_DASHBOARD = "dashboard_snapshot"
#: seconds between two writes of the snapshot into the cache (a busy floor changes every second)
STORE_INTERVAL = 5.0
#: seconds between the starts of two fetches at most: a busy floor (changes every few ms) costs
#: the screen at most two repaints a second, and a change still shows within about a second
MIN_FETCH_INTERVAL = 0.5


@dataclass(frozen=True)
class Snapshot:
    """A dashboard and what the screen needs to say about it."""

    dashboard: Dashboard
    #: when this workstation received it (UTC): the age shown during an outage counts from here
    fetched_at: datetime
    #: True when the service could not be reached since (or it came from the cache at start)
    stale: bool = False
    #: why the last fetch failed (English, for the log and a tool tip)
    error: str | None = None
    #: buyer nicknames of the conversations the alerts name, from the cache (id -> nickname)
    buyers: dict[int, str] = field(default_factory=dict)

    def age(self, now: datetime | None = None) -> timedelta:
        return (now or utcnow()) - self.fetched_at

    def server_now(self, now: datetime | None = None) -> datetime:
        """The service's clock now, estimated from the snapshot (keeps waits right on a PC whose
        clock is off)."""
        now = now or utcnow()
        return to_aware_utc(self.dashboard.generated_at) + (now - self.fetched_at)


def wait_seconds(since: datetime | None, server_now: datetime) -> float | None:
    """Seconds a buyer has waited at ``server_now`` (None: nobody waits)."""
    if since is None:
        return None
    return max(0.0, (server_now - to_aware_utc(since)).total_seconds())


def next_breach_in(snap: Snapshot, now: datetime | None = None) -> float | None:
    """Seconds until the next waiting buyer of the snapshot passes their group's SLA (None: none
    will, among those shown)."""
    server_now = snap.server_now(now)
    sla = snap.dashboard.config.sla_seconds
    soonest: float | None = None
    for conv in snap.dashboard.waiting:
        limit = sla.get(conv.group)
        waited = wait_seconds(conv.waiting_since, server_now)
        if limit is None or waited is None or waited > limit:
            continue
        left = limit - waited
        soonest = left if soonest is None else min(soonest, left)
    return soonest


def held_conversations(db: LocalDB, user_id: int) -> list[RowData]:
    """The open conversations ``user_id`` holds, as the supervisor's cache knows them (the most
    recent message first). Reads the database: call it on a worker."""
    rows = fetch_rows(db.engine, assignee_ids=[user_id])
    held = [r for r in rows if r.assignee_id == user_id and r.status != "closed"]
    held.sort(key=lambda r: r.last_message_at, reverse=True)
    return held


def buyer_names(db: LocalDB, conversation_ids: Iterable[int]) -> dict[int, str]:
    """Buyer nicknames of these conversations from the cache (those it names; empty ones left
    out)."""
    ids = sorted(set(conversation_ids))
    if not ids:
        return {}
    return {r.id: r.buyer_nickname for r in fetch_rows(db.engine, conversation_ids=ids) if r.buyer_nickname}


def alert_conversations(dashboard: Dashboard) -> set[int]:
    """The conversations the dashboard's alerts name."""
    return {a.conversation_id for a in dashboard.alerts if a.conversation_id is not None}


class AlertTracker:
    """Which alerts to notify: each key once while it lasts (an alert that ends and comes back
    later is new again)."""

    def __init__(self) -> None:
        self._active: set[str] = set()

    def new_alerts(self, alerts: Iterable[Alert]) -> list[Alert]:
        alerts = list(alerts)
        fresh = [a for a in alerts if a.key not in self._active]
        self._active = {a.key for a in alerts}
        return fresh


@dataclass
class FeedStats:
    """Counters the tests and the benchmark read."""

    fetches: int = 0
    failures: int = 0
    events: int = 0
    stored: int = 0
    #: seconds each successful fetch took
    durations: list[float] = field(default_factory=list)


class DashboardFeed:
    """Fetches the dashboard when the live channel says something changed."""

    def __init__(
        self,
        api: ApiClient,
        db: LocalDB | None = None,
        *,
        on_snapshot: Callable[[Snapshot], None],
        poll_interval: float = 30.0,
        live: bool = True,
    ) -> None:
        self.api = api
        self.db = db
        self.on_snapshot = on_snapshot
        self.poll_interval = poll_interval
        self.min_interval = MIN_FETCH_INTERVAL
        self.live = live
        self.stats = FeedStats()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._snapshot: Snapshot | None = None
        self._last_store = 0.0
        self._stored_version: int | None = None
        #: buyer nicknames already read from the cache (conversation id -> nickname)
        self._buyers: dict[int, str] = {}
        #: False once the service said this user may not see the dashboard (an agent)
        self.allowed = True

    @property
    def snapshot(self) -> Snapshot | None:
        return self._snapshot

    # -- the cache

    def load_cached(self) -> Snapshot | None:
        """The snapshot kept by the last session (marked stale until a fetch succeeds)."""
        if self.db is None:
            return None
        try:
            raw = self.db.get_state(K_DASHBOARD)
            if not raw:
                return None
            data = json.loads(raw)
            snap = Snapshot(
                dashboard=Dashboard.model_validate(data["dashboard"]),
                fetched_at=to_aware_utc(datetime.fromisoformat(data["fetched_at"])),
                stale=True,
            )
        except (ValueError, KeyError, TypeError, ValidationError):
            log.warning("the cached dashboard is unreadable: ignored")
            return None
        if self._snapshot is None:
            self._snapshot = snap
        return snap

    def _store(self, snap: Snapshot, force: bool = False) -> None:
        if self.db is None or snap.stale:
            return
        now = time.monotonic()
        if not force and now - self._last_store < STORE_INTERVAL:
            return
        if self._stored_version == snap.dashboard.version and not force:
            return
        payload = json.dumps(
            {"fetched_at": snap.fetched_at.isoformat(), "dashboard": snap.dashboard.model_dump(mode="json")},
            ensure_ascii=False,
        )
        try:
            self.db.set_state(K_DASHBOARD, payload)
        except Exception:  # the cache closing at logout
            log.debug("dashboard snapshot not stored", exc_info=True)
            return
        self._last_store = now
        self._stored_version = snap.dashboard.version
        self.stats.stored += 1

    # -- running

    def start(self) -> None:
        if self._threads:
            raise RuntimeError("the dashboard feed is already running")
        targets = [("workstation-dashboard", self._run)]
        if self.live:
            targets.append(("workstation-dashboard-live", self._run_live))
        for name, target in targets:
            t = threading.Thread(target=target, name=name, daemon=True)
            t.start()
            self._threads.append(t)

    def refresh(self) -> None:
        """Fetch soon (a live event, an action just made, the supervisor pressed F5)."""
        self._wake.set()

    def stop(self, timeout: float = 1.0) -> None:
        """Stop following (at logout or exit; waits at most ``timeout`` for the threads)."""
        self._stop.set()
        self._wake.set()
        if self.live:
            # a blocked read of the stream would otherwise wait for the next heartbeat (this also
            # breaks the sync loop's stream, which is stopping too, or reconnects)
            self.api.close_events()
        deadline = time.monotonic() + timeout
        for t in self._threads:
            t.join(max(0.0, deadline - time.monotonic()))
        self._threads = []
        if self._snapshot is not None:
            self._store(self._snapshot, force=True)

    def fetch_once(self) -> Snapshot | None:
        """One fetch (on the calling thread): the new snapshot, or the old one marked stale."""
        started = time.monotonic()
        try:
            dashboard = self.api.dashboard()
        except Forbidden:
            self.allowed = False
            raise
        except (Offline, ServerUnavailable, Unauthorized, AppTooOld, ApiError) as exc:
            self.stats.failures += 1
            old = self._snapshot
            if old is None:
                return None
            snap = replace(old, stale=True, error=exc.message)
            self._snapshot = snap
            return snap
        self.stats.fetches += 1
        self.stats.durations.append(time.monotonic() - started)
        snap = Snapshot(dashboard=dashboard, fetched_at=utcnow(), buyers=self._alert_buyers(dashboard))
        self._snapshot = snap
        self._store(snap)
        return snap

    def _alert_buyers(self, dashboard: Dashboard) -> dict[int, str]:
        """Nicknames of the buyers the alerts name, read from the cache once per conversation."""
        wanted = alert_conversations(dashboard)
        missing = wanted - self._buyers.keys()
        if missing and self.db is not None:
            try:
                found = buyer_names(self.db, missing)
            except Exception:  # the cache closing at logout
                log.debug("buyer names not read", exc_info=True)
                found = {}
            # an id the cache does not know yet is asked again at the next fetch
            self._buyers.update(found)
        if len(self._buyers) > 5000:
            self._buyers = {k: v for k, v in self._buyers.items() if k in wanted}
        return {k: self._buyers[k] for k in wanted if k in self._buyers}

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            # Clear first: an event arriving during the fetch sets it again, which queues exactly
            # one more fetch however many events came.
            self._wake.clear()
            started = time.monotonic()
            try:
                snap = self.fetch_once()
            except Forbidden:
                log.info("the dashboard is not for this user")
                return
            except Exception:
                if self._stop.is_set():
                    return
                log.exception("dashboard fetch failed unexpectedly")
                snap = None
            if self._stop.is_set():
                return
            delay = self.poll_interval
            if snap is None or snap.stale:
                failures += 1
                delay = min(self.poll_interval, 1.0 * (2 ** min(failures, 5)) * random.uniform(0.5, 1.0))
            else:
                failures = 0
                # A buyer passing the SLA is news without any change on the service: fetch just
                # after the next wait crosses its threshold (the alert and the figures come then).
                due = next_breach_in(snap)
                if due is not None:
                    delay = min(delay, due + 0.5)
            if snap is not None:
                try:
                    self.on_snapshot(snap)
                except Exception:
                    log.exception("dashboard callback failed")
            # events arriving meanwhile set the wake flag: the next fetch follows this pause
            self._stop.wait(max(0.0, self.min_interval - (time.monotonic() - started)))
            self._wake.wait(max(0.0, delay - (time.monotonic() - started)))

    def _run_live(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                for _event in self.api.events(self._stop):
                    failures = 0
                    self.stats.events += 1
                    self._wake.set()
            except AppTooOld:
                return
            except (Offline, ServerUnavailable, Unauthorized, ApiError):
                failures += 1
            except Exception:
                log.exception("dashboard live channel failed")
                failures += 1
            if self._stop.is_set():
                return
            # The channel dropped: fetch now (which tells whether the service is gone), then
            # reconnect with backoff.
            self._wake.set()
            self._stop.wait(min(30.0, 1.0 * (2 ** min(failures, 5))) * random.uniform(0.5, 1.0))


__all__ = [
    "K_DASHBOARD",
    "AlertTracker",
    "DashboardFeed",
    "FeedStats",
    "Snapshot",
    "alert_conversations",
    "buyer_names",
    "held_conversations",
    "next_breach_in",
    "wait_seconds",
]
