"""Typed builders, parsers and checkers for the stat.uni query language and group filters.

    from sendsay_api.query import A, F, StatUni, current

    query = StatUni(
        select=[F.click.dt.YD, A.count()],
        order=[F.click.dt.YD],
        filter=[F.issue.id.eq(15), F.click.dt.YM.le("2011-05")],
    )
    answer = client.stat.uni(**query.kwargs())        # checked before it is sent

    StatUni.from_wire({"select": ["click.dt:hY"]}).problems()   # read and check a string query

The field tree `F` is generated from the spec's catalogue `stat_uni_fields`; everything else
reads the catalogues too (`_vocab`). Reference: docs/stat-uni-query.md.
"""

from ._field_tree import F
from ._vocab import Problem, QueryError
from .expr import (
    A,
    Aggregate,
    Compare,
    DateField,
    Field,
    KindNode,
    Membership,
    Node,
    NullableDateField,
    NullableField,
    Nullness,
    OrderItem,
    UniqueAll,
    field,
)
from .group_filter import Brackets, Cond, G, GroupFilter, Join
from .parse import parse_condition, parse_order_item, parse_select_item
from .statuni import StatUni, StatUniArgs
from .time_expr import TimeExpr, current, parse_time_expr

__all__ = [
    "A",
    "Aggregate",
    "Brackets",
    "Compare",
    "Cond",
    "DateField",
    "F",
    "Field",
    "G",
    "GroupFilter",
    "Join",
    "KindNode",
    "Membership",
    "Node",
    "NullableDateField",
    "NullableField",
    "Nullness",
    "OrderItem",
    "Problem",
    "QueryError",
    "StatUni",
    "StatUniArgs",
    "TimeExpr",
    "UniqueAll",
    "current",
    "field",
    "parse_condition",
    "parse_order_item",
    "parse_select_item",
    "parse_time_expr",
]
