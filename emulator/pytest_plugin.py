"""pytest fixtures over the emulators: registered by the `pytest11` entry point of the package.

Fixtures (each test gets fresh emulators):

- `sendsay_emulator`, `altcraft_emulator`: in-process emulators; their state is plain data the
  test may read or arrange (`sendsay_emulator.account(EMULATOR_LOGIN).members`, `.tracks`,
  `.issues`, `.outbox`; `altcraft_emulator.tasks`).
- `sendsay_account`: the state of the account the ready client logs in to.
- `emulator_faults`: the faults of the clients' transports and of the server, a
  `emulator.faults.Faults`. Set them with the marker `@pytest.mark.emulator_faults(
  http_error_next=1)` or with `@pytest.mark.parametrize("emulator_faults", [{...}],
  indirect=True)`; by default there are none.
- `sendsay_client`, `altcraft_client`: ready sync clients talking to the emulators in-process.
- `emulator_server`: both emulators behind a loopback HTTP server on a free port
  (`.sendsay_url`, `.altcraft_url`), for code that takes a base URL (subprocesses, other
  HTTP clients, the command line's `--base-url`).

The emulator modules are imported by the fixtures, not when pytest loads this plugin.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .altcraft import AltcraftEmulator
    from .faults import Faults
    from .sendsay import SendsayEmulator
    from .sendsay.state import Account
    from .server import EmulatorServer

# The credentials of the ready clients (any are accepted by a default emulator).
EMULATOR_LOGIN = "test"
EMULATOR_PASSWORD = "test"
EMULATOR_TOKEN = "test-token"
MARKER = "emulator_faults"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**faults): faults the emulator fixtures inject, as the fields of"
        " emulator.faults.Faults (http_error_next=1, latency=0.2, ...)",
    )


@pytest.fixture
def emulator_faults(request: pytest.FixtureRequest) -> Faults:
    """The faults of this test: from `indirect` parametrization, the marker, or none."""
    from .faults import Faults

    settings: dict[str, Any] = {}
    marker = request.node.get_closest_marker(MARKER)
    if marker is not None:
        settings.update(marker.kwargs)
    settings.update(getattr(request, "param", None) or {})
    return Faults(**settings)


@pytest.fixture
def sendsay_emulator() -> SendsayEmulator:
    """A fresh in-process Sendsay emulator accepting any login."""
    from .sendsay import SendsayEmulator

    return SendsayEmulator()


@pytest.fixture
def altcraft_emulator() -> AltcraftEmulator:
    """A fresh in-process Altcraft emulator accepting any token."""
    from .altcraft import AltcraftEmulator

    return AltcraftEmulator()


@pytest.fixture
def sendsay_account(sendsay_emulator: SendsayEmulator) -> Account:
    """The state of the account `sendsay_client` logs in to: members, groups, issues, tracks."""
    return sendsay_emulator.account(EMULATOR_LOGIN)


@pytest.fixture
def sendsay_client(sendsay_emulator: SendsayEmulator, emulator_faults: Faults) -> Iterator[Any]:
    """A `sendsay_api.Sendsay` logged in to the in-process emulator, through the faults."""
    from sendsay_api import Sendsay

    transport = sendsay_emulator.transport(emulator_faults)
    with Sendsay(EMULATOR_LOGIN, password=EMULATOR_PASSWORD, transport=transport) as client:
        yield client


@pytest.fixture
def altcraft_client(altcraft_emulator: AltcraftEmulator, emulator_faults: Faults) -> Iterator[Any]:
    """An `altcraft_api.Altcraft` talking to the in-process emulator, through the faults."""
    from altcraft_api import Altcraft

    transport = altcraft_emulator.transport(emulator_faults)
    with Altcraft(EMULATOR_TOKEN, transport=transport) as client:
        yield client


@pytest.fixture
def emulator_server(
    sendsay_emulator: SendsayEmulator,
    altcraft_emulator: AltcraftEmulator,
    emulator_faults: Faults,
) -> Iterator[EmulatorServer]:
    """Both emulators on a loopback port: `.sendsay_url`, `.altcraft_url`; stopped after."""
    from .server import serve

    with serve(
        port=0, sendsay=sendsay_emulator, altcraft=altcraft_emulator, faults=emulator_faults
    ) as server:
        yield server
