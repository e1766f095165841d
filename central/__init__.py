"""The central service of Workstation: accounts, shops, conversations, phrases and sync.

A FastAPI application (``central.app.create_app``) over SQLAlchemy 2 (SQLite by default,
PostgreSQL by URL), with Alembic migrations in ``central/migrations``. The protocol it speaks is
``wsprotocol``; the command line is ``central.cli`` (``workstation-central``).
"""

__version__ = "0.1.0"
