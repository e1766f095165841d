"""Which changes deserve a desktop notification (``workstation.notices``), on a cache synced from a
real service: a new waiting conversation in my groups, a buyer replying in my conversation when
it is not on screen, a wait passing its red threshold — each once, and nothing for what was
already there when the agent logged in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from central.testing import LiveServer
from workstation.client import Client
from workstation.models import Conversation
from workstation.notices import NoticeWatcher
from workstation.timeutil import utcnow_naive


def _watcher(client: Client) -> NoticeWatcher:
    u = client.user
    return NoticeWatcher(client.db.engine, u.id, list(u.shop_ids), list(u.groups))


def _conv_ids(client: Client) -> list[int]:
    return [int(i) for i in client.engine.sync_once().ids.get("conversation", set())]


def test_first_look_announces_nothing_then_new_waiting_conversations_do(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    client = connect(server.url, "a1")
    client.engine.sync_once()
    watcher = _watcher(client)
    assert watcher.changed([1, 2, 3], on_screen=None) == []  # primes: the seed's waiting chats are old news
    shop1 = server.seed["shops"][0]  # type: ignore[attr-defined]
    cid = server.add_conversation(shop1, "aftersale", "快递显示签收了但我没收到")
    notices = watcher.changed(_conv_ids(client), on_screen=None)
    assert [(n.kind, n.conversation_id, n.text) for n in notices] == [
        ("new", cid, "快递显示签收了但我没收到")
    ]
    assert notices[0].shop == "小美家居旗舰店"
    # the same change seen again (a re-sent row) is not announced twice
    assert watcher.changed([cid], on_screen=None) == []


def test_a_reply_in_my_conversation_is_announced_only_when_not_on_screen(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    client = connect(server.url, "a1")
    client.engine.sync_once()
    watcher = _watcher(client)
    watcher.prime()
    shop1 = server.seed["shops"][0]  # type: ignore[attr-defined]
    cid = server.seed["conversations"][shop1][0]  # type: ignore[attr-defined]
    with client.db.session() as s:
        version = s.get(Conversation, cid).assignment_version  # type: ignore[union-attr]
    outcome = client.claim(cid, version)
    assert outcome.won
    watcher.changed(_conv_ids(client), on_screen=None)  # the claim itself: no notice
    server.add_buyer_message(cid, "<b>在吗</b> 13812345678")
    notices = watcher.changed(_conv_ids(client), on_screen=None)
    assert [(n.kind, n.conversation_id) for n in notices] == [("reply", cid)]
    assert notices[0].text == "<b>在吗</b> 13812345678"  # plain text; the tray shows it as such
    assert watcher.unread() == 1
    server.add_buyer_message(cid, "人呢")
    assert watcher.changed(_conv_ids(client), on_screen=cid) == []  # the agent is looking at it


def test_colleagues_conversations_and_other_groups_stay_quiet(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    client = connect(server.url, "a1")
    client.engine.sync_once()
    u = client.user
    watcher = NoticeWatcher(client.db.engine, u.id, list(u.shop_ids), ["presale"])
    watcher.prime()
    shop1, shop2 = server.seed["shops"]  # type: ignore[attr-defined]
    server.add_conversation(shop1, "complaint", "投诉")  # not my group
    server.add_conversation(shop2, "presale", "别的店")  # not my shop: never synced to me
    assert watcher.changed(_conv_ids(client), on_screen=None) == []


def test_sla_warning_fires_once_per_wait_at_the_red_threshold(
    server: LiveServer, connect: Callable[..., Client]
) -> None:
    client = connect(server.url, "a1")
    client.engine.sync_once()
    watcher = _watcher(client)
    watcher.prime()  # the seed's waits are already under way: not warned again
    shop1 = server.seed["shops"][0]  # type: ignore[attr-defined]
    cid = server.add_conversation(shop1, "presale", "有优惠吗")
    _conv_ids(client)
    now = utcnow_naive()
    red = {"presale": 100, "aftersale": 100, "complaint": 100}
    assert watcher.tick(now + timedelta(seconds=98), red) == []  # below the threshold
    notices = watcher.tick(now + timedelta(seconds=102), red)
    assert [(n.kind, n.conversation_id) for n in notices] == [("sla", cid)]
    assert watcher.tick(now + timedelta(seconds=200), red) == []  # once per wait
