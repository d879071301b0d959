"""Textual's key panel (the palette's *Keys*) shows the keys that work where you are,
on whichever screen is on top.

Textual mounts the panel on the screen shown when it is asked for, and leaves it
there: a dialog opened afterwards (the hotline search, the help, a letter) showed the
main screen's keys, greyed behind it, none of which work in the dialog. Here the app
keeps whether the panel is wanted; every dialog shows it, with its own keys, while it
is (dialog_screen.py calls `follow_key_panel` each time a dialog comes to the top).

It is asked for and hidden from the main screen (the palette, Escape): a dialog has no
palette of its own (its keys stop at the dialog, and the palette's commands act on the
cards behind it), and Escape closes the dialog.

The panel is Textual's with its table of keys made here (key_panel_table.py): each
action on one line, its keys named as everywhere.
"""

from __future__ import annotations

from textual.screen import Screen

from tui.ui.mount_guard import app_ending


class KeyPanelFollows:
    """Needs Textual's App after it."""

    key_panel_wanted = False

    def action_show_help_panel(self) -> None:
        self.key_panel_wanted = True
        follow_key_panel(self.screen)

    def action_hide_help_panel(self) -> None:
        self.key_panel_wanted = False
        super().action_hide_help_panel()


def follow_key_panel(screen: Screen) -> None:
    """Show the key panel on `screen` (on top now) if the app wants it shown, hide it if
    not: a dialog shown again (the hotline search is built once) may have one from
    before."""
    if app_ending(screen):
        return  # nothing can be mounted any more (mount_guard.py)
    wanted = getattr(screen.app, "key_panel_wanted", False)
    shown = screen.query("HelpPanel")
    if wanted and not shown:
        from tui.ui.key_panel_table import KeysHelpPanel

        screen.mount(KeysHelpPanel())
    elif shown and not wanted:
        shown.remove()
