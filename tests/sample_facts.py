"""What the sample report says, read straight from its text: the reference the format tests compare to.

Shared by the structure, DOCX, PDF and end-to-end tests (imported, not a test module).
"""
from __future__ import annotations

import re

SUPS = "¹²³⁴⁵⁶⁷⁸⁹⁰"

# footnote number -> the section (last heading) of the paragraph that cites it
FOOTNOTE_SECTION = {
    "1": "1.1. Sản xuất nông, lâm nghiệp và xây dựng nông thôn mới",
    "2": "1.1. Sản xuất nông, lâm nghiệp và xây dựng nông thôn mới",
    "3": "1.2. Phát triển kinh tế cửa khẩu",
    "4": "1.3. Hoạt động đầu tư xây dựng kết cấu hạ tầng",
    "5": "1.4. Sản xuất công nghiệp; thương mại, dịch vụ và du lịch",
    "6": "2. Lĩnh vực văn hóa - xã hội",
    "7": "4. Tài nguyên và môi trường, khoa học và công nghệ",
    "8": "III. NHIỆM VỤ TRỌNG TÂM THÁNG 02 NĂM 2023",
    "9": "III. NHIỆM VỤ TRỌNG TÂM THÁNG 02 NĂM 2023",
}


def ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def source_footnotes(text: str) -> dict[str, str]:
    """Footnote texts straight from the sample, footnote 4 re-joined from its two printed parts."""
    notes = {}
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        m = re.match(rf"^([{SUPS}]+)\s+(.*)$", block, re.S)
        if m:
            notes[m.group(1).translate(str.maketrans(SUPS, "1234567890"))] = ws(m.group(2))
        elif block.startswith("hoạch giao đầu năm"):
            notes["4"] += " " + ws(block)
    return notes


def source_body_fragments(text: str) -> list[str]:
    """Sentence pieces of every non-footnote paragraph, references and italics marks removed."""
    frags = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block or re.match(rf"^[{SUPS}]", block) or block.startswith("hoạch giao đầu năm"):
            continue
        block = re.sub(rf"(?<!m)[{SUPS}]+", "", block).replace("*", "")
        frags += [f for f in re.split(r"(?<=[.;:])\s+", ws(block)) if len(f) >= 12]
    return frags
