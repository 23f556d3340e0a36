"""Ingest on real pages: captions, credits and prompts out and listed; titles, bylines and sites cleaned;
pages that are not news articles refused with what they are. Lines are quoted from real pages."""

from __future__ import annotations

import pytest

from retold.errors import InputError
from retold.ingest import from_text
from retold.ingest.boilerplate import boilerplate_reason
from retold.ingest.html import clean_byline, clean_site, clean_title

BODY = (
    "Alaska Airlines will officially join the Oneworld alliance on March 31, 2021, the carrier said on Tuesday.",
    "The Seattle-based airline had planned to join the alliance this summer but the coronavirus pandemic delayed it.",
    "Alaska's Oneworld membership is part and parcel with an expanded codeshare arrangement with American Airlines.",
    "The carriers have expanded the number of routes they sell together to more than 150 this year, officials said.",
)


def page(body: str, *, head: str = "", title: str = "Alaska Airlines to join Oneworld") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body><article>{body}</article></body></html>"
    )


def paragraphs(*extra: str) -> str:
    return "".join(f"<p>{p}</p>" for p in (*BODY, *extra))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Photo: Yhomo Hutchinson", "caption"),
        ("Featured image by Alberto Riva/The Points Guy.", "caption"),
        ("(Credit: Clayton Aldern / Grist)", "caption"),
        ("UK news in picturesShow all 50", "media-prompt"),
        ("If you're on the ABC7 News app, click here to watch live", "media-prompt"),
        ("Reporting by Jane Doe in Brussels; Editing by John Smith and Ann Roe", "credits"),
        ("Editing by John Stonestreet", "credits"),
        ("Our Standards: The Thomson Reuters Trust Principles.", "credits"),
        ("Never miss the latest news by signing up to our newsletter today!", "newsletter-prompt"),
        (
            "You can unsubscribe from this service at any time. And rest assured that your data will not be "
            "shared with any other party.",
            "newsletter-prompt",
        ),
        (
            "For the latest stories and breaking news updates download the Nationnews apps for iOS and Android.",
            "call-to-action",
        ),
        (
            "This post contains references to products from one or more of our advertisers. We may receive compensation "
            "when you click on links to those products. Terms apply to the offers listed on this page. For an "
            "explanation of our Advertising Policy, visit this page.",
            "disclosure",
        ),
    ],
)
def test_page_furniture_is_boilerplate(line, reason):
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The photo by the river shows the flood.",
        "Police said the video was taken on Friday.",
        "Rescuers said the image showed a man on the roof of the house.",
        "Editing the law took the committee three years, its chair said.",
    ],
)
def test_reporting_about_pictures_and_editing_is_kept(line):
    assert boilerplate_reason(line) is None


def test_captions_and_credits_leave_the_article_listed_and_blocks_stay_apart():
    html = page(paragraphs("Featured image by Alberto Riva/The Points Guy.", "Editing by John Stonestreet"))
    article = from_text(html, url="https://thepointsguy.com/news/alaska-oneworld/")
    assert {(r.reason, r.text) for r in article.removed} >= {
        ("caption", "Featured image by Alberto Riva/The Points Guy."),
        ("credits", "Editing by John Stonestreet"),
    }
    lines = article.text.split("\n")
    assert lines == list(BODY)  # one block per paragraph, none glued to the next


@pytest.mark.parametrize(
    ("title", "site", "url", "clean"),
    [
        (
            "15-year-old driver killed in SW Miami-Dade crash - WSVN 7News | Miami News, Weather, Sports | Fort Lauderdale",
            "WSVN 7News",
            None,
            "15-year-old driver killed in SW Miami-Dade crash",
        ),
        (
            "PM attends financial access roundtable in Barbados | NOW Grenada",
            None,
            "https://nowgrenada.com/2022/04/pm/",
            "PM attends financial access roundtable in Barbados",
        ),
        (
            "Record heat grips Tokyo for a third day | The Japan Times",
            "The Japan Times",
            None,
            "Record heat grips Tokyo for a third day",
        ),
        ("VIDEO: Voting on NYCHA\u2019s Future", "City Limits", None, "Voting on NYCHA\u2019s Future"),
        (
            "Sixers game notes: Joel Embiid leads Sixers to victory",
            "PhillyVoice",
            None,
            "Sixers game notes: Joel Embiid leads Sixers to victory",
        ),
    ],
)
def test_title_loses_the_site_name_not_its_words(title, site, url, clean):
    assert clean_title(title, site, url) == clean


@pytest.mark.parametrize(
    ("byline", "site", "clean"),
    [
        ("No Author", "CBS News", None),
        ("CBS News February", "CBS News", None),
        ("Jan Crawford CBS News February", "CBS News", "Jan Crawford"),
        ("Adam Aaronson PhillyVoice Staff", "PhillyVoice", "Adam Aaronson"),
        ("The Haitian Times; J O Haselhoef", "The Haitian Times", "J O Haselhoef"),
        ("Article by", "nationnews.com", None),
        ("NOW Grenada", "NOW Grenada", None),
        ("By Glen Owen; Brendan Carlin", "Mail Online", "Glen Owen; Brendan Carlin"),
    ],
)
def test_byline_names_only_authors(byline, site, clean):
    assert clean_byline(byline, site) == clean


def test_site_loses_its_tagline():
    assert clean_site("WSVN 7News | Miami News, Weather, Sports | Fort Lauderdale") == "WSVN 7News"


def refusal(html: str, url: str) -> str:
    with pytest.raises(InputError) as caught:
        from_text(html, url=url)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("No article found in ")
    return message


def test_a_product_page_is_refused():
    head = '<script type="application/ld+json">{"@type": "Product", "name": "Parallels Desktop 15"}</script>'
    assert "a product page" in refusal(page(paragraphs(), head=head), "https://www.parallels.com/products/desktop/")


def test_wiki_and_documentation_pages_are_refused():
    wiki = page(paragraphs(), head='<meta name="generator" content="MediaWiki 1.26.2">')
    assert "a wiki page" in refusal(wiki, "https://stardewvalleywiki.com/Penny")
    assert "a documentation page" in refusal(page(paragraphs()), "https://docs.docker.com/engine/install/")


def test_an_organisation_page_speaking_as_we_is_rewritten_with_one_warning():
    about = (
        "Creative Commons helps you legally share your knowledge and creativity to build a more equitable world.",
        "With a network of staff, board, and affiliates around the world, we provide free, easy-to-use licenses.",
        "Our work is to build a vibrant, usable commons, powered by collaboration and gratitude, and we do it together.",
        "We work with the following organizations that are leaders in the content and knowledge sharing movement.",
        "Through our programs we support our partners, our affiliates and our community in everything we do for them.",
        "Our work spans a variety of different areas and partners working to create a more vibrant commons for all.",
    ) * 2
    html = page("".join(f"<p>{p}</p>" for p in about), title="What we do")
    # "we" throughout is a weak signal (an essay says it too): the reader is warned, the page is not refused
    warned = [
        w for w in from_text(html, url="https://creativecommons.org/what-we-do-today").warnings if "news article" in w
    ]
    assert len(warned) == 1 and "speaks as \u201cwe\u201d" in warned[0]
    assert "page about itself" in refusal(html, "https://creativecommons.org/about/")


def test_a_numbered_listing_and_a_question_page_are_refused():
    jokes = "".join(f"<p>{n}. What do you call an ant who fights crime?</p><p>A vigilante!</p>" for n in range(1, 31))
    assert "listing of 30 numbered entries" in refusal(page(jokes, title="Jokes for kids"), "https://example.org/jokes")
    faq = "".join(
        f"<h3>Operator {n}</h3><p>Are bicycles allowed? No, only folding bicycles may be taken on the bus.</p>"
        f"<p>Will there be a toilet on the bus? Not guaranteed on every replacement coach.</p>"
        for n in range(8)
    )
    assert "question-and-answer" in refusal(
        page(faq, title="Rail replacement"), "https://example.org/service_disruptions/1"
    )


def test_a_newsletter_issue_of_linked_stories_is_refused():
    stories = "".join(
        f'<h2><a href="/story/{n}">Council votes on budget plan number {n} for the coming year</a></h2>'
        f"<p>The council met on Tuesday and heard from residents about plan {n}, which would raise fees for parking.</p>"
        for n in range(6)
    )
    assert "newsletter page" in refusal(
        page(stories, title="Morning briefing"), "https://example.org/newsletter/2024-05-01"
    )


def test_a_deeply_nested_article_is_still_extracted():
    body = paragraphs()
    for depth in range(60):
        body = f'<div class="wrap-{depth}"><section>{body}</section></div>'
    article = from_text(page(body), url="https://thepointsguy.com/news/alaska-oneworld/")
    assert article.text.split("\n") == list(BODY)


def test_a_drop_cap_set_apart_from_its_paragraph_rejoins_the_word():
    # as the Evening Standard sets it: the cap in a <span> before the <p>, the word's rest in a link
    first = (
        '<span class="dropcap">T</span><p><a href="/topic/turkey">urkey</a>, Poland and the Caribbean islands of '
        "Bonaire, St Eustatius and Saba have been removed from the Government's list of travel corridors.</p>"
    )
    article = from_text(page(first + paragraphs()), url="https://www.standard.co.uk/news/uk/quarantine.html")
    assert article.text.startswith("Turkey, Poland and the Caribbean islands")


def test_a_single_letter_that_opens_no_lower_case_word_is_left_alone():
    body = '<span class="grade">A</span><p>Alaska Airlines keeps its grade for the coming year, officials said.</p>'
    article = from_text(page(body + paragraphs()), url="https://thepointsguy.com/news/alaska-oneworld/")
    assert "AAlaska" not in article.text


def test_another_storys_linked_headline_above_the_article_is_removed_and_listed():
    # as PhillyVoice prints a "must read" above its game notes: a link to another story, set as a heading
    other = "Cherelle Parker wins to becomes Philly's 100th mayor and first woman to lead city"
    body = f'<a href="/philly-mayor-election-results/"><h1>{other}</h1></a>' + paragraphs()
    head = '<meta property="og:title" content="Alaska Airlines to join Oneworld">'
    article = from_text(page(body, head=head), url="https://thepointsguy.com/news/alaska-oneworld/")
    assert article.title == "Alaska Airlines to join Oneworld"
    assert article.text.split("\n") == list(BODY)
    assert [(r.text, r.reason) for r in article.removed] == [(other, "related-links")]
