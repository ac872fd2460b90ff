"""member.import and member.import.probe with the users.list formats of the document."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from sendsay_api import APIError, Sendsay

from emulator import SendsayEmulator, xlsx

from .conftest import FAST


@pytest.fixture
def info(client: Sendsay) -> Sendsay:
    """The account of the document's examples: an anketa `info` with three questions."""
    client.anketa.create(name="Info", id="info")
    client.anketa.quest_add(
        anketa_id="info",
        obj=[
            {"name": "First name", "type": "free", "width": 50, "id": "firstname"},
            {"name": "Title", "type": "free", "width": 50, "id": "title"},
            {"name": "Middle name", "type": "free", "width": 50, "id": "middlename"},
        ],
    )
    return client


CSV = (
    "member.cellphone,info.firstname,info.title,info.middlename\n"
    "+70000000000,Павел,Иванович,Уважаемый\n"
    "+70000000001,Алексей,Алексеевич,Глубоко уважаемый\n"
)


def test_csv_probe_then_import_by_uid(info: Sendsay) -> None:
    probe = info.member.import_probe(users_list=CSV)
    assert (probe.charset, probe.separator, probe.firstline, probe.cannot_import) == (
        "utf-8",
        ",",
        True,
        False,
    )
    assert [(c.anketa, c.quest) for c in probe.caption] == [
        ("member", "cellphone"),
        ("info", "firstname"),
        ("info", "title"),
        ("info", "middlename"),
    ]
    assert probe.rows[1] == ["+70000000001", "Алексей", "Алексеевич", "Глубоко уважаемый"]
    started = info.member.import_(uid=probe.uid, addr_type="msisdn", if_exists="overwrite")
    with pytest.raises(APIError):
        info.member.get(email="+70000000001")  # imported when the track finishes
    track = info.track.wait(started, **FAST)
    assert track.param.statistic.inserted == 2
    got = info.member.get(email="+7 000 000-00-01").obj.answers
    assert got["member"] == {"cellphone": "+70000000001"}
    assert got["info"]["firstname"] == "Алексей"


def test_json_array_keeps_only_anketa_data(info: Sendsay) -> None:
    records = [
        {
            "member": {"email": "test@test.ru"},
            "info": {"firstname": "Ымя"},
            "personal": {"fio": {"fam": "Фамилиё"}},
            "string": "template data, not imported",
        },
        {"member": {"email": "test2@test.ru"}},
        {"member": {"email": "TEST@test.ru"}},
        {"member": {"email": "broken@"}},
    ]
    started = info.member.import_(
        users_list=records, if_exists="overwrite", auto_group={"id": "imp"}
    )
    track = info.track.wait(started, **FAST)
    stats = track.param.statistic
    assert (stats.inserted, stats.repeated, stats.erroneous) == (2, 1, 1)
    assert track.param.group_id == "imp"
    assert info.member.get(email="test@test.ru").obj.answers["info"] == {"firstname": "Ымя"}
    assert sorted(row[0] for row in info.member.list(group="imp").rows) == [
        "test2@test.ru",
        "test@test.ru",
    ]


def test_json_object_and_if_exists(info: Sendsay, sendsay: SendsayEmulator) -> None:
    info.member.set(email="+70000000000", obj={"info": {"title": "Old"}})
    table = {
        "caption": [
            {"anketa": "member", "quest": "cellphone"},
            {"anketa": "info", "quest": "title"},
        ],
        "rows": [["+70000000000", "New"], ["+70000000001", "Fresh"]],
    }
    for if_exists, title, stats in (
        ("ignore", "Old", (1, 0, 0)),
        ("error", "Old", (0, 0, 2)),
        ("overwrite", "New", (0, 2, 0)),
    ):
        started = info.member.import_(users_list=table, if_exists=if_exists)
        done = info.track.wait(started, **FAST).param
        counts = (done.statistic.inserted, done.statistic.updated, done.statistic.erroneous)
        assert counts == stats, if_exists
        assert info.member.get(email="+70000000000").obj.answers["info"]["title"] == title
    failed = info.track.list(filter={"action": "member.import"}).list[1]
    report = sendsay.account("acme").files[failed.param.report_file_json]
    with zipfile.ZipFile(io.BytesIO(report)) as archive:
        errors = json.loads(archive.read(archive.namelist()[0]))
    assert errors == [
        {"row": 1, "error": "error/member/exists", "explain": "+70000000000"},
        {"row": 2, "error": "error/member/exists", "explain": "+70000000001"},
    ]


def test_caption_parameter_and_separator(info: Sendsay) -> None:
    probe = info.member.import_probe(
        users_list="a@example.org;Ann;skip\nb@example.org;Bob;skip\n",
        caption=[
            {"anketa": "member", "quest": "email"},
            {"anketa": "info", "quest": "firstname"},
            {"ignore": 1},
        ],
    )
    assert (probe.separator, probe.firstline, probe.cannot_import) == (";", False, False)
    assert probe.caption[2].ignore is True


def test_problems_of_the_data(info: Sendsay) -> None:
    unknown = info.member.import_probe(users_list="member.email,nope.x\na@example.org,1\n")
    assert unknown.cannot_import is True
    assert unknown.warnings[0]["id"] == "error/import/data"
    with pytest.raises(APIError) as refused:
        info.member.import_(users_list="just,some,words\n", if_exists="overwrite")
    assert refused.value.id == "error/import/data"
    url = info.member.import_probe(users_url="https://example.org/list.csv")
    assert url.cannot_import is True and url.warnings[0]["id"] == "error/import/url"
    with pytest.raises(APIError) as no_fetch:
        info.member.import_(users_url="https://example.org/list.csv", if_exists="overwrite")
    assert no_fetch.value.id == "error/import/url"
    with pytest.raises(APIError) as no_uid:
        info.member.import_(uid="nope", if_exists="overwrite")
    assert no_uid.value.id == "error/import/uid"


def test_newbie_confirm_counts_unconfirmed(client: Sendsay) -> None:
    started = client.member.import_(
        users_list="member.email\na@example.org\nb@example.org\n",
        if_exists="overwrite",
        newbie_confirm=True,
    )
    stats = client.track.wait(started, **FAST).param.statistic
    assert (stats.inserted, stats.unconfirmed) == (2, 2)
    assert client.member.list_count().obj.locked_confirm == 2


def _zipped(files: dict[str, bytes]) -> str:
    """A zip archive as a users.list string: one character per byte (the emulator's reading)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue().decode("latin-1")


ROWS = [line.split(",") for line in CSV.splitlines()]


def _shared_strings_workbook() -> str:
    """An XLSX the way spreadsheet programs write it: shared strings, cell references, a gap."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    strings = [cell for row in ROWS for cell in row]
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    rows = "".join(
        f'<row r="{r + 1}">'
        + "".join(
            f'<c r="{"ABCD"[c]}{r + 1}" t="s"><v>{r * 4 + c}</v></c>'
            for c in range(4)
            if (r, c) != (2, 2)  # the last member's title left empty: the cell is not written
        )
        + "</row>"
        for r in range(len(ROWS))
    )
    return _zipped(
        {
            "xl/workbook.xml": f'<workbook {ns} xmlns:r="{rel}"><sheets>'
            f'<sheet name="S" sheetId="1" r:id="rId7"/></sheets></workbook>'.encode(),
            "xl/_rels/workbook.xml.rels": (
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                f'relationships"><Relationship Id="rId7" Type="{rel}/worksheet"'
                ' Target="worksheets/data.xml"/></Relationships>'
            ).encode(),
            "xl/sharedStrings.xml": f"<sst {ns}>{shared}</sst>".encode(),
            "xl/worksheets/data.xml": (
                f"<worksheet {ns}><sheetData>{rows}</sheetData></worksheet>"
            ).encode(),
        }
    )


@pytest.mark.parametrize(
    ("users_list", "columns"),
    [
        (xlsx.workbook(ROWS).decode("latin-1"), 4),
        (_shared_strings_workbook(), 4),
        (_zipped({"members.csv": CSV.encode()}), 4),
        (_zipped({"a.csv": ("#charset=cp1251\n" + CSV).encode("cp1251"), "b.txt": b"x"}), 4),
    ],
    ids=["xlsx", "xlsx-shared-strings", "zipped-csv", "zipped-csv-cp1251"],
)
def test_zip_archives_xlsx_and_zipped_csv(info: Sendsay, users_list: str, columns: int) -> None:
    probe = info.member.import_probe(users_list=users_list)
    assert not probe.cannot_import and probe.firstline
    assert len(probe.caption) == columns
    assert probe.rows[1][-1] == "Глубоко уважаемый"
    started = info.member.import_(uid=probe.uid, addr_type="msisdn", if_exists="overwrite")
    assert info.track.wait(started, **FAST).param.statistic.inserted == 2
    assert info.member.get(email="+70000000000").obj.answers["info"]["middlename"] == "Уважаемый"


def test_a_broken_zip_archive_cannot_be_imported(info: Sendsay) -> None:
    probe = info.member.import_probe(users_list="PK\x03\x04 not really an archive")
    assert probe.cannot_import
