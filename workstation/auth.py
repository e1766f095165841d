"""Login, token refresh and the refresh token's safe keeping.

The access token is short-lived and lives in memory only. The refresh token (rotated by every
refresh, bound to this device) is kept in the OS keychain through ``keyring`` so that the app can
resume a session after a restart, also offline. When the machine has no secure keychain, the token
is kept in memory until the app exits and the user is told so once: it is never written to disk,
settings, logs or the local database.
"""

from __future__ import annotations

import logging
import threading

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from workstation.api import ApiClient, ApiError, Forbidden, Offline, Unauthorized
from workstation.paths import normalize_server_url
from wsprotocol import LoginRequest, LogoutRequest, RefreshRequest, TokenPair, UserOut

log = logging.getLogger(__name__)

INSECURE_WARNING = (
    "No secure password store (keychain) is available on this computer, so your login is kept only "
    "until Workstation closes; you will need to log in again after a restart."
)


def _is_insecure_backend(backend: KeyringBackend) -> bool:
    """True for backends that store nothing (fail, null) or store secrets readably (keyrings.alt)."""
    chain = getattr(backend, "backends", None)
    if chain is not None:  # a ChainerBackend writes to its first (highest priority) backend
        return not chain or _is_insecure_backend(chain[0])
    module = type(backend).__module__
    if module.startswith("keyrings.alt") or module.startswith("keyring.backends.fail"):
        return True
    if module.startswith("keyring.backends.null"):
        return True
    return bool(backend.priority <= 0)


class TokenStore:
    """Refresh tokens per server and staff id: OS keychain, else memory (``secure`` False)."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend if backend is not None else keyring.get_keyring()
        self._memory: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()
        self.secure = not _is_insecure_backend(self._backend)
        self.warning: str | None = None if self.secure else INSECURE_WARNING
        self._warned = False

    @staticmethod
    def service(server_url: str) -> str:
        return "workstation:" + normalize_server_url(server_url)

    def take_warning(self) -> str | None:
        """The warning for the user, once: the GUI shows what this returns, then never again."""
        if self.warning is None or self._warned:
            return None
        self._warned = True
        return self.warning

    def _fall_back(self, exc: BaseException) -> None:
        if self.secure:
            log.warning("keychain refused to store the login (%s); keeping it in memory", type(exc).__name__)
        self.secure = False
        self.warning = INSECURE_WARNING

    def get(self, server_url: str, staff_id: str) -> str | None:
        key = (self.service(server_url), staff_id)
        with self._lock:
            if key in self._memory:
                return self._memory[key]
            if not self.secure:
                return None
        try:
            return self._backend.get_password(*key)
        except keyring.errors.KeyringError as exc:
            log.warning("keychain could not be read (%s)", type(exc).__name__)
            return None

    def set(self, server_url: str, staff_id: str, token: str) -> None:
        key = (self.service(server_url), staff_id)
        if self.secure:
            try:
                self._backend.set_password(key[0], key[1], token)
                with self._lock:
                    self._memory.pop(key, None)
                return
            except Exception as exc:  # keyring backends raise all sorts (D-Bus, OS errors)
                self._fall_back(exc)
        with self._lock:
            self._memory[key] = token

    def delete(self, server_url: str, staff_id: str) -> None:
        key = (self.service(server_url), staff_id)
        with self._lock:
            self._memory.pop(key, None)
        if self.secure:
            try:
                self._backend.delete_password(*key)
            except keyring.errors.PasswordDeleteError:
                pass  # nothing stored: fine
            except Exception as exc:  # a keychain that fails on delete must not block a logout
                log.warning("keychain could not delete the login (%s)", type(exc).__name__)


class AuthSession:
    """The logged-in user's tokens for one server; wires an ``ApiClient`` that refreshes on 401."""

    def __init__(
        self,
        server_url: str,
        store: TokenStore,
        device_id: str,
        *,
        device_name: str = "",
        timeout: float = 10.0,
    ) -> None:
        self.server_url = server_url
        self.store = store
        self.device_id = device_id
        self.device_name = device_name
        self.user: UserOut | None = None
        #: the staff id whose refresh token ``refresh`` uses (set by login/resume)
        self.staff_id: str | None = None
        self._access: str | None = None
        # Refresh rotates the token: two threads refreshing at once would spend one token twice and
        # the server would revoke the family. One refresh at a time; the second waits and reuses.
        self._lock = threading.RLock()
        self._generation = 0
        self._sent = threading.local()
        self.api = ApiClient(
            server_url,
            token_provider=self.access_token,
            on_unauthorized=self._on_unauthorized,
            timeout=timeout,
        )

    # -- state

    def access_token(self) -> str | None:
        token = self._access
        self._sent.token = token  # remembered per thread for _on_unauthorized
        return token

    def _adopt(self, pair: TokenPair) -> UserOut:
        with self._lock:
            self._access = pair.access_token
            self.user = pair.user
            self.staff_id = pair.user.staff_id
            self._generation += 1
        self.store.set(self.server_url, pair.user.staff_id, pair.refresh_token)
        return pair.user

    # -- operations

    def login(self, staff_id: str, password: str) -> UserOut:
        """Log in with a password. Raises ``Unauthorized`` (wrong staff id or password),
        ``Offline``, ``AppTooOld``, ..."""
        pair = self.api.login(
            LoginRequest(
                staff_id=staff_id, password=password, device_id=self.device_id, device_name=self.device_name
            )
        )
        return self._adopt(pair)

    def resume(self, staff_id: str) -> UserOut | None:
        """Resume from the stored refresh token. None when there is none or the server refused it;
        raises ``Offline`` when the server cannot be reached (the token is kept for later)."""
        self.staff_id = staff_id
        if self.store.get(self.server_url, staff_id) is None:
            return None
        if not self.refresh():
            return None
        return self.user

    def refresh(self) -> bool:
        """Exchange the refresh token for new tokens. False when refused (the user must log in;
        local work goes on). Raises ``Offline`` when the server cannot be reached."""
        with self._lock:
            generation = self._generation
            staff_id = self.staff_id
            if staff_id is None:
                return False
            token = self.store.get(self.server_url, staff_id)
            if token is None:
                return False
            try:
                pair = self.api.refresh(RefreshRequest(refresh_token=token, device_id=self.device_id))
            except (Unauthorized, Forbidden):
                if generation == self._generation:
                    self._access = None
                    self.store.delete(self.server_url, staff_id)
                return False
            except ApiError as exc:
                if isinstance(exc, Offline):
                    raise
                if exc.status is not None and 400 <= exc.status < 500 and exc.status != 426:
                    # A refresh token the server does not accept (malformed, unknown): same as refused.
                    self._access = None
                    self.store.delete(self.server_url, staff_id)
                    return False
                raise
            self._adopt(pair)
            return True

    def _on_unauthorized(self) -> bool:
        # Called by ApiClient on a 401. If another thread refreshed while this request was in
        # flight, its new token is good: retry with it instead of spending the refresh token again.
        sent = getattr(self._sent, "token", None)
        with self._lock:
            if self._access is not None and self._access != sent:
                return True
            try:
                return self.refresh()
            except Offline:
                return False

    def logout(self) -> None:
        """Revoke the refresh token on the server if reachable, and forget it locally either way."""
        with self._lock:
            staff_id = self.staff_id
            token = self.store.get(self.server_url, staff_id) if staff_id else None
            self._access = None
            self.user = None
            self._generation += 1
        if staff_id is None:
            return
        if token is not None:
            try:
                self.api.logout(LogoutRequest(refresh_token=token))
            except ApiError as exc:
                log.info("logout could not reach the server (%s); forgetting the login locally", exc.code)
        self.store.delete(self.server_url, staff_id)

    def has_stored_login(self, staff_id: str) -> bool:
        return self.store.get(self.server_url, staff_id) is not None
