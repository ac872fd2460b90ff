"""The command line's checks of query-language parameters, with the query checker.

`sendsay stat uni` takes the query as JSON (`--query '{"select": [...]}'` or `@file.json`) or as
`--select`, `--order` and `--filter` options; either way the query is checked against the
document's rules before it is sent, like `StatUni.kwargs()` checks builder code.
"""

from __future__ import annotations

import json
from typing import Any

from .query import StatUni
from .query.statuni import QUERY_KEYS

QUERY_HELP = (
    "The query as JSON: an object with select, order, filter, skip and first (as the document"
    " writes a stat.uni request), or @file.json. It is checked against the document's rules"
    " before it is sent; the options of the same names add to it."
)


def _read(text: str) -> dict[str, Any]:
    if text.startswith("@"):
        try:
            with open(text[1:], encoding="utf-8") as handle:
                text = handle.read()
        except OSError as exc:
            raise ValueError(f"--query: cannot read {text[1:]}: {exc.strerror}") from None
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"--query: expected a JSON object, got {type(data).__name__}")
    return data


def check_stat_uni(kwargs: dict[str, Any], query: str | None) -> tuple[dict[str, Any], list[str]]:
    """Merge `--query` into the arguments and check the query; raise QueryError on errors."""
    merged = {**(_read(query) if query else {}), **kwargs}
    parts = {k: merged.pop(k) for k in QUERY_KEYS if k in merged}
    warnings = StatUni.from_wire(parts).check()
    return {**merged, **parts}, [str(w) for w in warnings]


CLI_CHECKS = {"stat.uni": check_stat_uni}
