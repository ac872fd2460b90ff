"""The reference site: MkDocs with Material, built from the generated pages and the guides.

`make docs` (`python -m docsite`) lays the pages out as they are in the repository
(`generated/docs/sendsay/...`, `docs/...`), so the relative links between them work on the site
as in the repository, and builds the site with `mkdocs.yml` in strict mode: a broken link or
anchor fails the build.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HOME = Path(__file__).resolve().parent / "home.md"
# The guide pages, in the order of the site's navigation.
GUIDES = [
    "authentication.md",
    "errors.md",
    "retries.md",
    "waiting.md",
    "stat-uni-query.md",
    "command-line.md",
    "emulator.md",
    "evolution.md",
]
REFERENCES = {"sendsay": "Sendsay reference", "altcraft": "Altcraft reference"}


def assemble(src: Path) -> None:
    """Copy the site's pages into `src`, laid out as in the repository, with the home page."""
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(ROOT / "generated" / "docs", src / "generated" / "docs")
    (src / "docs").mkdir(parents=True)
    for name in GUIDES:
        shutil.copyfile(ROOT / "docs" / name, src / "docs" / name)
    shutil.copyfile(HOME, src / "index.md")


def navigation(src: Path) -> list[Any]:
    """Home, the guides, then each API's index, sections and shared types."""
    nav: list[Any] = [{"Home": "index.md"}, {"Guide": [f"docs/{name}" for name in GUIDES]}]
    for api, title in REFERENCES.items():
        folder = src / "generated" / "docs" / api
        pages = sorted(p.name for p in folder.glob("*.md") if p.name != "index.md")
        nav.append({title: [f"generated/docs/{api}/{p}" for p in ["index.md", *pages]]})
    return nav


def build(site: Path, src: Path) -> Path:
    """Assemble the pages into `src` and build the site into `site`; return `site`."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    assemble(src)
    config = load_config(
        str(ROOT / "mkdocs.yml"),
        docs_dir=str(src),
        site_dir=str(site),
        nav=navigation(src),
        strict=True,
    )
    mkdocs_build(config)
    return site
