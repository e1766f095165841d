"""The app's settings: every option declared once, with its type and default, stored in QSettings.

Secrets never live here (tokens are in the OS keychain, see ``workstation.auth``). The file is an
INI file in the per-user data directory, so that a test (or a portable install) can point
``WORKSTATION_DATA_DIR`` elsewhere and get its own settings.

When an option is renamed or its meaning changes, add a numbered step to ``UPGRADES``: the steps
run once, in order, on the first start of a newer app, and ``settings_version`` records the last
one that ran.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

from workstation.customers import OrderRules
from workstation.queue import DEFAULT_THRESHOLDS, Thresholds

T = TypeVar("T")

SKILL_GROUPS = ("presale", "aftersale", "complaint")
LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    type: type[T]
    default: T
    doc: str


class Options:
    """Every option of the app. ``Settings.get(Options.LANGUAGE)`` reads one, typed."""

    LANGUAGE = Option(
        "ui/language", str, "system", "interface language: system, zh_CN or en (applies at restart)"
    )
    LAST_SERVER = Option("login/server", str, "", "server address of the last successful login")
    LAST_STAFF_ID = Option("login/staff_id", str, "", "staff id of the last successful login")
    GEOMETRY = Option("main_window/geometry", bytes, b"", "QMainWindow.saveGeometry()")
    WINDOW_STATE = Option("main_window/state", bytes, b"", "QMainWindow.saveState() (docks, toolbars)")
    QUEUE_HEADER = Option("queue/header", bytes, b"", "QHeaderView.saveState() of the queue table")
    DEMO_TRAFFIC_RATE = Option("demo/traffic_rate", float, 20.0, "demo: buyer events per minute")
    SEND_KEY = Option("composer/send_key", str, "enter",
                      "reply composer: enter (Ctrl/Shift+Enter = new line) or ctrl_enter (Enter = new line)")
    # Per-group SLA thresholds in seconds: amber, then red (Qianniu turns a waiting chat red at 100 s).
    AMBER_PRESALE = Option("sla/presale_amber", int, 60, "presale: seconds before a wait turns amber")
    RED_PRESALE = Option("sla/presale_red", int, 100, "presale: seconds before a wait turns red")
    AMBER_AFTERSALE = Option("sla/aftersale_amber", int, 60, "after-sale: seconds before amber")
    RED_AFTERSALE = Option("sla/aftersale_red", int, 100, "after-sale: seconds before red")
    AMBER_COMPLAINT = Option("sla/complaint_amber", int, 60, "complaint: seconds before amber")
    RED_COMPLAINT = Option("sla/complaint_red", int, 100, "complaint: seconds before red")
    # Desktop notifications (tray balloons) and their sound.
    NOTIFY_NEW = Option("notify/new_conversation", bool, True, "notify when a conversation starts waiting")
    NOTIFY_REPLY = Option("notify/buyer_reply", bool, True, "notify when a buyer replies off screen")
    NOTIFY_SLA = Option("notify/sla", bool, True, "notify when a wait passes the red threshold")
    NOTIFY_HANDOVER = Option("notify/handover", bool, True, "notify when a handover is left for my shift")
    NOTIFY_ALERTS = Option("notify/supervisor_alerts", bool, True,
                           "supervisors: notify dashboard alerts (SLA, complaint spike, over capacity)")
    NOTIFY_SOUND = Option("notify/sound", bool, True, "play the system sound with a notification")
    DO_NOT_DISTURB = Option("notify/do_not_disturb", bool, False, "no notifications or sounds at all")
    # Look: light, dark or follow the system; text size in pixels (12, 13, 14, 16, 18).
    THEME = Option("ui/theme", str, "system", "colour theme: system, light or dark")
    FONT_SIZE = Option("ui/font_size", int, 13, "text size in pixels")
    SHORTCUTS = Option("keys/shortcuts", str, "", "edited shortcuts as JSON {action objectName: keys}")
    REPORT_STATE = Option("reports/last", str, "",
                          "the report window's last range preset, custom days, filters and grouping (JSON)")
    # Order rules (customer panel and work lists): an unpaid order is a payment-nudge candidate
    # between the two ages; a parcel without a new event for the stuck age is stuck.
    NUDGE_MIN_MINUTES = Option("orders/nudge_min_minutes", int, 30, "unpaid: minutes before a nudge")
    NUDGE_MAX_HOURS = Option("orders/nudge_max_hours", int, 12, "unpaid: hours after which not to nudge")
    STUCK_HOURS = Option("orders/stuck_hours", int, 48, "parcel: hours without an event = stuck")

    @classmethod
    def all(cls) -> list[Option[Any]]:
        return [v for v in vars(cls).values() if isinstance(v, Option)]


_THRESHOLD_OPTIONS: dict[str, tuple[Option[int], Option[int]]] = {
    "presale": (Options.AMBER_PRESALE, Options.RED_PRESALE),
    "aftersale": (Options.AMBER_AFTERSALE, Options.RED_AFTERSALE),
    "complaint": (Options.AMBER_COMPLAINT, Options.RED_COMPLAINT),
}


def _upgrade_1(s: QSettings) -> None:
    """0 -> 1: early builds stored the language as ``language`` at the top level."""
    old = s.value("language")
    if old is not None:
        if not s.contains(Options.LANGUAGE.key):
            s.setValue(Options.LANGUAGE.key, old)
        s.remove("language")


def _upgrade_2(s: QSettings) -> None:
    """1 -> 2: a single ``sla/red`` threshold became one per skill group."""
    old = s.value("sla/red")
    if old is not None:
        for group in SKILL_GROUPS:
            key = f"sla/{group}_red"
            if not s.contains(key):
                s.setValue(key, old)
        s.remove("sla/red")


#: numbered upgrade steps; step i upgrades from version i to i + 1
UPGRADES: list[Callable[[QSettings], None]] = [_upgrade_1, _upgrade_2]
CURRENT_VERSION = len(UPGRADES)
_VERSION_KEY = "settings_version"


class Settings:
    """Typed access to a QSettings store."""

    def __init__(self, store: QSettings) -> None:
        self.store = store
        self.upgrade()

    @classmethod
    def open(cls, path: Path) -> Settings:
        """Settings kept in the INI file ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @classmethod
    def default(cls) -> Settings:
        """The user's settings, in the per-user data directory."""
        from workstation.paths import data_dir

        return cls.open(Path(data_dir()) / "workstation.ini")

    def upgrade(self) -> int:
        """Run the upgrade steps this store has not seen yet; returns how many ran."""
        version = _to_int(self.store.value(_VERSION_KEY), 0)
        ran = 0
        for step in UPGRADES[version:]:
            step(self.store)
            ran += 1
        if ran or not self.store.contains(_VERSION_KEY):
            self.store.setValue(_VERSION_KEY, CURRENT_VERSION)
        return ran

    @property
    def version(self) -> int:
        return _to_int(self.store.value(_VERSION_KEY), 0)

    def get(self, option: Option[T]) -> T:
        raw = self.store.value(option.key)
        if raw is None:
            return option.default
        try:
            return _convert(raw, option.type)
        except (TypeError, ValueError):
            # A hand-edited or damaged value: fall back to the default instead of failing to start.
            return option.default

    def set(self, option: Option[T], value: T) -> None:
        if not isinstance(value, option.type):
            raise TypeError(f"{option.key} takes {option.type.__name__}, not {type(value).__name__}")
        stored: object = QByteArray(value) if isinstance(value, bytes) else value
        self.store.setValue(option.key, stored)

    def sync(self) -> None:
        self.store.sync()

    def thresholds(self) -> dict[str, Thresholds]:
        """The per-group wait thresholds (red never below amber)."""
        out: dict[str, Thresholds] = {}
        for group, (amber_opt, red_opt) in _THRESHOLD_OPTIONS.items():
            amber = max(0, self.get(amber_opt))
            red = max(amber, self.get(red_opt))
            out[group] = Thresholds(amber=float(amber), red=float(red))
        return out

    def order_rules(self) -> OrderRules:
        """The order rules' thresholds (the nudge window never closes before it opens)."""
        nudge_min = timedelta(minutes=max(1, self.get(Options.NUDGE_MIN_MINUTES)))
        nudge_max = max(nudge_min, timedelta(hours=max(1, self.get(Options.NUDGE_MAX_HOURS))))
        stuck = timedelta(hours=max(1, self.get(Options.STUCK_HOURS)))
        return OrderRules(nudge_min=nudge_min, nudge_max=nudge_max, stuck_after=stuck)

    def set_thresholds(self, group: str, amber: int, red: int) -> None:
        amber_opt, red_opt = _THRESHOLD_OPTIONS[group]
        self.set(amber_opt, amber)
        self.set(red_opt, red)


def _to_int(raw: object, default: int) -> int:
    try:
        return int(cast(Any, raw))
    except (TypeError, ValueError):
        return default


def _convert(raw: object, kind: type[T]) -> T:
    # INI files give strings back; booleans and bytes need care.
    if kind is bool:
        if isinstance(raw, str):
            return cast(T, raw.strip().lower() in {"1", "true", "yes", "on"})
        return cast(T, bool(raw))
    if kind is bytes:
        if isinstance(raw, QByteArray):
            return cast(T, bytes(raw.data()))
        if isinstance(raw, bytes | bytearray):
            return cast(T, bytes(raw))
        raise TypeError("not bytes")
    if kind is int:
        return cast(T, int(cast(Any, raw)))
    if kind is float:
        return cast(T, float(cast(Any, raw)))
    if kind is str:
        return cast(T, str(raw))
    raise TypeError(f"unsupported option type {kind!r}")


__all__ = ["CURRENT_VERSION", "DEFAULT_THRESHOLDS", "LANGUAGES", "UPGRADES", "Option", "Options", "Settings"]
