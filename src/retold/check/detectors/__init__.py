"""The checker's detectors, run in this order; each is ``detect(ctx: CheckContext) -> list[Finding]``.

Adding a kind of finding means adding a module here and one line to :data:`DETECTORS`.
"""

from __future__ import annotations

from collections.abc import Callable

from retold.check.context import CheckContext
from retold.check.detectors import (
    attribution,
    boilerplate,
    claim,
    date,
    entity,
    leakage,
    number,
    omission,
    quote,
    referent,
    roles,
    swap,
)
from retold.types import Finding

Detector = Callable[[CheckContext], list[Finding]]

DETECTORS: tuple[Detector, ...] = (
    leakage.detect,
    boilerplate.detect,
    entity.detect,  # also emits entity-form
    referent.detect,
    number.detect,
    date.detect,
    quote.detect,
    attribution.detect,
    claim.detect,
    omission.detect,
)
# Detectors whose errors only count where the detectors above found no error of the same kind in the same
# sentence: they see the same faults from another side, and one fault should be reported once.
SECOND_OPINIONS: tuple[Detector, ...] = (swap.detect, roles.detect)
# Passes over every finding once all detectors ran: a finding's severity raised from the others' findings.
Raiser = Callable[[CheckContext, list[Finding]], list[Finding]]
RAISERS: tuple[Raiser, ...] = (claim.raise_severity,)
