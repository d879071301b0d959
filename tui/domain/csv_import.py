"""Import cards from a CSV file as spreadsheets write them.

What a spreadsheet may hand us, and what we do with it:

- Encoding: see tui.domain.csv_encoding (a byte order mark, then UTF-8, then
  charset-normalizer; `--encoding` overrides). The summary says which was used.
- Delimiter: Excel's hint line `sep=;` is honoured and skipped; otherwise the header
  line decides (the delimiter that makes it hold `label` and `kind`: comma, semicolon,
  tab or |).
- Values: `kind` and `intent` accept the keys (bank, port-out) and the words the app
  shows in English and Chinese (Bank, eSIM, Port out number, 银行卡, 挂失), any case,
  with spaces, dashes or underscores alike ("port out", "REPORT_LOST"). An empty
  intent is cancel, or report-lost for a kind never cancelled (an ID document).
- Network: the optional `network` column (a bank card's payment network) accepts the
  keys (visa, unionpay), the words the app shows (American Express, 银联 UnionPay) and
  a few other names (银联, master card; tui.records.card_networks.NETWORK_ALIASES). A value it
  does not know is reported with its line and the card goes in without a network; it
  is not kept for cards of other kinds.
- Carried and registered: the optional `carried` column (carried in the wallet) and
  `registered` column (a registered, named card) accept yes/no, true/false, 1/0, x,
  and the words for yes and no the app shows (是, 否); empty is no. Another value is
  reported with its line and the card goes in as no. A card the form does not ask
  whether it is registered (tui.domain.reportable.registered_asked) keeps no such mark.
- Owner and tags: the optional `owner` column (empty, or a word for "me": the
  user's own card) and `tags` column (words separated by commas or spaces), read as
  the card form reads them (tui.records.household); a bad one (a tag too long) is the
  row's error.
- Re-import: a row identical to a card already there (label, kind, intent, issuer,
  region, notes after cleaning, and network, owner and tags when the file has those
  columns) is not
  added again but counted as already there; each
  existing card answers for one row, so a file holding two identical rows adds two
  cards once, and none the next time.
- Errors name the row and speak words: "kind 'Bnak' is not one of: Transit, Bank, …".
  The good rows go in together (one transaction), or with strict nothing does if any
  row is bad; the summary lists which rows went in, which were already there and
  which were skipped.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tui.base.errors import TrackerError, describe
from tui.base.i18n import Catalog, Phrase
from tui.base.sanitiser import clean, unguard_cell
from tui.base.wide_forms import narrowed
from tui.domain.csv_encoding import CsvReadError, decode
from tui.domain.csv_format import CSV_FIELDS, REQUIRED
from tui.domain.tracker import Tracker
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.records.card_networks import CARD_NETWORKS, NETWORK_ALIASES
from tui.records.kinds import Intent, Kind

# what a `carried` or `registered` cell may say, reduced by _word, besides the catalogs'
# words for yes/no
YES_NO_WORDS = {
    **dict.fromkeys(("yes", "y", "true", "1", "x"), True),
    **dict.fromkeys(("no", "n", "false", "0", "", "—", "-"), False),
}
# delimiter → the catalog key of its name, in the order a tie is settled
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
SEP_LINE = re.compile(r'"?sep=(.)', re.IGNORECASE)


@dataclass
class CsvImportResult:
    """What an import did, with line numbers of the file (1 is its first line).

    `errors` and `notes` are (line, message) in the user's language; `summary` the
    lines to print after them (the encoding and delimiter used, rows imported,
    already there, skipped)."""

    imported: list[str] = field(default_factory=list)  # card labels
    errors: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    written: bool = False
    summary: list[str] = field(default_factory=list)
    kept_rows: list[int] = field(default_factory=list)
    already_rows: list[int] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)


def _word(text: str) -> str:
    """A kind or intent as typed, reduced for comparing: 'Port-Out ' → 'port out',
    'Social sec.' → 'social sec', full-width letters → ASCII (tui.base.wide_forms,
    as every other field typed on a CJK input method is read)."""
    text = narrowed(text).casefold().replace("-", " ").replace("_", " ")
    return " ".join(text.split()).rstrip(".").strip()


def word_table(values: Iterable[str], prefix: str, strings: Mapping[str, Mapping[str, str]]):
    """{reduced word: key} for every key in `values`: the key itself and its shown word
    (strings[lang][f"{prefix}.{key}"]) in every language. A word two keys share is
    dropped (a user's i18n override could make one)."""
    table: dict[str, str] = {}
    clashes: set[str] = set()
    for key in values:
        words = {key} | {by_key.get(f"{prefix}.{key}", "") for by_key in strings.values()}
        for word in filter(None, map(_word, words)):
            if table.setdefault(word, key) != key:
                clashes.add(word)
    return {word: key for word, key in table.items() if word not in clashes}


def _shown(value: str, limit: int = 40) -> str:
    """A cell as an error message quotes it: cleaned, and cut after `limit` characters."""
    text = clean(value).text
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _column(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().strip('"').casefold()


@dataclass(frozen=True)
class Layout:
    delimiter: str
    columns: list[str]  # the header's names, reduced
    header_line: int  # 1, or 2 after a sep= line


def _layout(stream: io.StringIO) -> Layout:
    """Read the sep= hint line (if any) and the header from `stream`; choose the
    delimiter (see the module docstring)."""
    first = stream.readline()
    hint = SEP_LINE.match(first.strip())
    header_line = 1
    delimiter = None
    if hint and hint.group(1) not in '\r\n"':
        delimiter, header_line, first = hint.group(1), 2, stream.readline()
    header = first.rstrip("\r\n")

    def columns(d: str) -> list[str]:
        return [_column(c) for c in next(csv.reader([header], delimiter=d), [])]

    if delimiter is None:
        fits = [d for d in DELIMITERS if set(REQUIRED) <= set(columns(d))]
        delimiter = fits[0] if fits else max(DELIMITERS, key=header.count)
    return Layout(delimiter, columns(delimiter), header_line)


def _rows(stream: io.StringIO, layout: Layout):
    """(first line, cells) for every non-blank record after the header. A record the
    csv module refuses ends the reading with CsvReadError('csv_import.bad_record')."""
    reader = csv.reader(stream, delimiter=layout.delimiter)
    consumed = layout.header_line
    while True:
        start = consumed + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise CsvReadError("csv_import.bad_record", line=start, detail=str(exc)) from None
        consumed = layout.header_line + reader.line_num
        if any(cell.strip() for cell in cells):
            yield start, cells


class _RowProblem(Exception):
    """A row that cannot become a card; its message, in the user's language, says why."""


class _RowChecker:
    """Turns cells into checked CardFields, or raises _RowProblem in words."""

    def __init__(self, tracker: Tracker, strings, catalog: Catalog) -> None:
        self.tracker = tracker
        self.catalog = catalog
        self.kinds = word_table([k.value for k in Kind], "kind", strings)
        self.intents = word_table([i.value for i in Intent], "intent", strings)
        self.networks = word_table(CARD_NETWORKS, "network", strings)
        for alias, network in NETWORK_ALIASES.items():
            self.networks.setdefault(_word(alias), network)
        self.network_notes: list[str] = []  # set by check: a network not taken, in words
        self.yes_no_words = dict(YES_NO_WORDS)
        for by_key in strings.values():
            for key, value in (("button.yes", True), ("button.no", False)):
                if by_key.get(key):
                    self.yes_no_words.setdefault(_word(by_key[key]), value)

    def shown(self, prefix: str, keys: Iterable[str]) -> str:
        return self.catalog("csv_import.list_separator").join(
            self.catalog(f"{prefix}.{key}") for key in keys
        )

    def usual(self, kind: str) -> str:
        """The intent a row with none gets: cancel, or for a kind that is never
        cancelled (an ID document) the first its playbooks offer (report-lost)."""
        offered = self.tracker.intents_for(kind)
        if Intent.CANCEL in offered or not offered:
            return Intent.CANCEL.value
        return offered[0].value

    def network(self, text: str) -> str:
        """The network key a cell names ("" for an empty cell or "—"); a cell naming
        none is noted in `network_notes` and read as "" (the card goes in without it)."""
        if _word(text) in ("", "—", "-"):
            return ""
        network = self.networks.get(_word(text))
        if network is None:
            choices = self.shown("network", CARD_NETWORKS)
            self.network_notes.append(
                self.catalog("csv_import.bad_network", value=_shown(text), choices=choices)
            )
            return ""
        return network

    def yes_no(self, column: str, text: str) -> bool:
        """Whether a yes-or-no cell of `column` (carried, registered) says yes (see
        YES_NO_WORDS); a cell saying neither is noted in `network_notes`
        (csv_import.bad_<column>) and read as no."""
        found = self.yes_no_words.get(_word(text))
        if found is None:
            message = self.catalog(f"csv_import.bad_{column}", value=_shown(text))
            self.network_notes.append(message)
            return False
        return found

    def check(self, values: dict[str, str]) -> CardFields:
        catalog = self.catalog
        self.network_notes = []
        kind = self.kinds.get(_word(values["kind"]))
        if kind is None:
            choices = self.shown("kind", [k.value for k in Kind])
            message = catalog("csv_import.bad_kind", value=_shown(values["kind"]), choices=choices)
            raise _RowProblem(message)
        intent = self.intents.get(_word(values["intent"])) if values["intent"] else self.usual(kind)
        if intent is None:
            choices = self.shown("intent", [i.value for i in Intent])
            message = catalog(
                "csv_import.bad_intent", value=_shown(values["intent"]), choices=choices
            )
            raise _RowProblem(message)
        fields = CardFields(
            label=values["label"],
            kind=kind,
            intent=intent,
            issuer=values["issuer"],
            region=values["region"],
            notes=values["notes"],
            network=self.network(values["network"]) if kind == Kind.BANK.value else "",
            carried=self.yes_no("carried", values["carried"]),
            owner=values["owner"],
            tags=values["tags"],
            registered=self.yes_no("registered", values["registered"]),
        )
        try:
            return self.tracker.check_fields(fields)
        except CardError as exc:
            if exc.message_key == "error.label_required":
                raise _RowProblem(catalog("csv_import.label_required")) from None
            # the import's own words where it has them: the form's ("what you typed is
            # still in the form") are not true of a file's row
            row_key = "csv_import." + exc.message_key.removeprefix("error.")
            if catalog.has(row_key):
                message = catalog(row_key, field=exc.field, **exc.params)
                if exc.message_key != "error.too_long":  # that one names its field
                    message = catalog("text.labelled", label=exc.field, value=message)
                raise _RowProblem(message) from None
            said = catalog("text.labelled", label=exc.field, value=describe(exc, catalog))
            raise _RowProblem(said) from None
        except TrackerError as exc:
            if exc.key != "error.no_playbook":
                raise
            possible = [i.value for i in self.tracker.intents_for(kind)]
            message = catalog(
                "csv_import.no_playbook",
                kind=catalog(f"kind.{kind}"),
                intent=catalog(f"intent.{intent}"),
                choices=self.shown("intent", possible),
            )
            raise _RowProblem(message) from None


def _fingerprint(fields: CardFields, columns: frozenset[str]) -> tuple[str, ...]:
    """What makes a row the same card as one already there. The network, owner and
    tags count only when the file has their columns: a file written before they were
    asked says nothing of them, so its rows still match the cards they made."""
    found = (fields.label, fields.kind, fields.intent, fields.issuer, fields.region, fields.notes)
    later = (("network", fields.network), ("owner", fields.owner), ("tags", fields.tags))
    return found + tuple(value for name, value in later if name in columns)


def row_ranges(lines: list[int]) -> str:
    """[2, 3, 4, 7] → '2-4, 7'."""
    parts: list[str] = []
    for line in sorted(lines):
        if parts and parts[-1][1] == line - 1:
            parts[-1] = (parts[-1][0], line)
        else:
            parts.append((line, line))
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in parts)


def import_csv(
    tracker: Tracker,
    data: bytes,
    *,
    strings: Mapping[str, Mapping[str, str]],
    lang: str = "en",
    strict: bool = False,
    encoding: str | None = None,
) -> CsvImportResult:
    """Import the CSV `data` (bytes as read from the file) into `tracker`'s store.

    `strings`: every language's UI strings (Content.strings), for the words kind and
    intent may be given in and for the messages, which are in `lang`. `encoding`: the
    user's --encoding, or None to detect. Never raises for what the file holds; a store
    that refuses the write becomes an error in the result, with nothing written."""
    catalog = Catalog(strings, lang)
    result = CsvImportResult()
    try:
        decoded = decode(data, encoding)
    except CsvReadError as exc:
        result.errors.append((0, catalog(exc.key, **exc.params)))
        return result
    if not decoded.text.strip():
        result.errors.append((0, catalog("csv_import.empty")))
        return result
    stream = io.StringIO(decoded.text, newline="")
    layout = _layout(stream)
    name = DELIMITERS.get(layout.delimiter, "other")
    delimiter = catalog(f"csv_import.{name}", delimiter=layout.delimiter)
    result.summary.append(
        catalog(
            "csv_import.read_as",
            encoding=Phrase("csv_import.with_bom") if decoded.bom else decoded.encoding,
            name=decoded.encoding,
            delimiter=delimiter,
        )
    )
    missing = [name for name in REQUIRED if name not in layout.columns]
    if missing:
        listed = catalog("csv_import.list_separator").join
        found = listed(catalog("text.quoted", text=_shown(c)) for c in layout.columns if c)
        found = found or "-"
        message = catalog(
            "csv_import.header",
            missing=listed(missing),
            found=found,
            columns=listed(CSV_FIELDS),
        )
        result.errors.append((layout.header_line, message))
        result.summary.append(catalog("csv_import.nothing"))
        return result
    checker = _RowChecker(tracker, strings, catalog)
    columns = frozenset(layout.columns)
    existing = Counter(_fingerprint(card.fields(), columns) for card in tracker.cards())
    good: list[tuple[int, CardFields]] = []
    try:
        for line, cells in _rows(stream, layout):
            _take_row(line, cells, layout, checker, existing, good, result)
    except CsvReadError as exc:
        result.errors.append((exc.params["line"], catalog(exc.key, **exc.params)))
        result.skipped_rows.append(exc.params["line"])
    if good and not (strict and result.errors):
        _write(tracker, good, result, catalog)
    _summarise(result, catalog, strict)
    return result


def _take_row(line, cells, layout, checker, existing, good, result) -> None:
    by_name: dict[str, str] = {}
    for name, cell in zip(layout.columns, cells, strict=False):
        if name in CSV_FIELDS:
            by_name.setdefault(name, cell)
    values = {name: unguard_cell(by_name.get(name, "").strip()) for name in CSV_FIELDS}
    try:
        fields = checker.check(values)
    except _RowProblem as problem:
        result.errors.append((line, str(problem)))
        result.skipped_rows.append(line)
        return
    print_ = _fingerprint(fields, frozenset(layout.columns))
    if existing[print_] > 0:
        existing[print_] -= 1
        result.already_rows.append(line)
        return
    raw = CardFields(
        values["label"],
        fields.kind,
        fields.intent,
        values["issuer"],
        values["region"],
        values["notes"],
        owner=values["owner"],
        tags=values["tags"],
    )
    said = [
        checker.catalog("csv_import.removed", field=name, count=count)
        for name, count in raw.removed().items()
    ] + checker.network_notes
    if said:
        result.notes.append((line, "; ".join(said)))
    good.append((line, fields))


def _write(tracker, good, result: CsvImportResult, catalog: Catalog) -> None:
    try:
        tracker.add_imported(item for _line, item in good)
    except TrackerError as exc:
        reason = describe(exc, catalog)
        result.errors.append((0, catalog("data.import_not_saved", reason=reason)))
        result.notes = [n for n in result.notes if n[0] not in {line for line, _ in good}]
        return
    result.imported = [item.label for _line, item in good]
    result.kept_rows = [line for line, _item in good]
    result.written = True


def _summarise(result: CsvImportResult, catalog: Catalog, strict: bool) -> None:
    say = result.summary.append
    if result.written:
        rows = row_ranges(result.kept_rows)
        say(catalog("csv_import.imported", count=len(result.kept_rows), rows=rows))
    if result.already_rows:
        rows = row_ranges(result.already_rows)
        say(catalog("csv_import.already", count=len(result.already_rows), rows=rows))
    if result.skipped_rows:
        rows = row_ranges(result.skipped_rows)
        say(catalog("csv_import.skipped", count=len(result.skipped_rows), rows=rows))
    if not result.written:
        if strict and result.skipped_rows:
            say(catalog("csv_import.strict_nothing"))
        elif not result.already_rows or result.errors:
            say(catalog("csv_import.nothing"))
