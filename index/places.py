"""Vietnam's provinces and centrally-run cities, to read and match place names.

Archives hold reports of both eras, so both lists are here:

- `PROVINCES_2024`: the 63 provincial units in force until 30 June 2025 (Thừa Thiên Huế became the
  centrally-run city of Huế on 1 January 2025, same territory; both names are kept).
- `PROVINCES_2025`: the 34 units from 1 July 2025 (Nghị quyết 202/2025/QH15), and `MERGED_INTO`, the
  old unit → the new unit that took it over (Hà Giang → Tuyên Quang, Bình Định → Gia Lai, ...).

Matching rules:
- A name written with diacritics must be written as a proper noun: "Hòa Bình" is the province,
  "hòa bình" is peace.  Text typed without any diacritics ("tinh lang son") is matched folded and
  case-insensitively — only then, so "Hà Nam" never matches "hạ nam" by accident.
- Aliases: TP.HCM / TP. HCM / TPHCM / HCM / Sài Gòn, HN, xứ Lạng, xứ Thanh, đất Cảng, BR-VT, Thừa Thiên - Huế, Đắc Lắc, ...
- A province is named in a *partner mention* when the text is about someone else's territory:
  "phối hợp với tỉnh X", "giáp tỉnh X", "cùng tỉnh X", "tỉnh bạn X", "hợp tác với X", "đoàn công
  tác tỉnh X" (`is_partner_mention`).  Counting which province a report is about ignores those.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .vntext import folded_tokens, has_diacritics, nfc, normalize_tones, strip_diacritics

# the 63 units before the 2025 merger (+ "Huế", the 2025 name of Thừa Thiên Huế)
PROVINCES_2024 = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình",
    "Hồ Chí Minh", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn",
    "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
    "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng",
    "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế",
    "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]

# 1 July 2025: new unit -> the old units it was formed from (itself first when it kept its name)
MERGER_2025: dict[str, list[str]] = {
    # unchanged
    "Hà Nội": ["Hà Nội"], "Huế": ["Thừa Thiên Huế"], "Lai Châu": ["Lai Châu"],
    "Điện Biên": ["Điện Biên"], "Sơn La": ["Sơn La"], "Lạng Sơn": ["Lạng Sơn"],
    "Quảng Ninh": ["Quảng Ninh"], "Thanh Hóa": ["Thanh Hóa"], "Nghệ An": ["Nghệ An"],
    "Hà Tĩnh": ["Hà Tĩnh"], "Cao Bằng": ["Cao Bằng"],
    # merged
    "Tuyên Quang": ["Tuyên Quang", "Hà Giang"],
    "Lào Cai": ["Lào Cai", "Yên Bái"],
    "Thái Nguyên": ["Thái Nguyên", "Bắc Kạn"],
    "Phú Thọ": ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"],
    "Bắc Ninh": ["Bắc Ninh", "Bắc Giang"],
    "Hưng Yên": ["Hưng Yên", "Thái Bình"],
    "Hải Phòng": ["Hải Phòng", "Hải Dương"],
    "Ninh Bình": ["Ninh Bình", "Hà Nam", "Nam Định"],
    "Quảng Trị": ["Quảng Trị", "Quảng Bình"],
    "Đà Nẵng": ["Đà Nẵng", "Quảng Nam"],
    "Quảng Ngãi": ["Quảng Ngãi", "Kon Tum"],
    "Gia Lai": ["Gia Lai", "Bình Định"],
    "Khánh Hòa": ["Khánh Hòa", "Ninh Thuận"],
    "Lâm Đồng": ["Lâm Đồng", "Đắk Nông", "Bình Thuận"],
    "Đắk Lắk": ["Đắk Lắk", "Phú Yên"],
    "Hồ Chí Minh": ["Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"],
    "Đồng Nai": ["Đồng Nai", "Bình Phước"],
    "Tây Ninh": ["Tây Ninh", "Long An"],
    "Cần Thơ": ["Cần Thơ", "Sóc Trăng", "Hậu Giang"],
    "Vĩnh Long": ["Vĩnh Long", "Bến Tre", "Trà Vinh"],
    "Đồng Tháp": ["Đồng Tháp", "Tiền Giang"],
    "Cà Mau": ["Cà Mau", "Bạc Liêu"],
    "An Giang": ["An Giang", "Kiên Giang"],
}
PROVINCES_2025 = list(MERGER_2025)
MERGED_INTO: dict[str, str] = {old: new for new, olds in MERGER_2025.items() for old in olds}

# the centrally-run cities ("thành phố trực thuộc trung ương"); Huế from 1 January 2025
CENTRAL_CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}

PROVINCES = sorted(set(PROVINCES_2024) | set(PROVINCES_2025))

# one entity under two names (renamed, not merged)
_SAME = {"Thừa Thiên Huế": "Huế"}

# spellings that differ from the canonical one (matched like names: accented ones as proper nouns)
_ALIASES = {
    "Bà Rịa Vũng Tàu": "Bà Rịa - Vũng Tàu", "BR-VT": "Bà Rịa - Vũng Tàu", "BRVT": "Bà Rịa - Vũng Tàu",
    "Thành phố Hồ Chí Minh": "Hồ Chí Minh", "TP Hồ Chí Minh": "Hồ Chí Minh", "TP. Hồ Chí Minh": "Hồ Chí Minh",
    "Tp. Hồ Chí Minh": "Hồ Chí Minh", "TP.HCM": "Hồ Chí Minh", "TP. HCM": "Hồ Chí Minh",
    "TP HCM": "Hồ Chí Minh", "TPHCM": "Hồ Chí Minh", "Tp.HCM": "Hồ Chí Minh", "HCM": "Hồ Chí Minh",
    "Sài Gòn": "Hồ Chí Minh", "HN": "Hà Nội", "Thành phố Huế": "Huế", "TP Huế": "Huế",
    "Thừa Thiên - Huế": "Thừa Thiên Huế", "TT-Huế": "Thừa Thiên Huế", "TT Huế": "Thừa Thiên Huế",
    "Đắc Lắc": "Đắk Lắk", "Đăk Lăk": "Đắk Lắk", "Đắk Lăk": "Đắk Lắk", "Đắc Nông": "Đắk Nông",
    "Đăk Nông": "Đắk Nông", "Bắc Cạn": "Bắc Kạn", "Kontum": "Kon Tum",
    # the names the press uses ("lên xứ Lạng", "khách về xứ Thanh", "đất Cảng")
    "xứ Lạng": "Lạng Sơn", "xứ Thanh": "Thanh Hóa", "đất Cảng": "Hải Phòng",
}
# folded spellings people type (no diacritics, no spaces) that are names only in that form
_FOLDED_ALIASES = {"daklak": "Đắk Lắk", "daknong": "Đắk Nông", "saigon": "Hồ Chí Minh", "hanoi": "Hà Nội",
                   "tphcm": "Hồ Chí Minh", "hcm": "Hồ Chí Minh", "brvt": "Bà Rịa - Vũng Tàu"}


def _key(name: str) -> str:
    """Lower case, one tone placement, hyphens/dots/spaces as single spaces."""
    return re.sub(r"[\s\-–.]+", " ", normalize_tones(name).lower()).strip()


_BY_KEY: dict[str, str] = {_key(p): p for p in PROVINCES}
_BY_KEY.update({_key(k): v for k, v in _ALIASES.items()})
_BY_FOLDED: dict[str, str] = {strip_diacritics(k): v for k, v in _BY_KEY.items()}
_BY_FOLDED.update(_FOLDED_ALIASES)
_COMPACT: dict[str, str] = {k.replace(" ", ""): v for k, v in _BY_FOLDED.items() if len(k.replace(" ", "")) >= 5}
_COMPACT.update(_FOLDED_ALIASES)
# written all in capitals only (two-letter abbreviations are words otherwise)
_CAPS_ONLY = {_key(k) for k in ("HN", "HCM", "BRVT", "BR-VT", "TPHCM", "TP.HCM", "TP HCM", "TP. HCM")}


def canonical_province(name: str) -> str | None:
    """The canonical spelling of a province name (any era, any alias), or None if it is not one.

    "thành phố Huế" → "Huế", "TP. HCM" → "Hồ Chí Minh", "Thanh Hoá" → "Thanh Hóa";
    "tinh lang son" → None (a phrase, not a name: use `find_provinces`).
    """
    key = _key(name)
    if not key:
        return None
    bare = re.sub(r"^(?:tỉnh|thành phố|tp)\s+", "", key)
    hit = _BY_KEY.get(key) or _BY_KEY.get(bare)
    if hit:
        return hit
    if not has_diacritics(name):
        folded = strip_diacritics(bare)
        return _BY_FOLDED.get(folded) or _COMPACT.get(folded.replace(" ", ""))
    return None


def same_province(a: str | None, b: str | None) -> bool:
    """Two canonical names for one territory (equal, or renamed: Thừa Thiên Huế = Huế)."""
    if not a or not b:
        return False
    return _SAME.get(a, a) == _SAME.get(b, b)


def successor(name: str) -> str:
    """The unit that took over `name` on 1 July 2025 (itself when unchanged or already new)."""
    return MERGED_INTO.get(name, name)


def province_matches(asked: str, report: str, report_year: int | None = None,
                     report_month: int | None = None) -> bool:
    """Does a report of province `report` answer a question naming `asked`?

    Same territory always; across the 2025 merger only in the direction that is true on the ground:
    a report of the *new* unit dated from July 2025 covers what an old unit merged into it covers
    ("Hà Giang" asked → "Tuyên Quang" 10/2025 report).  An old unit's report never answers for the
    new, bigger one, nor a new unit's name for a pre-merger report of the province of that name.
    """
    if same_province(asked, report):
        return True
    after = report_year is not None and (report_year > 2025 or (report_year == 2025 and (report_month or 0) >= 7))
    return after and successor(asked) == report and asked != report


@dataclass(frozen=True)
class Mention:
    province: str       # canonical name
    start: int          # span in the text as given
    end: int
    partner: bool       # named as someone else's territory ("phối hợp với tỉnh X")


def _pattern(keys) -> re.Pattern:
    alts = sorted(keys, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(a) for a in alts) + r")(?!\w)")


# keys read in running text: "Hồ Chí Minh" alone is the person (tư tưởng, Đoàn TNCS ...), not the city
_TEXT_KEYS = {k: v for k, v in _BY_KEY.items() if k != "hồ chí minh"}
_TEXT_RE = _pattern(_TEXT_KEYS)
_FOLDED_RE = _pattern(set(_BY_FOLDED))

# words before a name that make it someone else's territory (folded, lower case)
_PARTNER_BEFORE = re.compile(
    r"\b(?:phoi hop(?: voi)?|giap(?: ranh)?(?: voi)?|tiep giap(?: voi)?|cung(?: voi)?|hop tac(?: voi)?|"
    r"ky ket(?: voi)?|ket nghia(?: voi)?|lam viec voi|tiep(?: va lam viec voi)?|doan cong tac(?: cua)?|"
    r"doan dai bieu(?: cua)?|lien ket(?: voi)?|(?:cac )?tinh (?:ban|lan can)|voi cac tinh|"
    r"voi (?:tinh|thanh pho)|sang|ho tro|giua)"
    r"(?:\s+(?:cac\s+)?(?:tinh|thanh pho|tp|thu do))?\s*[:,]?\s*$")
# ... or an office of it: "phối hợp với Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu"
_PARTNER_OFFICE_BEFORE = re.compile(
    r"\b(?:phoi hop|hop tac|lam viec|ky ket|lien ket|cung)\s+voi\s+(?:cac\s+)?(?:so|ubnd|uy ban|ban|cuc|chi cuc|"
    r"cong an|bo chi huy|doan|hoi|trung tam|benh vien|truong)\b[^.;:()]{0,70}?\b(?:tinh|thanh pho|tp)\s*$")
_PARTNER_AFTER = re.compile(r"^\s*(?:\(?tinh ban\)?|va (?:cac )?tinh (?:ban|lan can))")


def is_partner_mention(text: str, start: int, end: int | None = None) -> bool:
    """Is the place name at text[start:end] someone else's territory, not the report's own?

    "phối hợp với tỉnh Cao Bằng", "giáp tỉnh Quảng Ninh", "cùng tỉnh Bắc Giang", "các tỉnh bạn
    Cao Bằng, Bắc Kạn", "Đoàn công tác tỉnh Hà Giang", "hợp tác với thành phố Hải Phòng" — and the
    further names of a list that opened so ("giáp tỉnh Cao Bằng, Bắc Kạn và Thái Nguyên").
    """
    before = strip_diacritics(normalize_tones(text[max(0, start - 80):start]).lower())
    before = re.sub(r"\s+", " ", before)
    if _PARTNER_BEFORE.search(before) or _PARTNER_OFFICE_BEFORE.search(before):
        return True
    # a list: "giáp tỉnh Cao Bằng, Bắc Kạn và Thái Nguyên" — look back past other names
    clause = re.split(r"[.;:()]", before)[-1]
    names = list(_FOLDED_RE.finditer(clause))
    if names:
        head = clause[:names[0].start()]
        between = clause[names[0].start():]
        if (_PARTNER_BEFORE.search(head) or _PARTNER_OFFICE_BEFORE.search(head)) and re.fullmatch(r"[\w\s,\-]*(?:,|\bva|\bvoi)\s*(?:tinh |thanh pho )?",
                                                         between):
            return True
    if end is not None:
        after = strip_diacritics(normalize_tones(text[end:end + 30]).lower())
        if _PARTNER_AFTER.search(after):
            return True
    return False


def _proper(span: str) -> bool:
    """Written as a proper noun: every syllable of the name capitalised (or all capitals)."""
    words = [w for w in re.split(r"[\s\-–.]+", span) if w and w[0].isalpha()]
    words = [w for w in words if w.lower() not in ("thành", "phố", "tp", "tỉnh", "xứ", "đất")] or words
    return bool(words) and all(w[0].isupper() for w in words)


def _squeeze(low: str) -> tuple[str, list[int]]:
    """Hyphens, dots and runs of white space as one space, with a map back to the original positions."""
    chars: list[str] = []
    pos: list[int] = []
    for i, c in enumerate(low):
        c2 = " " if c in " \t\n\r-–." else c
        if c2 == " " and chars and chars[-1] == " ":
            continue
        chars.append(c2)
        pos.append(i)
    return "".join(chars), pos


def _lower_same_length(text: str) -> str:
    low = normalize_tones(text).lower()
    if len(low) == len(text):
        return low
    return "".join((c.lower() if len(c.lower()) == 1 else c) for c in normalize_tones(text))


_NEXT_WORD = re.compile(r"^[ \t]+(\w)(\w)")


def _runs_on(text: str, end: int) -> bool:
    """The name runs on into another capitalised word on its line ("Điện Biên Phủ")."""
    m = _NEXT_WORD.match(text[end:end + 4])
    return bool(m) and m.group(1).isupper() and not m.group(2).isupper()


def find_mentions(text: str) -> list[Mention]:
    """Every province mention in reading order, with its span and whether it is a partner mention.

    Text with diacritics: accented names written as proper nouns; "Hồ Chí Minh" only as a city
    ("Thành phố Hồ Chí Minh", "TP. HCM"; not "tư tưởng Hồ Chí Minh"); a name that runs on into another
    capitalised word on its line is part of a longer name ("Điện Biên Phủ").  Text without any
    diacritics (typed): folded, case-insensitive names.
    """
    text = nfc(text)
    out: list[Mention] = []
    if has_diacritics(text):
        norm, pos = _squeeze(_lower_same_length(text))
        for m in _TEXT_RE.finditer(norm):
            s, e = pos[m.start()], pos[m.end() - 1] + 1
            span, key = text[s:e], m.group(1)
            caps = span.replace(".", "").replace(" ", "").replace("-", "").isupper()
            if key in _CAPS_ONLY and not caps:
                continue
            if not _proper(span):
                continue
            if not caps and _runs_on(text, e):
                continue
            out.append(Mention(_TEXT_KEYS[key], s, e, is_partner_mention(text, s, e)))
        return out
    norm, pos = _squeeze(strip_diacritics(text).lower())
    for m in _FOLDED_RE.finditer(norm):
        s, e = pos[m.start()], pos[m.end() - 1] + 1
        out.append(Mention(_BY_FOLDED[m.group(1)], s, e, is_partner_mention(text, s, e)))
    return out


def own_provinces(text: str) -> set[str]:
    """The provinces a text names as its own territory, not as a partner's ("phối hợp với tỉnh X")."""
    return {m.province for m in find_mentions(text) if not m.partner}


def find_provinces(text: str) -> list[str]:
    """Province names mentioned in a text (accented proper nouns, or typed without diacritics), in order."""
    out: list[str] = []
    for mention in find_mentions(text):
        if mention.province not in out:
            out.append(mention.province)
    return out


def filename_tokens(name: str) -> list[str]:
    """A file name's words, folded and lower case: "BC_ThanhHoa-T10.docx" -> ["bc", "thanh", "hoa", "t"]."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name.replace("\\", "/").rsplit("/", 1)[-1])
    stem = nfc(stem)
    # camel case, and an acronym running into a word: "ThanhHoa", "UBNDKrongPac" -> UBND Krong Pac
    spaced = "".join(" " + c if i and c.isupper() and (stem[i - 1].islower() or (
        stem[i - 1].isupper() and i + 1 < len(stem) and stem[i + 1].islower())) else c for i, c in enumerate(stem))
    return [t for t in re.split(r"[^a-z]+", strip_diacritics(spaced).lower()) if t]


def province_in_filename(name: str) -> str | None:
    """A province named in a file name: "langson_ktxh_2023-01.txt", "BC_Thanh_Hoa_T10.docx", "tphcm-q1.pdf"."""
    toks = filename_tokens(name)
    best: str | None = None
    best_len = 0
    for i in range(len(toks)):
        joined = ""
        for j in range(i, min(len(toks), i + 4)):
            joined += toks[j]
            hit = _COMPACT.get(joined)
            if hit is None and j > i:
                hit = _BY_FOLDED.get(" ".join(toks[i:j + 1]))
            if hit and len(joined) > best_len:
                best, best_len = hit, len(joined)
    return best


_LEVEL_WORD = r"(?:xã|phường|thị trấn|thị xã|huyện|quận|thành phố|tỉnh|tp\.?)"
_LOCAL_UNIT = re.compile(r"\b(?:xã|phường|thị trấn|thị xã|huyện|quận|thành phố|tp\.?)\s+(.+?)\s*(?:,|\b"
                         + _LEVEL_WORD + r"\s|$)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def local_unit(issuer: str) -> str | None:
    """The district or commune an issuer speaks for ("UBND huyện Krông Pắc" → "Krông Pắc", "UBND xã Tân
    Lập, huyện Lục Ngạn" → "Tân Lập"), or None for a province-level issuer ("UBND thành phố Hồ Chí
    Minh", "Sở Tài chính tỉnh Nghệ An") or an unknown one."""
    m = _LOCAL_UNIT.search(nfc(issuer or "").strip())
    if not m:
        return None
    name = m.group(1).strip()
    # a numbered ward ("phường 5") names no place a question could be matched on
    return None if not name[:1].isalpha() or canonical_province(name) else name


def _word_run(text: str) -> str:
    return " " + " ".join(folded_tokens(text)) + " "


def names_place(text: str, name: str) -> bool:
    """Does the text name this place, as whole words, with or without diacritics ("krong pac")?"""
    return _word_run(name) in _word_run(text)


# words before a district's or commune's name that make it a partner ("phối hợp quận Đống Đa kiểm tra …",
# "giáp huyện Ba Vì"), folded
_LOCAL_PARTNER_BEFORE = re.compile(
    r"\b(?:phoi hop|giap(?: ranh)?|tiep giap|hop tac|ky ket|ket nghia|lam viec|lien ket)(?: voi)?"
    r"(?: (?:cac )?(?:quan|huyen|thi xa|thi tran|xa|phuong|thanh pho|tp))? $")


def names_own_place(text: str, name: str) -> bool:
    """Does the text name this place other than as a partner ("phối hợp quận Đống Đa …" gives the
    partner's name, not its figure)?"""
    run, want = _word_run(text), _word_run(name)
    at = run.find(want)
    while at >= 0:
        if not _LOCAL_PARTNER_BEFORE.search(run[:at + 1]):
            return True
        at = run.find(want, at + 1)
    return False


def named_local_units(question: str, issuers) -> list[str]:
    """The districts and communes of these issuers that a question names, as whole words, with or
    without diacritics ("Krông Pắc", "krong pac", "xã Tân Lập")."""
    asked = _word_run(question)                  # once: the retriever passes every report's issuer
    out = []
    for issuer in issuers:
        unit = local_unit(issuer or "")
        if unit and unit not in out and _word_run(unit) in asked:
            out.append(unit)
    return out


# ("thành phố Hồng Ngự", "TP. Sa Đéc": a city under a province; "TP. Hồ Chí Minh" is a province, left out below)
_UNIT_IN_TEXT = re.compile(r"(?i:\b(?:xã|phường|thị trấn|thị xã|huyện|quận|thành phố|tp\.?))\s+(\w+(?:\s+\w+){0,2})")
# typed without diacritics ("phuong Hoa An"): the folded level words, which in a text with marks would be
# other words ("cơ quan Nhà nước", "xa")
_UNIT_IN_FOLDED = re.compile(r"(?i:\b(?:xa|phuong|thi tran|thi xa|huyen|quan|thanh pho|tp\.?))\s+(\w+(?:\s+\w+){0,2})")


def local_units_in(text: str) -> list[str]:
    """Districts, towns, wards and communes a text names with their level word and a capitalised name
    ("huyện Hưng Nguyên", "Phường Tân An", "phuong Hoa An"); a province name is not one."""
    out = []
    pattern = _UNIT_IN_TEXT if has_diacritics(text) else _UNIT_IN_FOLDED
    for m in pattern.finditer(nfc(text)):
        words = m.group(1).split()
        # the name is the run of capitalised words after the level word
        run = []
        for w in words:
            if not w[:1].isupper() or (len(w) > 1 and w.isupper()):     # an abbreviation ("xã NTM") is no name
                break
            run.append(w)
        name = " ".join(run)
        if name and not canonical_province(name) and name not in out:
            out.append(name)
    return out
