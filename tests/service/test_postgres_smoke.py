"""The whole protocol once on PostgreSQL: login, push (applied, rejected, duplicate), pull with
tombstones and paging, claim, housekeeping."""

from __future__ import annotations

import pytest
import requests

from central.housekeeping import housekeep
from central.testing import LiveServer
from tests.service.conftest import Api
from tests.service.test_push import mutation, push, save

pytestmark = pytest.mark.postgres


def test_protocol_on_postgres(pg_url: str) -> None:
    with LiveServer(database_url=pg_url) as srv:
        ids = srv.seed_basic()
        shop1 = ids["shops"][0]
        r = requests.post(
            srv.url + "/v1/auth/login",
            json={"staff_id": "s1", "password": "pw-s1", "device_id": "pg-device-01"},
            timeout=30,
        )
        assert r.status_code == 200
        s1 = Api(srv.url, r.json()["access_token"])
        a1 = Api(srv.url, srv.token_for("a1"))
        _, a1_cursor = a1.pull_all()
        batch = [
            save(1, "pg-team-00001", "团队短语", scope="team", shop_id=shop1),
            save(2, "pg-mine-00001", "个人短语"),
            mutation(3, "phrase.delete@1", {"id": "pg-team-00001"}),
            mutation(4, "nope@1", {}),
        ]
        first = push(s1, "client-pg-00001", batch)
        assert [x["status"] for x in first.json()["results"]] == ["applied", "applied", "applied", "rejected"]
        assert push(s1, "client-pg-00001", batch).json() == first.json()
        assert push(s1, "client-pg-00001", [save(6, "pg-x-0000001", "x")]).json()["detail"] == {
            "expected_seq": 5
        }
        got, _ = a1.pull_all(a1_cursor, limit=1)
        assert [(c["entity"], c["id"], c["op"]) for c in got] == [("phrase", "pg-team-00001", "delete")]
        everything, _ = s1.pull_all(limit=4)
        versions = [c["version"] for c in everything]
        assert versions == sorted(set(versions))
        assert {c["entity"] for c in everything} >= {
            "shop",
            "user",
            "buyer",
            "conversation",
            "message",
            "phrase",
        }
        conv = ids["conversations"][shop1][0]
        assert (
            a1.post(f"/v1/conversations/{conv}/claim", json={"expected_assignment_version": 0}).status_code
            == 200
        )
        assert (
            s1.post(f"/v1/conversations/{conv}/claim", json={"expected_assignment_version": 0}).status_code
            == 409
        )
        assert housekeep(srv.db, srv.settings)["tombstones"] == 0
