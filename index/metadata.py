"""What a report is: who issued it (and at which level), for which province, for which period.

`derive_metadata` reads a report in this order and keeps, per field, the first source that says it
(`DocumentMetadata.detected[field]` names it):

1. ``header`` — the header block: issuer lines ("ỦY BAN NHÂN DÂN / TỈNH THANH HÓA", "UBND TỈNH NGHỆ AN /
   SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "CỤC THỐNG KÊ TỈNH ..."; a two-column header may arrive as alternating
   lines issuer / Quốc hiệu, or as cells of one line), the number ("Số: 12/BC-UBND"), the place-and-date
   line ("Thanh Hóa, ngày 30 tháng 10 năm 2023"); and the signature block ("TM. ỦY BAN NHÂN DÂN").
2. ``title`` — the title ("Tình hình kinh tế - xã hội tháng Mười và 10 tháng năm 2023, nhiệm vụ ...").
3. ``body`` — section headings ("II. TÌNH HÌNH KT-XH THÁNG 10 NĂM 2023", "III. NHIỆM VỤ ... THÁNG 11"),
   the province named most often — partner mentions left out ("phối hợp với tỉnh X", "giáp tỉnh X",
   "cùng tỉnh X", "tỉnh bạn X") — and how the report calls its own territory ("toàn tỉnh", "toàn huyện").
4. ``filename`` — "langson_ktxh_2023-01.txt", "BC_Thanh_Hoa_T10_2023.docx".

``user`` marks a value set by hand (`apply_user`, for `retag`).  A field nothing states stays empty
(unknown): callers must treat unknown as "maybe", never as "no".

Periods: months in digits or words ("tháng Mười", "tháng Một", "tháng Giêng", "tháng Mười Hai", "tháng
Chạp"), "tháng 10 và 10 tháng năm 2023" (month 10, cumulative figures for months 1–10), "quý I",
"6 tháng đầu năm" (half 1), "6 tháng cuối năm" (half 2), "9 tháng" (quarter III, cumulative 9),
"năm 2022", "từ đầu năm" (cumulative to the report's month).  The part of a title after "nhiệm vụ",
"phương hướng", "kế hoạch" ... is the plan period ("nhiệm vụ trọng tâm tháng 02", "phương hướng 6
tháng cuối năm", "quý II"), unless that word belongs to the current part ("kết quả thực hiện nhiệm vụ
6 tháng đầu năm").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from .places import (CENTRAL_CITIES, canonical_province, find_mentions, province_in_filename)
from .vntext import collapse_ws, nfc, normalize_tones, strip_diacritics

LEVELS = ("tinh", "huyen", "xa", "so", "cuc_thong_ke", "bo", "khac")
SOURCES = ("header", "title", "body", "filename", "user")
ROMAN = ["I", "II", "III", "IV"]


# ================================================================ periods
@dataclass
class PeriodInfo:
    """A reporting period.  `kind` is "month" | "quarter" | "half" | "year" ("" when only a year is known)."""

    kind: str = ""
    year: int | None = None
    month: int | None = None
    quarter: int | None = None
    half: int | None = None
    cumulative_months: int | None = None    # figures run from January over this many months
    text: str = ""                          # a label: "tháng 10/2023", "quý I/2024", "6 tháng đầu năm 2021"

    def first_month(self) -> int | None:
        if self.kind == "month":
            return self.month
        if self.kind == "quarter" and self.quarter:
            return 3 * self.quarter - 2
        if self.kind == "half" and self.half:
            return 1 if self.half == 1 else 7
        if self.kind == "year":
            return 1
        return None

    def last_month(self) -> int | None:
        if self.kind == "month":
            return self.month
        if self.kind == "quarter" and self.quarter:
            if self.cumulative_months and self.cumulative_months > 3 * self.quarter:
                return self.cumulative_months
            return 3 * self.quarter
        if self.kind == "half" and self.half:
            return 6 * self.half
        if self.kind == "year":
            return 12
        return None

    def label(self) -> str:
        y = self.year
        if self.kind == "month" and self.month:
            return f"tháng {self.month:02d}/{y}" if y else f"tháng {self.month:02d}"
        if self.kind == "quarter" and self.quarter:
            if self.cumulative_months and self.cumulative_months != 3 and not self._explicit_quarter:
                return f"{self.cumulative_months} tháng năm {y}" if y else f"{self.cumulative_months} tháng"
            return f"quý {ROMAN[self.quarter - 1]}/{y}" if y else f"quý {ROMAN[self.quarter - 1]}"
        if self.kind == "half" and self.half:
            edge = "đầu" if self.half == 1 else "cuối"
            return f"6 tháng {edge} năm {y}" if y else f"6 tháng {edge} năm"
        if self.kind == "year" and y:
            return f"năm {y}"
        return ""

    _explicit_quarter: bool = field(default=False, repr=False, compare=False)


_MONTH_WORDS = {
    "mười một": 11, "mười hai": 12, "mười": 10, "giêng": 1, "chạp": 12, "một": 1, "hai": 2, "ba": 3,
    "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}
# words that are everyday words too: a month only when capitalised ("tháng Năm"), never before a year
_AMBIGUOUS_MONTH_WORDS = {"một", "hai", "ba", "năm", "tư", "bốn"}
_MW = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
_CUMUL_WORDS = {"sáu": 6, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "ba": 3}

_YEAR_TAIL = r"(?:\s*(?:/|-|,)?\s*(?:năm\s+)?(?P<y>(?:19|20)\d\d)\b)?"
_MONTH_RE = re.compile(rf"(?<![\w/])tháng\s+(?P<m>\d{{1,2}}|{_MW})(?!\w)(?!\s*tháng){_YEAR_TAIL}")
_CUMUL_RE = re.compile(
    rf"(?<![\w/,.])(?P<n>\d{{1,2}}|{'|'.join(sorted(_CUMUL_WORDS, key=len, reverse=True))})\s+tháng"
    rf"(?!\s*\d)(?!\s+(?:tới|qua|nữa|trước|sau|liên|gần|kể))(?:\s+(?P<edge>đầu|cuối))?(?:\s+năm)?(?!\s+tháng)"
    rf"{_YEAR_TAIL}")
_QUARTER_RE = re.compile(rf"(?<!\w)quý\s+(?P<q>iv|iii|ii|i|[1-4]|một|hai|ba|bốn|tư)(?!\w){_YEAR_TAIL}")
_HALF_RE = re.compile(rf"(?<!\w)(?:nửa|bán niên)\s*(?P<edge>đầu|cuối)?\s*năm{_YEAR_TAIL}")
_YEAR_RE = re.compile(r"(?<!\w)năm\s+(?P<y>(?:19|20)\d\d)\b")
_FROM_START_RE = re.compile(r"từ đầu năm|lũy kế|luỹ kế|tính chung|cộng dồn")
_DATE_BEFORE = re.compile(r"(?:ngày|hôm)\s*\d{0,2}\s*$")
_PLAN_BEFORE = re.compile(
    r"(?<!thực hiện )(?<!kết quả )(?<!triển khai )(?<!hoàn thành )"
    r"(?:nhiệm vụ|phương hướng|kế hoạch|giải pháp|chương trình công tác|dự kiến|mục tiêu)"
    r"(?:[\s,]+(?:và|trọng tâm|chủ yếu|nhiệm vụ|giải pháp|phương hướng|công tác|kế hoạch|mục tiêu|"
    r"của|cho|trong|tới|các|thời gian))*[\s,]*$")
_Q_WORDS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4, "một": 1, "hai": 2,
            "ba": 3, "bốn": 4, "tư": 4}


@dataclass
class _Expr:
    start: int
    end: int
    kind: str                 # "month" | "cumul" | "quarter" | "half" | "year"
    value: int | None
    year: int | None
    edge: str | None = None   # "đầu" | "cuối" for cumulative / half expressions
    plan: bool = False


def _norm(text: str) -> tuple[str, str]:
    """(lower-case search form, same-length original) of a text: NFC, one tone placement, one space."""
    t = collapse_ws(normalize_tones(nfc(text)))
    low = t.lower()
    if len(low) != len(t):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in t)
    return low, t


def _month_word_ok(word: str, orig: str, low: str, end: int) -> bool:
    if word not in _AMBIGUOUS_MONTH_WORDS:
        return True
    if not orig[:1].isupper():
        return False
    return not re.match(r"\s*(?:/|-)?\s*(?:19|20)\d\d", low[end:]) or word != "năm"


def _expressions(text: str, *, lenient_words: bool = False) -> list[_Expr]:
    """Period expressions of a text in reading order (dates such as "ngày 30 tháng 10" left out)."""
    low, orig = _norm(text)
    out: list[_Expr] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def year_of(m: re.Match) -> int | None:
        return int(m.group("y")) if m.group("y") else None

    for m in _CUMUL_RE.finditer(low):
        n_raw = m.group("n")
        n = int(n_raw) if n_raw.isdigit() else _CUMUL_WORDS[n_raw]
        if not 2 <= n <= 12 or _DATE_BEFORE.search(low[:m.start()]):
            continue
        if not n_raw.isdigit() and not lenient_words and n_raw == "ba":
            continue
        if re.search(r"tháng\s*$", low[:m.start()]):     # "tháng 10 tháng ..." is not "10 tháng"
            continue
        out.append(_Expr(m.start(), m.end(), "cumul", n, year_of(m), m.group("edge")))
        taken.append((m.start(), m.end()))
    for m in _MONTH_RE.finditer(low):
        if not free(m.start(), m.end()):
            # "tháng 10 năm 2023" inside a longer cumulative expression: not a month
            continue
        raw = m.group("m")
        if raw.isdigit():
            month = int(raw)
            if re.search(r"\d\s*$", low[:m.start()]) or _DATE_BEFORE.search(low[:m.start()]):
                continue                                  # "ngày 30 tháng 10": a date
        else:
            word_start = m.start("m")
            if not lenient_words and not _month_word_ok(raw, orig[word_start:], low, m.end("m")):
                continue
            if lenient_words and raw == "năm" and m.group("y") is None and re.match(r"\s*\d", low[m.end("m"):]):
                continue
            month = _MONTH_WORDS[raw]
        if not 1 <= month <= 12:
            continue
        out.append(_Expr(m.start(), m.end(), "month", month, year_of(m)))
        taken.append((m.start(), m.end()))
    for m in _QUARTER_RE.finditer(low):
        if free(m.start(), m.end()):
            out.append(_Expr(m.start(), m.end(), "quarter", _Q_WORDS[m.group("q")], year_of(m)))
            taken.append((m.start(), m.end()))
    for m in _HALF_RE.finditer(low):
        if free(m.start(), m.end()):
            out.append(_Expr(m.start(), m.end(), "half", 2 if m.group("edge") == "cuối" else 1, year_of(m)))
            taken.append((m.start(), m.end()))
    for m in _YEAR_RE.finditer(low):
        if free(m.start(), m.end()) and not _DATE_BEFORE.search(re.sub(r"tháng\s*\d*\s*$", "", low[:m.start()])):
            out.append(_Expr(m.start(), m.end(), "year", None, int(m.group("y"))))
            taken.append((m.start(), m.end()))
    out.sort(key=lambda e: e.start)
    for e in out:
        e.plan = bool(_PLAN_BEFORE.search(low[:e.start]))
    # a plan part runs on over the expressions that follow it ("nhiệm vụ tháng 11 và 2 tháng cuối năm")
    seen_plan, prev_end = False, 0
    for e in out:
        if e.plan:
            seen_plan = True
        elif seen_plan and re.fullmatch(r"[\s,]*(?:và|,|;)?[\s,]*", low[prev_end:e.start]):
            e.plan = True
        prev_end = e.end
        if not e.plan:
            seen_plan = False
    return out


def _compose(exprs: list[_Expr], default_year: int | None = None) -> PeriodInfo | None:
    """One period from the expressions of one part (current or plan) of a title."""
    if not exprs:
        return None
    p = PeriodInfo()
    months = [e for e in exprs if e.kind == "month"]
    cumuls = [e for e in exprs if e.kind == "cumul"]
    quarters = [e for e in exprs if e.kind == "quarter"]
    halves = [e for e in exprs if e.kind == "half"]
    years = [e.year for e in exprs if e.year]
    if months:
        p.kind, p.month = "month", months[0].value
        same = [c for c in cumuls if c.value == p.month and c.edge != "cuối"]
        if same:
            p.cumulative_months = p.month
        if quarters:
            p.quarter = quarters[0].value
    elif quarters:
        p.kind, p.quarter = "quarter", quarters[0].value
        p._explicit_quarter = True
        c = [c for c in cumuls if c.edge != "cuối"]
        if c:
            p.cumulative_months = c[0].value
            if c[0].value == 6:
                p.half = 1
    elif cumuls:
        c = cumuls[0]
        n = c.value
        if c.edge == "cuối":
            if n == 6:
                p.kind, p.half = "half", 2
            elif n == 3:
                p.kind, p.quarter = "quarter", 4
            else:
                p.kind, p.month = "", None      # "2 tháng cuối năm": a span with no kind of its own
        elif n == 12:
            p.kind, p.cumulative_months = "year", 12
        elif n == 6:
            p.kind, p.half, p.cumulative_months = "half", 1, 6
        elif n in (3, 9):
            p.kind, p.quarter, p.cumulative_months = "quarter", n // 3, n
        else:
            p.kind, p.month, p.cumulative_months = "month", n, n
    elif halves:
        p.kind, p.half = "half", halves[0].value
        if p.half == 1:
            p.cumulative_months = 6
    elif years:
        p.kind, p.cumulative_months = "year", 12
    p.year = years[0] if years else default_year
    if not p.kind and not p.year:
        return None
    p.text = p.label()
    return p


def _end_month(p: PeriodInfo) -> int:
    return p.last_month() or 12


def periods_in(text: str, default_year: int | None = None) -> tuple[PeriodInfo | None, PeriodInfo | None]:
    """(current period, plan period) named in a title or heading.

    Years: an expression without its own year takes the next year written after it ("tháng 01,
    nhiệm vụ trọng tâm tháng 02 năm 2023"), else the one before it, else `default_year`; a plan that
    starts before the current period ends is in the next year ("tháng 12, nhiệm vụ tháng 01 năm 2024":
    current 12/2023, plan 01/2024).
    """
    exprs = _expressions(text)
    current = [e for e in exprs if not e.plan]
    plan = [e for e in exprs if e.plan]
    cur = _compose([e for e in current if e.kind != "year"] or current)
    pl = _compose([e for e in plan if e.kind != "year"] or plan)
    if cur and cur.kind and not cur.year:
        later = [e for e in current if e.year and e.start >= min(x.start for x in current)]
        cur.year = later[0].year if later else None
    if pl and not pl.year:
        later = [e.year for e in plan if e.year]
        pl.year = later[0] if later else None
    # years written once for both parts
    if cur and pl:
        wraps = (pl.first_month() or 13) <= _end_month(cur)
        if cur.year is None and pl.year is not None:
            cur.year = pl.year - 1 if wraps else pl.year
        elif pl.year is None and cur.year is not None:
            pl.year = cur.year + 1 if wraps else cur.year
    if cur and cur.year is None:
        before = [e.year for e in exprs if e.year]
        cur.year = before[0] if before else default_year
    if pl and pl.year is None:
        pl.year = default_year
    for p in (cur, pl):
        if p is not None:
            p.text = p.label()
    if cur is not None and not cur.kind:
        cur = None if not cur.year else cur
    return cur, pl


def parse_period_text(text: str) -> PeriodInfo | None:
    """A period typed by a user: "quý I/2024", "6 tháng đầu năm 2021", "tháng 10/2023", "10/2023",
    "T10/2023", "tháng Mười 2023", "năm 2022", "9 tháng 2023", "2022".  None when it names no period."""
    t = collapse_ws(nfc(text)).strip()
    m = re.fullmatch(r"[tT]?\s*(\d{1,2})\s*[/\-.]\s*((?:19|20)\d\d)", t)
    if m and 1 <= int(m.group(1)) <= 12:
        p = PeriodInfo("month", int(m.group(2)), int(m.group(1)))
        p.text = p.label()
        return p
    m = re.fullmatch(r"(?:[qQ]|quý|Quý|QUÝ)\s*([1-4]|IV|III|II|I)\s*[/\-.]?\s*((?:19|20)\d\d)?", t)
    if m:
        p = PeriodInfo("quarter", int(m.group(2)) if m.group(2) else None, quarter=_Q_WORDS[m.group(1).lower()])
        p._explicit_quarter = True
        p.text = p.label()
        return p
    m = re.fullmatch(r"(?:năm\s+)?((?:19|20)\d\d)", t, re.I)
    if m:
        p = PeriodInfo("year", int(m.group(1)), cumulative_months=12)
        p.text = p.label()
        return p
    low = t.lower()
    if not re.search(r"\bnăm\b", low):
        t = re.sub(r"(\D)\s+((?:19|20)\d\d)\s*$", r"\1 năm \2", t)   # "tháng Mười 2023"
    exprs = [e for e in _expressions(t, lenient_words=True)]
    for e in exprs:
        e.plan = False
    p = _compose([e for e in exprs if e.kind != "year"] or exprs)
    if p is None:
        return None
    if p.year is None:
        years = [e.year for e in exprs if e.year]
        p.year = years[0] if years else None
    p.text = p.label()
    return p if p.kind else None


# ================================================================ header block
_QUOC_HIEU = re.compile(r"^(?:cong hoa xa hoi|doc lap\s*-?\s*tu do|viet nam dan chu cong hoa)")
_NUMBER_LINE = re.compile(r"^\s*Số\s*:?\s*(?P<num>.*)$", re.I)
_DATE_IN_LINE = re.compile(r"^(?P<place>[^,\n]{2,40}),\s*(?P<date>ngày\b.*?(?:năm\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}))",
                           re.I)
_TITLE_WORD = re.compile(r"^\s*BÁO\s+CÁO\b", re.I)
_TITLE_OPENING = re.compile(r"^\s*(?:tình hình|kết quả|tổng hợp|đánh giá|sơ kết|tổng kết)\b", re.I)
_SKIP_LINE = re.compile(r"^[\W_]*$|^(?:v/v|về việc)\b|^(?:khẩn|mật|hỏa tốc|hoả tốc|dự thảo|tối mật)\b", re.I)
_UNIT_START = re.compile(
    r"^(?:UY BAN NHAN DAN|UBND|HOI DONG NHAN DAN|HDND|TINH UY|THANH UY|HUYEN UY|DANG UY|SO|CHI CUC|"
    r"TONG CUC|CUC|BO|BAN|VAN PHONG|THONG KE|PHONG|KHO BAC|TRUNG TAM|BAO HIEM|CONG AN|VIEN)\b")
_PLACE_TYPES = [("thanh pho", "thành phố"), ("thi xa", "thị xã"), ("thi tran", "thị trấn"), ("dac khu", "đặc khu"),
                ("khu vuc", "khu vực"), ("tinh", "tỉnh"), ("tp", "thành phố"), ("huyen", "huyện"),
                ("quan", "quận"), ("phuong", "phường"), ("xa", "xã")]
_PLACE_RE = re.compile(r"(?<!\w)(thanh pho|thi xa|thi tran|dac khu|khu vuc|tinh|tp|huyen|quan|phuong|xa)"
                       r"(?! hoi\b)(?! uy\b)\.?\s+(?=\w)")


@dataclass
class _Unit:
    """One issuing body of the header ("UBND TỈNH NGHỆ AN", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ")."""

    text: str                       # as printed, lines joined
    kind: str = "khac"              # ubnd | so | cuc_tk | bo | khac
    place_type: str = ""            # "tỉnh" | "thành phố" | "huyện" | ...
    place: str = ""                 # as printed ("THANH HÓA")
    body: str = ""                  # the text before the place ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ")


def _fold_up(s: str) -> str:
    return strip_diacritics(normalize_tones(s)).upper()


def _classify(unit: _Unit) -> None:
    f = _fold_up(unit.text)
    low = strip_diacritics(normalize_tones(unit.text)).lower()
    if re.match(r"(?:UY BAN NHAN DAN|UBND)\b", f):
        unit.kind = "ubnd"
    elif re.match(r"(?:TONG CUC|CHI CUC|CUC)?\s*THONG KE\b", f) or "CUC THONG KE" in f:
        unit.kind = "cuc_tk"
    elif re.match(r"SO\b", f):
        unit.kind = "so"
    elif re.match(r"BO\b", f):
        unit.kind = "bo"
    else:
        unit.kind = "khac"
    places = list(_PLACE_RE.finditer(low))
    if places:
        m = places[-1]
        unit.place_type = dict(_PLACE_TYPES)[m.group(1)]
        unit.place = collapse_ws(unit.text[m.end():]).strip(" .,;")
        unit.body = collapse_ws(unit.text[:m.start()])
    else:
        unit.body = collapse_ws(unit.text)


def _title_case(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def _sentence_case_org(body: str) -> str:
    """"SỞ KẾ HOẠCH VÀ ĐẦU TƯ" → "Sở Kế hoạch và Đầu tư"; "ỦY BAN NHÂN DÂN" → "UBND"."""
    f = _fold_up(body)
    if re.fullmatch(r"(?:UY BAN NHAN DAN|UBND)", f.strip()):
        return "UBND"
    words = body.lower().split()
    caps = {0}
    if words and words[0] in ("sở", "bộ", "cục", "ban", "viện", "phòng"):
        caps.add(1)
    if len(words) > 1 and " ".join(words[:2]) in ("chi cục", "tổng cục", "văn phòng", "trung tâm", "kho bạc"):
        caps.add(2)
    for i, w in enumerate(words):
        if w in ("và", "-", "–"):
            caps.add(i + 1)
    out = [w[:1].upper() + w[1:] if i in caps else w for i, w in enumerate(words)]
    return " ".join(out).replace("Ubnd", "UBND")


def _unit_name(unit: _Unit, inherited: _Unit | None = None) -> str:
    body = _sentence_case_org(unit.body) if unit.body else ""
    place_type, place = unit.place_type, unit.place
    if not place and inherited is not None and inherited.place:
        place_type, place = inherited.place_type, inherited.place
    if place:
        return collapse_ws(f"{body} {place_type} {_title_case(place)}")
    return body


def _units_named(text: str) -> str:
    """A header line naming one body or several ("UBND HUYỆN LỤC NGẠN - TỈNH BẮC GIANG"), each named as
    `_unit_name` names an issuer: "UBND huyện Lục Ngạn, tỉnh Bắc Giang"."""
    names = []
    for part in re.split(r"\s+-\s+", text):
        unit = _Unit(collapse_ws(part))
        _classify(unit)
        names.append(_unit_name(unit) if unit.body else collapse_ws(f"{unit.place_type} {_title_case(unit.place)}"))
    return ", ".join(n for n in names if n)


def _header_lines(text: str) -> list[str]:
    """Lines of the header with two-column cells apart ("ỦY BAN NHÂN DÂN   CỘNG HÒA ...", "A | B")."""
    out: list[str] = []
    for line in nfc(text).split("\n"):
        cells: list[str] = []
        for cell in re.split(r"\t+|\s{3,}|\s\|\s", line):
            cell = cell.strip()
            if not cell:
                continue
            if cells and not cell[:1].isalpha():
                cells[-1] += " " + cell          # "Số:      /BC-UBND" is one cell
            else:
                cells.append(cell)
        out.extend(cells)
    return out


@dataclass
class HeaderFacts:
    units: list[_Unit] = field(default_factory=list)
    number: str = ""
    date: str = ""
    date_place: str = ""
    date_month: int | None = None
    date_year: int | None = None
    title_lines: list[str] = field(default_factory=list)
    other_lines: list[str] = field(default_factory=list)   # header lines neither issuer, number, date nor title


def read_header(text: str) -> HeaderFacts:
    """The header block: issuer units, number, place-and-date line, title lines."""
    facts = HeaderFacts()
    in_title = False
    unit_lines: list[str] = []
    for line in _header_lines(text):
        f = strip_diacritics(normalize_tones(line)).lower()
        if _QUOC_HIEU.match(f) or _SKIP_LINE.match(line):
            continue
        m = _NUMBER_LINE.match(line)
        if m and not in_title:
            facts.number = collapse_ws(m.group("num"))
            continue
        m = _DATE_IN_LINE.match(line)
        if m and not facts.date:
            facts.date = collapse_ws(m.group("date"))
            facts.date_place = collapse_ws(m.group("place"))
            dm = re.search(r"tháng\s+(\d{1,2})\s+năm\s+(\d{4})|\d{1,2}/(\d{1,2})/(\d{4})", facts.date)
            if dm:
                facts.date_month = int(dm.group(1) or dm.group(3))
                facts.date_year = int(dm.group(2) or dm.group(4))
            else:
                ym = re.search(r"năm\s+(\d{4})", facts.date)
                facts.date_year = int(ym.group(1)) if ym else None
            continue
        if _TITLE_WORD.match(line):
            in_title = True
            rest = _TITLE_WORD.sub("", line).strip()
            if rest:
                facts.title_lines.append(rest)
            continue
        if in_title:
            facts.title_lines.append(line)
            continue
        if not _UNIT_START.match(_fold_up(line)) and (
                _TITLE_OPENING.match(line) or _expressions(line)):
            in_title = True
            facts.title_lines.append(line)
            continue
        letters = [c for c in line if c.isalpha()]
        upper = letters and sum(c.isupper() for c in letters) / len(letters) > 0.8
        if upper or _UNIT_START.match(_fold_up(line)):
            if _UNIT_START.match(_fold_up(line)) or not unit_lines:
                unit_lines.append(line)
            else:
                unit_lines[-1] += "\n" + line
            continue
        facts.other_lines.append(line)
    for chunk in unit_lines:
        u = _Unit(collapse_ws(chunk))
        _classify(u)
        facts.units.append(u)
    return facts


# ================================================================ the result
@dataclass
class DocumentMetadata:
    """What `derive_metadata` found; empty / None = unknown."""

    issuer: str = ""
    superior: str = ""                # the body above the issuer in the header ("UBND huyện Lục Ngạn" over
    #                                   "UBND xã Tân Lập", "UBND tỉnh Nghệ An" over a Sở), "" when none
    level: str = ""                   # one of LEVELS, "" when unknown
    province: str = ""                # canonical name ("Lạng Sơn", "Hồ Chí Minh"), "" when unknown
    title: str = ""
    number: str = ""
    date: str = ""
    period: str = ""
    period_kind: str = ""
    year: int | None = None
    month: int | None = None
    quarter: int | None = None
    half: int | None = None
    cumulative_months: int | None = None
    plan_period: str = ""
    plan_kind: str = ""
    plan_year: int | None = None
    plan_month: int | None = None
    plan_quarter: int | None = None
    plan_half: int | None = None
    # field -> where it was read: "header" | "title" | "body" | "filename" | "user"
    detected: dict[str, str] = field(default_factory=dict)

    def set_period(self, p: PeriodInfo, source: str) -> None:
        self.period_kind, self.year, self.month = p.kind, p.year, p.month
        self.quarter, self.half, self.cumulative_months = p.quarter, p.half, p.cumulative_months
        self.period = p.text or p.label()
        self.detected["period"] = source
        if p.year:
            self.detected["year"] = source
        if p.cumulative_months:
            self.detected["cumulative_months"] = source

    def set_plan(self, p: PeriodInfo, source: str) -> None:
        self.plan_kind, self.plan_year, self.plan_month = p.kind, p.year, p.month
        self.plan_quarter, self.plan_half = p.quarter, p.half
        self.plan_period = p.text or p.label()
        self.detected["plan_period"] = source


_SELF_REF = re.compile(r"(?<!\w)(?:[Tt]oàn|[Tt]rên địa bàn|[Đđ]ịa bàn|của)\s+(tỉnh|thành phố|huyện|quận|thị xã|xã|"
                       r"phường|thị trấn)(?!\s+(?:và|,)\s)")


def _followed_by_name(text: str, end: int) -> bool:
    """A capitalised word or a number follows on the line: "tỉnh Lạng Sơn", "quận 1" — a name, not a self-reference."""
    m = re.match(r"[ \t]+(\w)", text[end:end + 3])
    return bool(m) and (m.group(1).isupper() or m.group(1).isdigit())
_LEVEL_OF_SELF = {"tỉnh": "tinh", "thành phố": "thanh_pho", "huyện": "huyen", "quận": "huyen", "thị xã": "huyen",
                  "xã": "xa", "phường": "xa", "thị trấn": "xa"}
_SIG_KIND = [(re.compile(r"\b(?:TM|KT|TL|TUQ)\.?\s*(?:ỦY|UỶ) BAN NHÂN DÂN|\bTM\.?\s*UBND|^\s*CHỦ TỊCH\b", re.M), "ubnd"),
             (re.compile(r"\bGIÁM ĐỐC\b"), "so"),
             (re.compile(r"\b(?:BỘ TRƯỞNG|THỨ TRƯỞNG)\b"), "bo"),
             (re.compile(r"\bCỤC TRƯỞNG\b.*\n?.*THỐNG KÊ|THỐNG KÊ.*\n?.*\bCỤC TRƯỞNG\b"), "cuc_tk")]
_NUMBER_KIND = [(re.compile(r"-UBND\b", re.I), "ubnd"), (re.compile(r"-(?:C|CC|TC)?TK\w*\b", re.I), "cuc_tk"),
                (re.compile(r"-S[A-ZĐ]{1,8}\b"), "so"), (re.compile(r"-B[A-ZĐ]{1,8}\b"), "bo")]
_KIND_LEVEL = {"so": "so", "cuc_tk": "cuc_thong_ke", "bo": "bo", "khac": "khac"}


def _ubnd_level(place_type: str, province: str, year: int | None) -> str:
    if place_type == "tỉnh":
        return "tinh"
    if place_type == "thành phố":
        if province in CENTRAL_CITIES and (province != "Huế" or (year or 0) >= 2025):
            return "tinh"
        return "huyen"
    if place_type in ("huyện", "quận", "thị xã", "khu vực"):
        return "huyen"
    if place_type in ("xã", "phường", "thị trấn", "đặc khu"):
        return "xa"
    return ""


def _province_of_place(place_type: str, place: str) -> str | None:
    """The province of an issuer's place: itself for a province/central city; a district, town or city
    bearing a province's name lies in that province ("THÀNH PHỐ LẠNG SƠN"); other districts: unknown."""
    if not place:
        return None
    hit = canonical_province(place)
    if hit is None:
        found = [m.province for m in find_mentions(_title_case(place))]
        hit = found[0] if found else None
    if hit is None:
        return None
    if place_type in ("xã", "phường", "thị trấn"):
        return None       # communes bear all sorts of names
    return hit


def body_province(paragraphs: list[str], own_city_hint: bool = True) -> tuple[str | None, dict[str, int]]:
    """The province a body names most, partner mentions left out; None when no name clearly leads.

    A clear lead: named at least twice as often as the runner-up (or the only one named).  In a
    centrally-run city's report, "toàn Thành phố" / "UBND Thành phố" count for the one such city named.
    """
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    bare_city = 0
    pos = 0
    for text in paragraphs:
        for m in find_mentions(text):
            if m.partner:
                continue
            counts[m.province] = counts.get(m.province, 0) + 1
            first.setdefault(m.province, pos + m.start)
        if own_city_hint:
            bare_city += sum(1 for m in re.finditer(r"(?:toàn|địa bàn|UBND|Ủy ban nhân dân|Uỷ ban nhân dân|của)"
                                                    r"\s+Thành phố", text) if not _followed_by_name(text, m.end()))
        pos += len(text) + 1
    cities = [c for c in counts if c in CENTRAL_CITIES]
    if bare_city and len(cities) == 1:
        counts[cities[0]] += bare_city
    if not counts:
        return None, counts
    ranked = sorted(counts, key=lambda p: (-counts[p], first[p]))
    top = ranked[0]
    if len(ranked) == 1 or counts[top] >= 2 * counts[ranked[1]]:
        return top, counts
    return None, counts


def _self_level(paragraphs: list[str]) -> str:
    """How the report calls its own territory: "toàn tỉnh" → tinh, "toàn huyện" → huyen, ... ("" if unclear)."""
    counts: dict[str, int] = {}
    for text in paragraphs:
        for m in _SELF_REF.finditer(text):
            if _followed_by_name(text, m.end()):
                continue
            lvl = _LEVEL_OF_SELF[m.group(1).lower()]
            counts[lvl] = counts.get(lvl, 0) + 1
    if not counts:
        return ""
    ranked = sorted(counts, key=lambda k: -counts[k])
    top = ranked[0]
    if counts[top] >= 2 and (len(ranked) == 1 or counts[top] >= 2 * counts[ranked[1]]):
        return top
    return ""


def _period_from_filename(name: str) -> PeriodInfo | None:
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name.rsplit("/", 1)[-1])
    f = strip_diacritics(nfc(stem)).lower()
    sep = r"[\s_\-.]*"
    pats = [
        (rf"(?<!\d)((?:19|20)\d\d){sep}(?:t|thang)?{sep}(0?[1-9]|1[0-2])(?!\d)", "ym"),
        (rf"(?<![a-z\d])(?:t|thang){sep}(0?[1-9]|1[0-2]){sep}((?:19|20)\d\d)(?!\d)", "my"),
        (rf"(?<![a-z\d])(?:q|quy){sep}([1-4]){sep}((?:19|20)\d\d)(?!\d)", "qy"),
        (rf"((?:19|20)\d\d){sep}(?:q|quy){sep}([1-4])(?!\d)", "yq"),
        (rf"(?<!\d)(6|9){sep}(?:t|thang){sep}(?:dau{sep}nam)?{sep}((?:19|20)\d\d)(?!\d)", "ny"),
        (r"(?<!\d)((?:19|20)\d\d)(?!\d)", "y"),
    ]
    for pat, kind in pats:
        m = re.search(pat, f)
        if not m:
            continue
        if kind == "ym":
            return _label(PeriodInfo("month", int(m.group(1)), int(m.group(2))))
        if kind == "my":
            return _label(PeriodInfo("month", int(m.group(2)), int(m.group(1))))
        if kind in ("qy", "yq"):
            q, y = (m.group(1), m.group(2)) if kind == "qy" else (m.group(2), m.group(1))
            p = PeriodInfo("quarter", int(y), quarter=int(q))
            p._explicit_quarter = True
            return _label(p)
        if kind == "ny":
            n = int(m.group(1))
            p = PeriodInfo("half", int(m.group(2)), half=1, cumulative_months=6) if n == 6 else \
                PeriodInfo("quarter", int(m.group(2)), quarter=3, cumulative_months=9)
            return _label(p)
        return _label(PeriodInfo("", int(m.group(1))))
    return None


def _label(p: PeriodInfo) -> PeriodInfo:
    p.text = p.label()
    return p


_TASK_WORDS = re.compile(r"nhiệm vụ|phương hướng|kế hoạch|giải pháp|mục tiêu|đề xuất|kiến nghị", re.I)
_DONE_BEFORE = re.compile(r"(?:kết quả|thực hiện|triển khai|hoàn thành|đánh giá|tình hình)"
                          r"(?:\s+(?:các|một số|những))?\s*$", re.I)


def is_task_heading(heading: str) -> bool:
    """Does this heading open the report's plan part ("III. NHIỆM VỤ TRỌNG TÂM THÁNG 02", "KẾ HOẠCH NĂM
    2023", "PHƯƠNG HƯỚNG 6 THÁNG CUỐI NĂM")?  Not when it reports the results *of* tasks or plans
    ("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2022", "Tình hình thực hiện kế hoạch"): that part holds the
    period's figures.  One rule for the plan period (here), the chunks' kind and the retriever."""
    return any(not _DONE_BEFORE.search(heading[:m.start()]) for m in _TASK_WORDS.finditer(heading))


def derive_metadata(*, header_text: str = "", title: str = "", headings: list[str] | None = None,
                    body: list[str] | None = None, signature: str = "", source: str = "",
                    number: str = "", date: str = "") -> DocumentMetadata:
    """Issuer, level, province, period and plan period of one report, each with where it was read.

    `header_text`: the lines before the title's end; `title`: the title ("Báo cáo tình hình ..."),
    `headings`: section headings in order; `body`: body paragraphs; `signature`: the signature block;
    `source`: the file name.  See the module docstring for the reading order.
    """
    headings = headings or []
    body = body or []
    md = DocumentMetadata(title=title)
    facts = read_header(header_text)
    md.number = number or facts.number
    md.date = date or facts.date

    # ---- issuer and level, from the header units
    units = facts.units
    year_hint = facts.date_year
    if units:
        last = units[-1]
        parent = next((u for u in reversed(units[:-1]) if u.place), None)
        md.issuer = _unit_name(last, parent if last.kind in ("so", "cuc_tk", "khac") else None)
        md.detected["issuer"] = "header"
        if parent is not None and parent is not last:
            md.superior = _units_named(parent.text)
            md.detected["superior"] = "header"
        for u in [last] + list(reversed(units[:-1])):
            prov = _province_of_place(u.place_type, u.place)
            if prov and u.place_type in ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "khu vực", ""):
                md.province = prov
                md.detected["province"] = "header"
                break
        if last.kind == "ubnd":
            lvl = _ubnd_level(last.place_type, md.province, year_hint)
            if lvl:
                md.level = lvl
        else:
            md.level = _KIND_LEVEL[last.kind]
            if last.kind == "cuc_tk" and last.place_type and _fold_up(last.body).startswith("CHI CUC"):
                md.level = "cuc_thong_ke"
        if md.level:
            md.detected["level"] = "header"

    # the kind of issuer when no header unit says it: the number, then the signature
    kind = units[-1].kind if units else ""
    if not kind:
        for pat, k in _NUMBER_KIND:
            if pat.search(md.number or ""):
                kind = k
                break
    if not kind and signature:
        for pat, k in _SIG_KIND:
            if pat.search(signature):
                kind = k
                break
    if not md.level and kind and kind != "ubnd":
        md.level = _KIND_LEVEL[kind]
        md.detected["level"] = "header"

    # ---- province: title, place-and-date line, signature, body, file name
    def take(prov: str | None, source_name: str) -> bool:
        if prov and not md.province:
            md.province = prov
            md.detected["province"] = source_name
        return bool(md.province)

    national = md.level == "bo"
    if not national:
        title_named = [m.province for m in find_mentions(title) if not m.partner]
        take(title_named[0] if title_named else None, "title")
        if facts.date_place:
            take(canonical_province(facts.date_place), "header")
        if signature and not md.province:
            sig_lines = [ln for ln in signature.split("\n") if ln.strip().isupper()]
            found = [m.province for m in find_mentions("\n".join(sig_lines)) if not m.partner]
            take(found[0] if found else None, "header")
        if not md.province:
            prov, _ = body_province(headings + body)
            take(prov, "body")
        if not md.province:
            take(province_in_filename(source), "filename")

    # ---- level of an UBND whose header gives no place: the signature's place, then how the body calls
    # its own territory ("toàn tỉnh" → tinh, "toàn huyện" → huyen); an issuer of unknown kind keeps level unknown
    if not md.level and kind == "ubnd":
        sig_place = re.search(r"(?:ỦY|UỶ) BAN NHÂN DÂN\s+(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\b"
                              r"|UBND\s+(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\b", signature or "")
        lvl, src = "", ""
        if sig_place:
            lvl, src = _ubnd_level((sig_place.group(1) or sig_place.group(2)).lower(), md.province, year_hint), "header"
        if not lvl:
            own = _self_level(headings + body)
            if own == "thanh_pho":
                own = "tinh" if md.province in CENTRAL_CITIES else "huyen"
            lvl, src = own, "body"
        if lvl:
            md.level = lvl
            md.detected["level"] = src
    if not md.issuer and kind == "ubnd" and md.level == "tinh" and md.province:
        word = "thành phố" if md.province in CENTRAL_CITIES and md.province != "Huế" else "tỉnh"
        md.issuer = f"UBND {word} {md.province}"
        md.detected["issuer"] = md.detected.get("level", "header")

    # ---- period: title, section headings, file name; the year also from the date line
    default_year = facts.date_year
    cur, plan = periods_in(title) if title else (None, None)
    if cur and cur.kind:
        md.set_period(cur, "title")
    if plan and (plan.kind or plan.year):
        md.set_plan(plan, "title")
    for h in headings:
        if md.period_kind and md.plan_period:
            break
        hc, hp = periods_in(h)
        is_task = is_task_heading(h)
        if is_task and not md.plan_period:
            p = hc or hp
            if p and p.kind:
                md.set_plan(p, "body")
        elif not is_task and not md.period_kind and hc and hc.kind and not hp:
            md.set_period(hc, "body")
    if not md.period_kind:
        fp = _period_from_filename(source)
        if fp and fp.kind:
            md.set_period(fp, "filename")
        elif fp and fp.year and not md.year:
            md.year = fp.year
            md.detected["year"] = "filename"
    if md.period_kind and md.year is None:
        y, src = None, ""
        if default_year:
            y = default_year
            if facts.date_month and (md.month or 0) > facts.date_month + 1:
                y -= 1                        # the December report issued in January
            src = "header"
        else:
            fp = _period_from_filename(source)
            if fp and fp.year:
                y, src = fp.year, "filename"
        if y:
            md.year = y
            md.detected["year"] = src
            if md.plan_period and md.plan_year is None:
                wraps = (_plan_first(md) or 13) <= (_md_last(md) or 0)
                md.plan_year = y + 1 if wraps else y
    if not md.period_kind and md.year is None and default_year:
        md.year = default_year
        md.detected["year"] = "header"
    if md.plan_period and md.plan_year is None and md.year:
        wraps = (_plan_first(md) or 13) <= (_md_last(md) or 0)
        md.plan_year = md.year + 1 if wraps else md.year
    md.period = _relabel(md)
    if md.plan_period:
        md.plan_period = PeriodInfo(md.plan_kind, md.plan_year, md.plan_month, md.plan_quarter, md.plan_half,
                                    _explicit_quarter=True).label() or md.plan_period

    # ---- cumulative figures: a period that starts in January is cumulative by itself (quý I = 3 months);
    # otherwise the body states them for the months up to the period's end ("lũy kế 10 tháng",
    # "cộng dồn 2 tháng", "tính chung 9 tháng", "10 tháng năm 2023"): the phrase twice, or once after such a cue
    if md.period_kind and not md.cumulative_months:
        info = PeriodInfo(md.period_kind, md.year, md.month, md.quarter, md.half)
        first, last = info.first_month(), info.last_month()
        if first == 1 and last:
            md.cumulative_months = last
            md.detected["cumulative_months"] = md.detected.get("period", "title")
        elif last == 12 and _WHOLE_YEAR.search(title or ""):
            md.cumulative_months = 12                 # "tháng Mười Hai và cả năm 2024"
            md.detected["cumulative_months"] = "title"
        elif last and last >= 2 and _body_states_cumulative(headings + body, last):
            md.cumulative_months = last
            md.detected["cumulative_months"] = "body"
    return md


_WHOLE_YEAR = re.compile(r"\b(?:cả|trọn)\s+năm\b", re.I)
_CUMUL_CUE = re.compile(r"(?:lũy kế|luỹ kế|cộng dồn|tính chung|từ đầu năm|tổng cộng)[^.;]{0,30}$")


def _body_states_cumulative(texts: list[str], months: int) -> bool:
    """Does the body give figures for the `months` months from January (the phrase twice, or once after a cue)?"""
    seen = 0
    for text in texts:
        low, _ = _norm(text)
        if months == 12:
            seen += len(_WHOLE_YEAR.findall(low))     # December's report: "cả năm có 6.284 DN …"
            if seen >= 2:
                return True
        for m in _CUMUL_RE.finditer(low):
            n_raw = m.group("n")
            n = int(n_raw) if n_raw.isdigit() else _CUMUL_WORDS.get(n_raw)
            if n != months or m.group("edge") == "cuối" or _DATE_BEFORE.search(low[:m.start()]) \
                    or re.search(r"tháng\s*$", low[:m.start()]):
                continue
            seen += 2 if _CUMUL_CUE.search(low[:m.start()]) else 1
            if seen >= 2:
                return True
    return False


def _plan_first(md: DocumentMetadata) -> int | None:
    return PeriodInfo(md.plan_kind, md.plan_year, md.plan_month, md.plan_quarter, md.plan_half).first_month()


def _md_last(md: DocumentMetadata) -> int | None:
    return PeriodInfo(md.period_kind, md.year, md.month, md.quarter, md.half, md.cumulative_months).last_month()


def _relabel(md: DocumentMetadata) -> str:
    if not md.period_kind:
        return ""
    p = PeriodInfo(md.period_kind, md.year, md.month, md.quarter, md.half, md.cumulative_months)
    p._explicit_quarter = "tháng" not in md.period or "quý" in md.period
    return p.label()


def apply_user(md, *, province: str | None = None, period: str | None = None) -> None:
    """Set province and/or period by hand (`retag`); `md` is a DocumentMetadata or a ReportMeta.

    Raises ValueError for a name that is not a province or a text that names no period.
    """
    if province is not None:
        prov = canonical_province(province)
        if prov is None:
            raise ValueError(f"not a province: {province!r}")
        md.province = prov
        md.detected["province"] = "user"
    if period is not None:
        p = parse_period_text(period)
        if p is None:
            raise ValueError(f"not a period: {period!r}")
        md.period_kind, md.year, md.month = p.kind, p.year, p.month
        md.quarter, md.half, md.cumulative_months = p.quarter, p.half, p.cumulative_months
        md.period = p.text
        for k in ("period", "year", "cumulative_months"):
            md.detected[k] = "user"


# fields shared by DocumentMetadata and ReportMeta that `fill_report_meta` copies
COPIED = ("issuer", "superior", "level", "province", "period", "period_kind", "year", "month", "quarter", "half",
          "cumulative_months", "plan_period", "plan_kind", "plan_year", "plan_month", "plan_quarter",
          "plan_half")


def fill_report_meta(meta, md: DocumentMetadata) -> None:
    """Copy derived fields into a `ReportMeta` (its title, number and date stay as parsed)."""
    for name in COPIED:
        setattr(meta, name, getattr(md, name))
    meta.detected = dict(md.detected)


def apply_user_record(meta: dict, user: dict) -> dict:
    """A registry record's metadata with the user's corrections applied (`retag`, `ingest --province ...`).

    `user` holds any of "province", "period", "issuer" as typed; they are kept under meta["user"] so
    that a re-ingest of the same file applies them again.  Raises ValueError for a province or
    period that cannot be read (the CLI says so).
    """
    user = {k: v for k, v in user.items() if v}
    out = dict(meta)
    ns = SimpleNamespace(**{k: meta.get(k) for k in COPIED}, detected=dict(meta.get("detected") or {}))
    apply_user(ns, province=user.get("province"), period=user.get("period"))
    if user.get("issuer"):
        ns.issuer = collapse_ws(nfc(user["issuer"]))
        ns.detected["issuer"] = "user"
        level = derive_metadata(header_text=ns.issuer).level
        if level:
            ns.level = level
            ns.detected["level"] = "user"
    out.update({k: getattr(ns, k) for k in COPIED})
    out["detected"] = ns.detected
    out["user"] = {**(meta.get("user") or {}), **user}
    return out
