"""Bytes of a text file to Unicode NFC: UTF-8, UTF-16, or the legacy Vietnamese encodings of old archives.

Shared by the text and HTML loaders; a converted text says so (`conversion_note`), so ingest can
tell the user.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from .errors import LoaderError
from .legacy_encodings import LABELS as LEGACY_LABELS
from .legacy_encodings import detect_legacy
from .vntext import nfc


def _err(path: Path, vi: str, en: str) -> LoaderError:
    return LoaderError(f"{path.name}: {vi} ({en})")


def decode_text(data: bytes, path: Path) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 (BOM, or NUL-interleaved) or legacy Vietnamese text."""
    return decode_text_encoding(data, path)[0]


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    return sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f") > 10


def decode_text_encoding(data: bytes, path: Path) -> tuple[str, str | None]:
    """(NFC text, legacy encoding it was converted from or None).

    Not UTF-8/UTF-16: TCVN3 (ABC), VNI or Windows-1258, whichever reads as
    Vietnamese (`index.legacy_encodings.detect_legacy`).
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        enc = "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc = "utf-16"
    elif len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0:4:2] != b"\x00\x00":
        enc = "utf-16-le"
    elif len(data) >= 4 and data[0:4:2] == b"\x00\x00" and data[1:4:2] != b"\x00\x00":
        enc = "utf-16-be"
    else:
        enc = "utf-8"
    legacy = None
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        if b"\x00" in data:
            raise _err(path, "tệp nhị phân, không phải văn bản", "binary file, not text") from None
        found = detect_legacy(data) if enc == "utf-8" else None
        if found is None:
            raise _err(path, "tệp không phải văn bản UTF-8/UTF-16 hợp lệ, cũng không phải TCVN3/VNI/Windows-1258",
                       f"not valid {enc} text at byte {exc.start}, nor legacy Vietnamese text") from None
        text, legacy = found
    if _looks_binary(text):
        raise _err(path, "tệp nhị phân, không phải văn bản", "binary file, not text")
    return nfc(text.lstrip("\ufeff")), legacy


def conversion_note(encoding: str) -> str:
    """The note a converted document carries, for ingest to show."""
    label = LEGACY_LABELS.get(encoding, encoding)
    return f"đã chuyển mã {label} sang Unicode (converted from {label} to Unicode)"


