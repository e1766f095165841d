from __future__ import annotations

from fastapi import APIRouter

from central import __version__
from central.models import utcnow
from wsprotocol import Health, Paths

router = APIRouter(tags=["health"])


@router.get(Paths.HEALTH, response_model=Health)
def health() -> Health:
    """Liveness without authentication (used by the desktop app's launcher and load balancers)."""
    return Health(version=__version__, server_time=utcnow())
