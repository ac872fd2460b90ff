"""Small fixture specs for the evolution tests: a base API, written into a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

from codegen.cli import load_apis
from codegen.model import Api

API = """\
kind: api
api: tiny
title: {en: Tiny API}
version: "1.0"
source: none.txt
protocol: sendsay
base_url: https://example.com/api
python: {package: tiny_api, distribution: tiny-api, client: Tiny}
"""

SECTION = """\
kind: section
section: things
title: {en: Things}
types:
  Colour:
    description: {en: A colour.}
    type: string
    enum: [red, green]
operations:
  thing.get:
    summary: {en: Get a thing}
    auth: session
    mode: sync
    retry: {safe: true, reason: {en: Reads.}}
    params:
      id: {type: string, required: true, description: {en: Id.}}
      colour: {type: Colour, description: {en: Colour.}}
      size: {type: int | string, description: {en: Size.}}
      mode: {type: string, enum: [fast, slow], description: {en: Mode.}}
    responses:
      - name: ok
        fields:
          name: {type: string, required: true, description: {en: Name.}}
          weight: {type: int, description: {en: Weight.}}
  thing.delete:
    summary: {en: Delete a thing}
    auth: session
    mode: sync
    retry: {safe: false, reason: {en: Deletes.}}
    params:
      id: {type: string, required: true, description: {en: Id of the thing.}}
    responses:
      - name: ok
        fields: {}
"""


def write_spec(root: Path, files: dict[str, str]) -> Path:
    """Write `files` ({path below spec/tiny: text}) and return the spec folder."""
    spec = root / "spec"
    for name, text in files.items():
        path = spec / "tiny" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return spec


def load(root: Path, files: dict[str, str]) -> Api:
    (api,) = load_apis(write_spec(root, files))
    return api
