"""`python -m docsite [SITE_DIR]`: build the reference site (default build/site)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from . import ROOT, build

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "site"
build(site, site.with_name(site.name + "-src"))
print(f"site: {site}/index.html")
