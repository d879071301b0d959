"""Every number the app ships is a row of the sourced list, and every row is shipped:
with its source, who published it, when it was read and who can dial it."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.hotline_facts import COPY, SHARED, digit_runs, facts, number_key
from tui.library.issuers import OFFICIAL

# what the list's source_kind may become in the app: the same, or shown with more
# caution (an "issuer" page on another company's site is shown as a third party's)
MAY_BECOME = {
    "issuer": {"issuer", "third-party"},
    "government": {"government", "third-party"},
    "third-party": {"third-party"},
    "none": {""},
}


def test_the_copy_is_the_shared_list_when_it_is_there():
    if not SHARED.exists():
        pytest.skip("no shared list beside this checkout: tests/data/hotlines.tsv is used")
    assert SHARED.read_text(encoding="utf-8") == COPY.read_text(encoding="utf-8")


def _rows_with_numbers() -> Counter:
    return Counter(
        (row["region"], number_key(row["number"], row["region"]), row["source_url"])
        for row in facts()
        if row["number"]
    )


def _shipped_numbers(content) -> Counter:
    shipped: Counter = Counter()
    for issuer in content.issuers.issuers.values():
        if issuer.from_user:
            continue
        for hotline in issuer.hotlines:
            written = hotline.printed or hotline.number
            shipped[(issuer.region, number_key(written, issuer.region), hotline.source)] += 1
        for entry in issuer.procedures:
            if entry.printed:
                key = number_key(entry.printed, issuer.region)
                shipped[(issuer.region, key, entry.source)] += 1
    return shipped


def test_every_shipped_number_is_a_sourced_row_and_every_row_is_shipped(content):
    rows, shipped = _rows_with_numbers(), _shipped_numbers(content)
    assert not shipped - rows, f"numbers that are not rows of the list: {shipped - rows}"
    assert not rows - shipped, f"rows of the list not shipped: {rows - shipped}"


def test_a_dialable_form_is_the_printed_number(content):
    """Where a number is shipped in a dialable form, it is the number printed."""
    for issuer in content.issuers.issuers.values():
        for hotline in issuer.hotlines:
            if hotline.printed:
                # the same number; or it followed by menu keys ("95511-2-3"); or the
                # printed local digits with their area code ("412-8880 ext. 7")
                dialled = number_key(hotline.number, hotline.region)
                printed = number_key(hotline.printed, hotline.region)
                local = re.sub(r"\D", "", hotline.printed.split("ext")[0])
                assert printed.startswith(dialled) or local in dialled, (issuer.id, hotline.printed)


def test_rows_without_a_number_are_procedures_or_not_found(content):
    wanted = Counter(row["region"] for row in facts() if not row["number"])
    shipped: Counter = Counter()
    for issuer in content.issuers.issuers.values():
        shipped[issuer.region] += len(issuer.not_found)
        shipped[issuer.region] += sum(1 for p in issuer.procedures if not p.printed)
    assert shipped == wanted


def test_sources_read_dates_and_reachability_follow_the_list(content):
    by_source = {}
    for row in facts():
        if row["number"]:
            key = (row["region"], number_key(row["number"], row["region"]), row["source_url"])
            by_source.setdefault(key, []).append(row)
    for issuer in content.issuers.issuers.values():
        for hotline in issuer.hotlines:
            key = (
                issuer.region,
                number_key(hotline.printed or hotline.number, issuer.region),
                hotline.source,
            )
            rows = by_source[key]
            assert hotline.source_kind in set().union(
                *(MAY_BECOME[r["source_kind"]] for r in rows)
            ), (issuer.id, hotline.number)
            read = {"2026-11-24" if "earlier list" in r["note"] else "2026-11-30" for r in rows}
            assert not hotline.source or hotline.checked in read, (issuer.id, hotline.number)
            assert hotline.verified == (hotline.source_kind in OFFICIAL and bool(hotline.source))
            assert hotline.reachable in {r["reachable"] for r in rows}, (issuer.id, hotline.number)


def test_no_number_hides_in_the_text(content):
    """Notes, hours and conflicts hold no phone number that is not somewhere in the
    list (its numbers, or its notes, which name the numbers other pages give)."""
    everything = "|".join(
        run
        for row in facts()
        for run in [*digit_runs(f"{row['number']} {row['note']}"), re.sub(r"\D", "", row["number"])]
    )
    for issuer in content.issuers.issuers.values():
        texts = [issuer.note, issuer.bearer]
        for entry in (*issuer.hotlines, *issuer.procedures, *issuer.not_found):
            texts += [entry.note, entry.conflict]
        texts += [h.hours for h in issuer.hotlines]
        for text in texts:
            for value in text.by_lang.values():
                for run in digit_runs(value):
                    # as listed, or with a country code (1 to 3 digits) before it
                    forms = {run, run[1:], run[2:], run[3:], "0" + run[2:]}
                    assert any(f in everything for f in forms if len(f) >= 5), (issuer.id, value)


def test_chinese_speaking_regions_have_chinese_names(content):
    for issuer in content.issuers.issuers.values():
        if issuer.region in ("CN", "HK", "TW", "MO"):
            assert issuer.name.by_lang.get("zh-CN"), issuer.id


def test_notes_are_in_both_languages(content):
    for issuer in content.issuers.issuers.values():
        for entry in (*issuer.hotlines, *issuer.procedures, *issuer.not_found):
            for text in (entry.note, entry.conflict):
                if text.by_lang:
                    assert set(text.by_lang) == {"en", "zh-CN"}, (issuer.id, text)
        for hotline in issuer.hotlines:
            if hotline.hours.by_lang:
                assert set(hotline.hours.by_lang) == {"en", "zh-CN"}, (issuer.id, hotline.number)


def test_the_readme_counts_what_ships(content):
    from tests.hotline_facts import ROOT

    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    found = re.search(r"holds (\d+) issuers in (\d+) regions and (\d+) that work worldwide", text)
    issuers = list(content.issuers.issuers.values())
    regional = [i for i in issuers if i.region != "XX"]
    assert found and tuple(map(int, found.groups())) == (
        len(regional),
        len({i.region for i in regional}),
        len(issuers) - len(regional),
    )
