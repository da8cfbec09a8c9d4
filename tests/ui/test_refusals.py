"""The server's refusals in the person's language, without ids: every code the server's source
can send has its own sentence in fr, ar and en (walked from the source, so a new code without
words fails here); a refused answer, pushed over real HTTP to the real server, is told naming
the establishment and the question by their labels. Local failures during a sync are told as
what they are (a full disk, a refused row, a locked profile), not as "check the disk"."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import server
import sync
from fieldapp.store import StoreErrorCode
from sync.client import SyncRun, parse_refusal, question_of, refusal_reason
from sync.errors import SyncErrorCode
from sync.protocol import ChangeError
from tests.ui.sync_fixtures import (
    FAST,
    FORM_ID,
    Device,
    answers,
    make_device,
    open_sync_window,
    run_sync,
    sync_server,
    unique,
)
from ui.refusals import refusal_words, set_aside_reason
from ui.syncing import describe_sync_error

__all__ = ["make_device", "sync_server", "unique"]  # fixtures used by name

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

# Calls that carry a refusal code to the wire, and the position of the code among their args.
CODE_ARGUMENT = {
    "Rejected": 0,
    "TextProblem": 0,
    "rejected_result": 1,
    "ApiError": 1,
    "error_response": 1,
}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _sources() -> list[Path]:
    return [*Path(server.__file__).parent.rglob("*.py"), *Path(sync.__file__).parent.rglob("*.py")]


def _constants(trees: list[ast.Module]) -> dict[str, str]:
    """Module-level `NAME = "text"` of the server and sync packages."""
    found: dict[str, str] = {}
    for tree in trees:
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = node.value.value
    return found


def codes_the_server_can_send() -> set[str]:
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in _sources()]
    names = _constants(trees)
    codes: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            position = CODE_ARGUMENT.get(called)
            if position is None:
                continue
            argument: ast.expr | None = None
            if len(node.args) > position:
                argument = node.args[position]
            for keyword in node.keywords:
                if keyword.arg == "code":
                    argument = keyword.value
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                codes.add(argument.value)
            elif isinstance(argument, ast.Attribute) and argument.attr in names:
                codes.add(names[argument.attr])
            elif isinstance(argument, ast.Name) and argument.id in names:
                codes.add(names[argument.id])
    # Made on the laptop when a change cannot even be sent (sync.run).
    for source in Path(sync.__file__).parent.rglob("*.py"):
        codes.update(re.findall(r'_set_aside\(\s*change,\s*f"([a-z_]+):', source.read_text()))
    return codes


def test_the_walk_finds_the_codes_of_the_protocol() -> None:
    codes = codes_the_server_can_send()
    # The walk must see what it is meant to: a sample of each kind of source.
    assert {"not_assigned", "invalid_answers", "survey_locked", "superseded"} <= codes
    assert {"cursor_reset", "instance_changed", "too_many_attempts", "relay_refused"} <= codes
    assert {"invalid_code", "unknown_establishment", "missing_file", "invalid_change"} <= codes
    assert len(codes) >= 45


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_every_code_the_server_can_send_has_words_in_each_language(translations, lang) -> None:
    translations.apply(lang)
    missing = sorted(c for c in codes_the_server_can_send() if not refusal_words(c))
    assert missing == []
    if lang != "en":
        # Translated, not the English source showing through.
        translations.apply("en")
        english = {c: refusal_words(c) for c in codes_the_server_can_send()}
        translations.apply(lang)
        same = sorted(c for c, words in english.items() if refusal_words(c) == words)
        assert same == []


def test_a_refusal_keeps_its_code_and_question_and_reads_without_ids(translations) -> None:
    reason = refusal_reason(
        ChangeError(
            code="invalid_answers",
            message="survey 01a24d00-5843-7b97-96b0-952f5d3721b3: residents is not a number",
            field="payload.answers.residents",
        )
    )
    code, field, message = parse_refusal(reason)
    assert (code, question_of(field)) == ("invalid_answers", "residents")
    assert UUID.search(message)  # the English message, for the log, keeps what it said
    assert parse_refusal("not_assigned: establishment X")[:2] == ("not_assigned", "")  # older
    translations.apply("fr")
    text = set_aside_reason(reason, establishment="Foyer Al Amal", question="Résidents")
    assert text == (
        "Foyer Al Amal : des réponses ne sont pas acceptées par le formulaire du "
        "serveur (question « Résidents »)"
    )
    translations.apply("ar")
    text = set_aside_reason(reason, establishment="مركز الأمل", question="المقيمون")
    assert "بعض الأجوبة غير مقبولة" in text
    assert "\u2068المقيمون\u2069" in text and "\u2068مركز الأمل\u2069" in text  # isolated
    assert not UUID.search(text)


def test_an_answer_the_server_refuses_is_told_with_the_establishment_and_question_labels(
    qtbot, translations, make_device: Callable[..., Device]
) -> None:
    device = make_device(establishments=1)
    assert SyncRun(device.store, policy=FAST).run().ok
    survey = device.store.start_survey(
        device.establishments[0], FORM_ID, "1", answers=answers(residents="beaucoup")
    )
    window = open_sync_window(qtbot, translations, device.data_dir, actor=device.username)
    summary = run_sync(qtbot, window)
    assert summary.set_aside == 1
    table = window.sync_panel.set_aside
    assert table.rowCount() == 1
    why = table.item(0, 2).text()
    name = f"Centre {device.codes[0]}"
    assert why == (
        f"{name} : des réponses ne sont pas acceptées par le formulaire du "
        "serveur (question « Résidents »)"
    )
    assert survey.id not in why and not UUID.search(table.item(0, 2).toolTip())
    translations.apply("ar")  # the panel follows the language switch
    qtbot.waitUntil(lambda: "المقيمون" in table.item(0, 2).text())
    assert "مركز" in table.item(0, 2).text()


@pytest.mark.parametrize(
    ("code", "french"),
    [
        (StoreErrorCode.DISK_FULL, "Le disque de cet ordinateur est plein"),
        (StoreErrorCode.CONSTRAINT, "a refusé un enregistrement contraire à ses règles"),
        (StoreErrorCode.LOCKED, "utilisées par une autre fenêtre"),
        (StoreErrorCode.WRONG_PASSPHRASE, "PIN"),
        (StoreErrorCode.READ_ONLY, "lecture seule"),
        (StoreErrorCode.CORRUPT, "endommagée"),
    ],
)
def test_a_local_failure_during_a_sync_is_told_as_what_it_is(translations, code, french) -> None:
    translations.apply("fr")
    what, todo = describe_sync_error(SyncErrorCode.LOCAL, str(code))
    assert french in what + " " + todo, (what, todo)
    if code is not StoreErrorCode.DISK_FULL:
        assert "espace" not in what + todo  # the old "check the free disk space" for all
    translations.apply("ar")
    what_ar, _ = describe_sync_error(SyncErrorCode.LOCAL, str(code))
    assert what_ar and what_ar != what


def test_a_set_aside_review_or_assignment_is_named_by_its_establishment(qtbot, open_window) -> None:
    from fieldapp.domain import Change, new_id

    window = open_window("fr")
    establishment = window.model.id_at(0)
    code = window.store.get_establishment(establishment).code
    assignment = Change(
        new_id(), "assignment", new_id(), "assign",
        {"establishment_id": establishment, "username": "agent.safi"}, 0, "2026-01-01T00:00:00Z",
    )  # fmt: skip
    assert window._describe_change(assignment) == f"Attribution de {code}"
    survey = window.store.start_survey(establishment, "baseline", "2024.1", answers={})
    review = Change(
        new_id(), "review", new_id(), "approve", {"survey_id": survey.id, "comment": ""}, 1,
        "2026-01-01T00:00:00Z",
    )  # fmt: skip
    assert window._describe_change(review) == f"Relecture de l'enquête de {code}"
    assert not UUID.search(window._describe_change(review))
