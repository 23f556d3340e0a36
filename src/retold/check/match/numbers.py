"""``number``: a number, amount, percentage or duration the source does not give, or gives differently.

Values are compared, not strings ("three and a half" = 3.5, "$1.5bn" = 1,500,000,000); durations compare in
one measure ("18 months" = "one and a half years"). A rounded figure introduced by "about", "nearly", "more
than"… matches a source figure within 10%; a round figure without a hedge matches a source figure it rounds
("3,000" for "2,950", not "2,000" for "2,500") in a sentence the rewrite sentence rests on. A count of years the source's own years give ("two years
later" after "2013" and "2015") is backed too. A number the source gives elsewhere still counts as changed
when the rewrite sentence's best-supporting source sentence gives a different figure of the same unit and
none of its supporting sentences gives this one, and when the source gives it only for another noun while
another supporting sentence gives this noun another figure ("5 million birds" where the source has
"5 million hens" and, in the next sentence, "3.5 million birds").
"""

from __future__ import annotations

import re

from retold.check.align import STRONG_SUPPORT, sentence_evidence, stated_in_support
from retold.check.context import CheckContext
from retold.check.memo import per_object
from retold.normalize import fold, fold_key
from retold.types import FactSheet, Finding, NumberFact

APPROX_TOLERANCE = 0.10
ROUNDING_TOLERANCE = 0.05  # a round figure no further than this from the source figure it rounds
DURATION_TOLERANCE = 0.02
_APPROX = re.compile(
    r"(?:about|around|nearly|almost|roughly|approximately|some|over|more than|less than|fewer than|under|"
    r"at least|up to|close to|just over|just under|upwards of|as many as|as much as|an estimated|estimated|"
    r"in excess of|well over|just shy of|~)\s*$",
    re.IGNORECASE,
)
# Units that make two equal values different facts (10% is not $10).
_STRICT_UNITS = frozenset({"%", "USD", "EUR", "GBP", "JPY", "INR", "CNY", "UAH", "RUB", "year-old"})
_URL = re.compile(r"https?://\S+|\]\([^)]*\)|www\.\S+")
_DAYS_IN = {"hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14, "month": 365.25 / 12, "year": 365.25, "decade": 3652.5}


def checkable_numbers(rewrite: FactSheet) -> list[NumberFact]:
    """Rewrite numbers worth checking: not inside a quotation (the quote detector owns those), a link, or a lone "one"."""
    quoted = [(q.start, q.end) for q in rewrite.quotes]
    links = [(m.start(), m.end()) for m in _URL.finditer(rewrite.text)]
    return [
        n
        for n in rewrite.numbers
        if not any(s <= n.start < e for s, e in (*quoted, *links)) and fold(n.text).strip().lower() not in ("one", "a", "an")
    ]


def unsupported_number(ctx: CheckContext, number: NumberFact) -> tuple[str, list[int]] | None:
    """Why ``number`` is unsupported (a message) and the source sentences to show, or None when the source gives it."""
    approx = bool(_APPROX.search(fold(ctx.rewrite.text[max(0, number.start - 20) : number.start])))
    support = ctx.alignment[number.sentence].support if number.sentence < len(ctx.alignment) else ()
    best = [support[0].sentence] if support else []
    # A round figure rounds the figure of the same fact: one in a sentence the rewrite sentence rests on.
    local = {s.sentence for s in support}
    same = _same(number, ctx.source, approx, local)
    if not same and _nil_score(number, ctx):
        return None  # "0-0" for "a goalless draw"
    if not same and _years_between(number, ctx.source):
        return None
    if not same and not _in_text(number, ctx.source):
        here = [s.text for s in ctx.source.numbers if best and s.sentence == best[0] and s.unit == number.unit]
        given = f" (here it gives “{here[0]}”)" if here and number.unit else ""
        return f"“{number.text}” is not in the source{given}: give the source's figure or drop it", best
    if (moved := _counts_something_else(ctx, number, same, local, approx)) is not None:
        return moved
    if not support or support[0].score < STRONG_SUPPORT or number.unit is None:
        return None
    if stated_in_support(ctx.source, number.text, support, {s.sentence for s in same}):
        return None
    rivals = [s for s in _numbers_by_sentence(ctx.source).get(support[0].sentence, ()) if s.unit == number.unit]
    if not rivals:
        return None
    given = ", ".join(f"“{r.text}”" for r in rivals)
    return f"changed figure: for this, the source gives {given}", best


def _same(number: NumberFact, source: FactSheet, approx: bool, local: set[int]) -> list[NumberFact]:
    """``[s for s in source.numbers if same_value(number, s, approx, rounds=s.sentence in local)]``, with one
    :func:`same_value` per kind of source figure (same value and unit) rather than one per figure."""
    found: list[tuple[int, NumberFact]] = []
    groups = 0
    for group in _numbers_alike(source):
        first = group[0][1]
        if same_value(number, first, approx):
            found.extend(group)
        elif same_value(number, first, approx, rounds=True):  # only a figure in a sentence it rests on rounds
            found.extend(member for member in group if member[1].sentence in local)
        else:
            continue
        groups += 1
    if groups > 1:
        found.sort(key=lambda member: member[0])  # in the source's order, as a scan gives them
    return [n for _, n in found]


@per_object
def _numbers_alike(source: FactSheet) -> list[list[tuple[int, NumberFact]]]:
    """The source's figures (with their place in ``source.numbers``) grouped by value and unit, all that
    :func:`same_value` reads of them."""
    groups: dict[tuple[float, str | None], list[tuple[int, NumberFact]]] = {}
    for i, n in enumerate(source.numbers):
        groups.setdefault((n.value, n.unit), []).append((i, n))
    return list(groups.values())


@per_object
def _numbers_by_sentence(source: FactSheet) -> dict[int, list[NumberFact]]:
    by_sentence: dict[int, list[NumberFact]] = {}
    for n in source.numbers:
        by_sentence.setdefault(n.sentence, []).append(n)
    return by_sentence


def _counts_something_else(
    ctx: CheckContext, number: NumberFact, same: list[NumberFact], local: set[int], approx: bool
) -> tuple[str, list[int]] | None:
    """The source gives this figure only for another noun, and another sentence the rewrite rests on gives
    another figure for this noun: "5 million birds" where the source has "5 million hens" in one sentence
    and "3.5 million birds" in the next."""
    unit = _noun(number.unit)
    if not unit or not same or any(_noun(s.unit) in (None, unit) for s in same):
        return None
    # A sentence giving both ("142 people tested positive, 136 confirmed cases") leaves the reading open.
    theirs = {s.sentence for s in same}
    # "870 infections" for "870 people … have been infected": the noun is said there in another form.
    if any(shares_stem(unit, word) for s in theirs for word in re.findall(r"[a-z]+", ctx.source.sentences[s].text.lower())):
        return None
    rivals = [
        s for s in ctx.source.numbers
        if s.sentence in local and s.sentence not in theirs and _noun(s.unit) == unit
        and not same_value(number, s, approx, rounds=True)
    ]
    if not rivals:
        return None
    rival, other = rivals[0], same[0]
    return (
        f"changed figure: the source gives “{rival.text}” {rival.unit}; its “{other.text}” counts {other.unit}",
        [rival.sentence, other.sentence],
    )


_SUFFIXES = ("ations", "ation", "ions", "ion", "ments", "ment", "ings", "ing", "ers", "er", "ed", "es", "s", "e")


def stem(word: str) -> str:
    """A crude derivational stem: "infections", "infected", "infecting" → "infect"."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def shares_stem(a: str, b: str) -> bool:
    """Two words of one family ("infection" / "infected"); stems of five letters or more only."""
    x, y = stem(a), stem(b)
    return len(x) >= 5 and x == y


def _noun(unit: str | None) -> str | None:
    """A counted noun in one form ("birds" → "bird"); None for no unit or a currency, percentage or age."""
    if not unit or unit in _STRICT_UNITS:
        return None
    unit = unit.lower()
    return unit[:-1] if unit.endswith("s") and not unit.endswith("ss") else unit


def same_value(ours: NumberFact, theirs: NumberFact, approx: bool, rounds: bool = False) -> bool:
    if ours.unit in _STRICT_UNITS and theirs.unit in _STRICT_UNITS and ours.unit != theirs.unit:
        return False
    if theirs.value == ours.value:
        return True
    ours_days, theirs_days = _in_days(ours), _in_days(theirs)
    if ours_days and theirs_days and abs(ours_days - theirs_days) <= DURATION_TOLERANCE * theirs_days:
        return True  # "18 months" and "one and a half years"
    if approx and theirs.value:
        return abs(theirs.value - ours.value) / abs(theirs.value) <= APPROX_TOLERANCE
    return rounds and _rounds(ours.value, theirs.value)


def _rounds(ours: float, theirs: float) -> bool:
    """``ours`` is ``theirs`` rounded to ``ours``' last significant figure: "3,000" for "2,950", "300,000" for
    "298,000"; a figure of one or two significant figures only, and never far off."""
    if ours <= 0 or theirs <= 0 or ours != int(ours) or ours < 100:
        return False
    digits = str(int(ours)).rstrip("0")
    if len(digits) > 2:
        return False
    step = 10 ** (len(str(int(ours))) - len(digits))
    rounded = int(theirs / step + 0.5) * step  # half up: "2,500" rounds to "3,000", never to "2,000"
    return rounded == ours and abs(ours - theirs) <= ROUNDING_TOLERANCE * theirs


def _in_days(number: NumberFact) -> float | None:
    """A duration in days ("18 months" → 548), or None when the number is not a duration."""
    unit = (number.unit or "").lower()
    unit = unit[:-1] if unit.endswith("s") else unit
    return number.value * _DAYS_IN[unit] if unit in _DAYS_IN else None


def _years_between(number: NumberFact, source: FactSheet) -> bool:
    """A count of years that two years the source gives are apart ("two years later" after "2013" and "2015")."""
    if (number.unit or "").lower() not in ("year", "years") or number.value != int(number.value):
        return False
    years = {d.year for d in source.dates if d.year is not None}
    published = source.article.published if source.article else None
    if published is not None:
        years.add(published.year)
    return any(a - b == number.value for a in years for b in years)


_NIL_SCORE = re.compile(r"\b(?:goalless|scoreless|pointless draw|nil-nil|nil-all)\b", re.IGNORECASE)
_SCORE = re.compile(r"\b0\s*[-\u2013]\s*0\b")


def _nil_score(number: NumberFact, ctx: CheckContext) -> bool:
    """A "0-0" score where the source gives its match as goalless."""
    if number.value != 0:
        return False
    around = ctx.rewrite.text[max(0, number.start - 4) : number.end + 4]
    return _SCORE.search(around) is not None and _NIL_SCORE.search(ctx.source.text) is not None


def _in_text(number: NumberFact, source: FactSheet) -> bool:
    """The number's digits stand in the source as written, outside every figure and date analyze listed (a
    figure inside a name, "Euro 2013"); "20 days" is not in "Jan. 20", nor "$5mn" in "$5bn"."""
    digits = re.sub(r"[^\d.,]", "", number.text)
    if not digits or not any(ch.isdigit() for ch in digits):
        return False
    listed = [(f.start, f.end) for f in (*source.numbers, *source.dates)]
    return any(
        not any(s <= m.start() < e for s, e in listed)
        for m in re.finditer(r"(?<![\d.,])" + re.escape(digits) + r"(?![\d]|[.,]\d)", fold(source.text))
    )
