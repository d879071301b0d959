"""The user's config file (config.yaml in the config dir): language and key map.

A broken config file never stops the app: it is reported, left as it is, and the
defaults are used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.content import ContentError, read_yaml
from tui.i18n import normalise_lang
from tui.storage import DEFAULT_KEEP


@dataclass(frozen=True)
class Config:
    lang: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    backups: int = DEFAULT_KEEP
    mouse: bool = True


def load_config(path: Path) -> Config:
    if not path.exists():
        return Config()
    doc = read_yaml(path)
    if isinstance(doc, ContentError):
        return Config(problems=(str(doc),))
    data = doc.data
    if data is None:
        return Config()
    if not isinstance(data, dict):
        return Config(problems=(f"{path}: expected a mapping (key: value), using defaults",))
    problems: list[str] = []
    lang = data.get("lang")
    if lang is not None and normalise_lang(str(lang)) is None:
        problems.append(f"{path}:{doc.line_of(['lang'])}: unknown lang {lang!r}; use en or zh-CN")
        lang = None
    keymap: dict[str, str] = {}
    raw_keymap = data.get("keymap", {}) or {}
    if not isinstance(raw_keymap, dict):
        problems.append(f"{path}:{doc.line_of(['keymap'])}: keymap must map binding ids to keys")
    else:
        for binding_id, keys in raw_keymap.items():
            if isinstance(keys, str) and keys.strip():
                keymap[str(binding_id)] = keys.strip()
            else:
                line = doc.line_of(["keymap", binding_id])
                problems.append(f"{path}:{line}: keymap.{binding_id} must be keys like 'n,ctrl+n'")
    backups = data.get("backups", DEFAULT_KEEP)
    if not isinstance(backups, int) or isinstance(backups, bool) or not 1 <= backups <= 100:
        line = doc.line_of(["backups"])
        problems.append(f"{path}:{line}: backups must be a whole number from 1 to 100; using 5")
        backups = DEFAULT_KEEP
    mouse = data.get("mouse", True)
    if not isinstance(mouse, bool):
        problems.append(f"{path}:{doc.line_of(['mouse'])}: mouse must be true or false; using true")
        mouse = True
    return Config(
        lang=str(lang) if lang else None,
        keymap=keymap,
        problems=tuple(problems),
        backups=backups,
        mouse=mouse,
    )
