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
    # Namespaces whose class inherits hand-written behaviour from the runtime (tracking.py):
    # the mixin, the operation it polls and the answer's field `wait()` returns (None: all of it).
    mixins: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)


SENDSAY = Protocol(
    name="sendsay",
    warnings=True,
    text_wire=False,
    request_ids=True,
    async_doc="Asynchronous: the answer carries a `track.id` to follow with `client.track.wait()`.",
    mixins={"track": ("TrackWaiter", "get", "obj")},
)
ALTCRAFT = Protocol(
    name="altcraft",
    warnings=False,
    text_wire=True,
    request_ids=False,
    async_doc="Asynchronous: returns a task id without waiting.",
    mixins={"tasks": ("TaskWaiter", "status", None)},
)
PROTOCOLS = {p.name: p for p in (SENDSAY, ALTCRAFT)}


def protocol_of(api: Api) -> Protocol:
    return PROTOCOLS[api.protocol]
