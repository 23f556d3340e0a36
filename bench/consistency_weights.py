"""An experiment, not a rule: the hand-set weights that fold a sentence's consistency signals into one value.

``exp(−Σ weight·signal)`` per rewrite sentence, 1 for a sentence with nothing out of place. The checker's
score does not use it; ``bench/consistency_experiment.py`` measured it on BUMP.
"""

from __future__ import annotations

import math
from dataclasses import fields

from retold.check.consistency import SentenceSignals, sentence_signals
from retold.check.context import CheckContext

# Hand-set: a misplaced or unknown name or number, a negation flip and a pronoun for nobody weigh the most;
# nouns and verbs the least, because faithful summaries paraphrase them (see bench/consistency_experiment.py).
WEIGHTS: dict[str, float] = {
    "fact_elsewhere": 0.3,
    "fact_absent": 0.3,
    "verb_elsewhere": 0.1,
    "verb_absent": 0.1,
    "noun_elsewhere": 0.1,
    "noun_absent": 0.1,
    "role_swaps": 0.2,
    "polarity_flips": 0.5,
    "modality_flips": 0.2,
    "unresolved_pronouns": 0.5,
    "gender_clashes": 0.5,
}
SIGNAL_NAMES = tuple(f.name for f in fields(SentenceSignals) if f.name != "sentence")


def sentence_consistency(ctx: CheckContext) -> tuple[float, ...]:
    """One 0–1 value per rewrite sentence: 1 when every content element stands in its supporting source sentences."""
    return tuple(consistency_value(s) for s in sentence_signals(ctx))


def consistency_value(signals: SentenceSignals, signal_weights: dict[str, float] | None = None) -> float:
    """``exp(−Σ weight·signal)``: 1 for a sentence with nothing out of place."""
    w = WEIGHTS if signal_weights is None else signal_weights
    return math.exp(-sum(w[name] * getattr(signals, name) for name in SIGNAL_NAMES))
