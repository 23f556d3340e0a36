"""``attribution``: a verbatim quote credited to the wrong person, or a named source turned into "sources say"."""

from __future__ import annotations

import re

from retold.analyze.entities import name_keys
from retold.check.align import sentence_evidence
from retold.check.context import CheckContext
from retold.check.match.quotes import SourceWords, locate, words
from retold.normalize import fold
from retold.types import Evidence, FactSheet, Finding, Quote

_VAGUE = re.compile(
    r"\b(?:(?:some |unnamed |anonymous )?sources?\s+(?:say|says|said|tell|told|claim|claimed|suggest|suggested|indicate)|"
    r"(?:media |news |press )?reports\s+(?:say|said|suggest|suggested|claim|indicate)|"
    r"according to (?:some |media |news |press )?(?:sources|reports|insiders|officials)|"
    r"it (?:is|was|has been) (?:reported|said|claimed|understood)|"
    r"(?:we|i) (?:are|am|have been|were) told|insiders (?:say|said)|reportedly)\b",
    re.IGNORECASE,
)
_NAMED_REPORT = re.compile(
    r"\b(?:reported|reports|told|according to|citing|cited|quoted|said|says|confirmed|announced)\b", re.IGNORECASE
)
_GENERIC_WORDS = frozenset("the a an of and said told an unnamed senior official officials spokesperson".split())
_REPORTING_LABELS = frozenset({"ORG", "PERSON"})
MIN_QUOTE_WORDS = 5
# Dependencies of a name that is not the one speaking: a passive subject, an object, a possessor.
_NOT_SPEAKING = frozenset({"nsubjpass", "dobj", "iobj", "poss", "attr"})
# A source that withholds the speaker's name: crediting anyone by name is a misattribution.
_ANONYMOUS = re.compile(r"^(?:an?\s|one\s|unnamed|anonymous|.*\b(?:unnamed|anonymous|unidentified)\b)", re.IGNORECASE)
# The credit after a quote line's closing mark: "” — Andriy Sybiha, Minister of Foreign Affairs".
_LINE_CREDIT = re.compile(r"^[^\w\n]{0,3}\s*-{1,2}\s*([A-Z][^,;(\n]{1,60})")


def detect(ctx: CheckContext) -> list[Finding]:
    return _misattributed_quotes(ctx) + _vague_sources(ctx)


def _misattributed_quotes(ctx: CheckContext) -> list[Finding]:
    source_words = SourceWords.of(ctx.source.text)
    findings = []
    for quote in ctx.rewrite.quotes:
        credited = credited_names(ctx.rewrite, quote)
        if not credited or len(words(quote.text)) < MIN_QUOTE_WORDS:
            continue  # a fragment of a few words is often echoed by several people in a story
        span = locate(quote.text, source_words)
        if span is None:
            continue  # not verbatim: the quote detector reports it
        original = _source_quote_at(ctx.source, span)
        if original is None:
            continue
        if original.speaker is None and not _ANONYMOUS.match(original.speaker_text or ""):
            continue  # "the man", "the father-of-three": may well be the person the rewrite names
        said_by = _speaker_names(ctx.source, original)
        if _same_speaker(credited, said_by):
            continue
        if original.speaker is not None:
            speaker = ctx.source.entities[original.speaker].name
        else:  # "An unnamed senior NATO diplomat" reads "an unnamed senior NATO diplomat" mid-sentence
            text = original.speaker_text or "someone else"
            speaker = text[:1].lower() + text[1:]
        findings.append(
            Finding.on(
                quote,
                "attribution",
                "error",
                f"misattributed quote: the source credits these words to {speaker}, not {credited[0]}",
                (Evidence(original.start, original.end, original.text),),
                relation="contradicts",
            )
        )
    return findings


def credited_names(rewrite: FactSheet, quote: Quote) -> list[str]:
    """The names a rewrite credits a quote to; empty when it credits no named person or organisation.

    A quote line's own credit ("> “…” — Andriy Sybiha, minister") wins. Otherwise the analysed speaker
    counts only when named in the quote's own sentence: a speaker carried over from earlier, or "allies
    said", is too loose to contradict anyone.
    """
    paragraph = _paragraph_of(rewrite, quote.start)
    if paragraph is not None:
        tail = rewrite.text[quote.end : paragraph[1]]
        credit = _LINE_CREDIT.match(fold(tail))
        if credit:
            phrase = tail[credit.start(1) : credit.end(1)].strip()
            # "— a senior NATO diplomat" names nobody, so it cannot name the wrong person either.
            return [] if _ANONYMOUS.match(phrase) else [phrase]
    if quote.speaker is None:
        return []
    entity = rewrite.entities[quote.speaker]
    if entity.label not in _REPORTING_LABELS or paragraph is None:
        return []
    # Named in the quote's own sentences: a speaker inferred from further back ("she said", a name two
    # sentences up) is too loose to contradict anyone once a rewrite has dropped or moved sentences.
    if not any(
        m.sentence in quote.sentences and paragraph[0] <= m.start < paragraph[1] and _speaks(rewrite, m.start, m.end)
        for m in entity.mentions
    ):
        return []
    return _speaker_names(rewrite, quote)


def _speaks(facts: FactSheet, start: int, end: int) -> bool:
    """False when the mention is plainly not who speaks: what a verb is done to, or a possessor.

    "Cord shouldn't be clamped 'earlier than one minute'" credits nobody: "Cord" is what is done to.
    """
    span = facts.doc.char_span(start, end, alignment_mode="expand") if facts.doc is not None else None
    if span is None:
        return True  # nothing to judge by: leave the analysed speaker standing
    token = span.root
    while token.dep_ in ("appos", "conj", "compound") and token.head is not token:
        token = token.head
    return token.dep_ not in _NOT_SPEAKING


def _paragraph_of(facts: FactSheet, offset: int) -> tuple[int, int] | None:
    paragraphs = facts.article.paragraphs if facts.article else ()
    return next(((p.start, p.end) for p in paragraphs if p.start <= offset < p.end), None)


def _speaker_names(facts: FactSheet, quote: Quote) -> list[str]:
    """Every name the quote's speaker goes by (entity aliases, or the bare speaker phrase)."""
    if quote.speaker is not None:
        entity = facts.entities[quote.speaker]
        return [entity.name, *entity.aliases]
    return [quote.speaker_text] if quote.speaker_text else []


def _same_speaker(ours: list[str], theirs: list[str]) -> bool:
    keys_ours = set().union(*(name_keys(n) for n in ours))
    keys_theirs = set().union(*(name_keys(n) for n in theirs))
    if keys_ours & keys_theirs:
        return True
    # "a NATO diplomat" for "An unnamed senior NATO diplomat", "the ministry" for "The Ministry"
    content_ours = {w for n in ours for w in words(n)} - _GENERIC_WORDS
    content_theirs = {w for n in theirs for w in words(n)} - _GENERIC_WORDS
    return bool(content_ours & content_theirs)


def _source_quote_at(source: FactSheet, span: tuple[int, int]) -> Quote | None:
    """The source quotation that holds the located words, if they were a quotation there."""
    for q in source.quotes:
        if q.start <= span[0] + 2 and span[1] <= q.end + 2:
            return q
    return None


def _vague_sources(ctx: CheckContext) -> list[Finding]:
    source_has_vague = {fold(m.group(0)).lower() for m in _VAGUE.finditer(fold(ctx.source.text))}
    findings = []
    for m in _VAGUE.finditer(fold(ctx.rewrite.text)):
        phrase = fold(m.group(0)).lower()
        if phrase in source_has_vague:
            continue
        sentence = next((s for s in ctx.rewrite.sentences if s.start <= m.start() < s.end), None)
        if sentence is None:
            continue
        named = _named_reporter(ctx, sentence.id)
        if named is None:
            continue
        reporter, source_sentence = named
        findings.append(
            Finding(
                kind="attribution",
                severity="warning",
                start=m.start(),
                end=m.end(),
                text=ctx.rewrite.text[m.start() : m.end()],
                message=f"vague attribution: the source names {reporter}; say so",
                evidence=sentence_evidence(ctx.source, [source_sentence]),
                evidence_relation="supports",  # the source sentence that names who said it
            )
        )
    return findings


def _named_reporter(ctx: CheckContext, rewrite_sentence: int) -> tuple[str, int] | None:
    """A named organisation or person the best-supporting source sentence credits, with that sentence."""
    for support in ctx.alignment[rewrite_sentence].support[:2]:
        if support.score < 0.3:
            break
        sentence = ctx.source.sentences[support.sentence]
        if not _NAMED_REPORT.search(sentence.text):
            continue
        for entity in ctx.source.entities:
            if entity.label not in _REPORTING_LABELS:
                continue
            for mention in entity.mentions:
                if mention.sentence == sentence.id and _reports(ctx.source.text, mention.start, mention.end):
                    return entity.name, sentence.id
    return None


def _reports(text: str, start: int, end: int) -> bool:
    """The name is the one reporting: "Reuters reported", "told Reuters", "according to Reuters", "citing X"."""
    after = fold(text[end : end + 30]).lower()
    before = fold(text[max(0, start - 20) : start]).lower()
    return bool(
        re.match(r"^\s*(?:has |had )?(?:reported|reports|said|says|confirmed|announced|quoted)\b", after)
        or re.search(r"\b(?:told|according to|citing|cited by|quoted by|said to)\s*$", before)
    )
