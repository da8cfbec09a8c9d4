"""Codes, paths, numbers, dates and names put into a translated sentence keep their own order
inside Arabic text: every `%1` substitution of the UI goes through `isolated` (the UI's
language) or `Wording.isolated` (a report's language), each an FSI…PDI pair in right-to-left
text. Walked from the Arabic translations and the source that uses them."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import ui
from ui.languages import isolated
from ui.reports.wording import Wording, number

UI = Path(ui.__file__).parent
PLACEHOLDER = re.compile(r"%[1-9]")


def _is_isolated(value: ast.expr) -> bool:
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    return (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")) == "isolated"


def _source_of(receiver: ast.expr) -> str | None:
    """The translated source text a `.replace` chain starts from (tr/translate/_tr)."""
    node = receiver
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "replace":
            node = node.func.value
            continue
        break
    if isinstance(node, ast.Call):
        for arg in node.args:
            if (
                isinstance(arg, ast.Constant)
                and isinstance(arg.value, str)
                and PLACEHOLDER.search(arg.value)
            ):
                return arg.value
    return None


def substitutions() -> list[tuple[str, int, str | None, bool]]:
    """(file, line, translated source or None, isolated?) of every `.replace("%N", v)`."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr == "arg":  # Qt's QString.arg: not used, replace+isolated is
                found.append((str(path.relative_to(UI)), node.lineno, None, False))
            if node.func.attr != "replace" or len(node.args) != 2:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            if not PLACEHOLDER.fullmatch(first.value):
                continue
            found.append(
                (
                    str(path.relative_to(UI)),
                    node.lineno,
                    _source_of(node.func.value),
                    _is_isolated(node.args[1]),
                )
            )
    return found


def arabic_sources_with_placeholders() -> set[str]:
    sources = set()
    for ts in (UI / "i18n").glob("*_ar.ts"):
        for message in ET.parse(ts).getroot().iter("message"):
            source = message.findtext("source") or ""
            if PLACEHOLDER.search(source):
                sources.add(source)
    return sources


def test_every_substitution_in_an_arabic_sentence_is_isolated() -> None:
    arabic = arabic_sources_with_placeholders()
    uses = substitutions()
    in_use = {source for _f, _l, source, _i in uses if source in arabic}
    assert len(in_use) >= 50, len(in_use)  # the walk links the .ts to the code
    bare = [
        f"{file}:{line} {source!r}"
        for file, line, source, done in uses
        if not done and (source is None or source in arabic)
    ]
    assert bare == []


def test_isolation_follows_the_language_of_what_is_written(translations) -> None:
    translations.apply("ar")
    assert isolated("EPS-07-00012") == "\u2068EPS-07-00012\u2069"
    translations.apply("fr")
    assert isolated("EPS-07-00012") == "EPS-07-00012"
    # A report has its own language: an Arabic report from a French UI isolates its figures
    # ("45 300" on a right-to-left line would read "300 45").
    arabic = Wording("ar")
    assert arabic.isolated(number(45300)) == "\u206845 300\u2069"
    assert arabic.tr("%1 MAD a month") != "%1 MAD a month"
    assert Wording("fr").isolated(number(45300)) == "45 300"
