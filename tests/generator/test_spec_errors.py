"""A broken spec ends with `file:line: what is wrong` and exit code 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

API = """\
kind: api
api: tiny
title: {en: Tiny API}
version: "1"
source: none.txt
protocol: sendsay
base_url: https://example.com/api
python: {package: tiny_api, distribution: tiny-api, client: Tiny}
"""

SECTION = """\
kind: section
section: things
title: {en: Things}
operations:
  thing.get:
    summary: {en: Get a thing}
    auth: session
    mode: sync
    retry: {safe: true, reason: {en: Reads.}}
    params:
      id: {type: string, required: true, description: {en: Id.}}
    responses:
      - name: ok
        fields:
          obj: {type: THING_TYPE, required: true}
"""


def _with_thing(extra: str) -> str:
    """The section with an object type `Thing` (fields a, b) that the answer holds."""
    thing = "types:\n  Thing:\n    description: {en: A thing.}\n" + extra
    thing += "    fields:\n      a: {type: string}\n      b: {type: string}\n"
    return SECTION.replace("THING_TYPE", "Thing").replace("operations:\n", thing + "operations:\n")


CASES = {
    "bad type name": (
        SECTION.replace("THING_TYPE", '"lst[string]"'),
        "things.yaml:15: unexpected '[string]' in type expression 'lst[string]':"
        " only list[T] and map[T]",
    ),
    "dangling reference": (
        SECTION.replace("THING_TYPE", "Thing"),
        "things.yaml:15: unknown type 'Thing': define it under `types:`",
    ),
    "unknown key": (
        SECTION.replace("mode: sync", "mode: sync\n    colour: red").replace(
            "THING_TYPE", "string"
        ),
        "things.yaml:9: operations/thing.get/colour: unknown key 'colour'",
    ),
    "duplicate action": (
        SECTION.replace("THING_TYPE", "string")
        + SECTION.replace("THING_TYPE", "string").split("operations:\n")[1],
        "things.yaml:",
    ),
    "alias": (
        SECTION.replace("THING_TYPE", "string").replace(
            "summary: {en: Get a thing}", "summary: &s {en: Get a thing}\n    description: *s"
        ),
        "aliases (*name) are not allowed",
    ),
    "tag": (
        SECTION.replace("THING_TYPE", "!!python/name:os.system string"),
        "YAML tags are not allowed",
    ),
    "unless on an unsafe operation": (
        SECTION.replace("THING_TYPE", "string").replace(
            "retry: {safe: true,", "retry: {safe: false, unless: 'id is present',"
        ),
        "things.yaml:9: `unless` narrows a safe operation; it makes no sense with `safe: false`",
    ),
    "unless names an unknown parameter": (
        SECTION.replace("THING_TYPE", "string").replace(
            "retry: {safe: true,", "retry: {safe: true, unless: 'colour is present',"
        ),
        "things.yaml:9: condition names unknown parameter 'colour'",
    ),
    "no retry mark": (
        SECTION.replace("THING_TYPE", "string").replace(
            "    retry: {safe: true, reason: {en: Reads.}}\n", ""
        ),
        "things.yaml:5: operations/thing.get: 'retry' is a required property",
    ),
    "requires names an unknown parameter": (
        SECTION.replace("THING_TYPE", "string").replace(
            "    responses:\n",
            "    requires:\n      - {when: 'id is present', params: [colour]}\n    responses:\n",
        ),
        "things.yaml:13: requires names unknown parameter 'colour'",
    ),
    "open and additional together": (
        _with_thing("    open: {en: Any key.}\n    additional: {python: more, type: string}\n"),
        "things.yaml:7: `open` and `additional` both say what else the object holds",
    ),
    "open on an object no request carries": (
        _with_thing("    open: {en: Any key.}\n"),
        "things.yaml:5: 'Thing' is marked `open` but no request carries it",
    ),
    "an object's rule names an unknown field": (
        _with_thing("    exclusive:\n      - {params: [a, colour]}\n"),
        "things.yaml:8: exclusive names unknown parameter 'colour'",
    ),
    "read_only_from an unknown type": (
        _with_thing("    read_only_from: Nothing\n"),
        "things.yaml:5: read_only_from: 'Nothing' is not an object type",
    ),
    "bad condition": (
        SECTION.replace("THING_TYPE", "string").replace(
            "      - name: ok\n", '      - name: ok\n        when: "id =="\n'
        ),
        "things.yaml:14: expected a number or a quoted string but found the end",
    ),
}


def run(spec: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "codegen", "lint", "--spec", str(spec)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_spec_is_reported_with_file_and_line(tmp_path: Path, case: str) -> None:
    section, expected = CASES[case]
    folder = tmp_path / "spec" / "tiny"
    folder.mkdir(parents=True)
    (folder / "api.yaml").write_text(API, encoding="utf-8")
    (folder / "things.yaml").write_text(section, encoding="utf-8")
    result = run(tmp_path / "spec")
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr


def test_the_real_spec_lints_clean() -> None:
    result = run(ROOT / "spec")
    assert result.returncode == 0, result.stderr
    assert "sendsay (" in result.stdout and "altcraft (" in result.stdout


def test_duplicate_yaml_keys_are_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "spec" / "tiny"
    folder.mkdir(parents=True)
    (folder / "api.yaml").write_text(API + 'version: "2"\n', encoding="utf-8")
    result = run(tmp_path / "spec")
    assert result.returncode == 2
    assert "api.yaml:" in result.stderr and "duplicate" in result.stderr.lower()


_ = textwrap


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    folder = tmp_path / "spec" / "tiny"
    folder.mkdir(parents=True)
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    lines += [
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}" + f",*{chr(97 + i)}" * 8 + "]"
        for i in range(8)
    ]
    (folder / "api.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(tmp_path / "spec")
    assert result.returncode == 2
    assert "aliases (*name) are not allowed" in result.stderr
