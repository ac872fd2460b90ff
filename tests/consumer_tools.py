"""What the consumer tests share: the exported files, the document's examples, and the Node
toolchain of `consumers/` (installed with `npm ci` from the committed lock file when missing)."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import referencing
from referencing.jsonschema import DRAFT202012

ROOT = Path(__file__).resolve().parents[1]
GENERATED = ROOT / "generated"
SCHEMAS = GENERATED / "jsonschema"
SERVICE = GENERATED / "service"
CONSUMERS = ROOT / "consumers"
INSTALLED = CONSUMERS / "node_modules" / ".package-lock.json"
APIS = sorted(p.name for p in SERVICE.iterdir() if p.is_dir())


def node_tools() -> Path:
    """The consumers' folder with its node_modules installed (`npm ci` the first time)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.fail("Node.js 20+ with npm is needed for the consumer tests")
    if not INSTALLED.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"], cwd=CONSUMERS, check=True, timeout=600
        )
    return CONSUMERS


def run_node(script: str, *args: str, stdin: str | None = None) -> Any:
    """Run one of the consumers' scripts; its standard output is JSON."""
    folder = node_tools()
    done = subprocess.run(
        ["node", script, *args],
        cwd=folder,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"node {script} failed:\n{done.stderr[-4000:]}"
    return json.loads(done.stdout)


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def service(api: str) -> dict[str, Any]:
    model: dict[str, Any] = load(SERVICE / api / "service.json")
    return model


def examples(api: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(operation, example) for every example of the API."""
    for wire, cases in load(SERVICE / api / "examples.json")["examples"].items():
        for case in cases:
            yield wire, case


def schema_files() -> list[Path]:
    return sorted(SCHEMAS.rglob("*.schema.json"))


MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$")
X_FORMATS = {"datetime": "%Y-%m-%d %H:%M:%S", "datetime-hm": "%Y-%m-%d %H:%M"}


def _x_format(validator: Any, kind: str, value: object, schema: dict[str, Any]) -> Any:
    """The vocabulary's `x-format`: the moment the pattern spells must exist."""
    if not isinstance(value, str) or not MOMENT.match(value):
        return
    try:
        datetime.datetime.strptime(value, X_FORMATS[kind])
    except ValueError:
        yield jsonschema.ValidationError(f"{value!r} is no moment of the calendar")


Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"x-format": _x_format})


@cache
def registry() -> referencing.Registry[Any]:
    """Every exported schema by its `$id`. Without `$schema`: jsonschema then keeps the extended
    validator (with `x-format`) across references instead of picking the plain draft's."""
    docs = [{k: v for k, v in load(path).items() if k != "$schema"} for path in schema_files()]
    return referencing.Registry().with_resources(
        (doc["$id"], DRAFT202012.create_resource(doc)) for doc in docs
    )


def python_valid(uri: str, data: Any) -> bool:
    validator = Validator(
        {"$ref": uri}, registry=registry(), format_checker=jsonschema.FormatChecker()
    )
    return not any(True for _ in validator.iter_errors(data))
