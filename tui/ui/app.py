"""The cardoff-tui app: inventory, steps and log panes over the tracker.

`create_app` is the one way to build it, for the command line and for tests alike:
the store, clock, timers and content folders are handed in.

Start-up imports only what the first frame shows: dialogs, the card form, help and the
hotline directory are imported when first opened (tests/test_app.py checks this).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Input, Static

from tui.base.clock import Clock, configure_dates, local_text, system_clock
from tui.base.i18n import Catalog
from tui.base.paths import content_dir as shipped_content_dir
from tui.domain.config import CLIPBOARD_CLEAR, VAULT_IDLE_LOCK
from tui.domain.totals import Totals
from tui.domain.tracker import Tracker
from tui.library.content import Content, load_content
from tui.library.regions import keep_names_while_babel_is_loaded
from tui.library.yaml_reader import ContentError, reason_first
from tui.ui.actions import bindings as action_bindings
from tui.ui.app_commands import AppCommands
from tui.ui.attachment_actions import AttachmentActions
from tui.ui.background_work import FailureTelling
from tui.ui.card_actions import CardActions
from tui.ui.crash_handling import CrashHandling
from tui.ui.direct_keys import DirectKeys
from tui.ui.entry_list import EntryList
from tui.ui.focus_keeper import FocusKeeper
from tui.ui.followup_actions import FollowUpActions
from tui.ui.form_drafts import FormDrafts
from tui.ui.header import AppHeader
from tui.ui.hotline_actions import HotlineActions
from tui.ui.identifier_actions import IdentifierActions
from tui.ui.inventory_pane import CardTable, InventoryPane
from tui.ui.key_names import key_names
from tui.ui.key_panel import KeyPanelFollows
from tui.ui.keymap_check import checked_keymap
from tui.ui.labels import localise_bindings
from tui.ui.letter_actions import LetterActions
from tui.ui.list_order_actions import ListOrderActions
from tui.ui.log_pane import LogPane
from tui.ui.main_panes import MainPanes
from tui.ui.mount_guard import SkipsMountWhileEnding
from tui.ui.quit_asking import QuitAsks
from tui.ui.redraw import Redraw
from tui.ui.status_line import StatusLine
from tui.ui.status_messages import StatusMessages
from tui.ui.steady_cursor import apply as steady_cursors
from tui.ui.steady_footer import SteadyFooter
from tui.ui.step_actions import StepActions
from tui.ui.steps_pane import Checklist, StepsPane
from tui.ui.terminal_cells import CellsSentOnce
from tui.ui.terminal_quirks import TerminalQuirks
from tui.ui.text_guard import LINE_FILTER, SaysWhatPastesLost, is_text_field, show_removed
from tui.ui.text_panel import TextPanel
from tui.ui.textual_fixes import apply as apply_textual_fixes
from tui.ui.textual_words import apply as word_textual_bindings
from tui.ui.theme_choice import ThemeChoice
from tui.ui.themes import NO_COLOR_THEME, few_colours, no_color_theme
from tui.ui.timers import TextualTimers, Timers
from tui.ui.type_ahead import TypeAhead

if TYPE_CHECKING:
    from tui.secrets.secrets_setup import SecretsSetup
    from tui.storage.store import Store  # create_app is handed one; screens never use it

apply_textual_fixes()
word_textual_bindings()  # Textual's own key words from the catalog (textual_words.py)
steady_cursors()  # no cursor repaints the screen while the user only reads

CHANGE_CHECK_SECONDS = 3.0
MIN_WIDTH, MIN_HEIGHT = 60, 20


def collector_back_on() -> None:
    """After the first frame of a start-up run with the cycle collector off (see
    tui.cli.open_app.build_app): the cycles that start-up left are collected (one
    pass over what was made since the command line froze what it built, ~3 ms),
    what lives on is kept out of later passes (frozen), and the collector runs again."""
    gc.collect(0)
    gc.freeze()
    gc.enable()


def _hotline_commands():
    """The palette's issuer search, imported when the palette first opens."""
    from tui.ui.hotline_screen import HotlineCommands

    return HotlineCommands


class CardoffApp(
    SkipsMountWhileEnding,
    CellsSentOnce,
    Redraw,
    CrashHandling,
    StatusMessages,
    FailureTelling,
    TypeAhead,
    MainPanes,
    CardActions,
    LetterActions,
    StepActions,
    AppCommands,
    FocusKeeper,
    IdentifierActions,
    FollowUpActions,
    AttachmentActions,
    HotlineActions,
    TerminalQuirks,
    FormDrafts,
    QuitAsks,
    ThemeChoice,
    ListOrderActions,
    DirectKeys,
    SaysWhatPastesLost,
    KeyPanelFollows,
    App,
):
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_hotline_commands}
    TITLE = "cardoff-tui"
    # Textual's App.sub_title repaints the whole screen when it changes (~13 KB at
    # 80x24, on every toggle); the Header watches it and repaints its own title line
    sub_title: Reactive[str] = Reactive("", compute=False, repaint=False)
    direct_key_widgets = (CardTable, EntryList, TextPanel)  # see direct_keys.py
    # the keys the key bar keeps longest when they do not all fit (key_bar_fit.py): the
    # help (it lists every key), the urgent ones, then the everyday ones; Edit and Quit
    # (ctrl+q works everywhere) go first
    KEY_BAR_KEEPS = (
        "app.help", "app.lost_wallet", "app.hotlines", "app.add", "app.filter", "app.palette"
    )
    BINDINGS = [
        *action_bindings(),
        # Keys that move the focus are priority bindings: Textual handles them before
        # it passes on the next key, so keys typed ahead (fast typing, tmux send-keys,
        # a slow SSH link delivering a burst) land where the user meant them to.
        # Each has words for Textual's key panel (palette: Keys), from the catalogs.
        Binding("tab", "move_focus(1)", "Next pane", show=False, priority=True,
                id="app.next_pane"),
        Binding("shift+tab", "move_focus(-1)", "Previous pane", show=False, priority=True,
                id="app.previous_pane"),
        Binding("enter", "enter_key", "Open", show=False, priority=True, id="app.open"),
        Binding("escape", "escape_key", "Back", show=False, priority=True, id="app.back"),
    ]

    def __init__(
        self,
        tracker: Tracker,
        catalog: Catalog,
        *,
        demo: bool = False,
        keymap: Mapping[str, str] | None = None,
        notices: Iterable[str] = (),
        secrets_setup: SecretsSetup | None = None,
        timers: Timers | None = None,
        clipboard_clear: float = CLIPBOARD_CLEAR,
        vault_idle_lock: float = VAULT_IDLE_LOCK,
        abroad: bool = False,
        theme: str | None = None,
        config_file: Path | None = None,
        list_order: tuple[str, bool] = ("none", False),
    ) -> None:
        palette_only = few_colours()
        super().__init__(ansi_color=True if palette_only else None)
        if palette_only:
            self.theme = "ansi-dark"
        if self.no_color:
            self.register_theme(no_color_theme())
            self.theme = NO_COLOR_THEME
        self.tracker = tracker
        self.secrets_setup = secrets_setup
        self.timers = timers if timers is not None else TextualTimers()
        self.clipboard_clear, self.vault_idle_lock = clipboard_clear, vault_idle_lock
        self.abroad = abroad  # outside the cards' regions: numbers for abroad first
        self._reveal_timer = None
        self._log_note = ""
        self.ready_at: float | None = None
        self.t = catalog
        self.demo = demo
        if unknown_theme := self.keep_theme_in(config_file, theme, palette_only):
            notices = [*notices, unknown_theme]
        self.keep_order_in(config_file)
        self.keep_abroad_in(config_file)
        self._list_order = list_order  # (card_order.ORDERS, grouped by owner)
        self.log_all = False
        self._totals = Totals()  # the header's figures, kept up to date card by card
        self.selected_id: str | None = None
        self._notices = list(notices)
        self._keymap_wanted = dict(keymap or {})
        self.animation_level = "none"
        localise_bindings(self, catalog)
        self.title = catalog("app.title_demo") if demo else catalog("app.title")
        cut_hint = catalog("messages.cut_hint")
        self._status = StatusLine(catalog("app.hint"), cut_hint, id="status-line")

    def compose(self) -> ComposeResult:
        yield AppHeader(icon="≡")
        inventory = InventoryPane(selected=self.card_selected, id="inventory")
        inventory.set_order(*self._list_order)
        yield inventory
        with Horizontal(id="lower"):
            yield StepsPane(id="steps")
            yield LogPane(id="log")
        yield self._status
        yield SteadyFooter()
        yield Static(id="too-small")

    def on_mount(self) -> None:
        # a change that waits for another session's write says so (it goes on waiting)
        self.tracker.on_store_wait(self._store_waiting)
        if self._keymap_wanted:
            self.set_keymap(self._keymap_wanted)
        views = self.refresh_all()
        self.query_one(CardTable).focus()
        self.keep_focus(self.screen)
        self._check_size(self.size.width, self.size.height)
        # another session may change the file: a stat every few seconds, and on focus;
        # nothing is redrawn unless the file changed
        self.timers.every(self, CHANGE_CHECK_SECONDS, self.check_for_changes)
        overdue = self.overdue_notice(views)
        # what is wrong first (a config problem), then that this is the demo
        opening = self._notices + ([self.t("app.demo_notice")] if self.demo else [])
        opening += [overdue] if overdue else []
        if opening:
            self.notify(" · ".join(opening), severity="warning" if self._notices else "information")

    def _store_waiting(self) -> None:
        """Called by the store, in the thread whose change is waiting for the lock:
        the status line says another session is saving. Never blocks (the UI thread may
        itself be the one waiting)."""
        message = self.t("session.store_waiting")
        if self._loop is None or threading.get_ident() == self._thread_id:
            self.notify(message, severity="warning")
        else:
            self._loop.call_soon_threadsafe(lambda: self.notify(message, severity="warning"))

    def get_line_filters(self):
        """Textual's filters, then one that drops control characters from every line
        drawn (tui/ui/text_guard.py): no text reaches the terminal as an escape."""
        return [*super().get_line_filters(), LINE_FILTER]

    def on_input_changed(self, event: Input.Changed) -> None:
        """Whatever is typed or pasted into a field loses its control characters."""
        show_removed(self, event.input)

    def on_ready(self) -> None:
        import time

        self.ready_at = time.perf_counter()  # for --debug: time to the first frame
        # looking for the keyring imports keyring (~65 ms, in a thread that would hold
        # the GIL against the first frame): only once that frame is out
        self.start_secrets()
        self.restore_form_draft()  # a form left open when the last session was ended
        self.restore_typed_aside()  # what other dialogs held then, said whole
        # the first start after an install loaded Babel for the dates and counts: the
        # region names are kept with them, so no later session loads Babel for those
        keep_names_while_babel_is_loaded(self.t.lang)
        if not gc.isenabled():  # off for start-up (tui/cli/open_app.py, build_app)
            self.call_after_refresh(collector_back_on)

    def on_resize(self, event) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        """Below 60x20 the panes give way to a clear message; state is kept."""
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        main = self.screen_stack[0]
        main.set_class(small, "-too-small")
        if small:
            message = self.t(
                "app.too_small",
                width=width,
                height=height,
                min_width=MIN_WIDTH,
                min_height=MIN_HEIGHT,
            )
            main.query_one("#too-small", Static).update(message)

    def pop_screen(self):
        """Never the main screen: a screen of Textual's own dismissed twice (the command
        palette, Enter pressed twice) would take it and stop the app with
        ScreenStackError. Our dialogs close once by themselves (dialog_screen.py)."""
        if len(self.screen_stack) <= 1:
            from textual.await_complete import AwaitComplete

            return AwaitComplete.nothing()
        return super().pop_screen()

    def on_app_focus(self) -> None:
        self.check_for_changes()

    def check_for_changes(self) -> None:
        if self.tracker.changed_elsewhere():
            self._log_note = self.t("log.external", time=local_text(self.tracker.clock()))
            self.refresh_all(select=self.selected_id)

    def action_move_focus(self, step: int) -> None:
        if type(self.focused).__name__ == "SelectOverlay":
            raise SkipAction()  # an open drop-down list handles its own keys
        self.screen.focus_next() if step > 0 else self.screen.focus_previous()

    def action_enter_key(self) -> None:
        """Enter on a card goes to its steps, in the filter back to the list, at once;
        elsewhere Enter is untouched."""
        in_filter = getattr(self.focused, "id", None) == "filter"
        if in_filter:
            self.inventory.filter_caught_up()  # the edit just before counts
        if in_filter and self.inventory.selected_id:
            self.screen.set_focus(self.inventory.table)
        elif isinstance(self.focused, CardTable) and self.inventory.selected_id is not None:
            self.screen.set_focus(self.steps.checklist)
        else:
            raise SkipAction()

    def action_escape_key(self) -> None:
        """Escape hides Textual's key panel (palette: Key panel) when it shows; in the
        filter, or in the card list while a filter narrows it, it clears the filter and
        goes back to the list at once; so does Escape in any pane while the filter hides
        every card (the list's hint says so, and the focus is on another pane then: see
        focus_keeper.py)."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
            return
        in_filter = getattr(self.focused, "id", None) == "filter"
        if not (in_filter or (isinstance(self.focused, CardTable) and self.inventory.filtering)):
            on_main = self.screen is self.screen_stack[0]
            if not (on_main and self.inventory.filtering and self.inventory.selected_id is None):
                raise SkipAction()
        self.inventory.close_filter()

    # steps
    @on(Checklist.Toggle)
    def _toggle_step(self, event: Checklist.Toggle) -> None:
        self.check_step(event.step_id)

    @on(Checklist.OptionSelected, "#checklist")
    def _open_step(self, event: Checklist.OptionSelected) -> None:
        event.stop()
        item = self.steps.highlighted_item()
        if item is not None:
            from tui.ui.dialogs import StepDetailScreen

            steps = self.steps
            self.push_screen(
                StepDetailScreen(
                    item,
                    self.check_step,
                    self.current_item,
                    lambda: steps.call_text,
                    search=self.action_hotlines,
                )
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`/` (Filter) is not offered in a text field, the filter line included: there
        it types a `/` (the key bar names the field's keys instead)."""
        if action == "filter" and is_text_field(self.focused):
            return False
        return True

    def action_filter(self) -> None:
        if not isinstance(self.screen, Screen) or self.screen is not self.screen_stack[0]:
            raise SkipAction()  # a dialog is open: "/" is just a character there
        if is_text_field(self.focused):
            raise SkipAction()  # typing a "/" into a field
        self.inventory.open_filter()

    def action_toggle_log_scope(self) -> None:
        self.log_all = not self.log_all
        self._show_selected()


def create_app(
    store: Store,
    *,
    lang: str = "en",
    clock: Clock = system_clock,
    content_dir: Path | None = None,
    user_dir: Path | None = None,
    demo: bool = False,
    keymap: Mapping[str, str] | None = None,
    notices: Iterable[str | ContentError] = (),  # a ContentError worded in the app's language
    content: Content | None = None,
    secrets: SecretsSetup | None = None,
    timers: Timers | None = None,
    clipboard_clear: float = CLIPBOARD_CLEAR,
    vault_idle_lock: float = VAULT_IDLE_LOCK,
    abroad: bool = False,
    home: str = "",
    theme: str | None = None,
    config_file: Path | None = None,
    list_order: tuple[str, bool] = ("none", False),
) -> CardoffApp:
    """Build the app around an open store; content loads from `content_dir` and `user_dir`.

    `secrets` decides where identifiers are kept (None: identifiers are off, as in demo).
    `timers` runs the app's timers (hiding a revealed identifier, the check for another
    session's changes); None: Textual's, in real time. `clipboard_clear` and
    `vault_idle_lock` are seconds (0: off): see identifier_actions.py. `abroad`: the
    user is outside the cards' regions (config.yaml `abroad: true`; `a` in the
    lost-wallet list toggles it). `home`: the country the user lives in (config.yaml
    `home`, an ISO code; "": guessed from their cards). `theme`: config.yaml's theme,
    applied when this terminal can show it; a theme picked in the palette is saved to `config_file`
    (None: not saved; see theme_choice.py). `list_order`: the card list's order
    (tui.domain.card_order.ORDERS) and whether it is grouped by owner, as config.yaml
    has them; those chosen in the app are saved to `config_file` (list_order_actions.py).
    """
    if content is None:
        content = load_content(content_dir or shipped_content_dir(), user_dir)
    catalog = Catalog(content.strings, lang)
    keymap, keymap_said = checked_keymap(keymap, catalog)  # what cannot work is left out
    catalog.name_keys(key_names(keymap, catalog))  # messages name the keys as mapped
    configure_dates(lang)
    bundles = content.bundles
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers, bundles=bundles)
    tracker.home_setting = home
    if demo:
        from tui.domain.demo import fill_demo

        fill_demo(tracker, catalog)
    # config.yaml's problems: what is wrong first, the file last (the status line cuts)
    found = [reason_first(notice, catalog) for notice in notices] + keymap_said
    if damaged := store.damaged(texts=False):
        found.append(catalog("data.damaged_notice", count=len(damaged)))
    if content.errors:
        found.append(catalog("app.content_errors", count=len(content.errors)))
    if content.notes:
        files = len({note.path for note in content.notes})
        found.append(catalog("app.content_controls", count=files))
    app = CardoffApp(
        tracker,
        catalog,
        demo=demo,
        keymap=keymap,
        notices=found,
        secrets_setup=secrets,
        timers=timers,
        clipboard_clear=clipboard_clear,
        vault_idle_lock=vault_idle_lock,
        abroad=abroad,
        theme=theme,
        config_file=config_file,
        list_order=list_order,
    )
    app.letter_dirs = (content_dir or shipped_content_dir(), user_dir)  # letter templates
    return app
