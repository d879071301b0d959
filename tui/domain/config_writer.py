"""Saving one setting into the user's config.yaml (the theme picked in the command
palette), leaving everything else in the file as the user wrote it.

The file is not read and dumped again (that would drop the user's comments, order and
quoting): the setting's own line is rewritten in place (a comment after it is kept),
or, when the file has no such setting, one line is added at its end. The result is
parsed again before it is written: it must hold the new value and every other setting
as before, or nothing is written. The file is replaced atomically, keeping its mode and
its line endings; a config.yaml that is a symbolic link (a dotfiles checkout) is
written where it points.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from tui.base.errors import CardoffError
from tui.base.i18n import Phrase
from tui.base.os_problem import os_detail, os_problem_key
from tui.base.private_files import private_dir, write_atomically
from tui.library.yaml_reader import ContentError, YamlDoc, parse_yaml

PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")  # written without quotes


class ConfigWriteError(CardoffError):
    """The setting was not saved; config.yaml is as it was. Key "settings.not_saved" with
    `setting`, `value`, `path` and `reason`: a phrase of the catalogs (settings.*,
    os_error.*) filled by `more`, or the YAML reader's words."""

    def __init__(self, setting: str, value: str, path: Path, reason: str, **more: object) -> None:
        super().__init__(
            "settings.not_saved",
            setting=setting,
            value=value,
            path=str(path),
            reason=reason,
            **more,
        )


def save_setting(path: Path, key: str, value: str | bool) -> None:
    """Set the top-level `key` of the config file at `path` to the text or flag `value`
    (true / false; see the module's docstring); a missing file (and its folders, 0700)
    is made.

    Raises ConfigWriteError when the file cannot be read or parsed, is not a mapping,
    holds `key` in a form other than one `key: value` line, or cannot be written."""
    target = path.resolve() if path.is_symlink() else path

    def refuse(reason: str, **more: object) -> ConfigWriteError:
        return ConfigWriteError(key, str(value), target, reason, **more)

    def refuse_os(exc: OSError) -> ConfigWriteError:
        return refuse(Phrase(os_problem_key(exc)), detail=os_detail(exc))

    if isinstance(value, bool):
        scalar = "true" if value else "false"
    elif PLAIN.fullmatch(value):
        scalar = value
    else:
        scalar = "'" + value.replace("'", "''") + "'"
    try:
        if not target.exists():
            private_dir(target.parent)
            write_atomically(target, f"{key}: {scalar}\n".encode())
            return
        raw = target.read_bytes()
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError as exc:
        raise refuse_os(exc) from exc
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    try:
        text = raw[len(bom) :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise refuse(Phrase("settings.not_utf8")) from exc
    before, doc = _mapping(text, target)
    if doc is None:
        raise refuse(before)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if key in before:
        number = (doc.line_of([key]) or 0) - 1
        line = lines[number] if 0 <= number < len(lines) else ""
        found = re.fullmatch(
            rf"{re.escape(key)}[ \t]*:[ \t]*[^#\r\n]*?(?P<rest>[ \t]+#[^\r\n]*)?(?P<end>\r?\n)?",
            line,
        )
        if found is None:
            raise refuse(Phrase("settings.not_one_line"), line=f"{key}: value")
        lines[number] = f"{key}: {scalar}{found['rest'] or ''}{found['end'] or ''}"
    else:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += newline
        lines.append(f"{key}: {scalar}{newline}")
    new = "".join(lines)
    after, parsed = _mapping(new, target)
    others = {k: v for k, v in before.items() if k != key}
    if (
        parsed is None
        or after.get(key) != value
        or {k: v for k, v in after.items() if k != key} != others
    ):
        raise refuse(Phrase("settings.not_safe"), line=f"{key}: {scalar}")
    try:
        write_atomically(target, bom + new.encode())
        os.chmod(target, mode)
    except OSError as exc:
        raise refuse_os(exc) from exc


def _mapping(text: str, path: Path) -> tuple[dict, YamlDoc] | tuple[str, None]:
    """The file's settings (an empty file, or one of comments only, has none) and the
    parsed document; or why it cannot be changed, and None."""
    doc = parse_yaml(text.replace("\r\n", "\n"), path)
    if isinstance(doc, ContentError):
        return str(doc), None
    data = {} if doc.data is None else doc.data
    if not isinstance(data, dict):
        return "it is not a mapping (key: value lines)", None
    return data, doc
