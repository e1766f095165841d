"""Periodic clean-up: expired tokens, and tombstones past the retention horizon.

Purging tombstones moves ``meta.purge_version``: a client whose cursor is older than that may
have missed a deletion, so its next pull answers ``reset: expired`` and it rebuilds its cache.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy import delete

from central.db import Database
from central.models import AccessToken, RefreshToken, utcnow
from central.settings import Settings
from central.sync import purge_tombstones_older_than

log = logging.getLogger(__name__)

#: seconds between runs of the background housekeeping task
INTERVAL_S = 3600.0


def housekeep(db: Database, settings: Settings) -> dict[str, int]:
    now = utcnow()
    with db.write() as s:
        # a day of grace: "expired" answers stay precise for a while instead of "unknown token"
        access = s.execute(delete(AccessToken).where(AccessToken.expires_at < now - timedelta(days=1)))
        refresh = s.execute(delete(RefreshToken).where(RefreshToken.expires_at < now - timedelta(days=1)))
        tombstones = purge_tombstones_older_than(s, settings.tombstone_retention_days)
    return {
        "access_tokens": int(getattr(access, "rowcount", 0) or 0),
        "refresh_tokens": int(getattr(refresh, "rowcount", 0) or 0),
        "tombstones": tombstones,
    }


#: seconds between presence checks (agents whose heartbeat stopped become offline)
PRESENCE_INTERVAL_S = 5.0


def expire_presence(db: Database) -> list[int]:
    """Agents silent for longer than ``SupervisorConfig.presence_timeout_s`` become offline."""
    from central import supervisor

    now = utcnow()
    with db.read() as s:  # the usual answer is "nobody": no write lock for it
        if not supervisor.expire_presence(s, now, dry_run=True):
            return []
    with db.write() as s:
        return supervisor.expire_presence(s, now)


async def run_presence(db: Database, interval: float = PRESENCE_INTERVAL_S) -> None:
    while True:
        try:
            gone = await asyncio.to_thread(expire_presence, db)
            if gone:
                log.info("presence: %d agents went offline (no heartbeat)", len(gone))
        except asyncio.CancelledError:
            raise
        except Exception:  # a busy database: try again next time
            log.warning("presence check failed", exc_info=True)
        await asyncio.sleep(interval)


async def run_housekeeping(db: Database, settings: Settings, interval: float = INTERVAL_S) -> None:
    """The hourly clean-up, and the presence check every few seconds beside it."""
    presence = asyncio.create_task(run_presence(db), name="presence")
    try:
        await _run_cleanup(db, settings, interval)
    finally:
        presence.cancel()


async def _run_cleanup(db: Database, settings: Settings, interval: float) -> None:
    while True:
        try:
            counts = await asyncio.to_thread(housekeep, db, settings)
            if any(counts.values()):
                log.info("housekeeping removed %s", counts)
        except asyncio.CancelledError:
            raise
        except Exception:  # a busy database: try again next time
            log.warning("housekeeping failed", exc_info=True)
        await asyncio.sleep(interval)
