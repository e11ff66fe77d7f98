"""The Gradio app of baocao: chat over the reports, report management, figure search, and an API.

Why it looks like this:

* One `System` serves every tab, so the chat, the CLI and the evaluation answer alike.
  Nothing heavy happens at import: the embedder loads on the first question or upload.
* "Hỏi đáp" streams the answer (word by word offline, token by token with an LLM) and
  puts the cited passages under it as cards, with the answer's figures marked, because a
  reader of a government report must be able to check every number at its source.
  "Xem trong văn bản" shows a cited passage between its neighbours in the report.
* "Báo cáo" lists, uploads and removes reports.  Uploaded files are copied under
  `<db>/uploads` with a sanitised name (basename only, no "..", no control characters,
  Vietnamese letters kept), so a file name can never write outside the data folder.
  Its filters restrict the chat to chosen reports or periods.
* "Tra cứu số liệu" is for journalists: every figure extracted at ingest in one sortable
  table, searchable with or without diacritics, exportable as CSV for Excel.
* `/ask` (api_name="ask") returns exactly the JSON of `baocao ask --json`.
* Safe defaults: 127.0.0.1, no share link, analytics off, a concurrency limit, an upload
  size limit, optional login from BAOCAO_AUTH="user:pass[,user2:pass2]".
"""
from __future__ import annotations

import os

# must precede the gradio import: gradio reads it at import time
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

import collections  # noqa: E402
import html  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import unicodedata  # noqa: E402
import uuid  # noqa: E402
import weakref  # noqa: E402
from pathlib import Path  # noqa: E402

import gradio as gr  # noqa: E402

from index.errors import BaocaoError  # noqa: E402
from qa import figures_table as ft  # noqa: E402

TITLE = "Hỏi đáp báo cáo"
EXAMPLES = [
    "Tổng kim ngạch xuất nhập khẩu tháng 1 là bao nhiêu?",
    "Đàn bò có bao nhiêu con?",
    "Còn đàn trâu thì sao?",
    "Số hộ nghèo năm 2022 là bao nhiêu?",
]
UPLOAD_TYPES = [".pdf", ".docx", ".txt", ".md"]
MAX_FILE_SIZE = "50mb"
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
CONCURRENCY = 4
MAX_TABLE_ROWS = 2000
# Gradio's cache (uploads before ingest copies them, downloads): swept hourly of files
# older than a day, and emptied when the app stops
GRADIO_DELETE_CACHE = (3600, 86400)
NO_REPORTS = "Chưa có báo cáo nào. Hãy nạp báo cáo ở thẻ «Báo cáo»."
_FIGURE_KINDS = ("number", "percent", "ratio")
_MARKER = re.compile(r"\[\d+(?:\s*[,;]\s*\d+)*\]")

CSS = """
.bc-cards { display: flex; flex-direction: column; gap: 8px; margin-top: 10px; }
.bc-card { border: 1px solid var(--border-color-primary); border-left: 4px solid #2f6fb3;
           border-radius: 6px; padding: 8px 10px; background: var(--background-fill-secondary); }
.bc-head { font-weight: 600; }
.bc-n { color: #2f6fb3; margin-right: 4px; }
.bc-meta { font-size: 0.85em; opacity: 0.8; }
.bc-path { font-size: 0.85em; margin: 2px 0 4px 0; }
.bc-text { font-size: 0.92em; }
.bc-context { max-height: 640px; overflow-y: auto; }
.bc-ctx { border-radius: 6px; padding: 8px 10px; margin-bottom: 8px; white-space: pre-wrap; font-size: 0.9em;
          border: 1px dashed var(--border-color-primary); background: var(--background-fill-secondary); }
.bc-ctx.bc-cur { border: 2px solid #2f6fb3; background: var(--background-fill-primary); font-size: 0.95em; }
#bc-figures table, #bc-figures td, #bc-figures th, #bc-docs table, #bc-docs td, #bc-docs th,
#bc-figures span, #bc-docs span { font-family: var(--font) !important; }
.bc-ctx-path { font-size: 0.85em; font-weight: 600; margin-bottom: 4px; }
mark { background: #ffe066; color: #000; padding: 0 2px; border-radius: 2px; }
"""


# ---------------------------------------------------------------- pure helpers

def public_result(out: dict) -> dict:
    """The JSON of `baocao ask --json`: one rule, kept in qa.answer (imported late: no heavy imports here)."""
    from qa.answer import public_result as contract_json
    return contract_json(out)


def parse_auth(value: str | None) -> list[tuple[str, str]] | None:
    """BAOCAO_AUTH="user:pass[,user2:pass2]" -> [(user, pass), ...]; None when unset."""
    if not value or not value.strip():
        return None
    pairs = []
    for item in value.split(","):
        user, sep, password = item.strip().partition(":")
        if not sep or not user or not password:
            raise BaocaoError("BAOCAO_AUTH phải có dạng user:pass[,user2:pass2] (bad BAOCAO_AUTH)")
        pairs.append((user, password))
    return pairs


def sanitize_filename(name: str, default: str = "baocao") -> str:
    """A safe file name from an uploaded one: basename only, no separators, "..", control chars.

    Vietnamese letters stay (NFC); characters Windows forbids become "_".
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = re.sub(r'[<>:"|?*]', "_", name)
    name = re.sub(r"\.{2,}", ".", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    stem = stem.strip(" .") or default
    ext = ext[:10]
    return (stem[:150] + (f".{ext}" if ext else "")).strip()


def uploads_dir(system) -> Path:
    return Path(system.db) / "uploads"


def save_upload(system, path: str | Path, name: str | None = None) -> Path:
    """Copy an uploaded file under <db>/uploads with a sanitised name; refuse bad types or sizes."""
    path = Path(path)
    safe = sanitize_filename(name or path.name)
    if Path(safe).suffix.lower() not in UPLOAD_TYPES:
        raise BaocaoError(f"{safe}: chỉ nhận tệp .pdf, .docx, .txt, .md (unsupported file type)")
    if path.stat().st_size > MAX_UPLOAD_BYTES:
        raise BaocaoError(f"{safe}: tệp lớn hơn {MAX_FILE_SIZE} (file too large)")
    folder = uploads_dir(system).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    target = (folder / safe).resolve()
    if target.parent != folder:  # belt and braces: sanitize_filename already guarantees it
        raise BaocaoError(f"{safe}: tên tệp không hợp lệ (bad file name)")
    shutil.copyfile(path, target)
    return target


def answer_figures(answer: str) -> list:
    """The figures an answer states (numbers, percentages, ratios; not dates or document numbers)."""
    from index.numbers import find_numbers
    found = find_numbers(_MARKER.sub(" ", answer or ""))
    # bare numbers ("1.2" of a section heading) are not figures; "250 triệu USD", "6,6%" are
    return [m for m in found if m.kind in _FIGURE_KINDS and not m.is_bare]


def figure_spans(text: str, figures: list) -> list[tuple[int, int]]:
    """Spans of `text` stating one of `figures` (same value and unit, whatever the notation)."""
    if not figures:
        return []
    from index.numbers import find_numbers, numbers_equivalent
    spans = []
    for m in find_numbers(text):
        if m.kind in _FIGURE_KINDS and any(_equivalent(numbers_equivalent, m, f) for f in figures):
            spans.append((m.start, m.end))
    return spans


def _equivalent(fn, a, b) -> bool:
    try:
        return bool(fn(a, b))
    except Exception:
        return False


def highlight(text: str, spans: list[tuple[int, int]]) -> str:
    """HTML-escaped text with the spans wrapped in <mark>."""
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out += [html.escape(text[pos:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


_CHUNK_HEAD = re.compile(r"\A[^\n]*\|[^\n]*\n(?:Mục: [^\n]*\n)?\s*")


def chunk_body(text: str) -> str:
    """A chunk's text without the context header it is embedded with ("title | province | period", "Mục: ...")."""
    body = re.sub(r"\n\s*\n\s*\n+", "\n\n", _CHUNK_HEAD.sub("", text or "", count=1))
    return body if body.strip() else (text or "")


def excerpt(text: str, spans: list[tuple[int, int]], width: int = 600) -> tuple[str, list[tuple[int, int]]]:
    """A window of a long passage, from the sentence holding its first marked figure (spans shifted)."""
    if len(text) <= width:
        return text, spans
    first = min((s for s, _ in spans), default=0)
    start = max(text.rfind(". ", 0, first) + 2, text.rfind("\n", 0, first) + 1, 0)
    if first - start > width // 2:  # a very long sentence: start at a word near the figure
        start = text.find(" ", first - width // 3) + 1
    end = min(len(text), start + width)
    if end < len(text) and " " in text[end - 30:end]:
        end = text.rfind(" ", end - 30, end)
    lead = "… " if start else ""
    shifted = [(s - start + len(lead), e - start + len(lead)) for s, e in spans if s >= start and e <= end]
    return lead + text[start:end] + (" …" if end < len(text) else ""), shifted


def where(c: dict) -> str:
    return " › ".join(c.get("section_path") or []) or "Phần đầu văn bản"


def citation_card(c: dict, figures: list) -> str:
    text = re.sub(r"\s*\n\s*", "\n", chunk_body(c.get("text", "")))
    shown, spans = excerpt(text, figure_spans(text, figures))
    meta = [html.escape(c.get("period") or ""), f"trang {c['page']}" if c.get("page") else ""]
    meta_html = " · ".join(m for m in meta if m)
    return (
        f'<div class="bc-card"><div class="bc-head"><span class="bc-n">[{int(c["id"])}]</span>'
        f'{html.escape(c.get("title") or c.get("source", ""))}</div>'
        f'<div class="bc-meta">{meta_html}</div>'
        f'<div class="bc-path">{html.escape(where(c))}</div>'
        f'<div class="bc-text">{highlight(shown, spans).replace(chr(10), "<br>")}</div></div>'
    )


def citation_cards(result: dict) -> str:
    cites = result.get("citations") or []
    if not cites:
        return ""
    figures = answer_figures(result.get("answer", ""))
    return '<div class="bc-cards">' + "".join(citation_card(c, figures) for c in cites) + "</div>"


def answer_message(result: dict) -> str:
    """The chat bubble of a finished answer: the text, a flag if any, then the citation cards."""
    text = html.escape(result.get("answer", ""))
    flagged = result.get("flagged")
    if flagged:
        text += f"\n\n(!) Câu trả lời của mô hình bị loại ({html.escape(flagged.get('reason', ''))}); " \
                "đây là câu trả lời trích xuất."
    return text + citation_cards(result)


def stream_words(text: str, step: int = 3):
    """Prefixes of `text`, a few words at a time (to stream an extractive answer)."""
    parts = re.split(r"(\s+)", text)
    for i in range(0, len(parts), 2 * step):
        yield "".join(parts[: i + 2 * step])


def citation_choices(result: dict) -> list[tuple[str, str]]:
    return [(f"[{c['id']}] {where(c)}", c["chunk_id"]) for c in result.get("citations") or []]


def context_html(system, chunk_id: str, citations: list[dict]) -> str:
    """A cited chunk between the previous and next chunks of its report, itself highlighted."""
    cite = next((c for c in citations if c["chunk_id"] == chunk_id), None)
    if cite is None:
        return ""
    chunks = system.chunks(cite["source"])
    idx = next((i for i, ch in enumerate(chunks) if ch["chunk_id"] == chunk_id), None)
    if idx is None:
        return "<p>Không tìm thấy đoạn này trong kho (báo cáo có thể đã bị xóa).</p>"
    figures = answer_figures(cite.get("_answer", ""))
    blocks = []
    for i in range(max(0, idx - 1), min(len(chunks), idx + 2)):
        ch = chunks[i]
        cur = i == idx
        text = chunk_body(ch["text"])
        body = highlight(text, figure_spans(text, figures)) if cur else html.escape(text)
        page = f" · trang {ch['page']}" if ch.get("page") else ""
        blocks.append(f'<div class="bc-ctx{" bc-cur" if cur else ""}"><div class="bc-ctx-path">'
                      f'{html.escape(where(ch))}{page}</div>{body}</div>')
    head = f"<p><b>{html.escape(cite.get('title') or cite['source'])}</b> — đoạn {idx + 1}/{len(chunks)}</p>"
    return f'<div class="bc-context">{head}{"".join(blocks)}</div>'


def docs_table(system) -> list[list]:
    return [[r.title or r.source, r.period, r.province, r.chunks, r.source]
            for r in sorted(system.documents().values(), key=lambda r: (r.period, r.source))]


def source_choices(system) -> list[tuple[str, str]]:
    return [(f"{r.title or r.source} ({r.source})", r.source) for r in system.documents().values()]


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
        key = tuple(sorted((s, r.sha256) for s, r in self.system.documents().items()))
        with self._lock:
            if key != self._key:
                self._rows, self._key = ft.figure_rows(self.system), key
            return self._rows


class CsvExports:
    """The CSV files figure searches offer for download.

    One folder per export (concurrent users must not overwrite each other's file).
    Gradio copies a returned file into its own cache, so only the newest KEEP are kept
    here, and the folder goes with the app: a server up for months must not fill the disk.
    """
    KEEP = 20

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="baocao-csv-"))
        self._folders: collections.deque[Path] = collections.deque()
        self._lock = threading.Lock()
        self._cleanup = weakref.finalize(self, shutil.rmtree, str(self.dir), True)

    def write(self, rows: list[dict]) -> str:
        folder = self.dir / uuid.uuid4().hex
        path = ft.to_csv(rows, folder / "so-lieu-bao-cao.csv")
        with self._lock:
            self._folders.append(folder)
            while len(self._folders) > self.KEEP:
                shutil.rmtree(self._folders.popleft(), ignore_errors=True)
        return str(path)


# ---------------------------------------------------------------- the app

class BaocaoApp:
    """Callbacks over one System (kept small: each does one thing)."""

    def __init__(self, system, k: int = 5, llm_spec: str | None = None):
        self.system = system
        self.k = k
        spec = (llm_spec or getattr(system, "llm_spec", None) or "none").strip()
        self.llm_spec = None if spec in ("", "none") else spec
        self._llm = None
        self.write_lock = threading.Lock()
        self.figures = FigureCache(system)
        self.csv_exports = CsvExports()

    # -- answering
    @property
    def llm(self):
        if self.llm_spec and self._llm is None:
            from qa.llm import make_chat_model
            self._llm = make_chat_model(self.llm_spec)
        return self._llm

    def mode_label(self) -> str:
        return f"Mô hình ngôn ngữ: {self.llm_spec}" if self.llm_spec else "Trích xuất (ngoại tuyến)"

    def ask(self, question: str, k: int | None = None, history=None, sources=None, periods=None) -> dict:
        from qa.answer import ask
        if not self.system.documents():
            raise BaocaoError(NO_REPORTS)
        return ask(self.system, question, k=int(k or self.k), history=history, sources=sources or None,
                   periods=periods or None, llm=self.llm)

    def ask_api(self, question: str, k: int = 5) -> dict:
        """Trả lời một câu hỏi; JSON giống hệt `baocao ask --json`."""
        try:
            out = self.ask(question, k=max(1, min(int(k or self.k), 50)))
        except BaocaoError as exc:
            raise gr.Error(str(exc)) from exc
        return public_result(out)

    def stream_answer(self, question, k, history, sources, periods):
        """Yield (partial text, None) while answering, then (None, final result)."""
        if self.llm is None:
            result = self.ask(question, k, history, sources, periods)
            for partial in stream_words(result["answer"]):
                yield partial, None
                time.sleep(0.015)
            yield None, result
            return
        from qa.llm import llm_answer_stream
        if not self.system.documents():
            raise BaocaoError(NO_REPORTS)
        for partial, final in llm_answer_stream(self.system, self.llm, question, k=int(k), history=history,
                                                sources=sources or None, periods=periods or None):
            if final is not None:
                yield None, final
            else:
                yield partial, None

    def respond(self, question, chat, pairs, k, sources, periods):
        question = (question or "").strip()
        if not question:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        chat = list(chat or []) + [{"role": "user", "content": question},
                                   {"role": "assistant", "content": "…"}]
        yield "", chat, gr.skip(), gr.skip(), gr.skip()
        try:
            for partial, final in self.stream_answer(question, k, list(pairs or []), sources, periods):
                if final is None:
                    chat[-1] = {"role": "assistant", "content": html.escape(partial)}
                    yield gr.skip(), chat, gr.skip(), gr.skip(), gr.skip()
                    continue
                chat[-1] = {"role": "assistant", "content": answer_message(final)}
                pairs = list(pairs or []) + [(question, final["answer"])]
                cites = [dict(c, _answer=final["answer"]) for c in final.get("citations") or []]
                choices = citation_choices(final)
                drop = gr.update(choices=choices, value=choices[0][1] if choices else None)
                yield gr.skip(), chat, pairs, cites, drop
        except BaocaoError as exc:
            chat[-1] = {"role": "assistant", "content": html.escape(str(exc))}
            yield gr.skip(), chat, gr.skip(), gr.skip(), gr.skip()
        except Exception as exc:  # the chat must survive a failing backend
            chat[-1] = {"role": "assistant", "content": html.escape(f"Lỗi khi trả lời: {exc}")}
            yield gr.skip(), chat, gr.skip(), gr.skip(), gr.skip()

    def show_context(self, chunk_id, citations):
        if not chunk_id:
            return "<p>Chọn một đoạn được trích dẫn.</p>"
        return context_html(self.system, chunk_id, citations or [])

    @staticmethod
    def clear_chat():
        return [], [], [], gr.update(choices=[], value=None), ""

    # -- reports
    def ingest_files(self, files, progress=gr.Progress()):
        files = files or []
        lines = []
        for i, f in enumerate(files):
            path = Path(getattr(f, "name", f))
            name = sanitize_filename(path.name)
            progress((i, len(files)), desc=f"Đang nạp {name}")
            lines.append(self._ingest_one(path, name))
        progress((len(files), len(files)), desc="Xong")
        return ("\n".join(lines) or "Chưa chọn tệp nào."), None

    def _ingest_one(self, path: Path, name: str) -> str:
        status = {"added": "đã nạp", "replaced": "đã cập nhật", "unchanged": "không đổi (đã có)"}
        try:
            with self.write_lock:
                saved = save_upload(self.system, path)
                out = self.system.ingest([saved])
        except BaocaoError as exc:
            return f"✗ {name}: {exc}"
        except Exception as exc:
            return f"✗ {name}: lỗi khi nạp ({exc})"
        if out["errors"]:
            err = "; ".join(e.replace(str(saved.parent) + os.sep, "") for e in out["errors"])
            return f"✗ {name}: {err}"
        d = out["documents"][0]
        return f"✓ {d['source']}: {status.get(d['status'], d['status'])}, {d['chunks']} đoạn"

    def remove_report(self, source):
        if not source:
            return "Chọn một báo cáo để xóa."
        with self.write_lock:
            removed, unknown = self.system.remove([source])
            copy = uploads_dir(self.system) / sanitize_filename(source)
            if copy.is_file() and sanitize_filename(source) == source:
                copy.unlink()
        return f"Đã xóa {source}." if not unknown else f"Không tìm thấy {source}."

    def refresh(self, query=""):
        """Every view that depends on the set of reports."""
        srcs, periods = source_choices(self.system), period_choices(self.system)
        return (docs_table(self.system), gr.update(choices=srcs, value=None),
                gr.update(choices=srcs), gr.update(choices=periods)) + self.search_figures(query)

    # -- figures
    def search_figures(self, query=""):
        rows = ft.filter_rows(self.figures.rows(), query)
        shown = [ft.display_row(r) for r in rows[:MAX_TABLE_ROWS]]
        total = len(self.figures.rows())
        note = f"{len(rows)} số liệu khớp / {total}"
        if len(rows) > MAX_TABLE_ROWS:
            note += f" — hiển thị {MAX_TABLE_ROWS} dòng đầu; tải CSV để có đủ"
        return shown, note, self.csv_exports.write(rows)

    def figure_detail(self, evt: gr.SelectData):
        row_value = evt.row_value or []
        rows = self.figures.rows()
        try:
            r = rows[int(row_value[0]) - 1]
        except (IndexError, TypeError, ValueError):
            return ""
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(r["raw"]), r["sentence"])][:1] if r["raw"] else []
        page = f" · trang {r['page']}" if r.get("page") else ""
        return (f'<div class="bc-card"><div class="bc-head">{html.escape(r["raw"])} — '
                f'{html.escape(r["metric"])}</div><div class="bc-meta">{html.escape(r["title"])} · '
                f'{html.escape(r["period"])}{page}</div><div class="bc-path">{html.escape(r["section"])}</div>'
                f'<div class="bc-text">{highlight(r["sentence"], spans)}</div></div>')


def _chat_tab(app: BaocaoApp, k: int):
    with gr.Row():
        with gr.Column(scale=3):
            chat = gr.Chatbot(label="Hội thoại", height=640, sanitize_html=True, elem_id="bc-chat",
                              placeholder="Đặt câu hỏi về các báo cáo đã nạp; câu trả lời có trích dẫn [n].",
                              feedback_options=None, buttons=["copy"])
            with gr.Row():
                question = gr.Textbox(placeholder="Nhập câu hỏi, ví dụ: Đàn bò có bao nhiêu con?",
                                      show_label=False, scale=5, elem_id="bc-question", autofocus=True)
                send = gr.Button("Gửi", variant="primary", scale=1, elem_id="bc-send")
            gr.Examples(EXAMPLES, inputs=[question], label="Câu hỏi mẫu")
            clear = gr.Button("Xóa hội thoại", variant="secondary", size="sm", elem_id="bc-clear")
        with gr.Column(scale=2):
            with gr.Accordion("Cài đặt", open=True):
                gr.Markdown(f"**Chế độ trả lời:** {app.mode_label()}", elem_id="bc-mode")
                k_slider = gr.Slider(1, 10, value=max(1, min(k, 10)), step=1,
                                     label="Số đoạn truy xuất (k)")
            with gr.Accordion("Ngữ cảnh của đoạn trích", open=True):
                cited = gr.Dropdown(label="Đoạn được trích dẫn", choices=[], interactive=True)
                show = gr.Button("Xem trong văn bản", size="sm", elem_id="bc-show")
                context = gr.HTML()
    return {"chat": chat, "question": question, "send": send, "clear": clear, "k": k_slider,
            "cited": cited, "show": show, "context": context}


def _reports_tab():
    table = gr.Dataframe(headers=["Tên báo cáo", "Kỳ", "Tỉnh", "Số đoạn", "Tệp nguồn"],
                         datatype=["str", "str", "str", "number", "str"], interactive=False,
                         label="Báo cáo đã nạp", wrap=True, elem_id="bc-docs",
                         column_widths=["44%", "13%", "11%", "8%", "24%"])
    with gr.Row():
        with gr.Column():
            files = gr.File(label=f"Nạp báo cáo (.pdf .docx .txt .md, tối đa {MAX_FILE_SIZE})",
                            file_count="multiple", file_types=UPLOAD_TYPES, elem_id="bc-upload")
            result = gr.Markdown(elem_id="bc-upload-result")
        with gr.Column():
            with gr.Group():
                to_remove = gr.Dropdown(label="Chọn báo cáo cần xóa", choices=[])
                remove = gr.Button("Xóa báo cáo", variant="stop")
            removed = gr.Markdown()
            gr.Markdown("**Giới hạn phạm vi hỏi đáp** (để trống = tất cả báo cáo)")
            sources = gr.Dropdown(label="Chỉ hỏi trong các báo cáo", choices=[], multiselect=True)
            periods = gr.Dropdown(label="Chỉ hỏi trong các kỳ", choices=[], multiselect=True)
    return {"table": table, "files": files, "result": result, "to_remove": to_remove, "remove": remove,
            "removed": removed, "sources": sources, "periods": periods}


def _figures_tab():
    with gr.Row():
        query = gr.Textbox(label="Tìm số liệu (gõ có hoặc không dấu)", scale=4, elem_id="bc-fig-query",
                           placeholder="ví dụ: kim ngach, hộ nghèo, đàn bò")
        export = gr.DownloadButton("Tải CSV", scale=1, elem_id="bc-export")
    note = gr.Markdown(elem_id="bc-fig-note")
    table = gr.Dataframe(headers=ft.headers(),
                         datatype=["number", "number", "str", "str", "str", "str", "str", "str", "str"],
                         interactive=False, wrap=True, max_height=520, elem_id="bc-figures",
                         column_widths=["5%", "7%", "8%", "20%", "16%", "19%", "12%", "8%", "5%"])
    gr.Markdown("Chọn một dòng để xem câu gốc:")
    detail = gr.HTML(elem_id="bc-fig-detail")
    return {"query": query, "export": export, "note": note, "table": table, "detail": detail}


def build_app(system, *, k: int = 5, llm_spec: str | None = None) -> gr.Blocks:
    """The Blocks app over `system` (not launched)."""
    app = BaocaoApp(system, k=k, llm_spec=llm_spec)
    private = {"api_visibility": "private"}
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=GRADIO_DELETE_CACHE) as demo:
        gr.Markdown(f"## {TITLE}\nHỏi đáp có trích dẫn trên báo cáo của cơ quan nhà nước.")
        pairs, cites = gr.State([]), gr.State([])
        with gr.Tabs():
            with gr.Tab("Hỏi đáp", id="chat"):
                c = _chat_tab(app, k)
            with gr.Tab("Báo cáo", id="reports"):
                r = _reports_tab()
            with gr.Tab("Tra cứu số liệu", id="figures"):
                f = _figures_tab()

        ask_in = [c["question"], c["chat"], pairs, c["k"], r["sources"], r["periods"]]
        ask_out = [c["question"], c["chat"], pairs, cites, c["cited"]]
        c["question"].submit(app.respond, ask_in, ask_out, **private)
        c["send"].click(app.respond, ask_in, ask_out, **private)
        c["clear"].click(app.clear_chat, None, [c["chat"], pairs, cites, c["cited"], c["context"]], **private)
        c["show"].click(app.show_context, [c["cited"], cites], c["context"], **private)
        c["cited"].change(app.show_context, [c["cited"], cites], c["context"], **private)

        refresh_out = [r["table"], r["to_remove"], r["sources"], r["periods"], f["table"], f["note"], f["export"]]
        r["files"].upload(app.ingest_files, r["files"], [r["result"], r["files"]], **private).then(
            app.refresh, f["query"], refresh_out, **private)
        r["remove"].click(app.remove_report, r["to_remove"], r["removed"], **private).then(
            app.refresh, f["query"], refresh_out, **private)

        f["query"].change(app.search_figures, f["query"], [f["table"], f["note"], f["export"]], **private)
        f["table"].select(app.figure_detail, None, f["detail"], **private)
        demo.load(app.refresh, f["query"], refresh_out, **private)

        gr.api(app.ask_api, api_name="ask")
    demo.baocao = app
    return demo


def theme() -> gr.themes.Base:
    """Soft theme with system fonts: nothing is fetched from Google Fonts (works offline)."""
    sans = ["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "DejaVu Sans", "sans-serif"]
    mono = ["ui-monospace", "SFMono-Regular", "DejaVu Sans Mono", "monospace"]
    return gr.themes.Soft(font=sans, font_mono=mono)


def launch(demo: gr.Blocks, host: str = "127.0.0.1", port: int = 7860, **kwargs):
    """Queue and launch with the project's safe defaults (tests pass prevent_thread_lock=True)."""
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=64)
    return demo.launch(server_name=host, server_port=port, share=False,
                       auth=parse_auth(os.environ.get("BAOCAO_AUTH")),
                       auth_message="Đăng nhập để dùng ứng dụng hỏi đáp báo cáo.",
                       max_file_size=MAX_FILE_SIZE, show_error=True, footer_links=["api"],
                       theme=theme(), css=CSS, **kwargs)


def serve(system, host: str = "127.0.0.1", port: int = 7860, k: int = 5, llm_spec: str | None = None):
    """`baocao serve`: build the app and serve it until interrupted."""
    demo = build_app(system, k=k, llm_spec=llm_spec)
    print(f"baocao: http://{host}:{port}  (Ctrl+C để dừng)")
    return launch(demo, host, port)
