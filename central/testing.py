"""Helpers for tests (of the service and of the client): a real service on 127.0.0.1.

* ``LiveServer``: a fresh, migrated database (SQLite in a temp dir unless a URL is given) and
  uvicorn in a background thread; ``.url``, ``.settings``, ``.db``, ``.session()``,
  ``.seed_basic()``, ``.add_conversation()``, ``.add_buyer_message()``, ``.token_for()``.
* ``ServerProcess``: the same service as a child process (``python -m central.cli serve``) that can
  be SIGKILLed and restarted on the same database file.
* ``TcpProxy``: a TCP forwarder that can lose responses (the request reached the server, the
  answer never reaches the client) or refuse connections (an outage).

Accounts made by ``seed_basic`` (password ``pw-<staff id>``):

=====  ==========  ================  ========================
staff  role        shops             groups
=====  ==========  ================  ========================
a1-a3  agent       shop 1            presale, aftersale, complaint
s1     supervisor  shop 1 and 2      all
b1     agent       shop 2            all
=====  ==========  ================  ========================
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn
from argon2 import PasswordHasher
from sqlalchemy.orm import Session

from central import ops
from central.app import create_app
from central.db import Database
from central.migrate import migrate
from central.models import Conversation, User
from central.security import start_session
from central.settings import Settings

#: the line a serving process prints once its socket is bound (the desktop app reads it too)
URL_LINE_PREFIX = "WORKSTATION_CENTRAL_URL="


#: argon2 is slow on purpose (about 0.1 s a hash here). Test accounts use cheap parameters; the
#: parameters are stored in the hash, so the service verifies them with the same code as real ones.
_TEST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@lru_cache(maxsize=1024)
def cached_password_hash(password: str) -> str:
    return _TEST_HASHER.hash(password)


def _bind_local(port: int = 0) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as central.cli._bind: no 40 ms stalls
    sock.bind(("127.0.0.1", port))
    return sock


class _SeedMixin:
    """Test data through the versioned write path (needs ``self.db``)."""

    db: Database

    def write(self) -> contextlib.AbstractContextManager[Session]:
        """A writing transaction on the server's database (commits at the end of the block)."""
        return self.db.write()

    def session(self) -> Session:
        """A plain session on the same database; close it (``with lts.session() as s:``). For
        writes to synced tables use ``write()`` and ``central.ops``."""
        return self.db.read_session()

    def create_user(
        self,
        staff_id: str,
        role: str = "agent",
        shop_ids: list[int] | None = None,
        groups: list[str] | None = None,
        password: str | None = None,
        display_name: str | None = None,
    ) -> int:
        pw = password or f"pw-{staff_id}"
        with self.db.write() as s:
            user = ops.create_user(
                s,
                staff_id,
                display_name or staff_id,
                role,
                pw,
                shop_ids or [],
                groups if groups is not None else ["presale", "aftersale", "complaint"],
                password_hash=cached_password_hash(pw),
            )
            return user.id

    def seed_basic(self) -> dict[str, Any]:
        """Two shops, agents a1-a3 (shop 1), supervisor s1 (shops 1, 2), agent b1 (shop 2), some
        buyers and one waiting conversation per skill group in shop 1 and one in shop 2.

        Returns ``{"shops": [id1, id2], "users": {staff_id: id}, "passwords": {staff_id: pw},
        "buyers": {shop_id: [ids]}, "conversations": {shop_id: [ids]}}``.
        """
        with self.db.write() as s:
            shop1 = ops.create_shop(s, "小美家居旗舰店", "taobao").id
            shop2 = ops.create_shop(s, "小美京东自营店", "jd").id
        users: dict[str, int] = {}
        for sid in ("a1", "a2", "a3"):
            users[sid] = self.create_user(sid, "agent", [shop1], display_name=f"客服{sid}")
        users["s1"] = self.create_user("s1", "supervisor", [shop1, shop2], display_name="主管s1")
        users["b1"] = self.create_user("b1", "agent", [shop2], display_name="客服b1")
        buyers: dict[int, list[int]] = {shop1: [], shop2: []}
        convs: dict[int, list[int]] = {shop1: [], shop2: []}
        with self.db.write() as s:
            for i, (shop, nick) in enumerate(
                [
                    (shop1, "爱吃鱼的猫"),
                    (shop1, "sunny小可爱"),
                    (shop1, "tb_8812"),
                    (shop2, "jd_王先生"),
                    (shop2, "李女士"),
                ]
            ):
                b = ops.add_buyer(
                    s, shop, nick, f"买家{i}", f"1381234{i:04d}", "浙江省", "杭州市", f"西湖区文三路{i}号"
                )
                buyers[shop].append(b.id)
            for buyer_id, group, text in [
                (buyers[shop1][0], "presale", "在吗？这款沙发有现货吗"),
                (buyers[shop1][1], "aftersale", "我的快递三天没动了"),
                (buyers[shop1][2], "complaint", "东西坏了，我要投诉"),
                (buyers[shop2][0], "presale", "京东能开发票吗"),
            ]:
                c = ops.open_conversation(s, buyer_id, group, text)
                convs[c.shop_id].append(c.id)
        return {
            "shops": [shop1, shop2],
            "users": users,
            "passwords": {sid: f"pw-{sid}" for sid in users},
            "buyers": buyers,
            "conversations": convs,
        }

    def add_buyer(self, shop_id: int, nickname: str = "新买家") -> int:
        with self.db.write() as s:
            return ops.add_buyer(s, shop_id, nickname, "", "13900001111", "广东省", "深圳市", "南山区").id

    def add_conversation(
        self, shop_id: int, group: str = "presale", text: str = "在吗", buyer_id: int | None = None
    ) -> int:
        """A new waiting conversation (with a new buyer unless ``buyer_id``); returns its id."""
        if buyer_id is None:
            buyer_id = self.add_buyer(shop_id)
        with self.db.write() as s:
            return ops.open_conversation(s, buyer_id, group, text).id

    def add_buyer_message(self, conversation_id: int, text: str) -> int:
        with self.db.write() as s:
            return ops.add_message(s, conversation_id, "buyer", text).id

    def claim_as(self, staff_id: str, conversation_id: int) -> int:
        """``staff_id`` claims the conversation (as the endpoint would); returns the new
        assignment version."""
        from sqlalchemy import select as sa_select  # the module imports the stdlib ``select``

        with self.db.write() as s:
            user = s.execute(sa_select(User).where(User.staff_id == staff_id)).scalar_one()
            conv = s.get(Conversation, conversation_id)
            if conv is None:
                raise ValueError(f"no conversation {conversation_id}")
            return ops.claim(s, user, conversation_id, conv.assignment_version).assignment_version

    def add_agent_message(self, conversation_id: int, text: str, staff_id: str | None = None) -> int:
        """An agent's reply written directly (no assignee check; ``staff_id`` names the author)."""
        from sqlalchemy import select as sa_select  # the module imports the stdlib ``select``

        with self.db.write() as s:
            author = None
            if staff_id is not None:
                author = s.execute(sa_select(User.id).where(User.staff_id == staff_id)).scalar_one()
            return ops.add_message(s, conversation_id, "agent", text, author_id=author).id

    # --- orders and privacy (issue 3), through ``central.orders``

    def add_order(
        self,
        buyer_id: int,
        items: list[dict[str, Any]] | None = None,
        status: str = "unpaid",
        **kw: Any,
    ) -> int:
        """An order of ``buyer_id`` (one item at 99.00 yuan unless ``items``) taken through the
        write path to ``status``: ``paid``, ``shipped`` (a parcel with a pick-up scan),
        ``delivered``, ``completed`` or ``closed``. ``kw`` goes to ``orders.add_order``."""
        from central import orders

        lines = items or [
            {"sku": "T-001", "title": "测试商品", "specs": "颜色:黑色", "quantity": 1, "unit_price_fen": 9900}
        ]
        with self.db.write() as s:
            order = orders.add_order(s, buyer_id, lines, **kw)
            if status == "closed":
                orders.close_order(s, order.id)
            elif status != "unpaid":
                orders.pay_order(s, order.id)
            if status in ("shipped", "delivered", "completed"):
                ship = orders.add_shipment(
                    s, order.id, "zto", f"7531{order.id:010d}", first_event=("杭州市", "【杭州市】快件已揽收")
                )
                if status != "shipped":
                    orders.add_shipment_event(
                        s, ship.id, "【深圳市】已签收，签收人：本人", place="深圳市", state="delivered"
                    )
                if status == "completed":
                    orders.complete_order(s, order.id)
            return order.id

    def add_shipment(
        self, order_id: int, carrier: str = "sf", tracking_no: str | None = None, place: str = "杭州市"
    ) -> int:
        """A parcel of a paid order (which becomes shipped), with its pick-up scan."""
        from central import orders

        with self.db.write() as s:
            no = tracking_no or f"SF{order_id:013d}"
            return orders.add_shipment(
                s, order_id, carrier, no, first_event=(place, f"【{place}】快件已揽收")
            ).id

    def add_aftersale(
        self,
        order_id: int,
        kind: str = "refund_only",
        reason: str = "不想要了",
        amount_fen: int | None = None,
    ) -> int:
        """An after-sale case on a paid order; a refund kind refunds everything unless ``amount_fen``."""
        from central import orders
        from central.models import Order

        with self.db.write() as s:
            if amount_fen is None:
                order = s.get(Order, order_id)
                amount_fen = order.paid_fen if order is not None and kind in orders.REFUND_KINDS else 0
            return orders.open_aftersale(s, order_id, kind, reason, amount_fen).id

    def grant(self, staff_id: str, permission: str = "reveal_contact", revoke: bool = False) -> None:
        """Give (or take back) a permission, as an administrator would."""
        from central import orders

        with self.db.write() as s:
            orders.grant_permission(s, staff_id, permission, revoke)

    # --- order notes and handovers (issue 5), through ``central.notes`` / ``central.handovers``

    def _user(self, s: Session, staff_id: str) -> User:
        from sqlalchemy import select as sa_select  # the module imports the stdlib ``select``

        return s.execute(sa_select(User).where(User.staff_id == staff_id)).scalar_one()

    def edit_note_as(
        self,
        staff_id: str,
        order_id: int,
        text: str,
        flag: str = "none",
        reason_code: str = "other",
        reason: str = "测试",
        base_revision: int | None = None,
    ) -> dict[str, Any]:
        """``staff_id`` edits the order's note as a push would (from the current revision unless
        ``base_revision``); returns the mutation's result (``outcome``, ``note``, ``entry``)."""
        import uuid

        from central import notes
        from central.models import OrderNote, utcnow
        from wsprotocol import NoteEditArgs

        with self.db.write() as s:
            note = s.get(OrderNote, order_id)
            base = base_revision if base_revision is not None else (note.revision if note else 0)
            args = NoteEditArgs.model_validate(
                {
                    "entry_id": str(uuid.uuid4()),
                    "order_id": order_id,
                    "flag": flag,
                    "text": text,
                    "reason_code": reason_code,
                    "reason": reason,
                    "base_revision": base,
                    "authored_at": utcnow(),
                }
            )
            return notes.note_edit(s, self._user(s, staff_id), args).result

    def add_shifts(self, shop_id: int, staff_id: str = "s1") -> list[str]:
        """The usual three shifts (早班 08-16, 中班 16-24, 晚班 00-08) saved by a supervisor."""
        from central import handovers
        from wsprotocol import ShiftSaveArgs

        ids = []
        with self.db.write() as s:
            user = self._user(s, staff_id)
            for pos, (code, name, start, end) in enumerate(
                (
                    ("early", "早班", "08:00", "16:00"),
                    ("middle", "中班", "16:00", "00:00"),
                    ("night", "晚班", "00:00", "08:00"),
                )
            ):
                sid = f"shift-{shop_id}-{code}"
                handovers.shift_save(
                    s,
                    user,
                    ShiftSaveArgs(
                        id=sid, shop_id=shop_id, code=code, name=name, start=start, end=end, position=pos
                    ),
                )
                ids.append(sid)
        return ids

    def publish_handover_as(
        self,
        staff_id: str,
        shop_id: int,
        items: list[dict[str, Any]],
        from_shift: str = "night",
        to_shift: str = "early",
        shift_date: str | None = None,
        summary: str = "",
    ) -> str:
        """A published handover of ``staff_id`` with these items (``kind``, ``text``, optional
        ``order_id``/``conversation_id``/``due_at``/``carried_from``); returns its id."""
        import uuid

        from central import handovers
        from central.models import utcnow
        from wsprotocol import HandoverPublishArgs, HandoverSaveArgs

        hid = str(uuid.uuid4())
        with self.db.write() as s:
            user = self._user(s, staff_id)
            args = HandoverSaveArgs.model_validate(
                {
                    "id": hid,
                    "shop_id": shop_id,
                    "shift_date": shift_date or utcnow().date().isoformat(),
                    "from_shift": from_shift,
                    "to_shift": to_shift,
                    "summary": summary,
                    "items": [
                        {"id": str(uuid.uuid4()), "position": n, **item} for n, item in enumerate(items)
                    ],
                }
            )
            handovers.handover_save(s, user, args)
            handovers.handover_publish(s, user, HandoverPublishArgs(id=hid))
        return hid

    def token_for(self, staff_id: str, device_id: str = "test-device-0001") -> str:
        """An access token for ``staff_id`` without the (slow) password check."""
        settings = self.db.settings
        with self.db.write() as s:
            from sqlalchemy import select

            uid = s.execute(select(User.id).where(User.staff_id == staff_id)).scalar_one()
            _, tokens = start_session(s, settings, uid, device_id, "test")
            return tokens.access_token


class LiveServer(_SeedMixin):
    """The service in a background thread on 127.0.0.1 with a fresh database.

    ``with LiveServer() as srv: requests.get(srv.url + "/v1/health")``
    """

    def __init__(self, database_url: str | None = None, settings: Settings | None = None, **overrides: Any):
        self._tmp: str | None = None
        if settings is None:
            if database_url is None:
                self._tmp = tempfile.mkdtemp(prefix="wsc-test-")
                database_url = f"sqlite:///{Path(self._tmp) / 'central.db'}"
            settings = Settings(database_url=database_url, heartbeat_seconds=1.0, event_poll_seconds=0.1)
        self.settings = settings.with_(**overrides) if overrides else settings
        self.url = ""
        self.port = 0
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.db: Database

    def start(self) -> LiveServer:
        migrate(self.settings)
        self.db = Database(self.settings)
        app = create_app(self.settings, self.db)
        self._app = app
        config = uvicorn.Config(
            app, log_level="warning", lifespan="on", timeout_graceful_shutdown=1, access_log=False
        )
        self._server = uvicorn.Server(config)
        sock = _bind_local()
        self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="live-server", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the live server did not start")
            time.sleep(0.01)
        self._sock = sock  # uvicorn serves on this very object: closed after it stopped
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            watcher = getattr(self._app.state, "watcher", None)
            if watcher is not None:
                watcher.close_streams()
            self._server.should_exit = True
            self._thread.join(15)
            self._server = None
            self._sock.close()
        if hasattr(self, "db"):
            self.db.dispose()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class ServerProcess(_SeedMixin):
    """The service as a real child process on one database file; ``kill()`` is SIGKILL.

    ``restart()`` starts it again on the same database and, when it can, the same port.
    """

    def __init__(self, database_url: str | None = None, env: dict[str, str] | None = None) -> None:
        self._tmp: str | None = None
        if database_url is None:
            self._tmp = tempfile.mkdtemp(prefix="wsc-proc-")
            database_url = f"sqlite:///{Path(self._tmp) / 'central.db'}"
        self.settings = Settings(database_url=database_url)
        self.env = dict(env or {})
        self.proc: subprocess.Popen[str] | None = None
        self.port = 0
        self.url = ""
        migrate(self.settings)
        self.db = Database(self.settings)

    def start(self, port: int | None = None) -> ServerProcess:
        env = dict(os.environ)
        env.setdefault("WSC_HEARTBEAT_SECONDS", "1")
        env.setdefault("WSC_EVENT_POLL_SECONDS", "0.1")
        env.update(self.env)
        cmd = [
            sys.executable,
            "-m",
            "central.cli",
            "serve",
            "--database-url",
            self.settings.database_url,
            "--port",
            str(self.port if port is None else port),
            "--no-migrate",
        ]
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=env, bufsize=1
        )
        self.url = _read_url_line(self.proc, 30)
        self.port = int(self.url.rsplit(":", 1)[1])
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, like a power cut of the service."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def terminate(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)

    def restart(self) -> ServerProcess:
        self.kill()
        deadline = time.monotonic() + 10
        while True:
            try:
                return self.start(self.port)
            except RuntimeError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        self.terminate()
        if self.proc is not None and self.proc.stdout is not None:
            self.proc.stdout.close()
        self.db.dispose()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _read_url_line(proc: subprocess.Popen[str], timeout: float) -> str:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    fd = proc.stdout.fileno()
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the service exited with {proc.returncode} before serving")
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            line = proc.stdout.readline()
            if line.startswith(URL_LINE_PREFIX):
                return line.strip()[len(URL_LINE_PREFIX) :]
    proc.kill()
    raise RuntimeError("the service did not print its URL in time")


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a server; can lose responses or refuse connections.

    * ``drop_responses(n)``: the next ``n`` responses are lost: the request reaches the server in
      full, the proxy waits for the first bytes of the answer (so the server has done its work) and
      then closes the client's connection without relaying them.
    * ``refuse()`` / ``restore()``: an outage: connections are refused (nothing listens).
    * ``cut()``: close every open connection now (a dropped network mid-transfer).
    """

    def __init__(self, target_url: str) -> None:
        host_port = target_url.split("://", 1)[-1].rstrip("/")
        host, port = host_port.rsplit(":", 1)
        self.target = (host, int(port))
        self._lock = threading.Lock()
        self._drop = 0
        self.dropped = 0
        self.connections = 0
        #: bytes relayed to the server (requests) and back (responses), headers included: what a
        #: benchmark reports as "bytes on the wire"
        self.bytes_up = 0
        self.bytes_down = 0
        self._conns: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._closed = False
        self.port = 0
        self._listen(0)
        self.url = f"http://127.0.0.1:{self.port}"

    def set_target(self, target_url: str) -> None:
        host_port = target_url.split("://", 1)[-1].rstrip("/")
        host, port = host_port.rsplit(":", 1)
        self.target = (host, int(port))

    def _listen(self, port: int) -> None:
        sock = _bind_local(port)
        sock.listen(128)
        self.port = sock.getsockname()[1]
        self._listener = sock
        threading.Thread(target=self._accept_loop, args=(sock,), daemon=True, name="proxy-accept").start()

    def _accept_loop(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                _hard_close(client)
                continue
            with self._lock:
                self.connections += 1
                self._conns.update((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, True), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, is_response: bool) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if is_response:
                    with self._lock:
                        drop = self._drop > 0
                        if drop:
                            self._drop -= 1
                            self.dropped += 1
                    if drop:
                        break
                dst.sendall(data)
                with self._lock:
                    if is_response:
                        self.bytes_down += len(data)
                    else:
                        self.bytes_up += len(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                _hard_close(s)
            with self._lock:
                self._conns.discard(src)
                self._conns.discard(dst)

    def drop_responses(self, n: int = 1) -> None:
        with self._lock:
            self._drop = n

    def refuse(self) -> None:
        if self._listener is not None:
            # shutdown() first: a plain close() does not wake the thread blocked in accept(), and
            # the kernel would keep accepting for it
            _hard_close(self._listener)
            self._listener = None
        self.cut()

    def restore(self) -> None:
        if self._listener is None and not self._closed:
            self._listen(self.port)

    def cut(self) -> None:
        with self._lock:
            conns = list(self._conns)
            self._conns.clear()
        for s in conns:
            _hard_close(s)

    def close(self) -> None:
        self._closed = True
        self.refuse()

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _hard_close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


@contextlib.contextmanager
def live_server(**overrides: Any) -> Iterator[LiveServer]:
    with LiveServer(**overrides) as srv:
        yield srv
