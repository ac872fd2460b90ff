"""The generated packages have no branch that can never run, and the finder finds such branches."""

from __future__ import annotations

from pathlib import Path

from unreachable import find_dead_branches

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated" / "python"


def _dead_in(tmp_path: Path, source: str) -> list[str]:
    path = tmp_path / "sample.py"
    path.write_text(source, encoding="utf-8")
    return [f"{d.line} {d.what}" for d in find_dead_branches(path)]


def test_the_generated_tree_has_no_unreachable_branch() -> None:
    files = sorted(GENERATED.rglob("*.py"))
    assert files
    dead = [str(d) for path in files for d in find_dead_branches(path)]
    assert dead == [], "\n".join(dead[:20])


def test_a_test_under_its_negation_is_found(tmp_path: Path) -> None:
    source = (
        "def f(x0, issues):\n"
        "    if type(x0) is str:\n"
        "        if type(x0) is not str:\n"
        "            issues.append(1)\n"
        "    elif x0 is None:\n"
        "        if x0 is not None:\n"
        "            issues.append(2)\n"
    )
    assert _dead_in(tmp_path, source) == ["3 body", "6 body"]


def test_a_negated_conjunction_and_a_repeated_test_are_found(tmp_path: Path) -> None:
    source = (
        "def f(v):\n"
        "    if v in (0, 1) and type(v) is not bool:\n"
        "        if v not in (0, 1) or type(v) is bool:\n"
        "            return 1\n"
        "        if type(v) is not bool:\n"
        "            return 2\n"
        "        else:\n"
        "            return 3\n"
    )
    assert _dead_in(tmp_path, source) == ["3 body", "5 else"]


def test_a_reassigned_name_forgets_what_was_known(tmp_path: Path) -> None:
    source = (
        "def f(d):\n"
        "    v = d['a']\n"
        "    if v is None:\n"
        "        v = d['b']\n"
        "        if v is not None:\n"
        "            return v\n"
        "    for x0 in d:\n"
        "        if type(x0) is str:\n"
        "            for x0 in d.values():\n"
        "                if type(x0) is not str:\n"
        "                    return x0\n"
    )
    assert _dead_in(tmp_path, source) == []
