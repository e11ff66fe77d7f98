"""Shared by the app tests: the Gradio app on a free loopback port in a background thread, and a
headless Debian Chromium context driven by Playwright (no browser download)."""
from __future__ import annotations

import os
import time
import urllib.request
from contextlib import contextmanager

from procs import free_port


def wait_up(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url + "config", timeout=2):
                return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def running_app(system, **kwargs):
    """Yield (blocks, base url) of a live app over `system`; the server is closed afterwards."""
    import app
    saved_auth = os.environ.pop("BAOCAO_AUTH", None)  # no login prompt in tests
    demo = app.build_app(system, **kwargs)
    port = free_port()
    try:
        app.launch(demo, "127.0.0.1", port, prevent_thread_lock=True, quiet=True)
        url = f"http://127.0.0.1:{port}/"
        wait_up(url)
        yield demo, url
    finally:
        demo.close()
        if saved_auth is not None:
            os.environ["BAOCAO_AUTH"] = saved_auth


CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 60_000


@contextmanager
def chromium_context(profile):
    """A persistent Chromium context in `profile` (1400×1000, vi-VN, downloads accepted)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=ARGS, headless=True, accept_downloads=True,
            viewport={"width": 1400, "height": 1000}, locale="vi-VN")
        ctx.set_default_timeout(TIMEOUT_MS)
        try:
            yield ctx
        finally:
            ctx.close()
