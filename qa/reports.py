"""The ingested reports as a user sees and corrects them: `baocao reports` and `baocao retag`.

Each report's metadata (issuer, level, province, period, cumulative months ...) is derived at ingest
(index/metadata.py) and kept on its registry record with where each field came from; a user's
correction is stored there too, applies at once (retrieval reads the registry), and survives a
re-ingest of the same file.
"""
from __future__ import annotations

from index.errors import BaocaoError
from index.metadata import apply_user_record

# the shape of `baocao reports --json` (docs/reference.md)
FIELDS = ("source", "title", "issuer", "level", "province", "period", "period_kind", "year", "month",
          "quarter", "half", "cumulative_months", "chunks", "pages", "ocr", "detected")


def report_row(rec) -> dict:
    meta = rec.meta or {}
    row = {key: meta.get(key) or None for key in FIELDS}
    row.update(source=rec.source, title=rec.title or meta.get("title") or None, chunks=rec.chunks,
               province=rec.province or None, period=rec.period or None, ocr=bool(meta.get("ocr")),
               detected=dict(meta.get("detected") or {}))
    return row


def report_rows(system) -> list[dict]:
    return [report_row(rec) for _, rec in sorted(system.documents().items())]


def retag(system, source: str, *, province: str | None = None, period: str | None = None,
          issuer: str | None = None) -> dict:
    """Correct one report's metadata by hand; return its new row."""
    registry = system.documents()
    rec = registry.get(source)
    if rec is None:
        raise BaocaoError(f"Không có báo cáo nguồn '{source}' (unknown source)")
    if not any((province, period, issuer)):
        raise BaocaoError("Cần ít nhất một trong --province, --period, --issuer (nothing to change)")
    try:
        meta = apply_user_record(rec.meta, {"province": province, "period": period, "issuer": issuer})
    except ValueError as exc:
        raise BaocaoError(f"Không đọc được giá trị sửa: {exc} (use e.g. --province 'Lạng Sơn', "
                          "--period 'quý I/2024' or 'tháng 10/2023')") from None
    system.store.commit_document(source, rec.sha256, rec.chunks, meta)
    return report_row(system.documents()[source])
