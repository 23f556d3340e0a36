"""Faithful controls: texts that say only what the article says, on which every error finding is a false one."""

from __future__ import annotations

import random
import re
from typing import Any

from bench.plants import Case, body_sentences, quoted

_CLAUSE = re.compile(r",\s+(?:who|which)\s+[^,;:\"\u201c\u201d()]+,(?=\s)\s*")  # not the comma of "10,000"


def _balanced(text: str) -> bool:
    """No quotation runs into or out of the sentence (judged from its marks alone)."""
    straight = text.count('"') % 2 == 0
    curly = text.count("\u201c") == text.count("\u201d")
    # Single marks double as apostrophes: only a mark opening or closing the sentence counts.
    opens = re.search(r"(?:^|[\s:(])['\u2018](?=\w)", text)
    closes_at_end = re.search(r"[.?!,]['\u2019]\W*$", text)
    closes = re.search(r"[\w.?!,]['\u2019](?=\s|\W*$)", text[1:])
    single_open = text[:1] in {"'", "\u2018"} and not closes
    single_close = bool(closes_at_end) and not opens
    return straight and curly and not single_open and not single_close


def _self_contained(facts: Any, s: Any) -> bool:
    """The sentence holds every quotation it touches whole, so it can stand anywhere in a rewrite."""
    whole = all(s.start <= q.start and q.end <= s.end for q in facts.quotes if q.start < s.end and s.start < q.end)
    return whole and _balanced(s.text)


_MARKED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d|(?<!\w)['\u2018][^'\u2019]*['\u2019](?!\w)")


def _said_to_stated(facts: Any, s: Any) -> str | None:
    text = s.text
    # Between quotation marks even when the analysis found no quote there: those words are the speaker's.
    marked = [m.span() for m in _MARKED.finditer(text)]
    for m in reversed(list(re.finditer(r"\bsaid\b", text))):
        if not quoted(facts, s.start + m.start(), s.start + m.end()) and not any(a <= m.start() < b for a, b in marked):
            text = text[: m.start()] + "stated" + text[m.end() :]
    return text if text != s.text else None


def _clause_dropped(s: Any) -> str | None:
    if any(mark in s.text for mark in '"\u201c\u201d'):
        return None
    dropped = _CLAUSE.sub(" ", s.text, count=1)
    return dropped if dropped != s.text else None


def controls(facts: Any, rng: random.Random, *, reference: str | None, rewrite: str | None) -> list[Case]:
    """Faithful texts: the rewrite, the reference summary, a sentence subset, and light paraphrases."""
    cases = [
        Case(group, text, control=True) for group, text in (("rewrite", rewrite), ("reference", reference)) if text
    ]
    # Reordering must not split a quotation that runs across sentences.
    body = [s for s in body_sentences(facts) if _self_contained(facts, s)]
    if len(body) >= 2:
        subset = sorted(rng.sample(body, min(4, len(body))), key=lambda s: s.id)
        cases.append(Case("extract", " ".join(s.text for s in subset), control=True))
        cases.append(Case("reordered", " ".join(s.text for s in reversed(subset)), control=True))
    for group, paraphrase in (
        ("said-stated", lambda s: _said_to_stated(facts, s)),
        ("clause-dropped", _clause_dropped),
    ):
        changed = [(s.id, t) for s in body if (t := paraphrase(s))]
        if changed:
            chosen = sorted(rng.sample(changed, min(3, len(changed))))
            cases.append(Case(group, " ".join(t for _, t in chosen), control=True))
    return cases
