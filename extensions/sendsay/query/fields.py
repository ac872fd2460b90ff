"""The fields of stat.uni as a typed tree: `F.click.dt.YM`, `F.click.issue.group.name`.

Written by hand after the catalogue `stat_uni_fields` (so that an IDE completes the names and
mypy rejects a typo), and checked against it by the tests in both directions: every leaf is a
field of the catalogue, every field of the catalogue (`xxx.yyy.*` expanded) is a leaf.
`F.summary` is the summary object `*` (`*.dt`, `*.issue.name`); `F.deliv_ok`, `F.deliv_bad`
and `F.deliv_unk` are the prefixes that may replace `deliv`. A node of a kind of statistics is
also the argument of `A.count(F.click)` -> `count(click)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar, overload

from ._vocab import PRECISIONS
from .expr import DateFieldRef, FieldRef, KindNode, Node

T = TypeVar("T")


class _Attr(Generic[T]):
    """A child of a node: a field (FieldRef / DateFieldRef) or a nested object."""

    def __init__(self, make: Callable[[str], T], wire: str | None = None) -> None:
        self.make = make
        self.wire = wire

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr = name
        if self.wire is None:
            self.wire = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _Attr[T]: ...
    @overload
    def __get__(self, obj: Node, owner: type | None = None) -> T: ...
    def __get__(self, obj: Node | None, owner: type | None = None) -> T | _Attr[T]:
        if obj is None:
            return self
        return self.make(obj._path(self.wire or self.attr))


class Domain(Node):
    """Information about a domain."""

    id = _Attr(FieldRef)
    name = _Attr(FieldRef)


class Member(Node):
    """Information about a subscriber."""

    id = _Attr(FieldRef)
    email = _Attr(FieldRef)
    haslock = _Attr(FieldRef)
    domain = _Attr(Domain)

    def anketa(self, anketa: str, quest: str) -> FieldRef:
        """`member.anketa.ANKETA.QUEST`: an answer (only in select, not in functions)."""
        return FieldRef(self._path(f"anketa.{anketa}.{quest}"))


class Group(Node):
    """Information about a group."""

    id = _Attr(FieldRef)
    gid = _Attr(FieldRef)
    name = _Attr(FieldRef)


class _Id(Node):
    id = _Attr(FieldRef)


class Issue(Node):
    """Information about an issue."""

    id = _Attr(FieldRef)
    dt = _Attr(DateFieldRef)
    name = _Attr(FieldRef)
    members = _Attr(FieldRef)
    format = _Attr(FieldRef)
    size = _Attr(FieldRef)
    archive = _Attr(FieldRef)
    hardbounce = _Attr(FieldRef)
    stoplist = _Attr(FieldRef)
    lockunsub = _Attr(FieldRef)
    lockconfirm = _Attr(FieldRef)
    deliv_ok = _Attr(FieldRef)
    deliv_bad = _Attr(FieldRef)
    clicked = _Attr(FieldRef)
    u_clicked = _Attr(FieldRef)
    readed = _Attr(FieldRef)
    u_readed = _Attr(FieldRef)
    unsubed = _Attr(FieldRef)
    group = _Attr(Group)
    draft = _Attr(_Id)
    sequence = _Attr(_Id)
    variant = _Attr(_Id)
    thumbnail_640x1100 = _Attr(FieldRef)
    thumbnail_150x180 = _Attr(FieldRef)


class Linkgroup(Node):
    """Information about a link group."""

    id = _Attr(FieldRef)
    name = _Attr(FieldRef)


class Link(Node):
    """Information about a link."""

    id = _Attr(FieldRef)
    url = _Attr(FieldRef)
    linkgroup = _Attr(Linkgroup)


class _ClickLink(Node):
    id = _Attr(FieldRef)
    url = _Attr(FieldRef)


class Click(KindNode):
    """Clicks (link follows)."""

    dt = _Attr(DateFieldRef)
    ip = _Attr(FieldRef)
    member = _Attr(Member)
    domain = _Attr(Domain)
    issue = _Attr(Issue)
    link = _Attr(_ClickLink)
    linkgroup = _Attr(Linkgroup)


class Read(KindNode):
    """Reads (opened letters)."""

    dt = _Attr(DateFieldRef)
    member = _Attr(Member)
    domain = _Attr(Domain)
    issue = _Attr(Issue)


class Deliv(KindNode):
    """Deliveries (also under the prefixes deliv_ok, deliv_bad, deliv_unk)."""

    member = _Attr(Member)
    domain = _Attr(Domain)
    issue = _Attr(Issue)
    status = _Attr(FieldRef)


class Unsub(KindNode):
    """Unsubscriptions (`unsub.issue.*` may be null)."""

    why = _Attr(FieldRef)
    member = _Attr(Member)
    domain = _Attr(Domain)
    issue = _Attr(Issue)


class _SummaryIssue(Node):
    id = _Attr(FieldRef)
    name = _Attr(FieldRef)
    group = _Attr(Group)
    dt = _Attr(DateFieldRef)
    members = _Attr(FieldRef)
    format = _Attr(FieldRef)
    deliv_ok = _Attr(FieldRef)
    deliv_bad = _Attr(FieldRef)
    clicked = _Attr(FieldRef)
    u_clicked = _Attr(FieldRef)
    readed = _Attr(FieldRef)
    u_readed = _Attr(FieldRef)
    unsubed = _Attr(FieldRef)
    draft = _Attr(_Id)
    sequence = _Attr(_Id)
    variant = _Attr(_Id)


class _SummaryMember(Node):
    id = _Attr(FieldRef)
    email = _Attr(FieldRef)
    haslock = _Attr(FieldRef)


class Summary(Node):
    """The summary fields `*.…` of requests where several kinds of statistics take part."""

    dt = _Attr(DateFieldRef)
    issue = _Attr(_SummaryIssue)
    member = _Attr(_SummaryMember)


class Fields(Node):
    """The root of the tree: `F.click`, `F.issue`, `F.summary` (`*`)..."""

    domain = _Attr(Domain)
    member = _Attr(Member)
    group = _Attr(Group)
    issue = _Attr(Issue)
    link = _Attr(Link)
    linkgroup = _Attr(Linkgroup)
    click = _Attr(Click)
    read = _Attr(Read)
    deliv = _Attr(Deliv)
    deliv_ok = _Attr(Deliv)
    deliv_bad = _Attr(Deliv)
    deliv_unk = _Attr(Deliv)
    unsub = _Attr(Unsub)
    summary = _Attr(Summary, wire="*")

    def _path(self, name: str) -> str:
        return name


F = Fields("")


def _children(cls: type) -> dict[str, _Attr[object]]:
    """The children of a node class by wire name."""
    out: dict[str, _Attr[object]] = {}
    for klass in reversed(cls.__mro__):
        for value in vars(klass).values():
            if isinstance(value, _Attr):
                out[value.wire or value.attr] = value
    return out


def _maker_class(attr: _Attr[object]) -> type | None:
    make = attr.make
    return make if isinstance(make, type) and issubclass(make, Node) else None


def leaves() -> Iterator[tuple[str, str]]:
    """Every field of the tree: (wire name, Python expression), e.g. ("*.dt", "F.summary.dt")."""

    def walk(cls: type, wire: str, code: str) -> Iterator[tuple[str, str]]:
        for name, attr in _children(cls).items():
            child_wire = f"{wire}.{name}" if wire else name
            child_code = f"{code}.{attr.attr}"
            sub = _maker_class(attr)
            if sub is None:
                yield child_wire, child_code
            else:
                yield from walk(sub, child_wire, child_code)

    yield from walk(Fields, "", "F")


def field_code(ref: FieldRef) -> str:
    """Python source for a field reference: the tree path if there is one, else field("...")."""
    segments = ref.name.split(".")
    cls: type = Fields
    code = "F"
    path_ok = True
    for i, segment in enumerate(segments):
        if cls is Member and len(segments) - i == 3 and segments[i] == "anketa":
            code += f".anketa({segments[i + 1]!r}, {segments[i + 2]!r})"
            cls = FieldRef
            break
        attr = _children(cls).get(segment)
        if attr is None:
            path_ok = False
            break
        code += f".{attr.attr}"
        sub = _maker_class(attr)
        if sub is None:
            if i != len(segments) - 1:
                path_ok = False
            cls = attr.make if isinstance(attr.make, type) else FieldRef
            break
        cls = sub
    if not path_ok or not issubclass(cls, FieldRef):
        args = repr(ref.name) + (f", {ref.precision!r}" if ref.precision is not None else "")
        return f"field({args})"
    if ref.precision is None:
        return code
    if cls is DateFieldRef and ref.precision in PRECISIONS:
        return f"{code}.{ref.precision}"
    return f"field({ref.name!r}, {ref.precision!r})"
