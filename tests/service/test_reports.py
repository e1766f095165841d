"""Reports (issue 6) over real HTTP: the figures of ``GET Paths.REPORT`` equal a recomputation
in the test from the raw conversations, messages, ratings and orders that the test made through
the service; days follow the team's time zone; only supervisors (their shops) and admins read."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from central import activity, orders, reports
from central.models import Conversation, Message, Order
from central.testing import LiveServer
from tests.service.conftest import Api
from wsprotocol import Paths, Report, SupervisorConfig, report_average

WINDOW_H = SupervisorConfig().conversion_window_hours


def claim(api: Api, cid: int, version: int) -> int:
    r = api.post(Paths.claim(cid), json={"expected_assignment_version": version})
    assert r.status_code == 200, r.text
    return int(r.json()["assignment_version"])


def reply(api: Api, cid: int, text: str) -> None:
    r = api.post(Paths.send(cid), json={"client_msg_id": uuid.uuid4().hex, "text": text})
    assert r.status_code == 200, r.text


def version_of(server: LiveServer, cid: int) -> int:
    with server.session() as s:
        conv = s.get(Conversation, cid)
        assert conv is not None
        return conv.assignment_version


def close(api: Api, server: LiveServer, cid: int, category: str) -> None:
    body = {"expected_assignment_version": version_of(server, cid), "category": category}
    r = api.post(Paths.close(cid), json=body)
    assert r.status_code == 200, r.text


def transfer(api: Api, server: LiveServer, cid: int, to_user: int) -> None:
    body = {"expected_assignment_version": version_of(server, cid), "to_user_id": to_user}
    r = api.post(Paths.transfer(cid), json=body)
    assert r.status_code == 200, r.text


def rate(admin: Api, cid: int, score: int) -> None:
    r = admin.post(Paths.rating(cid), json={"score": score})
    assert r.status_code in (200, 204), r.text


def paid_order(server: LiveServer, buyer_id: int, paid_at: datetime) -> None:
    lines = [{"sku": "R-1", "title": "测试商品", "specs": "", "quantity": 1, "unit_price_fen": 9900}]
    with server.write() as s:
        order = orders.add_order(s, buyer_id, lines, at=paid_at - timedelta(minutes=5))
        orders.pay_order(s, order.id, at=paid_at)


def get_report(api: Api, date_from: str, date_to: str, **params: Any) -> Report:
    r = api.get(Paths.REPORT, params={"date_from": date_from, "date_to": date_to, **params})
    assert r.status_code == 200, r.text
    return Report.model_validate(r.json())


FIGURES = (
    "handled",
    "first_response_sum_s",
    "first_response_count",
    "response_sum_s",
    "response_count",
    "satisfaction_sum",
    "satisfaction_count",
    "inquiries",
    "converted",
    "complaints",
)


def recompute(server: LiveServer, zone: ZoneInfo) -> dict[tuple[str, int, str, int | None], dict[str, float]]:
    """The report's figures from the raw tables: conversations, their messages, orders."""
    expected: dict[tuple[str, int, str, int | None], dict[str, float]] = defaultdict(
        lambda: dict.fromkeys(FIGURES, 0.0)
    )

    def day(at: datetime) -> str:
        return at.astimezone(zone).date().isoformat()

    with server.session() as s:
        convs = list(s.execute(select(Conversation)).scalars())
        paid = [(o.shop_id, o.buyer_id, o.paid_at) for o in s.execute(select(Order)).scalars() if o.paid_at]
        for conv in convs:
            thread = list(
                s.execute(
                    select(Message)
                    .where(Message.conversation_id == conv.id)
                    .order_by(Message.created_at, Message.id)
                ).scalars()
            )
            waiting_since: datetime | None = conv.created_at
            answered = False
            first_taker: int | None = None
            for m in thread:
                if m.sender == "system" and first_taker is None and m.author_id is not None:
                    first_taker = m.author_id  # the claim's (or first transfer's) message
                if m.sender == "buyer" and waiting_since is None:
                    waiting_since = m.created_at
                elif m.sender == "agent" and waiting_since is not None:
                    row = expected[(day(m.created_at), conv.shop_id, conv.group, m.author_id)]
                    waited = (m.created_at - waiting_since).total_seconds()
                    row["response_sum_s"] += waited
                    row["response_count"] += 1
                    if not answered:
                        row["first_response_sum_s"] += waited
                        row["first_response_count"] += 1
                    answered = True
                    waiting_since = None
            if conv.status == "closed" and conv.closed_at is not None:
                row = expected[(day(conv.closed_at), conv.shop_id, conv.group, conv.assignee_id)]
                row["handled"] += 1
                row["complaints"] += conv.close_category == "complaint"
            if conv.satisfaction is not None:
                # rated just now, by this test: today
                row = expected[(day(datetime.now(UTC)), conv.shop_id, conv.group, conv.assignee_id)]
                row["satisfaction_sum"] += conv.satisfaction
                row["satisfaction_count"] += 1
            if conv.group == "presale":
                row = expected[(day(conv.created_at), conv.shop_id, "presale", first_taker)]
                row["inquiries"] += 1
                start, end = conv.created_at, conv.created_at + timedelta(hours=WINDOW_H)
                row["converted"] += any(
                    shop == conv.shop_id and buyer == conv.buyer_id and start <= at < end
                    for shop, buyer, at in paid
                )
    return {k: v for k, v in expected.items() if any(v.values())}


def as_dict(report: Report) -> dict[tuple[str, int, str, int | None], dict[str, float]]:
    got: dict[tuple[str, int, str, int | None], dict[str, float]] = {}
    for row in report.rows:
        key = (row.day, row.shop_id, row.group, row.agent_id)
        assert key not in got, f"two rows for {key}"
        got[key] = {f: float(getattr(row, f)) for f in FIGURES}
    return got


def assert_same(got: dict[Any, dict[str, float]], expected: dict[Any, dict[str, float]]) -> None:
    assert set(got) == set(expected)
    for key, figures in expected.items():
        for name, value in figures.items():
            assert got[key][name] == pytest.approx(value, abs=1e-3), (key, name)


@pytest.fixture
def floor(server: LiveServer, ids: dict[str, Any], api_for: Any) -> dict[str, Any]:
    return build_floor(server, ids, api_for)


def build_floor(server: LiveServer, ids: dict[str, Any], api_for: Any) -> dict[str, Any]:
    """A day of work in both shops through the service, ratings, and orders around the window."""
    server.create_user("root", "admin", [], [])
    server.create_user("s2", "supervisor", [ids["shops"][1]])
    shop1, shop2 = ids["shops"]
    u = ids["users"]
    a1, a2, a3, b1, admin = (api_for(x) for x in ("a1", "a2", "a3", "b1", "root"))
    p0, a0, c0 = ids["conversations"][shop1]
    (jd0,) = ids["conversations"][shop2]

    # presale p0: a1 answers twice and closes; the buyer pays inside the window
    claim(a1, p0, 0)
    reply(a1, p0, "亲，有现货的")
    server.add_buyer_message(p0, "那我拍了")
    reply(a1, p0, "好的亲")
    close(a1, server, p0, "presale")
    paid_order(server, ids["buyers"][shop1][0], datetime.now(UTC) + timedelta(hours=1))

    # presale p1: a2, closed as an order change; orders paid before it and after the window
    buyer_p1 = server.add_buyer(shop1, "窗口外")
    paid_order(server, buyer_p1, datetime.now(UTC) - timedelta(hours=2))
    p1 = server.add_conversation(shop1, "presale", "能便宜点吗", buyer_id=buyer_p1)
    claim(a2, p1, 0)
    reply(a2, p1, "已经是最低价啦")
    close(a2, server, p1, "order_change")
    paid_order(server, buyer_p1, datetime.now(UTC) + timedelta(hours=WINDOW_H, minutes=30))

    # presale p2: nobody takes it, the buyer pays anyway: an inquiry of no agent, converted
    buyer_p2 = server.add_buyer(shop1, "自助下单")
    p2 = server.add_conversation(shop1, "presale", "在吗", buyer_id=buyer_p2)
    paid_order(server, buyer_p2, datetime.now(UTC) + timedelta(minutes=30))

    # presale p3: a1 takes it, hands it to a2, who answers and closes: the inquiry stays a1's
    p3 = server.add_conversation(shop1, "presale", "有赠品吗")
    claim(a1, p3, 0)
    transfer(a1, server, p3, u["a2"])
    reply(a2, p3, "有的亲")
    close(a2, server, p3, "presale")

    # aftersale a0 (a2, rated 4) and complaint c0 (a3, rated 1 then 2: the latest counts)
    claim(a2, a0, 0)
    reply(a2, a0, "帮您催一下快递")
    close(a2, server, a0, "shipping")
    rate(admin, a0, 4)
    claim(a3, c0, 0)
    reply(a3, c0, "非常抱歉")
    server.add_buyer_message(c0, "我要退款")
    reply(a3, c0, "马上处理")
    close(a3, server, c0, "complaint")
    rate(admin, c0, 1)
    rate(admin, c0, 2)

    # shop 2: b1 answers and closes as a complaint
    claim(b1, jd0, 0)
    reply(b1, jd0, "可以开发票")
    close(b1, server, jd0, "complaint")
    rate(admin, jd0, 5)
    return {"p2": p2, "shop1": shop1, "shop2": shop2}


def _range() -> tuple[str, str]:
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    return (today - timedelta(days=1)).isoformat(), today.isoformat()


def test_report_equals_a_recomputation_from_raw_data(
    server: LiveServer, ids: dict[str, Any], api_for: Any, floor: dict[str, Any]
) -> None:
    date_from, date_to = _range()
    expected = recompute(server, ZoneInfo("Asia/Shanghai"))
    report = get_report(api_for("root"), date_from, date_to)
    assert report.timezone == "Asia/Shanghai"
    assert_same(as_dict(report), expected)

    # the hand-made facts the recomputation must have found, so it cannot pass by being empty
    u = ids["users"]
    rows = [r for r in report.rows if r.shop_id == floor["shop1"]]
    presale = [r for r in rows if r.group == "presale"]
    assert sum(r.inquiries for r in presale) == 4
    assert {r.agent_id: r.inquiries for r in presale if r.inquiries} == {u["a1"]: 2, u["a2"]: 1, None: 1}
    assert {r.agent_id: r.converted for r in presale if r.converted} == {u["a1"]: 1, None: 1}
    assert sum(r.handled for r in rows) == 5
    a3 = [r for r in rows if r.agent_id == u["a3"]]
    assert sum(r.complaints for r in a3) == 1
    assert sum(r.satisfaction_sum for r in a3) == 2 and sum(r.satisfaction_count for r in a3) == 1
    assert sum(r.first_response_count for r in rows) == 5
    assert sum(r.response_count for r in rows) == 7
    a1_first = [r for r in rows if r.agent_id == u["a1"]]
    avg = report_average(
        sum(r.first_response_sum_s for r in a1_first), sum(r.first_response_count for r in a1_first)
    )
    assert avg is not None and avg > 0
    assert {a.staff_id for a in report.agents} >= {"a1", "a2", "a3", "b1", "s1"}
    assert [s.id for s in report.shops] == [floor["shop1"], floor["shop2"]]

    # filters: the same figures, narrowed
    by_agent = get_report(api_for("s1"), date_from, date_to, agent_id=u["a2"])
    assert_same(as_dict(by_agent), {k: v for k, v in expected.items() if k[3] == u["a2"]})
    by_group = get_report(api_for("s1"), date_from, date_to, group="complaint")
    assert_same(as_dict(by_group), {k: v for k, v in expected.items() if k[2] == "complaint"})
    by_shop = get_report(api_for("s1"), date_from, date_to, shop_id=floor["shop2"])
    assert_same(as_dict(by_shop), {k: v for k, v in expected.items() if k[1] == floor["shop2"]})


def test_roles_and_scope(
    server: LiveServer, ids: dict[str, Any], api_for: Any, floor: dict[str, Any]
) -> None:
    date_from, date_to = _range()
    expected = recompute(server, ZoneInfo("Asia/Shanghai"))
    shop1, shop2 = floor["shop1"], floor["shop2"]
    params = {"date_from": date_from, "date_to": date_to}
    for agent in ("a1", "b1"):
        r = api_for(agent).get(Paths.REPORT, params=params)
        assert r.status_code == 403 and r.json()["code"] == "forbidden"
    assert Api(server.url).get(Paths.REPORT, params=params).status_code == 401
    # a supervisor of shop 2 only: shop 2's rows, shop 1 refused
    s2 = api_for("s2")
    mine = get_report(s2, date_from, date_to)
    assert_same(as_dict(mine), {k: v for k, v in expected.items() if k[1] == shop2})
    assert [s.id for s in mine.shops] == [shop2]
    assert {a.staff_id for a in mine.agents} == {"b1", "s1", "s2"}
    r = s2.get(Paths.REPORT, params={**params, "shop_id": shop1})
    assert r.status_code == 403
    # s1 works in both shops: everything, like the admin
    assert_same(as_dict(get_report(api_for("s1"), date_from, date_to)), expected)


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [
        ("2026-13-01", "2026-13-02"),
        ("2026-1-5", "2026-01-06"),
        ("yesterday", "2026-01-06"),
        ("2026-02-10", "2026-02-09"),
        ("2026-01-01", "2026-04-03"),  # 93 days
    ],
)
def test_bad_ranges_are_400(
    server: LiveServer, ids: dict[str, Any], api_for: Any, date_from: str, date_to: str
) -> None:
    r = api_for("s1").get(Paths.REPORT, params={"date_from": date_from, "date_to": date_to})
    assert r.status_code == 400, r.text
    assert r.json()["code"] == "bad_request"


def test_92_days_is_allowed(server: LiveServer, ids: dict[str, Any], api_for: Any) -> None:
    report = get_report(api_for("s1"), "2026-01-01", "2026-04-02")
    assert (report.date_from, report.date_to) == ("2026-01-01", "2026-04-02")
    assert report.rows == []


def _event(server: LiveServer, kind: str, at: datetime, shop: int, agent: int, **kw: Any) -> None:
    with server.write() as s:
        activity.record(s, kind, at=at, shop_id=shop, group="aftersale", agent_id=agent, **kw)


def test_days_follow_the_team_time_zone(server: LiveServer, ids: dict[str, Any], api_for: Any) -> None:
    shop1 = ids["shops"][0]
    a1 = ids["users"]["a1"]
    # Shanghai (UTC+8): 2026-11-10 15:59:59 UTC is still the 10th there, 16:00:00 is the 11th
    _event(server, "closed", datetime(2026, 11, 10, 15, 59, 59, tzinfo=UTC), shop1, a1, category="shipping")
    _event(server, "closed", datetime(2026, 11, 10, 16, 0, 0, tzinfo=UTC), shop1, a1, category="complaint")
    _event(
        server, "response", datetime(2026, 11, 10, 16, 0, 1, tzinfo=UTC), shop1, a1, value=30.0, first=True
    )
    s1 = api_for("s1")
    report = get_report(s1, "2026-11-10", "2026-11-11")
    got = {(r.day, r.agent_id): (r.handled, r.complaints, r.first_response_count) for r in report.rows}
    assert got == {("2026-11-10", a1): (1, 0, 0), ("2026-11-11", a1): (1, 1, 1)}
    assert [r.day for r in get_report(s1, "2026-11-11", "2026-11-11").rows] == ["2026-11-11"]

    # settled days are kept by the service, and an event added to one is still seen
    hits = reports.SETTLED.hits
    assert get_report(s1, "2026-11-10", "2026-11-11").rows == report.rows
    assert reports.SETTLED.hits == hits + 2
    _event(server, "closed", datetime(2026, 11, 10, 3, 0, tzinfo=UTC), shop1, a1, category="complaint")
    again = {
        (r.day, r.agent_id): (r.handled, r.complaints)
        for r in get_report(s1, "2026-11-10", "2026-11-11").rows
    }
    assert again == {("2026-11-10", a1): (2, 1), ("2026-11-11", a1): (1, 1)}

    # New York: 8 March 2026 has 23 hours (clocks go forward); its bounds are 05:00 and 04:00 UTC
    with server.write() as s:
        activity.save_config(s, SupervisorConfig(timezone="America/New_York"), None, datetime.now(UTC))
    for at in (
        datetime(2026, 3, 8, 4, 59, 59, tzinfo=UTC),  # 23:59:59 EST on the 7th
        datetime(2026, 3, 8, 5, 0, 0, tzinfo=UTC),  # midnight of the 8th
        datetime(2026, 3, 9, 3, 59, 59, tzinfo=UTC),  # 23:59:59 EDT on the 8th
        datetime(2026, 3, 9, 4, 0, 0, tzinfo=UTC),  # midnight of the 9th
    ):
        _event(server, "closed", at, shop1, a1, category="other")
    report = get_report(s1, "2026-03-07", "2026-03-09")
    assert report.timezone == "America/New_York"
    assert {r.day: r.handled for r in report.rows} == {"2026-03-07": 1, "2026-03-08": 2, "2026-03-09": 1}
    assert date.fromisoformat(report.date_to) - date.fromisoformat(report.date_from) == timedelta(days=2)


@pytest.mark.postgres
def test_report_on_postgres(pg_url: str) -> None:
    with LiveServer(database_url=pg_url) as srv:
        ids = srv.seed_basic()

        def api_for(staff_id: str) -> Api:
            return Api(srv.url, srv.token_for(staff_id))

        build_floor(srv, ids, api_for)
        date_from, date_to = _range()
        report = get_report(api_for("root"), date_from, date_to)
        assert_same(as_dict(report), recompute(srv, ZoneInfo("Asia/Shanghai")))
        assert sum(r.converted for r in report.rows) == 2


def test_demo_history_fills_two_weeks_consistently() -> None:
    """The demo's seeded history: every one of the 14 past days has figures, and they agree with
    the conversations and orders the seed wrote (handled = conversations closed that day)."""
    from central import demo

    with LiveServer() as srv:
        demo.seed_demo(srv.db)
        zone = ZoneInfo("Asia/Shanghai")
        today = datetime.now(zone).date()
        first = (today - timedelta(days=14)).isoformat()
        last = (today - timedelta(days=1)).isoformat()
        report = get_report(Api(srv.url, srv.token_for("zg01")), first, last)
        handled: dict[str, int] = defaultdict(int)
        inquiries: dict[str, int] = defaultdict(int)
        converted: dict[str, int] = defaultdict(int)
        for r in report.rows:
            handled[r.day] += r.handled
            inquiries[r.day] += r.inquiries
            converted[r.day] += r.converted
        assert len(handled) == 14 and all(n > 20 for n in handled.values())
        total_inq, total_conv = sum(inquiries.values()), sum(converted.values())
        assert 0.1 < total_conv / total_inq < 0.7
        assert sum(r.satisfaction_count for r in report.rows) > 0
        assert sum(r.complaints for r in report.rows) > 0
        with srv.session() as s:
            closed: dict[str, int] = defaultdict(int)
            for (at,) in s.execute(select(Conversation.closed_at).where(Conversation.status == "closed")):
                assert at is not None
                day = at.astimezone(zone).date().isoformat()
                if first <= day <= last:
                    closed[day] += 1
        assert dict(handled) == dict(closed)
