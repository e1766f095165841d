from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from central import sync
from central.deps import CurrentUser, DbDep, SettingsDep
from central.events import VersionWatcher
from central.models import utcnow
from central.versions import get_meta
from wsprotocol import (
    API_MAX,
    API_MIN,
    DEFAULT_PULL_LIMIT,
    SCHEMA_ID,
    ErrorBody,
    LiveEvent,
    Paths,
    PullResponse,
    PushRequest,
    PushResponse,
    SyncMeta,
)

router = APIRouter(tags=["sync"])
_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorBody},
    403: {"model": ErrorBody},
    409: {"model": ErrorBody},
    503: {"model": ErrorBody},
}


@router.get(Paths.SYNC_META, response_model=SyncMeta)
def meta(db: DbDep) -> SyncMeta:
    """Epoch, current version and supported API range. No login needed: a client checks it before
    logging in, and it is its slow fallback when the live channel is down."""
    with db.read() as session:
        m = get_meta(session)
        return SyncMeta(
            epoch=m.epoch,
            version=m.version,
            server_time=utcnow(),
            api_min=API_MIN,
            api_max=API_MAX,
            schema_id=SCHEMA_ID,
        )


@router.get(Paths.SYNC_PULL, response_model=PullResponse, responses=_ERRORS)
def pull(
    db: DbDep,
    user: CurrentUser,
    cursor: Annotated[str, Query(max_length=512)] = "",
    limit: Annotated[int, Query(ge=1)] = DEFAULT_PULL_LIMIT,
) -> Response:
    # Encoded here rather than through the response model: validating and serializing thousands
    # of records through pydantic per page was the bottleneck of a first sync (records.py builds
    # exactly the record fields; the tests check them against the models).
    with db.read() as session:
        page = sync.pull(session, user, cursor, limit)
    return Response(sync.encode_json(page), media_type="application/json")


@router.post(Paths.SYNC_PUSH, response_model=PushResponse, responses=_ERRORS)
def push(body: PushRequest, db: DbDep, user: CurrentUser, settings: SettingsDep) -> Response:
    # Encoded here (pydantic-core, one call) rather than validated again and encoded through
    # jsonable_encoder by the response model: a drain pushes thousands of results
    response = sync.push(db, user, body, settings.retry_after_seconds)
    return Response(response.model_dump_json().encode("utf-8"), media_type="application/json")


@router.get(
    Paths.SYNC_EVENTS,
    responses={200: {"content": {"text/event-stream": {}}, "description": "server-sent events"}, **_ERRORS},
)
async def events(request: Request, user: CurrentUser, settings: SettingsDep) -> StreamingResponse:
    """``event: changed`` with ``LiveEvent`` data whenever the version moves (one at once on
    connect), and a comment line every ``heartbeat_seconds``."""
    watcher: VersionWatcher = request.app.state.watcher
    heartbeat = settings.heartbeat_seconds

    async def stream() -> AsyncIterator[bytes]:
        yield b"retry: 3000\n\n"
        seen = watcher.version
        yield _changed(seen)
        loop = asyncio.get_running_loop()
        next_beat = loop.time() + heartbeat
        while not watcher.closing:
            # wake at least twice a second to notice a shutdown (uvicorn waits for open streams)
            v = await watcher.wait_beyond(seen, min(0.5, max(0.0, next_beat - loop.time())))
            if v != seen:
                seen = v
                yield _changed(v)
            if loop.time() >= next_beat:
                yield b": heartbeat\n\n"
                next_beat = loop.time() + heartbeat
            if await request.is_disconnected():
                break

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def _changed(version: int) -> bytes:
    return f"event: changed\ndata: {LiveEvent(version=version).model_dump_json()}\n\n".encode()
