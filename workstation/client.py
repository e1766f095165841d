"""The client core as one object: what the GUI (and end-to-end tests) hold after logging in.

``Client.connect`` logs in (or resumes a stored login), opens the per-server, per-user cache and
builds the sync engine. With ``offline_ok=True`` it also opens when the server cannot be reached,
provided this user has a cache and a stored login here: the agent can keep reading and writing
locally, and the sync loop logs in and pushes once the server is back (guarantee 1).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from workstation import actions
from workstation.actions import ClaimOutcome, claim
from workstation.api import ApiClient, Offline, Unauthorized, validate_base_url
from workstation.auth import AuthSession, TokenStore
from workstation.db import LocalDB
from workstation.gcpolicy import freeze_long_lived
from workstation.paths import cache_path
from workstation.sync import ChangeSummary, SyncEngine, SyncLoop, SyncStatus
from wsprotocol import CloseCategory, ConversationActionResponse, SkillGroup, UserOut

log = logging.getLogger(__name__)

K_USER = "user"
K_SERVER_URL = "server_url"
K_STAFF_ID = "staff_id"


class Client:
    """A logged-in (or offline-opened) workstation session."""

    def __init__(
        self, *, user: UserOut, db: LocalDB, auth: AuthSession, engine: SyncEngine, offline: bool
    ) -> None:
        self._user = user
        self.db = db
        self.auth = auth
        self.engine = engine
        self.api: ApiClient = auth.api
        #: True when opened from the cache without reaching the server
        self.offline = offline
        self.loop: SyncLoop | None = None

    @property
    def user(self) -> UserOut:
        """The logged-in user: the server's latest answer, or the cached one when opened offline."""
        return self.auth.user or self._user

    @classmethod
    def connect(
        cls,
        server_url: str,
        staff_id: str,
        password: str | None,
        *,
        data_dir: Path | None = None,
        device_name: str = "",
        offline_ok: bool = False,
        token_store: TokenStore | None = None,
        timeout: float = 10.0,
    ) -> Client:
        """Log in (``password``) or resume (``password`` None) and open the cache.

        Raises ``ValueError`` (bad URL), ``CacheInUse``, ``Unauthorized`` (wrong password, or no
        usable stored login), ``Offline`` (unless ``offline_ok`` and a cache and stored login exist),
        ``AppTooOld`` ...
        """
        url = validate_base_url(server_url)
        staff_id = staff_id.strip()
        if not staff_id:
            raise ValueError("Staff id is empty")
        path = cache_path(url, staff_id, base=data_dir)
        existed = path.exists()
        # The cache lock is taken before talking to the server: a second copy of the app must not
        # even spend (rotate) the stored refresh token that the first copy is using.
        db = LocalDB.open(path)
        try:
            store = token_store if token_store is not None else TokenStore()
            auth = AuthSession(url, store, device_id=db.client_id(), device_name=device_name, timeout=timeout)
            offline = False
            try:
                if password is not None:
                    user = auth.login(staff_id, password)
                else:
                    resumed = auth.resume(staff_id)
                    if resumed is None:
                        raise Unauthorized(
                            "No saved login for this staff id; please log in with your password.",
                            code="unauthorized",
                            status=401,
                        )
                    user = resumed
            except Offline:
                cached = db.get_state(K_USER)
                if not (offline_ok and cached and auth.has_stored_login(staff_id)):
                    raise
                user = UserOut.model_validate_json(cached)
                auth.staff_id = staff_id
                offline = True
            if not offline:
                with db.transaction() as s:
                    db.set_state(K_USER, user.model_dump_json(), s)
                    db.set_state(K_SERVER_URL, url, s)
                    db.set_state(K_STAFF_ID, staff_id, s)
            engine = SyncEngine(db, auth.api)
            return cls(user=user, db=db, auth=auth, engine=engine, offline=offline)
        except BaseException:
            db.close()
            if not existed:
                # A cache created by this failed attempt holds nothing: do not leave it behind.
                for suffix in ("", "-wal", "-shm", ".lock"):
                    with contextlib.suppress(OSError):
                        path.with_name(path.name + suffix).unlink()
            raise

    # -- use

    def start_sync(
        self,
        on_status: Callable[[SyncStatus], None],
        on_changes: Callable[[ChangeSummary], None],
        *,
        poll_interval: float = 30.0,
        live: bool = True,
    ) -> SyncLoop:
        if self.loop is not None:
            raise RuntimeError("sync is already running")
        # The objects alive now live for the whole session: keep the collector off them (a full
        # collection holds the GIL, i.e. it would freeze the UI thread too).
        freeze_long_lived()
        self.loop = SyncLoop(
            self.engine, on_status=on_status, on_changes=on_changes, poll_interval=poll_interval, live=live
        )
        self.loop.start()
        return self.loop

    def enqueue(self, name: str, args: dict[str, object], base_version: int | None = None) -> int:
        """A local write (see ``SyncEngine.enqueue``), then wake the sync loop; returns the seq."""
        entry = self.engine.enqueue(name, dict(args), base_version)
        if self.loop is not None:
            self.loop.wake()
        return entry.seq

    def take_security_warning(self) -> str | None:
        """Once per session: a sentence (English, for the log) when the login could not be stored
        in a secure keychain. The GUI shows its own translated text when this is not None."""
        return self.auth.store.take_warning()

    def claim(self, conversation_id: int, expected_assignment_version: int) -> ClaimOutcome:
        return claim(self.engine, conversation_id, expected_assignment_version)

    # conversation actions (issue 4): see workstation.actions for what each raises

    def send_reply(self, conversation_id: int, text: str, client_msg_id: str) -> ConversationActionResponse:
        return actions.send_reply(self.engine, conversation_id, text, client_msg_id)

    def transfer(
        self,
        conversation_id: int,
        expected_assignment_version: int,
        to_user_id: int | None = None,
        to_group: SkillGroup | None = None,
        note: str = "",
    ) -> ConversationActionResponse:
        return actions.transfer(
            self.engine, conversation_id, expected_assignment_version, to_user_id, to_group, note
        )

    def close_conversation(
        self, conversation_id: int, expected_assignment_version: int, category: CloseCategory, note: str = ""
    ) -> ConversationActionResponse:
        """Close a conversation (not to be confused with ``close``, which ends this session)."""
        return actions.close(self.engine, conversation_id, expected_assignment_version, category, note)

    def escalate(self, conversation_id: int, note: str = "") -> ConversationActionResponse:
        return actions.escalate(self.engine, conversation_id, note)

    def login_again(self, password: str) -> UserOut:
        """After ``needs_login``: log in with the password and let the loop push what waited."""
        staff_id = self.auth.staff_id or self.user.staff_id
        user = self.auth.login(staff_id, password)
        self._user = user
        self.offline = False
        self.db.set_state(K_USER, user.model_dump_json())
        if self.loop is not None:
            self.loop.wake()
        return user

    def logout(self) -> None:
        """Revoke the login (on the server if reachable) and close. The cache and any unsent
        changes stay on disk for the next login of this staff id."""
        self.auth.logout()
        self.close()

    def close(self) -> None:
        if self.loop is not None:
            self.loop.stop()
            self.loop = None
        self.engine.close()
        self.api.close()
        self.db.close()
