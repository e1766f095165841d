"""UTC helpers. The local database stores timezone-naive UTC (SQLite has no time zones); the wire
carries timezone-aware ISO 8601. These functions are the only place where one becomes the other."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time, timezone-aware UTC (for the wire and for display)."""
    return datetime.now(UTC)


def utcnow_naive() -> datetime:
    """The current time as naive UTC (for the local database)."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_naive_utc(value: datetime) -> datetime:
    """Aware → naive UTC. A naive value is taken to be UTC already (that is what the DB holds)."""
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def to_aware_utc(value: datetime) -> datetime:
    """Naive UTC (from the DB) → aware UTC. An aware value is converted to UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def parse_iso_naive_utc(text: str) -> datetime:
    """Parse an ISO 8601 timestamp from the wire into naive UTC.

    ``datetime.fromisoformat`` is a C function (Python 3.11 accepts a trailing ``Z``) and is about
    ten times faster than a pydantic or dateutil parse, which matters for 100,000-row syncs.
    """
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def stamp_for_filename(value: datetime | None = None) -> str:
    """``20261122T193000Z``: a UTC timestamp that sorts and is safe in a file name on every OS."""
    return to_aware_utc(value or utcnow()).strftime("%Y%m%dT%H%M%S%fZ")
