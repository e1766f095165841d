"""Passwords and tokens.

Passwords are hashed with argon2. Tokens are opaque random strings; only their sha256 is stored,
so a copy of the database does not hold usable tokens. An access token lives ``access_ttl``
seconds; the refresh token is bound to the device that logged in, rotates on every refresh, and
presenting an already rotated refresh token again revokes the whole login (it was stolen, or
the client lost a response: either way a fresh login is the safe answer).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central.errors import unauthorized
from central.models import AccessToken, AuthSession, RefreshToken, User, utcnow
from central.settings import Settings

_hasher = PasswordHasher()
#: verified against when the staff id is unknown, so that timing does not reveal which ids exist
_DUMMY_HASH = _hasher.hash("not a password of anyone")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


@dataclass
class IssuedTokens:
    access_token: str
    refresh_token: str
    access_expires_in: int


def _issue(session: Session, auth: AuthSession, settings: Settings, now: datetime) -> IssuedTokens:
    access, refresh = new_token(), new_token()
    session.add(
        AccessToken(
            token_hash=token_hash(access),
            session_id=auth.id,
            user_id=auth.user_id,
            expires_at=now + timedelta(seconds=settings.access_ttl),
        )
    )
    session.add(
        RefreshToken(
            token_hash=token_hash(refresh),
            session_id=auth.id,
            expires_at=now + timedelta(seconds=settings.refresh_ttl),
        )
    )
    return IssuedTokens(access, refresh, settings.access_ttl)


def check_password(session: Session, staff_id: str, password: str) -> int:
    """The id of the active user with these credentials, or 401.

    Run it in a read transaction: argon2 is deliberately slow and must not hold the write lock.
    """
    user = session.execute(select(User).where(User.staff_id == staff_id)).scalar_one_or_none()
    ok = verify_password(user.password_hash if user else None, password)
    if user is None or not ok or not user.active:
        raise unauthorized("wrong staff id or password")
    return user.id


def start_session(
    session: Session, settings: Settings, user_id: int, device_id: str, device_name: str
) -> tuple[User, IssuedTokens]:
    """A new login of ``user_id`` on a device, with its first pair of tokens."""
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise unauthorized("account disabled")
    now = utcnow()
    auth = AuthSession(user_id=user.id, device_id=device_id, device_name=device_name, created_at=now)
    session.add(auth)
    session.flush()
    return user, _issue(session, auth, settings, now)


def refresh(session: Session, settings: Settings, token: str, device_id: str) -> tuple[User, IssuedTokens]:
    now = utcnow()
    row = session.execute(
        select(RefreshToken, AuthSession)
        .join(AuthSession, AuthSession.id == RefreshToken.session_id)
        .where(RefreshToken.token_hash == token_hash(token))
    ).one_or_none()
    if row is None:
        raise unauthorized("unknown refresh token")
    rt, auth = row
    if auth.revoked_at is not None:
        raise unauthorized("login revoked")
    if auth.device_id != device_id:
        raise unauthorized("refresh token belongs to another device")
    if rt.expires_at <= now:
        raise unauthorized("refresh token expired")
    if rt.used_at is not None:
        if now - rt.used_at > timedelta(seconds=settings.refresh_reuse_grace):
            # Reuse long after rotation: stolen. Revoke the login (the caller commits this
            # before answering 401).
            auth.revoked_at = now
            raise unauthorized("refresh token already used; log in again")
        # Reuse right after rotation: the answer to the first refresh was lost. Its tokens were
        # never received, so they are voided and a fresh pair is issued in their place.
        session.execute(
            update(RefreshToken)
            .where(RefreshToken.session_id == auth.id, RefreshToken.used_at.is_(None))
            .values(used_at=now, expires_at=now),
            execution_options={"synchronize_session": False},
        )
    user = session.get(User, auth.user_id)
    if user is None or not user.active:
        raise unauthorized("account disabled")
    if rt.used_at is None:
        rt.used_at = now
    # the old access tokens of this login end with the rotation
    session.execute(
        update(AccessToken)
        .where(AccessToken.session_id == auth.id, AccessToken.expires_at > now)
        .values(expires_at=now),
        execution_options={"synchronize_session": False},
    )
    return user, _issue(session, auth, settings, now)


def logout(session: Session, token: str) -> None:
    """Revoke the login that the refresh token belongs to (unknown tokens are ignored: logging
    out twice is not an error)."""
    rt = session.execute(
        select(RefreshToken).where(RefreshToken.token_hash == token_hash(token))
    ).scalar_one_or_none()
    if rt is None:
        return
    auth = session.get(AuthSession, rt.session_id)
    if auth is not None and auth.revoked_at is None:
        auth.revoked_at = utcnow()


def authenticate(session: Session, token: str) -> User:
    """The user of a valid access token, or 401."""
    now = utcnow()
    row = session.execute(
        select(AccessToken.expires_at, AuthSession.revoked_at, AccessToken.user_id)
        .join(AuthSession, AuthSession.id == AccessToken.session_id)
        .where(AccessToken.token_hash == token_hash(token))
    ).one_or_none()
    if row is None:
        raise unauthorized("unknown access token")
    expires_at, revoked_at, user_id = row
    if revoked_at is not None:
        raise unauthorized("login revoked")
    if expires_at <= now:
        raise unauthorized("access token expired")
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise unauthorized("account disabled")
    return user
