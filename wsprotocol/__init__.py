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

import re
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

API_VERSION = 1
API_MIN = 1
API_MAX = 1
#: Identifies the set and shape of synced entities. A client whose cache was built under another
#: schema id rebuilds its cache (never its outbox).
SCHEMA_ID = "ws-2026-11-22.3"

HEADER_API = "X-Workstation-Api"
HEADER_APP = "X-Workstation-App"

# Limits that both sides enforce, so that a malformed or hostile peer cannot exhaust the other.
MAX_PULL_LIMIT = 5000
DEFAULT_PULL_LIMIT = 2000
MAX_PUSH_BATCH = 200
#: A pull page also ends once its changes' text reaches about this many characters (at least one
#: change per page; ``has_more`` says there is more): the client decodes a page in one C call that
#: holds the GIL, and so the UI thread, for as long as it takes (~10 ms per 512 KB).
MAX_PULL_PAGE_CHARS = 512 * 1024
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
    SEND = "/v1/conversations/{conversation_id}/messages"
    TRANSFER = "/v1/conversations/{conversation_id}/transfer"
    CLOSE = "/v1/conversations/{conversation_id}/close"
    ESCALATE = "/v1/conversations/{conversation_id}/escalate"
    REVEAL = "/v1/buyers/{buyer_id}/reveal"
    USER_PERMISSIONS = "/v1/users/{user_id}/permissions"
    REVEAL_AUDIT = "/v1/audit/reveals"
    # issue 6: agent status, routing, the supervisor's dashboard, actions and reports
    MY_STATUS = "/v1/me/status"
    ASSIGN = "/v1/conversations/{conversation_id}/assign"
    RATING = "/v1/conversations/{conversation_id}/rating"
    MOVE_CONVERSATIONS = "/v1/users/{user_id}/move-conversations"
    USER_ROUTING = "/v1/users/{user_id}/routing"
    DASHBOARD = "/v1/supervisor/dashboard"
    SUPERVISOR_CONFIG = "/v1/supervisor/config"
    SUPERVISOR_AUDIT = "/v1/audit/supervisor"
    REPORT = "/v1/reports/daily"

    @staticmethod
    def claim(conversation_id: int) -> str:
        return Paths.CLAIM.format(conversation_id=conversation_id)

    @staticmethod
    def send(conversation_id: int) -> str:
        return Paths.SEND.format(conversation_id=conversation_id)

    @staticmethod
    def transfer(conversation_id: int) -> str:
        return Paths.TRANSFER.format(conversation_id=conversation_id)

    @staticmethod
    def close(conversation_id: int) -> str:
        return Paths.CLOSE.format(conversation_id=conversation_id)

    @staticmethod
    def escalate(conversation_id: int) -> str:
        return Paths.ESCALATE.format(conversation_id=conversation_id)

    @staticmethod
    def reveal(buyer_id: int) -> str:
        return Paths.REVEAL.format(buyer_id=buyer_id)

    @staticmethod
    def user_permissions(user_id: int) -> str:
        return Paths.USER_PERMISSIONS.format(user_id=user_id)

    @staticmethod
    def assign(conversation_id: int) -> str:
        return Paths.ASSIGN.format(conversation_id=conversation_id)

    @staticmethod
    def rating(conversation_id: int) -> str:
        return Paths.RATING.format(conversation_id=conversation_id)

    @staticmethod
    def move_conversations(user_id: int) -> str:
        return Paths.MOVE_CONVERSATIONS.format(user_id=user_id)

    @staticmethod
    def user_routing(user_id: int) -> str:
        return Paths.USER_ROUTING.format(user_id=user_id)


Role = Literal["agent", "supervisor", "admin"]
SkillGroup = Literal["presale", "aftersale", "complaint"]
SKILL_GROUPS: tuple[SkillGroup, ...] = ("presale", "aftersale", "complaint")
ConversationStatus = Literal["waiting", "assigned", "closed"]
Sender = Literal["buyer", "agent", "system"]
Platform = Literal["taobao", "tmall", "jd", "pdd", "douyin", "web"]
#: an agent's availability. ``online``: new conversations are offered to them (below capacity);
#: ``busy``: working, offered nothing new; ``away``: set by the workstation after inactivity or by
#: the agent; ``offline``: logged out, the workstation closed, or its connection lost for longer
#: than ``SupervisorConfig.presence_timeout_s``
AgentStatus = Literal["online", "busy", "away", "offline"]
AGENT_STATUSES: tuple[AgentStatus, ...] = ("online", "busy", "away", "offline")
#: what a supervisor is alerted to: a buyer waiting past the group's SLA, complaint conversations
#: of a shop above ``complaint_spike_multiple`` times the usual rate, an agent holding more
#: conversations than their capacity
AlertKind = Literal["sla_breach", "complaint_spike", "over_capacity"]
#: how a conversation came to an agent (the ``how`` of an ``assigned`` activity event)
AssignHow = Literal["claim", "route", "transfer", "reassign", "takeover", "move"]
DEFAULT_CAPACITY = 5
MAX_CAPACITY = 50
#: what a supervisor can grant an agent; ``reveal_contact``: see a buyer's full phone and address
Permission = Literal["reveal_contact"]
PERMISSIONS: tuple[Permission, ...] = ("reveal_contact",)
#: why a conversation was closed (the category of a closed conversation)
CloseCategory = Literal["presale", "order_change", "shipping", "aftersale", "complaint", "other"]
CLOSE_CATEGORIES: tuple[CloseCategory, ...] = (
    "presale",
    "order_change",
    "shipping",
    "aftersale",
    "complaint",
    "other",
)
OrderStatus = Literal["unpaid", "paid", "shipped", "delivered", "completed", "closed", "refunding"]
ORDER_STATUSES: tuple[OrderStatus, ...] = (
    "unpaid",
    "paid",
    "shipped",
    "delivered",
    "completed",
    "closed",
    "refunding",
)
ShipmentState = Literal["picked_up", "in_transit", "out_for_delivery", "delivered", "exception"]
AfterSaleKind = Literal["refund_only", "return_refund", "exchange", "reissue"]
#: open states: requested, approved, awaiting_return, returned; final: refunded, reshipped,
#: rejected, closed (withdrawn by the buyer or by the platform)
AfterSaleState = Literal[
    "requested", "approved", "awaiting_return", "returned", "refunded", "reshipped", "rejected", "closed"
]
AFTERSALE_OPEN_STATES: frozenset[str] = frozenset({"requested", "approved", "awaiting_return", "returned"})
#: the usual carriers by code; a record may carry a code not listed here (shown as the code)
CARRIERS: dict[str, str] = {
    "sf": "顺丰速运",
    "zto": "中通快递",
    "yto": "圆通速递",
    "sto": "申通快递",
    "yunda": "韵达快递",
    "jtexpress": "极兔速递",
    "ems": "EMS",
    "jd": "京东物流",
    "deppon": "德邦快递",
    "best": "百世快递",
}
#: Variables a quick phrase may contain, written ``{name}`` with either the English key or the
#: Chinese label (``{buyer_nickname}`` or ``{买家昵称}``). The service rejects a phrase that names
#: another variable; the client fills them from the open conversation.
PHRASE_VARIABLES: dict[str, str] = {
    "buyer_nickname": "买家昵称",
    "buyer_name": "买家姓名",
    "order_no": "订单号",
    "tracking_no": "快递单号",
    "carrier": "快递公司",
    "staff_id": "工号",
    "agent_name": "客服名",
    "shop_name": "店铺名",
    "today": "今天日期",
}
_VARIABLE_KEYS: dict[str, str] = {
    **{k: k for k in PHRASE_VARIABLES},
    **{v: k for k, v in PHRASE_VARIABLES.items()},
}
_VARIABLE_RE = re.compile(r"\{([^{}\s]{1,24})\}")


def phrase_variables(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of every ``{...}`` in a phrase, ``name`` as written."""
    return [(m.start(), m.end(), m.group(1)) for m in _VARIABLE_RE.finditer(text)]


def variable_key(name: str) -> str | None:
    """The English key for a variable written either way, or None when it is not a variable."""
    return _VARIABLE_KEYS.get(name)


def unknown_variables(text: str) -> list[str]:
    """Names in ``{...}`` that are not phrase variables, in order, without repeats."""
    out: list[str] = []
    for _s, _e, name in phrase_variables(text):
        if name not in _VARIABLE_KEYS and name not in out:
            out.append(name)
    return out


#: the longest reply an agent can send (longer text stays in the composer with a message)
MAX_REPLY_CHARS = 5000


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
    permissions: list[Permission] = []


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
    permissions: list[Permission] = []


class BuyerRecord(_Model):
    id: int
    shop_id: int
    nickname: str
    name: str
    #: masked on the server (``138****1234``); full numbers are only answered by an audited
    #: reveal (``Paths.REVEAL``)
    phone_masked: str
    #: province and city only; the full address is not synced
    address_short: str
    vip_level: int = 0
    created_at: datetime
    #: every address the buyer has used, each shortened like ``address_short``
    addresses_short: list[str] = []
    tags: list[str] = []
    first_contact_at: datetime | None = None
    last_contact_at: datetime | None = None
    #: lifetime figures over the buyer's orders in this shop (paid orders; fen = 0.01 yuan)
    order_count: int = 0
    total_spent_fen: int = 0
    notes_count: int = 0


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
    close_category: CloseCategory | None = None
    #: set while the conversation is escalated to a supervisor
    escalated_at: datetime | None = None


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


class OrderItem(_Model):
    sku: str
    title: str
    #: e.g. ``颜色:黑色;尺码:XL``
    specs: str = ""
    quantity: int
    unit_price_fen: int


class OrderDiscount(_Model):
    #: e.g. ``店铺优惠券``, ``满300减30``
    label: str
    amount_fen: int


class Presale(_Model):
    """A presale (预售) order: a deposit (定金) now, the balance (尾款) in a window later."""

    deposit_fen: int
    balance_fen: int
    deposit_paid_at: datetime | None = None
    balance_due_from: datetime
    balance_due_until: datetime
    balance_paid_at: datetime | None = None


class OrderRecord(_Model):
    """An order. Money in fen (0.01 yuan). ``paid_fen`` = items - discounts + shipping, once paid."""

    id: int
    order_no: str
    shop_id: int
    buyer_id: int
    status: OrderStatus
    created_at: datetime
    paid_at: datetime | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    completed_at: datetime | None = None
    closed_at: datetime | None = None
    items: list[OrderItem]
    discounts: list[OrderDiscount] = []
    item_total_fen: int
    shipping_fee_fen: int = 0
    paid_fen: int = 0
    receiver_name: str = ""
    receiver_phone_masked: str = ""
    #: province and city of the shipping address; the full one needs a reveal
    address_short: str = ""
    buyer_message: str = ""
    presale: Presale | None = None
    promised_ship_at: datetime | None = None
    updated_at: datetime


class ShipmentEvent(_Model):
    at: datetime
    place: str = ""
    text: str
    state: ShipmentState | None = None


class ShipmentRecord(_Model):
    """A parcel of an order. Events oldest first. A parcel not delivered whose ``last_event_at``
    is older than the stuck threshold (a client setting, 48 h by default) is stuck."""

    id: int
    order_id: int
    shop_id: int
    carrier: str
    tracking_no: str
    state: ShipmentState
    events: list[ShipmentEvent] = []
    last_event_at: datetime | None = None
    created_at: datetime


class AfterSaleEvent(_Model):
    at: datetime
    text: str
    #: ``buyer``, ``platform``, or the staff id of the agent who acted
    actor: str = ""


class AfterSaleRecord(_Model):
    id: int
    order_id: int
    shop_id: int
    buyer_id: int
    kind: AfterSaleKind
    reason: str
    amount_fen: int = 0
    state: AfterSaleState
    timeline: list[AfterSaleEvent] = []
    created_at: datetime
    updated_at: datetime


# ----------------------------------------------------------------------------- notes and handovers

NoteFlag = Literal["none", "red", "yellow", "green", "blue", "purple"]
NOTE_FLAGS: tuple[NoteFlag, ...] = ("none", "red", "yellow", "green", "blue", "purple")
#: the common reasons for changing an order note (变动事由); ``other`` needs a typed reason;
#: ``none`` (``NOTE_NO_REASON``): no reason given, accepted only when the team does not require one
NoteReason = Literal[
    "address_change", "quantity_change", "gift", "shipping_instruction", "aftersale", "other", "none"
]
NOTE_REASONS: tuple[NoteReason, ...] = (
    "address_change",
    "quantity_change",
    "gift",
    "shipping_instruction",
    "aftersale",
    "other",
)
#: the reason code of a note change made without a reason: a change "has no reason" when its code
#: is this and nothing is typed; the service refuses it (``reason_required``) while
#: ``SupervisorConfig.note_reason_required`` is set. Not one of ``NOTE_REASONS`` (not a choice).
NOTE_NO_REASON: NoteReason = "none"
#: platforms cap a seller note at about 1,000 bytes: the editor warns before that
PLATFORM_NOTE_BYTES = 1000
#: the longest note text the service accepts (a 100 KB paste is refused with a clear message)
MAX_NOTE_CHARS = 5000
#: how an entry was applied by the service
NoteOutcome = Literal["applied", "merged", "conflict", "restored", "resolved", "deleted"]


class NoteConflictSide(_Model):
    """One side of an unresolved conflict: the text (and flag) one author wanted."""

    entry_id: str
    author_id: int
    flag: NoteFlag
    text: str


class OrderNoteRecord(_Model):
    """The seller note and flag of an order as it now is (entity ``order_note``, id = order id).

    ``revision`` counts the entries applied to it; an edit names the revision it started from
    (``base_revision``) so the service can merge concurrent edits. While ``conflict`` is set, the
    sides are shown side by side until someone resolves it (``note.resolve@1``)."""

    id: int
    shop_id: int
    flag: NoteFlag = "none"
    text: str = ""
    revision: int
    updated_at: datetime
    updated_by: int | None = None
    deleted_at: datetime | None = None
    #: set when this note was restored by an edit made against its deletion
    restored: bool = False
    conflict: list[NoteConflictSide] | None = None


class NoteEntryRecord(_Model):
    """One change of an order note (entity ``note_entry``, id = the client's UUID): the history,
    newest first on screen. ``text``/``flag`` are what the author wrote; ``result_text`` and
    ``result_flag`` what the note became (after a merge they differ)."""

    id: str
    order_id: int
    shop_id: int
    kind: Literal["edit", "delete", "resolve"]
    flag: NoteFlag
    text: str
    reason_code: NoteReason
    reason: str = ""
    author_id: int
    #: the author's clock when written (shown; order comes from ``revision``)
    authored_at: datetime
    #: the service's clock when applied
    applied_at: datetime
    base_revision: int
    revision: int
    outcome: NoteOutcome
    result_flag: NoteFlag
    result_text: str


class NoteEditArgs(_Model):
    """Change an order's flag and note. ``base_revision``: the note revision the editor showed
    (0 for a note that did not exist). Needs the order's shop."""

    entry_id: str = Field(min_length=8, max_length=64)
    order_id: int
    flag: NoteFlag
    text: str = Field(max_length=MAX_NOTE_CHARS)
    reason_code: NoteReason
    reason: str = Field(default="", max_length=200)
    base_revision: int = Field(ge=0)
    authored_at: datetime


class NoteDeleteArgs(_Model):
    entry_id: str = Field(min_length=8, max_length=64)
    order_id: int
    reason_code: NoteReason
    reason: str = Field(default="", max_length=200)
    base_revision: int = Field(ge=0)
    authored_at: datetime


class NoteResolveArgs(_Model):
    """End a conflict with the text and flag chosen (one side, both, or an edited merge)."""

    entry_id: str = Field(min_length=8, max_length=64)
    order_id: int
    flag: NoteFlag
    text: str = Field(max_length=MAX_NOTE_CHARS)
    reason: str = Field(default="", max_length=200)
    base_revision: int = Field(ge=0)
    authored_at: datetime


HandoverItemKind = Literal[
    "presale_due", "missed_shipment", "callback", "complaint", "unpaid_nudge", "stuck_parcel", "other"
]
HANDOVER_ITEM_KINDS: tuple[HandoverItemKind, ...] = (
    "presale_due",
    "missed_shipment",
    "callback",
    "complaint",
    "unpaid_nudge",
    "stuck_parcel",
    "other",
)


class ShiftRecord(_Model):
    """A shift of a shop's team (entity ``shift``), e.g. early 08:00-16:00. Times are local
    wall-clock ``HH:MM``; a shift may end after midnight (night 00:00-08:00 or 22:00-06:00)."""

    id: str
    shop_id: int
    code: str
    name: str
    start: str
    end: str
    position: int = 0


class ShiftSaveArgs(_Model):
    """Create or change a shift (supervisors of the shop)."""

    id: str = Field(min_length=8, max_length=64)
    shop_id: int
    code: str = Field(min_length=1, max_length=16)
    name: str = Field(min_length=1, max_length=32)
    start: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    end: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    position: int = 0


class HandoverRecord(_Model):
    """A handover note (entity ``handover``, id = the author's UUID): one per agent per shift,
    from ``from_shift`` on ``shift_date`` to ``to_shift`` of the same shop. A draft is visible to
    its author only; published ones to the shop."""

    id: str
    shop_id: int
    author_id: int
    shift_date: str  # YYYY-MM-DD, local
    from_shift: str
    to_shift: str
    summary: str = ""
    status: Literal["draft", "published"]
    published_at: datetime | None = None
    updated_at: datetime


class HandoverItemRecord(_Model):
    """An item of a handover (entity ``handover_item``). ``carried_from``: the item of an earlier
    handover it continues (open items carry over)."""

    id: str
    handover_id: str
    shop_id: int
    kind: HandoverItemKind
    text: str
    order_id: int | None = None
    conversation_id: int | None = None
    due_at: datetime | None = None
    state: Literal["open", "done"] = "open"
    done_by: int | None = None
    done_at: datetime | None = None
    carried_from: str | None = None
    position: int = 0
    #: set when the order or conversation it points at no longer exists
    target_missing: bool = False


class HandoverAckRecord(_Model):
    """Who read a published handover and when (entity ``handover_ack``, id ``<handover>:<user>``)."""

    id: str
    handover_id: str
    shop_id: int
    user_id: int
    acked_at: datetime


class HandoverItemArgs(_Model):
    id: str = Field(min_length=8, max_length=64)
    kind: HandoverItemKind
    text: str = Field(min_length=1, max_length=1000)
    order_id: int | None = None
    conversation_id: int | None = None
    due_at: datetime | None = None
    carried_from: str | None = None
    position: int = 0


class HandoverSaveArgs(_Model):
    """Create or replace the author's draft with these items (a published handover is final)."""

    id: str = Field(min_length=8, max_length=64)
    shop_id: int
    shift_date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    from_shift: str = Field(min_length=1, max_length=16)
    to_shift: str = Field(min_length=1, max_length=16)
    summary: str = Field(default="", max_length=2000)
    items: list[HandoverItemArgs] = Field(default_factory=list, max_length=200)


class HandoverPublishArgs(_Model):
    id: str = Field(min_length=8, max_length=64)


class HandoverAckArgs(_Model):
    handover_id: str = Field(min_length=8, max_length=64)
    acked_at: datetime


class HandoverItemStateArgs(_Model):
    """Mark an item of a published handover done (or open again): anyone of the shop."""

    item_id: str = Field(min_length=8, max_length=64)
    state: Literal["open", "done"]
    at: datetime


Entity = Literal[
    "shop",
    "user",
    "buyer",
    "conversation",
    "message",
    "phrase",
    "order",
    "shipment",
    "aftersale",
    "order_note",
    "note_entry",
    "shift",
    "handover",
    "handover_item",
    "handover_ack",
]
#: the record model for each entity
RECORD_MODELS: dict[str, type[_Model]] = {
    "shop": ShopRecord,
    "user": UserRecord,
    "buyer": BuyerRecord,
    "conversation": ConversationRecord,
    "message": MessageRecord,
    "phrase": PhraseRecord,
    "order": OrderRecord,
    "shipment": ShipmentRecord,
    "aftersale": AfterSaleRecord,
    "order_note": OrderNoteRecord,
    "note_entry": NoteEntryRecord,
    "shift": ShiftRecord,
    "handover": HandoverRecord,
    "handover_item": HandoverItemRecord,
    "handover_ack": HandoverAckRecord,
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


MutationName = Literal[
    "phrase.save@1",
    "phrase.delete@1",
    "note.edit@1",
    "note.delete@1",
    "note.resolve@1",
    "shift.save@1",
    "handover.save@1",
    "handover.publish@1",
    "handover.ack@1",
    "handover_item.set_state@1",
]


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
    "note.edit@1": NoteEditArgs,
    "note.delete@1": NoteDeleteArgs,
    "note.resolve@1": NoteResolveArgs,
    "shift.save@1": ShiftSaveArgs,
    "handover.save@1": HandoverSaveArgs,
    "handover.publish@1": HandoverPublishArgs,
    "handover.ack@1": HandoverAckArgs,
    "handover_item.set_state@1": HandoverItemStateArgs,
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


class SendRequest(_Model):
    """An agent's reply. Sending needs the service: an offline reply stays a local draft.
    ``client_msg_id`` makes a retried send idempotent (the same message is answered again)."""

    client_msg_id: str = Field(min_length=8, max_length=64)
    text: str = Field(min_length=1, max_length=MAX_REPLY_CHARS)


class TransferRequest(_Model):
    """Transfer to a colleague (``to_user_id``) or back to a group's queue (``to_group``); exactly
    one of them. The note is shown to the receiver in a system message."""

    expected_assignment_version: int
    to_user_id: int | None = None
    to_group: SkillGroup | None = None
    note: str = Field(default="", max_length=500)


class CloseRequest(_Model):
    expected_assignment_version: int
    category: CloseCategory
    note: str = Field(default="", max_length=500)


class EscalateRequest(_Model):
    note: str = Field(default="", max_length=500)


class ConversationActionResponse(_Model):
    """The conversation after a send, transfer, close or escalate, and the messages it added
    (the reply, or the system message recording the action)."""

    conversation: ConversationRecord
    messages: list[MessageRecord]
    #: the conversation's change version after the action (what a pull will carry for it), so
    #: that the client can store the answer at once yet never over a newer pulled state (a send
    #: changes the conversation without bumping ``assignment_version``)
    version: int | None = None


class RevealRequest(_Model):
    """Ask for a buyer's full phone or address (of the buyer, or of one of their orders when
    ``order_id`` is given). Needs the ``reveal_contact`` permission; every reveal is recorded."""

    field: Literal["phone", "address"]
    order_id: int | None = None
    reason: str = Field(default="", max_length=200)


class RevealResponse(_Model):
    buyer_id: int
    order_id: int | None = None
    field: Literal["phone", "address"]
    value: str
    revealed_at: datetime


class PermissionsUpdate(_Model):
    """Set a user's permissions (supervisor of a shop the user works in, or admin)."""

    permissions: list[Permission]


class RevealAuditEntry(_Model):
    id: int
    user_id: int
    staff_id: str
    buyer_id: int
    order_id: int | None = None
    field: Literal["phone", "address"]
    reason: str = ""
    at: datetime


class RevealAudit(_Model):
    entries: list[RevealAuditEntry]


class ClaimConflict(_Model):
    """``detail`` of a 409 ``conflict`` answering a lost claim, or a transfer or close based on a
    stale ``expected_assignment_version``."""

    conversation: ConversationRecord
    assignee: UserRecord | None = None


class LiveEvent(_Model):
    """The data of a server-sent event ``changed`` on ``/v1/sync/events``: something changed, pull.

    The stream also sends a comment line every ``heartbeat`` seconds so that a dead connection is
    noticed; the client polls ``/v1/sync/meta`` slowly as a fallback when the stream is down.
    """

    version: int


# ----------------------------------------------------------------------------- supervisor (issue 6)
# Agent status and capacity, routing, the live dashboard, supervisor actions, alerts and reports.
# Everything here is computed by the service from its own activity events (``central.activity``),
# never from what a client believes. Supervisor endpoints answer 403 ``forbidden`` to agents and
# only cover the shops the supervisor works in (admins: every shop).


class StatusUpdate(_Model):
    """``PUT Paths.MY_STATUS``: set my status. The workstation also sends it every
    ``SupervisorConfig.heartbeat_s`` seconds with the current status as a heartbeat (the service
    marks an agent offline whose heartbeat stops); ``auto`` marks a change the workstation made by
    itself (away after inactivity, offline at exit)."""

    status: AgentStatus
    auto: bool = False


class AgentPresence(_Model):
    """An agent's status and routing settings (the answer to a status or routing change)."""

    user_id: int
    staff_id: str
    status: AgentStatus
    status_since: datetime
    capacity: int
    groups: list[SkillGroup]
    #: conversations the agent holds now (status ``assigned``)
    load: int = 0


class RoutingUpdate(_Model):
    """``PUT Paths.user_routing``: a supervisor sets an agent's capacity and/or skill groups."""

    capacity: int | None = Field(default=None, ge=0, le=MAX_CAPACITY)
    groups: list[SkillGroup] | None = None


class AssignRequest(_Model):
    """``POST Paths.assign``: a supervisor gives a conversation (waiting or held by someone) to an
    agent; ``to_user_id`` equal to the supervisor's own id is a take-over. Compare-and-set on
    ``expected_assignment_version`` like a claim: a lost race answers 409 with
    :class:`ClaimConflict`."""

    expected_assignment_version: int
    to_user_id: int
    note: str = Field(default="", max_length=500)


class MoveConversationsRequest(_Model):
    """``POST Paths.move_conversations``: move every conversation an agent holds to a colleague
    (``to_user_id``) or back to their groups' queues (``to_group`` "queue": each to its own
    group). Exactly one of the two."""

    to_user_id: int | None = None
    to_queue: bool = False
    note: str = Field(default="", max_length=500)


class MoveConversationsResponse(_Model):
    moved: list[int]
    #: conversations that changed hands while being moved (their id), left as they are
    skipped: list[int] = []


class RatingRequest(_Model):
    """``POST Paths.rating``: the buyer's satisfaction score for a conversation (1 very
    dissatisfied … 5 very satisfied), as the shop platform reports it. Admin (integration) only."""

    score: int = Field(ge=1, le=5)


class SupervisorConfig(_Model):
    """The team's monitoring settings (``GET``/``PUT Paths.SUPERVISOR_CONFIG``; one set for the
    whole service, changed by supervisors and admins)."""

    #: a buyer waiting longer than this (seconds) for an answer is an SLA breach, per group
    sla_seconds: dict[str, int] = Field(
        default_factory=lambda: {"presale": 60, "aftersale": 180, "complaint": 120}
    )
    #: complaint conversations of a shop in the last ``complaint_window_minutes`` at least this
    #: many times the usual rate for such a window (averaged over ``complaint_baseline_days``)
    complaint_spike_multiple: float = Field(default=2.0, gt=1.0, le=100.0)
    complaint_window_minutes: int = Field(default=60, ge=5, le=24 * 60)
    complaint_baseline_days: int = Field(default=7, ge=1, le=90)
    #: fewer complaints than this in the window never alert (a quiet shop's 0 -> 2 is no spike)
    complaint_min_count: int = Field(default=3, ge=1, le=1000)
    #: a pre-sale conversation counts as converted when the buyer pays an order within this many
    #: hours after the conversation started
    conversion_window_hours: int = Field(default=72, ge=1, le=24 * 30)
    #: the workstation sets ``away`` after this many minutes without keyboard or mouse input
    away_after_minutes: int = Field(default=10, ge=1, le=240)
    #: seconds between status heartbeats, and after how long without one an agent is offline
    heartbeat_s: int = Field(default=30, ge=5, le=600)
    presence_timeout_s: int = Field(default=90, ge=15, le=3600)
    #: the team's time zone: "today" and report days are calendar days there
    timezone: str = Field(default="Asia/Shanghai", max_length=64)
    #: every order-note edit or deletion needs a reason (one of ``NOTE_REASONS``, or one typed);
    #: when False a change may have none (``NOTE_NO_REASON``). "other" always needs it typed.
    note_reason_required: bool = True


class QueueStats(_Model):
    """One queue (shop × group) on the dashboard."""

    shop_id: int
    group: SkillGroup
    waiting: int
    #: since when the longest-waiting buyer of this queue waits (None: nobody waits)
    oldest_waiting_since: datetime | None = None
    #: average wait, over the last hour, from a buyer starting to wait to an agent taking the
    #: conversation (claim, routing, transfer or reassignment)
    avg_wait_last_hour_s: float | None = None
    sla_seconds: int
    #: answers given in the last hour later than ``sla_seconds``, plus buyers waiting past it now
    sla_breaches_last_hour: int = 0
    #: conversations closed today
    handled_today: int = 0


class AgentStats(_Model):
    """One agent on the dashboard (figures for today, in the team's time zone)."""

    user_id: int
    staff_id: str
    display_name: str
    shop_ids: list[int]
    groups: list[SkillGroup]
    status: AgentStatus
    status_since: datetime
    load: int
    capacity: int
    first_response_avg_s: float | None = None
    response_avg_s: float | None = None
    handled_today: int = 0
    satisfaction_avg: float | None = None
    satisfaction_count: int = 0


class WaitingConversation(_Model):
    """A waiting conversation on the dashboard (the oldest first), for reassigning."""

    id: int
    shop_id: int
    group: SkillGroup
    buyer_id: int
    buyer_nickname: str = ""
    waiting_since: datetime | None = None
    last_message_preview: str = ""
    priority: int = 0
    assignment_version: int


class Alert(_Model):
    """Something a supervisor should look at now. ``key`` is stable while the condition lasts
    (``sla_breach:<conversation>``, ``complaint_spike:<shop>``, ``over_capacity:<user>``) so that
    a client notifies once per alert; the text is made by the client from the fields."""

    key: str
    kind: AlertKind
    since: datetime
    shop_id: int | None = None
    group: SkillGroup | None = None
    conversation_id: int | None = None
    user_id: int | None = None
    #: the measured value: seconds waited, complaints in the window, conversations held
    value: float
    #: what it is compared with: the SLA seconds, the spike level (usual rate × multiple), capacity
    threshold: float


class Dashboard(_Model):
    """``GET Paths.DASHBOARD``: the floor now, for the shops the supervisor works in."""

    generated_at: datetime
    #: the service's change version the figures include
    version: int
    #: the start of "today" (midnight in ``config.timezone``), UTC
    day_start: datetime
    queues: list[QueueStats]
    agents: list[AgentStats]
    #: the oldest waiting conversations (at most 200)
    waiting: list[WaitingConversation]
    alerts: list[Alert]
    config: SupervisorConfig


class ReportRow(_Model):
    """Figures of one day × shop × group × agent (``agent_id`` None: conversations no agent took).
    Sums and counts rather than averages, so that any grouping of rows adds up exactly
    (:func:`report_average`)."""

    day: str  # YYYY-MM-DD in the team's time zone
    shop_id: int
    group: SkillGroup
    agent_id: int | None = None
    #: conversations closed (接待量)
    handled: int = 0
    first_response_sum_s: float = 0.0
    first_response_count: int = 0
    response_sum_s: float = 0.0
    response_count: int = 0
    satisfaction_sum: int = 0
    satisfaction_count: int = 0
    #: pre-sale conversations started, and how many were followed by a paid order (询单转化)
    inquiries: int = 0
    converted: int = 0
    #: conversations closed with the category ``complaint``
    complaints: int = 0


class ReportAgent(_Model):
    id: int
    staff_id: str
    display_name: str


class Report(_Model):
    """``GET Paths.REPORT?date_from=YYYY-MM-DD&date_to=YYYY-MM-DD[&shop_id=][&group=][&agent_id=]``
    (both days included, at most 92 days)."""

    date_from: str
    date_to: str
    timezone: str
    generated_at: datetime
    rows: list[ReportRow]
    agents: list[ReportAgent]
    shops: list[ShopRecord]


def report_average(total: float, count: int) -> float | None:
    """The average of a summed figure, None when nothing was counted."""
    return total / count if count else None


class SupervisorAction(_Model):
    """One recorded supervisor action (``GET Paths.SUPERVISOR_AUDIT``): who did what, when."""

    id: int
    at: datetime
    actor_id: int
    actor_staff_id: str
    #: assign, takeover, move, capacity, groups, config
    action: str
    target_user_id: int | None = None
    conversation_id: int | None = None
    detail: dict[str, Any] = {}


class SupervisorAudit(_Model):
    entries: list[SupervisorAction]
