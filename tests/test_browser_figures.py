"""The figures tab in a real browser (Debian's headless Chromium via Playwright, no browser download).

Three reports are served: the Lạng Sơn sample and two Bắc Giang reports of the synthetic set, so
the series of "thu ngân sách" has points of two provinces.  Screenshots go to test-artifacts/
(git-ignored), never into docs/.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest_browser import CHROMIUM, TIMEOUT_MS, chromium_context

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
# two Bắc Giang reports of the synthetic set, each with its own "thu ngân sách" (a quarter and a year: periods
# that start in January, so neither adds a cumulative point)
EXTRA = [ROOT / "eval" / "multi" / "bacgiang_ubnd_q1-2024.txt", ROOT / "eval" / "multi" / "bacgiang_stc_2025.txt"]


@pytest.fixture(scope="module")
def served(sample_path, tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: run `make browser` (apt-get install chromium)")
    from conftest_browser import running_app
    from qa.system import System
    system = System(db=tmp_path_factory.mktemp("browser-figures-db"))
    assert not system.ingest([sample_path, *EXTRA])["errors"]
    with running_app(system) as (demo, url):
        yield system, url


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    with chromium_context(tmp_path_factory.mktemp("chromium-profile-figures")) as ctx:
        yield ctx


@pytest.fixture
def page(browser_context, served):
    pg = browser_context.new_page()
    pg.goto(served[1], wait_until="domcontentloaded")
    pg.locator("#bc-question textarea").wait_for()
    pg.get_by_role("tab", name="Tra cứu số liệu").click()
    from playwright.sync_api import expect
    # the page's first refresh (all figures, no query) must land before the test types a query
    expect(pg.locator("#bc-fig-note")).to_contain_text("số liệu khớp")
    yield pg
    pg.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def _fill(page, elem_id: str, text: str) -> None:
    page.locator(f"#{elem_id} input, #{elem_id} textarea").first.fill(text)


@pytest.mark.timeout(300)
def test_figure_search_filters_detail_and_csv(page, served, tmp_path):
    from playwright.sync_api import expect

    from qa import figures_table as ft
    _fill(page, "bc-fig-query", "kim ngach")
    _fill(page, "bc-fig-section", "cửa khẩu")       # Lạng Sơn's section 1.2 (Bắc Giang has no border gate)
    note = page.locator("#bc-fig-note")
    expect(note).to_contain_text("3 số liệu khớp")
    expect(note).to_contain_text("mục «cửa khẩu»")
    table = page.locator("#bc-figures")
    cell = table.get_by_text("Tổng kim ngạch xuất nhập khẩu qua địa bàn trong tháng 01").filter(visible=True).first
    expect(cell).to_be_visible()
    expect(table).to_contain_text("250 triệu")      # the value as printed, the unit in its own column
    expect(table).to_contain_text("USD")
    cell.click()
    expect(page.locator("#bc-fig-detail")).to_contain_text("ước đạt 250 triệu USD")
    expect(page.locator("#bc-fig-detail mark")).to_have_text("250 triệu USD")
    shot(page, "figures.png")
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.locator("#bc-export").click()
    saved = tmp_path / "export.csv"
    info.value.save_as(str(saved))
    text = saved.read_bytes().decode("utf-8-sig")
    assert "250 triệu" in text and "250000000" in text and "Tổng kim ngạch xuất nhập khẩu" in text
    assert len(text.strip().splitlines()) == 4  # header and the 3 trade figures
    # a long report title is shortened in its cell, the whole of it on hover
    title = next(r for r in ft.figure_rows(served[0]) if r["source"] == "langson_ktxh_2023-01.txt")["title"]
    expect(table.locator(f'span[title="{title}"]').first).to_be_attached()
    _fill(page, "bc-fig-query", "tàu vũ trụ")
    expect(note).to_contain_text("Không có chỉ tiêu hay câu nào chứa cụm «tàu vũ trụ»")


# the value axis's tick labels as drawn (SVG text, bottom to top), and English thousands ("1,226", "30,000")
Y_LABELS = """() => [...document.querySelectorAll(
    '#bc-series-plot g.role-axis[aria-label^="Y-axis"] .role-axis-label text')].map(t => t.textContent)"""
ENGLISH_THOUSANDS = re.compile(r"\d,\d{3}(?!\d)")


@pytest.mark.timeout(300)
def test_series_chart_of_one_indicator(page, served, tmp_path):
    """The chart of "thu ngân sách": its value axis reads the Vietnamese way ("10.000", not "10,000"), each
    point's tooltip gives the value, the value as printed, the period and the report."""
    from playwright.sync_api import expect

    from qa import figures_series as fs
    from qa import figures_table as ft
    from ui import chart
    points = fs.series(ft.figure_rows(served[0]), "thu ngân sách", fs.BASIS_MONTH)   # the Radio's default
    ticks, labels = chart.value_axis([p.value for p in points])
    assert any("." in lab for lab in labels), labels          # the set spans thousands: a real check
    box = page.locator("#bc-series-indicator input").first
    box.fill("thu ngân sách")
    box.press("Enter")
    note = page.locator("#bc-series-note")
    expect(note).to_contain_text("3 điểm · 2 tỉnh · đơn vị tỷ đồng")
    table = page.locator("#bc-series-table")
    expect(table).to_contain_text("Lạng Sơn")
    expect(table).to_contain_text("Bắc Giang")
    expect(table).to_contain_text("418,1")            # the Vietnamese way
    plot = page.locator("#bc-series-plot")
    drawn = plot.locator("svg.marks")                 # vega-embed's SVG: the labels are text in the page
    expect(drawn).to_be_visible()
    page.wait_for_function(f"() => ({Y_LABELS})().join('|') === {'|'.join(labels)!r}", timeout=30_000)
    shown = page.evaluate(Y_LABELS)
    assert shown == labels and not any(ENGLISH_THOUSANDS.search(t) for t in shown), shown
    assert drawn.bounding_box()["width"] > 0.8 * plot.bounding_box()["width"], "the chart spans its box"
    # a point's tooltip: its value the Vietnamese way, as printed, its period and report
    lang = next(p for p in points if p.province == "Lạng Sơn")
    dot = plot.locator(f'path[aria-label^="{lang.province} ({lang.basis}), {lang.period}:"]')
    expect(dot).to_have_count(1)
    dot.hover()
    tip = page.locator("#vg-tooltip-element")
    expect(tip).to_be_visible()
    for text in (f"{lang.value_vn} {lang.unit}", f"{lang.value_text} {lang.printed_unit}".strip(), lang.period,
                 lang.source, lang.sentence[:40]):
        expect(tip).to_contain_text(text)
    assert not ENGLISH_THOUSANDS.search(tip.inner_text())
    plot.scroll_into_view_if_needed()
    path = shot(page, "figures-series.png")
    assert path.stat().st_size > 10_000
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.locator("#bc-series-export").click()
    saved = tmp_path / "series.csv"
    info.value.save_as(str(saved))
    text = saved.read_bytes().decode("utf-8-sig")
    assert "418,1" in text and "Bắc Giang" in text and len(text.strip().splitlines()) == 4


# the STT column in the order shown (the Dataframe keeps row ids when it sorts: order by position)
STT_SHOWN = """() => [...document.querySelectorAll('#bc-figures [role=gridcell][data-col="0"]')]
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map(c => c.innerText.trim())"""


@pytest.mark.timeout(300)
def test_figures_sort_by_header_click_and_one_line_cells(page, served):
    """A click on a header sorts by it (ascending, then descending, by the number the value stands for); the
    long Mục/Báo cáo cells stay on one line, the whole text on hover."""
    from playwright.sync_api import expect

    from qa import figures_table as ft
    rows = ft.figure_rows(served[0])
    value_of = {r["stt"]: ft.sort_value(r) for r in rows}
    expected = sorted(str(r["stt"]) for r in ft.search(rows, "thu ngân sách").rows)
    _fill(page, "bc-fig-query", "thu ngân sách")
    # the search's rows are the table's (not the table of every figure shown before the search lands)
    page.wait_for_function(f"() => ({STT_SHOWN})().sort().join('|') === {'|'.join(expected)!r}", timeout=30_000)
    header = page.locator("#bc-figures th").filter(has_text="Giá trị").first.locator(".header-content")

    def shown():
        return [value_of[int(s.replace(".", ""))] for s in page.evaluate(STT_SHOWN) if s]

    def click_and_wait():
        order = "|".join(page.evaluate(STT_SHOWN))
        header.click()
        page.wait_for_function(f"() => ({STT_SHOWN})().join('|') !== {order!r}", timeout=10_000)
    before = shown()
    assert len(before) >= 3 and None not in before and before != sorted(before), before
    click_and_wait()
    assert shown() == sorted(before)
    click_and_wait()
    assert shown() == sorted(before, reverse=True)
    section = page.locator("#bc-figures [role=gridcell] span[title]").first
    expect(section).to_be_visible()
    assert section.evaluate("el => el.getBoundingClientRect().height") < 30, "one line"
    shot(page, "figures-sorted.png")
