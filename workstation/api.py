"""HTTP client of the central service, in terms of ``wsprotocol`` models and typed exceptions.

Every failure becomes one of the exceptions below, so that callers (the sync loop, the GUI) decide
by type: ``Offline`` and ``ServerUnavailable`` are passing (retry with backoff), ``Unauthorized``
means "log in again", ``AppTooOld`` means "update the app", the rest are bugs or refusals.

Thread safety: one ``requests.Session`` per thread (``requests`` does not promise that a session is
safe across threads), created on first use; the SSE stream has its own connection.
Response bodies are read in chunks and counted, so a hostile or broken server cannot make the
client allocate more than ``wsprotocol.MAX_RESPONSE_BYTES``.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import json
import logging
import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit

import requests
from pydantic import BaseModel, ValidationError

from wsprotocol import (
    API_VERSION,
    HEADER_API,
    HEADER_APP,
    MAX_RESPONSE_BYTES,
    AgentPresence,
    AgentStatus,
    AssignRequest,
    ClaimConflict,
    ClaimRequest,
    CloseCategory,
    CloseRequest,
    ConversationActionResponse,
    ConversationRecord,
    Dashboard,
    ErrorBody,
    EscalateRequest,
    Health,
    LiveEvent,
    LoginRequest,
    LogoutRequest,
    MoveConversationsRequest,
    MoveConversationsResponse,
    Paths,
    Permission,
    PermissionsUpdate,
    PullResponse,
    PushRequest,
    PushResponse,
    RefreshRequest,
    Report,
    RevealAudit,
    RevealRequest,
    RevealResponse,
    RoutingUpdate,
    SendRequest,
    SequenceGap,
    SkillGroup,
    StatusUpdate,
    SupervisorAudit,
    SupervisorConfig,
    SyncMeta,
    TokenPair,
    TransferRequest,
    UserOut,
    UserRecord,
)

log = logging.getLogger(__name__)


def _app_version() -> str:
    try:
        return importlib.metadata.version("workstation")
    except importlib.metadata.PackageNotFoundError:  # running from a bundle without metadata
        return "0.0.0"


APP_VERSION = _app_version()

M = TypeVar("M", bound=BaseModel)


# ----------------------------------------------------------------------------- errors


class ApiError(Exception):
    """A request failed. ``code`` is the protocol's error code (or a client-side one)."""

    def __init__(
        self, message: str, *, code: str = "error", status: int | None = None, detail: Any = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.detail = detail


class Offline(ApiError):
    """The server could not be reached: connection refused or reset, timeout, DNS, dropped."""


class Unauthorized(ApiError):
    """401: token missing, expired or revoked (after a refresh was tried), or a wrong password."""


class Forbidden(ApiError):
    """403: the user's role or shops do not allow this."""


class NotFound(ApiError):
    """404."""


class Conflict(ApiError):
    """409 other than a sequence gap or a lost claim."""


class BadRequest(ApiError):
    """400/422: the request was refused as invalid."""


class AppTooOld(ApiError):
    """426: this app speaks an API version the server no longer supports."""


class ServerUnavailable(ApiError):
    """503 (or 502/504): a passing failure; retry after ``retry_after`` seconds."""

    def __init__(self, message: str, *, retry_after: float = 1.0, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after


class SequenceGapError(ApiError):
    """409 ``sequence_gap`` on push: the server expects ``expected_seq`` next."""

    def __init__(self, message: str, *, expected_seq: int, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.expected_seq = expected_seq


class MalformedResponse(ApiError):
    """The server answered something that is not what the protocol says (or is far too large)."""


class ClaimLost(ApiError):
    """409 on claim: someone else holds the conversation (or it changed since it was read)."""

    def __init__(
        self, message: str, *, conversation: ConversationRecord, assignee: UserRecord | None, **kw: Any
    ) -> None:
        super().__init__(message, **kw)
        self.conversation = conversation
        self.assignee = assignee


class NotAssignee(Forbidden):
    """403 on a send, transfer, close or escalate: the conversation is held by someone else (only
    its assignee or a supervisor may act). Carries the conversation as it now is."""

    def __init__(
        self, message: str, *, conversation: ConversationRecord, assignee: UserRecord | None, **kw: Any
    ) -> None:
        super().__init__(message, **kw)
        self.conversation = conversation
        self.assignee = assignee


_STATUS_ERRORS: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    422: BadRequest,
    426: AppTooOld,
}


def validate_base_url(base_url: str) -> str:
    """Return the URL without a trailing slash, or raise ValueError saying what is wrong."""
    text = (base_url or "").strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise ValueError(
            f"Server address {text!r} must start with http:// or https:// (for example http://10.0.0.5:8000)"
        )
    if not parts.hostname:
        raise ValueError(f"Server address {text!r} has no host name")
    try:
        parts.port  # noqa: B018 - accessing it validates the port number
    except ValueError as exc:
        raise ValueError(f"Server address {text!r} has an invalid port") from exc
    if parts.query or parts.fragment:
        raise ValueError(f"Server address {text!r} must not contain '?' or '#'")
    return text.rstrip("/")


# ----------------------------------------------------------------------------- client


class ApiClient:
    """Typed calls of the central service. Thread-safe."""

    def __init__(
        self,
        base_url: str,
        *,
        token_provider: Callable[[], str | None] | None = None,
        on_unauthorized: Callable[[], bool] | None = None,
        timeout: float = 10.0,
        events_read_timeout: float = 45.0,
    ) -> None:
        self.base_url = validate_base_url(base_url)
        self.token_provider = token_provider
        self.on_unauthorized = on_unauthorized
        self.timeout = timeout
        #: longer than the server's heartbeat (15 s) so that only a dead stream times out
        self.events_read_timeout = events_read_timeout
        #: the API version this client speaks (a test can pretend to be an old build)
        self.api_version = API_VERSION
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._sessions_lock = threading.Lock()
        self._live: set[requests.Response] = set()

    # -- plumbing

    def _session(self) -> requests.Session:
        s: requests.Session | None = getattr(self._local, "session", None)
        if s is None:
            s = requests.Session()
            # Never pick up proxies from the environment for the service: agents' PCs often carry
            # a browser proxy setting that cannot reach the LAN server.
            s.trust_env = False
            s.headers[HEADER_APP] = APP_VERSION
            s.headers["User-Agent"] = f"Workstation/{APP_VERSION}"
            self._local.session = s
            with self._sessions_lock:
                self._sessions.append(s)
        return s

    def close(self) -> None:
        with self._sessions_lock:
            sessions, self._sessions = self._sessions, []
        for s in sessions:
            s.close()

    def _headers(self, auth: bool) -> dict[str, str]:
        headers = {HEADER_API: str(self.api_version)}
        if auth and self.token_provider is not None:
            token = self.token_provider()
            if token:
                headers["Authorization"] = f"Bearer {token}"
        return headers

    def _send(
        self,
        method: str,
        path: str,
        *,
        body: BaseModel | None = None,
        params: dict[str, Any] | None = None,
        auth: bool = True,
        stream: bool = False,
        read_timeout: float | None = None,
        connect_timeout: float | None = None,
    ) -> requests.Response:
        url = self.base_url + path
        data = body.model_dump_json().encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data is not None else {}
        retried = False
        while True:
            try:
                resp = self._session().request(
                    method,
                    url,
                    data=data,
                    params=params,
                    headers={**headers, **self._headers(auth)},
                    timeout=(connect_timeout or self.timeout, read_timeout or self.timeout),
                    stream=True,
                    allow_redirects=False,
                )
            except requests.RequestException as exc:
                raise Offline(f"Cannot reach the server at {self.base_url}: {exc}", code="offline") from exc
            if resp.status_code == 401 and auth and not retried and self.on_unauthorized is not None:
                resp.close()
                retried = True
                # The access token expired: refresh (rotating the refresh token) and try once more.
                if self.on_unauthorized():
                    continue
                raise Unauthorized(
                    "The login has expired; please log in again.", code="unauthorized", status=401
                )
            if resp.status_code >= 400:
                try:
                    raise self._error(resp)
                finally:
                    resp.close()
            if not stream:
                # Read now (bounded) so the connection returns to the pool.
                resp._content = self._read_bounded(resp)
            return resp

    @staticmethod
    def _read_bounded(resp: requests.Response) -> bytes:
        chunks: list[bytes] = []
        total = 0
        try:
            declared = int(resp.headers.get("Content-Length") or 0)
            if declared > MAX_RESPONSE_BYTES:
                raise MalformedResponse(
                    f"Response of {declared} bytes is larger than allowed",
                    code="malformed",
                    status=resp.status_code,
                )
            for chunk in resp.iter_content(256 * 1024):
                total += len(chunk)
                if total > MAX_RESPONSE_BYTES:
                    raise MalformedResponse(
                        f"Response larger than {MAX_RESPONSE_BYTES} bytes",
                        code="malformed",
                        status=resp.status_code,
                    )
                chunks.append(chunk)
        except requests.RequestException as exc:
            # The connection died mid-body (e.g. a proxy dropped it): that is being offline.
            raise Offline(f"The connection was lost while reading the answer: {exc}", code="offline") from exc
        finally:
            resp.close()
        return b"".join(chunks)

    def _error(self, resp: requests.Response) -> ApiError:
        status = resp.status_code
        try:
            raw = self._read_bounded(resp)
            body = ErrorBody.model_validate_json(raw)
            code, message, detail = body.code, body.message, body.detail
        except (ValidationError, ValueError, MalformedResponse):
            code, message, detail = _default_code(status), f"HTTP {status} from the server", None
        if status == 409 and code == "sequence_gap":
            try:
                gap = SequenceGap.model_validate(detail or {})
            except ValidationError:
                return MalformedResponse(
                    "sequence_gap without expected_seq", code="malformed", status=status, detail=detail
                )
            return SequenceGapError(
                message, expected_seq=gap.expected_seq, code=code, status=status, detail=detail
            )
        cls = _STATUS_ERRORS.get(status)
        if cls is None:
            # Every 5xx (502/503/504 from a proxy included) is a passing failure: retried later.
            cls = ApiError if status < 500 else ServerUnavailable
        if cls is ServerUnavailable:
            return ServerUnavailable(
                message,
                retry_after=_retry_after(resp.headers.get("Retry-After")),
                code=code,
                status=status,
                detail=detail,
            )
        return cls(message, code=code, status=status, detail=detail)

    def _json(self, resp: requests.Response, model: type[M]) -> M:
        try:
            return model.model_validate_json(resp.content)
        except ValidationError as exc:
            raise MalformedResponse(
                f"Unexpected answer from the server for {resp.request.path_url}: "
                f"{exc.error_count()} problem(s), first: {exc.errors()[0]['msg']}",
                code="malformed",
                status=resp.status_code,
            ) from exc

    # -- endpoints

    def health(self) -> Health:
        return self._json(self._send("GET", Paths.HEALTH, auth=False), Health)

    def login(self, request: LoginRequest) -> TokenPair:
        return self._json(self._send("POST", Paths.LOGIN, body=request, auth=False), TokenPair)

    def refresh(self, request: RefreshRequest) -> TokenPair:
        return self._json(self._send("POST", Paths.REFRESH, body=request, auth=False), TokenPair)

    def logout(self, request: LogoutRequest) -> None:
        self._send("POST", Paths.LOGOUT, body=request, auth=False)

    def me(self) -> UserOut:
        return self._json(self._send("GET", Paths.ME), UserOut)

    def meta(self) -> SyncMeta:
        return self._json(self._send("GET", Paths.SYNC_META), SyncMeta)

    def pull_raw(self, cursor: str, limit: int) -> dict[str, Any]:
        """A page as decoded JSON, envelope checked, changes not yet validated.

        The sync engine validates the records itself, a slice at a time, so that no single C call
        (one pydantic validation of 5,000 records) holds the GIL long enough to stall the UI.
        """
        resp = self._send("GET", Paths.SYNC_PULL, params={"cursor": cursor, "limit": limit})
        try:
            data = json.loads(resp.content)
        except ValueError as exc:
            raise MalformedResponse(
                "The pull answer is not JSON", code="malformed", status=resp.status_code
            ) from exc
        if not isinstance(data, dict) or not isinstance(data.get("changes", []), list):
            raise MalformedResponse(
                "The pull answer has the wrong shape", code="malformed", status=resp.status_code
            )
        try:
            PullResponse.model_validate({**data, "changes": []})
        except ValidationError as exc:
            raise MalformedResponse(
                f"The pull answer has the wrong shape: {exc.errors()[0]['msg']}",
                code="malformed",
                status=resp.status_code,
            ) from exc
        return data

    def pull(self, cursor: str, limit: int) -> PullResponse:
        return self._json(
            self._send("GET", Paths.SYNC_PULL, params={"cursor": cursor, "limit": limit}), PullResponse
        )

    def push(self, request: PushRequest) -> PushResponse:
        resp = self._json(self._send("POST", Paths.SYNC_PUSH, body=request), PushResponse)
        sent = {m.seq for m in request.mutations}
        if any(r.seq not in sent for r in resp.results):
            raise MalformedResponse(
                "The push answer has results for mutations that were not sent", code="malformed"
            )
        return resp

    def claim(self, conversation_id: int, expected_assignment_version: int) -> ConversationRecord:
        try:
            resp = self._send(
                "POST",
                Paths.claim(conversation_id),
                body=ClaimRequest(expected_assignment_version=expected_assignment_version),
            )
        except Conflict as exc:
            try:
                lost = ClaimConflict.model_validate(exc.detail or {})
            except ValidationError as bad:
                raise MalformedResponse(
                    "A lost claim without the current conversation", code="malformed", status=409
                ) from bad
            raise ClaimLost(
                exc.message,
                conversation=lost.conversation,
                assignee=lost.assignee,
                code=exc.code,
                status=409,
                detail=exc.detail,
            ) from None
        return self._json(resp, ConversationRecord)

    def events(self, stop: threading.Event) -> Iterator[LiveEvent]:
        """Yield a ``LiveEvent`` per server-sent ``changed`` event until ``stop`` is set.

        Returns when ``stop`` is set; raises ``Offline`` when the stream dies or goes silent for
        longer than ``events_read_timeout`` (the server sends a heartbeat comment well within it).
        """
        resp = self._send("GET", Paths.SYNC_EVENTS, stream=True, read_timeout=self.events_read_timeout)
        with self._sessions_lock:
            self._live.add(resp)
        event_name = "message"
        data_lines: list[str] = []
        try:
            for raw in resp.iter_lines(chunk_size=1, decode_unicode=False):
                if stop.is_set():
                    return
                line = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
                if line == "":
                    if data_lines and event_name == "changed":
                        try:
                            yield LiveEvent.model_validate_json("\n".join(data_lines))
                        except ValidationError:
                            log.warning("ignoring a malformed live event: %r", data_lines)
                    event_name, data_lines = "message", []
                elif line.startswith(":"):
                    continue  # heartbeat comment
                else:
                    field, _, value = line.partition(":")
                    value = value[1:] if value.startswith(" ") else value
                    if field == "event":
                        event_name = value
                    elif field == "data":
                        data_lines.append(value)
        except requests.RequestException as exc:
            if stop.is_set():
                return
            raise Offline(f"The live channel was lost: {exc}", code="offline") from exc
        finally:
            with self._sessions_lock:
                self._live.discard(resp)
            resp.close()
        if not stop.is_set():
            raise Offline("The live channel was closed by the server", code="offline")

    def close_events(self) -> None:
        """Break every open live stream now (a blocked read would otherwise wait for a heartbeat)."""
        with self._sessions_lock:
            live = list(self._live)
        for resp in live:
            _shutdown_socket(resp)

    # --- conversation actions (issue 4)
    # Server-only, never queued. A 409 (closed, or changed since it was read) raises ``ClaimLost``
    # and a 403 from a conversation held by someone else raises ``NotAssignee``, both carrying the
    # conversation as it now is.

    def send_message(self, conversation_id: int, text: str, client_msg_id: str) -> ConversationActionResponse:
        """Send a reply; a retry with the same ``client_msg_id`` answers the same message."""
        return self._conversation_action(
            Paths.send(conversation_id), SendRequest(client_msg_id=client_msg_id, text=text)
        )

    def transfer(
        self,
        conversation_id: int,
        expected_assignment_version: int,
        to_user_id: int | None = None,
        to_group: SkillGroup | None = None,
        note: str = "",
    ) -> ConversationActionResponse:
        return self._conversation_action(
            Paths.transfer(conversation_id),
            TransferRequest(
                expected_assignment_version=expected_assignment_version,
                to_user_id=to_user_id,
                to_group=to_group,
                note=note,
            ),
        )

    def close_conversation(
        self, conversation_id: int, expected_assignment_version: int, category: CloseCategory, note: str = ""
    ) -> ConversationActionResponse:
        return self._conversation_action(
            Paths.close(conversation_id),
            CloseRequest(
                expected_assignment_version=expected_assignment_version, category=category, note=note
            ),
        )

    def escalate(self, conversation_id: int, note: str = "") -> ConversationActionResponse:
        return self._conversation_action(Paths.escalate(conversation_id), EscalateRequest(note=note))

    def _conversation_action(self, path: str, body: BaseModel) -> ConversationActionResponse:
        try:
            resp = self._send("POST", path, body=body)
        except (Conflict, Forbidden) as exc:
            try:
                current = ClaimConflict.model_validate(exc.detail)
            except ValidationError:
                raise exc from None  # a refusal without a conversation (wrong shop, reused id)
            cls = ClaimLost if isinstance(exc, Conflict) else NotAssignee
            raise cls(
                exc.message,
                conversation=current.conversation,
                assignee=current.assignee,
                code=exc.code,
                status=exc.status,
                detail=exc.detail,
            ) from None
        return self._json(resp, ConversationActionResponse)

    # --- customers (issue 3)

    def reveal(
        self, buyer_id: int, field: Literal["phone", "address"], order_id: int | None = None, reason: str = ""
    ) -> RevealResponse:
        """A buyer's full phone or address (of an order's receiver with ``order_id``). The server
        records every reveal; without the ``reveal_contact`` permission it raises ``Forbidden``,
        a buyer or order the user cannot see raises ``NotFound``."""
        body = RevealRequest(field=field, order_id=order_id, reason=reason)
        return self._json(self._send("POST", Paths.reveal(buyer_id), body=body), RevealResponse)

    def set_permissions(self, user_id: int, permissions: Sequence[Permission]) -> UserRecord:
        """Replace a colleague's permissions (supervisor or admin); the user as colleagues see it."""
        body = PermissionsUpdate(permissions=list(permissions))
        return self._json(self._send("PUT", Paths.user_permissions(user_id), body=body), UserRecord)

    def reveal_audit(self, since: datetime | None = None, limit: int = 200) -> RevealAudit:
        """Reveals in the supervisor's shops, newest first (agents: ``Forbidden``)."""
        params: dict[str, Any] = {"limit": limit}
        if since is not None:
            params["since"] = since.isoformat()
        return self._json(self._send("GET", Paths.REVEAL_AUDIT, params=params), RevealAudit)

    # --- status and the supervisor's floor (issue 6)

    def set_status(
        self, status: AgentStatus, auto: bool = False, timeout: float | None = None
    ) -> AgentPresence:
        """Set my status (also the heartbeat). ``timeout``: a shorter one than the client's (the
        ``offline`` sent at exit must not hold the app up)."""
        resp = self._send("PUT", Paths.MY_STATUS, body=StatusUpdate(status=status, auto=auto),
                          read_timeout=timeout, connect_timeout=timeout)
        return self._json(resp, AgentPresence)

    def dashboard(self) -> Dashboard:
        """The floor now, for the supervisor's shops (agents: ``Forbidden``)."""
        return self._json(self._send("GET", Paths.DASHBOARD), Dashboard)

    def assign(
        self, conversation_id: int, expected_assignment_version: int, to_user_id: int, note: str = ""
    ) -> ConversationActionResponse:
        """Give a conversation to an agent (to myself: a take-over). A lost race raises
        ``ClaimLost`` with the conversation as it now is and who holds it."""
        body = AssignRequest(
            expected_assignment_version=expected_assignment_version, to_user_id=to_user_id, note=note
        )
        try:
            resp = self._send("POST", Paths.assign(conversation_id), body=body)
        except Conflict as exc:
            try:
                lost = ClaimConflict.model_validate(exc.detail or {})
            except ValidationError:
                raise exc from None
            raise ClaimLost(exc.message, conversation=lost.conversation, assignee=lost.assignee,
                            code=exc.code, status=409, detail=exc.detail) from None
        return self._json(resp, ConversationActionResponse)

    def move_conversations(
        self, user_id: int, to_user_id: int | None = None, to_queue: bool = False, note: str = ""
    ) -> MoveConversationsResponse:
        """Move every conversation ``user_id`` holds to a colleague or back to the queues."""
        body = MoveConversationsRequest(to_user_id=to_user_id, to_queue=to_queue, note=note)
        return self._json(self._send("POST", Paths.move_conversations(user_id), body=body),
                          MoveConversationsResponse)

    def set_routing(
        self, user_id: int, capacity: int | None = None, groups: Sequence[SkillGroup] | None = None
    ) -> AgentPresence:
        body = RoutingUpdate(capacity=capacity, groups=list(groups) if groups is not None else None)
        return self._json(self._send("PUT", Paths.user_routing(user_id), body=body), AgentPresence)

    def supervisor_config(self) -> SupervisorConfig:
        return self._json(self._send("GET", Paths.SUPERVISOR_CONFIG), SupervisorConfig)

    def set_supervisor_config(self, config: SupervisorConfig) -> SupervisorConfig:
        return self._json(self._send("PUT", Paths.SUPERVISOR_CONFIG, body=config), SupervisorConfig)

    def report(
        self,
        date_from: str,
        date_to: str,
        shop_id: int | None = None,
        group: SkillGroup | None = None,
        agent_id: int | None = None,
    ) -> Report:
        """The daily report rows of ``[date_from, date_to]`` (YYYY-MM-DD, the team's days) for the
        supervisor's shops (agents: ``Forbidden``; a bad range: ``BadRequest``)."""
        params: dict[str, Any] = {"date_from": date_from, "date_to": date_to}
        for key, value in (("shop_id", shop_id), ("group", group), ("agent_id", agent_id)):
            if value is not None:
                params[key] = value
        return self._json(self._send("GET", Paths.REPORT, params=params, read_timeout=60), Report)

    def supervisor_audit(self, limit: int = 200) -> SupervisorAudit:
        """Recorded supervisor actions in my shops, newest first."""
        return self._json(self._send("GET", Paths.SUPERVISOR_AUDIT, params={"limit": limit}),
                          SupervisorAudit)


def _shutdown_socket(resp: requests.Response) -> None:
    # shutdown() (unlike close()) wakes a thread blocked in recv() on the same socket.
    with contextlib.suppress(Exception):
        sock = resp.raw._connection.sock  # type: ignore[union-attr]
        if sock is not None:
            sock.shutdown(socket.SHUT_RDWR)
            return
    with contextlib.suppress(Exception):
        resp.raw._fp.fp.raw._sock.shutdown(socket.SHUT_RDWR)  # type: ignore[union-attr]


def _retry_after(value: str | None) -> float:
    try:
        return max(0.0, min(float(value), 300.0)) if value else 1.0
    except ValueError:
        return 1.0


def _default_code(status: int) -> str:
    return {
        400: "bad_request",
        401: "unauthorized",
        403: "forbidden",
        404: "not_found",
        409: "conflict",
        422: "bad_request",
        426: "app_too_old",
        503: "unavailable",
    }.get(status, "error")
