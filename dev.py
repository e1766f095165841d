#!/usr/bin/env python3
"""Developer entry point: `python3 dev.py demo` and `python3 dev.py test`.

Standard library only, so it runs on a fresh machine that has nothing but Python 3.11+.
It creates `.venv` when missing, installs the project (and, for `test`, the test extras) into it,
and then runs the demo or the test suite with the venv's interpreter.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def _stamp_path(extras: str) -> Path:
    return VENV / f".installed-{extras or 'base'}"


def _project_hash() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_venv(extras: str = "") -> None:
    """Create the venv and install the project unless pyproject.toml is unchanged since last time."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs under whatever python3 the user has
        sys.exit(f"Python 3.11 or newer is needed, this is {sys.version.split()[0]}")
    if not PY.exists():
        print(f"Creating {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    stamp = _stamp_path(extras)
    if stamp.exists() and stamp.read_text() == _project_hash():
        return
    target = f".[{extras}]" if extras else "."
    print(f"Installing {target} into {VENV} (first run takes a few minutes) ...", flush=True)
    subprocess.check_call([str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                           "-e", target], cwd=ROOT)
    stamp.write_text(_project_hash())


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"demo", "test"}:
        print(__doc__)
        print("usage: python3 dev.py demo [workstation options] | python3 dev.py test [pytest options]")
        return 2
    command, rest = argv[0], argv[1:]
    if command == "demo":
        ensure_venv()
        return subprocess.call([str(PY), "-m", "workstation.app", "--demo", *rest], cwd=ROOT)
    ensure_venv("test")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call([str(PY), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
