"""The emulator installs on its own: built as wheels, with no checkout on the path, it runs."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECTS = ["generated/python/sendsay", "generated/python/altcraft", "emulator"]

USE = """
import emulator, sendsay_api
from emulator import SendsayEmulator
from sendsay_api import Sendsay

for module in (emulator, sendsay_api):
    assert module.__file__.startswith({site!r}), module.__file__
client = Sendsay(login="a", password="b", transport=SendsayEmulator().transport())
print(type(client.lenta.list()).__name__)  # answered from the package's schemas and examples
"""


def test_the_emulator_runs_from_its_wheels_outside_the_checkout(tmp_path: Path) -> None:
    wheels, site = tmp_path / "wheels", tmp_path / "site"
    build = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
    for project in PROJECTS:
        subprocess.run([*build, "-w", str(wheels), str(ROOT / project)], check=True)
    for wheel in sorted(wheels.glob("*.whl")):
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(site)
    assert list(site.glob("sendsay_api/schemas/member.get.response.schema.json"))
    assert list(site.glob("sendsay_api/service/examples.json"))
    entry_points = next(site.glob("sendsay_altcraft_emulator-*.dist-info/entry_points.txt"))
    assert "[pytest11]" in entry_points.read_text(encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", USE.format(site=str(site))],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "LentaListResponse"
