"""Spec errors: every problem names the place (file:line) and says what was expected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Loc:
    """A place in a spec file (1-based line)."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, order=True)
class Problem:
    loc: Loc
    message: str

    def __str__(self) -> str:
        return f"{self.loc}: {self.message}"


class SpecError(Exception):
    """One or more problems in the spec; the generator stops before rendering anything."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def raise_any(cls, problems: list[Problem]) -> None:
        if problems:
            raise cls(problems)


class Collector:
    """Collects problems so that a run reports all of them at once, not just the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, loc: Loc, message: str) -> None:
        self.problems.append(Problem(loc, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise SpecError(self.problems)
