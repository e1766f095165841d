"""Alembic migrations of the workstation's local SQLite database (applied by ``LocalDB.open``)."""
