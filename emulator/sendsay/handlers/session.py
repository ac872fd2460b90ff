"""ping, pong, login, login.agses.challenge, login.agses.response, logout."""

from __future__ import annotations

import time
from typing import Any

from ..call import Call, Handler
from ..guesses import guessed


def _moment() -> str:
    return f"{time.time():.6f}"


def ping(call: Call) -> dict[str, Any]:
    return {"pong": _moment()}


def pong(call: Call) -> dict[str, Any]:
    return {"ping": _moment()}


@guessed(
    "The explains `wrong_credentials` and `expired` are the live service's tokens, as"
    " the vendor's clients expect them; the document names none."
)
def login(call: Call) -> dict[str, Any]:
    login, sublogin = call.get("login"), call.get("sublogin")
    call.authority.check_credentials(login, sublogin, call.get("passwd"))
    session = call.authority.open_session(login, sublogin)
    return {"session": session, "login": login, "sublogin": sublogin}


def agses_challenge(call: Call) -> dict[str, Any]:
    flicker, hedge_id = call.authority.agses_challenge(call.params["card"])
    return {"flicker": flicker, "hedgeid": hedge_id}


def agses_response(call: Call) -> dict[str, Any]:
    session, login = call.authority.agses_response(call.params["card"], call.params["hedgeid"])
    return {"session": session, "login": login, "sublogin": call.authority.sublogin}


def logout(call: Call) -> dict[str, Any]:
    call.authority.close_session(call.session)
    return {}


HANDLERS: dict[str, Handler] = {
    "ping": ping,
    "pong": pong,
    "login": login,
    "login.agses.challenge": agses_challenge,
    "login.agses.response": agses_response,
    "logout": logout,
}
