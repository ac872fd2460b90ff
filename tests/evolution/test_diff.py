"""The API diff: every change to the public surface, classified; the compat gate over it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from evolution.specs import API, SECTION, load, write_spec

from codegen import apidiff
from codegen.cli import main
from codegen.surface import api_surface


def changes(tmp_path: Path, before: str, after: str) -> list[tuple[str, str, str]]:
    old = api_surface(load(tmp_path / "a", {"api.yaml": API, "things.yaml": before}))
    new = api_surface(load(tmp_path / "b", {"api.yaml": API, "things.yaml": after}))
    diff = apidiff.diff_surfaces(old, new)
    return [(c.operation, c.change, c.category) for c in diff.changes]


GET_PARAMS = "      id: {type: string, required: true, description: {en: Id.}}\n"
BREAKING = {
    "operation removed": (
        SECTION[: SECTION.index("  thing.delete:")],
        ("thing.delete", "operation: removed (client.thing.delete())"),
    ),
    "parameter removed": (
        SECTION.replace(
            "      mode: {type: string, enum: [fast, slow], description: {en: Mode.}}\n", ""
        ),
        ("thing.get", "request param mode: removed"),
    ),
    "parameter newly required": (
        SECTION.replace("colour: {type: Colour,", "colour: {type: Colour, required: true,"),
        ("thing.get", "request param colour: newly required"),
    ),
    "required parameter added": (
        SECTION.replace(GET_PARAMS, GET_PARAMS + "      kind: {type: string, required: true}\n"),
        ("thing.get", "request param kind: added (required, string)"),
    ),
    "request type narrowed": (
        SECTION.replace("size: {type: int | string,", "size: {type: int,"),
        ("thing.get", "request param size: type narrowed from int | string to int"),
    ),
    "request enum value removed": (
        SECTION.replace("enum: [fast, slow]", "enum: [fast]"),
        ("thing.get", "request param mode: enum values removed: 'slow'"),
    ),
    "enum type value removed": (
        SECTION.replace("enum: [red, green]", "enum: [red]"),
        ("thing.get", "request param colour: enum values removed: 'green'"),
    ),
    "answer field removed": (
        SECTION.replace("          weight: {type: int, description: {en: Weight.}}\n", ""),
        ("thing.get", "response ok field weight: removed"),
    ),
    "answer type widened": (
        SECTION.replace("weight: {type: int,", "weight: {type: int | string,"),
        ("thing.get", "response ok field weight: type widened from int to int | string"),
    ),
    "variant removed": (
        SECTION.replace(
            "      - name: ok\n        fields:\n          name:",
            "      - name: found\n        fields:\n          name:",
        ),
        ("thing.get", "response ok: variant removed"),
    ),
}


@pytest.mark.parametrize("case", BREAKING, ids=list(BREAKING))
def test_breaking_changes(tmp_path: Path, case: str) -> None:
    after, (op, change) = BREAKING[case]
    assert (op, change, apidiff.BREAKING) in changes(tmp_path, SECTION, after)


ADDITIVE = {
    "optional parameter added": (
        SECTION.replace(GET_PARAMS, GET_PARAMS + "      kind: {type: string}\n"),
        ("thing.get", "request param kind: added (optional, string)"),
    ),
    "request type widened": (
        SECTION.replace("size: {type: int | string,", "size: {type: int | string | null,"),
        ("thing.get", "request param size: type widened from int | string to int | string | null"),
    ),
    "request enum value added": (
        SECTION.replace("enum: [fast, slow]", "enum: [fast, slow, eco]"),
        ("thing.get", "request param mode: enum values added: 'eco'"),
    ),
    "parameter no longer required": (
        SECTION.replace(GET_PARAMS, GET_PARAMS.replace("required: true, ", "")),
        ("thing.get", "request param id: now optional"),
    ),
    "answer field added": (
        SECTION.replace("          weight:", "          height: {type: int}\n          weight:"),
        ("thing.get", "response ok field height: added (optional, int)"),
    ),
    "deprecation": (
        SECTION.replace(
            "colour: {type: Colour, description: {en: Colour.}}",
            "colour: {type: Colour, description: {en: Colour.},"
            ' deprecated: {since: "1.1", use: mode, message: {en: Use mode.}}}',
        ),
        ("thing.get", "request param colour: deprecated since 1.1, use mode"),
    ),
}


@pytest.mark.parametrize("case", ADDITIVE, ids=list(ADDITIVE))
def test_additive_changes(tmp_path: Path, case: str) -> None:
    after, (op, change) = ADDITIVE[case]
    found = changes(tmp_path, SECTION, after)
    assert (op, change, apidiff.ADDITIVE) in found
    assert [c for c in found if c[2] == apidiff.BREAKING] == []


def test_documentation_changes(tmp_path: Path) -> None:
    after = SECTION.replace("{en: Get a thing}", "{en: Get one thing}").replace(
        "{en: Weight.}", "{en: Weight in grams.}"
    )
    assert changes(tmp_path, SECTION, after) == [
        ("thing.get", "operation: summary changed", apidiff.DOCUMENTATION),
        ("thing.get", "response ok field weight: description changed", apidiff.DOCUMENTATION),
    ]


def test_nothing_changed(tmp_path: Path) -> None:
    assert changes(tmp_path, SECTION, SECTION) == []


def test_the_python_api_change_is_shown(tmp_path: Path) -> None:
    after = SECTION.replace(GET_PARAMS, GET_PARAMS + "      kind: {type: string}\n")
    old = api_surface(load(tmp_path / "a", {"api.yaml": API, "things.yaml": SECTION}))
    new = api_surface(load(tmp_path / "b", {"api.yaml": API, "things.yaml": after}))
    text = "\n".join(apidiff.render(apidiff.diff_surfaces(old, new)))
    assert "  thing.get\n" in text
    assert "    additive      request param kind: added (optional, string)" in text
    assert "    python        + kind: str | None = None" in text
    assert "0 breaking, 1 additive, 0 documentation" in text


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_compat_fails_on_an_unacknowledged_breaking_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_spec(tmp_path, {"api.yaml": API, "things.yaml": SECTION})
    assert run(["release", "--spec", str(spec)], capsys)[0] == 0
    assert (spec / "tiny" / "compat-baseline.json").exists()
    assert run(["compat", "--spec", str(spec)], capsys)[0] == 0
    write_spec(tmp_path, {"things.yaml": BREAKING["parameter removed"][0]})
    code, out, err = run(["compat", "--spec", str(spec)], capsys)
    assert code == 1
    assert "breaking      request param mode: removed" in out
    assert "breaking change not acknowledged: thing.get: request param mode: removed" in err
    assert 'change: "request param mode: removed"' in err and "spec/tiny/api.yaml" in err
    # the release refuses it too: nothing is recorded while the gate fails
    assert run(["release", "--spec", str(spec)], capsys)[0] == 1
    ack = (
        API + 'breaking:\n  - operation: thing.get\n    change: "request param mode: removed"\n'
        "    reason: {en: The server ignores it.}\n"
    )
    write_spec(tmp_path, {"api.yaml": ack})
    code, out, err = run(["compat", "--spec", str(spec)], capsys)
    assert (code, err) == (0, "")
    assert "version 0.1.0 -> 1.0.0" in out


def test_diff_against_a_git_ref(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = write_spec(tmp_path, {"api.yaml": API, "things.yaml": SECTION})

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", "spec")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base")
    write_spec(tmp_path, {"things.yaml": ADDITIVE["optional parameter added"][0]})
    code, out, _ = run(["diff", "--against", "HEAD", "--spec", str(spec)], capsys)
    assert code == 0
    assert "additive      request param kind: added (optional, string)" in out
    code, _, err = run(["diff", "--against", "no-such-ref", "--spec", str(spec)], capsys)
    assert code == 2 and "no-such-ref" in err
