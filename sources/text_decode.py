"""The text of a file people export, whatever it was saved as; no pandas (the roster is read by a no-op run)."""
from __future__ import annotations

import codecs
import re


# DOS's end-of-file mark (Ctrl-Z, 0x1A) ending a file, maybe repeated or with a line break after it: old DOS and
# Windows tools write it after the last line; it is no text (a line of its own would be a row held back)
DOS_END = re.compile(r"\x1a[\x1a\r\n]*\Z")


def decode(data: bytes) -> str:
    """Text of a file's bytes: UTF-8 (with or without BOM), UTF-16 (with BOM, or little- or big-endian without),
    else Windows-1252/Latin-1, or UTF-8 with Windows-1252 pieces (each read as written); without a DOS
    end-of-file mark at its end (`DOS_END`)."""
    return DOS_END.sub("", _text(data))


def _text(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if order := utf16_without_bom(data):
        return data.decode(f"utf-16-{order}", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start > len(data) - 4:  # a head cut inside a multi-byte character
            return data[:exc.start].decode("utf-8")
        if UTF8_SEQUENCE.search(data):  # UTF-8 rows with Windows-1252 ones pasted in: each read as written
            return data.decode("utf-8", errors=CP1252_FALLBACK)
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def utf16_without_bom(data: bytes) -> str | None:
    """'le' or 'be' for UTF-16 text without a BOM (ASCII text: a NUL byte after, or before, each
    character in the first 200 bytes, and none at the other positions), else None."""
    odd, even = data[1:200:2].count(0), data[0:200:2].count(0)
    return "le" if odd > 20 and even == 0 else "be" if even > 20 and odd == 0 else None


UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
CP1252_FALLBACK = "examready-cp1252"
codecs.register_error(CP1252_FALLBACK, lambda err: (bytes(err.object[err.start:err.end]).decode("cp1252", errors="replace"),
                                                   err.end))
