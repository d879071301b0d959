"""`cardoff-tui validate` checks content files (playbooks, issuers, strings, config.yaml);
`cardoff-tui doctor` checks what the app would find on this machine (tui.cli.doctor).
Both print a line per problem and exit 1 when something is broken."""

from __future__ import annotations

import argparse
from pathlib import Path


def run_validate(args: argparse.Namespace, paths) -> int:
    """Check `args.path` (a file or a folder), else the shipped content, the config
    dir's content and its config.yaml: each error and note on a line, then a count.
    Exit status 1 when there is an error or nothing was checked."""
    from tui.base.paths import content_dir
    from tui.library.content import validate_path, validate_shipped

    shipped = content_dir()
    targets = [Path(args.path)] if args.path else [shipped, paths.config_dir]
    checked, errors, notes = 0, [], []
    for target in targets:
        if not args.path and not target.exists():
            continue
        if target == shipped:  # checked once per install while it passes
            count, found = validate_shipped(shipped, notes)
        else:
            count, found = validate_path(target, shipped, notes)
        checked += count
        errors.extend(found)
    if not args.path and paths.config_file.is_file():
        from tui.domain.config import load_config

        checked += 1
        errors.extend(load_config(paths.config_file).problems)
    from tui.cli.open_data import catalog_for
    from tui.library.yaml_reader import worded

    t = catalog_for(args, paths)
    for error in errors + notes:
        print(worded(error, t))
    files, count = t("cli.files_checked", count=checked), t("cli.errors", count=len(errors))
    print(t("cli.checked_summary", files=files, errors=count))
    return 1 if errors or checked == 0 else 0


DOCTOR_FORMAT = "cardoff-tui-doctor"
DOCTOR_VERSION = 1


def doctor_doc(checks) -> dict:
    """`doctor --json`: {"format": "cardoff-tui-doctor", "version": 1, "ok": bool
    (nothing you depend on is broken: the exit status is 0), "problems": int,
    "warnings": int, "checks": [{"check": its name in English ("data dir",
    "keyring", ...; stable), "status": "ok", "warn" or "fail", "text": what was
    found, in the user's language}]}."""
    rows = [
        {
            "check": check.label,
            "status": "fail" if not check.ok else "warn" if check.warn else "ok",
            "text": check.text,
        }
        for check in checks
    ]
    return {
        "format": DOCTOR_FORMAT,
        "version": DOCTOR_VERSION,
        "ok": all(check.ok for check in checks),
        "problems": sum(1 for row in rows if row["status"] == "fail"),
        "warnings": sum(1 for row in rows if row["status"] == "warn"),
        "checks": rows,
    }


def run_doctor(args: argparse.Namespace, paths) -> int:
    """A line per check (with `args.json`, doctor_doc); exit status 1 when something
    the user depends on is broken."""
    from tui.cli import doctor
    from tui.cli.open_data import catalog_for

    catalog = catalog_for(args, paths)
    checks = doctor.run_doctor(paths, lang=args.lang, catalog=catalog)
    if args.json:
        from tui.cli.terminal_output import print_json

        print_json(doctor_doc(checks))
    else:
        print(doctor.format_checks(checks, catalog))
    return doctor.exit_code(checks)
