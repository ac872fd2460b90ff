"""email.test: syntax check and normal form of addresses, and an emulated SMTP probe.

No network is used. With `smtp.test` the probe answers by fixed rules: a domain under a
reserved top-level domain (.test, .example, .invalid, .localhost, .local) has no MX (`nomxa`);
the mailboxes missing@, unknown@ and nobody@ are refused at RCPT TO (550 5.1.1); every other
address passes (`ok`). MX addresses come from the documentation range 192.0.2.0/24.
"""

from __future__ import annotations

import zlib
from typing import Any

from ..addresses import email_syntax
from ..call import Call, Handler
from ..guesses import guessed

RESERVED_TLDS = frozenset({"test", "example", "invalid", "localhost", "local"})
UNKNOWN_MAILBOXES = frozenset({"missing", "unknown", "nobody"})


def smtp_probe(email: str) -> dict[str, Any]:
    local, domain = email.split("@")
    if domain.rsplit(".", 1)[-1] in RESERVED_TLDS:
        return {"status": "nomxa", "domain": domain, "message": f"{domain}: no MX or A record"}
    mx = f"mx.{domain}"
    probe: dict[str, Any] = {
        "status": "ok",
        "domain": domain,
        "mx": mx,
        "ip": f"192.0.2.{zlib.crc32(domain.encode()) % 254 + 1}",
        "ptr": [mx],
    }
    if local in UNKNOWN_MAILBOXES:
        probe.update(status="rcptto", code="550", dsn="5.1.1", message=f"<{email}>... User unknown")
    return probe


@guessed(
    "The SMTP probe (`smtp.test`) answers by fixed rules (reserved domains have no MX;"
    " missing@, unknown@ and nobody@ are refused), not as a real mail server would."
)
def email_test(call: Call) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for raw in call.params["list"]:
        email, syntax = email_syntax(raw)
        result: dict[str, Any] = {"email": email, "syntax": syntax}
        if email is not None and call.flag("smtp.test"):
            result["smtp"] = smtp_probe(email)
        results[raw] = result
    return {"list": results}


HANDLERS: dict[str, Handler] = {"email.test": email_test}
