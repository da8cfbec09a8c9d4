"""What a pushed survey may hold, checked before anything is written (sync.protocol, v2 "trust
boundaries"; every protocol version gets the same checks: they protect every other device).

- Every string (question names and answers, at any depth) must be valid Unicode text: a lone
  UTF-16 surrogate (`"\\ud800"`) cannot be encoded as UTF-8, and one stored answer holding one
  used to fail the pull of every device that could see the establishment.
- No control characters: none in question names; in answers only tab, line feed and carriage
  return (free text has paragraphs). NUL is refused by PostgreSQL; the others are never typed.
- Caps, in settings (docs/security.md "Input caps"): one text answer
  (`FIELDAPP_MAX_ANSWER_BYTES`, UTF-8 bytes), the whole answers document
  (`FIELDAPP_MAX_SURVEY_BYTES`), nesting depth (`MAX_DEPTH`). The request itself is capped
  after decompression by `server.api.middleware` (`FIELDAPP_MAX_INFLATED_BYTES`).

A refusal names the question (`payload.answers.<question>`) so the agent knows what to fix.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings

from sync import protocol as p

MAX_DEPTH = 16
# C0 controls but tab, LF, CR; DEL; C1 controls; surrogates; the non-characters U+FFFE/F.
_BAD_IN_ANSWER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BAD_IN_NAME = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class TextProblem(Exception):
    """A refused value: `code` is a sync.protocol error code, `field` the payload path."""

    def __init__(self, code: str, message: str, field: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def printable(name: str, limit: int = 60) -> str:
    """`name` safe to put in an error message: surrogates and controls escaped, cut short."""
    safe = name.encode("utf-8", "backslashreplace").decode("utf-8")
    safe = _BAD_IN_NAME.sub(lambda m: f"\\x{ord(m.group()):02x}", safe)
    return safe if len(safe) <= limit else safe[: limit - 1] + "…"


def text_problem(value: str, *, multiline: bool) -> str | None:
    """Why `value` is not acceptable text, or None (one regex search for clean text)."""
    found = (_BAD_IN_ANSWER if multiline else _BAD_IN_NAME).search(value)
    if found is None:
        return None
    if _SURROGATE.search(value):
        return "is not valid Unicode text (a lone surrogate)"
    return f"contains the control character U+{ord(found.group()):04X}"


def check_text(value: str, field: str, *, multiline: bool = True) -> None:
    """Refuse `value` (a payload string outside the answers, e.g. a review comment)."""
    problem = text_problem(value, multiline=multiline)
    if problem:
        raise TextProblem(p.ERR_INVALID_TEXT, f"{field} {problem}", field)


def check_answers(answers: dict[str, Any]) -> str:
    """Raise `TextProblem` for the first question whose name or answer breaks the rules.

    Returns the answers as JSON text (UTF-8 characters as they are), the text whose size was
    measured: the push stores that same text (`server.db.JSONText`) instead of encoding the
    answers a second time."""
    max_text = int(settings.FIELDAPP_MAX_ANSWER_BYTES)
    for question, value in answers.items():
        problem = text_problem(question, multiline=False)
        if problem:
            raise TextProblem(p.ERR_INVALID_TEXT, f"the question name {problem}", _where(question))
        _check_value(value, question, max_text, 0)
    max_survey = int(settings.FIELDAPP_MAX_SURVEY_BYTES)
    text = json.dumps(answers, ensure_ascii=False)
    size = len(text.encode("utf-8"))
    if size > max_survey:
        biggest = max(answers, key=lambda q: len(json.dumps(answers[q], ensure_ascii=False)))
        raise TextProblem(
            p.ERR_ANSWER_TOO_LARGE,
            f"the answers take {size} bytes, over the limit of {max_survey} for one survey "
            f"(the largest is {printable(biggest)})",
            "payload.answers",
        )
    return text


def _where(question: str) -> str:
    return f"payload.answers.{printable(question)}"


def _check_value(value: Any, question: str, max_text: int, depth: int) -> None:
    if isinstance(value, str):
        problem = text_problem(value, multiline=True)
        if problem:
            raise TextProblem(
                p.ERR_INVALID_TEXT,
                f"the answer to {printable(question)} {problem}",
                _where(question),
            )
        # A character is at most 4 bytes: only long strings need encoding to be measured.
        if len(value) * 4 > max_text and len(value.encode("utf-8")) > max_text:
            raise TextProblem(
                p.ERR_ANSWER_TOO_LARGE,
                f"the answer to {printable(question)} is {len(value.encode('utf-8'))} bytes, "
                f"over the limit of {max_text}",
                _where(question),
            )
    elif isinstance(value, dict | list):
        if depth >= MAX_DEPTH:
            raise TextProblem(
                p.ERR_INVALID_ANSWERS,
                f"{printable(question)}: the answer is nested too deeply",
                _where(question),
            )
        if isinstance(value, list):
            for item in value:
                _check_value(item, question, max_text, depth + 1)
            return
        for key, item in value.items():
            problem = text_problem(key, multiline=False)
            if problem:
                raise TextProblem(
                    p.ERR_INVALID_TEXT,
                    f"a field name in the answer to {printable(question)} {problem}",
                    _where(question),
                )
            _check_value(item, question, max_text, depth + 1)
