"""Who's who and the headline: one entry per person with the whole role, only people the items tell of, main
people first; no caption, credit or citation ever becomes a headline, a lead or an item."""

from __future__ import annotations

import pytest

import retold
from retold.ingest import from_text
from retold.render import draft_text
from retold.rewrite.cast import name_key, people, told, whole_role
from retold.styles import style_names
from retold.types import Entity, Item, Mention

STORY = """# City council approves park on old rail yard

Mayor Jake Spano said on Tuesday that the city council approved a $4 million plan to build a park on the rail yard.

The plan was drawn up by Maria Lopez, co-founder of the nonprofit Green Spaces Minnesota, in 2019.

"This park will give every family in the neighbourhood a place to play," Spano said at a news conference.

Construction is expected to begin in March and the park will open in 2026, the city said.
"""


def test_a_name_with_and_without_an_honorific_is_one_key():
    assert name_key("Dr. Jane Roe") == name_key("Jane Roe") == name_key("Prof Jane Roe") == ("jane", "roe")
    assert name_key("Jane Roe") != name_key("John Roe")


@pytest.mark.parametrize(
    ("role", "sentence", "whole"),
    [
        ("founder", "Maria Lopez, co-founder of the nonprofit, drew up the plan.", "co-founder"),
        ("Louis Park Mayor", "St. Louis Park Mayor Jake Spano said the plan passed.", "St. Louis Park Mayor"),
        ("chair", "The vice-chair of the board, Ann Lee, resigned.", "vice-chair"),
        ("founder", "The founder of the firm, Ann Lee, resigned.", "founder"),  # nothing was cut off
        ("Mayor", "Mayor Jake Spano said the plan passed.", "Mayor"),
        ("mayor", "A spokesperson said the plan passed.", None),  # not in the sentence: not the source's words
    ],
)
def test_a_role_is_given_whole_in_the_sources_words(role, sentence, whole):
    assert whole_role(role, sentence) == whole


def _entity(eid: int, name: str, sentence: int, roles: tuple[str, ...] = ()) -> Entity:
    return Entity(
        id=eid,
        label="PERSON",
        name=name,
        aliases=(name,),
        mentions=(Mention(0, len(name), name, sentence),),
        roles=roles,
    )


def test_people_merges_honorifics_and_keeps_two_people_with_one_surname_apart():
    facts = retold.analyze(from_text(STORY))
    sid = next(s.id for s in facts.sentences if "co-founder" in s.text)
    merged = people(facts, [_entity(0, "Dr. Maria Lopez", sid), _entity(1, "Maria Lopez", sid, ("founder",))])
    assert [(p.name, p.mentions, [r for r, _ in p.roles]) for p in merged] == [("Maria Lopez", 2, ["co-founder"])]
    # a lone "Lopez" beside two full names ending in it belongs to neither
    apart = people(facts, [_entity(0, "Maria Lopez", sid), _entity(1, "Juan Lopez", sid), _entity(2, "Lopez", sid)])
    assert sorted(p.name for p in apart) == ["Juan Lopez", "Lopez", "Maria Lopez"]


def test_a_person_is_told_only_by_an_item_that_names_them():
    facts = retold.analyze(from_text(STORY))
    sid = next(s.id for s in facts.sentences if "co-founder" in s.text)
    lopez = people(facts, [_entity(0, "Maria Lopez", sid)])[0]
    assert told(lopez, [Item(text="The plan was drawn up by Maria Lopez.", sources=(sid,))])
    assert not told(lopez, [Item(text="The plan was drawn up in 2019.", sources=(sid,))])  # compressed away
    assert not told(lopez, [Item(text="co-founder", sources=(sid,), kind="person", label="Maria Lopez")])


def whos_who(draft) -> list[tuple[str, str]]:
    return [(i.label, i.text) for s in draft.sections if s.key == "whos-who" for i in s.items]


def test_the_explainers_whos_who_gives_whole_roles_once_each():
    draft = retold.rewrite(from_text(STORY.replace("Mayor Jake Spano", "St. Louis Park Mayor Jake Spano")))
    entries = whos_who(draft)
    names = [name for name, _ in entries]
    assert len(names) == len(set(names))
    assert ("Jake Spano", "St. Louis Park Mayor") in entries
    assert all(role != "Louis Park Mayor" for _, role in entries)
    told_text = " ".join(i.text + " " + (i.label or "") for s in draft.sections if s.key != "whos-who" for i in s.items)
    assert all(name.split()[-1] in told_text for name in names)  # only people the items tell of


def test_whos_who_leaves_out_people_no_item_tells_of():
    from retold.rewrite.sections import told_people
    from retold.rewrite.select import Index

    facts = retold.analyze(from_text(STORY.replace("Mayor Jake Spano", "St. Louis Park Mayor Jake Spano")))
    idx = Index.build(facts)
    entry = Item(text="St. Louis Park Mayor", sources=(1,), kind="person", label="Jake Spano")
    lead = next(s for s in facts.sentences if "approved" in s.text)
    naming = Item(text=lead.text, sources=(lead.id,))
    other = next(s for s in facts.sentences if s.text.startswith("Construction"))
    assert told_people(idx, [entry], [naming]) == [entry]
    assert told_people(idx, [entry], [Item(text=other.text, sources=(other.id,))]) == []


CAPTION = "Mayor Jake Spano speaks at a news conference at City Hall on Tuesday. (AP Photo/Jim Mone)"
CITATION = "Retrieved May 2, 2024, from https://www.example.org/parks/report"
CAPTIONED = f"""# {CAPTION}

{CAPTION}

Jane Roe, left, and John Smith, right, stand at the edge of the rail yard on Monday.

Mayor Jake Spano said on Tuesday that the city council approved a $4 million plan to build a park on the rail yard.

Construction is expected to begin in March and the park will open in 2026, the city said.

The council voted 5-2 for the plan after a hearing that lasted four hours, officials said.

{CITATION}
"""


@pytest.mark.parametrize("style", style_names())
def test_no_caption_or_citation_becomes_a_headline_a_lead_or_an_item(style):
    article = from_text(CAPTIONED)
    assert ", left," in article.text  # a caption inside the text: only the rewriter can keep it out
    reasons = {r.reason for r in article.removed}
    assert {"caption", "citation"} <= reasons  # ingest marks them and lists them
    draft = retold.rewrite(article, style=style)
    text = draft_text(draft)
    assert "AP Photo" not in text and "Retrieved" not in text and "https://www.example.org" not in text
    assert ", left," not in text and "speaks at a news conference" not in draft.headline.text


def test_a_sentence_of_reporting_about_a_photo_or_a_source_is_kept():
    kept = "Police said a photo taken on Friday showed the car, and the data were retrieved from the state's website."
    article = from_text(f"# Car found\n\n{kept}\n\nThe driver, 45, was arrested on Saturday in Denver, police said.\n")
    assert kept in article.text


@pytest.mark.parametrize("style", ["brief", "summary", "thread"])
def test_a_page_that_repeats_its_paragraphs_is_told_once(style):
    body = "\n\n".join(STORY.split("\n\n")[1:])
    draft = retold.rewrite(from_text(STORY + "\n" + body), style=style)
    texts = [i.text for s in draft.sections for i in s.items]
    assert len(texts) == len(set(texts))
