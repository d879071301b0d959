"""The words of a search query that say which issuer is meant, and the generic ones
that do not: `ICBC Bank` is ICBC, whatever other bank has a name like `OCBC Bank`;
`my lost iphone` is the iPhone's maker. The generic words, English and Chinese, are
listed here and nowhere else (tui.library.hotline_search reads them).

A generic word still counts where the whole query is a name (`Bank of China`), and
among issuers that every distinctive word finds (Bank of Shanghai before the Shanghai
transit card for `Shanghai Bank`); it never finds an issuer by itself in a query that
has a distinctive word."""

from __future__ import annotations

import re

# words that name no issuer: what every bank or card is, who has it, what happened to
# it, a model's size (`iphone 15 pro`), a company's legal form
GENERIC_WORDS = frozenset(
    """
    bank banks banking card cards credit debit prepaid account
    my our his her their the a an of and for to in at on from with
    lost stolen missing lose stole theft report block cancel
    number hotline phone sim esim
    pro max plus mini ultra
    company co ltd limited inc corp corporation plc
    """.split()
) | frozenset(
    """
    银行 银行卡 卡 信用卡 借记卡 储蓄卡 我的 我 丢失 丢了 遗失 被盗 挂失 电话 号码 热线
    公司 有限公司 股份有限公司
    """.split()
)

# a word of digits this short after another word is a model's number (`iphone 15`), not
# a name (`3 UK`) nor a phone number's part
MODEL_DIGITS = 3

_PUNCTUATION_ONLY = re.compile(r"[\W_]*")


def says_nothing(query: str) -> bool:
    """Whether the query (normalised) has no letter or digit in any script: `'`, `-`."""
    return _PUNCTUATION_ONLY.fullmatch(query) is not None


def generic(word: str, first: bool = True) -> bool:
    """Whether a word of a query (normalised) names no issuer by itself: a generic
    word, or a short number after a word that names something (not `first`: a
    model's, `iphone 15`; `my lost 3` is the network 3)."""
    bare = word.strip("'\".,;:!?()（）。，、")
    model = not first and bare.isdigit() and len(bare) < MODEL_DIGITS
    return bare in GENERIC_WORDS or model or not bare


def query_words(query: str) -> tuple[list[str], list[str]]:
    """(the distinctive words, the generic ones) of a query (normalised), each once, in
    the order typed."""
    words = list(dict.fromkeys(query.split(" ")))
    marks: list[bool] = []
    for word in words:  # a number is a model's only after a word that names something
        marks.append(generic(word, first=all(marks)))
    return (
        [w for w, g in zip(words, marks, strict=True) if not g],
        [w for w, g in zip(words, marks, strict=True) if g],
    )
