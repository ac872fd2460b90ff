"""The file storage (`rfs.*`): the report storage and the image storage of an account.

The report storage is flat: the files asynchronous calls write (`member.list.7.csv`, ...) at
`/<name>`; reports can be read, listed and deleted, not written. The image storage has
directories (`/` always exists); `rfs.file.put` needs the file's directory to exist, and
`rfs.dir.make` creates missing parents. `rfs.file.get` answers the content as text when it is
UTF-8 and as base64 otherwise (xlsx, zip): the document does not say how content is encoded.
Public links of images use the document's example host.
"""

from __future__ import annotations

import base64
import datetime
import posixpath
from dataclasses import dataclass, field
from typing import Any

from . import clock
from .errors import SendsayError, invalid

IMAGE_HOST = "https://image.sendsay.ru/image"


@dataclass
class StoredFile:
    data: bytes
    date: datetime.datetime = field(default_factory=clock.now)


def clean_path(path: str) -> str:
    """The absolute path (the spec's checks passed: it starts with /) without a trailing slash
    ("/" for the root)."""
    normal = posixpath.normpath(path)
    return "/" if normal in ("/", "//") else normal


def not_found(path: str) -> SendsayError:
    return SendsayError("error/rfs/not_found", path)


def content(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return base64.b64encode(data).decode("ascii")


@dataclass
class ImageStorage:
    files: dict[str, StoredFile] = field(default_factory=dict)
    dirs: set[str] = field(default_factory=lambda: {"/"})

    def url(self, login: str, path: str) -> str:
        return f"{IMAGE_HOST}/{login}{path}"

    def put(self, path: str, data: bytes) -> None:
        parent = posixpath.dirname(path)
        if parent not in self.dirs:
            raise SendsayError("error/rfs/dir_not_found", parent)
        if path in self.dirs:
            raise SendsayError("error/rfs/is_dir", path)
        self.files[path] = StoredFile(data)

    def make_dir(self, path: str) -> None:
        if path in self.files:
            raise SendsayError("error/rfs/is_file", path)
        while path not in self.dirs:
            self.dirs.add(path)
            path = posixpath.dirname(path)

    def delete_dir(self, path: str) -> None:
        if path not in self.dirs or path == "/":
            raise not_found(path) if path != "/" else invalid("the root cannot be deleted")
        if self.children(path) != ([], []):
            raise SendsayError("error/rfs/dir_not_empty", path)
        self.dirs.discard(path)

    def children(self, path: str) -> tuple[list[str], list[str]]:
        """(files, directories) directly inside `path`."""
        files = sorted(p for p in self.files if posixpath.dirname(p) == path)
        dirs = sorted(d for d in self.dirs if d != "/" and posixpath.dirname(d) == path)
        return files, dirs


def file_info(path: str, stored: StoredFile, url: str | None) -> dict[str, Any]:
    info: dict[str, Any] = {
        "name": posixpath.basename(path),
        "path": path,
        "size": len(stored.data),
        "date": clock.to_wire(stored.date),
    }
    if url is not None:
        info["url"] = url
    return info


def dir_info(path: str) -> dict[str, Any]:
    return {"name": posixpath.basename(path), "path": path}
