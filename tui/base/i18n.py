"""UI strings by key, in the user's language, falling back to English.

The catalogs are content (content/i18n/<lang>.yaml), so translators and users edit
YAML, not code.

A message that counts something holds one form per CLDR plural category of its
language instead of a string (English `one` and `other`, Chinese `other` alone):

    count:
      one: '{count} card'
      other: '{count} cards'

and is asked for with a `count` parameter, which picks the form by the language's
plural rule (Babel's, from CLDR; see plural_category).
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Iterable, Mapping
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


PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")  # CLDR's, in its order
PLURAL_RULES_VERSION = 1  # bump when what plural-*.json holds changes
_plural_rules: dict[str, object] = {}


def date_locale_of(lang: str) -> str:
    """The Babel locale of a language of LANGUAGES (en → en_US); en_US for others."""
    return next((x.date_locale for x in LANGUAGES if x.code == lang), "en_US")


def plural_category(lang: str, count: int) -> str:
    """The CLDR plural category ("one", "other", ...) of the whole number `count` in
    `lang` (a code of LANGUAGES), by Babel's plural rules for the language. Babel is
    asked once per install: its rule is kept in the cache folder as a gettext
    Plural-Forms expression (Babel's to_gettext, read back with the standard
    library's gettext), so a later start does not load Babel for it."""
    rule = _plural_rules.get(lang)
    if rule is None:
        rule = _plural_rules[lang] = _plural_rule(lang)
    return rule(int(count))


def _plural_rule(lang: str):
    """A function of a whole number giving its category in `lang` (plural_category)."""
    import gettext

    from tui.base.kept_facts import kept

    locale = date_locale_of(lang)
    key = [PLURAL_RULES_VERSION, _babel_stamp(), locale]
    facts = kept("plural", key, lambda: _work_out_plural(locale), _plural_usable)
    if facts.get("expression") is None:
        return _babel_plural(locale)
    categories, index = facts["categories"], gettext.c2py(facts["expression"])
    return lambda count: categories[index(count)]


def _babel_stamp() -> list:
    from tui.base.clock import babel_stamp

    return babel_stamp()


def _babel_plural(locale: str):
    from babel import Locale

    return Locale.parse(locale).plural_form


def _work_out_plural(locale: str) -> dict:
    """Babel's rule for `locale` as a gettext expression and the categories its
    indices stand for; expression None when gettext cannot read it for whole numbers
    as Babel does (a rule on decimals' digits): then Babel decides each time."""
    import gettext

    from babel.plural import to_gettext

    rule = _babel_plural(locale)
    used = rule.tags | {"other"}
    categories = [tag for tag in PLURAL_CATEGORIES if tag in used]
    expression = to_gettext(rule).split("plural=", 1)[1].rstrip(";")
    try:
        index = gettext.c2py(expression)
        same = all(categories[index(n)] == rule(n) for n in range(0, 1200))
    except (ValueError, IndexError, SyntaxError):
        same = False
    return {"categories": categories, "expression": expression if same else None}


def _plural_usable(facts: object) -> bool:
    """Whether a rule read back from the cache folder can be used (a damaged or
    edited file is worked out again)."""
    if not isinstance(facts, dict) or not isinstance(facts.get("categories"), list):
        return False
    if facts.get("expression") is None:
        return True
    import gettext

    try:
        index = gettext.c2py(facts["expression"])
        return all(facts["categories"][index(n)] in PLURAL_CATEGORIES for n in range(0, 200))
    except (ValueError, IndexError, SyntaxError, TypeError):
        return False


def message_keys(strings: Mapping[str, str]) -> set[str]:
    """The messages of a flat catalog (tui.library.content.flatten): its keys, a
    counting message's forms (`inventory.count.one`, `inventory.count.other`) as one
    key (`inventory.count`), so languages with other plural categories compare."""
    counting = plural_forms(strings)
    return {key.rpartition(".")[0] if key.rpartition(".")[0] in counting else key
            for key in strings}


def plural_forms(strings: Mapping[str, str]) -> dict[str, set[str]]:
    """Each counting message of a flat catalog and the categories it holds: a key
    whose every sub-key is a plural category, `other` among them (`kind.other` is a
    word among the kinds, not a form)."""
    children: dict[str, set[str]] = {}
    for key in strings:
        stem, _, last = key.rpartition(".")
        children.setdefault(stem, set()).add(last)
    nested = {key.rpartition(".")[0].rpartition(".")[0] for key in strings}
    return {
        stem: names
        for stem, names in children.items()
        if "other" in names and names <= set(PLURAL_CATEGORIES) and stem not in nested
    }


class _KeyWords(dict):
    """A message's parameters; a key it names that no one named (`{key_add}` in a
    catalog never given `name_keys`) stays as written, and the rest is filled in."""

    def __missing__(self, name: str) -> str:
        if name.startswith("key_"):
            return "{" + name + "}"
        raise KeyError(name)


class Phrase(str):
    """A string key passed as a parameter of another string: the catalog puts in the
    phrase's text, formatted with the same parameters (so the domain can name a reason,
    e.g. Phrase("disk.full"), without knowing the user's language)."""


class Quoted(str):
    """A value the user gave (typed on the command line, or written in their own
    config.yaml or YAML content), put into a message between the language's quotes by
    the catalog's one rule for them, `text.quoted` ('Mars' in English, “火星” in
    Chinese): never Python's repr, whose quotes and escapes are neither language's.
    Made by `user_value`; `english` is how English text made without a catalog (a
    problem's English, for logs and tests) quotes it."""

    @property
    def english(self) -> str:
        return f"'{self}'"


class Amount(str):
    """An amount of money passed as a parameter of a message: the catalog shows it as
    the app's one money formatter does for the message's language
    (tui.base.money.money_text: "CN¥55.50"), so the domain can name an amount without
    knowing the user's language. As text it is "55.50 CNY"."""

    amount: str
    currency: str

    def __new__(cls, amount: object, currency: str = "") -> Amount:
        made = super().__new__(cls, f"{amount} {currency}".strip())
        made.amount = str(amount)
        made.currency = currency
        return made


class Listed(str):
    """Items passed as a parameter of a message, joined as the message's language joins
    a list (CLDR's list patterns, through Babel's format_list): "card number and PIN",
    "卡号和PIN"; Choices joins alternatives. The domain can so list things without
    knowing the user's language. As text it is the English."""

    style = "standard"
    items: tuple[str, ...]

    def __new__(cls, items: Iterable[str]) -> Listed:
        items = tuple(items)
        made = super().__new__(cls, _listed(items, cls.style, DEFAULT_LANG))
        made.items = items
        return made


class Choices(Listed):
    """Alternatives ("use {known}"): "en or zh-CN", "en或zh-CN" (CLDR's "or" pattern)."""

    style = "or"


def _listed(items: tuple[str, ...], style: str, lang: str) -> str:
    from babel.lists import format_list  # Babel: not needed at start-up

    return format_list(list(items), style=style, locale=date_locale_of(lang))


class KeyName(str):
    """The name of a key put into a message (`回车`, `空格`, `^s`): a Chinese message
    keeps the spaces its template puts on either side of it (`回车 下一栏`, never
    `回车下一栏`, see _tightened). `Catalog.name_keys` makes every `{key_<id>}` one; a
    caller that puts key names in another field passes them as KeyName."""


def user_value(value: object) -> str:
    """`value`, as the user gave it, for a message to show: text as Quoted, on one line
    with any control character shown as its symbol (sanitiser.one_line: a typed ESC
    never reaches the terminal); anything else read from YAML (a number, a list, a
    mapping) as JSON writes it, without quotes: `86`, `["CN"]`."""
    if isinstance(value, str):
        from tui.base.sanitiser import one_line

        return Quoted(one_line(value))
    import json

    return json.dumps(value, ensure_ascii=False, default=str)


def _money_text(amount: Amount, lang: str) -> str:
    from tui.base.money import money_text  # Babel: not needed at start-up

    return money_text(amount.amount, amount.currency, lang)


def in_english(value: str) -> str:
    """A `user_value` as English text made without a catalog shows it."""
    return value.english if isinstance(value, Quoted) else value


# A value put into a message is marked while the message is filled (private-use
# characters), so that only the message's own spaces beside a value are looked at.
_OPEN, _CLOSE = "\ue000", "\ue001"
# a key name (KeyName) is put in between two of these: neither a Chinese character nor
# a quote, so the spaces beside it are never taken away
_KEY = "\ue002"
_HAN = "\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# a value may also start or end with Chinese quotes (a quoted value: “火星”)
_HAN_OR_QUOTE = _HAN + "\u201c\u201d\u2018\u2019"
_LOOSE = re.compile(
    rf"(?<=[{_HAN}]) (?={_OPEN}[{_HAN_OR_QUOTE}])|(?<=[{_HAN_OR_QUOTE}]{_CLOSE}) (?=[{_HAN}])"
)
_marked_cache: dict[str, str] = {}


def _marked(text: str) -> str:
    """`text` (a message) with each of its fields between _OPEN and _CLOSE."""
    marked = _marked_cache.get(text)
    if marked is None:
        parts = []
        for literal, field, spec, conversion in string.Formatter().parse(text):
            parts.append(literal.replace("{", "{{").replace("}", "}}"))
            if field is not None:
                parts.append(_OPEN + "{" + field + (f"!{conversion}" if conversion else "")
                             + (f":{spec}" if spec else "") + "}" + _CLOSE)
        marked = _marked_cache[text] = "".join(parts)
    return marked


def _tightened(filled: str) -> str:
    """A Chinese message filled with marked values, without the spaces its template
    puts between a Chinese character and a value that starts or ends with one
    ("已为 {label} 致电" with 工行借记卡: "已为工行借记卡致电"; with "ICBC debit" the
    spaces stay: "已为 ICBC debit 致电"). Mixed Chinese and Latin text keeps its space, and
    a key name (KeyName) keeps both of its spaces: "回车 下一栏"."""
    tight = _LOOSE.sub("", filled)
    return tight.replace(_OPEN, "").replace(_CLOSE, "").replace(_KEY, "")


class Catalog:
    """Looks up UI strings; a missing key shows as the key itself, never crashes.

    A message that names a key of the app says `{key_<id>}` (`Press {key_add} to add
    one`): `name_keys` gives the words for each, the keys as the user's keymap maps
    them (tui/ui/key_names.py), so a message names the key that works now."""

    def __init__(self, strings: Mapping[str, Mapping[str, str]], lang: str) -> None:
        self.lang = lang
        self._primary = dict(strings.get(lang, {}))
        self._fallback = dict(strings.get(DEFAULT_LANG, {}))
        self._key_words: dict[str, str] = {}
        # Chinese: no space between a Chinese word of the message and a value that
        # begins or ends with a Chinese character (see _tightened)
        self._tight = lang.startswith("zh")

    def name_keys(self, words: Mapping[str, str]) -> None:
        """`{key_<id>}` in a message becomes `words["key_<id>"]` (e.g. `key_add`: `a`)."""
        self._key_words = {name: KeyName(word) for name, word in words.items()}

    def __call__(self, key: str, **params: object) -> str:
        """The message `key` with `params` filled in; a counting message (see the
        module's docstring) in the form its `count` parameter takes."""
        text = self._primary.get(key)  # "" is a message too (text.sentence_gap in Chinese)
        if text is None:
            text = self._fallback.get(key)
        if text is None and "count" in params:
            text = self._counted(key, params["count"])
        if text is None:
            return key
        if "{key_" in text:  # names a key: the one that works now
            params = _KeyWords({**self._key_words, **params})
        if params:
            # a phrase is filled with the other parameters (a phrase among them too:
            # each level leaves itself out, so this ends)
            # a value the user gave goes between the language's quotes (Quoted)
            params = _KeyWords(
                (k, self(v, **{n: w for n, w in params.items() if n != k})
                 if isinstance(v, Phrase)
                 else self("text.quoted", text=str.__str__(v)) if isinstance(v, Quoted)
                 else _money_text(v, self.lang) if isinstance(v, Amount)
                 else _listed(v.items, v.style, self.lang) if isinstance(v, Listed)
                 else v)
                for k, v in params.items()
            )
            tight = self._tight and (" {" in text or "} " in text)
            if tight:  # a key name's edges are left alone (KeyName)
                params = _KeyWords(
                    (k, _KEY + v + _KEY if isinstance(v, KeyName) else v)
                    for k, v in params.items()
                )
            try:
                if tight:
                    return _tightened(_marked(text).format_map(params))
                return text.format_map(params)
            except (KeyError, IndexError, ValueError, AttributeError, TypeError):
                return text  # a field it cannot fill ({x}, {x.y}, {x[0]}): as written
        return text

    def _counted(self, key: str, count: object) -> str | None:
        """The form of counting message `key` for `count`, in the language that has
        the message (English when the user's catalog lacks it)."""
        for table, lang in ((self._primary, self.lang), (self._fallback, DEFAULT_LANG)):
            other = table.get(f"{key}.other")
            if other is None:
                continue
            try:
                category = plural_category(lang, int(count))
            except (TypeError, ValueError):
                return other
            return table.get(f"{key}.{category}") or other
        return None

    def has(self, key: str) -> bool:
        return (
            key in self._primary
            or key in self._fallback
            or f"{key}.other" in self._primary
            or f"{key}.other" in self._fallback
        )
