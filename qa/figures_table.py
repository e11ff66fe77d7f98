"""The journalists' figure table: every figure the ingest extracted, one row each.

Why a module of its own: the Gradio tab, its CSV export and the tests share
it, and none of it needs Gradio.  Figures come from each chunk's "figures"
metadata (a JSON list written at ingest by :mod:`index.figures`), so building
the table reads the store only — no embedder, no re-parsing.

Search matches with or without diacritics and with either tone placement
("hòa"/"hoà"): a query typed with diacritics is compared in canonical form
(so "hóa" does not match "hòa"), a query typed without them against the
folded form (so "kim ngach" finds "kim ngạch").
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from index.vntext import canonical, collapse_ws, has_diacritics, strip_diacritics

# display columns, in order (Vietnamese headers, as journalists read them)
COLUMNS = [
    ("stt", "STT"),
    ("value", "Giá trị"),
    ("unit", "Đơn vị"),
    ("metric", "Chỉ tiêu"),
    ("comparison", "So sánh"),
    ("section", "Mục"),
    ("title", "Báo cáo"),
    ("period", "Kỳ"),
    ("page", "Trang"),
]
# the CSV adds what a journalist needs to quote the figure
CSV_COLUMNS = COLUMNS[1:] + [("raw", "Nguyên văn"), ("sentence", "Câu gốc"), ("source", "Tệp nguồn")]

_SEARCHED = ("raw", "unit", "metric", "comparison", "section", "title", "period", "sentence", "source")


def _figures(md: dict) -> list[dict]:
    try:
        figs = json.loads(md.get("figures") or "[]")
    except (TypeError, ValueError):
        return []
    return [f for f in figs if isinstance(f, dict) and f.get("value") is not None]


def _section(md: dict) -> str:
    try:
        path = json.loads(md.get("section_path") or "[]")
    except (TypeError, ValueError):
        path = []
    return " › ".join(path)


def _page(md: dict) -> int | None:
    page = md.get("page", -1)
    return None if page is None or int(page) < 0 else int(page)


def _row(fig: dict, md: dict, chunk_id: str) -> dict:
    return {
        "value": fig.get("value"),
        "value_high": fig.get("value_high"),
        "unit": fig.get("unit") or "",
        "metric": fig.get("metric") or "",
        "comparison": fig.get("comparison") or "",
        "section": _section(md),
        "title": md.get("title", ""),
        "period": md.get("period", ""),
        "page": _page(md),
        "raw": fig.get("raw") or "",
        "sentence": collapse_ws(fig.get("sentence") or ""),
        "source": md.get("source", ""),
        "chunk_id": chunk_id,
    }


def figure_rows(system) -> list[dict]:
    """All figures of all ingested reports, in report order then reading order; `stt` numbers them."""
    registry = system.store.documents()
    per_source = {src: [_row(f, md, cid) for cid, _text, md in chunks for f in _figures(md)]
                  for src, chunks in system.store.committed_chunks(registry)}
    rows = [r for src in sorted(per_source) for r in per_source[src]]
    for i, r in enumerate(rows, start=1):
        r["stt"] = i
    return rows


def _fold(text: str) -> str:
    return strip_diacritics(canonical(text)).lower()


def _haystacks(row: dict) -> tuple[str, str]:
    """(canonical, folded) forms of a row's searchable text, cached on the row."""
    cached = row.get("_search")
    if cached is None:
        joined = " | ".join(str(row.get(k) or "") for k in _SEARCHED)
        cached = (canonical(joined), _fold(joined))
        row["_search"] = cached
    return cached


def _token_re(token: str) -> re.Pattern:
    # a token matches at the start of a word (so "bo" finds "bò" but not "số bộ" inside "lobo")
    return re.compile(r"(?<![^\W_])" + re.escape(token))


def filter_rows(rows: list[dict], query: str | None) -> list[dict]:
    """Rows whose text holds every word of the query (diacritics optional, tone placement free)."""
    query = collapse_ws(query or "")
    if not query:
        return list(rows)
    out = []
    for tok in query.split(" "):
        accented = has_diacritics(tok)
        form = canonical(tok) if accented else _fold(tok)
        out.append((accented, _token_re(form)))
    return [r for r in rows
            if all(rx.search(_haystacks(r)[0 if accented else 1]) for accented, rx in out)]


def format_value(v) -> float | int | str:
    """A number for the table: integral floats as int (250.0 -> 250)."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return "" if v is None else v


def display_row(row: dict) -> list:
    """One table row, in COLUMNS order."""
    out = []
    for key, _ in COLUMNS:
        v = row.get(key)
        if key == "value":
            v = format_value(v)
        elif key == "page":
            v = "" if v is None else v
        out.append(v)
    return out


def headers() -> list[str]:
    return [h for _, h in COLUMNS]


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


def _csv_cell(row: dict, key: str):
    v = row.get(key)
    if key == "value":
        v = format_value(v)
    return "" if v is None else v
