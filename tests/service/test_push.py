"""Push: each mutation applied exactly once, in sequence, permanent errors recorded and skipped."""

from __future__ import annotations

import uuid
from typing import Any

from central.testing import LiveServer, TcpProxy
from tests.service.conftest import Api, now_iso
from wsprotocol import PushResponse


def mutation(seq: int, name: str, args: dict[str, Any], mutation_id: str | None = None) -> dict[str, Any]:
    return {
        "seq": seq,
        "mutation_id": mutation_id or str(uuid.uuid4()),
        "name": name,
        "args": args,
        "authored_at": now_iso(),
    }


def save(
    seq: int, pid: str, text: str, scope: str = "personal", shop_id: int | None = None
) -> dict[str, Any]:
    args: dict[str, Any] = {"id": pid, "scope": scope, "text": text}
    if shop_id is not None:
        args["shop_id"] = shop_id
    return mutation(seq, "phrase.save@1", args)


def push(api: Api, client_id: str, mutations: list[dict[str, Any]]) -> Any:
    return api.post("/v1/sync/push", json={"client_id": client_id, "mutations": mutations})


def phrases_on_server(server: LiveServer) -> dict[str, str]:
    from sqlalchemy import select

    from central.models import Phrase

    with server.session() as s:
        return {p.id: p.text for p in s.execute(select(Phrase)).scalars()}


def test_duplicate_batch_is_applied_once(server: LiveServer, api_for: Any) -> None:
    api = api_for("a1")
    batch = [save(1, "phrase-aaaa-1", "亲，在的"), save(2, "phrase-aaaa-2", "稍等哦")]
    first = push(api, "client-a1-0001", batch)
    assert first.status_code == 200, first.text
    body = PushResponse.model_validate(first.json())
    assert [r.status for r in body.results] == ["applied", "applied"]
    assert body.last_seq == 2
    version_after_first = api.get("/v1/sync/meta").json()["version"]
    again = push(api, "client-a1-0001", batch)
    assert again.status_code == 200
    # the stored results are answered, nothing is applied again
    assert again.json() == first.json()
    assert api.get("/v1/sync/meta").json()["version"] == version_after_first
    assert phrases_on_server(server) == {"phrase-aaaa-1": "亲，在的", "phrase-aaaa-2": "稍等哦"}


def test_retry_after_lost_response_gets_stored_result(server: LiveServer, api_for: Any) -> None:
    token = server.token_for("a1")
    with TcpProxy(server.url) as proxy:
        api = Api(proxy.url, token)
        proxy.drop_responses(1)
        batch = [save(1, "phrase-lost-001", "第一版")]
        try:
            push(api, "client-lost-001", batch)
            raise AssertionError("the response should have been lost")
        except Exception as exc:  # requests raises ConnectionError for the cut connection
            assert "Connection" in type(exc).__name__ or "Connection" in str(exc)
        assert proxy.dropped == 1
        # the server did apply it
        assert phrases_on_server(server) == {"phrase-lost-001": "第一版"}
        retry = push(Api(proxy.url, token), "client-lost-001", batch)
        assert retry.status_code == 200
        result = retry.json()["results"][0]
        assert result["status"] == "applied"
        assert result["result"]["phrase"]["text"] == "第一版"
    # applied once: one version for the phrase, one log row
    from sqlalchemy import func, select

    from central.models import MutationLog

    with server.session() as s:
        assert s.execute(select(func.count()).select_from(MutationLog)).scalar_one() == 1


def test_sequence_gap_is_409_with_expected_seq(api_for: Any) -> None:
    api = api_for("a1")
    assert push(api, "client-gap-0001", [save(1, "phrase-gap-0001", "一")]).status_code == 200
    r = push(api, "client-gap-0001", [save(3, "phrase-gap-0003", "三")])
    assert r.status_code == 409
    assert r.json()["code"] == "sequence_gap"
    assert r.json()["detail"] == {"expected_seq": 2}
    # nothing of the gapped batch was applied; the right seq goes through
    r = push(api, "client-gap-0001", [save(2, "phrase-gap-0002", "二"), save(3, "phrase-gap-0003", "三")])
    assert r.status_code == 200
    assert r.json()["last_seq"] == 3


def test_rejected_mid_batch_advances_and_later_ones_apply(
    server: LiveServer, ids: dict, api_for: Any
) -> None:
    api = api_for("a1")  # an agent: may not save team phrases
    shop1 = ids["shops"][0]
    batch = [
        save(1, "phrase-rej-0001", "个人短语"),
        save(2, "phrase-rej-0002", "团队短语", scope="team", shop_id=shop1),
        mutation(3, "phrase.save@1", {"id": "x", "scope": "personal", "text": ""}),  # invalid args
        mutation(4, "order.teleport@1", {"id": "whatever"}),  # unknown mutation
        save(5, "phrase-rej-0005", "后面的也要成功"),
    ]
    r = push(api, "client-rej-0001", batch)
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["applied", "rejected", "rejected", "rejected", "applied"]
    assert results[1]["error"]["code"] == "forbidden"
    assert results[2]["error"]["code"] == "bad_request"
    assert results[3]["error"]["code"] == "bad_request"
    assert r.json()["last_seq"] == 5
    assert phrases_on_server(server) == {"phrase-rej-0001": "个人短语", "phrase-rej-0005": "后面的也要成功"}
    # a rejection is stored too: a retry is answered the same
    again = push(api, "client-rej-0001", batch[1:3])
    assert [x["status"] for x in again.json()["results"]] == ["rejected", "rejected"]


def test_team_phrase_by_supervisor_and_foreign_phrases(server: LiveServer, ids: dict, api_for: Any) -> None:
    s1, a1, a2 = api_for("s1"), api_for("a1"), api_for("a2")
    shop1, shop2 = ids["shops"]
    r = push(s1, "client-s1-00001", [save(1, "team-phrase-001", "欢迎光临", scope="team", shop_id=shop1)])
    assert r.json()["results"][0]["status"] == "applied"
    assert r.json()["results"][0]["result"]["phrase"]["shop_id"] == shop1
    assert r.json()["results"][0]["result"]["phrase"]["owner_id"] is None
    # a team phrase cannot be deleted by an agent, a personal one not by another agent
    push(a1, "client-a1-00001", [save(1, "mine-phrase-01", "a1 的")])
    r = push(
        a2,
        "client-a2-00001",
        [
            mutation(1, "phrase.delete@1", {"id": "team-phrase-001"}),
            mutation(2, "phrase.delete@1", {"id": "mine-phrase-01"}),
            save(3, "mine-phrase-01", "改成 a2 的"),
        ],
    )
    assert [x["status"] for x in r.json()["results"]] == ["rejected", "rejected", "rejected"]
    assert {x["error"]["code"] for x in r.json()["results"]} == {"forbidden"}
    assert phrases_on_server(server) == {"team-phrase-001": "欢迎光临", "mine-phrase-01": "a1 的"}
    # b1 (shop 2 only) is not a supervisor; s1 is not a supervisor of a shop it is not in
    r = push(api_for("b1"), "client-b1-00001", [save(1, "team-phrase-002", "x", scope="team", shop_id=shop2)])
    assert r.json()["results"][0]["error"]["code"] == "forbidden"
    # the supervisor deletes the team phrase: a tombstone
    r = push(s1, "client-s1-00001", [mutation(2, "phrase.delete@1", {"id": "team-phrase-001"})])
    assert r.json()["results"][0]["result"] == {"id": "team-phrase-001", "deleted": True}
    assert "team-phrase-001" not in phrases_on_server(server)


def test_client_id_belongs_to_its_first_user(api_for: Any) -> None:
    a1, a2 = api_for("a1"), api_for("a2")
    assert push(a1, "client-shared-01", [save(1, "phrase-own-0001", "x")]).status_code == 200
    r = push(a2, "client-shared-01", [save(2, "phrase-own-0002", "y")])
    assert r.status_code == 403
    assert r.json()["code"] == "forbidden"
    assert push(a2, "client-shared-01", []).status_code == 403


def test_empty_push_reports_last_seq(api_for: Any) -> None:
    api = api_for("a1")
    assert push(api, "client-empty-01", []).json() == {"results": [], "last_seq": 0}
    push(api, "client-empty-01", [save(1, "phrase-emp-0001", "x")])
    assert push(api, "client-empty-01", []).json()["last_seq"] == 1


def test_reused_mutation_id_is_rejected_not_stuck(api_for: Any) -> None:
    api = api_for("a1")
    m1 = save(1, "phrase-dup-0001", "x")
    m2 = save(2, "phrase-dup-0002", "y")
    m2["mutation_id"] = m1["mutation_id"]
    r = push(api, "client-dup-0001", [m1, m2, save(3, "phrase-dup-0003", "z")])
    assert [x["status"] for x in r.json()["results"]] == ["applied", "rejected", "applied"]


def test_push_is_serialized_per_client_under_concurrency(server: LiveServer, api_for: Any) -> None:
    """The same batch sent by several threads at once (a client that retried impatiently)."""
    import threading

    token = server.token_for("a1")
    batch = [save(i, f"phrase-conc-{i:04d}", f"第{i}条") for i in range(1, 6)]
    answers: list[Any] = []

    def send() -> None:
        answers.append(push(Api(server.url, token), "client-conc-001", batch))

    threads = [threading.Thread(target=send) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(a.status_code == 200 for a in answers), [a.text for a in answers]
    bodies = [a.json() for a in answers]
    assert all(b == bodies[0] for b in bodies)
    assert len(phrases_on_server(server)) == 5


def test_oversized_args_are_rejected(api_for: Any) -> None:
    from wsprotocol import MAX_MUTATION_ARGS_BYTES

    api = api_for("a1")
    big = mutation(
        1,
        "phrase.save@1",
        {
            "id": "phrase-big-0001",
            "scope": "personal",
            "text": "长" * 10,
            "pad": "x" * MAX_MUTATION_ARGS_BYTES,
        },
    )
    r = push(api, "client-big-0001", [big, save(2, "phrase-big-0002", "ok")])
    assert [x["status"] for x in r.json()["results"]] == ["rejected", "applied"]
    assert "larger" in r.json()["results"][0]["error"]["message"]
