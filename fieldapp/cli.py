"""The `fieldapp` command: the desktop app by default, plus tools for the data dir.

Errors a person can act on print one line on stderr and exit 2; nothing is written then.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from fieldapp import __version__
from fieldapp.paths import data_dir, existing_profile
from fieldapp.store import Store, StoreError, StoreErrorCode, cipher
from fieldapp.store.profile_lock import set_program

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldapp",
        description="Offline baseline survey of social-protection establishments. "
        "Without a command, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"fieldapp {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="profile data dir (default: $FIELDAPP_DATA_DIR, else the platform's user data dir)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="fill the store with realistic demo data")
    demo.add_argument("--establishments", type=_count, default=50, metavar="N")
    demo.add_argument("--surveys", type=_count, default=80, metavar="M")
    demo.add_argument("--seed", type=int, default=None, help="random seed, for repeatable data")
    demo.add_argument(
        "--if-empty", action="store_true", help="do nothing when establishments already exist"
    )
    demo.set_defaults(func=_cmd_demo)

    export = sub.add_parser("export", help="export surveys (csv, xlsx) or establishments (geojson)")
    export.add_argument("--format", required=True, choices=("csv", "xlsx", "geojson"))
    export.add_argument("--out", required=True, type=Path, metavar="PATH")
    export.add_argument("--form", metavar="FILE", help="form definition (default: baseline)")
    from fieldapp.export import add_export_options

    add_export_options(export)
    export.set_defaults(func=_cmd_export)

    check = sub.add_parser("check", help="integrity check, schema version and counts")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.set_defaults(func=_cmd_check)

    from fieldapp.forms import cli as forms_cli

    forms_cli.register(sub)
    # Commands of the packages built on the core (sync, bundles) plug in through entry points,
    # so the core never imports them: the dependency points one way, ui -> sync -> fieldapp.
    for entry in metadata.entry_points(group="fieldapp.commands"):
        entry.load()(sub)
    return parser


def _open(args: argparse.Namespace) -> Store:
    return Store.open(data_dir(args.data_dir))


def _open_existing(args: argparse.Namespace) -> Store:
    return Store.open(existing_profile(args.data_dir))


def _cmd_demo(args: argparse.Namespace) -> int:
    from fieldapp import demo

    with _open(args) as store:
        if args.if_empty and store.find_establishment_ids():
            return EXIT_OK
        made, surveys = demo.fill(
            store, establishments=args.establishments, surveys=args.surveys, seed=args.seed
        )
        if made and not store.get_state("server_url"):
            store.set_state(demo.STATE_DEMO, "1")
        print(f"added {made} establishments and {surveys} surveys to {store.path}")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from fieldapp.export import (
        ExportError,
        check_target,
        export_surveys,
        load_export_form,
        options_from,
    )

    try:
        options = options_from(args)
        form = load_export_form(Path(args.form)) if args.form else None
        check_target(args.out)
    except ExportError as exc:
        print(f"fieldapp: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    with _open_existing(args) as store:
        try:
            written = export_surveys(store, args.format, args.out, form=form, options=options)
        except ExportError as exc:
            print(f"fieldapp: error: {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except OSError as exc:
            print(f"fieldapp: error: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
            return EXIT_BAD_INPUT
    for path in written:
        print(path)
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    with _open_existing(args) as store:
        report = store.check()
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
    else:
        surveys = ", ".join(f"{k} {v}" for k, v in report.surveys.items())
        print(f"database: {report.path}")
        print(f"integrity: {'ok' if report.ok else 'DAMAGED'}")
        for line in report.integrity if not report.ok else []:
            print(f"  {line}")
        for sha in report.missing_attachment_files:
            print(f"  missing attachment file: {sha}")
        print(f"schema version: {report.schema_version}")
        print(f"establishments: {report.establishments}")
        print(f"surveys: {surveys}")
        print(f"outbox: {report.outbox} pending, {report.outbox_set_aside} set aside")
        print(f"relayed bundle changes waiting: {report.relay_pending}")
        print(f"attachments: {report.attachments}")
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _start_app(args: argparse.Namespace) -> int:
    apps = metadata.entry_points(group="fieldapp.gui", name="desktop")
    try:
        if not apps:
            raise ModuleNotFoundError("no desktop entry point", name="ui")
        run = next(iter(apps)).load()
        return int(run(data_dir(args.data_dir)))
    except ImportError as exc:
        # Installed without the `desktop` extra (no PySide6), e.g. on a server host.
        missing = exc.name or ""
        if missing != "ui" and missing.split(".")[0] not in ("PySide6", "shiboken6"):
            raise
        print(
            "fieldapp: error: the desktop app is not installed "
            "(pip install 'fieldapp[desktop]'); the commands work without it.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT


# Commands that never open the profile (no PIN asked for them), and those that may create one
# (a new profile's PIN is chosen for them only; the others refuse a missing profile).
WITHOUT_PROFILE = frozenset({"form"})
CREATE_PROFILE = frozenset({"demo", "enroll"})


def ask_passphrase(where: Path, *, may_create: bool = True) -> None:
    """On a terminal, ask the profile's PIN (twice for a new profile) and unlock it; elsewhere
    leave it to FIELDAPP_PASSPHRASE (Store.open says so in one line when it is missing)."""
    if cipher.unlocked(where) or os.environ.get(cipher.ENV_PASSPHRASE):
        return
    if not sys.stdin.isatty():
        return
    if cipher.needs_new_passphrase(where):
        if not may_create and not (where / "fieldapp.db").exists():
            return  # the command says there is no profile here
        print(f"New profile in {where}: choose its PIN or passphrase.", file=sys.stderr)
        first = getpass.getpass("PIN or passphrase: ")
        if getpass.getpass("Again: ") != first:
            raise StoreError(StoreErrorCode.INVALID, "The two PINs differ; nothing was created.")
        cipher.unlock(where, first)
    else:
        cipher.unlock(where, getpass.getpass(f"PIN or passphrase for {where}: "))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "func", None)
    # Told to a second process that finds the profile in use; the command, not its arguments.
    set_program(f"fieldapp {args.command}" if args.command else "FieldApp")
    try:
        if handler is None:
            return _start_app(args)
        if args.command not in WITHOUT_PROFILE:
            ask_passphrase(data_dir(args.data_dir), may_create=args.command in CREATE_PROFILE)
        code = int(handler(args))
        sys.stdout.flush()  # a closed pipe shows here, inside the handler below
        return code
    except BrokenPipeError:
        # `fieldapp form check F | head`: the reader left; say nothing more, no traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except StoreError as exc:
        print(f"fieldapp: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
