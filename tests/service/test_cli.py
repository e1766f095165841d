"""The command line as a user (and the desktop app) runs it: real child processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from central.testing import URL_LINE_PREFIX, ServerProcess, _read_url_line

CLI = [sys.executable, "-m", "central.cli"]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.mark.slow
def test_demo_prints_url_serves_and_exits_with_parent(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [
            *CLI,
            "demo",
            "--port",
            "0",
            "--data-dir",
            str(tmp_path),
            "--traffic-rate",
            "600",
            "--exit-with-parent",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = _read_url_line(proc, 60)
        assert url.startswith("http://127.0.0.1:")
        # then the demo accounts, once
        assert proc.stdout is not None
        assert "demo accounts" in proc.stdout.readline()
        login = requests.post(
            url + "/v1/auth/login",
            json={"staff_id": "kf001", "password": "demo1234", "device_id": "demo-device-1"},
            timeout=30,
        )
        assert login.status_code == 200, login.text
        token = login.json()["access_token"]
        h = {"Authorization": f"Bearer {token}"}
        entities: set[str] = set()
        cursor, more = "", True
        while more:
            page = requests.get(
                url + "/v1/sync/pull", headers=h, params={"cursor": cursor, "limit": 5000}
            ).json()
            entities |= {c["entity"] for c in page["changes"]}
            cursor, more = page["cursor"], page["has_more"]
        # every entity the demo seeds arrives (other entities may join as the demo grows)
        assert entities >= {
            "shop", "user", "buyer", "conversation", "message", "phrase", "order", "shipment", "aftersale",
        }  # fmt: skip
        # buyer traffic at 10 events/s: the version moves without anyone writing
        v0 = requests.get(url + "/v1/sync/meta", timeout=10).json()["version"]
        deadline = time.monotonic() + 10
        while requests.get(url + "/v1/sync/meta", timeout=10).json()["version"] == v0:
            assert time.monotonic() < deadline, "no demo traffic"
            time.sleep(0.2)
        assert proc.stdin is not None
        proc.stdin.close()  # the parent went away
        assert proc.wait(15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    # a second start keeps the seeded data (not seeded twice)
    proc2 = subprocess.Popen(
        [*CLI, "demo", "--port", "0", "--data-dir", str(tmp_path), "--traffic-rate", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = _read_url_line(proc2, 60)
        from sqlalchemy import create_engine, text

        engine = create_engine(f"sqlite:///{tmp_path / 'central-demo.db'}")
        with engine.connect() as c:
            assert c.execute(text("select count(*) from shop")).scalar_one() == 4
        engine.dispose()
        assert requests.get(url + "/v1/health", timeout=10).status_code == 200
        proc2.send_signal(signal.SIGTERM)
        assert proc2.wait(15) == 0
    finally:
        if proc2.poll() is None:
            proc2.kill()
            proc2.wait()


def test_accounts_shops_and_new_epoch(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert run("migrate", "--database-url", url).returncode == 0
    r = run("create-shop", "--database-url", url, "--name", "测试店", "--platform", "tmall")
    assert r.returncode == 0 and "shop 1" in r.stdout
    r = run(
        "create-user",
        "--database-url",
        url,
        "--staff-id",
        "kf9",
        "--name",
        "小九",
        "--role",
        "supervisor",
        "--shops",
        "1",
        "--groups",
        "presale,complaint",
        "--password",
        "secret-9",
    )
    assert r.returncode == 0, r.stderr
    with ServerProcess(database_url=url) as sp:
        before = requests.get(sp.url + "/v1/sync/meta", timeout=10).json()["epoch"]
        login = requests.post(
            sp.url + "/v1/auth/login",
            json={"staff_id": "kf9", "password": "secret-9", "device_id": "cli-device-1"},
            timeout=30,
        ).json()
        assert login["user"]["groups"] == ["presale", "complaint"]
        assert login["user"]["shop_ids"] == [1]
        r = run("new-epoch", "--database-url", url)
        assert r.returncode == 0
        after = requests.get(sp.url + "/v1/sync/meta", timeout=10).json()["epoch"]
        assert after != before


def test_server_process_survives_sigkill_and_restarts_on_same_db() -> None:
    with ServerProcess() as sp:
        ids = sp.seed_basic()
        token = sp.token_for("a1")
        h = {"Authorization": f"Bearer {token}"}
        r = requests.get(sp.url + "/v1/sync/pull", headers=h, timeout=10)
        assert r.status_code == 200
        port = sp.port
        sp.kill()
        with pytest.raises(requests.ConnectionError):
            requests.get(sp.url + "/v1/health", timeout=5)
        sp.restart()
        assert sp.port == port
        # same database, same epoch, the login still valid
        r2 = requests.get(sp.url + "/v1/sync/pull", headers=h, timeout=10)
        assert r2.status_code == 200
        assert r2.json()["epoch"] == r.json()["epoch"]
        assert len(r2.json()["changes"]) == len(r.json()["changes"])
        assert ids["shops"]


def test_url_line_format() -> None:
    assert URL_LINE_PREFIX == "WORKSTATION_CENTRAL_URL="


def test_sigterm_with_an_open_live_channel_exits_promptly_and_cleanly() -> None:
    with ServerProcess() as sp:
        sp.seed_basic()
        stream = requests.get(
            sp.url + "/v1/sync/events",
            headers={"Authorization": f"Bearer {sp.token_for('a1')}"},
            stream=True,
            timeout=10,
        )
        assert stream.status_code == 200
        next(stream.iter_lines())
        t0 = time.monotonic()
        assert sp.proc is not None
        sp.proc.send_signal(signal.SIGTERM)
        assert sp.proc.wait(10) == 0
        assert time.monotonic() - t0 < 3
        stream.close()
