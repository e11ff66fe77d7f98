"""Vietnamese legacy encodings -> Unicode NFC: TCVN3 (ABC, .VnTime), VNI (VNI-Times), Windows-1258.

Why: many provincial reports were typed before Unicode became the norm (or
still are, on old machines): a .txt saved from such an editor is not UTF-8,
and a .docx keeps the legacy bytes as Latin-1 look-alike characters in runs
set in a ".VnTime" / "VNI-Times" font, which read as "B¸o c¸o" / "Baùo caùo".

- **TCVN3** (TCVN 5712:1993) is a byte map.  Its VN3 subset (the .VnTime
  fonts) holds lower-case letters plus Ă Â Ê Ô Ơ Ư Đ in 0xA0-0xFF; upper-case
  letters with tones are set in the ".VnTimeH" fonts with the lower-case
  codes.  The full VN1 table (same VN3 positions, upper-case letters in
  0x80-0x9F, a few free 0xA0-0xFF cells and C0 cells) is used for plain
  bytes; font runs use VN3 only (0x80-0x9F there are Windows punctuation).
  Table from glibc's TCVN5712-1 charmap.
- **VNI** writes a letter as an ASCII base letter followed by modifier
  bytes (``aù`` = á, ``aá`` = ấ, ``oâ`` = ô); ơ ư đ and the i/ỵ forms are
  single bytes.  Each byte maps to a fixed string (base letter or combining
  marks), so decoding is a byte map plus NFC.
- **Windows-1258** keeps base letters (with â ă ê ô ơ ư đ precomposed) and
  writes tones as combining marks: Python's codec, then NFC.

`detect_legacy` picks the candidate whose decoding reads as Vietnamese
syllables best (see `syllable_score`), or None.
"""
from __future__ import annotations

import re
import unicodedata

TCVN3 = "tcvn3"
VNI = "vni"
CP1258 = "cp1258"
LABELS = {TCVN3: "TCVN3 (ABC, .VnTime)", VNI: "VNI (VNI-Times)", CP1258: "Windows-1258"}

# TCVN 5712:1993 VN1, bytes 0x80-0xFF (glibc localedata/charmaps/TCVN5712-1).
_TCVN3_HIGH = (
    "\u00c0\u1ea2\u00c3\u00c1\u1ea0\u1eb6\u1eac\u00c8\u1eba\u1ebc\u00c9\u1eb8\u1ec6\u00cc\u1ec8\u0128"  # 0x80
    "\u00cd\u1eca\u00d2\u1ece\u00d5\u00d3\u1ecc\u1ed8\u1edc\u1ede\u1ee0\u1eda\u1ee2\u00d9\u1ee6\u0168"  # 0x90
    "\u00a0\u0102\u00c2\u00ca\u00d4\u01a0\u01af\u0110\u0103\u00e2\u00ea\u00f4\u01a1\u01b0\u0111\u1eb0"  # 0xA0
    "\u0300\u0309\u0303\u0301\u0323\u00e0\u1ea3\u00e3\u00e1\u1ea1\u1eb2\u1eb1\u1eb3\u1eb5\u1eaf\u1eb4"  # 0xB0
    "\u1eae\u1ea6\u1ea8\u1eaa\u1ea4\u1ec0\u1eb7\u1ea7\u1ea9\u1eab\u1ea5\u1ead\u00e8\u1ec2\u1ebb\u1ebd"  # 0xC0
    "\u00e9\u1eb9\u1ec1\u1ec3\u1ec5\u1ebf\u1ec7\u00ec\u1ec9\u1ec4\u1ebe\u1ed2\u0129\u00ed\u1ecb\u00f2"  # 0xD0
    "\u1ed4\u1ecf\u00f5\u00f3\u1ecd\u1ed3\u1ed5\u1ed7\u1ed1\u1ed9\u1edd\u1edf\u1ee1\u1edb\u1ee3\u00f9"  # 0xE0
    "\u1ed6\u1ee7\u0169\u00fa\u1ee5\u1eeb\u1eed\u1eef\u1ee9\u1ef1\u1ef3\u1ef7\u1ef9\u00fd\u1ef5\u1ed0"  # 0xF0
)
# VN1 also puts twelve upper-case letters in C0 control cells.
_TCVN3_C0 = {0x01: "\u00da", 0x02: "\u1ee4", 0x04: "\u1eea", 0x05: "\u1eec", 0x06: "\u1eee",
             0x11: "\u1ee8", 0x12: "\u1ef0", 0x13: "\u1ef2", 0x14: "\u1ef6", 0x15: "\u1ef8",
             0x16: "\u00dd", 0x17: "\u1ef4"}
TCVN3_BYTES: dict[int, str] = {**_TCVN3_C0, **{0x80 + i: c for i, c in enumerate(_TCVN3_HIGH)}}

# VNI: byte -> text.  Modifier bytes become combining marks after their base letter.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"
_VNI_LOWER = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK, "ã": _CIRC + _TILDE,
    "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK, "ü": _BREVE + _TILDE,
    "ë": _BREVE + _DOT,
    "ô": "ơ", "ö": "ư", "ñ": "đ",
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}
_VNI_UPPER = {k.upper(): (v.upper() if v[0].isalpha() else v) for k, v in _VNI_LOWER.items()}
VNI_BYTES: dict[int, str] = {ord(k): v for k, v in {**_VNI_LOWER, **_VNI_UPPER}.items()}

# Fonts whose runs hold legacy bytes: ".VnTime", ".VnArialH" (H = the upper-case set), "VNI-Times"...
_TCVN3_FONT = re.compile(r"^\.vn", re.IGNORECASE)
_VNI_FONT = re.compile(r"^vni[-_ ]", re.IGNORECASE)


def _cp1252_char_to_byte(ch: str) -> int | None:
    """The byte a Windows font showed as `ch` (Word stores legacy bytes as their cp1252 characters)."""
    o = ord(ch)
    if o < 0x100 and not 0x80 <= o < 0xA0:
        return o
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        return o if 0x80 <= o < 0xA0 else None


def decode_tcvn3(data: bytes) -> str:
    """TCVN 5712:1993 (VN1, a superset of the .VnTime VN3 set) bytes -> Unicode NFC."""
    return unicodedata.normalize("NFC", "".join(TCVN3_BYTES.get(b) or chr(b) for b in data))


def decode_vni(data: bytes) -> str:
    """VNI-Windows bytes -> Unicode NFC (other high bytes read as Windows-1252)."""
    out = []
    for b in data:
        s = VNI_BYTES.get(b)
        if s is None:
            s = chr(b) if b < 0x80 else bytes([b]).decode("cp1252", errors="replace")
        out.append(s)
    return unicodedata.normalize("NFC", "".join(out))


def decode_cp1258(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


DECODERS = {CP1258: decode_cp1258, TCVN3: decode_tcvn3, VNI: decode_vni}


# -- how Vietnamese a text reads ------------------------------------------------
_INITIAL = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
_NUCLEI = sorted("""a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê
ui uô uơ uy ưa ưi ươ ưu yê iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu""".split(), key=len,
                 reverse=True)
_FINAL = r"(?:ch|ng|nh|c|m|n|p|t)?"
_SYLLABLE = re.compile(f"^{_INITIAL}(?:{'|'.join(_NUCLEI)}){_FINAL}$")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_WORD = re.compile(r"[^\W\d_]+")


def is_syllable(word: str) -> bool:
    """True when `word` is a well-formed Vietnamese syllable (initial, vowel nucleus, final, <= 1 tone)."""
    nfd = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in nfd if c in _TONES)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
    return bool(_SYLLABLE.match(bare))


def syllable_score(text: str) -> tuple[int, int]:
    """(well-formed, ill-formed) counts over the words that hold a non-ASCII letter."""
    good = bad = 0
    for w in _WORD.findall(text):
        if w.isascii() or not w.isalpha():      # ASCII reads the same in every candidate; "ha¹"
            continue
        if is_syllable(w):
            good += 1
        else:
            bad += 1
    return good, bad


def detect_legacy(data: bytes, min_ratio: float = 0.8) -> tuple[str, str] | None:
    """(Unicode NFC text, encoding) for bytes in a legacy Vietnamese encoding, or None.

    Each candidate's decoding is scored by the share of its non-ASCII words
    that are Vietnamese syllables; the best wins if it clears `min_ratio`.
    """
    best = None
    for enc, decode in DECODERS.items():
        text = decode(data)
        good, bad = syllable_score(text)
        if good == 0:
            continue
        key = (good - bad, good)
        if best is None or key > best[0]:
            best = (key, text, enc, good / (good + bad))
    if best is None or best[3] < min_ratio:
        return None
    return best[1], best[2]


# -- runs in legacy fonts (DOCX) ---------------------------------------------------
def font_encoding(font: str | None) -> tuple[str, bool] | None:
    """(encoding, upper-case set) for a legacy font name, or None for a Unicode font."""
    if not font:
        return None
    name = font.strip()
    if _TCVN3_FONT.match(name):
        return TCVN3, name.endswith("H")
    if _VNI_FONT.match(name):
        return VNI, False
    return None


def convert_font_text(text: str, font: str | None) -> str:
    """Text of a run set in `font`, converted to Unicode NFC when the font is a legacy one.

    Characters a legacy font cannot have produced (real Unicode letters typed
    later, say) are kept as they are.
    """
    enc = font_encoding(font)
    if enc is None or text.isascii():
        return text
    encoding, upper = enc
    out = []
    for ch in text:
        b = _cp1252_char_to_byte(ch)
        if b is None or b < 0x80:
            out.append(ch)
        elif encoding == TCVN3:
            # VN3 only: 0x80-0x9F in a .VnTime run are Windows punctuation (quotes, dashes)
            out.append(TCVN3_BYTES.get(b, ch) if b >= 0xA0 else ch)
        else:
            out.append(VNI_BYTES.get(b, ch))
    converted = unicodedata.normalize("NFC", "".join(out))
    return converted.upper() if upper else converted

