"""Version allocation: the heart of the "no change is ever skipped" guarantee.

Every writing transaction allocates versions for the rows it changes from the single counter row
``meta.version``, by an ``UPDATE`` that increments it. The UPDATE locks the row (PostgreSQL) or
runs under the database write lock taken at ``BEGIN IMMEDIATE`` (SQLite) until commit. So the next
writer can only allocate after this one committed: versions become visible in the order they were
allocated, and a puller that read ``meta.version == N`` knows that every version <= N is already
committed. A plain auto-increment id gives no such promise on PostgreSQL: id 8 may commit before
id 7 and a cursor at 8 would skip 7 forever.
"""

from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from central.models import Meta

# built once (compiled once): it runs for every change written
_ALLOCATE = (
    update(Meta).where(Meta.id == 1).values(version=Meta.version + bindparam("n")).returning(Meta.version)
)


def allocate(session: Session, n: int = 1) -> int:
    """Reserve ``n`` consecutive versions in this transaction; return the first of them.

    The first call in a transaction takes the counter lock, held until commit or rollback.
    """
    if n < 1:
        raise ValueError("allocate at least one version")
    # one statement: UPDATE ... RETURNING (SQLite >= 3.35, PostgreSQL), on the session's
    # connection (Core: no ORM bulk-update machinery for a statement run once per change)
    last = session.connection().execute(_ALLOCATE, {"n": n}).scalar_one()
    return int(last) - n + 1


def current_version(session: Session) -> int:
    return int(session.execute(select(Meta.version).where(Meta.id == 1)).scalar_one())


def get_meta(session: Session) -> Meta:
    return session.execute(select(Meta).where(Meta.id == 1)).scalar_one()
