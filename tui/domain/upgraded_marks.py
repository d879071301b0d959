"""Sorting the step marks of a card from a version 3 data file into their checklists.

Version 3 kept one set of marks per card, whatever the card's intent was when each
step was checked: a bank card switched from Cancel to Report lost held Cancel's marks
too. The upgrade to version 4 (tui.storage.migrations) cannot see the playbooks, so it
puts them all under the card's checklist as it is now and marks the record UNSORTED;
here, at the first open with the playbooks, each mark goes to the checklist whose
playbook holds its step. No Textual, no Rich.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from tui.records.kinds import Intent, checklist_key
from tui.records.model import Card

if TYPE_CHECKING:
    from tui.library.playbook import PlaybookLibrary
    from tui.storage.store import Store


def sorted_marks(
    marks: Mapping[str, dict], own: str, step_ids: Mapping[str, frozenset[str]]
) -> dict[str, dict[str, dict]]:
    """`marks` ({step id: mark}, all kept under checklist `own`) by the checklist each
    belongs to: {"kind/intent": {step id: mark}}. `step_ids`: each checklist of the
    card's kind -> the step ids of its playbook. A step of `own`'s playbook stays under
    `own` (also when another playbook shares its id, as record-proof is shared); one
    only other playbooks hold goes to each of them (which of them it was checked under
    is not known, so none loses it); one no playbook holds stays under `own`, kept."""
    out: dict[str, dict[str, dict]] = {}
    for step_id, mark in marks.items():
        if step_id in step_ids.get(own, frozenset()):
            homes = [own]
        else:
            homes = [key for key, ids in step_ids.items() if step_id in ids] or [own]
        for key in homes:
            out.setdefault(key, {})[step_id] = mark
    return out


def _step_ids(library: PlaybookLibrary, card: Card, region: str) -> dict[str, frozenset[str]]:
    """Each intent's checklist of the card's kind -> the step ids of the playbook the
    card would follow for it (its issuer's, its region's or the generic one; `region`
    the ISO code the card's region reads as)."""
    found = {}
    for intent in Intent:
        playbook = library.find(card.kind, intent, card.issuer, region)
        if playbook is not None:
            found[checklist_key(card.kind, intent)] = frozenset(s.id for s in playbook.steps)
    return found


def sort_upgraded_marks(
    store: Store, library: PlaybookLibrary, region_of: Callable[[Card], str]
) -> int:
    """Sort the marks of every card whose progress record is UNSORTED (see the module
    docstring) and write them, in one transaction; returns how many cards' records were
    sorted (0 when none needed it, as for every file made by version 4). A progress
    record whose card is not here (set aside as damaged) stays unsorted, to be sorted
    at an open where its card is. Raises what Store.transaction raises (StoreBusy,
    StoreWriteError): nothing is then written, and the marks stay readable under the
    card's checklist until an open can write. `library`: the playbooks the tracker
    follows; `region_of`: the ISO region code of a card (Tracker.region_of)."""
    card_ids = store.unsorted_progress()
    if not card_ids:
        return 0
    done = 0
    with store.transaction():
        for card_id in store.unsorted_progress():
            card = store.card(card_id)
            if card is None:
                continue
            checklists = store.checklists(card_id)
            marks = checklists.pop(card.checklist, {})
            step_ids = _step_ids(library, card, region_of(card))
            for key, found in sorted_marks(marks, card.checklist, step_ids).items():
                # marks already kept under a checklist win over the ones sorted into it
                checklists[key] = {**found, **checklists.get(key, {})}
            store.set_checklists(card_id, checklists)
            done += 1
    return done
