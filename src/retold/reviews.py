"""An editor's decisions on a check's findings, as the web page records them and every reader shows them.

The decisions live in the store beside the run (:meth:`retold.store.Store.decisions`); the JSON carries them
as ``reviews``, one entry per finding in the findings' order, so the findings stay the CLI's JSON key for key.
"""

from __future__ import annotations

import html
from typing import Any

from retold.normalize import clip


def with_decisions(result: dict[str, Any], decisions: dict[int, str]) -> dict[str, Any]:
    """A check result with ``reviews``: the editor's decision on each finding, in the findings' order (None: not
    yet decided). Beside the findings, not in them, so the findings stay the CLI's JSON key for key."""
    if "findings" not in result:
        return result
    return {**result, "reviews": [decisions.get(n) for n in range(len(result["findings"]))]}


def decisions_block(findings: list[dict[str, Any]], decisions: dict[int, str], fmt: str) -> str:
    """The decisions as a closing block of a stored check's text, Markdown or HTML report ("" with none).

    ``decisions`` are keyed by the finding's index in the JSON's findings (the order the API numbers them);
    each line names the finding by severity, kind and the words it marks, as the reports do.
    """
    decided = {n: d for n, d in sorted(decisions.items()) if 0 <= n < len(findings)}
    if not decided:
        return ""
    head = f"{len(decided)} of {len(findings)} findings decided in the web page, {len(findings) - len(decided)} left to review"
    lines = [(_named(findings[n]), decision) for n, decision in decided.items()]
    if fmt == "md":
        rows = "\n".join(f"- {what}: **{decision}**" for what, decision in lines)
        return f"\n## Decisions\n\n{head}.\n\n{rows}\n"
    if fmt == "html":
        items = "".join(
            f"<li>{html.escape(what)}: <strong>{html.escape(decision)}</strong></li>" for what, decision in lines
        )
        return f'<section class="decisions"><h2>Decisions</h2><p>{html.escape(head)}.</p><ul>{items}</ul></section>'
    rows = "\n".join(f"  {what}: {decision}" for what, decision in lines)
    return f"\nDecisions: {head}.\n{rows}\n"


def _named(finding: dict[str, Any]) -> str:
    """ "error date “December 2”"; a finding that marks no words (an omission) by its message."""
    marked = clip(str(finding.get("text") or ""), 60) or clip(str(finding.get("message") or ""), 60)
    what = " ".join(str(finding.get(k)) for k in ("severity", "kind") if finding.get(k))
    return f"{what} \u201c{marked}\u201d" if marked else what
