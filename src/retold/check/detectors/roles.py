"""Who said it and who holds a role, when the rewording changes the words: ``attribution`` and ``entity``.

"Pence said most Americans could get the vaccine by April" where the sentence it rests on has Fauci saying
it is a misattribution (``attribution``); "James Lee, the alleged ringleader" where the source gives that
role only to Han Lee names the wrong person, and "his sister" where the article has only "his brother"
names a relative it never mentions, and "the prime minister" where it names no minister at all an office
held by nobody it mentions (``entity``). Both read :mod:`retold.check.match.roles`.
A name the swap detector already reports as changed in a copied sentence is left to it.
"""

from __future__ import annotations

from retold.check.align import sentence_evidence
from retold.check.context import CheckContext
from retold.check.match.roles import invented_offices, kin_conflicts, role_conflicts, speaker_conflicts
from retold.check.match.titles import title_conflicts
from retold.check.substitution import substitutions
from retold.types import Evidence, Finding


def detect(ctx: CheckContext) -> list[Finding]:
    swapped = [(s.start, s.end) for s in substitutions(ctx) if s.kind == "entity"]
    findings = []
    for c in speaker_conflicts(ctx):
        if _overlaps(swapped, c.start, c.end):
            continue
        findings.append(
            Finding(
                "attribution",
                "error",
                c.start,
                c.end,
                ctx.rewrite.text[c.start : c.end],
                f"wrong speaker: the source sentence this rests on credits it to {c.source_speaker}, "
                f"not {c.said_by}: name {c.source_speaker}",
                (
                    Evidence(c.source_start, c.source_end, ctx.source.text[c.source_start : c.source_end]),
                    *sentence_evidence(ctx.source, [c.source_sentence]),
                ),
                "contradicts",
            )
        )
    for r in role_conflicts(ctx):
        if _overlaps(swapped, r.start, r.end):
            continue
        clause = ctx.source.text[r.source_start : r.source_end]
        findings.append(
            Finding(
                "entity",
                "error",
                r.start,
                r.end,
                r.person,
                f"wrong person: the source gives the role “{r.role}” to {r.holder}, not {r.person} "
                f"(“{clause}”): name {r.holder}",
                (Evidence(r.source_start, r.source_end, clause),),
                "contradicts",
            )
        )
    for t in title_conflicts(ctx):
        if _overlaps(swapped, t.start, t.end):
            continue
        given = ", ".join(f"“{r}”" for r in t.source_titles)
        findings.append(
            Finding(
                "entity",
                t.severity,
                t.start,
                t.end,
                t.person,
                f"wrong title: the source calls {t.person} {given}, not “{t.title}”: give the source's title",
                (Evidence(t.source_start, t.source_end, ctx.source.text[t.source_start : t.source_end]),),
                "contradicts",
            )
        )
    for k in kin_conflicts(ctx):
        findings.append(
            Finding(
                "entity",
                k.severity,
                k.start,
                k.end,
                k.word,
                f"“{k.word}” names a relative the source never mentions; it has "
                f"“{k.source_word}”: use the source's word",
                (Evidence(k.source_start, k.source_end, k.source_word),),
                "contradicts",
            )
        )
    for o in invented_offices(ctx):
        support = ctx.alignment[o.sentence].support
        findings.append(
            Finding(
                "entity",
                "error",
                o.start,
                o.end,
                o.office,
                f"“{o.office}”: the source never names this office, so it names nobody who holds it; use the "
                "person or office the source gives",
                sentence_evidence(ctx.source, [s.sentence for s in support[:1]]),
            )
        )
    return findings


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
