"""A refused change's reason as a profile keeps it (`code [field]: message`), and read back.

The code and the field let the UI say it in words (ui/refusals.py); the English message is for
the log.
"""

from __future__ import annotations

from sync import protocol as p


def refusal_reason(error: p.ChangeError | p.ErrorDetail) -> str:
    """What is kept with a change the server refused: `code [field]: message`. The code and
    the field (`payload.answers.<question>`) let the UI say it in words (ui/refusals.py); the
    English message is for the log."""
    where = f" [{error.field}]" if error.field else ""
    return f"{error.code}{where}: {error.message}"


def parse_refusal(reason: str) -> tuple[str, str, str]:
    """(code, field, message) of a reason made by `refusal_reason` (or by an older release:
    `code: message`)."""
    head, _, message = reason.partition(":")
    code, _, rest = head.strip().partition(" ")
    field = rest.strip()
    field = field[1:-1] if field.startswith("[") and field.endswith("]") else ""
    return code, field, message.strip()


def question_of(field: str) -> str:
    """The question a refusal names (`payload.answers.<question>[...]`), or ''."""
    prefix = "payload.answers."
    if not field.startswith(prefix):
        return ""
    return field[len(prefix) :].split(".")[0].split("[")[0]
