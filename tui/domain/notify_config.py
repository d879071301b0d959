"""config.yaml's `notify:` list: the notification services `cardoff-tui notify` sends
what is due through, as apprise URLs, each with an optional name:

    notify:
      - ntfy://ntfy.sh/my-cards
      - url: mailto://me:app-password@gmail.com
        name: My mail

Checked here for its shape only (no apprise: the app and the other commands never
load it); whether apprise can use a URL, `notify` finds out. A bad entry is left out
with a problem naming its file, line and entry, never its URL (a URL holds passwords
and tokens); the other entries are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tui.base.i18n import Phrase, in_english, user_value
from tui.library.yaml_reader import WordedText

NAME_MOST = 60  # characters in a service's name
# scheme://rest, the scheme as RFC 3986 has it; no spaces or control characters anywhere
_SERVICE_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://\S*")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class NotifyService:
    """One entry of `notify:`: its apprise URL (secrets and all: never print it whole),
    the name the user gave it ("" when none), its place in the list (1-based) and the
    line of config.yaml it is on (None when unknown)."""

    url: str
    name: str
    number: int
    line: int | None = None


@dataclass(frozen=True)
class NotifySettings:
    """The usable entries of `notify:` and what was wrong with the others (each a
    sentence naming the file, line and entry; already among Config.problems)."""

    services: tuple[NotifyService, ...] = ()
    problems: tuple[WordedText, ...] = ()


def read_notify(path: Path, doc) -> NotifySettings:
    """`notify:` of the config mapping in `doc` (tui.library.yaml_reader document):
    no key or an empty value gives no services; a value that is not a list gives none
    and a problem; each entry is a URL string or a mapping {url, name}. Left out, each
    with a problem: an entry that is neither, a URL that is not `scheme://…` or holds a
    space or control character, a URL given twice (the first is kept). A name that is
    not short text is dropped, with a problem; its entry is kept."""
    raw = doc.data.get("notify")
    if raw is None:
        return NotifySettings()
    if not isinstance(raw, list):
        english = (
            "notify must be a list of services (apprise URLs such as ntfy://ntfy.sh/TOPIC, "
            "each with an optional name); no notification is sent until it is one"
        )
        return NotifySettings(problems=(_problem(path, doc.line_of(["notify"]), "list", english),))
    services: list[NotifyService] = []
    problems: list[WordedText] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(raw):
        number = index + 1
        line = doc.line_of(["notify", index])
        here = _Entry(path, line, number)
        url, name = _url_and_name(entry, here, problems)
        if url is None:
            continue
        here = _Entry(path, line, number, name)
        if not _SERVICE_URL.fullmatch(url) or _UNPRINTABLE.search(url):
            english = (
                "not a service URL (scheme://…, such as mailto://, ntfy://, tgram://, json://; "
                "no spaces); left out, the other services are kept"
            )
            problems.append(here.problem("not_url", english))
            continue
        if url in seen:
            english = f"the same URL as entry {seen[url]}; left out, so that it is sent once"
            problems.append(here.problem("repeated", english, first=seen[url]))
            continue
        seen[url] = number
        services.append(NotifyService(url=url, name=name, number=number, line=line))
    return NotifySettings(tuple(services), tuple(problems))


@dataclass(frozen=True)
class _Entry:
    """Where an entry is: its file, line, number and name ("" for none)."""

    path: Path
    line: int | None
    number: int
    name: str = ""

    def problem(self, key: str, english: str, **values) -> WordedText:
        """A problem of this entry: `notify entry N (name): english`, and its catalog
        key config_problem.notify.<key> with `values`, the entry among them."""
        named = f" ({self.name})" if self.name else ""
        entry = Phrase(
            "config_problem.notify.entry_named" if self.name else "config_problem.notify.entry"
        )
        return _problem(
            self.path,
            self.line,
            key,
            f"notify entry {self.number}{named}: {english}",
            entry=entry,
            number=self.number,
            name=self.name,
            **values,
        )


def _problem(path: Path, line: int | None, key: str, english: str, **values) -> WordedText:
    """`path:line: english`, worded when shown by config_problem.notify.<key>."""
    where = f"{path}:{line}" if line else f"{path}"
    return WordedText(where, english, f"config_problem.notify.{key}", values.items())


def _url_and_name(
    entry: object, here: _Entry, problems: list[WordedText]
) -> tuple[str | None, str]:
    """An entry's URL (None, with a problem, when it has none) and name ("" for none)."""
    if isinstance(entry, str):
        return entry.strip(), ""
    if not isinstance(entry, dict):
        english = (
            "must be a URL or a mapping with url: and name:; left out, the other services are kept"
        )
        problems.append(here.problem("not_entry", english))
        return None, ""
    name = entry.get("name", "")
    if name is None:
        name = ""
    if not isinstance(name, str) or len(name) > NAME_MOST or _UNPRINTABLE.search(name):
        english = (
            f"name must be text of at most {NAME_MOST} characters; the entry is kept without it"
        )
        problems.append(here.problem("bad_name", english, most=NAME_MOST))
        name = ""
    name = name.strip()
    for key in entry:
        if key not in ("url", "name"):
            unknown = user_value(str(key))
            english = f"unknown key {in_english(unknown)} ignored (an entry has url and name)"
            problems.append(here.problem("unknown_key", english, unknown=unknown))
    url = entry.get("url")
    if not isinstance(url, str) or not url.strip():
        english = (
            "has no url (an apprise URL such as ntfy://ntfy.sh/TOPIC); left out, the other "
            "services are kept"
        )
        named = _Entry(here.path, here.line, here.number, name)
        problems.append(named.problem("no_url", english))
        return None, name
    return url.strip(), name
