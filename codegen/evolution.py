"""The `diff`, `compat` and `release` commands (see codegen.compat for the rules)."""

from __future__ import annotations

import sys
from pathlib import Path

from . import apidiff, compat
from .model import Api
from .surface import api_surface


def _diff_against_ref(apis: list[Api], spec: Path, ref: str) -> int:
    old = compat.surfaces_at_ref(ref, spec.resolve().parent, spec.name)
    for api in apis:
        new = api_surface(api)
        before = old.get(api.name)
        if before is None:
            print(f"{api.name}: not in the spec at {ref}; every operation is new")
            before = {"api": api.name, "operations": {}, "envelope": {}}
        print("\n".join(apidiff.render(apidiff.diff_surfaces(before, new))))
    return 0


def main(command: str, apis: list[Api], spec: Path, against: str | None) -> int:
    if command == "diff" and against:
        try:
            return _diff_against_ref(apis, spec, against)
        except compat.RefError as exc:
            print(f"diff: {exc}", file=sys.stderr)
            return 2
    failures = 0
    for api in apis:
        release = compat.release_of(api, spec)
        if command == "release" and release.unacknowledged():
            for change in release.unacknowledged():
                print(compat.gate_message(release, change), file=sys.stderr)
            print(f"{api.name}: not recorded: acknowledge the breaking changes first")
            failures += 1
            continue
        if command == "release":
            compat.record_release(release).write()
            print(f"{api.name}: recorded release {release.version} in {release.baseline_path}")
            continue
        if release.diff is None:
            print(f"{api.name}: no release baseline ({release.baseline_path})")
            print("  record one with `python -m codegen release`")
            failures += command == "compat"
            continue
        print("\n".join(apidiff.render(release.diff)))
        before = release.baseline.version if release.baseline else "-"
        print(f"  version {before} -> {release.version}")
        if command == "compat":
            for note in release.stale_acks():
                print(f"note: {note}")
            for change in release.unacknowledged():
                print(compat.gate_message(release, change), file=sys.stderr)
                failures += 1
    if failures:
        print(f"compat: {failures} problem(s): see above", file=sys.stderr)
        return 1
    return 0
