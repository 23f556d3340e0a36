"""``leakage``: prompt or model artefacts left in a rewrite ("As an AI…", "[insert link]", "{{name}}").

When the prompt a model was sent is known (``CheckContext.prompt``: retold's own llm engine), a rewrite
sentence that repeats a sentence of that prompt the article does not hold — an instruction, a line of the
numbered fact sheet — is leakage too: a weak model echoes its request.
"""

from __future__ import annotations

import re

from retold.check.context import CheckContext
from retold.normalize import fold, fold_key
from retold.types import Finding

# (pattern, message). Patterns run on folded text (straight quotes, plain dashes), so offsets hold.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE | re.MULTILINE), m)
    for p, m in (
        (
            r"\((?:no|without|don't include|do not include)\s+links?\b[^)\n]*\)",
            "a prompt instruction was left in the text",
        ),
        (r"\(\s*(?:just|only)\s+mention\b[^)\n]*\)", "a prompt instruction was left in the text"),
        (
            r"\bas an ai(?:\s+(?:language\s+)?model|\s+assistant)?\b[^.!?\n]*[.!?]?",
            "a model disclaimer was left in the text",
        ),
        (r"\bas a (?:large )?language model\b[^.!?\n]*[.!?]?", "a model disclaimer was left in the text"),
        (
            r"^[ \t]*(?:sure|certainly|of course|absolutely|okay|ok)\b[!,.:]?[ \t]*"
            r"(?:here(?:'s| is| are)\b[^\n]*)?$",
            "the model's reply to its prompt was left in the text",
        ),
        (
            r"^[ \t]*(?:here(?:'s| is| are)|below is|below you will find)\s+(?:a |an |the |your )?"
            r"(?:\w+\s+){0,4}?(?:rewritten|rewrite|revised|paraphrased|reworded|rephrased|summari[sz]ed|edited|"
            r"requested|plagiarism-free|seo|unique)\b[^\n]*$",
            "the model's reply to its prompt was left in the text",
        ),
        (
            r"^[ \t]*(?:\*\*)?note:(?:\*\*)?\s*(?:i\b|this (?:article|rewrite|version|text|summary)\b|"
            r"the (?:above|rewritten|original)\b)[^\n]*$",
            "a note from the rewriter to its user was left in the text",
        ),
        (
            r"\[\s*(?:insert|add|include|your|link to|placeholder|source link|tbd|todo)\b[^\]\n]*\]",
            "a placeholder was left unfilled",
        ),
        (r"\{\{[^{}\n]{0,80}\}\}", "a template placeholder was left unfilled"),
        (r"\{\s*[a-z_][a-z0-9_ ]{0,30}\s*\}", "a template placeholder was left unfilled"),
        (r"<\s*(?:insert|placeholder|your)\b[^>\n]*>", "a placeholder was left unfilled"),
        (r"\bi hope (?:this|that) (?:helps|meets)\b[^\n]*", "the model's reply to its prompt was left in the text"),
        (
            r"\blet me know if you(?:'d| would)? (?:like|want|need)\b[^\n]*",
            "the model's reply to its prompt was left in the text",
        ),
        (
            r"\((?:approx(?:imately|\.)?\s*)?(?:word count|\d+\s+words)\b[^)\n]*\)",
            "a word count from the prompt was left in the text",
        ),
        (r"^[ \t]*word count:[^\n]*$", "a word count from the prompt was left in the text"),
        (
            r"\bi(?:'m| am) (?:sorry|unable)\b[^.!?\n]*\b(?:can't|cannot|unable)\b[^.!?\n]*[.!?]?",
            "a model refusal was left in the text",
        ),
        (r"\b(?:my|the) knowledge cut-?off\b[^.!?\n]*[.!?]?", "a model disclaimer was left in the text"),
    )
)


def detect(ctx: CheckContext) -> list[Finding]:
    text = ctx.rewrite.text
    folded = fold(text)
    source_key = fold_key(ctx.source.text)
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for pattern, message in _PATTERNS:
        for match in pattern.finditer(folded):
            start, end = _trim(text, match.start(), match.end())
            if start >= end or any(s < end and start < e for s, e in taken):
                continue
            # An article may itself quote such words (a story about chatbots): only what the source lacks is leakage.
            if fold_key(text[start:end]) in source_key:
                continue
            taken.append((start, end))
            findings.append(
                Finding(
                    kind="leakage",
                    severity="error",
                    start=start,
                    end=end,
                    text=text[start:end],
                    message=f"{message}; delete it",
                )
            )
    for finding in _echoes(ctx):
        if not any(s < finding.end and finding.start < e for s, e in taken):
            findings.append(finding)
    return findings


_WORDS = re.compile(r"[a-z0-9]+")
_FACT_LINE = re.compile(r"[ \t>*-]*\[\d{1,4}\]\s")  # "[12] …": a line of the numbered fact sheet
ECHO_SHARE = 0.5  # of a sentence's word triples found in the prompt and not in the source: an echo
MIN_ECHO_WORDS = 4


def _triples(text: str) -> set[tuple[str, ...]]:
    words = _WORDS.findall(fold(text).lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _echoes(ctx: CheckContext) -> list[Finding]:
    """Rewrite sentences that repeat the prompt rather than the article."""
    if not ctx.prompt:
        return []
    source = _triples(ctx.source.text)
    prompt = set().union(*(_triples(message) for message in ctx.prompt)) - source  # retold's own words
    findings = []
    for sentence in ctx.rewrite.sentences:
        if sentence.kind == "heading":
            continue  # a section title is named in the prompt by design
        start, end = _trim(ctx.rewrite.text, sentence.start, sentence.end)
        line_start = ctx.rewrite.text.rfind("\n", 0, start) + 1
        marker = _FACT_LINE.match(ctx.rewrite.text, line_start)
        if marker is not None and marker.end() <= start + 1:
            start = ctx.rewrite.text.index("[", line_start)  # the marker is part of what to delete
        text = ctx.rewrite.text[start:end]
        if marker is not None and marker.end() <= sentence.start + 1:
            message = (
                "a numbered line of the fact sheet retold sent the model, not a sentence of the rewrite; delete it"
            )
        else:
            mine = _triples(text)
            if len(mine) < MIN_ECHO_WORDS - 2:
                continue
            echoed = len(mine & prompt) / len(mine)
            sourced = len(mine & source) / len(mine)
            if echoed < ECHO_SHARE or sourced >= 0.5:
                continue
            message = "a sentence of the request retold sent the model, not of the article; delete it"
        findings.append(Finding(kind="leakage", severity="error", start=start, end=end, text=text, message=message))
    return findings


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
