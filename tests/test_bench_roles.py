"""bench/roles.py plants a role swap: doer and object of one verb exchanged, both names."""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ sits beside src/, outside the installed package
    sys.path.insert(0, str(ROOT))

from bench.plants import Pools  # noqa: E402
from bench.roles import plant_roles_swapped  # noqa: E402
from retold import check  # noqa: E402
from retold.analyze import analyze  # noqa: E402
from retold.ingest import from_text  # noqa: E402

MATCH = (
    "Arsenal beat Chelsea in the FA Cup final at Wembley on Saturday afternoon. Arsenal had lost to Chelsea in May. "
    "Bukayo Saka scored twice in the second half. The manager praised his players after the game."
)


FIGHT = (
    "Witnesses said John Smith punched Tom Harris outside a pub in Leeds on Friday night. "
    "Police arrived minutes later and both men were taken to hospital."
)


def test_the_planter_exchanges_the_two_names_of_a_clause() -> None:
    facts = analyze(from_text(FIGHT))
    case = plant_roles_swapped(facts, Pools.build([facts], [None]), random.Random(0))
    assert case is not None and case.kind == "roles-swapped"
    assert case.text[case.start : case.end] == "Tom Harris punched John Smith"
    assert "John Smith punched" not in case.text
    found = [f for f in check(FIGHT, case.text).findings if f.severity == "error"]
    assert any(f.kind == "claim" and f.start < case.end and case.start < f.end for f in found)


def test_the_planter_skips_an_article_without_such_a_clause() -> None:
    facts = analyze(from_text("The weather was fine on Saturday. Many people went to the beach in the afternoon."))
    assert plant_roles_swapped(facts, Pools.build([facts], [None]), random.Random(0)) is None


def test_the_checker_reports_the_swap_as_a_claim_error_on_the_clause() -> None:
    report = check(MATCH, "Chelsea beat Arsenal in the FA Cup final at Wembley on Saturday afternoon.")
    errors = [f for f in report.findings if f.severity == "error"]
    assert [f.kind for f in errors] == ["claim"]
    assert "Chelsea" in errors[0].text and "Arsenal" in errors[0].text
    assert "Arsenal beat Chelsea" in errors[0].evidence[0].text


def test_a_passive_that_keeps_the_roles_is_not_a_swap() -> None:
    report = check(MATCH, "Chelsea were beaten by Arsenal in the FA Cup final at Wembley on Saturday afternoon.")
    assert [f for f in report.findings if f.severity == "error"] == []
