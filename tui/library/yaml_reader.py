"""The one way cardoff-tui reads YAML: content files, the user's config.yaml, the
content schemas, shipped or the user's own.

PyYAML reads YAML 1.1 and expands aliases without limit: a 488-byte file of nested
anchors ("billion laughs") grows to gigabytes, and unquoted `yes`, `no`, `on`, `off`
turn into booleans (an i18n key `no:` silently became False). So every file is read
with limits, in this order, and the first one broken names the file and line:

- at most MAX_FILE_BYTES bytes, from a regular file (never a pipe or a device);
- UTF-8 text (a byte-order mark is allowed; UTF-16 and other encodings are refused);
- valid YAML with no anchors or aliases (so no expansion at all), no tags (so no
  `!!python/object`), nesting at most MAX_DEPTH deep and at most MAX_NODES values (so
  a large file stays quick to check and load);
- values resolved as YAML 1.2's core schema: `true`/`false` are the only booleans,
  `010` is ten, `9:30` and `2026-11-24` are text;
- mapping keys are text (`true:`, `1:` or `~:` must be quoted) and appear once.

Then a plain scalar that YAML 1.1 reads as a boolean (yes, no, on, off in any case)
is a *problem* of the document: it parsed, but another reader would take it for
true or false. Content files with problems are skipped (tui/library/content.py); config.yaml
checks each setting's type instead (`mouse: off` is not true or false, tui/domain/config.py).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import yaml

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32  # nested mappings and lists; a playbook needs 5
MAX_NODES = 200_000  # keys and values in one file; the largest shipped file has ~2,000

STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
NULL = "tag:yaml.org,2002:null"
YAML11_BOOLEANS = re.compile(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$")
READ_AS = {BOOL: "true or false", INT: "a number", FLOAT: "a number", NULL: "nothing (null)"}


@dataclass(frozen=True)
class ContentError:
    """What is wrong with a file (or a value in it): `path:line: message`.

    `message` is English (logs, tests, and the words when no catalog has better); with
    `key`, a catalog key, and `values` its parameters as (name, value) pairs, `worded`
    says it in the user's language."""

    path: Path
    line: int | None
    message: str
    location: tuple = field(default=(), compare=False)  # keys and indexes, when known
    key: str = field(default="", compare=False)
    values: tuple[tuple[str, object], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    @property
    def where(self) -> str:
        """`path:line`, or the path alone when the line is not known."""
        return f"{self.path}:{self.line}" if self.line else f"{self.path}"

    def worded(self, t) -> str:
        """`where: message` in catalog `t`'s words (`t(key, **values)`); the English
        message when there is no key, or `t` has none for it."""
        return f"{self.where}: {self.words(t)}"

    def words(self, t) -> str:
        """The message alone, in catalog `t`'s words (the English without them)."""
        if not self.key or not t.has(self.key):
            return self.message
        return t(self.key, **dict(self.values))


class WordedText(str):
    """A problem of a settings file as English text, `where: message` (for logs, tests
    and any code that takes text), carrying what says it in the user's language: its
    place (`where`), a catalog key and the key's values."""

    where: str
    english: str
    key: str
    values: tuple[tuple[str, object], ...]

    def __new__(cls, where: str, english: str, key: str, values=()) -> WordedText:
        text = super().__new__(cls, f"{where}: {english}")
        text.where, text.english, text.key, text.values = where, english, key, tuple(values)
        return text

    def worded(self, t) -> str:
        """`where: message` in catalog `t`'s words; the English when `t` lacks the key."""
        return f"{self.where}: {self.words(t)}"

    def words(self, t) -> str:
        """The message alone, in catalog `t`'s words (the English without them)."""
        if not t.has(self.key):
            return self.english
        return t(self.key, **dict(self.values))


def worded(problem, t) -> str:
    """A problem (a ContentError, a WordedText, or plain text) in catalog `t`'s words,
    as a command line says it: `path:line: message` (what editors and grep read)."""
    return problem.worded(t) if isinstance(problem, ContentError | WordedText) else str(problem)


def reason_first(problem, t) -> str:
    """A problem in catalog `t`'s words as a line that may be cut says it (the app's
    status line): what is wrong first, the file and line last, where a cut loses the
    least (`mouse must be true or false, not 'off'; using true (/home/…/config.yaml:1)`).
    Plain text as it is."""
    if not isinstance(problem, ContentError | WordedText):
        return str(problem)
    return problem.words(t) + t("text.aside", text=problem.where)


@dataclass(frozen=True)
class YamlDoc:
    """A parsed file: its data (dicts, lists, str, int, float, bool, None), its node
    tree (for line numbers) and its problems (see the module docstring)."""

    path: Path
    data: object
    root: yaml.Node | None
    problems: tuple[ContentError, ...] = ()

    def node_at(self, location: Iterable[str | int]) -> yaml.Node | None:
        """The node at `location` (keys and list indexes), or None."""

        node = self.root
        for part in location:
            if node is None:
                return None
            node = _child(node, part)
        return node

    def line_of(self, location: Iterable[str | int]) -> int | None:
        """The 1-based line of the node at `location`, or of the deepest node on the
        way there that exists."""
        node = self.root
        if node is None:
            return None
        best = node.start_mark.line + 1
        for part in location:
            node = _child(node, part)
            if node is None:
                break
            best = node.start_mark.line + 1
        return best

    def read_as(self, location: Iterable[str | int]) -> str | None:
        """For an unquoted value YAML took for something other than text: how to say
        so, e.g. "`yes` is read as true or false here; quote it ('yes') if it is text".
        None for anything else."""
        import yaml

        node = self.node_at(location)
        if (
            not isinstance(node, yaml.ScalarNode) or node.style
        ):  # quoted or block text (libyaml says '' for plain)
            return None
        what = READ_AS.get(node.tag)
        if what is None:
            return None
        return f"`{node.value}` is read as {what} here; quote it ('{node.value}') if it is text"


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(part):
                return value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        if 0 <= part < len(node.value):
            return node.value[part]
    return None


@cache
def _loader() -> type:
    """A PyYAML loader class: libyaml's parser when PyYAML has it (several times
    faster), else PyYAML's own; YAML 1.2's core schema for plain values (only
    true/false are booleans; no dates, no sexagesimal numbers, no octal from a leading
    0, no `<<` merge keys). PyYAML is imported here, when YAML is first parsed: the
    shipped content usually comes from content_cache.py's JSON."""
    import yaml

    class Resolver(yaml.resolver.BaseResolver):
        pass

    for tag, pattern, first in (
        (BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        (INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
        (
            FLOAT,
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
            "-+.0123456789",
        ),
        (NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ):
        Resolver.add_implicit_resolver(tag, re.compile(pattern), list(first))

    class Constructor(yaml.constructor.SafeConstructor):
        def construct_yaml_int(self, node):  # YAML 1.2: 010 is ten, 0o10 is eight
            text = self.construct_scalar(node)
            sign = -1 if text.startswith("-") else 1
            digits = text.lstrip("+-")
            if digits.startswith("0o"):
                return sign * int(digits[2:], 8)
            if digits.startswith("0x"):
                return sign * int(digits[2:], 16)
            return sign * int(digits)

        def construct_yaml_float(self, node):
            text = self.construct_scalar(node).lower()
            if text.lstrip("+-") == ".inf":
                return float("-inf") if text.startswith("-") else float("inf")
            return float("nan") if text == ".nan" else float(text)

    Constructor.add_constructor(INT, Constructor.construct_yaml_int)
    Constructor.add_constructor(FLOAT, Constructor.construct_yaml_float)
    if getattr(yaml, "__with_libyaml__", False):
        bases: tuple = (yaml.cyaml.CParser,)
    else:
        from yaml.composer import Composer
        from yaml.parser import Parser
        from yaml.reader import Reader
        from yaml.scanner import Scanner

        bases = (Reader, Scanner, Parser, Composer)

    def __init__(self, stream: str) -> None:
        bases[0].__init__(self, stream)  # the reader (or libyaml's parser) takes the text
        for base in bases[1:]:
            base.__init__(self)
        Constructor.__init__(self)
        Resolver.__init__(self)

    return type("ContentLoader", (*bases, Constructor, Resolver), {"__init__": __init__})


def read_yaml(path: Path) -> YamlDoc | ContentError:
    """Read and parse one file within the limits above; never raises.

    Returns the document, or the first reason it cannot be used (with the line when
    there is one).
    """
    raw = _read_bytes(path)
    if isinstance(raw, ContentError):
        return raw
    text = decode_text(raw, path)
    if isinstance(text, ContentError):
        return text
    return parse_yaml(text, path)


def _read_bytes(path: Path) -> bytes | ContentError:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            english = "not a regular file; content files are YAML files"
            return ContentError(path, None, english, key="file_problem.not_regular")
        with open(path, "rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        from tui.base.os_problem import os_problem

        english = f"cannot read: {exc.strerror or exc}"
        words = tuple(os_problem(exc).items())
        return ContentError(path, None, english, key="file_problem.cannot_read", values=words)
    if len(raw) > MAX_FILE_BYTES:
        return ContentError(
            path,
            None,
            f"larger than {MAX_FILE_BYTES:,} bytes; split it into several files",
            key="file_problem.too_large",
            values=(("limit", f"{MAX_FILE_BYTES:,}"),),
        )
    return raw


def decode_text(raw: bytes, path: Path) -> str | ContentError:
    """A file's bytes as text: UTF-8 (a byte-order mark dropped), universal newlines;
    or why not (UTF-16, or the line of the first byte that is not UTF-8)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ContentError(
            path, 1, "UTF-16 text; save the file as UTF-8", key="file_problem.utf16"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start]
        return ContentError(
            path,
            line,
            f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8",
            key="file_problem.not_utf8",
            values=(("byte", f"0x{byte:02x}"),),
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as Path.read_text gives it


def _invalid(path: Path, line: int | None, reason: str) -> ContentError:
    """YAML the parser refused, with its reason in the parser's own (English) words:
    `invalid YAML: <reason>`, said in the user's language around them."""
    return ContentError(
        path, line, f"invalid YAML: {reason}", key="file_problem.invalid_yaml",
        values=(("parser", reason),),
    )


def parse_yaml(text: str, path: Path) -> YamlDoc | ContentError:
    """Parse YAML text (from `path`, for messages) within the limits above; never
    raises."""
    import yaml

    try:
        refused = _refused(text, path)
        if refused is not None:
            return refused
        loader = _loader()(text)
        try:
            root = loader.get_single_node()
            errors, problems = _check_tree(root, path)
            if errors:
                return errors[0]
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        return _invalid(path, line, problem)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        return ContentError(
            path,
            line,
            f"invalid YAML: character U+{code:04X} is not allowed",
            key="file_problem.yaml_character",
            values=(("code", f"U+{code:04X}"),),
        )
    except yaml.YAMLError as exc:
        return _invalid(path, None, str(exc))
    except (ValueError, RecursionError) as exc:  # a value the constructor cannot build
        return _invalid(path, None, str(exc))
    return YamlDoc(path, data, root, tuple(problems))


def _refused(text: str, path: Path) -> ContentError | None:
    """A first pass over the parser's events (no values built yet): anchors, aliases,
    tags, nesting and size."""
    import yaml

    depth = nodes = 0
    for event in yaml.parse(text, Loader=_loader()):
        if not isinstance(event, yaml.NodeEvent):
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            continue
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            return ContentError(
                path,
                line,
                f"{sign}{event.anchor}: anchors and aliases (&name, *name) are not allowed; "
                "write the value out in full",
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            return ContentError(
                path,
                line,
                f"the tag {tag.replace('tag:yaml.org,2002:', '!!')} is not allowed; quote text "
                "instead; content is plain text, numbers, true/false, lists and mappings",
            )
        nodes += 1
        if nodes > MAX_NODES:
            return ContentError(path, line, f"more than {MAX_NODES:,} values; split the file")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return ContentError(path, line, f"nested more than {MAX_DEPTH} levels deep")
    return None


def _check_tree(
    root: yaml.Node | None, path: Path
) -> tuple[list[ContentError], list[ContentError]]:
    """(errors, problems), in the order of the file: keys that are not text or appear
    twice; plain scalars that YAML 1.1 reads as booleans."""
    import yaml

    errors: list[ContentError] = []
    problems: list[ContentError] = []
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())] if root is not None else []
    while stack:
        node, location = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if not node.style and YAML11_BOOLEANS.match(node.value):
                problems.append(_yaml11_boolean(node, path, location, key=False))
        elif isinstance(node, yaml.SequenceNode):
            items = [(item, (*location, i)) for i, item in enumerate(node.value)]
            stack.extend(reversed(items))  # popped in the file's order
        elif isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            children = []
            for key, value in node.value:
                line = key.start_mark.line + 1
                if not isinstance(key, yaml.ScalarNode) or key.tag != STR:
                    if isinstance(key, yaml.ScalarNode):
                        what = READ_AS.get(key.tag, key.tag)
                        message = (
                            f"the key `{key.value}` is read as {what}; keys are text: quote it"
                        )
                    else:
                        message = "a key that is a list or a mapping; keys are text"
                    errors.append(ContentError(path, line, message, location))
                    continue
                here = (*location, key.value)
                if not key.style and YAML11_BOOLEANS.match(key.value):
                    problems.append(_yaml11_boolean(key, path, here, key=True))
                if key.value in seen:
                    first = seen[key.value]
                    message = f"the key {key.value!r} appears twice (first on line {first})"
                    errors.append(ContentError(path, line, message, location))
                seen.setdefault(key.value, line)
                children.append((value, here))
            stack.extend(reversed(children))
    return errors, problems


def _yaml11_boolean(node: yaml.ScalarNode, path: Path, location: tuple, key: bool) -> ContentError:
    word = node.value
    meaning = "true" if word.lower() in ("yes", "on") else "false"
    reads = f"is {meaning} to YAML 1.1 readers and the text {word!r} to YAML 1.2 ones"
    if key:
        under = ".".join(map(str, location[:-1]))
        where = f" (under {under})" if under else ""
        message = f"the unquoted key `{word}`{where} {reads}; quote it: '{word}':"
    else:
        where = ".".join(map(str, location))
        prefix = f"{where}: " if where else ""
        message = (
            f"{prefix}unquoted `{word}` {reads}; write {meaning} for a yes/no setting, "
            f"or quote it ('{word}') for text"
        )
    return ContentError(path, node.start_mark.line + 1, message, location)
