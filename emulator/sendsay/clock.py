"""Date-times as the Sendsay wire writes them ("YYYY-MM-DD hh:mm:ss", local time)."""

from __future__ import annotations

import datetime

WIRE_FORMAT = "%Y-%m-%d %H:%M:%S"


def now() -> datetime.datetime:
    return datetime.datetime.now().replace(microsecond=0)


def to_wire(moment: datetime.datetime) -> str:
    return moment.strftime(WIRE_FORMAT)


def from_wire(text: str) -> datetime.datetime:
    return datetime.datetime.strptime(text, WIRE_FORMAT)


def stamp(moment: datetime.datetime) -> str:
    """Compact form for generated names: YYYYMMDDhhmmss."""
    return moment.strftime("%Y%m%d%H%M%S")
