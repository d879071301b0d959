"""Web addresses and dates as content files give them: the one reading of an
address, so that `validate` checks what the screens later show and open."""

from __future__ import annotations

import datetime as _dt


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
