"""The self-check gates measure what the audit had to mend, so they can fail: shown on a real audit of a draft
with a claim put on the wrong person."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ sits beside src/, outside the installed package
    sys.path.insert(0, str(ROOT))

import retold  # noqa: E402
from bench.pages import Lint, lint_audit  # noqa: E402
from bench.selfcheck import gate, wrong_referents  # noqa: E402
from retold.ingest import from_text  # noqa: E402
from retold.rewrite import audit_draft  # noqa: E402
from retold.rewrite.audit import audit_counts  # noqa: E402

STORY = """# City council approves park on old rail yard

Mayor Jake Spano said on Tuesday that the city council approved a $4 million plan to build a park on the rail yard.

Council member Tim Brausen, who voted against the plan, said the city should have spent the money on roads.

Construction is expected to begin in March and the park will open in 2026, the city said.
"""


def _audited(wrong: bool):
    facts = retold.analyze(from_text(STORY))
    draft = retold.rewrite(facts)
    if wrong:  # the lead's claim put on another man, as a rewriter that picked the wrong referent would
        lead = draft.sections[0]
        item = dataclasses.replace(lead.items[0], text=lead.items[0].text.replace("Jake Spano", "Tim Brausen"))
        draft = dataclasses.replace(
            draft, sections=(dataclasses.replace(lead, items=(item, *lead.items[1:])), *draft.sections[1:])
        )
    audit = audit_draft(draft, facts)
    return dataclasses.replace(audit.draft, stats={"audit": audit_counts(audit)})  # as retold.rewrite() returns it


def test_a_clean_rewrite_passes_the_gates_and_its_stats_say_nothing_was_mended():
    draft = _audited(wrong=False)
    audit = draft.stats["audit"]
    assert audit["mended"] == 0 and wrong_referents(audit) == 0
    assert gate({"selfcheck.mended": audit["mended"], "selfcheck.wrong_referents": 0}, {"selfcheck.mended": 0}) == []


def test_a_wrong_person_is_mended_counted_and_fails_a_ceiling_of_zero():
    draft = _audited(wrong=True)
    audit = draft.stats["audit"]
    assert [f for f in draft.report.findings if f.severity == "error"] == []  # 0 after the audit, by construction
    assert audit["mended"] >= 1 and wrong_referents(audit) >= 1  # … but the audit says what it had to mend
    figures = {"selfcheck.mended": audit["mended"], "selfcheck.wrong_referents": wrong_referents(audit)}
    failed = gate(figures, {"selfcheck.mended": 0, "selfcheck.wrong_referents": 0})
    assert len(failed) == 2 and failed[0].startswith("selfcheck.mended ")
    assert gate(figures, {"selfcheck.mended": 5, "selfcheck.wrong_referents": 5}) == []
    lint = Lint()
    lint_audit(draft, lint)  # bench/pages.py reads the same steps
    assert (
        lint.counts()["audit_mended"] == audit["mended"] + audit["kept"] and lint.counts()["audit_wrong_referents"] >= 1
    )
