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

from retold.check.align import STRONG_SUPPORT, stated_in_support
from retold.check.context import CheckContext
from retold.check.memo import per_object
from retold.normalize import fold
from retold.types import FactSheet, NumberFact, Severity

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
_DAYS_IN = {
    "hour": 1 / 24,
    "day": 1,
    "week": 7,
    "fortnight": 14,
    "month": 365.25 / 12,
    "year": 365.25,
    "decade": 3652.5,
}


def checkable_numbers(rewrite: FactSheet) -> list[NumberFact]:
    """Rewrite numbers worth checking: not inside a quotation (the quote detector owns those), a link, or a lone "one"."""
    quoted = [(q.start, q.end) for q in rewrite.quotes]
    links = [(m.start(), m.end()) for m in _URL.finditer(rewrite.text)]
    return [
        n
        for n in rewrite.numbers
        if not any(s <= n.start < e for s, e in (*quoted, *links))
        and fold(n.text).strip().lower() not in ("one", "a", "an")
    ]


def unsupported_number(ctx: CheckContext, number: NumberFact) -> tuple[str, list[int], Severity] | None:
    """Why ``number`` is unsupported (a message), the source sentences to show and the severity, or None when
    the source gives it.

    Severity follows the evidence: a figure the source gives nowhere, in no form, is an error; a small count
    the source never states ("two friends", "four products": the rewrite counted what the source lists) is
    a warning unless the sentence it rests on gives another count of the same thing; a figure the source
    gives, but near other words than the rewrite's, is an error only when the words around it in the rewrite
    describe the source's rival figure better than any place the source gives this one.
    """
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
    if (
        not same
        and not _in_text(number, ctx.source)
        and not spelt_out_in(number.value, ctx.source.text)
        and not scaled_in(number.value, ctx.source.text)
    ):
        here = [s for s in ctx.source.numbers if best and s.sentence == best[0] and s.unit == number.unit]
        given = f" (here it gives “{here[0].text}”)" if here and number.unit else ""
        counted = _noun(number.unit)
        # Another count of the same thing anywhere in the source contradicts it ("three Spanish citizens"
        # where it has "two Spanish citizens"); a count of what the source only lists cannot be checked.
        if is_small_count(number) and not (counted and any(_noun(s.unit) == counted for s in ctx.source.numbers)):
            return (
                f"“{number.text}” is a count the source does not state: check that it counts what the source lists",
                best,
                "warning",
            )
        return f"“{number.text}” is not in the source{given}: give the source's figure or drop it", best, "error"
    if (changed := changed_rate(ctx, number, same)) is not None:
        return changed
    if (moved := _counts_something_else(ctx, number, same, local, approx)) is not None:
        return moved[0], moved[1], "error"
    if not support or support[0].score < STRONG_SUPPORT or number.unit is None:
        return None
    if stated_in_support(ctx.source, number.text, support, {s.sentence for s in same}):
        return None
    rivals = [s for s in _numbers_by_sentence(ctx.source).get(support[0].sentence, ()) if s.unit == number.unit]
    if not rivals:
        return None
    if same and _context_fit(ctx, number, same) >= _context_fit(ctx, number, rivals):
        return None  # a merged sentence took this figure from where the source says it, words and all
    given = ", ".join(f"“{r.text}”" for r in rivals)
    return f"changed figure: for this, the source gives {given}", best, "error"


SMALL_COUNT = 12  # "two" to "twelve" things: counts a reader makes of a list


def is_small_count(number: NumberFact) -> bool:
    """A whole count of a dozen or fewer things, not money, a share or an age: what a rewrite counts itself."""
    return (
        number.value == int(number.value)
        and 2 <= number.value <= SMALL_COUNT
        and number.unit not in _STRICT_UNITS
        and not any(ch in number.text for ch in ".,")
    )


# Clause boundaries inside a sentence: a merged rewrite sentence joins the source's clauses at these.
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s(?:and|but|while|whereas|with|or|which)\s", re.IGNORECASE)


def _context_fit(ctx: CheckContext, number: NumberFact, candidates: list[NumberFact]) -> int:
    """How many content lemmas of the clause holding ``number`` in the rewrite the clause holding the best of
    ``candidates`` in the source shares: which source figure the rewrite's words describe."""
    ours = _clause_lemmas(ctx.rewrite, number)
    return max((len(ours & _clause_lemmas(ctx.source, c)) for c in candidates), default=0)


def _clause_lemmas(facts: FactSheet, number: NumberFact) -> set[str]:
    sentence = facts.sentences[number.sentence]
    text = facts.text[sentence.start : sentence.end]
    at = number.start - sentence.start
    start, end = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at + len(number.text):
            end = m.start()
            break
    span = facts.doc.char_span(sentence.start + start, sentence.start + end, alignment_mode="contract")
    if span is None:
        return set()
    return {t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop and not (number.start <= t.idx < number.end)}


# "per megawatt-hour" right after the figure, or after its unit or currency ("45 euros per megawatt-hour")
_RATE = re.compile(r"^\s*(?:[^\W\d]+\s+){0,2}?(?:per|a|an|each|every|/)\s*([a-z][a-z-]*(?:\s+hours?)?)", re.IGNORECASE)
_RATE_PREFIXES = ("kilo", "mega", "giga", "tera", "milli", "micro")


def rate_of(text: str, end: int) -> str | None:
    """The unit a figure is given per ("$50 per megawatt-hour" → "megawatt-hour"), read right after it."""
    m = _RATE.match(text[end : end + 40])
    if m is None:
        return None
    unit = re.sub(r"[\s-]+", "", m.group(1).lower())
    return unit[:-1] if unit.endswith("s") and not unit.endswith("ss") else unit


def _rate_words(text: str, end: int) -> str:
    """The rate's unit as written ("megawatt-hour")."""
    m = _RATE.match(text[end : end + 40])
    return m.group(1) if m else ""


def changed_rate(
    ctx: CheckContext, number: NumberFact, same: list[NumberFact]
) -> tuple[str, list[int], Severity] | None:
    """The source gives the figure per one unit, the rewrite per another of the same measure ("per kilowatt-hour"
    for "per megawatt-hour": a thousandfold change): an error. Only units that differ by a metric prefix, or
    an abbreviation of one ("kWh"), compare; "a day" against "a week" is left to the other rules."""
    ours = rate_of(ctx.rewrite.text, number.end)
    if ours is None or not same:
        return None
    theirs = [(s, r) for s in same if (r := rate_of(ctx.source.text, s.end)) is not None]
    if not theirs or any(r == ours for _, r in theirs):
        return None
    for s, r in theirs:
        if _same_measure(ours, r):
            given, put = _rate_words(ctx.source.text, s.end), _rate_words(ctx.rewrite.text, number.end)
            return (
                f"changed unit: the source gives “{s.text}” per {given}, not per {put}: give the source's unit",
                [s.sentence],
                "error",
            )
    return None


def _base_unit(unit: str) -> tuple[str, str]:
    """("kilo", "watthour") for "kilowatthour"; abbreviations "kwh", "mwh" read as their long forms."""
    short = {
        "kwh": "kilowatthour",
        "mwh": "megawatthour",
        "gwh": "gigawatthour",
        "twh": "terawatthour",
        "kw": "kilowatt",
        "mw": "megawatt",
        "gw": "gigawatt",
        "km": "kilometre",
        "kg": "kilogram",
        "mg": "milligram",
        "ml": "millilitre",
    }
    unit = short.get(unit, unit).replace("kilometer", "kilometre").replace("liter", "litre")
    for prefix in _RATE_PREFIXES:
        if unit.startswith(prefix) and len(unit) > len(prefix) + 2:
            return prefix, unit[len(prefix) :]
    return "", unit


def _same_measure(a: str, b: str) -> bool:
    (pa, ba), (pb, bb) = _base_unit(a), _base_unit(b)
    return ba == bb and pa != pb


_UNITS_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _words_for(n: int) -> list[str] | None:
    """A whole number under 1,000 as words ("25" → ["twenty", "five"]); None above."""
    if n < 0 or n >= 1000:
        return None
    if n < 20:
        return [_UNITS_WORDS[n]]
    if n < 100:
        tens, unit = divmod(n, 10)
        return [_TENS_WORDS[tens - 2]] + ([_UNITS_WORDS[unit]] if unit else [])
    hundreds, rest = divmod(n, 100)
    return [_UNITS_WORDS[hundreds], "hundred"] + (_words_for(rest) if rest else [])  # type: ignore[operator]


_SCALED = re.compile(
    r"(?<![\d.,])(\d+(?:\.\d+)?)\s*(mln|mn|m|million|bn|b|billion|k|thousand|tn|trillion)\b", re.IGNORECASE
)
_SCALE = {
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "k": 1e3,
    "thousand": 1e3,
    "tn": 1e12,
    "trillion": 1e12,
}


def scaled_in(value: float, text: str) -> bool:
    """The source writes the figure with an abbreviated scale analyze may not read ("5 mln bucks" for
    5 million, "3.2bn", "40k"): the same value, in the same scale."""
    for m in _SCALED.finditer(text):
        figure = float(m.group(1))
        if abs(figure * _SCALE[m.group(2).lower()] - value) <= 1e-6 * max(value, 1):
            return True
    return False


def spelt_out_in(value: float, text: str) -> bool:
    """The source says the figure in words as a speaker would: "twenty - five" for 25, "twelve dot fifty" or
    "twelve Euros and fifty" for 12.50 (transcripts write figures out). The parts must stand within a few
    words of each other."""
    whole = int(value)
    cents = round((value - whole) * 100)
    head = _words_for(whole)
    if head is None:
        return False
    pattern = r"\b" + r"\W+".join(head) + r"\b"
    if cents:
        tail = _words_for(cents)
        if tail is None:
            return False
        # "twelve dot fifty", "twelve Euros and fifty", "twelve fifty": a few words may stand between
        pattern += r"(?:\W+\w+){0,3}?\W+" + r"\W+".join(tail) + r"\b"
    elif value != whole:
        return False
    return re.search(pattern, text.lower()) is not None


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
    if any(
        shares_stem(unit, word) for s in theirs for word in re.findall(r"[a-z]+", ctx.source.sentences[s].text.lower())
    ):
        return None
    rivals = [
        s
        for s in ctx.source.numbers
        if s.sentence in local
        and s.sentence not in theirs
        and _noun(s.unit) == unit
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
    listed = [(f.start, f.end) for f in source.numbers] + [(d.start, d.end) for d in source.dates]
    return any(
        not any(s <= m.start() < e for s, e in listed)
        for m in re.finditer(r"(?<![\d.,])" + re.escape(digits) + r"(?![\d]|[.,]\d)", fold(source.text))
    )
