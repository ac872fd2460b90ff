"""Errors a Sendsay handler raises; the dispatcher turns them into `errors: [{id, explain}]`.

Error ids answered by the emulator (the document names only the first three; the others are
the emulator's own, in the document's `error/<object>/<problem>` shape):

    error/auth/failed              explain `wrong_credentials` (login, sublogin, password or API
                                   key), `expired` (no, unknown or ended session), as live
    error/emulator/internal        an emulator bug (logged with its traceback), never HTTP 500
    error/email/multydog           (email.test syntax) more than one "@"; see addresses.py
    error/member/wrongcookie       member.confirm with a wrong confirmation code
    error/request/envelope         the form lacks apiversion / json / request, or has bad values
    error/request/json             `request` is not a JSON object
    error/request/method           not a POST (HTTP 405)
    error/request/path             a path other than `/` or `/api`, each maybe + REDIRECT (HTTP 404)
    error/request/http             (loopback server) a bad Content-Length or chunked body (HTTP 400)
    error/request/too_large        the body is over the emulator's limit (HTTP 413)
    error/request/invalid          the parameters break the spec (explain: the issues), or a
                                   rule the spec cannot express (page without pagesize, ...)
    error/action/missing           `request` has no `action`
    error/action/unknown           an action the emulator does not know (explain: the action)
    error/anketa/not_found, error/anketa/exists, error/anketa/system, error/anketa/id_invalid
    error/quest/not_found, error/quest/exists, error/quest/invalid, error/quest/type
    error/quest/answer_not_found
    error/member/not_found, error/member/exists, error/member/address_invalid,
    error/member/answer_invalid
    error/group/not_found, error/group/exists, error/group/reserved, error/group/type,
    error/group/in_use, error/group/filter
    error/<kind>/not_found         a missing object of a registry kind: format, draft, infolett,
                                   sequence, split, split/variant, issue, issue/later, smssender
    error/draft/template           issue.draft.set on a template
    error/sequence/no_steps, error/sequence/first_step   sequence.member.start refused
    error/user/not_found, error/user/exists, error/user/status, error/password/wrong
    error/rights/action            rights.* naming an action outside the spec
    error/rights/denied            a sublogin calling an action its rights forbid
    error/settings/unknown, error/settings/read_only
    error/rfs/not_found, error/rfs/dir_not_found, error/rfs/dir_not_empty, error/rfs/is_dir,
    error/rfs/is_file
    error/split/state, error/split/winner
    error/smssender/exists
    error/issue/format             a letter of one address type to a group of the other
    error/issue/later_conflict     issue.later.send to a day the group already has an issue
    error/issue/attach_not_found, error/issue/not_sorted
    error/stat/unsupported         a stat.uni field or combination the emulator does not compute
    error/track/not_found
    error/track/failed             (a track's `error`) the track was made to fail: fail_next_track
    error/import/url               users.url / url: the emulator fetches nothing from the network
    error/import/uid               member.import with an unknown `uid`
    error/import/data              fatal problems of the import data (no address column, an
                                   unreadable zip or xlsx, ...)
    error/import/too_large         import data over one of the emulator's limits (rows, columns,
                                   cell size, bytes unpacked from a zip archive)
    error/import/column_ignored    (import warning) a member.* column that is not the address
"""

from __future__ import annotations

from typing import Any


class SendsayError(Exception):
    """One API error: its `id` and `explain` go to the answer's `errors` list."""

    def __init__(self, error_id: str, explain: Any = None) -> None:
        super().__init__(f"{error_id}: {explain}")
        self.error_id = error_id
        self.explain = explain

    def to_wire(self) -> dict[str, Any]:
        error: dict[str, Any] = {"id": self.error_id}
        if self.explain is not None:
            error["explain"] = self.explain
        return error


def invalid(explain: Any) -> SendsayError:
    """A request that breaks a rule of the document the spec cannot express."""
    return SendsayError("error/request/invalid", explain)


class SendsayErrors(Exception):
    """Several API errors of one call (e.g. every fatal problem of an import)."""

    def __init__(self, errors: list[SendsayError]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors
