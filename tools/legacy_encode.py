"""Encode Unicode Vietnamese text into TCVN3, VNI or Windows-1258 bytes (test fixtures).

Why: the loaders must read legacy-encoded reports, and tests need such files
without committing binaries.  The VNI and cp1258 encoders are built from the
letters' decomposition (base + circumflex/breve/horn + tone), not by inverting
the decoder's table, so a round trip checks the decoder; TCVN3 inverts the
TCVN 5712 table (tests also check that table against glibc's iconv).

CLI::

    python tools/legacy_encode.py INPUT.txt --to tcvn3|vni|cp1258 -o OUT.txt
"""
from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

_TONE_VNI = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_CIRC_VNI = {None: "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_BREVE_VNI = {None: "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_I_VNI = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}
_TONES = set(_TONE_VNI)


def _split(ch: str) -> tuple[str, str | None, str | None]:
    """(base letter, shape mark: circumflex/breve/horn or None, tone mark or None)."""
    nfd = unicodedata.normalize("NFD", ch)
    base, marks = nfd[0], nfd[1:]
    tone = next((m for m in marks if m in _TONES), None)
    shape = next((m for m in marks if m not in _TONES), None)
    return base, shape, tone


def encode_vni(text: str) -> bytes:
    """VNI-Windows bytes for Vietnamese text (non-Vietnamese characters must be cp1252)."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        base, shape, tone = _split(ch)
        if not (base.isascii() and base.isalpha() and (shape or tone)) or len(unicodedata.normalize("NFD", ch)) > 3:
            out.append(ch)
            continue
        upper = base.isupper()
        low = base.lower()
        if low == "i" and shape is None:
            piece = _I_VNI[tone]
        elif low == "y" and shape is None and tone == "\u0323":
            piece = "î"
        elif shape == "\u031b":                                 # horn: ơ ư are single bytes
            piece = {"o": "ô", "u": "ö"}[low] + (_TONE_VNI[tone] if tone else "")
        elif shape == "\u0302":
            piece = low + _CIRC_VNI[tone]
        elif shape == "\u0306":
            piece = low + _BREVE_VNI[tone]
        elif shape is None:
            piece = low + _TONE_VNI[tone]
        else:
            out.append(ch)
            continue
        out.append(piece.upper() if upper else piece)
    return "".join(out).encode("cp1252")


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 bytes: letters the code page has precomposed stay so, tones become combining marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, shape, tone = _split(ch)
        stem = unicodedata.normalize("NFC", base + (shape or ""))
        out += stem.encode("cp1258") + (tone.encode("cp1258") if tone else b"")
    return bytes(out)


def encode_tcvn3(text: str) -> bytes:
    """TCVN 5712:1993 (VN1) bytes; upper-case letters with tones use VN1's extra cells."""
    from index.legacy_encodings import TCVN3_BYTES

    inverse = {c: b for b, c in TCVN3_BYTES.items() if len(c) == 1 and unicodedata.combining(c) == 0}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in inverse:
            out.append(inverse[ch])
        elif ord(ch) < 0x80 and ord(ch) not in TCVN3_BYTES:
            out.append(ord(ch))
        else:
            raise UnicodeEncodeError("tcvn3", ch, 0, 1, "not in TCVN 5712:1993")
    return bytes(out)


ENCODERS = {"tcvn3": encode_tcvn3, "vni": encode_vni, "cp1258": encode_cp1258}

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_VN3_UPPER = set("ĂÂÊÔƠƯĐ")


def _kind(ch: str, encoding: str) -> str:
    """Which font a typist of the 1990s would set `ch` in: "plain" (ASCII, any font), "legacy",
    "legacy-upper" (TCVN3 upper case with a tone: the .VnTimeH font, lower-case codes), "unicode"."""
    if ch.isascii():
        return "plain"
    if not ch.isalpha() or not unicodedata.normalize("NFD", ch)[0].isascii() and ch not in "đĐ":
        return "unicode"                                   # “ ” – ³ …: from a Unicode font
    if encoding == "tcvn3" and ch.isupper() and ch not in _VN3_UPPER:
        return "legacy-upper"
    return "legacy"


def legacy_docx(src: str | Path, dst: str | Path, encoding: str) -> Path:
    """Rewrite a DOCX as if typed in .VnTime/.VnTimeH (TCVN3) or VNI-Times fonts.

    Each run is split where the font would change; legacy runs hold the legacy
    bytes as Windows-1252 characters (what Word stores), their rFonts name the
    legacy font; Vietnamese letters no legacy font has stay in "Times New Roman".
    All-capital runs in TCVN3 go wholly into .VnTimeH, as ABC users set headings.
    """
    import copy
    import io
    import zipfile

    from lxml import etree

    font = {"tcvn3": ".VnTime", "vni": "VNI-Times"}[encoding]
    encode = ENCODERS[encoding]
    q = lambda tag: f"{{{_W}}}{tag}"  # noqa: E731

    def legacy_text(text: str, kind: str) -> str:
        if kind == "legacy-upper":
            text = text.lower()
        return encode(text).decode("cp1252")          # Word keeps the bytes as the characters cp1252 shows

    def new_run(rpr, fontname: str | None):
        r = etree.Element(q("r"))
        pr = copy.deepcopy(rpr) if rpr is not None else etree.Element(q("rPr"))
        if fontname:
            rf = pr.find(q("rFonts"))
            if rf is None:
                rf = etree.Element(q("rFonts"))
                pr.insert(0, rf)
            for attr in ("ascii", "hAnsi", "cs"):
                rf.set(q(attr), fontname)
        r.append(pr)
        return r

    def rewrite(xml: bytes) -> bytes:
        root = etree.fromstring(xml)
        for r in list(root.iter(q("r"))):
            rpr = r.find(q("rPr"))
            children = [c for c in r if c.tag != q("rPr")]
            if not any(c.tag == q("t") for c in children):
                continue
            text_all = "".join(c.text or "" for c in children if c.tag == q("t"))
            all_caps = encoding == "tcvn3" and text_all.upper() == text_all and any(
                _kind(c, encoding) == "legacy-upper" for c in text_all)
            runs = []
            for c in children:
                if c.tag != q("t"):
                    nr = new_run(rpr, font)
                    nr.append(copy.deepcopy(c))
                    runs.append(nr)
                    continue
                segments: list[tuple[str, str]] = []
                for ch in c.text or "":
                    k = _kind(ch, encoding)
                    if all_caps and k != "unicode":
                        k = "legacy-upper"
                    elif k == "plain":
                        k = "legacy"
                    if segments and segments[-1][0] == k:
                        segments[-1] = (k, segments[-1][1] + ch)
                    else:
                        segments.append((k, ch))
                for k, seg in segments:
                    fontname = {"legacy": font, "legacy-upper": font + "H", "unicode": "Times New Roman"}[k]
                    nr = new_run(rpr, fontname)
                    t = etree.SubElement(nr, q("t"))
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    t.text = seg if k == "unicode" else legacy_text(seg, k)
                    runs.append(nr)
            parent = r.getparent()
            idx = parent.index(r)
            parent.remove(r)
            for j, nr in enumerate(runs):
                parent.insert(idx + j, nr)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in ("word/document.xml", "word/footnotes.xml"):
                data = rewrite(data)
            zout.writestr(info, data)
    dst = Path(dst)
    dst.write_bytes(out.getvalue())
    return dst


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Encode UTF-8 Vietnamese text into a legacy encoding.")
    ap.add_argument("input", type=Path)
    ap.add_argument("--to", choices=sorted(ENCODERS), required=True)
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args(argv)
    args.output.write_bytes(ENCODERS[args.to](args.input.read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
