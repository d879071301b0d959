"""`cardoff-tui hotline QUERY`: the matching issuers' numbers, each with what it is
for, who can dial it, its hours, its source and the day that source was read, in the
chosen language (--lang, config.yaml, the locale); `--abroad` puts the numbers that
work from abroad first; `--region` puts that region's issuers first; `--json` for
scripts."""

from __future__ import annotations

import argparse
import json
import sys

from tui.base.i18n import Catalog, resolve_lang, user_value
from tui.base.sanitiser import clean
from tui.domain.config import load_config
from tui.domain.hotline_choice import Offer, Situation, offers_of
from tui.domain.hotline_text import (
    blocked_text,
    left_out_text,
    offer_reach_text,
    procedure_words,
    reach_fields,
    source_text,
)
from tui.library.hotline_search import begins_with, normalised
from tui.library.issuers import REPORT_LOST, Issuer, Procedure
from tui.library.regions import GLOBAL
from tui.records.kinds import Kind

HOTLINE_MOST = 30  # issuers `hotline` prints at the most; beyond, it says so


def _text(catalog: Catalog, entry) -> str:
    return entry.get(catalog.lang) if entry.by_lang else ""


def offer_doc(offer: Offer, catalog: Catalog) -> dict:
    """One number as JSON: `number` as dialled from where it works, `printed` as the
    source prints it (when that differs), `reachable` and `reach` (who can dial it:
    the one code reach_fields gives, also where the source says nothing and the
    numbering plan does; `reachable` is the older key, kept for scripts),
    `domestic_only`, `reach_words` (the app's words for it, as `due --json` gives
    them), `blocked` (why it will
    not work in the situation asked for, or null), hours, note and conflict in the
    chosen language, `source`, `source_kind`, `checked` (the day the source was
    read) and `verified` (an official page)."""
    h = offer.hotline
    reach = reach_fields(offer, catalog)
    return {
        "number": h.shown,
        "printed": h.printed or None,
        "purpose": h.purpose,
        "reachable": reach["reach"],
        "domestic_only": h.domestic_only,
        **reach,
        "blocked": offer.blocked or None,
        "hours": _text(catalog, h.hours) or None,
        "note": _text(catalog, h.note) or None,
        "conflict": _text(catalog, h.conflict) or None,
        "source": h.source or None,
        "source_kind": h.source_kind or None,
        "checked": h.checked or None,
        "verified": h.verified,
    }


def _procedure_doc(entry: Procedure, catalog: Catalog) -> dict:
    return {
        "purpose": entry.purpose,
        "note": _text(catalog, entry.note) or None,
        "printed": entry.printed or None,
        "source": entry.source or None,
        "source_kind": entry.source_kind or None,
        "checked": entry.checked or None,
    }


def issuer_doc(issuer: Issuer, offers: list[Offer], catalog: Catalog) -> dict:
    """One issuer as JSON, its numbers in the order offered."""
    return {
        "id": issuer.id,
        "name": dict(issuer.name.by_lang),
        "region": issuer.region,
        "network": issuer.network or None,
        "website": issuer.website or None,
        "yours": issuer.from_user,
        "bearer": _text(catalog, issuer.bearer) or None,
        "hotlines": [offer_doc(offer, catalog) for offer in offers],
        "procedures": [_procedure_doc(p, catalog) for p in issuer.procedures],
        "not_found": [_procedure_doc(p, catalog) for p in issuer.not_found],
    }


def issuer_lines(issuer: Issuer, offers: list[Offer], t: Catalog) -> list[str]:
    """The issuer as text lines: name and region, then each number with what it is
    for, who can dial it and hours, and under it its source (or a warning)."""
    names = " / ".join(issuer.name.every(t.lang))
    region = t("hotline.worldwide") if issuer.region == GLOBAL else issuer.region
    where = region + t("text.aside", text=t("hotline.yours")) if issuer.from_user else region
    lines = [f"{names} · {where}"]
    if issuer.bearer.by_lang:
        lines.append(f"    {t('hotline.bearer')}{issuer.bearer.get(t.lang)}")
    if not offers:
        website = f" · {t('hotline.website', url=issuer.website)}" if issuer.website else ""
        lines.append(f"    {t('hotline.no_number')}{website}")
    for offer in offers:
        h = offer.hotline
        what = [t(f"purpose.{h.purpose}")]
        what += [blocked_text(offer, t) or offer_reach_text(offer, t), _text(t, h.hours)]
        lines.append(f"    {h.shown:<20} {' · '.join(filter(None, what))}")
        if note := _text(t, h.note):
            lines.append(f"    {'':<20} {note}")
        lines.append(f"    {'':<20} {source_text(h, t)[0]}")
        if conflict := _text(t, h.conflict):
            lines.append(f"    {'':<20} ⚠ {t('hotline.conflict', text=conflict)}")
    for words in procedure_words(issuer, t):
        lines.append(f"    {words.said}{words.note}")
        if words.source:
            lines.append(f"        {words.source[0]}")
    return lines


def hotline_report(
    found: list[Issuer], catalog: Catalog, abroad: bool = False, as_json: bool = False
) -> str:
    """What `hotline` prints for the issuers found: text, or JSON (a list); each
    issuer's numbers in the order offered for a card reported lost (the lost-card
    line first) from where the user is."""
    situation = Situation(REPORT_LOST, Kind.OTHER, abroad)
    pairs = [(issuer, offers_of(issuer, situation)) for issuer in found]
    if as_json:
        docs = [issuer_doc(issuer, offers, catalog) for issuer, offers in pairs]
        return json.dumps(docs, ensure_ascii=False, indent=2)
    return "\n".join(line for i, o in pairs for line in issuer_lines(i, o, catalog))


def named_exactly(issuer: Issuer, query: str) -> bool:
    """Whether `query` is one of the issuer's own names, aliases or its id (casefolded,
    spaces as one): `icbc`, `工商银行`."""
    wanted = normalised(query)
    return any(normalised(name) == wanted for name in issuer.keys)


def named_in_region(issuer: Issuer, query: str, region: str) -> bool:
    """Whether the issuer is of `region` (an ISO code, "" for none) and one of its
    names, aliases or suggested names begins with `query` as a word: HSBC UK for
    `HSBC` in GB, as the search ranks it (tui.library.hotline_search)."""
    wanted = normalised(query)
    keys = (*issuer.keys, *issuer.suggest)
    return (
        bool(region)
        and issuer.region == region
        and any(begins_with(normalised(key), wanted) for key in keys)
    )


def split_named(
    found: list[Issuer], query: str, region: str = ""
) -> tuple[list[Issuer], list[Issuer]]:
    """(the issuers printed in full, the look-alikes only named) of those `found` for
    `query`: in full, in the order found, those it names exactly (named_exactly), those
    of the `region` asked for whose name begins with it (named_in_region: HSBC UK for
    `--region GB HSBC`, which the search puts first) and those that go by one of their
    names or aliases, in any language (a second UnionPay International, mainland
    China's, beside the worldwide one): named among the look-alikes, such an issuer
    would read as the one printed above. ([], found) when it names none exactly."""
    exact = [
        issuer
        for issuer in found
        if named_exactly(issuer, query) or named_in_region(issuer, query, region)
    ]
    if not exact:
        return [], list(found)
    shown = {normalised(key) for issuer in exact for key in issuer.keys}
    same = [
        issuer
        for issuer in found
        if issuer not in exact and any(normalised(key) in shown for key in issuer.keys)
    ]
    whole = [issuer for issuer in found if issuer in exact or issuer in same]
    return whole, [issuer for issuer in found if issuer not in whole]


def similar_line(others: list[Issuer], catalog: Catalog) -> str:
    """The issuers a query also matched, by name only, on one line (`hotline icbc`
    named CIBC, OCBC and CTBC, forty lines under ICBC's)."""
    names = catalog("hotline.list_separator").join(
        dict.fromkeys(issuer.name.get(catalog.lang) for issuer in others)
    )
    return catalog("hotline.similar", names=names)


def run_hotline(args: argparse.Namespace, paths) -> int:
    """Print the issuers matching `args.query` (at most HOTLINE_MOST, the cut said on
    stderr); when some are named by the query exactly, those in full and the others by
    name on one line (--json: every one in full). Exit status 0, 1 when none matches,
    2 for an empty query."""
    from tui.cli.open_data import load_user_content

    cleaned = clean(" ".join(args.query))
    content = load_user_content(paths)
    config = load_config(paths.config_file)
    catalog = Catalog(content.strings, resolve_lang(args.lang, config.lang))
    if cleaned.removed:
        removed = catalog("cli.query_controls", count=cleaned.removed)
        print(f"cardoff-tui: {removed}", file=sys.stderr)
    query = cleaned.text
    region = content.issuers.region_of(args.region or "")
    if args.region and not region:
        unknown = catalog("cli.unknown_region", region=user_value(args.region))
        print(f"cardoff-tui: {unknown}", file=sys.stderr)
    for problem in config.problems:
        print(f"cardoff-tui: {problem.worded(catalog)}", file=sys.stderr)
    if not query.strip():
        print(f"cardoff-tui: {catalog('hotline.empty_query')}", file=sys.stderr)
        return 2
    place = args.region or ""
    found = content.issuers.search(query, HOTLINE_MOST + 1, region=region, place=place)
    if not found:
        print(f"cardoff-tui: {catalog('hotline.none', query=query)}", file=sys.stderr)
        return 1
    if left_out := left_out_text(content.issuers.left_out(query, region), catalog):
        print(f"cardoff-tui: {left_out}", file=sys.stderr)  # `apple watch`: Apple
    if len(found) > HOTLINE_MOST:  # say so: a silent cut could hide the right issuer
        found = found[:HOTLINE_MOST]
        print(f"cardoff-tui: {catalog('hotline.more', most=HOTLINE_MOST)}", file=sys.stderr)
    exact, others = split_named(found, query, region)
    abroad = args.abroad or config.abroad
    if args.json or not exact or not others:
        print(hotline_report(found, catalog, abroad=abroad, as_json=args.json))
        return 0
    # the issuers named by what was typed, whole; the others that only look alike by name
    print(hotline_report(exact, catalog, abroad=abroad))
    print(similar_line(others, catalog))
    return 0
