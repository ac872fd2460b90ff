"""Hostile `users.list` data for member.import(.probe): each is refused with the API's own error
(never HTTP 500, never an exception out of `handle`), within loose time and memory bounds."""

from __future__ import annotations

import io
import json
import struct
import threading
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from adversarial.emulator_calls import URL, api_errors, login, post

from emulator import SendsayEmulator, serve
from emulator.limits import DEFAULT_LIMITS, Limits
from emulator.sendsay import users_list
from emulator.xlsx import workbook

MIB = 1 << 20
SECONDS = 5.0  # generous: the slowest of these takes well under a second
PEAK = 64 * MIB  # generous: the data themselves are at most a few MiB
# Limits small enough that the rows, columns and cells of the data below stay cheap to make.
SMALL = Limits(rows=1000, columns=64, cell_chars=1000)
NAMESPACE = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def zipped(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def as_text(data: bytes) -> str:
    """Binary data in a JSON string: one character per byte, as the emulator reads it."""
    return data.decode("latin-1")


def encrypted_zip() -> bytes:
    data = bytearray(zipped({"a.csv": b"member.email\na@example.org\n"}))
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.index(signature)
        (flags,) = struct.unpack_from("<H", data, start + flags_at)
        struct.pack_into("<H", data, start + flags_at, flags | 0x1)
    return bytes(data)


def unsupported_method_zip() -> bytes:
    data = bytearray(zipped({"a.csv": b"member.email\na@example.org\n"}, zipfile.ZIP_STORED))
    for signature, method_at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        struct.pack_into("<H", data, data.index(signature) + method_at, 99)
    return bytes(data)


def corrupt_zip() -> bytes:
    data = bytearray(zipped({"a.csv": b"member.email\n" + b"a@example.org\n" * 2000}))
    middle = data.index(b"PK\x01\x02") // 2
    data[middle : middle + 16] = b"\xff" * 16
    return bytes(data)


def sheet(cells: str, shared: str | None = None) -> bytes:
    """An xlsx archive whose first sheet's data is `cells` (made from a real workbook)."""
    source = zipfile.ZipFile(io.BytesIO(workbook([["member.email"], ["a@example.org"]])))
    files = {name: source.read(name) for name in source.namelist()}
    files["xl/worksheets/sheet1.xml"] = (
        f"<worksheet {NAMESPACE}><sheetData>{cells}</sheetData></worksheet>"
    ).encode()
    if shared is not None:
        files["xl/sharedStrings.xml"] = f"<sst {NAMESPACE}>{shared}</sst>".encode()
    return zipped(files)


def bomb(size: int, name: str = "a.csv") -> bytes:
    """A small zip whose one file unpacks to `size` bytes."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as target,
    ):
        target.write(b"member.email\n")
        chunk = b"a" * MIB
        for _ in range(size // MIB):
            target.write(chunk)
    return buffer.getvalue()


def xlsx_bomb(size: int) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(workbook([["member.email"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, source.read(name))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as target:
            target.write(f"<worksheet {NAMESPACE}><sheetData>".encode())
            row = b"<row><c><v>1</v></c></row>" * 40_000
            for _ in range(size // len(row)):
                target.write(row)
            target.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


HOSTILE: dict[str, Callable[[], str]] = {
    "csv-cell-over-128KiB": lambda: "member.email\n" + "a" * 140_000 + "@example.org\n",
    "csv-cell-quoted-over-128KiB": lambda: 'member.email\n"' + "a" * 200_000 + '"\n',
    "encrypted-zip": lambda: as_text(encrypted_zip()),
    "corrupt-zip": lambda: as_text(corrupt_zip()),
    "unsupported-compression": lambda: as_text(unsupported_method_zip()),
    "truncated-zip": lambda: as_text(zipped({"a.csv": b"member.email\n" * 100})[:60]),
    "empty-zip": lambda: as_text(zipped({})),
    "xlsx-bad-shared-string-index": lambda: as_text(
        sheet('<row><c t="s"><v>7</v></c></row>', "<si><t>member.email</t></si>")
    ),
    "xlsx-shared-string-not-a-number": lambda: as_text(sheet('<row><c t="s"><v>x</v></c></row>')),
    "xlsx-huge-column": lambda: as_text(
        sheet('<row><c r="ZZZZZZZZ1" t="inlineStr"><is><t>member.email</t></is></c></row>')
    ),
    "xlsx-bad-xml": lambda: as_text(sheet("<row><c>")),
    "xlsx-entity-expansion": lambda: as_text(
        zipped(
            {
                "xl/workbook.xml": (
                    b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
                    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w>&b;</w>'
                )
            }
        )
    ),
    "zip-bomb": lambda: as_text(bomb(2 * DEFAULT_LIMITS.unpacked_bytes)),
    "xlsx-bomb": lambda: as_text(xlsx_bomb(2 * DEFAULT_LIMITS.unpacked_bytes)),
    "too-many-rows": lambda: "member.email\n" + "a@example.org\n" * (SMALL.rows + 1),
    "too-many-rows-xlsx": lambda: as_text(workbook([["member.email"]] * (SMALL.rows + 2))),
    "too-many-columns": lambda: "member.email," + ",".join(["x"] * SMALL.columns) + "\n",
    "cell-over-the-limit": lambda: "member.email\n" + "a" * (SMALL.cell_chars + 1) + "\n",
    "xlsx-cell-over-the-limit": lambda: as_text(
        workbook([["member.email"], ["a" * (SMALL.cell_chars + 1)]])
    ),
}


def bounded(call: Callable[[], httpx.Response]) -> httpx.Response:
    tracemalloc.start()
    started = time.monotonic()
    try:
        response = call()
        seconds = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seconds < SECONDS and peak < PEAK, (seconds, peak / MIB)
    return response


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_import_data_is_an_api_error(name: str) -> None:
    users_list = HOSTILE[name]()
    emulator = SendsayEmulator(limits=SMALL if "bomb" not in name else DEFAULT_LIMITS)
    session = login(emulator)
    base = {"session": session, "users.list": users_list}
    probe = bounded(lambda: post(emulator, {"action": "member.import.probe", **base}))
    assert probe.status_code == 200, probe.text[:500]
    answer = probe.json()
    assert answer["cannot_import"] == 1, str(answer)[:500]
    assert all(w["id"].startswith("error/import/") for w in answer["warnings"]), answer["warnings"]
    started = bounded(
        lambda: post(emulator, {"action": "member.import", "if_exists": "overwrite", **base})
    )
    assert started.status_code == 200
    ids = {error["id"] for error in api_errors(started)}
    assert ids <= {"error/import/data", "error/import/too_large"}, ids


def test_hostile_import_data_over_loopback_is_never_http_500() -> None:
    with serve() as server, httpx.Client(trust_env=False, timeout=30) as http:
        emulator = server.sendsay
        session = login(emulator)
        for name in ("encrypted-zip", "corrupt-zip", "xlsx-huge-column", "csv-cell-over-128KiB"):
            body = {"action": "member.import.probe", "session": session}
            body["users.list"] = HOSTILE[name]()
            form = {"apiversion": "100", "json": "1", "request": json.dumps(body)}
            answer = http.post(server.sendsay_url, data=form)
            assert answer.status_code == 200 and answer.json()["cannot_import"] == 1, name


def records_each_with_another_key(count: int) -> list[dict[str, Any]]:
    return [{"member": {"email": f"u{n}@example.org", f"extra{n}": "x"}} for n in range(count)]


def test_records_with_many_keys_are_read_in_linear_time() -> None:
    """A probe whose records each carry another key: no N x N table."""
    emulator = SendsayEmulator()
    session = login(emulator)
    body = {"action": "member.import.probe", "session": session}
    answer = bounded(
        lambda: post(emulator, {**body, "users.list": records_each_with_another_key(5000)})
    ).json()
    assert answer["cannot_import"] == 1
    assert [w["id"] for w in answer["warnings"]] == ["error/import/too_large"]
    small = bounded(
        lambda: post(emulator, {**body, "users.list": records_each_with_another_key(1000)})
    ).json()
    assert len(small["caption"]) == 1001 and len(small["rows"]) == 15


def test_a_50_mib_body_is_refused_with_an_api_error() -> None:
    emulator = SendsayEmulator()
    session = login(emulator)
    content = json.dumps({"action": "ping", "session": session, "pad": "x" * (50 * MIB)})
    body = b"apiversion=100&json=1&request=" + content.encode()
    response = bounded(lambda: emulator.handle(httpx.Request("POST", URL, content=body)))
    assert response.status_code == 413
    assert [e["id"] for e in api_errors(response)] == ["error/request/too_large"]


def test_import_data_is_read_without_the_emulator_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a CSV or zip needs nothing of the state: other accounts' calls do not wait."""
    emulator = SendsayEmulator()
    session = login(emulator)
    held: list[bool] = []
    read_csv = users_list._from_csv

    def observed(*args: Any) -> users_list.RawTable:
        def probe() -> None:
            free = emulator._lock.acquire(timeout=0)
            if free:
                emulator._lock.release()
            held.append(not free)

        other = threading.Thread(target=probe)
        other.start()
        other.join()
        return read_csv(*args)

    monkeypatch.setattr(users_list, "_from_csv", observed)
    for data in ("member.email\na@example.org\n", as_text(zipped({"a.csv": b"member.email\n"}))):
        body = {"action": "member.import.probe", "session": session, "users.list": data}
        assert "errors" not in post(emulator, body).json()
    assert held == [False, False]
