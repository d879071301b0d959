"""The journey over a real sshd on 127.0.0.1, as most users run the app: `ssh -tt`
inside tmux, TERM=xterm-256color without COLORTERM (as SSH gives), and no D-Bus
session, so identifiers take the encrypted-file path."""

from __future__ import annotations

import getpass
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import free_port, require_tool
from tests.helpers.terminal import Tmux
from tui.store import DB_FILENAME, Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def sshd(tmp_path):
    # sshd lives in /usr/sbin, which is often not on a non-root PATH
    sshd_bin = "/usr/sbin/sshd" if os.path.exists("/usr/sbin/sshd") else require_tool("sshd")
    require_tool("ssh")
    keygen = require_tool("ssh-keygen")
    keys = tmp_path / "keys"
    keys.mkdir(mode=0o700)
    for name in ("host", "user"):
        subprocess.run(
            [keygen, "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)], check=True
        )
    (keys / "authorized_keys").write_text((keys / "user.pub").read_text())
    port = free_port()
    config = keys / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"Port {port}",
                "ListenAddress 127.0.0.1",
                f"HostKey {keys / 'host'}",
                f"PidFile {keys / 'sshd.pid'}",
                f"AuthorizedKeysFile {keys / 'authorized_keys'}",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                "PrintMotd no",
                "AcceptEnv LANG LC_*",
                "",
            ]
        )
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation dir
    server = subprocess.Popen(
        [sshd_bin, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        if server.poll() is not None:
            pytest.fail(f"sshd did not start: {server.stderr.read()}")
        time.sleep(0.05)
    yield {"port": port, "key": keys / "user", "user": getpass.getuser()}
    server.terminate()
    server.wait(10)


def ssh_command(sshd: dict, remote: str) -> list[str]:
    return [
        "ssh",
        "-tt",
        "-p",
        str(sshd["port"]),
        "-i",
        str(sshd["key"]),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "BatchMode=yes",
        f"{sshd['user']}@127.0.0.1",
        remote,
    ]


@pytest.mark.slow
def test_journey_over_ssh(sshd, tmp_path):
    tmux = Tmux(tmp_path)
    tmux.env.pop("COLORTERM", None)
    data, config = tmp_path / "data", tmp_path / "config"
    remote = (
        f"cd {ROOT} && env -u DBUS_SESSION_BUS_ADDRESS TERM=xterm-256color LANG=C.UTF-8 "
        f"{sys.executable} -m tui --data-dir {data} --config-dir {config}"
    )
    command = ssh_command(sshd, remote)
    try:
        tmux.start(command)
        tmux.wait_for("No cards yet", timeout=40)
        tmux.wait_for("identifiers: off (no keyring)")  # no D-Bus over SSH

        def step(*keys: str, literal: bool = False, wait: str | None = None) -> str:
            tmux.keys(*keys, literal=literal)
            out = tmux.wait_for(wait) if wait else ""
            time.sleep(0.3)
            return out

        step("a", wait="Use an encrypted file")
        step("Escape", wait="Add a card")  # not now: identifiers stay off
        step("Lost debit card", literal=True)
        step("Tab")
        step("Enter")  # open the kind list
        step("Up")
        step("Up")
        step("Enter")  # eSIM -> bank
        step("Tab")
        step("Tab")
        step("工行", literal=True)
        step("C-s", wait="Added Lost debit card")
        screen = step("Enter", wait="95588")  # the issuer's number is on the steps pane
        for key in ("Space", "j", "Space"):
            step(key)
        screen = tmux.wait_for("2/10")
        step("n", wait="Proof")
        step("REF-SSH-1", literal=True)
        step("C-s", wait="Proof recorded")
        step("h", wait="Hotlines")
        step("octopus", literal=True)
        step("Enter", wait="Copied +852 2266 2222")
        step("q")
        tmux.wait_gone(timeout=30)

        store = Store.open(data / DB_FILENAME)
        [card] = store.cards()
        assert card.label == "Lost debit card" and len(store.progress(card.id)) >= 2
        proof = [e for e in store.log(card.id) if e.event == "evidence.recorded"]
        assert proof and proof[0].params["reference"] == "REF-SSH-1"
        store.close()

        tmux.start(command)
        screen = tmux.wait_for("Lost debit card", timeout=40)
        screen = tmux.wait_for("[x]", times=2)
        assert "REF-SSH-1" in screen  # the proof, in the log pane
        step("q")
        tmux.wait_gone(timeout=30)
    finally:
        tmux.kill()
