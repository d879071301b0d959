"""The card list's order (`s` cycles it: as added, status, due date, issuer, owner,
name) and its grouping by owner (`o`), kept in config.yaml for the next start (a mixin
for the app).

The orders are tui.domain.card_order's. The choice is saved as two lines of config.yaml
(`sort: status`, `group: owner` or `group: none`), each written alone by
tui.domain.config_writer (the user's other settings and comments stay), off the UI
thread; a file it cannot change is left as it is, and the status line says so. The
demo saves nothing.
"""

from __future__ import annotations

from pathlib import Path

from tui.domain.card_order import next_order
from tui.ui.background_work import off_ui_thread


class ListOrderActions:
    """Needs: self.t, self.notify, self.inventory, self.demo, self.tell_failure."""

    _order_config: Path | None = None

    def keep_order_in(self, config_file: Path | None) -> None:
        """Save the orders chosen from now on to `config_file` (None or the demo: nowhere)."""
        self._order_config = None if self.demo else config_file

    def action_sort_cards(self) -> None:
        """The next order of the list (card_order.ORDERS), said on the status line."""
        order, grouped = self.inventory.order
        order = next_order(order)
        self.inventory.set_order(order, grouped)
        self.notify(self.t("order.sorted", order=self.t(f"order.{order}")))
        self._save_order()

    def action_group_by_owner(self) -> None:
        """Group the list under the owners' names, or show one list again."""
        order, grouped = self.inventory.order
        grouped = not grouped
        self.inventory.set_order(order, grouped)
        if grouped:
            self.notify(self.t("order.grouped_on", order=self.t(f"order.{order}")))
        else:
            self.notify(self.t("order.grouped_off"))
        self._save_order()

    def _save_order(self) -> None:
        if self._order_config is not None:
            order, grouped = self.inventory.order
            self._write_order(order, "owner" if grouped else "none")

    # both settings each time: a later choice (cancelling this one before it ran) saves both
    @off_ui_thread("order-save", "save the card list's order to config.yaml")
    def _write_order(self, order: str, group: str) -> None:
        from tui.domain.config_writer import save_setting

        # a refusal is told on the status line (background_work.py)
        save_setting(self._order_config, "sort", order)
        save_setting(self._order_config, "group", group)
