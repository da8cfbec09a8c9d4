"""`fieldapp enroll` and `fieldapp sync`, plugged into the core's CLI by an entry point
(`fieldapp.commands`), so that `fieldapp` itself never imports the sync client.

Exit codes: 0 everything was acknowledged; 1 the run finished but something is left (changes
set aside by the server, or still pending); 2 the run or the enrollment failed (one line on
stderr, never a traceback); 130 interrupted.

Registering the commands imports nothing heavy: `fieldapp check` or `demo` build this parser
too, so the sync client (requests, pydantic, keyring) and the bundles' code (cryptography) are
imported inside the command that needs them. The `bundle` command's arguments are declared
here for the same reason; tests/packaging/test_entry.py checks that they match `sync.bundle`'s.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

from fieldapp.paths import NewProfileGuard, data_dir, existing_profile

EXIT_OK = 0
EXIT_INCOMPLETE = 1
EXIT_FAILED = 2


def register(subparsers: Any) -> None:
    cmd = subparsers.add_parser(
        "enroll", help="enroll this profile with a server, using a code from your coordinator"
    )
    cmd.add_argument("--server", required=True, metavar="URL", help="https://server[:port]")
    cmd.add_argument("--code", required=True, metavar="CODE", help="one-time enrollment code")
    cmd.add_argument(
        "--ca-bundle",
        metavar="PATH",
        help="PEM file of the certificate authority that signed the server's certificate",
    )
    cmd.add_argument("--device-name", metavar="NAME", help="default: this computer's name")
    cmd.set_defaults(func=_cmd_enroll)

    run = subparsers.add_parser(
        "sync", help="push the outbox, upload attachments and pull from the server"
    )
    run.add_argument(
        "--server", metavar="URL", help="reach the enrolled server at another address this time"
    )
    run.add_argument("--json", action="store_true", help="print the summary as JSON")
    run.set_defaults(func=_cmd_sync)
    register_bundle(subparsers)


def _bundle_command(name: str) -> Callable[[argparse.Namespace], int]:
    """The handler `name` of sync.bundle, imported when the command runs."""

    def run(args: argparse.Namespace) -> int:
        from sync import bundle

        handler: Callable[[argparse.Namespace], int] = getattr(bundle, name)
        return handler(args)

    return run


def register_bundle(subparsers: Any) -> None:
    """`fieldapp bundle export|import|receipt`, as sync.bundle.register declares them."""
    cmd = subparsers.add_parser(
        "bundle", help="carry changes on a USB stick when there is no connection"
    )
    sub = cmd.add_subparsers(dest="bundle_command", required=True)
    export = sub.add_parser("export", help="write this laptop's unsent changes to a file")
    export.add_argument("--out", required=True, metavar="FILE")
    export.set_defaults(func=_bundle_command("_cmd_export"))
    imp = sub.add_parser(
        "import", help="import a bundle (coordinator) or a receipt (the laptop that exported)"
    )
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(func=_bundle_command("_cmd_import"))
    receipt = sub.add_parser(
        "receipt", help="write what the server acknowledged of an imported bundle"
    )
    receipt.add_argument("file", metavar="FILE", help="the bundle imported here")
    receipt.add_argument("--out", required=True, metavar="RECEIPT")
    receipt.set_defaults(func=_bundle_command("_cmd_receipt"))


def _fail(message: str) -> int:
    print(f"fieldapp: error: {message}", file=sys.stderr)
    return EXIT_FAILED


def _cmd_enroll(args: argparse.Namespace) -> int:
    from fieldapp.store import Store, StoreError
    from sync.client import enroll
    from sync.errors import SyncError

    directory = data_dir(args.data_dir)
    try:
        # A failed enrollment leaves no profile behind where there was none.
        with NewProfileGuard(directory) as guard:
            with Store.open(directory) as store:
                result = enroll(
                    store,
                    args.server,
                    args.code,
                    ca_bundle=args.ca_bundle,
                    device_name=args.device_name,
                )
            guard.keep()
    except (SyncError, StoreError) as exc:
        return _fail(str(exc))
    except Exception as exc:  # a bug: still one line, never a traceback
        return _fail(f"enrollment stopped on an unexpected error ({type(exc).__name__}: {exc})")
    kept = result.token_stored_in
    where = "the system keyring" if kept == "keyring" else kept
    print(
        f"Enrolled as {result.username} ({result.role}) on {result.server_url}; "
        f"device {result.device_id}; token kept in {where}."
    )
    establishments, surveys = result.demo_removed
    if surveys or establishments:
        print(
            f"This profile held demo data: {surveys} generated surveys and {establishments} "
            "establishments were removed, never sent; your assigned establishments come with "
            "the next sync."
        )
    if result.other_instance:
        print(
            "This server is another database than the one this laptop synced with: the next "
            "sync sends every survey it does not hold."
        )
    return EXIT_OK


def _cmd_sync(args: argparse.Namespace) -> int:
    from fieldapp.store import Store, StoreError
    from sync.client import SyncRun
    from sync.errors import SyncError
    from sync.transport import CancelToken

    cancel = CancelToken()

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        cancel.cancel()

    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        with Store.open(existing_profile(args.data_dir)) as store:
            run = SyncRun(store, server_url=args.server, cancel=cancel)
            try:
                summary = run.run()
            except KeyboardInterrupt:
                cancel.cancel()
                return 130
    except (SyncError, StoreError) as exc:
        return _fail(str(exc))
    finally:
        signal.signal(signal.SIGTERM, previous)
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
    elif summary.error is None:
        print(
            f"Sync done in {summary.duration_s:.1f} s: {summary.pushed} changes sent "
            f"({summary.merged} merged, {summary.conflicts} conflicts, {summary.set_aside} set "
            f"aside), {summary.attachments_uploaded} attachments, {summary.pulled} received; "
            f"{summary.outbox_remaining} left in the outbox"
            + (
                f", {summary.relay_remaining} relayed bundle change(s) waiting."
                if summary.relay_remaining
                else "."
            )
        )
    if summary.error is not None:
        return _fail(summary.error["message"])
    return EXIT_OK if summary.ok else EXIT_INCOMPLETE
