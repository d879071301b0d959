"""The selected card's checklist, with the focused step's detail beneath it."""

from __future__ import annotations

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.base.i18n import Catalog
from tui.domain.card_view import CardView, IssuerFacts
from tui.domain.channels import how_text
from tui.domain.hotline_choice import first_usable, none_fits
from tui.domain.hotline_text import purposes_text
from tui.domain.reportable import cannot_be_reported
from tui.library.playbook import ChecklistItem, Step, StepType
from tui.records.kinds import Intent
from tui.ui.call_lines import issuer_line_parts, offer_line, procedure_lines
from tui.ui.card_lines import CardLine, IssuerLine
from tui.ui.checklist import Checklist
from tui.ui.entry_list import Entry
from tui.ui.labels import identifier_text, localise_bindings, set_content
from tui.ui.line_breaks import kept_whole
from tui.ui.mount_guard import SkipsMountWhileEnding
from tui.ui.repaint import BorderedPane
from tui.ui.text_panel import TextPanel


def step_heading(step: Step | None, item: ChecklistItem, t: Catalog) -> RichText:
    """The focused step's first line: its type, wait and whether it is done."""
    if step is None:
        return RichText(t("steps.retired_detail"), style="italic")
    out = RichText()
    out.append(t(f"step_type.{step.type.value}"), style="bold")
    if step.wait_days:
        out.append(" · " + t("steps.wait_days", count=step.wait_days))
    if item.done:
        out.append(" · " + t("steps.done"))
    return out


def step_body(
    step: Step | None, t: Catalog, call: RichText | None = None, called: str = ""
) -> RichText:
    """Under the heading: what to call (`call`, see StepsPane.call_text), or for a call
    made, the number called as it was dialled (`called`: ChecklistItem.called, never
    the number the directory offers from where the user is now); detail, warnings and
    what to bring."""
    lang = t.lang
    lines: list[RichText] = []
    if step is None:
        return RichText()
    if step.type == StepType.CALL and called:
        # the number's spaces do not break: `+86` / `10 95588` read as two
        lines.append(RichText(t("steps.called", number=kept_whole(called)), "bold"))
    elif step.type == StepType.CALL and call is not None:
        lines.append(call)
    detail = step.detail.get(lang)
    if detail:
        lines.append(RichText(detail))
    for warning in step.warnings:
        lines.append(RichText("⚠ " + warning.get(lang), style="bold yellow"))
    if step.needs:
        lines.append(RichText(t("steps.needs"), style="bold"))
        lines += [RichText(" • " + need.get(lang)) for need in step.needs]
    return RichText("\n").join(lines)


def step_detail(
    step: Step | None, item: ChecklistItem, t: Catalog, call: RichText | None = None
) -> RichText:
    """The focused step: type, wait, what to call (or what was called), detail,
    warnings and what to bring."""
    body = step_body(step, t, call, item.called if item.done else "")
    return RichText("\n").join([step_heading(step, item, t)] + ([body] if body else []))


def _unlinked(typed: str, facts: IssuerFacts, t: Catalog) -> RichText:
    """What to do when the card's issuer (`typed`) links to no directory entry: the
    issuers of its kind it may mean, or that it names an issuer of another kind
    ("ICBC" for an eSIM), or that it is not in the directory; h searches either way."""
    if not typed:
        return RichText(t("steps.no_issuer"), "italic")
    names = [i.name.get(t.lang) for i in facts.suggestions]
    if names:
        return RichText(t("steps.suggest", names=" / ".join(names[:3])), "italic")
    if facts.other_kind is not None:
        return RichText(t("steps.other_kind", issuer=typed), "italic")
    return RichText(t("steps.no_link", issuer=typed), "italic")


class StepsPane(SkipsMountWhileEnding, BorderedPane, Vertical):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._view: CardView | None = None
        self._revealed: dict[str, str] = {}
        self.call_text: RichText | None = None  # what to call, for the call steps
        # where the card's intent is done, as its issuer says ("How: in person"), or ""
        self.how_text = ""
        self._issuer_shown: tuple | None = None  # (card, facts, language) of the issuer line
        self._detail_subject: tuple | None = None  # (card id, step id) the detail is about
        # no card shown while there are cards (a filter or the due view left none):
        # set by the app; the pane then says how to see them instead of the welcome
        self.hidden_cards = False
        # some card has identifiers or is carried: the identifiers line stays for every
        # card (set by the app), so that a move between cards lays nothing out
        self.card_line_kept = False

    def _show_issuer(self, view: CardView | None, facts: IssuerFacts | None) -> None:
        """The card's issuer and the number that works for what the user is doing,
        from where they are (`facts`, by tui.domain.hotline_choice's rule); or why there is
        none. Not drawn again while they stay the same (a step checked)."""
        shown = (view.card if view else None, facts, self.app.t.lang)
        if shown == self._issuer_shown:
            return
        self._issuer_shown = shown
        line = self.query_one("#issuer-line", IssuerLine)
        self.call_text = None
        self.how_text = how_text(facts.channels if facts else (), self.app.t)
        if view is None or facts is None:
            line.display = False
            return
        t = self.app.t
        card = view.card
        issuer, offers = facts.issuer, facts.offers
        first = first_usable(offers)
        name_length, number, more_length = 0, "", 0
        kept: tuple[int, RichText | None] = (0, None)  # the end never cut, and shorter
        if cannot_be_reported(card, issuer) and card.intent is Intent.REPORT_LOST:
            text = RichText(f"⚠ {issuer.name.get(t.lang)}: ", "bold yellow")
            text.append(issuer.bearer.get(t.lang), "not bold")
            # the call step's detail: how a registered card the form does not say is
            # registered gets its number
            self.call_text = text.copy().append(f"\n{t('steps.registered_hint')}", "not bold")
        elif first is not None:
            # a card network's line (or a shared blocking line) goes under its own name,
            # never the bank's:
            # whoever calls it must know whom they reach
            named = first.issuer if first.network or first.central or issuer is None else issuer
            name = named.name.get(t.lang)
            mine = named is issuer and issuer.from_user
            yours = t("text.aside", text=t("hotline.yours")) if mine else ""
            text = RichText(f"{name}{yours} ", style="bold")
            name_length, number = len(text) - 1, f"☎ {first.hotline.shown}"
            # where the number came from, and the ⚠ of sources that disagree, stay whole
            body, end, short_end = issuer_line_parts(first, t)
            text.append_text(body)
            text.append_text(end)
            kept = (len(end), short_end)
            self.call_text = offer_line(first, t)
            if issuer is None:  # a card network's line: the issuer itself is not known
                self.call_text.append("\n")
                self.call_text.append_text(_unlinked(card.issuer, facts, t))
            if len(offers) > 1:
                more = "  " + t("steps.more_numbers", count=len(offers) - 1)
                text.append(more, "dim")
                more_length = len(more)
        elif issuer is not None and not offers and issuer.procedures:
            # no number, but the issuer's sources say how it is done (Find My for a lost
            # iPhone): the one for what the card is to do on the line, all in the detail
            lines = procedure_lines(issuer, t)
            purposes = [entry.purpose for entry in issuer.procedures]
            at = purposes.index(card.intent.value) if card.intent.value in purposes else 0
            said = t("text.labelled", label=issuer.name.get(t.lang), value=lines[at].plain)
            text = RichText(said, "italic")
            self.call_text = RichText("\n").join(lines)
        elif issuer is not None:
            fits_none = none_fits(list(offers))  # all for another purpose: say which
            if fits_none:
                value = t("hotline.none_fits", purposes=purposes_text(list(offers), t))
            else:
                value = t("hotline.none_works" if offers else "hotline.no_number")
            said = t("text.labelled", label=issuer.name.get(t.lang), value=value)
            text = RichText(said, "italic")
            if fits_none:  # the call step's detail says it whole (the line may cut it)
                self.call_text = text
        else:
            # free text that links to no issuer, or none typed: the call step says
            # how to find the number (h) rather than nothing
            text = self.call_text = _unlinked(card.issuer, facts, t)
        line.show_text(text, name_length, number, more_length, *kept)
        line.display = True

    @property
    def revealed(self) -> bool:
        return bool(self._revealed)

    def show_identifiers(self, revealed: dict[str, str] | None = None) -> None:
        """The card's identifiers, masked (a PIN: only that it is set), after "lost
        with the wallet" (with how to take that mark back) and "carried in the wallet"
        when it is; `revealed` shows those values in full."""
        t = self.app.t
        self._revealed = dict(revealed or {})
        line = self.query_one("#identifiers", Static)
        card = self._view.card if self._view else None
        lost = bool(self._view and self._view.lost_with_wallet)
        said = card is not None and bool(
            card.identifiers or card.carried or card.attachments or lost
        )
        if card is None or not (said or self.card_line_kept):
            line.display = False
            return
        if not said:
            set_content(line, RichText(t("steps.no_identifiers"), "dim"))
            line.set_class(False, "revealed")
            line.display = True
            return
        parts = [t("steps.lost_with_wallet")] if lost else []
        if card.carried:
            parts.append(t("steps.carried"))
        for name, identifier in card.identifiers.items():
            shown = self._revealed.get(name) or identifier_text(identifier, t)
            where = "" if identifier.kept_in else t("text.aside", text=t("secrets.last4_only"))
            parts.append(f"{t(f'field.{name}')} {shown}{where}")
        if card.attachments:  # how many files (the log names each)
            parts.append(t("steps.attachments", count=len(card.attachments)))
        hint = "" if not card.identifiers else (
            t("secrets.hide_hint") if self._revealed else t("secrets.reveal_hint")
        )
        set_content(
            line, RichText("  ·  ".join(parts) + "   ", style="bold") + RichText(hint, "dim")
        )
        line.set_class(bool(self._revealed), "revealed")
        line.display = True

    def compose(self) -> ComposeResult:
        yield IssuerLine(id="issuer-line")
        yield CardLine(id="identifiers")
        checklist = Checklist(id="checklist")
        localise_bindings(checklist, self.app.t)
        yield checklist
        # checking a step changes the heading's line alone: that line is repainted
        yield TextPanel(id="step-detail-box")

    def on_mount(self) -> None:
        self.set_border(title=self.app.t("pane.steps"))

    @property
    def checklist(self) -> Checklist:
        return self.query_one(Checklist)

    @property
    def view(self) -> CardView | None:
        return self._view

    def highlighted_item(self) -> ChecklistItem | None:
        checklist = self.checklist
        if self._view is None or checklist.highlighted is None:
            return None
        items = self._view.items
        index = checklist.highlighted
        return items[index] if 0 <= index < len(items) else None

    def show(self, view: CardView | None, issuer: IssuerFacts | None = None) -> None:
        """The card's checklist, its issuer line (`issuer`: what the tracker says of
        it) and the highlighted step's detail; None: no card."""
        t = self.app.t
        lang = t.lang
        same_card = (
            self._view is not None and view is not None and self._view.card.id == view.card.id
        )
        keep = self.checklist.highlighted if same_card else 0
        before = self._view
        self._view = view
        self._show_issuer(view, issuer)
        self.show_identifiers(self._revealed if same_card else None)
        checklist = self.checklist
        self.set_class(view is None, "-empty")
        if view is None:
            checklist.clear_options()
            self.set_border(t("pane.steps"), "")
            checklist.display = False
            self._detail(RichText(t("steps.none_shown" if self.hidden_cards else "steps.welcome")))
            return
        checklist.display = True
        playbook = view.playbook
        title = playbook.title.get(lang) if playbook else t("steps.no_playbook")
        self.set_border(
            f"{t('pane.steps')} · {title}",
            t("steps.count", done=view.done_count, total=view.step_count),
        )
        options = []
        for number, item in enumerate(view.items, start=1):
            mark = "[x]" if item.done else "[ ]"
            label = item.title.get(lang) or item.step_id
            head = f"{mark} " if item.retired else f"{mark} {number}. "
            if item.retired:
                prompt = RichText(
                    head + label + t("text.aside", text=t("steps.retired")), style="dim italic"
                )
            else:
                prompt = RichText(f"{head}{label}")
                if item.done:
                    prompt.stylize("dim")
            options.append(Entry(prompt, id=item.step_id, indent=len(head)))
        same_steps = same_card and [i.step_id for i in before.items] == [
            i.step_id for i in view.items
        ]
        if same_steps:
            # the same checklist: replace only the lines whose mark changed
            for index, (old, new) in enumerate(zip(before.items, view.items, strict=True)):
                if old.done != new.done:
                    checklist.replace_prompt(index, options[index].prompt)
        else:
            # another checklist (not just another card's marks): repainted whole
            other = before is None or before.playbook is not view.playbook
            checklist.set_options(options, keep or 0, whole=other)
        self._show_highlighted()

    def _detail(self, text: RichText, heading: RichText | None = None, subject=None) -> None:
        """Show `heading` and `text` in the detail box; `subject` says what they are
        about (a card's step): the box stays where it was read only for the same one."""
        blocks = [block for block in (heading, text) if block]
        same = subject is not None and subject == self._detail_subject
        self._detail_subject = subject
        self.query_one("#step-detail-box", TextPanel).show(blocks, same_subject=same)

    def _show_highlighted(self) -> None:
        item = self.highlighted_item()
        if item is None:
            playbook = self._view.playbook if self._view else None
            summary = playbook.summary.get(self.app.t.lang) if playbook else ""
            self._detail(RichText(summary))
            return
        t = self.app.t
        subject = (self._view.card.id, item.step_id)
        body = step_body(item.step, t, self.call_text, item.called if item.done else "")
        if self.how_text:  # where it is done, above the step's own detail
            body = RichText("\n").join([RichText(self.how_text, "bold"), *([body] if body else [])])
        self._detail(body, step_heading(item.step, item, t), subject)

    @on(Checklist.OptionHighlighted, "#checklist")
    def _highlighted(self, event: Checklist.OptionHighlighted) -> None:
        event.stop()
        self._show_highlighted()
