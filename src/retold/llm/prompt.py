"""What the model is told: the fact sheet, the style's sections, the rules, and the findings to repair."""

from __future__ import annotations

import json
from collections.abc import Sequence

from retold.styles import SectionSpec, Style
from retold.types import FactSheet, Finding, Item

Message = dict[str, str]
SHORTEST = 3  # fact-sheet levels: 0 everything, 1 no tables, 2 and 3 fewer sentences

RULES = """You rewrite one news article for readers, using ONLY the facts in the fact sheet below.
Rules:
- Every item must cite, in "sources", the ids of the numbered source sentences it rests on.
- Never add a name, number, date, place or claim the sentences do not state; never change one.
- Quotations: copy the speaker's words exactly as the source gives them, inside "quote", with the speaker
  the source names in "speaker". Never put a paraphrase in quotation marks.
- No links, no calls to subscribe or share, no "related news", no notes about yourself or these rules.
- Write plain, fluent English sentences that each stand on their own (name people, no leading "he"/"she")."""


def fact_sheet(facts: FactSheet, level: int = 0) -> str:
    """The source as the model sees it: numbered sentences, then names with roles, numbers, dates and quotes.

    A higher ``level`` is shorter (for a model whose context is too small): level 1 leaves out the
    tables (the sentences hold the same facts), 2 and 3 keep only the first half and quarter of the sentences.
    """
    sentences = list(facts.sentences)
    if level >= 2:
        sentences = sentences[: max(4, len(sentences) // 2 ** (level - 1))]
    lines = []
    article = facts.article
    if article is not None and (article.title or article.site or article.published):
        meta = ", ".join(
            p for p in (article.title, article.site, article.published and article.published.isoformat()) if p
        )
        lines.append(f"ARTICLE: {meta}")
    lines.append("SOURCE SENTENCES:")
    lines.extend(f"[{s.id}] {' '.join(s.text.split())}" for s in sentences)
    if level == 0:
        people = [e for e in facts.entities if e.label in ("PERSON", "ORG", "GPE", "NORP", "LOC")]
        if people:
            lines.append("NAMES (use exactly these spellings):")
            for e in people[:40]:
                role = f" — {'; '.join(e.roles[:2])}" if e.roles else ""
                lines.append(f"- {e.name} ({e.label.lower()}){role}")
        if facts.numbers:
            lines.append("NUMBERS: " + "; ".join(f"{n.text} [{n.sentence}]" for n in facts.numbers[:40]))
        if facts.dates:
            lines.append("DATES: " + "; ".join(f"{d.text} [{d.sentence}]" for d in facts.dates[:40]))
        if facts.quotes:
            lines.append("QUOTES (verbatim, with speaker):")
            for q in facts.quotes[:20]:
                who = facts.entities[q.speaker].name if q.speaker is not None else (q.speaker_text or "unknown")
                lines.append(f"- [{', '.join(map(str, q.sentences))}] {who}: \u201c{' '.join(q.text.split())}\u201d")
    return "\n".join(lines)


def _section_line(spec: SectionSpec) -> str:
    shape = {
        "quotes": '{"quote": "<exact words>", "speaker": "<name, role>", "sources": [ids]}',
        "timeline": '{"date": "<date as the source gives it>", "text": "<what happened>", "sources": [ids]}',
        "people": '{"name": "<name>", "role": "<role as the source gives it>", "sources": [ids]}',
    }.get(spec.form, '{"text": "<sentence>", "sources": [ids]}')
    title = f" ({spec.title})" if spec.title else ""
    guide = f" {spec.guidance}" if spec.guidance else ""
    limit = f" Each item at most {spec.max_chars} characters." if spec.max_chars else ""
    return f'- "{spec.key}"{title}: up to {spec.max_items} items like {shape}.{guide}{limit}'


def rewrite_messages(facts: FactSheet, style: Style, words: int, level: int = 0) -> list[Message]:
    """The messages that ask for ``style``'s sections as JSON items citing source sentence ids."""
    sections = "\n".join(_section_line(spec) for spec in style.sections if spec.form != "links")
    example = {
        "headline": {"text": "<headline>", "sources": [0]},
        "sections": {spec.key: [] for spec in style.sections[:2]},
    }
    user = (
        f"{fact_sheet(facts, level)}\n\n"
        f"Write a {style.name} of about {words} words: {style.description}\n"
        f"Answer with one JSON object only, shaped like {json.dumps(example)}, with these sections:\n{sections}\n"
        "Leave a section empty when the source cannot fill it."
    )
    return [{"role": "system", "content": RULES}, {"role": "user", "content": user}]


def repair_messages(facts: FactSheet, broken: Sequence[tuple[str, str, Item, Sequence[Finding]]]) -> list[Message]:
    """Ask the model to fix each ``(id, section key, item, error findings)``, shown the source it must agree with."""
    blocks = []
    for ident, key, item, findings in broken:
        cited = [facts.sentences[s] for s in item.sources if 0 <= s < len(facts.sentences)]
        problems = "\n".join(f"  - {f.kind}: {f.message}" for f in findings)
        evidence = {" ".join(e.text.split()) for f in findings for e in f.evidence}
        evidence |= {" ".join(s.text.split()) for s in cited}
        source = "\n".join(f"  > {text}" for text in sorted(evidence)) or "  > (no source sentence supports it)"
        shown = f"{item.label}: {item.text}" if item.label else item.text
        blocks.append(
            f'ITEM {ident} (section "{key}"): {shown}\n FACT-CHECK ERRORS:\n{problems}\n SOURCE SAYS:\n{source}'
        )
    user = (
        "A fact check found errors in these items of your rewrite. Rewrite each one so it states only what the "
        "source says (or return an empty text to drop it). Keep quotations word for word.\n\n"
        + "\n\n".join(blocks)
        + '\n\nAnswer with one JSON object only: {"items": [{"id": "<ITEM id>", "text": "...", "sources": [ids]}]} '
        '(quotes as {"id", "quote", "speaker", "sources"}).'
    )
    return [{"role": "system", "content": RULES + "\n\n" + fact_sheet(facts, 1)}, {"role": "user", "content": user}]
