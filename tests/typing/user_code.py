"""A program written as a user would write it, mistakes included; never run, only type-checked.

A comment line starting with "E:" says that mypy --strict rejects the next line with the message
that follows; "N:" that the `reveal_type` of the next line prints that note
(tests/typing/test_user_types.py). Every other line must pass.
"""

from __future__ import annotations

from typing import reveal_type

import httpx
from altcraft_api import Altcraft, AsyncAltcraft
from sendsay_api import AsyncSendsay, NotFoundError, Sendsay
from sendsay_api.query import F, StatUni


def constructors() -> None:
    # E: Unexpected keyword argument "sesion" for "Sendsay"; did you mean "session"?
    Sendsay(sesion="x", timeout=5)
    # E: Unexpected keyword argument "timout" for "Sendsay"; did you mean "timeout"?
    Sendsay(session="x", timout=5)
    # E: Unexpected keyword argument "wire_fromat" for "Altcraft"; did you mean "wire_format"?
    Altcraft(token="t", wire_fromat="xml")
    # E: Argument "wire_format" to "Altcraft" has incompatible type "Literal['yaml']"
    Altcraft(token="t", wire_format="yaml")
    # E: Argument "timeout" to "Sendsay" has incompatible type "str"
    Sendsay(login="acme", password="pw", timeout="5")
    # E: Argument "retry" to "AsyncSendsay" has incompatible type "int"
    AsyncSendsay(session="s", retry=3)
    AsyncAltcraft(base_url="https://example.com/api/v1.1", validate=False)
    # E: Argument "http_client" to "Sendsay" has incompatible type "AsyncClient"
    Sendsay(session="s", http_client=httpx.AsyncClient())


def sync_calls(client: Sendsay) -> None:
    task = client.member.import_(users_list="member.email\na@example.com\n", if_exists="overwrite")
    # N: Revealed type is "sendsay_api.models.member.MemberImportResponse"
    reveal_type(task)
    done = client.track.wait(task)
    # N: Revealed type is "sendsay_api.models.track.Track"
    reveal_type(done)
    # N: Revealed type is "sendsay_api.models.track.Track"
    reveal_type(client.track.wait(task.track_id))
    # E: Argument 1 to "wait" of "_SyncWaiter" has incompatible type "float"
    client.track.wait(12.5)
    client.member.delete(list=("a@example.com", "b@example.com"))  # a tuple is a Sequence
    # N: Revealed type is "sendsay_api.models.member.MemberListCountCounted"
    reveal_type(client.member.list_count())
    # N: Revealed type is "sendsay_api.models.stat.StatUniOk"
    reveal_type(client.stat.uni(select=["member.email"], first=10))
    query = StatUni(select=[F.member.email], first=10)
    # N: Revealed type is "sendsay_api.models.stat.StatUniOk"
    reveal_type(client.stat.uni(**query.kwargs()))
    try:
        client.member.get(email="nobody@example.com")
    except NotFoundError as error:
        # N: Revealed type is "list[str]"
        reveal_type(error.ids)


async def async_calls(client: AsyncSendsay, altcraft: AsyncAltcraft) -> None:
    task = await client.member.import_(users_list="member.email\n", if_exists="overwrite")
    # N: Revealed type is "sendsay_api.models.track.Track"
    reveal_type(await client.track.wait(task))
    started = await altcraft.resources.refresh_counters(id=24, list_id=1)
    # N: Revealed type is "altcraft_api.models.tasks.TasksStatusResponse"
    reveal_type(await altcraft.tasks.wait(started))
