"""View for the command line of each package: one command per operation, one option per parameter.

The generated `cli.py` holds only this table; `_runtime/cli.py` turns it into click commands.
The docs use `command_line()` to print the same call as a shell command.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from typing import Any

from ..model import Api, Field, Operation, Text
from ..typeexpr import TypeRef

# Options every command has besides its parameters (runtime/cli.py defines them).
COMMAND_OPTIONS = frozenset({"raw", "wait", "help", "query"})
# The option kinds runtime/cli.py knows: how a command-line text becomes the method's argument.
SCALAR_KINDS = {
    "string": "string",
    "int": "int",
    "number": "number",
    "bool": "bool",
    "flag": "bool",
    "date": "datetime",
    "datetime": "datetime",
    "datetime_hm": "datetime",
}
# The constructor arguments the command line takes as options or environment variables
# (`SENDSAY_LOGIN`...: the API's name, then the argument), with the options' help.
CREDENTIALS = {
    "sendsay": [
        ("login", False, "Account login."),
        ("sublogin", False, "Sub-user login."),
        ("password", True, "Password (never printed)."),
        ("apikey", True, "API key, instead of login and password (never printed)."),
    ],
    "altcraft": [("token", True, "API token (never printed).")],
}
# The answer field of a call that started asynchronous work, per protocol (wire name):
# `--wait` follows the work when the answer has it.
STARTED_FIELDS = {"sendsay": "track.id", "altcraft": "task_id"}


@dataclass
class OptionView:
    py: str
    name: str
    wire: str
    kind: str  # string | int | number | bool | datetime | json
    multiple: bool
    choices: list[str]
    required: bool
    secret: bool
    type_text: str
    default: str  # the server's default when the option is absent, as JSON ("" for none)
    help_en: str
    help_ru: str


@dataclass
class CommandView:
    action: str
    group: str  # the command group ("" for the actions without a namespace)
    namespace: str  # the client's attribute
    name: str
    method: str  # the client's method
    help_en: str
    help_ru: str
    options: list[OptionView]
    waits: bool


def cli_name(py: str) -> str:
    """A Python name as a command or option name: `if_exists` -> `if-exists`."""
    return py.rstrip("_").replace("_", "-")


def _text(t: Text | None, lang: str) -> str:
    if t is None:
        return ""
    return " ".join((t.en if lang == "en" else (t.ru or t.en)).split())


def _kind(api: Api, ref: TypeRef) -> tuple[str, bool, list[str]]:
    """(kind, multiple, choices) of a parameter's type."""
    ref = ref.without_null()
    if ref.kind == "scalar" and ref.name in SCALAR_KINDS:
        return SCALAR_KINDS[ref.name], False, []
    if ref.kind == "named":
        t = api.types[ref.name]
        if t.is_enum and t.base is not None and t.base.kind == "scalar":
            kind = SCALAR_KINDS.get(t.base.name, "json")
            if kind == "string":
                return kind, False, [str(e.value) for e in t.enum]
            return kind, False, []
    if ref.kind == "list":
        item = ref.item.without_null()
        if item.kind == "scalar" and SCALAR_KINDS.get(item.name) in ("string", "int", "number"):
            return SCALAR_KINDS[item.name], True, []
    return "json", False, []


def _option(api: Api, p: Field) -> OptionView:
    kind, multiple, choices = _kind(api, p.type)
    if p.enum and kind == "string":
        choices = [str(e.value) for e in p.enum]
    return OptionView(
        py=p.py,
        name=cli_name(p.py),
        wire=p.wire,
        kind=kind,
        multiple=multiple,
        choices=choices,
        required=p.required,
        secret=p.secret,
        type_text=str(p.type),
        default=json.dumps(p.default, ensure_ascii=False) if p.has_default else "",
        help_en=_text(p.description, "en"),
        help_ru=_text(p.description, "ru"),
    )


def _params(op: Operation) -> list[Field]:
    # The client fills an Altcraft call's `token` from its configuration.
    return [p for p in op.params if not (op.auth == "token" and p.wire == "token")]


def command_view(api: Api, op: Operation) -> CommandView:
    options = [_option(api, p) for p in _params(op)]
    clash = sorted(o.name for o in options if o.name in COMMAND_OPTIONS)
    if clash:
        raise ValueError(f"{op.wire}: parameter option --{clash[0]} clashes with a command option")
    started = STARTED_FIELDS[api.protocol]
    summary_en, summary_ru = _text(op.summary, "en"), _text(op.summary, "ru")
    description_en, description_ru = _text(op.description, "en"), _text(op.description, "ru")
    return CommandView(
        action=op.wire,
        group=cli_name(op.namespace),
        namespace=op.namespace,
        name=cli_name(op.method),
        method=op.method,
        help_en=f"{summary_en}\n\n{description_en}".strip() + f"\n\nAction: {op.wire}.",
        help_ru=f"{summary_ru}\n\n{description_ru}".strip() + f"\n\nДействие: {op.wire}.",
        options=options,
        waits=any(f.wire == started for v in op.variants for f in api.types[v.type_name].fields),
    )


@dataclass
class CredentialView:
    name: str
    env: str
    secret: bool
    help: str


def _started_attribute(api: Api) -> str:
    wire = STARTED_FIELDS[api.protocol]
    names = {f.py for t in api.types.values() for f in t.fields if f.wire == wire}
    if len(names) > 1:
        raise ValueError(f"{api.name}: {wire!r} has several Python names: {sorted(names)}")
    return names.pop() if names else ""  # no asynchronous work: no command waits


def cli_view(api: Api, waiter: str) -> dict[str, Any]:
    """Everything `templates/python/cli.py.jinja` renders."""
    return {
        "prog": api.name,
        "commands": [command_view(api, op) for ops in api.namespaces().values() for op in ops],
        "credentials": [
            CredentialView(name, f"{api.name.upper()}_{name.upper()}", secret, text)
            for name, secret, text in CREDENTIALS[api.protocol]
        ],
        "waiter": waiter,
        "started": _started_attribute(api),
    }


def command_line(api: Api, op: Operation, example: dict[str, Any]) -> str:
    """The shell command that sends `example` (wire parameters), for the docs."""
    words = [api.name]
    if op.namespace:
        words.append(cli_name(op.namespace))
    words.append(cli_name(op.method))
    by_wire = {p.wire: p for p in _params(op)}
    for key, value in example.items():
        p = by_wire.get(key)
        if p is None:
            continue
        kind, multiple, _ = _kind(api, p.type)
        option = "--" + cli_name(p.py)
        if kind == "bool":
            words.append(option if value in (True, 1, "1") else "--no-" + cli_name(p.py))
        elif multiple and isinstance(value, list):
            for item in value:
                words += [option, str(item)]
        elif kind == "json" or isinstance(value, dict | list):
            words += [option, json.dumps(value, ensure_ascii=False)]
        else:
            words += [option, str(value)]
    return " ".join(shlex.quote(w) for w in words)
