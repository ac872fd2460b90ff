"""The reference site in a real browser: Debian's Chromium, driven by playwright, on loopback.

The site is built once (`docsite.build`, MkDocs strict mode), served from 127.0.0.1, and
Chromium follows every internal link of every page, checks each target page loads and each
anchor exists, searches for an action name and takes a screenshot (printed path).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlencode, urlparse

import pytest

import docsite
from codegen.cli import load_apis

APIS = load_apis(docsite.ROOT / "spec")
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def ensure_chromium() -> str:
    """Debian's chromium, installed with apt-get when missing (as root)."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        pytest.skip("Chromium is missing and cannot be installed: no apt-get, or not root")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]
    if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, capture_output=True, check=True)
        subprocess.run(install, env=env, capture_output=True, check=True)
    return CHROMIUM


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    site = docsite.build(root / "site", root / "site-src")
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, site_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=FLAGS
        )
        # Nothing but the site: a request to another host fails the test that made it.
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith(site_url) else route.abort()
            ),
        )
        yield context
        context.close()


LINKS_AND_IDS = """() => ({
  links: Array.from(document.querySelectorAll('a[href]'), a => a.href),
  ids: Array.from(document.querySelectorAll('[id]'), e => e.id),
})"""


def test_every_internal_link_works(site_url: str, browser: Any) -> None:
    page = browser.new_page()
    ids: dict[str, set[str]] = {}
    anchors: list[tuple[str, str, str]] = []  # (page, link, fragment)
    queue, broken = [site_url], []
    while queue:
        url = queue.pop()
        if url in ids:
            continue
        response = page.goto(url, wait_until="domcontentloaded")
        if response is None or not response.ok:
            broken.append(f"{url}: HTTP {response.status if response else 'no answer'}")
            ids[url] = set()
            continue
        found = page.evaluate(LINKS_AND_IDS)
        ids[url] = set(found["ids"])
        for link in found["links"]:
            target, fragment = urldefrag(link)
            if not target.startswith(site_url):
                continue
            if urlparse(target).path.endswith("/") or target.endswith(".html"):
                queue.append(target)
            if fragment:
                anchors.append((url, target, fragment))
    broken += [
        f"{page_url} links to {target}#{fragment}: no such anchor"
        for page_url, target, fragment in anchors
        if target in ids and fragment not in ids[target]
    ]
    assert not broken, "\n".join(broken[:20])
    pages = [u for u in ids if "/generated/docs/sendsay/" in u]
    assert len(pages) > 20  # the Sendsay sections, their index and the shared types
    page.close()


RESULTS = """() => Array.from(document.querySelectorAll('.md-search-result__link'), a => a.href)"""


def search(page: Any, site_url: str, query: str) -> list[str]:
    """The links of the search results for `query` (Material opens search from `?q=`)."""
    page.goto(site_url + "?" + urlencode({"q": query}), wait_until="load")
    page.locator(".md-search-result__link").first.wait_for(timeout=30_000)
    links: list[str] = page.evaluate(RESULTS)
    return links


def heading_of(page: Any, link: str) -> str:
    """The text of the heading a result links to."""
    page.goto(link, wait_until="load")
    fragment = urldefrag(link)[1]
    text: str = page.locator(f"[id='{fragment}']").first.inner_text()
    return text


@pytest.mark.parametrize("action", ["member.get", "tasks/status"])
def test_search_finds_an_operation_by_action_and_by_description(
    site_url: str, browser: Any, action: str
) -> None:
    api, op = next((a, o) for a in APIS for o in a.operations if o.wire == action)
    page = browser.new_page()
    for query in (action, op.summary.en):
        links = search(page, site_url, query)
        ours = [u for u in links if f"/generated/docs/{api.name}/{op.section}/" in u and "#" in u]
        assert any(action in heading_of(page, u) for u in ours), (query, links)
    page.close()


def test_screenshot(site_url: str, browser: Any, tmp_path: Path) -> None:
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    search(page, site_url, "member.get")
    shot = tmp_path / "search-member-get.png"
    page.screenshot(path=str(shot))
    print(f"\nscreenshot: {shot}")
    assert shot.stat().st_size > 10_000
    page.close()
