"""Questions about the report itself: who signed it, who issued it, whom it was sent to.

"Ai là người ký báo cáo?", "Ủy ban nhân dân tỉnh nào ban hành báo cáo này?", "Báo cáo được gửi tới
những cơ quan nào?" are answered by a block every report prints — the signature, the header (issuer,
number, place and date) and the recipients list ("Nơi nhận") — not by a sentence of the body.  No
body sentence holds "ký" in that sense ("đăng ký" does, which is why word overlap alone quoted a
sentence about registered enterprises).  The retriever adds the block of the best-ranked report
(qa/retriever.py) and the answerer quotes it as printed (qa/extractive.py: select).

Accent-aware like the rest of the answerer: "ký" typed with its marks is "sign", never "kỳ" (a
period); a question typed without diacritics names the signer only as "người ký" / "ai ký" / "ký tên".
"""
from __future__ import annotations

import re

from index.vntext import canonical, has_diacritics, strip_diacritics

# the chunk kinds of index/structure.py that hold each block
SIGNATURE, HEADER, RECIPIENTS = "signature", "header", "recipients"

_OF_THE_REPORT = re.compile(r"\b(?:bao cao|van ban)\b")
_COUNT = re.compile(r"\b(?:bao nhieu|may)\b")
_SIGNS_MARKED = re.compile(r"\b(?:người|ai|đã)\s+ký\b(?!\s+kết)|\bký\s+(?:báo cáo|văn bản|tên|ban hành)\b",
                           re.IGNORECASE)
_SIGNS_FOLDED = re.compile(r"\b(?:nguoi|ai)\s+ky\b(?!\s+ket)|\bky\s+ten\b")
# "… nào / ai ban hành báo cáo", "báo cáo (này) do … nào ban hành", "báo cáo của cơ quan nào"
_ISSUED = re.compile(r"\b(?:nao|ai)\b.*\bban hanh\b.*\bbao cao\b|\bbao cao\b.*\b(?:nao|ai)\b.*\bban hanh\b"
                     r"|\bbao cao\b(?: nay)?(?: la)? cua (?:co quan|don vi|ai|uy ban|ubnd)\b")
# "báo cáo được gửi tới …", "gửi báo cáo … tới những cơ quan nào", "nơi nhận", "lưu ở bộ phận nào"
_SENT = re.compile(r"\bgui\b(?:.*\bbao cao\b)?.*\b(?:toi|den|cho)\b|\bnoi nhan\b|\bluu (?:o|tai)\b")
_WHICH = re.compile(r"\b(?:nao|ai|dau|gi)\b")


def report_part_asked(question: str) -> str | None:
    """The block a question about the report itself asks for (SIGNATURE, HEADER, RECIPIENTS), or None."""
    text = canonical(question)
    folded = re.sub(r"\s+", " ", strip_diacritics(text)).lower()
    if not _OF_THE_REPORT.search(folded) or _COUNT.search(folded):
        return None     # about something else ("Ai ký kết hợp tác?"), or a count ("ban hành bao nhiêu văn bản")
    if (_SIGNS_MARKED.search(text) if has_diacritics(text) else _SIGNS_FOLDED.search(folded)):
        return SIGNATURE
    if _ISSUED.search(folded):
        return HEADER
    if "bao cao" in folded and _SENT.search(folded) and _WHICH.search(folded):
        return RECIPIENTS
    return None


def block_text(body: str) -> str:
    """A block's lines as printed, on one line ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH … Dương Xuân Huyền")."""
    return " ".join(line.strip() for line in body.split("\n") if line.strip())
