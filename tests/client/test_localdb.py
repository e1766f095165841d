"""The local database: paths, migrations, the lock, and recovery from a damaged file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, inspect, select

from workstation import paths
from workstation.db import CacheInUse, LocalDB
from workstation.models import Base, Conversation, Draft, OutboxEntry, OutboxStatus
from workstation.timeutil import utcnow_naive


def test_cache_path_is_per_server_and_staff_id(tmp_path: Path) -> None:
    a = paths.cache_path("http://10.0.0.5:8000", "a1", base=tmp_path)
    assert a == paths.cache_path("HTTP://10.0.0.5:8000/", "a1", base=tmp_path)  # same server
    assert a != paths.cache_path("http://10.0.0.5:8000", "a2", base=tmp_path)
    assert a != paths.cache_path("http://10.0.0.6:8000", "a1", base=tmp_path)
    # slugs that collide are still kept apart by the hash
    assert paths.cache_path("http://h", "a/b", base=tmp_path) != paths.cache_path(
        "http://h", "a-b", base=tmp_path
    )
    assert a.parent == tmp_path / "caches"
    assert "/" not in a.name and "\\" not in a.name and ":" not in a.name


def test_data_dir_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "x"))
    assert paths.data_dir() == tmp_path / "x"
    monkeypatch.delenv(paths.ENV_DATA_DIR)
    assert "orkstation" in str(paths.data_dir())


def test_migrations_create_exactly_the_models(tmp_path: Path) -> None:
    db = LocalDB.open(tmp_path / "c.db")
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
        assert diff == []
        assert tables == set(Base.metadata.tables)
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()


def test_client_id_is_stable_and_lock_is_exclusive(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    db = LocalDB.open(path)
    cid = db.client_id()
    with pytest.raises(CacheInUse) as info:
        LocalDB.open(path)
    assert str(path) in str(info.value)
    db.close()
    again = LocalDB.open(path)  # the lock is released on close
    try:
        assert again.client_id() == cid
        assert again.recovery is None
    finally:
        again.close()


def _add_outbox(db: LocalDB, n: int) -> None:
    with db.transaction() as s:
        for i in range(1, n + 1):
            s.add(
                OutboxEntry(
                    seq=i,
                    mutation_id=f"mut-{i:08d}",
                    name="phrase.delete@1",
                    args={"id": f"phrase-{i:04d}"},
                    authored_at=utcnow_naive(),
                    status=OutboxStatus.PENDING,
                    attempts=0,
                )
            )
        s.add(Draft(conversation_id=7, text="亲，您的快递明天到", updated_at=utcnow_naive()))


def test_garbage_file_is_set_aside_and_a_fresh_cache_made(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    path.write_bytes(b"this is not a database at all " * 500)
    db = LocalDB.open(path)
    try:
        assert db.recovery is not None
        aside = db.recovery.aside_path
        assert aside.exists() and aside.name.startswith("c.db.damaged-")
        assert aside.read_bytes().startswith(b"this is not a database")  # never deleted
        assert db.recovery.salvaged_outbox == 0
        with db.session() as s:
            assert s.scalars(select(OutboxEntry)).all() == []
    finally:
        db.close()


def test_damaged_cache_pages_outbox_and_drafts_salvaged(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    db = LocalDB.open(path)
    cid = db.client_id()
    _add_outbox(db, 5)
    # Lots of cache rows after the outbox, so that the damage below hits cache pages only.
    with db.transaction() as s:
        now = utcnow_naive()
        s.execute(
            insert(Conversation),
            [
                dict(
                    id=i,
                    version=i,
                    shop_id=1,
                    buyer_id=i,
                    group="presale",
                    priority=0,
                    status="waiting",
                    assignee_id=None,
                    assignment_version=0,
                    created_at=now,
                    waiting_since=now,
                    last_message_at=now,
                    last_message_preview="在吗" * 40,
                    last_message_from="buyer",
                    closed_at=None,
                )
                for i in range(1, 4000)
            ],
        )
    db.close()
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='conversation'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    raw = bytearray(path.read_bytes())
    # Scribble over the conversation table's root page and a stretch of pages near the end.
    for page in [root, *range(pages - 40, pages - 20)]:
        start = (page - 1) * page_size
        raw[start : start + page_size] = b"\xde\xad\xbe\xef" * (page_size // 4)
    path.write_bytes(bytes(raw))

    db = LocalDB.open(path)
    try:
        report = db.recovery
        assert report is not None
        assert report.aside_path.exists()
        assert report.salvaged_outbox == 5 and report.salvaged_drafts == 1
        assert db.client_id() == cid  # the server's sequence for this client continues
        with db.session() as s:
            seqs = [e.seq for e in s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]
            assert seqs == [1, 2, 3, 4, 5]
            assert s.get(Draft, 7).text == "亲，您的快递明天到"  # type: ignore[union-attr]
            assert s.scalars(select(Conversation)).all() == []  # the cache is rebuilt by a pull
    finally:
        db.close()
    # The recovered file is healthy: opening again changes nothing.
    again = LocalDB.open(path)
    try:
        assert again.recovery is None
    finally:
        again.close()


def test_client_core_imports_no_qt() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import workstation.client, workstation.sync, workstation.api, workstation.auth, "
        "workstation.db, workstation.actions, workstation.paths, workstation.timeutil\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PyQt'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cache_from_a_newer_app_is_set_aside_with_outbox_salvaged(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    db = LocalDB.open(path)
    _add_outbox(db, 2)
    db.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    db = LocalDB.open(path)
    try:
        assert db.recovery is not None and db.recovery.salvaged_outbox == 2
        with db.session() as s:
            assert len(s.scalars(select(OutboxEntry)).all()) == 2
    finally:
        db.close()
