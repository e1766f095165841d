"""The FastAPI application: ``create_app(settings)``."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from central import __version__
from central.db import Database
from central.errors import install_handlers
from central.events import VersionWatcher
from central.housekeeping import run_housekeeping
from central.routes import auth, conversations, customers, health, sync
from central.routes import reports as report_routes
from central.routes import supervisor as supervisor_routes
from central.settings import Settings
from wsprotocol import API_MAX, API_MIN, HEADER_API

log = logging.getLogger(__name__)


class ApiVersionMiddleware:
    """426 ``app_too_old`` for an API version outside ``[API_MIN, API_MAX]``; no header is the
    current version (browsers, curl, the OpenAPI page)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.header = HEADER_API.lower().encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            for name, value in scope["headers"]:
                if name == self.header:
                    try:
                        version = int(value.decode("latin-1").strip())
                    except ValueError:
                        version = -1
                    if not API_MIN <= version <= API_MAX:
                        await _send_error(send, version)
                        return
                    break
        await self.app(scope, receive, send)


async def _send_error(send: Send, version: int) -> None:
    body = json.dumps(
        {
            "code": "app_too_old",
            "message": "this version of the app is not supported by the server; please update",
            "detail": {"api_version": version, "api_min": API_MIN, "api_max": API_MAX},
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 426,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def create_app(settings: Settings, db: Database | None = None) -> FastAPI:
    """The service over ``settings.database_url`` (already migrated). Pass ``db`` to share one."""
    database = db or Database(settings)
    owns_db = db is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        watcher = VersionWatcher(database, settings.event_poll_seconds)
        await watcher.start()
        app.state.watcher = watcher
        tasks: list[asyncio.Task[Any]] = [
            asyncio.create_task(run_housekeeping(database, settings), name="housekeeping")
        ]
        if settings.traffic_rate > 0:
            from central.demo import run_traffic
            from central.demo_orders import run_order_traffic

            tasks.append(asyncio.create_task(run_traffic(database, settings), name="demo-traffic"))
            tasks.append(asyncio.create_task(run_order_traffic(database, settings), name="demo-orders"))
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await watcher.stop()
            if owns_db:
                database.dispose()

    app = FastAPI(
        title="Workstation central service",
        version=__version__,
        lifespan=lifespan,
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.db = database
    install_handlers(app, settings.retry_after_seconds)
    app.add_middleware(ApiVersionMiddleware)
    for module in (health, auth, sync, conversations, customers):
        app.include_router(module.router)
    app.include_router(report_routes.router)
    app.include_router(supervisor_routes.router)
    return app
