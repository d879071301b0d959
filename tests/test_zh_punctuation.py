"""Chinese text uses full-width punctuation: no ASCII `, : ; ? ( ) !` beside a Chinese
character anywhere in the zh-CN catalog ("已导入 3 张卡:第 2 行" reads as a typo; it is
"已导入 3 张卡：第 2 行").

What may keep ASCII (the exceptions):
- text in backticks: a command or a config line (`cardoff-tui validate`, `sep=;`);
- a key name: the character alone between spaces ("按 ? 查看按键");
- placeholders and codes ({count}, %(prog)s, ctrl+s) never touch a Chinese character
  with ASCII punctuation, so they need no exception.
"""

from __future__ import annotations

import re

import pytest
import yaml

from tui.base.paths import content_dir
from tui.library.content import flatten

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’…—"
ASCII_PUNCTUATION = ",:;?()!"
BESIDE_CJK = re.compile(
    rf"[{CJK}]\s?[{re.escape(ASCII_PUNCTUATION)}]|[{re.escape(ASCII_PUNCTUATION)}]\s?[{CJK}]"
)
CODE = re.compile(r"`[^`]*`")
KEY_NAME = re.compile(rf"(?:^|(?<=\s))[{re.escape(ASCII_PUNCTUATION)}](?=\s|$)")


def ascii_beside_chinese(text: str) -> list[str]:
    """The places in `text` where ASCII punctuation touches a Chinese character
    (or is one space from it), after the exceptions of the module's docstring."""
    text = KEY_NAME.sub(" ", CODE.sub(" ", text))
    return [match.group() for match in BESIDE_CJK.finditer(text)]


def zh_catalog() -> dict[str, str]:
    path = content_dir() / "i18n" / "zh-CN.yaml"
    with open(path, encoding="utf-8") as handle:
        return {k: v for k, v in flatten(yaml.safe_load(handle)).items() if isinstance(v, str)}


def test_the_check_finds_ascii_punctuation_beside_chinese():
    assert ascii_beside_chinese("已导入 3 张卡:第 2 行") == ["卡:"]
    assert ascii_beside_chinese("时间(可选)") == ["间(", "选)"]
    assert ascii_beside_chinese("是否继续? (y 是)") == ["续?", "是)"]
    assert ascii_beside_chinese("按 ? 查看按键") == []
    assert ascii_beside_chinese("第一行为 `sep=;` 时") == []
    assert ascii_beside_chinese("{count} 张 · %(prog)s：错误") == []


def test_zh_catalog_uses_full_width_punctuation():
    found = {
        key: hits for key, text in zh_catalog().items() if (hits := ascii_beside_chinese(text))
    }
    assert found == {}, found


# Composed strings: what code puts together from catalog words and values (a label and
# its value, a proof's parts, a note in brackets, a name in a title), rendered with
# Chinese values as a Chinese user sees them.

SPACE_BETWEEN_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff] +[\u3400-\u4dbf\u4e00-\u9fff]")
ZH_VALUES = {
    "kind": "bank",
    "intent": "cancel",
    "from_intent": "report-lost",
    "fields": ["label", "issuer", "registered"],
    "now": {"registered": True},
    "title": {"zh-CN": "致电银行", "en": "Call the bank"},
    "playbook": "bank-cancel",
    "issuer": "中国工商银行",
    "was": "工行",
    "step": "call",
    "field": "number",
    "place": "keyring",
    "number": "95588",
    "reference": "RB-001",
    "agent": "王女士",
    "when": "2026-11-29T15:20:00+00:00",
    "note": "退到原银行卡",
    "date": "2026-12-11",
    "reason": "user",
    "bundle": "出国搬家",
    "name": "收据.pdf",
    "size": "3.0 KB",
    "balance": "30.50",
    "deposit": "20.00",
    "currency": "CNY",
    "amount": "30.50",
    "kept": 2,
}


def _zh_entries():
    from datetime import UTC, datetime

    from tui.records.log_events import LOG_EVENTS
    from tui.records.model import LogEntry

    at = datetime(2026, 11, 30, 12, tzinfo=UTC)
    for name, event in LOG_EVENTS.items():
        params = {p: ZH_VALUES[p] for p in event.params}
        yield name, LogEntry(at, "c1", "工行借记卡", name, params=params)


def _problems(text: str) -> list[str]:
    return ascii_beside_chinese(text) + SPACE_BETWEEN_CHINESE.findall(text)


@pytest.fixture
def zh_dates():
    from tui.base import clock as dates

    dates.configure_dates("zh-CN", {})
    yield
    dates.configure_dates("en", {})


def test_the_log_and_the_report_compose_full_width_chinese(content, zh_dates):
    from tui.base.clock import local_date
    from tui.base.i18n import Catalog
    from tui.domain.export import _log_line
    from tui.ui.labels import log_text

    t = Catalog(content.strings, "zh-CN")
    found = {}
    for name, entry in _zh_entries():
        for said in (log_text(entry, t, with_card=True), _log_line(entry, t)):
            if hits := _problems(said.split("  ", 1)[-1]):  # the time first: Babel's
                found[(name, said)] = hits
    assert found == {}, found
    entry = dict(_zh_entries())["evidence.recorded"]
    assert "受理编号：RB-001；经办人：王女士；时间：" in log_text(entry, t, with_card=False)
    refund = _log_line(dict(_zh_entries())["money.refunded"], t)
    assert refund == "已收到退款：¥30.50（退到原银行卡）", refund
    follow = log_text(dict(_zh_entries())["followup.set"], t, with_card=False)
    day = local_date(__import__("datetime").date(2026, 12, 11))
    assert follow.endswith("跟进日期：" + day), (follow, day)  # as the card list shows it


@pytest.mark.parametrize(
    ("key", "label", "said"),
    [
        ("money.title", "上海交通卡", "上海交通卡的余额与押金"),
        ("lost.reference_title", "工行借记卡", "已为工行借记卡致电"),
        ("lost.reference_title", "ICBC debit", "已为 ICBC debit 致电"),  # Latin keeps its space
        ("money.title", "Metro", "Metro 的余额与押金"),
        ("app.added", "上海交通卡", "已添加上海交通卡。"),
    ],
)
def test_a_name_in_a_chinese_message_has_no_stray_spaces(content, key, label, said):
    from tui.base.i18n import Catalog

    assert Catalog(content.strings, "zh-CN")(key, label=label) == said


def test_every_chinese_message_filled_with_chinese_names_has_no_stray_spaces(content):
    """Each message, its fields filled with Chinese words (a name, a label): none of
    its own spaces is left between one of its Chinese characters and the name."""
    import string

    from tui.base.i18n import Catalog

    t = Catalog(content.strings, "zh-CN")
    han = "\u3400-\u4dbf\u4e00-\u9fff"
    beside = re.compile(rf"([{han}]) \{{(\w+)\}}|\{{(\w+)\}} ([{han}])")
    name = "工行借记卡"
    found, checked = {}, 0
    for key, text in zh_catalog().items():
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        if any(not f.isidentifier() for f in fields):
            continue
        said = t(key, **{f: name for f in fields if not f.startswith("key_")})
        for match in beside.finditer(text):
            if (match.group(2) or match.group(3)).startswith("key_"):
                continue
            checked += 1
            loose = f"{match.group(1)} {name}" if match.group(1) else f"{name} {match.group(4)}"
            if loose in said:
                found[key] = said
    assert checked > 10  # the catalog has such messages: the check is not empty
    assert found == {}, found


async def test_a_field_error_in_chinese_joins_label_and_message_full_width(
    make_app, content, clock
):
    from tests.helpers.pilot import settle
    from tui.domain.tracker import Tracker
    from tui.records.card_fields import CardFields
    from tui.storage.store import Store

    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(
        CardFields("上海交通卡", "transit", "cancel", "", "CN")
    )
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        screen = app.screen
        await pilot.press(*"RB-001", "enter", "enter")
        screen.field("when").value = "next tuesday"
        await pilot.press("ctrl+s")
        await settle(pilot)
        line = str(screen.query_one(f"#{screen.prefix}-when-error").render())
        assert line.startswith("时间：无法识别"), line
        assert not _problems(line), line


def _zh_texts(data, location=()):
    """Every zh-CN text of a content document, with where it sits."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "zh-CN" and isinstance(value, str):
                yield location, value
            else:
                yield from _zh_texts(value, (*location, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _zh_texts(value, (*location, index))


def _content_zh_texts():
    """(file name, location, text) for every zh-CN text of the content but the catalogs."""
    for path in sorted(content_dir().rglob("*.yaml")):
        if path.parent.name != "i18n":
            with open(path, encoding="utf-8") as handle:
                for location, text in _zh_texts(yaml.safe_load(handle)):
                    yield path.name, location, text


def test_chinese_content_quotes_with_full_width_marks():
    """A name quoted in a Chinese note ("在“查找”中") uses “ ”, as the rest of the
    content does; an ASCII '"' inside Chinese text reads as a stray mark."""
    found = [found for found in _content_zh_texts() if '"' in CODE.sub(" ", found[2])]
    assert found == [], found


def test_chinese_content_keeps_ascii_punctuation_away_from_chinese():
    """Issuer names and notes in Chinese use full-width brackets with no space, as
    "花旗银行（香港）" does: "苹果 (Apple)" read as a typo beside it."""
    found = [
        (name, location, hits)
        for name, location, text in _content_zh_texts()
        if (hits := ascii_beside_chinese(text))
    ]
    assert found == [], found
