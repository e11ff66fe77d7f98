"""The series chart of the figures tab, as a Vega-Lite spec shown by ``gr.Plot``.

Why not ``gr.LinePlot``: it formats the value axis and its tooltips with d3's English defaults
("1,226.1", "467,245") and has no locale option (its ``y_axis_format`` is a d3 pattern, which keeps
the English separators).  A Vietnamese reader takes "467,245" for 467 and a fraction.  So the ticks
are chosen here and labelled with :func:`qa.figures_table.fmt_vn`, the figures table's formatter
("418,1", "467.245", "1.226,1"), and the tooltips and the points' screen-reader text are text
formatted here too.  What Vega still formats itself (the axes' screen-reader summary) gets d3's
Vietnamese separators from the spec's ``config.locale``.

Each point keeps what it came from: its tooltip gives the series (province and basis, month vs
cumulative), the period, the value in the series' unit, the value as printed, the start of the
source sentence and the report.  The spec is plain data (no Altair needed); Gradio's Plot draws
it with vega-embed, as SVG so the axis labels are text in the page.
"""
from __future__ import annotations

import json
import math
from decimal import Decimal

import gradio as gr

from qa.figures_series import Point
from qa.figures_table import fmt_vn

SENTENCE_CHARS = 160      # of the source sentence in a tooltip (the series table has all of it)
TICKS = 6                 # at most about this many steps on the value axis
_STEPS = tuple(Decimal(m) for m in ("1", "2", "2.5", "5", "10"))


def value_ticks(values: list[float], count: int = TICKS) -> list[float | int]:
    """Round tick values covering ``values``: steps of 1, 2, 2,5 or 5 times a power of ten.

    [418.1, 1226.1] -> [400, 600, 800, 1000, 1200, 1400]; a single value gets room either side.
    Whole ticks are ints and the others are rounded to the step's decimals, so each is the
    number JSON carries to the browser exactly.
    """
    finite = [float(v) for v in values if v is not None and math.isfinite(v)]
    if not finite:
        return []
    lo, hi = min(finite), max(finite)
    if lo == hi:
        pad = abs(lo) / 10 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = Decimal(repr((hi - lo) / count))
    mag = Decimal(10) ** math.floor(math.log10(raw))
    step = next(m * mag for m in _STEPS if m * mag >= raw)
    places = max(0, -step.normalize().as_tuple().exponent)
    first = math.floor(Decimal(repr(lo)) / step)
    last = math.ceil(Decimal(repr(hi)) / step)
    out: list[float | int] = []
    for i in range(first, last + 1):
        tick = (step * i).quantize(Decimal(1).scaleb(-places))
        out.append(int(tick) if tick == tick.to_integral_value() else float(tick))
    return out


def value_axis(values: list[float], count: int = TICKS) -> tuple[list[float | int], list[str]]:
    """(ticks, their labels the Vietnamese way): [400, ..., 1000, 1200] -> ["400", ..., "1.000", "1.200"]."""
    ticks = value_ticks(values, count)
    return ticks, [fmt_vn(t) for t in ticks]


def _label_expr(ticks: list[float | int], labels: list[str]) -> str:
    """A Vega expression giving each tick its label: the browser formats nothing itself."""
    return f"{json.dumps(labels, ensure_ascii=False)}[indexof({json.dumps(ticks)}, datum.value)]"


def _series(p: Point) -> str:
    return f"{p.province} ({p.basis})"


def chart_rows(points: list[Point]) -> list[dict]:
    """One record per point: what is drawn (when, value, series) and what the tooltip reads."""
    return [{
        "when": p.when,
        "value": p.value,
        "series": _series(p),
        "period": p.period,
        "value_vn": f"{p.value_vn} {p.unit}",
        "printed": f"{p.value_text} {p.printed_unit}".strip(),
        "sentence": p.sentence[:SENTENCE_CHARS] + ("…" if len(p.sentence) > SENTENCE_CHARS else ""),
        "report": p.source,
        # what a screen reader says of the point (Vega-Lite's own description prints the raw 1226.1)
        "aria": f"{_series(p)}, {p.period}: {p.value_vn} {p.unit}",
    } for p in points]


TOOLTIP = [("series", "Tỉnh"), ("period", "Kỳ"), ("value_vn", "Giá trị"), ("printed", "Nguyên văn"),
           ("sentence", "Câu gốc"), ("report", "Báo cáo")]
# d3-format's vi-VN definition ("." groups thousands, "," marks decimals), as fmt_vn writes numbers
VI_NUMBER_LOCALE = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0₫"]}
_TEXT = "#6b7280"     # mid grey: legible on the light and the dark theme
_GRID = "#9ca3af"


def series_spec(points: list[Point]) -> dict:
    """The Vega-Lite spec of the series: one line per province and basis, x the period, y the value."""
    ticks, labels = value_axis([p.value for p in points])
    unit = points[0].unit if points else ""
    y_axis = {"values": ticks, "labelExpr": _label_expr(ticks, labels), "gridOpacity": 0.35}
    y_scale = {"domain": [ticks[0], ticks[-1]], "nice": False, "zero": False} if ticks else {"zero": False}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": "Chuỗi số liệu qua các báo cáo",
        "width": "container",
        "height": 300,
        "background": "transparent",
        "data": {"values": chart_rows(points)},
        "encoding": {
            "x": {"field": "when", "type": "ordinal", "title": "Kỳ", "sort": "ascending",
                  "axis": {"labelAngle": 0, "labelOverlap": True}},
            "y": {"field": "value", "type": "quantitative", "title": f"Giá trị ({unit})" if unit else "Giá trị",
                  "scale": y_scale, "axis": y_axis},
            "color": {"field": "series", "type": "nominal", "title": "Tỉnh (cơ sở)",
                      "legend": {"orient": "bottom", "labelLimit": 400}},
        },
        "layer": [
            {"mark": {"type": "line", "aria": False}},
            # the points carry the tooltip: a line's hover would name only one of its points
            {"mark": {"type": "point", "filled": True, "size": 70},
             "encoding": {"tooltip": [{"field": f, "type": "nominal", "title": t} for f, t in TOOLTIP],
                          "description": {"field": "aria", "type": "nominal"}}},
        ],
        "config": {
            "font": "system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
            "axis": {"labelColor": _TEXT, "titleColor": _TEXT, "gridColor": _GRID, "tickColor": _GRID,
                     "domain": False, "titleFontWeight": "normal"},
            "legend": {"labelColor": _TEXT, "titleColor": _TEXT, "titleFontWeight": "normal"},
            "view": {"stroke": None},
            # d3's Vietnamese separators for what Vega still formats itself: the axes' screen-reader text
            "locale": {"number": VI_NUMBER_LOCALE},
        },
        # vega-embed's own options: SVG (labels are text in the page), no export/editor menu
        "usermeta": {"embedOptions": {"renderer": "svg", "actions": False}},
    }


def series_plot(points: list[Point]):
    """The value of the ``gr.Plot`` (None draws nothing): the spec, as the Vega-Lite ("altair") kind."""
    if not points:
        return None
    return gr.Plot.data_model(type="altair", plot=json.dumps(series_spec(points), ensure_ascii=False))
