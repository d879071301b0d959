"""The languages are one list (tui.base.i18n.LANGUAGES): --lang offers them,
config.yaml takes them, the locale variables pick them, each has a catalog with every
key, and dates have a locale for each. Adding a language is its line there and its
catalog; these tests say what else is missing."""

from __future__ import annotations

import pytest
from babel import Locale

from tui.base.clock import display_locale
from tui.base.i18n import (
    DEFAULT_LANG,
    LANGUAGES,
    SUPPORTED,
    message_keys,
    normalise_lang,
    resolve_lang,
)
from tui.base.paths import content_dir
from tui.cli.parser import build_parser
from tui.domain.config import load_config


def test_the_shipped_catalogs_are_the_languages():
    shipped = {path.stem for path in (content_dir() / "i18n").glob("*.yaml")}
    assert shipped == set(SUPPORTED)
    assert DEFAULT_LANG in SUPPORTED


def test_every_catalog_has_every_key_of_the_default(content):
    """The same messages in every language; a counting message's forms are one message
    (English has `one` and `other`, Chinese `other` alone)."""
    default = message_keys(content.strings[DEFAULT_LANG])
    for lang in SUPPORTED:
        assert message_keys(content.strings[lang]) == default, lang


def test_lang_offers_the_languages():
    [lang] = [a for a in build_parser()._actions if "--lang" in a.option_strings]
    assert list(lang.choices) == list(SUPPORTED)
    for code in SUPPORTED:
        assert build_parser().parse_args(["--lang", code]).lang == code
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--lang", "xx"])


@pytest.mark.parametrize("typed", ["zh", "zh-cn", "ZH-CN", "zh_CN", "zh-Hans", "EN", "en_GB"])
def test_lang_and_config_read_a_language_the_same_way(tmp_path, typed):
    config = tmp_path / "config.yaml"
    config.write_text(f"lang: {typed}\n", encoding="utf-8")
    assert load_config(config).problems == ()
    assert build_parser().parse_args(["--lang", typed]).lang == normalise_lang(typed)


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_each_language_is_taken_from_config_and_the_locale(tmp_path, language):
    config = tmp_path / "config.yaml"
    config.write_text(f"lang: {language.code}\n", encoding="utf-8")
    assert load_config(config).problems == ()
    assert normalise_lang(language.code) == language.code
    assert normalise_lang(f"{language.prefix}_XX.UTF-8") == language.code
    assert resolve_lang(None, None, {"LANG": f"{language.prefix}_XX.UTF-8"}) == language.code
    assert display_locale(language.code, {}) == language.date_locale
    assert Locale.parse(language.date_locale).language == language.prefix


def test_config_names_the_languages_when_it_knows_none(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text("lang: xx\n", encoding="utf-8")
    [problem] = load_config(config).problems
    assert problem.endswith(f"unknown lang 'xx'; use {' or '.join(SUPPORTED)}")


def _doctor_says(tmp_path, environ, lang=None) -> str:
    from tui.base.paths import Paths
    from tui.cli.doctor import run_doctor

    paths = Paths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    [check] = [c for c in run_doctor(paths, environ, lang=lang) if c.label == "language"]
    assert check.ok and not check.warn
    return check.text


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_doctor_says_which_language_and_what_picked_it(tmp_path, language):
    locale = f"{language.prefix}_XX.UTF-8"
    said = _doctor_says(tmp_path, {"LANG": locale})
    assert said.startswith(f"{language.code}, from LANG={locale} ")
    assert f"the app speaks {', '.join(SUPPORTED)};" in said
    assert _doctor_says(tmp_path, {"LANG": "fr_FR"}, lang=language.code).startswith(
        f"{language.code}, from --lang "
    )


def test_doctor_says_a_locale_in_no_language_of_the_app_gives_the_default(tmp_path):
    said = _doctor_says(tmp_path, {"LC_ALL": "fr_FR.UTF-8", "LANG": "zh_CN.UTF-8"})
    assert said.startswith(f"{DEFAULT_LANG}, as LC_ALL=fr_FR.UTF-8 is in none of its languages")
    assert _doctor_says(tmp_path, {}).startswith(f"{DEFAULT_LANG}, as no locale variable is set")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.yaml").write_text("lang: zh-CN\n", encoding="utf-8")
    assert _doctor_says(tmp_path, {"LANG": "en_US"}).startswith("zh-CN, from config.yaml ")


def test_doctor_lists_the_languages_as_each_language_writes_a_list(tmp_path):
    """In Chinese the languages the app speaks are listed with 、, not an ASCII comma."""
    from tui.base.i18n import Catalog
    from tui.base.paths import Paths
    from tui.cli.doctor import run_doctor
    from tui.library.content import shipped_strings

    paths = Paths(tmp_path / "data", tmp_path / "config")
    zh = Catalog(shipped_strings(), "zh-CN")
    [check] = [c for c in run_doctor(paths, {}, catalog=zh) if c.label == "language"]
    assert f"应用支持 {'、'.join(SUPPORTED)}；" in check.text, check.text
