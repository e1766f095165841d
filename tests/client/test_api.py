"""The HTTP client against misbehaving peers: a tiny raw HTTP server on 127.0.0.1 plays the broken
or hostile server (the real service never answers like this, which is the point)."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator

import pytest

from workstation.api import (
    ApiClient,
    AppTooOld,
    MalformedResponse,
    Offline,
    ServerUnavailable,
    validate_base_url,
)
from wsprotocol import HEADER_API, HEADER_APP, MAX_RESPONSE_BYTES


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes | None]] = {}
    seen_headers: list[dict[str, str]] = []

    def do_GET(self) -> None:
        self.seen_headers.append(dict(self.headers))
        status, headers, body = self.routes.get(self.path.split("?")[0], (404, {}, b"{}"))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if body is None:  # stream a body far larger than allowed, without a length
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"x" * (1 << 20)
            try:
                for _ in range(MAX_RESPONSE_BYTES // len(chunk) + 4):
                    self.wfile.write(chunk)
            except OSError:
                pass  # the client gave up, as it should
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake() -> Iterator[tuple[str, type[_Handler]]]:
    handler = type("H", (_Handler,), {"routes": {}, "seen_headers": []})
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", handler
    srv.shutdown()
    srv.server_close()


def test_base_url_validation() -> None:
    assert validate_base_url(" http://10.0.0.5:8000/ ") == "http://10.0.0.5:8000"
    for bad in ["10.0.0.5:8000", "ftp://x", "http://", "http://h:99999", "http://h/?a=1"]:
        with pytest.raises(ValueError):
            ApiClient(bad)


def test_headers_and_malformed_answers(fake: tuple[str, type[_Handler]]) -> None:
    url, handler = fake
    handler.routes["/v1/sync/meta"] = (200, {"Content-Type": "application/json"}, b"<html>proxy login</html>")
    handler.routes["/v1/me"] = (200, {}, b'{"id": "not a number"}')
    handler.routes["/v1/sync/pull"] = (200, {}, b'{"epoch": "e", "cursor": 5, "has_more": false}')
    api = ApiClient(url, token_provider=lambda: "tok")
    with pytest.raises(MalformedResponse):
        api.meta()
    seen = handler.seen_headers[-1]
    assert seen[HEADER_API] == "1" and seen[HEADER_APP] and seen["Authorization"] == "Bearer tok"
    with pytest.raises(MalformedResponse):
        api.me()
    with pytest.raises(MalformedResponse):
        api.pull_raw("", 10)


def test_oversized_answer_is_refused(fake: tuple[str, type[_Handler]]) -> None:
    url, handler = fake
    handler.routes["/v1/sync/meta"] = (200, {}, None)
    handler.routes["/v1/me"] = (200, {"Content-Length": str(MAX_RESPONSE_BYTES + 1)}, b"")
    api = ApiClient(url)
    with pytest.raises(MalformedResponse, match="larger"):
        api.meta()


def test_status_codes_become_types(fake: tuple[str, type[_Handler]]) -> None:
    url, handler = fake
    handler.routes["/v1/sync/meta"] = (
        503,
        {"Retry-After": "7"},
        b'{"code": "unavailable", "message": "busy"}',
    )
    handler.routes["/v1/me"] = (426, {}, b'{"code": "app_too_old", "message": "update"}')
    handler.routes["/v1/health"] = (502, {}, b"bad gateway")
    api = ApiClient(url)
    with pytest.raises(ServerUnavailable) as info:
        api.meta()
    assert info.value.retry_after == 7 and info.value.message == "busy"
    with pytest.raises(AppTooOld):
        api.me()
    with pytest.raises(ServerUnavailable):
        api.health()


def test_refused_connection_is_offline() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, never listening: connections are refused
        with pytest.raises(Offline):
            ApiClient(f"http://127.0.0.1:{port}", timeout=1).health()
