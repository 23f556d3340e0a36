"""Where a story's news is: the lead's reach, and a feature's nut graf when the story opens on a scene."""

from __future__ import annotations

import re
from collections.abc import Callable

from retold.rewrite.editor import points_outside
from retold.rewrite.select import Index, Lifted, lift, words_of
from retold.types import Sentence

LEAD_WINDOW = 4  # the news is told in the first few sentences
LEAD_REACH = 12  # … or, when those are a dateline, a fragment or a quote, soon after

_READER = re.compile(r"\byou(?:'d|\u2019d|'re|\u2019re|'ve|\u2019ve|'ll|\u2019ll|r)?\b", re.I)
_QUOTED_WORDS = re.compile(r"[\u201c\"][^\u201d\"]*[\u201d\"]")


FEATURE_REACH = 2 * LEAD_REACH  # how far a feature may run before it says what its news is


def nut_graf(idx: Index, fresh: Callable[[Lifted], bool], headline: set[str]) -> Lifted | None:
    """When the story opens on a scene, the sentence that then says what has happened, or None.

    A feature sets a scene first ("The nests of various boobies … are scattered amidst the greenery")
    and tells its news later, in the present perfect: "a stunning ecological turnaround has taken place
    on Redonda". Only a sentence that names someone or something and is not addressed to the reader.
    """
    opening = None
    for sentence in idx.facts.sentences[:LEAD_REACH]:
        lifted = lift(idx, sentence)
        if lifted is not None and not lifted.has_quote and not points_outside(lifted.text, ""):
            opening = (sentence, lifted)
            break
    if opening is None:
        return None
    sentence, lifted = opening
    if not sets_a_scene(lifted.text, idx.anchored(sentence.id), headline):
        return None
    for later in idx.facts.sentences[sentence.id + 1 : FEATURE_REACH]:
        found = lift(idx, later)
        if found is None or found.has_quote or points_outside(found.text, "") or to_the_reader(found.text):
            continue
        if idx.entities_in.get(later.id) and fresh(found) and _has_happened(idx, later):
            return found
    return None


def _has_happened(idx: Index, sentence: Sentence) -> bool:
    """The sentence's main verb is in the present perfect ("has taken place"), outside quotation marks."""
    span = idx.facts.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in root.children)


def to_the_reader(text: str) -> bool:
    """ "If you'd visited Redonda …": the writer talking to the reader, outside anyone's quoted words."""
    return bool(_READER.search(_QUOTED_WORDS.sub(" ", text)))


def headline_words(idx: Index) -> set[str]:
    """The content words of the page's title and of the headings that open the article (its deck)."""
    article = idx.facts.article
    texts = [article.title or ""] if article is not None else []
    for sentence in idx.facts.sentences:
        if sentence.kind != "heading":
            break
        texts.append(sentence.text)
    return {w for w in words_of(" ".join(texts)) if len(w) > 3}


def sets_a_scene(text: str, anchored: bool, headline: set[str]) -> bool:
    """A feature's opening scene, not the news: no name, number or date, and no word of the headline.

    "The nests of various boobies and frigate birds are scattered amidst the greenery underfoot" opens a
    story headlined "Ravenous wild goats ruled this island for over a century. Now, it's being reborn."
    """
    return bool(headline) and not anchored and not ({w for w in words_of(text) if len(w) > 3} & headline)
