"""The cattrs converter of the generated packages: the wire rules of the spec, through cattrs."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import cattrs
import pytest
from altcraft_api.converter import converter as altcraft_converter
from altcraft_api.models import TasksStatusResponse
from sendsay_api import ResponseValidationError
from sendsay_api.converter import converter, make_converter
from sendsay_api.models import AnketaQuestion, Track, TrackGetResponse

TRACK: dict[str, Any] = {
    "id": 7,
    "dt": "2026-12-01 10:00:00",
    "action": "member.import",
    "status": 2,
    "status.dt": "2026-12-01 10:00:05",
    "param": {"eta": {"rest": 30, "perc": 40}, "group.id": None},
    "from.a.newer.server": [1, 2],
}


def test_structure_and_unstructure_follow_the_wire_rules() -> None:
    track = converter.structure(TRACK, Track)
    assert track == Track.from_wire(TRACK)
    assert track.status_dt == datetime.datetime(2026, 12, 1, 10, 0, 5)
    assert track.unknown_fields == {"from.a.newer.server": [1, 2]}
    assert converter.unstructure(track) == TRACK  # wire names, explicit null and unknown key kept


def test_containers_of_models() -> None:
    quests = {
        "q1": {"id": "q1", "@": 1, "name": "Age?", "type": "int"},
        "q2": {"id": "q2", "@": 2, "name": "City?", "type": "free", "width": 64},
    }
    structured = converter.structure(quests, dict[str, AnketaQuestion])
    assert structured["q2"].width == 64
    assert converter.unstructure(structured) == quests
    assert converter.structure([TRACK], list[Track])[0].id == 7


def test_a_wrong_type_is_refused_with_its_path_not_coerced() -> None:
    with pytest.raises(ResponseValidationError) as info:
        converter.structure({"obj": {**TRACK, "status": "2"}}, TrackGetResponse)
    assert "$.obj.status" in str(info.value)
    assert "an integer" in str(info.value)


@attrs.define
class SavedPoll:
    """A program's own attrs class holding a generated model."""

    note: str
    track: Track


def test_models_inside_a_programs_own_attrs_classes() -> None:
    mine = make_converter(cattrs.Converter())
    saved = mine.structure({"note": "nightly import", "track": TRACK}, SavedPoll)
    assert saved.track.param is not None and saved.track.param.eta is not None
    assert saved.track.param.eta.perc == 40
    assert mine.unstructure(saved) == {"note": "nightly import", "track": TRACK}


def test_altcraft_models_too() -> None:
    wire = {"status": "completed", "progress": 100}
    status = altcraft_converter.structure(wire, TasksStatusResponse)
    assert status.status == "completed"
    assert altcraft_converter.unstructure(status) == wire
