"""rfs.list, rfs.file.get, rfs.file.put, rfs.file.delete, rfs.dir.make, rfs.dir.delete.

Two storage areas (see storage.py): `report`, flat, holding the reports asynchronous calls
wrote (read, listed and deleted only), and `image`, with directories. `rfs.file.put` keeps the
`data` string as it was sent, so `rfs.file.get` gives it back unchanged; reports are given as
text, or as base64 when they are binary (xlsx, zip).
"""

from __future__ import annotations

import posixpath
from typing import Any

from ..call import Call, Handler
from ..guesses import guessed
from ..state import Account
from ..storage import StoredFile, clean_path, content, dir_info, file_info, not_found

REPORT = "report"


def _report_name(path: str) -> str:
    """The file name of a report path: reports lie in the root."""
    if posixpath.dirname(path) != "/":
        raise not_found(path)
    return posixpath.basename(path)


def _report(account: Account, path: str) -> StoredFile:
    name = _report_name(path)
    if name not in account.files:
        raise not_found(path)
    return StoredFile(account.files[name], account.file_dates[name])


def rfs_list(call: Call) -> dict[str, Any]:
    account = call.account
    path = clean_path(call.params["path"])
    if call.params["domain"] == REPORT:
        if path != "/":
            raise not_found(path)
        names = sorted(account.files)
        return {"file": [file_info("/" + n, _report(account, "/" + n), None) for n in names]}
    images = account.images
    if path not in images.dirs:
        raise not_found(path)
    files, dirs = images.children(path)
    login = account.login
    return {
        "file": [file_info(f, images.files[f], images.url(login, f)) for f in files],
        "dir": [dir_info(d) for d in dirs],
    }


@guessed(
    "Binary reports (xlsx, zip) are read base64-encoded, text reports as text: the"
    " document does not say how a binary file is answered."
)
def rfs_file_get(call: Call) -> dict[str, Any]:
    account = call.account
    path = clean_path(call.params["path"])
    if call.params["domain"] == REPORT:
        return {"data": content(_report(account, path).data)}
    stored = account.images.files.get(path)
    if stored is None:
        raise not_found(path)
    return {"data": content(stored.data)}


def rfs_file_put(call: Call) -> dict[str, Any]:
    account = call.account
    path = clean_path(call.params["path"])
    account.images.put(path, call.params["data"].encode("utf-8"))
    return {"url": account.images.url(account.login, path)}


def rfs_file_delete(call: Call) -> dict[str, Any]:
    account = call.account
    path = clean_path(call.params["path"])
    if call.params["domain"] == REPORT:
        _report(account, path)
        name = _report_name(path)
        del account.files[name], account.file_dates[name]
    elif account.images.files.pop(path, None) is None:
        raise not_found(path)
    return {}


def rfs_dir_make(call: Call) -> dict[str, Any]:
    account = call.account
    path = clean_path(call.params["path"])
    account.images.make_dir(path)
    return {"url": account.images.url(account.login, path)}


def rfs_dir_delete(call: Call) -> dict[str, Any]:
    call.account.images.delete_dir(clean_path(call.params["path"]))
    return {}


HANDLERS: dict[str, Handler] = {
    "rfs.list": rfs_list,
    "rfs.file.get": rfs_file_get,
    "rfs.file.put": rfs_file_put,
    "rfs.file.delete": rfs_file_delete,
    "rfs.dir.make": rfs_dir_make,
    "rfs.dir.delete": rfs_dir_delete,
}
