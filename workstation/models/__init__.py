"""The local database's records (SQLAlchemy 2, typed).

Two kinds of table live in the one SQLite file:

* **cache tables** (``Shop``, ``Colleague``, ``Buyer``, ``Conversation``, ``Message``, ``Phrase``,
  ``Order``, ``Shipment``, ``AfterSale``, ``OrderNote``, ``NoteEntry``, ``Shift``, ``Handover``,
  ``HandoverItem``, ``HandoverAck``) hold server state as of ``SyncState.cursor``. They may
  be dropped and rebuilt at any time (reset, schema change, damaged file) and are written only by
  the sync engine.
* **local tables** (``OutboxEntry``, ``Draft``, ``PhraseUsage``, ``SyncState``, ``SnapshotSeen``)
  hold what only this workstation knows. They are never dropped by a cache rebuild.

Screens read the cache with the pending outbox effects applied on top (see ``workstation.sync``).
Times are stored as timezone-naive UTC (SQLite has no time zones); ``workstation.timeutil``
converts at the edges.
"""

from workstation.models.base import Base
from workstation.models.cache import (
    CACHE_TABLES,
    AfterSale,
    Buyer,
    Colleague,
    Conversation,
    Handover,
    HandoverAck,
    HandoverItem,
    Message,
    NoteEntry,
    Order,
    OrderNote,
    Phrase,
    Shift,
    Shipment,
    Shop,
)
from workstation.models.local import (
    Draft,
    OutboxEntry,
    OutboxStatus,
    PhraseUsage,
    SnapshotSeen,
    SyncState,
)

__all__ = [
    "CACHE_TABLES",
    "AfterSale",
    "Base",
    "Buyer",
    "Colleague",
    "Conversation",
    "Draft",
    "Handover",
    "HandoverAck",
    "HandoverItem",
    "Message",
    "NoteEntry",
    "Order",
    "OrderNote",
    "OutboxEntry",
    "OutboxStatus",
    "Phrase",
    "PhraseUsage",
    "Shift",
    "Shipment",
    "Shop",
    "SnapshotSeen",
    "SyncState",
]
