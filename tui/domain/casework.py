"""Casework rules of the tracker: follow-up dates and proof, money an issuer holds,
and a card switching checklists (lost-wallet mode is tui/domain/lost_wallet_work.py).
A mixin for Tracker (which supplies the store, the clock, the lock, the playbooks and
the logging); kept apart so tracker.py stays about cards and steps."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

from tui.base.clock import date_locale, local_text
from tui.base.errors import TrackerError
from tui.base.i18n import Amount
from tui.base.money import amount_examples, currency_digits, every_mark, typed_marks
from tui.domain.totals import Totals
from tui.library.regions import region_currency
from tui.records.amounts import parse_amount, parse_currency
from tui.records.card_error import CardError, FieldChecks
from tui.records.card_fields import one_line
from tui.records.kinds import Status
from tui.records.model import Card

if TYPE_CHECKING:
    from tui.domain.card_view import CardView


class Casework:
    # follow-ups and evidence
    def today(self) -> _dt.date:
        """Today in the user's time zone (follow-up dates are calendar dates)."""
        return self.clock().astimezone().date()

    def set_follow_up(self, card_id: str, when: _dt.date | None, reason: str = "") -> Card:
        with self._changing():
            card = self._card(card_id)
            text = when.isoformat() if when else ""
            if text == card.follow_up:
                return card
            changed = replace(card, follow_up=text, updated=self.clock())
            self.store.save_card(changed)
            if when:
                self._log(changed, "followup.set", date=text, reason=reason)
            else:
                self._log(changed, "followup.cleared")
            return changed

    def due(self, views: list[CardView] | None = None) -> list[tuple[CardView, int]]:
        """Cards whose follow-up is today or past, with days overdue (0: due today);
        pass the views already read to save a second read."""
        today = self.today()
        found = []
        for view in self.views() if views is None else views:
            if view.card.follow_up and view.status not in (Status.DONE, Status.ABANDONED):
                days = (today - _dt.date.fromisoformat(view.card.follow_up)).days
                if days >= 0:
                    found.append((view, days))
        return sorted(found, key=lambda pair: -pair[1])

    def record_evidence(
        self, card_id: str, evidence: Mapping[str, str], step_id: str | None = None
    ) -> None:
        """Log proof (reference, agent, when, note) for a card or one of its steps; for a
        step not yet checked, check it in the same change. Control characters are
        removed from the values (tui.base.sanitiser.clean).

        `when` is read in the user's locale (tui.base.typed_moment) and kept as ISO 8601
        (stored_text). Raises CardError (`field` the value's name) for a `when` that
        cannot be read ('error.when_format'), one in a year out of range ('error.when_year'),
        one after the end of tomorrow ('error.when_future')
        or a value longer than LINE_MAX characters ('error.too_long'), CardErrors when
        more than one field is refused (each said beside its field), TrackerError
        'error.evidence_empty' when there is nothing but a `when`; nothing is saved then."""
        checks = FieldChecks()
        values = {k: checks.read(one_line, k, v) for k, v in evidence.items() if v}
        kept = {k: v for k, v in values.items() if v}
        if kept.get("when"):
            kept["when"] = checks.read(_moment_text, kept["when"], self.clock())
        checks.done()  # every field's refusal at once (CardErrors), each beside its field
        if not any(v for k, v in kept.items() if k != "when"):
            raise TrackerError("error.evidence_empty")
        with self._changing():
            card = self._card(card_id)
            if step_id is not None and step_id not in self.store.progress(card_id):
                self.toggle_step(card_id, step_id)
            if step_id is not None:
                progress = self.store.progress(card_id)
                progress[step_id] = {**progress[step_id], "evidence": kept}
                self.store.set_progress(card_id, progress)
            self._log(card, "evidence.recorded", step=step_id or "", **kept)

    # money: balances and deposits held by the issuer, and what came back
    def set_money(
        self, card_id: str, balance: str, deposit: str, currency: str, lang: str = "en"
    ) -> Card:
        """Save the `balance` and `deposit` (amounts as typed) the issuer holds, in
        `currency` (a code), and log them; the card as saved. The card as it was, with
        nothing saved or logged, when they are what the card holds already, or when
        nothing was typed for a card with no amounts. CardError for an amount or a
        currency that cannot be read (field `balance`, `deposit` or `currency`; CardErrors
        when both amounts are refused, each said beside its field). The
        currency is read first: amounts are read in it, so while it is wrong none is
        judged against it ("$35" in XYZ is refused for XYZ, not for its "$"). `lang`:
        the language of the dialog they were typed in, whose currency signs are read
        (`¥` is JPY in English, CNY in Chinese: tui.base.money.typed_marks)."""
        currency = parse_currency(currency)
        checks = FieldChecks()
        amounts = {
            "balance": checks.read(_amount, balance, "balance", currency, lang),
            "deposit": checks.read(_amount, deposit, "deposit", currency, lang),
        }
        checks.done()  # both amounts' refusals at once (CardErrors)
        if any(amounts.values()) and not currency:
            raise CardError("currency", "error.currency_format")
        with self._changing():
            card = self._card(card_id)
            if _same_money(card.money, amounts, currency, typed=bool(balance or deposit)):
                return card  # nothing to save or log: the amounts are as they were
            money = {**card.money, **{k: str(v) for k, v in amounts.items()}, "currency": currency}
            changed = replace(card, money=money, updated=self.clock())
            self.store.save_card(changed)
            self._log(
                changed,
                "money.set",
                balance=money["balance"],
                deposit=money["deposit"],
                currency=currency,
            )
            return changed

    def currency_of(self, card: Card) -> str:
        """The currency of a card's amounts: the one its amounts were given in, else its
        region's (Babel's CLDR data: CN → CNY); "" when neither says (the user is asked)."""
        return card.money.get("currency") or region_currency(self.region_of(card))

    def record_refund(
        self,
        card_id: str,
        amount: str,
        note: str = "",
        step_id: str | None = None,
        currency: str = "",
        lang: str = "en",
    ) -> Card:
        """Log what came back (`amount` in `currency`, a 3-letter code; "" for the card's
        own, see currency_of) with a `note`, count it against what the issuer holds,
        and check `step_id`. A card whose amounts had no currency keeps this one. Raises
        CardError (`field` amount, currency or note) for an amount that is not above 0
        ('error.refund_zero'), more than is still owed of a balance and deposit on record
        ('error.refund_over': a slip of a digit; 'error.refund_over_held' for a card
        whose money is not counted as owed; with none on record any amount is taken),
        a currency that is not a code or not the card's, a note longer than
        LINE_MAX (CardErrors for several, each said beside its field); nothing is
        saved then. `lang`: as for set_money."""
        checks = FieldChecks()  # every field's refusal at once (CardErrors)
        note = checks.read(one_line, "note", note)
        with self._changing():
            card = self._card(card_id)
            held = card.money.get("currency", "")
            currency = checks.read(parse_currency, currency)
            if currency is not None:  # amounts are read in it: not while it is wrong
                currency = currency or self.currency_of(card)
                if not currency:
                    checks.refuse(CardError("currency", "error.currency_format"))
                elif held and currency != held:
                    checks.refuse(CardError("currency", "error.currency_not_card", currency=held))
                value = checks.read(_amount, amount, "amount", currency, lang)
                if value is not None and value <= 0:
                    checks.refuse(CardError("amount", "error.refund_zero"))
                elif value is not None and not checks.errors:
                    earlier = Decimal(card.money.get("refunded") or "0")
                    checks.read(_within_held, card.money, earlier, value, currency,
                                self.balance_counts(card))
            checks.done()
            refunded = earlier + value
            money = {**card.money, "refunded": str(refunded), "currency": currency}
            changed = replace(card, money=money, updated=self.clock())
            self.store.save_card(changed)
            self._log(changed, "money.refunded", amount=str(value), currency=currency, note=note)
            if step_id is not None and step_id not in self.store.progress(card_id):
                self.toggle_step(card_id, step_id)
            return changed

    def owed_total(self, views: list[CardView] | None = None) -> dict[str, Decimal]:
        """What issuers still hold for the user, by currency (abandoned cards left out);
        pass the views already read to save a second read."""
        return Totals(self.views() if views is None else views).owed

    # a card switching checklists (its intent, or the playbook its kind, region or
    # issuer gives it): the marks of each are kept (Store.set_progress), this logs it
    def _log_checklist_change(self, before: Card, after: Card) -> None:
        """Log, in words, that the card now follows another checklist: its intent
        changed (`card.intent_changed`: the marks of the one before are kept, under its
        kind and intent, and come back when the card switches back), or its kind,
        region or issuer gave it another playbook (`card.playbook_changed`, with the
        playbook's title in every language it has)."""
        if before.intent is not after.intent:
            self._log(
                after,
                "card.intent_changed",
                from_intent=before.intent.value,
                intent=after.intent.value,
                kept=len(self.store.progress(after.id, before.checklist)),
            )
            return
        playbook = self.playbook_for(after)
        if self.playbook_for(before) != playbook:
            title = dict(playbook.title.by_lang) if playbook else {}
            self._log(after, "card.playbook_changed", title=title)


def _moment_text(typed: str, now: _dt.datetime) -> str:
    """A `when` the user typed, as it is kept (ISO 8601, tui.base.typed_moment); CardError
    when unreadable, its year is out of range or is in two digits not read (ShortYear:
    the message asks for four, with today so written as the example)."""
    from tui.base.clock import date_in_full
    from tui.base.typed_moment import (
        PastTomorrow,
        ShortYear,
        WhichMidnight,
        YearOutOfRange,
        read_done_moment,
        stored_text,
    )

    today = now.astimezone().date()
    try:
        moment = read_done_moment(typed, date_locale(), today)
    except ShortYear as exc:
        # the user's own day with its year in full, when it is one a proof may name
        meant = exc.meant if exc.meant and exc.meant <= today + _dt.timedelta(days=1) else None
        example = date_in_full(meant or today)
        if exc.year is None:
            raise CardError("when", "error.when_short_year", example=example) from None
        raise CardError("when", "error.when_short_year_far", example=example,
                        short=exc.short, year=str(exc.year), first=str(exc.first),
                        last=str(exc.last)) from None
    except PastTomorrow:
        raise CardError("when", "error.when_future", today=local_text(now)) from None
    except WhichMidnight:
        raise CardError("when", "error.when_midnight") from None
    except YearOutOfRange as exc:
        years = {"first": str(exc.first), "last": str(exc.last)}
        raise CardError("when", "error.when_year", **years) from None
    except ValueError:
        example = local_text(now)
        raise CardError("when", "error.when_format", example=example) from None
    return stored_text(moment)


def _same_money(
    money: Mapping[str, str], amounts: Mapping[str, Decimal], currency: str, typed: bool
) -> bool:
    """Whether `amounts` in `currency` are what `money` (a card's) holds already, or
    nothing was `typed` for a card that holds none."""
    if not typed and not money.get("balance") and not money.get("deposit"):
        return True
    return money.get("currency", "") == currency and all(
        Decimal(money.get(k) or "0") == v for k, v in amounts.items()
    )


def _within_held(
    money: Mapping[str, str], earlier: Decimal, value: Decimal, currency: str, counts: bool
) -> None:
    """CardError when `value` refunded now, after `earlier`, comes to more than the
    balance and deposit on record (`money`), a slip of a digit; nothing when none is.
    'error.refund_over' (more than is still owed) for a card whose money `counts` as
    owed (tui.domain.money_owed); else 'error.refund_over_held' (more than the card
    held: nothing is owed on it, yet a refund that came back is kept, up to that)."""
    held = sum((Decimal(money.get(k) or "0") for k in ("balance", "deposit")), Decimal(0))
    if held > 0 and earlier + value > held:
        left = Amount(max(held - earlier, Decimal(0)), currency)
        key = "error.refund_over" if counts else "error.refund_over_held"
        raise CardError("amount", key, left=left)


def _amount(text: str, field_name: str, currency: str, lang: str) -> Decimal:
    """parse_amount of what was typed for an amount in `currency` (a code parse_currency
    read, or "": then no symbol is read and 2 decimals are allowed) in a dialog in
    `lang`: what money_text shows it as there is read back, and the currency's words
    ("35元" in CNY); another currency's mark is refused ("$35"), and so is a sign that
    is this currency's only in another language ("¥35" for CNY in English, where ¥ is
    the yen), the message saying how to write it (amount_examples)."""
    if not currency:
        return parse_amount(text, field_name)
    try:
        return parse_amount(text, field_name, currency, typed_marks(currency, lang),
                            currency_digits(currency), others=every_mark())
    except CardError as exc:
        if exc.message_key != "error.amount_currency":
            raise
        examples = amount_examples(str(exc.params.get("number", "")), currency, lang)
        raise CardError(field_name, exc.message_key, **{**exc.params, **examples}) from None
