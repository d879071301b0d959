"""The issuer directory: who to call, on which number, and where that number came from.

Numbers are parsed and formatted with phonenumbers (international form; short codes
such as 95588 or 611 kept as dialled). Lookup is fuzzy over every name and alias, in
both scripts, with rapidfuzz.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from tui.playbook import EMPTY_TEXT, Text

REPORT_LOST = "report-lost"
CUSTOMER_SERVICE = "customer-service"
# region codes as people write them -> the ones phonenumbers knows
PHONE_REGION = {"UK": "GB"}


def phone_region(region: str) -> str:
    return PHONE_REGION.get(region, region)


NUMBER_CHARACTERS = frozenset("0123456789+-() .")


def number_problem(number: str, region: str, short_code: bool) -> str | None:
    """Why this number cannot be shown and dialled for its region (None: it is fine):
    characters other than digits, spaces and `+-().` (`*#` in a short code), or a
    number phonenumbers rejects."""
    import phonenumbers
    from phonenumbers import shortnumberinfo

    if not short_code and not set(number) <= NUMBER_CHARACTERS:
        return f"{number!r} should hold only digits, spaces and + - ( ) ."
    if short_code:
        digits = number.replace("+", "").replace(" ", "")
        if not all(c.isdigit() or c in "*#" for c in digits) or len(digits) > 12:
            return f"short code {number!r} should be digits, * and # only"
        return None
    try:
        parsed = phonenumbers.parse(number, phone_region(region))
    except phonenumbers.NumberParseException as exc:
        return f"{number!r} is not a phone number ({exc})"
    if phonenumbers.is_valid_number(parsed):
        return None
    if not number.startswith("+") and shortnumberinfo.is_valid_short_number(parsed):
        return None
    return (
        f"{number!r} is not a valid number for {region} according to phonenumbers "
        "(for a short code it does not know, add short_code: true)"
    )


def _split_address(url: str) -> tuple[str, str | None]:
    """(host and port, None) for a web address the app can show and a browser can
    open; ("", why not) for anything else. The one reading of an address: `validate`
    checks with it what the screens later show with it."""
    from urllib.parse import urlsplit

    if any(c.isspace() or not c.isprintable() for c in url):
        return "", "a web address holds no spaces or control characters"
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        _ = parts.port  # raises on a port that is not a number from 0 to 65535
    except ValueError as exc:  # e.g. "Invalid IPv6 URL" for https://[/bold]x
        return "", f"{url!r} is not a web address ({exc})"
    if parts.scheme not in ("http", "https") or not host:
        return "", f"{url!r} is not a web address (https://host/…)"
    if "[" in parts.netloc and not _is_ip(host):
        return "", f"{url!r} is not a web address (brackets hold only an IPv6 address)"
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return "", f"{url!r} is not a web address (the host {host!r} is not a domain name)"
    if not _is_ip(host) and not all(c.isalnum() or c in ".-_" for c in ascii_host):
        return "", f"{url!r} is not a web address (the host {host!r} is not a domain name)"
    return parts.netloc.rpartition("@")[2], None


def _is_ip(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def address_problem(url: object) -> str | None:
    """Why `url` (a website or a number's source) cannot be shown and opened (None:
    it is fine, or there is none)."""
    if url is None or url == "":
        return None
    return _split_address(str(url))[1]


def address_host(url: str) -> str:
    """The host (and port) of a web address, for `source: host`; an address that
    address_problem rejects is shown as it is, as text."""
    host, problem = _split_address(url)
    return url if problem else host


def date_problem(value: object) -> str | None:
    """Why `value` is not a date written YYYY-MM-DD (None: it is one, or there is none)."""
    if value is None or value == "":
        return None
    try:
        _dt.date.fromisoformat(str(value))
    except ValueError:
        return f"{value!r} is not a date (YYYY-MM-DD)"
    if len(str(value)) != 10:
        return f"{value!r} is not a date (YYYY-MM-DD)"
    return None


def display_number(number: str, region: str, short_code: bool = False) -> str:
    """International form where it applies; short codes as dialled."""
    import phonenumbers

    if short_code:
        return number
    try:
        parsed = phonenumbers.parse(number, phone_region(region))
    except phonenumbers.NumberParseException:
        return number
    if phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return number  # a short code: as dialled


@dataclass(frozen=True)
class Hotline:
    number: str
    purpose: str
    verified: bool
    region: str
    note: Text = EMPTY_TEXT
    hours: str = ""
    source: str = ""
    checked: str = ""
    confidence: str = ""
    short_code: bool = False

    @classmethod
    def from_doc(cls, doc: Mapping, region: str) -> Hotline:
        checked = doc.get("checked") or ""
        return cls(
            number=str(doc["number"]),
            purpose=doc["purpose"],
            verified=bool(doc["verified"]),
            region=region,
            note=Text.from_doc(doc.get("note")),
            hours=doc.get("hours", ""),
            source=doc.get("source", ""),
            checked=checked.isoformat() if isinstance(checked, _dt.date) else str(checked),
            confidence=doc.get("confidence", ""),
            short_code=bool(doc.get("short_code", False)),
        )

    @cached_property
    def shown(self) -> str:
        return display_number(self.number, self.region, self.short_code)

    @property
    def source_host(self) -> str:
        """Where the number came from, e.g. `www.icbc.com.cn`; never raises."""
        return address_host(self.source) if self.source else ""


@dataclass(frozen=True)
class Issuer:
    id: str
    name: Text
    region: str
    kinds: tuple[str, ...]
    hotlines: tuple[Hotline, ...] = ()
    aliases: tuple[str, ...] = ()
    website: str = ""
    note: Text = EMPTY_TEXT
    from_user: bool = False

    @classmethod
    def from_doc(cls, doc: Mapping, from_user: bool = False) -> Issuer:
        region = doc["region"]
        return cls(
            id=doc["id"],
            name=Text.from_doc(doc["name"]),
            region=region,
            kinds=tuple(doc["kinds"]),
            hotlines=tuple(Hotline.from_doc(h, region) for h in doc.get("hotlines", ())),
            aliases=tuple(doc.get("aliases", ())),
            website=doc.get("website", ""),
            note=Text.from_doc(doc.get("note")),
            from_user=from_user,
        )

    @property
    def keys(self) -> list[str]:
        """Every name it can be found by, in both scripts, and its numbers' digits."""
        numbers = ["".join(c for c in h.number if c.isdigit()) for h in self.hotlines]
        return [self.id, *self.name.by_lang.values(), *self.aliases, *filter(None, numbers)]

    def hotline_for(self, purpose: str) -> Hotline | None:
        """The number for a purpose, falling back to customer service, then the first."""
        for wanted in (purpose, CUSTOMER_SERVICE):
            for hotline in self.hotlines:
                if hotline.purpose == wanted:
                    return hotline
        return self.hotlines[0] if self.hotlines else None


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass
class IssuerDirectory:
    issuers: dict[str, Issuer] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._build()

    @classmethod
    def of(cls, issuers: Iterable[Issuer]) -> IssuerDirectory:
        directory = cls()
        for issuer in issuers:  # later ones (the user's) win by id
            directory.issuers[issuer.id] = issuer
        directory._build()
        return directory

    def _build(self) -> None:
        self._keys: list[str] = []
        self._owners: list[str] = []
        self._exact: dict[str, str] = {}
        for issuer in self.issuers.values():
            for key in issuer.keys:
                norm = _norm(key)
                self._keys.append(norm)
                self._owners.append(issuer.id)
                self._exact.setdefault(norm, issuer.id)

    def __len__(self) -> int:
        return len(self.issuers)

    def get(self, issuer_id: str) -> Issuer | None:
        return self.issuers.get(issuer_id)

    def match(self, text: str) -> Issuer | None:
        """The issuer a card's free-text issuer names exactly (id, a name or an alias)."""
        found = self._exact.get(_norm(text)) if text else None
        return self.issuers.get(found) if found else None

    def search(self, query: str, limit: int = 30) -> list[Issuer]:
        """Best matches first: exact, then prefix, then substring, then fuzzy."""
        from rapidfuzz import fuzz, process

        q = _norm(query)
        if not q:
            return list(self.issuers.values())[:limit]
        best: dict[str, float] = {}
        for key, owner in zip(self._keys, self._owners, strict=True):
            if q in key:
                score = 300 if key == q else 250 if key.startswith(q) else 200
                if score > best.get(owner, 0):
                    best[owner] = score
        if len(best) < limit:
            for _key, score, index in process.extract(
                q, self._keys, scorer=fuzz.ratio, limit=limit * 2, score_cutoff=70
            ):
                owner = self._owners[index]
                best[owner] = max(best.get(owner, 0), score)
        ranked = sorted(best.items(), key=lambda item: -item[1])[:limit]
        return [self.issuers[owner] for owner, _ in ranked]
