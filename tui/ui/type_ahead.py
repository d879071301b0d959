"""Keys typed ahead go where the user meant them (a mixin for CardoffApp).

A terminal delivers a burst at once: fast typing, tmux send-keys, a slow SSH link
catching up. Textual takes each key from the queue as soon as the one before has been
passed on, not once it has been handled: a key travels from the focused widget up to
the screen and the app, one message queue at a time, and what it does (open a dialog,
close one, move the focus) happens on the way. So the keys after it went where the
focus had been: `aeSIM` opened the form and typed `eSIM` into the card list, `hICBC`
lost `ICBC`, Enter Enter in the hotline search reached the closing search twice
(ScreenStackError), and `d y t` acted on the card being deleted.

Here a key is handed on only once the one before has been handled: every message
queue of the app and of the screen on top (but the key bar's keys, see _key_targets)
is empty, the screen on top is mounted (a dialog just opened has its focus), and it
is not working on an answer (DialogScreen.holds_keys: keys typed during a save belong
to what comes after it).
Keys wait in order and then go on in order. Whether the key before has been handled
is asked only when another key comes (or `keys_pending` is read): a key typed alone,
after the screen settled, costs no round of questions to every widget (a round is
about a millisecond and a key took several), and a key typed in a burst waits for
the same round it waited for before. While a dialog works on an answer, none waits
longer than HOLD_LIMIT_SECONDS: a save stuck on a keyring that does not answer must
not swallow the keyboard (the keys then go where the focus is, and that dialog is not
waited for again). An app that is only busy has no limit: its queues empty in the end,
and on a loaded machine the limit let `aeSIM` type `eSIM` into the card list. ctrl+q
never waits (the quit it asks for waits for the keys typed before it: quit_asking.py).

A question the user did not ask for can come between a key and what it opens: where to
keep card numbers (the first `a` or `e` of a session with no keyring), the encrypted
file's passphrase. Keys typed before it showed were typed for what the key opens, not
as an answer (`aeSIM` answered the question with `e`, `S`, `I`, `M`, or `n` for "Not
now"): from the moment the first question of such a chain is mounted
(`question_shown`) until the chain is over (`question_over`), keys typed before that
moment are set aside, and then go, in order, to what comes after the question (the
form), or are dropped when the user backed out of it with Escape. The app holds the
keys too while the keyring lookup it waits for has not answered (`app_waits`).
"""

from __future__ import annotations

import time
from collections import deque
from functools import partial
from inspect import Signature

from textual import events
from textual._time import get_time  # the clock of a Key's `time`, when it was read
from textual.app import ScreenStackError
from textual.widgets._footer import FooterKey

HOLD_LIMIT_SECONDS = 3.0
RETRY_SECONDS = 0.01  # while a dialog mounts or works: how often to look again
STALL_SECONDS = 0.2  # a round not back by then (a widget removed meanwhile): start again
NEVER_HELD = frozenset({"ctrl+q"})
NO_PARAMETERS = Signature()  # what a round's callback takes


class TypeAhead:
    """Needs: Textual's App after it in the class order."""

    _held: deque[events.Key] | None = None
    _held_since = 0.0
    _in_flight = False  # a key was handed on and may still be on its way
    _round = 0  # the current round of "is everything handled?" (0: none running)
    _round_left = 0
    _round_timer = None
    _given_up_on = None  # the dialog whose work took longer than HOLD_LIMIT_SECONDS
    _typed_ahead_of: float | None = None  # keys read before this were typed before a question
    _set_aside: list[events.Key] | None = None  # those keys, waiting for the question's end
    app_waits = False  # True while the app waits for an answer before what a key opens

    @property
    def keys_pending(self) -> int:
        """How many typed keys are not known to be handled yet: those waiting for the
        ones before them, and the one on its way (0: every key typed so far has been
        handled). Reading it while a key is on its way starts asking whether it has
        arrived, so a caller that reads it again sees 0 once it has."""
        if self._in_flight and not self._round:
            self._start_round()
        return len(self._held or ()) + self._in_flight

    @property
    def keys_set_aside(self) -> int:
        """How many keys typed before a question showed wait for what comes after it."""
        return len(self._set_aside or ())

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded or event.key in NEVER_HELD:
            await super().on_event(event)
            return
        if self._held is None:
            self._held = deque()
        if not self._held and not self._in_flight and not self._screen_busy():
            if not self._typed_before_question(event):
                await self._hand_on(event)
            return
        if not self._held:
            self._held_since = time.monotonic()
        self._held.append(event)
        if not self._round:
            self._start_round()

    async def _hand_on(self, event: events.Key) -> None:
        # on its way until a round says it has been handled; the round starts when the
        # next key comes (on_event), not now: most keys are typed alone
        self._in_flight = True
        await super().on_event(event)
        if self._held and not self._round:  # the keys typed after it: ask now
            self._start_round()

    # keys typed before a question showed
    def question_shown(self, moment: float | None = None) -> None:
        """A question the user did not ask for is mounted (at `moment`, Textual's clock:
        now by default): keys read before it, and not yet handed on, wait for what
        comes after it. Within a chain of questions the first one's moment counts."""
        if self._typed_ahead_of is None:
            self._typed_ahead_of = get_time() if moment is None else moment

    def question_over(self, keep: bool) -> int:
        """The questions are over: the keys set aside go on, before any typed since,
        to what is on top once it is ready (`keep`), or are dropped. Returns how many
        there were."""
        self._typed_ahead_of = None
        keys, self._set_aside = self._set_aside or [], None
        if keep and keys:
            self._held = deque([*keys, *(self._held or ())])
            self._held_since = time.monotonic()
            if not self._round:
                self._start_round()
        return len(keys)

    def _typed_before_question(self, event: events.Key) -> bool:
        """Sets `event` aside (and says so) if it was typed before the question now
        asked showed."""
        if self._typed_ahead_of is None or event.time >= self._typed_ahead_of:
            return False
        if self._set_aside is None:
            self._set_aside = []
        self._set_aside.append(event)
        return True

    # is the key before handled?
    def _screen_busy(self) -> bool:
        """The screen on top is not ready for keys: it is being mounted, or it works on
        an answer; or the app waits for an answer before it opens what a key asked
        for (`app_waits`)."""
        if self.app_waits:
            return True
        try:
            screen = self.screen
        except ScreenStackError:  # starting or closing: nothing to wait for
            return False
        if not screen.is_mounted:
            return True
        return bool(getattr(screen, "holds_keys", False)) and screen is not self._given_up_on

    def _holds_keys(self) -> bool:
        """The screen on top works on an answer (a dialog's save): the one wait that
        has a time limit. Queues that are still busy always empty in the end, however
        loaded the machine, so keys wait for them as long as it takes."""
        try:
            screen = self.screen
        except ScreenStackError:
            return False
        return bool(getattr(screen, "holds_keys", False)) and screen is not self._given_up_on

    def _key_targets(self) -> list:
        """The app and what is on the screen on top, but the keys of the key bar: they
        take no key and hand nothing on (what they get is their own Show, Hide and
        Resize), and the key bar keeps a row of them for each set of keys it has shown
        (steady_footer.py), most of a round's questions otherwise."""
        try:
            nodes = self.screen.walk_children(with_self=True)
        except ScreenStackError:
            return [self]
        return [self, *(node for node in nodes if not isinstance(node, FooterKey))]

    def _start_round(self, delay: float = 0.0) -> None:
        """Ask every message queue to call back once it has handled what it holds now."""
        self._round += 1
        if self._round_timer is not None:
            self._round_timer.stop()
        number = self._round
        if delay:
            self._round_timer = self.set_timer(delay, partial(self._start_round_now, number))
            return
        self._start_round_now(number)

    def _start_round_now(self, number: int) -> None:
        if number != self._round:
            return
        step = partial(self._round_step, number)
        # Textual wraps each callback in a partial of its own and reads its signature
        # every time (~30 µs, times every widget, several rounds a key): say it once
        step.__signature__ = NO_PARAMETERS
        self._round_left = sum(1 for node in self._key_targets() if node.call_later(step))
        self._round_timer = self.set_timer(STALL_SECONDS, partial(self._stalled, number))

    def _stalled(self, number: int) -> None:
        if number == self._round:
            self._start_round()

    def _round_step(self, number: int) -> None:
        if number != self._round:
            return
        self._round_left -= 1
        if self._round_left <= 0:
            self._round_over()

    def _round_over(self) -> None:
        if self._round_timer is not None:
            self._round_timer.stop()
            self._round_timer = None
        overdue = (
            bool(self._held)
            and self._holds_keys()
            and time.monotonic() - self._held_since > HOLD_LIMIT_SECONDS
        )
        if not overdue:
            # the app's own queue is left out: keys typed meanwhile wait there (they are
            # held as they come), and the next key is handed on through it, after
            # whatever the app was asked to do before
            if any(not node._message_queue.empty() for node in self._key_targets()[1:]):
                self._start_round()  # what the key set off is still under way
                return
            if self._screen_busy():
                self._start_round(RETRY_SECONDS)
                return
        self._round = 0
        self._in_flight = False
        if overdue:
            try:
                self._given_up_on = self.screen
            except ScreenStackError:
                pass
        if self._held:
            self.call_later(self._hand_on_held, overdue)

    async def _hand_on_held(self, all_of_them: bool) -> None:
        held = self._held
        if not held or self._in_flight:
            return
        if self.app_waits and not all_of_them:
            # the key before, handled in the app's own queue after the round that let
            # this one go, made the app wait (a keyring lookup): ask again later
            if not self._round:
                self._start_round(RETRY_SECONDS)
            return
        if all_of_them:
            while held:
                event = held.popleft()
                if not self._typed_before_question(event):
                    await super().on_event(event)
            return
        self._held_since = time.monotonic()  # the next key's own wait starts now
        event = held.popleft()
        while self._typed_before_question(event):
            if not held:
                return
            event = held.popleft()
        await self._hand_on(event)
