"""The one description of the protocol between the workstation and the central service.

Both sides import these models: the service to validate requests and build responses (and
FastAPI turns them into the OpenAPI document), the client to build requests and validate responses.
Nothing here imports Qt, SQLAlchemy or a web framework.

Conventions
-----------
* Every path is under ``/v1``. The client sends ``X-Workstation-Api: <API_VERSION>`` and
  ``X-Workstation-App: <app version>``; the service answers 426 (``app_too_old``) when the API
  version is outside ``[API_MIN, API_MAX]``.
* Times are timezone-aware UTC datetimes (ISO 8601 on the wire). Client clocks order nothing:
  ``authored_at`` is shown and audited, order comes from server ``version`` numbers.
* Errors have the body :class:`ErrorBody` and these codes (HTTP status in brackets):
  ``bad_request`` (400/422), ``unauthorized`` (401, token missing/expired/revoked),
  ``forbidden`` (403, role or shop), ``not_found`` (404), ``conflict`` (409),
  ``sequence_gap`` (409, push), ``app_too_old`` (426), ``unavailable`` (503, with Retry-After).
* Sync cursors are opaque strings made by the service (they carry epoch, version and scope).
  The empty string means "from the beginning".
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

API_VERSION = 1
API_MIN = 1
API_MAX = 1
#: Identifies the set and shape of synced entities. A client whose cache was built under another
#: schema id rebuilds its cache (never its outbox).
SCHEMA_ID = "ws-2026-11-22.1"

HEADER_API = "X-Workstation-Api"
HEADER_APP = "X-Workstation-App"

# Limits that both sides enforce, so that a malformed or hostile peer cannot exhaust the other.
MAX_PULL_LIMIT = 5000
DEFAULT_PULL_LIMIT = 2000
MAX_PUSH_BATCH = 200
MAX_MUTATION_ARGS_BYTES = 256 * 1024
#: The client refuses response bodies larger than this (a malformed or oversized response).
MAX_RESPONSE_BYTES = 64 * 1024 * 1024


class Paths:
    """URL paths, relative to the server base URL."""

    HEALTH = "/v1/health"
    LOGIN = "/v1/auth/login"
    REFRESH = "/v1/auth/refresh"
    LOGOUT = "/v1/auth/logout"
    ME = "/v1/me"
    SYNC_META = "/v1/sync/meta"
    SYNC_PULL = "/v1/sync/pull"
    SYNC_PUSH = "/v1/sync/push"
    SYNC_EVENTS = "/v1/sync/events"
    CLAIM = "/v1/conversations/{conversation_id}/claim"

    @staticmethod
    def claim(conversation_id: int) -> str:
        return Paths.CLAIM.format(conversation_id=conversation_id)


Role = Literal["agent", "supervisor", "admin"]
SkillGroup = Literal["presale", "aftersale", "complaint"]
SKILL_GROUPS: tuple[SkillGroup, ...] = ("presale", "aftersale", "complaint")
ConversationStatus = Literal["waiting", "assigned", "closed"]
Sender = Literal["buyer", "agent", "system"]
Platform = Literal["taobao", "tmall", "jd", "pdd", "douyin", "web"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=False)


class ErrorBody(_Model):
    code: str
    message: str
    detail: dict[str, Any] | None = None


class Health(_Model):
    status: Literal["ok"] = "ok"
    version: str
    server_time: datetime


# ----------------------------------------------------------------------------- auth


class LoginRequest(_Model):
    staff_id: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)
    device_id: str = Field(min_length=8, max_length=64)
    device_name: str = Field(default="", max_length=128)


class RefreshRequest(_Model):
    refresh_token: str = Field(min_length=16, max_length=256)
    device_id: str = Field(min_length=8, max_length=64)


class LogoutRequest(_Model):
    refresh_token: str = Field(min_length=16, max_length=256)


class UserOut(_Model):
    id: int
    staff_id: str
    display_name: str
    role: Role
    shop_ids: list[int]
    groups: list[SkillGroup]


class TokenPair(_Model):
    access_token: str
    refresh_token: str
    #: seconds until the access token expires; the refresh token lives much longer and rotates
    access_expires_in: int
    user: UserOut


# ----------------------------------------------------------------------------- synced records
# The ``data`` of a pull change is one of these, chosen by ``Change.entity``.


class ShopRecord(_Model):
    id: int
    name: str
    platform: Platform


class UserRecord(_Model):
    """A colleague: every user who shares at least one shop with the puller."""

    id: int
    staff_id: str
    display_name: str
    role: Role
    groups: list[SkillGroup]
    shop_ids: list[int]


class BuyerRecord(_Model):
    id: int
    shop_id: int
    nickname: str
    name: str
    #: masked on the server (``138****1234``); full numbers never reach the client in this API
    phone_masked: str
    #: province and city only; the full address is not synced
    address_short: str
    vip_level: int = 0
    created_at: datetime


class ConversationRecord(_Model):
    id: int
    shop_id: int
    buyer_id: int
    group: SkillGroup
    priority: int = 0
    status: ConversationStatus
    assignee_id: int | None = None
    #: bumped by every claim, transfer or close; the compare-and-set token of a claim
    assignment_version: int
    created_at: datetime
    #: when the oldest buyer message that has no agent answer yet arrived; None when answered
    waiting_since: datetime | None = None
    last_message_at: datetime
    last_message_preview: str = ""
    last_message_from: Sender = "buyer"
    closed_at: datetime | None = None


class MessageRecord(_Model):
    id: int
    conversation_id: int
    sender: Sender
    #: the agent who wrote it (sender ``agent``) or who caused it (``system``); None for buyers
    author_id: int | None = None
    text: str
    created_at: datetime


class PhraseRecord(_Model):
    """A quick phrase. Team phrases have ``owner_id`` None and belong to a shop; personal ones
    belong to their owner (``shop_id`` None). Ids are UUID strings made by whoever created the
    phrase, so that a phrase written offline needs no id mapping."""

    id: str
    shop_id: int | None = None
    owner_id: int | None = None
    group_name: str = ""
    code: str = ""
    text: str
    position: int = 0
    updated_at: datetime
    updated_by: int | None = None


Entity = Literal["shop", "user", "buyer", "conversation", "message", "phrase"]
#: the record model for each entity
RECORD_MODELS: dict[str, type[_Model]] = {
    "shop": ShopRecord,
    "user": UserRecord,
    "buyer": BuyerRecord,
    "conversation": ConversationRecord,
    "message": MessageRecord,
    "phrase": PhraseRecord,
}


# ----------------------------------------------------------------------------- sync


class SyncMeta(_Model):
    #: changes whenever the server's history is not a continuation of what it handed out before
    #: (restored from backup, re-created); a client that sees a new epoch rebuilds its cache
    epoch: str
    version: int
    server_time: datetime
    api_min: int
    api_max: int
    schema_id: str


class Change(_Model):
    entity: Entity
    #: str for phrases (UUID), the decimal id for the others
    id: str
    version: int
    op: Literal["upsert", "delete"]
    #: the full record (see RECORD_MODELS) for upsert; None for delete (a tombstone)
    data: dict[str, Any] | None = None


ResetReason = Literal["epoch", "scope", "expired", "ahead", "schema", "malformed"]


class PullResponse(_Model):
    """One page of changes after the request cursor, in version order.

    Store the page and ``cursor`` in one local transaction. When ``reset`` is set, ``changes`` is
    empty: drop the cache (never the outbox) by pulling again from ``""`` into a fresh snapshot and
    removing local cache rows that the completed snapshot did not contain.
    """

    epoch: str
    cursor: str
    has_more: bool
    changes: list[Change] = []
    reset: ResetReason | None = None


MutationName = Literal["phrase.save@1", "phrase.delete@1"]


class PhraseSaveArgs(_Model):
    """Create or replace a phrase. ``scope`` team needs a supervisor of ``shop_id``."""

    id: str = Field(min_length=8, max_length=64)
    scope: Literal["personal", "team"]
    shop_id: int | None = None
    group_name: str = Field(default="", max_length=64)
    code: str = Field(default="", max_length=32)
    text: str = Field(min_length=1, max_length=5000)
    position: int = 0


class PhraseDeleteArgs(_Model):
    id: str = Field(min_length=8, max_length=64)


MUTATION_ARGS: dict[str, type[_Model]] = {
    "phrase.save@1": PhraseSaveArgs,
    "phrase.delete@1": PhraseDeleteArgs,
}


class Mutation(_Model):
    #: per client, 1, 2, 3, ... without gaps
    seq: int = Field(ge=1)
    #: a UUID made when the change was written locally; the idempotency key
    mutation_id: str = Field(min_length=8, max_length=64)
    name: str
    args: dict[str, Any]
    #: the entity version the change was based on (for conflict detection), if any
    base_version: int | None = None
    authored_at: datetime


class PushRequest(_Model):
    #: a stable id per cache (per installation, server and user)
    client_id: str = Field(min_length=8, max_length=64)
    mutations: list[Mutation] = Field(max_length=MAX_PUSH_BATCH)


class MutationResult(_Model):
    seq: int
    mutation_id: str
    status: Literal["applied", "rejected"]
    #: for rejected: why, for good (validation, permission, unknown mutation)
    error: ErrorBody | None = None
    result: dict[str, Any] | None = None
    #: the server version at which the change was applied
    version: int | None = None


class PushResponse(_Model):
    """Results for every mutation of the request in order, including ones applied by an earlier
    (retried) request: their stored result is answered again. ``last_seq`` is the highest sequence
    number the server has recorded for this client."""

    results: list[MutationResult]
    last_seq: int


class SequenceGap(_Model):
    """Body ``detail`` of a 409 ``sequence_gap``: the next sequence number the server expects."""

    expected_seq: int


class ClaimRequest(_Model):
    expected_assignment_version: int


class ClaimConflict(_Model):
    """``detail`` of a 409 ``conflict`` answering a lost claim."""

    conversation: ConversationRecord
    assignee: UserRecord | None = None


class LiveEvent(_Model):
    """The data of a server-sent event ``changed`` on ``/v1/sync/events``: something changed, pull.

    The stream also sends a comment line every ``heartbeat`` seconds so that a dead connection is
    noticed; the client polls ``/v1/sync/meta`` slowly as a fallback when the stream is down.
    """

    version: int
