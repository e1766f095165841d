"""Alembic environment for the local database.

Run only programmatically by ``workstation.db.LocalDB.open``, which hands over an open connection
in ``config.attributes["connection"]``; there is no alembic.ini and no logging set-up here, so that
migrating at start never reconfigures the application's logging.
"""

from __future__ import annotations

from alembic import context

from workstation.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable when someone runs the alembic CLI
    raise RuntimeError("the local database is migrated by workstation.db.LocalDB.open, not the CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: batch mode copies the table, which needs named constraints
    # (see workstation.models.base.NAMING).
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
