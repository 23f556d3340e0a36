"""per_object: a result kept per object by identity, for the last few objects."""

from __future__ import annotations

from retold.check.memo import KEEP, per_object


class Sheet:
    """Stands in for a FactSheet: unhashable by value, like one holding a spaCy Doc."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sheet) and other.text == self.text


def test_a_result_is_computed_once_per_object_and_not_shared_between_equal_objects() -> None:
    calls: list[str] = []

    @per_object
    def length(sheet: Sheet) -> int:
        calls.append(sheet.text)
        return len(sheet.text)

    a, b = Sheet("abc"), Sheet("abc")
    assert (length(a), length(a), length(b)) == (3, 3, 3)
    assert calls == ["abc", "abc"]  # a once, b (equal but another object) once


def test_only_the_last_few_objects_are_kept() -> None:
    calls: list[int] = []

    @per_object
    def ident(sheet: Sheet) -> str:
        calls.append(id(sheet))
        return sheet.text

    sheets = [Sheet(str(i)) for i in range(KEEP + 1)]
    for sheet in sheets:
        ident(sheet)
    ident(sheets[-1])  # still kept
    ident(sheets[0])  # evicted by the newest: computed again
    assert len(calls) == KEEP + 2
