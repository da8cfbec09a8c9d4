"""The expression language of XLSForm: syntax, values, function library and compiler.

Forms say when a question is shown (`relevant`), what is allowed (`constraint`), what is
computed (`calculation`) and which choices are offered (`choice_filter`) with the XPath 1.0
subset that ODK and KoboToolbox accept. Expressions are parsed once, when a form is loaded
(`syntax`), into an AST and then compiled (`compiler`) to nested Python closures over the
typed values of `values`, calling the functions of `functions`.
"""

from __future__ import annotations

from fieldapp.forms.expressions.compiler import Lists, Lookup, Target, compile_expression
from fieldapp.forms.expressions.functions import FUNCTIONS
from fieldapp.forms.expressions.syntax import (
    BINARY_OPERATORS,
    Binary,
    Call,
    Current,
    ExpressionError,
    Field,
    InstancePath,
    Neg,
    Node,
    Num,
    Parent,
    Ref,
    Str,
    parse,
    references,
    to_source,
    walk,
)
from fieldapp.forms.expressions.values import (
    Compiled,
    Context,
    Env,
    NodeSet,
    Value,
    format_number,
    to_bool,
    to_date,
    to_number,
    to_string,
)

__all__ = [
    "BINARY_OPERATORS",
    "FUNCTIONS",
    "Binary",
    "Call",
    "Compiled",
    "Context",
    "Current",
    "Env",
    "ExpressionError",
    "Field",
    "InstancePath",
    "Lists",
    "Lookup",
    "Neg",
    "Node",
    "NodeSet",
    "Num",
    "Parent",
    "Ref",
    "Str",
    "Target",
    "Value",
    "compile_expression",
    "format_number",
    "parse",
    "references",
    "to_bool",
    "to_date",
    "to_number",
    "to_source",
    "to_string",
    "walk",
]
