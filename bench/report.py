"""Markdown of the results: the machine, one table per dataset, and the issue's targets."""

from __future__ import annotations

import datetime
import os
import platform
from dataclasses import dataclass

from bench.thirdparty import version

PACKAGES = [
    "httpx",
    "attrs",
    "orjson",
    "pydantic",
    "msgspec",
    "datamodel-code-generator",
    "jsonschema",
    "fastjsonschema",
]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(
                (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
                cpu,
            )
    except OSError:
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as info:
            kb = int(next(line for line in info if line.startswith("MemTotal")).split()[1])
        memory = f", {kb / 2**20:.0f} GiB memory"
    except (OSError, StopIteration, ValueError):
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f"; load average at the start {os.getloadavg()[0]:.2f}"
    versions = ", ".join(f"{name} {version(name)}" for name in PACKAGES)
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()};"
        f" Python {platform.python_version()}{load}.\n\nPackages: {versions}."
    )


def today() -> str:
    return datetime.date.today().isoformat()


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]

    def markdown(self) -> str:
        lines = ["| " + " | ".join(self.header) + " |", "|" + "---|" * len(self.header)]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join(lines)


def yes_no(value: bool | None) -> str:
    return "n/a" if value is None else ("yes" if value else "**no**")
