"""The checks a content file passes before it loads, or is left out with `path:line:
what is wrong` (tui.library.yaml_reader.ContentError): the JSON Schemas in the content
folder's schema/, the rules a schema cannot say (unique step ids, real region codes,
catalog fields that can be filled in), no screen markup in any text, and, for issuer
files, tui.library.issuer_checks (which leaves out one bad entry or issuer, not the file).
tui.library.content loads what passes; `cardoff-tui validate` reports the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from tui.library.issuer_checks import check_issuers, drop_location
from tui.library.letters import field_problems
from tui.library.playbook import region_problem
from tui.library.schema_words import schema_error
from tui.library.yaml_reader import ContentError, YamlDoc, read_yaml


@cache
def _validator(schema_file: Path):
    import jsonschema  # deferred: only needed when content is checked

    doc = read_yaml(schema_file)
    if isinstance(doc, ContentError):
        raise RuntimeError(f"a content schema is unreadable: {doc}")
    return jsonschema.Draft202012Validator(doc.data)


def schema_path(content_dir: Path, name: str = "playbook") -> Path:
    return content_dir / "schema" / f"{name}.schema.yaml"


def _schema_errors(doc: YamlDoc, validator) -> list[ContentError]:
    return [
        schema_error(doc, err)
        for err in sorted(validator.iter_errors(doc.data), key=lambda e: list(e.absolute_path))
    ]


def read_content(path: Path) -> tuple[YamlDoc | None, list[ContentError]]:
    """One content file, read for checking (tui.library.yaml_reader): (doc, []) when it parsed
    cleanly; (None, errors) when it cannot be used; (None, []) when it holds nothing
    (empty, or only comments), which is normal and skipped without a word."""
    doc = read_yaml(path)
    if isinstance(doc, ContentError):
        return None, [doc]
    if doc.problems:
        return None, list(doc.problems)
    if doc.data is None:
        return None, []
    return doc, []


def check_playbook(doc: YamlDoc, validator) -> list[ContentError]:
    """Schema errors, then the rules a schema cannot say (unique step ids, real
    region codes)."""
    errors = _schema_errors(doc, validator)
    if errors:
        return errors
    for index, code in enumerate(doc.data.get("regions", ())):
        if problem := region_problem(code):
            line = doc.line_of(["regions", index])
            errors.append(ContentError(doc.path, line, f"regions.{index}: {problem}"))
    seen: set[str] = set()
    for index, step in enumerate(doc.data["steps"]):
        if step["id"] in seen:
            line = doc.line_of(["steps", index, "id"])
            errors.append(ContentError(doc.path, line, f"duplicate step id {step['id']!r}"))
        seen.add(step["id"])
    return errors


# `[/` closes a style and `[@` runs an action in the screen's markup: a catalog string
# holding one (unless written `\[`) would stop the screen that shows it
MARKUP = re.compile(r"(?<!\\)\[[/@]")


def check_strings(doc: YamlDoc) -> list[ContentError]:
    """A string catalog is a mapping, nested as deep as wanted, of strings that hold
    no screen markup (MARKUP)."""
    if not isinstance(doc.data, dict):
        return [ContentError(doc.path, doc.line_of([]), "a string catalog must be a mapping")]
    errors = []
    for location, value in leaves(doc.data, []):
        if not isinstance(value, str):
            found = doc.read_as(location) or f"expected text, found {type(value).__name__}"
        elif problem := _field_problem(value):
            found = problem
        else:
            continue
        where = ".".join(map(str, location))
        errors.append(ContentError(doc.path, doc.line_of(location), f"{where}: {found}"))
    return errors or markup_errors(doc)


def markup_errors(doc: YamlDoc) -> list[ContentError]:
    """A line for each string of `doc` holding screen markup (MARKUP): the screens
    show content text as text, but a title can reach a border, which reads markup."""
    return [error for _location, error in _markup(doc)]


def _markup(doc: YamlDoc) -> Iterator[tuple[tuple, ContentError]]:
    """(location, error) for each string of `doc` holding screen markup."""
    stack: list[tuple[object, tuple]] = [(doc.data, ())]
    while stack:
        value, location = stack.pop()
        if isinstance(value, dict):
            stack.extend((v, (*location, k)) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((v, (*location, i)) for i, v in reversed(list(enumerate(value))))
        elif isinstance(value, str) and MARKUP.search(value):
            where = ".".join(map(str, location))
            message = f"{where}: `[/` and `[@` are screen markup; write \\[ for a bracket"
            yield location, ContentError(doc.path, doc.line_of(location), message)


def _field_problem(text: str) -> str | None:
    """Why the `{name}` fields of a catalog string cannot be filled in (None: they can).
    Only plain names: `{label.x}`, `{count[0]}` or `{label:>999999999}` would fail or
    build a huge string when the app fills them in."""
    from string import Formatter

    try:
        fields = [(name, spec, conv) for _, name, spec, conv in Formatter().parse(text)]
    except ValueError:
        return "a { or } without its pair; write {{ or }} for a brace"
    for name, spec, conversion in fields:
        if name is not None and (not name.isidentifier() or spec or conversion):
            field = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            return f"`{{{field}}}`: only plain fields such as {{label}} are filled in"
    return None


def leaves(data: dict, location: list) -> Iterator[tuple[list, object]]:
    """(keys, value) for each value of a nested mapping that is not itself a mapping,
    in order; `keys` go from the top down, after those given in `location`."""
    for key, value in data.items():
        here = [*location, key]
        if isinstance(value, dict):
            yield from leaves(value, here)
        else:
            yield here, value


def checked_file(
    path: Path, kind: str, content_dir: Path, ids: dict[str, dict[str, Path]]
) -> tuple[YamlDoc | None, list[ContentError], frozenset[tuple]]:
    """Read and check one file of `kind` (playbooks, bundles, issuers, letters or i18n) against the
    schemas in `content_dir`: (doc, [], no drops) when it can be used; (None, errors,
    _) when not; (None, [], _) when it holds nothing; (doc, errors, drops) for an
    issuer file whose problems are in some issuers or entries only: `drops` are their
    locations (tui.library.issuer_checks), to leave out when the file loads. `ids` records
    the ids seen so far, by kind."""
    doc, errors = read_content(path)
    if doc is None:
        return None, errors, frozenset()
    seen = ids.setdefault(kind, {})
    if kind == "i18n":
        errors = check_strings(doc)
    elif kind == "issuers":
        return _checked_issuers(doc, content_dir, seen)
    elif kind == "bundles":
        errors = _schema_errors(doc, _validator(schema_path(content_dir, "bundle")))
        errors = errors or bundle_intent_errors(doc, content_dir)
        first = seen.setdefault(doc.data["id"], path) if not errors else path
        if first != path:
            message = f"bundle id {doc.data['id']!r} is already used by {first}"
    elif kind == "letters":
        errors = _schema_errors(doc, _validator(schema_path(content_dir, "letter")))
        errors = errors or field_problems(doc)
        first = seen.setdefault(doc.data["id"], path) if not errors else path
        if first != path:
            message = f"letter id {doc.data['id']!r} is already used by {first}"
            errors = [ContentError(path, doc.line_of(["id"]), message)]
    else:
        errors = check_playbook(doc, _validator(schema_path(content_dir)))
        first = seen.setdefault(doc.data["id"], path) if not errors else path
        if first != path:
            message = f"playbook id {doc.data['id']!r} is already used by {first}"
            errors = [ContentError(path, doc.line_of(["id"]), message)]
    if not errors and kind != "i18n":
        errors = markup_errors(doc)
    return (None, errors, frozenset()) if errors else (doc, [], frozenset())


def _playbook_checklists(folder: Path) -> frozenset[tuple[str, str]]:
    """(kind, intent) of each playbook file in `folder` that reads as a mapping naming
    both; a file that does not is checked on its own (check_playbook). Read once for
    the same files (names, sizes and change times): every bundle file asks."""
    paths = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
    stamps = []
    for path in paths:
        try:
            found = path.stat()
        except OSError:
            return _read_checklists(tuple(paths))  # gone meanwhile: read, keep nothing
        stamps.append((path, found.st_size, found.st_mtime_ns))
    return _checklists_of(tuple(stamps))


@cache
def _checklists_of(stamps: tuple[tuple[Path, int, int], ...]) -> frozenset[tuple[str, str]]:
    return _read_checklists(tuple(path for path, _size, _changed in stamps))


def _read_checklists(paths: tuple[Path, ...]) -> frozenset[tuple[str, str]]:
    found = set()
    for path in paths:
        doc = read_yaml(path)
        data = None if isinstance(doc, ContentError) else doc.data
        if isinstance(data, dict) and isinstance(data.get("kind"), str):
            found.add((data["kind"], str(data.get("intent"))))
    return frozenset(found)


def bundle_intent_errors(doc: YamlDoc, content_dir: Path) -> list[ContentError]:
    """A line for each intent a bundle's card names that no playbook of its kind has
    (the shipped ones, and those in the playbooks/ folder beside the bundle's folder):
    such a card could not be added."""
    have = _playbook_checklists(content_dir / "playbooks")
    beside = doc.path.parent.parent / "playbooks"
    if beside.resolve() != (content_dir / "playbooks").resolve():
        have |= _playbook_checklists(beside)
    errors = []
    for index, card in enumerate(doc.data["cards"]):
        named = [(["intent"], card["intent"])]
        named += [(["intents", i], intent) for i, intent in enumerate(card.get("intents", ()))]
        for where, intent in named:
            if (card["kind"], intent) not in have:
                field = ".".join(map(str, ["cards", index, *where]))
                message = f"{field}: no playbook for {card['kind']} cards to {intent}"
                line = doc.line_of(["cards", index, *where])
                errors.append(ContentError(doc.path, line, message))
    return errors


def _checked_issuers(
    doc: YamlDoc, content_dir: Path, seen: dict[str, Path]
) -> tuple[YamlDoc | None, list[ContentError], frozenset[tuple]]:
    """An issuer file, checked (tui.library.issuer_checks): one bad number (or screen markup
    in its text) leaves out that entry, one bad issuer field that issuer; the file is
    left out only when its top level is wrong."""
    errors, drops = check_issuers(doc, _validator(schema_path(content_dir, "issuer")), seen)
    for location, error in _markup(doc):
        errors.append(error)
        drops.add(drop_location(list(location)))
    if () in drops:
        return None, errors, frozenset()
    return doc, errors, frozenset(drops)
