"""View objects for the reference docs: one page per section, tables and snippets."""

from __future__ import annotations

import json
from typing import Any

from .. import conditions
from ..model import Api, Field, Operation, Text


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _text(t: Text | None, lang: str) -> str:
    if t is None:
        return ""
    return (t.en if lang == "en" else (t.ru or "")).strip()


def _row(f: Field) -> dict[str, str]:
    extra = []
    if f.enum:
        extra.append(
            "one of " + ", ".join(f"`{json.dumps(e.value, ensure_ascii=False)}`" for e in f.enum)
        )
    if f.has_default:
        extra.append(f"default `{json.dumps(f.default, ensure_ascii=False)}`")
    if f.document_spelling:
        extra.append(f"the document writes `{f.document_spelling}`")
    if f.secret:
        extra.append("secret (redacted in logs)")
    return {
        "wire": f.wire,
        "py": f.py,
        "type": _cell(str(f.type)),
        "required": "yes" if f.required else "",
        "en": _cell(_text(f.description, "en") + (" (" + "; ".join(extra) + ")" if extra else "")),
        "ru": _cell(_text(f.description, "ru")),
    }


def _snippet(api: Api, op: Operation) -> str:
    example = next((e.request for e in op.examples if e.request is not None), None) or {}
    by_wire = {p.wire: p for p in op.params}
    args = []
    for key, value in example.items():
        p = by_wire.get(key)
        if p is None or p.wire == "token":
            continue
        args.append(f"{p.py}={_py_literal(value)}")
    target = "client" + (f".{op.namespace}" if op.namespace else "")
    call = f"{target}.{op.method}({', '.join(args)})"
    return f"result = {call}"


def _py_literal(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def _retry(op: Operation) -> str:
    reason = _text(op.retry.reason, "en")
    if not op.retry.safe:
        return f"never repeated automatically. {reason}"
    if op.retry.unless is not None:
        return f"repeated automatically, except when `{op.retry.unless_text}`. {reason}"
    return f"repeated automatically. {reason}"


def _operation(api: Api, op: Operation) -> dict[str, Any]:
    variants = []
    for v in op.variants:
        t = api.types[v.type_name]
        variants.append(
            {
                "name": v.name,
                "type": v.type_name,
                "when": conditions.to_text(v.when)
                if v.when is not None
                else "always"
                if len(op.variants) == 1
                else "otherwise",
                "fields": [_row(f) for f in t.fields],
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
        "anchor": op.wire.replace(".", "-").replace("/", "-"),
        "summary_en": _text(op.summary, "en"),
        "summary_ru": _text(op.summary, "ru"),
        "description_en": _text(op.description, "en"),
        "description_ru": _text(op.description, "ru"),
        "auth": "session (log in first)" if op.auth == "session" else "none",
        "mode": op.mode,
        "retry": _retry(op),
        "python": ("client." + (op.namespace + "." if op.namespace else "") + op.method),
        "params": [_row(p) for p in op.params],
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
        "document_spelling": op.document_spelling or "",
    }


def pages(api: Api) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    out = {}
    for s in api.sections:
        types = []
        for name in s.types:
            t = api.types[name]
            types.append(
                {
                    "name": name,
                    "en": _text(t.description, "en"),
                    "ru": _text(t.description, "ru"),
                    "fields": [_row(f) for f in t.fields],
                    "enum": [
                        {
                            "value": json.dumps(e.value, ensure_ascii=False),
                            "en": _cell(_text(e.description, "en")),
                        }
                        for e in t.enum
                    ],
                }
            )
        out[s.name] = {
            "api": api.title.en,
            "package": api.package,
            "client": api.client,
            "title_en": s.title.en,
            "title_ru": s.title.ru or "",
            "description_en": _text(s.description, "en"),
            "description_ru": _text(s.description, "ru"),
            "operations": [_operation(api, op) for op in s.operations],
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
                "ops": [o.wire for o in s.operations],
            }
            for s in api.sections
        ],
        "total": len(api.operations),
    }
    return index, out
