"""What every detector receives."""

from __future__ import annotations

from dataclasses import dataclass

from retold.types import FactSheet


@dataclass(frozen=True, slots=True)
class Support:
    """A source sentence that supports a rewrite sentence, and how strongly (0–1)."""

    sentence: int  # source Sentence.id
    score: float


@dataclass(frozen=True, slots=True)
class Alignment:
    """The best-supporting source sentences of one rewrite sentence, best first."""

    sentence: int  # rewrite Sentence.id
    support: tuple[Support, ...]

    @property
    def best(self) -> float:
        return self.support[0].score if self.support else 0.0


@dataclass(frozen=True, slots=True)
class CheckContext:
    source: FactSheet
    rewrite: FactSheet
    alignment: tuple[Alignment, ...]  # one per rewrite sentence, same order
    prompt: tuple[str, ...] = ()  # what a model was sent to write the rewrite (its messages), when known
