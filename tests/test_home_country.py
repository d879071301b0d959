"""config.yaml's `home` takes any real ISO 3166-1 country code (found by a tester:
`home: AQ` was refused, because only the regions with phone numbers were read as
countries; Antarctica, Bouvet Island, Heard Island and the others have no calling
code of their own, and are countries all the same). Only codes that are not
countries are refused, with the message it had. Nothing downstream needs the home
country to have a calling code: doctor, the app and the numbers offered from there."""

from __future__ import annotations

import itertools
import string

import pytest

from tests.conftest import run_cli
from tests.helpers.pilot import settle
from tui.domain.config import load_config
from tui.library.regions import PHONE_REGIONS
from tui.records.model import CardFields
from tui.storage.store import Store

# ISO 3166-1 codes of countries with no telephone numbering plan of their own
NO_CALLING_CODE = ("AQ", "BV", "GS", "HM", "PN", "TF", "UM")


def _home(tmp_path, written: str):
    path = tmp_path / "config.yaml"
    path.write_text(f"lang: en\nhome: {written}\n", encoding="utf-8")
    return load_config(path), path


@pytest.mark.parametrize("written", [*NO_CALLING_CODE, "aq", "' Bv '"])
def test_a_country_with_no_calling_code_is_a_home(tmp_path, written):
    config, _path = _home(tmp_path, written)
    assert (config.home, config.problems) == (written.strip("' ").upper(), ())


@pytest.mark.parametrize("written", ["EU", "UN", "ZZ", "XX", "QO", "EZ", "XA", "IC", "EA"])
def test_a_code_that_is_not_a_country_is_refused_as_before(tmp_path, written):
    """A union (EU), the whole world (UN, XX), an unknown region (ZZ), a grouping of
    islands (QO), a test code (XA), a part of Spain (IC, EA): not a country."""
    config, path = _home(tmp_path, written)
    assert config.home == "", written
    assert config.problems == (
        f"{path}:2: home must be a two-letter country code such as CN or US, not "
        f"'{written}'; using the country most of your own cards are from",
    )


def test_the_countries_are_iso_3166_s_with_the_phone_regions():
    """Every two-letter code read as a country: ISO 3166-1's 249 and the three places
    that have phone numbers of their own without an ISO code (Ascension AC, Tristan da
    Cunha TA, Kosovo XK), which were homes before and stay so."""
    from tui.library.regions import is_country_code

    found = {
        a + b for a, b in itertools.product(string.ascii_uppercase, repeat=2)
        if is_country_code(a + b)
    }
    assert found == PHONE_REGIONS | set(NO_CALLING_CODE)
    assert len(found - {"AC", "TA", "XK"}) == 249


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_doctor_and_the_commands_take_a_home_with_no_calling_code(tmp_path, lang):
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.yaml").write_text("home: AQ\n", encoding="utf-8")
    data = tmp_path / "data"
    doctor = run_cli("--lang", lang, "doctor", data=data, config=config)
    assert "AQ" not in doctor.stdout + doctor.stderr, doctor.stdout
    hotline = run_cli("--lang", lang, "hotline", "icbc", data=data, config=config)
    assert hotline.returncode == 0 and hotline.stderr == "", hotline.stderr
    assert "95588" in hotline.stdout


def test_a_card_from_elsewhere_is_offered_as_from_abroad(content, clock):
    """Someone living in Antarctica calls a mainland card's bank from abroad: the line
    for calling from abroad first, and 95588 marked as working only within mainland
    China."""
    from tui.domain.hotline_choice import OTHER_REGION, first_usable
    from tui.domain.tracker import Tracker

    tracker = Tracker(Store.in_memory(), content.playbooks, clock, issuers=content.issuers)
    tracker.home_setting = "AQ"
    card = tracker.add_card(CardFields("ICBC debit", "bank", "report-lost", "ICBC", "CN"))
    offers = tracker.calls_for(card)
    assert first_usable(offers).hotline.reachable == "from-abroad"
    home_line = next(o for o in offers if o.hotline.number == "95588")
    assert home_line.blocked == OTHER_REGION


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_app_opens_with_such_a_home(make_app, content, clock, lang):
    from tui.domain.tracker import Tracker

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("ICBC debit", "bank", "report-lost", "ICBC", "CN"))
    app = make_app(store, lang=lang, home="AQ")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.tracker.home_region(lang) == "AQ"
        assert "0/1" in app.sub_title, app.sub_title
        said = app.steps.call_text.plain if app.steps.call_text else ""
        assert "+86 10 95588" in said, said


@pytest.mark.parametrize(("written", "code"), [("ＣＮ", "CN"), ("ｕｋ", "GB"), ("'ＡＱ'", "AQ")])
def test_a_home_typed_full_width_is_read_as_the_region_field_reads_it(tmp_path, written, code):
    """An input method's full-width letters: the card form's Region takes `ＣＮ` as CN,
    and so does config.yaml's home."""
    config, _path = _home(tmp_path, written)
    assert (config.home, config.problems) == (code, ())
