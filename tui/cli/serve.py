"""`cardoff-tui serve`: the app in a browser, through textual-serve, on 127.0.0.1 only.

Every browser tab that connects starts its own `cardoff-tui` process on the same data
file (the store is safe for several processes). The server listens on the loopback
address only and asks for a key that it prints with the address: another account on
the same machine can reach the port, but not your cards without the key. Reach it
from another machine through an SSH tunnel (see the README).

A browser sends the key's cookie with whatever page makes the request (SameSite
counts every port of 127.0.0.1 as the same site), so requests that name another page
in their Origin header are refused too: only pages served at this address may use it.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
import secrets
import shlex
import signal
import sys
from collections.abc import Callable

HOST = "127.0.0.1"
KEY_COOKIE = "cardoff_key"
KEY_VARIABLE = "CARDOFF_SERVE_KEY"  # a fixed key, for a bookmark; otherwise a new one each run


def app_command(args, paths) -> str:
    """The shell command each browser session runs: this same cardoff-tui, same folders."""
    command = [
        sys.executable,
        "-m",
        "tui",
        "--data-dir",
        str(paths.data_dir),
        "--config-dir",
        str(paths.config_dir),
    ]
    if args.lang:
        command += ["--lang", args.lang]
    if args.demo:
        command.append("--demo")
    if args.no_mouse:
        command.append("--no-mouse")
    return shlex.join(command)


def key_matches(given: str | None, key: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), key.encode())


def served_origins(port: int) -> frozenset[str]:
    """The Origin a browser sends from a page served on `port`: the printed address
    (http://127.0.0.1:PORT) or the same port by the name localhost."""
    origins = {f"http://{HOST}:{port}", f"http://localhost:{port}"}
    if port == 80:  # a browser leaves the default port out
        origins |= {f"http://{HOST}", "http://localhost"}
    return frozenset(origins)


def origin_allowed(origin: str | None, port: int) -> bool:
    """Whether a request's Origin header lets it in: one of `served_origins(port)`, or
    none at all. Browsers always send Origin when a page opens a websocket, so a request
    without one comes from a program (curl, a script), which still needs the key;
    `null` (a sandboxed frame, a file:// page) and every other page are refused."""
    return origin is None or origin in served_origins(port)


def make_server(
    command: str,
    port: int,
    key: str,
    say: Callable[[str], None] | None = None,
    t: Callable[..., str] | None = None,
):
    """A textual-serve Server bound to 127.0.0.1 that answers only with the key.

    The page is opened as `/?key=KEY`; the answer sets the key as a cookie, which the
    page's websocket (and the Restart button) then carry. What it says (on `say`, and
    to a browser it refuses) is in the language of catalog `t` (None: English).
    """
    from aiohttp import web

    say = say or (lambda line: print(line, flush=True))
    if t is None:
        from tui.library.content import english

        t = english()
    address = f"http://{HOST}:{port}"
    from textual_serve.server import Server

    @web.middleware
    async def require_key(request: web.Request, handler):
        if request.path.startswith("/static/"):
            return await handler(request)  # the page's scripts and fonts: nothing private
        origin = request.headers.get("Origin")
        if not origin_allowed(origin, port):
            return web.Response(
                status=403,
                text=t("serve.refused_origin", origin=origin, address=address) + "\n",
            )
        from_query = request.query.get("key")
        if not (key_matches(from_query, key) or key_matches(request.cookies.get(KEY_COOKIE), key)):
            return web.Response(
                status=403,
                text=t("serve.needs_key") + "\n",
            )
        response = await handler(request)
        if from_query is not None and isinstance(response, web.Response):
            response.set_cookie(KEY_COOKIE, key, httponly=True, samesite="Strict")
        return response

    class KeyedServer(Server):
        def initialize_logging(self) -> None:
            super().initialize_logging()
            # the access log would print every request line, the key included
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

        async def _make_app(self) -> web.Application:
            app = await super()._make_app()
            app.middlewares.append(require_key)
            # textual-serve's startup hook prints its banner before the port is open;
            # the address is printed by announce() once it is listening instead
            app.on_startup.remove(self.on_startup)
            return app

        def announce(self, *_ignored) -> None:
            """Called by aiohttp once the port is listening."""
            say(t("serve.address", address=f"{self.public_url}/?key={key}"))
            say(t("serve.loopback"))
            say(f"  ssh -N -L {self.port}:127.0.0.1:{self.port} {t('serve.this_host')}")
            say(t("serve.then_open"))

        def serve(self, debug: bool = False) -> None:
            # textual-serve's serve(), with the address printed once it is listening
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=self.announce,
            )

    return KeyedServer(command, host=HOST, port=port, title="cardoff-tui")


def run_serve(args, paths) -> int:
    from tui.base.os_problem import os_problem
    from tui.cli.open_data import catalog_for

    t = catalog_for(args, paths)
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        print(t("serve.missing"), file=sys.stderr)
        print(t("serve.missing_how"), file=sys.stderr)
        return 2
    key = os.environ.get(KEY_VARIABLE) or secrets.token_urlsafe(18)
    server = make_server(app_command(args, paths), args.port, key, t=t)
    try:
        server.serve()
    except OSError as error:
        said = t("serve.cannot_listen", port=args.port, **os_problem(error))
        print(f"cardoff-tui serve: {said}", file=sys.stderr)
        return 1
    return 0
