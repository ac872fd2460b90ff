"""A build backend that refuses: the repository root is not a package (see pyproject.toml).

`pip install .` of the root would otherwise install the generator and the emulator without the
client packages they import. The message says what to install instead.
"""

from __future__ import annotations

from typing import Any

MESSAGE = (
    "This repository is not a Python package. Install a client from its folder:\n"
    "    pip install generated/python/sendsay      # sendsay_api\n"
    "    pip install generated/python/altcraft     # altcraft_api\n"
    "For development, run `make test` (or `make demo`): it creates .venv with everything."
)


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise SystemExit(MESSAGE)


get_requires_for_build_wheel = get_requires_for_build_sdist = _refuse
get_requires_for_build_editable = _refuse
build_wheel = build_sdist = build_editable = _refuse
