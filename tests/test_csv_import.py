"""CSV import as spreadsheets write it: encodings, delimiters, the words the app
shows, re-import, errors in words; and the Excel-friendly export coming back."""

from __future__ import annotations

import codecs
import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli
from tests.test_export import _seed
from tui.domain.csv_encoding import decode
from tui.domain.csv_import import import_csv, row_ranges
from tui.domain.export import export
from tui.domain.importer import import_file
from tui.domain.tracker import Tracker
from tui.storage.store import DB_FILENAME, Store

ROWS = [
    ["label", "kind", "issuer", "region", "intent", "notes"],
    ["工行借记卡", "bank", "工商银行", "CN", "cancel", "工资卡"],
    ["交通卡", "transit", "", "", "", ""],
]


def _tracker(store, content, clock):
    return Tracker(store, content.playbooks, clock, issuers=content.issuers)


def _csv(rows, delimiter=",", lineterminator="\r\n") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=lineterminator).writerows(rows)
    return out.getvalue()


def _import(tmp_path, content, clock, data: bytes, store=None, name="cards.csv", **options):
    store = store or Store.in_memory()
    path = tmp_path / name
    path.write_bytes(data)
    tracker = _tracker(store, content, clock)
    return import_file(tracker, path, strings=content.strings, **options), store


def _cards(store):
    return sorted(
        (c.label, c.kind.value, c.intent.value, c.issuer, c.region, c.notes) for c in store.cards()
    )


EXPECTED = sorted(
    [
        ("工行借记卡", "bank", "cancel", "工商银行", "CN", "工资卡"),
        ("交通卡", "transit", "cancel", "", "", ""),
    ]
)


# What spreadsheets save: Excel's "CSV" on Chinese Windows (GBK), "CSV UTF-8" (BOM),
# "Unicode Text" (UTF-16 LE with BOM, tab-separated), LibreOffice's defaults, and
# Excel's "CSV" in a European locale (semicolons).
FILES = {
    "excel-csv-gbk": (_csv(ROWS).encode("gbk"), "GBK", "comma"),
    "gb18030": (_csv(ROWS).encode("gb18030"), "GB18030", "comma"),
    "excel-csv-utf8": (codecs.BOM_UTF8 + _csv(ROWS).encode(), "UTF-8 with BOM", "comma"),
    "excel-unicode-text": (
        codecs.BOM_UTF16_LE + _csv(ROWS, "\t").encode("utf-16-le"),
        "UTF-16 LE with BOM",
        "tab",
    ),
    "utf-16-be": (codecs.BOM_UTF16_BE + _csv(ROWS).encode("utf-16-be"), "UTF-16 BE", "comma"),
    "utf-8-lf": (_csv(ROWS, lineterminator="\n").encode(), "UTF-8", "comma"),
    "old-mac-cr": (_csv(ROWS, lineterminator="\r").encode(), "UTF-8", "comma"),
    "semicolons": (_csv(ROWS, ";").encode("gbk"), "GBK", "semicolon"),
    "sep-hint": (b"sep=,\r\n" + _csv(ROWS).encode(), "UTF-8", "comma"),
    "sep-hint-semicolon": (b"sep=;\r\n" + _csv(ROWS, ";").encode(), "UTF-8", "semicolon"),
    "pipes": (_csv(ROWS, "|").encode(), "UTF-8", "separated by |"),
}


@pytest.mark.parametrize("name", FILES)
def test_every_file_a_spreadsheet_saves_imports_and_says_how_it_was_read(
    tmp_path, content, clock, name
):
    data, encoding, delimiter = FILES[name]
    result, store = _import(tmp_path, content, clock, data)
    assert not result.errors, result.errors
    assert _cards(store) == EXPECTED
    assert encoding in result.summary[0] and delimiter in result.summary[0], result.summary
    first = 3 if name.startswith("sep-hint") else 2  # the hint line counts as a line
    assert f"imported 2 cards, from rows {first}-{first + 1}" in result.summary


def test_short_gbk_labels_are_read_as_chinese_not_korean(tmp_path, content, clock):
    """Two Chinese characters in GBK are also valid Korean cp949: the tie goes to GBK."""
    for label in ("工行", "工行借记卡", "交通卡", "卡"):
        data = f"label,kind\n{label},bank\n".encode("gbk")
        result, store = _import(tmp_path, content, clock, data)
        assert [c.label for c in store.cards()] == [label], result.summary
        assert "GBK" in result.summary[0]


def test_a_latin_file_is_read(tmp_path, content, clock):
    data = "label,kind,notes\nCarte Café,bank,fermée à Noël\n".encode("cp1252")
    result, store = _import(tmp_path, content, clock, data)
    assert [(c.label, c.notes) for c in store.cards()] == [("Carte Café", "fermée à Noël")]
    assert not result.errors


def test_encoding_option_overrides_detection_and_is_checked(tmp_path, content, clock):
    data = "label,kind\n中國銀行信用卡,bank\n".encode("big5")
    result, store = _import(tmp_path, content, clock, data, encoding="big5")
    assert [c.label for c in store.cards()] == ["中國銀行信用卡"]
    assert "read as Big5" in result.summary[0]
    for name in ("klingon", "base64"):
        result, _ = _import(tmp_path, content, clock, data, encoding=name)
        assert result.errors[0][1].startswith(f'"{name}" is not an encoding')
    result, _ = _import(tmp_path, content, clock, data, encoding="klingon")
    assert result.errors == [
        (
            0,
            '"klingon" is not an encoding cardoff-tui knows (try utf-8, gbk, big5, utf-16, '
            "cp1252). Nothing was imported.",
        )
    ]
    data = b"label,kind\nA,bank\nB,bank\n\xff\xfe,bank\n"
    result, store = _import(tmp_path, content, clock, data, encoding="utf-8")
    assert result.errors[0][1].startswith("the file is not valid utf-8 (line 4)")
    assert store.cards() == [] and not result.written


def test_reimport_adds_nothing_and_says_the_rows_are_already_there(tmp_path, content, clock):
    data = _csv(ROWS).encode("gbk")
    first, store = _import(tmp_path, content, clock, data)
    again, store = _import(tmp_path, content, clock, data, store=store)
    assert _cards(store) == EXPECTED
    assert again.written is False and again.errors == [] and again.already_rows == [2, 3]
    assert "2 rows already there, not imported again: rows 2-3" in again.summary
    # the same rows in another encoding and layout are the same cards
    other, store = _import(tmp_path, content, clock, FILES["excel-unicode-text"][0], store=store)
    assert other.already_rows == [2, 3] and len(store.cards()) == 2
    # one new row among old ones: only it goes in
    more = _csv([*ROWS, ["Old phone", "eSIM", "", "", "port out", ""]]).encode()
    grown, store = _import(tmp_path, content, clock, more, store=store)
    assert grown.kept_rows == [4] and grown.already_rows == [2, 3]


def test_two_identical_rows_make_two_cards_once(tmp_path, content, clock):
    data = b"label,kind\nMetro,transit\nMetro,transit\n"
    first, store = _import(tmp_path, content, clock, data)
    again, store = _import(tmp_path, content, clock, data, store=store)
    assert len(first.imported) == 2 and again.already_rows == [2, 3]
    assert [c.label for c in store.cards()] == ["Metro", "Metro"]


WORDS = [
    # kind, intent: as typed in a spreadsheet → what is stored
    ("Bank", "", "bank", "cancel"),
    ("BANK", "Cancel", "bank", "cancel"),
    ("eSIM", "port out", "esim", "port-out"),
    ("esim", "Port out number", "esim", "port-out"),
    ("Transit", "report lost", "transit", "report-lost"),
    ("Social sec.", "REPORT_LOST", "social-security", "report-lost"),
    ("social security", "Suspend", "social-security", "suspend"),
    ("银行卡", "挂失", "bank", "report-lost"),
    ("交通卡", "注销", "transit", "cancel"),
    ("eSIM", "携号转出", "esim", "port-out"),
    ("其他", "暂停", "other", "suspend"),
    ("Ｂａｎｋ", " cancel ", "bank", "cancel"),  # full-width letters from a Chinese IME
    # an ID document is reported lost or replaced, never cancelled: empty means report lost
    ("ID document", "", "id-document", "report-lost"),
    ("id-document", "Replace", "id-document", "replace"),
    ("证件", "补办", "id-document", "replace"),
    ("证件", "挂失", "id-document", "report-lost"),
]


@pytest.mark.parametrize(("kind", "intent", "stored_kind", "stored_intent"), WORDS)
def test_kind_and_intent_accept_the_words_the_app_shows(
    tmp_path, content, clock, kind, intent, stored_kind, stored_intent
):
    data = _csv([["label", "kind", "intent"], ["Card", kind, intent]]).encode()
    result, store = _import(tmp_path, content, clock, data)
    assert not result.errors, result.errors
    card = store.cards()[0]
    assert (card.kind.value, card.intent.value) == (stored_kind, stored_intent)


BAD = _csv(
    [
        ["label", "kind", "intent"],
        ["Good", "Bank", ""],
        ["Typo", "Bnak", ""],
        ["No port", "bank", "port out"],
        ["", "bank", ""],
        ["Odd", "bank", "shred"],
        ["X" * 61, "bank", ""],
        ["Good", "bank", ""],  # already there by the time it is read? no: one card per row
    ]
).encode()


def test_errors_speak_words_and_the_summary_says_what_was_kept(tmp_path, content, clock):
    result, store = _import(tmp_path, content, clock, BAD)
    assert result.errors == [
        (3, "kind 'Bnak' is not one of: Transit, Bank, Social sec., eSIM, ID document, Other"),
        (
            4,
            'Bank cards have no playbook for "Port out number"; intent can be: Cancel, Suspend, '
            "Report lost",
        ),
        (5, "the label is empty"),
        (6, "intent 'shred' is not one of: Cancel, Suspend, Report lost, Replace, Port out number"),
        (7, "label is longer than 60 characters"),
    ]
    assert [c.label for c in store.cards()] == ["Good", "Good"]
    assert result.summary[1:] == [
        "imported 2 cards, from rows 2, 8",
        "5 rows not imported because of the errors above: rows 3-7",
    ]


def test_an_error_quotes_a_long_or_hostile_cell_short_and_clean(tmp_path, content, clock):
    data = _csv([["label", "kind"], ["A", "\x1b]52;c;x\x07" + "k" * 500]]).encode()
    result, _ = _import(tmp_path, content, clock, data)
    message = result.errors[0][1]
    assert message.startswith("kind 'kkk") and "k" * 40 not in message and "52;" not in message
    assert "…' is not one of" in message and "\x1b" not in message


def test_errors_and_summary_in_chinese(tmp_path, content, clock):
    result, _ = _import(tmp_path, content, clock, BAD, lang="zh-CN", strict=True)
    kinds = "交通卡、银行卡、社保卡、eSIM、证件、其他"
    assert result.errors[0] == (3, f"类型“Bnak”不在这些之中：{kinds}")
    assert result.summary[0] == "按 UTF-8 读取，逗号分隔"
    assert result.summary[-1].startswith("未导入任何内容：使用 --strict 时")


def test_strict_says_nothing_went_in_and_why(tmp_path, content, clock):
    result, store = _import(tmp_path, content, clock, BAD, strict=True)
    assert store.cards() == [] and not result.written
    assert result.summary[-1].startswith("nothing was imported: with --strict it is all rows")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty. Nothing was imported."),
        (b"\xef\xbb\xbf\r\n", "is empty. Nothing was imported."),
        (
            b"name,type\nDebit,bank\n",
            "the first line needs the columns label, kind (it has: 'name', 'type')",
        ),
        (
            b"label;type\nDebit;bank\n",
            "the first line needs the columns kind (it has: 'label', 'type')",
        ),
    ],
)
def test_a_file_that_cannot_be_used_says_why(tmp_path, content, clock, data, message):
    result, store = _import(tmp_path, content, clock, data)
    assert len(result.errors) == 1 and message in result.errors[0][1], result.errors
    assert store.cards() == []


def test_a_row_the_csv_reader_refuses_ends_the_reading_and_says_where(tmp_path, content, clock):
    data = b'label,kind\nFirst,bank\nSecond,"' + b"x" * 200_000 + b"\nThird,bank\n"
    result, store = _import(tmp_path, content, clock, data)
    assert [c.label for c in store.cards()] == ["First"]
    assert result.errors[0][0] == 3
    assert result.errors[0][1].startswith("this row and the rest cannot be read as CSV (field")
    assert result.summary[-1] == "1 row not imported because of the errors above: row 3"


def test_excel_export_has_a_bom_and_comes_back_as_the_same_cards(tmp_path, content, clock):
    first = Store.in_memory()
    _seed(_tracker(first, content, clock))
    data = export(_tracker(first, content, clock), "csv-excel")
    assert data.startswith(codecs.BOM_UTF8) and "工行".encode() in data
    assert not export(_tracker(first, content, clock), "csv").startswith(codecs.BOM_UTF8)
    decoded = decode(data)
    assert decoded.encoding == "UTF-8" and decoded.bom and decoded.text.startswith('"id","label"')
    result, second = _import(tmp_path, content, clock, data)
    assert not result.errors and _cards(second) == _cards(first)
    again, second = _import(tmp_path, content, clock, data, store=second)
    assert again.already_rows == [2, 3] and len(second.cards()) == 2


def test_row_ranges():
    assert row_ranges([7, 2, 3, 4]) == "2-4, 7"
    assert row_ranges([5]) == "5"


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gbk", "gb18030", "big5", "cp1252", "utf-32"]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.tuples(
            st.lists(st.lists(st.text(max_size=12), max_size=7), max_size=6),
            st.sampled_from([",", ";", "\t", "|"]),
            st.sampled_from(ENCODINGS),
        ).map(
            lambda t: _csv([["label", "kind", "intent"], *t[0]], t[1]).encode(t[2], errors="ignore")
        ),
    ),
    strict=st.booleans(),
)
def test_any_bytes_import_without_a_traceback_and_never_half(content, clock, data, strict):
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    result = import_csv(tracker, data, strings=content.strings, strict=strict)
    assert len(store.cards()) == len(result.imported)
    assert result.written == bool(result.imported)
    if strict:
        assert not (result.written and result.errors)
    assert all(isinstance(line, int) and text for line, text in result.errors)
    assert result.summary or result.errors
    kept, skipped = set(result.kept_rows), set(result.skipped_rows)
    assert not kept & skipped


def test_import_cli_speaks_for_every_row(tmp_path):
    data = tmp_path / "data"
    path = tmp_path / "卡.csv"
    path.write_bytes(BAD.replace(b"Good", "工行".encode()).decode().encode("gbk"))
    result = run_cli("import", str(path), data=data, config=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}: read as GBK/GB18030, comma-separated",
        f"{path}: imported 2 cards, from rows 2, 8",
        f"{path}: 5 rows not imported because of the errors above: rows 3-7",
    ]
    assert f"{path}:3: kind 'Bnak' is not one of: Transit, Bank" in result.stderr
    again = run_cli("import", str(path), data=data, config=tmp_path)
    assert f"{path}: 2 rows already there, not imported again: rows 2, 8" in again.stdout
    store = Store.open(data / DB_FILENAME)
    assert [c.label for c in store.cards()] == ["工行", "工行"]
    store.close()
    asked = run_cli("import", "--encoding", "nope", str(path), data=data, config=tmp_path)
    assert asked.returncode == 1 and '"nope" is not an encoding' in asked.stderr


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_rows_problem_is_told_in_the_imports_words_not_the_forms(tmp_path, lang):
    """A row's tags the form would refuse are refused in words about the file: the form's
    "what you typed is still in the form" is not true of a row of a file."""
    rows = (
        "label,kind,intent,tags\n"
        "Many,bank,cancel,\"a,b,c,d,e,f,g,h,i\"\n"
        f"Long,bank,cancel,{'x' * 25}\n"
    )
    path = tmp_path / "cards.csv"
    path.write_text(rows, encoding="utf-8")
    said = run_cli("--lang", lang, "import", str(path), data=tmp_path / "d", config=tmp_path / "c")
    lines = [line for line in said.stderr.splitlines() if "cards.csv:" in line]
    assert len(lines) == 2, said.stderr
    for line in lines:
        assert "form" not in line and "表单" not in line, line
    assert {"en": "at most 8 tags", "zh-CN": "最多 8 个标签"}[lang] in lines[0]
    assert "x" * 25 in lines[1]
