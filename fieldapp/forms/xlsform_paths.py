"""XLSForm expressions as FieldApp's parser reads them: straight quotes, `../name`, and
XPath location paths pyxform passes through read as the `${name}` they point at."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

_SMART_QUOTES: Final = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
_RELATIVE_RE: Final = re.compile(r"(?<![\w}])\.\./([A-Za-z_][A-Za-z0-9_.\-]*)")


def reads_bare_names(text: str) -> bool:
    from fieldapp.forms.expressions import ExpressionError, Field, parse, walk

    try:
        return any(isinstance(n, Field) for n in walk(parse(text)))
    except ExpressionError:
        return False


class PathResolver:
    """XPath location paths pyxform passes through, read as the `${name}` they point at:
    `./source` (a child of the group whose relevance it is), `../${inputs}/user/contact_id`,
    `/data/group/q` (CHT and hand-written forms). A path that leads to no question of the
    form is left as written, for the reader to report with its cell."""

    _KEYS: Final = ("relevant", "calculation", "constraint", "required", "readonly")

    def __init__(self, children: list[dict[str, Any]], root: str, warn: Any) -> None:
        self.children = children
        self.root = root
        self.warn = warn
        self.paths: dict[str, tuple[str, ...]] = {}  # question or group name -> its path
        self.names: dict[tuple[str, ...], str] = {}
        self.read: list[str] = []

        def index(items: list[dict[str, Any]], prefix: tuple[str, ...]) -> None:
            for item in items:
                path = (*prefix, str(item.get("name", "")))
                self.paths[path[-1]] = path
                self.names[path] = path[-1]
                index(item.get("children") or [], path)

        index(children, ())

    def run(self) -> None:
        self.fix(self.children, ())
        if self.read:
            self.warn(
                f"survey: {len(self.read)} XPath path(s) read as the question they point at "
                f"(first: {self.read[0]})"
            )

    def fix(self, items: list[dict[str, Any]], prefix: tuple[str, ...]) -> None:
        for item in items:
            path = (*prefix, str(item.get("name", "")))
            for key in (*self._KEYS, "repeat_count"):
                if isinstance(item.get(key), str) and "/" in item[key]:
                    context = prefix if key == "repeat_count" else path
                    item[key] = self.rewrite(item[key], context)
            extra = item.get("extra") or {}
            if "/" in extra.get("dynamic_default", ""):
                extra["dynamic_default"] = self.rewrite(extra["dynamic_default"], path)
            self.fix(item.get("children") or [], path)

    def rewrite(self, text: str, context: tuple[str, ...]) -> str:
        return outside_strings(
            text, lambda part: _PATH_RE.sub(lambda m: self.resolve(m, context), part)
        )

    def resolve(self, match: re.Match[str], context: tuple[str, ...]) -> str:
        written = match.group()
        steps = written.split("/")
        path: tuple[str, ...] | None
        if steps[0] == "":  # absolute: /data/...
            steps = steps[1:]
            if not steps or steps[0] != self.root:
                return written
            path, steps = (), steps[1:]
        else:
            path = context
        for step in steps:
            if step == ".":
                continue
            if step == "..":
                path = path[:-1]
            elif step.startswith("${"):
                path = self.paths.get(step[2:-1])
                if path is None:
                    return written
            else:
                path = (*path, step)
        name = self.names.get(path)
        if name is None:
            return written
        self.read.append(f"{written!r} -> ${{{name}}}")
        return f"${{{name}}}"


_STEP: Final = r"(?:\.\.|\.|[A-Za-z_][\w.\-]*|\$\{[A-Za-z_][\w.\-]*\})"
# a location path (two steps or more), not one that continues a call or a predicate
# (`instance('x')/root/item[...]/id` is the engine's)
_PATH_RE: Final = re.compile(
    rf"(?<![\w)\]}}/.])(?:/[A-Za-z_][\w.\-]*|\.\.|\.|\$\{{[A-Za-z_][\w.\-]*\}})(?:/{_STEP})+"
)


def read_expression(text: str) -> str:
    """An XLSForm expression as our parser reads it: straight quotes (pyxform straightens
    them too) and `../name` (pyxform's own or_other relevance) as `${name}`."""
    return outside_strings(
        text.translate(_SMART_QUOTES), lambda part: _RELATIVE_RE.sub(r"${\1}", part)
    )


def outside_strings(text: str, change: Callable[[str], str]) -> str:
    """`text` with `change` applied to what lies outside its string literals."""
    out: list[str] = []
    quote = ""
    start = 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
                out.append(text[start : i + 1])
                start = i + 1
        elif ch in "'\"":
            out.append(change(text[start:i]))
            quote = ch
            start = i
    tail = text[start:]
    out.append(tail if quote else change(tail))
    return "".join(out)
