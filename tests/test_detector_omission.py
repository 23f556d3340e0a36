"""omission (info): the few most important source facts a rewrite leaves out."""

from __future__ import annotations

from pathlib import Path

from retold.check import check
from retold.ingest import from_text
from retold.types import Finding

SOURCE = (Path(__file__).resolve().parent.parent / "examples" / "nato-ukraine.txt").read_text(encoding="utf-8")
CLEAN = from_text(SOURCE).text  # evidence offsets point into the cleaned article text


def omissions(rewrite: str) -> list[Finding]:
    return [f for f in check(SOURCE, rewrite).findings if f.kind == "omission"]


def test_omissions_are_few_informational_and_point_into_the_source() -> None:
    found = omissions("Sybiha met Landsbergis in Brussels on Tuesday.")
    assert 1 <= len(found) <= 5
    for f in found:
        assert (f.severity, f.start, f.end, f.text) == ("info", 0, 0, "")
        (ev,) = f.evidence
        assert CLEAN[ev.start : ev.end] == ev.text
    messages = " ".join(f.message for f in found)
    assert "key main actor: NATO" in messages and "key main actor: Ukraine" in messages
    assert "key quote" in messages


def test_a_kept_fact_is_not_reported_missing() -> None:
    rewrite = (
        "Sybiha met Landsbergis in Brussels on Tuesday. NATO Secretary General Mark Rutte said allies agree "
        "that the future of Ukraine is in NATO. Kyiv applied to join NATO in September 2022."
    )
    messages = " ".join(f.message for f in omissions(rewrite))
    assert "Mark Rutte" not in messages and "September 2022" not in messages


def test_omissions_never_fail_a_check() -> None:
    report = check(SOURCE, "Sybiha met Landsbergis in Brussels on Tuesday.")
    assert report.verdict == "pass" and report.exit_code() == 0


def test_a_left_out_quote_names_its_speaker_in_full_or_not_at_all() -> None:
    said = [f.message for f in check(SOURCE, "Ukraine wants to join NATO.").findings if "key quote" in f.message]
    assert any(m.endswith("(Andriy Sybiha)") for m in said)  # by name, not by the "Sybiha" of one credit
    # a "He" the analysis cannot settle names nobody: the finding leaves the speaker out
    source = (
        "Mayor Ana Lopez opened the bridge on Monday. Her deputy Tom Reed was there too. "
        'He said, "This bridge will change the way we travel for decades to come."'
    )
    (quote,) = [f.message for f in check(source, "Ana Lopez opened a bridge.").findings if "key quote" in f.message]
    assert quote.endswith("for decades to come.”")
