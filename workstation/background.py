"""The one mechanism for background work in the desktop app.

Two kinds of work leave the UI thread:

* **short operations** (a login, a claim, loading the queue's rows, reading a conversation's
  messages): ``Background.run(fn, on_done, on_error)`` runs ``fn`` on a ``QThreadPool`` and calls
  ``on_done(result)`` or ``on_error(exc)`` on the main thread, through a queued signal;
* **the sync loop**, a long-lived thread owned by the client core that reports through plain
  callbacks: ``SyncBridge`` turns those callbacks into Qt signals delivered on the main thread.

Widgets are never touched from a worker: a worker only returns a value (or raises), and everything
that touches a widget happens in the ``on_done`` / ``on_error`` callbacks, on the main thread.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Delivery(QObject):
    """Lives on the main thread; its signals, emitted from a worker, are delivered queued."""

    finished = Signal(object, object)  # (task, result)
    failed = Signal(object, object)  # (task, exception)


class Task:
    """One piece of work: what to run, and what to do with its result or its error.

    Deliberately not a ``QRunnable`` subclass: the pool is given the bound ``run`` method, which
    PySide wraps in a runnable that the pool owns and frees after it ran, while Python keeps this
    object alive (through that wrapper, and through ``Background._tasks`` until its result is
    delivered). A Python-owned QRunnable could be freed by the main thread while the worker is
    still returning from it.
    """

    def __init__(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        delivery: _Delivery,
        name: str,
        owner: QObject | None = None,
        on_orphaned: Callable[[Any], None] | None = None,
    ) -> None:
        self.fn = fn
        self.on_orphaned = on_orphaned
        self.on_done = on_done
        self.on_error = on_error
        self.name = name
        self._delivery = delivery
        self.owner = owner

    def owner_alive(self) -> bool:
        """False once the widget that asked for this work was deleted (its results are dropped)."""
        owners = [self.owner] if self.owner is not None else []
        # A bound method of a QObject (a slot) belongs to that object, too.
        for callback in (self.on_done, self.on_error):
            target = getattr(callback, "__self__", None)
            if isinstance(target, QObject):
                owners.append(target)
        return all(shiboken6.isValid(o) for o in owners)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # delivered to on_error on the main thread
            self._delivery.failed.emit(self, exc)
        else:
            self._delivery.finished.emit(self, result)


#: seconds; see Background.__init__
UI_SWITCH_INTERVAL = 0.0002


class Background(QObject):
    """Runs short operations on a thread pool, results on the main thread.

    Create it on the main thread (the delivery object's thread decides where results arrive).
    """

    #: emitted on the main thread whenever the number of running tasks changes
    busy_changed = Signal(int)

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        # Every call from Qt into Python (a model's data() while painting, a slot) must take the
        # GIL; while a worker computes, each such call waits up to one switch interval (5 ms by
        # default), and painting the queue makes hundreds of them: repaints took 80-120 ms while
        # a worker rebuilt 100,000 queue rows. A 0.2 ms interval hands the GIL over sooner (with
        # the workers' long C calls cut into slices, see queue.py): the UI thread's longest stall
        # during a 100k-row first sync went from 50-130 ms to 36-63 ms, p99 ~17 ms
        # (benchmarks/bench_spine.py), with no measurable loss of sync throughput.
        sys.setswitchinterval(UI_SWITCH_INTERVAL)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._delivery = _Delivery(self)
        self._delivery.finished.connect(self._on_finished)
        self._delivery.failed.connect(self._on_failed)
        # References to running tasks: without them a QRunnable wrapper could be collected while
        # its worker still runs, and its result would never arrive.
        self._tasks: set[Task] = set()
        self._closed = False

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        name: str = "",
        owner: QObject | None = None,
        on_orphaned: Callable[[Any], None] | None = None,
    ) -> Task:
        """Run ``fn()`` on a worker; call ``on_done(result)`` or ``on_error(exc)`` on this thread.

        ``owner``: the widget the callbacks touch; when it has been deleted by the time the work
        finishes (a window closed on logout), the result is dropped instead of delivered. Bound
        methods of QObjects count as owned by their object without saying so. A result that holds
        resources (a logged-in client) is handed to ``on_orphaned`` instead, to release them.
        Without ``on_error`` an exception is logged and handed to ``sys.excepthook`` (it is a bug:
        expected failures must be handled by the caller).
        """
        task = Task(fn, on_done, on_error, self._delivery, name or getattr(fn, "__name__", "task"), owner,
                    on_orphaned)
        if self._closed:
            # Shutting down: nothing new starts, and nobody is left to show a result.
            log.debug("background task %s not started: shutting down", task.name)
            return task
        self._tasks.add(task)
        self.busy_changed.emit(len(self._tasks))
        self._pool.start(task.run)
        return task

    @property
    def running(self) -> int:
        return len(self._tasks)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every worker is idle (at shutdown; tests). True when all finished."""
        return self._pool.waitForDone(msecs)

    def close(self, msecs: int = 10_000) -> None:
        """Stop accepting results and wait for running workers (at shutdown)."""
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone(msecs)

    @Slot(object, object)
    def _on_finished(self, task: Task, result: object) -> None:
        self._tasks.discard(task)
        self.busy_changed.emit(len(self._tasks))
        if not task.owner_alive() or self._closed:
            if task.on_orphaned is not None:
                task.on_orphaned(result)
            return
        if task.on_done is not None:
            task.on_done(result)

    @Slot(object, object)
    def _on_failed(self, task: Task, exc: BaseException) -> None:
        self._tasks.discard(task)
        self.busy_changed.emit(len(self._tasks))
        if self._closed:
            return
        if not task.owner_alive():
            log.info("background task %s failed after its owner was closed: %s", task.name, exc)
            return
        if task.on_error is not None:
            task.on_error(exc)
            return
        log.error("background task %s failed", task.name, exc_info=exc)
        import sys

        sys.excepthook(type(exc), exc, exc.__traceback__)


class SyncBridge(QObject):
    """Turns the sync loop's callbacks (called from its own thread) into main-thread signals.

    Pass ``bridge.on_status`` and ``bridge.on_changes`` as the loop's callbacks. A signal emitted
    from another thread reaches receivers living on the main thread through the event queue, so
    every slot connected to these signals runs on the main thread.
    """

    status_changed = Signal(object)  # workstation.sync.SyncStatus
    changes_arrived = Signal(object)  # workstation.sync.ChangeSummary

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._closed = False

    def on_status(self, status: object) -> None:
        with self._lock:
            if not self._closed:
                self.status_changed.emit(status)

    def on_changes(self, summary: object) -> None:
        with self._lock:
            if not self._closed:
                self.changes_arrived.emit(summary)

    def close(self) -> None:
        """Ignore callbacks from now on (the loop may report once more while it stops)."""
        with self._lock:
            self._closed = True
