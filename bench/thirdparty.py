"""The alternatives, built from our own exported JSON Schemas (generated/jsonschema).

pydantic v2 and msgspec models are generated at bench time by datamodel-code-generator into a
temporary folder (never committed). Every third-party package is optional: what is not
installed is reported as such, and the rest of the bench still runs.
"""

from __future__ import annotations

import copy
import importlib
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "generated" / "jsonschema" / "sendsay"


@cache
def _workdir() -> Path:
    """A temporary folder for the generated models, removed when the bench exits."""
    folder = tempfile.TemporaryDirectory(prefix="bench-models-")
    _KEEP.append(folder)
    return Path(folder.name)


_KEEP: list[tempfile.TemporaryDirectory[str]] = []


def optional(name: str) -> ModuleType | None:
    """The module, or None when it is not installed (`pip install -e '.[bench]'`)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version(distribution)
    except PackageNotFoundError:
        return "not installed"


@cache
def definitions() -> dict[str, Any]:
    doc = json.loads((SCHEMAS / "_defs.schema.json").read_text(encoding="utf-8"))
    defs: dict[str, Any] = doc["$defs"]
    return defs


def _refs(node: Any) -> Iterable[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield ref.rsplit("/", 1)[-1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def closure(roots: Iterable[str]) -> dict[str, Any]:
    """The definitions `roots` need, and nothing else (smaller models, faster generation)."""
    defs = definitions()
    wanted: dict[str, Any] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        wanted[name] = defs[name]
        todo.extend(_refs(defs[name]))
    return dict(sorted(wanted.items()))


def schema_of(root: str) -> dict[str, Any]:
    """A self-contained schema of one definition: `$ref` to it plus the `$defs` it needs."""
    defs = copy.deepcopy(closure([root]))
    return {"$ref": f"#/$defs/{root}", "$defs": defs}


def request_schema(action: str) -> dict[str, Any]:
    """The exported request schema of `action`, made self-contained (its `$defs` inlined)."""
    text = (SCHEMAS / f"{action}.request.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text.replace('"_defs.schema.json#/$defs/', '"#/$defs/'))
    schema.pop("$schema", None)
    schema.pop("$id", None)
    schema["$defs"] = copy.deepcopy(closure(_refs(schema)))
    return schema


def generated_models(kind: str, roots: list[str]) -> ModuleType | None:
    """Models of `roots` from our JSON Schemas by datamodel-code-generator.

    kind: "pydantic_v2.BaseModel" or "msgspec.Struct". Returns None when the generator or the
    model library is missing.
    """
    library = "pydantic" if kind.startswith("pydantic") else "msgspec"
    if optional("datamodel_code_generator") is None or optional(library) is None:
        return None
    folder = _workdir()
    source = folder / f"schema_{library}.json"
    source.write_text(json.dumps({"$defs": closure(roots)}), encoding="utf-8")
    module_name = f"bench_generated_{library}"
    target = folder / f"{module_name}.py"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "datamodel_code_generator",
            "--input",
            str(source),
            "--input-file-type",
            "jsonschema",
            "--output-model-type",
            kind,
            "--output",
            str(target),
            "--disable-timestamp",
            "--disable-warnings",
            "--formatters",
            "ruff-format",
            # msgspec takes no Enum mixing numbers and strings (our 0|1 flags): Literal it is
            *(["--enum-field-as-literal", "all"] if library == "msgspec" else []),
        ],
        check=True,
        capture_output=True,
    )
    spec = importlib.util.spec_from_file_location(module_name, target)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # pydantic resolves forward references through it
    spec.loader.exec_module(module)
    return module


def jsonschema_validator(root: str) -> Callable[[Any], None] | None:
    jsonschema = optional("jsonschema")
    if jsonschema is None:
        return None
    validator = jsonschema.Draft202012Validator(schema_of(root))
    return validator.validate  # type: ignore[no-any-return]


def jsonschema_errors(schema: dict[str, Any]) -> Callable[[Any], list[Any]] | None:
    """Every error jsonschema finds (it can report them all, like our checkers)."""
    jsonschema = optional("jsonschema")
    if jsonschema is None:
        return None
    validator = jsonschema.Draft202012Validator(schema)
    return lambda value: list(validator.iter_errors(value))


def fastjsonschema_validator(schema: dict[str, Any]) -> Callable[[Any], Any] | None:
    """fastjsonschema compiles to Python code; it knows drafts 4, 6 and 7, and stops at the first
    error. Our schemas use nothing of 2020-12 that draft 7 lacks once `$defs` is a plain pointer.
    """
    fastjsonschema = optional("fastjsonschema")
    if fastjsonschema is None:
        return None
    draft7 = {"$schema": "http://json-schema.org/draft-07/schema#", **schema}
    return fastjsonschema.compile(draft7)  # type: ignore[no-any-return]


def fastjsonschema_errors_or_none(schema: dict[str, Any]) -> Callable[[Any], int] | None:
    """The number of problems fastjsonschema reports: 0 or 1, since it stops at the first."""
    validate = fastjsonschema_validator(schema)
    fastjsonschema = optional("fastjsonschema")
    if validate is None or fastjsonschema is None:
        return None
    error = fastjsonschema.JsonSchemaValueException

    def count(value: Any) -> int:
        try:
            validate(value)
        except error:
            return 1
        return 0

    return count
