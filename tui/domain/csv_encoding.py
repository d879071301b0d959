"""Which text encoding a file a spreadsheet saved is in, and its text.

A byte order mark decides first (UTF-8; UTF-16 LE/BE, which is Excel's "Unicode
Text"; UTF-32); then strict UTF-8; then charset-normalizer guesses (GBK from Excel on
Chinese Windows, Big5, Windows-1252). Short files often read equally well in several
encodings (工行借记卡 in GBK is also valid Korean cp949): among the guesses scored the
same, the encodings our users' files are most often in win (PREFERRED_GUESSES). The
user can name the encoding instead (`import --encoding`).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

BOMS = (  # longest first: UTF-32 LE starts with the UTF-16 LE mark
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)
# When charset-normalizer scores several readings the same (short files often tie:
# 工行借记卡 in GBK reads as Korean cp949 just as well), the first of these wins.
PREFERRED_GUESSES = ("gb18030", "big5", "cp1252", "iso8859-1", "shift_jis", "cp949")
SHOWN_NAMES = {"gb18030": "GBK/GB18030", "gbk": "GBK", "cp936": "GBK", "big5": "Big5"}


class CsvReadError(Exception):
    """The file cannot be read as text; `key` is a csv_import.* string key."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # as the user is told it: "UTF-8", "UTF-16 LE", "GBK/GB18030"
    bom: bool = False  # the file starts with a byte order mark (the message says so)


def _shown_encoding(codec: str) -> str:
    """'gb18030' → 'GBK/GB18030', 'cp1252' → 'Windows-1252', 'utf-16' → 'UTF-16'."""
    name = codecs.lookup(codec).name
    if name.startswith("cp125"):
        return f"Windows-{name[2:]}"
    return SHOWN_NAMES.get(name, name.upper())


def decode(data: bytes, encoding: str | None = None) -> DecodedText:
    """The text of `data` and the encoding it was read in (see the module docstring for
    the order). Raises CsvReadError('csv_import.no_such_encoding' | 'not_in_encoding' |
    'unknown_encoding')."""
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:  # unknown, or not a text encoding (base64, rot13)
            raise CsvReadError("csv_import.no_such_encoding", encoding=encoding) from None
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise CsvReadError("csv_import.not_in_encoding", encoding=encoding, line=line) from None
        return DecodedText(text.removeprefix("\ufeff"), _shown_encoding(encoding))
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data[len(bom) :].decode(codec), name, bom=True)
            except UnicodeDecodeError as exc:
                line = data[: exc.start].count(b"\n") + 1
                raise CsvReadError("csv_import.not_in_encoding", encoding=name, line=line) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # not UTF-8: charset-normalizer guesses
        return _guess(data)
    return DecodedText(text, "UTF-8")


def _guess(data: bytes) -> DecodedText:
    from charset_normalizer import from_bytes  # only files that are not UTF-8 need it

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise CsvReadError("csv_import.unknown_encoding")
    tied = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence - 0.01]
    by_name = {codecs.lookup(m.encoding).name: m for m in tied}
    chosen = next((by_name[n] for n in PREFERRED_GUESSES if n in by_name), best)
    return DecodedText(str(chosen).removeprefix("\ufeff"), _shown_encoding(chosen.encoding))
