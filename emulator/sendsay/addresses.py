"""Subscriber addresses: e-mail syntax check and normal form, phone numbers (msisdn).

E-mail syntax codes (the document names only `error/email/multydog`; the others follow it):
`ok`, `error/email/empty`, `error/email/nodog` (no "@"), `error/email/multydog` (several "@"),
`error/email/local` (bad part before "@"), `error/email/domain` (bad domain).
The normal form is the address trimmed and lower-cased (" PRO@subscribe.ru " -> "pro@subscribe.ru").
Phone numbers are kept as "+" and 10 to 15 digits; spaces, dashes and brackets are dropped.
"""

from __future__ import annotations

import re
from typing import Literal

from .errors import SendsayError

AddrType = Literal["email", "msisdn"]

_LOCAL = re.compile(r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
_TLD = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
_PHONE_NOISE = re.compile(r"[\s()-]")
_PHONE = re.compile(r"\+?\d{10,15}")


def email_syntax(raw: str) -> tuple[str | None, str]:
    """(normal form or None, syntax code) of an address as given."""
    text = raw.strip().lower()
    if not text:
        return None, "error/email/empty"
    dogs = text.count("@")
    if dogs == 0:
        return None, "error/email/nodog"
    if dogs > 1:
        return None, "error/email/multydog"
    local, domain = text.split("@")
    if len(local) > 64 or not _LOCAL.fullmatch(local):
        return None, "error/email/local"
    labels = domain.split(".")
    if (
        len(domain) > 253
        or len(labels) < 2
        or not all(_LABEL.fullmatch(label) for label in labels)
        or not _TLD.fullmatch(labels[-1])
    ):
        return None, "error/email/domain"
    return text, "ok"


def normal_phone(raw: str) -> str | None:
    text = _PHONE_NOISE.sub("", raw)
    if not _PHONE.fullmatch(text):
        return None
    return "+" + text.lstrip("+")


def guess_type(raw: str) -> AddrType:
    """An address without "@" that reads as a phone number is an msisdn; anything else e-mail."""
    if "@" not in raw and normal_phone(raw) is not None:
        return "msisdn"
    return "email"


def normalise(raw: str, addr_type: AddrType | None = None) -> tuple[str, AddrType]:
    """(normal form, type) of a valid address; raises error/member/address_invalid otherwise."""
    kind = addr_type or guess_type(raw)
    if kind == "msisdn":
        phone = normal_phone(raw)
        if phone is None:
            raise SendsayError("error/member/address_invalid", f"not a phone number: {raw!r}")
        return phone, kind
    email, syntax = email_syntax(raw)
    if email is None:
        raise SendsayError("error/member/address_invalid", f"{syntax}: {raw!r}")
    return email, kind


def try_normalise(raw: str, addr_type: AddrType | None = None) -> str | None:
    """The normal form of a valid address, or None."""
    try:
        return normalise(raw, addr_type)[0]
    except SendsayError:
        return None
