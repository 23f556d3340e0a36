"""The builtin explainer as an editor reads it: people introduced, no item leaning on another, no fragment,
headlines that are sentences, quoted titles not quotes, figures with their nouns. Excerpts of real pages."""

from __future__ import annotations

import re

from retold.analyze import analyze
from retold.ingest.blocks import article_from_text
from retold.render import draft_text
from retold.rewrite import rewrite
from retold.rewrite.editor import points_outside
from retold.rewrite.select import Index, lift
from retold.types import Draft, FactSheet, Item, Options


def facts_of(*paragraphs: str, **meta: object) -> FactSheet:
    return analyze(article_from_text("\n\n".join(paragraphs), **meta))


def items(draft: Draft) -> list[Item]:
    return [i for s in draft.sections for i in s.items]


def texts(draft: Draft) -> list[str]:
    return [i.text for i in items(draft)]


# Los Angeles Times, 2020-02-19 (shortened).
BLOOMBERG = (
    "This is not the gracious welcome billionaire Michael R. Bloomberg had hoped for as he seeks the Democratic "
    "presidential nomination.",
    "No, the former New York mayor\u2019s debut in the top tier of the presidential race has turned brutal.",
    "Bloomberg\u2019s effort hit a major hurdle last week when audio surfaced of remarks he made in 2015 to a group in Colorado.",
    "What voters will make of all this remains uncertain.",
)


def test_a_person_is_introduced_by_full_name_then_by_surname():
    draft = rewrite(facts_of(*BLOOMBERG))
    told = "\n".join(texts(draft))
    first = re.search(r"Bloomberg", told)
    assert first is not None
    assert told[: first.end()].endswith("Michael R. Bloomberg")  # the first mention is the full name
    assert draft.report.verdict == "pass"


def test_openers_that_answer_or_wonder_are_not_items():
    told = texts(rewrite(facts_of(*BLOOMBERG)))
    assert not any(t.startswith(("No,", "This is", "What voters")) for t in told)


def test_pointing_openers():
    assert points_outside("The two men are presently in police custody assisting with investigations.", "")
    assert points_outside("Another plan to convert a vacant building has remained contentious.", "")
    assert points_outside("The findings come in the middle of long-running industrial action.", "")
    assert not points_outside("The findings come in the middle of industrial action.", "A survey and its findings")
    assert not points_outside("The report by the University and College Union claims staff are underpaid.", "")
    assert not points_outside("The former New York mayor\u2019s debut has turned brutal.", "")


def test_fragments_and_instructions_are_not_lifted():
    facts = facts_of(
        "Chef Jamie Oliver has joined the campaign against lower food standards in trade deals, his office said.",
        "Heartfelt open letter written by a host of stars including fitness guru Joe Wicks.",
        "Email vote@NYCHA.nyc.gov or call 212-306-6794 for more information.",
    )
    idx = Index.build(facts)
    lifted = [lift(idx, s) for s in facts.sentences]
    assert lifted[0] is not None
    assert lifted[1:] == [None, None]


def test_headline_is_a_short_sentence_of_the_lead_not_repeated_as_the_first_item():
    facts = facts_of(
        "Minister of Foreign Affairs of Ukraine Andriy Sybiha along with his Lithuanian counterpart Gabrielius "
        "Landsbergis to coordinate next steps to advance Ukraine\u2019s NATO integration following a meeting in Brussels.",
        "The pair also spoke about how to strengthen Ukrainian forces and air defence systems from missiles and drones.",
        "The Ukrainian Foreign Ministry said on Tuesday that Ukraine will refuse all security guarantees that "
        "substitute NATO membership.",
        "NATO members are likely to sidestep Ukraine\u2019s call to join the alliance at the meeting, diplomats said.",
    )
    draft = rewrite(facts)
    assert draft.headline.sources == (2,)  # the fragment lead and "The pair …" cannot head the story
    assert len(draft.headline.text.split()) <= 16
    assert texts(draft)[0] != draft.headline.text
    assert not any(t.startswith("The pair") for t in texts(draft))


def test_titles_of_works_and_phrases_in_quotation_marks_are_not_quotes():
    facts = facts_of(
        "Brad Pitt won the award for best supporting actor on Sunday for his role in the film "
        "\u201cOnce Upon A Time in Hollywood\u201d, the academy announced.",
        "Pitt, 56, thanked the director in his speech and said, \u201cI will share this with everyone who worked on the film.\u201d",
        "The actor Joe Pesci was nominated for \u201cThe Irishman\u201d but did not win the award on Sunday night.",
    )
    quotes = [i for i in items(rewrite(facts)) if i.kind == "quote"]
    assert all("Hollywood" not in q.text and "Irishman" not in q.text for q in quotes)
    assert any(q.text.startswith("I will share this") for q in quotes)


def test_by_the_numbers_holds_figures_with_their_nouns():
    facts = facts_of(
        "Federal agents intercepted a vessel carrying cocaine off Puerto Rico on Sunday, officials said.",
        "Agents found 475 pounds of cocaine concealed inside the vessel as it was removed from the water.",
        "One officer told reporters that the crew had tried to flee before the boat was stopped.",
        "The drugs have an estimated street value of $6.4 million, according to the agency.",
    )
    numbers = [s for s in rewrite(facts).sections if s.key == "by-the-numbers"]
    for section in numbers:
        for item in section.items:
            assert re.search(r"\d", item.text) and not item.text.startswith("One officer")


def test_brief_with_few_words_still_gives_bullets():
    facts = facts_of(*BLOOMBERG[1:3], "Bloomberg now denies he ever made the remarks, his campaign said on Tuesday.")
    draft = rewrite(facts, style="brief", options=Options(words=40))
    body = draft_text(draft).split("\n---\n")[0]
    assert body.count("\n- ") >= 2
    assert any("word limit" in n or "bullets" in n for n in draft.notes)


def test_the_main_actor_joins_the_lead_when_no_item_names_them():
    from retold.rewrite import sections as sx
    from retold.rewrite.builtin import _keep_main_actor, main_actor
    from retold.styles import get_style

    facts = facts_of(
        "The White House on Monday announced new funding for rural broadband projects in 12 states.",
        "Local providers in Ohio and Kansas welcomed the grants, which total $2 billion.",
        "Joe Biden met governors at the White House on Monday.",
        "Biden has pushed for the money since he took office.",
        "Biden will visit Michigan later this week.",
    )
    idx = Index.build(facts)
    assert main_actor(idx).name == "Joe Biden"
    claims = sx.Claims()
    kept = {"driving-the-news": [claims.take(lift(idx, facts.sentences[1]))]}
    notes: list[str] = []
    specs = {spec.key: spec for spec in get_style("explainer").sections}
    _keep_main_actor(idx, claims, kept, specs, notes)
    assert kept["driving-the-news"][-1].text == "Joe Biden met governors at the White House on Monday."
    assert notes == ["Joe Biden, named most often in the article, added to driving-the-news"]


def test_a_wire_dateline_is_not_part_of_the_item():
    facts = facts_of(
        "ST CATHERINE, Jamaica \u2014 A female police inspector had to seek medical attention on Friday after she "
        "was hit in the head with a stone by another woman.",
        "The incident took place in front of the Spanish Town Police Station in St Catherine, police said.",
    )
    told = texts(rewrite(facts)) + [rewrite(facts).headline.text]
    assert any(t.startswith("A female police inspector had to seek medical attention") for t in told)
    assert not any("ST CATHERINE" in t for t in told)


# National Geographic, 2020-01-06 (shortened): a feature that opens on a scene and tells its news later.
REDONDA = (
    "The nests of various boobies and frigate birds are scattered amidst the greenery underfoot, while their owners "
    "dot the sky overhead by the dozens.",
    "Tree lizards and pygmy geckos, both native to the island, linger in nearby patches of shade.",
    "In fact, if you\u2019d visited Redonda even five years ago, you\u2019d have seen a place that locals from nearby "
    "Antigua had written off as a dying island falling into the sea.",
    "More than 100 men were employed at the mine\u2019s peak, most of whom lived full time on the island.",
    "In recent years, however, a stunning ecological turnaround has taken place on Redonda at a rate faster than "
    "even its most optimistic supporters could have imagined.",
    "The first step was relocating Redonda\u2019s herd of approximately 60 wild goats.",
)


def test_a_feature_that_opens_on_a_scene_leads_with_its_news():
    title = "Ravenous wild goats ruled this island for over a century. Now, it's being reborn."
    draft = rewrite(facts_of(*REDONDA, title=title))
    lead = next(s for s in draft.sections if s.key == "driving-the-news").items
    assert [i.text for i in lead] == [REDONDA[4]]


def test_a_news_story_still_leads_with_its_first_sentence():
    draft = rewrite(facts_of(*BODY_NEWS, title="Alaska Airlines to join Oneworld alliance in March"))
    lead = next(s for s in draft.sections if s.key == "driving-the-news").items
    assert lead[0].sources == (0,)


BODY_NEWS = (
    "The carrier said on Tuesday that its planes will officially join the Oneworld alliance on March 31, 2021.",
    "The Seattle-based airline had planned to join the alliance this summer but the coronavirus pandemic delayed it.",
    "Alaska has expanded its codeshare arrangement with American Airlines to more than 150 routes.",
)


def test_words_that_point_at_what_the_item_never_says_keep_a_sentence_out():
    facts = facts_of(
        "Mayor Ana Lopez opened the new library in Springfield on Monday after three years of building work.",
        "Each day now, rivals unveil another ghost from his past.",
        "Lopez now denies she ever said any of that, but the council has asked for the minutes.",
        "Travellers arriving from those places after 4am on Saturday must self-isolate for 14 days.",
        "Since she took office in 2019, Ana Lopez has opened four libraries in the city.",
    )
    idx = Index.build(facts)
    lifted = [lift(idx, s) for s in facts.sentences]
    assert lifted[1] is None and lifted[2] is None and lifted[3] is None
    assert lifted[4] is not None  # "she" before the name it stands for reads well


def test_a_cut_conjunct_takes_only_its_own_and():
    # "begin and, hopefully, finish …, the … memories will be seen" is parsed as one list of three verbs
    facts = facts_of(
        "As the Boston Marathon runners begin and, hopefully, finish their exhausting run Monday, the lingering "
        "memories of the 2013 marathon blasts will be seen and felt in all sorts of ways.",
        "The city held a ceremony at the finish line on Boylston Street in the morning.",
    )
    idx = Index.build(facts)
    for cap in (12, 20, 38):
        lifted = lift(idx, facts.sentences[0], max_words=cap)
        assert lifted is None or "begin and, hopefully, finish" in lifted.text


def test_captions_a_glued_first_person_and_bare_ones_stay_out():
    facts = facts_of(
        "(CNN)I've been in disaster management long enough to know that there is no one right way to mark it.",
        "Michael Keith Spell sits in state District Court in Sidney, Mont, Friday April 17, 2015, before being "
        "sentenced to 100 years in prison.",
        "There are less obvious ones too.",
        "The city held a ceremony at the finish line on Boylston Street on Monday morning.",
    )
    idx = Index.build(facts)
    assert [lift(idx, s) is None for s in facts.sentences] == [True, True, True, False]


def test_a_thread_does_not_repeat_its_headline_as_a_post():
    facts = facts_of(
        "With the luxury of some time and healing, the city has moved on.",
        "The city held a ceremony at the finish line on Boylston Street on Monday morning.",
        "Runners from 90 countries took part in the race, organisers said on Monday.",
        "The trial's sentencing phase will begin on Tuesday in the federal court in Boston.",
    )
    draft = rewrite(facts, style="thread")
    assert draft.headline.sources == (0,)
    assert all(i.sources != (0,) for i in items(draft))


def test_a_bullet_typed_into_a_paragraph_does_not_open_an_item():
    facts = facts_of(
        "In perhaps their biggest game of the young NBA season, the Sixers played host to the Boston Celtics on Wednesday.",
        "\u2022 Joel Embiid was the only Sixer who could get going offensively early on, though he did commit two turnovers.",
    )
    idx = Index.build(facts)
    lifted = lift(idx, facts.sentences[1])
    assert lifted is not None and lifted.text.startswith("Joel Embiid was the only Sixer")
