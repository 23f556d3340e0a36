"""bench/summedits.py: every domain loads, paraphrase-quote is counted apart, false errors group by rule."""

from __future__ import annotations

from bench.summedits import DOMAINS, Checked, domain_gate, figures_of, load_rows, rule_of
from retold.types import Finding


def _finding(kind: str, message: str = "“X” is not in the source: give the source's figure") -> Finding:
    return Finding(kind, "error", 0, 1, "X", message)


def _row(label: int, n: int = 0) -> dict:
    return {"id": f"r{n}", "label": label, "doc": "D", "summary": "S", "edit_types": [], "original_summary": "S"}


def test_every_bundled_domain_loads_with_both_labels() -> None:
    assert set(DOMAINS) == {"news", "podcast", "qmsumm", "sales_call", "sales_email", "samsum", "scitldr", "ectsum"}
    rows = load_rows("scitldr")
    assert len(rows) == 466 and {r["label"] for r in rows} == {0, 1}


def test_a_paraphrase_in_quotation_marks_alone_fails_only_by_newsroom_standards() -> None:
    checked = [
        Checked(_row(1, 1), 0.4, False, (_finding("paraphrase-quote"),)),
        Checked(_row(1, 2), 0.9, True, ()),
        Checked(_row(0, 3), 0.1, False, (_finding("number"),)),
        Checked(_row(0, 4), 0.2, False, (_finding("paraphrase-quote"), _finding("entity"))),
    ]
    figures = figures_of(checked)
    assert figures["faithful_fail_rate"] == 0.5
    assert figures["as_judged"]["faithful_fail_rate"] == 0.0
    assert figures["as_judged"]["unfaithful_fail_rate"] == 1.0  # another error still fails it
    assert figures["paraphrase_quote_faithful"] == 1
    assert domain_gate({"x": figures}) == []
    failing = dict(figures, as_judged=dict(figures["as_judged"], faithful_fail_rate=0.06))
    assert domain_gate({"x": failing})


def test_false_errors_group_by_rule_without_their_particulars() -> None:
    a = rule_of("number", "“25” is not in the source (here it gives “five”): give the source's figure")
    b = rule_of("number", "“12.50” is not in the source (here it gives “fifty”): give the source's figure")
    assert a == b == "number: … is not in the source (here it gives …)"
