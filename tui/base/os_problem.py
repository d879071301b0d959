"""What the operating system said, in the user's language: an OSError becomes one of
our own sentences, chosen by its errno, with the system's words (strerror, in English
or the C library's language) kept only as a detail. No Textual, no Rich.

    t("cli.cannot_write", path=p, **os_problem(error))
      → "Cannot write out.md: cardoff-tui may not open it (check its permissions;
         the system says: Permission denied)"

The catalogs' `os_error` section holds a sentence for each name of OS_PROBLEMS and
`other` for any other errno.
"""

from __future__ import annotations

import errno

from tui.base.i18n import Phrase

# errno → the name of its sentence under `os_error` in the catalogs
OS_PROBLEMS = {
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.EROFS: "read_only",
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
    errno.ENOENT: "missing",
    errno.EISDIR: "is_folder",
    errno.ENOTDIR: "not_folder",
    errno.EIO: "io",
    errno.EAGAIN: "locked",
    errno.EBUSY: "busy",
    errno.ENAMETOOLONG: "too_long",
    errno.ELOOP: "loop",
    errno.EMFILE: "too_many_open",
    errno.ENFILE: "too_many_open",
    errno.EADDRINUSE: "in_use",
    errno.EADDRNOTAVAIL: "no_address",
}


def os_problem_key(error: OSError) -> str:
    """The catalog key of `error`'s sentence: "os_error.<name>" (OS_PROBLEMS), or
    "os_error.other" for an errno not listed (or none)."""
    return f"os_error.{OS_PROBLEMS.get(error.errno, 'other')}"


def os_detail(error: OSError) -> str:
    """The system's own words for `error` (strerror), or its text when it has none."""
    return error.strerror or str(error) or type(error).__name__


def os_problem(error: OSError) -> dict[str, object]:
    """Parameters for a message with a `{problem}` field: `problem` the Phrase of
    `error`'s sentence (os_problem_key), `detail` the system's words (os_detail),
    which that sentence shows as a detail."""
    return {"problem": Phrase(os_problem_key(error)), "detail": os_detail(error)}
