"""datamodel-code-generator, the standard Python generator, builds pydantic v2 and msgspec
models from the export as it is, and those models parse every document example: a request by
the operation's request model, an answer by one of its variant models (the document's answers
come without their request, so each variant the service model lists may be the one).

The models are generated from a root schema that only refers to the exported files, one
property per request and per answer variant, as the service model lists them."""

from __future__ import annotations

import importlib
import json
import pkgutil
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from consumer_tools import APIS, SCHEMAS, examples, service

KINDS = {"pydantic": "pydantic_v2.BaseModel", "msgspec": "msgspec.Struct"}


def root_schema(api: str) -> dict[str, Any]:
    """One property per request and answer variant, referring to the exported schemas."""
    model = service(api)
    base = model["metadata"]["schemas"]["base"]
    properties: dict[str, Any] = {}
    for wire, op in model["operations"].items():
        properties[f"{wire}.input"] = {"$ref": op["input"]["$ref"].removeprefix(base)}
        for variant in op["variants"]:
            ref = variant["schema"]["$ref"].removeprefix(base)
            properties[f"{wire}.variant.{variant['name']}"] = {"$ref": ref}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{api} export",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }


def cases(api: str) -> Iterator[tuple[str, list[str], Any]]:
    """(label, the root properties that may take it, example value)."""
    operations = service(api)["operations"]
    for wire, example in examples(api):
        if "request" in example:
            yield f"{wire} {example['name']} request", [f"{wire}.input"], example["request"]
        if "response" in example:
            keys = [f"{wire}.variant.{v['name']}" for v in operations[wire]["variants"]]
            yield f"{wire} {example['name']} answer", keys, example["response"]


@pytest.fixture(scope="module")
def generated() -> Iterator[dict[tuple[str, str], Any]]:
    """(api, kind) -> the root model class, generated into a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="consumer-models-") as tmp:
        folder = Path(tmp)
        runs = []
        for api in APIS:
            source = folder / f"{api}-schemas"
            shutil.copytree(SCHEMAS / api, source)
            (source / "_root.schema.json").write_text(json.dumps(root_schema(api)))
            for kind, output in KINDS.items():
                command = [
                    sys.executable,
                    "-m",
                    "datamodel_code_generator",
                    "--input",
                    str(source / "_root.schema.json"),
                    "--input-file-type",
                    "jsonschema",
                    "--output-model-type",
                    output,
                    "--output",
                    str(folder / f"{api}_{kind}_models"),
                    "--disable-timestamp",
                    "--formatters",
                    "ruff-format",
                ]
                runs.append((api, kind, subprocess.Popen(command, stderr=subprocess.PIPE)))
            # Folder mode, as a consumer points the generator at the API's folder: msgspec
            # needs --collapse-root-models there (without it a recursive alias, a filter
            # element, is a string forward reference that msgspec resolves in the wrong module).
            folder_mode = [
                sys.executable,
                "-m",
                "datamodel_code_generator",
                "--input",
                str(SCHEMAS / api),
                "--input-file-type",
                "jsonschema",
                "--output-model-type",
                KINDS["msgspec"],
                "--collapse-root-models",
                "--output",
                str(folder / f"{api}_folder_models"),
                "--disable-timestamp",
                "--formatters",
                "ruff-format",
            ]
            runs.append((api, "folder", subprocess.Popen(folder_mode, stderr=subprocess.PIPE)))
        for api, kind, run in runs:
            _, err = run.communicate(timeout=600)
            assert run.returncode == 0, f"{api} {kind}: {err.decode()[-3000:]}"
        sys.path.insert(0, str(folder))
        try:
            yield {
                (api, kind): getattr(
                    importlib.import_module(f"{api}_{kind}_models"), f"{api.capitalize()}Export"
                )
                for api in APIS
                for kind in KINDS
            } | {(api, "folder"): f"{api}_folder_models" for api in APIS}
        finally:
            sys.path.remove(str(folder))
            for name in [m for m in sys.modules if m.split(".")[0].endswith("_models")]:
                del sys.modules[name]


def parser(kind: str, root: Any) -> Callable[[dict[str, Any]], Any]:
    if kind == "pydantic":
        return root.model_validate  # type: ignore[no-any-return]
    return lambda data: msgspec.convert(data, type=root, strict=False)


@pytest.mark.parametrize("kind", KINDS)
def test_generated_models_parse_every_example(
    generated: dict[tuple[str, str], Any], kind: str
) -> None:
    failures = []
    parsed = 0
    for api in APIS:
        parse = parser(kind, generated[api, kind])
        for label, keys, value in cases(api):
            errors = []
            for key in keys:
                try:
                    parse({key: value})
                except (ValueError, msgspec.ValidationError) as exc:
                    errors.append(str(exc).splitlines()[0])
                else:
                    parsed += 1
                    break
            else:
                failures.append((label, errors))
    assert failures == []
    assert parsed == sum(1 for api in APIS for _ in cases(api))


def test_folder_mode_msgspec_models_all_build_decoders(
    generated: dict[tuple[str, str], Any],
) -> None:
    """Every Struct of every module generated from an API's folder builds a decoder: tagged
    unions are tagged, no enum mixes ints and strings, no forward reference is left unresolved."""
    problems = []
    structs = 0
    for api in APIS:
        package = importlib.import_module(generated[api, "folder"])
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if not (isinstance(value, type) and issubclass(value, msgspec.Struct)):
                    continue
                if value.__module__ != module.__name__:
                    continue
                structs += 1
                try:
                    msgspec.json.Decoder(value)
                except (TypeError, NameError) as exc:
                    problems.append(f"{info.name}.{name}: {exc}")
    assert problems == []
    assert structs
