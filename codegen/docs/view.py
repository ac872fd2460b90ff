"""View objects for the reference docs: one page per section, tables and snippets.

Every operation is an anchored section (`#member-get`), every type too (`#type-Member`), and a
type is a link wherever a parameter, a field or an answer uses it. English comes first; the
document's Russian is in a collapsed block beside it.
"""

from __future__ import annotations

import json
from typing import Any

from .. import conditions
from ..model import Api, Deprecation, Evolution, Field, Operation, Text
from ..prose import auth_text, field_notes, retry_text
from ..python.cliview import command_line
from ..typeexpr import TypeRef

COMMON_PAGE = "common"  # the page of the types no section owns


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _text(t: Text | None, lang: str) -> str:
    if t is None:
        return ""
    return (t.en if lang == "en" else (t.ru or "")).strip()


class Links:
    """Where each named type is described: `type_link(ref)` writes a type with its links."""

    def __init__(self, api: Api, page: str) -> None:
        self.page = page
        self.where = {name: _page_of(api, name) for name in api.types}

    def anchor(self, name: str) -> str:
        target = self.where[name]
        return ("" if target == self.page else f"{target}.md") + f"#type-{name}"

    def type_md(self, ref: TypeRef) -> str:
        """A type expression for a table cell, its named types linked."""
        if ref.kind == "scalar":
            return ref.name
        if ref.kind == "named":
            return f"[{ref.name}]({self.anchor(ref.name)})"
        if ref.kind == "union":
            return " \\| ".join(self.type_md(a) for a in ref.args)
        return f"{ref.kind}\\[{self.type_md(ref.item)}\\]"


def _page_of(api: Api, name: str) -> str:
    module = api.types[name].module
    return COMMON_PAGE if module == "common" else module


def _row(f: Field, links: Links) -> dict[str, str]:
    extra = field_notes(f, default=False)  # the default has a column of its own
    if f.deprecated is not None:
        extra.append(_deprecation(f.deprecated) + ".")
    return {
        "wire": f.wire,
        "py": f.py,
        "type": links.type_md(f.type),
        "required": "yes" if f.required else "",
        "default": f"`{json.dumps(f.default, ensure_ascii=False)}`" if f.has_default else "",
        "en": _cell(" ".join([_text(f.description, "en"), *extra]).strip()),
        "ru": _cell(_text(f.description, "ru")),
    }


def _example_request(op: Operation) -> dict[str, Any]:
    return next((e.request for e in op.examples if e.request is not None), None) or {}


def _snippet(api: Api, op: Operation) -> str:
    """The example request as a method call, then a read of the answer."""
    example = _example_request(op)
    by_wire = {p.wire: p for p in op.caller_params}
    args = []
    for key, value in example.items():
        p = by_wire.get(key)
        if p is None:
            continue
        flag = p.type.without_null() == TypeRef("scalar", "flag")
        args.append(f"{p.py}={value in (1, '1', True)}" if flag else f"{p.py}={_py_literal(value)}")
    target = "client" + (f".{op.namespace}" if op.namespace else "")
    call = f"{target}.{op.method}({', '.join(args)})"
    lines = [f"result = {call}"]
    first = op.variants[0]
    fields = api.types[first.type_name].fields
    if len(op.variants) > 1:
        lines.append(
            f"if isinstance(result, {first.type_name}):  # {len(op.variants)} answers: see below"
        )
        indent = "    "
    else:
        indent = ""
    if fields:
        lines.append(f"{indent}print(result.{fields[0].py})")
    else:
        lines.append(f"{indent}print(result.raw)  # the answer as sent")
    return "\n".join(lines)


def _py_literal(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def _deprecation(d: Deprecation) -> str:
    use = f"; use `{d.use}`" if d.use else ""
    message = f": {_text(d.message, 'en')}" if _text(d.message, "en") else ""
    return f"**deprecated** since {d.since}{use}{message}"


def _since(e: Evolution | None) -> str:
    return e.since if e is not None else ""


def _anchor(op: Operation) -> str:
    return op.wire.replace(".", "-").replace("/", "-")


def _operation(api: Api, op: Operation, links: Links) -> dict[str, Any]:
    variants = []
    for v in op.variants:
        t = api.types[v.type_name]
        variants.append(
            {
                "name": v.name,
                "type": v.type_name,
                "type_link": links.anchor(v.type_name),
                "when": conditions.to_text(v.when)
                if v.when is not None
                else "always"
                if len(op.variants) == 1
                else "otherwise",
                "fields": [_row(f, links) for f in t.fields],
            }
        )
    examples = []
    for e in op.examples:
        examples.append(
            {
                "name": e.name,
                "original": (e.original or "").rstrip(),
                "json": json.dumps(
                    e.request if e.request is not None else e.response, ensure_ascii=False, indent=2
                )
                if (e.request is not None or e.response is not None)
                else "",
                "kind": "request" if e.request is not None else "answer",
                "note": _text(e.note, "en"),
            }
        )
    return {
        "wire": op.wire,
        "anchor": _anchor(op),
        "summary_en": _text(op.summary, "en"),
        "summary_ru": _text(op.summary, "ru"),
        "description_en": _text(op.description, "en"),
        "description_ru": _text(op.description, "ru"),
        "auth": auth_text(op),
        "mode": op.mode,
        "retry": retry_text(op),
        "python": ("client." + (op.namespace + "." if op.namespace else "") + op.method),
        "params": [_row(p, links) for p in op.params],
        "exclusive": [
            " | ".join(f"`{n}`" for n in ex.params)
            + (" (exactly one)" if ex.required else " (at most one)")
            for ex in op.exclusive
        ],
        "requires": [
            ("one of " if rule.any else "")
            + " | ".join(f"`{n}`" for n in rule.params)
            + f" when {conditions.to_text(rule.when)}"
            for rule in op.requires
        ],
        "variants": variants,
        "errors": [{"id": e.id, "en": _cell(_text(e.description, "en"))} for e in op.errors],
        "examples": examples,
        "snippet": _snippet(api, op),
        "command": command_line(api, op, _example_request(op)),
        "command_name": command_line(api, op, {}),
        "since": _since(op.evolution),
        "deprecated": _cell(_deprecation(op.deprecated)) if op.deprecated is not None else "",
        "document_spelling": op.document_spelling or "",
    }


def _types(api: Api, names: list[str], links: Links) -> list[dict[str, Any]]:
    types = []
    for name in names:
        t = api.types[name]
        types.append(
            {
                "name": name,
                "en": _text(t.description, "en"),
                "ru": _text(t.description, "ru"),
                "fields": [_row(f, links) for f in t.fields],
                "base": links.type_md(t.base) if t.base is not None else "",
                "enum": [
                    {
                        "value": json.dumps(e.value, ensure_ascii=False),
                        "en": _cell(_text(e.description, "en")),
                    }
                    for e in t.enum
                ],
                "variants": [
                    {"value": json.dumps(value, ensure_ascii=False), "link": links.anchor(v)}
                    for value, v in t.variants.items()
                ],
                "discriminator": t.discriminator or "",
            }
        )
    return types


def common_page(api: Api) -> dict[str, Any]:
    """The page of the shared types (those no section owns)."""
    names = sorted(n for n, t in api.types.items() if t.module == "common")
    return {"api": api.title.en, "types": _types(api, names, Links(api, COMMON_PAGE))}


def pages(api: Api) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    out = {}
    for s in api.sections:
        links = Links(api, s.name)
        types = _types(api, s.types, links)
        out[s.name] = {
            "api": api.title.en,
            "package": api.package,
            "client": api.client,
            "title_en": s.title.en,
            "title_ru": s.title.ru or "",
            "description_en": _text(s.description, "en"),
            "description_ru": _text(s.description, "ru"),
            "operations": [_operation(api, op, links) for op in s.operations],
            "types": types,
            "guides": [
                {"catalog": name, "link": "../../../" + str(c["python_tree"]["guide"])}
                for name, c in sorted(s.catalogs.items())
                if (c.get("python_tree") or {}).get("guide")
            ],
        }
    index = {
        "title": api.title.en,
        "version": api.version,
        "source": api.source,
        "package": api.package,
        "description_en": _text(api.description, "en"),
        "description_ru": _text(api.description, "ru"),
        "sections": [
            {
                "name": s.name,
                "title": s.title.en,
                "count": len(s.operations),
                "ops": [{"wire": o.wire, "anchor": _anchor(o)} for o in s.operations],
            }
            for s in api.sections
        ],
        "total": len(api.operations),
        "common": COMMON_PAGE,
    }
    return index, out
