"""The outcome of a check: findings on the rewrite, a score, and its renderings (JSON, terminal, Markdown, HTML)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from rich.console import Group
from rich.text import Text

from retold import escape
from retold.errors import InputError
from retold.types import KINDS, SEVERITY_RANK, Finding

SEVERITIES = ("error", "warning", "info")
_STYLE = {"error": "bold red underline", "warning": "yellow underline", "info": "cyan"}
_HTML_COLOUR = {"error": "#fdd", "warning": "#ffefc2", "info": "#dff3ff"}


@dataclass(frozen=True, slots=True)
class Report:
    """Findings on ``rewrite_text`` (sorted by start) with evidence in ``source_text``, and a 0–1 faithfulness score."""

    findings: tuple[Finding, ...]
    score: float
    rewrite_text: str
    source_text: str

    @property
    def verdict(self) -> str:
        """``"fail"`` when any finding is an error, else ``"pass"``."""
        return "fail" if any(f.severity == "error" for f in self.findings) else "pass"

    @property
    def summary(self) -> dict[str, Any]:
        """Counts per severity and per kind (every kind listed, zeros included), and the score."""
        by_severity = {s: 0 for s in SEVERITIES}
        by_kind = {k: 0 for k in KINDS}
        for f in self.findings:
            by_severity[f.severity] += 1
            by_kind[f.kind] = by_kind.get(f.kind, 0) + 1
        return {
            "score": round(self.score, 4),
            "total": len(self.findings),
            "by_severity": by_severity,
            "by_kind": by_kind,
        }

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON contract of ``retold check --format json``."""
        return {
            "verdict": self.verdict,
            "summary": self.summary,
            "findings": [f.to_dict() for f in self.findings],
        }

    def exit_code(self, fail_on: str = "error") -> int:
        """1 when a finding is at or above ``fail_on`` ("error" | "warning" | "info"), else 0."""
        if fail_on not in SEVERITY_RANK:
            raise InputError(f"Unknown --fail-on level {fail_on!r}: use error, warning or info.")
        floor = SEVERITY_RANK[fail_on]
        return 1 if any(SEVERITY_RANK[f.severity] >= floor for f in self.findings) else 0

    def _numbers(self) -> dict[int, int]:
        """Display numbers: findings with a span in text order, then omissions (which span nothing)."""
        order = sorted(range(len(self.findings)), key=lambda i: (self.findings[i].start == self.findings[i].end, i))
        return {i: n for n, i in enumerate(order, 1)}

    def _listed(self) -> list[tuple[int, Finding]]:
        number = self._numbers()
        return sorted(((number[i], f) for i, f in enumerate(self.findings)), key=lambda pair: pair[0])

    # ------------------------------------------------------------------ terminal

    def __rich__(self) -> Group:
        """The rewrite with each finding's span styled by severity and numbered, then the numbered list."""
        number = self._numbers()
        body = Text()
        for start, end, marks in _segments(self.rewrite_text, self.findings):
            if not marks:
                body.append(self.rewrite_text[start:end])
                continue
            worst = _worst(self.findings[i] for i in marks)
            body.append(self.rewrite_text[start:end], style=_STYLE[worst])
            # Numbers after the span keep the marking readable on consoles without colour.
            ending = [i for i in marks if self.findings[i].end == end]
            if ending:
                body.append("[" + ",".join(str(number[i]) for i in ending) + "]", style="dim")
        for n, f in self._listed():
            if f.start == f.end:  # omissions span nothing: list them at the end of the text
                body.append(f" [{n}]", style="dim")
        parts: list[Any] = [_headline_text(self), Text(""), body, Text("")]
        for n, f in self._listed():
            line = Text(f"{n}. ")
            line.append(f"{f.severity} {f.kind}", style=_STYLE[f.severity])
            if f.text:
                line.append(f" “{_clip(f.text)}”")
            line.append(f": {f.message}")
            parts.append(line)
            for ev in f.evidence:
                parts.append(
                    Text(f"   {relation_words(f.evidence_relation, f.kind)}: “{_clip(ev.text, 160)}”", style="dim")
                )
        if not self.findings:
            parts.append(Text("No findings."))
        return Group(*parts)

    # ------------------------------------------------------------------ markdown

    def to_markdown(self) -> str:
        """A Markdown report: verdict line, then one numbered entry per finding with its source evidence."""
        lines = [f"**Check: {self.verdict.upper()}** · score {self.score:.2f} · {_counts_line(self)}", ""]
        for n, f in self._listed():
            where = f" “{_md_escape(_clip(f.text))}”" if f.text else ""
            lines.append(f"{n}. **{f.severity}** `{f.kind}`{where} (chars {f.start}–{f.end}): {_md_escape(f.message)}")
            for ev in f.evidence:
                lines.append(f"   > {relation_words(f.evidence_relation, f.kind)}: {_md_escape(_clip(ev.text, 240))}")
        if not self.findings:
            lines.append("No findings.")
        return "\n".join(lines) + "\n"

    # ------------------------------------------------------------------ html

    def to_html(self) -> str:
        """A self-contained HTML fragment: the rewrite with findings marked, then the findings and evidence."""
        out = ['<section class="retold-report">', _html_style()]
        out.append(
            f'<p class="retold-verdict retold-{self.verdict}"><strong>{self.verdict.upper()}</strong> · '
            f"score {self.score:.2f} · {html.escape(_counts_line(self))}</p>"
        )
        number = self._numbers()
        out.append('<div class="retold-text">')
        for start, end, marks in _segments(self.rewrite_text, self.findings):
            chunk = html.escape(self.rewrite_text[start:end])
            if not marks:
                out.append(chunk)
                continue
            worst = _worst(self.findings[i] for i in marks)
            ids = " ".join(f"f{number[i]}" for i in marks)
            title = html.escape(" | ".join(f"{number[i]}. {self.findings[i].message}" for i in marks), quote=True)
            out.append(f'<mark class="retold-{worst}" data-findings="{ids}" title="{title}">{chunk}</mark>')
        out.append("</div>")
        out.append('<ol class="retold-findings">')
        for n, f in self._listed():
            text = f" “{html.escape(_clip(f.text))}”" if f.text else ""
            out.append(
                f'<li id="f{n}" class="retold-{f.severity}"><strong>{f.severity}</strong> '
                f"<code>{html.escape(f.kind)}</code>{text}: {html.escape(f.message)}"
            )
            for ev in f.evidence:
                out.append(
                    f'<blockquote class="retold-evidence" data-start="{ev.start}" data-end="{ev.end}" '
                    f'data-relation="{f.evidence_relation}"><span class="retold-relation">'
                    f"{html.escape(relation_words(f.evidence_relation, f.kind))}:</span> "
                    f"{html.escape(_clip(ev.text, 400))}</blockquote>"
                )
            out.append("</li>")
        out.append("</ol></section>")
        return "\n".join(out)


def _segments(text: str, findings: tuple[Finding, ...]) -> list[tuple[int, int, list[int]]]:
    """Cut ``text`` at every finding edge: ``(start, end, indexes of the findings covering it)``."""
    cuts = {0, len(text)}
    for f in findings:
        if f.start < f.end:
            cuts.update((max(0, f.start), min(len(text), f.end)))
    edges = sorted(cuts)
    segments = []
    for start, end in zip(edges, edges[1:]):
        marks = [i for i, f in enumerate(findings) if f.start <= start and end <= f.end and f.start < f.end]
        segments.append((start, end, marks))
    return segments


def _worst(findings: Any) -> str:
    return max((f.severity for f in findings), key=lambda s: SEVERITY_RANK[s])


def _counts_line(report: Report) -> str:
    counts = report.summary["by_severity"]
    return ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}" for s in SEVERITIES)


def _headline_text(report: Report) -> Text:
    line = Text()
    line.append(f"Check: {report.verdict.upper()}", style="bold green" if report.verdict == "pass" else "bold red")
    line.append(f"  score {report.score:.2f}  ·  {_counts_line(report)}")
    return line


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _md_escape(text: str) -> str:
    return escape.markdown(text)  # links, HTML and emphasis in the rewrite stay literal text


def _html_style() -> str:
    rules = " ".join(f".retold-report mark.retold-{s}{{background:{c}}}" for s, c in _HTML_COLOUR.items())
    return (
        "<style>.retold-report .retold-text{white-space:pre-wrap;line-height:1.5} "
        ".retold-report mark.retold-error{text-decoration:underline wavy #c00} "
        f"{rules} .retold-report .retold-evidence{{color:#555;margin:.2em 0 .2em 1em}}</style>"
    )


RELATION_WORDS = {
    "supports": "source, supports",
    "contradicts": "source, contradicts",
    "closest": "closest source sentence, does not support",
    "none": "source",
}


def relation_words(relation: str | None, kind: str = "") -> str:
    """How a finding's evidence stands to the rewrite, in words: never a closest sentence shown as support.
    An omission's evidence is the source text the rewrite left out."""
    if kind == "omission":
        return "source, left out"
    return RELATION_WORDS.get(relation or "closest", RELATION_WORDS["closest"])
