"""`python -m emulator`: serve the Sendsay and Altcraft emulators on loopback until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from .altcraft import AltcraftEmulator
from .faults import Faults
from .sendsay import SendsayEmulator
from .server import serve


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m emulator", description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address")
    accounts = parser.add_argument_group("accounts (by default any login and password work)")
    accounts.add_argument("--login", help="the only Sendsay login accepted")
    accounts.add_argument("--password", help="the only Sendsay password accepted")
    accounts.add_argument("--sublogin", help="the only Sendsay sublogin accepted")
    accounts.add_argument(
        "--force-change-password",
        action="store_true",
        help="refuse every Sendsay login with explain force_change_password",
    )
    accounts.add_argument(
        "--apikey", action="append", default=[], help="an accepted Sendsay apikey (repeatable)"
    )
    accounts.add_argument("--altcraft-token", help="the only Altcraft token accepted")
    sendsay = parser.add_argument_group("Sendsay protocol events")
    sendsay.add_argument(
        "--redirect-first", metavar="PATH", help="answer the first Sendsay request REDIRECT PATH"
    )
    sendsay.add_argument(
        "--expire-session-after", type=int, metavar="N", help="a session expires after N calls"
    )
    faults = parser.add_argument_group("faults (for every request of both APIs)")
    faults.add_argument(
        "--latency", type=float, default=0.0, metavar="SECONDS", help="delay every answer"
    )
    faults.add_argument(
        "--latency-next", type=int, metavar="N", help="delay only the next N answers"
    )
    faults.add_argument(
        "--http-error-next", type=int, default=0, metavar="N", help="answer the next N with 5xx"
    )
    faults.add_argument(
        "--http-error-rate",
        type=float,
        default=0.0,
        metavar="P",
        help="then answer each request with 5xx with probability P (see --seed)",
    )
    faults.add_argument(
        "--http-error-status", type=int, default=503, metavar="STATUS", help="default 503"
    )
    faults.add_argument(
        "--http-error-processed",
        action="store_true",
        help="perform the request before answering 5xx (the state changes)",
    )
    faults.add_argument(
        "--retry-after", type=float, metavar="SECONDS", help="send Retry-After with the 5xx"
    )
    faults.add_argument(
        "--truncate-next",
        type=int,
        default=0,
        metavar="N",
        help="cut the next N answers in half (the requests are performed)",
    )
    faults.add_argument(
        "--non-json-next",
        type=int,
        default=0,
        metavar="N",
        help="answer the next N requests with an HTML error page (status 200)",
    )
    faults.add_argument("--seed", type=int, help="seed of the random 5xx (reproducible runs)")
    return parser


def _faults(args: argparse.Namespace) -> Faults:
    return Faults(
        latency=args.latency,
        latency_next=args.latency_next,
        http_error_next=args.http_error_next,
        http_error_rate=args.http_error_rate,
        http_error_status=args.http_error_status,
        http_error_processed=args.http_error_processed,
        retry_after=args.retry_after,
        truncate_next=args.truncate_next,
        non_json_next=args.non_json_next,
        seed=args.seed,
    )


def _emulators(args: argparse.Namespace) -> tuple[SendsayEmulator, AltcraftEmulator, Faults]:
    """The configured emulators; a ValueError starts with the name of the bad setting."""
    sendsay = SendsayEmulator(
        login=args.login,
        password=args.password,
        sublogin=args.sublogin,
        force_change_password=args.force_change_password,
        redirect_first=args.redirect_first,
        expire_session_after=args.expire_session_after,
        apikeys=set(args.apikey),
    )
    return sendsay, AltcraftEmulator(token=args.altcraft_token), _faults(args)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        sendsay, altcraft, faults = _emulators(args)
    except ValueError as exc:
        setting, _, problem = str(exc).partition(" ")
        parser.error(f"--{setting.replace('_', '-')} {problem}")
    try:
        server = serve(args.port, args.host, sendsay, altcraft, faults)
    except (OSError, ValueError) as exc:
        parser.exit(2, f"{parser.prog}: cannot start the emulator: {exc}\n")
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    print(f"Sendsay emulator:  {server.sendsay_url}", flush=True)
    print(f"Altcraft emulator: {server.altcraft_url}", flush=True)
    if faults.describe():
        print(f"Faults: {faults.describe()}", flush=True)
    print("Press Ctrl-C to stop.", flush=True)
    stopping.wait()
    server.stop()
    if faults.report():
        print(f"Faults injected: {faults.report()}", flush=True)
    print("Stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
