"""Whose card it is and the words it is filed under: a card's owner and tags.

People close other people's cards too (a parent's, a partner's, a late relative's), so
a card names its **owner**: a person's name as the user types it. The user's own cards
have no owner stored: the data file keeps "" for them, and the app shows the word for
"me" in the screen's language (`owner.me`: "me", "我"), so a file written in one
language reads right in the other. Typing one of ME_WORDS (in any case) is the same as
leaving the field empty.

**Tags** are a short list of words (`moving`, `2026`, `搬家`), typed separated by
commas or spaces (the Chinese comma and the ideographic space too), kept in the order
first typed, without repeats (compared casefolded).

No Textual, no Rich, no I/O.
"""

from __future__ import annotations

import re

from tui.base.sanitiser import clean

OWNER_MAX = 30  # characters of an owner's name
TAG_MAX = 20  # characters of one tag
TAGS_MAX = 8  # tags on one card

# what the user may type for themself; all stored as "" (see the module docstring).
# The shown words are the catalogs' `owner.me`; these are what is read back.
ME_WORDS = frozenset({"me", "myself", "我", "自己", "本人"})

# what separates tags as typed: commas (ASCII, full-width, Chinese enumeration comma),
# semicolons and any white space
TAG_SEPARATORS = re.compile(r"[\s,，、;；]+")


class HouseholdError(ValueError):
    """An owner or tags the user typed cannot be kept; `field` is "owner" or "tags",
    `message_key` the catalog key saying why and `params` its values (the model turns
    it into a CardError naming the field)."""

    def __init__(self, field: str, message_key: str, **params: object) -> None:
        super().__init__(f"{field}: {message_key}")
        self.field = field
        self.message_key = message_key
        self.params = params


def clean_owner(text: str) -> str:
    """The owner as kept: cleaned of control and bidi characters, spaces collapsed;
    "" for the user themself (empty, or one of ME_WORDS in any case).

    HouseholdError("owner", "error.too_long", limit=OWNER_MAX) past OWNER_MAX characters."""
    owner = " ".join(clean(text).text.split())
    if owner.casefold() in ME_WORDS:
        return ""
    if len(owner) > OWNER_MAX:
        raise HouseholdError("owner", "error.too_long", limit=OWNER_MAX)
    return owner


def parse_tags(text: str) -> tuple[str, ...]:
    """The tags in `text` (separated by commas, semicolons or white space; see
    TAG_SEPARATORS), cleaned, in the order first typed, repeats (casefolded) dropped.

    HouseholdError("tags", "error.tag_too_long", tag=…, limit=TAG_MAX) for a tag past
    TAG_MAX characters; ("tags", "error.too_many_tags", limit=TAGS_MAX) for more than
    TAGS_MAX different tags."""
    found: dict[str, str] = {}
    for word in TAG_SEPARATORS.split(clean(text).text):
        if not word:
            continue
        if len(word) > TAG_MAX:
            raise HouseholdError("tags", "error.tag_too_long", tag=word, limit=TAG_MAX)
        found.setdefault(word.casefold(), word)
    if len(found) > TAGS_MAX:
        raise HouseholdError("tags", "error.too_many_tags", limit=TAGS_MAX)
    return tuple(found.values())


def is_owner(owner: str, wanted: str) -> bool:
    """Whether a card's `owner` (as kept: "" for the user's own) is `wanted` as the user
    typed it (any case; one of ME_WORDS, or nothing, for the user's own)."""
    typed = " ".join(clean(wanted).text.split()).casefold()
    return owner.casefold() == ("" if typed in ME_WORDS else typed)


def has_tags(tags: tuple[str, ...], wanted: list[str] | tuple[str, ...]) -> bool:
    """Whether `tags` (a card's) hold every one of `wanted` (any case)."""
    held = {tag.casefold() for tag in tags}
    return all(tag.strip().casefold() in held for tag in wanted)


def tags_text(tags: tuple[str, ...] | list[str]) -> str:
    """Tags as the form and the CSV show them: "moving, 2026" (parse_tags reads it back)."""
    return ", ".join(tags)
