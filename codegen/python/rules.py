"""Checks of the rules between keys of one object: `exclusive`, `together` and `requires`.

The same rules hold over an operation's parameters (`params`, paths from the request's root)
and over the fields of an object type (`value`, paths below the object's `path`).
"""

from __future__ import annotations

from typing import Any

from .. import conditions
from ..model import Exclusive, Requirement
from .emit import key_suffix


def rule_checks(
    exclusive: list[Exclusive],
    together: list[list[str]],
    requires: list[Requirement],
    defaults: dict[str, Any],
    flags: frozenset[str],
    var: str = "params",
    path: str | None = None,
) -> list[str]:
    """Statements appending an Issue for every broken rule of the dict `var`.

    `path` is the expression of the object's path (None: the request's root).
    """

    def at(words: str) -> str:
        return repr(words) if path is None else f"{path} + {('.' + words)!r}"

    lines = []
    for group in together:
        names = tuple(group)
        lines += [
            f"given = _codec.present({var}, {names!r})",
            f"if given and len(given) != {len(names)}:",
            f"    issues.append(_codec.Issue({at(' | '.join(names))},"
            " 'all of them together or none', _codec.MISSING))",
        ]
    for ex in exclusive:
        names = tuple(ex.params)
        words = " | ".join(names)
        where = "', '.join(given)" if path is None else f"{path} + '.' + ', '.join(given)"
        lines += [
            f"given = _codec.present({var}, {names!r})",
            "if len(given) > 1:",
            f"    issues.append(_codec.Issue({where}, 'only one of {words}',"
            " _codec.MISSING_CHOICE))",
        ]
        if ex.required:
            lines += [
                "elif not given:",
                f"    issues.append(_codec.Issue({at(words)}, 'one of them (required)',"
                " _codec.MISSING))",
            ]
    for rule in requires:
        test = conditions.to_python(rule.when, defaults, var, flags)
        because = f"(required when {conditions.to_text(rule.when).replace('`', '')})"
        if rule.any:
            names = tuple(rule.params)
            lines += [
                f"if {test} and not _codec.present({var}, {names!r}):",
                f"    issues.append(_codec.Issue({at(' | '.join(names))},"
                f" {'one of them ' + because!r}, _codec.MISSING))",
            ]
            continue
        for name in rule.params:
            suffix = key_suffix(name)
            where = repr(suffix) if path is None else f"{path} + {suffix!r}"
            lines += [
                f"if {test} and {name!r} not in {var}:",
                f"    issues.append(_codec.Issue({where}, {'a value ' + because!r},"
                " _codec.MISSING))",
            ]
    return lines
