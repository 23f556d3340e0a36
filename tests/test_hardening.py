"""Regression tests for the hardening issue: each reproduces one failure a user met, through the Python API.

(The same failures through the command line are in test_badinput.py; private-address URLs in test_ssrf.py.)
"""

from __future__ import annotations

import math
import re
import time
from pathlib import Path

import pytest

import retold
from retold.errors import InputError, RetoldError
from retold.ingest.read import Raw, decode

EXAMPLE = Path(__file__).parent.parent / "examples" / "nato-ukraine.txt"
SOURCE = EXAMPLE.read_text(encoding="utf-8")

# A paragraph that stops mid-sentence ("… predator. Both") made a name mention run past its sentence's end.
CUT_OFF = (
    "Lesley Conman's daughter Abbie, 12, was sent messages by an online pervert on Facebook . Two mothers have "
    "slammed police for failing to act after their daughters were targeted by an online predator. Both\n\n"
    "Lesley Conman and Kerry Green's young daughters were sent sexualised messages by an online pervert on "
    "Facebook - but police refused to investigate.\n\n"
    "Ms Conman was told that no offence had been committed. She said: 'I felt disgusted by it."
)


def test_rewrite_of_a_paragraph_cut_mid_sentence_does_not_crash():
    from retold.render import draft_text

    draft = retold.rewrite(CUT_OFF)
    assert "Conman" in draft_text(draft)


def test_lone_surrogates_are_accepted_by_every_stage():
    text = "Ukraine\ud800 said on Tuesday it would apply to join NATO, officials \udfff said in Kyiv. " * 3
    report = retold.check(SOURCE, text)
    assert report.verdict in ("pass", "fail")
    assert len(report.rewrite_text) == len(text) and "\ufffd" in report.rewrite_text  # offsets hold
    report.to_markdown().encode("utf-8")
    facts = retold.analyze(text)
    facts.text.encode("utf-8")
    retold.check(text, "Ukraine said it would join NATO.")
    retold.rewrite(text)


def test_a_surrogate_pair_given_as_two_code_points_is_scrubbed_too():
    facts = retold.analyze("He said \ud83d\ude00 hello to the minister in Kyiv on Tuesday.")
    assert "\ud83d" not in facts.text and facts.text.count("\ufffd") == 2


@pytest.mark.parametrize("timeout", [math.inf, math.nan, -1.0, 0, 1e300])
def test_the_api_refuses_a_timeout_no_read_could_honour(tmp_path, timeout):
    path = tmp_path / "a.txt"
    path.write_text(SOURCE)
    with pytest.raises(InputError, match="timeout must be a number of seconds above 0"):
        retold.ingest(path, timeout=timeout)


def test_latin1_french_is_not_read_as_a_baltic_code_page():
    french = "Le café est très apprécié à Paris. Les élèves ont déjà mangé leur goûter, a déclaré le ministre."
    text, warnings = decode(Raw(data=french.encode("latin-1"), origin="fr.txt"))
    assert text == french and "cp1252" in warnings[0]


def test_cyrillic_in_its_own_code_page_is_still_detected():
    russian = "Президент России заявил в среду, что переговоры продолжатся на следующей неделе в Москве. " * 3
    text, warnings = decode(Raw(data=russian.encode("cp1251"), origin="ru.txt"))
    assert text == russian and "cp1251" in warnings[0]


def test_one_stray_byte_keeps_a_utf8_file_utf8_and_says_where():
    line = "The minister said \u201cwe will win\u201d and the crowd\u2019s reply was loud.\n"
    data = (line * 3).encode() + b"caf\xe9 " + (line * 3).encode()
    text, warnings = decode(Raw(data=data, origin="a.txt"))
    assert text.count("\u201c") == 6 and "\u2019" in text and "caf\ufffd " in text
    assert warnings == (
        "1 byte is not valid UTF-8 (the first at line 4, column 4); read as UTF-8 with each replaced by \ufffd",
    )


def test_many_quote_marks_cost_about_as_much_as_a_normal_check():
    """4,000 quote marks once took 70 s in check (quadratic in quotes.py/speakers.py); the goal is 20x."""
    retold.check(SOURCE, "NATO met on Tuesday.")  # the model and the source, loaded outside the timings
    start = time.perf_counter()
    retold.check(SOURCE, SOURCE)
    normal = time.perf_counter() - start
    quoted = " ".join(f'"w{i}"' for i in range(1000))  # 2,000 marks
    start = time.perf_counter()
    retold.check(SOURCE, quoted)
    assert time.perf_counter() - start < 20 * normal + 2


def test_speakers_survive_the_faster_search():
    """The speaker search now walks outward from each quote; who said what must not change."""
    text = (
        'NATO chief Mark Rutte met the ministers in Brussels. "We will not give up," Rutte said on Tuesday. '
        'Andriy Sybiha, the Ukrainian foreign minister, said: "Ukraine belongs in NATO." '
        '"It is a question of time," he added.'
    )
    facts = retold.analyze(text)
    speakers = [q.speaker_text for q in facts.quotes]
    assert speakers[0] == "Rutte" and "Sybiha" in (speakers[1] or "") and speakers[2] == "he"
    assert facts.entities[facts.quotes[2].speaker].name.endswith("Sybiha")


def test_markdown_of_a_rewrite_has_no_live_html_or_links():
    page = (
        "<html><head><title>Attack at dawn</title></head><body><article>"
        + "".join(
            f"<p>Officials said the attack &lt;img src=x onerror=alert({i})&gt; began at dawn on Tuesday in the "
            f"capital, according to a statement from the ministry of defence [click](javascript:alert({i})).</p>"
            for i in range(6)
        )
        + "</article></body></html>"
    )
    draft = retold.rewrite(retold.from_text(page))
    from retold.render import render

    md = render(draft, "md")
    assert "<img" not in md and "&lt;img src=x onerror=alert(" in md
    assert re.search(r"(?<!\\)\]\(javascript:", md) is None and "\\[click\\](javascript:" in md


def test_check_markdown_keeps_a_rewrites_links_as_text():
    report = retold.check(SOURCE, "NATO met on Tuesday. [Read more](javascript:alert(1)) <script>x</script>")
    md = report.to_markdown()
    assert re.search(r"(?<!\\)\]\(javascript:", md) is None and "<script>" not in md


def test_every_error_of_the_api_is_a_retold_error():
    with pytest.raises(RetoldError):
        retold.check("", "")
    with pytest.raises(RetoldError):
        retold.ingest(str(EXAMPLE.parent))
