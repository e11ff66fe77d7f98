"""The guard on generated answers: citations must point at passages, figures must be in them.

Every number a model writes must occur — after normalising Vietnamese formats
(1.226,1 = 1226.1; 45 tỷ = 45.000 triệu) — in a passage it cites; an answer that cites
nothing, or states a figure no cited passage holds, is rejected with the reason, and the
pipeline returns the extractive answer instead.
"""
from __future__ import annotations

from dataclasses import dataclass

from .results import parse_markers, strip_markers

ABSTAIN_CUES = ("không tìm thấy thông tin", "không có thông tin", "không chứa thông tin",
                "khong tim thay thong tin")


@dataclass(frozen=True)
class Verdict:
    text: str                   # the answer with only valid [n] markers
    cited: list[int]            # passage numbers cited, in order (1-based)
    abstained: bool             # the model said the passages do not hold the answer
    problem: str | None         # why the answer cannot be shown (None = it passes)


def figure_guard(answer: str, cited_texts: list[str]) -> list[str]:
    """Numbers in the answer that no cited passage holds (empty list = all figures check out)."""
    from index.numbers import find_numbers, number_in_text
    joined = "\n".join(cited_texts)
    bad = []
    for mention in find_numbers(strip_markers(answer)):
        ok = any(number_in_text(mention, t) for t in cited_texts) or mention.raw in joined
        if not ok:
            bad.append(mention.raw)
    return bad


def check(raw: str, passages: list[str]) -> Verdict:
    """Judge a generated answer against the numbered passages it was given."""
    text, cited = parse_markers(raw, len(passages))
    low = text.lower()
    if not passages or any(c in low for c in ABSTAIN_CUES):
        return Verdict(text, [], True, None)
    if not cited:
        return Verdict(text, cited, False, "câu trả lời không trích dẫn đoạn nào")
    bad = figure_guard(text, [passages[i - 1] for i in cited])
    if bad:
        return Verdict(text, cited, False, f"số liệu không có trong đoạn được trích: {', '.join(bad)}")
    return Verdict(text, cited, False, None)
