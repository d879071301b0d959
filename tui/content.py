"""Loads and checks the YAML content: playbooks and UI string catalogs.

Shipped content comes from the package's content folder; the user's config folder
may hold `playbooks/` and `i18n/` of its own, which add to the shipped content and
replace it by id. A file that fails its checks is reported as `path:line: what is
wrong` and left out; everything else still loads. Control characters and bidi
overrides in a file that passes are removed as it loads (tui.sanitiser), each string
concerned noted in `Content.notes` in the same form.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from tui.issuers import Issuer, IssuerDirectory, number_problem
from tui.playbook import Playbook, PlaybookLibrary
from tui.sanitiser import clean_tree, tree_notes

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 1_000_000
SHIPPED = ("playbooks", "issuers", "i18n")


@cache
def _loader():
    """PyYAML's C loader (several times faster), else its Python one. PyYAML is
    imported here, when YAML is first parsed: shipped content usually comes from
    content_cache.py's JSON."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LANGS = ("en", "zh-CN")


@dataclass(frozen=True)
class ContentError:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


@dataclass
class Content:
    """What loaded, and what did not; `notes`: the strings that loaded with control
    characters removed, e.g. `issuers/mine.yaml:4: issuers.0.name.en: 3 control
    character(s) (removed when loaded)`."""

    playbooks: PlaybookLibrary
    strings: dict[str, dict[str, str]]
    errors: list[ContentError] = field(default_factory=list)
    issuers: IssuerDirectory = field(default_factory=IssuerDirectory)
    notes: list[ContentError] = field(default_factory=list)


@dataclass(frozen=True)
class YamlDoc:
    path: Path
    data: object
    root: yaml.Node | None

    def line_of(self, location: Iterable[str | int]) -> int | None:
        """The 1-based line of the node at `location` (keys and list indexes)."""
        import yaml

        node = self.root
        if node is None:
            return None
        best = node.start_mark.line + 1
        for part in location:
            child = None
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == str(part):
                        child = value
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if 0 <= part < len(node.value):
                    child = node.value[part]
            if child is None:
                break
            node = child
            best = node.start_mark.line + 1
        return best


def note_controls(doc: YamlDoc, notes: list[ContentError] | None) -> None:
    """Add to `notes` a line for each string of `doc` holding control characters,
    bidi overrides or stray zero-width characters (see tui.sanitiser)."""
    if notes is None:
        return
    for location, count in tree_notes(doc.data):
        where = ".".join(str(part) for part in location)
        message = f"{where}: {count} control character(s) (removed when loaded)"
        notes.append(ContentError(doc.path, doc.line_of(location), message))


def cleaned_data(doc: YamlDoc, notes: list[ContentError] | None = None) -> object:
    """The document's data with control characters removed (multi-line text keeps its
    line breaks); what was removed is noted in `notes`."""
    note_controls(doc, notes)
    return clean_tree(doc.data)[0]


def read_yaml(path: Path) -> YamlDoc | ContentError:
    """Parse one YAML file, keeping its node tree for line numbers."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return ContentError(path, None, f"file is larger than {MAX_FILE_BYTES} bytes")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return ContentError(path, None, f"not UTF-8 text ({exc.reason})")
    except OSError as exc:
        return ContentError(path, None, f"cannot read: {exc.strerror or exc}")
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path) -> YamlDoc | ContentError:
    import yaml

    try:
        root = yaml.compose(text, Loader=_loader())
        data = yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        return ContentError(path, line, f"invalid YAML: {problem}")
    except yaml.YAMLError as exc:
        return ContentError(path, None, f"invalid YAML: {exc}")
    except RecursionError:
        return ContentError(path, None, "invalid YAML: nested too deeply")
    return YamlDoc(path, data, root)


@cache
def _validator(schema_file: Path):
    import jsonschema  # deferred: only needed when content is checked

    doc = read_yaml(schema_file)
    if isinstance(doc, ContentError):
        raise RuntimeError(f"a content schema is unreadable: {doc}")
    return jsonschema.Draft202012Validator(doc.data)


def _playbook_validator(schema_file: Path):
    return _validator(schema_file)


def schema_path(content_dir: Path, name: str = "playbook") -> Path:
    return content_dir / "schema" / f"{name}.schema.yaml"


def _schema_errors(doc: YamlDoc, validator) -> list[ContentError]:
    errors = []
    for err in sorted(validator.iter_errors(doc.data), key=lambda e: list(e.absolute_path)):
        location = list(err.absolute_path)
        where = ".".join(str(p) for p in location)
        prefix = f"{where}: " if where else ""
        errors.append(ContentError(doc.path, doc.line_of(location), prefix + err.message))
    return errors


def _dates_as_text(data: object) -> object:
    """YAML reads 2026-11-24 as a date; the schema (and JSON) want text."""
    import datetime as dt

    if isinstance(data, dict):
        return {k: _dates_as_text(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_dates_as_text(v) for v in data]
    return data.isoformat() if isinstance(data, dt.date) else data


def check_issuers(doc: YamlDoc, validator, ids: dict[str, Path]) -> list[ContentError]:
    """Schema, then: unique ids, a source or `verified: false`, numbers phonenumbers accepts."""
    doc = YamlDoc(doc.path, _dates_as_text(doc.data), doc.root)
    errors = _schema_errors(doc, validator)
    if errors:
        return errors
    for i, issuer in enumerate(doc.data["issuers"]):
        first = ids.setdefault(issuer["id"], doc.path)
        if first != doc.path or [x["id"] for x in doc.data["issuers"]].count(issuer["id"]) > 1:
            line = doc.line_of(["issuers", i, "id"])
            errors.append(ContentError(doc.path, line, f"issuer id {issuer['id']!r} is used twice"))
        for j, hotline in enumerate(issuer.get("hotlines", [])):
            where = ["issuers", i, "hotlines", j]
            if not hotline.get("source") and hotline["verified"]:
                message = f"{issuer['id']}: a hotline with no source must say verified: false"
                errors.append(ContentError(doc.path, doc.line_of([*where, "verified"]), message))
            problem = number_problem(
                str(hotline["number"]), issuer["region"], hotline.get("short_code", False)
            )
            if problem:
                line = doc.line_of([*where, "number"])
                errors.append(ContentError(doc.path, line, f"{issuer['id']}: {problem}"))
    return errors


def load_issuers(
    folder: Path,
    validator,
    from_user: bool,
    errors: list[ContentError],
    notes: list[ContentError] | None = None,
):
    loaded: list[Issuer] = []
    ids: dict[str, Path] = {}
    for path in _yaml_files(folder):
        doc = read_yaml(path)
        if isinstance(doc, ContentError):
            errors.append(doc)
            continue
        problems = check_issuers(doc, validator, ids)
        if problems:
            errors.extend(problems)
            continue
        data = cleaned_data(doc, notes)
        loaded.extend(Issuer.from_doc(d, from_user) for d in data["issuers"])
    return loaded


def check_playbook(doc: YamlDoc, validator) -> list[ContentError]:
    """Schema errors, then the rules a schema cannot say (unique step ids)."""
    errors = _schema_errors(doc, validator)
    if errors:
        return errors
    seen: set[str] = set()
    for index, step in enumerate(doc.data["steps"]):
        if step["id"] in seen:
            line = doc.line_of(["steps", index, "id"])
            errors.append(ContentError(doc.path, line, f"duplicate step id {step['id']!r}"))
        seen.add(step["id"])
    return errors


def check_strings(doc: YamlDoc) -> list[ContentError]:
    """A string catalog is a mapping, nested as deep as wanted, of strings."""
    if not isinstance(doc.data, dict):
        return [ContentError(doc.path, doc.line_of([]), "a string catalog must be a mapping")]
    errors = []
    for location, value in _walk(doc.data, []):
        if not isinstance(value, str):
            errors.append(
                ContentError(
                    doc.path,
                    doc.line_of(location),
                    f"{'.'.join(map(str, location))}: expected text, found {type(value).__name__}",
                )
            )
    return errors


def _walk(data: dict, location: list) -> Iterator[tuple[list, object]]:
    for key, value in data.items():
        here = [*location, key]
        if isinstance(value, dict):
            yield from _walk(value, here)
        else:
            yield here, value


def flatten(data: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for location, value in _walk(data, []):
        flat[".".join(str(p) for p in location)] = str(value)
    return flat


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def _checked_playbook(
    path: Path, validator, ids: dict[str, Path]
) -> tuple[YamlDoc | None, list[ContentError]]:
    """Read and check one playbook file; `ids` records the ids seen so far."""
    doc = read_yaml(path)
    if isinstance(doc, ContentError):
        return None, [doc]
    problems = check_playbook(doc, validator)
    if problems:
        return None, problems
    first = ids.setdefault(doc.data["id"], path)
    if first != path:
        message = f"playbook id {doc.data['id']!r} is already used by {first}"
        return None, [ContentError(path, doc.line_of(["id"]), message)]
    return doc, []


def load_playbooks(
    folder: Path,
    validator,
    from_user: bool,
    errors: list[ContentError],
    notes: list[ContentError] | None = None,
) -> list[Playbook]:
    loaded: list[Playbook] = []
    ids: dict[str, Path] = {}
    for path in _yaml_files(folder):
        doc, problems = _checked_playbook(path, validator, ids)
        errors.extend(problems)
        if doc is not None:
            data = cleaned_data(doc, notes)
            loaded.append(Playbook.from_doc(data, source=path, from_user=from_user))
    return loaded


def load_strings(
    folder: Path, errors: list[ContentError], notes: list[ContentError] | None = None
) -> dict[str, dict[str, str]]:
    catalogs: dict[str, dict[str, str]] = {}
    for path in _yaml_files(folder):
        lang = path.stem
        doc = read_yaml(path)
        if isinstance(doc, ContentError):
            errors.append(doc)
            continue
        problems = check_strings(doc)
        if problems:
            errors.extend(problems)
            continue
        catalogs.setdefault(lang, {}).update(flatten(cleaned_data(doc, notes)))
    return catalogs


def _parse_shipped(text: str) -> object:
    import yaml

    try:
        return yaml.load(text, Loader=_loader())
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from exc


def _load_shipped_fast(content_dir: Path):
    """Shipped content without the schema and number checks (the tests and
    `cardoff-tui validate` run those), its YAML parsed once per install (see
    content_cache.py): start-up stays quick. None if anything fails, so the checked
    path can say exactly what."""
    from tui.content_cache import parsed

    try:
        files = {name: _yaml_files(content_dir / name) for name in SHIPPED}
        every = [path for name in SHIPPED for path in files[name]]
        docs = dict(zip(every, parsed(every, _parse_shipped), strict=True))
        playbooks, issuers = [], []
        for path in files["playbooks"]:
            playbooks.append(Playbook.from_doc(docs[path], source=path))
        for path in files["issuers"]:
            issuers.extend(Issuer.from_doc(d) for d in docs[path]["issuers"])
        strings: dict[str, dict[str, str]] = {}
        for path in files["i18n"]:
            strings[path.stem] = flatten(docs[path])
    except (OSError, KeyError, TypeError, ValueError, AttributeError):
        return None
    return playbooks, strings, issuers


def load_content(
    content_dir: Path, user_dir: Path | None = None, check_shipped: bool = False
) -> Content:
    """Shipped content, then the user's, which wins by playbook id and string key.

    The user's files are always checked (a broken one is reported and skipped); the
    shipped ones only with check_shipped, or when they fail to load as they are.
    """
    errors: list[ContentError] = []
    notes: list[ContentError] = []
    fast = None if check_shipped else _load_shipped_fast(content_dir)
    if fast is not None:
        playbooks, strings, issuers = fast
    else:
        validator = _playbook_validator(schema_path(content_dir))
        playbooks = load_playbooks(content_dir / "playbooks", validator, False, errors, notes)
        strings = load_strings(content_dir / "i18n", errors, notes)
        issuer_validator = _validator(schema_path(content_dir, "issuer"))
        issuers = load_issuers(content_dir / "issuers", issuer_validator, False, errors, notes)
    if user_dir is not None and any(
        (user_dir / name).is_dir() for name in ("playbooks", "i18n", "issuers")
    ):
        validator = _playbook_validator(schema_path(content_dir))
        issuer_validator = _validator(schema_path(content_dir, "issuer"))
        playbooks += load_playbooks(user_dir / "playbooks", validator, True, errors, notes)
        for lang, catalog in load_strings(user_dir / "i18n", errors, notes).items():
            strings.setdefault(lang, {}).update(catalog)
        issuers += load_issuers(user_dir / "issuers", issuer_validator, True, errors, notes)
    directory = IssuerDirectory.of(issuers)
    return Content(PlaybookLibrary(playbooks), strings, errors, directory, notes)


def validate_path(
    target: Path, content_dir: Path, notes: list[ContentError] | None = None
) -> tuple[int, list[ContentError]]:
    """Check a file or a folder of content; return (files checked, errors). Strings
    holding control characters (removed when the file loads; not an error) are added
    to `notes`."""
    validator = _playbook_validator(schema_path(content_dir))
    errors: list[ContentError] = []
    if target.is_file():
        files = [target]
    elif target.is_dir():
        # a content root (shipped content, a config dir) holds playbooks/ and i18n/;
        # any other folder is taken as a folder of playbooks
        roots = [target / "playbooks", target / "i18n", target / "issuers"]
        folders = [f for f in roots if f.is_dir()] or [target]
        files = sorted(p for f in folders for p in f.rglob("*") if p.suffix in (".yaml", ".yml"))
    else:
        return 0, [ContentError(target, None, "no such file or folder")]
    ids: dict[str, Path] = {}
    issuer_ids: dict[str, Path] = {}
    issuer_validator = _validator(schema_path(content_dir, "issuer"))
    for path in files:
        before = len(errors)
        if path.parent.name == "i18n":
            doc = read_yaml(path)
            errors.extend([doc] if isinstance(doc, ContentError) else check_strings(doc))
        elif path.parent.name == "issuers":
            doc = read_yaml(path)
            if isinstance(doc, ContentError):
                errors.append(doc)
            else:
                errors.extend(check_issuers(doc, issuer_validator, issuer_ids))
        else:
            doc, problems = _checked_playbook(path, validator, ids)
            errors.extend(problems)
        if isinstance(doc, YamlDoc) and len(errors) == before:  # it loads: say what goes
            note_controls(doc, notes)
    return len(files), errors
