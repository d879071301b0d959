"""Where a card's procedure is done (in person, by phone, online, in an app, by post,
with a form, by SMS), as its issuer's procedures say: the `channels` of the issuer
file's procedure rows (content/issuers/*.yaml), each filled in only where the row's
own note, from the same source, says so. Nothing is guessed: no row, or a row
without channels, is no answer ("")."""

from __future__ import annotations

from tui.base.i18n import Catalog
from tui.library.issuers import Issuer
from tui.records.model import Intent

# the issuer file's procedure purpose each intent is done as; suspend has none
PURPOSE_OF = {
    Intent.CANCEL: "cancel",
    Intent.REPORT_LOST: "report-lost",
    Intent.PORT_OUT: "port-out",
    Intent.REPLACE: "replace",
}


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
