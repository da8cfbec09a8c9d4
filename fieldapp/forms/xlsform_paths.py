"""XLSForm expressions as FieldApp's parser reads them: straight quotes, `../name`, and
XPath location paths pyxform passes through read as the `${name}` they point at."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, Final

from fieldapp.forms.expressions.syntax import Field, Node, walk

_SMART_QUOTES: Final = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
_RELATIVE_RE: Final = re.compile(r"(?<![\w}])\.\./([A-Za-z_][A-Za-z0-9_.\-]*)")


def reads_bare_names(text: str) -> bool:
    from fieldapp.forms.expressions import ExpressionError, parse

    try:
        return any(isinstance(n, Field) for n in walk(parse(text)))
    except ExpressionError:
        return False


class PathResolver:
    """XPath location paths pyxform passes through, read as the `${name}` they point at:
    `./source` (a child of the group whose relevance it is), `../${inputs}/user/contact_id`,
    `/data/group/q` (CHT and hand-written forms).

    A path that leads to no node of the form (`../${inputs}/meta/location/lat`: nodes the
    CHT app adds at run time), and a bare name in a question's expression (`required` =
    `basic`: XPath's child `basic` of the question, which has none) are read as JavaRosa
    reads a path to no node: an empty node-set, whose value is '' (XPathNodeset.unpack),
    false as a condition. Each is warned with its row and column. A bare name in a group's
    expression that names a child of the group is that child."""

    _KEYS: Final = ("relevant", "calculation", "constraint", "required", "readonly")
    _COLUMNS: Final = {"readonly": "read_only", "dynamic_default": "default"}

    def __init__(
        self,
        children: list[dict[str, Any]],
        root: str,
        warn: Callable[[str], None],
        rows: dict[str, int] | None = None,
    ) -> None:
        self.children = children
        self.root = root
        self.warn = warn
        self.rows = rows or {}
        self.paths: dict[str, tuple[str, ...]] = {}  # question or group name -> its path
        self.names: dict[tuple[str, ...], str] = {}
        self.read: list[str] = []
        self.absent: list[str] = []  # what the current cell reads that is no node

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
            group = item.get("type") in ("group", "repeat")
            for key in (*self._KEYS, "repeat_count"):
                if isinstance(item.get(key), str):
                    context = prefix if key == "repeat_count" else path
                    item[key] = self.cell(item, key, item[key], context, group)
            extra = item.get("extra") or {}
            if isinstance(extra.get("dynamic_default"), str):
                extra["dynamic_default"] = self.cell(
                    item, "dynamic_default", extra["dynamic_default"], path, False
                )
            self.fix(item.get("children") or [], path)

    def cell(
        self, item: dict[str, Any], key: str, text: str, context: tuple[str, ...], group: bool
    ) -> str:
        """One expression cell with its paths and bare names read; what reads no node warned."""
        self.absent = []
        if "/" in text:
            text = self.rewrite(text, context)
        if re.search(r"[A-Za-z_]", outside_strings(text, lambda s: s)):
            text = self.bare_names(text, context if group else None)
        if self.absent:
            name = str(item.get("name", ""))
            row = self.rows.get(name)
            where = f"survey row {row}" if row else "survey"
            column = self._COLUMNS.get(key, key)
            self.warn(
                f"{where}, column {column!r} of {name!r}: "
                f"{', '.join(repr(a) for a in self.absent)} "
                f"lead{'s' if len(self.absent) == 1 else ''} to no node of the form: read as "
                "empty, as ODK Collect reads a path to no node"
                + (
                    f" (pyxform passes a {column} cell other than yes/no on as an expression:"
                    f" {'not required' if key == 'required' else 'not read-only'})"
                    if key in ("required", "readonly") and text.strip() == "''"
                    else ""
                )
            )
        return text

    def bare_names(self, text: str, group: tuple[str, ...] | None) -> str:
        """Bare names (no ${}) outside a choice_filter: XPath child steps of the node whose
        expression it is. A group's child is that question; anything else is no node."""
        from fieldapp.forms.expressions import ExpressionError, parse

        try:
            node = parse(text)
        except ExpressionError:
            return text  # reported by the definition reader with its cell
        fields = sorted(_bare_names(node), key=lambda n: n.pos, reverse=True)
        for found in fields:
            child = self.names.get((*group, found.name)) if group is not None else None
            if child is not None:
                new = f"${{{child}}}"
            else:
                new = "''"
                self.absent.insert(0, found.name)
            text = text[: found.pos] + new + text[found.pos + len(found.name) :]
        return text

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
                return self.nothing(written)
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
                    return written  # an unknown ${name}: the reader names it
            else:
                path = (*path, step)
        name = self.names.get(path)
        if name is None:
            return self.nothing(written)
        self.read.append(f"{written!r} -> ${{{name}}}")
        return f"${{{name}}}"

    def nothing(self, written: str) -> str:
        self.absent.append(written)
        return "''"


def _bare_names(node: Node) -> Iterator[Field]:
    """The bare names of an expression, leaving out instance() predicates (whose names are
    the columns of the list's rows)."""
    return (n for n in walk(node, predicates=False) if isinstance(n, Field))


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
