"""Vietnam's provinces and centrally-run cities, to read and match place names.

Both the 63 units in force until mid-2025 and the 34 after the 2025 merger are
listed: archives hold reports of both eras.
"""
from __future__ import annotations

import re

from .vntext import normalize_tones, strip_diacritics

PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình",
    "Hồ Chí Minh", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn",
    "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
    "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng",
    "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Huế",
    "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]

# spellings that differ from the canonical one
_ALIASES = {
    "bà rịa vũng tàu": "Bà Rịa - Vũng Tàu",
    "thành phố hồ chí minh": "Hồ Chí Minh",
    "tp hồ chí minh": "Hồ Chí Minh",
    "tp. hồ chí minh": "Hồ Chí Minh",
    "đắc lắc": "Đắk Lắk",
    "bắc cạn": "Bắc Kạn",
}


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", " ", normalize_tones(name).lower()).strip()


_BY_KEY = {_key(p): p for p in PROVINCES}
_BY_KEY.update({_key(k): v for k, v in _ALIASES.items()})
_BY_FOLDED = {strip_diacritics(k): v for k, v in _BY_KEY.items()}


def canonical_province(name: str) -> str | None:
    """The canonical spelling of a province name, or None if it is not one."""
    key = _key(name)
    return _BY_KEY.get(key) or _BY_FOLDED.get(strip_diacritics(key))


def _pattern(keys) -> re.Pattern:
    alts = sorted(keys, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(a) for a in alts) + r")(?!\w)")


_ACCENTED_RE = _pattern(_BY_KEY)
_FOLDED_RE = _pattern(_BY_FOLDED)


def find_provinces(text: str) -> list[str]:
    """Province names mentioned in a text (accented or typed without diacritics)."""
    low = re.sub(r"[\s\-]+", " ", normalize_tones(text).lower())
    found = [_BY_KEY[m.group(1)] for m in _ACCENTED_RE.finditer(low)]
    if not found:
        folded = strip_diacritics(low)
        found = [_BY_FOLDED[m.group(1)] for m in _FOLDED_RE.finditer(folded)]
    out: list[str] = []
    for p in found:
        if p not in out:
            out.append(p)
    return out
