"""The expression language: parsing, printing, errors with positions, XPath semantics."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from fieldapp.forms.expressions import (
    Binary,
    Call,
    Current,
    Env,
    ExpressionError,
    Field,
    Neg,
    Node,
    NodeSet,
    Num,
    Ref,
    Str,
    Target,
    compile_expression,
    format_number,
    parse,
    references,
    to_bool,
    to_number,
    to_source,
    to_string,
)

TODAY = date(2024, 6, 15)
TARGETS = {
    "a": Target("a", ()),
    "b": Target("b", ()),
    "s": Target("s", ()),
    "d": Target("d", ()),
    "multi": Target("multi", ()),
    "rep": Target("rep", ("rep",), "repeat"),
    "amount": Target("amount", ("rep",)),
    "grp": Target("grp", (), "none"),
}


def run(source: str, owner: str | None = "a", chain: tuple[str, ...] = (), **values):
    """Evaluate `source` with top-level values; `amount` holds repeat instance values."""
    fn = compile_expression(parse(source), lookup=TARGETS.get, owner=owner, chain=chain)
    env = Env(TODAY)
    amounts = values.pop("amount", [])
    env.top.update(values)
    env.rep["amount"] = {(i,): v for i, v in enumerate(amounts)}
    env.rep["rep"] = {(i,): "" for i in range(len(amounts))}
    env.idx = (0,) if chain else ()
    return fn(env)


def error_of(source: str, **kw) -> ExpressionError:
    with pytest.raises(ExpressionError) as info:
        run(source, **kw)
    return info.value


# -- parsing ----------------------------------------------------------------------------------


def test_precedence_and_associativity():
    assert parse("1 + 2 * 3") == Binary("+", Num(1), Binary("*", Num(2), Num(3)))
    assert parse("1 - 2 - 3") == Binary("-", Binary("-", Num(1), Num(2)), Num(3))
    assert parse("${a} > 1 and ${b} < 2 or not(${s})") == Binary(
        "or",
        Binary("and", Binary(">", Ref("a"), Num(1)), Binary("<", Ref("b"), Num(2))),
        Call("not", (Ref("s"),)),
    )
    assert parse("-${a} * 2") == Binary("*", Neg(Ref("a")), Num(2))


def test_word_operators_are_names_unless_after_an_operand():
    assert parse(". mod 2") == Binary("mod", Current(), Num(2))
    assert parse("${a} div ${b}") == Binary("div", Ref("a"), Ref("b"))
    # In a choice filter, a bare `div` at the start is a column name.
    assert parse("div = 'x'") == Binary("=", Field("div"), Str("x"))
    assert parse("count-selected(${multi})") == Call("count-selected", (Ref("multi"),))


def test_positions_are_kept_but_not_compared():
    node = parse("  ${a} + 1")
    assert isinstance(node, Binary) and node.pos == 7 and node.left.pos == 2


@pytest.mark.parametrize(
    ("source", "offset", "fragment"),
    [
        ("${a} +", 6, "unexpected end"),
        ("${a} + )", 7, "unexpected ')'"),
        ("(${a} + 1", 9, "expected ')'"),
        ("${a", 0, "without a closing"),
        ("${1x}", 0, "invalid question name"),
        ("$a", 0, "${name}"),
        ("'abc", 0, "unterminated string"),
        ("/data/a", 0, "paths are not supported"),
        ("${a} | ${b}", 5, "union"),
        ("${a}[1]", 4, "predicates"),
        ("@x", 0, "attributes"),
        ("${a} # 1", 5, "unexpected character"),
        ("12abc", 2, "followed by a letter"),
        ("", 0, "empty expression"),
        ("* 2", 0, "name test"),
        ("${a} 1", 5, "unexpected '1'"),
        ("f(1,", 4, "unexpected end"),
    ],
)
def test_syntax_errors_name_the_column(source, offset, fragment):
    with pytest.raises(ExpressionError) as info:
        parse(source)
    assert info.value.offset == offset
    assert fragment in info.value.message
    assert f"at column {offset + 1}" in info.value.describe(source)


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("${nope} > 1", "unknown question ${nope}"),
        ("${grp}", "is a group or a note"),
        ("${rep} > 1", "count its instances"),
        ("${amount} > 1", "inside repeat 'rep'"),
        ("frobnicate(1)", "unsupported function frobnicate()"),
        ("if(1, 2)", "if() takes 3 arguments, not 2"),
        ("today(1)", "today() takes 0 arguments"),
        ("round()", "round() takes 1 to 2 arguments"),
        ("concat()", "at least 1"),
        ("position(${a})", "only position(..)"),
        ("position(..)", "only meaningful inside a repeat"),
        ("sum(1 + 2)", "needs a ${question}"),
        ("regex(${s}, '[a-')", "invalid regular expression"),
        ("foo = 1", "unknown name 'foo'"),
        ("..", "only supported as position(..)"),
    ],
)
def test_compile_errors(source, fragment):
    assert fragment in error_of(source).message


def test_current_is_refused_where_it_would_be_a_cycle():
    node = parse(". > 1")
    with pytest.raises(ExpressionError, match="own value"):
        compile_expression(node, lookup=TARGETS.get, owner="a", chain=(), allow_current=False)
    with pytest.raises(ExpressionError, match="needs a question"):
        compile_expression(parse("string-length()"), lookup=TARGETS.get, owner=None, chain=())


def test_choice_filter_columns_are_checked():
    node = parse("region = ${s}")
    fn = compile_expression(
        node, lookup=TARGETS.get, owner="a", chain=(), choice_columns=frozenset({"region"})
    )
    env = Env(TODAY)
    env.top["s"] = "north"
    env.row = {"region": "north"}
    assert fn(env) is True
    with pytest.raises(ExpressionError, match="not a column of the choice list"):
        compile_expression(
            parse("province = 'x'"),
            lookup=TARGETS.get,
            owner="a",
            chain=(),
            choice_columns=frozenset({"region"}),
        )


def test_references():
    assert references(parse("${a} + sum(${amount}) + if(${b}, 1, -${s})")) == {
        "a",
        "amount",
        "b",
        "s",
    }


# -- printing: parse -> print -> parse ----------------------------------------------------------

names = st.sampled_from(["a", "b", "s", "q_1", "x.y", "long-name"])
literals = st.one_of(
    st.floats(min_value=0, max_value=1e12, allow_nan=False).map(Num),
    st.integers(min_value=0, max_value=10**9).map(lambda n: Num(float(n))),
    st.text(alphabet=st.characters(blacklist_characters="'\""), max_size=8).map(Str),
    st.text(alphabet="ab'", max_size=5).map(Str),
    st.text(alphabet='ab"', max_size=5).map(Str),
    names.map(Ref),
    st.just(Current()),
)


def _extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    ops = st.sampled_from(
        ["or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod"]
    )
    return st.one_of(
        st.builds(Binary, ops, children, children),
        st.builds(Neg, children),
        st.builds(
            Call,
            st.sampled_from(["if", "concat", "count-selected", "not", "today"]),
            st.lists(children, max_size=3).map(tuple),
        ),
    )


ast_nodes = st.recursive(literals, _extend, max_leaves=12)


@given(ast_nodes)
def test_parse_print_parse_round_trip(node):
    text = to_source(node)
    assert parse(text) == node
    assert to_source(parse(text)) == text


@given(st.text(alphabet="${}ab1 .()+-*=<>!,'\"div", max_size=20))
def test_parser_never_crashes_on_noise(text):
    try:
        parse(text)
    except ExpressionError as err:
        assert 0 <= err.offset <= len(text)


def test_printer_refuses_unprintable_literals():
    with pytest.raises(ValueError):
        to_source(Num(-1.0))
    with pytest.raises(ValueError):
        to_source(Str('it\'s "quoted"'))
    assert to_source(Num(1e-7)) == "0.0000001"
    assert parse(to_source(Num(1e-7))) == Num(1e-7)


# -- arithmetic and comparison laws ------------------------------------------------------------

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)


@given(finite, finite)
def test_arithmetic_matches_floats(x, y):
    assert run("${a} + ${b}", a=x, b=y) == x + y
    assert run("${a} - ${b}", a=x, b=y) == x - y
    assert run("${a} * ${b}", a=x, b=y) == x * y
    assert run("${a} + ${b}", a=x, b=y) == run("${b} + ${a}", a=x, b=y)
    if y != 0:
        assert run("${a} div ${b}", a=x, b=y) == x / y
        assert run("${a} mod ${b}", a=x, b=y) == math.fmod(x, y)


@given(finite, finite)
def test_comparisons_are_consistent(x, y):
    lt = run("${a} < ${b}", a=x, b=y)
    ge = run("${a} >= ${b}", a=x, b=y)
    assert lt is (not ge)
    assert run("${a} = ${b}", a=x, b=y) is run("${b} = ${a}", a=x, b=y)
    assert run("${a} != ${b}", a=x, b=y) is (not run("${a} = ${b}", a=x, b=y))
    assert run("${a} <= ${b}", a=x, b=y) is (lt or x == y)
    # A number compares the same as its string form (XPath converts the string).
    assert run("${a} = ${b}", a=x, b=format_number(y)) is (abs(x - y) < 1e-12)


@given(finite)
def test_number_string_round_trip(x):
    assume(math.isfinite(x))
    assert to_number(to_string(x)) == x


def test_division_and_modulo_edge_cases():
    assert run("1 div 0") == math.inf
    assert run("-1 div 0") == -math.inf
    assert math.isnan(run("0 div 0"))
    assert math.isnan(run("5 mod 0"))
    assert run("-5 mod 3") == -2.0  # the sign of the dividend, as XPath's mod
    assert run("5.5 mod 2") == 1.5


# -- empty values, NaN, strings, dates ---------------------------------------------------------


def test_missing_values_are_empty_strings_and_nan_as_numbers():
    assert run("${a}") == ""
    assert math.isnan(run("number(${a})"))
    assert math.isnan(run("${a} + 1"))
    assert run("${a} = ''") is True
    assert run("${a} > 0") is False and run("${a} <= 0") is False
    assert run("${a} != 0") is True  # NaN != 0, as in XPath
    assert run("string-length(${a})") == 0.0


def test_comparison_rules():
    assert run("${s} = 'yes'", s="yes") is True
    assert run("${a} = '5'", a=5.0) is True
    assert run("${a} = '5.0'", a=5.0) is True  # numeric comparison, not textual
    assert run("'10' < '9'") is False  # relational operators compare numbers
    assert run("'abc' < 'abd'") is False  # NaN
    assert run("true() = 'x'") is True  # booleans win: 'x' is true
    assert run("false() = 0") is True
    assert run("${d} <= today()", d=date(2024, 6, 15)) is True
    assert run("${d} < '2024-06-01'", d=date(2024, 5, 31)) is True
    assert run("${d} = '2024-05-31'", d=date(2024, 5, 31)) is True
    assert run("${d} = 'soon'", d=date(2024, 5, 31)) is False
    assert run("${d} < 'soon'", d=date(2024, 5, 31)) is False
    assert run("today() - ${d}", d=date(2024, 6, 5)) == 10.0


def test_conversions():
    assert to_number(" 12.5 ") == 12.5
    assert math.isnan(to_number("1e5"))  # not an XPath number
    assert math.isnan(to_number("12abc"))
    assert to_number(True) == 1.0
    assert to_number(date(1970, 1, 11)) == 10.0
    assert to_number(NodeSet(("3", "4"))) == 3.0
    assert math.isnan(to_number(NodeSet()))
    assert to_number(7) == 7.0
    assert to_string(2.0) == "2" and to_string(0.5) == "0.5" and to_string(1e20) != ""
    assert to_string(math.nan) == "NaN" and to_string(-math.inf) == "-Infinity"
    assert to_string(True) == "true" and to_string(NodeSet()) == ""
    assert to_string(date(2024, 1, 2)) == "2024-01-02"
    assert to_bool("") is False and to_bool("0") is True and to_bool(math.nan) is False
    assert to_bool(NodeSet()) is False and to_bool(date(2024, 1, 1)) is True
    assert format_number(1.5e-7) == "0.00000015"


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        ("if(${a} > 1, 'big', 'small')", {"a": 5.0}, "big"),
        ("if(${a} > 1, 'big', 'small')", {}, "small"),
        ("not(${s})", {"s": ""}, True),
        ("boolean(${s})", {"s": "x"}, True),
        ("selected(${multi}, 'b')", {"multi": "a b c"}, True),
        ("selected(${multi}, 'd')", {"multi": "a b c"}, False),
        ("count-selected(${multi})", {"multi": "a b c"}, 3.0),
        ("count-selected(${multi})", {}, 0.0),
        ("selected-at(${multi}, 1)", {"multi": "a b c"}, "b"),
        ("selected-at(${multi}, 7)", {"multi": "a b c"}, ""),
        ("string-length(${s})", {"s": "héllo"}, 5.0),
        ("string-length(.)", {"a": "abc"}, 3.0),
        ("string-length()", {"a": "abcd"}, 4.0),
        ("regex(${s}, '^[0-9]{3}$')", {"s": "123"}, True),
        ("regex(${s}, '^[0-9]{3}$')", {"s": "1234"}, False),
        ("regex(${s}, ${b})", {"s": "abc", "b": "b"}, True),
        ("regex(${s}, ${b})", {"s": "abc", "b": "[("}, False),
        ("coalesce(${s}, 'dflt')", {}, "dflt"),
        ("coalesce(${s}, 'dflt')", {"s": "x"}, "x"),
        ("concat(${s}, '-', 3)", {"s": "a"}, "a-3"),
        ("string(2.50)", {}, "2.5"),
        ("contains(${s}, 'ell')", {"s": "hello"}, True),
        ("starts-with(${s}, 'he')", {"s": "hello"}, True),
        ("ends-with(${s}, 'lo')", {"s": "hello"}, True),
        ("substr(${s}, 1, 3)", {"s": "hello"}, "el"),
        ("substr(${s}, 2)", {"s": "hello"}, "llo"),
        ("today()", {}, TODAY),
        ("date('2024-02-29')", {}, date(2024, 2, 29)),
        ("date('2023-02-29')", {}, ""),
        ("date(0)", {}, date(1970, 1, 1)),
        ("number('3.5')", {}, 3.5),
        ("number()", {"a": "4"}, 4.0),
        ("int(-3.7)", {}, -3.0),
        ("int(3.7)", {}, 3.0),
        ("round(2.5)", {}, 3.0),
        ("round(-2.5)", {}, -2.0),
        ("round(1.005, 2)", {}, 1.01),
        ("round(1234.5, -2)", {}, 1200.0),
        ("floor(-1.5)", {}, -2.0),
        ("ceiling(1.2)", {}, 2.0),
        ("abs(-4)", {}, 4.0),
        ("pow(2, 10)", {}, 1024.0),
        ("min(3, 1, 2)", {}, 1.0),
        ("max(3, 1, 2)", {}, 3.0),
        ("true() and false()", {}, False),
        ("false() or true()", {}, True),
    ],
)
def test_functions(source, values, expected):
    assert run(source, **values) == expected


def test_functions_with_nan_results():
    assert math.isnan(run("int(${a})"))
    assert math.isnan(run("round(${a})"))
    assert math.isnan(run("round(1, ${a})"))
    assert run("min(1, ${a})") == 1.0  # JavaRosa's min/max skip blanks
    assert math.isnan(run("pow(-8, 0.5)"))
    assert math.isinf(run("floor(1 div 0)"))
    assert run("substr(${s}, ${a})", s="abc") == ""


def test_node_sets_across_a_repeat():
    assert run("sum(${amount})", amount=[1.0, 2.5, 3.0]) == 6.5
    assert run("count(${amount})", amount=[1.0, ""]) == 2.0
    assert run("count(${rep})", amount=[1.0, 2.0, 3.0]) == 3.0
    assert run("sum(${amount})", amount=[]) == 0.0
    assert run("sum(${amount})", amount=[1.0, ""]) == 1.0  # JavaRosa skips a blank
    assert run("max(${amount})", amount=[1.0, 7.0]) == 7.0
    assert run("count(${a})") == 1.0
    assert run("sum(${a})", a=4.0) == 4.0
    # Inside the repeat, ${amount} is this instance's value and position(..) its position.
    assert run("${amount} * 2 + position(..)", chain=("rep",), amount=[10.0, 20.0]) == 21.0


def test_node_set_comparisons_are_existential():
    # Reached through sum/min/max arguments; a bare node-set elsewhere is refused at load.
    from fieldapp.forms.expressions.values import xpath_compare as compare
    from fieldapp.forms.expressions.values import xpath_equal as equal

    nodes = NodeSet((1.0, 5.0))
    assert equal(nodes, 5.0) and not equal(nodes, 4.0)
    assert equal(4.0, NodeSet((4.0,)))
    assert compare(">", nodes, 4.0) and not compare(">", nodes, 6.0)
    assert compare("<", 0.0, nodes)
