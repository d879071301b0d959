"""Where things live: the shipped content, the user's data and config folders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

APP_NAME = "cardoff-tui"
CONFIG_FILENAME = "config.yaml"
DB_FILENAME = "cardoff.json"  # the data file, in the data folder


def followed(path: Path) -> Path:
    """`path`, or the file it leads to when it is a symbolic link (a data file kept on
    another disk or in a synced folder): saves replace that file, its journal, lock
    and backups sit beside it, so the link stays a link and every change reaches the
    file. A link to nothing yet leads to where the file will be made."""
    return path.resolve() if path.is_symlink() else path


def cache_dir() -> Path:
    """The user's cache folder for cardoff-tui (platformdirs: ~/.cache/cardoff-tui on
    Linux): what can be built again (read content, date forms); not created here."""
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME)


def content_dir() -> Path:
    """content/ inside an installed wheel (tui/content), else the checkout's content/."""
    package = Path(__file__).resolve().parent.parent  # tui/, above tui/base/
    for candidate in (package / "content", package.parent / "content"):
        if (candidate / "playbooks").is_dir():
            return candidate
    raise FileNotFoundError(f"cardoff-tui's content folder is missing (looked in {package})")


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | None, config_dir: str | None) -> Paths:
        import platformdirs

        return cls(
            data_dir=Path(data_dir).expanduser()
            if data_dir
            else platformdirs.user_data_path(APP_NAME),
            config_dir=(
                Path(config_dir).expanduser()
                if config_dir
                else platformdirs.user_config_path(APP_NAME)
            ),
        )

    @property
    def db_path(self) -> Path:
        """The data file (the file a symbolic link there leads to: `followed`)."""
        return followed(self.data_dir / DB_FILENAME)

    @property
    def config_file(self) -> Path:
        return self.config_dir / CONFIG_FILENAME
