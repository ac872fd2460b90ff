"""Reading the files of a zip archive within a byte budget.

Every way a hostile or damaged archive fails (not a zip, truncated, corrupt data, a bad CRC,
encryption, an unsupported compression method) is one exception, `Unreadable`; unpacking more
than the budget raises `LimitExceeded` as soon as the budget is spent, whatever sizes the
archive's headers claim.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from .limits import LimitExceeded

# What zipfile raises for a damaged or unsupported archive: RuntimeError for encryption,
# NotImplementedError for a compression method, zlib.error / EOFError for corrupt or truncated
# data, BadZipFile for bad headers and CRCs, OSError, ValueError and KeyError for the rest.
_FAILURES = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    RuntimeError,
    NotImplementedError,
    EOFError,
    OSError,
    ValueError,
    KeyError,
    zlib.error,
)


class Unreadable(ValueError):
    """The archive, or a file in it, cannot be read."""


class Archive:
    """A zip archive from bytes; `read` unpacks a file, counting against `budget` bytes."""

    def __init__(self, data: bytes, budget: int) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = self._zip.namelist()
        except _FAILURES as exc:
            raise Unreadable(f"the zip archive cannot be read: {exc}") from None
        self.budget = self.left = budget

    def read(self, name: str) -> bytes:
        try:
            info = self._zip.getinfo(name)
            if info.file_size <= self.left:
                with self._zip.open(info) as unpacked:
                    data = unpacked.read(self.left + 1)
        except _FAILURES as exc:
            raise Unreadable(f"{name} in the zip archive cannot be read: {exc}") from None
        if info.file_size > self.left or len(data) > self.left:
            raise LimitExceeded(f"the zip archive unpacks to more than {self.budget} bytes")
        self.left -= len(data)
        return data
