"""`cardoff-tui notify`: what is due, sent through the services of config.yaml's
`notify:` list with apprise, to real receivers started on 127.0.0.1 (an HTTP endpoint
for json://, an SMTP server for mailto://), and a port nothing listens on for a
service that is down. The installed command runs as a user runs it.
"""

from __future__ import annotations

import datetime as dt
import email
import json
import os
import subprocess
import sys
import threading
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import free_port
from tui.domain.config import load_config
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.secrets.secret_store import SecretStore
from tui.secrets.vault import VAULT_FILENAME, Vault
from tui.storage.store import DB_FILENAME, Store

CLI = str(Path(sys.executable).parent / "cardoff-tui")
CARD_NUMBER = "6222021234567890"
ICCID = "89860012345678901234"
PIN = "482915"
TYPED_IN_LABEL = "8986 0098 7654 3210 777"  # a serial the user typed into a label
JSON_SECRET = "s3cretHookPW"
# what a reminder may never hold: identifiers, their last 4, the number typed into a
# label, and the secrets of the service URLs
NEVER = [CARD_NUMBER, CARD_NUMBER[-4:], ICCID, ICCID[-4:], PIN, "0098", "3210", JSON_SECRET]


class Receivers:
    """An HTTP endpoint for json:// and an SMTP server for mailto://, on 127.0.0.1,
    keeping what reaches them; and a port where nothing listens."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.posts: list[dict] = []
        self.mails: list[email.message.EmailMessage] = []
        posts = self.posts

        class Endpoint(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                size = int(self.headers["Content-Length"])
                posts.append(
                    {
                        "path": self.path,
                        "auth": self.headers.get("Authorization"),
                        "json": json.loads(self.rfile.read(size)),
                    }
                )
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args) -> None:  # the test's output stays quiet
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
        self.http_port = self.http.server_address[1]
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        mails = self.mails

        class Mailbox:
            async def handle_DATA(self, server, session, envelope):
                mails.append(email.message_from_bytes(envelope.content, policy=policy.default))
                return "250 OK"

        self.smtp = Controller(Mailbox(), hostname="127.0.0.1", port=free_port())
        self.smtp.start()
        self.closed_port = free_port()

    def json_url(self, user: str = "hook") -> str:
        return f"json://{user}:{JSON_SECRET}@127.0.0.1:{self.http_port}/notify"

    def mail_url(self, port: int | None = None) -> str:
        port = port or self.smtp.port
        return f"mailto://127.0.0.1:{port}?from=cardoff@example.com&to=me@example.com"

    def stop(self) -> None:
        self.http.shutdown()
        self.http.server_close()
        self.smtp.stop()


@pytest.fixture
def receivers():
    started = Receivers()
    yield started
    started.stop()


@pytest.fixture
def places(tmp_path, content) -> Path:
    """A data dir with two cards due (one 3 days late, one today) holding real
    identifiers in the encrypted file, and one card not due; a config dir beside it."""
    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    vault = Vault(data / VAULT_FILENAME)
    vault.create("a passphrase")
    secrets = SecretStore(vault, "encrypted file", "vault")
    tracker = Tracker(store, content.playbooks, secrets=secrets, issuers=content.issuers)
    debit = tracker.add_card(CardFields("Debit", "bank", "cancel", "ICBC"), {"number": CARD_NUMBER})
    tracker.set_follow_up(debit.id, tracker.today() - dt.timedelta(days=3))
    sim = tracker.add_card(
        CardFields(f"Old SIM {TYPED_IN_LABEL}", "esim", "port-out", "China Mobile <CM> & co"),
        {"iccid": ICCID, "port_pin": PIN},
    )
    tracker.set_follow_up(sim.id, tracker.today())
    tracker.add_card(CardFields("Metro", "transit", "cancel"))
    store.close()
    (tmp_path / "config").mkdir()
    return tmp_path


def configure(places: Path, text: str) -> None:
    (places / "config" / "config.yaml").write_text(text, encoding="utf-8")


def notify(places: Path, *args: str, lang: str = "en") -> subprocess.CompletedProcess:
    """The installed `cardoff-tui notify ARGS` on `places`, in a home of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    env.update(HOME=str(places), XDG_CONFIG_HOME=str(places / "xdg"), LANG="C.UTF-8")
    command = [CLI, "--lang", lang, "--data-dir", str(places / "data")]
    command += ["--config-dir", str(places / "config"), "notify", *args]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def assert_nothing_secret(*texts: str) -> None:
    for text in texts:
        for never in NEVER:
            assert never not in text, (never, text)


def plain_text(mail: email.message.EmailMessage) -> str:
    return mail.get_body(preferencelist=("plain",)).get_content()


def test_dry_run_names_both_services_with_secrets_masked_and_sends_nothing(places, receivers):
    configure(
        places,
        f"notify:\n  - url: {receivers.json_url()}\n    name: Phone\n  - {receivers.mail_url()}\n",
    )
    result = notify(places, "--dry-run")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"Phone (JSON): json://hook:****@127.0.0.1:{receivers.http_port}/notify" in out
    assert f"entry 2 (E-Mail): mailto://127.0.0.1:{receivers.smtp.port}/me@example.com" in out
    assert "Would send this to 2 services:" in out
    assert "cardoff-tui: 2 cards due" in out
    assert "Debit (ICBC): 3 days late, follow-up " in out
    assert "Old SIM •••• (China Mobile <CM> & co): due today" in out
    assert "Metro" not in out  # not due
    assert "Nothing was sent (--dry-run)." in out
    assert_nothing_secret(out, result.stderr)
    assert receivers.posts == [] and receivers.mails == []


@pytest.mark.parametrize("down", ["json", "mailto"])
def test_delivery_reaches_the_receivers_and_the_down_one_is_reported(places, receivers, down):
    closed = receivers.closed_port
    down_url = f"json://127.0.0.1:{closed}/notify" if down == "json" else receivers.mail_url(closed)
    configure(
        places,
        "notify:\n"
        f"  - url: {receivers.json_url()}\n    name: Phone\n"
        f"  - url: {down_url}\n    name: Down\n"  # between the two: it stops neither
        f"  - url: {receivers.mail_url()}\n    name: Mail\n",
    )
    result = notify(places)
    assert result.returncode == 1, (result.stdout, result.stderr)
    kind = "JSON" if down == "json" else "E-Mail"
    assert result.stdout.splitlines() == ["sent to Phone (JSON)", "sent to Mail (E-Mail)"]
    assert len(result.stderr.splitlines()) == 1, result.stderr
    report = result.stderr.strip()
    assert report.startswith(f"cardoff-tui: not sent to Down ({kind}): ")
    assert "Connection refused" in report

    [post] = receivers.posts
    assert post["path"] == "/notify" and post["auth"].startswith("Basic ")
    title, message = post["json"]["title"], post["json"]["message"]
    assert title == "cardoff-tui: 2 cards due"
    lines = message.splitlines()
    assert lines[0].startswith("Debit (ICBC): 3 days late, follow-up ")
    assert lines[1].startswith("  next step: ")
    assert "Old SIM •••• (China Mobile <CM> & co): due today" in message
    assert "Metro" not in message

    [mail] = receivers.mails
    assert mail["Subject"] == "cardoff-tui: 2 cards due"
    body = plain_text(mail)
    assert "Debit (ICBC): 3 days late" in body
    assert "Old SIM •••• (China Mobile <CM> & co): due today" in body  # < and & as typed
    assert_nothing_secret(title, message, str(mail), result.stdout, result.stderr)


def test_the_reminder_is_in_the_users_language(places, receivers):
    configure(places, f"notify:\n  - {receivers.json_url()}\n")
    result = notify(places, lang="zh-CN")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "已发送到第 1 项（JSON）\n"
    dry = notify(places, "--dry-run", lang="zh-CN")
    shown = f"json://hook:****@127.0.0.1:{receivers.http_port}/notify"
    assert f"  第 1 项（JSON）：{shown}" in dry.stdout
    assert "没有发送任何通知（--dry-run）。" in dry.stdout and len(receivers.posts) == 1
    [post] = receivers.posts
    assert post["json"]["title"] == "cardoff-tui：2 张卡到期"
    message = post["json"]["message"]
    assert "Debit（ICBC）：逾期 3 天，跟进日期 " in message
    assert "今天到期" in message and "下一步：" in message
    assert_nothing_secret(message)


def test_nothing_due_sends_nothing_and_says_so(tmp_path, receivers, content):
    configure_at = tmp_path / "config"
    configure_at.mkdir()
    (configure_at / "config.yaml").write_text(f"notify:\n  - {receivers.json_url()}\n")
    result = notify(tmp_path)  # no data file yet: nothing is due
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Nothing is due or overdue; nothing was sent.\n"
    store = Store.open(tmp_path / "data" / DB_FILENAME)
    tracker = Tracker(store, content.playbooks)
    card = tracker.add_card(CardFields("Debit", "bank", "cancel"))
    tracker.set_follow_up(card.id, tracker.today() + dt.timedelta(days=1))  # tomorrow
    store.close()
    again = notify(tmp_path)
    assert (again.returncode, again.stdout) == (0, result.stdout)
    dry = notify(tmp_path, "--dry-run")
    assert dry.returncode == 0 and "nothing would be sent" in dry.stdout
    assert receivers.posts == []


def test_a_bad_entry_is_named_left_out_and_the_others_are_sent_to(places, receivers):
    configure(
        places,
        "notify:\n"
        "  - url: mailtoo://me:hunter22pw@example.com\n"  # line 2: apprise knows no mailtoo
        "    name: Typo\n"
        "  - url: 3\n"  # line 4
        "  - not a url\n"  # line 5
        f"  - {receivers.json_url()}\n"  # line 6: still sent to
        f"  - {receivers.json_url()}\n",  # line 7: the same again, sent once
    )
    result = notify(places)
    assert result.returncode == 2, result.stderr
    config = places / "config" / "config.yaml"
    said = result.stderr
    assert f"{config}:2: notify Typo: apprise cannot use this URL" in said
    assert f"{config}:4: notify entry 2: has no url" in said
    assert f"{config}:5: notify entry 3: not a service URL" in said
    assert f"{config}:7: notify entry 5: the same URL as entry 4" in said
    assert "left out, the other services" in said
    assert "hunter22pw" not in said + result.stdout
    assert result.stdout.splitlines() == ["sent to entry 4 (JSON)"]
    assert len(receivers.posts) == 1


def test_data_that_cannot_be_read_sends_nothing_and_exits_1(tmp_path, receivers):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / DB_FILENAME).write_text("{ not json", encoding="utf-8")
    configure_at = tmp_path / "config"
    configure_at.mkdir()
    (configure_at / "config.yaml").write_text(f"notify:\n  - {receivers.json_url()}\n")
    result = notify(tmp_path)
    assert result.returncode == 1
    assert "cannot open your data" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == "" and receivers.posts == []
    assert (tmp_path / "data" / DB_FILENAME).read_text(encoding="utf-8") == "{ not json"


@pytest.mark.parametrize(
    "text, says",
    [
        ("", "no notification services in"),  # no config.yaml
        ("lang: en\n", "no notification services in"),
        ("notify:\n", "no notification services in"),
        ("notify: ntfy://ntfy.sh/topic\n", "notify must be a list of services"),
        ("notify:\n  - mailtoo://x\n", "none of the services in notify can be used"),
        ("notify: [\n", "invalid YAML"),
    ],
)
def test_no_usable_service_is_a_config_error(places, receivers, text, says):
    if text:
        configure(places, text)
    result = notify(places)
    assert result.returncode == 2
    assert says in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert receivers.posts == [] and receivers.mails == []


def test_notify_entries_are_checked_like_other_settings(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(
        "notify:\n"
        "  - ntfy://ntfy.sh/cards\n"
        "  - url: tgram://123456789:AAHtokenSECRET/987\n"
        "    name: Telegram\n"
        "  - url: json://x y\n"  # a space: left out, and never repeated
        "  - {url: 'mailto://a:pw@b.c', name: 7, colour: red}\n"
        "  - [a, list]\n"
    )
    config = load_config(path)
    services = config.notify.services
    assert [(s.number, s.name, s.line) for s in services] == [
        (1, "", 2),
        (2, "Telegram", 3),
        (4, "", 6),
    ]
    problems = config.notify.problems
    assert [p.split(": ")[0] for p in problems] == [f"{path}:{n}" for n in (5, 6, 6, 7)]
    assert "name must be text" in problems[1] and "entry is kept without it" in problems[1]
    assert "unknown key 'colour' ignored" in problems[2]
    assert set(problems) <= set(config.problems)  # the app and doctor say them too
    for problem in problems:
        assert "x y" not in problem and "a:pw" not in problem and "AAH" not in problem


def test_secrets_apprise_leaves_in_its_errors_are_masked():
    """A Telegram bot token is masked in apprise's URL but not in the request URL its
    HTTP library names in an error: what is reported masks it too. (The real plugin,
    pointed at a port where nothing listens instead of Telegram's address.)"""
    import logging

    import apprise

    from tui.cli.notify_services import HIDDEN, Ready, mask, prepare, send
    from tui.domain.notify_config import NotifyService
    from tui.domain.reminder_text import Reminder

    token = "123456789:AAHsecretTOKENxyz"
    entry = NotifyService(f"tgram://{token}/987654?cto=0.5", "", 1, 1)
    [ready] = prepare((entry,))
    assert isinstance(ready, Ready) and ready.kind == "Telegram"
    assert "AAHsecret" not in ready.shown and "cto=0.5" in ready.shown
    assert "overflow" not in ready.shown  # apprise's defaults are not shown
    ready.plugin.notify_url = f"http://127.0.0.1:{free_port()}/bot"
    with apprise.LogCapture(level=logging.DEBUG) as log:
        outcome = send(ready, Reminder("title", "body"))
    assert not outcome.sent and "Connection refused" in outcome.reason
    assert "AAHsecret" not in outcome.reason and "123456789" not in outcome.reason
    said = log.getvalue()
    assert "AAHsecretTOKENxyz" in said  # apprise's own log names it...
    masked = mask(said, ready.secrets)
    assert "AAHsecret" not in masked and "123456789" not in masked  # ...ours never
    assert f"/bot{HIDDEN}:{HIDDEN}/sendMessage" in masked


@pytest.mark.parametrize(
    "url, secret",
    [
        ("json://host/hook?+Authorization=Bearer%20SECRETbearer1", "SECRETbearer1"),
        ("json://host/hook?apikey=SECRETkey2&:field=x", "SECRETkey2"),
        ("ntfys://ntfy.sh/cards?token=tk_SECRETtoken3&priority=high", "tk_SECRETtoken3"),
        ("ntfys://tk_SECRETtoken4@ntfy.sh/cards", "tk_SECRETtoken4"),
        ("discord://123456789012/SECRETwebhook5", "SECRETwebhook5"),
        ("mailtos://me:SECRETpw6@gmail.com?to=you@example.com", "SECRETpw6"),
        ("matrixs://me:SECRETpw7@matrix.org/#room", "SECRETpw7"),
    ],
)
def test_no_secret_of_a_service_url_is_shown(url, secret):
    from tui.cli.notify_services import Ready, mask, prepare
    from tui.domain.notify_config import NotifyService

    [ready] = prepare((NotifyService(url, "", 1, 1),))
    assert isinstance(ready, Ready), ready
    assert secret not in ready.shown, ready.shown
    assert secret not in mask(f"apprise said {url} and {secret}", ready.secrets)
    if "priority=high" in url:
        assert "priority=high" in ready.shown  # where and how it goes stays readable


def test_labels_and_issuers_lose_what_may_be_an_identifier(content, clock):
    """Only the label, the issuer, when and the next step; digit runs and a card's
    stored last 4 inside a word become ••••, and nothing else of the card goes."""
    from dataclasses import replace

    from tui.domain.card_view import CardView
    from tui.domain.reminder_text import reminder
    from tui.records.identifiers import Identifier

    tracker = Tracker(Store.in_memory(), content.playbooks, clock)
    card = tracker.add_card(
        CardFields("Visa 4111-1111-1111-1111", "bank", "cancel", "Bank 95588", notes="PIN 1234")
    )
    view = tracker.view(card.id)
    typed = replace(card, follow_up="2026-11-30")
    hidden = replace(
        typed, label="Visa xAB12y", issuer="", identifiers={"number": Identifier("AB12", "vault")}
    )
    due = [(CardView(c, view.playbook, view.items, view.status), 2) for c in (typed, hidden)]
    text = reminder(due, english(), "en")
    assert text.title == "cardoff-tui: 2 cards due"
    lines = text.body.splitlines()
    assert lines[0] == "Visa •••• (Bank ••••): 2 days late, follow-up Nov 30, 2026"
    assert lines[2] == "Visa x••••y (Bank): 2 days late, follow-up Nov 30, 2026"
    assert lines[1].startswith("  next step: ") and len(lines) == 4
    assert "PIN" not in text.body and "1234" not in text.body and "AB12" not in text.body


def english():
    from tui.base.i18n import Catalog
    from tui.base.paths import content_dir
    from tui.library.content import load_content

    return Catalog(load_content(content_dir()).strings, "en")


def test_apprise_loads_only_for_notify(tmp_path):
    """The app's start and the other commands never import apprise (~0.2 s)."""
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "import tui.cli.notify, tui.domain.config\n"
        f"main(['--data-dir', {str(tmp_path / 'data')!r}, '--config-dir', {str(tmp_path)!r},"
        " 'due'])\n"
        "print('apprise' in sys.modules)\n"
    )
    (tmp_path / "config.yaml").write_text("notify:\n  - ntfy://ntfy.sh/cards\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_unreadable_data_wins_over_an_unusable_entry(tmp_path, receivers):
    """Data unreadable is the most serious: status 1, even with a bad entry (2) or no
    `notify` list at all beside it."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / DB_FILENAME).write_text("{ not json", encoding="utf-8")
    (tmp_path / "config").mkdir()
    for text in (f"notify:\n  - not a url\n  - {receivers.json_url()}\n", "lang: en\n"):
        configure(tmp_path, text)
        result = notify(tmp_path)
        assert result.returncode == 1, (text, result.stderr)
        assert "cannot open your data" in result.stderr
        assert receivers.posts == []


def test_a_failed_service_wins_over_an_unusable_entry(places, receivers):
    """A service that did not take the reminder (1) outranks an entry left out (2)."""
    configure(
        places,
        "notify:\n  - not a url\n"
        f"  - json://127.0.0.1:{receivers.closed_port}/notify\n"
        f"  - {receivers.json_url()}\n",
    )
    result = notify(places)
    assert result.returncode == 1, result.stderr
    assert "not a service URL" in result.stderr and "not sent to entry 2" in result.stderr
    assert len(receivers.posts) == 1


@pytest.mark.parametrize("dry", [False, True])
def test_an_entry_apprise_cannot_use_shows_no_part_of_its_url(places, receivers, dry):
    """apprise names a URL it cannot parse with the password's first and last
    characters ("me:M...9@"): the entry is named by its line and name, never by any
    part of its URL."""
    configure(
        places,
        "notify:\n  - url: mailtoo://mailuser:MySecretPass9@example.com\n    name: Typo\n"
        f"  - {receivers.json_url()}\n",
    )
    result = notify(places, *(["--dry-run"] if dry else []))
    said = result.stderr + result.stdout
    assert "notify Typo: apprise cannot use this URL" in said
    for piece in ("mailtoo", "mailuser", "MySecret", "M...9", "...", "example.com"):
        assert piece not in result.stderr, (piece, result.stderr)


def test_a_token_is_not_shown_even_in_part():
    """apprise shows a Telegram token as its first and last character ("1...l"): no
    part of it is shown."""
    from tui.cli.notify_services import Ready, prepare
    from tui.domain.notify_config import NotifyService

    [ready] = prepare((NotifyService("tgram://123456789:ABCdefGHIjkl/987", "", 1, 1),))
    assert isinstance(ready, Ready)
    assert "..." not in ready.shown and "1" not in ready.shown.split("/")[2], ready.shown
