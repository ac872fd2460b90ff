"""Where the Sendsay emulator answers: `/api` and the host root `/` (the vendor clients post to
`https://api.sendsay.ru` plus the REDIRECT path), whatever path the first request used."""

from __future__ import annotations

import httpx
from adversarial.emulator_calls import error_ids, form, post

from emulator import SendsayEmulator, serve

PING = {"action": "ping"}


def test_a_request_to_a_wrong_path_does_not_move_the_api() -> None:
    emulator = SendsayEmulator()
    typo = post(emulator, PING, "https://sendsay.test/api/typo")
    assert typo.status_code == 404 and error_ids(typo) == ["error/request/path"]
    for url in ("https://sendsay.test/api", "https://sendsay.test/", "https://sendsay.test"):
        answer = post(emulator, PING, url)
        assert answer.status_code == 200 and "pong" in answer.json(), url


def test_the_api_answers_at_the_root_and_at_api_over_loopback() -> None:
    with serve() as server, httpx.Client(trust_env=False) as http:
        for url in (server.url + "/typo", server.url, server.url + "/", server.sendsay_url):
            answer = http.post(url, content=form(PING))
            if url.endswith("/typo"):
                assert answer.status_code == 404 and error_ids(answer) == ["error/request/path"]
            else:
                assert answer.status_code == 200 and "pong" in answer.json(), url


def test_a_redirect_is_followed_from_the_root_as_the_vendor_clients_do() -> None:
    """The vendor clients append the REDIRECT value to the host root, not to `/api`."""
    emulator = SendsayEmulator(redirect_first="node7")
    with serve(sendsay=emulator) as server, httpx.Client(trust_env=False) as http:
        first = http.post(server.url, content=form(PING)).json()
        assert first["REDIRECT"] == "/node7"
        again = http.post(server.url + first["REDIRECT"], content=form(PING))
        assert again.status_code == 200 and "pong" in again.json()
        assert "pong" in http.post(server.sendsay_url + "/node7", content=form(PING)).json()
        elsewhere = http.post(server.url + "/node8", content=form(PING))
        assert elsewhere.status_code == 404
