"""The command line of a generated package, built with click from the package's command table.

`<package>/cli.py` is generated: it lists every operation with its options and help texts and
calls `main(api)`. This module turns that table into click commands, each built only when it is
named (so `--help` of one command does not build the others), converts the texts of the command
line into the method's arguments, calls the client and prints the answer as JSON.

Only the console script imports this module: `import <package>` does not load click.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs
import click

from .errors import Error, RequestValidationError

# Exit codes: click's own for usage errors (2); 1 for an error of the call.
EXIT_ERROR = 1
EXIT_USAGE = 2
LANGS = ("en", "ru")


@dataclass(frozen=True)
class Option:
    """One parameter of an operation as a command-line option."""

    py: str
    name: str  # the option: --NAME
    wire: str
    kind: str  # string | int | number | bool | datetime | json
    multiple: bool
    choices: tuple[str, ...]
    required: bool
    secret: bool
    type_text: str
    default: str  # the server's default when the option is absent, as JSON ("" for none)
    help_en: str
    help_ru: str


@dataclass(frozen=True)
class Command:
    """One operation: `<group> <name> --option value ...` calls `client.<namespace>.<method>`."""

    action: str
    group: str  # "" for the actions without a namespace: they are top-level commands
    namespace: str
    name: str
    method: str
    help_en: str
    help_ru: str
    options: tuple[Option, ...]
    waits: bool  # its answer may start asynchronous work that `--wait` follows


@dataclass(frozen=True)
class Credential:
    """A client constructor argument taken from an option or an environment variable."""

    name: str
    env: str
    help: str
    secret: bool = True


# A hook of one action: (arguments, --query text) -> (checked arguments, warnings to print).
Check = Callable[[dict[str, Any], str | None], tuple[dict[str, Any], list[str]]]


@dataclass(frozen=True)
class CliApi:
    """What the generated `cli.py` hands over: the client class and the command table."""

    prog: str
    title: str
    client: Callable[..., Any]
    credentials: tuple[Credential, ...]
    commands: tuple[Command, ...]
    waiter: str  # the namespace whose `wait()` follows a started task
    started: str  # the answer attribute of a call that started one (its id)
    checks: Mapping[str, Check] = field(default_factory=dict)
    query_help: str = ""


# -- converting the command line's texts -------------------------------------------------------


def read_json(text: str, option: str) -> Any:
    """A JSON option's value: JSON text, `@file.json`, or `@-` for standard input."""
    source = "the value"
    if text.startswith("@"):
        path = text[1:]
        source = "standard input" if path == "-" else path
        try:
            text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise click.BadParameter(
                f"cannot read {path}: {exc.strerror}", param_hint=option
            ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise click.BadParameter(
            f"{source} is not JSON ({exc.msg} at line {exc.lineno} column {exc.colno});"
            " give JSON text or @file.json",
            param_hint=option,
        ) from None


def _datetime(text: str, option: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a date: expected YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS]",
            param_hint=option,
        ) from None


def _convert(option: Option, value: Any) -> Any:
    name = "--" + option.name
    if option.kind == "json":
        return read_json(value, name)
    if option.kind == "datetime":
        return _datetime(value, name)
    if option.multiple:
        items = list(value)
        if len(items) == 1 and items[0].startswith(("[", "@")):
            return read_json(items[0], name)  # the whole list as JSON
        kind = {"int": int, "number": float}.get(option.kind)
        return [_scalar(kind, item, name) for item in items] if kind else items
    return value


def _scalar(kind: Callable[[str], Any], text: str, option: str) -> Any:
    try:
        return kind(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a number", param_hint=option) from None


# -- printing the answer -----------------------------------------------------------------------

HIDDEN_FIELDS = frozenset({"raw", "unknown_fields", "warnings", "explicit_nulls"})


def jsonable(value: Any) -> Any:
    """A decoded answer as JSON data, with the models' Python field names."""
    if attrs.has(type(value)):
        out = {
            f.name: jsonable(getattr(value, f.name, None))
            for f in attrs.fields(type(value))
            if f.name not in HIDDEN_FIELDS
        }
        unknown = getattr(value, "unknown_fields", None)
        if unknown:
            out["unknown_fields"] = jsonable(unknown)
        return out
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def wire_answer(value: Any) -> Any:
    """The answer as the server sent it (a waited-for status: as its model writes it)."""
    raw = getattr(value, "raw", None)
    if raw is not None:
        return raw
    to_wire = getattr(value, "to_wire", None)
    return to_wire() if to_wire is not None else value


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _print_warnings(value: Any) -> None:
    for warning in getattr(value, "warnings", None) or ():
        click.echo(f"warning: {warning}", err=True)


# -- the commands ------------------------------------------------------------------------------


def _lang(ctx: click.Context) -> str:
    lang = ctx.find_root().params.get("lang")
    return lang if lang in LANGS else "en"


def _help(en: str, ru: str, lang: str) -> str:
    return (ru or en) if lang == "ru" else en


def _click_option(option: Option, lang: str) -> click.Option:
    name = option.name
    text = _help(option.help_en, option.help_ru, lang)
    default = f"; the server's default {option.default}" if option.default else ""
    type_note = f"[{option.type_text}; wire name {option.wire}{default}]"
    if option.kind == "bool":
        return click.Option(
            [f"--{name}/--no-{name}", option.py],
            default=None,
            required=option.required,
            help=f"{text} {type_note}",
        )
    param_type: click.ParamType[Any] = click.STRING
    metavar = option.kind.upper()
    if option.choices:
        param_type = click.Choice(option.choices)
        metavar = "[" + "|".join(option.choices) + "]"
    elif option.kind == "int" and not option.multiple:
        param_type = click.INT
    elif option.kind == "number" and not option.multiple:
        param_type = click.FLOAT
    elif option.kind == "json":
        metavar = "JSON|@FILE"
    elif option.kind == "datetime":
        metavar = "DATE"
    extra = " Repeat the option for each item, or give one JSON list." if option.multiple else ""
    return click.Option(
        [f"--{name}", option.py],
        type=param_type,
        metavar=metavar,
        multiple=option.multiple,
        required=option.required,
        help=f"{text}{extra} {type_note}",
    )


class _OperationCommand(click.Command):
    def __init__(self, api: CliApi, command: Command, lang: str) -> None:
        params: list[click.Parameter] = [_click_option(o, lang) for o in command.options]
        if command.action in api.checks:
            params.append(click.Option(["--query"], metavar="JSON|@FILE", help=api.query_help))
        if command.waits:
            params.append(
                click.Option(
                    ["--wait"],
                    is_flag=True,
                    help="When the call starts asynchronous work, wait for its end, showing"
                    " progress on stderr, and print its final status.",
                )
            )
        params.append(
            click.Option(["--raw"], is_flag=True, help="Print the answer as the server sent it.")
        )
        super().__init__(
            command.name,
            params=params,
            help=_help(command.help_en, command.help_ru, lang),
            short_help=_help(command.help_en, command.help_ru, lang).split("\n")[0],
            callback=click.pass_context(lambda ctx, **values: _run(ctx, api, command, values)),
        )


def _arguments(api: CliApi, command: Command, values: dict[str, Any]) -> dict[str, Any]:
    kwargs = {}
    for option in command.options:
        value = values.get(option.py)
        if value is None or value == ():
            continue
        kwargs[option.py] = _convert(option, value)
    check = api.checks.get(command.action)
    if check is not None:
        try:
            kwargs, warnings = check(kwargs, values.get("query"))
        except ValueError as exc:
            raise click.UsageError(f"{command.action}: {exc}") from None
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)
    return kwargs


def _client(ctx: click.Context, api: CliApi) -> Any:
    root = ctx.find_root()
    kwargs = {c.name: root.params[c.name] for c in api.credentials if root.params.get(c.name)}
    if root.params.get("base_url"):
        kwargs["base_url"] = root.params["base_url"]
    if root.params.get("timeout") is not None:
        kwargs["timeout"] = root.params["timeout"]
    kwargs.update((root.obj or {}).get("client_options", {}))  # e.g. tests: transport=
    return api.client(**kwargs)


def _run(ctx: click.Context, api: CliApi, command: Command, values: dict[str, Any]) -> None:
    kwargs = _arguments(api, command, values)
    try:
        with _client(ctx, api) as client:
            target = getattr(client, command.namespace) if command.namespace else client
            result = getattr(target, command.method)(**kwargs)
            _print_warnings(result)
            if values.get("wait") and getattr(result, api.started, None) is not None:
                options = (ctx.find_root().obj or {}).get("wait_options", {})
                result = getattr(client, api.waiter).wait(result, progress=True, **options)
    except RequestValidationError as exc:
        raise click.UsageError(str(exc)) from None
    except (Error, ValueError, TypeError) as exc:
        click.echo(f"Error: {exc}", err=True)
        ctx.exit(EXIT_ERROR)
    _print_json(wire_answer(result) if values.get("raw") else jsonable(result))


class _Group(click.Group):
    """A namespace: its commands are built when named."""

    def __init__(self, api: CliApi, name: str, commands: Sequence[Command], **kwargs: Any) -> None:
        super().__init__(name, **kwargs)
        self.api = api
        self.table = {c.name: c for c in commands}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.table)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = self.table.get(cmd_name)
        return None if command is None else _OperationCommand(self.api, command, _lang(ctx))


class _Root(_Group):
    """The program: namespaces as groups, actions without a namespace as commands."""

    def __init__(self, api: CliApi, **kwargs: Any) -> None:
        super().__init__(api, api.prog, [c for c in api.commands if not c.group], **kwargs)
        self.groups: dict[str, list[Command]] = {}
        for c in api.commands:
            if c.group:
                self.groups.setdefault(c.group, []).append(c)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*self.table, *self.groups])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.groups:
            actions = ", ".join(c.action for c in self.groups[cmd_name])
            return _Group(self.api, cmd_name, self.groups[cmd_name], help=f"Actions: {actions}.")
        return super().get_command(ctx, cmd_name)


def build(api: CliApi) -> click.Group:
    """The click program of `api`."""
    env_prefix = api.prog.upper()
    params: list[click.Parameter] = [
        click.Option(
            ["--lang"],
            type=click.Choice(LANGS),
            default="en",
            envvar=f"{env_prefix}_LANG",
            show_envvar=True,
            is_eager=True,
            help="Language of the help texts: en, or ru for the document's Russian.",
        ),
    ]
    for c in api.credentials:
        params.append(
            click.Option(
                [f"--{c.name}", c.name],
                envvar=c.env,
                show_envvar=True,
                help=c.help,
            )
        )
    params += [
        click.Option(
            ["--base-url"],
            envvar=f"{env_prefix}_BASE_URL",
            show_envvar=True,
            help="The API address, e.g. the local emulator's (plain http only on loopback).",
        ),
        click.Option(["--timeout"], type=float, help="Seconds per HTTP request."),
    ]
    return _Root(
        api,
        params=params,
        help=f"{api.title}: every operation of the spec as a command.\n\n"
        f"Run `{api.prog} NAMESPACE --help` for its actions. Answers are printed as JSON on"
        " stdout; errors go to stderr with a non-zero exit code. Shell completion:"
        f' eval "$(_{env_prefix}_COMPLETE=bash_source {api.prog})"',
    )


def main(api: CliApi, argv: Sequence[str] | None = None) -> None:
    """Run the program (the console script and `python -m <package>`)."""
    build(api).main(args=list(argv) if argv is not None else None, prog_name=api.prog)
