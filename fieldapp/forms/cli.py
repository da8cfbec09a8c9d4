"""`fieldapp form ...`: import an XLSForm, check a form, validate one survey's answers.

Exit codes: 0 valid; 1 the form or the answers have problems (every one is printed);
2 an input could not be read at all (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Final

from fieldapp.forms import Form, FormError, FormReadError, appearances, load_form

EXIT_OK: Final = 0
EXIT_INVALID: Final = 1
EXIT_UNREADABLE: Final = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `form` command and its sub-commands to the core CLI's parser."""
    form = subparsers.add_parser(
        "form",
        help="import, check and use form definitions (XLSForm / JSON)",
        description="Form definitions: import an XLSForm workbook, check a form, validate "
        "answers. Exit status: 0 valid, 1 problems found, 2 unreadable input.",
    )
    sub = form.add_subparsers(dest="form_command", metavar="SUBCOMMAND", required=True)

    imp = sub.add_parser("import", help="convert an XLSForm workbook to a JSON definition")
    imp.add_argument("file", type=Path, metavar="FILE.xlsx")
    imp.add_argument("--out", type=Path, required=True, metavar="FILE.json")
    imp.set_defaults(func=cmd_import)

    check = sub.add_parser("check", help="check a form (JSON or XLSX); list every problem")
    check.add_argument("file", type=Path, metavar="FILE")
    check.add_argument(
        "media",
        type=Path,
        nargs="*",
        metavar="MEDIA",
        help="files published with the form (choices files of select_one_from_file)",
    )
    check.set_defaults(func=cmd_check)

    validate = sub.add_parser("validate", help="validate one survey's answers against a form")
    validate.add_argument("form", type=Path, metavar="FORM")
    validate.add_argument("answers", type=Path, metavar="ANSWERS.json")
    validate.add_argument(
        "--json", action="store_true", help="print issues, relevance and calculations as JSON"
    )
    validate.add_argument(
        "--draft", action="store_true", help="validate as a draft: missing answers are allowed"
    )
    validate.add_argument(
        "--lang", default="en", choices=("fr", "ar", "en"), help="language of the messages"
    )
    validate.set_defaults(func=cmd_validate)


def _summary(form: Form) -> str:
    repeats = len(form.repeats)
    return (
        f"{form.id} {form.version}: {len(form.questions)} questions in "
        f"{len(form.sections)} sections, {repeats} repeat{'s' if repeats != 1 else ''}, "
        f"languages {' '.join(form.languages)}"
    )


def _load(path: Path, media: list[Path] | None = None) -> Form | int:
    """The form, or the exit code after printing why it cannot be used."""
    for file in media or []:
        if not file.is_file():
            print(f"fieldapp form: cannot read {file}: no such file", file=sys.stderr)
            return EXIT_UNREADABLE
    try:
        return load_form(path, media)
    except FormReadError as err:
        print(f"fieldapp form: {err.problems[0].message}", file=sys.stderr)
        return EXIT_UNREADABLE
    except FormError as err:
        print(f"{path}: {len(err.problems)} problem{'s' if len(err.problems) != 1 else ''}")
        for problem in err.problems:
            print(f"  {problem}")
        return EXIT_INVALID


def cmd_import(args: argparse.Namespace) -> int:
    if args.file.suffix.lower() not in (".xlsx", ".xls"):
        print(f"fieldapp form: {args.file} is not an .xlsx or .xls workbook", file=sys.stderr)
        return EXIT_UNREADABLE
    form = _load(args.file)
    if isinstance(form, int):
        return form
    text = json.dumps(form.to_json(), ensure_ascii=False, indent=1) + "\n"
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as err:
        print(f"fieldapp form: cannot write {args.out}: {err.strerror}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"wrote {args.out}: {_summary(form)}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    form = _load(args.file, args.media)
    if isinstance(form, int):
        return form
    if form.missing_media:
        missing = ", ".join(form.missing_media)
        print(f"{args.file}: missing media file(s), to give with the form: {missing}")
    else:
        print(f"ok {_summary(form)}")
    for warning in [*form.warnings, *appearances.warnings(form)]:
        print(f"  warning: {warning}")
    return EXIT_INVALID if form.missing_media else EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    form = _load(args.form)
    if isinstance(form, int):
        # The answers cannot be judged against a form that does not load.
        return EXIT_UNREADABLE
    try:
        answers: Any = json.loads(args.answers.read_text(encoding="utf-8"))
    except OSError as err:
        print(f"fieldapp form: cannot read {args.answers}: {err.strerror}", file=sys.stderr)
        return EXIT_UNREADABLE
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        print(f"fieldapp form: {args.answers} is not valid JSON: {err}", file=sys.stderr)
        return EXIT_UNREADABLE
    if not isinstance(answers, dict):
        print(
            f"fieldapp form: {args.answers} must hold a JSON object of question name to value",
            file=sys.stderr,
        )
        return EXIT_UNREADABLE
    finalize = not args.draft
    issues = form.validate(answers, finalize=finalize)
    if args.json:
        ev = form.evaluate(answers)
        report = {
            "form": form.id,
            "version": form.version,
            "finalize": finalize,
            "valid": not issues,
            "issues": [i.to_json() for i in issues],
            "relevant": ev.relevant,
            "calculated": ev.calculated,
        }
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        for issue in issues:
            print(f"{issue.path}: [{issue.code}] {issue.message.get(args.lang, '')}")
        count = len(issues)
        print("valid" if not issues else f"{count} issue{'s' if count != 1 else ''}")
    return EXIT_OK if not issues else EXIT_INVALID
