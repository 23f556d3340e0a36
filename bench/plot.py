"""A tiny line plot written as a PNG with the standard library alone (zlib + struct), for docs/benchmarks.md.

Log-log axes, one coloured polyline per series, tick labels in a 3x5 pixel font. The legend is left to
the caption: series are told apart by colour.
"""

from __future__ import annotations

import math
import struct
import zlib

Colour = tuple[int, int, int]
PALETTE: tuple[Colour, ...] = ((31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189))

_FONT = {  # 3x5 glyphs, rows top to bottom, bits left to right
    "0": (7, 5, 5, 5, 7),
    "1": (2, 6, 2, 2, 7),
    "2": (7, 1, 7, 4, 7),
    "3": (7, 1, 7, 1, 7),
    "4": (5, 5, 7, 1, 1),
    "5": (7, 4, 7, 1, 7),
    "6": (7, 4, 7, 5, 7),
    "7": (7, 1, 1, 1, 1),
    "8": (7, 5, 7, 5, 7),
    "9": (7, 5, 7, 1, 7),
    "k": (4, 5, 6, 5, 5),
    ".": (0, 0, 0, 0, 2),
    "s": (0, 3, 6, 1, 6),
    "w": (0, 5, 5, 7, 5),
    "M": (5, 7, 7, 5, 5),
    "B": (6, 5, 6, 5, 6),
    "i": (2, 0, 2, 2, 2),
    " ": (0, 0, 0, 0, 0),
}


class Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(b"\xff" * (width * height * 3))

    def set(self, x: int, y: int, colour: Colour) -> None:
        if 0 <= x < self.width and 0 <= y < self.height:
            i = (y * self.width + x) * 3
            self.pixels[i : i + 3] = bytes(colour)

    def line(self, x0: float, y0: float, x1: float, y1: float, colour: Colour, thick: int = 1) -> None:
        steps = int(max(abs(x1 - x0), abs(y1 - y0))) + 1
        for s in range(steps + 1):
            x = round(x0 + (x1 - x0) * s / steps)
            y = round(y0 + (y1 - y0) * s / steps)
            for dx in range(thick):
                for dy in range(thick):
                    self.set(x + dx - thick // 2, y + dy - thick // 2, colour)

    def text(self, x: int, y: int, label: str, colour: Colour = (0, 0, 0), scale: int = 2) -> None:
        for n, ch in enumerate(label):
            for row, bits in enumerate(_FONT.get(ch, _FONT[" "])):
                for col in range(3):
                    if bits >> (2 - col) & 1:
                        for dx in range(scale):
                            for dy in range(scale):
                                self.set(x + (n * 4 + col) * scale + dx, y + row * scale + dy, colour)

    def png(self) -> bytes:
        rows = b"".join(
            b"\x00" + bytes(self.pixels[y * self.width * 3 : (y + 1) * self.width * 3]) for y in range(self.height)
        )

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
        )


def _label(value: float) -> str:
    if value >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def loglog_plot(series: dict[str, list[tuple[float, float]]], *, width: int = 640, height: int = 400) -> bytes:
    """PNG bytes of ``series`` (name -> [(x, y)]) on log-log axes, each in the next colour of :data:`PALETTE`."""
    left, right, top, bottom = 70, 20, 20, 40
    canvas = Canvas(width, height)
    xs = [x for points in series.values() for x, _ in points]
    ys = [y for points in series.values() for _, y in points if y > 0]
    x_lo, x_hi = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    y_lo, y_hi = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))

    def px(x: float) -> float:
        return left + (math.log10(x) - x_lo) / max(1e-9, x_hi - x_lo) * (width - left - right)

    def py(y: float) -> float:
        return height - bottom - (math.log10(y) - y_lo) / max(1e-9, y_hi - y_lo) * (height - top - bottom)

    grey, black = (220, 220, 220), (0, 0, 0)
    for exponent in range(x_lo, x_hi + 1):
        for factor in (1, 2, 5):
            x = factor * 10**exponent
            if 10**x_lo <= x <= 10**x_hi:
                canvas.line(px(x), top, px(x), height - bottom, grey)
                canvas.text(int(px(x)) - 8, height - bottom + 8, _label(x))
    for exponent in range(y_lo, y_hi + 1):
        for factor in (1, 2, 5):
            y = factor * 10.0**exponent
            if 10.0**y_lo <= y <= 10.0**y_hi:
                canvas.line(left, py(y), width - right, py(y), grey)
                canvas.text(8, int(py(y)) - 5, _label(y) + "s")
    canvas.line(left, top, left, height - bottom, black)
    canvas.line(left, height - bottom, width - right, height - bottom, black)
    canvas.text(width - right - 40, height - 14, "w")
    for colour, points in zip(PALETTE, series.values()):
        ordered = sorted(points)
        for (x0, y0), (x1, y1) in zip(ordered, ordered[1:]):
            canvas.line(px(x0), py(y0), px(x1), py(y1), colour, thick=3)
        for x, y in ordered:
            canvas.line(px(x) - 4, py(y), px(x) + 4, py(y), colour, thick=3)
    return canvas.png()
