"""`python -m emulator`: serve the Sendsay and Altcraft emulators on loopback until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from types import FrameType

from .altcraft import AltcraftEmulator
from .sendsay import SendsayEmulator
from .server import serve


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m emulator", description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address")
    parser.add_argument("--login", help="the only Sendsay login accepted (default: any)")
    parser.add_argument("--password", help="the only Sendsay password accepted (default: any)")
    parser.add_argument("--sublogin", help="the only Sendsay sublogin accepted (default: any)")
    parser.add_argument("--apikey", action="append", default=[], help="an accepted Sendsay apikey")
    parser.add_argument("--redirect-first", help="answer the first Sendsay request REDIRECT here")
    parser.add_argument("--expire-session-after", type=int, help="calls a session lives for")
    parser.add_argument("--altcraft-token", help="the only Altcraft token accepted (default: any)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    sendsay = SendsayEmulator(
        login=args.login,
        password=args.password,
        sublogin=args.sublogin,
        redirect_first=args.redirect_first,
        expire_session_after=args.expire_session_after,
        apikeys=set(args.apikey),
    )
    try:
        server = serve(args.port, args.host, sendsay, AltcraftEmulator(token=args.altcraft_token))
    except (OSError, ValueError) as exc:
        print(f"cannot start the emulator: {exc}", file=sys.stderr)
        return 2
    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    print(f"Sendsay emulator:  {server.sendsay_url}", flush=True)
    print(f"Altcraft emulator: {server.altcraft_url}", flush=True)
    print("Press Ctrl-C to stop.", flush=True)
    stopping.wait()
    server.stop()
    print("Stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
