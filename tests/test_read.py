"""Reading paths and stdin, the size cap, and decoding bytes of any charset or refusing them."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from retold.errors import InputError
from retold.ingest import ingest
from retold.ingest.read import Raw, decode, read_stream

EXAMPLE = Path(__file__).parent.parent / "examples" / "nato-ukraine.txt"

BODY = (
    "The ministers met in Genève on Tuesday and agreed to send more air defence systems before the winter. "
    "The café owners said the talks had gone well, according to a statement released after the meeting."
)


def write(tmp_path: Path, data: bytes | str, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def decoded(data: bytes, charset: str | None = None) -> tuple[str, tuple[str, ...]]:
    return decode(Raw(data=data, origin="input.txt", charset=charset))


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match=r"nope.txt: no such file: check the path"):
        ingest(missing)


def test_directory(tmp_path):
    with pytest.raises(InputError, match=r"is a directory: pass one article file"):
        ingest(tmp_path)


@pytest.mark.parametrize("data", [b"", b"   \n\t\n  \r\n"])
def test_empty_and_whitespace_only(tmp_path, data):
    with pytest.raises(InputError, match=r"article.txt is empty"):
        ingest(write(tmp_path, data))


def test_whitespace_in_another_encoding_is_still_empty():
    with pytest.raises(InputError, match="only whitespace"):
        decoded("\ufeff \u00a0\n".encode("utf-16"))


def test_nul_bytes_are_binary(tmp_path):
    with pytest.raises(InputError, match=r"is binary \(it contains NUL bytes\): pass the article as text"):
        ingest(write(tmp_path, b"some text\x00\x00\x01 more"))


def test_known_binary_formats_are_named(tmp_path):
    with pytest.raises(InputError, match="looks like a PDF document"):
        ingest(write(tmp_path, b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n", "paper.txt"))


def test_control_characters_are_binary():
    with pytest.raises(InputError, match=r"binary, not text \(control characters\)"):
        decoded(b"abc\x01\x02\x03\x04def\x05\x06\x07\x08 ghi " * 20)


def test_undetectable_bytes_are_refused():
    noise = bytes((i * 97 + 31) % 128 + 128 for i in range(400))  # high bytes only, no language in them
    with pytest.raises(InputError, match=r"Cannot decode input.txt: .*convert it to UTF-8"):
        decoded(noise)


def test_latin1_without_declaration_is_detected_with_a_warning(tmp_path):
    article = ingest(write(tmp_path, BODY.encode("latin-1")))
    assert "Genève" in article.text and "café" in article.text
    assert any("not UTF-8; decoded as cp1252 (detected)" in w for w in article.warnings)


def test_declared_charset_wins_over_detection():
    text, warnings = decoded("caf\u00e9 cr\u00e8me".encode("latin-1"), charset="ISO-8859-1")
    assert text == "café crème" and warnings == ()


def test_meta_charset_is_honoured():
    html = (
        '<html><head><meta charset="windows-1252"></head><body><p>\u201cquoted\u201d \u2013 caf\u00e9</p></body></html>'
    )
    text, warnings = decoded(html.encode("cp1252"))
    assert "\u201cquoted\u201d \u2013 café" in text and warnings == ()


def test_wrong_declared_charset_falls_back_with_a_warning():
    text, warnings = decoded("caf\u00e9 \u4e2d\u6587".encode("utf-8"), charset="ascii")
    assert text == "café 中文"
    assert any("is UTF-8 although it declares" in w for w in warnings)


def test_utf16_with_bom_and_crlf_newlines():
    text, _ = decoded("First line.\r\nSecond line.\r\n".encode("utf-16"))
    assert text == "First line.\nSecond line.\n"


def test_utf8_bom_is_dropped(tmp_path):
    article = ingest(write(tmp_path, b"\xef\xbb\xbf" + BODY.encode("utf-8")))
    assert article.text.startswith("The ministers")


def test_size_cap_on_a_file(tmp_path):
    with pytest.raises(InputError, match=r"larger than 100 bytes: pass --max-bytes N to raise it"):
        ingest(write(tmp_path, BODY), max_bytes=100)


def test_size_cap_is_configurable(tmp_path):
    assert ingest(write(tmp_path, BODY), max_bytes=len(BODY.encode()) + 10).text == BODY


def test_stream_is_read_only_up_to_the_cap():
    stream = io.BytesIO(b"x" * 10_000)
    with pytest.raises(InputError, match="stdin is larger than 1,000 bytes"):
        read_stream(stream, max_bytes=1_000)
    assert stream.tell() == 1_001  # one byte past the cap is enough to know, and no more is read


def test_stdin_dash(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BODY.encode("utf-8"))))
    article = ingest("-")
    assert article.origin == "-" and article.text == BODY


def test_empty_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(InputError, match="stdin is empty"):
        ingest("-")


def test_nonpositive_cap_is_a_usage_error(tmp_path):
    with pytest.raises(InputError, match="pass --max-bytes N with N > 0"):
        ingest(write(tmp_path, BODY), max_bytes=0)


def test_clean_false_keeps_the_text_as_read(tmp_path):
    raw = "Rewrite line one.\r\n\r\nSign up for our newsletter today!\r\n"
    article = ingest(write(tmp_path, raw), clean=False)
    assert article.text == "Rewrite line one.\n\nSign up for our newsletter today!\n"
    assert article.removed == ()


def test_bytes_that_break_the_declared_charset_are_detected_with_a_warning():
    text, warnings = decoded(BODY.encode("latin-1"), charset="utf-8")
    assert "Genève" in text
    assert any("does not match its declared charset 'utf-8'" in w for w in warnings)


def test_unknown_declared_charset_is_reported():
    text, warnings = decoded(BODY.encode("utf-8"), charset="x-made-up")
    assert text == BODY
    assert any("'x-made-up' is unknown" in w for w in warnings)


def test_address_without_a_scheme_gets_a_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="to fetch it as a URL, start it with https://"):
        ingest("www.example.com/news/story")


def test_invisible_characters_are_dropped_when_read():
    """U+200B after every space made an article "no sentence of narration"; the text read has none of them,
    and joiners are kept where a script needs them (between letters that are not ASCII)."""
    from retold.normalize import read_text

    assert read_text("NATO \u200bsaid \u2060on\u00ad \ufeffMonday. Ru\u200dtte") == "NATO said on Monday. Rutte"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ inside a Persian word
    assert read_text(persian) == persian


def test_an_article_with_a_zero_width_space_after_every_space_is_analysed():
    from retold.analyze import analyze
    from retold.ingest import from_text

    text = (EXAMPLE.read_text(encoding="utf-8")).replace(" ", " \u200b")
    facts = analyze(from_text(text))
    assert "\u200b" not in facts.text and any(e.name == "Mark Rutte" for e in facts.entities)
    assert all(facts.text[m.start : m.end] == m.text for e in facts.entities for m in e.mentions)
    as_given = analyze(text)  # a text analysed as given (Python's analyze(str)) keeps it, offsets and all
    assert as_given.text == text
    assert all(as_given.text[m.start : m.end] == m.text for e in as_given.entities for m in e.mentions)
