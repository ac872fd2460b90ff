"""How the statistics calls answer: at once (`result` response) or as a report file.

With `result` save or email the call starts a track (1, 2 33%, 5 "generating the report" 66%,
-1); at its end the rows are computed from the state of that moment and written to the report
storage as `<action>.<track id>.<csv|xlsx>` (read with `rfs.file.get`, domain `report`, path
"/<name>"); `param.report_file` names it, and email also puts a letter with it in the outbox.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .call import Call
from .reports import table
from .tracks import REPORT_STEPS

Rows = Callable[[], list[list[Any]]]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def start_report(call: Call, rows: Rows, param: dict[str, Any] | None = None) -> dict[str, Any]:
    """Start the track that writes the report; the answer `{"track.id": ...}`."""
    account = call.account
    file_format = call.get("result.format", "csv")
    recipients = call.get("email") or []
    emailed = call.get("result") == "email"

    def work(track_id: int) -> dict[str, Any]:
        name = f"{call.action}.{track_id}.{file_format}"
        account.save_report(name, table([[_cell(v) for v in row] for row in rows()], file_format))
        if emailed:
            account.outbox.append({"to": list(recipients), "attachment": name})
        return {"report_file": name}

    return call.start_track(dict(param or {}), work, REPORT_STEPS)
