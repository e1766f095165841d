"""Errors as the protocol describes them: always an ``ErrorBody`` JSON, with a documented code."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from wsprotocol import ErrorBody

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "bad_request",
    409: "conflict",
    413: "bad_request",
    422: "bad_request",
    426: "app_too_old",
    503: "unavailable",
}


class ApiError(Exception):
    """Raised anywhere in a request; becomes an ``ErrorBody`` response."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        detail: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body = ErrorBody(code=code, message=message, detail=detail)
        self.headers = headers or {}


def unauthorized(message: str = "not logged in") -> ApiError:
    return ApiError(401, "unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


def forbidden(message: str) -> ApiError:
    return ApiError(403, "forbidden", message)


def not_found(message: str) -> ApiError:
    return ApiError(404, "not_found", message)


def error_response(status: int, body: ErrorBody, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


def is_passing_db_error(exc: BaseException) -> bool:
    """Errors that a retry may cure: the database locked, unreachable, or a dropped connection."""
    if isinstance(exc, OperationalError):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def install_handlers(app: FastAPI, retry_after: int) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.body, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        # a body that is not JSON at all is a plain 400; a JSON body of the wrong shape is a 422
        status = 400 if any(e.get("type") == "json_invalid" for e in errors) else 422
        detail = {"errors": _jsonable_errors(errors)}
        return error_response(status, ErrorBody(code="bad_request", message="invalid request", detail=detail))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _STATUS_CODES.get(exc.status_code, "bad_request" if exc.status_code < 500 else "unavailable")
        return error_response(
            exc.status_code, ErrorBody(code=code, message=str(exc.detail)), dict(exc.headers or {})
        )

    @app.exception_handler(DBAPIError)
    async def _db(_request: Request, exc: DBAPIError) -> JSONResponse:
        if not is_passing_db_error(exc):
            raise exc
        return error_response(
            503,
            ErrorBody(code="unavailable", message="database busy or unavailable, retry later"),
            {"Retry-After": str(retry_after)},
        )


def _jsonable_errors(errors: Any) -> list[dict[str, Any]]:
    out = []
    for e in errors:
        out.append(
            {
                "loc": [str(p) for p in e.get("loc", ())],
                "msg": str(e.get("msg", "")),
                "type": str(e.get("type", "")),
            }
        )
    return out
