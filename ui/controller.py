"""The app's callbacks over one `System`: each does one thing, and answering goes through qa.pipeline.

Per-session state (the conversation, the last answer) lives in Gradio `State`s that these
callbacks receive and return; the controller itself holds only what all sessions share.
"""
from __future__ import annotations

import datetime
import html
import os
import re
import secrets
import threading
import time
import uuid
from pathlib import Path

import gradio as gr

from index.errors import BaocaoError
from qa import feedback
from qa import figures_series as fs
from qa import figures_table as ft
from qa.pipeline import Scope, answer_question, ask_stream
from qa.reports import report_row, report_rows, retag
from qa.results import Answer, answer_from_record, answer_json, answer_record

from . import chart, pages, render
from .i18n import ERROR_TITLE, PROGRESS_UNIT
from .uploads import CsvExports, ingest_upload, sanitize_filename, upload_progress, uploads_dir

NO_REPORTS = "Chưa có báo cáo nào. Hãy nạp báo cáo ở thẻ «Báo cáo»."
MAX_TABLE_ROWS = 2000


LEVEL_LABELS = {"tinh": "tỉnh", "thanh_pho": "thành phố", "huyen": "huyện", "xa": "xã", "so": "sở",
                "cuc_thong_ke": "cục thống kê", "bo": "bộ", "khac": "khác"}
# where a metadata field was read (index/metadata.py SOURCES), as the reports table says it
WHERE_LABELS = {"header": "đầu văn bản", "title": "tiêu đề", "body": "nội dung", "filename": "tên tệp",
                "user": "người dùng sửa"}
UNKNOWN = "chưa rõ"
DOCS_HEADERS = ["Tên báo cáo", "Cơ quan ban hành", "Cấp", "Tỉnh", "Kỳ", "Số đoạn", "Tệp nguồn"]


def _with_where(value, where, width: int = 80) -> str:
    if not value:
        return UNKNOWN
    value = str(value)
    if len(value) > width:                 # a misread issuer (an OCR'd header) must not fill the table
        value = value[:width].rsplit(" ", 1)[0] + "…"
    return f"{value} ({WHERE_LABELS.get(where, where)})" if where else str(value)


def docs_table(system) -> list[list]:
    """Every report with its metadata (`baocao reports`) and where each field was read."""
    out = []
    for r in sorted(report_rows(system), key=lambda r: (r["period"] or "", r["source"])):
        det = r["detected"]
        out.append([r["title"] or r["source"], _with_where(r["issuer"], det.get("issuer")),
                    _with_where(LEVEL_LABELS.get(r["level"], r["level"]), det.get("level")),
                    _with_where(r["province"], det.get("province")), _with_where(r["period"], det.get("period")),
                    r["chunks"], r["source"]])
    return out


def source_choices(system) -> list[tuple[str, str]]:
    return [(f"{r.title or r.source} ({r.source})", r.source) for r in system.documents().values()]


def scope_choices(system) -> list[tuple[str, str]]:
    """The reports as scope chips: short, by file name, with the province and period that tell them apart."""
    return [(" · ".join(x for x in (r.source, r.province, r.period) if x), r.source)
            for r in sorted(system.documents().values(), key=lambda r: r.source)]


def period_choices(system) -> list[str]:
    return sorted({r.period for r in system.documents().values() if r.period})


class FigureCache:
    """figure_rows(system), rebuilt only when the set of ingested reports changes."""

    def __init__(self, system):
        self.system = system
        self._key = None
        self._rows: list[dict] = []
        self._lock = threading.Lock()

    def rows(self) -> list[dict]:
        # a correction (baocao retag, the Báo cáo tab) changes a report's province or period: rebuild too
        key = tuple(sorted((s, r.sha256, r.province, r.period) for s, r in self.system.documents().items()))
        with self._lock:
            if key != self._key:
                self._rows, self._key = ft.figure_rows(self.system), key
            return self._rows


class SeriesExports(CsvExports):
    """The CSV files of series, kept and swept like the figure searches' (ui/uploads.py)."""

    def write_series(self, points) -> str:
        return self.save(lambda path: fs.series_csv(points, path), "chuoi-so-lieu.csv")


def province_choices(system) -> list[str]:
    return sorted({r.province for r in system.documents().values() if r.province})


BASIS_CHOICES = [("Trong kỳ (tháng, quý...)", fs.BASIS_MONTH), ("Lũy kế từ đầu năm", fs.BASIS_CUMULATIVE),
                 ("Cả hai", "")]


def _message_text(message) -> str:
    """The plain text of a chat message (Gradio gives content as a string or as parts), tags removed."""
    content = message.get("content") if isinstance(message, dict) else message
    if isinstance(content, list):
        content = " ".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    elif isinstance(content, dict):
        content = content.get("text", "")
    text = re.sub(r"<div class=\"bc-cards\">.*", "", str(content or ""), flags=re.DOTALL)   # not the cards
    return html.unescape(re.sub(r"<[^>]+>", " ", text)).strip()


# ---------------------------------------------------------------- conversation history, kept in the browser
HISTORY_KEY = "baocao-history"      # the browser's localStorage key (gr.BrowserState)
MAX_CONVERSATIONS = 50


def history_choices(history) -> list[tuple[str, str]]:
    """The saved conversations, newest first: "title · time" -> id."""
    items = sorted(history or [], key=lambda c: c.get("updated", ""), reverse=True)
    return [(f"{c.get('title') or 'Hội thoại'} · {c.get('updated', '')}", c["id"]) for c in items if c.get("id")]


def conversation_title(pairs) -> str:
    first = (pairs[0][0] if pairs else "") or "Hội thoại"
    return first if len(first) <= 60 else first[:60].rsplit(" ", 1)[0] + "…"


def browser_secret(db) -> str:
    """The key that encrypts the history in the browser: kept in `<db>/browser-secret` so that a restart of the
    server can still read what browsers saved (no conversation is stored on the server)."""
    path = Path(db) / "browser-secret"
    key = secrets.token_hex(32)
    for _ in range(2):
        try:
            found = path.read_text(encoding="ascii").strip()
            if found:
                return found
        except OSError:
            pass
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:          # another process made it meanwhile: read theirs
            continue
        except OSError:                  # a read-only data folder: history lasts until the server restarts
            return key
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key)
        return key
    return key


class BaocaoApp:
    """Callbacks over one System (kept small: each does one thing)."""

    def __init__(self, system, k: int | None = None, llm_spec: str | None = None):
        self.system = system
        self.k = k or system.settings.k
        self.llm_spec = llm_spec if llm_spec is not None else system.settings.llm_spec
        if self.llm_spec in ("", "none"):
            self.llm_spec = None
        self._llm = None
        self.write_lock = threading.Lock()
        self.figures = FigureCache(system)
        self.csv_exports = CsvExports()
        self.series_exports = SeriesExports()

    # -- answering
    @property
    def llm(self):
        if self.llm_spec and self._llm is None:
            from qa.llm import make_chat_model
            self._llm = make_chat_model(self.llm_spec, self.system.settings.endpoints)
        return self._llm

    def mode_label(self) -> str:
        return f"Mô hình ngôn ngữ: {self.llm_spec}" if self.llm_spec else "Trích xuất (ngoại tuyến)"

    def _check_reports(self) -> None:
        if not self.system.documents():
            raise BaocaoError(NO_REPORTS)

    def ask(self, question: str, k: int | None = None, history=None, sources=None, periods=None) -> Answer:
        self._check_reports()
        return answer_question(self.system, question, k=int(k or self.k), history=history,
                               scope=Scope(sources=sources or None, periods=periods or None), llm=self.llm).answer

    def ask_api(self, question: str, k: int = 5) -> dict:
        """Trả lời một câu hỏi; JSON giống hệt `baocao ask --json`."""
        try:
            answer = self.ask(question, k=max(1, min(int(k or self.k), 50)))
        except BaocaoError as exc:
            raise gr.Error(str(exc), title=ERROR_TITLE) from exc
        return answer_json(answer)

    def stream_answer(self, question, k, history, sources, periods):
        """Yield (partial text, None) while answering, then (None, final Answer)."""
        self._check_reports()
        scope = Scope(sources=sources or None, periods=periods or None)
        for partial, final in ask_stream(self.system, question, k=int(k), history=history, scope=scope,
                                         llm=self.llm):
            if final is None:
                yield partial, None
                continue
            if self.llm is None:      # an extractive answer comes at once: reveal it a few words at a time
                for words in render.stream_words(final.text):
                    yield words, None
                    time.sleep(0.015)
            yield None, final

    def ocr_sources(self) -> set[str]:
        """The reports whose text was read by OCR (their cards say so)."""
        return {s for s, r in self.system.documents().items() if (r.meta or {}).get("ocr")}

    def respond(self, question, chat, pairs, k, sources, periods):
        question = (question or "").strip()
        if not question:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        chat = list(chat or []) + [{"role": "user", "content": question},
                                   {"role": "assistant", "content": "…"}]
        yield "", chat, gr.skip(), None, gr.skip()      # no answer yet: nothing to give feedback on
        try:
            for partial, final in self.stream_answer(question, k, list(pairs or []), sources, periods):
                if final is None:
                    chat[-1] = {"role": "assistant", "content": html.escape(partial)}
                    yield gr.skip(), chat, gr.skip(), gr.skip(), gr.skip()
                    continue
                content = render.answer_message(final, question, self.ocr_sources())
                if final.abstained and (sources or periods):
                    content += "\n\n" + html.escape(render.scope_note(sources, periods))
                chat[-1] = {"role": "assistant", "content": content}
                pairs = list(pairs or []) + [(question, final.text)]
                choices = render.citation_choices(final)
                drop = gr.update(choices=choices, value=choices[0][1] if choices else None)
                yield gr.skip(), chat, pairs, final, drop
        except BaocaoError as exc:
            chat[-1] = {"role": "assistant", "content": html.escape(str(exc))}
            yield gr.skip(), chat, gr.skip(), gr.skip(), gr.skip()
        except Exception as exc:  # the chat must survive a failing backend
            chat[-1] = {"role": "assistant", "content": html.escape(f"Lỗi khi trả lời: {exc}")}
            yield gr.skip(), chat, gr.skip(), gr.skip(), gr.skip()

    def show_context(self, chunk_id, answer: Answer | None):
        if not chunk_id:
            return "<p>Chọn một đoạn được trích dẫn.</p>"
        cite = next((c for c in (answer.citations if answer else []) if c.chunk_id == chunk_id), None)
        if cite is None:
            return ""
        return render.context_html(self.system.chunks(cite.source), chunk_id, cite, answer.text)

    # -- feedback (qa/feedback.py: <db>/feedback.jsonl)
    @staticmethod
    def remember_answer(chat, answer, answers):
        """Keep the JSON of the answer just given under its message index (what feedback on it records)."""
        if answer is None or not chat:
            return gr.skip()
        answers = dict(answers or {})
        question = _message_text(chat[-2]) if len(chat) >= 2 else ""
        answers[str(len(chat) - 1)] = {**answer_json(answer), "question": question}
        return answers

    @staticmethod
    def no_answers() -> dict:
        return {}

    def record_feedback(self, chat, answers, evt: gr.LikeData):
        """A thumbs up/down on an answer, appended to <db>/feedback.jsonl; (note, the entry for a comment)."""
        i = evt.index if isinstance(evt.index, int) else evt.index[0]
        if evt.liked not in (True, False) or not chat or not 0 <= i < len(chat):
            return gr.skip(), gr.skip()
        info = (answers or {}).get(str(i)) or {}
        entry = feedback.record(self.system.db, rating="up" if evt.liked else "down",
                                question=info.get("question") or (_message_text(chat[i - 1]) if i else ""),
                                answer=info.get("answer") or _message_text(chat[i]),
                                citations=info.get("citations"))
        note = ("Cảm ơn! Đã ghi nhận đánh giá tốt." if evt.liked else
                "Đã ghi nhận: câu trả lời chưa đúng. Bạn có thể ghi thêm góp ý bên dưới (không bắt buộc).")
        return note, entry

    def add_feedback_comment(self, comment, last):
        """A comment on the answer last rated: one more line in feedback.jsonl; (note, comment box)."""
        comment = (comment or "").strip()
        if not last:
            return "Hãy bấm nút thích hoặc không thích dưới một câu trả lời trước khi góp ý.", gr.skip()
        if not comment:
            return "Góp ý đang trống.", gr.skip()
        feedback.record(self.system.db, rating=last["rating"], question=last["question"], answer=last["answer"],
                        citations=last.get("citations"), comment=comment)
        return "Đã ghi góp ý. Cảm ơn!", ""

    @staticmethod
    def no_page():
        return gr.update(value=None, visible=False), ""

    def show_page(self, chunk_id, answer: Answer | None):
        """«Xem trang»: (the cited PDF page with its sentence highlighted, or None; a note)."""
        cite = next((c for c in (answer.citations if answer else []) if c.chunk_id == chunk_id), None)
        if cite is None:
            return gr.update(value=None, visible=False), "Chọn một đoạn được trích dẫn."
        try:
            image, note = pages.page_image(self.system, cite, render.short_answer(answer))
        except Exception as exc:     # a damaged file must not break the chat
            image, note = None, f"Không hiển thị được trang: {exc} (the page could not be shown)"
        return gr.update(value=image, visible=image is not None), note

    @staticmethod
    def clear_chat():
        """A new conversation (the one shown stays in the history): chat, pairs, answer, cited, context, id."""
        return [], [], None, gr.update(choices=[], value=None), "", None

    # -- history (gr.BrowserState: in the user's browser only)
    @staticmethod
    def save_conversation(conv_id, chat, pairs, history, answer=None, answers=None):
        """Put the conversation shown into the history (new, or updated in place); (history, id, list).

        The last answer goes with it in full (`answer_record`: its citations for the cited-passage list,
        the context panel and «Xem trang»), and each answer's JSON by message index (what feedback on
        it records), so that a reopened conversation works like the one just asked."""
        if not pairs:
            return gr.skip(), gr.skip(), gr.skip()
        history = [dict(c) for c in history or []]
        conv_id = conv_id or uuid.uuid4().hex[:12]
        entry = next((c for c in history if c.get("id") == conv_id), None)
        if entry is None:
            entry = {"id": conv_id, "title": conversation_title(pairs)}
            history.append(entry)
        entry.update(chat=list(chat or []), pairs=[list(p) for p in pairs],
                     updated=datetime.datetime.now().strftime("%d/%m/%Y %H:%M"))
        if answer is not None:
            entry["answer"] = answer_record(answer)
        if answers:
            entry["answers"] = dict(answers)
        history = sorted(history, key=lambda c: c.get("updated", ""))[-MAX_CONVERSATIONS:]
        return history, conv_id, gr.update(choices=history_choices(history), value=conv_id)

    @staticmethod
    def history_list(history):
        return gr.update(choices=history_choices(history), value=None)

    def open_conversation(self, conv_id, history):
        """Reopen a saved conversation: chat, pairs, answer, cited, context, id, answers by message.

        Its last answer comes back with its citations: the cited-passage list is filled, the first
        one chosen and shown in the context panel, and «Xem trang» works again."""
        entry = next((c for c in history or [] if c.get("id") == conv_id), None)
        if entry is None:
            return (gr.skip(),) * 7
        pairs = [tuple(p) for p in entry.get("pairs") or []]
        answer = answer_from_record(entry.get("answer"))
        choices = render.citation_choices(answer) if answer is not None else []
        answers = entry.get("answers")
        first = choices[0][1] if choices else None
        try:
            context = self.show_context(first, answer) if first else ""
        except BaocaoError:                 # the store is gone: the conversation still opens
            context = ""
        return (list(entry.get("chat") or []), pairs, answer, gr.update(choices=choices, value=first), context,
                conv_id,
                dict(answers) if isinstance(answers, dict) else {})

    @staticmethod
    def rename_conversation(conv_id, name, history):
        """(history, list, name box) with the chosen conversation renamed."""
        name = (name or "").strip()
        if not conv_id or not name:
            return gr.skip(), gr.skip(), gr.skip()
        history = [dict(c, title=name[:100]) if c.get("id") == conv_id else c for c in history or []]
        return history, gr.update(choices=history_choices(history), value=conv_id), ""

    @staticmethod
    def delete_conversation(conv_id, history, current_id):
        """(history, list, current id): the chosen conversation forgotten (the chat shown stays on screen)."""
        if not conv_id:
            return gr.skip(), gr.skip(), gr.skip()
        history = [c for c in history or [] if c.get("id") != conv_id]
        return history, gr.update(choices=history_choices(history), value=None), \
            (None if current_id == conv_id else current_id)

    # -- reports
    def ingest_files(self, files, progress=gr.Progress()):
        files = files or []
        lines = []
        for i, f in enumerate(files):
            path = Path(getattr(f, "name", f))
            name = sanitize_filename(path.name)
            progress((i, len(files)), desc=f"Đang nạp {name}", unit=PROGRESS_UNIT)
            lines.append(self._ingest_one(path, name, upload_progress(progress, name, i, len(files))))
        progress((len(files), len(files)), desc="Xong", unit=PROGRESS_UNIT)
        return ("\n".join(lines) or "Chưa chọn tệp nào."), None

    def _ingest_one(self, path, name: str, progress=None) -> str:
        status = {"added": "đã nạp", "replaced": "đã cập nhật", "unchanged": "không đổi (đã có)"}
        try:
            with self.write_lock:
                out = ingest_upload(self.system, path, progress=progress)
        except BaocaoError as exc:
            msg = str(exc)
            return f"✗ {msg}" if msg.startswith(f"{name}:") else f"✗ {name}: {msg}"
        except Exception as exc:
            return f"✗ {name}: lỗi khi nạp ({exc})"
        folder = str(uploads_dir(self.system).resolve()) + os.sep
        if out["errors"] or not out["documents"]:
            err = "; ".join(e.replace(folder, "") for e in out["errors"])
            return f"✗ {name}: {err}"
        d = out["documents"][0]
        notes = "".join(f" — {n}" for n in out.get("notes", []))
        return f"✓ {d['source']}: {status.get(d['status'], d['status'])}, {d['chunks']} đoạn{notes}"

    def remove_report(self, source):
        if not source:
            return "Chọn một báo cáo để xóa."
        try:
            with self.write_lock:
                _, unknown = self.system.remove([source])
                copy = uploads_dir(self.system) / sanitize_filename(source)
                if copy.is_file() and sanitize_filename(source) == source:
                    copy.unlink()
        except BaocaoError as exc:
            return f"Không xóa được {source}: {exc}"
        return f"Đã xóa {source}." if not unknown else f"Không tìm thấy {source}."

    def refresh(self, query="", source=None, province=None, period=None, section=""):
        """Every view that depends on the set of reports."""
        try:
            srcs, periods = source_choices(self.system), period_choices(self.system)
        except BaocaoError as exc:          # e.g. the Chroma server is gone: say so, in words
            raise gr.Error(str(exc), title=ERROR_TITLE) from exc
        return (docs_table(self.system), gr.update(choices=srcs, value=None),
                gr.update(choices=scope_choices(self.system)), gr.update(choices=periods)) + \
            self.search_figures(query, source, province, period, section) + \
            (gr.update(choices=srcs), gr.update(choices=province_choices(self.system)),
             gr.update(choices=periods), gr.update(choices=[n for n, _ in fs.indicators(self.figures.rows())]),
             gr.update(choices=srcs))

    def report_meta(self, source):
        """(province, period, issuer, where each came from) of one report, for the correction form."""
        rec = self.system.documents().get(source) if source else None
        if rec is None:
            return "", "", "", ""
        row = report_row(rec)
        det = row["detected"]
        where = " · ".join(f"{label}: {WHERE_LABELS.get(det.get(key), det.get(key) or UNKNOWN)}"
                           for key, label in (("province", "tỉnh"), ("period", "kỳ"), ("issuer", "cơ quan"),
                                              ("level", "cấp")))
        return row["province"] or "", row["period"] or "", row["issuer"] or "", f"Đọc được từ — {where}"

    def save_report_meta(self, source, province="", period="", issuer=""):
        """Correct a report's province, period or issuer (qa.reports.retag, as `baocao retag`): used at once."""
        if not source:
            return "Chọn một báo cáo để sửa."
        current = self.report_meta(source)
        changed = {key: (new or "").strip() for key, new, old in
                   zip(("province", "period", "issuer"), (province, period, issuer), current)
                   if (new or "").strip() and (new or "").strip() != old}
        if not changed:
            return f"Không có gì thay đổi ở {source} (nothing changed)."
        try:
            with self.write_lock:
                row = retag(self.system, source, **changed)
        except BaocaoError as exc:
            return f"✗ {source}: {exc}"
        names = {"province": "tỉnh", "period": "kỳ", "issuer": "cơ quan ban hành"}
        shown = ", ".join(f"{names[k]} = {row.get(k)}" for k in changed)
        return f"✓ Đã sửa {source}: {shown}. Áp dụng ngay cho hỏi đáp và tra cứu số liệu."

    def prune_scope(self, sources, periods):
        """The chat's scope without the reports and periods that are gone (after a removal)."""
        known = self.system.documents()
        live_periods = {r.period for r in known.values() if r.period}
        return ([x for x in sources or [] if x in known], [x for x in periods or [] if x in live_periods])

    # -- figures
    def search_figures(self, query="", source=None, province=None, period=None, section=""):
        """(table, note, CSV) of the figures matching the query within the filters."""
        found = ft.search(self.figures.rows(), query,
                          ft.Filters(source=source or None, province=province or None, period=period or None,
                                     section=(section or "").strip() or None))
        note = found.note()
        if found.count > MAX_TABLE_ROWS:
            note += f" — hiển thị {MAX_TABLE_ROWS} dòng đầu; tải CSV để có đủ"
        return ft.table_value(found.rows, MAX_TABLE_ROWS), note, self.csv_exports.write(found.rows)

    def figure_detail(self, evt: gr.SelectData):
        row_value = evt.row_value or []
        rows = self.figures.rows()
        try:
            r = rows[int(row_value[0]) - 1]
        except (IndexError, TypeError, ValueError):
            return ""
        return render.figure_card(r)

    def show_series(self, indicator="", basis=""):
        """(chart, table, note, CSV) of one indicator across the ingested reports (no chart when no point)."""
        indicator = (indicator or "").strip()
        if not indicator:
            return None, [], "Chọn hoặc gõ một chỉ tiêu, ví dụ «thu ngân sách» (pick an indicator).", None
        points = fs.series(self.figures.rows(), indicator, basis or None)
        if not points:
            return (None, [], f"Không có số liệu nào của chỉ tiêu «{html.escape(indicator)}» trong các báo cáo đã nạp "
                    "(no figure of this indicator).", None)
        provinces = len({p.province for p in points})
        unit = points[0].unit
        note = (f"{len(points)} điểm · {provinces} tỉnh · đơn vị {unit} — rê chuột lên một điểm để xem câu gốc "
                "(hover a point for its source sentence).")
        return chart.series_plot(points), fs.series_table(points), note, self.series_exports.write_series(points)
