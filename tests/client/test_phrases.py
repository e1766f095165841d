"""Quick phrases in the client core (no Qt): search by code, text and pinyin initials, ranking by
usage, variable filling from the cache, suggestions, and a team phrase edited by a supervisor
reaching a second client through a real service (LiveServer on 127.0.0.1, two sync engines)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select

from central import models as cm
from central.testing import LiveServer
from workstation.client import Client
from workstation.models import PhraseUsage
from workstation.phrases import (
    MatchKind,
    PhraseIndex,
    VariableContext,
    context_for,
    fill,
    initials_variants,
    missing_labels,
    normalize_query,
    record_use,
    today_text,
)
from workstation.suggest import Suggester, terms
from workstation.sync import PhraseView, phrases_view
from wsprotocol import PHRASE_VARIABLES


def pv(code: str, text: str, group: str = "常用", position: int = 0, pid: str | None = None) -> PhraseView:
    return PhraseView(pid or f"id-{code or uuid.uuid4().hex[:8]}", 1, None, group, code, text, position)


LIBRARY = [
    pv("xx", "谢谢关注本店，有需要随时找我哦", position=1),
    pv("dz", "亲，请核对一下收货地址哦", position=2),
    pv("dzxg", "地址修改好了，请您确认", position=3),
    pv("fh", "亲，我们48小时内发货", position=4),
    pv("", "亲，行李箱的尺寸是20寸", position=5, pid="id-luggage"),
    pv("ems", "EMS包邮到家", position=6),
    pv("hk", "还款日期以账单为准", position=7),
]


def ids(hits: list[Any]) -> list[str]:
    return [h.phrase.id for h in hits]


# ----------------------------------------------------------------------------- search


def test_pinyin_initials_find_the_phrase() -> None:
    index = PhraseIndex(LIBRARY)
    hits = index.search("xxgz")
    assert ids(hits)[0] == "id-xx"
    assert hits[0].kind is MatchKind.INITIALS_PREFIX
    # Initials in the middle of a phrase (亲，请核对 → qqhd: 'hd' inside)
    assert "id-dz" in ids(index.search("qhd"))
    assert index.search("qhd")[0].kind is MatchKind.INITIALS


def test_polyphones_index_every_reading_of_the_first_ones() -> None:
    # 行 reads xing and hang, 还 huan and hai: both initials work.
    variants = initials_variants("行李箱还好")
    assert any(v.startswith("xlx") for v in variants)
    assert any(v.startswith("hlx") for v in variants)
    index = PhraseIndex(LIBRARY)
    assert ids(index.search("qxlx"))[0] == "id-luggage"
    assert ids(index.search("qhlx"))[0] == "id-luggage"
    # ASCII in the text stays as it is; variables and punctuation are left out.
    assert initials_variants("EMS包邮{订单号}！")[0] == "emsby"


def test_code_search_exact_then_prefix_with_or_without_slash() -> None:
    index = PhraseIndex(LIBRARY)
    for query in ("dz", "/dz", " /DZ "):
        hits = index.search(query)
        assert ids(hits)[:2] == ["id-dz", "id-dzxg"], query
        assert hits[0].kind is MatchKind.CODE_EXACT
        assert hits[1].kind is MatchKind.CODE_PREFIX
    assert normalize_query("/Dz ") == "dz"


def test_text_search_chinese_and_limit() -> None:
    index = PhraseIndex(LIBRARY)
    hits = index.search("亲")
    assert set(ids(hits)) == {"id-dz", "id-fh", "id-luggage"}
    assert all(h.kind is MatchKind.TEXT for h in hits)
    assert len(index.search("亲", limit=2)) == 2
    assert index.search("不存在的话") == []
    # Empty query: everything, most used first, up to the limit.
    assert len(index.search("", limit=3)) == 3


def test_match_quality_before_usage_then_usage_within_a_kind() -> None:
    usage = {"id-fh": 50, "id-dz": 1}
    index = PhraseIndex(LIBRARY, usage)
    # Within text matches, the most used first.
    assert ids(index.search("亲"))[0] == "id-fh"
    # An exact code beats any usage.
    assert ids(index.search("dz"))[0] == "id-dz"
    # Re-ranking by a recorded use.
    index2 = index.with_use("id-luggage", 80)
    assert ids(index2.search("亲"))[0] == "id-luggage"
    assert ids(index.search("亲"))[0] == "id-fh"  # the old index is unchanged (swapped on the UI thread)


def test_fifteen_thousand_phrases_search_stays_correct() -> None:
    many = [pv(f"c{i}", f"第{i}号回复：亲，商品{i % 97}已发货", position=i) for i in range(15_000)]
    many.append(pv("zzz", "谢谢关注", position=0))
    index = PhraseIndex(many, {"id-c7": 3})
    assert ids(index.search("xxgz"))[0] == "id-zzz"
    assert ids(index.search("c7"))[0] == "id-c7"
    # Text hits: the used one first, then in group/position order.
    assert ids(index.search("已发货", limit=3)) == ["id-c7", "id-c0", "id-c1"]


# ----------------------------------------------------------------------------- variables


def test_variable_context_has_every_protocol_variable() -> None:
    ctx = VariableContext(**{k: f"v-{k}" for k in PHRASE_VARIABLES})
    filled = fill("".join("{" + label + "}" for label in PHRASE_VARIABLES.values()), ctx)
    assert filled.text == "".join(f"v-{k}" for k in PHRASE_VARIABLES)
    assert filled.missing == []


def test_fill_both_spellings_missing_and_unknown() -> None:
    ctx = VariableContext(buyer_nickname="小明", order_no=None, today="2026年11月22日")
    filled = fill("{买家昵称}您好，{buyer_nickname}，订单{order_no}，{订单号}。{优惠券} {today}", ctx)
    assert filled.text == "小明您好，小明，订单{订单号}，{订单号}。{优惠券} 2026年11月22日"
    assert filled.missing == ["订单号"]
    assert filled.unknown == ["优惠券"]
    assert [filled.text[s:e] for s, e in filled.spans] == ["{订单号}", "{订单号}"]
    assert missing_labels(filled.text) == ["订单号"]
    assert missing_labels("没有变量 {优惠券}") == []


def test_today_text_is_the_chinese_local_date() -> None:
    assert today_text(date(2026, 11, 22)) == "2026年11月22日"
    assert today_text(date(2027, 1, 5)) == "2027年1月5日"


def test_context_from_the_cache_with_order_and_shipment(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    seed = server.seed  # type: ignore[attr-defined]
    shop1 = seed["shops"][0]
    buyer = seed["buyers"][shop1][0]
    conv = seed["conversations"][shop1][0]
    client = connect(server.url, "a1")
    # Orders arrive from the service through pull; written here straight into the cache as the
    # sync engine would store them (the demo's order data is another part of this round).
    from datetime import datetime, timedelta

    from workstation.models import Order, Shipment

    now = datetime(2026, 11, 20, 8, 0)
    with client.db.transaction() as s:
        for n, (order_no, age) in enumerate((("OLD001", 5), ("NEW002", 1)), start=1):
            s.add(
                Order(
                    id=n,
                    version=1,
                    order_no=order_no,
                    shop_id=shop1,
                    buyer_id=buyer,
                    status="shipped",
                    created_at=now - timedelta(days=age),
                    updated_at=now,
                )
            )
        s.add(
            Shipment(
                id=1,
                version=1,
                order_id=2,
                shop_id=shop1,
                carrier="zto",
                tracking_no="ZT123456",
                state="in_transit",
                created_at=now,
            )
        )
    client.engine.sync_once()
    with client.db.session() as s:
        ctx = context_for(s, conv, client.user)
        bare = context_for(s, None, client.user)
    assert ctx.buyer_nickname == "爱吃鱼的猫"
    assert ctx.buyer_name == "买家0"
    assert ctx.order_no == "NEW002"
    assert ctx.tracking_no == "ZT123456"
    assert ctx.carrier == "中通快递"
    assert ctx.shop_name == "小美家居旗舰店"
    assert (ctx.staff_id, ctx.agent_name) == ("a1", "客服a1")
    assert ctx.today == today_text()
    assert bare.buyer_nickname is None and bare.staff_id == "a1"
    filled = fill("{买家昵称}，您的{快递公司}单号{快递单号}", ctx)
    assert filled.text == "爱吃鱼的猫，您的中通快递单号ZT123456"


# ----------------------------------------------------------------------------- usage


def test_record_use_counts_in_the_local_table(server: LiveServer, connect: Callable[..., Client]) -> None:
    client = connect(server.url, "a1")
    pid = str(uuid.uuid4())
    client.enqueue("phrase.save@1", {"id": pid, "scope": "personal", "code": "hi", "text": "您好"})
    other = str(uuid.uuid4())
    client.enqueue("phrase.save@1", {"id": other, "scope": "personal", "code": "hy", "text": "您好呀"})
    index = PhraseIndex.load(client.db, client.user.id)
    assert ids(index.search("您好")) == [pid, other]  # code order when unused
    assert record_use(client.db, other) == 1
    index = index.record_use(client.db, other)
    assert index.usage(other) == 2
    with client.db.session() as s:
        assert s.scalar(select(PhraseUsage.count).where(PhraseUsage.phrase_id == other)) == 2
    assert ids(index.search("您好")) == [other, pid]
    # A fresh load reads the counts back.
    assert ids(PhraseIndex.load(client.db, client.user.id).search("您好")) == [other, pid]


# ----------------------------------------------------------------------------- suggestions


def test_terms_are_chinese_aware() -> None:
    t = terms("<b>我的 快递</b>到哪了？单号YT123")
    assert t["快递"] == 1 and t["我的"] == 1 and t["yt123"] == 1
    assert "b" not in t  # the tag is gone
    assert terms("{订单号}") == {}


def test_suggestions_rank_by_similarity_then_usage() -> None:
    lib = [
        pv("kd", "亲，快递正在路上，物流一般三天左右到哦"),
        pv("tk", "退款已经处理，原路退回，请注意查收"),
        pv("fp", "可以开发票的，请提供抬头和税号"),
        pv("kd2", "快递已经发出，请留意物流信息"),
    ]
    s = Suggester(lib)
    assert [x.phrase.code for x in s.suggest("我的快递三天没动了", 1)] == ["kd"]
    assert s.suggest("能开发票吗")[0].phrase.code == "fp"
    assert s.suggest("退款什么时候到账")[0].phrase.code == "tk"
    assert s.suggest("") == []
    assert s.suggest("hello world") == []  # nothing similar: no suggestion rather than noise
    # Usage lifts a close second.
    close = s.suggest("快递物流")
    assert {x.phrase.code for x in close[:2]} == {"kd", "kd2"}
    boosted = Suggester(lib, {f"id-{close[1].phrase.code}": 200}).suggest("快递物流")
    assert boosted[0].phrase.code == close[1].phrase.code


# ----------------------------------------------------------------------------- two clients


def test_team_phrase_edited_by_supervisor_reaches_another_agent(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    seed = server.seed  # type: ignore[attr-defined]
    shop1 = seed["shops"][0]
    supervisor = connect(server.url, "s1")
    agent = connect(server.url, "a1")
    supervisor.engine.sync_once()
    agent.engine.sync_once()
    pid = str(uuid.uuid4())
    args = {
        "id": pid,
        "scope": "team",
        "shop_id": shop1,
        "group_name": "售后",
        "code": "wl",
        "text": "亲，物流信息请查看订单{订单号}",
    }
    supervisor.enqueue("phrase.save@1", args)
    supervisor.engine.sync_once()
    agent.engine.sync_once()
    with agent.db.session() as s:
        index = PhraseIndex(phrases_view(s, agent.user.id))
    assert ids(index.search("wl")) == [pid]
    assert ids(index.search("qwlxx"))[0] == pid

    # The supervisor edits it: the agent's next pull brings the new text, and a rebuilt index
    # finds it by the new words only.
    supervisor.enqueue("phrase.save@1", {**args, "text": "亲，包裹已由顺丰发出，请耐心等待"})
    supervisor.engine.sync_once()
    summary = agent.engine.sync_once()
    assert pid in summary.ids.get("phrase", set())
    index = PhraseIndex.load(agent.db, agent.user.id)
    assert index.get(pid) is not None and index.get(pid).text == "亲，包裹已由顺丰发出，请耐心等待"  # type: ignore[union-attr]
    assert ids(index.search("顺丰")) == [pid]
    assert index.search("物流信息") == []

    # An agent may not write team phrases: the service rejects it and the agent's view keeps
    # showing the supervisor's text.
    agent.enqueue("phrase.save@1", {**args, "text": "私自修改"})
    agent.engine.sync_once()
    assert agent.engine.rejected_count() == 1
    with agent.db.session() as s:
        assert {p.id: p.text for p in phrases_view(s, agent.user.id)}[
            pid
        ] == "亲，包裹已由顺丰发出，请耐心等待"
    with server.session() as s:
        assert s.get(cm.Phrase, pid).text == "亲，包裹已由顺丰发出，请耐心等待"  # type: ignore[union-attr]


def test_suggestions_learn_what_a_phrase_answered_from_the_agents_history(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    from central import ops
    from workstation.phrases import answered_examples

    seed = server.seed  # type: ignore[attr-defined]
    shop1 = seed["shops"][0]
    a1 = seed["users"]["a1"]
    client = connect(server.url, "a1")
    eta = str(uuid.uuid4())
    client.enqueue(
        "phrase.save@1",
        {"id": eta, "scope": "personal", "code": "yj", "text": "亲，预计1-3天送达，{买家昵称}请耐心等待"},
    )
    other = str(uuid.uuid4())
    client.enqueue("phrase.save@1", {"id": other, "scope": "personal", "code": "hy", "text": "欢迎光临本店"})
    # Earlier conversations: the agent answered "几号能收到" with the phrase (its text, filled in
    # and followed by more words), and someone else's reply must not count.
    with server.write() as s:
        for n, (buyer_text, reply, author) in enumerate(
            [
                ("我买的东西几号能收到啊", "亲，预计1-3天送达，小明请耐心等待~", a1),
                ("几号能收到？着急用", "亲，预计1-3天送达，李四请耐心等待", a1),
                ("在吗", "欢迎光临本店", seed["users"]["a2"]),
            ]
        ):
            conv = seed["conversations"][shop1][n]
            ops.add_message(s, conv, "buyer", buyer_text)
            ops.add_message(s, conv, "agent", reply, author_id=author)
    client.engine.sync_once()
    index = PhraseIndex.load(client.db, client.user.id)
    with client.db.session() as s:
        examples = answered_examples(s, client.user.id, index.phrases)
    assert examples == {eta: ["几号能收到？着急用", "我买的东西几号能收到啊"]}
    # The phrase shares no word with "什么时候能收到" (收到 is not in its text): without history
    # nothing fits; with it, the phrase is suggested first.
    query = "什么时候能收到货"
    assert [x.phrase.id for x in Suggester(index.phrases).suggest(query) if x.similarity > 0] == []
    learned = Suggester(index.phrases, examples=examples).suggest(query)
    assert learned[0].phrase.id == eta
