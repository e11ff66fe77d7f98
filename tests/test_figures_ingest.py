"""Figures extracted at ingest reach the journalists' table, footnote figures included."""
from qa.figures_table import figure_rows, filter_rows


def test_body_and_footnote_figures_are_in_the_table(sample_system):
    rows = figure_rows(sample_system)
    raws = {r["raw"] for r in rows}
    assert "250 triệu USD" in raws                      # body, section 1.2
    assert any(r["raw"].startswith("28.100 con") for r in rows)   # footnote 2 (đàn bò)
    bo = next(r for r in rows if r["raw"].startswith("28.100 con"))
    assert bo["section"].endswith("1.1. Sản xuất nông, lâm nghiệp và xây dựng nông thôn mới")
    assert "giảm 2,25%" in bo["comparison"]
    oda = filter_rows(rows, "von nuoc ngoai")
    assert any("224,8" in r["raw"] for r in oda)         # footnote 4's continuation, in section 1.3
