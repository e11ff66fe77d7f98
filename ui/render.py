"""HTML the chat shows: answer bubbles, citation cards with the answer's figures marked, context.

A reader of a government report must be able to check every number at its source, so
each card shows the cited passage (without the header line it was embedded with) and
marks the figures the answer states, whatever their notation.
"""
from __future__ import annotations

import html
import re

from index.chunking import without_header
from qa.results import Answer, Citation, strip_markers

_FIGURE_KINDS = ("number", "percent", "ratio")

CSS = """
.bc-cards { display: flex; flex-direction: column; gap: 8px; margin-top: 10px; }
.bc-card { border: 1px solid var(--border-color-primary); border-left: 4px solid #2f6fb3;
           border-radius: 6px; padding: 8px 10px; background: var(--background-fill-secondary); }
.bc-head { font-weight: 600; }
.bc-n { color: #2f6fb3; margin-right: 4px; }
.bc-meta { font-size: 0.85em; opacity: 0.8; }
.bc-file { font-family: var(--font-mono); font-size: 0.95em; }
.bc-ocr { background: #fff3cd; color: #664d03; border-radius: 4px; padding: 0 4px; font-weight: 600; }
.bc-path { font-size: 0.85em; margin: 2px 0 4px 0; }
.bc-text { font-size: 0.92em; }
.bc-context { max-height: 640px; overflow-y: auto; position: relative; }
.bc-ctx { border-radius: 6px; padding: 8px 10px; margin-bottom: 8px; white-space: pre-wrap; font-size: 0.9em;
          border: 1px dashed var(--border-color-primary); background: var(--background-fill-secondary); }
.bc-ctx.bc-cur { border: 2px solid #2f6fb3; background: var(--background-fill-primary); font-size: 0.95em;
                 box-shadow: 0 0 0 3px rgba(47, 111, 179, 0.25); }
.bc-ctx-badge { display: inline-block; background: #2f6fb3; color: #fff; border-radius: 4px; padding: 0 6px;
                font-size: 0.8em; font-weight: 600; margin-bottom: 4px; }
#bc-figures table, #bc-figures td, #bc-figures th, #bc-docs table, #bc-docs td, #bc-docs th,
#bc-figures span, #bc-docs span { font-family: var(--font) !important; }
/* the figures table: the long Mục and Báo cáo cells on one line (the whole text on hover), so many rows fit */
#bc-figures [role=gridcell] span[title] { display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
                             max-width: 100%; }
#bc-figures th .header-content { cursor: pointer; }
/* the series chart (ui/chart.py, width "container") spans the box: Gradio centres the plot in a flex column */
#bc-series-plot .vega-embed { width: 100%; }
.bc-ctx-path { font-size: 0.85em; font-weight: 600; margin-bottom: 4px; }
/* phones and narrow windows: the conversation grows with its answers and the page scrolls, so no
   fixed-height box hides an answer */
@media (max-width: 768px) {
  #bc-chat { height: auto !important; max-height: none !important; overflow: visible !important; }
  #bc-chat .bubble-wrap { height: auto !important; max-height: none !important; overflow: visible !important; }
  .bc-context { max-height: none; }
}
mark { background: #ffe066; color: #000; padding: 0 2px; border-radius: 2px; }
"""


def answer_figures(answer: str) -> list:
    """The figures an answer states (numbers, percentages, ratios; not dates or document numbers)."""
    from index.numbers import find_numbers
    found = find_numbers(strip_markers(answer))
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


def chunk_body(text: str) -> str:
    """A chunk's text as shown: without its header (index.chunking owns the format), blank runs folded."""
    body = re.sub(r"\n\s*\n\s*\n+", "\n\n", without_header(text or ""))
    return body if body.strip() else (text or "")


_SENTENCE_END = re.compile(r"\.[ \t]+|\n")
_LIST_NUMBER = re.compile(r"(?:[0-9]+|[IVXLC]+|[a-zđ])(?:\.[0-9]+)*", re.IGNORECASE)


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts: after the last ". " or line break before it, else 0.

    The dot of a list number at a line's start ("5. Duy trì", "1.2. Phát triển") ends no sentence."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        if m.group() != "\n":
            line = text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip()
            if _LIST_NUMBER.fullmatch(line):
                continue
        start = m.end()
    return start


def excerpt(text: str, spans: list[tuple[int, int]], width: int = 600) -> tuple[str, list[tuple[int, int]]]:
    """A window of a long passage, from the sentence holding its first marked figure (spans shifted)."""
    if len(text) <= width:
        return text, spans
    first = min((s for s, _ in spans), default=0)
    start = sentence_start(text, first)
    if first - start > width // 2:  # a very long sentence: start at a word near the figure
        start = text.find(" ", first - width // 3) + 1
    end = min(len(text), start + width)
    if end < len(text) and " " in text[end - 30:end]:
        end = text.rfind(" ", end - 30, end)
    lead = "… " if start else ""
    shifted = [(s - start + len(lead), e - start + len(lead)) for s, e in spans if s >= start and e <= end]
    return lead + text[start:end] + (" …" if end < len(text) else ""), shifted


def where(section_path: list[str]) -> str:
    return " › ".join(section_path or []) or "Phần đầu văn bản"


def citation_card(c: Citation, figures: list, ocr: bool = False) -> str:
    """One cited passage: report, file name (the same report as .txt and .pdf are told apart), period, page,
    an "đã OCR" mark when its text was read by OCR, the section, and the excerpt with the figures marked."""
    text = re.sub(r"\s*\n\s*", "\n", chunk_body(c.text))
    shown, spans = excerpt(text, figure_spans(text, figures))
    meta = [f'<span class="bc-file" title="Tệp nguồn (source file)">{html.escape(c.source)}</span>',
            html.escape(c.period or ""), f"trang {c.page}" if c.page else "",
            '<span class="bc-ocr" title="Văn bản đọc bằng nhận dạng ký tự (OCR): có thể sai chữ, nên đối chiếu '
            'bản gốc (text read by OCR)">đã OCR</span>' if ocr else ""]
    meta_html = " · ".join(m for m in meta if m)
    return (
        f'<div class="bc-card"><div class="bc-head"><span class="bc-n">[{int(c.id)}]</span>'
        f'{html.escape(c.title or c.source)}</div>'
        f'<div class="bc-meta">{meta_html}</div>'
        f'<div class="bc-path">{html.escape(where(c.section_path))}</div>'
        f'<div class="bc-text">{highlight(shown, spans).replace(chr(10), "<br>")}</div></div>'
    )


def citation_cards(answer: Answer, question: str = "", ocr_sources=frozenset()) -> str:
    if not answer.citations:
        return ""
    figures = answer_figures(short_answer(answer, question))
    return '<div class="bc-cards">' + "".join(citation_card(c, figures, c.source in ocr_sources)
                                              for c in answer.citations) + "</div>"


# a quoted sentence and its markers in an extractive answer: “…” [1] (mục …)
_QUOTE = re.compile(r"“(?P<quote>[^”]+)”\s*(?P<marks>(?:\[\d+\])+)(?:\s*\((?:[^()]|\([^()]*\))*\))?")
_CLAUSE_SPLIT = re.compile(r"(;\s+|:\s+|,\s+)")
_CHANGE = re.compile(r"(tăng|giảm|bằng|tương đương)\b", re.IGNORECASE)
_QUESTION_WORDS = {"bao", "nhieu", "la", "co", "gi", "thi", "sao", "con", "cua", "trong", "va", "the", "nao",
                   "duoc", "may", "nhung", "cac", "nhu"}


def clause_of_figure(sentence: str, question: str = "") -> str:
    """The clause of `sentence` that states a figure, the one sharing most words with `question`.

    A clause ends at ", ", "; " or ": " (a decimal comma has no space after it); the change that follows
    ("…, tăng 7,65%") stays with it.  No clause with a figure: the whole sentence."""
    from index.vntext import folded_tokens
    parts = _CLAUSE_SPLIT.split(sentence.strip().rstrip("."))
    clauses, seps = parts[0::2], parts[1::2]
    wanted = {t for t in folded_tokens(question) if t not in _QUESTION_WORDS}
    best, best_score = None, -1
    for i, clause in enumerate(clauses):
        if not answer_figures(clause):
            continue
        score = len(wanted & set(folded_tokens(clause)))
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return sentence.strip()
    text = clauses[best]
    if best + 1 < len(clauses) and seps[best].startswith(",") and _CHANGE.match(clauses[best + 1]):
        text += ", " + clauses[best + 1]
    return text[:1].upper() + text[1:]


def short_answer(answer: Answer, question: str = "") -> str:
    """The answer as a line per quote: the figure's clause and its [n] (the card shows the full sentence).

    An answer not made of quotes (a model's answer, an abstention) is kept whole."""
    quotes = list(_QUOTE.finditer(answer.text or ""))
    if answer.abstained or not quotes:
        return answer.text
    return "\n".join(f"{clause_of_figure(m['quote'], question)} {m['marks']}" for m in quotes)


def answer_message(answer: Answer, question: str = "", ocr_sources=frozenset()) -> str:
    """The chat bubble of a finished answer: a short answer line with [n], a flag if any, then the cards
    (each card holds its full sentence once)."""
    text = html.escape(short_answer(answer, question))
    if answer.flagged:
        text += f"\n\n(!) Câu trả lời của mô hình bị loại ({html.escape(answer.flagged.reason)}); " \
                "đây là câu trả lời trích xuất."
    return text + citation_cards(answer, question, ocr_sources)


def scope_note(sources, periods) -> str:
    """Why an answer may be missing: the chat's scope is narrowed."""
    picked = ", ".join([*(sources or []), *(periods or [])])
    return (f"(Đang giới hạn phạm vi hỏi: {picked}. Bỏ bớt lựa chọn ở ô phạm vi để hỏi trong tất cả báo cáo "
            "— the scope is narrowed.)")


def stream_words(text: str, step: int = 3):
    """Prefixes of `text`, a few words at a time (to stream an extractive answer)."""
    parts = re.split(r"(\s+)", text)
    for i in range(0, len(parts), 2 * step):
        yield "".join(parts[: i + 2 * step])


def citation_label(c: Citation) -> str:
    """A cited passage in the "Đoạn được trích dẫn" list: its last heading (what sets it apart) and page."""
    label = f"[{c.id}] {c.section_path[-1] if c.section_path else where([])}"
    return label + (f" · trang {c.page}" if c.page else "")


def citation_choices(answer: Answer) -> list[tuple[str, str]]:
    return [(citation_label(c), c.chunk_id) for c in answer.citations]


def context_html(chunks: list[dict], chunk_id: str, cite: Citation, answer_text: str) -> str:
    """A cited chunk between the previous and next chunks of its report (`chunks`), itself highlighted."""
    idx = next((i for i, ch in enumerate(chunks) if ch["chunk_id"] == chunk_id), None)
    if idx is None:
        return "<p>Không tìm thấy đoạn này trong kho (báo cáo có thể đã bị xóa).</p>"
    figures = answer_figures(answer_text)
    blocks = []
    for i in range(max(0, idx - 1), min(len(chunks), idx + 2)):
        ch = chunks[i]
        cur = i == idx
        text = chunk_body(ch["text"])
        body = highlight(text, figure_spans(text, figures)) if cur else html.escape(text)
        page = f" · trang {ch['page']}" if ch.get("page") else ""
        badge = f'<div class="bc-ctx-badge">Đoạn được trích dẫn [{int(cite.id)}]</div>' if cur else ""
        blocks.append(f'<div class="bc-ctx{" bc-cur" if cur else ""}"{" id=bc-ctx-cur" if cur else ""}>{badge}'
                      f'<div class="bc-ctx-path">{html.escape(where(ch["section_path"]))}{page}</div>{body}</div>')
    head = f"<p><b>{html.escape(cite.title or cite.source)}</b> — đoạn {idx + 1}/{len(chunks)}</p>"
    return f'<div class="bc-context">{head}{"".join(blocks)}</div>'


# run in the browser once the context is shown: the panel scrolls to the cited chunk (its top at the panel's
# top); after «Xem trong văn bản» the page too, when the chunk is not in the upper part of the window (the
# right column is long, and on a phone the columns stack)
_SCROLL_JS = """() => { setTimeout(() => {
  const cur = document.querySelector('#bc-context .bc-ctx.bc-cur');
  if (!cur) return;
  const box = cur.closest('.bc-context');
  if (box) box.scrollTop = cur.offsetTop - 4;
  const top = cur.getBoundingClientRect().top;
  if (%s && (top < 0 || top > window.innerHeight * 0.4)) window.scrollBy(0, top - 80);
}, 60); }"""
SCROLL_TO_CITED_JS = _SCROLL_JS % "true"
SCROLL_PANEL_TO_CITED_JS = _SCROLL_JS % "false"


# run once on page load: a click on a figures-table header sorts by that column (ascending, then descending),
# through the Dataframe's own sort (its header menu), so sorting keeps Gradio's sort of the underlying values
HEADER_SORT_JS = """() => {
  document.addEventListener('click', (event) => {
    const th = event.target.closest('#bc-figures th');
    if (!th || event.target.closest('.cell-menu-button, .cell-menu')) return;
    const button = th.querySelector('.cell-menu-button');
    if (!button) return;
    event.stopPropagation();       // Gradio's own header click would close the menu opened here
    event.preventDefault();
    button.click();
    let tries = 0;
    const pick = () => {            // the menu renders a frame or two later
      const items = document.querySelectorAll('.cell-menu [role=menuitem]');
      if (items.length < 2) { if (++tries < 30) setTimeout(pick, 20); return; }
      (items[0].classList.contains('active') ? items[1] : items[0]).click();
    };
    setTimeout(pick, 20);
  }, true);
}"""


def figure_card(row: dict) -> str:
    """A figure-table row as a card: the value as printed, its metric, report, place, and the sentence."""
    sentence, raw = row.get("sentence") or "", row.get("raw") or ""
    start = sentence.find(raw) if raw else -1
    spans = [(start, start + len(raw))] if start >= 0 else []
    page = f" · trang {row['page']}" if row.get("page") else ""
    where_ = " · ".join(x for x in (row.get("title") or row.get("source") or "", row.get("province") or "",
                                     row.get("period") or "") if x)
    value = f"{row.get('value_text') or ''} {row.get('unit') or ''}".strip()
    return (f'<div class="bc-card"><div class="bc-head">{html.escape(value)} — {html.escape(row.get("metric") or "")}'
            f'</div><div class="bc-meta">{html.escape(where_)}{page}</div>'
            f'<div class="bc-path">{html.escape(row.get("section") or "")}</div>'
            f'<div class="bc-text">{highlight(sentence, spans)}</div></div>')

