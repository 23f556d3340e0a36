"""Property tests: any ``str`` given to the Python API gives a result or a ``RetoldError``, never another
exception, and in bounded time.

Three profiles: ``retold-fast`` (the default, a few examples per property, for ``make test``), ``retold-ci``
(many more and longer inputs; ``.ci/run`` selects it with RETOLD_TEST_PROFILE=ci) and ``retold-explore``
(``make fuzz``, RETOLD_TEST_PROFILE=explore: more still, and new ones each run). The first two draw the same
examples on every run, so CI judges the code and not the luck of the draw; exploring finds new failures, each
then pinned as an explicit example beside its property. The per-example deadline
is what catches super-linear time: the inputs include long runs of one unit (quotes, brackets, names,
Markdown markers), the shape that made quote handling quadratic.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import retold
from retold.errors import RetoldError

SOURCE = (Path(__file__).parent.parent / "examples" / "nato-ukraine.txt").read_text(encoding="utf-8")
EXPLORE = os.environ.get("RETOLD_TEST_PROFILE") == "explore"
CI = os.environ.get("RETOLD_TEST_PROFILE") == "ci" or EXPLORE
_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile(
    "retold-fast", max_examples=12, deadline=dt.timedelta(seconds=30), suppress_health_check=_SLOW, derandomize=True
)
settings.register_profile(
    "retold-ci", max_examples=150, deadline=dt.timedelta(seconds=15), suppress_health_check=_SLOW, derandomize=True
)
settings.register_profile(
    "retold-explore", max_examples=1000, deadline=dt.timedelta(seconds=15), suppress_health_check=_SLOW
)
PROFILE = settings.get_profile("retold-explore" if EXPLORE else "retold-ci" if CI else "retold-fast")
LONGEST_RUN = 600 if CI else 150  # repetitions of one unit

# Any code point at all, lone surrogates and controls included.
ANY_CHAR = st.characters(exclude_categories=())
WORDS = [
    "Ukraine",
    "NATO",
    "Mark Rutte",
    "said",
    "told",
    "he",
    "she",
    "they",
    "his",
    "the",
    "a",
    "of",
    "on",
    "Tuesday",
    "3 December 2024",
    "2024",
    "1.5 million",
    "40%",
    "three and a half",
    "$5bn",
    "Mr",
    "Dr.",
    "Kyiv's",
    "U.S.",
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    '"',
    "'",
    "\u00ab",
    "\u00bb",
    "(",
    ")",
    "[",
    "]",
    "[1]",
    "*",
    "**",
    "_",
    "#",
    "##",
    ">",
    "- ",
    "1.",
    "\u2014",
    "\u2013",
    "-",
    "...",
    "\u2026",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "\n",
    "\n\n",
    " ",
    "\t",
    "\r",
    "\u00a0",
    "\ufeff",
    "\ud800",
    "\udfff",
    "\x00",
    "\x1b[31m",
    "<p>",
    "</p>",
    "<div>",
    "&amp;",
    "https://example.com/a",
    "javascript:alert(1)",
    "\u0301",
    "e\u0301",
    "\U0001f600",
    "\u202e",
    "caf\u00e9",
]
word = st.sampled_from(WORDS)
prose = st.lists(word, max_size=80).map(" ".join)
jumble = st.lists(word, max_size=80).map("".join)
raw = st.text(alphabet=ANY_CHAR, max_size=300)
run = st.tuples(st.lists(word, min_size=1, max_size=5).map(" ".join), st.integers(1, LONGEST_RUN)).map(
    lambda unit_times: (unit_times[0] + " ") * unit_times[1]
)
texts = st.one_of(raw, prose, jumble, run)


def outcome(call, *args, **kwargs):
    """The call's result, or the RetoldError it raised (any other exception fails the test)."""
    try:
        return call(*args, **kwargs)
    except RetoldError as exc:
        message = str(exc)
        assert message and "\n" not in message, repr(message)  # the CLI prints it as one line
        return exc


@pytest.fixture(scope="module", autouse=True)
def warm():
    """Load the language model once, outside any example's deadline."""
    retold.check(SOURCE, "NATO met on Tuesday.")


@PROFILE
@given(text=texts)
def test_analyze_takes_any_string(text):
    facts = outcome(retold.analyze, text)
    if not isinstance(facts, RetoldError):
        assert len(facts.text) == len(text)  # offsets into the text as given hold
        for sentence in facts.sentences:
            assert 0 <= sentence.start <= sentence.end <= len(facts.text)


@PROFILE
@given(text=texts)
def test_ingest_of_text_takes_any_string(text):
    article = outcome(retold.from_text, text)
    if not isinstance(article, RetoldError):
        article.text.encode("utf-8")  # whatever came in, what comes out can be written
        assert article.text.strip()


@PROFILE
@given(text=texts)
def test_check_takes_any_rewrite(text):
    report = outcome(retold.check, SOURCE, text)
    if not isinstance(report, RetoldError):
        assert report.verdict in ("pass", "fail")
        for finding in report.findings:
            assert 0 <= finding.start <= finding.end <= len(report.rewrite_text)
        report.to_markdown().encode("utf-8")


@PROFILE
@given(text=texts)
def test_check_takes_any_source(text):
    outcome(retold.check, text, "NATO's secretary general Mark Rutte spoke on Tuesday.")


@PROFILE
@given(text=texts)
def test_rewrite_takes_any_string(text):
    from retold.render import render

    draft = outcome(retold.rewrite, text)
    if not isinstance(draft, RetoldError):
        render(draft, "md").encode("utf-8")


@PROFILE
@given(text=texts)
def test_markdown_escaping_leaves_no_markup(text):
    from retold.escape import markdown

    escaped = markdown(text)
    assert "<" not in escaped and "\n" not in escaped
    for i, ch in enumerate(escaped):
        if ch in "[]*_`":
            assert escaped[i - 1] == "\\"
