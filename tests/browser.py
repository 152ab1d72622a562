"""Real tools for the export tests: Debian's Chromium driven by Playwright, and
Graphviz's `dot`. Installed from Debian's packages when missing (CI and the
README's `pip install '.[test]' && pytest` run on a fresh machine); a test
fails with the reason when they cannot be installed, never skips."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Headless, offline, and quiet: no sandbox (root in CI), no GPU, no background traffic.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def apt_install(*packages: str) -> None:
    if shutil.which("apt-get") is None:
        pytest.fail(f"{', '.join(packages)} missing and apt-get is not available: install them "
                    "(Debian/Ubuntu: apt-get install chromium graphviz)")
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        pytest.fail(f"{', '.join(packages)} missing: run `sudo apt-get install -y {' '.join(packages)}` "
                    "(the tests install them only when run as root)")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1200, check=False)
        if done.returncode != 0:
            pytest.fail(f"`{' '.join(cmd)}` failed ({done.returncode}): {done.stderr.strip()[-800:]}")


def ensure_chromium() -> Path:
    if not CHROMIUM.exists():
        apt_install("chromium")
    if not CHROMIUM.exists():
        pytest.fail(f"apt-get installed chromium but {CHROMIUM} is not there")
    return CHROMIUM


def ensure_dot() -> str:
    if shutil.which("dot") is None:
        apt_install("graphviz")
    dot = shutil.which("dot")
    if dot is None:
        pytest.fail("apt-get installed graphviz but `dot` is not on PATH")
    return dot


@contextmanager
def offline_page(viewport: tuple[int, int] = (1400, 850)) -> Iterator[tuple[Any, list[str], list[str]]]:
    """A page of headless Chromium whose every non-file request is aborted.
    Yields (page, blocked request URLs, console errors and page errors)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install '.[test]'")
    executable = ensure_chromium()
    blocked: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(executable), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
            context.route("**/*", route)
            page = context.new_page()
            page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}")
                    if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
            yield page, blocked, errors
        finally:
            browser.close()
