"""The user's config file (config.yaml in the config dir): language, key map, backups,
mouse, whether the user is abroad, the country they live in (`home`; without it,
tui.domain.home_region guesses it from their cards), how long an identifier stays in
the clipboard or the encrypted file unlocked, the theme picked in the command palette, the card
list's order and grouping (`sort`, `group`; tui.domain.card_order) chosen in the app
(those three written by tui.domain.config_writer), and the services `cardoff-tui
notify` sends reminders through (tui.domain.notify_config).

A broken config file never stops the app: it is reported, left as it is, and the
defaults are used. It is read as every YAML file is (tui.library.yaml_reader), as YAML 1.2:
`mouse: off` is the text "off", reported as not true or false, and that setting's
default is used; the other settings still apply.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from tui.base.i18n import SUPPORTED, Choices, Phrase, in_english, normalise_lang, user_value
from tui.base.wide_forms import narrowed
from tui.domain.card_order import GROUPS, ORDERS
from tui.domain.notify_config import NotifySettings, read_notify
from tui.library.content import ContentError, read_yaml
from tui.library.regions import is_country_code, typed_code
from tui.library.yaml_reader import WordedText
from tui.records.attachments import DEFAULT_LIMIT_MB, MOST_LIMIT_MB
from tui.storage.json_storage import DEFAULT_KEEP

CLIPBOARD_CLEAR = 30  # seconds after copying an identifier until the clipboard is cleared
VAULT_IDLE_LOCK = 600  # seconds without a key until the encrypted file locks again
MOST_SECONDS = {"clipboard_clear": 3600, "vault_idle_lock": 86400}


@dataclass(frozen=True)
class Config:
    lang: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problems: tuple[WordedText, ...] = ()  # English text, with catalog words (config_problem.*)
    backups: int = DEFAULT_KEEP
    mouse: bool = True
    clipboard_clear: int = CLIPBOARD_CLEAR  # seconds; 0: never cleared
    vault_idle_lock: int = VAULT_IDLE_LOCK  # seconds; 0: never locked while the app runs
    abroad: bool = False  # outside the cards' regions: numbers that work from abroad first
    home: str = ""  # ISO 3166 code of the country the user lives in; "": guessed from the cards
    theme: str | None = None  # a Textual theme's name; whether it exists, the app says
    notify: NotifySettings = NotifySettings()  # `notify:` (its problems are in `problems` too)
    sort: str = "none"  # the card list's order: one of card_order.ORDERS
    group: str = "none"  # "owner": the card list grouped by owner (card_order.GROUPS)
    attachment_max_mb: int = DEFAULT_LIMIT_MB  # an attached file's largest size, in MB


def load_config(path: Path, themes: Collection[str] | None = None) -> Config:
    """config.yaml at `path`, with a problem for each setting that cannot be used.
    `themes`: the names of the themes there are (Textual's, which this layer does not
    import); given, a `theme:` naming none of them is a problem too (the app says it
    in its own notice at start, `doctor` among the config's problems)."""
    if not path.exists():
        return Config(problems=_folder_problem(path.parent))
    doc = read_yaml(path)
    if isinstance(doc, ContentError):  # the YAML parser's reason stays as it says it
        english = f"{doc.message}; using the defaults"
        # the reason in the user's words where the reader has a catalog key for it
        reason = Phrase(doc.key) if doc.key else doc.message
        unreadable = problem(
            doc.path, doc.line, "unreadable", english, **{**dict(doc.values), "reason": reason}
        )
        return Config(problems=(unreadable,))
    data = doc.data
    if data is None:
        return Config()
    if not isinstance(data, dict):
        english = "expected a mapping (key: value), using defaults"
        return Config(problems=(problem(path, None, "not_mapping", english),))
    problems: list[WordedText] = []
    lang = data.get("lang")
    if lang is not None and normalise_lang(str(lang)) is None:
        known = Choices(SUPPORTED)
        problems.append(
            problem(
                path,
                doc.line_of(["lang"]),
                "lang",
                f"unknown lang {in_english(user_value(lang))}; use {known}",
                value=user_value(lang),
                known=known,
            )
        )
        lang = None
    keymap: dict[str, str] = {}
    raw_keymap = data.get("keymap", {}) or {}
    if not isinstance(raw_keymap, dict):
        problems.append(
            problem(path, doc.line_of(["keymap"]), "keymap", "keymap must map binding ids to keys")
        )
    else:
        for binding_id, keys in raw_keymap.items():
            if isinstance(keys, str) and keys.strip():
                keymap[str(binding_id)] = keys.strip()
            else:
                line = doc.line_of(["keymap", binding_id])
                problems.append(
                    problem(
                        path,
                        line,
                        "keymap_keys",
                        f"keymap.{binding_id} must be keys like 'n,ctrl+n'",
                        binding=f"keymap.{binding_id}",
                    )
                )
    backups = data.get("backups", DEFAULT_KEEP)
    if not isinstance(backups, int) or isinstance(backups, bool) or not 1 <= backups <= 100:
        line = doc.line_of(["backups"])
        problems.append(
            problem(path, line, "backups", "backups must be a whole number from 1 to 100; using 5")
        )
        backups = DEFAULT_KEEP
    mouse = _flag(path, doc, "mouse", True, problems)
    abroad = _flag(path, doc, "abroad", False, problems)
    home = _country(path, doc, "home", problems)
    clipboard_clear = _seconds(path, doc, "clipboard_clear", CLIPBOARD_CLEAR, problems)
    vault_idle_lock = _seconds(path, doc, "vault_idle_lock", VAULT_IDLE_LOCK, problems)
    theme = data.get("theme")
    if theme is not None and not (isinstance(theme, str) and theme.strip()):
        line = doc.line_of(["theme"])
        problems.append(problem(path, line, "theme", "theme must be a theme's name, such as nord"))
        theme = None
    elif theme is not None and themes is not None and theme.strip() not in themes:
        known = Choices(tuple(themes))
        problems.append(
            problem(
                path,
                doc.line_of(["theme"]),
                "theme_unknown",
                f"theme {in_english(user_value(theme))} is not one of the themes here; "
                f"using the default theme (the themes: {known})",
                value=user_value(theme),
                known=known,
            )
        )
        theme = None
    notify = read_notify(path, doc)
    problems.extend(notify.problems)
    sort = _choice(path, doc, "sort", ORDERS, problems)
    group = _choice(path, doc, "group", GROUPS, problems)
    attachment_max_mb = data.get("attachment_max_mb", DEFAULT_LIMIT_MB)
    if type(attachment_max_mb) is not int or not 1 <= attachment_max_mb <= MOST_LIMIT_MB:
        line = doc.line_of(["attachment_max_mb"])
        problems.append(
            problem(
                path,
                line,
                "attachment_max_mb",
                f"attachment_max_mb must be a whole number of MB from 1 to {MOST_LIMIT_MB}; "
                f"using {DEFAULT_LIMIT_MB}",
                most=MOST_LIMIT_MB,
                default=DEFAULT_LIMIT_MB,
            )
        )
        attachment_max_mb = DEFAULT_LIMIT_MB
    return Config(
        lang=str(lang) if lang else None,
        keymap=keymap,
        problems=tuple(problems),
        backups=backups,
        mouse=mouse,
        clipboard_clear=clipboard_clear,
        vault_idle_lock=vault_idle_lock,
        abroad=abroad,
        home=home,
        theme=theme.strip() if theme else None,
        notify=notify,
        sort=sort,
        group=group,
        attachment_max_mb=attachment_max_mb,
    )


def _folder_problem(folder: Path) -> tuple[WordedText, ...]:
    """A problem when the config dir `folder` is a file, or under one (`--config-dir
    /dev/null`): nothing of the user's is read from it, the defaults are used, and a
    setting changed in the app cannot be kept there. Nothing when it is a folder or
    not made yet (no config is normal)."""
    from tui.base.writable import file_in_the_way

    blocker = file_in_the_way(folder)
    if blocker is None:
        return ()
    key, what = (
        ("not_folder", "is a file, not a folder")
        if blocker == folder
        else ("under_file", f"cannot be made ({blocker} is a file)")
    )
    english = (
        f"the config dir {what}: no config.yaml or content of yours is read from it, the "
        "default settings are used, and a setting changed in the app is not saved; "
        "nothing else is changed"
    )
    return (problem(folder, None, key, english, blocker=str(blocker)),)


def problem(path: Path, line: int | None, key: str, english: str, **values) -> WordedText:
    """A problem of config.yaml at `line` (None: the file as a whole): `path:line:
    english`, worded when shown by catalog key `config_problem.<key>` with `values`."""
    where = f"{path}:{line}" if line else f"{path}"
    return WordedText(where, english, f"config_problem.{key}", values.items())


def _flag(path: Path, doc, key: str, default: bool, problems: list[WordedText]) -> bool:
    """`key` of the mapping in `doc`: true or false. Anything else (`off`, `yes`, 1,
    nothing) gives `default`, and a problem naming the file and line is added."""
    value = doc.data.get(key, default)
    if isinstance(value, bool):
        return value
    found = "empty" if value is None else user_value(value)
    line = doc.line_of([key])
    problems.append(
        problem(
            path,
            line,
            "flag" if value is not None else "flag_empty",
            f"{key} must be true or false, not {in_english(found)}; "
            f"using {str(default).lower()}",
            setting=key,
            value=found,
            default=str(default).lower(),
        )
    )
    return default


def _country(path: Path, doc, key: str, problems: list[WordedText]) -> str:
    """`key` of the mapping in `doc`: an ISO 3166 two-letter country code (any case,
    spaces around; UK read as GB), in capitals, of any country, one with no calling
    code of its own too (AQ: tui.library.regions.is_country_code); "" when it is not
    there. Anything else (a name, XX, EU, a number, nothing) gives "", and a problem
    naming the file and line is added: the country is then guessed from the user's
    own cards (tui.domain.home_region)."""
    if key not in doc.data:
        return ""
    value = doc.data[key]
    # `ＣＮ` from an input method is CN, as the card form's Region reads it
    code = typed_code(narrowed(value)) if isinstance(value, str) else ""
    if code and is_country_code(code):
        return code
    empty = value is None or value == ""
    found = "empty" if empty else user_value(value)
    problems.append(
        problem(
            path,
            doc.line_of([key]),
            "country_empty" if empty else "country",
            f"{key} must be a two-letter country code such as CN or US, not {in_english(found)}; "
            "using the country most of your own cards are from",
            setting=key,
            value=found,
        )
    )
    return ""


def _seconds(path: Path, doc, key: str, default: int, problems: list[WordedText]) -> int:
    """`key` of the mapping in `doc`: a whole number of seconds from 0 (off) to
    MOST_SECONDS[key]. Anything else (`off` or false, not 0) gives `default`,
    and a problem naming the file and line is added to `problems`."""
    value = doc.data.get(key, default)
    most = MOST_SECONDS[key]
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= most:
        return value
    line = doc.line_of([key])
    problems.append(
        problem(
            path,
            line,
            "seconds",
            f"{key} must be a whole number of seconds from 0 (off) to {most}; using {default}",
            setting=key,
            most=most,
            default=default,
        )
    )
    return default


def _choice(path: Path, doc, key: str, choices: tuple[str, ...], problems: list[WordedText]) -> str:
    """`key` of the mapping in `doc`: one of `choices` (the first is the default).
    Anything else gives the default, and a problem naming the file and line is added."""
    value = doc.data.get(key, choices[0])
    if value in choices:
        return value
    line = doc.line_of([key])
    problems.append(
        problem(
            path,
            line,
            "choice",
            f"{key} must be one of {', '.join(choices)}, not {in_english(user_value(value))}; "
            f"using {choices[0]}",
            setting=key,
            choices=", ".join(choices),
            slashed="/".join(choices),
            value=user_value(value),
            default=choices[0],
        )
    )
    return choices[0]
