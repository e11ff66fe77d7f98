"""The journalists' figure table: every figure the ingest extracted, one row each.

Why a module of its own: the Gradio tab, the `baocao figures` command, the CSV export and the
tests share it, and none of it needs Gradio.  Figures come from each chunk's "figures" metadata
(a JSON list written at ingest by :mod:`index.figures`); the report's province and period come
from its registry record.  Building the table reads the store only: no embedder, no re-parsing.

* A row keeps ``value_text`` exactly as printed ("15/55", "1.000 - 1.200", "trên 40%") and
  ``value`` the number it denotes (None for a range or a ratio, which carry their ends/terms).
* People read numbers the Vietnamese way ("418,1", "1.226,1"): :func:`fmt_vn`.  The CSV adds a
  machine column with the plain number for spreadsheets.
* CSV cells that a spreadsheet would run as a formula are neutralised (OWASP "CSV injection").
* Search matches the query as a phrase in the metric and section first, in the sentence second
  (ranked), with or without diacritics, abbreviations either way ("thu NSNN" = "thu ngân sách
  nhà nước"); filters narrow by report, province, period and section.
"""
from __future__ import annotations

import csv
import html
import json
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from index.abbreviations import ABBREVIATIONS
from index.vntext import canonical, collapse_ws, has_diacritics, strip_diacritics

# the contract of `baocao figures --json`: exactly these keys, in this order
JSON_KEYS = ("value", "value_text", "unit", "metric", "comparison", "sentence", "source", "title",
             "province", "period", "section_path", "page")

# display columns, in order (Vietnamese headers, as journalists read them)
COLUMNS = [
    ("stt", "STT"),
    ("value_text", "Giá trị"),
    ("unit", "Đơn vị"),
    ("metric", "Chỉ tiêu"),
    ("comparison", "So sánh"),
    ("section", "Mục"),
    ("title", "Báo cáo"),
    ("province", "Tỉnh"),
    ("period", "Kỳ"),
    ("page", "Trang"),
]
DATATYPES = ["number", "number", "str", "str", "str", "html", "html", "str", "str", "number"]
COLUMN_WIDTHS = ["4%", "9%", "6%", "20%", "16%", "13%", "10%", "7%", "10%", "5%"]
# the CSV: what a person reads, then the plain numbers for a spreadsheet, then what to quote
CSV_COLUMNS = [
    ("value_text", "Giá trị"), ("unit", "Đơn vị"), ("metric", "Chỉ tiêu"), ("comparison", "So sánh"),
    ("section", "Mục"), ("title", "Báo cáo"), ("province", "Tỉnh"), ("period", "Kỳ"), ("page", "Trang"),
    ("value", "Giá trị (số)"), ("value_low", "Cận dưới (số)"), ("value_high", "Cận trên (số)"),
    ("numerator", "Tử số"), ("denominator", "Mẫu số"),
    ("raw", "Nguyên văn"), ("sentence", "Câu gốc"), ("source", "Tệp nguồn"),
]
NUMERIC_CSV = {"value", "value_low", "value_high", "numerator", "denominator", "page"}
SHORT = 48   # characters of a long Mục/Báo cáo cell shown before "…" (the full text on hover)


# --------------------------------------------------------------------------- numbers for people

def fmt_vn(x: float | int | None, decimals: int | None = None) -> str:
    """A number the Vietnamese way: "." groups thousands, "," marks decimals.

    418.1 -> "418,1", 467245 -> "467.245", 1226.1 -> "1.226,1", 0.81 -> "0,81".  Without
    ``decimals`` the number keeps the decimals it has (up to 6), trailing zeros dropped.
    """
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return ""
    d = Decimal(repr(float(x))) if not isinstance(x, int) else Decimal(x)
    if decimals is not None:
        d = d.quantize(Decimal(1).scaleb(-decimals))
    else:
        d = d.quantize(Decimal("0.000001")).normalize()
    sign = "-" if d < 0 else ""
    text = format(abs(d), "f")
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups)
    if frac and decimals is None:
        frac = frac.rstrip("0")
    return sign + out + ("," + frac if frac else "")


def plain_number(x) -> str:
    """The machine column: a plain number a spreadsheet reads in any locale ("418100000000", "0.81")."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return ""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return format(Decimal(repr(float(x))).normalize(), "f")


# --------------------------------------------------------------------------- rows

def _figures(md: dict) -> list[dict]:
    try:
        figs = json.loads(md.get("figures") or "[]")
    except (TypeError, ValueError):
        return []
    return [f for f in figs if isinstance(f, dict) and (f.get("value_text") or f.get("raw"))]


def _section_path(md: dict) -> list[str]:
    try:
        path = json.loads(md.get("section_path") or "[]")
    except (TypeError, ValueError):
        path = []
    return [str(p) for p in path] if isinstance(path, list) else []


def _page(md: dict) -> int | None:
    page = md.get("page", -1)
    try:
        return None if page is None or int(page) < 0 else int(page)
    except (TypeError, ValueError):
        return None


def _label(fig: dict) -> str:
    metric, counted = fig.get("metric") or "", fig.get("counted") or ""
    if counted and counted != metric:
        return f"{metric} – {counted}" if metric else counted
    unit = fig.get("unit") or ""
    if not metric and unit[:1].isalpha():
        return unit
    return metric


def _row(fig: dict, md: dict, chunk_id: str, record=None) -> dict:
    path = _section_path(md)
    meta = getattr(record, "meta", None) or {}
    if "value_text" in fig:
        value, value_text, unit = fig.get("value"), fig.get("value_text") or "", fig.get("unit") or ""
    else:   # figures stored before value_text existed: the mention as written, no number to trust
        value, value_text, unit = None, fig.get("raw") or "", ""
    return {
        "value": value,
        "value_text": value_text,
        "unit": unit,
        "metric": _label(fig),
        "comparison": fig.get("comparison") or "",
        "sentence": collapse_ws(fig.get("sentence") or ""),
        "source": md.get("source", "") or getattr(record, "source", ""),
        "title": getattr(record, "title", "") or md.get("title", ""),
        "province": getattr(record, "province", "") or md.get("province", "") or "",
        "period": getattr(record, "period", "") or md.get("period", "") or "",
        "section_path": path,
        "page": _page(md),
        # beyond the contract: for the table, the CSV and the series
        "section": " › ".join(path),
        "value_low": fig.get("value_low"),
        "value_high": fig.get("value_high"),
        "numerator": fig.get("numerator"),
        "denominator": fig.get("denominator"),
        "qualifier": fig.get("qualifier") or "",
        "base_unit": fig.get("base_unit") or "",
        "scaled": fig.get("scaled"),
        "kind": fig.get("kind") or "number",
        "raw": fig.get("raw") or "",
        "start": fig.get("start"),
        "in_footnote": bool(fig.get("in_footnote")),
        "year": meta.get("year") if meta.get("year") is not None else md.get("year"),
        "month": meta.get("month") if meta.get("month") is not None else md.get("month"),
        "period_kind": meta.get("period_kind") or md.get("period_kind") or "",
        "chunk_id": chunk_id,
    }


def rows_for_report(chunks, record) -> list[dict]:
    """The rows of one report: ``chunks`` as (chunk_id, text, metadata), ``record`` its registry record."""
    return [_row(f, md, cid, record) for cid, _text, md in chunks for f in _figures(md)]


def number_rows(rows: list[dict]) -> list[dict]:
    for i, r in enumerate(rows, start=1):
        r["stt"] = i
    return rows


def figure_rows(system) -> list[dict]:
    """All figures of all ingested reports, in report order then reading order; `stt` numbers them."""
    registry = system.store.documents()
    per_source = {src: rows_for_report(chunks, registry.get(src))
                  for src, chunks in system.store.committed_chunks(registry)}
    return number_rows([r for src in sorted(per_source) for r in per_source[src]])


def figure_json(row: dict) -> dict:
    """A row as the project's JSON contract (`baocao figures --json`): exactly JSON_KEYS."""
    out = {k: row.get(k) for k in JSON_KEYS}
    v = out["value"]
    out["value"] = None if v is None or (isinstance(v, float) and not math.isfinite(v)) else v
    out["section_path"] = list(row.get("section_path") or [])
    for k in ("value_text", "unit", "metric", "comparison", "sentence", "source", "title", "province", "period"):
        out[k] = out[k] or ""
    return out


# --------------------------------------------------------------------------- search

def _fold(text: str) -> str:
    return strip_diacritics(canonical(text)).lower()


_ABBREV_RE = re.compile(r"(?<![^\W_])(" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
                        + r")(?![^\W_])")


def expand_abbreviations(text: str) -> str:
    """ "thu NSNN" -> "thu ngân sách nhà nước" (case-sensitive: abbreviations are upper case)."""
    return _ABBREV_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], text or "")


def _forms(text: str) -> tuple[str, str]:
    """(canonical lower, folded) forms of a text, abbreviations spelled out, punctuation as spaces."""
    t = expand_abbreviations(text)
    t = re.sub(r"[^\w%]+", " ", canonical(t).lower()).strip()
    return t, _fold(t)


def _fields(row: dict) -> dict[str, tuple[str, str]]:
    cached = row.get("_forms")
    if cached is None:
        cached = {"metric": _forms(row.get("metric") or ""), "section": _forms(row.get("section") or ""),
                  "sentence": _forms(row.get("sentence") or "")}
        row["_forms"] = cached
    return cached


def _phrase_re(query: str) -> tuple[re.Pattern, int] | None:
    """The query as a whole-word phrase, and which form to match it in (0 canonical, 1 folded)."""
    canon, folded = _forms(query)
    if not folded:
        return None
    accented = has_diacritics(canon)
    words = (canon if accented else folded).split()
    return re.compile(r"(?<![\w])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w])"), 0 if accented else 1


# where the phrase was found: metric, then section, then the sentence only
TIER_METRIC, TIER_SECTION, TIER_SENTENCE = 0, 1, 2


def match_tier(row: dict, query: str) -> int | None:
    """How well a row matches: TIER_* (lower is better), None for no match."""
    pr = _phrase_re(query)
    if pr is None:
        return TIER_METRIC
    rx, form = pr
    f = _fields(row)
    for tier, key in ((TIER_METRIC, "metric"), (TIER_SECTION, "section"), (TIER_SENTENCE, "sentence")):
        if rx.search(f[key][form]):
            return tier
    return None


@dataclass
class Filters:
    source: str | list[str] | None = None
    province: str | None = None
    period: str | None = None
    section: str | None = None

    def describe(self) -> str:
        parts = [f"báo cáo {self.source if isinstance(self.source, str) else ', '.join(self.source)}"
                 if self.source else "", f"tỉnh {self.province}" if self.province else "",
                 f"kỳ {self.period}" if self.period else "", f"mục «{self.section}»" if self.section else ""]
        return ", ".join(p for p in parts if p)


def _loose_eq(a: str, b: str) -> bool:
    return _fold(collapse_ws(a or "")) == _fold(collapse_ws(b or ""))


def apply_filters(rows: list[dict], filters: Filters | None) -> list[dict]:
    if filters is None:
        return list(rows)
    out = rows
    if filters.source:
        wanted = {filters.source} if isinstance(filters.source, str) else set(filters.source)
        out = [r for r in out if r.get("source") in wanted]
    if filters.province:
        out = [r for r in out if _loose_eq(r.get("province", ""), filters.province)]
    if filters.period:
        out = [r for r in out if _loose_eq(r.get("period", ""), filters.period)]
    if filters.section:
        rx, form = _phrase_re(filters.section) or (None, 0)
        if rx is not None:
            out = [r for r in out if rx.search(_fields(r)["section"][form])]
    return list(out)


@dataclass
class SearchResult:
    rows: list[dict]
    total: int                 # figures in all reports
    in_scope: int              # figures left by the filters
    query: str = ""
    filters: Filters = field(default_factory=Filters)

    @property
    def count(self) -> int:
        return len(self.rows)

    def note(self) -> str:
        """The count of matches, or why there is none (Vietnamese, English in parentheses)."""
        if self.total == 0:
            return ("Chưa có số liệu nào: hãy nạp báo cáo ở thẻ «Báo cáo» "
                    "(no figures yet: ingest reports first).")
        scope = self.filters.describe()
        if self.in_scope == 0:
            return (f"Không có số liệu nào trong phạm vi lọc ({scope}); hãy bỏ bớt bộ lọc "
                    "(no figure in the filtered reports).")
        if not self.rows:
            return (f"Không có chỉ tiêu hay câu nào chứa cụm «{self.query}»"
                    + (f" trong phạm vi lọc ({scope})" if scope else "")
                    + "; thử từ ngắn hơn hoặc từ đồng nghĩa (no metric or sentence contains this phrase).")
        head = f"{self.count} số liệu khớp / {self.in_scope}"
        if scope:
            head += f" (lọc: {scope})"
        if self.query:
            in_metric = sum(1 for r in self.rows if r.get("_tier") == TIER_METRIC)
            head += f" — {in_metric} khớp ở chỉ tiêu"
        return head


def search(rows: list[dict], query: str | None = None, filters: Filters | None = None) -> SearchResult:
    """Rows matching the query phrase, ranked: metric, then section, then sentence; each tier in table order."""
    query = collapse_ws(query or "")
    filters = filters or Filters()
    scoped = apply_filters(rows, filters)
    if not query:
        for r in scoped:
            r["_tier"] = None
        return SearchResult(scoped, len(rows), len(scoped), query, filters)
    hits = []
    for r in scoped:
        tier = match_tier(r, query)
        if tier is not None:
            r["_tier"] = tier
            hits.append(r)
    hits.sort(key=lambda r: (r["_tier"], r.get("stt") or 0))
    return SearchResult(hits, len(rows), len(scoped), query, filters)


def filter_rows(rows: list[dict], query: str | None) -> list[dict]:
    """The rows `search` finds for a query, ranked (no filters)."""
    return search(rows, query).rows


# --------------------------------------------------------------------------- table

def _short(text: str, width: int = SHORT) -> str:
    """A long cell shortened at a word, the full text in a tooltip (HTML, escaped)."""
    text = text or ""
    if len(text) <= width:
        return html.escape(text)
    cut = text[:width].rsplit(" ", 1)[0] or text[:width]
    return f'<span title="{html.escape(text, quote=True)}">{html.escape(cut)}…</span>'


def _short_section(path_text: str) -> str:
    """A section cell: its last heading (what sets rows apart; the path starts alike in every row), shortened,
    the whole path in a tooltip."""
    path_text = path_text or ""
    last = path_text.rsplit(" › ", 1)[-1]
    if last == path_text and len(path_text) <= SHORT:
        return html.escape(path_text)
    cut = last if len(last) <= SHORT else (last[:SHORT].rsplit(" ", 1)[0] or last[:SHORT]) + "…"
    return f'<span title="{html.escape(path_text, quote=True)}">{html.escape(cut)}</span>'


def sort_value(row: dict) -> float | None:
    """What the value column sorts by: the value, else a range's low end, else a ratio's numerator."""
    for k in ("value", "value_low", "numerator"):
        v = row.get(k)
        if v is not None:
            return v
    return None


def display_row(row: dict) -> list:
    """One table row, in COLUMNS order (the value cell holds the number it sorts by)."""
    out = []
    for key, _ in COLUMNS:
        if key == "value_text":
            out.append(sort_value(row))
        elif key == "section":
            out.append(_short_section(row.get(key) or ""))
        elif key == "title":
            out.append(_short(row.get(key) or ""))
        elif key == "page":
            out.append(row.get("page"))
        else:
            out.append(row.get(key, "") or "")
    return out


def display_texts(row: dict, cells: list) -> list[str]:
    """What each cell shows: the value as printed, numbers the Vietnamese way."""
    shown = []
    for (key, _), cell in zip(COLUMNS, cells):
        if key == "value_text":
            shown.append(row.get("value_text") or "")
        elif key == "stt" or key == "page":
            shown.append("" if cell is None else fmt_vn(cell))
        else:
            shown.append("" if cell is None else str(cell))
    return shown


def table_value(rows: list[dict], limit: int | None = None) -> dict:
    """The Dataframe value: sortable cells plus what they display (Gradio `metadata.display_value`)."""
    rows = rows[:limit] if limit else rows
    data = [display_row(r) for r in rows]
    return {"headers": headers(), "data": data,
            "metadata": {"display_value": [display_texts(r, d) for r, d in zip(rows, data)],
                         "styling": [[""] * len(COLUMNS) for _ in data]}}


def headers() -> list[str]:
    return [h for _, h in COLUMNS]


# --------------------------------------------------------------------------- CSV

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP CSV injection guidance).

    A text starting with = + - @ (or tab / carriage return) is prefixed with a single quote, so
    "=HYPERLINK(...)" shows as text; a plain number of the machine columns ("-5.2") stays a number.
    """
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _csv_cell(row: dict, key: str) -> str:
    v = row.get(key)
    if key in NUMERIC_CSV:
        return plain_number(v)
    return safe_cell(v)


def to_csv(rows: list[dict], path: str | Path) -> Path:
    """Write rows as CSV in UTF-8 with a BOM (Excel then reads Vietnamese right)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow([h for _, h in CSV_COLUMNS])
        for r in rows:
            w.writerow([_csv_cell(r, k) for k, _ in CSV_COLUMNS])
    return path
