"""The guard on generated answers: citations must point at passages, figures must be in them.

Every number a model writes must occur — after normalising Vietnamese formats
(1.226,1 = 1226.1; 45 tỷ = 45.000 triệu) — in a passage it cites, and every sentence it
writes must be supported by the passages it cites (most of its content words are theirs:
"Tôi là mô hình AI [1]." is not).  An answer that cites nothing, states a figure no cited
passage holds, or makes an unsupported claim is rejected with the reason, and the pipeline
returns the extractive answer instead.
"""
from __future__ import annotations

from dataclasses import dataclass

from index.vntext import folded_tokens, split_sentences

from .question import STOPWORDS
from .results import MARKER, parse_markers, strip_markers

# share of a sentence's content words its cited passages must hold.  Checked on the extractive
# answers of the dev set (every quoted sentence: 1.0) and on sentences quoted from passages the
# answer did not cite (tests/test_answering.py); a model's own phrasing ("đạt", "khoảng") is
# left room by the other half.
CLAIM_SUPPORT = 0.5

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


def _content(text: str) -> list[str]:
    return [t for t in folded_tokens(strip_markers(text)) if t not in STOPWORDS and not t.isdigit()]


def unsupported_claims(answer: str, passages: list[str], cited: list[int]) -> list[str]:
    """Sentences of the answer whose content words its cited passages do not hold (enough of)."""
    bad = []
    for sentence in split_sentences(answer):
        words = _content(sentence)
        if not words:
            continue
        own = [int(n) for m in MARKER.finditer(sentence) for n in m.group(1).replace(";", ",").split(",")]
        refs = [n for n in own if 1 <= n <= len(passages)] or cited
        vocab = {t for n in refs for t in folded_tokens(passages[n - 1])}
        support = sum(1 for w in words if w in vocab) / len(words)
        if support < CLAIM_SUPPORT:
            bad.append(strip_markers(sentence).strip())
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
    claims = unsupported_claims(text, passages, cited)
    if claims:
        return Verdict(text, cited, False, "câu không có căn cứ trong đoạn được trích "
                       f"(unsupported by the cited passages): {' | '.join(claims)}")
    return Verdict(text, cited, False, None)
