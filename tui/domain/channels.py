"""Where a card's procedure is done (in person, by phone, online, in an app, by post,
with a form, by SMS), as its issuer's procedures say: the `channels` of the issuer
file's procedure rows (content/issuers/*.yaml), each filled in only where the row's
own note, from the same source, says so. Nothing is guessed: no row, or a row
without channels, is no answer ("")."""

from __future__ import annotations

from tui.base.i18n import Catalog
from tui.library.issuers import Issuer
from tui.records.kinds import Intent

# the issuer file's procedure purpose each intent is done as; suspend has none
PURPOSE_OF = {
    Intent.CANCEL: "cancel",
    Intent.REPORT_LOST: "report-lost",
    Intent.PORT_OUT: "port-out",
    Intent.REPLACE: "replace",
}

# the channels from the one that asks least of the user to the one that asks most:
# done from where they are on a screen (online, an app), then by phone or SMS, then
# on paper (a form, a letter), then by going there in person
EASE = ("online", "app", "phone", "sms", "form", "post", "in-person")


def channels_for(issuer: Issuer | None, intent: Intent) -> tuple[str, ...]:
    """The channels the issuer's procedures for `intent` name, in the order first
    written, each once; () when the issuer is unknown or its rows do not say."""
    purpose = PURPOSE_OF.get(intent)
    if issuer is None or purpose is None:
        return ()
    found: dict[str, None] = {}
    for procedure in issuer.procedures:
        if procedure.purpose == purpose:
            found.update(dict.fromkeys(procedure.channels))
    return tuple(found)


def channels_text(channels: tuple[str, ...], t: Catalog) -> str:
    """The channels in words in `t`'s language ("in person", "phone or online",
    "online, app or phone"); "" for none."""
    words = [t(f"channel.{name}") for name in channels]
    if len(words) < 2:
        return "".join(words)
    return t("channel.list_separator").join(words[:-1]) + t("channel.last_separator") + words[-1]


def how_text(channels: tuple[str, ...], t: Catalog) -> str:
    """'How: in person', 'How: phone or online' (`channel.line`); "" when the
    issuer's procedures do not say."""
    words = channels_text(channels, t)
    return t("channel.line", channels=words) if words else ""


def easiest_channel(channels: tuple[str, ...]) -> tuple[str, bool] | None:
    """(the channel among `channels` that asks least of the user by EASE, whether
    there are others); None for none. The order the rows wrote them in does not
    matter: ("app", "online") and ("online", "app") both give ("online", True)."""
    if not channels:
        return None
    easiest = min(channels, key=lambda name: EASE.index(name) if name in EASE else len(EASE))
    return easiest, len(set(channels)) > 1


def short_how(channels: tuple[str, ...], t: Catalog) -> str:
    """The card list's How cell: the easiest channel as a short word in `t`'s language
    (`channel_short.*`: "in person", "phone", 到场, 电话), with `channel_short.more`'s
    mark when the rows give others ("phone+", 电话等); "" when they say nothing."""
    found = easiest_channel(channels)
    if found is None:
        return ""
    easiest, others = found
    word = t(f"channel_short.{easiest}")
    return t("channel_short.more", channel=word) if others else word
