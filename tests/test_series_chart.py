"""The series chart's spec (ui/chart.py): a value axis labelled the Vietnamese way, and points that keep
their source.  The browser test (test_browser_figures.py) checks the same labels drawn in the page."""
from __future__ import annotations

import json
import random

import gradio as gr
import pytest

from index.numbers import parse_vn_number
from qa.figures_series import Point
from qa.figures_table import fmt_vn
from ui import chart


def point(province="Lạng Sơn", month=1, year=2023, value=418.1, printed="418,1", basis="trong kỳ",
          sentence="Tổng thu ngân sách nhà nước trên địa bàn ước đạt 418,1 tỷ đồng.", source="langson.txt"):
    return Point(province=province, period=f"tháng {month:02d}/{year}", year=year, month=month, basis=basis,
                 value=value, unit="tỷ đồng", value_text=printed, printed_unit="tỷ đồng", metric="Tổng thu NSNN",
                 sentence=sentence, source=source, title="Báo cáo", page=None, section="", period_kind="month")


@pytest.mark.parametrize("values, ticks, labels", [
    ([418.1, 1226.1], [400, 600, 800, 1000, 1200, 1400], ["400", "600", "800", "1.000", "1.200", "1.400"]),
    ([418.1, 7021.2, 27578.6], [0, 5000, 10000, 15000, 20000, 25000, 30000],
     ["0", "5.000", "10.000", "15.000", "20.000", "25.000", "30.000"]),
    ([467245, 500000], [460000, 470000, 480000, 490000, 500000],
     ["460.000", "470.000", "480.000", "490.000", "500.000"]),
    ([0.5, 0.81], [0.5, 0.6, 0.7, 0.8, 0.9], ["0,5", "0,6", "0,7", "0,8", "0,9"]),
    ([-3, 12], [-5, -2.5, 0, 2.5, 5, 7.5, 10, 12.5], ["-5", "-2,5", "0", "2,5", "5", "7,5", "10", "12,5"]),
    ([1226.1], [1100, 1150, 1200, 1250, 1300, 1350], ["1.100", "1.150", "1.200", "1.250", "1.300", "1.350"]),
])
def test_value_axis_labels_the_vietnamese_way(values, ticks, labels):
    assert chart.value_axis(values) == (ticks, labels)


def test_value_axis_covers_the_values_in_even_round_steps():
    rng = random.Random(14)
    for _ in range(500):
        scale = 10 ** rng.randint(-3, 9)
        values = [rng.uniform(-0.2, 1) * scale for _ in range(rng.randint(1, 8))]
        ticks, labels = chart.value_axis(values)
        assert ticks[0] <= min(values) and ticks[-1] >= max(values), (values, ticks)
        assert 3 <= len(ticks) <= 2 * chart.TICKS + 2, (values, ticks)
        steps = {round(b - a, 12) for a, b in zip(ticks, ticks[1:])}
        assert len({f"{s:.6g}" for s in steps}) == 1, (values, ticks)
        assert labels == [fmt_vn(t) for t in ticks]
        # each label reads back as its tick with the repo's Vietnamese number parser
        assert [parse_vn_number(lab) for lab in labels] == pytest.approx(ticks)
        assert all(isinstance(t, int) for t in ticks if t == int(t))


def test_value_axis_of_nothing():
    assert chart.value_axis([]) == ([], [])
    assert chart.value_axis([float("nan")]) == ([], [])


def test_spec_draws_the_axis_ticks_with_their_vietnamese_labels():
    points = [point(), point("Bắc Giang", 3, 2024, 1226.1, "1.226,1", source="bacgiang.txt")]
    spec = chart.series_spec(points)
    y = spec["encoding"]["y"]
    ticks, labels = chart.value_axis([418.1, 1226.1])
    assert y["axis"]["values"] == ticks and y["scale"]["domain"] == [ticks[0], ticks[-1]]
    assert y["title"] == "Giá trị (tỷ đồng)"
    # the label expression is the labels indexed by the tick: the browser formats no tick itself
    assert y["axis"]["labelExpr"] == (f"{json.dumps(labels, ensure_ascii=False)}"
                                      f"[indexof({json.dumps(ticks)}, datum.value)]")
    assert spec["config"]["locale"]["number"] == {"decimal": ",", "thousands": ".", "grouping": [3],
                                                  "currency": ["", "\u00a0₫"]}
    assert spec["usermeta"]["embedOptions"] == {"renderer": "svg", "actions": False}


def test_each_point_keeps_its_source_in_the_tooltip():
    long = "Tổng thu ngân sách nhà nước trên địa bàn " + "rất dài " * 40 + "ước đạt 1.226,1 tỷ đồng."
    points = [point(), point("Bắc Giang", 3, 2024, 1226.1, "1.226,1", sentence=long, source="bacgiang.txt"),
              point("Bắc Giang", 6, 2024, 7021.2, "7.021,2", basis="lũy kế", source="bacgiang6.txt")]
    spec = chart.series_spec(points)
    rows = spec["data"]["values"]
    assert [r["when"] for r in rows] == ["2023-01", "2024-03", "2024-06"]
    assert [r["series"] for r in rows] == ["Lạng Sơn (trong kỳ)", "Bắc Giang (trong kỳ)", "Bắc Giang (lũy kế)"]
    assert [r["value_vn"] for r in rows] == ["418,1 tỷ đồng", "1.226,1 tỷ đồng", "7.021,2 tỷ đồng"]
    assert [r["printed"] for r in rows] == ["418,1 tỷ đồng", "1.226,1 tỷ đồng", "7.021,2 tỷ đồng"]
    assert [r["report"] for r in rows] == ["langson.txt", "bacgiang.txt", "bacgiang6.txt"]
    assert rows[0]["sentence"] == points[0].sentence
    assert rows[1]["sentence"] == long[:chart.SENTENCE_CHARS] + "…"
    assert rows[1]["aria"] == "Bắc Giang (trong kỳ), tháng 03/2024: 1.226,1 tỷ đồng"
    line, dots = spec["layer"]
    assert "tooltip" not in line.get("encoding", {})
    shown = [(t["field"], t["title"]) for t in dots["encoding"]["tooltip"]]
    assert shown == [("series", "Tỉnh"), ("period", "Kỳ"), ("value_vn", "Giá trị"), ("printed", "Nguyên văn"),
                     ("sentence", "Câu gốc"), ("report", "Báo cáo")]
    # no raw number reaches a reader: the tooltip and the screen-reader text are the formatted strings
    assert all(isinstance(r[f], str) for r in rows for f, _ in shown)
    assert dots["encoding"]["description"] == {"field": "aria", "type": "nominal"} and line["mark"]["aria"] is False


def test_series_plot_is_a_value_gradio_plot_draws():
    assert chart.series_plot([]) is None
    value = gr.Plot().postprocess(chart.series_plot([point()]))
    assert value.type == "altair"           # Gradio's Vega-Lite path (vega-embed)
    assert json.loads(value.plot)["data"]["values"][0]["value_vn"] == "418,1 tỷ đồng"
