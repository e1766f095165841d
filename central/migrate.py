"""Running the Alembic migrations of the service (``workstation-central migrate``; tests and the
demo migrate before they serve)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from central.settings import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    # '%' is interpolation syntax in ConfigParser; URLs may contain it (escaped passwords)
    cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return cfg


def migrate(settings: Settings, revision: str = "head") -> None:
    """Bring the database at ``settings.database_url`` to ``revision``."""
    command.upgrade(alembic_config(settings.database_url), revision)
