"""Deprecations and provenance in the generated Python: docstring notes, `@deprecated`
(PEP 702) on methods and on the overloads that take a deprecated parameter, and the run-time
warnings of deprecated parameters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Operation
from .docstrings import deprecation_message
from .overloads import OverloadView, signature_piece

if TYPE_CHECKING:
    from .operations_view import OperationView


def mark_deprecations(op: Operation, view: OperationView) -> None:
    """A deprecated method is `@deprecated`, its overloads too; a deprecated optional parameter
    gets overloads of its own that require it, marked `@deprecated`, after the ones without it,
    so that a type checker flags exactly the calls that pass it; the method body warns."""
    call = ".".join(p for p in ("client", op.namespace, op.method) if p)
    if op.deprecated is not None:
        view.deprecated = deprecation_message(op.deprecated, f"{call}() (`{op.wire}`)")
        for ov in view.overloads:
            ov.deprecated = view.deprecated
    by_wire = {p.wire: p for p in op.params}
    optional: list[int] = []
    for index, pv in enumerate(view.params):
        dep = by_wire[pv.wire].deprecated
        if dep is None:
            continue
        what = f"{call}({pv.py}=...) (`{pv.wire}` of `{op.wire}`)"
        view.deprecated_params.append((pv.py, deprecation_message(dep, what)))
        if not pv.required:
            optional.append(index)
    if not optional or view.deprecated:
        return
    messages = dict(view.deprecated_params)
    base = view.overloads or [OverloadView(list(view.signature), view.returns)]
    out = [
        OverloadView([s for i, s in enumerate(ov.params) if i not in optional], ov.returns)
        for ov in base
    ]
    for ov in base:
        for index in optional:
            pv = view.params[index]
            params = list(ov.params)
            required = " | ".join(m for m in pv.annotation.split(" | ") if m != "None")
            params[index] = signature_piece(pv, required or pv.annotation, True)
            out.append(OverloadView(params, ov.returns, messages[pv.py]))
    view.overloads = out
