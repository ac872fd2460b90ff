"""Hostile Altcraft XML answers: read in linear time, entity tricks refused, all typed."""

from __future__ import annotations

import altcraft_api
import httpx
import pytest
from adversarial.hostile import TOKEN, within
from altcraft_api._runtime import xml_wire


def client(answer: bytes, **options: object) -> altcraft_api.Altcraft:
    return altcraft_api.Altcraft(
        token=TOKEN,
        wire_format="xml",
        transport=httpx.MockTransport(
            lambda r: httpx.Response(200, content=answer, headers={"Content-Type": "text/xml"})
        ),
        **options,  # type: ignore[arg-type]
    )


def repeated(size: int) -> bytes:
    item = b"<item><id>1</id><name>n</name></item>"
    count = size // len(item)
    return b"<xml><error>0</error><data><items>" + item * count + b"</items></data></xml>"


def test_four_mib_of_repeated_elements_reads_in_linear_time() -> None:
    body = repeated(4 * 1024 * 1024)
    with within(15):
        value = xml_wire.read_xml(body)
    assert len(value["data"]["items"]["item"]) == (4 * 1024 * 1024) // 37


def test_repeated_elements_through_the_client_within_the_call() -> None:
    with within(10):  # tasks/status keeps `items` among the keys it does not know
        status = client(repeated(468 * 1024), timeout=1.0).tasks.status(task_id="t")
    assert len(status.unknown_fields["items"]["item"]) == (468 * 1024) // 37


BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    b"<xml><error>0</error><error_text>&d;</error_text></xml>"
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b"<xml><error>0</error><error_text>&e;</error_text></xml>"
)


@pytest.mark.parametrize("body", [BOMB, EXTERNAL], ids=["entity-expansion", "external-entity"])
def test_entity_tricks_are_refused(body: bytes) -> None:
    with within(5), pytest.raises(altcraft_api.TransportError) as caught:
        client(body).tasks.status(task_id="t")
    assert "root:" not in str(caught.value)


@pytest.mark.parametrize(
    "body",
    [b"<xml><error>0</error>", b"<xml><a></b></xml>", b"<\x00>", b"<xml>\xff\xfe</xml>"],
    ids=["unclosed", "mismatched", "nul", "bad-bytes"],
)
def test_broken_xml_is_a_transport_error(body: bytes) -> None:
    with within(5), pytest.raises(altcraft_api.TransportError):
        client(body).tasks.status(task_id="t")


def test_repeated_and_single_elements() -> None:
    value = xml_wire.read_xml(b"<xml><a>1</a><a>2</a><a>3</a><b><c> x </c></b><d/></xml>")
    assert value == {"a": ["1", "2", "3"], "b": {"c": "x"}, "d": ""}


def test_the_emulator_reads_xml_with_the_same_function() -> None:
    from emulator import altcraft_wire

    request = httpx.Request("POST", "http://127.0.0.1/x", content=repeated(468 * 1024))
    with within(10):
        value = altcraft_wire.read_body(request, "xml")
    assert len(value["data"]["items"]["item"]) == (468 * 1024) // 37
    with pytest.raises(altcraft_wire.WireError):
        altcraft_wire.read_body(httpx.Request("POST", "http://127.0.0.1/x", content=BOMB), "xml")
