"""How `member.import` / `member.import.probe` read their data: source, columns, problems.

A column maps to a question of an anketa (from the data's own captions, or from the `caption`
parameter, which wins), is ignored, or is unknown. The import cannot run (`cannot_import` 1;
errors for member.import) when the data cannot be had (users.url, unknown uid, XLSX), when no
column holds the address (`member.email`, or `member.cellphone` for msisdn), or when a column
names no existing anketa question. Other columns of the `member` anketa are ignored with a
warning: the address is the only data of that anketa.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from ..limits import DEFAULT_LIMITS, Limits
from . import clock
from .addresses import AddrType, try_normalise
from .anketas import MEMBER_ANKETA
from .errors import SendsayError
from .reports import cell
from .state import Account
from .users_list import RawTable, ReadAhead, read

PROBE_ROWS = 15


@dataclass(frozen=True)
class Column:
    name: str | None
    anketa: str | None = None
    quest: str | None = None
    ignore: bool = False

    def to_wire(self) -> dict[str, Any]:
        if self.ignore:
            return {"ignore": 1}
        if self.anketa is None:
            return {"name": self.name}
        return {
            "name": self.name or f"{self.anketa}.{self.quest}",
            "anketa": self.anketa,
            "quest": self.quest,
        }


@dataclass
class ImportPlan:
    uid: str
    table: RawTable
    columns: list[Column]
    addr_type: AddrType
    address_column: int | None
    fatal: list[SendsayError] = field(default_factory=list)
    warnings: list[SendsayError] = field(default_factory=list)

    def probe_rows(self) -> list[list[str]]:
        width = len(self.table.captions)
        return [
            [cell(row.get(index)) for index in range(width)] for row in self.table.rows[:PROBE_ROWS]
        ]

    def data_columns(self) -> dict[int, tuple[str, str]]:
        """index -> (anketa, quest) of the columns holding answers."""
        return {
            index: (column.anketa, column.quest)
            for index, column in enumerate(self.columns)
            if column.anketa and column.quest and column.anketa != MEMBER_ANKETA
        }


def _source(account: Account, params: dict[str, Any]) -> tuple[str, Any]:
    if "users.url" in params:
        raise SendsayError(
            "error/import/url", "cannot fetch users.url: the emulator has no network"
        )
    if "uid" in params:
        uid = params["uid"]
        if uid not in account.uploads:
            raise SendsayError("error/import/uid", f"no uploaded data {uid!r}")
        return uid, account.uploads[uid]
    uid = f"{clock.stamp(clock.now())}-{secrets.token_hex(4)}"
    account.uploads[uid] = params["users.list"]
    return uid, params["users.list"]


def _column(account: Account, name: str | None, anketa: str | None, quest: str | None) -> Column:
    if anketa is None and name:
        anketa, _, quest = name.partition(".")
    known = account.anketas.get(anketa or "")
    if known is not None and quest in known.quests:
        return Column(name, anketa, quest)
    return Column(name)


def _columns(
    account: Account, table: RawTable, caption: list[dict[str, Any]] | None
) -> list[Column]:
    columns = [_column(account, name, None, None) for name in table.captions]
    for index, given in enumerate(caption or []):
        name = table.captions[index] if index < len(table.captions) else None
        column = (
            Column(name, ignore=True)
            if given.get("ignore") in (1, "1")
            else _column(account, name, given.get("anketa"), given.get("quest"))
        )
        if index < len(columns):
            columns[index] = column
        else:
            columns.append(column)
    return columns


def _addr_type(params: dict[str, Any], columns: list[Column]) -> AddrType:
    if params.get("addr_type"):
        kind: AddrType = params["addr_type"]
        return kind
    quests = {c.quest for c in columns if c.anketa == MEMBER_ANKETA}
    return "msisdn" if "cellphone" in quests and "email" not in quests else "email"


def plan(
    account: Account,
    params: dict[str, Any],
    limits: Limits = DEFAULT_LIMITS,
    ahead: ReadAhead | None = None,
) -> ImportPlan:
    """Read the data (or take the table read ahead) and map its columns; problems are collected,
    not raised (but the source)."""
    uid, users_list = _source(account, params)
    firstline = params.get("firstline")
    table = ahead.table(params) if ahead is not None and "uid" not in params else None
    if table is None:
        table = read(
            users_list,
            set(account.anketas),
            params.get("separator"),
            None if firstline is None else firstline in (1, "1"),
            limits,
        )
    columns = _columns(account, table, params.get("caption"))
    addr_type = _addr_type(params, columns)
    wanted = "email" if addr_type == "email" else "cellphone"
    address = next(
        (i for i, c in enumerate(columns) if c.anketa == MEMBER_ANKETA and c.quest == wanted), None
    )
    result = ImportPlan(uid, table, columns, addr_type, address)
    result.fatal += table.problems
    if address is None and not table.problems:
        result.fatal.append(SendsayError("error/import/data", f"no column member.{wanted}"))
    for index, column in enumerate(columns):
        where = f"column {index + 1} ({column.name})"
        if not column.ignore and column.anketa is None:
            result.fatal.append(
                SendsayError("error/import/data", f"{where}: no such anketa question")
            )
        elif column.anketa == MEMBER_ANKETA and index != address:
            result.warnings.append(SendsayError("error/import/column_ignored", where))
    if address is not None:
        for number, row in enumerate(table.rows[:PROBE_ROWS], start=1):
            raw = row.get(address)
            if not isinstance(raw, str) or try_normalise(raw, addr_type) is None:
                result.warnings.append(
                    SendsayError("error/member/address_invalid", f"row {number}: {raw!r}")
                )
    return result
