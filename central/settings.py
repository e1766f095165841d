"""Service settings, declared once with their types and defaults, read from ``WSC_*`` variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

DEFAULT_DATABASE_URL = "sqlite:///./workstation-central.db"


@dataclass(frozen=True)
class Settings:
    #: SQLAlchemy URL: ``sqlite:///path.db`` or ``postgresql+psycopg://user@host/db``
    database_url: str = DEFAULT_DATABASE_URL
    #: lifetime of an access token, seconds (short: a stolen one is worth little)
    access_ttl: int = 900
    #: lifetime of a refresh token, seconds; it rotates on every use
    refresh_ttl: int = 30 * 24 * 3600
    #: seconds during which a just-rotated refresh token may be presented again (its response was
    #: lost on the way): a fresh pair is issued and the lost one is void. Outside it, reuse means
    #: theft and revokes the whole login. 0 (the default) is the strict rule: the client then
    #: keeps working offline and asks for a new login.
    refresh_reuse_grace: int = 0
    #: tombstones older than this may be purged; cursors older than the purge horizon get ``expired``
    tombstone_retention_days: int = 90
    #: seconds between comment heartbeats on the live channel
    heartbeat_seconds: float = 15.0
    #: seconds between polls of the version counter by the live channel (works across processes)
    event_poll_seconds: float = 0.3
    #: seconds a writer waits for the SQLite write lock before the request fails with 503
    sqlite_busy_timeout: float = 15.0
    #: Retry-After (seconds) sent with 503 ``unavailable``
    retry_after_seconds: int = 2
    #: demo buyer traffic: new events per minute (0: no traffic)
    traffic_rate: float = 0.0
    #: seed for the demo traffic simulator (None: random)
    traffic_seed: int | None = field(default=None)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``WSC_<FIELD>`` environment variables, then explicit overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get("WSC_" + f.name.upper())
            if raw is None:
                continue
            default = f.default
            if isinstance(default, bool):
                values[f.name] = raw.lower() in {"1", "true", "yes", "on"}
            elif isinstance(default, int):
                values[f.name] = int(raw)
            elif isinstance(default, float):
                values[f.name] = float(raw)
            elif f.name == "traffic_seed":
                values[f.name] = int(raw) if raw else None
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
