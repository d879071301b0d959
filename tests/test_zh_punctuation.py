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
