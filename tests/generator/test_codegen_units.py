"""Unit tests of the generator's pieces: the code model, the scalar registries, naming."""

from __future__ import annotations

import pytest

from codegen.python.code import Expr, For, If, Line, Match, Try, chain, if_, lines
from codegen.python.naming import operation_path, python_name
from codegen.python.scalars import JSON_KINDS, PY_SCALARS
from codegen.scalars import SCALARS
from codegen.typeexpr import JSON_KIND, TypeRef, parse, pascal


def test_an_expression_is_rendered_for_any_value_and_counts_its_uses() -> None:
    test = Expr.of("type({v}) is not str")
    assert test.render("d['a']") == "type(d['a']) is not str"
    assert test.uses == 1
    twice = Expr.of("({v} if {t} else None)", t=Expr.of("type({v}) is int"))
    assert twice.render("x") == "(x if type(x) is int else None)"
    assert twice.uses == 2


def test_a_plain_call_is_passed_as_its_function() -> None:
    assert Expr.call("_codec.enc_date").as_callable() == "_codec.enc_date"
    wrapped = Expr.call("_codec.enc_list", "_codec.enc_date")
    assert wrapped.func is None
    assert wrapped.as_callable() == "lambda x: _codec.enc_list(x, _codec.enc_date)"
    assert Expr.value().is_value and Expr.value().render("v") == "v"


def test_a_key_named_like_the_temporary_is_not_a_use_of_it() -> None:
    # the old generator counted `v` with a regex and took the key 'v' for the temporary
    expr = Expr.call("_codec.as_int", "path, 'v'")
    assert expr.uses == 1
    assert expr.render("d['v']") == "_codec.as_int(d['v'], path, 'v')"


def test_statements_indent_themselves() -> None:
    block = [
        Line("x = 1"),
        If([("a", [Line("b()")]), ("c  # why", [])], [Line("d()")]),
        For("i in y", [Try([Line("e()")], [("KeyError as exc  # absent", [Line("raise")])])]),
        Match("k", [("'a'", [Line("f()")]), ("_", [])]),
    ]
    assert lines(block, 1) == [
        "    x = 1",
        "    if a:",
        "        b()",
        "    elif c:  # why",
        "        pass",
        "    else:",
        "        d()",
        "    for i in y:",
        "        try:",
        "            e()",
        "        except KeyError as exc:  # absent",
        "            raise",
        "    match k:",
        "        case 'a':",
        "            f()",
        "        case _:",
        "            pass",
    ]


def test_an_empty_chain_is_no_statement_and_a_lone_else_is_its_body() -> None:
    assert chain([]) == []
    assert chain([], [Line("x()")]) == [Line("x()")]
    assert chain([("a", [Line("b()")])]) == [if_("a", [Line("b()")])]


def test_format_specs_are_refused_in_code_templates() -> None:
    with pytest.raises(ValueError, match="no format specs"):
        Expr.of("{v!r}")


def test_every_scalar_has_one_row_in_each_registry() -> None:
    assert PY_SCALARS.keys() == SCALARS.keys()
    assert {parse(name) for name in SCALARS} == {TypeRef("scalar", n) for n in SCALARS}
    for name, row in SCALARS.items():
        if row.json_kind != "any":
            assert JSON_KIND[name] == row.json_kind
            assert row.json_kind in JSON_KINDS
        if name != "any":
            assert PY_SCALARS[name].wrong is not None and PY_SCALARS[name].decode is not None


@pytest.mark.parametrize(
    ("wire", "py"),
    [("track.id", "track_id"), ("!status", "not_status"), ("firstName", "first_name"),
     ("class", "class_"), ("-x", "x_x"), ("1st", "1st_")],
)  # fmt: skip
def test_python_names_of_wire_names(wire: str, py: str) -> None:
    assert python_name(wire) == py


def test_actions_become_a_namespace_and_a_method() -> None:
    assert operation_path("member.list.count") == ("member", "list_count")
    assert operation_path("login") == ("", "login")
    assert operation_path("resources/refresh") == ("resources", "refresh")
    assert pascal("member.list.count") == "MemberListCount"
