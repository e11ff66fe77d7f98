"""Synthetic corpus of Vietnamese provincial monthly socio-economic reports.

Why: the project ships one real report; a question-answering system has to be tested on
*many look-alike reports* (same structure, different province/month, fresh figures) where
only the province and the month tell two answers apart, and on the layout problems of text
extracted from a PDF (footnote blocks and page breaks cutting sentences). This module
writes such reports in exactly the plain-text convention of
``langson_ktxh_2023-01.txt`` and, because it knows every figure it wrote, it also
writes question sets (docs/reference.md, "Question sets") with exact answers and evidence.

Stdlib only, fully deterministic: every random choice goes through a ``random.Random``
passed in or derived from the seed; no set iteration, no ``hash()``.

Public API::

    generate_report(province, year, month, rng) -> SynthReport
    generate_corpus(n_reports, seed) -> list[SynthReport]
    write_corpus(reports, folder) -> list[Path]
    generate_questions(reports, rng, per_report=2, unanswerable=None) -> list[dict]
    reading_order(text) -> str   # layout undo, text only (== SynthReport.clean_text)

CLI::

    python -m eval.synth --reports N --seed S --out DIR [--questions FILE.jsonl --questions-per-report K]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "PROVINCES",
    "ABSENT_PROVINCES",
    "Province",
    "Period",
    "DISTRICTS",
    "LEVELS",
    "all_periods",
    "SynthReport",
    "generate_report",
    "generate_corpus",
    "write_corpus",
    "generate_questions",
    "reading_order",
    "strip_diacritics",
    "write_questions",
    "questions_rng",
    "split_tag",
    "copies",
    "main",
]

YEARS = (2023, 2024, 2025)


# --------------------------------------------------------------------------- provinces


@dataclass(frozen=True)
class Province:
    """A province (or centrally-run city) and what shapes its report.

    ``scale`` multiplies economic magnitudes; ``gates`` are real border gates (a
    non-empty tuple makes section 1.2 "kinh tế cửa khẩu"); ``neighbor`` is the
    country across the border; ``south`` switches crop-season names.
    """

    name: str
    kind: str = "tỉnh"  # "tỉnh" or "thành phố"
    scale: float = 1.0
    gates: tuple[str, ...] = ()
    neighbor: str = ""
    south: bool = False
    poor: float = 0.1  # share of poor households, drives social figures

    @property
    def slug(self) -> str:
        """ASCII file-name slug without diacritics, e.g. "caobang"."""
        return re.sub(r"[^a-z0-9]", "", strip_diacritics(self.name).lower())

    @property
    def full(self) -> str:
        """"tỉnh Cao Bằng" / "thành phố Cần Thơ"."""
        return f"{self.kind} {self.name}"

    @property
    def districts(self) -> str:
        if self.kind == "huyện":
            return "các xã, thị trấn"
        return "các quận, huyện" if self.kind == "thành phố" else "các huyện, thành phố"

    @property
    def party(self) -> str:
        return {"thành phố": "Thành ủy", "huyện": "Huyện ủy"}.get(self.kind, "Tỉnh ủy")


_CN, _LA, _KH = "Trung Quốc", "Lào", "Campuchia"

#: Provinces the corpus is drawn from (fixed order: it is part of the seed contract).
PROVINCES: tuple[Province, ...] = (
    Province("Cao Bằng", scale=0.6, gates=("cửa khẩu quốc tế Tà Lùng", "cửa khẩu quốc tế Trà Lĩnh", "cửa khẩu Sóc Giang", "cửa khẩu Lý Vạn"), neighbor=_CN, poor=0.25),
    Province("Hà Giang", scale=0.6, gates=("cửa khẩu quốc tế Thanh Thủy", "cửa khẩu Xín Mần", "cửa khẩu Phó Bảng"), neighbor=_CN, poor=0.3),
    Province("Bắc Kạn", scale=0.4, poor=0.22),
    Province("Thái Nguyên", scale=2.5, poor=0.04),
    Province("Quảng Ninh", scale=3.0, gates=("cửa khẩu quốc tế Móng Cái", "cửa khẩu Hoành Mô", "cửa khẩu Bắc Phong Sinh"), neighbor=_CN, poor=0.01),
    Province("Lào Cai", scale=1.2, gates=("cửa khẩu quốc tế Lào Cai", "cửa khẩu quốc tế đường bộ số II Kim Thành", "cửa khẩu Mường Khương", "ga đường sắt quốc tế Lào Cai"), neighbor=_CN, poor=0.12),
    Province("Yên Bái", scale=0.7, poor=0.15),
    Province("Tuyên Quang", scale=0.8, poor=0.1),
    Province("Điện Biên", scale=0.5, gates=("cửa khẩu quốc tế Tây Trang", "cửa khẩu Huổi Puốc", "cửa khẩu A Pa Chải"), neighbor=_LA, poor=0.28),
    Province("Sơn La", scale=0.9, gates=("cửa khẩu quốc tế Lóng Sập", "cửa khẩu Chiềng Khương"), neighbor=_LA, poor=0.2),
    Province("Hòa Bình", scale=0.8, poor=0.1),
    Province("Phú Thọ", scale=1.3, poor=0.06),
    Province("Bắc Giang", scale=2.5, poor=0.05),
    Province("Bắc Ninh", scale=4.0, poor=0.01),
    Province("Hải Dương", scale=2.0, poor=0.02),
    Province("Thanh Hóa", scale=2.5, gates=("cửa khẩu quốc tế Na Mèo", "cửa khẩu Tén Tằn"), neighbor=_LA, poor=0.05),
    Province("Nghệ An", scale=2.2, gates=("cửa khẩu quốc tế Nậm Cắn", "cửa khẩu Thanh Thủy"), neighbor=_LA, poor=0.07),
    Province("Quảng Bình", scale=0.9, gates=("cửa khẩu quốc tế Cha Lo", "cửa khẩu Cà Roòng"), neighbor=_LA, poor=0.05),
    Province("Khánh Hòa", scale=1.5, south=True, poor=0.02),
    Province("Lâm Đồng", scale=1.3, south=True, poor=0.03),
    Province("Đắk Lắk", scale=1.4, south=True, poor=0.08),
    Province("Cần Thơ", kind="thành phố", scale=1.6, south=True, poor=0.01),
    Province("Hà Tĩnh", scale=1.2, poor=0.04),
    Province("Quảng Trị", scale=0.7, gates=("cửa khẩu quốc tế Lao Bảo", "cửa khẩu quốc tế La Lay"), neighbor=_LA, poor=0.06),
    Province("Vĩnh Phúc", scale=2.2, poor=0.02),
    Province("Nam Định", scale=1.3, poor=0.02),
    Province("Ninh Bình", scale=1.2, poor=0.02),
    Province("Thái Bình", scale=1.4, poor=0.02),
    Province("Bình Định", scale=1.3, south=True, poor=0.03),
    Province("An Giang", scale=1.4, gates=("cửa khẩu quốc tế Tịnh Biên", "cửa khẩu quốc tế Vĩnh Xương", "cửa khẩu Khánh Bình"), neighbor=_KH, south=True, poor=0.03),
    Province("Lai Châu", scale=0.4, poor=0.3),
    Province("Hưng Yên", scale=2.0, poor=0.01),
)

#: Real provinces never used in a corpus: unanswerable questions ask about them.
ABSENT_PROVINCES: tuple[Province, ...] = (
    Province("Kon Tum"), Province("Gia Lai"), Province("Tây Ninh"), Province("Bình Phước"),
    Province("Sóc Trăng"), Province("Bạc Liêu"), Province("Phú Yên"), Province("Ninh Thuận"),
)

_BY_NAME = {p.name: p for p in PROVINCES + ABSENT_PROVINCES}


def _can_chi(year: int) -> str:
    """Lunar year name for Tết: 2023 -> "Quý Mão", 2024 -> "Giáp Thìn"."""
    stems = ("Canh", "Tân", "Nhâm", "Quý", "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ")
    branches = ("Thân", "Dậu", "Tuất", "Hợi", "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi")
    return f"{stems[year % 10]} {branches[year % 12]}"


#: Two real districts (huyện) per province: a "UBND huyện" report covers one of them.
DISTRICTS: dict[str, tuple[str, str]] = {
    "Cao Bằng": ("Trùng Khánh", "Hòa An"), "Hà Giang": ("Vị Xuyên", "Bắc Quang"),
    "Bắc Kạn": ("Ba Bể", "Chợ Đồn"), "Thái Nguyên": ("Đại Từ", "Phú Bình"),
    "Quảng Ninh": ("Tiên Yên", "Hải Hà"), "Lào Cai": ("Bát Xát", "Bảo Thắng"),
    "Yên Bái": ("Văn Chấn", "Trấn Yên"), "Tuyên Quang": ("Sơn Dương", "Hàm Yên"),
    "Điện Biên": ("Mường Nhé", "Tuần Giáo"), "Sơn La": ("Mộc Châu", "Mai Sơn"),
    "Hòa Bình": ("Lạc Sơn", "Mai Châu"), "Phú Thọ": ("Thanh Sơn", "Cẩm Khê"),
    "Bắc Giang": ("Lục Ngạn", "Yên Thế"), "Bắc Ninh": ("Gia Bình", "Lương Tài"),
    "Hải Dương": ("Thanh Miện", "Gia Lộc"), "Thanh Hóa": ("Thọ Xuân", "Ngọc Lặc"),
    "Nghệ An": ("Quỳnh Lưu", "Đô Lương"), "Quảng Bình": ("Bố Trạch", "Lệ Thủy"),
    "Khánh Hòa": ("Diên Khánh", "Vạn Ninh"), "Lâm Đồng": ("Đức Trọng", "Di Linh"),
    "Đắk Lắk": ("Krông Pắc", "Ea Kar"), "Cần Thơ": ("Phong Điền", "Thới Lai"),
    "Hà Tĩnh": ("Can Lộc", "Hương Khê"), "Quảng Trị": ("Hải Lăng", "Gio Linh"),
    "Vĩnh Phúc": ("Tam Dương", "Lập Thạch"), "Nam Định": ("Hải Hậu", "Giao Thủy"),
    "Ninh Bình": ("Gia Viễn", "Nho Quan"), "Thái Bình": ("Kiến Xương", "Quỳnh Phụ"),
    "Bình Định": ("Tuy Phước", "Phù Cát"), "An Giang": ("Chợ Mới", "Tri Tôn"),
    "Lai Châu": ("Tam Đường", "Phong Thổ"), "Hưng Yên": ("Văn Lâm", "Khoái Châu"),
}

#: Seats of provinces whose seat is named otherwise: a place-date line may name the seat.
CAPITALS: dict[str, str] = {
    "Quảng Ninh": "Hạ Long", "Phú Thọ": "Việt Trì", "Nghệ An": "Vinh", "Quảng Bình": "Đồng Hới",
    "Khánh Hòa": "Nha Trang", "Lâm Đồng": "Đà Lạt", "Đắk Lắk": "Buôn Ma Thuột", "Quảng Trị": "Đông Hà",
    "Vĩnh Phúc": "Vĩnh Yên", "Bình Định": "Quy Nhơn", "An Giang": "Long Xuyên", "Điện Biên": "Điện Biên Phủ",
}

#: Who issues a report: UBND of the province, its statistics office, a department, UBND of a district.
LEVELS = ("tinh", "ctk", "so", "huyen")
_LEVEL_WEIGHTS = (0.4, 0.2, 0.2, 0.2)

#: Month names as official statistics write them ("tháng Mười và 10 tháng").
MONTH_WORDS = ("Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười một", "Mười hai")
ROMAN = ("I", "II", "III", "IV")
PERIOD_KINDS = ("month", "quarter", "half", "year")


@dataclass(frozen=True, order=True)
class Period:
    """The period a report covers: a month, a quarter, the first half or a whole year.

    ``n`` is the month (1..12), the quarter (1..4), the half (1) or 0 for a year.
    """

    year: int
    end: int  # last month covered (sort key: the time line)
    kind: str = "month"
    n: int = 0

    @staticmethod
    def month(y: int, m: int) -> "Period":
        if not 1 <= m <= 12:
            raise ValueError(f"month must be 1..12, got {m}")
        return Period(y, m, "month", m)

    @staticmethod
    def quarter(y: int, q: int) -> "Period":
        if not 1 <= q <= 4:
            raise ValueError(f"quarter must be 1..4, got {q}")
        return Period(y, 3 * q, "quarter", q)

    @staticmethod
    def half(y: int) -> "Period":
        return Period(y, 6, "half", 1)

    @staticmethod
    def whole_year(y: int) -> "Period":
        return Period(y, 12, "year", 0)

    @property
    def span(self) -> int:
        """Months covered by the period's own figures."""
        return {"month": 1, "quarter": 3, "half": 6, "year": 12}[self.kind]

    @property
    def start(self) -> int:
        return self.end - self.span + 1

    @property
    def has_cum(self) -> bool:
        """Does the report also give figures from the start of the year ("10 tháng")?"""
        return self.end > self.span

    @property
    def code(self) -> str:
        return {"month": f"{self.year}-{self.end:02d}", "quarter": f"q{self.n}-{self.year}",
                "half": f"6t-{self.year}", "year": f"{self.year}"}[self.kind]

    def next(self) -> "Period":
        """The period the report's tasks are for."""
        if self.kind == "month":
            return Period.month(self.year + 1, 1) if self.n == 12 else Period.month(self.year, self.n + 1)
        if self.kind == "quarter":
            return Period.quarter(self.year + 1, 1) if self.n == 4 else Period.quarter(self.year, self.n + 1)
        if self.kind == "half":
            return Period(self.year, 12, "half", 2)
        return Period.whole_year(self.year + 1)

    def overlaps(self, other: "Period") -> bool:
        return self.year == other.year and self.start <= other.end and other.start <= self.end


def all_periods(years=None) -> list[Period]:
    """Every period a corpus may draw from, in time order (months, quarters, first half, years)."""
    out = []
    for y in years or YEARS:
        out += [Period.month(y, m) for m in range(1, 13)]
        out += [Period.quarter(y, q) for q in range(1, 5)]
        out += [Period.half(y), Period.whole_year(y)]
    return sorted(out, key=lambda p: (p.year, p.end, PERIOD_KINDS.index(p.kind)))


# --------------------------------------------------------------------------- text helpers

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUP_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_MARKER_RE = re.compile(f"(?<=\\S)[{_SUP_CHARS}]+")
_FN_PARA_RE = re.compile(f"^([{_SUP_CHARS}]+) ")
#: A heading paragraph: "I. ...", "1. ...", "1.1. ..." (short, no final punctuation).
HEADING_RE = re.compile(r"^(?:[IVX]+|\d+(?:\.\d+)*)\. ")
_HEADING_MAX = 160
_TERMINAL = ".:;!?"


def strip_diacritics(s: str) -> str:
    """Vietnamese without tone/vowel marks ("Đắk Lắk" -> "Dak Lak")."""
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in s if unicodedata.category(c) != "Mn"))


def sup(n: int) -> str:
    """Footnote marker as printed: 12 -> "¹²"."""
    return str(n).translate(_SUP)


def strip_markers(s: str) -> str:
    """Remove footnote reference superscripts (generated text never uses ³ as a unit)."""
    return _MARKER_RE.sub("", s)


def vn_int(n: int) -> str:
    """1226 -> "1.226" (Vietnamese thousands separator)."""
    return f"{int(n):,}".replace(",", ".")


def vn_num(x: float, d: int = 1) -> str:
    """1226.14 -> "1.226,1"; trailing ",0" dropped ("6%" as in the sample)."""
    s = f"{x:,.{d}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if "," in s:
        s = s.rstrip("0").rstrip(",")
    return s


def pad(n: int) -> str:
    """Counts below ten are written with a leading zero ("05 cuộc họp")."""
    return f"{n:02d}" if 0 <= n < 10 else vn_int(n)


def mm(m: int) -> str:
    return f"{m:02d}"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _chg(rng: random.Random, lo: float, hi: float, d: int = 1) -> tuple[str, str]:
    """A change as ("tăng", "8,8%") / ("giảm", "2,25%"); never zero, so the templates
    can always say "... so với cùng kỳ"."""
    v = rng.uniform(lo, hi)
    if abs(v) < 0.1:
        v = 0.1 if v >= 0 else -0.1
    return ("tăng" if v > 0 else "giảm"), vn_num(abs(v), d) + "%"


def _change(rng: random.Random, lo: float, hi: float, d: int = 1) -> str:
    """A change clause: "tăng 8,8%"."""
    return " ".join(_chg(rng, lo, hi, d))


# --------------------------------------------------------------------------- report model


@dataclass
class SynthReport:
    """One generated report.

    ``text`` is the page-laid-out extraction (what gets ingested); ``clean_text`` the same
    report in reading order (no markers, cut sentences joined, each footnote right after
    the paragraph that cites it) — every fact's evidence is a substring of it.
    ``facts`` are dicts: key, question_template_fields, answer, evidence, section (heading
    path), footnote (bool), page_break (bool: the evidence is cut by the page layout).
    """

    text: str
    filename: str
    province: str
    year: int
    month: int  # the last month the report covers (the month itself for a monthly report)
    facts: list[dict] = field(default_factory=list)
    clean_text: str = ""
    pages: int = 0
    period: Period | None = None
    level: str = "tinh"  # one of LEVELS
    issuer: str = ""  # "UBND tỉnh Cao Bằng", "Cục Thống kê tỉnh Cao Bằng", ...
    district: str = ""  # the huyện of a "huyen" report


class V(str):
    """A template value that is also a fact: the string is the answer as written."""

    def __new__(cls, text: str, key: str, subject: str, verb: str = "là", howmany: str = "", *,
                scope: str = "period", say: tuple[str, ...] = ()):
        obj = super().__new__(cls, text)
        obj.key, obj.subject, obj.verb, obj.howmany = key, subject, verb, howmany
        obj.scope = scope  # "period": the report's own period; "cum": from the start of the year
        obj.say = say  # how people name this figure (questions), when it depends on the report
        return obj


_SLOT_RE = re.compile(r"\{(\^?)(\w+)\}")


class _Footnote:
    """Footnote body (no markers inside) and the facts it carries."""

    def __init__(self) -> None:
        self.text = ""
        self.spans: list[tuple[V, int, int]] = []
        self.number = 0

    def add(self, template: str, **vals: str) -> "_Footnote":
        self.text = _render(self.text, None, template, vals, self.spans, None)[0]
        return self


def _render(clean: str, printed: str | None, template: str, vals: dict, spans: list, assign) -> tuple[str, str | None]:
    """Append a templated sentence to a paragraph, recording fact spans (clean offsets)
    and turning ``{^name}`` into the next footnote marker (printed text only)."""
    if clean:
        clean += " "
        if printed is not None:
            printed += " "
    pos = 0
    for m in _SLOT_RE.finditer(template):
        lit = template[pos : m.start()]
        clean += lit
        if printed is not None:
            printed += lit
        pos = m.end()
        v = vals[m.group(2)]
        if m.group(1):
            printed += sup(assign(v))
            continue
        start = len(clean)
        clean += v
        if printed is not None:
            printed += v
        if isinstance(v, V):
            spans.append((v, start, len(clean)))
    clean += template[pos:]
    if printed is not None:
        printed += template[pos:]
    return clean, printed


class _Para:
    """A reading-order paragraph: kind is front | heading | body | back."""

    __slots__ = ("kind", "clean", "printed", "spans", "fns", "section")

    def __init__(self, kind: str, text: str = "", section: tuple = ()) -> None:
        self.kind, self.clean, self.printed = kind, text, text
        self.spans: list[tuple[V, int, int]] = []
        self.fns: list[_Footnote] = []
        self.section = section


class _Builder:
    """Collects paragraphs in reading order and numbers footnotes as they are cited."""

    def __init__(self, rng: random.Random, per: Period | None = None, prov: Province | None = None,
                 unit: Province | None = None, level: str = "tinh") -> None:
        self.rng = rng
        self.paras: list[_Para] = []
        self.path: list[str] = []
        self.cur: _Para | None = None
        self.nfn = 0  # footnotes numbered so far (numbering runs through the report)
        self.per = per or Period.month(2023, 1)
        self.prov, self.unit, self.level = prov, unit or prov, level
        self.k = self.per.span  # flow figures scale with the months covered
        self.mstyle = "pad"  # how the month is written: "pad" (02), "plain" (2), "word" (Hai)
        self.title_per = self.next_this = ""

    def pick(self, options):
        return options[self.rng.randrange(len(options))]

    # -- period words
    def mon(self, m: int | None = None) -> str:
        m = self.per.end if m is None else m
        return {"pad": mm(m), "plain": str(m), "word": MONTH_WORDS[m - 1]}[self.mstyle]

    @property
    def this(self) -> str:
        """The period without its year: "tháng 10", "quý III", "6 tháng đầu năm", "năm 2024"."""
        per = self.per
        if per.kind == "month":
            return f"tháng {self.mon()}"
        if per.kind == "quarter":
            return f"quý {ROMAN[per.n - 1]}"
        return "6 tháng đầu năm" if per.kind == "half" else f"năm {per.year}"

    @property
    def this_y(self) -> str:
        per = self.per
        if per.kind == "half":
            return f"6 tháng đầu năm {per.year}"
        return self.this if per.kind == "year" else f"{self.this} năm {per.year}"

    @property
    def in_(self) -> str:
        return {"month": "trong tháng", "quarter": "trong quý", "half": "trong 6 tháng đầu năm",
                "year": "trong năm"}[self.per.kind]

    @property
    def title_period(self) -> str:
        """"tháng 10 và 10 tháng năm 2023", "quý III và 9 tháng năm 2024", "6 tháng đầu năm 2024"."""
        per = self.per
        if per.kind in ("half", "year"):
            return self.this_y
        if per.has_cum and (per.kind == "quarter" or self.rng.random() < 0.6):
            if per.end == 12:
                return f"{self.this} và cả năm {per.year}"
            return f"{self.this} và {per.end} tháng năm {per.year}"
        return self.this_y

    def tw(self, text: str) -> str:
        """Put a template written for a monthly provincial report into this report's period and unit."""
        kind = self.per.kind
        if kind != "month":
            inw = self.in_.split(" ", 1)[1]
            text = re.sub(r"\b([Tt])rong tháng\b(?!\s*\d)", lambda m: m.group(1) + "rong " + inw, text)
            text = text.replace("cuối tháng", {"quarter": "cuối quý", "half": "cuối tháng 6", "year": "cuối năm"}[kind])
        if self.unit is not None and self.unit.kind == "huyện":
            for a, b in (("các sở, ban, ngành", "các phòng, ban, ngành"), ("Các sở, ban, ngành", "Các phòng, ban, ngành"),
                         ("một số sở, ngành", "một số phòng, ban"), ("các sở, ngành", "các phòng, ban"),
                         ("sở, ban, ngành", "phòng, ban, ngành")):
                text = text.replace(a, b)
        return text

    def front(self, text: str) -> None:
        self.paras.append(_Para("front", text))

    def back(self, text: str) -> None:
        self.paras.append(_Para("back", text))

    def heading(self, text: str, level: int) -> None:
        assert len(text) <= _HEADING_MAX and HEADING_RE.match(text), text
        self.path = self.path[:level] + [text]
        self.paras.append(_Para("heading", text, tuple(self.path)))

    def para(self) -> "_Builder":
        self.cur = _Para("body", "", tuple(self.path))
        self.paras.append(self.cur)
        return self

    def add(self, template: str, **vals) -> "_Builder":
        p = self.cur
        template = self.tw(template)

        def assign(fn: _Footnote) -> int:
            assert fn.number == 0, "a footnote is cited once"
            self.nfn += 1
            p.fns.append(fn)
            fn.number = self.nfn
            return fn.number

        p.clean, p.printed = _render(p.clean, p.printed, template, vals, p.spans, assign)
        return self

    def sentence(self, options, **vals) -> "_Builder":
        """Add one of several paraphrases of the same sentence."""
        return self.add(self.pick(options), **vals)


# --------------------------------------------------------------------------- section writers

#: Sentences without figures, sampled per report so that look-alike reports differ.
#: Fields: {kind} {y} {districts} {name} {neighbor}. Never mention topics that the
#: unanswerable questions ask about (sốt xuất huyết, thủy sản khai thác, cháy nổ counts).
_FILLER: dict[str, tuple[str, ...]] = {
    "direction": (
        "Tiếp tục thực hiện phương châm hành động \"kỷ cương, trách nhiệm, hành động, sáng tạo, hiệu quả\" trong chỉ đạo, điều hành.",
        "Chỉ đạo các cấp, các ngành khẩn trương tổ chức triển khai thực hiện các nghị quyết đã được HĐND {kind} thông qua tại kỳ họp gần nhất.",
        "Tổ chức kiểm tra tình hình thực hiện nhiệm vụ tại một số sở, ngành và {districts}, kịp thời chấn chỉnh những tồn tại, hạn chế.",
        "Tăng cường kỷ luật, kỷ cương hành chính, nâng cao trách nhiệm người đứng đầu trong thực thi công vụ.",
        "Chỉ đạo xây dựng và triển khai kế hoạch thực hiện Quy hoạch {kind} thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.",
        "Thực hiện các giải pháp bảo đảm cân đối cung cầu, bình ổn thị trường, kiểm soát giá cả các mặt hàng thiết yếu.",
    ),
    "agri": (
        "Công tác thủy lợi được quan tâm, bảo đảm nguồn nước tưới phục vụ sản xuất; các công trình thủy lợi được kiểm tra, duy tu, bảo dưỡng thường xuyên.",
        "Các địa phương tăng cường kiểm tra, hướng dẫn nông dân chăm sóc cây trồng, áp dụng tiến bộ khoa học kỹ thuật vào sản xuất.",
        "Tiếp tục thực hiện các chính sách hỗ trợ phát triển sản xuất nông nghiệp hàng hóa, xây dựng các chuỗi liên kết sản xuất, tiêu thụ nông sản.",
        "Công tác kiểm dịch động vật, kiểm soát giết mổ được tăng cường, kịp thời phát hiện và xử lý các trường hợp vận chuyển gia súc, gia cầm không rõ nguồn gốc.",
        "Tổ chức kiểm tra, giám sát chất lượng giống, vật tư nông nghiệp lưu thông trên thị trường, kịp thời xử lý các trường hợp vi phạm.",
    ),
    "trade": (
        "Tiếp tục thực hiện các giải pháp nâng cao năng lực thông quan, đẩy mạnh ứng dụng công nghệ thông tin trong quản lý hoạt động xuất nhập khẩu.",
        "Tổ chức các hoạt động xúc tiến thương mại, hỗ trợ doanh nghiệp tìm kiếm thị trường, quảng bá sản phẩm đặc trưng của địa phương.",
        "Các cơ quan chức năng thường xuyên cập nhật thông tin thị trường, chính sách xuất nhập khẩu để kịp thời thông tin cho doanh nghiệp.",
        "Hạ tầng thương mại, dịch vụ logistics tiếp tục được quan tâm đầu tư, từng bước đáp ứng nhu cầu lưu thông hàng hóa.",
    ),
    "invest": (
        "Công tác giải phóng mặt bằng các dự án trọng điểm được tập trung chỉ đạo; các địa phương đã chi trả tiền bồi thường, hỗ trợ cho các hộ dân bị ảnh hưởng.",
        "Các đoàn kiểm tra đã làm việc trực tiếp với các chủ đầu tư, nhà thầu để tháo gỡ khó khăn về nguồn vật liệu xây dựng, thủ tục thanh toán.",
        "Tăng cường công tác giám sát, đánh giá đầu tư, bảo đảm chất lượng công trình và hiệu quả sử dụng vốn.",
        "Chỉ đạo rà soát danh mục dự án dự kiến bố trí vốn kế hoạch đầu tư công trung hạn giai đoạn 2021 - 2025.",
    ),
    "industry": (
        "Dịch vụ bưu chính, viễn thông tiếp tục được cải thiện, nâng cao về chất lượng; mạng lưới viễn thông bảo đảm thông tin liên lạc thông suốt.",
        "Các cơ sở kinh doanh chủ động dự trữ hàng hóa, bảo đảm cung ứng đầy đủ nhu cầu tiêu dùng của Nhân dân.",
        "Tiếp tục triển khai các chương trình kích cầu du lịch, quảng bá hình ảnh, sản phẩm du lịch đặc trưng của {kind}.",
        "Các cơ quan chức năng tăng cường kiểm tra, kiểm soát thị trường, kịp thời phát hiện, xử lý các hành vi đầu cơ, găm hàng, tăng giá bất hợp lý.",
    ),
    "enterprise": (
        "Tiếp tục thực hiện công tác hướng dẫn, thẩm định dự án đầu tư theo quy định của pháp luật, bảo đảm đúng quy trình, thời gian.",
        "Duy trì hoạt động của Tổ công tác hỗ trợ đầu tư, kịp thời tiếp nhận, giải quyết các kiến nghị của doanh nghiệp, nhà đầu tư.",
        "Tổ chức hội nghị đối thoại với doanh nghiệp, hợp tác xã để nắm bắt, tháo gỡ khó khăn trong sản xuất, kinh doanh.",
    ),
    "budget": (
        "Thực hiện công khai tình hình thực hiện dự toán ngân sách theo quy định.",
        "Các cơ quan thu tăng cường công tác quản lý thu, chống thất thu, đôn đốc thu hồi nợ đọng thuế.",
        "Chi ngân sách bảo đảm đúng dự toán, đáp ứng kịp thời các nhiệm vụ chi thường xuyên, chi an sinh xã hội.",
    ),
    "social": (
        "Các hoạt động văn hóa, văn nghệ, thể dục thể thao được tổ chức sôi nổi, phục vụ tốt nhiệm vụ chính trị của địa phương.",
        "Công tác quản lý nhà nước về lễ hội, di tích được tăng cường; các hoạt động thông tin, tuyên truyền được đẩy mạnh.",
        "Công tác tuyên truyền, kiểm tra, giám sát vệ sinh an toàn thực phẩm được tăng cường, trong tháng không có vụ ngộ độc thực phẩm xảy ra.",
        "Tiếp tục thực hiện tốt công tác tư vấn, giới thiệu việc làm, tư vấn bảo hiểm thất nghiệp cho người lao động.",
    ),
    "digital": (
        "Tiếp tục triển khai thực hiện dự án đầu tư hạ tầng trang thiết bị công nghệ thông tin, các phần mềm nền tảng, số hóa cơ sở dữ liệu phục vụ chuyển đổi số giai đoạn 2021 - 2025.",
        "Đẩy mạnh tuyên truyền, hướng dẫn người dân cài đặt, sử dụng các ứng dụng số, tài khoản thanh toán điện tử.",
        "Bảo đảm an toàn, an ninh mạng cho các hệ thống thông tin dùng chung; tổ chức diễn tập ứng cứu sự cố an toàn thông tin mạng.",
    ),
    "environment": (
        "Ban hành quyết định phê duyệt điều chỉnh bảng giá đất trên địa bàn {kind}, giai đoạn 2020 - 2024.",
        "Tăng cường kiểm tra hoạt động khai thác khoáng sản, xử lý nghiêm các trường hợp khai thác trái phép.",
        "Tổ chức lấy ý kiến các cơ quan, đơn vị về phương án sử dụng đất, kế hoạch sử dụng đất cấp huyện.",
    ),
    "inspection": (
        "Các cơ quan, đơn vị tiếp tục triển khai thực hiện các giải pháp phòng ngừa tham nhũng theo quy định.",
        "Tăng cường công tác phối hợp giữa các lực lượng chức năng trong đấu tranh phòng, chống buôn lậu, gian lận thương mại và hàng giả.",
        "Thực hiện nghiêm chế độ tiếp công dân định kỳ của người đứng đầu các cơ quan hành chính.",
    ),
    "security": (
        "Tổ chức tuần tra, kiểm soát bảo đảm trật tự an toàn giao thông, xử lý nghiêm các hành vi vi phạm nồng độ cồn, chạy quá tốc độ.",
        "Triển khai các biện pháp bảo đảm an ninh, trật tự các sự kiện chính trị, văn hóa quan trọng trên địa bàn.",
        "Lực lượng vũ trang {kind} duy trì nghiêm chế độ trực sẵn sàng chiến đấu, sẵn sàng tham gia phòng, chống thiên tai, tìm kiếm cứu nạn.",
    ),
    "admin": (
        "Tiếp tục thực hiện sắp xếp tổ chức bộ máy, tinh giản biên chế theo kế hoạch.",
        "Tổ chức kiểm tra công tác cải cách hành chính, kỷ luật, kỷ cương hành chính tại một số cơ quan, đơn vị.",
        "Triển khai đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước.",
    ),
    "task": (
        "Các cơ quan, đơn vị chủ động xây dựng kế hoạch cụ thể, phân công rõ trách nhiệm, thời hạn hoàn thành.",
        "Định kỳ báo cáo kết quả thực hiện, kịp thời đề xuất giải pháp tháo gỡ khó khăn, vướng mắc phát sinh.",
        "Tăng cường phối hợp giữa các sở, ngành và {districts} trong quá trình tổ chức thực hiện.",
        "Gắn trách nhiệm người đứng đầu với kết quả thực hiện nhiệm vụ được giao.",
        "Tổ chức sơ kết, đánh giá kết quả thực hiện, kịp thời biểu dương, khen thưởng các tập thể, cá nhân có thành tích.",
        "Rà soát các cơ chế, chính sách đã ban hành, đề xuất sửa đổi, bổ sung cho phù hợp với tình hình thực tế.",
        "Tăng cường công tác thông tin, tuyên truyền để tạo sự đồng thuận của Nhân dân.",
    ),
}


def _fill(b: "_Builder", p: Province, group: str, lo: int, hi: int, y: int = 0) -> None:
    """Add ``lo``..``hi`` figure-free sentences from a pool, in pool order."""
    pool = _FILLER[group]
    k = b.rng.randint(lo, min(hi, len(pool)))
    for i in sorted(b.rng.sample(range(len(pool)), k)):
        b.add(pool[i].format(kind=p.kind, y=y, districts=p.districts, name=p.name, neighbor=p.neighbor))


def _season(p: Province, m: int) -> str:
    if m <= 4:
        return "vụ Đông Xuân"
    if m <= 8:
        return "vụ Hè Thu" if p.south else "vụ Mùa"
    return "vụ Thu Đông" if p.south else "vụ Đông"


@dataclass(frozen=True)
class _Issuer:
    """Who signs a report, and how its header, number and signature look."""

    level: str
    name: str  # in prose: "UBND tỉnh Cao Bằng"
    lines: tuple[str, ...]  # header block, upper case
    number: str  # "BC-UBND"
    file_code: str
    signs: tuple[str, ...]  # signature blocks (first is the usual one)


def _issuer(level: str, prov: Province, district: str, year: int) -> _Issuer:
    up = prov.full.upper()
    if level == "tinh":
        return _Issuer(level, f"UBND {prov.full}", ("ỦY BAN NHÂN DÂN", up), "BC-UBND", "ubnd",
                       ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"))
    if level == "ctk":
        return _Issuer(level, f"Cục Thống kê {prov.full}", ("TỔNG CỤC THỐNG KÊ", f"CỤC THỐNG KÊ {up}"), "BC-CTK", "ctk",
                       ("CỤC TRƯỞNG", "KT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG"))
    if level == "so":
        dept, code, fc = (("Sở Tài chính", "BC-STC", "stc") if year >= 2025 else
                          ("Sở Kế hoạch và Đầu tư", "BC-SKHĐT", "skhdt"))
        return _Issuer(level, f"{dept} {prov.full}", (f"UBND {up}", dept.upper()), code, fc,
                       ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "GIÁM ĐỐC"))
    if level == "huyen":
        return _Issuer(level, f"UBND huyện {district}", ("ỦY BAN NHÂN DÂN", f"HUYỆN {district.upper()}"), "BC-UBND",
                       "ubndhuyen", ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"))
    raise ValueError(f"level must be one of {LEVELS}, got {level!r}")


_QH = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def _header_blocks(b: _Builder, iss: _Issuer) -> list[str]:
    """Issuer and Quốc hiệu as a PDF extraction gives them: one block after the other (either
    order), the two columns read row by row (alternating lines, or side by side on a line), or
    none at all (the sample's convention, UBND tỉnh only)."""
    layouts = ["issuer_first", "qh_first", "alternate", "side"] + (["none"] if iss.level == "tinh" else [])
    layout = b.pick(layouts)
    issuer = list(iss.lines)
    qh = list(_QH)
    if b.rng.random() < 0.3:
        issuer.append(b.pick(["-------", "________"]))
        qh.append(b.pick(["---------------", "________________________"]))
    if layout == "none":
        return []
    if layout == "issuer_first":
        return ["\n".join(issuer), "\n".join(qh)]
    if layout == "qh_first":
        return ["\n".join(qh), "\n".join(issuer)]
    rows = []
    for i in range(max(len(issuer), len(qh))):
        left = issuer[i] if i < len(issuer) else ""
        right = qh[i] if i < len(qh) else ""
        if layout == "alternate":
            rows += [x for x in (left, right) if x]
        else:
            gap = " " * b.rng.randint(4, 14)
            rows.append((" " * b.rng.randint(0, 3) + left + gap + right).rstrip() if left else " " * 30 + right)
    return ["\n".join(rows)]


def _front(b: _Builder, p: Province, iss: _Issuer, district: str) -> None:
    rng, per = b.rng, b.per
    y = per.year
    blocks = _header_blocks(b, iss)
    for blk in blocks:
        b.front(blk)
    no = b.pick(["Số: ", "Số:      ", "Số: "]) + ("" if rng.random() < 0.5 else str(rng.randint(12, 980))) + "/" + iss.number
    # the place-date line: the province, its seat, nothing but the date (never for the bare sample layout)
    if iss.level == "huyen":
        place = district
    else:
        places = [p.name, p.name] + ([CAPITALS[p.name]] if p.name in CAPITALS else []) + ([""] if blocks else [])
        place = b.pick(places)
    dm, dy = per.end, y
    if rng.random() < 0.4 and per.kind != "year":
        dm, dy = (1, y + 1) if per.end == 12 else (per.end + 1, y)
        day = f"{rng.randint(1, 6):02d}"
    else:
        day = b.pick(["", f"{rng.randint(18, 28)}"])
    dline = f"ngày {day + ' ' if day else ''}tháng {mm(dm) if dm < 3 else b.pick([str(dm), mm(dm)])} năm {dy}"
    dline = f"{place}, {dline}" if place else _cap(dline)
    if blocks and rng.random() < 0.15:
        b.front(f"{no}\t{dline}")
    else:
        b.front(no)
        b.front(dline)
    tp = b.title_per = b.title_period
    nxt = per.next()
    if per.kind == "month":
        nthis = f"tháng {b.mon(nxt.n)} năm {nxt.year}"
    elif per.kind == "quarter":
        nthis = f"quý {ROMAN[nxt.n - 1]} năm {nxt.year}"
    elif per.kind == "half":
        nthis = f"6 tháng cuối năm {y}"
    else:
        nthis = f"năm {y + 1}"
    if iss.level == "ctk":
        title = b.pick([f"TÌNH HÌNH KINH TẾ - XÃ HỘI\n{tp.upper()}", f"BÁO CÁO\nTình hình kinh tế - xã hội {tp}"])
    elif per.kind == "half":
        title = "BÁO CÁO\n" + b.pick([
            f"Tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm,\nphương hướng nhiệm vụ 6 tháng cuối năm {y}",
            f"Tình hình kinh tế - xã hội 6 tháng đầu năm {y},\nnhiệm vụ trọng tâm 6 tháng cuối năm {y}"])
    elif per.kind == "year":
        title = "BÁO CÁO\n" + b.pick([
            f"Tình hình kinh tế - xã hội năm {y},\nkế hoạch phát triển kinh tế - xã hội năm {y + 1}",
            f"Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {y},\nphương hướng, nhiệm vụ năm {y + 1}"])
    else:
        lead = ("Công tác chỉ đạo điều hành, tình hình kinh tế - xã hội" if iss.level == "huyen" and rng.random() < 0.5
                else "Tình hình kinh tế - xã hội")
        if tp == b.this_y and nxt.year == y and rng.random() < 0.5:  # the sample's shape: the year once
            title = f"BÁO CÁO\n{lead} {b.this},\nnhiệm vụ trọng tâm {nthis}"
        else:
            title = f"BÁO CÁO\n{lead} {tp},\nnhiệm vụ trọng tâm {nthis}"
    b.front(title)
    b.next_this = nthis
    if iss.level == "so":
        b.front(f"Kính gửi: Ủy ban nhân dân {p.full}.")
        b.front(b.pick([
            f"Thực hiện chế độ báo cáo định kỳ, {iss.name.split(' tỉnh ')[0].split(' thành phố ')[0]} báo cáo tình hình kinh tế - xã hội {tp} trên địa bàn {p.kind} như sau:",
            f"{iss.name.split(' tỉnh ')[0].split(' thành phố ')[0]} tổng hợp, báo cáo tình hình kinh tế - xã hội {tp} như sau:",
        ]))
    elif iss.level == "huyen":
        b.front(b.pick([
            f"Thực hiện chỉ đạo của UBND {p.full} về chế độ báo cáo định kỳ, UBND huyện {district} báo cáo tình hình kinh tế - xã hội {tp} như sau:",
            f"Thực hiện Nghị quyết của HĐND huyện về kế hoạch phát triển kinh tế - xã hội năm {y} và chỉ đạo của UBND {p.full}, UBND huyện báo cáo kết quả {tp} như sau:",
        ]))


def _direction(b: _Builder, p: Province, y: int, m: int) -> None:
    rng = b.rng
    b.heading("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", 0)
    tet = _can_chi(y)
    b.para()
    per = b.per
    if m == 1 or per.kind in ("half", "year"):
        b.sentence([
            f"Năm {y} là năm có ý nghĩa quan trọng trong việc thực hiện Nghị quyết Đại hội Đảng các cấp, Kế hoạch phát triển kinh tế - xã hội 5 năm 2021 - 2025.",
            f"Năm {y} là năm bản lề, có ý nghĩa đặc biệt quan trọng trong thực hiện Kế hoạch phát triển kinh tế - xã hội 5 năm 2021 - 2025.",
        ])
        b.add(f"{'Ngay từ những ngày đầu năm' if m == 1 else _cap(b.this_y)}, UBND {p.kind} đã tập trung chỉ đạo triển khai thực hiện đồng bộ, quyết liệt các mục tiêu, nhiệm vụ, giải pháp chỉ đạo điều hành của Chính phủ, nghị quyết của Ban Chấp hành Đảng bộ {p.kind}, HĐND {p.kind} về thực hiện Kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách nhà nước năm {y}.")
    else:
        b.sentence([
            f"{_cap(b.in_) if per.kind != 'month' else 'Trong tháng ' + b.mon()}, UBND {p.kind} tiếp tục tập trung chỉ đạo các cấp, các ngành triển khai quyết liệt, đồng bộ các nhiệm vụ, giải pháp thực hiện Kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách nhà nước năm {y}.",
            f"Bám sát chỉ đạo của Chính phủ, Thủ tướng Chính phủ và Ban Thường vụ {p.party}, UBND {p.kind} đã chỉ đạo triển khai thực hiện các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm {y}.",
            f"{_cap(b.this_y)}, UBND {p.kind} tập trung chỉ đạo, điều hành thực hiện các nhiệm vụ, giải pháp chủ yếu về phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh trên địa bàn.",
        ])
    b.sentence([
        f"Chỉ đạo các sở, ban, ngành, UBND {p.districts} đẩy nhanh tiến độ giải ngân vốn đầu tư công, tháo gỡ khó khăn cho sản xuất, kinh doanh, bảo đảm an sinh xã hội.",
        f"Yêu cầu các sở, ban, ngành, UBND {p.districts} bám sát kịch bản tăng trưởng, kịp thời tháo gỡ các khó khăn, vướng mắc phát sinh trong quá trình thực hiện nhiệm vụ.",
        f"Các sở, ban, ngành, UBND {p.districts} được giao nhiệm vụ cụ thể, rõ người, rõ việc, rõ thời gian hoàn thành, gắn với trách nhiệm của người đứng đầu.",
    ])
    if m in (1, 2):
        b.add(f"Tổ chức các hoạt động mừng Đảng, mừng Xuân; thực hiện tốt công tác an sinh xã hội, thăm hỏi, tặng quà các gia đình chính sách, hộ nghèo nhân dịp Tết Nguyên đán {tet} {y}.")
    elif 6 <= m <= 10:
        b.add("Chủ động triển khai công tác phòng, chống thiên tai và tìm kiếm cứu nạn trong mùa mưa bão; kiểm tra an toàn hồ đập, công trình thủy lợi trước mùa mưa lũ.")
    else:
        b.add(f"Chỉ đạo triển khai sản xuất {_season(p, m)}, chủ động phòng chống dịch bệnh trên cây trồng, vật nuôi và bảo vệ rừng.")
    b.sentence([
        "Tăng cường công tác bảo đảm trật tự an toàn giao thông, phòng, chống cháy nổ, giữ vững an ninh chính trị, trật tự an toàn xã hội.",
        "Chỉ đạo tổ chức các đợt cao điểm trấn áp tội phạm, bảo đảm an ninh trật tự và an toàn giao thông trên địa bàn.",
    ])
    _fill(b, p, "direction", 2, 4, y)

    k = b.k
    qd, kh, vb = rng.randint(35, 140) * k, rng.randint(8, 40) * k, rng.randint(150, 420) * k
    ct, hop, tt = rng.randint(0, 4) * k, rng.randint(3, 15) * k, rng.randint(3, 12) * k
    vals = dict(
        qd=V(f"{pad(qd)} quyết định", "vb_quyetdinh", f"số quyết định cá biệt UBND {p.kind}, Chủ tịch UBND {p.kind} ban hành trong tháng", "là", "bao nhiêu quyết định cá biệt được ban hành"),
        kh=V(f"{pad(kh)} kế hoạch", "vb_kehoach", f"số kế hoạch UBND {p.kind} ban hành trong tháng", "là", "bao nhiêu kế hoạch được UBND ban hành"),
        vb=V(f"{vn_int(vb)} văn bản", "vb_chidao", "số văn bản chỉ đạo, điều hành UBND ban hành trong tháng", "là", "bao nhiêu văn bản chỉ đạo, điều hành"),
        ct=pad(ct), hop=V(f"{pad(hop)} cuộc họp", "cuoc_hop", "số cuộc họp do Chủ tịch, các Phó Chủ tịch UBND chủ trì trong tháng", "là", "bao nhiêu cuộc họp do lãnh đạo UBND chủ trì"), tt=pad(tt),
        qd_=f"{pad(qd)} quyết định cá biệt", kh_=f"{pad(kh)} kế hoạch", vb_=f"{vn_int(vb)} văn bản chỉ đạo, điều hành",
    )
    b.para().sentence([
        f"{'Trong tháng ' + b.mon() if per.kind == 'month' else _cap(b.in_)}, UBND {p.kind}, Chủ tịch UBND {p.kind} đã ban hành {{ct}} chỉ thị, {{qd}} cá biệt, {{kh}}, {{vb}} chỉ đạo, điều hành thực hiện nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh.",
        f"Trong tháng, UBND {p.kind} đã ban hành {{ct}} chỉ thị, {{qd}} cá biệt, {{kh}} và {{vb}} chỉ đạo, điều hành các lĩnh vực.",
    ], **vals)
    b.sentence([
        "Chủ tịch, các Phó Chủ tịch UBND {prov} đã chủ trì {hop}; dự {tt} cuộc họp trực tuyến của Chính phủ và các Bộ, ngành trung ương.",
        "Lãnh đạo UBND {prov} đã chủ trì {hop}, tham dự {tt} hội nghị trực tuyến với Chính phủ, các Bộ, ngành trung ương.",
    ], prov=p.kind, **vals)


def _agriculture(b: _Builder, p: Province, y: int, m: int) -> None:
    rng, s = b.rng, p.scale
    b.heading(b.pick([
        "1.1. Sản xuất nông, lâm nghiệp và xây dựng nông thôn mới",
        "1.1. Sản xuất nông, lâm nghiệp, thủy sản và xây dựng nông thôn mới",
    ]), 2)
    season = _season(p, m)
    crops = [("lúa", 0.45), ("ngô", 0.2), ("rau các loại", 0.15), ("khoai lang", 0.05), ("đậu tương", 0.03), ("lạc", 0.05), ("cây thức ăn chăn nuôi", 0.04)]
    total = int(rng.uniform(3000, 40000) * (0.6 + 0.4 * s))
    parts = [(name, max(12, int(total * w * rng.uniform(0.6, 1.3)))) for name, w in crops[: rng.randint(4, 7)]]
    total = sum(a for _, a in parts)
    fn_crop = _Footnote().add("Trong đó: " + ", ".join(f"{{c{i}}} {n}" for i, (n, _) in enumerate(parts)) + ".",
                              **{f"c{i}": V(f"{vn_int(a)} ha", f"crop_{i}", f"diện tích gieo trồng {n} {season}", "là",
                                                   say=(f"diện tích {n}", f"diện tích {n} {season}", f"{n} gieo được"))
                                 for i, (n, a) in enumerate(parts)})
    trau = int(rng.uniform(15000, 110000) * (1.4 - min(s, 3) / 3))
    bo = int(rng.uniform(15000, 140000))
    lon = int(rng.uniform(90000, 700000) * (0.6 + 0.4 * s))
    gc = int(rng.uniform(1800, 16000) * (0.6 + 0.4 * s))
    ch = [_change(rng, -6, 9, 2) for _ in range(4)]
    fn_herd = _Footnote().add(b.pick([
        "Tổng đàn trâu khoảng {trau}, {c0}; đàn bò {bo}, {c1}; đàn lợn: {lon}, {c2}; đàn gia cầm {gc}, {c3}.",
        "Đàn trâu hiện có {trau}, {c0} so với cùng kỳ; đàn bò {bo}, {c1}; đàn lợn {lon}, {c2}; tổng đàn gia cầm {gc}, {c3}.",
    ]),
        trau=V(f"{vn_int(trau // 100 * 100)} con", "herd_trau", "tổng đàn trâu", "là", "bao nhiêu con trâu"),
        bo=V(f"{vn_int(bo // 100 * 100)} con", "herd_bo", "tổng đàn bò", "là", "bao nhiêu con bò"),
        lon=V(f"{vn_int(lon // 100 * 100)} con", "herd_lon", "tổng đàn lợn", "là", "bao nhiêu con lợn"),
        gc=V(f"{vn_int(gc)} nghìn con", "herd_giacam", "tổng đàn gia cầm", "là", "bao nhiêu gia cầm"),
        c0=ch[0], c1=ch[1], c2=ch[2], c3=ch[3])
    vac = int(rng.uniform(25000, 260000) * (0.6 + 0.4 * s) * b.k)
    b.para().sentence([
        "Tập trung triển khai gieo trồng {season}, tổng diện tích gieo trồng ước đạt {area}{^fn1}; các đối tượng dịch hại có sự biến động nhẹ về mật độ, tỷ lệ và diện tích gây hại so với cùng kỳ năm trước, tuy nhiên không phát sinh thành dịch.",
        "Chỉ đạo sản xuất {season} bảo đảm khung thời vụ, tổng diện tích gieo trồng ước đạt {area}{^fn1}; tình hình sâu bệnh hại cây trồng được kiểm soát, không ảnh hưởng lớn đến sinh trưởng của cây trồng.",
        "Sản xuất {season} được triển khai đúng khung lịch thời vụ, diện tích gieo trồng ước đạt {area}{^fn1}; công tác dự tính, dự báo và phòng trừ sinh vật gây hại được thực hiện kịp thời.",
    ], season=season, area=V(f"{vn_int(total)} ha", "crop_area", f"tổng diện tích gieo trồng {season}", "ước đạt", "bao nhiêu ha cây trồng được gieo trồng"), fn1=fn_crop)
    b.sentence([
        "Đàn gia súc, gia cầm cơ bản phát triển ổn định{^fn2}; trong tháng thực hiện tiêm phòng được {vac}.",
        "Tình hình chăn nuôi ổn định, không phát sinh dịch bệnh lớn{^fn2}; trong tháng đã tiêm phòng được {vac} gia súc, gia cầm.",
    ], fn2=fn_herd, vac=V(f"{vn_int(vac)} lượt con", "tiem_phong", "số lượt gia súc, gia cầm được tiêm phòng trong tháng", "là", "bao nhiêu lượt con được tiêm phòng"))
    forest = int(rng.uniform(150, 2500) * (0.5 + 0.5 * s) * min(b.k, 6))
    if 2 <= m <= 9 or b.per.kind != "month":
        b.sentence([
            "Toàn {kind} trồng rừng tập trung được {forest}, tiếp tục chăm sóc, bảo vệ rừng hiện có.",
            "Công tác trồng rừng được đẩy mạnh, diện tích trồng rừng tập trung trong tháng đạt {forest}.",
        ], kind=p.kind, forest=V(f"{vn_int(forest)} ha", "trong_rung", "diện tích trồng rừng tập trung", "đạt", "bao nhiêu ha rừng được trồng"))
    else:
        b.add("Tăng cường công tác quản lý, bảo vệ rừng và phòng cháy, chữa cháy rừng; kiểm tra, xử lý các vụ vi phạm Luật Lâm nghiệp.")
    xa_total = rng.randint(4, 15)
    xa = rng.randint(1, xa_total)
    b.sentence([
        "Chương trình mục tiêu quốc gia xây dựng nông thôn mới tiếp tục được triển khai; đến nay đã thẩm định, công nhận {xa} đạt chuẩn nông thôn mới theo kế hoạch năm {y}.",
        "Về xây dựng nông thôn mới, hoàn thành thẩm định, công nhận {xa} đạt chuẩn nông thôn mới; tiếp tục rà soát các tiêu chí đối với các xã đăng ký đạt chuẩn năm {y}.",
    ], y=str(y), xa=V(f"{pad(xa)}/{pad(xa_total)} xã", "ntm_xa", "số xã được công nhận đạt chuẩn nông thôn mới so với kế hoạch", "là", "bao nhiêu xã được công nhận đạt chuẩn nông thôn mới"))
    b.para()
    _fill(b, p, "agri", 2, 4, y)
    ocop = int(rng.uniform(40, 400) * (0.6 + 0.4 * s))
    b.sentence([
        "Chương trình Mỗi xã một sản phẩm (OCOP) tiếp tục được triển khai, lũy kế đến nay toàn {kind} có {ocop} đạt từ 3 sao trở lên.",
        "Lũy kế đến nay, toàn {kind} có {ocop} được công nhận đạt tiêu chuẩn OCOP từ 3 sao trở lên.",
    ], kind=p.kind, ocop=V(f"{vn_int(ocop)} sản phẩm OCOP", "ocop", "số sản phẩm OCOP đạt từ 3 sao trở lên", "là", "bao nhiêu sản phẩm OCOP đạt từ 3 sao trở lên"))


def _trade(b: _Builder, p: Province, y: int, m: int) -> None:
    rng, s = b.rng, p.scale
    border = bool(p.gates)
    if border:
        b.heading("1.2. Phát triển kinh tế cửa khẩu", 2)
        base = rng.uniform(40, 450) * (0.7 + 0.3 * s) * b.k
    else:
        b.heading(b.pick(["1.2. Hoạt động xuất nhập khẩu", "1.2. Thương mại, xuất nhập khẩu"]), 2)
        base = rng.uniform(15, 900) * s * b.k
    total = round(base, 1 if base < 100 else 0)
    exp_share = rng.uniform(0.3, 0.7)
    ex = round(total * exp_share, 1)
    im = round(total - ex, 1)
    plan_pct = min(99.0, rng.uniform(5.5, 11.5) * b.k)  # of the yearly plan
    cdir, cfig = _chg(rng, -25, 60, 1)
    tot = V(f"{vn_num(total)} triệu USD", "xnk_total", "tổng kim ngạch xuất nhập khẩu", "ước đạt", "")
    vals = dict(
        tot=tot, pct=vn_num(plan_pct) + "%", cdir=cdir,
        when=_when(b), When=_cap(_when(b)),
        chg=V(cfig, "xnk_growth", "mức tăng (giảm) tổng kim ngạch xuất nhập khẩu so với cùng kỳ", "là"),
        ex=V(f"{vn_num(ex)} triệu USD", "xnk_export", "kim ngạch xuất khẩu", "ước đạt"),
        im=V(f"{vn_num(im)} triệu USD", "xnk_import", "kim ngạch nhập khẩu", "ước đạt"),
        expct=vn_num(plan_pct * rng.uniform(0.8, 1.2)) + "%", impct=vn_num(plan_pct * rng.uniform(0.8, 1.2)) + "%",
        exchg=_change(rng, -30, 80), imchg=_change(rng, -30, 80),
    )
    b.para()
    _fill(b, p, "trade", 1, 2, y)
    if border:
        where = "qua địa bàn"
        fn_g = _Footnote().add(", ".join(_cap(g) if i == 0 else g for i, g in enumerate(p.gates)) + ".")
        lo = int(rng.uniform(150, 900) * (0.6 + 0.4 * s)) // 50 * 50
        b.sentence([
            "Hoạt động xuất nhập khẩu qua các cửa khẩu trong tháng diễn ra ổn định, thông suốt; hoạt động thông quan hàng hóa đang được thực hiện tại {n} cửa khẩu{^fn}; trung bình đạt khoảng {xe}.",
            "Tình hình xuất nhập khẩu trong tháng diễn ra tương đối thuận lợi, hàng hóa được thông quan tại {n} cửa khẩu{^fn}; lưu lượng phương tiện bình quân khoảng {xe}.",
        ], n=pad(len(p.gates)), fn=fn_g, xe=V(f"{vn_int(lo)} - {vn_int(lo + rng.choice([100, 150, 200]))} xe/ngày", "xe_ngay", "lưu lượng xe hàng thông quan bình quân mỗi ngày", "là", "bao nhiêu xe hàng mỗi ngày"))
        b.add(f"Các lực lượng chức năng tại cửa khẩu phối hợp chặt chẽ với phía {p.neighbor}, không để xảy ra tình trạng ùn tắc hàng hóa.")
    else:
        where = "trên địa bàn"
        goods = [("hàng dệt may", 0.3), ("điện tử, linh kiện", 0.25), ("nông sản", 0.15), ("gỗ và sản phẩm gỗ", 0.1), ("giày dép", 0.1)]
        picked = goods[: rng.randint(3, 5)]
        fn_goods = _Footnote().add("Một số mặt hàng xuất khẩu chủ yếu: " + "; ".join(f"{n} {{g{i}}}" for i, (n, _) in enumerate(picked)) + ".",
                                   **{f"g{i}": V(f"{vn_num(ex * w * rng.uniform(0.7, 1.2))} triệu USD", f"xk_mathang_{i}", f"kim ngạch xuất khẩu {n}", "ước đạt",
                                                 say=(f"xuất khẩu {n}", f"giá trị {n} xuất đi", f"{n} bán ra nước ngoài"))
                                   for i, (n, w) in enumerate(picked)})
        b.add(b.pick([
            "Hoạt động thương mại, xuất nhập khẩu tiếp tục được duy trì; các doanh nghiệp chủ động tìm kiếm thị trường, đơn hàng mới{^fn}.",
            "Các doanh nghiệp xuất khẩu trên địa bàn cơ bản duy trì ổn định sản xuất, đơn hàng{^fn}.",
        ]), fn=fn_goods)
    tpl = b.pick([
        "Tổng kim ngạch xuất nhập khẩu " + where + " trong {when} ước đạt {tot}, đạt {pct} kế hoạch, {cdir} {chg} so với cùng kỳ, trong đó: Xuất khẩu {ex}, đạt {expct}, {exchg}; nhập khẩu {im}, đạt {impct}, {imchg}.",
        "{When}, tổng kim ngạch xuất nhập khẩu " + where + " ước đạt {tot}, đạt {pct} kế hoạch năm, {cdir} {chg} so với cùng kỳ năm trước; trong đó: xuất khẩu đạt {ex}, {exchg}; nhập khẩu đạt {im}, {imchg}.",
        "Kim ngạch xuất nhập khẩu " + where + " {when} ước đạt {tot}, {cdir} {chg} so với cùng kỳ, đạt {pct} kế hoạch; trong đó xuất khẩu {ex}, nhập khẩu {im}.",
    ])
    b.add(tpl, **vals)
    if b.per.has_cum:
        cum = total / b.k * m * rng.uniform(0.85, 1.1)
        b.sentence([
            "Lũy kế từ đầu năm, tổng kim ngạch xuất nhập khẩu ước đạt {cum}, đạt {cpct} kế hoạch.",
            "Tính chung {n} tháng, kim ngạch xuất nhập khẩu ước đạt {cum}, bằng {cpct} kế hoạch năm.",
        ], n=str(m), cpct=vn_num(min(99.0, plan_pct / b.k * m * rng.uniform(0.85, 1.05))) + "%",
            cum=V(f"{vn_num(cum, 1 if cum < 100 else 0)} triệu USD", "xnk_cum", f"tổng kim ngạch xuất nhập khẩu lũy kế từ đầu năm ({m} tháng)", "ước đạt", scope="cum"))
    local = max(1, round(rng.uniform(2, 40) * s * b.k))
    b.add(b.pick([
        "Hàng xuất khẩu địa phương ước đạt {loc}, {lch} so với cùng kỳ năm trước.",
        "Giá trị hàng xuất khẩu của doanh nghiệp địa phương ước đạt {loc}, {lch}.",
    ]), loc=V(f"{local} triệu USD", "xk_diaphuong", "giá trị hàng xuất khẩu địa phương", "ước đạt"), lch=_change(rng, -20, 30))


def _investment(b: _Builder, p: Province, y: int, m: int) -> None:
    rng, s = b.rng, p.scale
    b.heading(b.pick([
        "1.3. Hoạt động đầu tư xây dựng kết cấu hạ tầng",
        "1.3. Đầu tư công và xây dựng kết cấu hạ tầng",
    ]), 2)
    b.para().sentence([
        "Tập trung đôn đốc giải ngân kế hoạch vốn đầu tư công, vốn thực hiện các chương trình mục tiêu quốc gia năm {y}; thành lập các đoàn kiểm tra tiến độ các dự án trọng điểm, kịp thời tháo gỡ khó khăn, vướng mắc trong công tác giải phóng mặt bằng.",
        "Chỉ đạo các chủ đầu tư đẩy nhanh tiến độ thi công, hoàn thiện hồ sơ thanh toán khối lượng hoàn thành; tăng cường kiểm tra, giám sát chất lượng công trình, xử lý nghiêm các nhà thầu vi phạm tiến độ.",
        "Tiếp tục thực hiện các giải pháp đẩy nhanh tiến độ giải ngân vốn đầu tư công năm {y}; rà soát, điều chuyển vốn từ các dự án chậm giải ngân sang các dự án có khả năng giải ngân tốt.",
    ], y=str(y))
    b.add(f"Hoàn thiện thủ tục đầu tư các dự án khởi công mới, dự án thuộc chương trình phục hồi và phát triển kinh tế - xã hội trên địa bàn {p.kind}.")
    _fill(b, p, "invest", 1, 3, y)
    plan = rng.uniform(2200, 9000) * (0.6 + 0.4 * s)
    frac = max(0.012, min(0.97, m / 12 * rng.uniform(0.7, 1.0)))
    done = plan * frac
    prov_v = done * rng.uniform(0.35, 0.5)
    mtqg = done * rng.uniform(0.08, 0.2)
    nstw = done - prov_v - mtqg
    oda = nstw * rng.uniform(0.1, 0.3)
    trongnuoc = nstw - oda
    pct = lambda: vn_num(min(100.0, frac * 100 * rng.uniform(0.75, 1.2))) + "%"  # noqa: E731
    day = 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31
    fn = _Footnote().add(
        "Trong đó: Vốn ngân sách {prov}: {pv}, đạt {p1} kế hoạch; Vốn ngân sách trung ương (NSTW): {nstw}, đạt {p2} kế hoạch, trong đó: Vốn NSTW chưa bao gồm chương trình mục tiêu quốc gia gồm vốn trong nước (vốn đầu tư theo ngành, lĩnh vực, chương trình mục tiêu và các khoản chi cụ thể): {tn}, đạt {p3}; Vốn nước ngoài (ODA): {oda}, đạt {p4} kế hoạch. Vốn chương trình mục tiêu quốc gia: {mt}, đạt {p5} kế hoạch.",
        prov=p.kind,
        pv=V(f"{vn_num(prov_v)} tỷ đồng", "dtc_nsdp", f"số vốn ngân sách {p.kind} đã giải ngân", "là", scope="cum"),
        nstw=V(f"{vn_num(nstw)} tỷ đồng", "dtc_nstw", "số vốn ngân sách trung ương đã giải ngân", "là", scope="cum"),
        tn=vn_num(trongnuoc) + " tỷ đồng",
        oda=V(f"{vn_num(oda)} tỷ đồng", "dtc_oda", "số vốn nước ngoài (ODA) đã giải ngân", "là", scope="cum"),
        mt=V(f"{vn_num(mtqg)} tỷ đồng", "dtc_mtqg", "số vốn chương trình mục tiêu quốc gia đã giải ngân", "là", scope="cum"),
        p1=pct(), p2=pct(), p3=pct(), p4=pct(), p5=pct(),
    )
    tot = V(f"{vn_num(done)} tỷ đồng", "dtc_total", "giá trị giải ngân vốn đầu tư công", "ước đạt", "", scope="cum")
    b.para().sentence([
        "Giá trị khối lượng thực hiện và giải ngân các dự án nguồn vốn đầu tư công năm {y} đến hết ngày {d} ước đạt {tot}, đạt {pct} kế hoạch{^fn}.",
        "Lũy kế giải ngân kế hoạch vốn đầu tư công năm {y} đến hết ngày {d} ước đạt {tot}, bằng {pct} kế hoạch vốn giao{^fn}.",
        "Tính đến hết ngày {d}, tổng giá trị giải ngân vốn đầu tư công năm {y} ước đạt {tot}, đạt {pct} kế hoạch{^fn}.",
    ], y=str(y), d=f"{day}/{mm(m)}/{y}", tot=tot, pct=V(vn_num(frac * 100, 2) + "%", "dtc_pct", "tỷ lệ giải ngân vốn đầu tư công so với kế hoạch", "đạt", scope="cum"), fn=fn)
    b.sentence([
        "Phấn đấu đến hết năm {y} giải ngân đạt 100% kế hoạch vốn được giao; các dự án trọng điểm cơ bản bảo đảm tiến độ theo kế hoạch đề ra.",
        "Nhìn chung tiến độ giải ngân có chuyển biến tích cực so với cùng kỳ, tuy nhiên một số dự án còn vướng mắc trong công tác giải phóng mặt bằng.",
    ], y=str(y))


#: How people name the industrial products of section 1.4 (questions).
_PRODUCT_SAY = {
    "Điện sản xuất": ("sản lượng điện phát ra", "lượng điện sản xuất được"),
    "Điện thương phẩm": ("điện thương phẩm", "lượng điện bán ra"),
    "Xi măng": ("sản lượng xi măng", "xi măng làm ra"),
    "Gạch các loại": ("sản lượng gạch", "số gạch sản xuất"),
    "Đá các loại": ("sản lượng đá", "đá khai thác được"),
    "Nước máy": ("lượng nước máy sản xuất", "sản lượng nước sạch"),
    "Quần áo may sẵn": ("sản lượng quần áo may sẵn", "hàng may mặc làm ra"),
    "Gỗ và các sản phẩm từ gỗ rừng trồng": ("sản lượng gỗ rừng trồng", "gỗ rừng trồng chế biến"),
}


def _when(b: _Builder, year: bool = False) -> str:
    """The period inside a sentence: "tháng 10" ("tháng 10/2023"), "quý III", "năm 2024"."""
    if b.per.kind == "month":
        return f"tháng {b.mon()}" + (f"/{b.per.year}" if year and b.mstyle != "word" else f" năm {b.per.year}" if year else "")
    return b.this_y if year else b.this


def _industry(b: _Builder, p: Province, y: int, m: int) -> None:
    rng, s = b.rng, p.scale
    b.heading("1.4. Sản xuất công nghiệp; thương mại, dịch vụ và du lịch", 2)
    iip_dir, iip_fig = _chg(rng, -6, 16, 2)
    prods = [
        ("Điện sản xuất", "triệu kWh", 20, 900, "sản lượng điện sản xuất"),
        ("Điện thương phẩm", "triệu kWh", 30, 800, "sản lượng điện thương phẩm"),
        ("Xi măng", "nghìn tấn", 20, 600, "sản lượng xi măng"),
        ("Gạch các loại", "triệu viên", 5, 90, "sản lượng gạch các loại"),
        ("Đá các loại", "nghìn m3", 50, 900, "sản lượng đá các loại"),
        ("Nước máy", "nghìn m3", 300, 6000, "sản lượng nước máy"),
        ("Quần áo may sẵn", "triệu sản phẩm", 1, 40, "sản lượng quần áo may sẵn"),
        ("Gỗ và các sản phẩm từ gỗ rừng trồng", "nghìn m3", 3, 80, "sản lượng gỗ và sản phẩm từ gỗ rừng trồng"),
    ]
    k = rng.randint(5, len(prods))
    start = rng.randrange(len(prods) - k + 1)
    parts, vals = [], {}
    for i, (name, unit, lo, hi, subj) in enumerate(prods[start : start + k]):
        q = rng.uniform(lo, hi) * (0.6 + 0.4 * s) * b.k
        vals[f"q{i}"] = V(f"{vn_num(q)} {unit}", f"sp_{i}", subj, "đạt", say=_PRODUCT_SAY[name])
        plan = min(99.0, 100 * m / 12 * rng.uniform(0.8, 1.1))
        parts.append(f"{name}: {{q{i}}}, đạt {vn_num(plan)}% kế hoạch, {_change(rng, -15, 20)}")
    fn = _Footnote().add("; ".join(parts) + ".", **vals)
    b.para().sentence([
        "Tình hình sản xuất công nghiệp trong {wy} nhìn chung ổn định, chỉ số sản xuất công nghiệp (IIP) {dir} {iip} so với cùng kỳ.",
        "Sản xuất công nghiệp {wy} tiếp tục duy trì, chỉ số sản xuất công nghiệp {dir} {iip} so với cùng kỳ năm trước.",
        "Chỉ số sản xuất công nghiệp (IIP) {wy} ước {dir} {iip} so với cùng kỳ năm trước.",
    ], wy=_when(b, True), dir=iip_dir, iip=V(iip_fig, "iip", "mức tăng (giảm) chỉ số sản xuất công nghiệp (IIP) so với cùng kỳ", "là"))
    b.sentence([
        "Sản lượng một số sản phẩm công nghiệp chủ yếu đạt tiến độ kế hoạch{^fn}.",
        "Một số sản phẩm công nghiệp chủ yếu có sản lượng tăng so với cùng kỳ{^fn}.",
    ], fn=fn)
    if b.per.has_cum:
        cdir, cfig = _chg(rng, -4, 14, 1)
        b.sentence([
            "Tính chung {n} tháng năm {y}, chỉ số sản xuất công nghiệp {dir} {cum} so với cùng kỳ.",
            "Lũy kế {n} tháng, chỉ số IIP {dir} {cum} so với cùng kỳ năm trước.",
        ], n=str(m), y=str(y), dir=cdir, cum=V(cfig, "iip_cum", "mức tăng (giảm) IIP lũy kế", "là", scope="cum"))
    k = b.k
    retail = rng.uniform(600, 6000) * (0.5 + 0.5 * s) * k
    tour = rng.uniform(40, 900) * (0.6 + 0.4 * s) * (1.6 if m in (1, 2, 4, 6, 7) else 1.0) * k
    intl = tour * rng.uniform(0.005, 0.08)
    rev = tour * rng.uniform(0.5, 1.2)
    dep = rng.uniform(15000, 160000) * (0.5 + 0.5 * s)
    cred = dep * rng.uniform(0.8, 1.3)
    b.para().sentence([
        "Trong tháng giá cả các mặt hàng ổn định, thị trường hàng hóa phong phú và đa dạng, không có tình trạng tăng giá đột biến và khan hiếm nguồn hàng.",
        "Thị trường hàng hóa trong tháng ổn định, nguồn cung dồi dào, giá cả các mặt hàng thiết yếu không có biến động lớn.",
    ])
    if b.per.kind == "month":
        cpi_dir, cpi = _chg(rng, -0.8, 1.2, 2)
        cpi_tpl = [
            "Chỉ số giá tiêu dùng (CPI) {w} {dir} {cpi} so với tháng trước.",
            "Chỉ số giá tiêu dùng {wy} {dir} {cpi} so với tháng trước, chủ yếu do biến động giá nhóm hàng ăn và dịch vụ ăn uống, giao thông.",
        ]
    else:
        cpi_dir, cpi = _chg(rng, -1.5, 4.5, 2)
        cpi_tpl = [
            "Chỉ số giá tiêu dùng (CPI) bình quân {w} {dir} {cpi} so với cùng kỳ năm trước.",
            "Bình quân {wy}, chỉ số giá tiêu dùng {dir} {cpi} so với cùng kỳ, chủ yếu do biến động giá nhóm nhà ở, vật liệu xây dựng và giáo dục.",
        ]
    b.sentence(cpi_tpl, w=_when(b), wy=_when(b, True), dir=cpi_dir, cpi=V(cpi, "cpi", "mức tăng (giảm) chỉ số giá tiêu dùng (CPI) so với tháng trước", "là"))
    b.sentence([
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng ước đạt {rt}, đạt {rp} kế hoạch, {rc} so với cùng kỳ.",
        "Tổng mức lưu chuyển hàng hóa và dịch vụ trong tháng ước đạt {rt}, {rc} so với cùng kỳ, đạt {rp} kế hoạch.",
    ], rt=V(f"{vn_int(retail)} tỷ đồng", "ban_le", "tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", "ước đạt"),
        rp=vn_num(min(99.0, rng.uniform(6.5, 10) * k)) + "%", rc=_change(rng, 2, 15, 2))
    vt = rng.uniform(60, 900) * (0.6 + 0.4 * s) * k
    b.sentence([
        "Hoạt động vận tải hành khách, hàng hóa ổn định, thông suốt; luân chuyển hành khách đạt {hk} triệu HK.Km, luân chuyển hàng hóa đạt {hh} triệu tấn.Km, doanh thu vận tải ước đạt {vt}.",
        "Doanh thu vận tải, kho bãi và dịch vụ hỗ trợ vận tải trong tháng ước đạt {vt}; khối lượng luân chuyển hành khách {hk} triệu HK.Km, hàng hóa {hh} triệu tấn.Km.",
    ], hk=vn_num(rng.uniform(10, 400)), hh=vn_num(rng.uniform(20, 900)),
        vt=V(f"{vn_int(vt)} tỷ đồng", "van_tai", "doanh thu vận tải", "ước đạt"))
    _fill(b, p, "industry", 1, 2, y)
    b.sentence([
        "Tổng nguồn vốn huy động của các ngân hàng trên địa bàn ước đến cuối tháng đạt {dep}, {dc} so với đầu năm; tổng dư nợ tín dụng {cred}, {cc}.",
        "Nguồn vốn huy động của hệ thống ngân hàng trên địa bàn đạt {dep}, {dc} so với 31/12/{py}; dư nợ tín dụng đạt {cred}, {cc}.",
    ], py=str(y - 1), dep=V(f"{vn_int(dep)} tỷ đồng", "von_huy_dong", "tổng nguồn vốn huy động của các ngân hàng", "đạt"),
        cred=V(f"{vn_int(cred)} tỷ đồng", "du_no", "tổng dư nợ tín dụng", "là"),
        dc=_change(rng, 0.1, 6, 1), cc=_change(rng, 0.1, 6, 1))
    b.para().sentence([
        "Hoạt động du lịch tiếp tục được đẩy mạnh; trong tháng thu hút khoảng {tour} khách du lịch, trong đó: khách quốc tế {intl} lượt; doanh thu ước đạt {rev}.",
        "Trong tháng, toàn {kind} đón khoảng {tour} khách du lịch, trong đó khách quốc tế {intl} lượt, tổng thu từ khách du lịch ước đạt {rev}.",
    ], kind=p.kind, tour=V(f"{vn_num(tour, 2)} nghìn lượt", "khach_du_lich", "số lượt khách du lịch", "là", "bao nhiêu lượt khách du lịch"),
        intl=vn_num(intl, 2) + " nghìn", rev=V(f"{vn_int(rev)} tỷ đồng", "doanh_thu_du_lich", "doanh thu du lịch", "ước đạt"))
    if b.per.has_cum:
        b.sentence([
            "Lũy kế {n} tháng năm {y}, lượng khách du lịch ước đạt {cum}, {ch} so với cùng kỳ.",
            "Tính chung {n} tháng, toàn {kind} đón {cum} khách, {ch} so với cùng kỳ năm trước.",
        ], n=str(m), y=str(y), kind=p.kind, ch=_change(rng, -5, 25),
            cum=V(f"{vn_num(tour / k * m * rng.uniform(0.85, 1.1), 2)} nghìn lượt", "khach_du_lich_cum", "lượt khách du lịch lũy kế", "là", scope="cum"))


def _enterprise(b: _Builder, p: Province, y: int, m: int) -> None:
    rng, s = b.rng, p.scale
    b.heading("1.5. Phát triển doanh nghiệp, thu hút đầu tư", 2)
    per = rng.uniform(15, 160) * (0.5 + 0.5 * s)
    new = max(3, int(per * m * rng.uniform(0.8, 1.2)))
    cap = new * rng.uniform(2.5, 12)
    dis, stop, back = int(new * rng.uniform(0.05, 0.25)), int(new * rng.uniform(0.6, 2.0)), int(new * rng.uniform(0.3, 1.0))
    day = rng.randint(15, 25)
    b.para().sentence([
        "Tiếp tục tập trung triển khai các nhiệm vụ, giải pháp về cải thiện môi trường kinh doanh, thu hút đầu tư, tính từ đầu năm đến ngày {d}, toàn {kind} đã đăng ký thành lập mới được {new}, với tổng số vốn đăng ký là {cap}; giải thể {dis} doanh nghiệp; {stop} doanh nghiệp đăng ký tạm ngừng hoạt động và có {back} quay trở lại hoạt động.",
        "Từ đầu năm đến ngày {d}, trên địa bàn {kind} có {new} thành lập mới, tổng vốn đăng ký {cap}; {back} quay trở lại hoạt động; {stop} doanh nghiệp tạm ngừng kinh doanh có thời hạn; {dis} doanh nghiệp giải thể.",
    ], d=f"{day}/{mm(m)}/{y}", kind=p.kind,
        new=V(f"{pad(new)} doanh nghiệp", "dn_moi", "số doanh nghiệp đăng ký thành lập mới từ đầu năm", "là", "bao nhiêu doanh nghiệp thành lập mới từ đầu năm", scope="cum"),
        cap=V(f"{vn_num(cap)} tỷ đồng", "dn_von", "tổng vốn đăng ký của doanh nghiệp thành lập mới", "là", scope="cum"),
        dis=pad(dis), stop=vn_int(stop),
        back=V(f"{pad(back)} doanh nghiệp", "dn_quay_lai", "số doanh nghiệp quay trở lại hoạt động", "là", "bao nhiêu doanh nghiệp quay trở lại hoạt động", scope="cum"))
    _fill(b, p, "enterprise", 1, 2, y)
    proj = rng.randint(1, 9) * max(1, b.k // 2)
    b.sentence([
        "Trong tháng, chấp thuận chủ trương đầu tư {proj} dự án ngoài ngân sách với tổng vốn đăng ký {pcap}.",
        "Đã quyết định chủ trương đầu tư cho {proj} dự án đầu tư trực tiếp, tổng vốn đăng ký {pcap}.",
    ], proj=pad(proj), pcap=V(f"{vn_num(proj * rng.uniform(20, 600) * (0.5 + 0.5 * s))} tỷ đồng", "du_an_von", "tổng vốn đăng ký của các dự án được chấp thuận chủ trương đầu tư trong tháng", "là"))


def _budget(b: _Builder, p: Province, y: int, m: int) -> None:
    rng, s = b.rng, p.scale
    b.heading("1.6. Thu, chi ngân sách", 2)
    k = b.k
    thu = rng.uniform(150, 1400) * (0.5 + 0.5 * s) * k
    nd = thu * (rng.uniform(0.4, 0.7) if p.gates else rng.uniform(0.8, 0.97))
    xnk = thu - nd
    chi = rng.uniform(500, 2200) * (0.6 + 0.4 * s) * k
    cdoi = chi * rng.uniform(0.8, 0.95)
    b.para()
    _fill(b, p, "budget", 1, 2, y)
    b.sentence([
        "Tổng thu ngân sách nhà nước trên địa bàn ước thực hiện {when} là {thu}, đạt {tp} dự toán, bằng {tc} so với cùng kỳ; trong đó: thu nội địa {nd}, đạt {np} dự toán; thu từ hoạt động xuất nhập khẩu {xnk}, đạt {xp} dự toán.",
        "Thu ngân sách nhà nước trên địa bàn {when} ước đạt {thu}, bằng {tp} dự toán, bằng {tc} so với cùng kỳ năm trước; trong đó: thu nội địa {nd}, đạt {np}; thu từ hoạt động xuất nhập khẩu {xnk}, đạt {xp}.",
    ], when=_when(b),
        thu=V(f"{vn_num(thu)} tỷ đồng", "thu_ngan_sach", "tổng thu ngân sách nhà nước trên địa bàn trong tháng", "ước đạt"),
        nd=V(f"{vn_num(nd)} tỷ đồng", "thu_noi_dia", "thu nội địa", "ước đạt"),
        xnk=vn_num(xnk) + " tỷ đồng",
        tp=vn_num(min(99.0, rng.uniform(5, 12) * k)) + "%", tc=vn_num(rng.uniform(70, 130)) + "%",
        np=vn_num(min(99.0, rng.uniform(5, 12) * k)) + "%", xp=vn_num(min(99.0, rng.uniform(3, 12) * k)) + "%")
    if b.per.has_cum:
        b.sentence([
            "Lũy kế {n} tháng năm {y}, tổng thu ngân sách nhà nước trên địa bàn ước đạt {cum}, bằng {cp} dự toán.",
            "Tính chung {n} tháng, thu ngân sách nhà nước ước đạt {cum}, đạt {cp} dự toán năm.",
        ], n=str(m), y=str(y), cp=vn_num(min(99.0, rng.uniform(5, 12) * m)) + "%",
            cum=V(f"{vn_num(thu / k * m * rng.uniform(0.85, 1.1))} tỷ đồng", "thu_ngan_sach_cum", "thu ngân sách lũy kế", "ước đạt", scope="cum"))
    b.sentence([
        "Tổng chi ngân sách địa phương ước thực hiện {chi}, đạt {cp} dự toán, bằng {cc} so với cùng kỳ, trong đó: chi cân đối ngân sách địa phương {cd}, đạt {cdp} dự toán.",
        "Chi ngân sách địa phương trong tháng ước đạt {chi}, bằng {cp} dự toán; trong đó chi cân đối ngân sách địa phương {cd}, đạt {cdp} dự toán.",
    ], chi=V(f"{vn_num(chi, 2)} tỷ đồng", "chi_ngan_sach", "tổng chi ngân sách địa phương", "ước đạt"),
        cd=vn_num(cdoi, 2) + " tỷ đồng", cp=vn_num(min(99.0, rng.uniform(5, 11) * k)) + "%", cc=vn_num(rng.uniform(85, 125)) + "%",
        cdp=vn_num(min(99.0, rng.uniform(5, 11) * k)) + "%")


def _social(b: _Builder, p: Province, y: int, m: int) -> None:
    rng, s = b.rng, p.scale
    b.heading("2. Lĩnh vực văn hóa - xã hội", 1)
    sy = f"{y - 1}-{y}" if m < 9 else f"{y}-{y + 1}"
    edu = {
        1: f"Hoàn thành sơ kết học kỳ I, triển khai nhiệm vụ học kỳ II năm học {sy}.",
        2: f"Duy trì tốt công tác dạy và học sau kỳ nghỉ Tết, triển khai nhiệm vụ học kỳ II năm học {sy}.",
        3: f"Tổ chức kỳ thi chọn học sinh giỏi cấp {p.kind} năm học {sy}; tiếp tục kiểm định, công nhận trường học đạt chuẩn quốc gia.",
        4: f"Chỉ đạo các trường chuẩn bị tốt các điều kiện tổ chức kiểm tra cuối năm học {sy}.",
        5: f"Tổng kết năm học {sy}; chuẩn bị các điều kiện tổ chức Kỳ thi tốt nghiệp trung học phổ thông năm {y}.",
        6: f"Tổ chức Kỳ thi tốt nghiệp trung học phổ thông năm {y} an toàn, nghiêm túc, đúng quy chế.",
        7: f"Triển khai công tác tuyển sinh vào các lớp đầu cấp năm học {y}-{y + 1}.",
        8: f"Chuẩn bị các điều kiện về cơ sở vật chất, đội ngũ giáo viên cho năm học mới {y}-{y + 1}.",
        9: f"Tổ chức Lễ khai giảng năm học {sy} bảo đảm trang trọng, an toàn, tiết kiệm.",
        10: f"Triển khai nhiệm vụ năm học {sy}; tiếp tục thực hiện Chương trình giáo dục phổ thông 2018.",
        11: f"Tổ chức các hoạt động kỷ niệm Ngày Nhà giáo Việt Nam 20/11; triển khai nhiệm vụ học kỳ I năm học {sy}.",
        12: f"Tổ chức kiểm tra, đánh giá cuối học kỳ I năm học {sy} theo kế hoạch.",
    }[m]
    k = b.k
    kham = int(rng.uniform(40000, 320000) * (0.6 + 0.4 * s) * k)
    nt = int(kham * rng.uniform(0.06, 0.14))
    ngt = int(kham * rng.uniform(0.05, 0.12))
    fn = _Footnote().add(b.tw(b.pick([
        "Trong tháng: Khám được {kham}; điều trị nội trú: {nt}; điều trị ngoại trú: {ngt} lượt bệnh nhân.",
        "Tổng số lượt khám bệnh: {kham}; số lượt điều trị nội trú: {nt}; điều trị ngoại trú: {ngt} lượt bệnh nhân.",
    ])), kham=V(f"{vn_int(kham)} lượt người", "kham_benh", "số lượt khám bệnh trong tháng", "là", "bao nhiêu lượt người được khám bệnh"),
        nt=V(f"{vn_int(nt)} lượt bệnh nhân", "dieu_tri_noi_tru", "số lượt bệnh nhân điều trị nội trú", "là", "bao nhiêu lượt bệnh nhân điều trị nội trú"), ngt=vn_int(ngt))
    b.para().add(edu)
    _fill(b, p, "social", 1, 2, y)
    b.sentence([
        "Công tác giám sát phòng, chống dịch bệnh, đặc biệt các bệnh truyền nhiễm nguy hiểm được tăng cường; công tác khám chữa bệnh tiếp tục được quan tâm thực hiện tốt{^fn}; công tác kiểm tra, giám sát vệ sinh an toàn thực phẩm được tăng cường.",
        "Công tác khám, chữa bệnh cho Nhân dân được duy trì ổn định{^fn}; chủ động giám sát, phát hiện sớm và xử lý kịp thời các ổ dịch, không để dịch bệnh lớn xảy ra.",
    ], fn=fn)
    gifts = int(rng.uniform(500, 9000) * (0.6 + 0.4 * s) * k)
    money = gifts * rng.uniform(0.25, 0.6)
    hh = int(rng.uniform(150000, 700000) * (0.6 + 0.4 * s))
    poor = int(hh * p.poor * rng.uniform(0.8, 1.2))
    near = int(hh * p.poor * rng.uniform(0.6, 1.1))
    jobs = int(rng.uniform(400, 4000) * (0.6 + 0.4 * s) * k)
    b.para().sentence([
        "Thực hiện đầy đủ, kịp thời các chế độ, chính sách đối với người có công và các đối tượng bảo trợ xã hội; trong tháng thăm hỏi, tặng {gifts}, kinh phí {money}.",
        "Các chế độ, chính sách đối với người có công, đối tượng bảo trợ xã hội được chi trả đầy đủ, kịp thời; tổ chức thăm, tặng {gifts} cho các gia đình chính sách, kinh phí {money}.",
    ], gifts=V(f"{vn_int(gifts)} suất quà", "suat_qua", "số suất quà thăm hỏi, tặng đối tượng chính sách", "là", "bao nhiêu suất quà được trao tặng"),
        money=vn_num(money) + " triệu đồng")
    b.sentence([
        "Theo kết quả rà soát, tổng số hộ nghèo toàn {kind} là {poor}, chiếm tỷ lệ {rate}; tổng số hộ cận nghèo là {near}, chiếm {nrate}.",
        "Toàn {kind} hiện có {poor} nghèo, chiếm {rate} tổng số hộ dân; hộ cận nghèo {near}, chiếm {nrate}.",
    ], kind=p.kind,
        poor=V(f"{vn_int(poor)} hộ", "ho_ngheo", "tổng số hộ nghèo", "là", "bao nhiêu hộ nghèo"),
        rate=V(vn_num(poor / hh * 100, 2) + "%", "ty_le_ho_ngheo", "tỷ lệ hộ nghèo", "là"),
        near=V(f"{vn_int(near)} hộ", "ho_can_ngheo", "tổng số hộ cận nghèo", "là", "bao nhiêu hộ cận nghèo"),
        nrate=vn_num(near / hh * 100, 2) + "%")
    b.sentence([
        "Trong tháng giải quyết việc làm mới cho {jobs}, trong đó đưa {xk} người đi làm việc ở nước ngoài theo hợp đồng.",
        "Công tác giải quyết việc làm được quan tâm, trong tháng tạo việc làm mới cho {jobs}; {xk} người đi làm việc ở nước ngoài theo hợp đồng.",
    ], jobs=V(f"{vn_int(jobs)} lao động", "viec_lam", "số lao động được giải quyết việc làm mới", "là", "bao nhiêu lao động được giải quyết việc làm"),
        xk=vn_int(int(jobs * rng.uniform(0.05, 0.3))))
    b.sentence([
        "Tỷ lệ bao phủ bảo hiểm y tế toàn {kind} đạt {bhyt} dân số.",
        "Công tác phát triển đối tượng tham gia bảo hiểm được đẩy mạnh, tỷ lệ bao phủ bảo hiểm y tế đạt {bhyt} dân số.",
    ], kind=p.kind, bhyt=V(vn_num(rng.uniform(88, 99.5), 2) + "%", "bhyt", "tỷ lệ bao phủ bảo hiểm y tế", "đạt"))


def _digital(b: _Builder, p: Province, y: int, m: int) -> None:
    rng, s = b.rng, p.scale
    b.heading("3. Lĩnh vực chuyển đổi số", 1)
    cccd = int(rng.uniform(1500, 25000) * (0.6 + 0.4 * s) * b.k)
    cum = int(cccd / b.k * rng.uniform(60, 160))
    bts = rng.randint(2, 25) * b.k
    b.para().sentence([
        "Công tác chuyển đổi số tiếp tục được quan tâm, triển khai mạnh mẽ trên tất cả các lĩnh vực; các hệ thống dùng chung của {kind} duy trì hoạt động ổn định, phục vụ công tác chỉ đạo, điều hành thông suốt.",
        "Duy trì hoạt động hiệu quả, ổn định các hệ thống dùng chung của {kind}: Hệ thống quản lý văn bản và điều hành, hệ thống hội nghị truyền hình trực tuyến, Cổng dịch vụ công trực tuyến.",
    ], kind=p.kind)
    b.sentence([
        "Tiếp tục triển khai xây dựng trạm BTS nhằm phủ sóng khu vực trắng sóng, lõm sóng, chấp thuận xây dựng trạm BTS tại {bts}.",
        "Trong tháng chấp thuận xây dựng mới trạm BTS tại {bts} để phủ sóng các thôn, bản vùng sâu, vùng xa.",
    ], bts=V(f"{pad(bts)} vị trí", "tram_bts", "số vị trí được chấp thuận xây dựng trạm BTS", "là", "bao nhiêu vị trí trạm BTS được chấp thuận"))
    b.sentence([
        "Tập trung thực hiện Đề án 06 của Chính phủ về phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử, trong tháng đã thu nhận {cccd}, lũy kế đã thu nhận {cum} hồ sơ.",
        "Triển khai Đề án 06 của Chính phủ, trong tháng thu nhận {cccd}; lũy kế thu nhận {cum} hồ sơ.",
    ], cccd=V(f"{vn_int(cccd)} hồ sơ CCCD", "cccd", "số hồ sơ căn cước công dân thu nhận trong tháng", "là", "bao nhiêu hồ sơ căn cước công dân được thu nhận"), cum=vn_int(cum))
    _fill(b, p, "digital", 1, 2, y)
    b.sentence([
        "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình đạt {ot}.",
        "Trong tháng, tỷ lệ hồ sơ trực tuyến toàn trình trên Cổng dịch vụ công của {kind} đạt {ot}.",
    ], kind=p.kind, ot=V(vn_num(rng.uniform(35, 92), 2) + "%", "truc_tuyen_toan_trinh", "tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình", "đạt"))


def _environment(b: _Builder, p: Province, y: int, m: int) -> None:
    rng, s = b.rng, p.scale
    b.heading("4. Tài nguyên và môi trường, khoa học và công nghệ", 1)
    k = b.k
    tc, tca = rng.randint(15, 150) * k, rng.uniform(3, 90) * k
    hg, hga = int(rng.uniform(400, 4500) * (0.6 + 0.4 * s) * k), rng.uniform(60, 900) * k
    ks, tn, mt = rng.randint(0, 5) * k, rng.randint(1, 9) * k, rng.randint(1, 12) * k
    fn = _Footnote().add(b.pick([
        "Gồm: {ks} giấy phép khai thác khoáng sản; {tn} giấy phép tài nguyên nước; {mt}.",
        "Trong đó: cấp {ks} giấy phép khai thác khoáng sản, {tn} giấy phép tài nguyên nước và {mt}.",
    ]), ks=pad(ks), tn=pad(tn), mt=V(f"{pad(mt)} giấy phép môi trường", "gp_moi_truong", "số giấy phép môi trường được cấp trong tháng", "là", "bao nhiêu giấy phép môi trường được cấp"))
    b.para().sentence([
        "Trong tháng cấp giấy chứng nhận quyền sử dụng đất cho tổ chức được {tc}, diện tích {tca}; cấp cho hộ gia đình, cá nhân được {hg}, diện tích {hga}.",
        "Công tác cấp giấy chứng nhận quyền sử dụng đất tiếp tục được đẩy mạnh, trong tháng cấp cho tổ chức {tc}, diện tích {tca}; cấp cho hộ gia đình, cá nhân {hg}, diện tích {hga}.",
    ], tc=V(f"{pad(tc)} giấy", "gcn_to_chuc", "số giấy chứng nhận quyền sử dụng đất cấp cho tổ chức", "là", "bao nhiêu giấy chứng nhận quyền sử dụng đất cấp cho tổ chức"),
        tca=vn_num(tca, 2) + " ha",
        hg=V(f"{vn_int(hg)} giấy", "gcn_ho_gia_dinh", "số giấy chứng nhận quyền sử dụng đất cấp cho hộ gia đình, cá nhân", "là", "bao nhiêu giấy chứng nhận quyền sử dụng đất cấp cho hộ gia đình, cá nhân"),
        hga=V(vn_num(hga, 1) + " ha", "gcn_ho_dien_tich", "diện tích đất cấp giấy chứng nhận cho hộ gia đình, cá nhân", "là"))
    b.sentence([
        "Cấp mới, gia hạn, điều chỉnh {n} giấy phép trong lĩnh vực tài nguyên, môi trường{^fn}.",
        "Thẩm định, cấp {n} giấy phép về khoáng sản, tài nguyên nước và môi trường{^fn}.",
    ], n=pad(ks + tn + mt), fn=fn)
    _fill(b, p, "environment", 1, 2, y)
    dt = rng.randint(15, 80)
    b.para().sentence([
        "Tiếp tục quản lý và theo dõi {dt}, kiểm tra tiến độ thực hiện các đề tài đang triển khai; tăng cường công tác quản lý nhà nước về tiêu chuẩn đo lường chất lượng, an toàn bức xạ, sở hữu trí tuệ.",
        "Quản lý, theo dõi {dt} khoa học và công nghệ; triển khai Kế hoạch hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo năm {y}.",
    ], y=str(y), dt=V(f"{dt} đề tài, dự án", "de_tai", "số đề tài, dự án khoa học và công nghệ đang được quản lý, theo dõi", "là", "bao nhiêu đề tài, dự án khoa học và công nghệ được quản lý"))


def _inspection(b: _Builder, p: Province, y: int, m: int) -> None:
    rng, s = b.rng, p.scale
    b.heading("5. Công tác thanh tra, kiểm tra; giải quyết khiếu nại, tố cáo; phòng chống tham nhũng; chống buôn lậu, gian lận thương mại", 1)
    k = b.k
    tot = rng.randint(20, 90) * k
    done = rng.randint(3, tot // 2)
    sp = rng.uniform(50, 4000) * k
    ngd, don = rng.randint(40, 400) * k, rng.randint(10, 120) * k
    vu = int(rng.uniform(60, 700) * (0.6 + 0.4 * s) * k)
    xp = int(vu * rng.uniform(0.6, 0.95))
    tien = xp * rng.uniform(3, 12)
    kt = rng.randint(2, 60) * k
    b.para().sentence([
        "Trong tháng, toàn {kind} đã tổ chức triển khai thực hiện và kết thúc {cuoc} cuộc thanh tra, kiểm tra, phát hiện sai phạm về kinh tế {sp}; kiến nghị thu hồi {th} triệu đồng.",
        "Các cơ quan thanh tra đã triển khai {cuoc} cuộc thanh tra, kiểm tra, qua đó phát hiện sai phạm về kinh tế {sp}, kiến nghị thu hồi {th} triệu đồng.",
    ], kind=p.kind, cuoc=f"{pad(done)}/{pad(tot)}",
        sp=V(f"{vn_num(sp, 3)} triệu đồng", "sai_pham", "số tiền sai phạm về kinh tế phát hiện qua thanh tra", "là"),
        th=vn_num(sp * rng.uniform(0.6, 1.0), 2))
    b.sentence([
        "Các cơ quan hành chính trong {kind} tiếp {ngd} công dân, tiếp nhận {don} khiếu nại, tố cáo, kiến nghị, phản ánh.",
        "Công tác tiếp công dân được duy trì, các cơ quan hành chính đã tiếp {ngd} công dân; tiếp nhận {don} các loại.",
    ], kind=p.kind, ngd=V(f"{ngd} lượt", "tiep_dan", "số lượt công dân được tiếp", "là", "bao nhiêu lượt công dân được tiếp"),
        don=V(f"{don} đơn thư", "don_thu", "số đơn thư khiếu nại, tố cáo tiếp nhận trong tháng", "là", "bao nhiêu đơn thư"))
    thq = rng.randint(4, 25) * k
    gq = rng.randint(1, thq)
    b.sentence([
        "Số đơn thuộc thẩm quyền giải quyết của thủ trưởng cơ quan hành chính là {thq} đơn, đã giải quyết được {gq}/{thq} đơn, đạt tỷ lệ {tl}.",
        "Đã giải quyết {gq}/{thq} đơn thuộc thẩm quyền, đạt tỷ lệ {tl}.",
    ], thq=pad(thq), gq=pad(gq), tl=V(vn_num(gq / thq * 100, 1) + "%", "ty_le_giai_quyet_don", "tỷ lệ giải quyết đơn thư thuộc thẩm quyền", "đạt"))
    _fill(b, p, "inspection", 1, 2, y)
    b.para().sentence([
        "Trong tháng, các cơ quan chức năng đã phát hiện vi phạm {vu} buôn lậu, gian lận thương mại, hàng giả, hàng cấm; xử phạt vi phạm hành chính {xp} vụ, tổng số tiền xử lý vi phạm hành chính {tien}; khởi tố {kt} vụ.",
        "Lực lượng chức năng kiểm tra, phát hiện {vu} vi phạm về buôn lậu, gian lận thương mại và hàng giả; đã xử lý {xp} vụ, thu nộp ngân sách {tien}; khởi tố {kt} vụ.",
    ], vu=V(f"{vn_int(vu)} vụ", "buon_lau_vu", "số vụ buôn lậu, gian lận thương mại, hàng giả bị phát hiện", "là", "bao nhiêu vụ buôn lậu, gian lận thương mại bị phát hiện"),
        xp=vn_int(xp), kt=pad(kt), tien=V(f"{vn_num(tien, 2)} triệu đồng", "buon_lau_tien", "tổng số tiền xử lý vi phạm hành chính về buôn lậu, gian lận thương mại", "là"))


def _security(b: _Builder, p: Province, y: int, m: int) -> None:
    rng, s = b.rng, p.scale
    b.heading("6. Quốc phòng, an ninh và đối ngoại", 1)
    k = b.k
    hs = int(rng.uniform(8, 70) * (0.6 + 0.4 * s) * k)
    rate = rng.uniform(78, 98)
    mt_v = int(rng.uniform(10, 80) * (0.6 + 0.4 * s) * k)
    mt_d = int(mt_v * rng.uniform(1.1, 1.8))
    tn = rng.randint(2, 30) * k
    chet, bt = rng.randint(1, tn + 3), rng.randint(0, tn)
    dv = rng.choice([-1, 1]) * rng.randint(1, 6)
    dv_txt = f"tăng {pad(dv)} vụ" if dv > 0 else f"giảm {pad(-dv)} vụ"
    b.para().sentence([
        "Tình hình an ninh chính trị và trật tự an toàn xã hội được bảo đảm, chủ quyền biên giới quốc gia được giữ vững.",
        "Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn cơ bản ổn định.",
    ] if p.gates else [
        "Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn cơ bản ổn định.",
        "An ninh chính trị, trật tự an toàn xã hội được giữ vững, không để xảy ra tình huống bất ngờ.",
    ])
    b.sentence([
        "Trong tháng, xảy ra {hs} phạm pháp hình sự, tỷ lệ khám phá án đạt {rate}, trọng án đạt 100%.",
        "Trong tháng xảy ra {hs} phạm pháp về trật tự xã hội; đã điều tra, làm rõ, tỷ lệ khám phá đạt {rate}.",
    ], hs=V(f"{pad(hs)} vụ", "hinh_su", "số vụ phạm pháp hình sự", "là", "bao nhiêu vụ phạm pháp hình sự"),
        rate=V(vn_num(rate, 2) + "%", "kham_pha_an", "tỷ lệ khám phá án", "đạt"))
    b.sentence([
        "Phát hiện, bắt {mt}, {md} đối tượng phạm tội về ma túy, thu giữ {g} gam Heroine và {vien} viên ma túy tổng hợp.",
        "Lực lượng chức năng phát hiện, bắt giữ {mt}, {md} đối tượng vi phạm pháp luật về ma túy.",
    ], mt=V(f"{pad(mt_v)} vụ", "ma_tuy_vu", "số vụ phạm tội về ma túy bị phát hiện, bắt giữ", "là", "bao nhiêu vụ phạm tội về ma túy bị bắt giữ"),
        md=pad(mt_d), g=vn_num(rng.uniform(5, 900), 2), vien=vn_int(rng.randint(50, 9000)))
    b.sentence([
        "Trong tháng xảy ra {tn} tai nạn giao thông ({dv} so với cùng kỳ), làm chết {chet}, bị thương {bt} người.",
        "Tai nạn giao thông xảy ra {tn}, làm chết {chet} và bị thương {bt} người; so với cùng kỳ {dv}.",
    ], tn=V(f"{pad(tn)} vụ", "tngt_vu", "số vụ tai nạn giao thông", "là", "bao nhiêu vụ tai nạn giao thông"),
        dv=dv_txt, chet=V(f"{pad(chet)} người", "tngt_chet", "số người chết do tai nạn giao thông", "là", "bao nhiêu người chết vì tai nạn giao thông"),
        bt=pad(bt))
    _fill(b, p, "security", 1, 2, y)
    if p.gates:
        b.para().add(f"Tiếp tục tăng cường quan hệ hữu nghị, hợp tác với các địa phương giáp biên của {p.neighbor}; phối hợp quản lý, bảo vệ biên giới, duy trì hoạt động tuần tra song phương.")


def _admin(b: _Builder, p: Province, y: int, m: int) -> None:
    rng, s = b.rng, p.scale
    b.heading("7. Công tác cải cách hành chính", 1)
    b.para().sentence([
        "Triển khai Kế hoạch cải cách hành chính năm {y}; tiếp tục rà soát, đơn giản hóa thủ tục hành chính, nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
        "Tiếp tục thực hiện Kế hoạch cải cách hành chính {kind} năm {y}, kiểm tra công tác cải cách hành chính tại một số sở, ngành và {districts}.",
    ], y=str(y), kind=p.kind, districts=p.districts)
    _fill(b, p, "admin", 1, 2, y)
    tot = int(rng.uniform(3000, 30000) * (0.6 + 0.4 * s) * b.k)
    onl = int(tot * rng.uniform(0.4, 0.85))
    post = int(tot * rng.uniform(0.003, 0.02))
    direct = tot - onl - post
    tra = int(tot * rng.uniform(0.9, 1.05))
    qh = rng.randint(0, 15) * b.k
    truoc = int(tra * rng.uniform(0.2, 0.6))
    dung = tra - truoc - qh
    pc = lambda a, t: vn_num(a / t * 100, 2) + "%"  # noqa: E731
    last = rng.randint(18, 25)
    office = "Bộ phận Tiếp nhận và trả kết quả" if p.kind == "huyện" else "Trung tâm Phục vụ hành chính công"
    b.sentence([
        "Từ ngày 01/{mon0}/{y} đến ngày {last}/{mon}/{y}, " + office + " đã tiếp nhận {tot}, trong đó tiếp nhận trực tiếp {dir} hồ sơ (chiếm {pd}), trực tuyến {onl} (chiếm {po}), qua dịch vụ bưu chính công ích {post} hồ sơ (chiếm {pp}); trả kết quả {tra}, trong đó trước hạn {truoc} hồ sơ (chiếm {pt}), đúng hạn {dung} hồ sơ (chiếm {pdh}), quá hạn {qh} (chiếm {pq}).",
        "Trong tháng, " + office + " {kind} tiếp nhận {tot} (trực tiếp {dir} hồ sơ, chiếm {pd}; trực tuyến {onl}, chiếm {po}; bưu chính công ích {post} hồ sơ, chiếm {pp}); đã trả kết quả {tra}, trong đó trước hạn {truoc} hồ sơ, đúng hạn {dung} hồ sơ, quá hạn {qh}.",
    ], y=str(y), mon=mm(m), mon0=mm(b.per.start), last=str(last), kind=p.kind,
        tot=V(f"{vn_int(tot)} hồ sơ", "hs_tiep_nhan", "số hồ sơ Trung tâm Phục vụ hành chính công tiếp nhận", "là", "bao nhiêu hồ sơ được Trung tâm Phục vụ hành chính công tiếp nhận"),
        dir=vn_int(direct), pd=pc(direct, tot),
        onl=V(f"{vn_int(onl)} hồ sơ", "hs_truc_tuyen", "số hồ sơ tiếp nhận trực tuyến", "là", "bao nhiêu hồ sơ được tiếp nhận trực tuyến"), po=pc(onl, tot),
        post=pad(post), pp=pc(post, tot),
        tra=V(f"{vn_int(tra)} hồ sơ", "hs_tra_kq", "số hồ sơ đã trả kết quả", "là", "bao nhiêu hồ sơ đã được trả kết quả"),
        truoc=vn_int(truoc), pt=pc(truoc, tra), dung=vn_int(dung), pdh=pc(dung, tra),
        qh=V(f"{pad(qh)} hồ sơ", "hs_qua_han", "số hồ sơ trả kết quả quá hạn", "là", "bao nhiêu hồ sơ quá hạn"), pq=pc(qh, tra))


_TASKS = (
    ("Tập trung chỉ đạo triển khai, thực hiện đồng bộ, quyết liệt các Nghị quyết của Chính phủ, Ban Chấp hành Đảng bộ {kind}, Hội đồng nhân dân {kind} về nhiệm vụ, mục tiêu phát triển kinh tế - xã hội và dự toán ngân sách năm {y}. Tổ chức kiểm tra tình hình triển khai kế hoạch phát triển kinh tế - xã hội tại {districts} và một số cơ quan, đơn vị.",
     "Bám sát các chỉ tiêu, nhiệm vụ được giao, tập trung chỉ đạo quyết liệt các giải pháp thúc đẩy tăng trưởng kinh tế năm {y}. Các cơ quan, đơn vị rà soát tiến độ thực hiện nhiệm vụ trọng tâm, kịp thời đề xuất giải pháp đối với các chỉ tiêu có nguy cơ không đạt kế hoạch."),
    ("Chỉ đạo thực hiện kế hoạch sản xuất {season}; cung ứng đầy đủ, kịp thời, bảo đảm chất lượng các loại giống, vật tư nông nghiệp. Chủ động các phương án phòng chống thiên tai, dịch bệnh cho cây trồng và vật nuôi; tăng cường các biện pháp quản lý, bảo vệ và phòng chống cháy rừng. Đẩy nhanh tiến độ thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới.",
     "Theo dõi chặt chẽ diễn biến thời tiết, chỉ đạo sản xuất {season} đúng khung thời vụ; tăng cường công tác phòng, chống dịch bệnh gia súc, gia cầm. Tiếp tục triển khai có hiệu quả các chương trình, đề án phát triển nông nghiệp, xây dựng các chuỗi liên kết trong sản xuất, tiêu thụ nông sản."),
    ("Tăng cường nắm bắt tình hình xuất nhập khẩu, kịp thời triển khai các biện pháp tháo gỡ khó khăn, vướng mắc, nâng cao năng lực thông quan hàng hóa, hạn chế ùn tắc hàng hóa tại các cửa khẩu. Tăng cường kiểm tra, kiểm soát, đấu tranh, ngăn chặn việc buôn bán, vận chuyển hàng cấm, hàng nhập lậu, hàng giả, kém chất lượng.",
     "Hỗ trợ doanh nghiệp tìm kiếm, mở rộng thị trường xuất khẩu; tăng cường kiểm tra việc chấp hành pháp luật về giá, thực hiện các nhiệm vụ bình ổn giá và xử lý nghiêm các hành vi buôn lậu, gian lận thương mại."),
    ("Tăng cường kiểm tra, đôn đốc các chủ đầu tư, nhà thầu đẩy nhanh tiến độ thi công các chương trình, dự án, nhất là các dự án trọng điểm. Tập trung tháo gỡ vướng mắc trong công tác giải phóng mặt bằng, phấn đấu hoàn thành mục tiêu giải ngân kế hoạch vốn đầu tư công năm {y}{^fn}.",
     "Quyết liệt đẩy nhanh tiến độ giải ngân vốn đầu tư công, vốn các chương trình mục tiêu quốc gia; xử lý nghiêm các tập thể, cá nhân gây chậm trễ trong giải ngân. Khẩn trương hoàn thiện thủ tục chuẩn bị đầu tư các dự án khởi công mới theo đúng chỉ đạo của Thủ tướng Chính phủ{^fn}."),
    ("Duy trì ổn định sản xuất của các cơ sở công nghiệp hiện có; tập trung giải quyết các vướng mắc về thủ tục thành lập, đầu tư hạ tầng các cụm công nghiệp. Theo dõi sát diễn biến cung cầu, giá cả thị trường; triển khai mạnh mẽ các biện pháp kích cầu du lịch.",
     "Tạo điều kiện thuận lợi cho các doanh nghiệp công nghiệp mở rộng sản xuất; đẩy nhanh tiến độ đầu tư hạ tầng các khu, cụm công nghiệp. Nâng cao chất lượng phục vụ của hệ thống ngân hàng, dịch vụ vận tải, bưu chính, viễn thông; tổ chức tốt các hoạt động quảng bá, xúc tiến du lịch."),
    ("Kịp thời tháo gỡ khó khăn, vướng mắc, hỗ trợ, đồng hành cùng doanh nghiệp, hợp tác xã, hộ kinh doanh. Thực hiện hiệu quả các nhiệm vụ, giải pháp cải thiện môi trường kinh doanh, nâng cao năng lực cạnh tranh cấp {kind} (PCI); tăng cường kiểm tra, đôn đốc tiến độ các dự án đầu tư ngoài ngân sách.",
     "Tổ chức đối thoại, gặp mặt doanh nghiệp để kịp thời nắm bắt, tháo gỡ khó khăn; triển khai các hoạt động hỗ trợ phát triển doanh nghiệp nhỏ và vừa, tích cực thu hút các nhà đầu tư có năng lực."),
    ("Tập trung chỉ đạo quyết liệt công tác quản lý thu ngân sách; tăng cường kiểm tra, thanh tra chống thất thu, gian lận thuế, giảm nợ đọng thuế. Quản lý chi ngân sách theo đúng quy định, bảo đảm chặt chẽ, hiệu quả, tiết kiệm.",
     "Rà soát, xác định rõ các nguồn thu, sắc thuế, đổi mới biện pháp thu hiệu quả hơn; tiếp tục hoàn thiện các thủ tục để tổ chức đấu giá quyền sử dụng đất theo kế hoạch."),
    ("Chỉ đạo thực hiện tốt công tác dạy và học; thực hiện tốt công tác y tế dự phòng, các biện pháp phòng, chống dịch bệnh; bảo đảm chất lượng thuốc, giá các dịch vụ y tế. Đẩy mạnh các biện pháp bảo đảm vệ sinh an toàn thực phẩm. Thực hiện đầy đủ, kịp thời các chính sách an sinh xã hội, không để hộ dân nào bị thiếu đói.",
     "Nâng cao chất lượng giáo dục, đào tạo; tăng cường công tác khám, chữa bệnh và y tế dự phòng. Tổ chức tốt các hoạt động văn hóa, thể thao; thực hiện tốt công tác giảm nghèo, giải quyết việc làm và chăm lo đời sống Nhân dân."),
    ("Tiếp tục thực hiện công tác chuyển đổi số trên các lĩnh vực, duy trì hiệu quả các hệ thống dùng chung của {kind}. Tập trung thực hiện Đề án 06 của Chính phủ về phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử.",
     "Đẩy mạnh chuyển đổi số, phát triển chính quyền số, kinh tế số, xã hội số; nâng cao tỷ lệ hồ sơ trực tuyến toàn trình, thúc đẩy thanh toán không dùng tiền mặt."),
    ("Tăng cường công tác quản lý đất đai, tài nguyên, bảo vệ môi trường, chủ động ứng phó với biến đổi khí hậu; xử lý nghiêm vi phạm trong hoạt động khai thác, vận chuyển trái phép khoáng sản. Thực hiện tốt công tác thu hồi đất, giao đất, cho thuê đất, cấp giấy chứng nhận quyền sử dụng đất.",
     "Hoàn thành phê duyệt kế hoạch sử dụng đất cấp huyện năm {y}; tăng cường kiểm tra, xử lý các vi phạm về đất đai, khoáng sản, môi trường."),
    ("Tăng cường công tác quản lý biên giới, bảo đảm giữ vững an ninh, trật tự an toàn xã hội. Tiếp tục đẩy mạnh tấn công trấn áp tội phạm, bảo đảm trật tự an toàn giao thông, phòng, chống cháy nổ.",
     "Duy trì nghiêm chế độ trực sẵn sàng chiến đấu; chủ động nắm chắc tình hình, giữ vững an ninh chính trị, trật tự an toàn xã hội; kiềm chế, kéo giảm tai nạn giao thông trên cả ba tiêu chí."),
    ("Triển khai nghiêm túc kế hoạch thanh tra, kiểm tra năm {y}; nâng cao chất lượng tiếp công dân, giải quyết khiếu nại, tố cáo; triển khai đồng bộ các giải pháp phòng, chống tham nhũng, lãng phí. Đẩy mạnh cải cách hành chính, kiểm soát thủ tục hành chính, nâng cao các chỉ số PAR INDEX, PCI, PAPI.",
     "Tăng cường kỷ luật, kỷ cương hành chính, nâng cao trách nhiệm người đứng đầu; tiếp tục sắp xếp tổ chức bộ máy, tinh giản biên chế; thực hiện hiệu quả các đề án, chương trình về cải cách hành chính."),
)

_TASK_DOCS = (
    ("BKHĐT-TH", "Bộ Kế hoạch và Đầu tư", "tình hình giải ngân kế hoạch vốn đầu tư công"),
    ("BTC-ĐT", "Bộ Tài chính", "thanh toán, quyết toán vốn đầu tư công"),
    ("BGTVT-KHĐT", "Bộ Giao thông vận tải", "chuẩn bị đầu tư các dự án giao thông trọng điểm"),
    ("VPCP-KTTH", "Văn phòng Chính phủ", "đẩy mạnh giải ngân vốn đầu tư công"),
)


def _tasks(b: _Builder, p: Province, y: int, m: int) -> None:
    rng, per = b.rng, b.per
    nxt = per.next()
    ny, nm = nxt.year, nxt.start
    if per.kind in ("month", "quarter"):
        b.heading(f"III. NHIỆM VỤ TRỌNG TÂM {b.next_this.upper()}", 0)
    else:
        b.heading(f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ {b.next_this.upper()}", 0)
    b.para().add(b.pick([
        "Để hoàn thành các mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm {y}, các cấp, các ngành cần tập trung thực hiện các nhiệm vụ, giải pháp chủ yếu sau:",
        "{Next}, các sở, ban, ngành, UBND {districts} tập trung thực hiện tốt các nhiệm vụ trọng tâm sau:",
    ]).format(y=ny, Next=_cap(b.next_this) if per.kind != "month" else "Trong " + b.next_this.rsplit(" năm ", 1)[0],
              districts=p.districts))
    idx = list(range(len(_TASKS)))
    n = rng.randint(8, 12)
    drop = sorted(rng.sample(idx, len(idx) - n))
    chosen = [i for i in idx if i not in drop]
    if 3 not in chosen:  # the investment task carries the footnote
        chosen[rng.randrange(len(chosen))] = 3
        chosen.sort()
    code, org, about = b.pick(_TASK_DOCS)
    no = rng.randint(120, 9800)
    dd = rng.randint(1, 28)
    doc = V(f"{no}/{code}", "task_doc", "số hiệu văn bản được viện dẫn trong nhiệm vụ về giải ngân vốn đầu tư công", "là")
    fn = _Footnote().add("Công văn số {doc} ngày {d} của {org} về việc {about}.", doc=doc, d=f"{dd:02d}/{mm(m)}/{y}", org=org, about=about)
    season = _season(p, nm)
    extras = _FILLER["task"]
    order = rng.sample(range(len(extras)), len(extras))  # each extra sentence at most once
    for k, i in enumerate(chosen, 1):
        tpl = b.pick(_TASKS[i])
        tpl = tpl.replace("{kind}", p.kind).replace("{y}", str(ny)).replace("{districts}", p.districts).replace("{season}", season)
        if i == 10 and not p.gates:
            tpl = tpl.replace("Tăng cường công tác quản lý biên giới, bảo đảm giữ vững", "Bảo đảm giữ vững")
        b.para().add(f"{k}. " + tpl, fn=fn)
        if order and rng.random() < 0.4:
            b.add(extras[order.pop()].format(districts=p.districts))
    b.para().add(b.pick([
        "Đẩy mạnh công tác thông tin, tuyên truyền, tạo khí thế thi đua sôi nổi trong lao động, sản xuất; quyết tâm chung sức, đồng lòng thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm {y}./.",
        "Trên đây là báo cáo tình hình kinh tế - xã hội {tp}, nhiệm vụ trọng tâm {nt} của {who}./.",
    ]).format(y=ny, tp=b.title_per, nt=b.next_this, who=b.iss.name))


_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lương", "Nông", "Hà")
_MIDDLE = ("Văn", "Thị", "Đức", "Xuân", "Minh", "Hữu", "Quang", "Thanh", "Ngọc", "Công", "Trọng", "Thu")
_GIVEN = ("Huyền", "Hùng", "Dũng", "Hải", "Long", "Tuấn", "Thắng", "Phương", "Lan", "Hà", "Sơn", "Quý", "Trung", "Bình", "Cường", "Khánh", "Nam", "Thành")


def _back(b: _Builder, p: Province, y: int, m: int) -> None:
    """Nơi nhận and signature; the signer is stable per issuer and year (as in life)."""
    rng, prov, iss = b.rng, b.prov, b.iss
    b.back("Nơi nhận:")
    k = prov.kind
    if iss.level == "tinh":
        party = prov.party
        lines = [f"- Thường trực {party};", f"- Thường trực HĐND {k};", f"- Đoàn đại biểu Quốc hội {k};",
                 f"- Chủ tịch, các Phó Chủ tịch UBND {k};", f"- Các Ban đảng {party};", f"- TAND, VKSND {k};",
                 f"- Ủy ban MTTQ và các đoàn thể {k};", "- Các sở, ban, ngành;", f"- UBND {prov.districts};"]
        if rng.random() < 0.5:
            lines.append(f"- Báo {prov.name}, Đài PT-TH {k},\nCơ quan TTXVN tại {prov.name};")
        else:
            lines.append(f"- Báo {prov.name}, Đài PT-TH {k};")
        lines += [f"- C, PCVP UBND {k}, các phòng CM, ĐV;", "- Lưu: VT, TH."]
    elif iss.level == "ctk":
        lines = ["- Tổng cục Thống kê (b/c);", f"- Thường trực {prov.party}, HĐND, UBND {k};", "- Các sở, ban, ngành;",
                 "- Lãnh đạo Cục;", "- Lưu: VT, TKTH."]
    elif iss.level == "so":
        lines = [f"- UBND {k} (b/c);", f"- Cục Thống kê {k};", "- Các sở, ban, ngành;", "- Giám đốc, các PGĐ Sở;",
                 "- Lưu: VT, TH."]
    else:
        lines = [f"- UBND {prov.full} (b/c);", f"- Sở {'Tài chính' if y >= 2025 else 'Kế hoạch và Đầu tư'};",
                 "- Thường trực Huyện ủy;", "- Thường trực HĐND huyện;", "- Chủ tịch, các PCT UBND huyện;",
                 "- Các phòng, ban, ngành;", "- UBND các xã, thị trấn;", "- Lưu: VT."]
    b.back("\n".join(lines))
    who = random.Random(f"{iss.name}|{y}")  # str seeds are hashed with sha512: stable across runs
    name = f"{who.choice(_FAMILY)} {who.choice(_MIDDLE)} {who.choice(_GIVEN)}"
    b.back(iss.signs[0] if rng.random() < 0.8 else iss.signs[1])
    b.back(name)


# --------------------------------------------------------------------------- layout


def _cut_ok(s: str, i: int, numbered: bool) -> bool:
    """May a page end at the space s[i]? Never after punctuation or a marker, never so
    that the continuation looks like a heading, a footnote or a list item."""
    if i <= 0 or i >= len(s) - 1 or s[i] != " ":
        return False
    a, c = s[i - 1], s[i + 1]
    if not (a.isalnum() and c.isalnum()) or a in _SUP_CHARS or c in _SUP_CHARS:
        return False
    if i < (_HEADING_MAX + 10 if numbered else 60) or len(s) - i < 30:
        return False
    return not HEADING_RE.match(s[i + 1 : i + 12])


def _find_cut(s: str, limit: int, numbered: bool) -> int:
    """Last admissible cut position at or before ``limit`` (-1 if none)."""
    i = s.rfind(" ", 0, max(0, min(limit, len(s) - 1)) + 1)
    while i > 0:
        if _cut_ok(s, i, numbered):
            return i
        i = s.rfind(" ", 0, i)
    return -1


def _layout(b: _Builder, rng: random.Random) -> tuple[list[str], list[tuple[int, str]], dict[int, list[str]], int]:
    """Cut the reading-order paragraphs into pages and print footnotes at page feet.

    Returns the printed paragraphs, the body pieces per paragraph index (for page-break
    tagging), the printed pieces of each footnote, and the number of pages.
    """
    paras = b.paras
    fn_len = {fn.number: len(fn.text) + len(sup(fn.number)) + 1 for p in paras for fn in p.fns}
    pages: list[list[tuple[int, str]]] = []  # per page: (para index, printed piece)
    page_fns: list[list[int]] = []
    queue: list[tuple[int, str]] = [(i, p.printed) for i, p in enumerate(paras)]
    qi = 0
    markers = lambda s: len(re.findall(f"[{_SUP_CHARS}]+", s))  # noqa: E731
    consumed = {}  # para index -> markers already printed on earlier pages

    def fns_of(i: int, piece: str) -> list[int]:
        k0 = consumed.get(i, 0)
        k = markers(piece)
        return [fn.number for fn in paras[i].fns[k0 : k0 + k]]

    while qi < len(queue):
        budget = rng.randint(2500, 3200)
        used, page, fns = 0, [], []
        while qi < len(queue):
            i, piece = queue[qi]
            kind = paras[i].kind
            if kind == "back":  # signature block stays on the last page
                page.append((i, piece))
                fns += fns_of(i, piece)
                qi += 1
                continue
            new_fns = fns_of(i, piece) if kind == "body" else []
            need = len(piece) + 2 + sum(fn_len[n] + 2 for n in new_fns)
            if used + need <= budget or kind == "front":
                page.append((i, piece))
                fns += new_fns
                consumed[i] = consumed.get(i, 0) + len(new_fns)
                used += need
                qi += 1
                continue
            room = budget - used
            cut = -1
            if kind == "body" and (rng.random() < 0.85 or used < budget * 0.5):
                limit = room - sum(fn_len[n] + 2 for n in new_fns)
                numbered = bool(HEADING_RE.match(piece))  # tails never look numbered
                cut = _find_cut(piece, limit, numbered)
                if cut > 0:
                    head_fns = fns_of(i, piece[:cut])
                    over = used + cut + sum(fn_len[n] + 2 for n in head_fns) - budget
                    if over > 0:
                        cut = _find_cut(piece, cut - over, numbered)
            if cut > 0:
                head, tail = piece[:cut], piece[cut + 1 :]
                page.append((i, head))
                hf = fns_of(i, head)
                fns += hf
                consumed[i] = consumed.get(i, 0) + len(hf)
                queue[qi] = (i, tail)
            else:
                # paragraph boundary; a heading never ends a page (it moves to the next)
                trailing = 0
                while trailing < len(page) and paras[page[-1 - trailing][0]].kind == "heading":
                    trailing += 1
                if trailing < len(page):
                    del page[len(page) - trailing :]
                    qi -= trailing
                else:  # nothing but headings (or nothing) yet: accept the block whole
                    page.append((i, piece))
                    fns += new_fns
                    consumed[i] = consumed.get(i, 0) + len(new_fns)
                    qi += 1
            break
        pages.append(page)
        page_fns.append(fns)

    fn_by_num = {fn.number: fn for p in paras for fn in p.fns}
    fn_pieces: dict[int, list[str]] = {n: [fn_by_num[n].text] for n in fn_by_num}
    carry: dict[int, tuple[int, str]] = {}  # page index -> (footnote number, tail printed there)
    for pi in range(len(pages) - 1):
        if not page_fns[pi] or not page_fns[pi + 1]:
            continue
        n = page_fns[pi][-1]
        text = fn_by_num[n].text
        if len(text) < 160 or rng.random() > (0.6 if len(text) > 300 else 0.3):
            continue
        cut = _find_cut(text, int(len(text) * rng.uniform(0.45, 0.75)), False)
        if cut <= 0:
            continue
        fn_pieces[n] = [text[:cut], text[cut + 1 :]]
        carry[pi + 1] = (n, text[cut + 1 :])

    out: list[str] = []
    body_pieces: list[tuple[int, str]] = []
    for pi, page in enumerate(pages):
        for i, piece in page:
            out.append(piece)
            body_pieces.append((i, piece))
        if pi in carry:
            out.append(carry[pi][1])
        for n in page_fns[pi]:
            out.append(f"{sup(n)} {fn_pieces[n][0]}")
    return out, body_pieces, fn_pieces, len(pages)


def _evidence(s: str, a: int, b: int) -> str:
    """The clause (between "; " or sentence ends) holding s[a:b]; the whole sentence if the
    clause is too short to stand alone. Final punctuation is dropped."""
    ss = s.rfind(". ", 0, a)
    ss = 0 if ss < 0 else ss + 2
    se = s.find(". ", b)
    se = len(s) if se < 0 else se
    cs = s.rfind("; ", ss, a)
    cs = ss if cs < 0 else cs + 2
    ce = s.find("; ", b, se)
    ce = se if ce < 0 else ce
    ev = s[cs:ce]
    if len(ev) < 50:
        ev = s[ss:se]
    return ev.rstrip(" .;:")


# --------------------------------------------------------------------------- public API


def generate_report(province: str | Province, period: Period | tuple[int, int], rng: random.Random,
                    level: str | None = None, district: str | None = None) -> SynthReport:
    """Generate one report; all randomness comes from ``rng``.

    ``period`` is a `Period` or (year, month) for a monthly report; ``level`` (one of `LEVELS`)
    and, for "huyen", ``district`` are drawn from ``rng`` when not given.
    """
    p = province if isinstance(province, Province) else _BY_NAME.get(province) or Province(province)
    per = Period.month(*period) if isinstance(period, tuple) else period
    if level is None:
        level = rng.choices(LEVELS, _LEVEL_WEIGHTS)[0]
        if level == "huyen" and p.name not in DISTRICTS and not district:
            level = "tinh"
    if level == "huyen":
        district = district or DISTRICTS[p.name][rng.randrange(2)]
        unit = Province(district, kind="huyện", scale=p.scale * 0.12, neighbor=p.neighbor, south=p.south,
                        poor=min(0.5, p.poor * 1.3))
    else:
        district, unit = "", p
    b = _Builder(rng, per, p, unit, level)
    iss = b.iss = _issuer(level, p, district, per.year)
    x = rng.random()
    b.mstyle = ("word" if x < 0.7 else "pad") if level == "ctk" else "pad" if x < 0.6 else "plain" if x < 0.9 else "word"
    year, month = per.year, per.end
    _front(b, p, iss, district)
    if level != "ctk":
        _direction(b, unit, year, month)
        b.heading(f"II. TÌNH HÌNH KINH TẾ - XÃ HỘI {b.title_per.upper()}", 0)
    b.heading("1. Lĩnh vực phát triển kinh tế", 1)
    for section in (_agriculture, _trade, _investment, _industry, _enterprise, _budget,
                    _social, _digital, _environment, _inspection, _security, _admin, _tasks, _back):
        if section is _tasks and level == "ctk":
            continue
        section(b, unit, year, month)

    printed, body_pieces, fn_pieces, npages = _layout(b, rng)
    text = unicodedata.normalize("NFC", "\n\n" + "\n\n".join(printed))

    clean_paras: list[str] = []
    for para in b.paras:
        clean_paras.append(para.clean)
        clean_paras.extend(fn.text for fn in para.fns)
    clean_text = unicodedata.normalize("NFC", "\n\n".join(clean_paras))

    pieces_of: dict[int, list[str]] = {}
    for i, piece in body_pieces:
        pieces_of.setdefault(i, []).append(strip_markers(piece))
    facts: list[dict] = []
    for i, para in enumerate(b.paras):
        for v, a, e in para.spans:
            facts.append(_fact(v, para.clean, a, e, para.section, None, pieces_of.get(i, [])))
        for fn in para.fns:
            for v, a, e in fn.spans:
                facts.append(_fact(v, fn.text, a, e, para.section, fn.number, fn_pieces[fn.number]))
    return SynthReport(text=text, filename=f"{p.slug}_{iss.file_code}_{per.code}.txt", province=p.name,
                       year=year, month=month, facts=facts, clean_text=clean_text, pages=npages,
                       period=per, level=level, issuer=iss.name, district=district)


def _fact(v: V, s: str, a: int, e: int, section: tuple, fn_no: int | None, pieces: list[str]) -> dict:
    ev = unicodedata.normalize("NFC", _evidence(s, a, e))
    return {
        "key": v.key,
        "question_template_fields": {"subject": v.subject, "verb": v.verb, "howmany": v.howmany},
        "scope": v.scope,
        "say": list(v.say),
        "answer": str(v),
        "evidence": ev,
        "section": list(section),
        "footnote": fn_no is not None,
        "footnote_number": fn_no,
        "page_break": not any(ev in piece for piece in pieces),
    }


def _slots(n: int) -> tuple[int, int]:
    """Grid shape for n reports: a few provinces, each over several periods."""
    n_prov = max(1, min(len(PROVINCES), round(math.sqrt(n * 2.5))))
    n_periods = math.ceil(n / n_prov)
    if n_periods > _N_SLOTS:
        n_prov = len(PROVINCES)
        n_periods = math.ceil(n / n_prov)
    return n_prov, n_periods


#: A corpus never holds two periods of a province ending in the same month (a quarter and its
#: last month, a year and its December): "9 tháng năm 2024" must name one report.
_N_SLOTS = 12 * len(YEARS)


def _pick_periods(rng: random.Random, n: int) -> list[Period]:
    """n periods ending in distinct months, every kind present when n allows it, in time order."""
    cands = all_periods()
    chosen: list[Period] = []
    ends: list[tuple[int, int]] = []
    for kind in (PERIOD_KINDS if n >= len(PERIOD_KINDS) else ()):
        pool = [c for c in cands if c.kind == kind and (c.year, c.end) not in ends]
        c = pool[rng.randrange(len(pool))]
        chosen.append(c)
        ends.append((c.year, c.end))
    for i in rng.sample(range(len(cands)), len(cands)):
        if len(chosen) >= n:
            break
        c = cands[i]
        if (c.year, c.end) not in ends:
            chosen.append(c)
            ends.append((c.year, c.end))
    if n < len(PERIOD_KINDS):
        chosen = chosen[:n]
    return sorted(chosen)


def generate_corpus(n_reports: int, seed: int) -> list[SynthReport]:
    """n reports over a province x period grid (each slot at most once), sorted by province
    order then period. The periods mix months, quarters, first halves and years; each report's
    issuer (UBND tỉnh, Cục Thống kê, a Sở, a UBND huyện) and layout are drawn from its own
    derived RNG, so that the content of one report does not depend on how long the others were."""
    cap = len(PROVINCES) * _N_SLOTS
    if not 0 <= n_reports <= cap:
        raise ValueError(f"n_reports must be between 0 and {cap}")
    if n_reports == 0:
        return []
    rng = random.Random(seed)
    n_prov, n_periods = _slots(n_reports)
    provinces = sorted(rng.sample(range(len(PROVINCES)), n_prov))
    periods = _pick_periods(rng, n_periods)
    cells = [(pi, per) for pi in provinces for per in periods]
    if len(cells) > n_reports:
        cells = sorted(rng.sample(cells, n_reports))
    seeds = [rng.getrandbits(64) for _ in cells]
    return [generate_report(PROVINCES[pi], per, random.Random(sd)) for (pi, per), sd in zip(cells, seeds)]


def write_corpus(reports: list[SynthReport], folder: str | Path) -> list[Path]:
    """Write each report as UTF-8 (no BOM, "\\n" line ends, no final newline, like the sample)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for r in reports:
        path = folder / r.filename
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(r.text)
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- layout undo


def reading_order(text: str) -> str:
    """Undo the page layout using the text alone (what an ingester has to do).

    Footnote paragraphs ("¹ ...") are lifted out; an unmarked paragraph printed right
    before a marked footnote while the previous footnote is unfinished is that footnote's
    continuation; a body paragraph (from the first heading to "Nơi nhận:") without final
    punctuation (not a heading) continues in the next body paragraph; markers are removed; each footnote follows the paragraph
    that cites it. Returns the same string as ``SynthReport.clean_text``.
    """
    paras = text.strip("\n").split("\n\n")
    kinds: list[str] = []
    fns: dict[int, str] = {}
    pending: int | None = None
    for j, p in enumerate(paras):
        m = _FN_PARA_RE.match(p)
        if m:
            n = int(m.group(1).translate(str.maketrans(_SUP_CHARS, "0123456789")))
            fns[n] = p[m.end():]
            pending = None if p.endswith(tuple(_TERMINAL)) else n
            kinds.append("fn")
        elif pending is not None and j + 1 < len(paras) and _FN_PARA_RE.match(paras[j + 1]):
            fns[pending] += " " + p
            pending = None
            kinds.append("fn")
        else:
            kinds.append("text")
    out: list[str] = []
    body = ended = False
    joining = False
    for p, k in zip(paras, kinds):
        if k == "fn":
            continue
        if not body and not ended and HEADING_RE.match(p) and len(p) <= _HEADING_MAX and not p.endswith(tuple(_TERMINAL)):
            body = True  # the body starts at the first heading
        if p == "Nơi nhận:":
            body, ended = False, True
        if joining:
            p = out.pop() + " " + p
        is_heading = bool(HEADING_RE.match(p)) and len(p) <= _HEADING_MAX and not p.endswith(tuple(_TERMINAL))
        joining = body and not is_heading and not p.endswith(tuple(_TERMINAL))
        out.append(p)
    result: list[str] = []
    for p in out:
        nums = [int(x.translate(str.maketrans(_SUP_CHARS, "0123456789"))) for x in _MARKER_RE.findall(p)]
        result.append(strip_markers(p))
        result.extend(fns[n] for n in nums if n in fns)
    return "\n\n".join(result)


# --------------------------------------------------------------------------- questions

# How people name each figure: (kind, names, count nouns). kind decides the question shape:
# "amount" (là bao nhiêu), "count" (có bao nhiêu X), "rate" (bao nhiêu phần trăm), "change"
# (tăng hay giảm bao nhiêu). Written as an official or a journalist asks, not as the report says it.
_SAY: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "vb_quyetdinh": ("count", ("số quyết định cá biệt đã ký", "quyết định cá biệt UBND ra"), ("quyết định cá biệt",)),
    "vb_kehoach": ("count", ("số kế hoạch UBND ra", "kế hoạch đã ban hành"), ("kế hoạch được ban hành",)),
    "vb_chidao": ("count", ("số công văn chỉ đạo", "văn bản điều hành đã ký"), ("công văn chỉ đạo",)),
    "cuoc_hop": ("count", ("số cuộc họp lãnh đạo UBND chủ trì",), ("cuộc họp lãnh đạo UBND chủ trì",)),
    "crop_area": ("amount", ("diện tích xuống giống", "diện tích gieo cấy", "tổng diện tích cây trồng"), ()),
    "herd_trau": ("count", ("đàn trâu", "số trâu"), ("con trâu",)),
    "herd_bo": ("count", ("đàn bò", "số bò"), ("con bò",)),
    "herd_lon": ("count", ("đàn heo", "đàn lợn", "số lợn"), ("con heo", "con lợn")),
    "herd_giacam": ("amount", ("đàn gà vịt", "đàn gia cầm", "số gia cầm"), ()),
    "tiem_phong": ("count", ("số lượt tiêm vắc xin cho vật nuôi", "tiêm phòng cho gia súc, gia cầm"), ("lượt vật nuôi được tiêm",)),
    "trong_rung": ("amount", ("diện tích rừng trồng mới", "rừng trồng mới"), ("ha rừng trồng mới",)),
    "ntm_xa": ("count", ("số xã đạt nông thôn mới", "xã về đích nông thôn mới"), ("xã đạt chuẩn nông thôn mới",)),
    "ocop": ("count", ("số sản phẩm OCOP 3 sao trở lên", "sản phẩm OCOP"), ("sản phẩm OCOP từ 3 sao",)),
    "xnk_total": ("amount", ("kim ngạch xuất nhập khẩu", "giá trị xuất nhập khẩu", "tổng xuất nhập khẩu"), ()),
    "xnk_growth": ("change", ("kim ngạch xuất nhập khẩu so cùng kỳ", "xuất nhập khẩu so với năm trước"), ()),
    "xnk_export": ("amount", ("xuất khẩu", "giá trị hàng xuất khẩu", "kim ngạch xuất khẩu"), ()),
    "xnk_import": ("amount", ("nhập khẩu", "giá trị hàng nhập về", "kim ngạch nhập khẩu"), ()),
    "xnk_cum": ("amount", ("kim ngạch xuất nhập khẩu", "xuất nhập khẩu cộng dồn", "giá trị xuất nhập khẩu"), ()),
    "xe_ngay": ("amount", ("số xe hàng thông quan mỗi ngày", "lượng xe qua cửa khẩu một ngày"), ()),
    "xk_diaphuong": ("amount", ("xuất khẩu của doanh nghiệp địa phương", "hàng xuất khẩu của doanh nghiệp sở tại"), ()),
    "dtc_nsdp": ("amount", ("vốn ngân sách địa phương đã giải ngân", "giải ngân vốn ngân sách địa phương"), ()),
    "dtc_nstw": ("amount", ("vốn trung ương đã giải ngân", "giải ngân vốn NSTW"), ()),
    "dtc_oda": ("amount", ("vốn ODA đã giải ngân", "giải ngân vốn ODA"), ()),
    "dtc_mtqg": ("amount", ("vốn chương trình mục tiêu quốc gia đã giải ngân", "giải ngân vốn các chương trình MTQG"), ()),
    "dtc_total": ("amount", ("giải ngân đầu tư công", "tiền đầu tư công đã giải ngân", "vốn đầu tư công giải ngân được"), ()),
    "dtc_pct": ("rate", ("tỷ lệ giải ngân đầu tư công", "giải ngân đầu tư công so kế hoạch"), ()),
    "iip": ("change", ("chỉ số IIP", "chỉ số sản xuất công nghiệp", "sản xuất công nghiệp"), ()),
    "iip_cum": ("change", ("chỉ số IIP", "chỉ số sản xuất công nghiệp cộng dồn"), ()),
    "cpi": ("change", ("CPI", "chỉ số giá tiêu dùng", "giá cả tiêu dùng"), ()),
    "ban_le": ("amount", ("tổng mức bán lẻ", "doanh thu bán lẻ hàng hóa, dịch vụ", "sức mua bán lẻ"), ()),
    "van_tai": ("amount", ("doanh thu vận tải", "doanh thu ngành vận tải"), ()),
    "von_huy_dong": ("amount", ("vốn huy động ngân hàng", "tiền gửi ngân hàng huy động được"), ()),
    "du_no": ("amount", ("dư nợ cho vay", "dư nợ tín dụng ngân hàng", "tổng dư nợ"), ()),
    "khach_du_lich": ("amount", ("lượng khách du lịch", "số khách du lịch", "khách du lịch đến"), ("lượt khách du lịch",)),
    "khach_du_lich_cum": ("amount", ("lượng khách du lịch", "tổng lượt khách du lịch"), ("lượt khách du lịch",)),
    "doanh_thu_du_lich": ("amount", ("doanh thu du lịch", "tiền thu từ khách du lịch", "thu từ du lịch"), ()),
    "dn_moi": ("count", ("số doanh nghiệp mới", "doanh nghiệp đăng ký mới"), ("doanh nghiệp mới thành lập", "doanh nghiệp ra đời")),
    "dn_von": ("amount", ("vốn đăng ký của doanh nghiệp mới", "vốn doanh nghiệp mới đăng ký"), ()),
    "dn_quay_lai": ("count", ("doanh nghiệp hoạt động lại",), ("doanh nghiệp hoạt động trở lại",)),
    "du_an_von": ("amount", ("vốn các dự án mới được chấp thuận", "vốn đăng ký dự án được duyệt chủ trương"), ()),
    "thu_ngan_sach": ("amount", ("tiền thu ngân sách", "thu ngân sách", "tổng thu ngân sách"), ()),
    "thu_ngan_sach_cum": ("amount", ("tiền thu ngân sách", "thu ngân sách", "tổng thu ngân sách"), ()),
    "thu_noi_dia": ("amount", ("thu nội địa", "tiền thu nội địa"), ()),
    "chi_ngan_sach": ("amount", ("chi ngân sách địa phương", "tiền chi ngân sách", "tổng chi ngân sách"), ()),
    "kham_benh": ("count", ("số lượt khám bệnh", "lượt khám chữa bệnh"), ("lượt khám bệnh",)),
    "dieu_tri_noi_tru": ("count", ("bệnh nhân nội trú", "lượt nằm viện điều trị"), ("lượt bệnh nhân nằm viện",)),
    "suat_qua": ("count", ("quà tặng gia đình chính sách", "suất quà cho người có công"), ("suất quà",)),
    "ho_ngheo": ("count", ("số hộ nghèo",), ("hộ nghèo",)),
    "ty_le_ho_ngheo": ("rate", ("tỷ lệ hộ nghèo", "hộ nghèo chiếm"), ()),
    "ho_can_ngheo": ("count", ("số hộ cận nghèo",), ("hộ cận nghèo",)),
    "viec_lam": ("count", ("việc làm mới", "số người có việc làm mới"), ("người được tạo việc làm",)),
    "bhyt": ("rate", ("tỷ lệ người dân có bảo hiểm y tế", "độ phủ BHYT", "tỷ lệ bao phủ BHYT"), ()),
    "tram_bts": ("count", ("trạm BTS được cho xây mới",), ("vị trí trạm BTS được duyệt",)),
    "cccd": ("count", ("hồ sơ căn cước đã nhận", "hồ sơ CCCD thu nhận"), ("hồ sơ căn cước",)),
    "truc_tuyen_toan_trinh": ("rate", ("tỷ lệ hồ sơ online toàn trình", "tỷ lệ dịch vụ công trực tuyến toàn trình"), ()),
    "gp_moi_truong": ("count", ("giấy phép môi trường đã cấp",), ("giấy phép môi trường",)),
    "gcn_to_chuc": ("count", ("sổ đỏ cấp cho tổ chức", "giấy chứng nhận đất cho tổ chức"), ("sổ đỏ cho tổ chức",)),
    "gcn_ho_gia_dinh": ("count", ("sổ đỏ cấp cho hộ dân", "giấy chứng nhận đất cho hộ gia đình"), ("sổ đỏ cho hộ dân",)),
    "gcn_ho_dien_tich": ("amount", ("diện tích đất cấp sổ đỏ cho hộ dân", "diện tích cấp giấy chứng nhận cho hộ gia đình"), ()),
    "de_tai": ("count", ("đề tài khoa học đang theo dõi", "đề tài, dự án khoa học công nghệ đang quản lý"), ("đề tài, dự án khoa học",)),
    "sai_pham": ("amount", ("tiền sai phạm thanh tra phát hiện", "sai phạm kinh tế qua thanh tra"), ()),
    "tiep_dan": ("count", ("lượt tiếp dân",), ("lượt tiếp công dân",)),
    "don_thu": ("count", ("đơn khiếu nại, tố cáo nhận được", "đơn thư tiếp nhận"), ("đơn thư",)),
    "ty_le_giai_quyet_don": ("rate", ("tỷ lệ giải quyết đơn thuộc thẩm quyền", "tỷ lệ đơn đã giải quyết"), ()),
    "buon_lau_vu": ("count", ("vụ buôn lậu, hàng giả bị phát hiện",), ("vụ buôn lậu, hàng giả",)),
    "buon_lau_tien": ("amount", ("tiền phạt buôn lậu, hàng giả", "tiền xử phạt gian lận thương mại"), ()),
    "hinh_su": ("count", ("số vụ hình sự", "án hình sự"), ("vụ phạm pháp hình sự", "vụ án hình sự")),
    "kham_pha_an": ("rate", ("tỷ lệ phá án", "tỷ lệ khám phá án hình sự"), ()),
    "ma_tuy_vu": ("count", ("vụ ma túy bị bắt",), ("vụ ma túy",)),
    "tngt_vu": ("count", ("tai nạn giao thông", "số vụ TNGT"), ("vụ tai nạn giao thông", "vụ TNGT")),
    "tngt_chet": ("count", ("người chết vì tai nạn giao thông", "số người tử vong do TNGT"), ("người chết do tai nạn giao thông",)),
    "hs_tiep_nhan": ("count", ("hồ sơ thủ tục hành chính nhận vào", "hồ sơ một cửa tiếp nhận"), ("hồ sơ hành chính được nhận",)),
    "hs_truc_tuyen": ("count", ("hồ sơ nộp online", "hồ sơ nộp qua mạng"), ("hồ sơ nộp trực tuyến",)),
    "hs_tra_kq": ("count", ("hồ sơ đã trả kết quả", "hồ sơ giải quyết xong"), ("hồ sơ đã có kết quả",)),
    "hs_qua_han": ("count", ("hồ sơ trễ hạn", "hồ sơ quá hạn"), ("hồ sơ trễ hẹn", "hồ sơ trả muộn")),
}
_BORDER_SAY = {"xnk_total": ("hàng qua cửa khẩu", "giá trị hàng hóa qua cửa khẩu"),
               "xnk_cum": ("hàng qua cửa khẩu",)}

_Q_AMOUNT = (
    "{What} {where} {when} là bao nhiêu?",
    "{Where} {when}: {what} được bao nhiêu?",
    "{When}, {what} của {where} là bao nhiêu?",
    "Cho hỏi {what} ở {where} {when}?",
    "{What} ở {where} {when} đạt bao nhiêu vậy?",
    "Số liệu {what} của {where} {when}?",
    "{Where} {when} {what} bao nhiêu?",
)
_Q_COUNT = (
    "{Where} {when} có bao nhiêu {count}?",
    "{When} {where} có bao nhiêu {count}?",
    "Bao nhiêu {count} ở {where} {when}?",
    "{Where} có mấy {count} {when}?",
)
_Q_RATE = (
    "{What} {where} {when} là bao nhiêu phần trăm?",
    "{When}, {what} ở {where} được bao nhiêu %?",
    "{Where} {when}: {what} bao nhiêu %?",
)
_Q_CHANGE = (
    "{What} {where} {when} tăng hay giảm, bao nhiêu?",
    "{When}, {what} của {where} thay đổi bao nhiêu phần trăm?",
    "{Where} {when}, {what} tăng (giảm) mấy %?",
)
_Q_TASK_DOC = (
    "Báo cáo {when} của {where} dẫn công văn số mấy khi bàn chuyện giải ngân đầu tư công?",
    "Phần nhiệm vụ về giải ngân đầu tư công trong báo cáo {where} {when} nhắc tới công văn nào?",
    "Công văn nào được viện dẫn ở nhiệm vụ giải ngân đầu tư công, báo cáo {where} {when}?",
)
#: Figures no report gives (unanswerable questions about a report that exists).
_ABSENT_SAY = (
    ("count", ("số ca sốt xuất huyết",), ("ca sốt xuất huyết",)),
    ("amount", ("sản lượng cá đánh bắt", "sản lượng thủy sản khai thác"), ()),
    ("count", ("số vụ cháy",), ("vụ cháy nổ", "vụ hỏa hoạn")),
    ("count", ("khách ngủ homestay",), ("lượt khách lưu trú homestay",)),
)
_MONTH_SAY = {10: "mười", 11: "mười một", 12: "mười hai", 1: "giêng"}


def _norm(s: str) -> str:
    """The matching normalisation of docs/reference.md: NFC, lower case, white space collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s).lower()).strip()


def _words(text: str) -> list[str]:
    """Words for the copy check, folded (no diacritics, lower case): stricter than the project's checker."""
    return re.findall(r"\w+", strip_diacritics(unicodedata.normalize("NFC", text)).lower())


COPY_WORDS = 5  # a question sharing this many consecutive words with a report copies it


def _grams(texts, n: int = COPY_WORDS) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for t in texts:
        w = _words(t)
        out.update(tuple(w[i:i + n]) for i in range(len(w) - n + 1))
    return out


def copies(question: str, grams: set[tuple[str, ...]], n: int = COPY_WORDS) -> bool:
    w = _words(question)
    return any(tuple(w[i:i + n]) in grams for i in range(len(w) - n + 1))


def _place_names(prov: Province, district: str = "") -> list[str]:
    """How people name the report's place: "Thái Nguyên", "tỉnh Thái Nguyên", "huyện Đại Từ (Thái Nguyên)"."""
    if district:
        return [f"huyện {district} ({prov.name})", f"huyện {district}, {prov.name}", f"{district} ({prov.name})",
                f"huyện {district} {prov.kind} {prov.name}"]
    return [prov.name, prov.name, prov.full]


def _time_names(per: Period, cum: bool = False, ref_year: int | None = None) -> list[str]:
    """How people name a period ("tháng 10/2023", "quý 3 năm ngoái", "nửa đầu 2024"); ``cum``: from the
    start of the year to the period's end ("10 tháng đầu năm 2023"); ``ref_year``: the year "now", for
    "năm nay"/"năm ngoái" (only when given)."""
    y, n = per.year, per.n
    if cum and per.has_cum:
        e = per.end
        if e == 12:
            return [f"cả năm {y}", f"năm {y}", f"tính chung năm {y}"]
        out = [f"{e} tháng đầu năm {y}", f"{e} tháng đầu {y}", f"từ đầu năm đến hết tháng {e}/{y}", f"cộng dồn {e} tháng năm {y}"]
        if per.kind == "quarter":
            out.append(f"từ đầu năm tới hết quý {n}/{y}")
        return out
    rel = {ref_year: "năm nay", (ref_year or 0) - 1: "năm ngoái"}.get(y) if ref_year else None
    if per.kind == "month":
        out = [f"tháng {n}/{y}", f"tháng {n:02d}/{y}", f"tháng {n} năm {y}", f"T{n}/{y}", f"tháng {n}-{y}"]
        if n in _MONTH_SAY:
            out.append(f"tháng {_MONTH_SAY[n]} năm {y}")
        if rel:
            out = [f"tháng {n} {rel}"]
    elif per.kind == "quarter":
        out = [f"quý {n}/{y}", f"quý {ROMAN[n - 1]}/{y}", f"quý {n} năm {y}", f"quý {ROMAN[n - 1]} năm {y}", f"Q{n}/{y}"]
        if rel:
            out = [f"quý {n} {rel}", f"quý {ROMAN[n - 1]} {rel}"]
    elif per.kind == "half":
        out = [f"nửa đầu {y}", f"nửa đầu năm {y}", f"6 tháng đầu năm {y}", f"6 tháng đầu {y}"]
        if rel:
            out = [f"nửa đầu {rel}", f"6 tháng đầu {rel}"]
    else:
        out = [f"năm {y}", f"cả năm {y}", f"trong năm {y}"]
        if rel:
            out = [rel, f"cả {rel}"]
    return out


def _say_of(fact: dict, border: bool) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    key = fact["key"]
    if fact.get("say"):
        return "amount", tuple(fact["say"]), ()
    kind, names, counts = _SAY.get(key, ("amount", (fact["question_template_fields"]["subject"],), ()))
    if border and key in _BORDER_SAY:
        names = names + _BORDER_SAY[key]
    return kind, names, counts


def _ask(rng: random.Random, grams: set, say: tuple, places: list[str], times: list[str], task_doc: bool = False) -> str:
    """One question in people's words; retried (same rng) until it copies no five words of a report."""
    kind, names, counts = say
    q = ""
    for _ in range(40):
        where, when = rng.choice(places), rng.choice(times)
        if task_doc:
            tpl = rng.choice(_Q_TASK_DOC)
        elif counts and rng.random() < 0.45:
            tpl = rng.choice(_Q_COUNT)
        else:
            tpl = rng.choice({"rate": _Q_RATE, "change": _Q_CHANGE}.get(kind, _Q_AMOUNT))
        what = rng.choice(names)
        if tpl.startswith("Số liệu") and what.startswith("số "):
            what = what[3:]
        count = rng.choice(counts) if counts else what
        q = tpl.format(What=_cap(what), what=what, Where=_cap(where), where=where, When=_cap(when), when=when,
                       count=count)
        q = re.sub(r"\s+", " ", q).strip()
        if not copies(q, grams):
            break
    return q


def _answers(answer: str) -> list[str]:
    """The figure as written; plus the bare number when it is distinctive on its own."""
    out = [answer]
    m = re.match(r"^(\d[\d.,]*)\s", answer)
    if m and len(m.group(1)) >= 4:
        out.append(m.group(1))
    if re.match(r"^0\d\s", answer):  # "09 người" is also right as "9 người"
        out.append(answer[1:])
    return out


def split_tag(qid: str) -> str:
    """The question's split, fixed by its id: "split:test" or "split:dev"."""
    return "split:test" if int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 2 else "split:dev"


def generate_questions(reports: list[SynthReport], rng: random.Random, per_report: int = 2,
                       unanswerable: int | None = None, id_prefix: str = "multi") -> list[dict]:
    """Questions in the question-set format of docs/reference.md over a corpus of look-alike reports.

    Each answerable question names what makes its report unique in ``reports``: the place
    (province; district and province for a UBND huyện report) and the period, as people say
    them ("Thái Nguyên tháng 10/2023", "quý 3 năm ngoái ở Hà Giang", "nửa đầu 2024"), with the
    figure named in their words ("đàn heo", "tiền thu ngân sách"); it shares no five consecutive
    words with any report. "năm nay"/"năm ngoái" count from the latest year of the corpus and are
    used only where the province and the period without its year already name one report. The
    evidence is a clause of the report's reading-order text which occurs in no other report;
    answers are the figures as printed. ``unanswerable`` defaults to max(6, 8% of the answerable
    ones): an absent province, an absent period of a present province, or a figure no report gives.
    Every question carries one split tag (`split_tag`).
    """
    grams = _grams(r.text for r in reports)
    ref_year = max((r.year for r in reports), default=None)
    pers = [r.period or Period.month(r.year, r.month) for r in reports]
    by_kind_n: dict[tuple, int] = {}
    for r, per in zip(reports, pers):
        by_kind_n[(r.province, per.kind, per.n)] = by_kind_n.get((r.province, per.kind, per.n), 0) + 1
    # evidence must identify one report: count over all facts, and (small corpora) by substring
    ev_count: dict[str, int] = {}
    for r in reports:
        for e in sorted({_norm(f["evidence"]) for f in r.facts}):
            ev_count[e] = ev_count.get(e, 0) + 1
    norm_texts = [_norm(r.clean_text) for r in reports] if len(reports) <= 200 else None

    answerable: list[dict] = []
    for ri, (r, per) in enumerate(zip(reports, pers)):
        prov = _BY_NAME[r.province]
        border = bool(prov.gates) and r.level != "huyen"
        pools = {"page_break": [], "footnote": [], "body": []}
        for f in r.facts:
            ne = _norm(f["evidence"])
            if ev_count.get(ne, 0) != 1:
                continue
            if norm_texts is not None and any(ne in t for j, t in enumerate(norm_texts) if j != ri):
                continue
            cat = "page_break" if f["page_break"] else "footnote" if f["footnote"] else "body"
            pools[cat].append(f)
        used: list[str] = []
        places = _place_names(prov, r.district)
        relative_ok = by_kind_n[(r.province, per.kind, per.n)] == 1 and ref_year - per.year in (0, 1)
        for _ in range(per_report):
            x = rng.random()
            want = "page_break" if x < 0.25 else "footnote" if x < 0.55 else "body"
            order = [want] + [c for c in ("body", "footnote", "page_break") if c != want]
            cands = next(([f for f in pools[c] if f["key"] not in used] for c in order
                          if any(f["key"] not in used for f in pools[c])), [])
            if not cands:
                break
            # pick a figure family first (crop_0..crop_6 count once) so the set stays varied
            fams = sorted({re.sub(r"_\d+$", "", c["key"]) for c in cands})
            fam = fams[rng.randrange(len(fams))]
            cands = [c for c in cands if re.sub(r"_\d+$", "", c["key"]) == fam]
            f = cands[rng.randrange(len(cands))]
            used.append(f["key"])
            cum = f.get("scope") == "cum" and per.has_cum
            relative = relative_ok and not cum and rng.random() < 0.15
            times = _time_names(per, cum=cum, ref_year=ref_year if relative else None)
            q = _ask(rng, grams, _say_of(f, border), places, times, task_doc=f["key"] == "task_doc")
            tags = ["multi", "footnote" if f["footnote"] else "body"]
            if f["page_break"]:
                tags.append("page_break")
            tags += [f"period:{per.kind}", f"issuer:{r.level}"]
            if cum:
                tags.append("cumulative")
            if relative:
                tags.append("relative_time")
            if rng.random() < 0.15:
                q = strip_diacritics(q)
                tags.append("no_diacritics")
            answerable.append({"question": q, "answers": _answers(f["answer"]), "evidence": [f["evidence"]],
                               "answerable": True, "tags": tags})

    n_un = max(6, round(len(answerable) * 0.08)) if unanswerable is None else unanswerable
    present_provs = sorted({r.province for r in reports}, key=lambda n: [p.name for p in PROVINCES].index(n))
    absent = list(ABSENT_PROVINCES) + [p for p in PROVINCES if p.name not in present_provs]
    present_pers = sorted(set(pers))
    all_facts = [(f, bool(_BY_NAME[r.province].gates) and r.level != "huyen")
                 for r in reports for f in r.facts if f["key"] != "task_doc"]
    unans: list[dict] = []
    for i in range(n_un if reports else 0):
        kind = i % 3
        district = ""
        if kind == 0:  # a province no report covers
            prov, per = absent[rng.randrange(len(absent))], present_pers[rng.randrange(len(present_pers))]
            f, _border = all_facts[rng.randrange(len(all_facts))]
            say = _say_of(f, False)
        elif kind == 1:  # a period no report of this province covers, not even in part
            prov = _BY_NAME[present_provs[rng.randrange(len(present_provs))]]
            mine = [q for r, q in zip(reports, pers) if r.province == prov.name]
            missing = [c for c in all_periods((2022,) + YEARS) if not any(c.overlaps(q) for q in mine)]
            per = missing[rng.randrange(len(missing))]
            f, _border = all_facts[rng.randrange(len(all_facts))]
            say = _say_of(f, False)
        else:  # a report that exists, a figure no report gives
            j = rng.randrange(len(reports))
            prov, per, district = _BY_NAME[reports[j].province], pers[j], reports[j].district
            say = _ABSENT_SAY[rng.randrange(len(_ABSENT_SAY))]
        q = _ask(rng, grams, say, _place_names(prov, district), _time_names(per))
        tags = ["multi", "unanswerable", f"period:{per.kind}"]
        if rng.random() < 0.15:
            q = strip_diacritics(q)
            tags.append("no_diacritics")
        unans.append({"question": q, "answers": [], "evidence": [], "answerable": False, "tags": tags})

    out = list(answerable)
    for u in unans:  # spread the unanswerable ones through the set
        out.insert(rng.randrange(len(out) + 1), u)
    width = max(3, len(str(len(out))))
    result = []
    for i, q in enumerate(out, 1):
        qid = f"{id_prefix}-{i:0{width}d}"
        result.append({"id": qid, **q, "tags": q["tags"] + [split_tag(qid)]})
    return result


def write_questions(questions: list[dict], path: str | Path) -> None:
    """JSON Lines, UTF-8, keys in the order of docs/reference.md."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = ("id", "question", "answers", "evidence", "answerable", "tags")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for q in questions:
            f.write(json.dumps({k: q[k] for k in keys}, ensure_ascii=False) + "\n")


def questions_rng(seed: int) -> random.Random:
    """The question RNG the CLI uses for a corpus seed (independent of the corpus RNG)."""
    return random.Random(seed * 1_000_003 + 17)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.synth", description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, required=True, help="number of reports")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True, help="folder for the .txt reports")
    ap.add_argument("--questions", help="also write a question set (JSON Lines) here")
    ap.add_argument("--questions-per-report", type=int, default=2)
    ap.add_argument("--unanswerable", type=int, default=None, help="default: max(6, 8%% of answerable)")
    args = ap.parse_args(argv)
    try:
        reports = generate_corpus(args.reports, args.seed)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    write_corpus(reports, args.out)
    msg = f"{len(reports)} reports -> {args.out}"
    if args.questions:
        qs = generate_questions(reports, questions_rng(args.seed), per_report=args.questions_per_report,
                                unanswerable=args.unanswerable)
        write_questions(qs, args.questions)
        msg += f"; {len(qs)} questions -> {args.questions}"
    print(msg, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
