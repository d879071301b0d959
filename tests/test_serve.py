"""`cardoff-tui serve` in a real headless Chromium: the page connects, the app's
inventory reaches the browser, keys typed in the page reach the app, and the server
answers only on 127.0.0.1 and only with the printed key.

xterm.js paints on a canvas, so the test reads the screen from the bytes the page
received over its websocket, replayed through a terminal emulator (pyte).
"""

from __future__ import annotations

import asyncio
import importlib
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import IN_CI, free_port, require_tool, run_cli

CHROMIUM_ARGS = [  # headless, and quiet on a machine with no internet
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Keep every binary websocket frame (the app's terminal output) the page receives.
RECORD_FRAMES = """
window.__frames = [];
const RealWebSocket = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const ws = new RealWebSocket(url, protocols);
  ws.addEventListener("message", async (event) => {
    if (typeof event.data === "string") return;
    const data = event.data instanceof Blob ? await event.data.arrayBuffer() : event.data;
    window.__frames.push(Array.from(new Uint8Array(data)));
  });
  return ws;
};
window.WebSocket.prototype = RealWebSocket.prototype;
"""


def need(module: str):
    try:
        return importlib.import_module(module)
    except ImportError:
        if IN_CI:
            pytest.fail(f"python package {module} is missing (it is in the dev extra)")
        pytest.skip(f"python package {module} is not installed")


class Served:
    def __init__(self, process: subprocess.Popen, url: str) -> None:
        self.process, self.url = process, url
        self.port = int(re.search(r":(\d+)/", url).group(1))


@pytest.fixture
def served(tmp_path):
    need("textual_serve")
    data, config = tmp_path / "data", tmp_path / "config"
    cards = tmp_path / "cards.csv"
    cards.write_text("label,kind,issuer\nBrowser test card,bank,Test Bank\n")
    assert run_cli("import", str(cards), data=data, config=config).returncode == 0
    env = {**os.environ}
    env.pop("CARDOFF_SERVE_KEY", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    for _attempt in range(3):  # a port found free can be taken before serve binds it
        process = subprocess.Popen(
            [sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir", str(config),
             "serve", "--port", str(free_port())],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def pump(out=process.stdout, into=lines):
            for line in out:
                into.put(line)
            into.put(None)  # the output ended: serve stopped

        threading.Thread(target=pump, daemon=True).start()
        url, said = None, []
        while url is None:
            line = lines.get(timeout=180)  # only a hang gets this far
            if line is None:
                break
            said.append(line)
            found = re.search(r"(http://127\.0\.0\.1:\d+/\?key=\S+)", line)
            url = found.group(1) if found else None
        if url is not None:
            break
        process.wait(timeout=60)
        assert "cannot listen" in "".join(said), "".join(said)
    try:
        yield Served(process, url)
    finally:
        process.terminate()
        process.wait(timeout=60)


def get(url: str, origin: str | None = None) -> int:
    request = urllib.request.Request(url, headers={"Origin": origin} if origin else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_serve_answers_only_with_the_key_and_only_on_loopback(served):
    assert get(served.url) == 200
    assert get(served.url.split("?")[0]) == 403
    assert get(served.url.split("?")[0] + "?key=wrong") == 403
    with socket.socket() as sock:  # bound to 127.0.0.1 exactly, not to every address
        assert sock.connect_ex(("127.0.0.2", served.port)) != 0


async def websocket_answer(served: Served, origin: str | None) -> int:
    """Open the page's websocket as a browser would, with the key's cookie and `origin`:
    101 when the server accepts it, else the status it refused it with."""
    aiohttp = need("aiohttp")
    key = served.url.split("key=", 1)[1]
    headers = {"Cookie": f"cardoff_key={key}"}
    if origin is not None:
        headers["Origin"] = origin
    async with aiohttp.ClientSession() as session:
        try:
            socket_ = await session.ws_connect(
                f"ws://127.0.0.1:{served.port}/ws",
                headers=headers,
                timeout=aiohttp.ClientWSTimeout(ws_close=10),
            )
        except aiohttp.WSServerHandshakeError as refused:
            return refused.status
        await socket_.close()
        return 101


def test_serve_refuses_pages_from_elsewhere(served):
    port = served.port

    def answer(origin: str | None) -> int:
        return asyncio.run(websocket_answer(served, origin))

    assert answer("http://evil.example") == 403
    assert answer("null") == 403
    assert answer(f"http://127.0.0.1:{port + 1}") == 403  # another local page: same site
    assert answer(f"https://127.0.0.1:{port}") == 403
    assert answer(f"http://127.0.0.1:{port}") == 101  # the page it served
    assert answer(f"http://localhost:{port}") == 101
    assert answer(None) == 101  # a program, not a page: the key is what it needs
    assert get(served.url, origin="http://evil.example") == 403  # the page too
    assert get(served.url, origin=f"http://127.0.0.1:{port}") == 200


@pytest.mark.parametrize("port", ["99999", "0", "-1", "http", "80.5"])
def test_serve_with_a_port_that_is_not_one_says_so(tmp_path, port):
    result = run_cli("serve", "--port", port, data=tmp_path)
    assert result.returncode == 2
    assert f"--port: must be a whole number from 1 to 65535, not '{port}'" in result.stderr
    assert "Traceback" not in result.stderr


def screen_text(frames: list[list[int]], columns: int = 200, rows: int = 60) -> str:
    pyte = need("pyte")
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    for frame in frames:
        stream.feed(bytes(frame))
    return "\n".join(screen.display)


@pytest.mark.slow
def test_the_inventory_appears_in_headless_chromium(served):
    chromium = require_tool("chromium")
    sync_api = need("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGS, timeout=120_000
        )
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            page.set_default_timeout(120_000)  # waits below end on a state; this is for hangs
            page.add_init_script(RECORD_FRAMES)
            page.goto(served.url, wait_until="domcontentloaded")

            def wait_for(*texts: str) -> None:
                deadline = time.monotonic() + 120  # only a hang gets this far
                while time.monotonic() < deadline:
                    shown = screen_text(page.evaluate("window.__frames"))
                    if all(text in shown for text in texts):
                        return
                    page.wait_for_timeout(100)  # polling, not a deadline
                raise AssertionError(f"{texts!r} never all appeared in the browser:\n{shown}")

            # the three panes, the card from the data file, and its first step
            wait_for("Cards", "Browser test card", "Steps", "Log", "card imported")
            page.wait_for_function("document.body.classList.contains('-first-byte')")
            page.locator(".xterm-helper-textarea").focus()
            page.keyboard.press("?")  # keys typed in the page reach the app
            wait_for("Everything works from the keyboard")
        finally:
            browser.close()


def test_serve_without_textual_serve_says_how_to_install(tmp_path):
    code = (
        "import sys; sys.modules['textual_serve'] = None\n"
        "from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--data-dir", str(tmp_path), "serve"],
        capture_output=True, text=True, timeout=60, cwd=Path(__file__).parent.parent,
    )
    assert result.returncode == 2
    assert "pip install 'cardoff-tui[serve]'" in result.stderr


def test_serve_on_a_busy_port_says_so_and_starts_nothing(tmp_path):
    need("textual_serve")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("serve", "--port", str(port), data=tmp_path)
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "pick another port with --port" in result.stderr
