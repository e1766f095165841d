"""Drafts per conversation and the read position of a thread (``workstation.drafts``), without Qt:
kept across a reopen of the database, the pending send id bound to the text it was made for, a
draft cleared only by the acknowledgement of its own send."""

from __future__ import annotations

from pathlib import Path

from workstation import drafts
from workstation.db import LocalDB


def test_draft_saved_loaded_and_removed_when_empty(tmp_path: Path) -> None:
    path = tmp_path / "cache.db"
    with LocalDB.open(path) as db:
        assert drafts.load(db, 7).text == ""
        drafts.save(db, 7, "亲，<b>在的</b>\n稍等")
        drafts.save(db, 8, "另一个会话")
    # A restart (or a crash after the commit) finds it again.
    with LocalDB.open(path) as db:
        state = drafts.load(db, 7)
        assert state.text == "亲，<b>在的</b>\n稍等"
        assert state.updated_at is not None
        assert state.pending_msg_id is None
        assert set(drafts.conversations_with_drafts(db)) == {7, 8}
        drafts.save(db, 7, "   \n")  # whitespace only: nothing worth keeping
        assert drafts.load(db, 7).text == ""
        assert drafts.conversations_with_drafts(db) == [8]


def test_send_id_is_kept_for_the_same_text_and_renewed_for_an_edit(tmp_path: Path) -> None:
    with LocalDB.open(tmp_path / "cache.db") as db:
        first = drafts.prepare_send(db, 3, "好的，马上发货")
        assert len(first) >= 8
        # The send failed (offline, lost answer): a retry of the same text uses the same id ...
        assert drafts.load(db, 3).pending_msg_id == first
        assert drafts.prepare_send(db, 3, "好的，马上发货") == first
        # ... also after a restart of the app.
    with LocalDB.open(tmp_path / "cache.db") as db:
        assert drafts.load(db, 3).pending_msg_id == first
        assert drafts.prepare_send(db, 3, "好的，马上发货") == first
        # An edited reply is another message: a new id.
        drafts.save(db, 3, "好的，今天发货")
        assert drafts.load(db, 3).pending_msg_id is None
        second = drafts.prepare_send(db, 3, "好的，今天发货")
        assert second != first


def test_acknowledge_clears_only_its_own_send(tmp_path: Path) -> None:
    with LocalDB.open(tmp_path / "cache.db") as db:
        msg_id = drafts.prepare_send(db, 5, "收到")
        assert not drafts.acknowledge(db, 5, "someone-else-0001")
        assert drafts.load(db, 5).text == "收到"
        assert drafts.acknowledge(db, 5, msg_id)
        state = drafts.load(db, 5)
        assert state.text == "" and state.pending_msg_id is None
        # A second acknowledgement (a duplicate answer) changes nothing.
        assert not drafts.acknowledge(db, 5, msg_id)


def test_acknowledge_keeps_a_newer_reply(tmp_path: Path) -> None:
    with LocalDB.open(tmp_path / "cache.db") as db:
        msg_id = drafts.prepare_send(db, 9, "第一条")
        drafts.save(db, 9, "第二条，还没发")  # typed while the first was on its way
        assert not drafts.acknowledge(db, 9, msg_id)
        assert drafts.load(db, 9).text == "第二条，还没发"


def test_forget_discards_draft_and_send_id(tmp_path: Path) -> None:
    with LocalDB.open(tmp_path / "cache.db") as db:
        drafts.prepare_send(db, 4, "不要了")
        drafts.forget(db, 4)
        state = drafts.load(db, 4)
        assert state.text == "" and state.pending_msg_id is None


def test_last_seen_never_moves_back(tmp_path: Path) -> None:
    with LocalDB.open(tmp_path / "cache.db") as db:
        assert drafts.last_seen(db, 1) is None
        drafts.mark_seen(db, 1, 40)
        drafts.mark_seen(db, 1, 12)  # an older view finishing late
        assert drafts.last_seen(db, 1) == 40
        drafts.mark_seen(db, 1, 41)
        assert drafts.last_seen(db, 1) == 41
        assert drafts.last_seen(db, 2) is None
