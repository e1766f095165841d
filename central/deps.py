"""Request dependencies as typed aliases (``DbDep``, ``CurrentUser``, ``SettingsDep``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from central.db import Database
from central.errors import unauthorized
from central.models import User
from central.security import authenticate
from central.settings import Settings

_bearer = HTTPBearer(auto_error=False)


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_current_user(
    db: DbDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> User:
    """The user of the bearer access token (its shops loaded); 401 when missing, expired, revoked."""
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise unauthorized("missing bearer token")
    with db.read() as session:
        user = authenticate(session, credentials.credentials)
        _ = user.shops  # loaded before the session closes: endpoints check shops on it
        session.expunge(user)
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
