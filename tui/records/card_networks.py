"""The payment networks a bank card can run on (the logo on its face), as the card form
offers them and a card keeps them.

A bank card's network matters when its issuer is unknown or has no lost-card line: the
network runs one (see content/issuers/, region XX). Only bank cards carry a network;
for other kinds it is "" (not given).

No Textual, no Rich, no I/O.
"""

from __future__ import annotations

# The values a card's `network` may hold, besides "" (not given). The first seven are
# the `network` values of content/schema/issuer.schema.yaml; "other" is a network the
# app has no line for (a domestic scheme such as Interac, RuPay or Elo).
CARD_NETWORKS: tuple[str, ...] = (
    "visa",
    "mastercard",
    "unionpay",
    "amex",
    "jcb",
    "discover",
    "diners",
    "other",
)

# Names people write for a network that are neither its value nor the word the app
# shows for it (content/i18n network.*): the CSV import accepts these too.
NETWORK_ALIASES: dict[str, str] = {
    "银联": "unionpay",
    "中国银联": "unionpay",
    "china unionpay": "unionpay",
    "union pay": "unionpay",
    "万事达": "mastercard",
    "master card": "mastercard",
    "美国运通": "amex",
    "运通": "amex",
    "大来": "diners",
}


def is_network(value: str) -> bool:
    """Whether `value` may be kept as a card's network: "" or one of CARD_NETWORKS."""
    return value == "" or value in CARD_NETWORKS
