"""Releases: the recorded baseline, the compatibility gate, package versions and changelogs.

`spec/<api>/compat-baseline.json` records the last release: its package version, its spec
version, its public surface (codegen.surface) and the changelog entries of earlier releases.
The working tree is compared with it:

- the gate (`make compat`) fails on a breaking change the spec does not acknowledge with a
  `breaking:` entry (in api.yaml, or in the layer that makes the change);
- the package version is the baseline's, bumped by the strongest kind of change (semver:
  breaking -> major, additive -> minor, documentation -> patch);
- CHANGELOG.md lists the changes of this version, then the recorded ones.

A committed snapshot, not a git ref, so that a shallow clone (CI) checks the same thing.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import apidiff
from .build import build_api
from .errors import SpecError
from .loader import load_texts
from .model import Api
from .python.naming import assign_names
from .surface import api_surface

BASELINE = "compat-baseline.json"
BUMP = {apidiff.BREAKING: 0, apidiff.ADDITIVE: 1, apidiff.DOCUMENTATION: 2}


class RefError(Exception):
    """The spec at a git ref cannot be read."""


def surfaces_at_ref(ref: str, repo: Path, spec: str = "spec") -> dict[str, dict[str, Any]]:
    """The public surface of every API of the spec at a git ref (git show, no checkout)."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RefError(f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
        return done.stdout

    try:
        git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except RefError:
        raise RefError(
            f"{ref!r} is not a commit of the repository at {repo}"
            " (a shallow clone may lack it: `make compat` uses the recorded baseline instead)"
        ) from None
    names = git("ls-tree", "-r", "--name-only", ref, "--", spec).splitlines()
    texts = {
        name: git("show", f"{ref}:{name}")
        for name in names
        if name.endswith(".yaml") and "/meta/" not in name
    }
    out = {}
    for files in load_texts(texts).values():
        try:
            api = build_api(files, naming=assign_names)
        except SpecError as exc:
            raise RefError(f"the spec at {ref} does not load:\n{exc}") from None
        out[api.name] = api_surface(api)
    return out


@dataclass
class Baseline:
    path: Path
    version: str
    surface: dict[str, Any]
    history: list[dict[str, Any]]  # [{version, spec_version, changes: {category: [lines]}}]

    @classmethod
    def read(cls, path: Path) -> Baseline | None:
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(path, data["version"], data["surface"], data.get("history", []))

    def write(self) -> None:
        data = {"version": self.version, "history": self.history, "surface": self.surface}
        text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        self.path.write_text(text, encoding="utf-8")


def bump(version: str, kind: str | None) -> str:
    """Semver: breaking -> major, additive -> minor, documentation -> patch, nothing -> same."""
    if kind is None:
        return version
    parts = [int(p) for p in version.split(".")]
    at = BUMP[kind]
    parts[at] += 1
    return ".".join(str(p if i <= at else 0) for i, p in enumerate(parts))


@dataclass
class Release:
    """What the working tree is, compared with the recorded baseline of one API."""

    api: Api
    surface: dict[str, Any]
    baseline_path: Path
    baseline: Baseline | None
    diff: apidiff.ApiDiff | None

    @property
    def version(self) -> str:
        if self.baseline is None:
            return "0.1.0"
        return bump(self.baseline.version, self.diff.kind if self.diff else None)

    def unacknowledged(self) -> list[apidiff.Change]:
        acks = {(a.operation, a.change) for a in self.api.breaking}
        found = self.diff.of(apidiff.BREAKING) if self.diff else []
        return [c for c in found if (c.operation, c.change) not in acks]

    def stale_acks(self) -> list[str]:
        found = {(c.operation, c.change) for c in self.diff.changes} if self.diff else set()
        return [
            f"{a.loc}: `breaking:` entry {a.operation}: {a.change} matches no change"
            " against the baseline (released already?): remove it"
            for a in self.api.breaking
            if (a.operation, a.change) not in found
        ]


def release_of(api: Api, spec: Path) -> Release:
    surface = api_surface(api)
    path = spec / api.name / BASELINE
    baseline = Baseline.read(path)
    diff = apidiff.diff_surfaces(baseline.surface, surface) if baseline else None
    return Release(api, surface, path, baseline, diff)


def changelog_entry(diff: apidiff.ApiDiff) -> dict[str, list[str]]:
    """{category: ["`issue.send`: request param letter: added (...)", ...]}."""
    out: dict[str, list[str]] = {}
    for c in diff.changes:
        out.setdefault(c.category, []).append(f"`{c.operation}`: {c.where}: {c.what}")
    return out


def changelog(release: Release) -> str:
    title = release.api.title.en
    lines = [f"# Changelog of {release.api.distribution}", "", f"The {title} package."]
    lines.append("Generated from the spec's diff with each release (`python -m codegen diff`).")
    entries: list[dict[str, Any]] = []
    if release.diff is not None and release.diff.changes:
        entries.append(
            {
                "version": release.version,
                "spec_version": release.api.spec_version,
                "changes": changelog_entry(release.diff),
            }
        )
    if release.baseline is not None:
        entries += list(reversed(release.baseline.history))
    for entry in entries:
        lines += ["", f"## {entry['version']} (spec {entry['spec_version']})"]
        changes = entry["changes"]
        if not changes:
            lines += ["", "First release."]
        for category in apidiff.ORDER:
            if changes.get(category):
                lines += ["", f"### {category.capitalize()}", ""]
                lines += [f"- {item}" for item in changes[category]]
    return "\n".join(lines) + "\n"


def gate_message(release: Release, change: apidiff.Change) -> str:
    where = f"spec/{release.api.name}/api.yaml (or the layer that makes the change)"
    return (
        f"breaking change not acknowledged: {change.operation}: {change.change}\n"
        f"  Restore what users relied on, or acknowledge it in {where}:\n"
        "    breaking:\n"
        f"      - operation: {json.dumps(change.operation)}\n"
        f"        change: {json.dumps(change.change, ensure_ascii=False)}\n"
        "        reason: {en: why users must change their code, and how}"
    )


def record_release(release: Release) -> Baseline:
    """The baseline after releasing the working tree: its surface, version and changelog."""
    history = list(release.baseline.history) if release.baseline else []
    if release.baseline is None or (release.diff and release.diff.changes):
        history.append(
            {
                "version": release.version,
                "spec_version": release.api.spec_version,
                "changes": changelog_entry(release.diff) if release.diff else {},
            }
        )
    return Baseline(release.baseline_path, release.version, release.surface, history)
