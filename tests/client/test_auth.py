"""Login, resume, refresh and logout against the real service; where the refresh token lives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from central.testing import LiveServer
from tests.conftest import MemoryKeyring
from workstation.api import Unauthorized
from workstation.auth import AuthSession, TokenStore
from workstation.client import Client

DEVICE = "device-test-0001"


def test_login_resume_refresh_logout(server: LiveServer) -> None:
    backend = MemoryKeyring()
    store = TokenStore(backend)
    assert store.secure and store.warning is None
    auth = AuthSession(server.url, store, DEVICE)
    user = auth.login("a1", "pw-a1")
    assert user.staff_id == "a1" and user.role == "agent"
    first_refresh = backend.get_password(TokenStore.service(server.url), "a1")
    assert first_refresh
    assert auth.api.me().staff_id == "a1"

    # A new process: nothing in memory, the keychain has the refresh token.
    auth2 = AuthSession(server.url, TokenStore(backend), DEVICE)
    assert auth2.resume("a1") is not None
    rotated = backend.get_password(TokenStore.service(server.url), "a1")
    assert rotated and rotated != first_refresh  # refresh rotates
    assert auth2.api.me().staff_id == "a1"

    # A refresh token the server refuses (unknown, revoked): resume says None, no exception, and
    # the useless token is forgotten.
    backend.set_password(TokenStore.service(server.url), "a1", "not-a-token-the-server-knows-0001")
    auth3 = AuthSession(server.url, TokenStore(backend), DEVICE)
    assert auth3.resume("a1") is None
    assert backend.get_password(TokenStore.service(server.url), "a1") is None
    backend.set_password(TokenStore.service(server.url), "a1", rotated)

    auth2.logout()
    assert backend.get_password(TokenStore.service(server.url), "a1") is None
    assert AuthSession(server.url, TokenStore(backend), DEVICE).resume("a1") is None


def test_wrong_password_is_unauthorized(server: LiveServer) -> None:
    auth = AuthSession(server.url, TokenStore(MemoryKeyring()), DEVICE)
    with pytest.raises(Unauthorized):
        auth.login("a1", "wrong")
    assert auth.user is None


def test_expired_access_token_is_refreshed_transparently(server: LiveServer) -> None:
    auth = AuthSession(server.url, TokenStore(MemoryKeyring()), DEVICE)
    auth.login("a2", "pw-a2")
    auth._access = "not-a-valid-token-at-all"  # as if it had expired
    assert auth.api.me().staff_id == "a2"  # 401 → refresh → retried once
    assert auth.access_token() != "not-a-valid-token-at-all"


class _RaisingKeyring(KeyringBackend):
    """Looks like a real keychain but refuses to store (a locked or broken Secret Service)."""

    priority = 5

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("locked")


@pytest.mark.parametrize("backend", [fail.Keyring(), _RaisingKeyring()], ids=["fail", "raising"])
def test_no_secure_keychain_keeps_token_in_memory_and_warns_once(
    server: LiveServer, backend: KeyringBackend, data_dir: Path
) -> None:
    store = TokenStore(backend)
    client = Client.connect(server.url, "a3", "pw-a3", data_dir=data_dir, token_store=store)
    try:
        assert store.secure is False
        warning = client.take_security_warning()
        assert warning and "keychain" in warning
        assert client.take_security_warning() is None  # said once
        # the session works (refresh from memory) ...
        assert client.auth.refresh() is True
        # ... and the refresh token was never written anywhere on disk
        token = store.get(server.url, "a3")
        assert token
        for f in data_dir.rglob("*"):
            if f.is_file():
                assert token.encode() not in f.read_bytes(), f
    finally:
        client.close()


def test_resume_without_password_and_offline_start(
    server: LiveServer, connect: Callable[..., Client], data_dir: Path
) -> None:
    store = TokenStore(MemoryKeyring())
    c = connect(server.url, "a1", token_store=store)
    c.engine.sync_once()
    c.close()
    # resume from the stored login
    c2 = connect(server.url, "a1", None, token_store=store)
    assert c2.user.staff_id == "a1" and not c2.offline
    c2.close()
    server.stop()
    # the server is gone: with offline_ok the cache opens with the user from the last login
    c3 = connect(server.url, "a1", None, token_store=store, offline_ok=True, timeout=2)
    assert c3.offline and c3.user.staff_id == "a1"
    c3.close()
    # without a stored login there is no offline start
    with pytest.raises(Exception) as info:
        connect(server.url, "a2", None, token_store=store, offline_ok=True, timeout=2)
    assert type(info.value).__name__ in {"Offline", "Unauthorized"}
    # and a failed first attempt leaves no empty cache behind
    assert not any("_a2_" in p.name for p in (data_dir / "caches").iterdir())


def test_plaintext_and_null_backends_count_as_insecure() -> None:
    from keyring.backends import null

    assert TokenStore(null.Keyring()).secure is False
    plaintext = type("PlaintextKeyring", (MemoryKeyring,), {"__module__": "keyrings.alt.file"})()
    assert TokenStore(plaintext).secure is False

    class Chain(MemoryKeyring):  # shaped like keyring's ChainerBackend: writes to backends[0]
        def __init__(self, backends: list[KeyringBackend]) -> None:
            super().__init__()
            self.backends = backends

    assert TokenStore(Chain([MemoryKeyring(), plaintext])).secure is True
    assert TokenStore(Chain([plaintext, MemoryKeyring()])).secure is False
    assert TokenStore(Chain([])).secure is False
