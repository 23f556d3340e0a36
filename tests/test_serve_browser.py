"""The web page in real headless Chromium (Debian's package, driven by Playwright), at desktop and phone widths.

One browser and one server (its history in a real SQLite store) serve the whole module. Screenshots go to
out/screenshots/ (ignored by git) as the tests' artefacts.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import httpx
import pytest

from serve_harness import running

ROOT = Path(__file__).parent.parent
ARTICLE = (ROOT / "examples" / "nato-ukraine.txt").read_text("utf-8")
# An AI rewrite of the article with some fifty findings: invented names, shifted dates and figures, altered
# quotes, a misspelt name, chatbot chatter and site boilerplate (written for these tests).
LONG_REWRITE = (ROOT / "tests" / "data" / "rewrites" / "nato-ai-long.md").read_text("utf-8")
AXE = ROOT / "tests" / "data" / "axe" / "axe.min.js"
SHOTS = ROOT / "out" / "screenshots"
CHROMIUM = os.environ.get("RETOLD_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Planted errors: a look-alike country, a shifted year, an altered quote, a call to action; and markup
# that must show as text.
PLANTED = (
    "Ukraine's foreign minister Andriy Sybiha met his Latvian counterpart Gabrielius Landsbergis in Brussels.\n"
    "In September 2021 Kyiv submitted an application to join the alliance.\n"
    'An unnamed senior NATO diplomat told Reuters, "It will take years and months to get consensus."\n'
    'Officials wrote <script>window.pwned = 1</script> and <img src=x onerror="window.pwned = 2"> in a memo.\n'
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
def base(tmp_path_factory):
    from retold.serve.storelog import StoreRunLog
    from retold.store import Store

    with pytest.MonkeyPatch.context() as env:
        env.delenv("RETOLD_MODEL", raising=False)
        env.setenv("RETOLD_CONFIG", str(tmp_path_factory.mktemp("config") / "none.toml"))  # no model configured
        with (
            Store.open(tmp_path_factory.mktemp("store") / "runs.sqlite3", shared=True) as store,
            running(runs=StoreRunLog(store)) as url,
        ):
            yield url


def watched(page):
    """Collect the page's console errors (CSP violations included) and failed requests."""
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("requestfailed", lambda req: problems.append(f"failed: {req.url}"))
    return problems


def open_page(browser, base, *, viewport=DESKTOP, dark=False, csp=True):
    context = browser.new_context(viewport=viewport, color_scheme="dark" if dark else "light", bypass_csp=not csp)
    page = context.new_page()
    page.goto(base + "/")
    return page


def check(page, source, rewrite):
    page.click("#tab-check")
    page.fill("#check-source", source)
    page.fill("#check-rewrite", rewrite)
    page.click("#check-go")
    page.wait_for_selector("#check-out:not([hidden]) #check-summary .verdict")


def wait_until(page, expression: str, timeout: float = 60.0) -> None:
    """Poll ``expression`` until it is true (Playwright's wait_for_function evaluates strings, which the page's
    CSP forbids)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:g} s: {expression}")
        time.sleep(0.05)


def left(page) -> int:
    return int(page.inner_text("#check-left").split()[0])


def in_view(page, selector_or_locator) -> bool:
    box = (
        page.locator(selector_or_locator) if isinstance(selector_or_locator, str) else selector_or_locator
    ).bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= -1 and box["y"] + box["height"] <= size["height"] + 1 and box["x"] >= 0


# ------------------------------------------------------------------ explain, then check


def test_explain_then_check_a_rewrite_with_planted_errors(browser, base):
    page = open_page(browser, base)
    problems = watched(page)
    page.fill("#explain-text", ARTICLE)
    page.click("#explain-go")
    page.wait_for_selector("#draft .headline")
    assert "Self-check PASS" in page.inner_text("#explain-summary")
    assert page.locator("#draft h3").all_inner_texts()[:2] == ["Driving the news", "Why it matters"]
    # The result comes on screen and takes the focus.
    assert page.evaluate("document.activeElement.id") == "explain-summary" and in_view(page, "#explain-summary")

    # Hovering an item marks the source sentences it rests on.
    item = page.locator("#draft .sec-driving-the-news li").first
    item.hover()
    cited = page.locator("#explain-source .sent.cited")
    assert cited.count() >= 1
    cited_text = " ".join(cited.all_inner_texts())
    long_words = [w for w in item.inner_text().split() if len(w) > 6][:5]
    assert long_words and all(w in cited_text for w in long_words)  # the item rests on those sentences

    # What the explainer left out is listed under it, each with its source sentence.
    omissions = page.locator("#explain-omission-list li")
    assert omissions.count() == 5
    first = omissions.first.inner_text()
    assert first.startswith("Left out: Lithuania (main actor)") and "Lithuanian counterpart" in first
    page.screenshot(path=str(SHOTS / "explainer.png"), full_page=True)

    # The same article, then a rewrite with planted errors, side by side.
    page.click("#explain-to-check")
    assert page.get_attribute("#tab-check", "aria-selected") == "true"
    assert page.input_value("#check-source").startswith("Minister of Foreign Affairs of Ukraine")
    page.fill("#check-rewrite", PLANTED)
    page.click("#check-go")
    page.wait_for_selector("#check-summary .verdict")
    assert page.inner_text("#check-summary .verdict") == "FAIL"
    assert page.evaluate("document.activeElement.id") == "check-summary" and in_view(page, "#check-summary")
    texts = page.locator("#check-rewrite-view mark.sev-error").all_inner_texts()
    assert "Latvian" in texts and "September 2021" in texts
    assert any("Subscribe to our newsletter" in t for t in texts)
    assert "kind-entity" in page.get_attribute("#check-rewrite-view mark:text-is('Latvian')", "class")

    # Markup in the rewrite is shown as text and never runs.
    assert "<script>window.pwned = 1</script>" in page.inner_text("#check-rewrite-view")
    assert page.evaluate("window.pwned") is None
    assert page.locator("#check-rewrite-view img, #check-rewrite-view script").count() == 0

    # Clicking a finding marks its source text and scrolls it into view in the source pane.
    page.click("#check-rewrite-view mark:text-is('September 2021')")
    evidence = page.locator("#check-source-view mark.evidence")
    assert evidence.count() >= 1 and "September 2022" in evidence.first.inner_text()
    pane = page.locator("#check-source-view").bounding_box()
    spot = evidence.first.bounding_box()
    assert pane["y"] <= spot["y"] and spot["y"] + spot["height"] <= pane["y"] + pane["height"]
    assert "September 2022" in page.inner_text("#check-detail")

    # n steps through the findings from the keyboard.
    page.locator("#check-rewrite-view").click(position={"x": 2, "y": 2})
    page.keyboard.press("n")
    assert page.evaluate("document.activeElement.tagName") == "MARK"

    # History lists both runs, and the check says what is left to review.
    run_id = page.evaluate("state.check.run_id")
    page.click("#tab-history")
    page.wait_for_selector(f"#history .run[data-run='{run_id}']")
    rows = page.locator("#history .run")
    assert rows.nth(0).locator(".kind").inner_text().lower() == "check"
    assert re.fullmatch(r"\d+ left to review", rows.nth(0).locator(".review").inner_text())
    assert rows.nth(1).locator(".kind").inner_text().lower() == "explainer"
    assert problems == []
    page.context.close()


# ------------------------------------------------------------------ evidence by relation


def test_evidence_is_labelled_by_what_it_is_to_the_finding(browser, base):
    page = open_page(browser, base)
    check(page, ARTICLE, PLANTED)
    # "Latvian": the source sentence shown is only the closest one. It never reads as support.
    page.click("#check-rewrite-view mark:text-is('Latvian')")
    detail = page.locator("#check-detail")
    assert "Closest source text — it does not support this" in detail.inner_text()
    assert detail.locator(".evidence-block.rel-closest").count() == 1
    green = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--evidence').trim()")
    closest = page.locator("#check-source-view mark.evidence").first
    assert "rel-closest" in closest.get_attribute("class")
    shade = page.evaluate(
        "(green) => { const d = document.createElement('i'); d.style.color = green; document.body.append(d);"
        " const c = getComputedStyle(d).color; d.remove(); return c; }",
        green,
    )
    assert closest.evaluate("m => getComputedStyle(m).backgroundColor") != shade
    # The altered quote: the source's own words, which say otherwise.
    page.click("#check-rewrite-view mark:has-text('It will take years and months')")
    assert "The source says otherwise" in detail.inner_text()
    assert (
        detail.locator(".evidence-block.rel-contradicts blockquote").inner_text()
        == "It will take weeks and months to get consensus."
    )
    assert "rel-contradicts" in page.get_attribute("#check-source-view mark.evidence", "class")
    # A call to action has no source text at all.
    page.click("#check-rewrite-view mark:has-text('Subscribe')")
    assert "No source text for this" in detail.inner_text() and detail.locator(".ev").count() == 0
    page.context.close()


# ------------------------------------------------------------------ triage and acting on findings


def test_triage_errors_first_merged_cards_kinds_in_words_and_filters(browser, base):
    page = open_page(browser, base)
    check(page, ARTICLE, LONG_REWRITE)
    data = page.evaluate("state.check")
    spans = {(f["start"], f["end"]) for f in data["findings"] if f["start"] < f["end"]}
    omissions = sum(1 for f in data["findings"] if f["start"] >= f["end"])
    cards = page.locator("#check-findings > li.finding")
    assert cards.count() == len(spans) + omissions < len(data["findings"])  # same words, one card
    rank = {"error": 2, "warning": 1, "info": 0}
    order = [rank[re.search(r"sev-(\w+)", c).group(1)] for c in cards.evaluate_all("cs => cs.map(c => c.className)")]
    assert order == sorted(order, reverse=True) and order[0] == 2  # errors first
    listed = page.inner_text("#check-findings")
    assert "Name not in the source" in listed and "Left out" in listed
    assert not re.search(r"\b(entity|leakage|boilerplate)\b", listed)  # no code words
    shared = page.locator("#check-findings > li.finding:has-text('2 findings')").first
    assert shared.locator(".one").count() == 2

    page.click("#check-errors-only")
    shown = cards.evaluate_all("cs => cs.map(c => c.className)")
    assert shown and all("sev-error" in c for c in shown)
    assert page.locator("#check-rewrite-view mark.sev-warning, #check-rewrite-view mark.sev-info").count() == 0
    page.click("#check-errors-only")
    page.uncheck("#check-severity input[value='error']")
    shown = cards.evaluate_all("cs => cs.map(c => c.className)")
    assert shown and not any("sev-error" in c for c in shown)
    page.check("#check-severity input[value='error']")
    page.uncheck("#check-filters input[value='date']")
    assert page.locator("#check-rewrite-view mark.kind-date").count() == 0
    page.context.close()


def test_an_editor_reaches_nothing_left_to_review_and_the_store_keeps_it(browser, base):
    page = open_page(browser, base)
    problems = watched(page)
    check(page, ARTICLE, LONG_REWRITE)
    first_run = page.evaluate("state.check.run_id")
    total = left(page)
    assert total >= 50
    page.click("#check-rewrite-view mark:text-is('Andriy Sybhia')")
    assert "Use the source's words: “Andriy Sybiha”" in page.inner_text("#check-detail")
    page.locator("#check-out").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "check-desktop.png"), full_page=False)
    accepted, steps = [], 0
    while left(page) and steps < 80:
        steps += 1
        card = page.locator("#check-findings > li.finding:not(.decided)").first
        use = card.locator("[data-do='accept']")
        if use.count():
            words = use.inner_text()
            before = page.evaluate("state.check.run_id")
            use.click()
            wait_until(page, f"state.check.run_id !== {json.dumps(before)}")
            assert "Replaced" in page.inner_text("#check-status")
            accepted.append(words)
            continue
        before = left(page)
        card.locator("[data-do='dismissed']" if steps % 2 else "[data-do='reviewed']").click()
        wait_until(page, f"parseInt(document.querySelector('#check-left').textContent) < {before}")
    assert page.inner_text("#check-left") == "0 left to review"
    assert len(accepted) >= 3 and any("Andriy Sybiha" in a for a in accepted)
    assert any("weeks and months" in a for a in accepted)
    final = page.evaluate("state.check")
    assert "Andriy Sybiha met" in final["rewrite_text"] and "Sybhia" not in final["rewrite_text"]

    # The stored runs: the last holds a decision on every finding; the first, the source's words accepted.
    last = httpx.get(f"{base}/api/runs/{final['run_id']}").json()
    assert last["left_to_review"] == 0 and len(last["result"]["reviews"]) == last["findings"]
    assert set(last["result"]["reviews"]) <= {"dismissed", "reviewed"} and len(set(last["result"]["reviews"])) == 2
    opened = httpx.get(f"{base}/api/runs/{first_run}").json()
    assert "accepted" in opened["result"]["reviews"]
    # History shows it, and the exported JSON carries each decision.
    page.click("#tab-history")
    page.wait_for_selector(f"#history .run[data-run='{final['run_id']}']")
    assert page.locator("#history .run").first.locator(".review").inner_text() == f"all {last['findings']} reviewed"
    page.click("#tab-check")
    with page.expect_download() as got:
        page.click("[data-action='download-json'][data-from='check']")
    download = got.value
    assert re.fullmatch(r"article-\d{4}-\d{2}-\d{2}-check\.json", download.suggested_filename)
    exported = json.loads(Path(download.path()).read_text("utf-8"))
    assert [f["review"] for f in exported["findings"]] == last["result"]["reviews"]
    # The first run, reopened from the history, shows the decisions taken on it.
    page.click("#tab-history")
    page.click(f"#history .run[data-run='{first_run}']")
    wait_until(page, f"state.check && state.check.run_id === {json.dumps(first_run)}")
    assert page.locator('#check-findings .decision:text-is("Source\'s words used")').count() >= 1
    assert left(page) == opened["left_to_review"]
    assert problems == []
    page.context.close()


def test_the_rewrite_is_edited_and_checked_again(browser, base):
    page = open_page(browser, base)
    page.click("#tab-check")
    page.fill("#check-published", "2024-12-03")
    check(page, ARTICLE, PLANTED)
    assert page.locator("#check-rewrite-view mark:text-is('Latvian')").count() == 1
    page.click("#check-edit-toggle")
    edit = page.locator("#check-edit")
    assert edit.is_visible() and edit.input_value() == page.evaluate("state.check.rewrite_text")
    edit.fill(edit.input_value().replace("Latvian", "Lithuanian"))
    before = page.evaluate("state.check.run_id")
    with page.expect_request("**/api/check") as sent:
        page.click("#check-recheck")
    body = json.loads(sent.value.post_data)
    assert (
        body["follows"] == before and body["published"] == "2024-12-03" and "Lithuanian counterpart" in body["rewrite"]
    )
    wait_until(page, f"state.check.run_id !== {json.dumps(before)}")
    assert page.locator("#check-rewrite-view mark:text-is('Latvian')").count() == 0
    assert "Lithuanian counterpart" in page.inner_text("#check-rewrite-view") and page.is_hidden("#check-edit")
    page.context.close()


# ------------------------------------------------------------------ messages, state, styles, inputs


def test_messages_speak_to_the_editor_and_results_replace_what_was_there(browser, base):
    page = open_page(browser, base)
    assert page.locator("#explain-engine option").all_inner_texts() == ["builtin"]  # no model: no llm engine
    check(page, ARTICLE, PLANTED)
    page.fill("#check-source", "")
    page.fill("#check-source-url", "http://127.0.0.1:9/story")
    page.click("#check-go")
    page.wait_for_selector("#check-alert:not([hidden])")
    message = page.inner_text("#check-alert")
    assert "private network" in message and "paste the article's text" in message
    assert "--" not in message and "allow" not in message
    assert page.is_hidden("#check-out")  # no stale result under the message
    page.click("#tab-explain")
    assert page.is_hidden("#explain-alert")  # it does not follow to other tabs
    # A past explainer reopened shows its own style in the menu.
    page.select_option("#explain-style", "thread")
    page.fill("#explain-text", ARTICLE)
    page.click("#explain-go")
    page.wait_for_selector("#draft .posts")
    page.select_option("#explain-style", "brief")
    page.click("#tab-history")
    page.locator("#history .run:has(.kind:text-is('thread'))").first.click()
    page.wait_for_selector("#panel-explain:not([hidden]) #draft .posts")
    assert page.input_value("#explain-style") == "thread"
    page.context.close()


def test_each_style_is_drawn_as_it_is_copied(browser, base):
    page = open_page(browser, base)
    for style in ("thread", "summary", "newsletter"):
        page.select_option("#explain-style", style)
        page.fill("#explain-text", ARTICLE)
        page.click("#explain-go")
        wait_until(page, f"state.explain && state.explain.style === '{style}'")
        markdown = page.evaluate("state.explain.text")
        if style == "thread":
            posts = page.locator("#draft ol.posts > li")
            assert posts.count() >= 2
            for n, count in enumerate(page.locator("#draft .posts .chars").all_inner_texts(), start=1):
                length = int(count.split("/")[0])
                assert f"\n{n}. " in markdown and length <= 280
            assert page.locator("#draft section ul").count() == 0
        elif style == "summary":
            assert (
                page.locator("#draft p.para").count() == 1
                and page.locator("#draft section ul, #draft section ol").count() == 0
            )
        else:
            teaser = page.locator("#draft p.teaser").inner_text()
            assert teaser[:40] in markdown.split("\n\n")[1]
    with page.expect_download() as got:
        page.click("[data-action='download-md'][data-from='explain']")
    name = got.value.suggested_filename
    assert re.fullmatch(
        r"the-ukrainian-foreign-ministry-said-ukraine-will-refuse-\d{4}-\d{2}-\d{2}-explainer\.md", name
    )

    # "Check this explainer": the explainer, as copied, audited against its article.
    page.click("#explain-check-self")
    page.wait_for_selector("#panel-check:not([hidden]) #check-out:not([hidden]) #check-summary .verdict")
    assert page.evaluate("state.explain.text.startsWith(state.check.rewrite_text.trim())")
    assert page.inner_text("#check-status") == "Checked the explainer against its article."
    omitted = page.evaluate("state.check.findings.filter(f => f.kind === 'omission').length")
    assert omitted == page.evaluate("state.explain.report.findings.filter(f => f.kind === 'omission').length")
    page.context.close()


def test_files_are_sniffed_limits_shown_and_the_date_sent(browser, base):
    page = open_page(browser, base)
    assert "MB" in page.inner_text("label[for='explain-text'] .limit")
    assert "5,000" in page.inner_text("#explain-words-limit")
    page.set_input_files(
        "#explain-file", files=[{"name": "photo.txt", "mimeType": "text/plain", "buffer": bytes(range(256)) * 80}]
    )
    page.wait_for_selector("#explain-alert:not([hidden])")
    assert page.inner_text("#explain-alert") == (
        "“photo.txt” is not a text file: open a .txt, .md or .html file, or paste the article's text."
    )
    assert page.input_value("#explain-text") == ""
    page.set_input_files(
        "#explain-file",
        files=[
            {"name": "story.docx", "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04 word/document.xml"}
        ],
    )
    wait_until(page, "document.querySelector('#explain-alert').textContent.includes('story.docx')")
    assert "Word document" in page.inner_text("#explain-alert") and page.input_value("#explain-text") == ""
    page.set_input_files(
        "#explain-file", files=[{"name": "story.txt", "mimeType": "text/plain", "buffer": ARTICLE.encode()}]
    )
    wait_until(page, "document.querySelector('#explain-text').value.length > 100")
    assert page.is_hidden("#explain-alert")
    page.fill("#explain-published", "2024-12-03")
    with page.expect_request("**/api/rewrite") as sent:
        page.click("#explain-go")
    assert json.loads(sent.value.post_data)["published"] == "2024-12-03"
    page.wait_for_selector("#draft .headline")
    assert "2024-12-03" in page.inner_text("#draft .attribution")
    page.context.close()


# ------------------------------------------------------------------ the phone


def test_on_a_phone_the_finding_its_words_and_its_source_are_on_screen_together(browser, base):
    page = open_page(browser, base, viewport=PHONE, dark=True)
    problems = watched(page)
    check(page, ARTICLE, LONG_REWRITE)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(20, 21, 23)"  # the dark palette
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.click("#check-rewrite-view mark:text-is('October 2021')")
    sheet = page.locator("#check-detail.open")
    assert sheet.is_visible() and in_view(page, sheet)
    for part in ("mark", ".message", ".evidence-block"):
        assert in_view(page, sheet.locator(part).first), part
    assert "October 2021" in sheet.locator(".words mark").inner_text() and "September 2022" in sheet.inner_text()
    mark = page.locator("#check-rewrite-view mark:text-is('October 2021')")
    assert in_view(page, mark)  # the words in the text stay visible above the sheet
    page.screenshot(path=str(SHOTS / "check-phone.png"), full_page=False)
    # The list is a list: a card a line or two, the details in the sheet (the page was 17,000 px tall).
    cards = page.locator("#check-findings > li.finding:not(.selected)")
    heights = cards.evaluate_all("cs => cs.map(c => c.getBoundingClientRect().height)")
    assert len(heights) >= 45 and max(heights) < 140
    assert page.evaluate("document.documentElement.scrollHeight") < 9000
    # A finding with no source text opens the sheet too: every tap shows something.
    page.locator("#check-detail .close").click()
    page.click("#check-rewrite-view mark:has-text('Subscribe')")
    assert sheet.is_visible() and "No source text for this" in sheet.inner_text()
    sheet.locator("[data-do='dismissed']").click()
    wait_until(page, "document.querySelector('#check-status').textContent.startsWith('Dismissed')")
    assert problems == []
    page.context.close()


def test_on_a_phone_an_explainer_item_opens_its_source_sentences_under_it(browser, base):
    page = open_page(browser, base, viewport=PHONE)
    page.fill("#explain-text", ARTICLE)
    page.click("#explain-go")
    page.wait_for_selector("#draft .headline")
    item = page.locator("#draft .sec-driving-the-news li").first
    item.click()
    inline = item.locator(".inline-source")
    assert inline.is_visible() and in_view(page, inline)
    cited = " ".join(page.locator("#explain-source .sent.cited").all_inner_texts())
    assert inline.inner_text().strip() == cited.strip()  # the same sentences the source pane marks
    page.locator("#draft .headline").click()
    assert not inline.is_visible()  # one item open at a time
    page.context.close()


def test_behind_a_token_the_page_asks_for_it_and_sends_it(browser):
    from retold.serve import ServeConfig

    token = "a-browser-test-token-0123456789"
    with running(ServeConfig(token=token), warm=False) as url:
        page = open_page(browser, url)
        page.click("#tab-check")
        page.fill("#check-source", ARTICLE)
        page.fill("#check-rewrite", PLANTED)
        page.click("#check-go")
        page.wait_for_selector("#check-alert:not([hidden])")
        assert "access token" in page.inner_text("#check-alert")
        page.fill("#token", token)
        page.dispatch_event("#token", "change")
        page.click("#check-go")
        page.wait_for_selector("#check-summary .verdict")
        assert page.inner_text("#check-summary .verdict") == "FAIL" and page.is_hidden("#check-alert")
        page.context.close()


# ------------------------------------------------------------------ accessibility: axe-core, light and dark


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_serious_or_critical_problem(browser, base, dark, viewport):
    # The page's CSP allows only its own script; axe is added by the test, so this context bypasses it.
    page = open_page(browser, base, viewport=viewport, dark=dark, csp=False)
    page.fill("#explain-text", ARTICLE)
    page.click("#explain-go")
    page.wait_for_selector("#draft .headline")
    page.add_script_tag(path=str(AXE))
    found = axe(page)
    check(page, ARTICLE, PLANTED)
    page.click("#check-rewrite-view mark:text-is('Latvian')")
    page.locator("#check-findings [data-do='reviewed']").first.click()
    wait_until(page, "document.querySelector('#check-status').textContent.startsWith('Reviewed')")
    found += axe(page)
    page.click("#tab-history")
    page.wait_for_selector("#history .run")
    found += axe(page)
    assert found == [], "\n".join(found)
    page.context.close()


def axe(page) -> list[str]:
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {n['target']} {n.get('failureSummary', '')}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
        for n in v["nodes"]
    ]
