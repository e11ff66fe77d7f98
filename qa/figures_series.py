"""Series across reports: one indicator's values by province and period, from the figure rows.

A journalist compares "thu ngân sách" of several provinces over several months.  The same
indicator is written many ways ("Tổng thu ngân sách nhà nước trên địa bàn ước thực hiện tháng
01", "Thu ngân sách nhà nước trên địa bàn tháng 06", "thu NSNN"), so a row belongs to the series
of an indicator when its metric, *normalised*, is the indicator's:

* abbreviations spelled out, diacritics and case folded;
* words that say when, where or how sure drop out: "tổng", "ước (thực hiện|đạt|tính)", "trên
  địa bàn", "toàn tỉnh", "trong tháng", "tháng 06", "năm 2024", "lũy kế", "đến hết ngày ...";
* then a short synonym table maps the variants of the indicators journalists ask for most
  ("giải ngân vốn đầu tư công" = "vốn đầu tư công giải ngân").

A month's figure and a cumulative one ("lũy kế", "tính chung 10 tháng", "đến hết ngày 30/06")
are different series: ``basis`` keeps them apart.  Which is which follows the report's period: in a
report of the first quarter, the first half or the year, "lũy kế đến hết ngày 31/03" is the period's
own figure.  Units are normalised (money to "tỷ đồng" or "triệu USD", tonnes to "nghìn tấn"), so
"418,1 tỷ đồng" and "418.100 triệu đồng" are one value.
Each point keeps the sentence, report and page it came from.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from index.vntext import canonical, strip_diacritics

from .figures_table import expand_abbreviations, fmt_vn, plain_number, safe_cell

BASIS_MONTH = "trong kỳ"
BASIS_CUMULATIVE = "lũy kế"

# base unit -> (unit shown, divisor)
UNIT_SCALE = {"đồng": ("tỷ đồng", 1e9), "USD": ("triệu USD", 1e6), "tấn": ("nghìn tấn", 1e3),
              "kWh": ("triệu kWh", 1e6)}

# folded variants -> the indicator they are (after the noise words are gone)
SYNONYMS = {
    "thu ngan sach": "thu ngan sach nha nuoc",
    "thu ngan sach nha nuoc": "thu ngan sach nha nuoc",
    "chi ngan sach": "chi ngan sach dia phuong",
    "chi ngan sach dia phuong": "chi ngan sach dia phuong",
    "xuat khau": "kim ngach xuat khau",
    "kim ngach xuat khau hang hoa": "kim ngach xuat khau",
    "gia tri hang xuat khau": "kim ngach xuat khau",
    "xuat nhap khau": "kim ngach xuat nhap khau",
    "nhap khau": "kim ngach nhap khau",
    "giai ngan von dau tu cong": "von dau tu cong giai ngan",
    "gia tri giai ngan von dau tu cong": "von dau tu cong giai ngan",
    "giai ngan ke hoach von dau tu cong": "von dau tu cong giai ngan",
    "gia tri khoi luong thuc hien va giai ngan cac du an nguon von dau tu cong": "von dau tu cong giai ngan",
    "von dau tu cong da giai ngan": "von dau tu cong giai ngan",
    "du no tin dung": "du no tin dung",
    "muc ban le hang hoa va doanh thu dich vu tieu dung": "ban le hang hoa va doanh thu dich vu tieu dung",
}

# whole families of wordings: (folded pattern, indicator)
_PATTERNS = [
    (re.compile(r"(?:gia tri )?(?:khoi luong (?:va )?)?giai ngan (?:ke hoach )?(?:cac du an )?von dau tu cong"),
     "von dau tu cong giai ngan"),
    (re.compile(r"gia tri khoi luong (?:va )?giai ngan von dau tu cong"), "von dau tu cong giai ngan"),
]

_NOISE = [
    r"ước(?: thực hiện| đạt| tính)?", r"kết quả", r"thực hiện", r"tổng(?: số)?", r"đạt", r"là",
    r"(?:trên|qua) địa bàn(?: (?:tỉnh|thành phố|huyện|xã))?", r"toàn (?:tỉnh|thành phố|huyện|xã)",
    r"của (?:tỉnh|thành phố|huyện|xã)", r"(?:tỉnh|thành phố) [A-ZĐÀ-Ỹ][\w ]*$",
    r"(?:trong )?(?:tháng|quý|năm)(?: (?:\d+(?:/\d{4})?|này|[IVX]+))?(?: năm \d{4})?",
    r"(?:lũy kế|luỹ kế|tính chung|cộng dồn|tính đến|từ đầu năm|đến nay)", r"(?:trong )?\d+ tháng(?: (?:đầu|cuối) năm)?",
    r"(?:đến hết|đến|hết)(?: ngày)?(?: \d{1,2}/\d{1,2}(?:/\d{4})?)?", r"kế hoạch năm \d{4}",
    r"các dự án nguồn", r"nguồn",
]
_NOISE_RE = re.compile(r"(?<![\w])(?:" + "|".join(_NOISE) + r")(?![\w])", re.IGNORECASE)
_CUMULATIVE_RE = re.compile(
    r"(?<![\w])(?:lũy kế|luỹ kế|tính chung|cộng dồn|từ đầu năm|\d+ tháng(?: đầu năm)?|"
    r"(?:đến|tính đến) hết(?: ngày)? \d|tính đến(?: ngày)? \d)", re.IGNORECASE)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", strip_diacritics(canonical(text)).lower()).strip()


def indicator_key(metric: str) -> str:
    """The normalised indicator of a metric ("Tổng thu NSNN trên địa bàn tháng 01" -> "thu ngan sach nha nuoc")."""
    t = expand_abbreviations(metric or "")
    t = re.sub(r"\([^()]*\)", " ", t)                 # "(IIP)", "(vốn cân đối ...)"
    t = re.sub(r"[–,;:]", " ", t)
    prev = None
    while prev != t:
        prev = t
        t = _NOISE_RE.sub(" ", t)
        t = re.sub(r"\s+", " ", t).strip()
    key = _fold(t)
    key = SYNONYMS.get(key, key)
    for rx, target in _PATTERNS:
        if rx.fullmatch(key):
            return target
    return key


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def period_parts(row: dict) -> tuple[str, int | None, int | None]:
    """(kind, number, first month) of the report's period, from the row's report metadata.

    ``number`` is the month, the quarter or the half (None for a year or when unknown); ``first
    month`` is the month the period's own figures start in (None when unknown): "quý I/2024" ->
    ("quarter", 1, 1), "6 tháng đầu năm 2023" -> ("half", 1, 1), "năm 2025" -> ("year", None, 1).
    A quarter labelled by its cumulative months ("9 tháng năm 2024") runs from January.
    """
    kind = row.get("period_kind") or ""
    label = _fold(row.get("period") or "")
    if kind == "month":
        m = row.get("month")
        return kind, m, m
    if kind == "quarter":
        q = re.search(r"\bquy ([ivx]+|\d)\b", label)
        n = (_ROMAN.get(q.group(1)) if not q.group(1).isdigit() else int(q.group(1))) if q else None
        if n is None and isinstance(row.get("month"), int) and row["month"] % 3 == 0:
            n = row["month"] // 3
        if re.search(r"(?<!thang )\b\d{1,2} thang\b", label) and not q:
            return kind, n, 1            # "9 tháng năm 2024": the figures run from January
        return kind, n, None if n is None else 3 * n - 2
    if kind == "half":
        n = 2 if "cuoi" in label else 1
        return kind, n, 1 if n == 1 else 7
    if kind == "year":
        return kind, None, 1
    return kind, None, None


def basis_of(row: dict) -> str:
    """The report's own period ("trong kỳ") vs cumulative from the start of the year ("lũy kế").

    A figure worded as running from January ("lũy kế", "tính chung 6 tháng", "đến hết ngày
    30/06") is cumulative only when the report's period starts later: in a report of the first
    quarter, the first half or the year (or of January) it *is* the period's own figure.
    """
    sentence = row.get("sentence") or ""
    start = row.get("start")
    clause = sentence
    if isinstance(start, int) and 0 <= start <= len(sentence):
        head = sentence[:start]
        cut = max(head.rfind(";"), head.rfind(". "))
        clause = head[cut + 1:]
    if _CUMULATIVE_RE.search(clause) or _CUMULATIVE_RE.search(row.get("metric") or ""):
        if period_parts(row)[2] == 1:
            return BASIS_MONTH      # from January to the period's end is the period itself
        return BASIS_CUMULATIVE
    return BASIS_MONTH


def normalised(row: dict) -> tuple[float, str] | None:
    """(value, unit) in the series' unit, or None when the row has no single number."""
    if row.get("value") is None or row.get("kind") == "ratio":
        return None
    base = row.get("base_unit") or ""
    scaled = row.get("scaled")
    if scaled is None:
        return None
    if row.get("kind") == "percent":
        return float(row["value"]), "%"
    unit, div = UNIT_SCALE.get(base, (base or (row.get("unit") or ""), 1.0))
    return float(scaled) / div, unit


@dataclass
class Point:
    province: str
    period: str
    year: int | None
    month: int | None
    basis: str
    value: float
    unit: str
    value_text: str          # as printed
    printed_unit: str
    metric: str
    sentence: str
    source: str
    title: str
    page: int | None
    section: str
    period_kind: str = ""    # "month" | "quarter" | "half" | "year" | ""
    period_no: int | None = None   # the quarter or the half

    @property
    def value_vn(self) -> str:
        return fmt_vn(round(self.value, 3))

    @property
    def when(self) -> str:
        """A sortable period label: "2024-06" (month), "2024-Q1" (quarter), "2023-H1" (half), "2025" (year)."""
        if self.year and self.month and self.period_kind in ("month", ""):
            return f"{int(self.year):04d}-{int(self.month):02d}"
        if self.year and self.period_kind == "quarter" and self.period_no:
            return f"{int(self.year):04d}-Q{self.period_no}"
        if self.year and self.period_kind == "half" and self.period_no:
            return f"{int(self.year):04d}-H{self.period_no}"
        return str(self.year or self.period)


def _period_no(row: dict) -> int | None:
    kind, n, _ = period_parts(row)
    return n if kind in ("quarter", "half") else None


def series(rows: list[dict], indicator: str, basis: str | None = None) -> list[Point]:
    """The points of one indicator, by province then period; one point per report, province, basis.

    ``basis`` None keeps both month and cumulative points (apart, in ``Point.basis``).
    """
    key = indicator_key(indicator)
    points: list[Point] = []
    seen = set()
    for r in rows:
        if indicator_key(r.get("metric") or "") != key:
            continue
        norm = normalised(r)
        if norm is None:
            continue
        b = basis_of(r)
        if basis is not None and b != basis:
            continue
        ident = (r.get("source"), r.get("province"), b, norm[1])
        if ident in seen:        # the same figure again in the report (a footnote, a summary)
            continue
        seen.add(ident)
        points.append(Point(
            province=r.get("province") or "", period=r.get("period") or "", year=r.get("year"),
            month=r.get("month"), basis=b, value=norm[0], unit=norm[1], value_text=r.get("value_text") or "",
            printed_unit=r.get("unit") or "", metric=r.get("metric") or "", sentence=r.get("sentence") or "",
            source=r.get("source") or "", title=r.get("title") or "", page=r.get("page"),
            section=r.get("section") or "", period_kind=r.get("period_kind") or "",
            period_no=_period_no(r)))
    # one unit per series: the commonest (a count and an amount are not one indicator)
    if points:
        units = [p.unit for p in points]
        main = max(set(units), key=lambda u: (units.count(u), u))
        points = [p for p in points if p.unit == main]
    points.sort(key=lambda p: (p.basis != BASIS_MONTH, p.province, p.when))
    return points


def indicators(rows: list[dict], min_reports: int = 2) -> list[tuple[str, int]]:
    """Indicators met in at least ``min_reports`` reports, with how many: what a series can be drawn of."""
    reports: dict[str, set] = {}
    label: dict[str, str] = {}
    for r in rows:
        if r.get("value") is None:
            continue
        k = indicator_key(r.get("metric") or "")
        if not k:
            continue
        reports.setdefault(k, set()).add(r.get("source"))
        label.setdefault(k, r.get("metric") or k)
    out = [(label[k], len(v)) for k, v in reports.items() if len(v) >= min_reports]
    return sorted(out, key=lambda kv: (-kv[1], kv[0]))


SERIES_COLUMNS = ["Tỉnh", "Kỳ", "Cơ sở", "Giá trị", "Đơn vị", "Nguyên văn", "Chỉ tiêu", "Câu gốc", "Báo cáo", "Trang"]


def series_table(points: list[Point]) -> list[list]:
    """Rows for the series table (values the Vietnamese way; the sentence each point came from)."""
    return [[p.province, p.period, p.basis, p.value_vn, p.unit, f"{p.value_text} {p.printed_unit}".strip(),
             p.metric, p.sentence, p.title or p.source, "" if p.page is None else p.page] for p in points]


def series_csv(points: list[Point], path: str | Path) -> Path:
    """The series as CSV (UTF-8 with BOM, cells safe from formula injection, a plain-number column)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Tỉnh", "Kỳ", "Cơ sở", "Giá trị", "Đơn vị", "Giá trị (số)", "Nguyên văn", "Chỉ tiêu",
                    "Câu gốc", "Tệp nguồn", "Trang"])
        for p in points:
            w.writerow([safe_cell(p.province), safe_cell(p.period), safe_cell(p.basis), p.value_vn, safe_cell(p.unit),
                        plain_number(p.value), safe_cell(f"{p.value_text} {p.printed_unit}".strip()),
                        safe_cell(p.metric), safe_cell(p.sentence), safe_cell(p.source),
                        "" if p.page is None else p.page])
    return path
