"""Generate a tiny fixture API into a temporary folder, import it, and drive it."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("gen")
    result = subprocess.run(
        [sys.executable, "-m", "codegen", "generate", "--spec", str(FIXTURE), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "-p", "tiny_api"],
        cwd=out / "python" / "tiny",
        capture_output=True,
        text=True,
        check=False,
    )
    assert mypy.returncode == 0, mypy.stdout
    sys.path.insert(0, str(out / "python" / "tiny"))
    try:
        import tiny_api

        yield tiny_api
    finally:
        sys.path.remove(str(out / "python" / "tiny"))
        for name in [m for m in sys.modules if m.startswith("tiny_api")]:
            del sys.modules[name]


def serve(answer: dict[str, Any], sent: list[dict[str, Any]]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(dict(parse_qsl(request.content.decode()))["request"]))
        return httpx.Response(200, json=answer)

    return httpx.MockTransport(handle)


def test_union_dispatch_on_the_discriminator(tiny: ModuleType) -> None:
    models = tiny.models
    sent: list[dict[str, Any]] = []
    answer = {
        "shapes": [{"kind": "circle", "r": 1.5}, {"kind": "box", "side": 2, "made": "2024-02-29"}]
    }
    client = tiny.Tiny(transport=serve(answer, sent))
    result = client.shape.put(
        shapes=[models.Circle(kind="circle", r=1.5), {"kind": "box", "side": 2}], fresh=True
    )
    assert isinstance(result.shapes[0], models.Circle)
    assert isinstance(result.shapes[1], models.Square)
    assert result.shapes[1].made == datetime.date(2024, 2, 29)
    assert sent[0]["shapes"] == [{"kind": "circle", "r": 1.5}, {"kind": "box", "side": 2}]
    assert sent[0]["fresh"] == 1


def test_the_default_variant(tiny: ModuleType) -> None:
    client = tiny.Tiny(transport=serve({"count": 1}, []))
    assert client.shape.put(shapes={"kind": "square", "side": 3}).count == 1


def test_unknown_discriminator_and_together_are_reported(tiny: ModuleType) -> None:
    client = tiny.Tiny(transport=serve({"count": 1}, []))
    with pytest.raises(tiny.RequestValidationError) as info:
        client.shape.put(shapes=[{"kind": "hexagon"}, {"kind": "circle", "r": -1}], page=1)
    text = str(info.value)
    assert 'shapes[0].kind: expected one of "circle", "square", "box"' in text
    assert "shapes[1].r: expected a number >= 0" in text
    assert "page | pagesize: missing, expected all of them together or none" in text


def test_answer_with_unknown_variant_is_a_response_error(tiny: ModuleType) -> None:
    client = tiny.Tiny(transport=serve({"shapes": [{"kind": "blob"}]}, []))
    with pytest.raises(tiny.ResponseValidationError, match=r"\$\.shapes\[0\]\.kind"):
        client.shape.put(shapes=[], fresh=True)
