"""Loads and checks the YAML content: playbooks, bundles, issuers and UI string catalogs.

Shipped content comes from the package's content folder; the user's config folder
may hold `playbooks/`, `bundles/`, `issuers/` and `i18n/` of its own, which add to
the shipped content and replace it by id (tui.library.bundles for bundles). Every
file is read by tui.library.yaml_reader (size, anchors, tags, YAML 1.2 values). A
file that fails its checks is reported as `path:line: what is wrong` and left out;
everything else still loads; a file, folder or config dir holding nothing is normal.
Control characters and bidi overrides in a file that passes are removed as it loads
(tui.base.sanitiser), each string concerned noted in `Content.notes` in the same form.
The checks themselves are in tui.library.content_checks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from tui.base.i18n import Catalog
from tui.base.sanitiser import clean_tree, tree_notes
from tui.library.bundles import Bundle, BundleLibrary
from tui.library.content_checks import checked_file, leaves
from tui.library.issuer_checks import replaced_notes, without
from tui.library.issuers import Issuer, IssuerDirectory
from tui.library.playbook import Playbook, PlaybookLibrary
from tui.library.yaml_reader import ContentError, YamlDoc, parse_yaml, read_yaml

__all__ = ["Content", "ContentError", "YamlDoc", "load_content", "parse_yaml", "read_yaml"]

SHIPPED = ("playbooks", "issuers", "i18n", "bundles")


@dataclass
class Content:
    """What loaded, and what did not; `notes`: the strings that loaded with control
    characters removed, e.g. `issuers/mine.yaml:4: issuers.0.name.en: control
    characters removed when loaded: 3`."""

    playbooks: PlaybookLibrary
    strings: dict[str, dict[str, str]]
    errors: list[ContentError] = field(default_factory=list)
    issuers: IssuerDirectory = field(default_factory=IssuerDirectory)
    notes: list[ContentError] = field(default_factory=list)
    bundles: BundleLibrary = field(default_factory=BundleLibrary)


def note_controls(
    doc: YamlDoc, notes: list[ContentError] | None, drops: frozenset[tuple] = frozenset()
) -> None:
    """Add to `notes` a line for each string of `doc` holding control characters,
    bidi overrides or stray zero-width characters (see tui.base.sanitiser), but those in
    the issuers and entries left out (`drops`, from tui.library.issuer_checks)."""
    if notes is None:
        return
    for location, count in tree_notes(doc.data):
        if any(location[: len(dropped)] == dropped for dropped in drops):
            continue
        where = ".".join(str(part) for part in location)
        message = f"{where}: control characters removed when loaded: {count}"
        values = (("at", f"{where}: "), ("count", count))
        notes.append(
            ContentError(
                doc.path,
                doc.line_of(location),
                message,
                key="schema.controls_removed",
                values=values,
            )
        )


def cleaned_data(
    doc: YamlDoc, notes: list[ContentError] | None = None, drops: frozenset[tuple] = frozenset()
) -> object:
    """The document's data without the issuers and entries in `drops` (an issuer
    file's; tui.library.issuer_checks) and with control characters removed (multi-line text
    keeps its line breaks); what was removed is noted in `notes`, at the lines of the
    file as written."""
    note_controls(doc, notes, drops)
    data = without(doc.data, drops) if drops else doc.data
    return clean_tree(data)[0]


def flatten(data: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for location, value in leaves(data, []):
        flat[".".join(str(p) for p in location)] = str(value)
    return flat


def _yaml_files(folder: Path, errors: list[ContentError] | None = None) -> list[Path]:
    """The .yaml and .yml files in `folder`, sorted; none when it is missing. A folder
    that cannot be listed (no permission) is added to `errors`, or raises OSError when
    `errors` is None."""
    if not folder.is_dir():
        return []
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    except OSError as exc:
        if errors is None:
            raise
        errors.append(ContentError(folder, None, f"cannot list: {exc.strerror or exc}"))
        return []


def _kind_of(path: Path) -> str:
    """What a file holds, from its folder: i18n/ strings, issuers/, bundles/, letters/
    (letter templates: tui.library.letters), else a playbook."""
    folder = path.parent.name
    return folder if folder in ("i18n", "issuers", "bundles", "letters") else "playbooks"


def _load_folder(
    folder: Path,
    content_dir: Path,
    errors: list[ContentError],
    notes: list[ContentError],
) -> list[tuple[Path, object]]:
    """(path, data with control characters removed) of each file in `folder` that
    passes its checks; what does not is added to `errors`."""
    loaded = []
    ids: dict[str, dict[str, Path]] = {}
    for path in _yaml_files(folder, errors):
        doc, problems, drops = checked_file(path, folder.name, content_dir, ids)
        errors.extend(problems)
        if doc is not None:
            loaded.append((path, cleaned_data(doc, notes, drops)))
    return loaded


def _load_checked(content_dir: Path, root: Path, from_user: bool, errors, notes):
    """(playbooks, strings, issuers, bundles) from the files of `root` that pass their
    checks."""
    playbooks = [
        Playbook.from_doc(data, source=path, from_user=from_user)
        for path, data in _load_folder(root / "playbooks", content_dir, errors, notes)
    ]
    strings: dict[str, dict[str, str]] = {}
    for path, data in _load_folder(root / "i18n", content_dir, errors, notes):
        strings.setdefault(path.stem, {}).update(flatten(data))
    issuers = [
        Issuer.from_doc(issuer, from_user)
        for _path, data in _load_folder(root / "issuers", content_dir, errors, notes)
        for issuer in data["issuers"]
    ]
    bundles = [
        Bundle.from_doc(data, source=path, from_user=from_user)
        for path, data in _load_folder(root / "bundles", content_dir, errors, notes)
    ]
    return playbooks, strings, issuers, bundles


def _parse_shipped(text: str, path: Path) -> object:
    """A shipped file's data, read as every YAML file is (tui.library.yaml_reader); ValueError
    when it cannot be used as it is."""
    doc = parse_yaml(text, path)
    if isinstance(doc, ContentError):
        raise ValueError(str(doc))
    if doc.problems:
        raise ValueError(str(doc.problems[0]))
    return doc.data


def _load_shipped_fast(content_dir: Path):
    """Shipped content without the schema and number checks (the tests and
    `cardoff-tui validate` run those), its YAML parsed once per install (see
    content_cache.py): start-up stays quick. None if anything fails, so the checked
    path can say exactly what."""
    from tui.library.content_cache import parsed

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
        bundles = [Bundle.from_doc(docs[path], source=path) for path in files["bundles"]]
    except (OSError, KeyError, TypeError, ValueError, AttributeError):
        return None
    return playbooks, strings, issuers, bundles


def load_content(
    content_dir: Path, user_dir: Path | None = None, check_shipped: bool = False
) -> Content:
    """Shipped content, then the user's, which wins by playbook id and string key.

    The user's files are always checked (a broken one is reported and skipped; an
    empty one, or a missing or empty folder, is normal); the shipped ones only with
    check_shipped, or when they fail to load as they are.
    """
    errors: list[ContentError] = []
    notes: list[ContentError] = []
    fast = None if check_shipped else _load_shipped_fast(content_dir)
    if fast is None:
        fast = _load_checked(content_dir, content_dir, False, errors, notes)
    playbooks, strings, issuers, bundles = fast
    if user_dir is not None:
        mine = _load_checked(content_dir, user_dir, True, errors, notes)
        playbooks += mine[0]
        for lang, catalog in mine[1].items():
            strings.setdefault(lang, {}).update(catalog)
        issuers += mine[2]
        bundles += mine[3]
    directory = IssuerDirectory.of(issuers)
    library = PlaybookLibrary(playbooks)
    return Content(library, strings, errors, directory, notes, BundleLibrary(bundles))


@functools.cache
def shipped_strings() -> dict[str, dict[str, str]]:
    """The shipped UI strings, {language: {key: text}}, read once per process (the
    shipped files are part of the install: they do not change while it runs). Callers
    read them; a Catalog copies what it keeps."""
    from tui.base.paths import content_dir

    return load_content(content_dir()).strings


def english() -> Catalog:
    """The shipped strings in English, for callers that name no language (an export
    or a check asked for with no catalog, scripts, tests)."""
    return Catalog(shipped_strings(), "en")


def _is_content_root(folder: Path) -> bool:
    """Shipped content or a config dir: playbooks/, i18n/, issuers/, bundles/, letters/
    or config.yaml."""
    folders = (*SHIPPED, "letters")
    return any((folder / name).is_dir() for name in folders) or (folder / "config.yaml").exists()


def validate_path(
    target: Path, content_dir: Path, notes: list[ContentError] | None = None
) -> tuple[int, list[ContentError]]:
    """Check a file or a folder of content; return (files checked, errors). A content
    root (shipped content, a config dir) is checked as the app loads it: the files in
    its playbooks/, i18n/, issuers/, bundles/ and letters/; a config dir with none of them
    has nothing to check. Any other folder is taken as a folder of playbooks. Added to `notes` (not
    errors): strings holding control characters (removed when the file loads), and,
    in a file outside `content_dir`, each issuer that replaces a shipped one."""
    errors: list[ContentError] = []
    if target.is_file() or (target.exists() and not target.is_dir()):
        files = [target]  # a pipe or a device is refused by the reader, unread
    elif target.is_dir() and _is_content_root(target):
        files = [
            path for name in (*SHIPPED, "letters") for path in _yaml_files(target / name, errors)
        ]
    elif target.is_dir():
        files = sorted(p for p in target.rglob("*") if p.suffix in (".yaml", ".yml"))
    else:
        return 0, [ContentError(target, None, "no such file or folder", key="file_problem.missing")]
    ids: dict[str, dict[str, Path]] = {}
    shipped: frozenset[str] | None = None
    for path in files:
        kind = _kind_of(path)
        doc, problems, drops = checked_file(path, kind, content_dir, ids)
        errors.extend(problems)
        if doc is None or notes is None:
            continue
        note_controls(doc, notes, drops)  # it loads: say what goes
        if kind == "issuers" and not _is_shipped(path, content_dir):
            shipped = _shipped_issuer_ids(content_dir) if shipped is None else shipped
            notes.extend(replaced_notes(doc, drops, shipped))
    return len(files), errors


def validate_shipped(
    content_dir: Path, notes: list[ContentError] | None = None
) -> tuple[int, list[ContentError]]:
    """validate_path(content_dir, content_dir, notes) for the shipped content, whose
    files change only with the install: a pass with no error and no note is remembered
    under a hash of the files' names and bytes (tui.library.content_cache.checked), so
    `doctor` and `validate` spend their time on them once; any changed byte checks them
    all again, and errors and notes are found anew every time. (files checked,
    errors), as validate_path gives; the notes are added to `notes`."""
    from tui.library.content_cache import checked

    found: list[ContentError] = []

    def check() -> tuple[int, list[ContentError]]:
        count, errors = validate_path(content_dir, content_dir, found)
        return count, [*errors, *found]  # a note keeps the pass from being remembered

    try:
        files = [path for name in (*SHIPPED, "letters") for path in _yaml_files(content_dir / name)]
        count, problems = checked(files, check)
    except OSError:  # a folder or file that cannot be read: the check says which
        count, problems = check()
    said = {id(note) for note in found}
    if notes is not None:
        notes.extend(found)
    return count, [problem for problem in problems if id(problem) not in said]


def _is_shipped(path: Path, content_dir: Path) -> bool:
    return content_dir.resolve() in path.resolve().parents


def _shipped_issuer_ids(content_dir: Path) -> frozenset[str]:
    """The ids of the shipped issuers, as the app loads them."""
    fast = _load_shipped_fast(content_dir)
    issuers = fast[2] if fast is not None else load_content(content_dir).issuers.issuers.values()
    return frozenset(issuer.id for issuer in issuers)
