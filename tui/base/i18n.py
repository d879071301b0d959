"""UI strings by key, in the user's language, falling back to English.

The catalogs are content (content/i18n/<lang>.yaml), so translators and users edit
YAML, not code.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """A language the app speaks. `code`: what --lang and config.yaml's `lang` take,
    and the catalog's file name (content/i18n/<code>.yaml); `prefix`: what a locale
    name in that language starts with, lower case (LANG=zh_TW.UTF-8 → zh-CN);
    `date_locale`: Babel's locale for dates when the locale variables name none in
    this language."""

    code: str
    prefix: str
    date_locale: str


# The languages, in one list: --lang's choices, config.yaml's `lang`, the locale
# variables (resolve_lang), the catalogs content/i18n/<code>.yaml (a test holds that
# each has one, with every key of English), and the dates' locale (tui.base.clock).
# Adding a language is one line here and its catalog.
LANGUAGES = (
    Language("en", prefix="en", date_locale="en_US"),
    Language("zh-CN", prefix="zh", date_locale="zh_CN"),
)
SUPPORTED = tuple(language.code for language in LANGUAGES)
DEFAULT_LANG = "en"


def normalise_lang(value: str | None) -> str | None:
    """'zh_CN.UTF-8', 'zh-cn', 'zh' → 'zh-CN'; 'en_GB' → 'en'; unknown → None (the
    languages of LANGUAGES, matched by their prefix)."""
    if not value:
        return None
    code = value.split(".")[0].split("@")[0].replace("_", "-").lower()
    if code in ("c", "posix"):
        return None
    return next((lang.code for lang in LANGUAGES if code.startswith(lang.prefix)), None)


def resolve_lang(cli: str | None, config: str | None, environ: Mapping[str, str] = os.environ):
    """--lang, then the config file, then LC_ALL / LC_MESSAGES / LANG, then English."""
    return chosen_lang(cli, config, environ)[0]


def chosen_lang(
    cli: str | None, config: str | None, environ: Mapping[str, str] = os.environ
) -> tuple[str, str]:
    """The language as resolve_lang picks it, and what picked it: "--lang",
    "config.yaml", the locale variable ("LANG=fr_FR.UTF-8", which gives English when it
    names none of LANGUAGES) or "" (nothing set: English)."""
    for candidate, source in ((cli, "--lang"), (config, "config.yaml")):
        lang = normalise_lang(candidate)
        if lang:
            return lang, source
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var)
        if value:  # the first one set decides, as in POSIX
            return normalise_lang(value) or DEFAULT_LANG, f"{var}={value}"
    return DEFAULT_LANG, ""


class Phrase(str):
    """A string key passed as a parameter of another string: the catalog puts in the
    phrase's text, formatted with the same parameters (so the domain can name a reason,
    e.g. Phrase("disk.full"), without knowing the user's language)."""


class Catalog:
    """Looks up UI strings; a missing key shows as the key itself, never crashes."""

    def __init__(self, strings: Mapping[str, Mapping[str, str]], lang: str) -> None:
        self.lang = lang
        self._primary = dict(strings.get(lang, {}))
        self._fallback = dict(strings.get(DEFAULT_LANG, {}))

    def __call__(self, key: str, **params: object) -> str:
        text = self._primary.get(key) or self._fallback.get(key)
        if text is None:
            return key
        if params:
            plain = {k: v for k, v in params.items() if not isinstance(v, Phrase)}
            params = {
                k: self(v, **plain) if isinstance(v, Phrase) else v for k, v in params.items()
            }
            try:
                return text.format(**params)
            except (KeyError, IndexError, ValueError, AttributeError, TypeError):
                return text  # a field it cannot fill ({x}, {x.y}, {x[0]}): as written
        return text

    def has(self, key: str) -> bool:
        return key in self._primary or key in self._fallback
