"""``workstation-central``: serve, migrate, manage accounts, and run the demo."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import update

from central.settings import Settings

URL_LINE_PREFIX = "WORKSTATION_CENTRAL_URL="


def _settings(args: argparse.Namespace, **overrides: Any) -> Settings:
    url = getattr(args, "database_url", None)
    return Settings.from_env(database_url=url, **overrides)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit it: without it a response written in two parts waits for the
    # client's delayed ACK (about 40 ms on every kept-alive request).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _server_class() -> Any:
    import uvicorn

    class CleanExitServer(uvicorn.Server):
        """uvicorn re-raises SIGTERM/SIGINT after its graceful shutdown, so the process ends "killed
        by signal". A graceful stop is a success here: exit status 0 (the desktop app and service
        managers read it)."""

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            if threading.current_thread() is not threading.main_thread():
                yield
                return
            previous = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

        def _on_signal(self, sig: int, _frame: Any) -> None:
            if self.should_exit and sig == signal.SIGINT:
                self.force_exit = True  # a second Ctrl+C: stop waiting for open connections
            self.begin_exit()

        def begin_exit(self) -> None:
            watcher = getattr(getattr(self.config.app, "state", None), "watcher", None)
            if watcher is not None:
                watcher.close_streams()  # live-channel streams end instead of being waited for
            self.should_exit = True

    return CleanExitServer


def serve(
    settings: Settings, host: str, port: int, exit_with_parent: bool = False, after_start: Any = None
) -> int:
    """Serve until SIGTERM/SIGINT (or stdin closing with ``exit_with_parent``).

    Once the socket is bound and the app started, prints exactly one line
    ``WORKSTATION_CENTRAL_URL=http://<host>:<port>`` to stdout: a parent process (the desktop app,
    ``central.testing.ServerProcess``) reads it to learn the port chosen for ``--port 0``.
    """
    import uvicorn

    from central.app import create_app

    sock = _bind(host, port)
    bound_port = sock.getsockname()[1]
    app = create_app(settings)
    config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=2)
    server = _server_class()(config)

    if exit_with_parent:

        def watch_stdin() -> None:
            # the parent holds our stdin; EOF means it is gone (even if it died without a signal)
            with contextlib.suppress(Exception):
                while sys.stdin.buffer.read(4096):
                    pass
            server.begin_exit()

        threading.Thread(target=watch_stdin, daemon=True, name="parent-watch").start()

    async def main() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started:
            if task.done():
                await task
                return
            await asyncio.sleep(0.02)
        shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
        print(f"{URL_LINE_PREFIX}http://{shown}:{bound_port}", flush=True)
        if after_start is not None:
            after_start()
        await task

    asyncio.run(main())
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if not args.no_migrate:
        from central.migrate import migrate

        migrate(settings)
    return serve(settings, args.host, args.port, args.exit_with_parent)


def cmd_migrate(args: argparse.Namespace) -> int:
    from central.migrate import migrate

    migrate(_settings(args))
    print("database is up to date")
    return 0


def cmd_create_shop(args: argparse.Namespace) -> int:
    from central import ops
    from central.db import Database

    db = Database(_settings(args))
    with db.write() as s:
        shop = ops.create_shop(s, args.name, args.platform)
        print(f"shop {shop.id}: {shop.name} ({shop.platform})")
    db.dispose()
    return 0


def cmd_create_user(args: argparse.Namespace) -> int:
    from central import ops
    from central.db import Database

    password = args.password or os.environ.get("WSC_NEW_PASSWORD")
    if not password:
        import getpass

        password = getpass.getpass("password: ")
    db = Database(_settings(args))
    shops = [int(s) for s in args.shops.split(",") if s.strip()] if args.shops else []
    groups = [g.strip() for g in args.groups.split(",") if g.strip()]
    with db.write() as s:
        user = ops.create_user(s, args.staff_id, args.name, args.role, password, shops, groups)
        print(f"user {user.id}: {user.staff_id} {user.display_name} {user.role} shops={user.shop_ids}")
    db.dispose()
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from central.db import Database
    from central.demo import seed_demo

    db = Database(_settings(args))
    summary = seed_demo(db, seed=args.seed)
    db.dispose()
    print(summary)
    return 0


def cmd_new_epoch(args: argparse.Namespace) -> int:
    """After restoring a backup: every client must rebuild its cache (never its outbox)."""
    from central.db import Database
    from central.models import Meta

    db = Database(_settings(args))
    epoch = uuid.uuid4().hex
    with db.write() as s:
        s.execute(update(Meta).where(Meta.id == 1).values(epoch=epoch))
    db.dispose()
    print(f"new epoch {epoch}")
    return 0


def cmd_housekeep(args: argparse.Namespace) -> int:
    from central.db import Database
    from central.housekeeping import housekeep

    settings = _settings(args)
    if args.days is not None:
        settings = settings.with_(tombstone_retention_days=args.days)
    db = Database(settings)
    print(housekeep(db, settings))
    db.dispose()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from central.db import Database
    from central.demo import demo_accounts_text, seed_demo
    from central.migrate import migrate

    data_dir = Path(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{data_dir / 'central-demo.db'}"
    settings = Settings.from_env(database_url=url, traffic_rate=args.traffic_rate, traffic_seed=args.seed)
    migrate(settings)
    db = Database(settings)
    seed_demo(db, seed=args.seed, only_if_empty=True)
    accounts = demo_accounts_text(db)
    db.dispose()

    def show_accounts() -> None:
        print(accounts, flush=True)

    return serve(settings, args.host, args.port, args.exit_with_parent, after_start=show_accounts)


def cmd_grant_permission(args: argparse.Namespace) -> int:
    """Grant (or with ``--revoke`` take back) a permission, as an administrator would."""
    from central.db import Database
    from central.orders import grant_permission

    db = Database(_settings(args))
    try:
        with db.write() as s:
            user = grant_permission(s, args.staff_id, args.permission, args.revoke)
            print(f"{user.staff_id}: permissions={','.join(user.permissions) or '(none)'}")
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        db.dispose()
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="workstation-central", description="Workstation central service")
    sub = p.add_subparsers(dest="command", required=True)

    def db_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--database-url", help="SQLAlchemy URL (default: $WSC_DATABASE_URL or ./workstation-central.db)"
        )

    sp = sub.add_parser("serve", help="run the service")
    db_arg(sp)
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=8470)
    sp.add_argument("--no-migrate", action="store_true", help="do not migrate the database first")
    sp.add_argument("--exit-with-parent", action="store_true", help="exit when stdin closes")
    sp.set_defaults(func=cmd_serve)

    sp = sub.add_parser("migrate", help="migrate the database to the newest schema")
    db_arg(sp)
    sp.set_defaults(func=cmd_migrate)

    sp = sub.add_parser("create-shop", help="create a shop")
    db_arg(sp)
    sp.add_argument("--name", required=True)
    sp.add_argument("--platform", default="taobao", choices=["taobao", "tmall", "jd", "pdd", "douyin", "web"])
    sp.set_defaults(func=cmd_create_shop)

    sp = sub.add_parser("create-user", help="create an account")
    db_arg(sp)
    sp.add_argument("--staff-id", required=True)
    sp.add_argument("--name", required=True)
    sp.add_argument("--role", default="agent", choices=["agent", "supervisor", "admin"])
    sp.add_argument("--shops", default="", help="comma-separated shop ids")
    sp.add_argument("--groups", default="presale,aftersale,complaint")
    sp.add_argument("--password", help="(default: $WSC_NEW_PASSWORD, else asked)")
    sp.set_defaults(func=cmd_create_user)

    sp = sub.add_parser(
        "seed-demo", help="fill the database with demo shops, staff, buyers and conversations"
    )
    db_arg(sp)
    sp.add_argument("--seed", type=int, default=2026)
    sp.set_defaults(func=cmd_seed_demo)

    sp = sub.add_parser("new-epoch", help="start a new epoch (after restoring a backup)")
    db_arg(sp)
    sp.set_defaults(func=cmd_new_epoch)

    sp = sub.add_parser("housekeep", help="delete expired tokens and tombstones past the retention")
    db_arg(sp)
    sp.add_argument(
        "--days", type=int, help="tombstone retention in days (default: $WSC_TOMBSTONE_RETENTION_DAYS or 90)"
    )
    sp.set_defaults(func=cmd_housekeep)

    sp = sub.add_parser("grant-permission", help="grant a permission to an account (or --revoke it)")
    db_arg(sp)
    sp.add_argument("staff_id")
    sp.add_argument("permission", help="reveal_contact: may see a buyer's full phone and address")
    sp.add_argument("--revoke", action="store_true", help="take the permission back")
    sp.set_defaults(func=cmd_grant_permission)

    sp = sub.add_parser("demo", help="migrate, seed and serve a demo database with live buyer traffic")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=0)
    sp.add_argument("--data-dir", required=True)
    sp.add_argument("--traffic-rate", type=float, default=20.0, help="buyer events per minute")
    sp.add_argument("--seed", type=int, default=2026)
    sp.add_argument("--exit-with-parent", action="store_true", help="exit when stdin closes")
    sp.set_defaults(func=cmd_demo)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
