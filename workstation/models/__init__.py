"""The local database's records (SQLAlchemy 2, typed).

Two kinds of table live in the one SQLite file:

* **cache tables** (``Shop``, ``Colleague``, ``Buyer``, ``Conversation``, ``Message``, ``Phrase``)
  hold server state as of ``SyncState.cursor``. They may be dropped and rebuilt at any time
  (reset, schema change, damaged file) and are written only by the sync engine.
* **local tables** (``OutboxEntry``, ``Draft``, ``SyncState``, ``SnapshotSeen``) hold what only
  this workstation knows. They are never dropped by a cache rebuild.

Screens read the cache with the pending outbox effects applied on top (see ``workstation.sync``).
Times are stored as timezone-naive UTC (SQLite has no time zones); ``workstation.timeutil``
converts at the edges.
"""

from workstation.models.base import Base
from workstation.models.cache import (
    CACHE_TABLES,
    Buyer,
    Colleague,
    Conversation,
    Message,
    Phrase,
    Shop,
)
from workstation.models.local import Draft, OutboxEntry, OutboxStatus, SnapshotSeen, SyncState

__all__ = [
    "CACHE_TABLES",
    "Base",
    "Buyer",
    "Colleague",
    "Conversation",
    "Draft",
    "Message",
    "OutboxEntry",
    "OutboxStatus",
    "Phrase",
    "Shop",
    "SnapshotSeen",
    "SyncState",
]
