"""Abbreviations: a question in full words finds the report's abbreviation, and the other way round."""
import pytest

from index.abbreviations import ABBREVIATIONS, alternate_runs
from index.lexical import LexicalIndex
from index.vntext import fold_token, folded_tokens, query_terms

CHUNKS = [
    ("c-cccd", "Trong tháng đã thu nhận 5.919 hồ sơ CCCD, lũy kế đã thu nhận 664.925 hồ sơ."),
    ("c-ubnd", "Ủy ban nhân dân tỉnh ban hành kế hoạch phòng cháy chữa cháy mùa khô."),
    ("c-other", "Tổng kim ngạch xuất nhập khẩu ước đạt 250 triệu USD, tăng 12% so với cùng kỳ."),
    ("c-noise", "Công dân được hướng dẫn nộp hồ sơ trực tuyến tại bộ phận một cửa."),
]


@pytest.fixture(scope="module")
def lexical():
    idx = LexicalIndex(None)
    idx.add_document("r.txt", "sha", CHUNKS)
    return idx


@pytest.mark.parametrize("question, expected", [
    ("căn cước công dân", "c-cccd"),        # words -> the report's abbreviation (not "công dân" elsewhere)
    ("can cuoc cong dan", "c-cccd"),        # ... typed without diacritics
    ("UBND", "c-ubnd"),                     # abbreviation -> the report's words
    ("PCCC", "c-ubnd"),
    ("XNK", "c-other"),
])
def test_either_form_finds_the_other(lexical, question, expected):
    top_id, score = lexical.search(query_terms(question), k=1)[0]
    assert top_id == expected and score > 0


def test_expansion_is_found_in_both_tone_placements_and_as_tokens():
    assert alternate_runs(folded_tokens("Uỷ ban nhân dân tỉnh")) == [("ubnd",)]
    # "tháng 01" also has its other form in the vocabulary bridge ("tháng giêng")
    assert alternate_runs(folded_tokens("tình hình KT-XH tháng 01")) == [("kinh", "te", "xa", "hoi"),
                                                                        ("thang", "gieng")]
    assert alternate_runs(folded_tokens("Sở GD&ĐT")) == [("giao", "duc", "va", "dao", "tao")]
    assert alternate_runs(folded_tokens("xã hội hóa")) == []          # a part of an expansion is not it


def test_only_unambiguous_abbreviations_are_listed():
    for short in ABBREVIATIONS:
        letters = "".join(folded_tokens(short))
        assert len(letters) >= 3 or short in {"TW", "TP", "DN", "XK"}, short
    # "NK" is also "nhiệm kỳ", "KH" "kế hoạch" and "khoa học"
    assert "TT" not in ABBREVIATIONS and "KH" not in ABBREVIATIONS and "HS" not in ABBREVIATIONS
    assert "NK" not in ABBREVIATIONS


def test_sample_answers_a_question_that_spells_the_abbreviation_out(sample_system):
    from qa.pipeline import ask
    out = ask(sample_system, "Trong tháng 01, tỉnh thu nhận bao nhiêu hồ sơ căn cước công dân?")
    assert not out.abstained
    assert "5.919" in out.text and "CCCD" in out.text


def test_vocabulary_phrases_are_matched_whole():
    from index.abbreviations import phrase_alternates
    found = phrase_alternates(folded_tokens("Gà vịt các loại có bao nhiêu con?"))
    assert found == [(0, 2, [("gia", "cam")])]
    assert phrase_alternates(folded_tokens("Tổng đàn vịt có bao nhiêu con?")) == []   # "vịt" alone is not "gia cầm"
    assert (0, 2, [("doanh", "nghiep"), ("dn",)]) in phrase_alternates(folded_tokens("công ty mới mở"))


def test_exports_to_a_country_said_the_everyday_way_meet_the_reports_words():
    """People say "hàng bán sang Mỹ"; reports say "xuất khẩu sang Hoa Kỳ"."""
    from langchain_core.documents import Document
    from qa.extractive import select
    body = ("Trong tổng số 5 tháng, doanh thu bán lẻ hàng hóa đạt 226.815 tỷ đồng, tăng 8,6%.\n"
            "Về thị trường, xuất khẩu sang Hoa Kỳ 5 tháng đạt 3.891 triệu USD, giảm 14,3%.")
    doc = Document(page_content=body, metadata={"body": body, "section_path": ["Thương mại"], "title": "",
                                                 "province": "", "period": "", "issuer": ""})
    picked = select("5 tháng đầu năm, hàng bán sang Mỹ giảm bao nhiêu phần trăm?", [doc], lambda t: 2.0,
                    threshold=0.0)
    assert not picked["abstained"] and "14,3%" in picked["quotes"][0][0]


@pytest.mark.parametrize("question", ["Tháng 1 hàng qua cửa khẩu được bao nhiêu đô?",
                                      "Tháng 1 hàng qua cửa khẩu được mấy trăm triệu đô?"])
def test_dollars_said_the_everyday_way_meet_usd(question):
    """'bao nhiêu đô', 'triệu đô' are USD: a sentence in USD holds the question's "đô", one in đồng not."""
    from qa.extractive import Scorer
    from qa.question import analyse
    scorer = Scorer(analyse(question), lambda t: 2.0)
    assert "a:đô" in scorer.terms_of("Kim ngạch xuất nhập khẩu tháng 01 đạt 250 triệu USD.")
    assert "a:đô" not in scorer.terms_of("Thu ngân sách tháng 01 đạt 250 tỷ đồng.")


@pytest.mark.parametrize("question, phrase, report", [
    ("Bệnh nhân vừa lòng cỡ bao nhiêu phần trăm?", "vừa lòng", "Tỷ lệ người bệnh hài lòng đạt 94,2%."),
    ("Đèn đường tiết kiệm được bao nhiêu điện?", "đèn đường", "Hệ thống chiếu sáng công cộng tiết kiệm 12 triệu kWh."),
    ("Tiền sai phạm đã lấy lại được bao nhiêu?", "lấy lại", "Đã thu hồi 1,2 tỷ đồng sai phạm."),
    ("Huyện tiêu hết bao nhiêu tiền ngân sách?", "tiêu hết", "Tổng chi ngân sách địa phương 6 tháng đạt 98 tỷ đồng."),
    ("Hà Nội có bao nhiêu cây xăng?", "cây xăng", "Trên địa bàn hiện có 578 cửa hàng bán lẻ xăng dầu."),
    ("Vật giá tháng sáu nhích lên bao nhiêu?", "vật giá", "Chỉ số giá tiêu dùng tháng 6 tăng 0,27%."),
    ("Tiền du lịch quý 1 kiếm được bao nhiêu?", "tiền du lịch", "Tổng doanh thu du lịch ước đạt 10.480 tỷ đồng."),
])
def test_peoples_words_from_the_paraphrased_sets_meet_the_reports(question, phrase, report):
    """Entries grown from the people's-words dev splits: each is the report's word in any report."""
    from index.lexical import chunk_terms
    pair = "b:" + "_".join(fold_token(w) for w in phrase.split()[:2])     # the phrase as BM25 reads it
    assert pair in query_terms(question)
    assert pair in chunk_terms(report)                              # the report's words carry it
    assert pair not in chunk_terms("Trong tháng không có số liệu.")


@pytest.mark.parametrize("question, other", [
    ("Nửa đầu năm Đồng Tháp bán hàng ra nước ngoài được bao nhiêu?", ("xuat", "khau")),
    ("Quảng Trị mua hàng từ nước ngoài hết bao nhiêu tiền?", ("nhap", "khau")),
    ("Có bao nhiêu sĩ tử dự thi?", ("thi", "sinh")),
    ("Có bao nhiêu học sinh cấp 3?", ("trung", "hoc", "pho", "thong")),
    ("Năm 2024 có mấy vụ hỏa hoạn?", ("chay",)),
    ("Hồ sơ nộp qua mạng chiếm mấy phần trăm?", ("truc", "tuyen")),
    ("Lương trung bình mỗi tháng bao nhiêu?", ("binh", "quan")),
    ("Bà con đánh bắt được bao nhiêu tấn tôm cá?", ("thuy", "san")),
    ("Bao nhiêu công ty xin nghỉ kinh doanh một thời gian?", ("tam", "ngung", "kinh", "doanh")),
    ("xa An Thanh co bao nhieu ho buon ban, kinh doanh nho le", ("kinh", "doanh", "ca", "the")),
    ("Mỗi người dân kiếm được trung bình bao nhiêu tiền một năm?", ("binh", "quan", "dau", "nguoi")),
    ("Xã còn mấy nhà nghèo thế?", ("ho", "ngheo")),
    ("Nam 2024 nganh y te tuyen them duoc may bac si?", ("tuyen", "dung", "moi")),
    ("Cho hỏi lượt tiếp dân ở Điện Biên 6 tháng đầu 2023?", ("tiep", "cong", "dan")),
    # an abbreviation meets the report's words through the bridge in one step, not two (composed tables)
    ("Dân đi XKLĐ được vay bao nhiêu tiền?", ("di", "lam", "viec", "o", "nuoc", "ngoai")),
])
def test_peoples_words_from_the_paraphrased_sets_meet_the_reports_terms(question, other):
    """Grown from the ways eval/people_*.jsonl say things; each is a synonym in any report (a table entry
    no longer moves other questions' BM25 ranks: a chunk's length counts its own terms)."""
    from index.abbreviations import phrase_alternates
    found = [o for _, _, others in phrase_alternates(folded_tokens(question)) for o in others]
    assert other in found


def test_a_department_merged_in_2025_asked_by_its_abbreviation_is_its_reports_issuer():
    """"Sở NN&MT Hà Tĩnh" asked: a report issued by "Sở Nông nghiệp và Môi trường tỉnh Hà Tĩnh" holds the
    name; before the 2025 departments were listed the answerer found the name in no passage and abstained."""
    from langchain_core.documents import Document
    from qa.extractive import select
    body = "Vụ Đông Xuân 2024 - 2025, toàn tỉnh gieo cấy 58.420 ha lúa, đạt 100,7% kế hoạch."
    doc = Document(page_content=body, metadata={
        "body": body, "section_path": ["Trồng trọt"], "footnotes": [], "title": "Báo cáo 6 tháng đầu năm 2025",
        "province": "Hà Tĩnh", "period": "", "issuer": "Sở Nông nghiệp và Môi trường tỉnh Hà Tĩnh"})
    picked = select("Theo báo cáo của Sở NN&MT Hà Tĩnh, toàn tỉnh gieo cấy bao nhiêu ha lúa Đông Xuân?",
                    [doc], lambda t: 2.0, threshold=0.0)
    assert not picked["abstained"] and "58.420 ha" in picked["quotes"][0][0]
    assert alternate_runs(folded_tokens("Sở KH&CN")) == [("khoa", "hoc", "va", "cong", "nghe")]


@pytest.mark.parametrize("question, other", [
    ("Có bao nhiêu học sinh cấp 3?", ("thpt",)),          # cấp 3 -> trung học phổ thông = THPT
    ("Có bao nhiêu công ty mới mở?", ("dn",)),            # công ty -> doanh nghiệp = DN
])
def test_a_bridge_entry_meets_the_abbreviation_of_its_report_term(question, other):
    from index.abbreviations import phrase_alternates
    found = [o for _, _, others in phrase_alternates(folded_tokens(question)) for o in others]
    assert other in found


def test_a_report_term_asked_is_not_met_by_a_passages_everyday_words():
    """The bridge says people's "cho vay" may mean the report's "dư nợ tín dụng"; it does not make a
    passage's "cho vay nặng lãi" the credit balance asked in the report's own term (search still reads
    both ways: recall is its concern)."""
    from index.abbreviations import alternate_runs, phrase_alternates
    asked = [o for _, _, others in phrase_alternates(folded_tokens("dư nợ tín dụng tháng 1")) for o in others]
    assert ("cho", "vay") not in asked
    people = [o for _, _, others in phrase_alternates(folded_tokens("ngân hàng cho vay bao nhiêu")) for o in others]
    assert ("du", "no", "tin", "dung") in people
    assert ("cho", "vay") in alternate_runs(folded_tokens("dư nợ tín dụng đạt 39.420 tỷ đồng"))
    # an abbreviation and its expansion stand for each other both ways
    assert ("nsnn",) in [o for _, _, others in phrase_alternates(folded_tokens("ngân sách nhà nước")) for o in others]
