"""Questions about the report itself (who signed, who issued, whom it was sent to) are answered by the
block every report prints, quoted as printed, from a report of the period asked: never by a body
sentence that happens to share a word ("đăng ký" is not "ký")."""
from __future__ import annotations

import pytest
from langchain_core.documents import Document

from qa.extractive import select
from qa.pipeline import ask
from qa.report_parts import HEADER, RECIPIENTS, SIGNATURE, block_text, report_part_asked


@pytest.mark.parametrize("question, part", [
    ("Ai là người ký báo cáo?", SIGNATURE),
    ("Báo cáo 9 tháng năm 2025 của Gia Lai do ai ký?", SIGNATURE),
    ("Nguoi ky bao cao giu chuc vu gi?", SIGNATURE),                 # without marks: "người ký"
    ("Uỷ ban nhân dân tỉnh nào ban hành báo cáo này?", HEADER),
    ("Cơ quan nào ban hành báo cáo tình hình kinh tế - xã hội tháng 10/2023?", HEADER),
    ("Báo cáo được lưu ở những bộ phận nào?", RECIPIENTS),
    ("Sở Công Thương gửi báo cáo tháng 11/2023 tới những cơ quan nào?", RECIPIENTS),
    ("Có bao nhiêu doanh nghiệp đăng ký thành lập mới?", None),      # "đăng ký" registers, signs nothing
    ("Kỳ báo cáo là tháng mấy?", None),                               # "kỳ" is a period, not "ký"
    ("Trong tháng UBND tỉnh ban hành bao nhiêu văn bản?", None),     # a count of documents issued
    ("Tỉnh gửi bao nhiêu tấn hàng tới Trung Quốc?", None),
    ("Có bao nhiêu người ký hợp đồng lao động trong tháng?", None),  # a count of people signing
    ("Ai ký kết biên bản hợp tác với tỉnh?", None),                   # "ký kết": an agreement, not the report
    ("Người ký giữ chức vụ gì?", None),                               # no report named: nothing to go on
])
def test_which_block_a_question_asks_for(question, part):
    assert report_part_asked(question) == part


def _block(body: str, kind: str, fit: str = "exact", unmet=None) -> Document:
    return Document(page_content=body, metadata={
        "body": body, "section_path": ["Chữ ký"], "footnotes": [], "title": "", "province": "", "period": "",
        "kind": kind, "period_fit": fit, "constraint_unmet": unmet or {}})


SIGNED = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nPhan Thanh Hải"
NEWS = "Trong tháng có 250 doanh nghiệp đăng ký thành lập mới."


def test_the_signature_block_is_quoted_as_printed():
    news = Document(page_content=NEWS, metadata={"body": NEWS, "section_path": ["Doanh nghiệp"], "kind": "body",
                                                 "footnotes": [], "title": "", "province": "", "period": ""})
    picked = select("Ai là người ký báo cáo?", [news, _block(SIGNED, SIGNATURE)], lambda t: 2.0)
    assert not picked["abstained"]
    assert picked["quotes"] == [("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Phan Thanh Hải", 1, False)]
    assert block_text(SIGNED) in block_text(SIGNED + "\n\n")


@pytest.mark.parametrize("fit, unmet", [("covers", None), ("exact", {"period": ["năm 2021"]})])
def test_another_periods_report_does_not_answer_for_its_block(fit, unmet):
    """'Ai ký báo cáo năm 2021?': a 2022 report covers 2021 through its comparisons, but its signature is
    not the 2021 report's; nor is any block when no report has the period asked."""
    picked = select("Ai ký báo cáo năm 2021?", [_block(SIGNED, SIGNATURE, fit, unmet)], lambda t: 2.0)
    assert not picked["quotes"] or "Phan Thanh Hải" not in picked["quotes"][0][0]


@pytest.mark.parametrize("question, printed", [
    ("Ai là người ký báo cáo?", "Dương Xuân Huyền"),
    ("Nguoi ky bao cao giu chuc vu gi?", "PHÓ CHỦ TỊCH"),
    ("Ủy ban nhân dân tỉnh nào ban hành báo cáo này?", "Lạng Sơn"),
    ("Báo cáo được gửi tới những cơ quan nào?", "Thường trực Tỉnh ủy"),
])
def test_the_sample_reports_blocks_answer_questions_about_it(sample_system, question, printed):
    """End to end on a real store: the retriever brings the block, the answer cites it."""
    out = ask(sample_system, question)
    assert not out.abstained and printed in out.text
    assert out.citations[0].text and printed in out.citations[0].text
