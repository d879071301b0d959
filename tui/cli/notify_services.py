"""The notification services of `cardoff-tui notify`, through apprise: each entry of
config.yaml's `notify:` made into an apprise service, shown with its secrets masked,
and sent to on its own, with apprise's log of that one send kept as its reason.

Imports apprise only inside its functions: nothing else in cardoff-tui loads it.

What apprise logs is captured (apprise.LogCapture) for each service, never printed
as it comes: apprise masks passwords in the URLs it logs, but not the request URLs
its HTTP library names in an error (a Telegram bot token is part of one). Every
piece of the user's URL that the URL as shown does not show (url_secrets) is taken
for a secret and replaced by "****" in whatever is reported (mask).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from tui.domain.notify_config import NotifyService
from tui.domain.reminder_text import Reminder

HIDDEN = "****"
# query settings that say where a message goes or how it is sent, never a secret
OPEN_SETTINGS = frozenset(
    "to from cc bcc smtp mode name user format priority method cto rto verify tags topic "
    "channel room".split()
)
SHORTEST_SECRET = 4  # pieces of a URL shorter than this are not searched for in reports
# what separates the pieces of a URL (user, password, host, path segments, values)
_PIECE_BREAKS = re.compile(r"[/:@?&=#,;+\s]+")
# "[Errno 111] Connection refused" in an exception's text, up to a quote or bracket
_ERRNO = re.compile(r"\[Errno -?\d+\] [^'\"()\[\]\n]+")
# a URL in what apprise says: scheme://, then up to a space, quote or closing bracket
_A_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[^\s'\"()\[\]<>]*")
# what apprise shows of a secret it masks only in part: "1...l" (first and last
# character), "...wxyz" (the last four)
_PARTLY_SHOWN = re.compile(r"[^/:@?&=#\s]?\.\.\.[^/:@?&=#\s]{0,4}")


@dataclass(frozen=True)
class Ready:
    """A service apprise can send to: the config entry, apprise's object for it
    (apprise.plugins.NotifyBase), its kind as apprise names it ("E-Mail", "ntfy"), its
    URL with secrets masked (shown), and the secrets to mask in what is reported."""

    entry: NotifyService
    plugin: object
    kind: str
    shown: str
    secrets: tuple[str, ...]

    def masked(self, text: str) -> str:
        """`text` with this service's secrets replaced by HIDDEN."""
        return mask(text, self.secrets)


@dataclass(frozen=True)
class Refused:
    """An entry apprise cannot use, and apprise's reason (secrets masked)."""

    entry: NotifyService
    reason: str


@dataclass(frozen=True)
class Outcome:
    """How one send went: whether the service took the message, and apprise's reason
    when it did not (secrets masked; "" when apprise gave none)."""

    ready: Ready
    sent: bool
    reason: str = ""


def prepare(services: tuple[NotifyService, ...]) -> list[Ready | Refused]:
    """Each of `services` as apprise makes it (Apprise.instantiate), in their order:
    Ready, or Refused with what apprise logged (an unknown scheme, a URL it cannot
    parse, a service disabled on this system such as dbus:// without D-Bus)."""
    import apprise

    asset = apprise.AppriseAsset(app_id="cardoff-tui", app_desc="cardoff-tui")
    prepared: list[Ready | Refused] = []
    for entry in services:
        with apprise.LogCapture(level=logging.DEBUG, fmt="%(levelname)s %(message)s") as log:
            try:
                plugin = apprise.Apprise.instantiate(entry.url, asset=asset)
            except Exception as error:  # a plugin apprise did not guard: refused, said why
                logging.getLogger("apprise").error("%s: %s", type(error).__name__, error)
                plugin = None
        if plugin is None:  # named by its entry, never by any part of its URL
            secrets = url_secrets(entry.url, "")
            reason = mask(_A_URL.sub(HIDDEN, _reason(log.getvalue())), secrets)
            prepared.append(Refused(entry, reason))
            continue
        private = plugin.url(privacy=True)
        prepared.append(
            Ready(
                entry=entry,
                plugin=plugin,
                kind=str(plugin.service_name),
                shown=shown_url(private, entry.url),
                secrets=url_secrets(entry.url, private),
            )
        )
    return prepared


def send(ready: Ready, message: Reminder) -> Outcome:
    """Send `message` through one service, as plain text (apprise converts it for
    services that take HTML or Markdown, so `<` in a label stays `<`). Never raises:
    a service that fails, or a plugin that raises, is an Outcome that was not sent."""
    import apprise

    with apprise.LogCapture(level=logging.DEBUG, fmt="%(levelname)s %(message)s") as log:
        try:
            sent = bool(
                ready.plugin.notify(
                    title=message.title,
                    body=message.body,
                    body_format=apprise.NotifyFormat.TEXT,
                )
            )
        except Exception as error:  # a plugin's own fault: reported as its reason
            logging.getLogger("apprise").error("%s: %s", type(error).__name__, error)
            sent = False
    reason = _A_URL.sub(lambda url: _partly_shown_hidden(url.group()), _reason(log.getvalue()))
    return Outcome(ready, sent, "" if sent else ready.masked(reason))


def _partly_shown_hidden(url: str) -> str:
    """`url` with every secret apprise shows in part ("1...l", "...wxyz") as HIDDEN."""
    return _PARTLY_SHOWN.sub(HIDDEN, url)


def _reason(log: str) -> str:
    """What apprise's captured log says went wrong: its warnings and errors, then the
    system's own words ("[Errno 111] Connection refused") when a debug line has them."""
    said = [
        line.split(" ", 1)[1].strip().rstrip(".")
        for line in log.splitlines()
        if line.startswith(("WARNING ", "ERROR ", "CRITICAL "))
    ]
    errno = _ERRNO.findall(log)
    if errno and errno[-1].strip() not in " ".join(said):
        said.append(errno[-1].strip())
    return " ".join("; ".join(dict.fromkeys(part for part in said if part)).split())  # one line


def shown_url(private: str, raw: str) -> str:
    """apprise's masked URL (`private`: plugin.url(privacy=True)) with only the query
    settings the user wrote in `raw` (apprise adds its defaults), percent-escapes
    decoded for reading. apprise shows the values of headers (`+Authorization=…`),
    payload fields and settings it does not know as they are: only those of
    OPEN_SETTINGS are shown, any other as HIDDEN. A secret apprise shows in part
    (a Telegram token as "1...l") is HIDDEN whole: no character of it is shown."""
    parts = urlsplit(private)
    wrote = {key.lower() for key, _ in _settings(urlsplit(raw).query)}
    query = [
        f"{key}={value if key.lower() in OPEN_SETTINGS else HIDDEN}"
        for key, value in _settings(parts.query)
        if key.lower() in wrote
    ]
    shown = _partly_shown_hidden(unquote(urlunsplit(parts._replace(query=""))))
    return shown + ("?" + "&".join(query) if query else "")


def url_secrets(raw: str, private: str) -> tuple[str, ...]:
    """The pieces of `raw` (the user's URL) that the URL as shown (shown_url) does not
    show, nor apprise's defaults, as written and decoded, longest first: passwords,
    tokens, keys. With no masked form (a refused URL) every piece but the scheme
    counts."""
    visible = set(_PIECE_BREAKS.split(shown_url(private, raw))) if private else set()
    wrote = {key.lower() for key, _ in _settings(urlsplit(raw).query)}
    for key, value in _settings(urlsplit(private).query):
        if key.lower() not in wrote:  # apprise's own defaults ("method=POST")
            visible.update((key, value))
    visible.add(urlsplit(raw).scheme)
    visible.update(key for key, _ in _settings(urlsplit(raw).query))  # names, not values
    found: set[str] = set()
    for text in (raw, unquote(raw)):
        found.update(
            piece
            for piece in _PIECE_BREAKS.split(text)
            if len(piece) >= SHORTEST_SECRET and piece not in visible
        )
    password = urlsplit(raw).password
    if password:
        found.update(p for p in (password, unquote(password)) if p)
    return tuple(sorted(found, key=len, reverse=True))


def _settings(query: str) -> list[tuple[str, str]]:
    """A URL's query as (key, value) pairs, percent-escapes decoded, `+` kept as it is
    (a header's mark in apprise's json://, not a space)."""
    pairs = []
    for item in query.split("&"):
        if item:
            key, _, value = item.partition("=")
            pairs.append((unquote(key), unquote(value)))
    return pairs


def mask(text: str, secrets: tuple[str, ...]) -> str:
    """`text` with each of `secrets` (longest first) replaced by HIDDEN."""
    for secret in secrets:
        text = text.replace(secret, HIDDEN)
    return text
