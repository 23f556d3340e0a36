"""Roles of people, from the titles before their names and the appositions either side of them."""

from __future__ import annotations

from typing import Any

from retold.normalize import fold

TITLE_WORDS = frozenset(
    """minister secretary general president chancellor premier director chief executive ceo cfo coo chairman
    chairwoman chair governor senator ambassador spokesperson spokesman spokeswoman mayor king queen prince
    princess pope judge justice commissioner commander admiral general colonel lieutenant sergeant captain
    officer envoy deputy head leader representative counterpart founder cofounder co-founder editor
    professor dr coach manager president-elect attorney prosecutor detective sheriff inspector
    superintendent adviser advisor aide analyst economist lawyer researcher scientist author
    correspondent reporter owner partner secretary-general paediatrician pediatrician doctor nurse surgeon
    physician constable coroner pastor reverend rev bishop archbishop cardinal rabbi imam sen rep gov
    midfielder striker defender goalkeeper coach actor actress singer rapper presenter host chef designer
    architect novelist artist photographer pilot skipper astronaut historian curator auctioneer""".split()
)
# lower-case words that may stand inside a title ("foreign minister", "top diplomat")
TITLE_MODIFIERS = frozenset(
    """foreign defence defense prime deputy vice former chief executive interior finance economy health
    justice state senior top acting interim general assistant associate national deputy major financial
    operating operations technology technical marketing information medical legal commercial investment
    communications security product digital strategy""".split()
)
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady"})
_JOINERS = frozenset({"of", "for", "and", "'s"})
_APPOS_OPENERS = frozenset({"a", "an", "the", "his", "her", "their", "its"})
_MAX_APPOS = 20


def _is_title_token(token: Any) -> bool:
    """A title word, alone or as the part of a hyphenated one ("co" and "founder" of "co-founder")."""
    return token.lower_.rstrip(".") in TITLE_WORDS or _hyphenated(token) in TITLE_WORDS


def _hyphenated(token: Any) -> str:
    """The hyphenated word ``token`` is part of, lower-cased ("co-founder"); "" when it stands alone."""
    doc, first, last = token.doc, token.i, token.i
    while (
        first >= 2 and doc[first - 1].text == "-" and not doc[first - 2].whitespace_ and not doc[first - 1].whitespace_
    ):
        first -= 2
    while (
        last + 2 < len(doc)
        and doc[last + 1].text == "-"
        and not doc[last].whitespace_
        and not doc[last + 1].whitespace_
    ):
        last += 2
    return doc[first : last + 1].text.lower() if last > first else ""


def title_before(doc: Any, first: int) -> str | None:
    """The title written right before the name starting at token ``first`` ("NATO Secretary General")."""
    i = first - 1
    sent_start = doc[first].sent.start
    while i >= sent_start:
        tok = doc[i]
        word = fold(tok.text)
        if tok.ent_type_ == "PERSON" and i < first - 1 and doc[i + 1].lower_ in _JOINERS:
            break  # another person's name ("Officer Dr Ramona Archer-Bradshaw and Acting Chief Medical Officer")
        if tok.is_space or word in ("'s", "'") or tok.lower_ in _JOINERS:
            i -= 1
            continue
        if word == "-" and not tok.whitespace_ and i > sent_start and not doc[i - 1].whitespace_:
            i -= 1  # "Vice-President": one hyphenated title, not "President" alone
            continue
        if (tok.text[:1].isupper() and tok.is_alpha) or _is_title_token(tok) or tok.lower_ in TITLE_MODIFIERS:
            i -= 1
            continue
        break
    start = i + 1
    # the walk may have taken a sentence-initial word ("Yesterday President Biden"): keep from the
    # first title word, an entity, or a name in the possessive
    while start < first:
        tok = doc[start]
        nxt = fold(doc[start + 1].text) if start + 1 < first else ""
        if _is_title_token(tok) or tok.ent_type_ or nxt == "'s" or tok.lower_ in TITLE_MODIFIERS:
            break
        start += 1
    while start < first and (doc[start].lower_ in _JOINERS or fold(doc[start].text) == "'s"):
        start += 1
    end = first
    while end > start and (doc[end - 1].lower_ in _JOINERS - {"'s"} or doc[end - 1].lower_.rstrip(".") in HONORIFICS):
        end -= 1  # "General Sir William Gomm": the role is "General", "Sir" is how he is addressed
    if start >= end or not any(_is_title_token(doc[j]) for j in range(start, end)):
        return None
    return doc[start:end].text


def apposition_after(doc: Any, last: int) -> str | None:
    """ "Keefe, a 19-year-old telephone operator," → "19-year-old telephone operator"."""
    i = last + 1
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    if j >= len(doc):
        return None
    opener = doc[j]
    possessor = opener.dep_ == "poss" and j + 1 < len(doc) and fold(doc[j + 1].text) in ("'s", "'")
    if opener.lower_ not in _APPOS_OPENERS and not _is_title_token(opener) and not possessor:
        return None  # a possessor opens one too: "Miller, Acme's president,"
    end = j
    sent_end = doc[last].sent.end
    while end < sent_end and end - j <= _MAX_APPOS:
        tok = doc[end]
        spaced_dash = fold(tok.text) == "-" and bool(doc[end - 1].whitespace_)  # "— ", not "19-year-old"
        if tok.text in (",", ";", ")", "--") or spaced_dash or fold(tok.text) == '"' or tok.is_space:
            break
        if tok.text == ".":
            break  # a full stop on its own ends the phrase ("U.S." is one token)
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return None  # a clause, not an apposition ("Keefe, who was ...", "Keefe, she said")
        end += 1
    if end == j or end - j > _MAX_APPOS:
        return None
    phrase = doc[j:end]
    if not any(t.pos_ in ("NOUN", "PROPN") for t in phrase):
        return None
    heads = [t for t in phrase if t.dep_ == "appos" and t.head.i == last]
    if not heads or heads[0].tag_ in ("NNS", "NNPS"):
        return None  # not attached to this name in the parse, or many people ("Pence, the senators")
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ("and", "or"):
        return None  # one item of a list ("thanked Pence, the first lady, and his cabinet")
    words = phrase
    if words[0].lower_ in ("a", "an", "the"):
        words = words[1:]
    return words.text if len(words) else None


def apposition_before(doc: Any, first: int, last: int) -> str | None:
    """ "The company's chief financial officer, Tom Reed, said" → "company's chief financial officer".

    Only a title (its head a title word) that the parse makes the name's apposition, standing right before
    it and set off by a comma: "In a statement, Reed said" has no apposition, and "His rival, Reed" no title.
    """
    if first < 2 or doc[first - 1].text != ",":
        return None
    name = doc[last]
    head = name.head
    if name.dep_ != "appos" or head.i >= first - 1 or not _is_title_token(head) or head.tag_ in ("NNS", "NNPS"):
        return None
    if any(head not in doc[k].ancestors for k in range(head.i + 1, first - 1)):
        return None  # the title's phrase must run on to the comma before the name ("the president of Acme, Reed")
    start = head.left_edge.i
    if start < doc[first].sent.start or first - 1 - start > _MAX_APPOS:
        return None
    phrase = doc[start : first - 1]
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in phrase):
        return None
    if any(t.ent_type_ == "PERSON" for t in phrase):
        return None  # another person's title ("Miller's deputy, Reed") stays theirs to read
    words = phrase[1:] if phrase[0].lower_ in ("a", "an", "the") else phrase
    return words.text if len(words) else None


def as_clause(doc: Any, first: int) -> str | None:
    """ "As a 19-year-old telephone operator, Keefe posed ..." → the role before the comma."""
    if first < 2 or doc[first - 1].text != ",":
        return None
    sent = doc[first].sent
    if doc[sent.start].lower_ != "as" or sent.start + 2 >= first - 1:
        return None
    phrase = doc[sent.start + 1 : first - 1]
    if len(phrase) > _MAX_APPOS or phrase[0].lower_ not in ("a", "an", "the"):
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP") for t in phrase):
        return None
    return phrase[1:].text


def roles_of(doc: Any, start_char: int, end_char: int) -> list[str]:
    """Every role written around one person mention."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return []
    roles = []
    for role in (
        title_before(doc, span.start),
        apposition_before(doc, span.start, span.end - 1),
        apposition_after(doc, span.end - 1),
        as_clause(doc, span.start),
    ):
        if role and not set(role.lower().replace(".", "").split()) <= HONORIFICS:
            roles.append(role.strip())
    return roles
