"""The Gradio app of baocao: layout and wiring (the parts live in ui/).

* "Hỏi đáp" streams a short answer line with [n] and puts the cited passages under it as cards
  (ui/render.py: file name, "đã OCR", the figure marked); the scope (reports, periods) is chosen above
  the question box as removable chips.  "Xem trong văn bản" shows a cited passage between its neighbours,
  scrolled to it; "Xem trang" shows a cited PDF page with the sentence highlighted (ui/pages.py).
  Conversations are kept in the browser (gr.BrowserState): reopened, renamed, deleted.  Thumbs up/down
  and comments go to <db>/feedback.jsonl (qa/feedback.py).
* "Báo cáo" lists each report's metadata and where it was read, corrects it (qa/reports.retag), uploads
  (ui/uploads.py) and removes reports.
* "Tra cứu số liệu" is for journalists: every figure extracted at ingest, searchable and filterable, as
  CSV, sorted by a click on a header; and a series of one indicator across reports (chart, table, CSV),
  each point with its sentence.
* Words are Vietnamese throughout, Gradio's own included (ui/i18n.py, gr.I18n).
* `/ask` (api_name="ask") returns exactly the JSON of `baocao ask --json`.
* Callbacks are ui/controller.py's, over one `System`; answering goes through qa/pipeline.py.
  Nothing heavy happens at import: the embedder loads on the first question or upload.
* Safe defaults from the settings: 127.0.0.1, no share link, analytics off, a concurrency
  limit, the upload size limit of the loaders, optional login (BAOCAO_AUTH).
"""
from __future__ import annotations

import sys

import gradio as gr

from qa import figures_series as fs
from qa import figures_table as ft
from qa.settings import Settings
from ui.controller import (
    BASIS_CHOICES,
    DOCS_HEADERS,
    HISTORY_KEY,
    BaocaoApp,
    browser_secret,
)
from ui.i18n import I18N, t
from ui.render import CSS, HEADER_SORT_JS, SCROLL_PANEL_TO_CITED_JS, SCROLL_TO_CITED_JS
from ui.uploads import UPLOAD_TYPES

TITLE = "Hỏi đáp báo cáo"
EXAMPLES = [
    "Tổng kim ngạch xuất nhập khẩu tháng 1 là bao nhiêu?",
    "Đàn bò có bao nhiêu con?",
    "Còn đàn trâu thì sao?",
    "Số hộ nghèo năm 2022 là bao nhiêu?",
]
CONCURRENCY = 4
# Gradio's cache (uploads before ingest copies them, downloads): swept hourly of files
# older than a day, and emptied when the app stops
GRADIO_DELETE_CACHE = (3600, 86400)


def _chat_tab(app: BaocaoApp, k: int):
    with gr.Row():
        with gr.Column(scale=3):
            chat = gr.Chatbot(label=t("bc.chat"), height=640, sanitize_html=True, elem_id="bc-chat",
                              placeholder="Đặt câu hỏi về các báo cáo đã nạp; câu trả lời có trích dẫn [n].",
                              feedback_options=("Like", "Dislike"), buttons=["copy"])
            # the scope of the questions, in sight where they are asked: each choice a chip with its ×
            with gr.Row(elem_id="bc-scope"):
                sources = gr.Dropdown(label=t("bc.only_sources"), choices=[], multiselect=True, scale=3,
                                      info=t("bc.scope_info"), elem_id="bc-scope-sources")
                periods = gr.Dropdown(label=t("bc.only_periods"), choices=[], multiselect=True, scale=2,
                                      elem_id="bc-scope-periods")
            with gr.Row():
                question = gr.Textbox(placeholder="Nhập câu hỏi, ví dụ: Đàn bò có bao nhiêu con?",
                                      show_label=False, scale=5, elem_id="bc-question", autofocus=True)
                send = gr.Button(t("bc.send"), variant="primary", scale=1, elem_id="bc-send")
            with gr.Row():
                comment = gr.Textbox(show_label=False, scale=5, elem_id="bc-feedback-comment",
                                     placeholder="Góp ý cho câu trả lời vừa đánh giá bằng nút thích / không "
                                                 "thích (không bắt buộc)")
                send_comment = gr.Button(t("bc.feedback_send"), size="sm", scale=1, elem_id="bc-feedback-send")
            feedback_note = gr.Markdown(elem_id="bc-feedback-note")
            gr.Examples(EXAMPLES, inputs=[question], label=t("bc.examples"))
            clear = gr.Button(t("bc.clear"), variant="secondary", size="sm", elem_id="bc-clear")
        with gr.Column(scale=2):
            with gr.Accordion(t("bc.history"), open=False, elem_id="bc-history-box"):
                history = gr.Dropdown(label=t("bc.history_list"), choices=[], value=None, elem_id="bc-history")
                with gr.Row():
                    reopen = gr.Button(t("bc.history_open"), size="sm", elem_id="bc-history-open")
                    forget = gr.Button(t("bc.history_delete"), size="sm", variant="stop", elem_id="bc-history-delete")
                with gr.Row():
                    new_name = gr.Textbox(show_label=False, placeholder="Tên mới cho hội thoại đã chọn", scale=3,
                                          elem_id="bc-history-name")
                    rename = gr.Button(t("bc.history_rename"), size="sm", scale=1, elem_id="bc-history-rename")
            with gr.Accordion(t("bc.settings"), open=True):
                gr.Markdown(f"**Chế độ trả lời:** {app.mode_label()}", elem_id="bc-mode")
                k_slider = gr.Slider(1, 10, value=max(1, min(k, 10)), step=1,
                                     label=t("bc.k"))
            with gr.Accordion(t("bc.context"), open=True):
                cited = gr.Dropdown(label=t("bc.cited"), choices=[], interactive=True, elem_id="bc-cited")
                with gr.Row():
                    show = gr.Button(t("bc.show"), size="sm", elem_id="bc-show")
                    show_page = gr.Button(t("bc.show_page"), size="sm", elem_id="bc-show-page")
                page_note = gr.Markdown(elem_id="bc-page-note")
                page = gr.Image(label=t("bc.page"), type="pil", interactive=False, visible=False,
                                buttons=["download", "fullscreen"], elem_id="bc-page")
                context = gr.HTML(elem_id="bc-context")
    return {"chat": chat, "question": question, "send": send, "clear": clear, "k": k_slider,
            "cited": cited, "show": show, "context": context, "show_page": show_page, "page": page,
            "page_note": page_note, "sources": sources, "periods": periods,
            "comment": comment, "send_comment": send_comment, "feedback_note": feedback_note,
            "history": history, "reopen": reopen, "forget": forget, "new_name": new_name, "rename": rename}


def _reports_tab(max_mb: int):
    table = gr.Dataframe(headers=DOCS_HEADERS, datatype=["str", "str", "str", "str", "str", "number", "str"],
                         interactive=False, label=t("bc.docs"), wrap=True, elem_id="bc-docs",
                         column_widths=["26%", "17%", "10%", "12%", "12%", "6%", "17%"])
    # the detected metadata, corrected here as with `baocao retag` (qa/reports.py): used at once
    with gr.Accordion(t("bc.retag"), open=True, elem_id="bc-retag-box"):
        with gr.Row():
            retag_source = gr.Dropdown(label=t("bc.retag_source"), choices=[], scale=2, elem_id="bc-retag-source")
            retag_province = gr.Textbox(label=t("bc.retag_province"), scale=1, elem_id="bc-retag-province")
            retag_period = gr.Textbox(label=t("bc.retag_period"), scale=1, elem_id="bc-retag-period",
                                      placeholder="tháng 10/2023, quý I/2024, 6 tháng đầu năm 2024, năm 2022")
            retag_issuer = gr.Textbox(label=t("bc.retag_issuer"), scale=2, elem_id="bc-retag-issuer")
        retag_where = gr.Markdown(elem_id="bc-retag-where")
        retag_save = gr.Button(t("bc.retag_save"), variant="primary", size="sm", elem_id="bc-retag-save")
        retag_result = gr.Markdown(elem_id="bc-retag-result")
    with gr.Row():
        with gr.Column():
            files = gr.File(label=f"Nạp báo cáo ({' '.join(UPLOAD_TYPES)}, tối đa {max_mb} MB)",
                            file_count="multiple", elem_id="bc-upload")
            # no file_types: Gradio's own check shows an English toast; the server refuses other types in
            # Vietnamese (ui/uploads.py)
            result = gr.Markdown(elem_id="bc-upload-result")
        with gr.Column():
            with gr.Group():
                to_remove = gr.Dropdown(label=t("bc.to_remove"), choices=[])
                remove = gr.Button(t("bc.remove"), variant="stop")
            removed = gr.Markdown()
            gr.Markdown(t("bc.scope_where"))
    return {"table": table, "files": files, "result": result, "to_remove": to_remove, "remove": remove,
            "removed": removed, "retag_source": retag_source, "retag_province": retag_province,
            "retag_period": retag_period, "retag_issuer": retag_issuer, "retag_where": retag_where,
            "retag_save": retag_save, "retag_result": retag_result}


def _figures_tab():
    with gr.Row():
        query = gr.Textbox(label="Tìm chỉ tiêu (gõ có hoặc không dấu)", scale=4, elem_id="bc-fig-query",
                           placeholder="ví dụ: kim ngach xuat khau, thu ngân sách, đàn bò")
        export = gr.DownloadButton(t("bc.export"), scale=1, elem_id="bc-export")
    with gr.Row():
        source = gr.Dropdown(label="Báo cáo", choices=[], value=None, scale=2, elem_id="bc-fig-source")
        province = gr.Dropdown(label="Tỉnh", choices=[], value=None, scale=1, elem_id="bc-fig-province")
        period = gr.Dropdown(label="Kỳ", choices=[], value=None, scale=1, elem_id="bc-fig-period")
        section = gr.Textbox(label="Mục có cụm từ", scale=1, elem_id="bc-fig-section")
    note = gr.Markdown(elem_id="bc-fig-note")
    table = gr.Dataframe(headers=ft.headers(), datatype=ft.DATATYPES, interactive=False, wrap=True,
                         max_height=520, elem_id="bc-figures", column_widths=ft.COLUMN_WIDTHS)
    gr.Markdown("Chọn một dòng để xem câu gốc:")
    detail = gr.HTML(elem_id="bc-fig-detail")
    with gr.Accordion("Chuỗi số liệu qua các báo cáo", open=True, elem_id="bc-series-box"):
        with gr.Row():
            indicator = gr.Dropdown(label="Chỉ tiêu", choices=[], value=None, allow_custom_value=True, scale=3,
                                    elem_id="bc-series-indicator")
            basis = gr.Radio(BASIS_CHOICES, value=BASIS_CHOICES[0][1], label="Cơ sở", scale=2,
                             elem_id="bc-series-basis")
            series_export = gr.DownloadButton(t("bc.series_export"), scale=1, elem_id="bc-series-export")
        series_note = gr.Markdown(elem_id="bc-series-note")
        # a Vega-Lite spec (ui/chart.py), not gr.LinePlot: its axis and tooltips can only read "1,226.1"
        plot = gr.Plot(elem_id="bc-series-plot", label="Biểu đồ chuỗi số liệu")
        series_table = gr.Dataframe(headers=fs.SERIES_COLUMNS, interactive=False, wrap=True, max_height=360,
                                    elem_id="bc-series-table")
    return {"query": query, "export": export, "source": source, "province": province, "period": period,
            "section": section, "note": note, "table": table, "detail": detail, "indicator": indicator,
            "basis": basis, "series_export": series_export, "series_note": series_note, "plot": plot,
            "series_table": series_table}


def build_app(system, *, k: int | None = None, llm_spec: str | None = None) -> gr.Blocks:
    """The Blocks app over `system` (not launched); k and the answer mode default to its settings."""
    app = BaocaoApp(system, k=k, llm_spec=llm_spec)
    private = {"api_visibility": "private"}
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=GRADIO_DELETE_CACHE) as demo:
        gr.Markdown("## " + t("bc.title"))
        gr.Markdown(t("bc.subtitle"))
        pairs, last_answer, conv_id = gr.State([]), gr.State(None), gr.State(None)
        answers, last_feedback = gr.State({}), gr.State(None)     # answer JSON by message index; last rating
        # past conversations, in this browser only (localStorage, encrypted); nothing is kept on the server
        saved = gr.BrowserState([], storage_key=HISTORY_KEY, secret=browser_secret(system.db))
        with gr.Tabs():
            with gr.Tab(t("bc.tab_chat"), id="chat"):
                c = _chat_tab(app, app.k)
            with gr.Tab(t("bc.tab_reports"), id="reports"):
                r = _reports_tab(system.settings.limits.max_file_mb)
            with gr.Tab(t("bc.tab_figures"), id="figures"):
                f = _figures_tab()

        ask_in = [c["question"], c["chat"], pairs, c["k"], c["sources"], c["periods"]]
        ask_out = [c["question"], c["chat"], pairs, last_answer, c["cited"]]
        save = ([conv_id, c["chat"], pairs, saved, last_answer, answers], [saved, conv_id, c["history"]])
        remember = ([c["chat"], last_answer, answers], answers)
        for trigger in (c["question"].submit, c["send"].click):
            trigger(app.respond, ask_in, ask_out, **private).then(app.remember_answer, *remember, **private).then(
                app.save_conversation, *save, **private)
        shown = [c["chat"], pairs, last_answer, c["cited"], c["context"], conv_id]
        for trigger in (c["clear"].click, c["chat"].clear):          # the chat box's own bin: a new one too
            trigger(app.clear_chat, None, shown, **private).then(app.no_answers, None, answers, **private)
        c["reopen"].click(app.open_conversation, [c["history"], saved], shown + [answers], **private)
        c["cited"].change(app.no_page, None, [c["page"], c["page_note"]], **private)   # another passage: no stale page
        c["show_page"].click(app.show_page, [c["cited"], last_answer], [c["page"], c["page_note"]], **private)
        c["chat"].like(app.record_feedback, [c["chat"], answers], [c["feedback_note"], last_feedback], **private)
        c["send_comment"].click(app.add_feedback_comment, [c["comment"], last_feedback],
                                [c["feedback_note"], c["comment"]], **private)
        c["rename"].click(app.rename_conversation, [c["history"], c["new_name"], saved],
                          [saved, c["history"], c["new_name"]], **private)
        c["forget"].click(app.delete_conversation, [c["history"], saved, conv_id], [saved, c["history"], conv_id],
                          **private)
        demo.load(app.history_list, saved, c["history"], **private)
        # then scroll the panel to the cited chunk; the page too when the reader asked to see it
        for trigger, js in ((c["show"].click, SCROLL_TO_CITED_JS), (c["cited"].change, SCROLL_PANEL_TO_CITED_JS)):
            trigger(app.show_context, [c["cited"], last_answer], c["context"], **private).then(
                None, None, None, js=js, **private)

        fig_in = [f["query"], f["source"], f["province"], f["period"], f["section"]]
        fig_out = [f["table"], f["note"], f["export"]]
        refresh_out = [r["table"], r["to_remove"], c["sources"], c["periods"]] + fig_out + \
            [f["source"], f["province"], f["period"], f["indicator"], r["retag_source"]]
        r["files"].upload(app.ingest_files, r["files"], [r["result"], r["files"]], **private).then(
            app.refresh, fig_in, refresh_out, **private)
        scope = [c["sources"], c["periods"]]
        r["remove"].click(app.remove_report, r["to_remove"], r["removed"], **private).then(
            app.refresh, fig_in, refresh_out, **private).then(app.prune_scope, scope, scope, **private)

        retag_fields = [r["retag_province"], r["retag_period"], r["retag_issuer"]]
        r["retag_source"].change(app.report_meta, r["retag_source"], retag_fields + [r["retag_where"]], **private)
        r["retag_save"].click(app.save_report_meta, [r["retag_source"]] + retag_fields, r["retag_result"],
                              **private).then(app.refresh, fig_in, refresh_out, **private).then(
            app.report_meta, r["retag_source"], retag_fields + [r["retag_where"]], **private)

        # one queue for every search input, in order: the last thing typed is the table shown
        gr.on([f["query"].change, f["section"].change, f["source"].change, f["province"].change,
               f["period"].change], app.search_figures, fig_in, fig_out, trigger_mode="always_last",
              concurrency_limit=1, concurrency_id="figure-search", **private)
        f["table"].select(app.figure_detail, None, f["detail"], **private)
        series_in = [f["indicator"], f["basis"]]
        series_out = [f["plot"], f["series_table"], f["series_note"], f["series_export"]]
        gr.on([f["indicator"].change, f["basis"].change], app.show_series, series_in, series_out,
              trigger_mode="always_last", concurrency_limit=1, concurrency_id="figure-series", **private)
        demo.load(app.refresh, fig_in, refresh_out, **private)

        gr.api(app.ask_api, api_name="ask")
    demo.baocao = app
    return demo


def theme() -> gr.themes.Base:
    """Soft theme with system fonts: nothing is fetched from Google Fonts (works offline)."""
    sans = ["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "DejaVu Sans", "sans-serif"]
    mono = ["ui-monospace", "SFMono-Regular", "DejaVu Sans Mono", "monospace"]
    return gr.themes.Soft(font=sans, font_mono=mono)


def launch(demo: gr.Blocks, host: str | None = None, port: int | None = None, *,
           settings: Settings | None = None, **kwargs):
    """Queue and launch with the project's safe defaults (tests pass prevent_thread_lock=True)."""
    settings = settings or Settings()
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=64)
    return demo.launch(server_name=host or settings.host, server_port=port or settings.port, share=False,
                       auth=list(settings.auth) if settings.auth else None,
                       auth_message="Đăng nhập để dùng ứng dụng hỏi đáp báo cáo.",
                       max_file_size=f"{settings.limits.max_file_mb}mb", show_error=True, footer_links=["api"],
                       run_history=False,       # Gradio 6 keeps questions and answers in the browser otherwise
                       theme=theme(), css=CSS, js=HEADER_SORT_JS, i18n=I18N, **kwargs)


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def exposure_warning(settings: Settings) -> str | None:
    """What `baocao serve` warns about: an address other machines reach, and no login."""
    host = settings.host or ""
    if settings.auth or host in LOOPBACK or host.startswith("127."):
        return None
    return (f"CẢNH BÁO: ứng dụng mở cho mọi máy trên mạng ({host}) mà không có đăng nhập: ai vào được đều hỏi, "
            f"nạp và xóa được báo cáo. Đặt BAOCAO_AUTH=user:pass, hoặc chạy --host 127.0.0.1 sau một reverse proxy "
            f"có đăng nhập (WARNING: serving on {host} with no login; anyone who reaches it can ask, upload and "
            f"remove reports: set BAOCAO_AUTH or serve on 127.0.0.1 behind a proxy)")


def serve(system, settings: Settings, **kwargs):
    """`baocao serve`: build the app and serve it until interrupted (returns the Blocks)."""
    warning = exposure_warning(settings)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    demo = build_app(system)
    print(f"baocao: http://{settings.host}:{settings.port}  (Ctrl+C để dừng)")
    launch(demo, settings=settings, **kwargs)
    return demo
