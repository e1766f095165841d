"""Engine and sessions.

Two kinds of session share one connection pool:

* ``Database.read()``: plain transactions for queries.
* ``Database.write()``: every writing transaction. On SQLite it starts with ``BEGIN IMMEDIATE``
  so that the database write lock is taken at the start (two deferred transactions that both
  read and then write deadlock into ``SQLITE_BUSY``; and it makes version allocation serial, see
  ``central.versions``). On PostgreSQL the counter row lock (``SELECT ... FOR UPDATE``) does the
  same job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from central.settings import Settings

_WRITE_OPTION = "ws_write"


def make_engine(settings: Settings) -> Engine:
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            connect_args={"timeout": settings.sqlite_busy_timeout, "check_same_thread": False},
            pool_size=20,
            max_overflow=40,
        )
        _install_sqlite_events(engine)
        return engine
    return create_engine(url, pool_size=10, max_overflow=40, pool_pre_ping=True)


def _install_sqlite_events(engine: Engine) -> None:
    # pysqlite's own transaction handling starts transactions lazily and never for SELECT; take
    # control of BEGIN so that reads are snapshots and writes take the lock up front.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(_WRITE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


class Database:
    """The engine plus the two session factories; one per service (or test) instance."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = make_engine(settings)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False
        )
        #: called (from the writer's thread) after each committed ``write()``: the live channel
        #: uses it to wake at once instead of at its next poll
        self.after_write: list[Callable[[], None]] = []

    def read_session(self) -> Session:
        return self._read()

    def write_session(self) -> Session:
        return self._write()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A writing transaction: committed when the block ends, rolled back on an exception."""
        with self._write() as session, session.begin():
            yield session
        for callback in list(self.after_write):
            callback()

    def dispose(self) -> None:
        self.engine.dispose()
