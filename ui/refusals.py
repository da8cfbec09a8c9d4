"""The server's refusals in a person's words: one sentence per code it can send, in the UI
language, naming the establishment and the question by their labels, never by an id.

The server answers a refused change with a code, an English message (for the log) and the
field it refused (`payload.answers.<question>`); the sync client keeps them together as the
change's reason (`sync.client.refusal_reason`). Here the code becomes a sentence; the message,
which may hold ids, goes to the log file only. `tests/ui/test_refusals.py` walks every code
the server's source can send and checks that each has its own sentence in fr, ar and en.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from sync.client import parse_refusal
from ui.languages import isolated


def _tr(text: str) -> str:
    return QCoreApplication.translate("Refusals", text)


def refusal_words(code: str) -> str | None:
    """What the server's refusal `code` means, as the end of "refused: …"; None when the
    code is not one this release knows."""
    words = {
        # A change's content.
        "not_assigned": _tr("this establishment is no longer assigned to you"),
        "out_of_scope": _tr("this establishment is outside your regions"),
        "unknown_establishment": _tr("the server does not know this establishment"),
        "establishment_mismatch": _tr("this survey belongs to another establishment"),
        "unknown_form": _tr("the server does not know this form version"),
        "invalid_answers": _tr("some answers are not accepted by the form on the server"),
        "invalid_text": _tr("a text holds characters the server does not accept"),
        "answer_too_large": _tr("an answer is longer than the server accepts"),
        "too_large": _tr("it is larger than the server accepts"),
        "survey_locked": _tr("this survey was approved: ask your coordinator to return it"),
        "forbidden": _tr("your account may not make this change"),
        "invalid_data": _tr("the server could not store it"),
        "invalid_payload": _tr("this change is malformed"),
        "invalid_change": _tr("this change is malformed"),
        "unknown_entity": _tr("this kind of change is unknown to the server"),
        "unknown_op": _tr("this kind of change is unknown to the server"),
        "bad_base_revision": _tr("it is based on a version of the survey the server never had"),
        "unknown_base_revision": _tr(
            "it is based on a version of the survey the server no longer has"
        ),
        "superseded": _tr("this laptop already sent a newer version of this survey"),
        "device_forked": _tr("this profile was copied from another laptop: enroll it anew"),
        "file_not_held": _tr("the server does not have this file yet: it is sent again"),
        "question_dropped": _tr(
            "this question is no longer in the form version the survey follows: only the "
            "server's value can be kept"
        ),
        "id_reuse": _tr("the same change was sent twice with different content"),
        # Reviews and assignments (coordinators).
        "unknown_survey": _tr("the server does not know this survey"),
        "stale_revision": _tr("the survey changed since you reviewed it: review it again"),
        "not_finalized": _tr("the survey is not finalized"),
        "unknown_user": _tr("the server does not know this agent"),
        "not_an_agent": _tr("this account is not a field agent"),
        "relay_refused": _tr("the bundle's signature or region does not match"),
        # Photos, on this laptop.
        "missing_file": _tr("the photo file is missing on this laptop"),
        "corrupt_file": _tr("the photo file is damaged on this laptop"),
        # Whole requests.
        "hash_mismatch": _tr("the photo arrived damaged; it is sent again"),
        "offset_mismatch": _tr("the photo upload must start again"),
        "cursor_reset": _tr("the server asked to receive everything again"),
        "instance_changed": _tr("the server is another database than before"),
        "server_restored": _tr("the server was restored from an older backup"),
        "unauthorized": _tr("the server no longer accepts this laptop: enroll it again"),
        "token_revoked": _tr("the server no longer accepts this laptop: enroll it again"),
        "bad_compact": _tr("the server could not read what was sent"),
        "unknown_dictionary": _tr("the server could not read what was sent"),
        "bad_gzip": _tr("the server could not read what was sent"),
        "invalid_json": _tr("the server could not read what was sent"),
        "bad_request": _tr("the server could not read what was sent"),
        "invalid_request": _tr("the server could not read what was sent"),
        "unsupported_media_type": _tr("the server could not read what was sent"),
        "unsupported_encoding": _tr("the server could not read what was sent"),
        "not_found": _tr("this FieldApp does not match the server's version"),
        "retry_after": _tr("the server is busy: it is tried again later"),
        "busy": _tr("the server is busy: it is tried again later"),
        "invalid_sha256": _tr("the photo's fingerprint is not valid"),
        "too_many_attempts": _tr("too many tries: wait a few minutes"),
        # Enrollment.
        "invalid_code": _tr("this enrollment code is unknown"),
        "code_used": _tr("this enrollment code was already used"),
        "code_expired": _tr("this enrollment code has expired"),
        "user_disabled": _tr("this user account is disabled on the server"),
    }
    return words.get(code)


def refusal_text(code: str) -> str:
    """`refusal_words`, or a plain "the server refused it" for a code of a newer server."""
    return refusal_words(code) or _tr("the server refused it")


def set_aside_reason(reason: str, *, establishment: str = "", question: str = "") -> str:
    """A set-aside change's reason for a person: what the refusal means, for which
    establishment and question (their names, given by the caller), without ids."""
    code, _field, _message = parse_refusal(reason)
    text = refusal_text(code)
    if question:
        text = (
            _tr("%1 (question “%2”)")
            .replace("%1", isolated(text))
            .replace("%2", isolated(question))
        )
    if establishment:
        text = _tr("%1: %2").replace("%1", isolated(establishment)).replace("%2", isolated(text))
    return text[:1].upper() + text[1:]
