"""Starting the embedded demo service as a child process (``workstation --demo``).

The service runs as ``python -m central.cli demo --port 0 ...`` in its own process, so that the
demo exercises the same HTTP path as a real deployment. It prints one line
``WORKSTATION_CENTRAL_URL=http://127.0.0.1:<port>`` once it listens, then the demo accounts.

Each run gets a fresh service data directory under ``<data dir>/demo/run-<pid>``: a demo is a
showcase, and starting from the same generated state every time is what a new user expects.
Directories of earlier runs whose process is gone are removed at start; the current one is removed
when the service stops. Qt-free.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path

log = logging.getLogger(__name__)

URL_PREFIX = "WORKSTATION_CENTRAL_URL="
DEMO_STAFF_ID = "kf001"
DEMO_PASSWORD = "demo1234"
DEFAULT_TIMEOUT = 60.0


class DemoError(RuntimeError):
    """The demo service could not be started; the message says why, with its last output."""


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        # os.kill(pid, 0) would terminate the process on Windows; ask the OS instead.
        import ctypes

        process_query_limited_information = 0x1000
        handle = ctypes.windll.kernel32.OpenProcess(  # type: ignore[attr-defined,unused-ignore]
            process_query_limited_information, False, pid
        )
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined,unused-ignore]
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_runs(demo_root: Path) -> list[Path]:
    """Remove run directories left by demo processes that no longer exist."""
    removed: list[Path] = []
    if not demo_root.is_dir():
        return removed
    for child in demo_root.glob("run-*"):
        try:
            pid = int(child.name.removeprefix("run-"))
        except ValueError:
            continue
        if pid != os.getpid() and not _pid_alive(pid):
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child)
    return removed


class DemoService:
    """A running demo service (a child process)."""

    def __init__(self, process: subprocess.Popen[str], url: str, run_dir: Path,
                 lines: list[str]) -> None:
        self.process = process
        self.url = url
        self.run_dir = run_dir
        #: what the service printed after its URL line (the demo accounts), for the console
        self.announcement = lines
        self.staff_id = DEMO_STAFF_ID
        self.password = DEMO_PASSWORD

    @classmethod
    def start(
        cls,
        data_dir: Path,
        *,
        traffic_rate: float = 20.0,  # buyer events per minute
        timeout: float = DEFAULT_TIMEOUT,
        python: str | None = None,
        extra_args: list[str] | None = None,
    ) -> DemoService:
        """Start the service and wait (at most ``timeout`` seconds) until it listens.

        Blocks: call it from a worker (``workstation.background``) when a window is up.
        Raises ``DemoError`` with the service's last output when it exits or times out.
        """
        demo_root = data_dir / "demo"
        demo_root.mkdir(parents=True, exist_ok=True)
        clean_stale_runs(demo_root)
        run_dir = demo_root / f"run-{os.getpid()}"
        shutil.rmtree(run_dir, ignore_errors=True)
        (run_dir / "service").mkdir(parents=True)
        # A frozen application (build.spec) runs the service from its own executable.
        service = [sys.executable, "central"] if getattr(sys, "frozen", False) and python is None \
            else [python or sys.executable, "-m", "central.cli"]
        cmd = [
            *service, "demo",
            "--port", "0",
            "--data-dir", str(run_dir / "service"),
            "--traffic-rate", str(traffic_rate),
            "--exit-with-parent",
            *(extra_args or []),
        ]
        log.info("starting demo service: %s", " ".join(cmd))
        env = dict(os.environ)
        env["PYTHONUNBUFFERED"] = "1"  # the URL line must arrive now, not when a buffer fills
        # The project root on the path, so that `central` imports also from a source checkout.
        root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        process = subprocess.Popen(
            cmd,
            # --exit-with-parent: the service exits when its stdin closes, which the OS does when
            # this process dies in any way (even killed), so a demo never outlives its app.
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            cwd=str(run_dir),
        )
        tail: deque[str] = deque(maxlen=30)
        found = threading.Event()
        url_holder: list[str] = []
        after: list[str] = []

        def read() -> None:
            # Keeps draining the pipe for the service's whole life: a full pipe would block it.
            assert process.stdout is not None
            for line in process.stdout:
                line = line.rstrip("\r\n")
                tail.append(line)
                if not found.is_set() and line.startswith(URL_PREFIX):
                    url_holder.append(line[len(URL_PREFIX):].strip())
                    found.set()
                elif found.is_set():
                    if len(after) < 60:
                        after.append(line)
                    log.info("demo service: %s", line)
                else:
                    log.debug("demo service: %s", line)
            found.set()  # the process ended: stop waiting

        reader = threading.Thread(target=read, name="demo-service-output", daemon=True)
        reader.start()
        deadline = time.monotonic() + timeout
        while not found.wait(0.1):
            if time.monotonic() > deadline:
                _terminate(process)
                raise DemoError(
                    f"the demo service did not start within {timeout:.0f} s; its last output:\n"
                    + "\n".join(tail)
                )
        if not url_holder:
            code = process.wait(5)
            raise DemoError(
                f"the demo service exited (code {code}) before it listened; its last output:\n"
                + "\n".join(tail)
            )
        # Give the accounts listing that follows the URL line a moment to arrive for the console.
        settle = time.monotonic() + 0.5
        while time.monotonic() < settle and process.poll() is None and len(after) < 3:
            time.sleep(0.05)
        return cls(process, url_holder[0], run_dir, after)

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the service and remove its run directory."""
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()  # the polite way: it exits when its parent "goes"
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(min(timeout, 3.0))
        _terminate(self.process, timeout)
        with contextlib.suppress(OSError):
            shutil.rmtree(self.run_dir, ignore_errors=True)

    def describe(self) -> str:
        """What to print on the console: where it listens and how to log in."""
        lines = [f"Demo service listening on {self.url}"]
        lines += [line for line in self.announcement if line.strip()]
        lines.append(
            f"The workstation logs in as {self.staff_id}. A second workstation (its own data "
            f"directory: one workstation runs per data directory): workstation --server {self.url} "
            f"--staff-id kf002 --data-dir {self.run_dir / 'second'} (password {self.password})"
        )
        return "\n".join(lines)


def _terminate(process: subprocess.Popen[str], timeout: float = 10.0) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout)
