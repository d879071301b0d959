"""cardoff-tui: close every card and eSIM, with proof."""

__version__ = "0.1.0"
