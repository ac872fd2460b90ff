"""`python -m codegen generate|check|lint|diff|compat|release`.

generate  regenerate generated/ from spec/ and templates/
check     regenerate into a temporary folder and fail, with a diff, on any difference
lint      check the spec only (meta-schema and references), write nothing
diff      print every change to the public surface since --against REF (a git ref; default:
          the recorded release baseline), per operation, classified, with the Python API change
compat    the diff against the release baseline (spec/<api>/compat-baseline.json); fails on a
          breaking change that no `breaking:` entry of the spec acknowledges
release   record the working tree as the new release baseline (version, surface, changelog)
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import sys
import tempfile
from pathlib import Path

from . import evolution
from .build import build_api
from .errors import SpecError
from .loader import load_tree
from .model import Api
from .python.naming import assign_names
from .render import ROOT, OutputError, render_all


def load_apis(spec: Path) -> list[Api]:
    tree = load_tree(spec)
    apis: list[Api] = []
    problems = []
    for _name, files in sorted(tree.items()):
        try:
            apis.append(build_api(files, naming=assign_names))
        except SpecError as exc:
            problems.extend(exc.problems)
    if problems:
        raise SpecError(problems)
    return apis


def _outputs(root: Path) -> set[Path]:
    """Generated files below root, not artefacts (egg-info of editable installs, tool caches)."""
    found = set()
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if path.is_file() and not any(
            part in ("__pycache__", "build") or part.endswith(".egg-info") or part.startswith(".")
            for part in rel.parts
        ):
            found.add(rel)
    return found


def diff_trees(expected: Path, actual: Path, limit: int = 200) -> list[str]:
    """Readable differences between two trees: missing, extra and changed files (unified diff)."""
    out: list[str] = []
    exp = _outputs(expected)
    act = _outputs(actual)
    for rel in sorted(exp - act):
        out.append(f"only in the spec's output (not committed): {rel}")
    for rel in sorted(act - exp):
        out.append(f"committed but no longer generated: {rel}")
    for rel in sorted(exp & act):
        if not filecmp.cmp(expected / rel, actual / rel, shallow=False):
            a = (actual / rel).read_text(encoding="utf-8").splitlines()
            b = (expected / rel).read_text(encoding="utf-8").splitlines()
            lines = list(
                difflib.unified_diff(a, b, f"committed/{rel}", f"from-spec/{rel}", lineterm="", n=2)
            )
            out.extend(lines[:limit])
            if len(lines) > limit:
                out.append(f"... {len(lines) - limit} more diff lines in {rel}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m codegen",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "command", choices=["generate", "check", "lint", "diff", "compat", "release"]
    )
    parser.add_argument("--spec", type=Path, default=ROOT / "spec")
    parser.add_argument("--out", type=Path, default=ROOT / "generated")
    parser.add_argument("--against", metavar="REF", help="diff: the git ref to compare with")
    args = parser.parse_args(argv)
    try:
        apis = load_apis(args.spec)
    except SpecError as exc:
        print(f"spec error(s): {len(exc.problems)}", file=sys.stderr)
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    if args.command in ("diff", "compat", "release"):
        return evolution.main(args.command, apis, args.spec, args.against)
    if args.command == "lint":
        print(f"spec ok: {', '.join(f'{a.name} ({len(a.operations)} operations)' for a in apis)}")
        return 0
    if args.command == "generate":
        try:
            render_all(apis, args.out)
        except OutputError as exc:
            print(f"generate: {exc}", file=sys.stderr)
            return 2
        print(
            f"generated {args.out}: "
            + ", ".join(f"{a.name} ({len(a.operations)} operations)" for a in apis)
        )
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated"
        render_all(apis, fresh)
        differences = diff_trees(fresh, args.out)
    if differences:
        print("generated/ differs from what spec/ and templates/ produce:", file=sys.stderr)
        print("\n".join(differences), file=sys.stderr)
        print("Run `make generate`, review the diff, and commit it.", file=sys.stderr)
        return 1
    print("generated/ matches the spec and templates")
    return 0
