"""Facts the spec states are written once: who authorises a call, which parameters the client
fills itself, what happens after a failure, and which actions need no session."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path
from typing import Any

import pytest

from codegen.cli import load_apis
from codegen.model import Api, Operation
from codegen.prose import auth_text, retry_text
from codegen.python.operations_view import namespace_class, namespace_module
from codegen.python.protocols import protocol_of

ROOT = Path(__file__).resolve().parents[2]
APIS = load_apis(ROOT / "spec")
OPS = [(api, op) for api in APIS for op in api.operations]


def _ids(item: tuple[Api, Operation]) -> str:
    return item[1].wire


def _method(api: Api, op: Operation) -> Any:
    module = importlib.import_module(f"{api.package}.operations.{namespace_module(op.namespace)}")
    return getattr(getattr(module, namespace_class(op.namespace)), op.method)


def _words(text: str) -> str:
    return " ".join(text.split())


def _page(api: Api, op: Operation) -> str:
    return (ROOT / "generated" / "docs" / api.name / f"{op.section}.md").read_text("utf-8")


def _entry(page: str, op: Operation) -> str:
    start = page.index(f"## `{op.wire}`")
    end = page.find("\n## `", start + 1)
    return page[start : end if end != -1 else len(page)]


@pytest.mark.parametrize("item", OPS, ids=_ids)
def test_a_method_offers_and_documents_only_what_the_caller_passes(
    item: tuple[Api, Operation],
) -> None:
    api, op = item
    method = _method(api, op)
    params = set(inspect.signature(method).parameters) - {"self"}
    doc = inspect.getdoc(method) or ""
    section = doc.split("Args:")[1].split("Returns:")[0] if "Args:" in doc else ""
    args = set(re.findall(r"^    (\w+):", section, re.M))
    filled = {p.py for p in op.params if p.wire in op.client_filled}
    assert not (params | args) & filled, f"{op.wire} offers {filled}, which the client fills"
    assert ("request_id" in params) == protocol_of(api).request_ids
    assert args <= params, f"{op.wire} documents {args - params}, which it does not take"


@pytest.mark.parametrize("item", OPS, ids=_ids)
def test_docstring_and_reference_page_say_the_same(item: tuple[Api, Operation]) -> None:
    api, op = item
    doc = _words(inspect.getdoc(_method(api, op)) or "")
    entry = _words(_entry(_page(api, op), op))
    assert _words(retry_text(op)) in doc
    assert _words(retry_text(op)) in entry
    assert f"| Authorisation | {auth_text(op)} |" in entry


def test_altcraft_operations_are_not_said_to_need_no_authorisation() -> None:
    for api, op in OPS:
        if op.auth == "token":
            assert "| Authorisation | none |" not in _entry(_page(api, op), op)


def test_the_actions_without_a_session_come_from_the_spec() -> None:
    from sendsay_api import Sendsay
    from sendsay_api._runtime.sendsay import raw_operation

    from emulator.sendsay.emulator import PUBLIC_ACTIONS

    sendsay = next(api for api in APIS if api.name == "sendsay")
    public = {op.wire for op in sendsay.operations if op.auth == "none"}
    assert public and Sendsay._public_actions == public
    assert public == PUBLIC_ACTIONS
    for action in public:
        assert not raw_operation(action, Sendsay._public_actions).auth
    assert raw_operation("member.get", Sendsay._public_actions).auth
