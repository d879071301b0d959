"""The theme the user picks in the command palette (Textual's theme picker) is kept
in config.yaml (`theme: nord`) and applied at the next start (a mixin for the app).

The setting's line alone is written (tui.domain.config_writer keeps the user's other
settings and comments), off the UI thread. Under NO_COLOR no theme is applied (the
app draws without colour); with 16 colours or fewer only an ansi theme is, as the
others' colours squeezed into the terminal's palette were unreadable (themes.py).
The demo saves nothing.
"""

from __future__ import annotations

from pathlib import Path

from tui.ui.background_work import off_ui_thread


class ThemeChoice:
    """Needs: self.t, self.notify, self.tell_failure, self.demo, self.no_color,
    self.available_themes, self.theme (Textual's App)."""

    _theme_config: Path | None = None
    _theme_kept: str | None = None  # the theme config.yaml names (or is being saved)

    def keep_theme_in(self, config_file: Path | None, wanted: str | None, few_colours: bool):
        """Apply `wanted` (config.yaml's theme) if this terminal can show it, and save
        the themes picked from now on to `config_file` (None: nowhere). Returns a
        notice for the user when `wanted` is no theme of this Textual, else None."""
        self._theme_config = None if self.demo else config_file
        self._theme_kept = wanted
        if not wanted or self.no_color:
            return None
        if wanted not in self.available_themes:
            return self.t("settings.theme_unknown", theme=wanted)
        if not few_colours or wanted.startswith("ansi-"):
            self.theme = wanted
        return None

    def watch_theme(self, name: str) -> None:
        """A theme picked while the app runs (not the one applied at start) is saved."""
        if not self.is_running or self._theme_config is None or name == self._theme_kept:
            return
        if name not in self.available_themes or self.theme != name:
            return
        self._theme_kept = name
        self._save_theme(name)

    @off_ui_thread("theme-save", "save the theme to config.yaml")
    def _save_theme(self, name: str) -> None:
        from tui.domain.config_writer import ConfigWriteError, save_setting

        try:
            save_setting(self._theme_config, "theme", name)
        except ConfigWriteError:
            self._theme_kept = None  # picking it again tries again
            raise  # told on the status line (background_work.py)
        self.call_from_thread(self.notify, self.t("settings.theme_saved", theme=name))
