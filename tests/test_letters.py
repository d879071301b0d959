"""Letters: a cancellation, loss-report or refund letter for a card, filled in from its
facts with identifiers masked, from templates the user can replace; the preview in the
app copies it and writes it to a file; `cardoff-tui letter` prints or writes it."""

from __future__ import annotations

import re

import pytest

from tests.conftest import run_cli
from tests.helpers.pilot import settle, wait_shown, wait_until
from tests.test_type_ahead import burst, typed_out
from tui.base.clock import configure_dates
from tui.base.i18n import Catalog
from tui.base.paths import content_dir
from tui.domain.letter_text import write_letter
from tui.domain.tracker import Tracker
from tui.library.content import validate_path
from tui.library.letters import BODIES, load_letters
from tui.records.card_fields import CardFields
from tui.secrets.secret_store import SystemKeyring
from tui.secrets.secrets_setup import SecretsSetup
from tui.storage.store import DB_FILENAME, Store

PASS = "correct horse battery"
NUMBER = "6222021234567894321"  # a bank card number: its last 4 are 4321
ICCID = "89860077665544332211"
EID = "89049032000001000000012345678901"
PIN = "730915"  # a port-out PIN: a secret, nothing of it may show
REFERENCE = "GS-2026-7781"
SIZE = (80, 24)
KINDS = ("cancel", "report-lost", "refund")


def no_keyring() -> SystemKeyring:
    """What keyring resolves to with no session bus: identifiers go to the vault."""
    return SystemKeyring(None, "fail.Keyring", "no recommended keyring backend is available")


def seeded(folder, content, clock) -> tuple[Store, Tracker, dict[str, str]]:
    """A data file whose bank card and eSIM keep their identifiers in a real vault
    (encrypted, in `folder`), each with a loss report and its reference logged."""
    store = Store.open(folder / DB_FILENAME)
    setup = SecretsSetup(folder / "identifiers.vault", resolver=no_keyring)
    tracker = Tracker(store, content.playbooks, clock, setup.create(PASS), issuers=content.issuers)
    bank = tracker.add_card(
        CardFields("Salary card", "bank", "cancel", issuer="ICBC", region="CN"), {"number": NUMBER}
    )
    esim = tracker.add_card(
        CardFields("Travel eSIM", "esim", "cancel", issuer="China Mobile", region="CN"),
        {"iccid": ICCID, "eid": EID, "port_pin": PIN},
    )
    for card in (bank, esim):
        tracker.record_call(card.id, "95588", REFERENCE)
        tracker.set_money(card.id, "120.5", "20", "CNY")
    return store, tracker, {"bank": bank.id, "esim": esim.id}


def unmasked(text: str) -> list[str]:
    """The full identifiers (or any 8 of their digits in a row, or the PIN standing
    alone) that `text` holds."""
    found = []
    for value in (NUMBER, ICCID, EID):
        found += [value[i : i + 8] for i in range(len(value) - 7) if value[i : i + 8] in text]
    if re.search(rf"(?<![0-9A-Za-z]){PIN}(?![0-9A-Za-z])", text):
        found.append(PIN)
    return found


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_letter_holds_the_cards_facts_and_no_full_identifier(
    tmp_path, content, clock, lang, kind
):
    store, tracker, ids = seeded(tmp_path, content, clock)
    configure_dates(lang)
    t = Catalog(content.strings, lang)
    letters, problems = load_letters(content_dir())
    assert problems == []
    bank = write_letter(tracker, ids["bank"], letters, t, kind).text
    esim = write_letter(tracker, ids["esim"], letters, t, kind).text
    store.close()
    bank_name = {"en": "Industrial and Commercial Bank of China", "zh-CN": "中国工商银行"}[lang]
    ending = {"en": "card number ending 4321", "zh-CN": "卡号尾号4321"}[lang]
    assert "Salary card" in bank and bank_name in bank and ending in bank
    assert "Travel eSIM" in esim and {"en": "China Mobile", "zh-CN": "中国移动"}[lang] in esim
    assert "2211" in esim and "8901" in esim  # the ICCID's and EID's last 4
    for letter in (bank, esim):
        assert REFERENCE in letter
        assert unmasked(letter) == []
        assert "{" not in letter  # every field filled in
    if kind == "refund":  # the amounts, as the language writes them
        assert ("CN¥140.50" if lang == "en" else "¥140.50") in bank


@pytest.mark.parametrize(
    ("lang", "amounts"),
    [
        (
            "en",
            "balance CN¥35.50, deposit CN¥20.00, in all CN¥55.50; refunded so far CN¥53.50,"
            " so CN¥2.00 is still to be refunded.",
        ),
        ("zh-CN", "余额¥35.50，押金¥20.00，共计¥55.50；已退还¥53.50，尚待退还¥2.00。"),
    ],
)
def test_a_refund_letter_after_part_came_back_says_the_total_and_what_is_left(
    tracker, content, lang, amounts
):
    """A balance of 35.50 and a deposit of 20 with 53.50 refunded: the letter said
    "in all ¥2.00" beside the two amounts (what is left, read as their total)."""
    card = tracker.add_card(CardFields("Metro", "transit", "cancel", region="CN"))
    tracker.set_money(card.id, "35.50", "20", "CNY")
    tracker.record_refund(card.id, "53.50", "part of it")
    configure_dates(lang)
    letters = load_letters(content_dir())[0]
    t = Catalog(content.strings, lang)
    text = write_letter(tracker, card.id, letters, t, "refund").text
    assert amounts in text, text


def test_a_proof_with_its_own_time_does_not_say_the_day_again(tracker, content):
    card = tracker.add_card(CardFields("Metro", "transit", "cancel", region="CN"))
    step = tracker.view(card.id).items[-1].step_id
    tracker.record_evidence(card.id, {"reference": "P1", "when": "2026-02-27 15:20"}, step)
    configure_dates("en")
    letters = load_letters(content_dir())[0]
    text = write_letter(tracker, card.id, letters, Catalog(content.strings, "en"), "refund").text
    proof = next(line for line in text.splitlines() if line.startswith("Proof so far"))
    assert "P1" in proof and proof.count("2026") == 1, proof


def test_a_fact_not_recorded_yet_is_a_placeholder(tracker, content):
    card = tracker.add_card(CardFields("Old card", "bank", "report-lost"))
    letters = load_letters(content_dir())[0]
    for lang, placeholders in (
        ("en", ["[reference]", "[issuer]", "[date reported]", "[region]"]),
        ("zh-CN", ["[受理编号]", "[发卡机构]", "[挂失日期]", "[地区]"]),
    ):
        text = write_letter(tracker, card.id, letters, Catalog(content.strings, lang)).text
        assert all(p in text for p in placeholders), text


LETTER = """\
id: {id}
letter: cancel
title: {{en: My own letter}}
body:
  en: |-
    Dear {{issuer}}, close {{label}} ({{identifiers}}). {body}
"""


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("Account holder: {account_holder}.", "{account_holder}"),
        ("{label.__class__}", "{label.__class__}"),  # attributes are never looked up
        ("{label:>999999999}", "{label:>999999999}"),  # nor a huge padding built
        ("{label!r}", "{label!r}"),
        ("{label[0]}", "{label[0]}"),
    ],
)
def test_a_template_naming_an_unknown_field_fails_validate(tmp_path, body, named):
    letters = tmp_path / "config" / "letters"
    letters.mkdir(parents=True)
    (letters / "mine.yaml").write_text(LETTER.format(id="mine", body=body), encoding="utf-8")
    _count, errors = validate_path(tmp_path / "config", content_dir())
    assert [e.line for e in errors] == [5], [str(e) for e in errors]  # body.en
    assert f"unknown field {named}" in str(errors[0])
    # the app leaves it out, and says so; the shipped ones still load
    book, problems = load_letters(content_dir(), tmp_path / "config")
    assert len(problems) == 1 and "mine" not in book.letters and "cancel" in book.letters


def test_validate_on_the_command_line_names_the_unknown_field(tmp_path):
    (tmp_path / "letters").mkdir()
    mine = tmp_path / "letters" / "mine.yaml"
    mine.write_text(LETTER.format(id="mine", body="{account_holder}"), encoding="utf-8")
    result = run_cli("validate", str(mine))
    assert result.returncode == 1
    assert f"{mine}:5: body.en: unknown field {{account_holder}}" in result.stdout


def test_a_label_that_looks_like_a_field_stays_as_typed(tracker, content):
    card = tracker.add_card(CardFields("{reference} {label.__class__}", "bank", "cancel"))
    letters = load_letters(content_dir())[0]
    text = write_letter(tracker, card.id, letters, Catalog(content.strings, "en")).text
    assert text.startswith("Request to cancel: {reference} {label.__class__} (")


def test_a_users_template_replaces_the_shipped_one(tracker, content, tmp_path):
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "cancel.yaml").write_text(
        LETTER.format(id="cancel", body="Mine."), encoding="utf-8"
    )
    book, problems = load_letters(content_dir(), tmp_path)
    assert problems == [] and book.letters["cancel"].from_user
    card = tracker.add_card(CardFields("Gym card", "other", "cancel", issuer="FitCo"))
    text = write_letter(tracker, card.id, book, Catalog(content.strings, "en")).text
    assert text == "Dear FitCo, close Gym card ([number ending …]). Mine.\n"
    # the shipped one, for the same card, before the user's replaced it
    shipped = write_letter(
        tracker, card.id, load_letters(content_dir())[0], Catalog(content.strings, "en")
    )
    assert shipped.text.startswith("Request to cancel: Gym card")


def test_cli_letter_prints_writes_and_never_overwrites(tmp_path, content, clock):
    store, _tracker, _ids = seeded(tmp_path, content, clock)
    store.close()
    result = run_cli("letter", "salary card", "--kind", "report-lost", data=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "card number ending 4321" in result.stdout and REFERENCE in result.stdout
    assert unmasked(result.stdout) == []
    zh = run_cli("--lang", "zh-CN", "letter", "Travel eSIM", data=tmp_path)
    assert zh.returncode == 0 and "申请注销" in zh.stdout and "ICCID尾号2211" in zh.stdout
    out = tmp_path / "letter.txt"
    wrote = run_cli("letter", "Salary card", "--out", str(out), data=tmp_path)
    assert wrote.returncode == 0 and "Request to cancel: Salary card" in out.read_text()
    out.write_text("kept")
    again = run_cli("letter", "Salary card", "--kind", "refund", "--out", str(out), data=tmp_path)
    assert again.returncode == 1 and "exists and was left as it was" in again.stderr
    assert out.read_text() == "kept"
    unknown = run_cli("letter", "No such card", data=tmp_path)
    assert (
        unknown.returncode == 1 and 'no card has the id or label "No such card"' in unknown.stderr
    )


async def test_preview_copies_and_saves_without_overwriting(make_app, tmp_path, content, clock):
    from tui.ui.dialogs import ConfirmDialog
    from tui.ui.letter_screen import LetterPathScreen, LetterScreen

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(CardFields("Yikatong", "transit", "report-lost", issuer="Beijing"))
    tracker.record_call(card.id, "96166", REFERENCE)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, LetterScreen), "the letter")
        text = app.screen.text
        assert text.startswith("Lost card: Yikatong") and REFERENCE in text
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == text
        await pilot.press("t")  # the next kind of letter: a refund request
        await settle(pilot)
        assert app.screen.text.startswith("Refund request: Yikatong")
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, LetterPathScreen), "the path")
        path = tmp_path / "refund.txt"
        app.screen.field("path").value = str(path)
        await pilot.press("enter")
        await wait_until(pilot, path.exists, "the letter written")
        assert path.read_text(encoding="utf-8").startswith("Refund request: Yikatong")
        path.write_text("kept", encoding="utf-8")
        await wait_until(pilot, lambda: isinstance(app.screen, LetterScreen), "the preview")
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, LetterPathScreen), "the path")
        app.screen.field("path").value = str(path)
        await pilot.press("enter")
        await wait_shown(pilot, ConfirmDialog, "the question")
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, LetterScreen), "the preview")
        assert path.read_text(encoding="utf-8") == "kept"
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, LetterPathScreen), "the path")
        app.screen.field("path").value = str(path)
        # Enter and y in one burst: the y was typed before the question showed, so it
        # answers nothing (the user may not know a file of that name is there)
        await typed_out(pilot, burst(app, "enter", "y"))
        assert isinstance(app.screen, ConfirmDialog) and path.read_text(encoding="utf-8") == "kept"
        await pilot.press("y")
        await wait_until(pilot, lambda: path.read_text(encoding="utf-8") != "kept", "replaced")
        assert path.read_text(encoding="utf-8").startswith("Refund request: Yikatong")


def test_a_cancel_letter_for_a_number_to_port_out_comes_with_a_caution(tracker, content):
    from tui.domain.letter_text import letter_caution

    keep = tracker.add_card(CardFields("Keep my number", "esim", "port-out", "China Mobile", "CN"))
    pause = tracker.add_card(CardFields("Pause it", "bank", "suspend"))
    close = tracker.add_card(CardFields("Close it", "bank", "cancel"))
    en, zh = Catalog(content.strings, "en"), Catalog(content.strings, "zh-CN")
    assert "a cancelled number is lost" in letter_caution(keep, None, en)
    assert "携号转网" in letter_caution(keep, None, zh)
    assert "for good" in letter_caution(pause, None, en)
    assert letter_caution(close, None, en) == ""
    assert letter_caution(keep, "cancel", en) == ""  # asked for by name: no caution
    letters = load_letters(content_dir())[0]
    assert write_letter(tracker, keep.id, letters, en).letter == "cancel"


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_letter_for_someone_elses_card_is_written_on_their_behalf(tracker, content, lang, kind):
    configure_dates(lang)
    t = Catalog(content.strings, lang)
    letters = load_letters(content_dir())[0]
    mums = tracker.add_card(CardFields("Mum's phone", "esim", "cancel", owner="Mum"))
    mine = tracker.add_card(CardFields("My phone", "esim", "cancel"))
    theirs = write_letter(tracker, mums.id, letters, t, kind).body
    own = write_letter(tracker, mine.id, letters, t, kind).body
    my = {"en": ["my ", "My "], "zh-CN": ["本人申请", "本人的"]}[lang]
    behalf = {
        "en": "on behalf of the account holder, Mum", "zh-CN": "本人受账户持有人Mum委托"
    }[lang]
    assert behalf in theirs, theirs
    assert not any(word in theirs for word in my), theirs  # not "my eSIM mobile plan"
    assert "Mum" not in own and any(word in own for word in my), own
    assert "[" + "account holder" not in theirs  # the holder is named, not a placeholder


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_late_relatives_letter_is_written_as_executor_or_next_of_kin(
    tracker, content, lang
):
    configure_dates(lang)
    t = Catalog(content.strings, lang)
    letters = load_letters(content_dir())[0]
    bundle = content.bundles.get("relative-accounts")
    fields = [card.fields(lang, owner="Grandma Wang") for card in bundle.cards]
    bank, *_ = tracker.add_cards(fields, bundle="x", holder=bundle.holder)
    tracker.add_card(CardFields("Grandma's bus card", "transit", "cancel", owner="Grandma Wang"))
    text = write_letter(tracker, bank.id, letters, t, "cancel").body
    said = {
        "en": "executor or next of kin of the late Grandma Wang",
        "zh-CN": "已故的Grandma Wang的遗嘱执行人",
    }
    assert said[lang] in text, text
    assert {"en": "death certificate", "zh-CN": "死亡证明"}[lang] in text
    assert {"en": "my bank card", "zh-CN": "本人申请注销"}[lang] not in text
    # the same owner's card added by hand: written on her behalf, not for her estate
    bus = [v.card for v in tracker.views() if v.card.label == "Grandma's bus card"][0]
    other = write_letter(tracker, bus.id, letters, t, "cancel").body
    assert "Grandma Wang" in other and said[lang] not in other


def test_a_body_for_another_holder_is_checked_like_the_body(tmp_path):
    letters = tmp_path / "config" / "letters"
    letters.mkdir(parents=True)
    text = LETTER.format(id="mine", body="") + (
        "body_estate:\n  en: |-\n    For the late {holder}: {account_holder}\n"
    )
    (letters / "mine.yaml").write_text(text, encoding="utf-8")
    _count, errors = validate_path(tmp_path / "config", content_dir())
    assert len(errors) == 1 and "body_estate.en: unknown field {account_holder}" in str(errors[0])


BRACKETS_IN_BRACKETS = re.compile(r"\([^)]*\(|（[^）]*（")


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_no_bundles_card_reads_doubled_in_a_letter(tracker, content, lang):
    """A letter puts the card's label in brackets beside its kind: a bundle's label in
    brackets of its own read `银行卡（银行卡（亲属），…）`. Every bundle's cards, every
    letter: no bracket opened inside another."""
    configure_dates(lang)
    t = Catalog(content.strings, lang)
    letters = load_letters(content_dir())[0]
    for bundle in content.bundles:
        owner = "Grandma Wang" if bundle.holder else ""
        fields = [card.fields(lang, owner=owner) for card in bundle.cards]
        for card in tracker.add_cards(fields, bundle=bundle.id, holder=bundle.holder):
            if bundle.holder:  # beside its kind in the brackets, a label that is the
                # kind's name reads twice (the bank card (Bank card, …))
                assert card.label.casefold() != t(f"letter.kind.{card.kind.value}").casefold()
            for kind in ("cancel", "report-lost", "refund"):
                text = write_letter(tracker, card.id, letters, t, kind).body
                assert not BRACKETS_IN_BRACKETS.search(text), (bundle.id, card.label, text)


@pytest.mark.parametrize(
    ("lang", "said", "not_said"),
    [
        ("en", "cannot be used as proof of my identity", "keep the card blocked"),
        ("zh-CN", "以免被他人用来冒充本人身份", "请保持该卡冻结"),
    ],
)
def test_a_lost_id_document_s_letter_asks_what_an_issuing_office_can_do(
    tracker, content, lang, said, not_said
):
    """The loss letter for an ID document asked to keep "the card" frozen and to be
    told of its transactions: a document has none. Its own template (kinds:
    [id-document]) is chosen; a bank card keeps the card letter."""
    passport = tracker.add_card(CardFields("Passport", "id-document", "report-lost"))
    bank = tracker.add_card(CardFields("Debit", "bank", "report-lost"))
    tracker.record_call(passport.id, "", "PR-2026-1")
    configure_dates(lang)
    letters, problems = load_letters(content_dir())
    assert problems == []
    t = Catalog(content.strings, lang)
    text = write_letter(tracker, passport.id, letters, t, "report-lost").text
    assert said in text and not_said.lower() not in text.lower() and "PR-2026-1" in text
    card_letter = write_letter(tracker, bank.id, letters, t, "report-lost").text
    assert not_said.lower() in card_letter.lower()


# A Chinese letter closes with 此致 on a line of its own, two characters in (two
# ideographic spaces), and 敬礼！ at the start of the next line, before the signature:
# every template and body did, but the ID document's lacked the 敬礼 in all the others.
ZH_CLOSING = "\n\n\u3000\u3000此致\n敬礼！\n["


@pytest.mark.parametrize("body", BODIES)
def test_every_chinese_letter_closes_with_ci_zhi_and_jing_li(body):
    letters, problems = load_letters(content_dir())
    assert problems == []
    templates = {letter.id: letter for letter in letters.letters.values()}
    assert set(templates) >= {"cancel", "refund", "report-lost", "report-lost-id-document"}
    for letter_id, letter in templates.items():
        if body.endswith("_gone") and not getattr(letter, body).get("en"):
            continue  # only a letter that can be written for a lost bearer card has one
        text = getattr(letter, body).get("zh-CN")
        assert text.count(ZH_CLOSING) == 1, (letter_id, body, text[-120:])
        assert text.count("此致") == 1 and text.count("敬礼") == 1, (letter_id, body)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("card_kind", ["bank", "id-document"])
def test_a_written_chinese_letter_closes_with_ci_zhi_and_jing_li(tracker, content, kind, card_kind):
    configure_dates("zh-CN")
    zh = Catalog(content.strings, "zh-CN")
    letters = load_letters(content_dir())[0]
    card = tracker.add_card(CardFields("卡", card_kind, "report-lost"))
    text = write_letter(tracker, card.id, letters, zh, kind).text
    assert ZH_CLOSING in text, text


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_no_refund_letter_once_what_came_back_covers_what_was_held(tracker, content, lang):
    """Balance 10 and deposit 20 on record, 30 refunded: nothing is owed, and a refund
    letter asking "refunded so far CN¥30.00" for nothing was written without a word.
    It is refused, saying why; before the last of it came back it is written, and a
    card with no amounts on record still gets one (it asks for whatever is held)."""
    from tui.base.errors import TrackerError

    configure_dates(lang)
    letters = load_letters(content_dir())[0]
    t = Catalog(content.strings, lang)
    card = tracker.add_card(CardFields("Metro", "transit", "cancel", region="CN"))
    tracker.set_money(card.id, "10", "20", "CNY")
    tracker.record_refund(card.id, "25", "most of it")
    assert write_letter(tracker, card.id, letters, t, "refund").text
    tracker.record_refund(card.id, "5", "the rest")
    with pytest.raises(TrackerError) as refused:
        write_letter(tracker, card.id, letters, t, "refund")
    said = t(refused.value.key, **refused.value.params)
    assert refused.value.key == "letter.no_refund_owed" and "Metro" in said, said
    unknown = tracker.add_card(CardFields("Bus", "transit", "cancel", region="CN"))
    assert write_letter(tracker, unknown.id, letters, t, "refund").text
