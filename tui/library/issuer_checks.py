"""The checks an issuer file gets beyond its schema, and what a problem leaves out.

A problem in one hotline, procedure or "not found" entry leaves out that entry; a
problem in an issuer's own fields leaves out that issuer; only a file whose top level
is wrong is left out whole. Each problem is reported as `path:line: what is wrong`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from functools import cache

from tui.library.issuers import OFFICIAL
from tui.library.phone_numbers import number_problem
from tui.library.regions import GLOBAL, is_region_code
from tui.library.schema_words import schema_error
from tui.library.web_address import address_host, address_problem, date_problem
from tui.library.yaml_reader import ContentError, YamlDoc

ENTRY_LISTS = ("hotlines", "procedures", "not_found")
# regions whose people read Chinese names: an issuer there must have one
CHINESE_NAMED = frozenset({"CN", "HK", "TW", "MO"})


@cache
def _suffixes():
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def site_of(url_or_host: str) -> str:
    """The registrable domain of a web address or host (www.icbc.com.cn →
    icbc.com.cn), by the Public Suffix List; "" when it has none."""
    host = address_host(url_or_host) if "//" in url_or_host else url_or_host
    host = host.rpartition("@")[2].partition(":")[0].lower().rstrip(".")
    return _suffixes().privatesuffix(host) or ""


def drop_location(location: list) -> tuple:
    """What a problem at `location` leaves out: its entry, its issuer, or the file."""
    if len(location) >= 4 and location[2] in ENTRY_LISTS:
        return tuple(location[:4])
    if len(location) >= 2:
        return tuple(location[:2])
    return ()


def check_issuers(
    doc: YamlDoc, validator, ids: dict, today: _dt.date | None = None
) -> tuple[list[ContentError], set[tuple]]:
    """(problems, locations to leave out) for a file of issuers: its schema, then
    unique ids; a Chinese name for CN/HK/TW/MO issuers; web addresses the app can
    show; numbers phonenumbers accepts for the issuer's region; an official source on
    the issuer's own site; read dates that are real and not in the future; no
    `verified: true` on a third-party or `confidence: unverified` line."""
    today = today or _dt.date.today()
    errors: list[ContentError] = []
    drops: set[tuple] = set()

    def error(location: list, message: str) -> None:
        errors.append(ContentError(doc.path, doc.line_of(location), message))
        drops.add(drop_location(location))

    for err in sorted(validator.iter_errors(doc.data), key=lambda e: list(e.absolute_path)):
        errors.append(schema_error(doc, err))  # in the user's words where it can be
        drops.add(drop_location(list(err.absolute_path)))
    if () in drops or not isinstance(doc.data, dict):
        return errors, {()}
    listed = [x.get("id") for x in doc.data["issuers"]]
    for i, issuer in enumerate(doc.data["issuers"]):
        if ("issuers", i) in drops:
            continue
        _check_issuer(issuer, ["issuers", i], error, today)
        first = ids.setdefault(issuer["id"], doc.path)
        if first != doc.path or listed.count(issuer["id"]) > 1:
            error(["issuers", i, "id"], f"issuer id {issuer['id']!r} is used twice")
    return errors, drops


def _check_issuer(issuer: dict, where: list, error: Callable, today: _dt.date) -> None:
    name, region = issuer["id"], issuer["region"]
    if region in CHINESE_NAMED and "zh-CN" not in issuer["name"]:
        error([*where, "name"], f"{name}: an issuer in {region} needs a zh-CN name")
    if problem := address_problem(issuer.get("website")):
        error([*where, "website"], f"{name}: website: {problem}")
    own = {site_of(issuer["website"])} if issuer.get("website") else set()
    own |= {site_of(domain) for domain in issuer.get("domains", ())}
    for field in ENTRY_LISTS:
        for j, entry in enumerate(issuer.get(field, [])):
            _check_entry(entry, [*where, field, j], name, region, own - {""}, error, today)


def _check_entry(entry: dict, where: list, name: str, region: str, own: set, error, today) -> None:
    source, kind = entry.get("source"), entry.get("source_kind", "")
    if "number" in entry:
        short = entry.get("short_code", False)
        home = entry.get("country") or region
        if entry.get("country") and (home == GLOBAL or not is_region_code(home)):
            error([*where, "country"], f"{name}: country: {home!r} is not a region code")
        elif short and home == GLOBAL:
            message = f"{name}: a short code is dialled in one country: say which (country:)"
            error([*where, "short_code"], message)
        elif problem := number_problem(str(entry["number"]), home, short):
            error([*where, "number"], f"{name}: {problem}")
        if entry.get("verified") and not source:
            message = f"{name}: a hotline with no source must say verified: false"
            error([*where, "verified"], message)
        if entry.get("verified") and kind == "third-party":
            error([*where, "verified"], f"{name}: a third-party source cannot be verified: true")
        if entry.get("verified") and entry.get("confidence") == "unverified":
            error([*where, "verified"], f"{name}: confidence: unverified with verified: true")
    if problem := address_problem(source):
        error([*where, "source"], f"{name}: source: {problem}")
    elif source and own and _claims_own(entry) and site_of(source) not in own:
        message = (
            f"{name}: source {address_host(source)} is not the issuer's own site "
            f"({', '.join(sorted(own))}); add it to domains, or say source_kind: third-party"
        )
        error([*where, "source"], message)
    if problem := date_problem(entry.get("checked")):
        error([*where, "checked"], f"{name}: checked: {problem}")
    elif entry.get("checked") and str(entry["checked"]) > today.isoformat():
        error([*where, "checked"], f"{name}: checked: {entry['checked']} is in the future")
    if kind in OFFICIAL and not source:
        error([*where, "source_kind"], f"{name}: source_kind {kind} needs a source")


def _claims_own(entry: dict) -> bool:
    """Whether an entry says its source is the issuer's own page: source_kind issuer,
    or (older files) verified: true with no source_kind."""
    kind = entry.get("source_kind")
    return kind == "issuer" or (kind is None and bool(entry.get("verified")))


def without(data: dict, drops: set[tuple]) -> dict:
    """The file's data without the entries and issuers in `drops`."""
    issuers = []
    for i, issuer in enumerate(data["issuers"]):
        if ("issuers", i) in drops:
            continue
        kept = dict(issuer)
        for field in ENTRY_LISTS:
            if field in issuer:
                entries = enumerate(issuer[field])
                kept[field] = [e for j, e in entries if ("issuers", i, field, j) not in drops]
        issuers.append(kept)
    return {**data, "issuers": issuers}


def replaced_notes(doc: YamlDoc, drops: frozenset[tuple], shipped: frozenset[str]) -> list:
    """A note (ContentError, not an error) for each issuer of a user's file that
    loads in place of a shipped issuer of the same id: allowed, and the app marks it
    as the user's, but said so that a copy made long ago is not trusted by mistake.
    `drops`: the issuers left out for their errors (check_issuers), which replace
    nothing."""
    notes = []
    for i, issuer in enumerate(doc.data["issuers"]):
        if ("issuers", i) not in drops and issuer["id"] in shipped:
            message = f"{issuer['id']} replaces the shipped issuer of that id"
            notes.append(ContentError(doc.path, doc.line_of(["issuers", i, "id"]), message))
    return notes
