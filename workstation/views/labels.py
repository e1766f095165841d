"""Translated names for values that the protocol spells in English (groups, statuses, platforms,
connection states). One place, so that the queue, the filters and the status bar agree."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def group_label(group: str) -> str:
    if group == "presale":
        return QCoreApplication.translate("Labels", "Pre-sale")
    if group == "aftersale":
        return QCoreApplication.translate("Labels", "After-sale")
    if group == "complaint":
        return QCoreApplication.translate("Labels", "Complaint")
    return group


def status_label(status: str) -> str:
    if status == "waiting":
        return QCoreApplication.translate("Labels", "Waiting")
    if status == "assigned":
        return QCoreApplication.translate("Labels", "In progress")
    if status == "closed":
        return QCoreApplication.translate("Labels", "Closed")
    return status


def platform_label(platform: str) -> str:
    names = {
        "taobao": QCoreApplication.translate("Labels", "Taobao"),
        "tmall": QCoreApplication.translate("Labels", "Tmall"),
        "jd": QCoreApplication.translate("Labels", "JD"),
        "pdd": QCoreApplication.translate("Labels", "Pinduoduo"),
        "douyin": QCoreApplication.translate("Labels", "Douyin"),
        "web": QCoreApplication.translate("Labels", "Web shop"),
    }
    return names.get(platform, platform)


def sender_label(sender: str) -> str:
    if sender == "buyer":
        return QCoreApplication.translate("Labels", "Buyer")
    if sender == "agent":
        return QCoreApplication.translate("Labels", "Agent")
    return QCoreApplication.translate("Labels", "System")


def local_time(moment: datetime | None, with_year: bool = False, missing: str = "—") -> str:
    """A UTC time (naive ones are taken as UTC) in the local zone: ``11-22 14:05``, or
    ``2026-11-22 14:05`` with the year; the same numeric form in every language. ``missing`` for
    None and for a time the platform cannot show."""
    if moment is None:
        return missing
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        local = moment.astimezone()
    except (OverflowError, ValueError):
        return missing
    return local.strftime("%Y-%m-%d %H:%M" if with_year else "%m-%d %H:%M")


def local_hhmm(moment: datetime | None) -> str:
    """HH:MM in the local time zone for a UTC datetime (naive ones are taken as UTC)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%H:%M")


def connection_label(state: str, since: datetime | None) -> str:
    """The status bar's connection indicator for a ``SyncStatus.state``."""
    if state == "online":
        # "Connected", not "Online": beside it the status bar shows my status, which can be 在线 too
        return QCoreApplication.translate("Labels", "Connected")
    if state == "syncing":
        return QCoreApplication.translate("Labels", "Syncing")
    if state == "offline":
        if since is not None:
            return QCoreApplication.translate("Labels", "Offline since {time}").format(time=local_hhmm(since))
        return QCoreApplication.translate("Labels", "Offline")
    if state == "needs_login":
        return QCoreApplication.translate("Labels", "Login needed")
    if state == "app_too_old":
        return QCoreApplication.translate("Labels", "App too old")
    return state


def format_wait(seconds: float | None) -> str:
    """A wait as m:ss (h:mm:ss past an hour); empty when nobody waits."""
    if seconds is None:
        return ""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


__all__ = [
    "connection_label",
    "format_wait",
    "group_label",
    "local_hhmm",
    "platform_label",
    "sender_label",
    "status_label",
]
