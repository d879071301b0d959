"""One place per concern: a typed region is read as a code by one function
(tui.library.regions), and an issuer's procedure line is worded by one builder below
the screens (tui.domain.hotline_text), which the screens and the command line both
use, so that they cannot drift apart (as `挂失： ` once did on one side only)."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
TUI = ROOT / "tui"


def _modules():
    for path in sorted(TUI.rglob("*.py")):
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _where(found) -> list[str]:
    return sorted({name for name, tree in _modules() for node in ast.walk(tree) if found(node)})


def test_a_region_code_is_read_by_one_function():
    defined = _where(lambda n: isinstance(n, ast.FunctionDef) and n.name == "region_code")
    assert defined == ["tui/library/regions.py"]


def test_uk_is_read_as_gb_in_one_place():
    """Every reading of a region code (a card's region, a playbook's regions, an
    issuer's region, config.yaml's country, a number's region) goes through
    tui.library.regions.typed_code, the one place that knows UK is GB."""
    spelled = _where(lambda n: isinstance(n, ast.Constant) and n.value in ("UK", "uk"))
    assert spelled == ["tui/library/regions.py"]


@given(st.text(alphabet=st.sampled_from("aAbBcCgGkKnNuUxXzZ ＣＮ中1\t"), max_size=5))
def test_a_code_as_typed_reads_alike_in_both_readings(text):
    from tui.library.regions import is_region_code, region_code, typed_code

    code = typed_code(text)
    if code and is_region_code(code):
        assert region_code(text) == code


def test_a_procedure_line_is_worded_in_one_place():
    """The catalog keys of a procedure's line appear in the builder's module only."""
    keys = ("hotline.procedure", "hotline.not_found")
    spelled = _where(lambda n: isinstance(n, ast.Constant) and n.value in keys)
    assert spelled == ["tui/domain/hotline_text.py"]


def test_the_screens_and_the_command_line_say_each_procedure_alike(content):
    """Every shipped procedure, in both languages: the screens' line is the command
    line's, but for where it came from (the screens: the short form, on the line)."""
    from tui.base.i18n import Catalog
    from tui.cli.hotline import issuer_lines
    from tui.domain.hotline_text import source_text
    from tui.ui.call_lines import procedure_lines

    for lang in ("en", "zh-CN"):
        t = Catalog(content.strings, lang)
        for issuer in content.issuers.issuers.values():
            entries = (*issuer.procedures, *issuer.not_found)
            if not entries:
                continue
            printed = "\n".join(issuer_lines(issuer, [], t))
            for entry, line in zip(entries, procedure_lines(issuer, t), strict=True):
                words = line.plain
                if entry.source:
                    short = " " + source_text(entry, t, short=True)[0]
                    assert words.endswith(short), (issuer.id, words)
                    words = words.removesuffix(short)
                    assert f"\n        {source_text(entry, t)[0]}" in printed
                assert f"\n    {words}" in printed, (issuer.id, lang, words)


def test_the_card_forms_drop_downs_are_built_by_one_builder():
    """Kind, intent and network: one builder (tui.ui.card_form_rows.form_select), so
    that a drop-down's prompt, size and blank choice cannot differ between them."""
    calls = [
        name
        for name, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Select"
    ]
    assert calls == ["tui/ui/card_form_rows.py"]
