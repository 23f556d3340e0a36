"""The web page in real headless Chromium (Debian's package, driven by Playwright): explain, check, evidence.

Screenshots go to out/screenshots/ (ignored by git) as the test's artefacts.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from serve_harness import running

ROOT = Path(__file__).parent.parent
ARTICLE = (ROOT / "examples" / "nato-ukraine.txt").read_text("utf-8")
SHOTS = ROOT / "out" / "screenshots"
CHROMIUM = os.environ.get("RETOLD_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
# Planted errors: a look-alike country, a shifted year, an invented quote, a call to action; and markup
# that must show as text.
PLANTED = (
    "Ukraine's foreign minister Andriy Sybiha met his Latvian counterpart Gabrielius Landsbergis in Brussels.\n"
    "In September 2021 Kyiv submitted an application to join the alliance.\n"
    'Rutte said NATO "will never admit Ukraine".\n'
    "Officials wrote <script>window.pwned = 1</script> and <img src=x onerror=\"window.pwned = 2\"> in a memo.\n"
    "Subscribe to our newsletter for more updates!\n"
)

pytestmark = pytest.mark.skipif(
    not shutil.which(CHROMIUM), reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def base():
    with running() as url:
        yield url


def watched(page):
    """Collect the page's console errors (CSP violations included) and failed requests."""
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("requestfailed", lambda req: problems.append(f"failed: {req.url}"))
    return problems


def test_explain_then_check_a_rewrite_with_planted_errors(browser, base):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = watched(page)
    page.goto(base + "/")
    page.fill("#explain-text", ARTICLE)
    page.click("#explain-go")
    page.wait_for_selector("#draft .headline")
    assert "Self-check PASS" in page.inner_text("#explain-summary")
    assert page.locator("#draft h3").all_inner_texts()[:2] == ["Driving the news", "Why it matters"]

    # Hovering an item marks the source sentences it rests on.
    item = page.locator("#draft .sec-driving-the-news li").first
    item.hover()
    cited = page.locator("#explain-source .sent.cited")
    assert cited.count() >= 1
    cited_text = " ".join(cited.all_inner_texts())
    long_words = [w for w in item.inner_text().split() if len(w) > 6][:5]
    assert long_words and all(w in cited_text for w in long_words)  # the item rests on those sentences
    assert cited.first.is_visible()
    page.screenshot(path=str(SHOTS / "explainer.png"), full_page=True)

    # The same article, then a rewrite with planted errors, side by side.
    page.click("#explain-to-check")
    assert page.get_attribute("#tab-check", "aria-selected") == "true"
    assert page.input_value("#check-source").startswith("Minister of Foreign Affairs of Ukraine")
    page.fill("#check-rewrite", PLANTED)
    page.click("#check-go")
    page.wait_for_selector("#check-summary .verdict")
    assert page.inner_text("#check-summary .verdict") == "FAIL"
    errors = page.locator("#check-rewrite-view mark.sev-error")
    texts = errors.all_inner_texts()
    assert "Latvian" in texts and "September 2021" in texts
    assert any("Subscribe to our newsletter" in t for t in texts)
    assert "entity" in page.get_attribute("#check-rewrite-view mark:text-is('Latvian')", "class")

    # Markup in the rewrite is shown as text and never runs.
    assert "<script>window.pwned = 1</script>" in page.inner_text("#check-rewrite-view")
    assert page.evaluate("window.pwned") is None
    assert page.locator("#check-rewrite-view img, #check-rewrite-view script").count() == 0

    # Clicking a finding marks its evidence in the source and scrolls it into view.
    page.click("#check-rewrite-view mark:text-is('September 2021')")
    evidence = page.locator("#check-source-view mark.evidence")
    assert evidence.count() >= 1 and "September 2022" in evidence.first.inner_text()
    pane = page.locator("#check-source-view").bounding_box()
    spot = evidence.first.bounding_box()
    assert pane["y"] <= spot["y"] and spot["y"] + spot["height"] <= pane["y"] + pane["height"]
    assert "September 2022" in page.inner_text("#check-detail")
    page.screenshot(path=str(SHOTS / "check.png"), full_page=True)

    # Filters by kind hide a kind's marks and list entries; n steps through the findings from the keyboard.
    page.uncheck("#check-filters input[value='date']")
    assert page.locator("#check-rewrite-view mark.kind-date").count() == 0
    assert "September 2021" not in page.inner_text("#check-findings")
    page.check("#check-filters input[value='date']")
    page.locator("#check-rewrite-view").click(position={"x": 2, "y": 2})
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.tagName") == "MARK"

    # History lists both runs, and a run opens again.
    page.click("#tab-history")
    page.wait_for_selector("#history .run")
    kinds = page.locator("#history .run .kind").all_text_contents()
    assert kinds[:2] == ["check", "rewrite"]
    page.locator("#history .run").nth(1).click()
    page.wait_for_selector("#panel-explain:not([hidden]) #draft .headline")
    assert problems == []
    page.close()


def test_dark_mode_and_a_phone(browser, base):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark", device_scale_factor=2)
    page = phone.new_page()
    problems = watched(page)
    page.goto(base + "/")
    page.click("#tab-check")
    page.fill("#check-source", ARTICLE)
    page.fill("#check-rewrite", PLANTED)
    page.click("#check-go")
    page.wait_for_selector("#check-summary .verdict")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 21, 23)"  # the dark palette
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the phone
    page.click("#check-rewrite-view mark:text-is('Latvian')")
    assert "Lithuanian" in page.locator("#check-source-view mark.evidence").first.inner_text()
    page.screenshot(path=str(SHOTS / "phone-dark.png"), full_page=False)
    assert problems == []
    phone.close()


def test_behind_a_token_the_page_asks_for_it_and_sends_it(browser):
    from retold.serve import ServeConfig

    token = "a-browser-test-token-0123456789"
    with running(ServeConfig(token=token), warm=False) as url:
        page = browser.new_page()
        page.goto(url + "/")
        page.click("#tab-check")
        page.fill("#check-source", ARTICLE)
        page.fill("#check-rewrite", PLANTED)
        page.click("#check-go")
        page.wait_for_selector("#alert:not([hidden])")
        assert "RETOLD_TOKEN" in page.inner_text("#alert")
        page.fill("#token", token)
        page.dispatch_event("#token", "change")
        page.click("#check-go")
        page.wait_for_selector("#check-summary .verdict")
        assert page.inner_text("#check-summary .verdict") == "FAIL" and page.is_hidden("#alert")
        page.close()
