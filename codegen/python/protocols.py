"""What differs between the wire protocols, as the Python back end sees it: one traits object
per protocol, asked by the views, the renderer and the templates instead of testing names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Api


@dataclass(frozen=True)
class Protocol:
    name: str  # the runtime module of the protocol: runtime/<name>.py
    warnings: bool  # answers carry `warnings` (a response model gets `.warnings`)
    text_wire: bool  # answers arrive as text (XML): decoders need each field's JSON kind
    request_ids: bool  # a request carries an id the caller may choose (`request.id`)
    async_doc: str  # what an `async` operation's method docstring says
    usage: str  # the package docstring's example, formatted with package and client
    # Namespaces whose class inherits hand-written behaviour from the runtime (tracking.py).
    mixins: dict[str, str] = field(default_factory=dict)


SENDSAY = Protocol(
    name="sendsay",
    warnings=True,
    text_wire=False,
    request_ids=True,
    async_doc="Asynchronous: the answer carries a `track.id` to follow with `client.track.wait()`.",
    usage=(
        "Usage::\n\n    from {package} import {client}\n\n"
        '    client = {client}(login="acme", sublogin="bob", password="...")\n'
        '    member = client.member.get(email="a@example.com")\n'
        '    task = client.member.import_(users_list=rows, if_exists="overwrite")\n'
        "    done = client.track.wait(task, progress=True)"
    ),
    mixins={"track": "TrackWaiter"},
)
ALTCRAFT = Protocol(
    name="altcraft",
    warnings=False,
    text_wire=True,
    request_ids=False,
    async_doc="Asynchronous: returns a task id without waiting.",
    usage=(
        "Usage::\n\n    from {package} import {client}\n\n"
        '    client = {client}(token="...", base_url="https://example.com/api/v1.1")\n'
        "    task = client.resources.refresh_counters(id=24, list_id=1)\n"
        "    status = client.tasks.wait(task.task_id, progress=True)"
    ),
    mixins={"tasks": "TaskWaiter"},
)
PROTOCOLS = {p.name: p for p in (SENDSAY, ALTCRAFT)}


def protocol_of(api: Api) -> Protocol:
    return PROTOCOLS[api.protocol]
