"""In a real browser: search, actor page, a quote's evidence link, and a hostile article.

Drives Debian's Chromium (/usr/bin/chromium) with Playwright against the app served by uvicorn
on a free loopback port. Skips, saying why, when either is missing. Screenshots go to
test-output/screenshots/ at the repository root (git-ignored).
"""
import json
import os
import shutil
import socket
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.api.conftest import HOSTILE_TEXT, TOKEN

CHROMIUM = os.environ.get("CHRONICLE_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
# Headless and quiet: no sandbox (CI runs as root), no GPU, and no calls home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip(
    "playwright.sync_api", exc_type=ImportError, reason="needs Playwright (pip install -e '.[test]') for the browser test")
if not os.access(CHROMIUM, os.X_OK):
    pytest.skip(f"needs Chromium at {CHROMIUM} (apt-get install -y chromium) for the browser test",
                allow_module_level=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app with a write token, served by uvicorn in a background thread; yields its URL."""
    import uvicorn

    from chronicle.api import create_app

    app = create_app(tmp_path_factory.mktemp("browser") / "chronicle.db", write_token=TOKEN)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


def post_article(base: str, text: str, published: str) -> dict:
    request = urllib.request.Request(
        base + "/api/articles", method="POST",
        data=json.dumps({"text": text, "published": published}).encode("utf-8"),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        assert response.status in (200, 201)
        return json.loads(response.read())


@pytest.fixture(scope="module")
def browser():
    profile = tempfile.mkdtemp(prefix="chronicle-chromium-")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1200, "height": 900})
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser):
    page = browser.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    page.close()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # or the sticky header lands mid-page
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_search_actor_quote_evidence(server, page, specimen_text):
    made = post_article(server, specimen_text, "2023-02-12")
    page.goto(server + "/")
    shot(page, "1-home")
    page.fill("input[name=q]", "Podolyak")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=Podolyak")
    shot(page, "2-search-podolyak")
    page.click("a.actor-link:has-text('Mykhaylo Podoljak')")
    page.wait_for_url("**/actors/Mykhaylo%20Podoljak")
    assert page.locator("h1").inner_text() == "Mykhaylo Podoljak"
    assert page.locator("svg circle.dot-quote").count() == 3
    shot(page, "3-actor-podoljak")
    link = page.locator("li.quote-row a.evidence").first
    href = link.get_attribute("href")
    quote_id = href.rsplit("#", 1)[1]
    link.click()
    page.wait_for_url(f"**/articles/{made['id']}#{quote_id}")
    assert page.evaluate("location.hash") == f"#{quote_id}"
    target = page.locator(f"#{quote_id}")
    assert target.get_attribute("class") == "hl hl-quote"
    assert page.evaluate("document.querySelector(':target').id") == quote_id
    target.wait_for(state="visible")
    assert target.is_visible() and target.bounding_box()["y"] >= 0
    page.screenshot(path=str(SCREENSHOTS / "4-article-highlight.png"))  # the viewport, as seen
    shot(page, "4b-article-full")
    # And back: the quote's own page links to the same highlight.
    target.locator(f"a[href='/quotes/{made['id']}/{quote_id}']").first.click()
    page.wait_for_url(f"**/quotes/{made['id']}/{quote_id}")
    assert page.locator("a.evidence").get_attribute("href") == f"/articles/{made['id']}#{quote_id}"
    shot(page, "5-quote-page")
    page.goto(server + f"/events/{made['id']}/e1")
    shot(page, "6-event-page")
    assert page.dialogs == []


def test_hostile_article_runs_no_script(server, page):
    made = post_article(server, HOSTILE_TEXT, "2023-03-06")
    page.goto(server + made["links"]["page"])
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text().startswith('Freedonia rejects "><img src=x')
    assert page.locator("#text img, #text b, #text script").count() == 0
    page.locator("details.removed summary").click()
    shot(page, "7-hostile-article")
    page.goto(server + "/?q=%3Cscript%3Ealert(7)%3C/script%3E")
    shot(page, "8-hostile-search")
    assert page.dialogs == []
