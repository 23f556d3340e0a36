"""Times of day: a clock time the source does not give is a ``date`` error; its own time, written otherwise, is not."""

from __future__ import annotations

from retold.check import check
from retold.check.match.times import clock_times

SOURCE = (
    "According to Shiguematsu, the sky went dark around 3:15 PM yesterday. "
    "The council meets at 15:00 GMT on Friday, and the vote closes at midnight."
)


def times(rewrite: str) -> list[tuple[str, str, str]]:
    found = check(SOURCE, rewrite).findings
    return [(f.text, f.severity, f.evidence_relation) for f in found if f.kind == "date" and f.start < f.end]


def test_a_time_the_source_gives_otherwise_is_an_error_that_names_the_source_time() -> None:
    (found,) = [
        f for f in check(SOURCE, "The sky went dark around 5:15 PM, Shiguematsu said.").findings if f.kind == "date"
    ]
    assert (found.text, found.severity, found.evidence_relation) == ("5:15 PM", "error", "contradicts")
    assert "here it gives “3:15 PM”" in found.message
    assert times("The council meets at noon on Friday.") == [("noon", "error", "contradicts")]  # it gives 15:00
    other = "The mayor spoke at the town hall on Friday. Residents asked about the bus fares."
    (invented,) = [f for f in check(other, "The mayor spoke at 9 a.m. on Friday.").findings if f.kind == "date"]
    assert invented.severity == "error" and invented.evidence_relation == "closest"
    assert "not in the source: give the time the source gives" in invented.message


def test_the_source_time_written_another_way_is_no_finding() -> None:
    assert times("The sky went dark at about 3.15pm, Shiguematsu said.") == []
    assert times("The sky darkened around 3:15 p.m.") == []
    assert times("The council meets at 3 p.m. GMT on Friday.") == []  # 15:00 is 3 p.m.
    assert times("The vote closes at 12 a.m.") == []  # midnight


def test_only_times_of_day_are_read() -> None:
    # a bare "2:1" or "3:15" may be a score or a race time; a.m., p.m., noon and midnight make a time of day
    told = [t.text for t in clock_times("Chelsea won 2:1 at 3 p.m.; she ran it in 2:05 at noon.") if t.told]
    assert told == ["3 p.m.", "noon"]
    assert times("The sky went dark, and the council meets on Friday; the score was 2:1.") == []


def test_a_bare_hour_in_the_source_backs_that_hour_as_a_time_of_day() -> None:
    chat = "Jacob: Where? Alex: I found a cool pub. Jacob: Got it! 7? 8? Alex: Let's make it 7. Jacob: Ok."
    found = [f for f in check(chat, "Alex and Jacob agree to meet at 7 pm.").findings if f.kind == "date"]
    assert found == []
    (other,) = [f for f in check(chat, "Alex and Jacob agree to meet at 9 pm.").findings if f.kind == "date"]
    assert other.text == "9 pm" and other.severity == "error"
