"""The local SQLite database: opening, locking, migrating, and recovering from a damaged file.

One file per server and staff id (see ``workstation.paths``). Opening it:

1. takes an OS-level lock on ``<file>.lock`` so that a second copy of the app cannot write the same
   cache (two sync engines would interleave sequence numbers and cursors) → ``CacheInUse``;
2. checks the file (``PRAGMA quick_check``) and applies Alembic migrations up to head;
3. if the file is damaged (not a database, quick_check fails, a migration trips on corruption),
   renames it aside as ``<name>.damaged-<UTC timestamp>`` (never deletes it: support may need it),
   creates a fresh database and salvages the outbox, the drafts and the client id from the damaged
   copy, best-effort. The cache itself is not salvaged: it is rebuilt from the server.

Pragmas: WAL (readers never wait for the sync writer), ``synchronous=FULL``, ``foreign_keys``,
``busy_timeout``. FULL rather than NORMAL because in WAL mode NORMAL can lose the last committed
transactions on a power cut, and an outbox row is a promise to the agent ("saved", guarantee 1).
The cost is one fsync per commit; the sync engine commits one page of up to 5,000 rows at a time,
so that cost is negligible where volume is high, and invisible for single local writes.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import Session, sessionmaker

from workstation.models import Draft, OutboxEntry, OutboxStatus, SyncState
from workstation.timeutil import stamp_for_filename

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000


class CacheInUse(Exception):
    """Another copy of the app (or another window of this one) holds this cache open."""

    def __init__(self, lock_path: Path) -> None:
        super().__init__(
            f"The local cache is already open in another copy of Workstation (lock file: {lock_path}). "
            "Close the other copy and try again."
        )
        self.lock_path = lock_path


class DamagedDatabase(Exception):
    """The file is not a usable SQLite database (internal: triggers recovery)."""


@dataclass
class RecoveryReport:
    """What ``LocalDB.open`` did with a damaged file: where it is now and what was saved from it."""

    aside_path: Path
    salvaged_outbox: int
    salvaged_drafts: int
    client_id_kept: bool = False


# ----------------------------------------------------------------------------- file lock


class _FileLock:
    """An exclusive, non-blocking OS lock held for the life of the open database.

    The lock is on a separate file so that it never interferes with SQLite's own locking, and the
    OS drops it when the process dies (a crash never leaves a stale lock behind).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[bytes] | None = None

    def acquire(self) -> None:
        fh = open(self.path, "a+b")  # noqa: SIM115 - held open until release()
        try:
            if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            fh.close()
            raise CacheInUse(self.path) from exc
        self._fh = fh

    def release(self) -> None:
        fh, self._fh = self._fh, None
        if fh is None:
            return
        try:
            if sys.platform == "win32":  # pragma: no cover
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        finally:
            fh.close()


# ----------------------------------------------------------------------------- engine


def _make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module so that BEGIN is ours (below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A write transaction that starts DEFERRED, reads, and then writes after another thread has
        # committed fails at once with SQLITE_BUSY (the busy timeout cannot help). Writers
        # therefore begin IMMEDIATE (they queue for the write lock up front); readers stay deferred
        # so that they never wait for the sync thread in WAL mode.
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _alembic_config(connection: Any) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def _head_revision() -> str | None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(cfg).get_current_head()


def _is_corruption(exc: BaseException) -> bool:
    """True for errors that mean "this file is damaged", not for bugs in a migration."""
    orig = getattr(exc, "orig", exc)
    if isinstance(orig, sqlite3.DatabaseError) and not isinstance(
        orig, sqlite3.OperationalError | sqlite3.IntegrityError | sqlite3.ProgrammingError
    ):
        return True  # "file is not a database", "database disk image is malformed"
    text = str(orig).lower()
    return any(
        marker in text for marker in ("malformed", "not a database", "file is encrypted", "disk image")
    )


def _check_file(path: Path) -> None:
    """Raise DamagedDatabase when the file is not a healthy SQLite database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower():
            raise
        raise DamagedDatabase(str(exc)) from exc
    if rows != [("ok",)]:
        raise DamagedDatabase("; ".join(str(r[0]) for r in rows[:5]))


# ----------------------------------------------------------------------------- salvage


@dataclass
class _Salvage:
    client_id: str | None
    outbox: list[dict[str, Any]]
    drafts: list[dict[str, Any]]
    last_seq: int = 0


def _salvage(path: Path) -> _Salvage:
    """Read what can still be read from a damaged file: every failure is swallowed table by table
    (and row by row where SQLite lets us), because half an outbox is better than none."""
    found = _Salvage(client_id=None, outbox=[], drafts=[])
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return found
    try:
        with contextlib.suppress(sqlite3.Error):
            row = conn.execute("SELECT value FROM sync_state WHERE key = 'client_id'").fetchone()
            if row and isinstance(row[0], str) and 8 <= len(row[0]) <= 64:
                found.client_id = row[0]
            # The highest number ever used: with the client id it keeps new changes from reusing
            # numbers of changes pruned from the journal.
            row = conn.execute("SELECT value FROM sync_state WHERE key = 'last_seq'").fetchone()
            if row and str(row[0]).isdigit():
                found.last_seq = int(row[0])
        cols = (
            "seq, mutation_id, name, args, base_version, authored_at, status, attempts, last_error, "
            "result, server_version, acked_at"
        )
        with contextlib.suppress(sqlite3.Error):
            for r in conn.execute(f"SELECT {cols} FROM outbox ORDER BY seq"):
                with contextlib.suppress(ValueError, TypeError):
                    found.outbox.append(
                        {
                            "seq": int(r[0]),
                            "mutation_id": str(r[1]),
                            "name": str(r[2]),
                            "args": json.loads(r[3]),
                            "base_version": r[4],
                            "authored_at": r[5],
                            "status": str(r[6]),
                            "attempts": int(r[7] or 0),
                            "last_error": r[8],
                            "result": json.loads(r[9]) if r[9] else None,
                            "server_version": r[10],
                            "acked_at": r[11],
                        }
                    )
        with contextlib.suppress(sqlite3.Error):
            for r in conn.execute("SELECT conversation_id, text, updated_at FROM draft"):
                with contextlib.suppress(ValueError, TypeError):
                    found.drafts.append({"conversation_id": int(r[0]), "text": str(r[1]), "updated_at": r[2]})
    finally:
        conn.close()
    return found


def _parse_db_time(value: Any) -> Any:
    from datetime import datetime

    from workstation.timeutil import utcnow_naive

    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return utcnow_naive()
    return value if value is not None else None


# ----------------------------------------------------------------------------- LocalDB


class LocalDB:
    """An open local database. Use ``LocalDB.open``; close with ``close()``."""

    def __init__(self, path: Path, engine: Engine, lock: _FileLock) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            engine.execution_options(sqlite_immediate=True), expire_on_commit=False
        )
        self.recovery: RecoveryReport | None = None
        self._client_id: str | None = None

    # -- opening

    @classmethod
    def open(cls, path: Path) -> LocalDB:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = _FileLock(path.with_name(path.name + ".lock"))
        lock.acquire()
        try:
            try:
                _check_file(path)
                db = cls._open_migrated(path, lock)
            except (DamagedDatabase, SADatabaseError, sqlite3.DatabaseError, CommandError) as exc:
                if isinstance(exc, CommandError) and "revision" not in str(exc).lower():
                    raise
                # A revision this app does not know: the cache was written by a newer version of
                # the app (the agent went back to an older one). Its layout cannot be trusted, so it
                # is handled like a damaged file: set aside, outbox and drafts salvaged.
                if isinstance(exc, SADatabaseError | sqlite3.DatabaseError) and not _is_corruption(exc):
                    raise
                log.error("local database %s is damaged (%s); setting it aside", path, exc)
                db = cls._recover(path, lock)
            db.client_id()  # created on first open, so that it exists before any write
            return db
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_migrated(cls, path: Path, lock: _FileLock) -> LocalDB:
        engine = _make_engine(path)
        try:
            with engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
                # Skip Alembic's script loading when already at head: it costs ~50 ms of start-up.
                if current != _head_revision():
                    command.upgrade(_alembic_config(conn), "head")
                conn.commit()
        except BaseException:
            engine.dispose()
            raise
        return cls(path, engine, lock)

    @classmethod
    def _recover(cls, path: Path, lock: _FileLock) -> LocalDB:
        aside = path.with_name(f"{path.name}.damaged-{stamp_for_filename()}")
        path.rename(aside)
        # The WAL may hold the newest committed transactions: keep it beside the aside copy, under
        # the name SQLite looks for, so that the salvage below (and support) can read it.
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.rename(aside.with_name(aside.name + suffix))
        found = _salvage(aside)
        db = cls._open_migrated(path, lock)
        kept = 0
        with db.write_session() as s, s.begin():
            if found.client_id:
                s.merge(SyncState(key="client_id", value=found.client_id))
                if found.last_seq:
                    s.merge(SyncState(key="last_seq", value=str(found.last_seq)))
                rows = found.outbox
            else:
                # A new client id means a new sequence on the server: only changes that were never
                # acknowledged are worth sending again, renumbered from 1.
                pending = [r for r in found.outbox if r["status"] != OutboxStatus.APPLIED]
                rows = [dict(r, seq=i) for i, r in enumerate(pending, start=1)]
            for r in rows:
                s.add(
                    OutboxEntry(
                        **dict(
                            r,
                            authored_at=_parse_db_time(r["authored_at"]),
                            acked_at=_parse_db_time(r["acked_at"]),
                        )
                    )
                )
                kept += 1
            for d in found.drafts:
                s.add(
                    Draft(
                        conversation_id=d["conversation_id"],
                        text=d["text"],
                        updated_at=_parse_db_time(d["updated_at"]),
                    )
                )
        db.recovery = RecoveryReport(
            aside_path=aside,
            salvaged_outbox=kept,
            salvaged_drafts=len(found.drafts),
            client_id_kept=found.client_id is not None,
        )
        return db

    # -- use

    def session(self) -> Session:
        """A new ORM session for reading (or a single-statement write); one per thread/operation."""
        return self._sessions()

    def write_session(self) -> Session:
        """A new ORM session whose transactions begin IMMEDIATE: use it for read-then-write work."""
        return self._write_sessions()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction: commits on success, rolls back on error."""
        with self.write_session() as s, s.begin():
            yield s

    def get_state(self, key: str, session: Session | None = None) -> str | None:
        if session is not None:
            return session.scalar(select(SyncState.value).where(SyncState.key == key))
        with self.session() as s:
            return s.scalar(select(SyncState.value).where(SyncState.key == key))

    def set_state(self, key: str, value: str | None, session: Session | None = None) -> None:
        """Write (or with None, remove) a ``sync_state`` fact, in ``session``'s transaction if given."""

        def _apply(s: Session) -> None:
            row = s.get(SyncState, key)
            if value is None:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(SyncState(key=key, value=value))
            else:
                row.value = value

        if session is not None:
            _apply(session)
            session.flush()
            return
        with self.transaction() as s:
            _apply(s)

    def client_id(self) -> str:
        """A stable id per cache, made on first open; the server keys sequence numbers by it."""
        if self._client_id is None:
            with self.transaction() as s:
                value = self.get_state("client_id", s)
                if value is None:
                    value = uuid.uuid4().hex
                    s.add(SyncState(key="client_id", value=value))
            self._client_id = value
        return self._client_id

    def close(self) -> None:
        self.engine.dispose()
        self._lock.release()

    def __enter__(self) -> LocalDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
