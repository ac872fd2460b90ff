"""Users (sublogins) of an account and their rights (which actions they may call).

A new user waits for a password change (status -1). Rights default to 1 (available) for every
action of the spec; `rights.set` changes only the actions it names. The emulator keeps rights
but does not enforce them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

WAITING_FOR_PASSWORD, ACTIVE, LOCKED = -1, 0, 1


@dataclass
class User:
    sublogin: str
    password: str
    email: str | None = None
    status: int = WAITING_FOR_PASSWORD
    rights: dict[str, int] = field(default_factory=dict)

    def list_item(self) -> dict[str, object]:
        return {"sublogin": self.sublogin, "status": self.status}

    def right(self, action: str) -> int:
        return self.rights.get(action, 1)
