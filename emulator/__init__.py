"""Local emulators of the Sendsay and Altcraft APIs, in-process (httpx transports) and loopback.

`SendsayEmulator` and `AltcraftEmulator` answer `httpx.Request`s through `handle()`; their
`transport()` plugs them into `httpx.Client` / `httpx.AsyncClient` (and so into the generated
clients). `serve()` puts both behind one loopback HTTP server.
"""

from .altcraft import AltcraftEmulator
from .sendsay import SendsayEmulator
from .server import EmulatorServer, serve

__all__ = ["AltcraftEmulator", "EmulatorServer", "SendsayEmulator", "serve"]
