"""A child process for the vault concurrency test: one session writing through the
real Vault.

vault_worker.py PATH NAME M    read the passphrase from the first line of stdin,
                               unlock, print "ready", wait for a line ("go"), then
                               set NAME-0 … NAME-(M-1) one write each; print "done"
"""

from __future__ import annotations

import sys
from pathlib import Path

from tui.secrets.vault import Vault

SERVICE = "cardoff-tui"


def write(path: Path, name: str, rounds: int) -> None:
    passphrase = sys.stdin.readline().rstrip("\n")
    # wait for the lock as long as it takes: the test checks that nothing is lost, not
    # how long a busy machine makes writers wait (the test's own timeout catches a hang)
    vault = Vault(path, lock_timeout=-1)
    vault.unlock(passphrase)
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(rounds):
        vault.set_password(SERVICE, f"{name}-{i}", f"value-{name}-{i}")
    print("done", flush=True)


if __name__ == "__main__":
    write(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
