"""``leakage``: prompt or model artefacts left in a rewrite ("As an AI…", "[insert link]", "{{name}}")."""

from __future__ import annotations

import re

from retold.check.context import CheckContext
from retold.normalize import fold, fold_key
from retold.types import Finding

# (pattern, message). Patterns run on folded text (straight quotes, plain dashes), so offsets hold.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE | re.MULTILINE), m)
    for p, m in (
        (r"\((?:no|without|don't include|do not include)\s+links?\b[^)\n]*\)", "a prompt instruction was left in the text"),
        (r"\(\s*(?:just|only)\s+mention\b[^)\n]*\)", "a prompt instruction was left in the text"),
        (r"\bas an ai(?:\s+(?:language\s+)?model|\s+assistant)?\b[^.!?\n]*[.!?]?", "a model disclaimer was left in the text"),
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
        (r"\[\s*(?:insert|add|include|your|link to|placeholder|source link|tbd|todo)\b[^\]\n]*\]", "a placeholder was left unfilled"),
        (r"\{\{[^{}\n]{0,80}\}\}", "a template placeholder was left unfilled"),
        (r"\{\s*[a-z_][a-z0-9_ ]{0,30}\s*\}", "a template placeholder was left unfilled"),
        (r"<\s*(?:insert|placeholder|your)\b[^>\n]*>", "a placeholder was left unfilled"),
        (r"\bi hope (?:this|that) (?:helps|meets)\b[^\n]*", "the model's reply to its prompt was left in the text"),
        (r"\blet me know if you(?:'d| would)? (?:like|want|need)\b[^\n]*", "the model's reply to its prompt was left in the text"),
        (r"\((?:approx(?:imately|\.)?\s*)?(?:word count|\d+\s+words)\b[^)\n]*\)", "a word count from the prompt was left in the text"),
        (r"^[ \t]*word count:[^\n]*$", "a word count from the prompt was left in the text"),
        (r"\bi(?:'m| am) (?:sorry|unable)\b[^.!?\n]*\b(?:can't|cannot|unable)\b[^.!?\n]*[.!?]?", "a model refusal was left in the text"),
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
    return findings


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
