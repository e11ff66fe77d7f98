"""Vietnamese number handling: parsing, finding and comparing figures.

Vietnamese reports write ``1.226,1`` for 1226.1 ("." groups thousands, ","
marks decimals), attach multipliers as words (``45 tỷ đồng``, ``4.490 nghìn
con``) and mix figures with dates (``19/01/2023``), document numbers
(``79/QĐ-UBND``), fractions (``08/10 xã``) and footnote markers (``ha¹``).
A naive ``float()`` reads "1.000" as 1.0, so everything numeric in the
project goes through this module.

The "figure guard" uses :func:`number_in_text` to check that every number an
LLM writes in an answer occurs in the passage it cites, up to formatting
("1226.1" == "1.226,1") and multipliers ("45 tỷ đồng" == "45.000 triệu đồng").

Stdlib only.  All offsets refer to the NFC-normalised text (NFD input is
normalised first; Vietnamese NFD and NFC differ in length, so callers that
need offsets into their own string should normalise it the same way).
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "NumberMention",
    "parse_vn_number",
    "find_numbers",
    "numbers_equivalent",
    "number_in_text",
    "normalize_unit",
    "KIND_NUMBER",
    "KIND_PERCENT",
    "KIND_DATE",
    "KIND_DOCNUM",
    "KIND_RATIO",
    "KIND_SECTION",
]

KIND_NUMBER = "number"    # a quantity: "95.294 lượt con", "45 tỷ đồng", "1.000 - 1.200 xe/ngày"
KIND_PERCENT = "percent"  # "108,3%"
KIND_DATE = "date"        # "19/01/2023", "01/2023", "tháng 01", "năm 2023", "2021 - 2025"
KIND_DOCNUM = "docnum"    # "79/QĐ-UBND", "Đề án 06"
KIND_RATIO = "ratio"      # "08/10 xã", "15/55 cuộc", "24/24 giờ"
KIND_SECTION = "section"  # a heading number at line start: "1.1." / "2."


@dataclass
class NumberMention:
    """One number as written in a text, with what it means.

    ``raw``/``start``/``end`` cover the whole mention including multiplier and
    unit ("250 triệu USD"); ``num_raw`` is the digits alone ("250").

    ``value`` is the number as written (250.0); ``scaled`` is value times the
    multiplier (2.5e8) in the base ``unit`` ("USD").  Dates carry a sortable
    value (yyyymmdd, yyyymm, yyyy, or the bare month/day number); ratios carry
    the numerator in ``value`` and the denominator in ``denominator``.
    Ranges ("1.000 - 1.200") set ``is_range`` and ``value_high``/``scaled_high``.
    """

    raw: str
    value: float
    start: int
    end: int
    unit: str = ""              # normalised base unit: "đồng", "USD", "con", "%", "kWh", ""
    scaled: float = 0.0
    kind: str = KIND_NUMBER
    is_range: bool = False
    value_high: float | None = None
    scaled_high: float | None = None
    denominator: float | None = None
    multiplier: float = 1.0
    unit_raw: str = ""          # multiplier + unit as written: "triệu USD", "TrKw/h", "%"
    num_raw: str = ""

    @property
    def is_bare(self) -> bool:
        """A plain number with neither unit nor multiplier ("250")."""
        return self.kind == KIND_NUMBER and not self.unit and self.multiplier == 1.0

    @property
    def low_high(self) -> tuple[float, ...]:
        """The values a range stands for (one value for a non-range)."""
        if self.is_range and self.value_high is not None:
            return (self.value, self.value_high)
        return (self.value,)

    @property
    def scaled_values(self) -> tuple[float, ...]:
        if self.is_range and self.scaled_high is not None:
            return (self.scaled, self.scaled_high)
        return (self.scaled,)


# --------------------------------------------------------------------------
# parse_vn_number
# --------------------------------------------------------------------------

_SPACE_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?")
_DIGITS_SEPS = re.compile(r"\d+(?:[.,]\d+)*")


def parse_vn_number(s: str) -> float | None:
    """Parse one number written the Vietnamese way; None when it is not one.

    Rules (why: reports use "." for thousands and "," for decimals, while LLM
    answers sometimes slip into English style):

    * no separator: an integer, leading zeros allowed ("01" -> 1).
    * only commas: one comma is a decimal comma, whatever follows it
      ("108,3" -> 108.3, "467,245" -> 467.245); several commas must be
      English thousands groups ("1,226,100" -> 1226100).
    * only dots: several dots must be thousands groups ("1.226.100");
      a single dot followed by exactly 3 digits, with 1-3 leading digits not
      "0", is a thousands dot ("1.000" -> 1000, "4.490" -> 4490); any other
      single dot is a decimal point ("1.5" -> 1.5, "12.50" -> 12.5,
      "0.500" -> 0.5, "1226.1" -> 1226.1).
    * both: whichever separator comes last is the decimal mark and the other
      must group thousands ("1.226,1" -> 1226.1, "1,226.1" -> 1226.1).
    * spaces/no-break spaces grouping thousands are accepted ("1 226,1").
    * an optional leading sign (+, -, U+2212).
    """
    if s is None:
        return None
    t = unicodedata.normalize("NFC", str(s)).strip()
    if not t:
        return None
    sign = 1.0
    if t[0] in "+-\u2212":
        sign = -1.0 if t[0] != "+" else 1.0
        t = t[1:].lstrip()
    if _SPACE_GROUPED.fullmatch(t):
        t = re.sub(r"[ \u00a0\u202f]", ".", t)
    if not _DIGITS_SEPS.fullmatch(t):
        return None
    dots, commas = t.count("."), t.count(",")
    if dots and commas:
        dec = "," if t.rfind(",") > t.rfind(".") else "."
        thou = "." if dec == "," else ","
        int_part, _, frac = t.rpartition(dec)
        if dec in int_part or not re.fullmatch(r"\d{1,3}(?:%s\d{3})+" % re.escape(thou), int_part):
            return None
        return sign * float(int_part.replace(thou, "") + "." + frac)
    if commas:
        if commas == 1:
            return sign * float(t.replace(",", "."))
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
            return sign * float(t.replace(",", ""))
        return None
    if dots:
        if dots > 1:
            if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t):
                return sign * float(t.replace(".", ""))
            return None
        left, right = t.split(".")
        if len(right) == 3 and 1 <= len(left) <= 3 and left[0] != "0":
            return sign * float(left + right)
        return sign * float(t)
    return sign * float(t)


# --------------------------------------------------------------------------
# units and multipliers
# --------------------------------------------------------------------------

# surface form (lower case) -> normalised base unit.  Counting nouns are
# included so that "28.100 con" and "28.100 hộ" are not taken for the same
# quantity; words not listed leave the unit empty (compatible with anything).
_UNITS: dict[str, str] = {
    # money
    "đồng": "đồng", "đ": "đồng", "vnđ": "đồng", "vnd": "đồng",
    "usd": "USD", "đô la mỹ": "USD", "đô la": "USD", "đô-la": "USD",
    "eur": "EUR", "euro": "EUR", "nhân dân tệ": "CNY", "ndt": "CNY",
    # area, volume, length, mass
    "ha": "ha", "héc-ta": "ha", "hécta": "ha", "hecta": "ha", "héc ta": "ha",
    "m²": "m²", "m2": "m²", "km²": "km²", "km2": "km²",
    "m³": "m³", "m3": "m³", "lít": "lít",
    "km": "km", "m": "m",
    "tấn": "tấn", "tạ": "tạ", "kg": "kg", "gam": "g", "gram": "g", "g": "g",
    # energy
    "kw/h": "kWh", "kwh": "kWh", "mwh": "MWh", "kw": "kW", "mw": "MW",
    # transport
    "hk.km": "HK.km", "hành khách.km": "HK.km", "tấn.km": "tấn.km",
    "xe/ngày": "xe/ngày", "lượt xe": "lượt xe", "xe": "xe", "chuyến": "chuyến",
    # counts
    "lượt con": "lượt con", "lượt người": "lượt người", "lượt": "lượt",
    "con": "con", "cây": "cây", "hộ": "hộ", "người": "người", "hồ sơ": "hồ sơ",
    "vụ": "vụ", "đối tượng": "đối tượng", "bị can": "bị can",
    "doanh nghiệp": "doanh nghiệp", "hợp tác xã": "hợp tác xã", "htx": "hợp tác xã",
    "chi nhánh": "chi nhánh", "xã": "xã", "huyện": "huyện", "thôn": "thôn",
    "cuộc": "cuộc", "đơn": "đơn", "giấy phép": "giấy phép",
    "giấy chứng nhận": "giấy chứng nhận", "giấy": "giấy", "tỉnh": "tỉnh", "gia đình": "gia đình", "suất": "suất", "viên": "viên",
    "đề tài": "đề tài", "dự án": "dự án", "công trình": "công trình",
    "trường": "trường", "học sinh": "học sinh", "lao động": "lao động",
    "cơ sở": "cơ sở", "tổ chức": "tổ chức", "đơn vị": "đơn vị", "mỏ": "mỏ",
    "vị trí": "vị trí", "cụm": "cụm", "cửa khẩu": "cửa khẩu",
    "sản phẩm": "sản phẩm", "bệnh nhân": "bệnh nhân", "ca": "ca", "liều": "liều",
    "chỉ tiêu": "chỉ tiêu", "tiêu chí": "tiêu chí", "thủ tục": "thủ tục",
    "giờ": "giờ", "ngày": "ngày", "tuần": "tuần", "tháng": "tháng", "năm": "năm",
    "phút": "phút", "lần": "lần", "cấp": "cấp",
}
_UNIT_RE = re.compile(
    "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True)), re.IGNORECASE
)
# per-units after a slash ("đồng/người/năm", "tấn/ha")
_PER_RE = re.compile(
    "|".join(re.escape(u) for u in sorted(set(_UNITS) | {"h"}, key=len, reverse=True)),
    re.IGNORECASE,
)

_MULTIPLIERS = {
    "nghìn tỷ": 1e12, "nghìn tỉ": 1e12, "ngàn tỷ": 1e12, "ngàn tỉ": 1e12,
    "nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9,
    "trăm": 1e2, "tr": 1e6,
}
_MULT_RE = re.compile(
    r"(nghìn\s+tỷ|nghìn\s+tỉ|ngàn\s+tỷ|ngàn\s+tỉ|nghìn|ngàn|triệu|tỷ|tỉ|trăm|tr)", re.IGNORECASE
)
# "tỷ lệ" (rate), "tỷ trọng" (share), "triệu chứng" are words, not multipliers
_NOT_MULT_RE = re.compile(r"\s+(lệ|trọng|chứng)(?![^\W\d_])", re.IGNORECASE)

_HSPACE = "[^\\S\\n]"


def normalize_unit(unit: str) -> str:
    """Base unit for a unit as written ("Kw/h" -> "kWh", "VNĐ" -> "đồng"); '' if unknown."""
    u = re.sub(r"\s+", " ", unicodedata.normalize("NFC", unit or "")).strip()
    if u == "%":
        return "%"
    parts = u.split("/")
    # "Kw/h" and "xe/ngày" are units in their own right
    whole = _UNITS.get(u.lower())
    if whole:
        return whole
    out = []
    for p in parts:
        n = _UNITS.get(p.lower(), "h" if p.lower() == "h" else None)
        if n is None:
            return ""
        out.append(n)
    return "/".join(out)


def _is_alpha_at(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalpha()


def _read_unit(text: str, pos: int) -> tuple[str, int] | None:
    """Read a unit (with optional per-units) at ``pos``: (normalised, end)."""
    m = _UNIT_RE.match(text, pos)
    if not m or _is_alpha_at(text, m.end()):
        return None
    unit = _UNITS[m.group().lower()]
    end = m.end()
    while end < len(text) and text[end] == "/":
        p = _PER_RE.match(text, end + 1)
        if not p or _is_alpha_at(text, p.end()):
            break
        unit += "/" + _UNITS.get(p.group().lower(), p.group().lower())
        end = p.end()
    return unit, end


def _read_quantity_suffix(text: str, pos: int) -> tuple[str, float, str, int]:
    """Read what follows a number: (kind, multiplier, unit, end).

    kind is KIND_PERCENT for "%"/"phần trăm", else KIND_NUMBER.  ``end`` ==
    ``pos`` when nothing was read.
    """
    m = re.compile(_HSPACE + r"{0,2}").match(text, pos)
    q = m.end()
    if text.startswith("%", q):
        return KIND_PERCENT, 1.0, "%", q + 1
    pm = re.compile(r"phần trăm(?![^\W\d_])", re.IGNORECASE).match(text, q)
    if pm and q > pos:
        return KIND_PERCENT, 1.0, "%", pm.end()
    mm = _MULT_RE.match(text, q)
    if mm and not _NOT_MULT_RE.match(text, mm.end()):
        word = re.sub(r"\s+", " ", mm.group().lower())
        mult = _MULTIPLIERS[word]
        e = mm.end()
        if _is_alpha_at(text, e) or (text[e:e + 1] == "." and _is_alpha_at(text, e + 1)):
            # glued unit ("TrKw/h", "tr.đ"); otherwise a word such as "trong"
            glued = _read_unit(text, e) or (_read_unit(text, e + 1) if text[e:e + 1] == "." else None)
            if glued:
                return KIND_NUMBER, mult, glued[0], glued[1]
        else:
            sp = re.compile(_HSPACE + r"{0,2}").match(text, e).end()
            u = _read_unit(text, sp)
            if u:
                return KIND_NUMBER, mult, u[0], u[1]
            return KIND_NUMBER, mult, "", e
    u = _read_unit(text, q)
    if u:
        return KIND_NUMBER, 1.0, u[0], u[1]
    return KIND_NUMBER, 1.0, "", pos


# --------------------------------------------------------------------------
# find_numbers
# --------------------------------------------------------------------------

_NUM = r"\d+(?:[.,]\d+)*"
_NUM_RE = re.compile(_NUM)
_FULL_DATE_RE = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
_MONTH_YEAR_RE = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{4})(?![\d/])")
# "79/QĐ-UBND", "602/BGTVT-KHĐT", "12/2023/NĐ-CP"
_DOCNUM_RE = re.compile(r"(?<![\w/])(\d+)(?:/\d{4})?/[^\W\d_][\w]*(?:[-–][\w]+)*")
_NAMED_DOC_RE = re.compile(
    r"(?:Đề án|Nghị quyết|Nghị định|Quyết định|Chỉ thị|Công văn|Thông tư|Thông báo|"
    r"Kế hoạch|Công điện|Luật|Trung ương)\s+(?:số\s+)?(\d+)(?![\d.,/])"
)
_RATIO_RE = re.compile(r"(?<![\w/.,])(\d+)/(\d+)(?![\d/])")
_RANGE_TAIL_RE = re.compile(_HSPACE + r"*[-–—]" + _HSPACE + r"*(" + _NUM + r")")
_TU_DEN_RE = re.compile(_HSPACE + r"+đến" + _HSPACE + r"+(" + _NUM + r")", re.IGNORECASE)
_DATE_WORDS = {"năm", "tháng", "ngày", "quý"}
_DAY_MONTH_WORDS = {"ngày", "từ", "đến", "hôm", "sáng", "chiều", "tối", "đêm"}


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([^\W\d_]+)[^\S\n]*$", text[max(0, pos - 40):pos])
    return m.group(1).lower() if m else ""


def _is_year(s: str) -> bool:
    return s.isdigit() and len(s) == 4 and 1900 <= int(s) <= 2100


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(s < b and a < e for a, b in spans)


def find_numbers(text: str) -> list[NumberMention]:
    """Every number in ``text``, classified, in reading order.

    Why so many kinds: the figure guard and the figure table must not mistake
    "19/01/2023" or "79/QĐ-UBND" for quantities.  Dates, document numbers,
    ratios, percentages, section numbers and quantities are told apart;
    identifiers such as "Km18", "COVID-19", "Quốc lộ 4B" are not reported.
    Unicode superscript digits (footnote markers, "ha¹") are never digits
    here, but "m³" is read as a unit.
    """
    text = unicodedata.normalize("NFC", text or "")
    out: list[NumberMention] = []
    taken: list[tuple[int, int]] = []

    def add(m: NumberMention) -> None:
        out.append(m)
        taken.append((m.start, m.end))

    # 1. full dates "19/01/2023", "09/3/2022"
    for m in _FULL_DATE_RE.finditer(text):
        d, mo, y = int(m.group(1)), int(m.group(2)), m.group(3)
        if 1 <= d <= 31 and 1 <= mo <= 12:
            yy = int(y) if len(y) == 4 else 2000 + int(y)
            v = float(yy * 10000 + mo * 100 + d)
            add(NumberMention(m.group(), v, m.start(), m.end(), scaled=v, kind=KIND_DATE, num_raw=m.group()))
    # 2. month/year "01/2023"
    for m in _MONTH_YEAR_RE.finditer(text):
        if _overlaps(taken, *m.span()):
            continue
        mo, y = int(m.group(1)), m.group(2)
        if 1 <= mo <= 12 and _is_year(y):
            v = float(int(y) * 100 + mo)
            add(NumberMention(m.group(), v, m.start(), m.end(), scaled=v, kind=KIND_DATE, num_raw=m.group()))
    # 3. document numbers
    for m in _DOCNUM_RE.finditer(text):
        if _overlaps(taken, *m.span()):
            continue
        v = float(int(m.group(1)))
        add(NumberMention(m.group(), v, m.start(), m.end(), scaled=v, kind=KIND_DOCNUM, num_raw=m.group(1)))
    for m in _NAMED_DOC_RE.finditer(text):
        s, e = m.span(1)
        if _overlaps(taken, s, e) or _is_year(m.group(1)):
            continue
        v = float(int(m.group(1)))
        add(NumberMention(m.group(1), v, s, e, scaled=v, kind=KIND_DOCNUM, num_raw=m.group(1)))
    # 4. ratios "08/10 xã" (or day/month after "ngày", "từ", ...)
    for m in _RATIO_RE.finditer(text):
        if _overlaps(taken, *m.span()) or _is_alpha_at(text, m.end()):
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if _prev_word(text, m.start()) in _DAY_MONTH_WORDS and 1 <= a <= 31 and 1 <= b <= 12:
            v = float(b * 100 + a)
            add(NumberMention(m.group(), v, m.start(), m.end(), scaled=v, kind=KIND_DATE, num_raw=m.group()))
            continue
        kind, mult, unit, end = _read_quantity_suffix(text, m.end())
        if kind == KIND_PERCENT:   # "3/4%"? not a ratio we understand
            continue
        unit_raw = re.sub(r"\s+", " ", text[m.end():end]).strip()
        add(NumberMention(text[m.start():end], float(a), m.start(), end, unit=unit,
                          scaled=a * mult, kind=KIND_RATIO, denominator=float(b),
                          multiplier=mult, unit_raw=unit_raw, num_raw=m.group()))
    # 5. plain numbers, ranges, percentages, quantities
    skip_until = -1
    for m in _NUM_RE.finditer(text):
        s, e = m.span()
        if s < skip_until or _overlaps(taken, s, e):
            continue
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] == "_"):
            continue  # "Km18", digits glued to a word
        if s > 0 and text[s - 1] in "-–":
            j = s - 2
            while j >= 0 and text[j] in " \t":
                j -= 1
            if j >= 0 and text[j].isalpha():
                continue  # "COVID-19", "Covid -19"
        num_raw = m.group()
        value = parse_vn_number(num_raw)
        if value is None:
            continue
        line_start = text.rfind("\n", 0, s) + 1
        if (not text[line_start:s].strip()
                and re.fullmatch(r"\d{1,2}(?:\.\d{1,2})*", num_raw)
                and re.match(r"\.(?:\s|$)", text[e:e + 2] or "")):
            add(NumberMention(num_raw + ".", value, s, e + 1, scaled=value, kind=KIND_SECTION, num_raw=num_raw))
            continue

        # year ranges "2021 - 2025", "2022-2023"
        rt = _RANGE_TAIL_RE.match(text, e)
        if rt and _is_year(num_raw) and _is_year(rt.group(1)) and int(rt.group(1)) >= int(num_raw):
            end = rt.end()
            add(NumberMention(text[s:end], value, s, end, scaled=value, kind=KIND_DATE, is_range=True,
                              value_high=float(rt.group(1)), scaled_high=float(rt.group(1)), num_raw=num_raw))
            skip_until = end
            continue
        # "năm 2023", "tháng 01", "ngày 19": calendar words before an integer
        if num_raw.isdigit() and _prev_word(text, s) in _DATE_WORDS:
            add(NumberMention(num_raw, value, s, e, scaled=value, kind=KIND_DATE, num_raw=num_raw))
            continue

        high = None
        num_end = e
        if rt and not _is_alpha_at(text, rt.end()):
            hv = parse_vn_number(rt.group(1))
            if hv is not None and hv > value:
                high, num_end = hv, rt.end()
        if high is None and _prev_word(text, s) == "từ":
            td = _TU_DEN_RE.match(text, e)
            if td and not _is_alpha_at(text, td.end()):
                hv = parse_vn_number(td.group(1))
                if hv is not None and hv > value:
                    high, num_end = hv, td.end()

        kind, mult, unit, end = _read_quantity_suffix(text, num_end)
        if end == num_end and _is_alpha_at(text, num_end):
            continue  # "4B": an identifier, not a quantity
        if high is None and kind == KIND_NUMBER and not unit and mult == 1.0 and _is_year(num_raw):
            add(NumberMention(num_raw, value, s, e, scaled=value, kind=KIND_DATE, num_raw=num_raw))
            continue
        unit_raw = re.sub(r"\s+", " ", text[num_end:end]).strip()
        if kind == KIND_PERCENT:
            unit_raw = "%"
        add(NumberMention(
            raw=text[s:end], value=value, start=s, end=end, unit=unit,
            scaled=value * mult, kind=kind, is_range=high is not None, value_high=high,
            scaled_high=high * mult if high is not None else None,
            multiplier=mult, unit_raw=unit_raw, num_raw=num_raw,
        ))
        skip_until = num_end
    out.sort(key=lambda x: x.start)
    return out


# --------------------------------------------------------------------------
# equivalence
# --------------------------------------------------------------------------

def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _units_compatible(a: str, b: str) -> bool:
    """Same base unit, an unknown unit on one side, "lượt" vs "lượt con", "xe" vs "xe/ngày"."""
    if not a or not b or a == b:
        return True
    return any(x.startswith(y + sep) for x, y in ((a, b), (b, a)) for sep in (" ", "/"))


def _docnum_key(raw: str) -> str:
    s = re.sub(r"\s+", "", raw).upper()
    return re.sub(r"^0+(?=\d)", "", s)


def numbers_equivalent(a: NumberMention, b: NumberMention) -> bool:
    """True when two mentions state the same quantity (symmetric).

    * dates match only dates with the same value ("19/1/2023" ==
      "19/01/2023"; "tháng 01" is month 1, "01/2023" is 202301, so these two
      do not match each other); document numbers match by normalised text;
      section numbers never match.
    * a percentage matches a percentage, or a bare number of the same value.
    * a bare number (no unit, no multiplier) matches any mention having that
      value as written or scaled ("45" ~ "45 tỷ đồng").
    * otherwise units must be compatible and scaled values equal
      ("45 tỷ đồng" == "45.000 triệu đồng"; "45 đồng" != "45 tỷ đồng").
    * a range matches a range with both ends equal, or a single value equal
      to either end; a ratio matches a ratio with the same terms, or a number
      equal to its numerator or denominator ("8 xã" ~ "08/10 xã").
    """
    if KIND_SECTION in (a.kind, b.kind):
        return False
    if a.kind == KIND_DATE or b.kind == KIND_DATE:
        # a date only confirms a date: "01" in an answer is not backed by "tháng 01"
        return a.kind == b.kind and _close(a.value, b.value) and (
            (a.value_high is None and b.value_high is None)
            or (a.value_high is not None and b.value_high is not None and _close(a.value_high, b.value_high))
        )
    if a.kind == KIND_DOCNUM or b.kind == KIND_DOCNUM:
        if a.kind == b.kind:
            return _docnum_key(a.raw) == _docnum_key(b.raw) or (
                a.raw.isdigit() or b.raw.isdigit()) and _close(a.value, b.value)
        return False
    if a.kind == KIND_RATIO or b.kind == KIND_RATIO:
        if a.kind == b.kind:
            return (_close(a.value, b.value) and a.denominator is not None and b.denominator is not None
                    and _close(a.denominator, b.denominator) and _units_compatible(a.unit, b.unit))
        ratio, other = (a, b) if a.kind == KIND_RATIO else (b, a)
        if other.kind != KIND_NUMBER or other.is_range or not _units_compatible(ratio.unit, other.unit):
            return False
        terms = [ratio.value] + ([ratio.denominator] if ratio.denominator is not None else [])
        return other.multiplier == 1.0 and any(_close(other.value, t) for t in terms)
    if a.kind == KIND_PERCENT or b.kind == KIND_PERCENT:
        if a.kind != b.kind:
            other = b if a.kind == KIND_PERCENT else a
            if not other.is_bare:
                return False
        return _values_match(a.low_high, b.low_high, a.is_range and b.is_range)
    # plain quantities
    if a.is_bare or b.is_bare:
        bare, other = (a, b) if a.is_bare else (b, a)
        cands = set(other.low_high) | set(other.scaled_values)
        if bare.is_range and other.is_range:
            return _values_match(bare.low_high, other.low_high, True) or _values_match(
                bare.low_high, other.scaled_values, True)
        return all(any(_close(v, c) for c in cands) for v in bare.low_high)
    if not _units_compatible(a.unit, b.unit):
        return False
    return _values_match(a.scaled_values, b.scaled_values, a.is_range and b.is_range)


def _values_match(xs: tuple[float, ...], ys: tuple[float, ...], both_ranges: bool) -> bool:
    if both_ranges:
        return len(xs) == len(ys) and all(_close(x, y) for x, y in zip(xs, ys))
    # a single value matches either end of a range; a range needs both ends
    short, long_ = (xs, ys) if len(xs) <= len(ys) else (ys, xs)
    return all(any(_close(v, w) for w in long_) for v in short)


def number_in_text(mention: NumberMention | str, text: str) -> bool:
    """Whether the quantity ``mention`` states also occurs in ``text``.

    ``mention`` may be a string ("45.000 triệu đồng"): then every number in it
    must occur.  A string with no number found but parseable by
    :func:`parse_vn_number` is treated as a bare number.  A section/list
    marker ("1." at line start) states no quantity, so there is nothing to
    check: it counts as present (an LLM answer written as a numbered list
    must not fail the figure guard).
    """
    if isinstance(mention, NumberMention) and mention.kind == KIND_SECTION:
        return True
    if isinstance(mention, str):
        ms = [m for m in find_numbers(mention) if m.kind != KIND_SECTION]
        if not ms:
            v = parse_vn_number(mention)
            if v is None:
                return False
            ms = [NumberMention(mention.strip(), v, 0, len(mention), scaled=v, num_raw=mention.strip())]
        return all(number_in_text(m, text) for m in ms)
    return any(numbers_equivalent(mention, t) for t in find_numbers(text))
