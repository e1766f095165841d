"""Where the workstation keeps its files: one data directory per OS user, one cache database per
server and staff id (two agents sharing a PC, or one agent on a test and a live server, never share
a cache)."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

APP_NAME = "Workstation"
ENV_DATA_DIR = "WORKSTATION_DATA_DIR"


def data_dir() -> Path:
    """The per-user data directory. ``WORKSTATION_DATA_DIR`` overrides it (tests, demo)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """The per-user log directory; inside the data directory when that is overridden."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override) / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def _slug(text: str, limit: int) -> str:
    # Only characters that are safe in a file name on Windows, macOS and Linux alike.
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")
    return (slug or "x")[:limit]


def normalize_server_url(server_url: str) -> str:
    """The URL as a key: lower-case scheme and host, no trailing slash, so that
    ``HTTP://Host:8000/`` and ``http://host:8000`` share one cache and one keychain entry."""
    parts = urlsplit(server_url.strip())
    netloc = parts.netloc.lower()
    path = parts.path.rstrip("/")
    return f"{parts.scheme.lower()}://{netloc}{path}"


def cache_path(server_url: str, staff_id: str, base: Path | None = None) -> Path:
    """The cache database for one server and staff id.

    The readable slug helps a support person find the file; the short hash of the exact
    (normalized) pair keeps two pairs whose slugs collide (``a/b`` vs ``a-b``) apart.
    """
    url = normalize_server_url(server_url)
    parts = urlsplit(url)
    digest = hashlib.sha256(f"{url}\n{staff_id}".encode()).hexdigest()[:10]
    name = f"{_slug(parts.netloc, 60)}_{_slug(staff_id, 40)}_{digest}.db"
    return (base if base is not None else data_dir()) / "caches" / name
