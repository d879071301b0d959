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
from tests.helpers.terminal import Tmux, detail_opening
from tui.storage.store import DB_FILENAME, Store

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
    deadline = time.monotonic() + 120  # only a hang gets this far, even on a busy machine
    while True:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break  # sshd listens
        if server.poll() is not None:
            pytest.fail(f"sshd did not start: {server.stderr.read()}")
        if time.monotonic() > deadline:
            server.kill()
            pytest.fail("sshd did not listen within 120 s")
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
def test_journey_over_ssh(sshd, tmp_path, content):
    tmux = Tmux(tmp_path)
    tmux.env.pop("COLORTERM", None)
    data, config = tmp_path / "data", tmp_path / "config"
    remote = (
        f"cd {ROOT} && env -u DBUS_SESSION_BUS_ADDRESS TERM=xterm-256color LANG=C.UTF-8 "
        f"{sys.executable} -m tui --data-dir {data} --config-dir {config}"
    )
    command = ssh_command(sshd, remote)
    bank = content.playbooks.get("bank-cancel")
    try:
        tmux.start(command)
        tmux.wait_for("No cards yet")
        tmux.wait_for("identifiers: off (no keyring)")  # no D-Bus over SSH

        tmux.keys("a")
        tmux.wait_for("Use an encrypted file")
        tmux.keys("n")  # not now: identifiers stay off (Escape backs out of the add)
        tmux.wait_focus("Name")  # the form
        tmux.keys("Lost debit card", literal=True)
        tmux.wait_typed("Lost debit card")
        tmux.keys("Tab")
        tmux.wait_focus("Kind")
        tmux.keys("Enter")  # open the kind list
        tmux.wait_highlight("eSIM")
        tmux.keys("Up")
        tmux.wait_highlight("Social sec.")
        tmux.keys("Up")
        tmux.wait_highlight("Bank")
        tmux.keys("Enter")  # eSIM -> bank
        tmux.wait_until(
            "the kind list closed, Bank chosen",
            lambda s: "Social sec." not in s.text
            and any("Kind" in line and "Bank" in line for line in s.text.splitlines()),
        )
        tmux.keys("Tab")
        tmux.wait_focus("What to do")
        tmux.keys("Tab")
        tmux.wait_focus("Region")
        tmux.keys("Tab")
        tmux.wait_focus("Issuer")
        tmux.keys("工行", literal=True)
        tmux.wait_typed("工行")
        tmux.keys("C-s")
        tmux.wait_for("Added Lost debit card")
        tmux.keys("Enter")  # to the steps
        screen = tmux.wait_for("┏━ Steps · Cancel a bank card")
        assert "95588" in screen  # the issuer's number is on the steps pane
        for key, effect in (
            ("Space", f"1/{len(bank.steps)} done"),
            ("j", detail_opening(bank, 2)),
            ("Space", f"2/{len(bank.steps)} done"),
        ):
            tmux.keys(key)
            tmux.wait_for(effect)
        tmux.keys("n")
        tmux.wait_focus("Reference")  # proof
        tmux.keys("REF-SSH-1", literal=True)
        tmux.wait_typed("REF-SSH-1")
        tmux.keys("C-s")
        tmux.wait_for("Proof recorded")
        tmux.keys("h")  # the hotlines, opened on the card's issuer
        tmux.wait_focus("ICBC")
        tmux.keys("octopus", literal=True)
        tmux.wait_typed("octopus")
        tmux.wait_for("2266 2222")
        tmux.keys("Enter")
        tmux.wait_for("Copied +852 2266 2222")
        tmux.keys("q")
        tmux.wait_gone()

        store = Store.open(data / DB_FILENAME)
        [card] = store.cards()
        assert card.label == "Lost debit card" and len(store.progress(card.id)) >= 2
        proof = [e for e in store.log(card.id) if e.event == "evidence.recorded"]
        assert proof and proof[0].params["reference"] == "REF-SSH-1"
        store.close()

        tmux.start(command)
        tmux.wait_for("Lost debit card")
        tmux.wait_for("[x]", times=2)
        tmux.wait_for("REF-SSH-1")  # the proof, in the log pane
        tmux.keys("q")
        tmux.wait_gone()
    finally:
        tmux.kill()
