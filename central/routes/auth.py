from __future__ import annotations

from fastapi import APIRouter, Response

from central import security, supervisor
from central.deps import CurrentUser, DbDep, SettingsDep
from central.errors import ApiError
from central.models import User
from wsprotocol import ErrorBody, LoginRequest, LogoutRequest, Paths, RefreshRequest, TokenPair, UserOut

router = APIRouter(tags=["auth"])
_ERRORS: dict[int | str, dict[str, object]] = {401: {"model": ErrorBody}}


def user_out(user: User) -> UserOut:
    return UserOut.model_validate(
        {
            "id": user.id,
            "staff_id": user.staff_id,
            "display_name": user.display_name,
            "role": user.role,
            "shop_ids": user.shop_ids,
            "groups": user.groups,
            "permissions": user.permissions,
        }
    )


@router.post(Paths.LOGIN, response_model=TokenPair, responses=_ERRORS)
def login(body: LoginRequest, db: DbDep, settings: SettingsDep) -> TokenPair:
    with db.read() as session:
        user_id = security.check_password(session, body.staff_id, body.password)
    with db.write() as session:
        user, tokens = security.start_session(session, settings, user_id, body.device_id, body.device_name)
        out = user_out(user)
    return TokenPair(
        access_token=tokens.access_token,
        refresh_token=tokens.refresh_token,
        access_expires_in=tokens.access_expires_in,
        user=out,
    )


@router.post(Paths.REFRESH, response_model=TokenPair, responses=_ERRORS)
def refresh(body: RefreshRequest, db: DbDep, settings: SettingsDep) -> TokenPair:
    session = db.write_session()
    try:
        user, tokens = security.refresh(session, settings, body.refresh_token, body.device_id)
        out = user_out(user)
        session.commit()
    except ApiError:
        # keep what the refresh decided (a reused token revokes the login), then answer 401
        session.commit()
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    return TokenPair(
        access_token=tokens.access_token,
        refresh_token=tokens.refresh_token,
        access_expires_in=tokens.access_expires_in,
        user=out,
    )


@router.post(Paths.LOGOUT, status_code=204, response_class=Response)
def logout(body: LogoutRequest, db: DbDep) -> Response:
    with db.write() as session:
        supervisor.offline_at_logout(session, body.refresh_token)  # before the login is revoked
        security.logout(session, body.refresh_token)
    return Response(status_code=204)


@router.get(Paths.ME, response_model=UserOut, responses=_ERRORS)
def me(user: CurrentUser) -> UserOut:
    return user_out(user)
