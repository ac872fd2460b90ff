"""The emulator's limits on what one request may make it read.

The document states no limits; these are the emulator's own, set so that a hostile or mistaken
request costs bounded memory and time. Each breach is answered with an API error naming the
limit (`error/request/too_large` for the body, `error/import/too_large` for import data).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

MIB = 1 << 20


class LimitExceeded(Exception):
    """Reading the data would break a limit; the message names it."""


@dataclass(frozen=True)
class Limits:
    """Args:
    body_bytes: the HTTP request body (the form with its `request` JSON).
    unpacked_bytes: everything read out of one zip archive (a zipped CSV or an XLSX).
    rows, columns: the table of one import's data.
    cell_chars: one cell of import data (at most what the csv module reads in a field).
    """

    body_bytes: int = 16 * MIB
    unpacked_bytes: int = 32 * MIB
    rows: int = 100_000
    columns: int = 1024
    cell_chars: int = 64 * 1024

    def __post_init__(self) -> None:
        for name in ("body_bytes", "unpacked_bytes", "rows", "columns", "cell_chars"):
            if getattr(self, name) < 1:
                raise ValueError(f"Limits.{name} must be at least 1")
        if self.cell_chars > csv.field_size_limit():
            raise ValueError(
                f"Limits.cell_chars must be at most {csv.field_size_limit()}"
                " (the csv module's field size limit)"
            )


DEFAULT_LIMITS = Limits()
