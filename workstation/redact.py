"""Keep secrets and buyers' phone numbers out of logs.

Every log line (and traceback) goes through ``redact`` before it is written: mainland mobile
numbers are masked like the service masks them (``138****1234``), and anything that looks like a
bearer token, a token or password field, or an ``Authorization`` header is replaced. Logs are
attached to support tickets; they must be safe to share.
"""

from __future__ import annotations

import logging
import re

_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_BEARER = re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]{8,}")
_FIELD = re.compile(
    r"""(?ix)
    (["']?(?:access_token|refresh_token|token|password|secret|authorization)["']?
     \s*[:=]\s*["']?)
    ([^"'\s,;&}]{4,})
    """
)


def redact(text: str) -> str:
    text = _PHONE.sub(r"\1****\3", text)
    text = _BEARER.sub(r"\1 [redacted]", text)
    return _FIELD.sub(r"\1[redacted]", text)


class RedactingFormatter(logging.Formatter):
    """A formatter whose output (message, arguments and traceback alike) is redacted."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
