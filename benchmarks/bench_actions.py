"""Benchmark of the conversation actions (issue 4): prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_actions.py [--sends 300]

On a real service process (SQLite) with a real client cache, the time an agent waits between
pressing Enter and the reply standing in the cache (HTTP round trip, the service's write
transaction with the conversation lock, the answer written into the cache), and the same for a
transfer and a close. The floor, measured in the same run over the same connection: ``GET /v1/me``
(an authenticated round trip that reads the database and writes nothing). The machine is shared
and noisy: compare the ratio to the floor.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _ms(samples: list[float]) -> str:
    s = sorted(samples)
    p95 = s[min(len(s) - 1, int(len(s) * 0.95))]
    return f"median {statistics.median(s) * 1000:6.2f} ms  p95 {p95 * 1000:6.2f} ms  (n={len(s)})"


def _time(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sends", type=int, default=300)
    parser.add_argument("--conversations", type=int, default=60)
    args = parser.parse_args()

    from central.testing import ServerProcess
    from workstation.client import Client
    from workstation.models import Conversation

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        server = ServerProcess(database_url=f"sqlite:///{data / 'central.db'}").start()
        try:
            seed = server.seed_basic()
            shop = seed["shops"][0]
            convs = [server.add_conversation(shop, "presale", f"在吗 {i}") for i in range(args.conversations)]
            client = Client.connect(server.url, "a1", "pw-a1", data_dir=data / "client")
            try:
                client.engine.pull()
                for cid in convs:
                    with client.db.session() as s:
                        row = s.get(Conversation, cid)
                        assert row is not None
                        version = row.assignment_version
                    assert client.claim(cid, version).won

                for _ in range(20):  # warm up the connection and the code paths
                    client.api.me()
                floor = _time(client.api.me, args.sends)

                texts = iter(range(10**9))

                def send() -> None:
                    cid = convs[next(texts) % len(convs)]
                    client.send_reply(cid, "亲，有现货的，今天下单今天发哦~", str(uuid.uuid4()))

                sends = _time(send, args.sends)

                a2 = seed["users"]["a2"]
                half = len(convs) // 2
                transfers: list[float] = []
                closes: list[float] = []
                for cid in convs[:half]:
                    with client.db.session() as s:
                        row = s.get(Conversation, cid)
                        assert row is not None
                        version = row.assignment_version
                    t0 = time.perf_counter()
                    client.transfer(cid, version, to_user_id=a2, note="买家要退款，请售后处理")
                    transfers.append(time.perf_counter() - t0)
                for cid in convs[half:]:
                    with client.db.session() as s:
                        row = s.get(Conversation, cid)
                        assert row is not None
                        version = row.assignment_version
                    t0 = time.perf_counter()
                    client.close_conversation(cid, version, "presale")
                    closes.append(time.perf_counter() - t0)
            finally:
                client.close()
        finally:
            server.stop()

    floor_median = statistics.median(floor)

    def line(label: str, samples: list[float]) -> str:
        return f"  {label:<24} {_ms(samples)}   {statistics.median(samples) / floor_median:4.1f}x floor"

    print("conversation actions, end to end (request, service transaction, answer in the cache)")
    print(f"  {'floor: GET /v1/me':<24} {_ms(floor)}")
    print(line("send reply", sends))
    print(line("transfer to a colleague", transfers))
    print(line("close with category", closes))


if __name__ == "__main__":
    main()
