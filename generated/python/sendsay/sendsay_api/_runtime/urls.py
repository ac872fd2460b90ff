"""Base URL policy shared by both protocols: TLS by default, plain HTTP only on loopback."""

from __future__ import annotations

import httpx

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def is_loopback(url: str) -> bool:
    return httpx.URL(url).host in LOOPBACK_HOSTS


def check_base_url(url: str, allow_insecure_http: bool) -> None:
    """Refuse a plain http:// base URL unless it is loopback or explicitly allowed."""
    scheme = httpx.URL(url).scheme
    if scheme == "https":
        return
    if scheme == "http" and (allow_insecure_http or is_loopback(url)):
        return
    raise ValueError(
        f"refusing base_url {url!r}: use https:// (plain http:// is allowed for loopback"
        " addresses, or with allow_insecure_http=True)"
    )
