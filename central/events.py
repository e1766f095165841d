"""The live channel's source: notice when the version counter moves.

Several service processes may share one PostgreSQL, so a write in another process must be seen
too: the watcher polls ``meta.version`` (one indexed single-row read) every
``event_poll_seconds``. Writes in this process wake it at once through ``Database.after_write``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from central.db import Database
from central.versions import current_version

log = logging.getLogger(__name__)


class VersionWatcher:
    def __init__(self, db: Database, poll_seconds: float) -> None:
        self.db = db
        self.poll_seconds = poll_seconds
        self.version = -1
        self._changed = asyncio.Condition()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.closing = False

    def _read(self) -> int:
        with self.db.read() as session:
            return current_version(session)

    def _on_write(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._wake.set)

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self.version = await asyncio.to_thread(self._read)
        self.db.after_write.append(self._on_write)
        self._task = asyncio.create_task(self._run(), name="version-watcher")

    def close_streams(self) -> None:
        """Ask open live-channel streams to end (from any thread): call it before telling the
        server to exit, so that its graceful shutdown does not wait for them."""
        self.closing = True

    async def stop(self) -> None:
        self.closing = True
        if self._on_write in self.db.after_write:
            self.db.after_write.remove(self._on_write)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        async with self._changed:
            self._changed.notify_all()

    async def _run(self) -> None:
        while True:
            try:
                v = await asyncio.to_thread(self._read)
            except Exception:  # the database may be briefly unavailable; keep watching
                log.warning("version watcher could not read the counter", exc_info=True)
                v = self.version
            if v != self.version:
                self.version = v
                async with self._changed:
                    self._changed.notify_all()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)
            self._wake.clear()

    async def wait_beyond(self, seen: int, timeout: float) -> int:
        """The current version once it differs from ``seen``, or ``seen`` after ``timeout``."""
        if self.version != seen:
            return self.version
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: self.version != seen or self.closing), timeout
                )
        return self.version
