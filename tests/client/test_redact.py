"""Logs carry no secrets and no full phone numbers (they get attached to support tickets)."""

from __future__ import annotations

import logging
from pathlib import Path

from workstation.app import setup_logging
from workstation.redact import redact


def test_phone_numbers_are_masked_like_the_service_masks_them() -> None:
    assert redact("买家电话13812345678请回电") == "买家电话138****5678请回电"
    assert redact("+86 15900001111") == "+86 159****1111"
    # not phones: order numbers and longer digit runs stay intact
    assert redact("订单 3920114455667788") == "订单 3920114455667788"
    assert redact("12812345678") == "12812345678"


def test_tokens_and_passwords_are_removed() -> None:
    text = (
        'Authorization: Bearer abcdefghijklmnop123 {"access_token": "tok_live_9f8e7d", '
        "'refresh_token': 'r-123456789', password=hunter22 token=xyz12345&x=1"
    )
    out = redact(text)
    for secret in ("abcdefghijklmnop123", "tok_live_9f8e7d", "r-123456789", "hunter22", "xyz12345"):
        assert secret not in out
    assert "[redacted]" in out


def test_the_log_file_gets_redacted_lines_and_tracebacks(tmp_path: Path) -> None:
    root = logging.getLogger()
    saved = list(root.handlers), getattr(root, "_ws_configured", False)
    root.handlers = []
    root._ws_configured = False  # type: ignore[attr-defined]
    try:
        path = setup_logging(tmp_path / "logs")
        assert path is not None
        log = logging.getLogger("workstation.test")
        log.info("login with refresh_token=%s for buyer %s", "secret-refresh-value", "13912345678")
        try:
            raise ValueError("Bearer leakedtoken12345 phone 18600001234")
        except ValueError:
            log.exception("failed")
        for h in root.handlers:
            h.flush()
        text = path.read_text(encoding="utf-8")
    finally:
        for h in root.handlers:
            h.close()
        root.handlers, root._ws_configured = saved[0], saved[1]  # type: ignore[attr-defined]
    assert "secret-refresh-value" not in text and "leakedtoken12345" not in text
    assert "13912345678" not in text and "18600001234" not in text
    assert "139****5678" in text and "Traceback" in text
