"""member.import.probe and member.import.

The probe answers what the import would make of the data (see import_plan.py) and keeps the
data under `uid` for a later call. The import checks the same, answers fatal problems as errors,
and otherwise starts a track; the subscribers are written when the track finishes, with the
account's state at that moment. Per row: a bad address or answer, or an existing address with
`if_exists` error, counts as erroneous (listed in the report files); a repeated address counts as
repeated; `ignore` leaves existing subscribers alone. New e-mail addresses imported with
`newbie.confirm` 1 wait for confirmation and count as `unconfirmed`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import clock
from ..addresses import normalise
from ..call import Call, Handler
from ..errors import SendsayError, SendsayErrors
from ..guesses import guessed
from ..import_plan import ImportPlan, plan
from ..member_data import prepare, store
from ..reports import table, zipped_json
from ..state import Account, Member
from ..users_list import Row

BINARY_IN_JSON = guessed(
    "A zip or XLSX file travels in the JSON string one character per byte (latin-1): the"
    " document does not say how; the limits on the data are the emulator's own."
)


@BINARY_IN_JSON
def member_import_probe(call: Call) -> dict[str, Any]:
    try:
        found = plan(call.account, call.params, call.limits, call.read_ahead)
    except SendsayError as exc:
        return {"uid": "", "cannot_import": 1, "warnings": [exc.to_wire()]}
    answer: dict[str, Any] = {"uid": found.uid, "charset": call.get("charset", found.table.charset)}
    if found.table.separator is not None:
        answer["separator"] = found.table.separator
    if found.table.firstline is not None:
        answer["firstline"] = int(found.table.firstline)
    answer["caption"] = [column.to_wire() for column in found.columns]
    answer["rows"] = found.probe_rows()
    answer["cannot_import"] = int(bool(found.fatal))
    if found.fatal or found.warnings:
        answer["warnings"] = [problem.to_wire() for problem in found.fatal + found.warnings]
    return answer


@dataclass
class ImportRun:
    """Applies an import plan to an account, row by row, counting what happened."""

    account: Account
    found: ImportPlan
    params: dict[str, Any]
    group: str | None
    seen: set[str] = field(default_factory=set)
    answer_columns: dict[int, tuple[str, str]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    statistic: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("inserted", "updated", "erroneous", "unconfirmed", "repeated"), 0
        )
    )

    def run(self) -> None:
        self.answer_columns = self.found.data_columns()
        if self.group is not None:
            self.account.list_group(self.group, self.found.addr_type)
            if self.params.get("clean_group") in (1, "1"):
                for member in self.account.members.values():
                    member.groups.discard(self.group)
        for number, row in enumerate(self.found.table.rows, start=1):
            try:
                self._row(row)
            except SendsayError as exc:
                self.statistic["erroneous"] += 1
                self.errors.append({"row": number, "error": exc.error_id, "explain": exc.explain})

    def _row(self, row: Row) -> None:
        index = self.found.address_column
        raw = row.get(index) if index is not None else None
        if not isinstance(raw, str):
            raise SendsayError("error/member/address_invalid", "no address")
        address, addr_type = normalise(raw, self.found.addr_type)
        if address in self.seen:
            self.statistic["repeated"] += 1
            return
        self.seen.add(address)
        data: dict[str, dict[str, Any]] = {}
        for column, value in row.items():
            if column in self.answer_columns and value not in ("", []):
                anketa, quest = self.answer_columns[column]
                data.setdefault(anketa, {})[quest] = value
        prepared = prepare(self.account, data)
        member = self.account.members.get(address)
        if member is None:
            member = self._insert(address, addr_type)
        elif self.params["if_exists"] == "error":
            raise SendsayError("error/member/exists", address)
        elif self.params["if_exists"] == "ignore":
            return
        else:
            self.statistic["updated"] += 1
        store(member, prepared, overwrite=True)
        if self.group is not None:
            member.groups.add(self.group)

    def _insert(self, address: str, addr_type: Any) -> Member:
        member = self.account.add_member(address, addr_type)
        self.statistic["inserted"] += 1
        if self.params.get("newbie.confirm") in (1, "1") and addr_type == "email":
            member.require_confirmation()
            self.statistic["unconfirmed"] += 1
            letter = self.params.get("newbie.letter.confirm")
            if letter is not None:
                self.account.outbox.append(
                    {"to": address, "letter": letter, "cookie": member.cookie}
                )
        return member

    def results(self, track_id: int) -> dict[str, Any]:
        param: dict[str, Any] = {"statistic": dict(self.statistic)}
        if self.errors:
            name = f"member.import.{track_id}"
            rows = [["row", "error", "explain"]]
            rows += [[str(e["row"]), e["error"], str(e["explain"])] for e in self.errors[:1000]]
            self.account.save_report(name + ".xlsx", table(rows, "xlsx"))
            self.account.save_report(name + ".json.zip", zipped_json(name + ".json", self.errors))
            param["report_file"] = name + ".xlsx"
            param["report_file.json"] = name + ".json.zip"
        for recipient in self.params.get("result") or []:
            to = recipient.removeprefix("mailto:")
            self.account.outbox.append({"to": to, "import_track": track_id, **param})
        return param


def _auto_group(params: dict[str, Any]) -> str | None:
    auto = params.get("auto_group")
    if auto is None:
        return None
    return auto.get("id") or f"import{clock.stamp(clock.now())}"


@BINARY_IN_JSON
def member_import(call: Call) -> dict[str, Any]:
    account = call.account
    found = plan(account, call.params, call.limits, call.read_ahead)
    if found.fatal:
        raise SendsayErrors(found.fatal)
    group = _auto_group(call.params)

    def work(track_id: int) -> dict[str, Any]:
        importing = ImportRun(account, found, call.params, group)
        importing.run()
        return importing.results(track_id)

    queued = sum(1 for t in account.tracks.values() if t.action == "member.import" and not t.final)
    answer = call.start_track({"group.id": group or ""}, work)
    return {"queue_position": queued + 1, **answer}


HANDLERS: dict[str, Handler] = {
    "member.import.probe": member_import_probe,
    "member.import": member_import,
}
